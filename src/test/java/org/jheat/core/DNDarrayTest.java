package org.jheat.core;

import static org.jheat.testing.Dist.assertDistributed;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jheat.Heat;
import org.jheat.comm.Communication;
import org.jheat.tensor.DType;
import org.jheat.tensor.PrintOptions;
import org.jheat.tensor.Tensor;
import org.jheat.tensor.TensorPrinter;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

class DNDarrayTest {
    /** Shapes with uneven and smaller-than-p extents, 1-d to 4-d, and empty ones. */
    private static final long[][] SHAPES = {{7}, {2}, {0}, {7, 5}, {2, 9}, {1, 3}, {0, 3}, {3, 4, 5}, {5, 1, 2}, {3, 1, 4, 2}, {2, 3, 2, 5}};

    private static List<Integer> splits(int nd) {
        List<Integer> s = new ArrayList<>();
        s.add(null);
        for (int i = 0; i < nd; i++) s.add(i);
        return s;
    }

    @Test
    void resplitBetweenEveryPairOfAxes() {
        for (long[] shape : SHAPES) {
            Tensor full = Dist.iota(shape);
            for (Integer from : splits(shape.length)) {
                DNDarray x = Heat.array(full, null, from);
                for (Integer to : splits(shape.length)) {
                    DNDarray y = x.resplit(to);
                    assertEquals(to, y.split(), "split after resplit");
                    assertDistributed(full, y, true);
                }
                assertDistributed(full, x, true);   // the source is unchanged
            }
        }
    }

    @Test
    void resplitOfAnUnbalancedArrayAndOtherDtypes() {
        Communication c = Dist.comm();
        int p = c.size();
        Tensor full = Dist.iota(11, 3).astype(DType.INT16);
        DNDarray x = Heat.array(full, null, 0);
        long[] target = new long[p];
        target[p - 1] = 11;   // everything on the last rank: the others hold empty chunks
        DNDarray u = x.redistribute(target);
        assertDistributed(full, u, false);
        assertEquals(p == 1, u.isBalanced());
        assertDistributed(full, u.resplit(1), true);
        assertDistributed(full, u.resplit(null), true);
        assertDistributed(full, u.resplit(0), false);   // same axis: a copy with the same distribution
        DNDarray b = u.balance();
        assertDistributed(full, b, true);
        u.balanceInPlace();
        assertDistributed(full, u, true);
        assertSame(u, u.balance());
    }

    @Test
    void redistributeToArbitraryCountsAlongEveryAxis() {
        Communication c = Dist.comm();
        int p = c.size();
        long[] shape = {4, 9, 3};
        Tensor full = Dist.iota(shape);
        for (int axis = 0; axis < 3; axis++) {
            DNDarray x = Heat.array(full, null, axis);
            long n = shape[axis];
            long[] reversed = Distribution.counts(n, p);
            for (int i = 0; i < p / 2; i++) { long t = reversed[i]; reversed[i] = reversed[p - 1 - i]; reversed[p - 1 - i] = t; }
            long[] front = new long[p];
            front[0] = n;
            for (long[] target : new long[][] {reversed, front}) {
                DNDarray y = x.redistribute(target);
                assertArrayEquals(target, y.countsDispls()[0]);
                assertDistributed(full, y, false);
                DNDarray z = y.redistribute(Distribution.counts(n, p));
                assertDistributed(full, z, true);
                long[][] map = y.lshapeMap();
                DNDarray w = z.redistribute(map);
                assertArrayEquals(target, w.countsDispls()[0]);
                assertDistributed(full, w, false);
            }
            DNDarray in = Heat.array(full, null, axis);
            in.redistributeInPlace(front);
            assertArrayEquals(front, in.countsDispls()[0]);
            in.resplitInPlace(null);
            assertNull(in.split());
            assertDistributed(full, in, true);
        }
    }

    @Test
    void invalidRedistributionAndResplitFailEverywhere() {
        Communication c = Dist.comm();
        int p = c.size();
        DNDarray x = Heat.array(Dist.iota(7, 2), null, 0);
        assertThrowsEverywhere(IllegalArgumentException.class, () -> x.resplit(2));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> x.resplit(-3));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> x.redistribute(new long[p + 1]));
        long[] wrong = Distribution.counts(8, p);
        assertThrowsEverywhere(IllegalArgumentException.class, () -> x.redistribute(wrong));
        long[] negative = Distribution.counts(7, p);
        negative[0] += 1;
        negative[p - 1] -= p == 1 ? 0 : 1;
        if (p > 1) {
            negative[p - 1] = -negative[p - 1] - 1;
            long[] neg = negative;
            assertThrowsEverywhere(IllegalArgumentException.class, () -> x.redistribute(neg));
        }
        long[][] badMap = x.lshapeMap();
        badMap[0][1] = 3;
        assertThrowsEverywhere(IllegalArgumentException.class, () -> x.redistribute(badMap));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> x.resplit(null).redistribute(new long[p]));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> x.item());
        assertThrowsEverywhere(IllegalArgumentException.class, () -> x.astype(null));
        assertDistributed(Dist.iota(7, 2), x, true);   // nothing was changed by the failed calls
    }

    @Test
    void metadataAndLocalShapeMap() {
        Communication c = Dist.comm();
        int p = c.size(), r = c.rank();
        DNDarray x = Heat.zeros(new long[] {7, 3}, DType.FLOAT32, 0);
        assertEquals(Distribution.count(7, p, r), x.lshape()[0]);
        assertEquals(21, x.size());
        assertEquals(84, x.nbytes());
        assertEquals(x.lnumel() * 4, x.lnbytes());
        assertEquals(2, x.ndim());
        assertArrayEquals(new long[] {3, 1}, x.stride());
        assertArrayEquals(new long[] {12, 4}, x.strides());
        assertEquals(p > 1, x.isDistributed());
        assertEquals("cpu:0", x.device().toString());
        long[][] map = x.lshapeMap();
        long[][] fresh = x.createLshapeMap();
        for (int i = 0; i < p; i++) {
            assertArrayEquals(new long[] {Distribution.count(7, p, i), 3}, map[i]);
            assertArrayEquals(map[i], fresh[i]);
        }
        long[][] cd = x.countsDispls();
        assertArrayEquals(Distribution.counts(7, p), cd[0]);
        assertArrayEquals(Distribution.displs(cd[0]), cd[1]);
        assertTrue(x.isBalanced());
        DNDarray t = x.T();
        assertEquals(1, t.split());
        assertArrayEquals(new long[] {3, 7}, t.gshape());
        assertFalse(Heat.zeros(new long[] {2}, DType.FLOAT64, null).isDistributed());
        assertArrayEquals(new long[] {7, 3}, Distribution.counts(10, 2).length == 2 ? new long[] {7, 3} : null);
    }

    @Test
    void collectFillDiagonalAndTolist() {
        Communication c = Dist.comm();
        Tensor full = Dist.iota(5, 4);
        for (Integer s : splits(2)) {
            DNDarray x = Heat.array(full, null, s);
            DNDarray on = x.collect(c.size() - 1);
            assertDistributed(full, on, c.size() == 1 || s == null);
            if (s != null) assertEquals(s == 0 ? 5 : 4, on.lshapeMap()[c.size() - 1][s]);
            Tensor want = full.copy();
            for (int i = 0; i < 4; i++) want.setDouble(-1, i, i);
            assertDistributed(want, x.fillDiagonal(-1), true);
            assertArrayEquals((double[][]) want.toNestedArray(), (double[][]) x.tolist());
        }
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.zeros(3).collect(c.size()));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.zeros(3).fillDiagonal(1));
    }

    @Test
    void transposeOfSplitArrays() {
        Tensor full = Dist.iota(3, 4, 5);
        for (Integer s : splits(3)) {
            DNDarray x = Heat.array(full, null, s);
            assertDistributed(full.transpose().contiguous(), x.T(), true);
            assertDistributed(full.permute(1, 2, 0).contiguous(), x.permute(1, 2, 0), true);
        }
    }

    @Test
    void conversionsItemAndFromLocal() {
        Communication c = Dist.comm();
        DNDarray x = Heat.array(new double[][] {{1.5, 2}, {3, 4}, {5, 6}}, null, 0);
        assertArrayEquals(new double[] {1.5, 2, 3, 4, 5, 6}, x.toDoubleArray());
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, x.toLongArray());
        assertArrayEquals(new int[][] {{1, 2}, {3, 4}, {5, 6}}, (int[][]) x.astype(DType.INT32).toArray());
        DNDarray one = Heat.full(new long[] {1, 1}, 42, null, 1);
        assertEquals(42L, one.item());
        assertEquals(42.0, one.itemDouble());
        assertEquals(42L, one.itemLong());
        assertEquals(true, Heat.full(new long[] {1}, 1, DType.BOOL, 0).item());
        // each rank contributes rank+1 rows of width 2
        Tensor mine = Tensor.full(DType.INT64, c.rank(), c.rank() + 1, 2);
        DNDarray f = DNDarray.fromLocal(mine, 0, c);
        long rows = (long) c.size() * (c.size() + 1) / 2;
        assertArrayEquals(new long[] {rows, 2}, f.gshape());
        assertEquals(c.size() == 1, f.isBalanced());
        Tensor all = f.gatherAll();
        long at = 0;
        for (int r = 0; r < c.size(); r++) {
            for (int i = 0; i <= r; i++, at++) assertEquals(r, all.getLong(at, 1));
        }
        Tensor ragged = Tensor.zeros(DType.INT64, 1, 1 + (c.rank() == c.size() - 1 && c.size() > 1 ? 1 : 0));
        if (c.size() > 1) {
            assertThrowsEverywhere(IllegalArgumentException.class, () -> DNDarray.fromLocal(ragged, 0, c));
            // parts of different ranks (the shape exchange would differ in length) and an axis valid for some only
            boolean last = c.rank() == c.size() - 1;
            Tensor rank = last ? Tensor.zeros(DType.INT64, 2) : Tensor.zeros(DType.INT64, 2, 2);
            assertThrowsEverywhere(IllegalArgumentException.class, () -> DNDarray.fromLocal(rank, 1, c));
            Tensor dt = Tensor.zeros(last ? DType.INT32 : DType.INT64, 2, 2);
            assertThrowsEverywhere(IllegalArgumentException.class, () -> DNDarray.fromLocal(dt, 0, c));
        }
    }

    @Test
    void printingMatchesTheLocalFormatterAndMovesOnlyTheCorner() {
        PrintOptions o = PrintOptions.get();
        for (long[] shape : new long[][] {{7}, {7, 5}, {40, 40}, {2000}, {3, 300, 2}}) {
            Tensor full = Dist.iota(shape);
            boolean[] cut = TensorPrinter.summarizedAxes(shape, o);
            for (Integer s : splits(shape.length)) {
                DNDarray x = Heat.array(full, null, s);
                String want = TensorPrinter.format(TensorPrinter.corner(full, cut, o.edgeItems()), cut, o, "DNDarray(",
                        ", dtype=float64, device=cpu:0, split=" + s + ")");
                assertEquals(want, Printing.format(x));
                if (s == null || Dist.comm().size() == 1) assertEquals(want, x.toString());
            }
        }
        String small = Printing.format(Heat.arange(0, 3, 1, null, 0));
        assertEquals("DNDarray([0, 1, 2], dtype=int64, device=cpu:0, split=0)", small);
        assertTrue(Printing.format(Heat.zeros(new long[] {2000}, DType.FLOAT64, 0)).contains("..."));
    }
}
