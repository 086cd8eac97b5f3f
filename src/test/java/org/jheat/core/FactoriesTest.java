package org.jheat.core;

import static org.jheat.testing.Dist.assertDistributed;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.Heat;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

class FactoriesTest {
    private static final Integer[] SPLITS_1D = {null, 0};
    private static final Integer[] SPLITS_2D = {null, 0, 1};

    private static Tensor filled(DType t, double v, long... shape) {
        return Tensor.full(t, v, shape);
    }

    @Test
    void zerosOnesFullEmptyForEverySplitAndUnevenSizes() {
        for (long[] shape : new long[][] {{7, 5}, {2, 3}, {0, 4}, {1, 1}, {13, 2}}) {
            for (Integer s : SPLITS_2D) {
                assertDistributed(filled(DType.FLOAT64, 0, shape), Heat.zeros(shape, DType.FLOAT64, s), true);
                assertDistributed(filled(DType.INT32, 1, shape), Heat.ones(shape, DType.INT32, s), true);
                assertDistributed(filled(DType.INT64, 7, shape), Heat.full(shape, 7, null, s), true);
                assertDistributed(filled(DType.FLOAT32, -2.5, shape), Heat.full(shape, -2.5, DType.FLOAT32, s), true);
                DNDarray e = Heat.empty(shape, DType.INT16, s);
                assertArrayEquals(shape, e.gshape());
                assertEquals(s, e.split());
            }
        }
        DNDarray x = Heat.zeros(new long[] {7, 5}, DType.FLOAT64, 0);
        assertDistributed(filled(DType.FLOAT64, 0, 7, 5), Heat.zerosLike(x), true);
        assertDistributed(filled(DType.FLOAT64, 1, 7, 5), Heat.onesLike(x), true);
        assertDistributed(filled(DType.FLOAT64, 3, 7, 5), Heat.fullLike(x, 3), true);
        assertDistributed(filled(DType.BOOL, 1, 3), Factories.full(new long[] {3}, true, null, 0), true);
    }

    @Test
    void arangeLinspaceLogspace() {
        for (Integer s : SPLITS_1D) {
            Tensor want = Tensor.fromArray(new long[] {0, 1, 2, 3, 4, 5, 6});
            assertDistributed(want, Heat.arange(0, 7, 1, null, s), true);
            assertDistributed(Tensor.fromArray(new long[] {10, 7, 4, 1}), Heat.arange(10, 0, -3, null, s), true);
            assertDistributed(Tensor.fromArray(new long[0]), Heat.arange(5, 5, 1, null, s), true);
            assertDistributed(Tensor.fromArray(new double[] {0, 0.25, 0.5, 0.75}), Heat.arange(0.0, 1.0, 0.25, null, s), true);
            assertDistributed(Tensor.fromArray(new int[] {0, 2, 4}), Heat.arange(0, 5, 2, DType.INT32, s), true);
            assertDistributed(Tensor.fromArray(new double[] {0, 0.25, 0.5, 0.75, 1}), Heat.linspace(0, 1, 5, true, null, s), true);
            assertDistributed(Tensor.fromArray(new double[] {0, 0.2, 0.4, 0.6000000000000001, 0.8}), Heat.linspace(0, 1, 5, false, null, s), true);
            assertDistributed(Tensor.fromArray(new double[] {2}), Heat.linspace(2, 3, 1, true, null, s), true);
            assertDistributed(Tensor.fromArray(new double[0]), Heat.linspace(2, 3, 0, true, null, s), true);
            assertDistributed(Tensor.fromArray(new double[] {1, 10, 100, 1000}), Heat.logspace(0, 3, 4, true, 10, null, s), true);
            assertDistributed(Tensor.fromArray(new float[] {1, 2, 4}), Heat.logspace(0, 2, 3, true, 2, DType.FLOAT32, s), true);
        }
        // numpy: np.linspace(-1, 7, 7) ends exactly at 7 and np.arange(1, 2, 0.3) has 4 entries
        assertEquals(7.0, Heat.linspace(-1, 7, 7).toDoubleArray()[6]);
        assertEquals(4, Heat.arange(1.0, 2.0, 0.3, null, 0).size());
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.arange(0, 5, 0, null, 0));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.linspace(0, 1, -1, true, null, 0));
    }

    @Test
    void eyeEverySplit() {
        for (Integer s : SPLITS_2D) {
            for (long[] nmk : new long[][] {{4, 4, 0}, {5, 3, 0}, {3, 6, 2}, {6, 4, -1}, {2, 2, 5}}) {
                Tensor want = Tensor.zeros(DType.FLOAT64, nmk[0], nmk[1]);
                for (long i = 0; i < nmk[0]; i++) {
                    long j = i + nmk[2];
                    if (j >= 0 && j < nmk[1]) want.setDouble(1, i, j);
                }
                assertDistributed(want, Heat.eye(nmk[0], nmk[1], nmk[2], null, s), true);
            }
        }
    }

    @Test
    void arrayFromJavaArraysKeepsOnlyTheSlab() {
        double[][][] data = new double[5][3][4];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) data[i][j][k] = 100 * i + 10 * j + k;
        Tensor full = Tensor.fromArray(data);
        for (Integer s : new Integer[] {null, 0, 1, 2, -1}) {
            DNDarray x = Heat.array(data, null, s);
            assertDistributed(full, x, true);
            assertArrayEquals(data, (double[][][]) x.toNestedArray());
        }
        assertDistributed(full.astype(DType.INT32), Heat.array(data, DType.INT32, 0), true);
        assertDistributed(Tensor.fromArray(new long[] {1, 2}), Heat.array(new long[] {1, 2}, null, 0), true);
        DNDarray sc = Heat.array(3.5);
        assertEquals(0, sc.ndim());
        assertEquals(3.5, sc.item());
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.array(new double[][] {{1, 2}, {3}}, null, 0));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.array(data, null, 3));
    }

    @Test
    void meshgridXyAndIj() {
        double[] xs = {1, 2, 3}, ys = {10, 20, 30, 40, 50};
        for (Integer s : SPLITS_1D) {
            DNDarray x = Heat.array(xs, null, s), y = Heat.array(ys, null, null);
            DNDarray[] g = Heat.meshgrid(x, y);
            Tensor gx = Tensor.empty(DType.FLOAT64, 5, 3), gy = Tensor.empty(DType.FLOAT64, 5, 3);
            for (int i = 0; i < 5; i++) for (int j = 0; j < 3; j++) { gx.setDouble(xs[j], i, j); gy.setDouble(ys[i], i, j); }
            assertDistributed(gx, g[0], s == null);
            assertDistributed(gy, g[1], s == null);
            assertEquals(s == null ? null : 1, g[0].split());
            DNDarray[] h = Heat.meshgrid("ij", x, y);
            assertDistributed(gx.transpose().contiguous(), h[0], s == null);
            assertEquals(s, h[1].split());
        }
        assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Heat.meshgrid("xx", Heat.arange(3)));
        assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Heat.meshgrid(Heat.arange(0, 3, 1, null, 0), Heat.arange(0, 3, 1, null, 0)));
    }

    @Test
    void badArgumentsFailOnEveryRankBeforeCommunicating() {
        IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Heat.zeros(new long[] {3, -2}, DType.FLOAT64, 0));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.zeros(new long[] {3, 2}, DType.FLOAT64, 2));
        assertTrue(e.getMessage().contains("split axis 2") && e.getMessage().contains("allowed"), e.getMessage());
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.zeros(new long[] {3}, DType.FLOAT64, -2));
        // dtype null is numpy's default (dtype=None): float64 for empty, zeros and ones
        for (DNDarray d : new DNDarray[] {Heat.zeros(new long[] {3}, null, 0), Heat.ones(new long[] {3}, null, 0), Heat.empty(new long[] {3}, null, 0)}) {
            assertEquals(DType.FLOAT64, d.dtype());
        }
        assertDistributed(Tensor.fromArray(new double[] {1, 1, 1}), Heat.ones(new long[] {3}, null, 0), true);
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eye(-1, 2, 0, null, 0));
    }
}
