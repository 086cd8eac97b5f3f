package org.jheat.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Comparator;

import org.junit.jupiter.api.Test;

/**
 * The backend seam: device names, the device of results, the mixed-device error, transfers and host segments, and
 * the CPU kernels that have no caller above tensor yet (sort, gather/scatter, generate, argExtreme, searchsorted)
 * against direct element-by-element references.
 */
class BackendTest {
    private static final Device TEST = TestDevice.DEVICE;

    @Test
    void devicesParseAndUnavailableOnesAreListed() {
        assertSame(Device.CPU, Device.of("cpu"));
        assertSame(Device.CPU, Device.of(" CPU:0 "));
        assertEquals(TEST, Device.of("test"));
        assertEquals(TEST, Device.of("test:0"));
        assertEquals("cpu:0", Device.CPU.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Device.of("gpu:1"));
        assertEquals("device 'gpu:1' is not available; available: cpu, test:0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Device.of("cpu:1"));
        assertThrows(IllegalArgumentException.class, () -> Device.of("test:1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Device.of("cpu:x")).getMessage().contains("malformed"));
        assertSame(Backend.cpu(), Device.CPU.backend());
        assertSame(Device.of("test").backend(), TEST.backend());
        assertThrows(IllegalArgumentException.class, () -> Device.useDefault(new Device("gpu", 0)));
        assertSame(Device.CPU, Device.defaultDevice());
    }

    @Test
    void mixedDevicesAreAClearErrorAndResultsStayOnTheirDevice() {
        Tensor a = Tensor.fromArray(new double[] {1, 2, 3});
        Tensor b = a.to(TEST);
        assertEquals(TEST, b.device());
        assertEquals(Device.CPU, a.device());
        assertSame(b, b.to(TEST));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.of(a, b));
        assertEquals("operands on different devices: cpu:0 and test:0; move one with .to(device)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.copyFrom(b));
        assertThrows(IllegalArgumentException.class, () -> Backend.of(b, b, a));
        assertThrows(IllegalArgumentException.class, () -> Backend.cpu().elementwise(Kernels.ADD, false, a, a, b));
        // results of a device's tensors are on that device
        assertEquals(TEST, b.copy().device());
        assertEquals(TEST, b.astype(DType.INT32).device());
        assertEquals(TEST, b.newEmpty(DType.BOOL, 2).device());
        assertEquals(TEST, b.narrow(0, 1, 2).contiguous().device());
        Tensor s = b.backend().reduce(Reductions.SUM, false, b, 0, DType.FLOAT64);
        assertEquals(TEST, s.device());
        assertEquals(6.0, s.getDouble());
        // element access, conversion and transfers go through the backend
        b.setDouble(10, 1);
        assertArrayEquals(new double[] {1, 10, 3}, b.toDoubleArray());
        assertTrue(Tensor.fromArray(new double[] {1, 10, 3}).contentEquals(b.to(Device.CPU)));
        assertArrayEquals(new double[] {1, 2, 3}, a.toDoubleArray());
    }

    @Test
    void hostSegmentIsTheCpuTensorsMemoryAndAStagedCopyOnADevice() {
        Tensor a = Tensor.fromArray(new long[] {5, 6, 7});
        MemorySegment h = a.hostSegment();
        h.setAtIndex(ValueLayout.JAVA_LONG, 1, 60);
        assertEquals(60, a.getLong(1));
        Tensor d = a.to(TEST);
        MemorySegment hd = d.hostSegment();
        assertEquals(60, hd.getAtIndex(ValueLayout.JAVA_LONG, 1));
        hd.setAtIndex(ValueLayout.JAVA_LONG, 1, 1);
        assertEquals(60, d.getLong(1));   // a staged copy: writes do not reach the device tensor
        assertThrows(IllegalStateException.class, () -> Tensor.zeros(DType.INT64, 3, 3).transpose().hostSegment());
    }

    @Test
    void generateFillsRowsWithConversionInAnyLayout() {
        Generator g = new Generator() {
            @Override
            public void doubles(long row, long col, double[] out, int n) {
                for (int i = 0; i < n; i++) out[i] = row * 10000 + col + i + 0.5;
            }

            @Override
            public void longs(long row, long col, long[] out, int n) {
                for (int i = 0; i < n; i++) out[i] = -(row * 10000 + col + i);
            }
        };
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT32, DType.INT64}) {
            for (boolean lp : new boolean[] {false, true}) {
                Tensor c = Tensor.empty(t, 3, 2500);
                Backend.cpu().generate(g, lp, c);
                Tensor strided = Tensor.empty(t, 2500, 3).transpose();   // not contiguous
                Backend.cpu().generate(g, lp, strided);
                for (long r = 0; r < 3; r++) {
                    for (long k = 0; k < 2500; k += 499) {
                        double want = lp ? -(r * 10000 + k) : r * 10000 + k + 0.5;
                        Tensor w = Tensor.full(DType.FLOAT64, want).astype(t);
                        assertEquals(w.getDouble(), c.getDouble(r, k), t + " " + lp);
                        assertEquals(w.getDouble(), strided.getDouble(r, k), t + " " + lp + " strided");
                    }
                }
            }
        }
        Tensor scalar = Tensor.empty(DType.INT64);
        Backend.cpu().generate(g, true, scalar);
        assertEquals(0, scalar.getLong());
    }

    @Test
    void argExtremeTakesNaNFirstAndTheLowerPositionOnTies() {
        Tensor f = Tensor.fromArray(new double[][] {{1, 3, 3, -1}, {2, Double.NaN, 5, Double.NaN}, {-0.0, 0.0, -4, -4}});
        Tensor[] mx = Backend.cpu().argExtreme(f, true), mn = Backend.cpu().argExtreme(f, false);
        assertArrayEquals(new long[] {1, 1, 0}, mx[1].toLongArray());
        assertArrayEquals(new long[] {3, 1, 2}, mn[1].toLongArray());
        assertEquals(DType.FLOAT64, mx[0].dtype());
        assertArrayEquals(new double[] {3, Double.NaN, -0.0}, mx[0].toDoubleArray());
        Tensor i = Tensor.fromArray(new long[][] {{Long.MAX_VALUE, Long.MAX_VALUE - 1}, {7, 7}});
        Tensor[] li = Backend.cpu().argExtreme(i, false);
        assertEquals(DType.INT64, li[0].dtype());
        assertArrayEquals(new long[] {Long.MAX_VALUE - 1, 7}, li[0].toLongArray());
        assertArrayEquals(new long[] {1, 0}, li[1].toLongArray());
        assertArrayEquals(new long[] {-1, -1}, Backend.cpu().argExtreme(Tensor.empty(DType.INT32, 2, 0), true)[1].toLongArray());
    }

    @Test
    void searchsortedIsNumpysOnBothSides() {
        double[] sorted = {0, 1, 1, 2, Double.NaN};
        Tensor x = Tensor.fromArray(new double[][] {{-1, 0, 1}, {1.5, 2, Double.NaN}});
        Tensor out = Tensor.empty(DType.INT64, 2, 3);
        Backend.cpu().searchsorted(x, sorted, false, false, out);
        assertArrayEquals(new long[] {0, 0, 1, 3, 3, 4}, out.toLongArray());
        Backend.cpu().searchsorted(x, sorted, true, false, out);
        assertArrayEquals(new long[] {0, 1, 3, 3, 4, 5}, out.toLongArray());
        Tensor strided = Tensor.empty(DType.INT64, 3, 2).transpose();
        Backend.cpu().searchsorted(x, sorted, true, true, strided);
        assertArrayEquals(new long[] {5, 4, 2, 2, 1, 0}, strided.toLongArray());
    }

    /** out[b, rest] = y[..., idx[0][b], ..., idx[1][b], ...] element by element. */
    private static Tensor gatherReference(Tensor y, int[] axes, long[][] idx, int nb) {
        int nd = y.ndim();
        long[] restShape = new long[nd - axes.length];
        for (int d = 0, r = 0; d < nd; d++) if (Arrays.binarySearch(axes, d) < 0) restShape[r++] = y.shape(d);
        long rest = Shapes.size(restShape);
        long[] os = new long[restShape.length + 1];
        os[0] = nb;
        System.arraycopy(restShape, 0, os, 1, restShape.length);
        Tensor out = Tensor.empty(y.dtype(), os);
        for (int b = 0; b < nb; b++) {
            for (long e = 0; e < rest; e++) {
                long[] pos = new long[nd];
                long rem = e;
                for (int d = nd - 1; d >= 0; d--) {
                    int k = Arrays.binarySearch(axes, d);
                    if (k >= 0) {
                        pos[d] = idx[k][b];
                    } else {
                        pos[d] = rem % y.shape(d);
                        rem /= y.shape(d);
                    }
                }
                out.setDoubleFlat(y.getDouble(pos), b * rest + e);
            }
        }
        return out;
    }

    @Test
    void gatherAndScatterRowsMatchElementByElementReferences() {
        // short contiguous rows, short strided rows, and rows longer than the view threshold
        long[][] shapes = {{5, 4, 3}, {6, 7, 300}};
        for (long[] sh : shapes) {
            Tensor y = Tensor.empty(DType.FLOAT32, sh);
            for (long i = 0; i < y.size(); i++) y.setDoubleFlat(i, i);
            for (int[] axes : new int[][] {{0}, {1}, {0, 2}}) {
                long[][] idx = new long[axes.length][4];
                for (int k = 0; k < axes.length; k++) {
                    for (int b = 0; b < 4; b++) idx[k][b] = (b * 3 + k) % sh[axes[k]];
                }
                Tensor want = gatherReference(y, axes, idx, 4);
                Tensor got = Tensor.empty(y.dtype(), want.shape());
                Backend.cpu().gatherRows(y, axes, idx, 4, got);
                assertTrue(want.contentEquals(got), Arrays.toString(sh) + " axes " + Arrays.toString(axes));
                // scatter the gathered rows, negated, back: those positions change, nothing else
                Tensor neg = got.newEmpty(got.dtype(), got.shape());
                Backend.cpu().elementwise(Kernels.NEG, false, neg, got);
                Tensor z = y.copy();
                Backend.cpu().scatterRows(neg, z, axes, idx, 4);
                assertTrue(gatherReference(z, axes, idx, 4).contentEquals(neg));
                Tensor back = z.copy();
                Backend.cpu().scatterRows(got, back, axes, idx, 4);
                assertTrue(y.contentEquals(back));
            }
        }
        // a strided (transposed) source
        Tensor t = Tensor.empty(DType.INT64, 4, 6);
        for (long i = 0; i < 24; i++) t.setLongFlat(i, i);
        Tensor tt = t.transpose();
        long[][] idx = {{5, 0, 5}};
        Tensor got = Tensor.empty(DType.INT64, 3, 4);
        Backend.cpu().gatherRows(tt, new int[] {0}, idx, 3, got);
        assertTrue(gatherReference(tt, new int[] {0}, idx, 3).contentEquals(got));
    }

    /**
     * Rows of exactly 32 and 64 bytes take the vector copies: float64 and int64 rows of 4 and 8, float32 rows of 8 and
     * 16, from an offset view, many random rows (several threads' shares), and a scatter with repeated indices where
     * the last write wins as in numpy; against the element-by-element reference, bit for bit.
     */
    @Test
    void gatherAndScatterOfThirtyTwoAndSixtyFourByteRowsMatchTheReference() {
        java.util.Random rnd = new java.util.Random(3);
        for (DType t : new DType[] {DType.FLOAT64, DType.INT64, DType.FLOAT32}) {
            for (long width : t.itemSize() == 8 ? new long[] {4, 8} : new long[] {8, 16}) {
                Tensor big = Tensor.empty(t, 70_003, width);
                for (long i = 0; i < big.size(); i++) big.setDoubleFlat(rnd.nextInt(1 << 20) - (1 << 19) + 0.5 * (i % 2), i);
                Tensor y = big.narrow(0, 3, 70_000);   // an offset view
                int nb = 50_001;
                long[][] idx = {new long[nb]};
                for (int b = 0; b < nb; b++) idx[0][b] = rnd.nextInt(70_000);
                idx[0][nb - 1] = idx[0][0];   // a repeat: the scatter keeps the later row
                String what = t + " rows of " + width;
                Tensor want = gatherReference(y, new int[] {0}, idx, nb);
                Tensor got = Tensor.empty(t, nb, width);
                Backend.cpu().gatherRows(y, new int[] {0}, idx, nb, got);
                assertTrue(want.contentEquals(got), what + ": gather");
                Tensor rows = Tensor.empty(t, nb, width);
                for (long i = 0; i < rows.size(); i++) rows.setDoubleFlat(-(i % 1000) - 1, i);
                Tensor z = big.copy();
                Tensor zv = z.narrow(0, 3, 70_000);
                Backend.cpu().scatterRows(rows, zv, new int[] {0}, idx, nb);
                for (long c = 0; c < width; c++) {
                    assertEquals(rows.getDouble(nb - 1, c), zv.getDouble(idx[0][0], c), what + ": the last write wins");
                    assertEquals(big.getDouble(0, c), z.getDouble(0, c), what + ": rows before the view untouched");
                }
                Tensor again = Tensor.empty(t, nb - 1, width);
                long[][] head = {Arrays.copyOf(idx[0], nb - 1)};
                Backend.cpu().gatherRows(zv, new int[] {0}, head, nb - 1, again);
                for (int b = 1; b < nb - 1; b += 997) {
                    boolean overwritten = idx[0][b] == idx[0][0];
                    int src = b;
                    for (int q = b + 1; q < nb; q++) if (idx[0][q] == idx[0][b]) src = q;   // the last writer of that row
                    if (!overwritten) {
                        for (long c = 0; c < width; c++) assertEquals(rows.getDouble(src, c), again.getDouble(b, c), what + ": scattered row " + b);
                    }
                }
                // row permutations between packed buffers (the exchanges' packing): a gather and a scatter by a permutation
                int m = 20_011;
                long[] perm = new long[m];
                for (int q = 0; q < m; q++) perm[q] = q;
                for (int q = m - 1; q > 0; q--) {
                    int o = rnd.nextInt(q + 1);
                    long tmp = perm[q];
                    perm[q] = perm[o];
                    perm[o] = tmp;
                }
                Tensor packed = big.narrow(0, 0, m).contiguous(), moved = Tensor.empty(t, m, width), back = Tensor.empty(t, m, width);
                long rowBytes = width * t.itemSize();
                Backend.cpu().moveRows(packed, moved, perm, false, rowBytes);
                Backend.cpu().moveRows(moved, back, perm, true, rowBytes);
                for (int q = 0; q < m; q += 101) {
                    for (long c = 0; c < width; c++) assertEquals(packed.getDouble(perm[q], c), moved.getDouble(q, c), what + ": moved row " + q);
                }
                assertTrue(packed.contentEquals(back), what + ": the scatter undoes the gather");
            }
        }
    }

    /** numpy's order: NaN last, -0.0 == 0.0; ties by position (stable). */
    private static Integer[] referenceOrder(double[] v, boolean desc) {
        Integer[] ix = new Integer[v.length];
        for (int i = 0; i < v.length; i++) ix[i] = i;
        Comparator<Integer> byValue = (p, q) -> {
            double a = v[p], b = v[q];
            boolean na = a != a, nb = b != b;
            if (na || nb) return na == nb ? 0 : (na ? 1 : -1) * (desc ? -1 : 1);
            return desc ? Double.compare(b + 0.0, a + 0.0) : Double.compare(a + 0.0, b + 0.0);
        };
        Arrays.sort(ix, byValue);   // a stable merge sort
        return ix;
    }

    @Test
    void sortAlongAnyAxisWithIndicesAndTopkIsStableNumpyOrder() {
        double[] pool = {3, -1, Double.NaN, 0.0, -0.0, 2, -1, 7, Double.NaN, 2, -5, 0.0};
        int rows = 5, n = 200;
        Tensor x = Tensor.empty(DType.FLOAT64, rows, n);
        for (int r = 0; r < rows; r++) for (int i = 0; i < n; i++) x.setDouble(pool[(i * 7 + r * 3) % pool.length] * (1 + (i % 3)), r, i);
        for (boolean desc : new boolean[] {false, true}) {
            for (Tensor in : new Tensor[] {x, x.transpose()}) {
                int ax = in == x ? 1 : 0;
                Tensor[] vi = Backend.cpu().sort(in, ax, desc, true, true, true, -1);
                Tensor[] top = Backend.cpu().sort(in, ax, desc, false, true, true, 7);
                for (int r = 0; r < rows; r++) {
                    Tensor fiber = ax == 1 ? in.select(0, r) : in.select(1, r);
                    double[] v = fiber.toDoubleArray();
                    Integer[] order = referenceOrder(v, desc);
                    Tensor sv = ax == 1 ? vi[0].select(0, r) : vi[0].select(1, r);
                    Tensor si = ax == 1 ? vi[1].select(0, r) : vi[1].select(1, r);
                    Tensor tv = ax == 1 ? top[0].select(0, r) : top[0].select(1, r);
                    Tensor ti = ax == 1 ? top[1].select(0, r) : top[1].select(1, r);
                    for (int i = 0; i < n; i++) {
                        assertEquals((long) order[i], si.getLong(i), "index " + i + " desc " + desc);
                        assertEquals(Double.doubleToRawLongBits(v[order[i]]), Double.doubleToRawLongBits(sv.getDouble(i)), "value " + i);
                        if (i < 7) {
                            assertEquals((long) order[i], ti.getLong(i));
                            assertEquals(Double.doubleToRawLongBits(v[order[i]]), Double.doubleToRawLongBits(tv.getDouble(i)));
                        }
                    }
                }
                assertArrayEquals(ax == 1 ? new long[] {rows, 7} : new long[] {7, rows}, top[0].shape());
            }
        }
        // integers, values only: the plain ascending sort
        Tensor ints = Tensor.fromArray(new int[] {5, -3, 9, 0, -3});
        Tensor[] s = Backend.cpu().sort(ints, 0, false, false, true, false, -1);
        assertArrayEquals(new int[] {-3, -3, 0, 5, 9}, s[0].toIntArray());
        assertNull(s[1]);
    }

    @Test
    void sortKeysRoundTripThroughFibers() {
        Tensor x = Tensor.fromArray(new double[][] {{2.5, -0.0, Double.NaN, -7}, {1, 0.0, 3, -1}});
        Tensor fiber = x.select(1, 1);   // a strided fiber: [-0.0, 0.0]
        long[] keys = new long[2], ids = new long[2];
        Backend.cpu().readSortKeys(fiber, false, true, keys, ids, 10);
        assertEquals(keys[0], keys[1]);   // ±0 share a key with zeroEq
        assertEquals(10 | SortKeys.NEG_ZERO, ids[0]);
        assertEquals(11, ids[1]);
        Tensor back = Tensor.zeros(DType.FLOAT64, 2);
        Backend.cpu().writeSortValues(back, keys, ids, 0, false, true);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.getDouble(0)));
        Tensor row = x.select(0, 0);
        long[] k = new long[4];
        Backend.cpu().readSortKeys(row, true, false, k, null, 0);
        SortKeys.sortLocal(k, null, 4);
        Tensor sorted = Tensor.zeros(DType.FLOAT32, 4);
        Backend.cpu().writeSortValues(sorted, k, null, 0, true, false);
        assertArrayEquals(new float[] {Float.NaN, 2.5f, -0.0f, -7}, sorted.toFloatArray());
        Tensor idx = Tensor.zeros(DType.INT64, 2);
        Backend.cpu().writeSortIndices(idx, new long[] {7, 3 | SortKeys.NEG_ZERO, 9}, 1);
        assertArrayEquals(new long[] {3, 9}, idx.toLongArray());
        assertThrows(IllegalArgumentException.class, () -> Backend.cpu().readSortKeys(x, false, false, new long[8], null, 0));
    }

    @Test
    void deviceTensorsCommunicateThroughStaging() {
        var comm = org.jheat.comm.Communications.world();
        int p = comm.size(), me = comm.rank();
        Tensor mine = Tensor.fromArray(new long[] {me + 1, 10L * (me + 1)}).to(TEST);
        comm.allreduce(mine, org.jheat.comm.ReduceOp.SUM);
        long s = (long) p * (p + 1) / 2;
        assertArrayEquals(new long[] {s, 10 * s}, mine.toLongArray());
        assertEquals(TEST, mine.device());
        Tensor all = Tensor.zeros(DType.INT64, 2L * p).to(TEST);
        comm.allgather(Tensor.fromArray(new long[] {me, -me}).to(TEST), all);
        for (int r = 0; r < p; r++) {
            assertEquals(r, all.getLong(2L * r));
            assertEquals(-r, all.getLong(2L * r + 1));
        }
        Tensor ring = Tensor.zeros(DType.FLOAT64, 3).to(TEST);
        var rq = comm.irecv(ring, (me + p - 1) % p, 11);
        var sq = comm.isend(Tensor.full(DType.FLOAT64, me + 0.5, 3).to(TEST), (me + 1) % p, 11);
        sq.waitFor();
        rq.waitFor();
        assertArrayEquals(new double[] {(me + p - 1) % p + 0.5, (me + p - 1) % p + 0.5, (me + p - 1) % p + 0.5}, ring.toDoubleArray());
        Tensor off = Tensor.full(DType.INT64, -1, 1).to(TEST);
        comm.exscan(Tensor.full(DType.INT64, 2, 1).to(TEST), off, org.jheat.comm.ReduceOp.SUM);
        assertEquals(me == 0 ? -1 : 2L * me, off.getLong(0));   // rank 0's recv is untouched
    }

    @Test
    void tensorFormsOfCommunicationMatchTheSegmentForms() {
        var comm = org.jheat.comm.Communications.world();
        int p = comm.size(), me = comm.rank();
        // allgatherv with uneven counts, one rank possibly empty
        long[] counts = new long[p];
        for (int r = 0; r < p; r++) counts[r] = r % 3;
        long[] displs = new long[p];
        for (int r = 1; r < p; r++) displs[r] = displs[r - 1] + counts[r - 1];
        long total = displs[p - 1] + counts[p - 1];
        Tensor send = Tensor.full(DType.INT32, me, counts[me]);
        Tensor recv = Tensor.zeros(DType.INT32, total);
        comm.allgatherv(send, recv, counts, displs);
        for (int r = 0; r < p; r++) for (long i = 0; i < counts[r]; i++) assertEquals(r, recv.getLong(displs[r] + i));
        // alltoallv: rank me sends (r + 1) elements valued 100 * me + r to rank r
        long[] sc = new long[p], sd = new long[p], rc = new long[p], rd = new long[p];
        for (int r = 0; r < p; r++) {
            sc[r] = r + 1;
            rc[r] = me + 1;
            if (r > 0) {
                sd[r] = sd[r - 1] + sc[r - 1];
                rd[r] = rd[r - 1] + rc[r - 1];
            }
        }
        Tensor out = Tensor.empty(DType.FLOAT64, sd[p - 1] + sc[p - 1]);
        for (int r = 0; r < p; r++) out.narrow(0, sd[r], sc[r]).fill(100.0 * me + r);
        Tensor in = Tensor.empty(DType.FLOAT64, rd[p - 1] + rc[p - 1]);
        comm.alltoallv(out, sc, sd, in, rc, rd);
        for (int r = 0; r < p; r++) for (long i = 0; i < rc[r]; i++) assertEquals(100.0 * r + me, in.getDouble(rd[r] + i));
        Tensor b = me == 0 ? Tensor.fromArray(new double[] {4, 5}) : Tensor.zeros(DType.FLOAT64, 2);
        comm.bcast(b, 0);
        assertArrayEquals(new double[] {4, 5}, b.toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> comm.allreduce(Tensor.zeros(DType.INT64, 2, 2).transpose(),
                org.jheat.comm.ReduceOp.SUM));
        assertThrows(IllegalArgumentException.class, () -> comm.allreduce(Tensor.zeros(DType.INT64, 2),
                Tensor.zeros(DType.INT32, 2), org.jheat.comm.ReduceOp.SUM));
    }

    @Test
    void directFloat64ArithmeticMatchesTheBlockLoopForEveryOperandPattern() {
        // the direct loops (vector-vector, vector-scalar, scalar-vector) against each kernel's double[] loop, bit for bit
        int n = 1037;
        double[] a = new double[n], b = new double[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble(-5, 5);
            b[i] = i % 97 == 0 ? 0.0 : r.nextDouble(-5, 5);   // zeros: division by zero gives the same inf/NaN
        }
        MemorySegment sa = MemorySegment.ofArray(a), sb = MemorySegment.ofArray(b);
        for (ElementFn fn : new ElementFn[] {Kernels.ADD, Kernels.SUB, Kernels.MUL, Kernels.DIV}) {
            for (int pattern = 0; pattern < 3; pattern++) {
                long as = pattern == 2 ? 0 : 8, bs = pattern == 1 ? 0 : 8;
                long ao = pattern == 2 ? 8L * 5 : 0, bo = pattern == 1 ? 8L * 3 : 0;
                double[] out = new double[n], want = new double[n], x = new double[n], y = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = as == 0 ? a[5] : a[i];
                    y[i] = bs == 0 ? b[3] : b[i];
                }
                fn.apply(x, y, want, n);
                assertTrue(fn.directF64(sa, ao, as, sb, bo, bs, MemorySegment.ofArray(out), 0, n), fn + " pattern " + pattern);
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(out[i]), fn + " pattern " + pattern + " at " + i);
                }
            }
            // strides the direct loops do not take (e.g. a column) fall back to the block loop
            assertTrue(!fn.directF64(sa, 0, 16, sb, 0, 8, MemorySegment.ofArray(new double[n]), 0, n / 2));
        }
    }
}
