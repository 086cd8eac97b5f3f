package org.jheat.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.jheat.Heat;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * var and std computed slab by slab along the first local axis (no full-size temporary): with the slab cut down to a
 * few elements, every axis set, every split and (under mpirun) every process count — uneven and empty slabs at np 3
 * and 4 — against a two-pass reference computed element by element.
 */
class VarianceSlabTest {
    private final long savedSlab = Statistics.deviationSlab;

    @AfterEach
    void restore() { Statistics.deviationSlab = savedSlab; }

    private static Tensor data(long seed, DType t, long... shape) {
        Tensor d = Tensor.empty(DType.FLOAT64, shape);
        Random r = new Random(seed);
        for (long i = 0; i < d.size(); i++) d.setDoubleFlat(100 + r.nextGaussian() * (1 + i % 7), i);
        return d.astype(t);
    }

    /** numpy's var over {@code axes} (null: all) with ddof, by the two-pass formula on the replicated values. */
    private static double[] reference(Tensor full, int[] axes, int ddof) {
        long[] s = full.shape();
        int nd = s.length;
        boolean[] red = new boolean[nd];
        if (axes == null) java.util.Arrays.fill(red, true);
        else for (int a : axes) red[a] = true;
        long outSize = 1, count = 1;
        for (int d = 0; d < nd; d++) {
            if (red[d]) count *= s[d];
            else outSize *= s[d];
        }
        double[] sum = new double[(int) outSize], m2 = new double[(int) outSize];
        long[] idx = new long[nd];
        double[] flat = full.astype(DType.FLOAT64).toDoubleArray();
        for (int pass = 0; pass < 2; pass++) {
            for (long f = 0; f < full.size(); f++) {
                long rem = f;
                for (int d = nd - 1; d >= 0; d--) {
                    idx[d] = rem % s[d];
                    rem /= s[d];
                }
                long o = 0;
                for (int d = 0; d < nd; d++) if (!red[d]) o = o * s[d] + idx[d];
                double v = flat[(int) f];
                if (pass == 0) sum[(int) o] += v;
                else {
                    double dv = v - sum[(int) o] / count;
                    m2[(int) o] += dv * dv;
                }
            }
        }
        for (int o = 0; o < outSize; o++) m2[o] /= count - ddof;
        return m2;
    }

    @Test
    void varAndStdInSlabsMatchTheTwoPassReferenceForEveryAxisSetAndSplit() {
        Statistics.deviationSlab = 5;   // several slabs even for a few rows, with a shorter last one
        for (long[] shape : new long[][] {{23, 3, 4}, {7, 2}, {41}}) {
            for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT64}) {
                Tensor full = data(shape[0], t, shape);
                int nd = shape.length;
                for (int m = 0; m < (1 << nd); m++) {
                    int[] axes = null;
                    if (m > 0) {
                        axes = new int[Integer.bitCount(m)];
                        int k = 0;
                        for (int d = 0; d < nd; d++) if ((m & (1 << d)) != 0) axes[k++] = d;
                    }
                    double[] want = reference(full, axes, 1);
                    for (int s = -1; s < nd; s++) {
                        DNDarray x = Heat.array(full, null, s < 0 ? null : s);
                        String what = t + " shape " + java.util.Arrays.toString(shape) + " axes " + java.util.Arrays.toString(axes) + " split " + s;
                        DNDarray v = Statistics.var(x, axes, 1, false);
                        DNDarray sd = Statistics.std(x, axes, 1, true);
                        assertEquals(t == DType.INT64 ? DType.FLOAT64 : t, v.dtype(), what);
                        double[] got = v.gatherAll().astype(DType.FLOAT64).toDoubleArray();
                        double[] gotSd = sd.gatherAll().astype(DType.FLOAT64).toDoubleArray();
                        assertEquals(want.length, got.length, what);
                        double tol = t == DType.FLOAT32 ? 1e-5 : 1e-12;
                        for (int i = 0; i < want.length; i++) {
                            assertEquals(want[i], got[i], tol * Math.abs(want[i]), what + " var at " + i);
                            assertEquals(Math.sqrt(want[i]), gotSd[i], tol * Math.sqrt(want[i]), what + " std at " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void transposedAndSlicedViewsGoThroughTheSlabsToo() {
        // the local tensor of x.T() (split 0 becomes split 1) and of a column slice is a strided view
        Statistics.deviationSlab = 7;
        Tensor full = data(11, DType.FLOAT64, 29, 6);
        double[] flat = full.toDoubleArray();
        Tensor tr = Tensor.empty(DType.FLOAT64, 6, 29);
        for (int i = 0; i < 29; i++) for (int j = 0; j < 6; j++) tr.setDoubleFlat(flat[i * 6 + j], (long) j * 29 + i);
        for (int s = -1; s < 2; s++) {
            DNDarray xt = Heat.array(full, null, s < 0 ? null : s).T();
            for (int[] axes : new int[][] {null, {0}, {1}}) {
                double[] want = reference(tr, axes, 0);
                double[] got = Statistics.var(xt, axes, 0, false).gatherAll().toDoubleArray();
                assertEquals(want.length, got.length);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-12 * Math.abs(want[i]), "x.T() split " + s + " axes " + java.util.Arrays.toString(axes) + " at " + i);
                }
            }
        }
    }

    @Test
    void noReducedAxisGivesZerosAndLeavesTheInputAlone() {
        // numpy: var(x, axis=()) is zeros of x's shape; for one slab and for many, int64 and float64 input
        for (long slab : new long[] {1L << 40, 16}) {
            Statistics.deviationSlab = slab;
            for (DType t : new DType[] {DType.INT64, DType.FLOAT64}) {
                Tensor full = data(5, t, 40, 30);
                double[] before = full.astype(DType.FLOAT64).toDoubleArray();
                for (int s = -1; s < 2; s++) {
                    DNDarray x = Heat.array(full, null, s < 0 ? null : s);
                    DNDarray v = Statistics.var(x, new int[0], 0, false);
                    String what = t + " slab " + slab + " split " + s;
                    assertArrayEquals(new long[] {40, 30}, v.gshape(), what);
                    assertEquals(DType.FLOAT64, v.dtype(), what);
                    for (double d : v.gatherAll().toDoubleArray()) assertEquals(0.0, d, what);
                    assertArrayEquals(before, x.gatherAll().astype(DType.FLOAT64).toDoubleArray(), what + ": the input changed");
                }
            }
        }
    }

    @Test
    void manySlabsAgreeWithOneSlab() {
        Tensor full = data(3, DType.FLOAT64, 1000, 3);
        DNDarray x = Heat.array(full, null, 0);
        Statistics.deviationSlab = 1L << 40;
        double[] one = Statistics.var(x, null, 0, false).gatherAll().toDoubleArray();
        double[] cols = Statistics.var(x, new int[] {0}, 0, false).gatherAll().toDoubleArray();
        Statistics.deviationSlab = 64;
        double[] slabs = Statistics.var(x, null, 0, false).gatherAll().toDoubleArray();
        double[] slabCols = Statistics.var(x, new int[] {0}, 0, false).gatherAll().toDoubleArray();
        assertEquals(one[0], slabs[0], 1e-13 * one[0]);
        for (int j = 0; j < 3; j++) assertEquals(cols[j], slabCols[j], 1e-13 * cols[j]);
        // the same slab path twice: the same bits (slab sums are added in slab order, whatever the threads did)
        assertArrayEquals(slabs, Statistics.var(x, null, 0, false).gatherAll().toDoubleArray());
        assertTrue(slabs[0] > 0);
    }
}
