package org.jheat.core;

import static org.jheat.testing.Dist.assertDistributed;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.jheat.Heat;
import org.jheat.comm.Communication;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * Shape, joining and rearranging functions (Shaping, Joining, Manipulations, Padding): every function at every
 * split (and unbalanced, with empty slabs), against the same operation on the full local tensor or numpy's values.
 */
class ManipulationsTest {

    /** Replicated, balanced along every axis, and along every axis with all rows on the last process. */
    static List<DNDarray> variants(Tensor full) {
        List<DNDarray> v = new ArrayList<>();
        v.add(Heat.array(full, null, null));
        Communication c = Dist.comm();
        for (int s = 0; s < full.ndim(); s++) {
            DNDarray b = Heat.array(full, null, s);
            v.add(b);
            if (c.size() > 1) {
                long[] counts = new long[c.size()];
                counts[c.size() - 1] = full.shape(s);
                v.add(b.redistribute(counts));
            }
        }
        return v;
    }

    static void check(Tensor full, Function<DNDarray, DNDarray> op, Tensor expected) {
        for (DNDarray x : variants(full)) assertDistributed(expected, op.apply(x), false);
    }

    static Tensor flipped(Tensor t, int... axes) {
        for (int a : axes) t = t.slice(a, null, null, -1);
        return t.copy();
    }

    // ------------------------------------------------------------------------------------------- reshape

    @Test
    void reshapeEverySplitAndNewSplit() {
        Tensor full = Dist.iota(7, 6);
        long[][] targets = {{6, 7}, {42}, {2, 3, 7}, {3, -1}, {7, 6}, {7, 2, 3}, {1, 42}, {42, 1}};
        for (long[] t : targets) {
            Tensor want = full.reshape(t);
            check(full, x -> Shaping.reshape(x, t), want);
            for (int ns = 0; ns < want.ndim(); ns++) {
                int n = ns;
                for (DNDarray x : variants(full)) {
                    DNDarray y = Shaping.reshape(x, t, n);
                    assertDistributed(want, y, false);
                    Dist.collectively(() -> assertEquals(n, y.split()));
                }
            }
        }
    }

    @Test
    void reshapeDefaultSplitAndBalance() {
        Tensor full = Dist.iota(10, 4);
        DNDarray x = Heat.array(full, null, 1);
        DNDarray y = Shaping.reshape(x, 5, 8);
        assertDistributed(full.reshape(5, 8), y, true);
        Dist.collectively(() -> assertEquals(1, y.split()));
        DNDarray z = Shaping.reshape(x, 40);   // split 1 does not exist any more: split 0
        assertDistributed(full.reshape(40), z, true);
        Dist.collectively(() -> assertEquals(0, z.split()));
        DNDarray r = Shaping.reshape(Heat.array(full, null, null), 8, 5);
        assertDistributed(full.reshape(8, 5), r, true);
        Dist.collectively(() -> assertEquals(null, r.split()));
        // split 0 to split 0: balanced result, also from an unbalanced input
        Communication c = Dist.comm();
        long[] counts = new long[c.size()];
        counts[0] = 10;
        DNDarray u = Heat.array(full, null, 0).redistribute(counts);
        assertDistributed(full.reshape(20, 2), Shaping.reshape(u, 20, 2), true);
        // a 0-d result and an empty array
        assertDistributed(Dist.iota(1).reshape(), Shaping.reshape(Heat.array(Dist.iota(1, 1), null, 0)), true);
        Tensor e = Tensor.empty(DType.FLOAT64, 0, 3);
        for (DNDarray v : variants(e)) assertDistributed(e.reshape(3, 0), Shaping.reshape(v, 3, 0), false);
        // the same flat ranges (8, 4) -> (4, 8) on an even number of processes: no data moves
        assertDistributed(Dist.iota(8, 4).reshape(4, 8), Shaping.reshape(Heat.array(Dist.iota(8, 4), null, 0), 4, 8), true);
    }

    @Test
    void reshapeKeepsDtypeAndRejectsBadSizes() {
        Tensor full = Dist.iota(6, 4).astype(DType.INT32);
        DNDarray x = Heat.array(full, null, 0);
        assertDistributed(full.reshape(4, 6), Shaping.reshape(x, 4, 6), true);
        IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Shaping.reshape(x, 5, 5));
        Dist.collectively(() -> assertTrue(e.getMessage().contains("cannot reshape array of size 24 into shape (5, 5)"), e.getMessage()));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Shaping.reshape(x, -1, -1));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Shaping.reshape(x, new long[] {4, 6}, 2));
    }

    @Test
    void flattenAndRavel() {
        Tensor full = Dist.iota(3, 5, 2);
        check(full, Shaping::flatten, full.reshape(30));
        check(full, Shaping::ravel, full.reshape(30));
        DNDarray f = Shaping.flatten(Heat.array(full, null, 2));
        Dist.collectively(() -> assertEquals(0, f.split()));
    }

    // ------------------------------------------------------------------------------------------- axes

    @Test
    void squeezeAndExpandDims() {
        Tensor full = Dist.iota(1, 7, 1, 3);
        check(full, Shaping::squeeze, full.reshape(7, 3));
        check(full, x -> Shaping.squeeze(x, 2), full.reshape(1, 7, 3));
        check(full, x -> Shaping.squeeze(x, -4, 2), full.reshape(7, 3));
        DNDarray s = Shaping.squeeze(Heat.array(full, null, 0));   // the split axis goes: split along the largest
        Dist.collectively(() -> assertEquals(0, s.split()));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Shaping.squeeze(Heat.array(full, null, 1), 1));
        Tensor v = Dist.iota(5, 3);
        check(v, x -> Shaping.expandDims(x, 0), v.reshape(1, 5, 3));
        check(v, x -> Shaping.expandDims(x, 1), v.reshape(5, 1, 3));
        check(v, x -> Shaping.expandDims(x, -1), v.reshape(5, 3, 1));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Shaping.expandDims(Heat.array(v, null, 0), 3));
    }

    @Test
    void transposesMoveTheSplitWithTheData() {
        Tensor full = Dist.iota(4, 3, 5);
        check(full, Shaping::transpose, full.permute(2, 1, 0).copy());
        check(full, x -> Shaping.transpose(x, 1, 2, 0), full.permute(1, 2, 0).copy());
        check(full, x -> Shaping.swapaxes(x, 0, -1), full.permute(2, 1, 0).copy());
        check(full, x -> Shaping.moveaxis(x, 0, -1), full.permute(1, 2, 0).copy());
        check(full, x -> Shaping.moveaxis(x, new int[] {0, 1}, new int[] {-1, -2}), full.permute(2, 1, 0).copy());
        check(full, x -> Shaping.moveaxis(x, new int[] {2}, new int[] {0}), full.permute(2, 0, 1).copy());
        DNDarray x = Heat.array(full, null, 0);
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Shaping.transpose(x, 0, 0, 1));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Shaping.moveaxis(x, new int[] {0, 0}, new int[] {1, 2}));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Shaping.moveaxis(x, new int[] {0}, new int[] {1, 2}));
    }

    @Test
    void broadcastToAndBroadcastArrays() {
        Tensor row = Dist.iota(1, 4);
        check(row, x -> Shaping.broadcastTo(x, 2, 5, 4), row.broadcastTo(2, 5, 4).copy());
        Tensor col = Dist.iota(5, 1);
        check(col, x -> Shaping.broadcastTo(x, 5, 3), col.broadcastTo(5, 3).copy());
        DNDarray b = Shaping.broadcastTo(Heat.array(row, null, 0), 6, 4);   // split axis of extent 1 broadcast
        assertDistributed(row.broadcastTo(6, 4).copy(), b, true);
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Shaping.broadcastTo(Heat.array(col, null, 0), 4, 3));
        DNDarray[] ab = Shaping.broadcastArrays(Heat.array(row, null, 1), Heat.array(col, null, 0));
        assertDistributed(row.broadcastTo(5, 4).copy(), ab[0], false);
        assertDistributed(col.broadcastTo(5, 4).copy(), ab[1], false);
    }

    // ------------------------------------------------------------------------------------------- joining

    static Tensor concat(int axis, DType type, Tensor... ts) {
        long[] s = ts[0].shape();
        s[axis] = 0;
        for (Tensor t : ts) s[axis] += t.shape(axis);
        Tensor out = Tensor.empty(type, s);
        long pos = 0;
        for (Tensor t : ts) {
            out.narrow(axis, pos, t.shape(axis)).copyFrom(t);
            pos += t.shape(axis);
        }
        return out;
    }

    @Test
    void concatenateEverySplitPair() {
        Tensor a = Dist.iota(7, 3), b = Dist.iota(2, 3).astype(DType.INT32), c = Dist.iota(1, 3);
        Tensor want0 = concat(0, DType.FLOAT64, a, b, c);
        Tensor a1 = Dist.iota(5, 2), b1 = Dist.iota(5, 4).astype(DType.FLOAT32);
        Tensor want1 = concat(1, DType.FLOAT64, a1, b1);
        for (DNDarray x : variants(a)) {
            for (DNDarray y : variants(b)) {
                DNDarray r = Joining.concatenate(new DNDarray[] {x, y, Heat.array(c, null, 0)}, 0);
                assertDistributed(want0, r, r.splitAxis() == 0);
                Dist.collectively(() -> assertEquals(x.split() != null ? x.split() : y.split() != null ? y.split() : 0, r.split()));
            }
        }
        for (DNDarray x : variants(a1)) {
            for (DNDarray y : variants(b1)) {
                DNDarray r = Joining.concatenate(new DNDarray[] {x, y}, -1);
                assertDistributed(want1, r, false);
            }
        }
        // all replicated stays replicated; bool and int8 promote to int8
        Tensor p = Dist.iota(3).astype(DType.BOOL), q = Dist.iota(2).astype(DType.INT8);
        DNDarray r = Joining.concatenate(new DNDarray[] {Heat.array(p, null, null), Heat.array(q, null, null)}, 0);
        assertDistributed(concat(0, DType.INT8, p, q), r, true);
        Dist.collectively(() -> assertEquals(null, r.split()));
    }

    @Test
    void concatenateRejectsBadInput() {
        DNDarray a = Heat.array(Dist.iota(4, 3), null, 0), b = Heat.array(Dist.iota(4, 2), null, 0);
        IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Joining.concatenate(new DNDarray[] {a, b}, 0));
        Dist.collectively(() -> assertTrue(e.getMessage().contains("along axis 1"), e.getMessage()));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Joining.concatenate(new DNDarray[] {a, Heat.array(Dist.iota(12), null, 0)}, 0));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Joining.concatenate(new DNDarray[] {a, a}, 2));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Joining.concatenate(new DNDarray[0], 0));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Joining.stack(new DNDarray[] {a, b}, 0));
    }

    @Test
    void stackFamily() {
        Tensor a = Dist.iota(5, 3), b = Dist.iota(5, 3).astype(DType.INT64);
        for (int ax = -3; ax < 3; ax++) {
            int axis = ax;
            Tensor want = concat(Math.floorMod(ax, 3), DType.FLOAT64,
                    a.unsqueeze(Math.floorMod(ax, 3)), b.unsqueeze(Math.floorMod(ax, 3)));
            for (DNDarray x : variants(a)) assertDistributed(want, Joining.stack(new DNDarray[] {x, Heat.array(b, null, 0)}, axis), false);
        }
        Tensor v = Dist.iota(4), w = Dist.iota(4).astype(DType.INT16);
        for (DNDarray x : variants(v)) {
            DNDarray y = Heat.array(w, null, 0);
            assertDistributed(concat(0, DType.FLOAT64, v.unsqueeze(0), w.unsqueeze(0)), Joining.vstack(x, y), false);
            assertDistributed(concat(0, DType.FLOAT64, v.unsqueeze(0), w.unsqueeze(0)), Joining.rowStack(x, y), false);
            assertDistributed(concat(0, DType.FLOAT64, v, w), Joining.hstack(x, y), false);
            assertDistributed(concat(1, DType.FLOAT64, v.unsqueeze(1), w.unsqueeze(1)), Joining.columnStack(x, y), false);
            assertDistributed(concat(2, DType.FLOAT64, v.reshape(1, 4, 1), w.reshape(1, 4, 1)), Joining.dstack(x, y), false);
        }
        for (DNDarray x : variants(a)) {
            DNDarray y = Heat.array(b, null, 1);
            assertDistributed(concat(0, DType.FLOAT64, a, b), Joining.vstack(x, y), false);
            assertDistributed(concat(1, DType.FLOAT64, a, b), Joining.hstack(x, y), false);
            assertDistributed(concat(1, DType.FLOAT64, a, b), Joining.columnStack(x, y), false);
            assertDistributed(concat(2, DType.FLOAT64, a.unsqueeze(2), b.unsqueeze(2)), Joining.dstack(x, y), false);
        }
    }

    @Test
    void splitFamily() {
        Tensor full = Dist.iota(6, 4, 2);
        for (DNDarray x : variants(full)) {
            List<DNDarray> p = Joining.split(x, 3, 0);
            for (int i = 0; i < 3; i++) assertDistributed(full.narrow(0, 2 * i, 2).copy(), p.get(i), false);
            List<DNDarray> q = Joining.split(x, new long[] {1, 3, 10}, 1);
            long[][] r = {{0, 1}, {1, 2}, {3, 1}, {4, 0}};
            for (int i = 0; i < 4; i++) assertDistributed(full.narrow(1, r[i][0], r[i][1]).copy(), q.get(i), false);
            List<DNDarray> h = Joining.hsplit(x, 2), vs = Joining.vsplit(x, new long[] {4}), d = Joining.dsplit(x, 2);
            for (int i = 0; i < 2; i++) {
                assertDistributed(full.narrow(1, 2 * i, 2).copy(), h.get(i), false);
                assertDistributed(full.narrow(2, i, 1).copy(), d.get(i), false);
            }
            assertDistributed(full.narrow(0, 0, 4).copy(), vs.get(0), false);
            assertDistributed(full.narrow(0, 4, 2).copy(), vs.get(1), false);
            List<DNDarray> as = Joining.arraySplit(x, 4, 0);
            long[] sz = {2, 2, 1, 1};
            for (int i = 0, pos = 0; i < 4; pos += sz[i], i++) assertDistributed(full.narrow(0, pos, sz[i]).copy(), as.get(i), false);
        }
        DNDarray x = Heat.array(full, null, 0);
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Joining.split(x, 4, 0));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Joining.dsplit(Heat.array(Dist.iota(4, 4), null, 0), 2));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Joining.vsplit(Heat.array(Dist.iota(4), null, 0), 2));
    }

    // ------------------------------------------------------------------------------------------- rearranging

    @Test
    void flipEveryAxisSet() {
        Tensor full = Dist.iota(7, 3, 2);
        check(full, Manipulations::flip, flipped(full, 0, 1, 2));
        for (int a = 0; a < 3; a++) {
            int ax = a;
            check(full, x -> Manipulations.flip(x, ax), flipped(full, ax));
            check(full, x -> Manipulations.flip(x, ax, (ax + 1) % 3), flipped(full, ax, (ax + 1) % 3));
        }
        check(full, Manipulations::flipud, flipped(full, 0));
        check(full, Manipulations::fliplr, flipped(full, 1));
        Tensor small = Dist.iota(2, 3);   // fewer rows than processes
        check(small, x -> Manipulations.flip(x, 0), flipped(small, 0));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Manipulations.fliplr(Heat.array(Dist.iota(3), null, 0)));
    }

    @Test
    void rollAlongTheSplitAxis() {
        Tensor full = Dist.iota(11, 3);
        for (long shift : new long[] {0, 1, 4, -3, 11, 25, -100}) {
            long k = Math.floorMod(shift, 11);
            Tensor want = Tensor.empty(DType.FLOAT64, 11, 3);
            want.narrow(0, k, 11 - k).copyFrom(full.narrow(0, 0, 11 - k));
            want.narrow(0, 0, k).copyFrom(full.narrow(0, 11 - k, k));
            check(full, x -> Manipulations.roll(x, shift, 0), want);
        }
    }

    @Test
    void padRejectsBadInput() {
        DNDarray x = Heat.array(Dist.iota(4, 3), null, 0);
        IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Padding.pad(x, new long[][] {{1, 1}}, "median"));
        Dist.collectively(() -> assertTrue(e.getMessage().contains("'median' is not supported"), e.getMessage()));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Padding.pad(x, new long[][] {{1, 1}}, "bogus"));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Padding.pad(x, new long[][] {{1, -1}}, "edge"));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Padding.pad(x, new long[][] {{1}, {1}, {1}}, "edge"));
        assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Padding.pad(Heat.array(Tensor.empty(DType.FLOAT64, 0, 3), null, 0), new long[][] {{1}}, "reflect"));
        // constant padding of an int array converts the value; a 0 width is a copy
        Tensor t = Dist.iota(4, 3).astype(DType.INT32);
        DNDarray y = Padding.pad(Heat.array(t, null, 0), new long[][] {{1, 0}, {0, 0}}, "constant", 9);
        Tensor want = Tensor.full(DType.INT32, 9, 5, 3);
        want.narrow(0, 1, 4).copyFrom(t);
        assertDistributed(want, y, false);
        assertDistributed(t, Padding.pad(Heat.array(t, null, 1), new long[][] {{0}}), true);
    }

    @Test
    void diagonalsAndTriangles() {
        Tensor m = Dist.iota(3, 7);
        for (long k : new long[] {0, 1, -2, 6, -3}) {
            long len = Math.max(0, Math.min(3, 7 - k) - Math.max(0, -k));
            Tensor want = Tensor.empty(DType.FLOAT64, len);
            for (long i = 0; i < len; i++) want.setDouble(m.getDouble(i + Math.max(0, -k), i + Math.max(0, -k) + k), i);
            check(m, x -> Manipulations.diagonal(x, k, 0, 1), want);
            check(m, x -> Manipulations.diag(x, k), want);
        }
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Manipulations.diagonal(Heat.array(m, null, 0), 0, 1, 1));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Manipulations.tril(Heat.array(Dist.iota(1).reshape(), null, null)));
    }

    @Test
    void otherDtypesThroughTheExchange() {
        Tensor b = Dist.iota(5, 2).astype(DType.BOOL), i8 = Dist.iota(3, 2).astype(DType.INT8);
        for (DNDarray x : variants(b)) {
            DNDarray r = Joining.concatenate(new DNDarray[] {x, Heat.array(i8, null, 0)}, 0);
            assertDistributed(concat(0, DType.INT8, b, i8), r, false);
            assertDistributed(flipped(b, 0, 1), Manipulations.flip(x), false);
            Tensor tiled = concat(0, DType.BOOL, b, b, b);
            assertDistributed(tiled, Manipulations.tile(x, 3, 1), false);
        }
        Tensor l = Dist.iota(9, 2).astype(DType.INT64);
        for (DNDarray x : variants(l)) {
            Tensor want = concat(0, DType.INT64, l.narrow(0, 7, 2), l.narrow(0, 0, 7));
            assertDistributed(want, Manipulations.roll(x, 2, 0), false);
            assertDistributed(l.reshape(3, 6), Shaping.reshape(x, 3, 6), false);
            Tensor edge = Tensor.empty(DType.INT64, 13, 2);
            edge.narrow(0, 0, 3).copyFrom(l.narrow(0, 0, 1));
            edge.narrow(0, 3, 9).copyFrom(l);
            edge.narrow(0, 12, 1).copyFrom(l.narrow(0, 8, 1));
            assertDistributed(edge, Padding.pad(x, new long[][] {{3, 1}, {0, 0}}, "edge"), false);
        }
    }

    // ------------------------------------------------------------------------------------------- numpy goldens

    @Test
    void numpyGoldens() {
        int cases = 0;
        for (String line : Dist.resourceLines("/golden/manipulations.txt")) {
            String[] f = line.split("\\|", -1);
            String op = f[0];
            long[] shape = longs(f[1]);
            String[] args = f[2].split(";", -1);
            Tensor full = Dist.iota(shape);
            if (op.equals("split")) {
                long[] idx = longs(args[0]);
                int axis = Integer.parseInt(args[1]);
                String[] shapes = f[3].split(";");
                for (DNDarray x : variants(full)) {
                    List<DNDarray> parts = Joining.split(x, idx, axis);
                    Dist.collectively(() -> assertEquals(shapes.length, parts.size(), line));
                    for (int i = 0; i < shapes.length; i++) {
                        long[] ps = longs(shapes[i]);
                        Long lo = i == 0 ? 0L : idx[i - 1], hi = i < idx.length ? idx[i] : null;
                        long[] r = Tensor.sliceIndices(shape[axis], lo, hi, 1);
                        assertDistributed(full.slice(axis, r[0], r[0] + r[3], 1).copy(), parts.get(i), false);
                        long[] got = parts.get(i).gshape();
                        Dist.collectively(() -> assertArrayEquals(ps, got, line));
                    }
                }
                cases++;
                continue;
            }
            long[] outShape = longs(f[3]);
            double[] vals = f[4].isEmpty() ? new double[0] : Arrays.stream(f[4].split(",")).mapToDouble(Double::parseDouble).toArray();
            Tensor want = Tensor.fromArray(vals).reshape(outShape);
            Function<DNDarray, DNDarray> fn = switch (op) {
                case "pad" -> {
                    long[][] w = new long[args.length - 1][];
                    for (int i = 1; i < args.length; i++) w[i - 1] = longs(args[i]);
                    yield x -> Padding.pad(x, w, args[0], 7.5);
                }
                case "rot90" -> {
                    int k = Integer.parseInt(args[0]);
                    long[] ax = longs(args[1]);
                    yield x -> Manipulations.rot90(x, k, (int) ax[0], (int) ax[1]);
                }
                case "tile" -> x -> Manipulations.tile(x, longs(args[0]));
                case "repeat" -> {
                    long[] r = longs(args[0]);
                    Integer axis = args[1].equals("None") ? null : Integer.valueOf(args[1]);
                    yield x -> Manipulations.repeat(x, r, axis);
                }
                case "roll" -> {
                    long[] sh = longs(args[0]);
                    if (args[1].equals("None")) yield x -> Manipulations.roll(x, sh[0], null);
                    long[] ax = longs(args[1]);
                    int[] axes = Arrays.stream(ax).mapToInt(v -> (int) v).toArray();
                    yield x -> Manipulations.roll(x, sh, axes);
                }
                case "diag" -> x -> Manipulations.diag(x, Long.parseLong(args[0]));
                case "diagonal" -> {
                    long[] ax = longs(args[1]);
                    yield x -> Manipulations.diagonal(x, Long.parseLong(args[0]), (int) ax[0], (int) ax[1]);
                }
                case "tril" -> x -> Manipulations.tril(x, Long.parseLong(args[0]));
                case "triu" -> x -> Manipulations.triu(x, Long.parseLong(args[0]));
                case "unfold" -> x -> Manipulations.unfold(x, Integer.parseInt(args[0]), Long.parseLong(args[1]), Long.parseLong(args[2]));
                default -> throw new IllegalStateException("unknown golden op " + op);
            };
            for (DNDarray x : variants(full)) {
                DNDarray y = fn.apply(x);
                Dist.collectively(() -> assertArrayEquals(outShape, y.gshape(), line.substring(0, Math.min(80, line.length()))));
                assertDistributed(want, y, false);
            }
            cases++;
        }
        int n = cases;
        Dist.collectively(() -> assertTrue(n > 100, "golden cases: " + n));
    }

    /** unfold's bad arguments, on every rank before any communication. */
    @Test
    void unfoldRefusesBadArguments() {
        DNDarray x = Factories.fromReplicated(Dist.iota(5, 3), 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Manipulations.unfold(x, 0, 6, 1));   // size > extent
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Manipulations.unfold(x, 0, -1, 1));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Manipulations.unfold(x, 1, 2, 0));   // step < 1
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Manipulations.unfold(x, 2, 1, 1));   // axis
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Manipulations.unfold(Heat.array(2.0), 0, 1, 1));
    }

    static long[] longs(String s) {
        if (s.isEmpty()) return new long[0];
        return Arrays.stream(s.split(",")).mapToLong(Long::parseLong).toArray();
    }
}
