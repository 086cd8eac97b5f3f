package org.jheat.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reproducible sum's kernel against exact arithmetic (BigDecimal, rounded once: what Python's math.fsum gives),
 * and its independence of order, blocking, layout and window history.
 */
@Tag("local")
class ReproSumTest {
    private static double exact(double[] v) {
        BigDecimal s = BigDecimal.ZERO;
        for (double x : v) s = s.add(new BigDecimal(x));
        return s.doubleValue();
    }

    private static double repro(double[] v) {
        Tensor t = Tensor.fromArray(v);
        return ReproSum.finish(ReproSum.states(t, 1, v.length, 1), DType.FLOAT64).getDouble(0);
    }

    /** Values over ~40 binary orders of magnitude, both signs, with cancellation. */
    private static double[] data(long seed, int n) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(40) - 20);
        return v;
    }

    private static void shuffle(double[] v, long seed) {
        Random r = new Random(seed);
        for (int i = v.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
    }

    @Test
    void sumsAreExactThenRoundedOnce() {
        for (int n : new int[] {0, 1, 3, 7, 2047, 2048, 2049, 10_000, 100_003}) {
            double[] v = data(n, n);
            assertEquals(exact(v), repro(v), "n = " + n);
        }
        // catastrophic cancellation, which a float64 sum in any order gets wrong
        double[] c = {1e18, 1.0, -1e18, 0.5, 3.0, 1e17, -1e17};
        assertEquals(exact(c), repro(c));
        assertEquals(4.5, repro(c));
        // below the grid (2^-64 of the largest element's bin, at most 2^-64 of the largest magnitude) elements round
        double[] g = {1e18, 1e-3};
        assertTrue(Math.abs(repro(g) - 1e18) <= Math.scalb(1e18, -64), "1e-3 next to 1e18");
        double[] h = {1e18, 1e-3, -1e18};
        assertTrue(Math.abs(repro(h) - 1e-3) <= Math.scalb(1e18, -65), "error bound " + repro(h));
        // elements more than 2^96 below the largest are rounded to its grid (here to 0): an error of 2^-64 of its bin
        assertEquals(0.0, repro(new double[] {1e100, 1.0, -1e100}));
        // the largest magnitudes without overflow inside, subnormals exactly
        assertEquals(Double.MAX_VALUE, repro(new double[] {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE}));
        assertEquals(Double.POSITIVE_INFINITY, repro(new double[] {Double.MAX_VALUE, Double.MAX_VALUE}));
        double[] sub = new double[10];
        java.util.Arrays.fill(sub, Double.MIN_VALUE);
        assertEquals(10 * Double.MIN_VALUE, repro(sub));
        assertEquals(-0.0 + 0.0, repro(new double[] {-0.0, -0.0}));
    }

    @Test
    void orderBlockingAndWindowHistoryDoNotChangeTheBits() {
        double[] v = data(7, 50_001);
        // a huge element late moves the window up after most elements were added with a lower one
        v[45_000] = 3.5e12;
        v[10] = -1.25e-9;
        long want = Double.doubleToRawLongBits(repro(v));
        for (long seed = 1; seed <= 4; seed++) {
            double[] w = v.clone();
            shuffle(w, seed);
            assertEquals(want, Double.doubleToRawLongBits(repro(w)), "shuffle " + seed);
        }
        // partial states over uneven pieces, merged: the distributed path's arithmetic
        Tensor t = Tensor.fromArray(v);
        for (int pieces : new int[] {2, 3, 7}) {
            ReproSum.Acc total = new ReproSum.Acc();
            long step = v.length / pieces + 1;
            for (long a = 0; a < v.length; a += step) {
                long b = Math.min(v.length, a + step);
                ReproSum.States st = ReproSum.states(t.narrow(0, a, b - a).contiguous(), 1, b - a, 1);
                ReproSum.Acc part = new ReproSum.Acc();
                part.win = (int) st.window().getLong(0);
                part.b1 = st.bins().getLong(0, 0);
                part.b2 = st.bins().getLong(0, 1);
                part.b3 = st.bins().getLong(0, 2);
                total.merge(part);
            }
            assertEquals(want, Double.doubleToRawLongBits(ReproSum.value(total.win, total.b1, total.b2, total.b3)), pieces + " pieces");
        }
    }

    @Test
    void vectorAndScalarLoopsCutTheSameParts() {
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) return;   // the scalar loop is then the only one
        for (int m : new int[] {1, 5, 64, 2047, 2048}) {
            double[] v = data(m + 100, m);
            java.lang.foreign.MemorySegment seg = Tensor.fromArray(v).hostSegment();
            double[] ra = new double[3], rb = new double[3];
            double s = ReproSum.scale(ReproSum.windowFor(1e6));
            double mx = ReproSum.cut(seg, 0, m, s, ra);
            assertEquals(mx, ReproSumVector.cut(seg, 0, m, s, rb), "max, m = " + m);
            assertEquals(ra[0], rb[0], "top parts, m = " + m);
            assertEquals(ra[1], rb[1], "middle parts, m = " + m);
            assertEquals(ra[2], rb[2], "low parts, m = " + m);
        }
    }

    @Test
    void columnsAndRowsGiveTheSameSums() {
        int rows = 3001, cols = 5;
        double[] v = data(11, rows * cols);
        v[4 * cols + 2] = 1e30;   // one column's window moves up in its first chunk
        Tensor m = Tensor.fromArray(v).reshape(rows, cols);
        Tensor byCol = ReproSum.finish(ReproSum.states(m, 1, rows, cols), DType.FLOAT64);
        Tensor byRow = ReproSum.finish(ReproSum.states(m.transpose().contiguous(), cols, rows, 1), DType.FLOAT64);
        assertTrue(byCol.contentEquals(byRow));
        assertTrue(byCol.contentEquals(ReproSum.sum(m, 1, rows, cols, DType.FLOAT64)), "local sums without states");
        assertTrue(byRow.contentEquals(ReproSum.sum(m.transpose().contiguous(), cols, rows, 1, DType.FLOAT64)));
        // many columns: threads take column blocks; one column's values with a NaN, another's with +inf
        int wide = 1000;
        double[] big = data(12, 7 * wide);
        big[3 * wide + 17] = Double.NaN;
        big[5 * wide + 400] = Double.POSITIVE_INFINITY;
        Tensor bw = Tensor.fromArray(big).reshape(7, wide);
        Tensor cs = ReproSum.sum(bw, 1, 7, wide, DType.FLOAT64), rs = ReproSum.sum(bw.transpose().contiguous(), wide, 7, 1, DType.FLOAT64);
        assertTrue(cs.contentEquals(rs), "wide columns");
        assertTrue(Double.isNaN(cs.getDouble(17)));
        assertEquals(Double.POSITIVE_INFINITY, cs.getDouble(400));
        for (int j = 0; j < cols; j++) {
            double[] col = new double[rows];
            for (int i = 0; i < rows; i++) col[i] = v[i * cols + j];
            assertEquals(exact(col), byCol.getDouble(j), "column " + j);
        }
    }

    @Test
    void nanAndInfinitiesFollowIeee() {
        assertTrue(Double.isNaN(repro(new double[] {1, Double.NaN, 2})));
        assertTrue(Double.isNaN(repro(new double[] {Double.POSITIVE_INFINITY, 1, Double.NEGATIVE_INFINITY})));
        assertEquals(Double.POSITIVE_INFINITY, repro(new double[] {Double.POSITIVE_INFINITY, -5, 1e300}));
        assertEquals(Double.NEGATIVE_INFINITY, repro(new double[] {-1, Double.NEGATIVE_INFINITY}));
        Tensor m = Tensor.fromArray(new double[] {1, Double.NaN, 2, 3, 4, Double.NEGATIVE_INFINITY}).reshape(3, 2);
        Tensor s = ReproSum.finish(ReproSum.states(m, 1, 3, 2), DType.FLOAT64);
        assertTrue(Double.isNaN(s.getDouble(1)));
        assertEquals(7.0, s.getDouble(0));
        Tensor r = ReproSum.finish(ReproSum.states(m.transpose().contiguous(), 2, 3, 1), DType.FLOAT64);
        assertEquals(7.0, r.getDouble(0));
        assertTrue(Double.isNaN(r.getDouble(1)));
        Tensor inf = Tensor.fromArray(new double[] {1, 2, Double.NEGATIVE_INFINITY, 3}).reshape(2, 2);
        assertEquals(Double.NEGATIVE_INFINITY, ReproSum.finish(ReproSum.states(inf, 1, 2, 2), DType.FLOAT64).getDouble(0));
    }

    @Test
    void float32ResultsAndBadInput() {
        double[] v = data(3, 999);
        Tensor f = ReproSum.finish(ReproSum.states(Tensor.fromArray(v), 1, v.length, 1), DType.FLOAT32);
        assertEquals(DType.FLOAT32, f.dtype());
        assertEquals((float) exact(v), (float) f.getDouble(0));
        assertThrows(IllegalArgumentException.class, () -> ReproSum.states(Tensor.fromArray(v).astype(DType.FLOAT32), 1, v.length, 1));
        assertThrows(IllegalArgumentException.class, () -> ReproSum.states(Tensor.fromArray(v), 2, v.length, 1));
    }
}
