package org.jheat.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Reductions over the leading axis of narrow arrays (rows of fewer than half a block), which load several rows per
 * block and split long columns over the threads: against a plain loop, for every reduction kernel, row widths 1–9
 * and 33, column lengths from 1 to past the per-thread grain, float64 and int64, with NaN for min/max.
 */
class ReduceNarrowTest {
    private static final ReduceFn[] FNS = {Reductions.SUM, Reductions.PROD, Reductions.MIN, Reductions.MAX, Reductions.ANY, Reductions.ALL};

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
                    }
                }
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
