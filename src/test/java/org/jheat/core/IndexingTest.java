package org.jheat.core;

import static org.jheat.core.Index.all;
import static org.jheat.core.Index.ellipsis;
import static org.jheat.core.Index.idx;
import static org.jheat.core.Index.newaxis;
import static org.jheat.core.Index.of;
import static org.jheat.core.Index.slice;
import static org.jheat.testing.Dist.assertDistributed;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.Heat;
import org.jheat.comm.Communication;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/** Distributed indexing: the split rules, both operands distributed, nonzero/where, bad input on every rank. */
class IndexingTest {
    private static Integer[] splits(int nd) {
        Integer[] s = new Integer[nd + 1];
        for (int i = 0; i < nd; i++) s[i + 1] = i;
        return s;
    }

    private static Tensor ints(long seed, long bound, long... shape) {
        Tensor t = Tensor.empty(DType.INT64, shape);
        long s = seed;
        for (long i = 0; i < t.size(); i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            t.setLongFlat(Math.floorMod(s >>> 33, 2 * bound) - bound, i);   // in [-bound, bound)
        }
        return t;
    }

    @Test
    void integerOnTheSplitAxisGivesAScalarEverywhere() {
        Tensor v = Dist.iota(7);
        DNDarray x = Heat.array(v, null, 0);
        for (long i = -7; i < 7; i++) {
            DNDarray r = x.redistribute(front(7));
            DNDarray s = Indexing.get(x, idx(i));
            assertNull(s.split());
            assertEquals(0, s.ndim());
            double want = v.getDouble(i < 0 ? i + 7 : i);
            Dist.collectively(() -> assertEquals(want, s.larray().getDouble()));
            assertEquals(want, Indexing.get(r, idx(i)).itemDouble());
        }
    }

    private static long[] front(long n) {
        long[] c = new long[Dist.comm().size()];
        c[0] = n;
        return c;
    }

    @Test
    void basicIndexingIsAViewSplitAlongTheSurvivingAxis() {
        Communication c = Dist.comm();
        Tensor full = Dist.iota(7, 5);
        DNDarray x = Heat.array(full, null, 0);
        DNDarray r = Indexing.get(x, slice(1, null, 2), idx(-1));   // x[1::2, -1]: rows 1, 3, 5
        assertEquals(0, r.split());
        assertDistributed(full.slice(0, 1L, null, 2).select(1, -1).contiguous(), r, false);
        // a view: writing into it writes into x (numpy semantics)
        Indexing.set(r, 100.0);
        Tensor want = full.copy();
        want.slice(0, 1L, null, 2).select(1, -1).fill(100.0);
        assertDistributed(want, x, true);
        // along a non-split axis nothing moves and the counts stay x's
        DNDarray cols = Indexing.get(x, ellipsis(), slice(null, null, -2));
        assertArrayEquals(x.countsDispls()[0], cols.countsDispls()[0]);
        // a negative step along the split axis keeps the slabs in rank order (mirror exchange)
        DNDarray rev = Indexing.get(x, slice(null, null, -1), newaxis());
        assertDistributed(want.slice(0, null, null, -1).unsqueeze(1).contiguous(), rev, false);
        Dist.collectively(() -> assertEquals(c.size(), rev.lshapeMap().length));
    }

    @Test
    void vecIndexedByMatrixBothSplit() {   // Heat #1857
        Tensor vec = Dist.iota(23);
        Tensor mat = ints(7, 23, 6, 5);
        Tensor want = Tensor.empty(DType.FLOAT64, 6, 5);
        for (long i = 0; i < 30; i++) {
            long k = mat.getLongFlat(i);
            want.setDoubleFlat(vec.getDoubleFlat(k < 0 ? k + 23 : k), i);
        }
        for (Integer sv : splits(1)) {
            for (Integer sm : splits(2)) {
                DNDarray r = Indexing.get(Heat.array(vec, null, sv), of(Heat.array(mat, null, sm)));
                assertDistributed(want, r, false);
                Integer expect = sm != null ? sm : (sv != null ? Integer.valueOf(0) : null);
                Dist.collectively(() -> assertEquals(expect, r.split()));
            }
        }
    }

    @Test
    void advancedIndexingOfMatricesAgainstALocalLoop() {
        Tensor full = Dist.iota(11, 4, 3);
        Tensor rows = ints(3, 11, 9), cols = ints(5, 3, 9);
        // x[rows, :, cols] -> (9, 4): advanced indices not adjacent -> B first
        Tensor want = Tensor.empty(DType.FLOAT64, 9, 4);
        for (int b = 0; b < 9; b++) {
            long i = Math.floorMod(rows.getLongFlat(b), 11), k = Math.floorMod(cols.getLongFlat(b), 3);
            for (int j = 0; j < 4; j++) want.setDouble(full.getDouble(i, j, k), b, j);
        }
        for (Integer sx : splits(3)) {
            for (Integer si : new Integer[] {null, 0}) {
                DNDarray r = Indexing.get(Heat.array(full, null, sx), of(Heat.array(rows, null, si)), all(), of(Heat.array(cols, null, null)));
                assertDistributed(want, r, false);
            }
        }
    }

    @Test
    void masksSelectLocallyAndSplitByLocalCounts() {
        Communication c = Dist.comm();
        Tensor full = Dist.iota(9, 4);
        for (Integer s : splits(2)) {
            DNDarray x = Heat.array(full, null, s);
            DNDarray m = x.gt(0.25);
            DNDarray r = Indexing.get(x, of(m));
            int n = 0;
            for (double d : full.toDoubleArray()) if (d > 0.25) n++;
            Tensor want = Tensor.empty(DType.FLOAT64, n);
            int k = 0;
            for (double d : full.toDoubleArray()) if (d > 0.25) want.setDoubleFlat(d, k++);
            assertDistributed(want, r, false);
            if (s != null && s == 0) {
                long mine = 0;
                for (double d : x.larray().contiguous().toDoubleArray()) if (d > 0.25) mine++;
                long expect = mine;
                long[] counts = r.countsDispls()[0];
                Dist.collectively(() -> assertEquals(expect, counts[c.rank()], "local selection"));
            }
            // x[x > 0.25] = 0 then nothing is left above
            Indexing.set(x, 0, of(m));
            assertEquals(0, Indexing.get(x, of(x.gt(0.25))).size());
            assertEquals(full.size(), x.size());
        }
    }

    @Test
    void maskWithADifferentDistributionThanX() {
        Tensor full = Dist.iota(10, 3);
        Tensor mask = Tensor.empty(DType.BOOL, 10);
        for (int i = 0; i < 10; i++) mask.setLongFlat(i % 3 == 1 ? 1 : 0, i);
        long[] front = front(10);
        DNDarray m = Heat.array(mask, null, 0).redistribute(front);
        Tensor want = Tensor.empty(DType.FLOAT64, 3, 3);
        for (int i = 0, k = 0; i < 10; i++) if (i % 3 == 1) want.select(0, k++).copyFrom(full.select(0, i));
        for (Integer s : splits(2)) {
            assertDistributed(want, Indexing.get(Heat.array(full, null, s), of(m)), false);
        }
    }

    @Test
    void setWithDistributedValuesIndicesAndDuplicates() {
        Tensor full = Dist.iota(13, 2);
        Tensor ix = Tensor.fromArray(new long[] {12, 0, 5, 5, -1, 3, 5, 7, 0});
        Tensor val = Dist.iota(9, 2).astype(DType.FLOAT32);
        Tensor want = full.copy();
        for (int b = 0; b < 9; b++) want.select(0, Math.floorMod(ix.getLongFlat(b), 13)).copyFrom(val.select(0, b));   // last wins
        for (Integer sx : splits(2)) {
            for (Integer si : new Integer[] {null, 0}) {
                for (Integer sv : splits(2)) {
                    DNDarray x = Heat.array(full, null, sx);
                    Indexing.set(x, Heat.array(val, null, sv), of(Heat.array(ix, null, si)));
                    assertDistributed(want, x, true);
                }
            }
        }
    }

    @Test
    void nonzeroAndWhere() {
        Tensor full = ints(11, 2, 5, 3, 4);
        java.util.List<long[]> nz = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) if (full.getLong(i, j, k) != 0) nz.add(new long[] {i, j, k});
        for (Integer s : splits(3)) {
            DNDarray x = Heat.array(full, null, s);
            DNDarray[] r = Indexing.nonzero(x);
            assertEquals(3, r.length);
            for (int d = 0; d < 3; d++) {
                Tensor want = Tensor.empty(DType.INT64, nz.size());
                for (int q = 0; q < nz.size(); q++) want.setLongFlat(nz.get(q)[d], q);
                assertDistributed(want, r[d], false);
                Integer expect = s == null ? null : 0;
                DNDarray rd = r[d];
                Dist.collectively(() -> assertEquals(expect, rd.split()));
            }
            assertEquals(nz.size(), Indexing.where(x)[0].size());
        }
        // where(cond, a, b): broadcasting, scalars, promotion, every split pair
        Tensor a = Dist.iota(6, 4), b = Dist.iota(4).astype(DType.INT32);
        Tensor want = Tensor.empty(DType.FLOAT64, 6, 4);
        for (int i = 0; i < 6; i++) for (int j = 0; j < 4; j++) {
            double av = a.getDouble(i, j);
            want.setDouble(av > 0 ? av : b.getDouble(j), i, j);
        }
        for (Integer sa : splits(2)) {
            for (Integer sb : splits(1)) {
                DNDarray x = Heat.array(a, null, sa);
                assertDistributed(want, Indexing.where(x.gt(0), x, Heat.array(b, null, sb)), false);
            }
            DNDarray x = Heat.array(a, null, sa);
            DNDarray relu = Indexing.where(x.gt(0), x, 0);
            Dist.collectively(() -> assertEquals(DType.FLOAT64, relu.dtype()));
            assertEquals(0.0, relu.min().itemDouble());
        }
    }

    @Test
    void emptySelectionsAndEmptyLocalChunks() {
        Tensor full = Dist.iota(2, 3);   // fewer rows than processes at np 3 and 4
        for (Integer s : splits(2)) {
            DNDarray x = Heat.array(full, null, s);
            assertEquals(0, Indexing.get(x, slice(5, null)).size());
            assertArrayEquals(new long[] {0, 3}, Indexing.get(x, of(new long[0])).gshape());
            assertArrayEquals(new long[] {0}, Indexing.get(x, of(x.gt(100))).gshape());
            assertDistributed(full.select(0, 1).contiguous(), Indexing.get(x, idx(1)), false);
            Indexing.set(x, 1.0, of(new long[0]));
            Indexing.set(x, 1.0, of(x.gt(100)));
            assertDistributed(full, x, true);
        }
    }

    @Test
    void badInputThrowsOnEveryRankAndLeavesXUnchanged() {
        Tensor full = Dist.iota(7, 5);
        for (Integer s : splits(2)) {
            DNDarray x = Heat.array(full, null, s);
            assertThrowsEverywhere(IllegalArgumentException.class, () -> Indexing.get(x, idx(0), idx(0), idx(0)));
            assertThrowsEverywhere(IllegalArgumentException.class, () -> Indexing.get(x, ellipsis(), ellipsis()));
            assertThrowsEverywhere(IndexOutOfBoundsException.class, () -> Indexing.get(x, idx(7)));
            assertThrowsEverywhere(IndexOutOfBoundsException.class, () -> Indexing.get(x, all(), idx(-6)));
            assertThrowsEverywhere(IllegalArgumentException.class, () -> Indexing.get(x, of(Heat.array(new double[] {0, 1}, null, 0))));
            assertThrowsEverywhere(IllegalArgumentException.class, () -> Indexing.get(x, of(true, false, true)));
            assertThrowsEverywhere(IllegalArgumentException.class, () -> Indexing.get(x, of(new long[] {0, 1}), of(new long[] {0, 1, 2})));
            assertThrowsEverywhere(IllegalArgumentException.class, () -> Indexing.set(x, Heat.zeros(3), slice(0, 2)));
            assertThrowsEverywhere(IllegalArgumentException.class, () -> Indexing.set(x, Heat.zeros(4), of(new long[] {0, 1, 2}), idx(0)));
            // an out-of-bounds entry held by one process only: all processes agree and throw, x is unchanged
            Tensor bad = Tensor.fromArray(new long[] {0, 1, 2, 3, 4, 5, 6, -7, 1, 2, 3, 4});
            bad.setLongFlat(40, 11);
            for (Integer si : new Integer[] {null, 0}) {
                DNDarray ix = Heat.array(bad, null, si);
                IndexOutOfBoundsException e = assertThrowsEverywhere(IndexOutOfBoundsException.class, () -> Indexing.get(x, of(ix)));
                Dist.collectively(() -> assertTrue(e.getMessage().contains("index 40 is out of bounds for axis 0 with size 7"), e.getMessage()));
                assertThrowsEverywhere(IndexOutOfBoundsException.class, () -> Indexing.set(x, -1.0, of(ix)));
                assertThrowsEverywhere(IndexOutOfBoundsException.class, () -> Indexing.set(x, -1.0, all(), of(ix)));
                assertDistributed(full, x, true);
            }
        }
    }

    @Test
    void javaFacingIndexFactories() {
        assertEquals(new Index.Slice(null, 3L, 1), slice(null, 3));
        assertEquals(new Index.Slice(1L, null, -2), slice(1, null, -2));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> slice(0, 3, 0));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> slice(0.5, 3));
        assertEquals("1::-2", slice(1, null, -2).toString());
    }

    /**
     * The two fast paths: a lone mask on the split axis (each process selects its own rows, no exchange) and
     * replicated index arrays into the split axis (each process computes what the others need from it, one exchange
     * of rows), against local loops: rows of 20 bytes (int32, not whole words) and 24 bytes, a 2-d mask, n < p,
     * empty selections, repeated and negative indices, a 2-d B; and a mask assignment.
     */
    @Test
    void localMaskAndReplicatedIndicesAgainstLocalLoops() {
        for (long n : new long[] {2, 7, 13}) {
            Tensor full = Dist.iota(n, 5).astype(DType.INT32), f3 = Dist.iota(n, 3, 1);
            for (Integer s : splits(2)) {
                DNDarray x = Heat.array(full, null, s);
                for (double t : new double[] {-1, 12, 1e9}) {
                    DNDarray mask = Indexing.get(x, all(), idx(0)).gt(t);
                    int k = 0;
                    for (long i = 0; i < n; i++) k += full.getDouble(i, 0) > t ? 1 : 0;
                    Tensor want = Tensor.empty(DType.INT32, k, 5);
                    for (long i = 0, r = 0; i < n; i++) {
                        if (full.getDouble(i, 0) > t) {
                            for (int j = 0; j < 5; j++) want.setDouble(full.getDouble(i, j), r, j);
                            r++;
                        }
                    }
                    DNDarray got = Indexing.get(x, of(mask));
                    assertDistributed(want, got, false);
                    Dist.collectively(() -> assertEquals(s, got.split()));
                }
                // a 2-d mask over both axes: elements in C order
                DNDarray m2 = x.gt(2.5);
                java.util.List<Double> el = new java.util.ArrayList<>();
                for (double d : full.toDoubleArray()) if (d > 2.5) el.add(d);
                Tensor want2 = Tensor.empty(DType.INT32, el.size());
                for (int i = 0; i < el.size(); i++) want2.setDouble(el.get(i), i);
                assertDistributed(want2, Indexing.get(x, of(m2)), false);
                // mask assignment writes through the local path too
                DNDarray y = Heat.array(f3, null, s);
                Indexing.set(y, -1.0, of(Indexing.get(y, all(), idx(0), idx(0)).gt(4.0)));
                Tensor w3 = f3.copy();
                for (long i = 0; i < n; i++) if (f3.getDouble(i, 0, 0) > 4.0) w3.select(0, i).fill(-1.0);
                assertDistributed(w3, y, true);
                // replicated row indices (2-d, repeated, negative) into the split axis
                Tensor ix = ints(11, n, 3, 4);
                Tensor want3 = Tensor.empty(DType.INT32, 3, 4, 5);
                for (int b = 0; b < 12; b++) {
                    long r = Math.floorMod(ix.getLongFlat(b), n);
                    for (int j = 0; j < 5; j++) want3.setDouble(full.getDouble(r, j), b / 4, b % 4, j);
                }
                assertDistributed(want3, Indexing.get(x, of(Heat.array(ix, null, null))), s == null || s == 0);
            }
        }
    }

    /** nonzero of a 3-d mask larger than the kernel's heap chunk, every split, against a local loop. */
    @Test
    void nonzeroOfALargeMaskAgainstALocalLoop() {
        Tensor v = ints(17, 3, 5, 7, 1201);   // 42035 values in [-3, 3): about one in six is zero
        long[][] want = new long[3][];
        int nnz = 0;
        for (long i = 0; i < v.size(); i++) nnz += v.getLongFlat(i) != 0 ? 1 : 0;
        for (int d = 0; d < 3; d++) want[d] = new long[nnz];
        for (int i = 0, q = 0; i < 5; i++) {
            for (int j = 0; j < 7; j++) {
                for (int k = 0; k < 1201; k++) {
                    if (v.getLong(i, j, k) == 0) continue;
                    want[0][q] = i;
                    want[1][q] = j;
                    want[2][q++] = k;
                }
            }
        }
        for (Integer s : splits(3)) {
            DNDarray[] got = Searching.nonzero(Heat.array(v, null, s));
            for (int d = 0; d < 3; d++) assertArrayEquals(want[d], got[d].toLongArray(), "axis " + d + ", split " + s);
        }
    }
}
