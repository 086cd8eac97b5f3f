package org.jheat.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reductions over the leading axis of narrow arrays (rows of fewer than half a block), which load several rows per
 * block and split long columns over the threads: against a plain loop, for every reduction kernel, row widths 1–9
 * and 33, column lengths from 1 to past the per-thread grain, float64 and int64, with NaN for min/max.
 */
@Tag("local")
class ReduceNarrowTest {
    private static final ReduceFn[] FNS = {Reductions.SUM, Reductions.PROD, Reductions.MIN, Reductions.MAX, Reductions.ANY, Reductions.ALL};

    @Test
    void sumReadInPlaceGivesTheBlockLoopsBits() {
        java.util.Random g = new java.util.Random(3);
        for (int b : new int[] {1, 2, 3, 5, 8, 9, 33}) {
            for (int r : new int[] {1, 2, 7, 31, 64, 100, 511}) {
                double[] rows = new double[r * b];
                for (int i = 0; i < rows.length; i++) rows[i] = g.nextGaussian() * Math.pow(10, g.nextInt(12) - 6);
                java.lang.foreign.MemorySegment seg = java.lang.foreign.Arena.ofAuto().allocate(8L * rows.length + 8);
                java.lang.foreign.MemorySegment.copy(rows, 0, seg, java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED, 8, rows.length);
                double[] a1 = new double[b], a2 = new double[b];
                Reductions.SUM.combineRows(a1, rows, r, b);
                assertTrue(Reductions.SUM.readsF64());
                Reductions.SUM.combineRowsF64(a2, seg, 8, r, b);
                for (int j = 0; j < b; j++) {
                    assertEquals(Double.doubleToRawLongBits(a1[j]), Double.doubleToRawLongBits(a2[j]), "b " + b + ", r " + r + ", column " + j);
                }
            }
        }
    }

    /** The whole-run fold read in place (float64 sums) gives the bits of the fold on copied blocks, also through Reduce. */
    @Test
    void sumFoldReadInPlaceGivesTheBlockFoldsBits() {
        java.util.Random g = new java.util.Random(5);
        for (int n : new int[] {0, 1, 7, 8, 9, 63, 1000, 4099}) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = g.nextGaussian() * Math.pow(10, g.nextInt(12) - 6);
            java.lang.foreign.MemorySegment seg = java.lang.foreign.Arena.ofAuto().allocate(8L * n + 8);
            java.lang.foreign.MemorySegment.copy(v, 0, seg, java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED, 8, n);
            assertTrue(Reductions.SUM.readsF64());
            double want = Reductions.SUM.fold(0.25, v, n), got = Reductions.SUM.foldF64(0.25, seg, 8, n);
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), "n " + n);
        }
        // a run of several blocks through Reduce, against the block loop on a Java array
        int len = 3 * Elementwise.BLOCK + 17;
        Tensor x = Tensor.empty(DType.FLOAT64, len);
        double[] all = new double[len];
        for (int i = 0; i < len; i++) x.setDoubleFlat(all[i] = g.nextGaussian() * Math.pow(10, g.nextInt(12) - 6), i);
        double want = 0;
        for (int c = 0; c < len; c += Elementwise.BLOCK) {
            int m = Math.min(Elementwise.BLOCK, len - c);
            want = Reductions.SUM.fold(want, java.util.Arrays.copyOfRange(all, c, c + m), m);
        }
        double got = Reduce.apply(Reductions.SUM, false, x, 0, DType.FLOAT64).getDouble();
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), "a run of " + len);
        assertFalse(Reductions.PROD.readsF64(), "kernels without the loop copy blocks out");
    }

    @Test
    void narrowRowsMatchAPlainLoop() {
        for (int b : new int[] {1, 2, 3, 5, 8, 9, 33}) {
            for (long k : new long[] {1, 2, 7, 31, 100, 20_000}) {
                for (long a : new long[] {1, 3}) {
                    Tensor x = Tensor.empty(DType.FLOAT64, a, k, b);
                    Tensor xi = Tensor.empty(DType.INT64, a, k, b);
                    for (long e = 0; e < x.size(); e++) {
                        double v = ((e * 7919) % 13) / 4.0 - 1.0;
                        if (v == 0.75 && e % 2 == 0) v = 1.0;
                        x.setDoubleFlat(e == 5 * b + 1 && k > 10 ? Double.NaN : v, e);
                        xi.setLongFlat((e * 31) % 5 - 2, e);
                    }
                    for (ReduceFn fn : FNS) {
                        check(fn, false, x, a, k, b);
                        check(fn, true, xi, a, k, b);
                        // the last axis: k runs of b values (short runs for b <= half a block)
                        Tensor xt = x.reshape(a * k, b), xit = xi.reshape(a * k, b);
                        checkRuns(fn, false, xt);
                        checkRuns(fn, true, xit);
                    }
                }
            }
        }
    }

    /** The reduction over the last axis of (rows, b): every run folded on its own, with the same bits as fold(). */
    private static void checkRuns(ReduceFn fn, boolean longPath, Tensor x) {
        long rows = x.shape(0);
        int b = (int) x.shape(1);
        Tensor got = CpuBackend.INSTANCE.reduce(fn, longPath, x, 1, longPath ? DType.INT64 : DType.FLOAT64);
        for (long i = 0; i < rows; i++) {
            String where = fn.name() + " last axis " + (longPath ? "int64" : "float64") + " rows=" + rows + " b=" + b + " at " + i;
            if (longPath) {
                long[] run = new long[b];
                for (int j = 0; j < b; j++) run[j] = x.getLongFlat(i * b + j);
                assertEquals(fn.fold(fn.identityL(), run, b), got.getLongFlat(i), where);
            } else {
                double[] run = new double[b];
                for (int j = 0; j < b; j++) run[j] = x.getDoubleFlat(i * b + j);
                assertEquals(fn.fold(fn.identityD(), run, b), got.getDoubleFlat(i), 0.0, where);
            }
        }
    }

    private static void check(ReduceFn fn, boolean longPath, Tensor x, long a, long k, int b) {
        Tensor got = CpuBackend.INSTANCE.reduce(fn, longPath, x, 1, longPath ? DType.INT64 : DType.FLOAT64);
        for (long i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                String where = fn.name() + " " + (longPath ? "int64" : "float64") + " a=" + a + " k=" + k + " b=" + b + " at " + i + "," + j;
                if (longPath) {
                    long acc = fn.identityL();
                    long[] one = new long[1];
                    for (long q = 0; q < k; q++) {
                        one[0] = x.getLongFlat((i * k + q) * b + j);
                        acc = fn.fold(acc, one, 1);
                    }
                    assertEquals(acc, got.getLongFlat(i * b + j), where);
                } else {
                    double acc = fn.identityD();
                    double[] one = new double[1];
                    for (long q = 0; q < k; q++) {
                        one[0] = x.getDoubleFlat((i * k + q) * b + j);
                        acc = fn.fold(acc, one, 1);
                    }
                    double g = got.getDoubleFlat(i * b + j);
                    if (Double.isNaN(acc)) assertEquals(Double.NaN, g, where);
                    else assertEquals(acc, g, 1e-12 * Math.max(1, Math.abs(acc)), where);
                }
            }
        }
    }
}
