package org.jheat.core;

import static org.jheat.testing.Dist.assertDistributed;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jheat.Heat;
import org.jheat.comm.Communication;
import org.jheat.tensor.DType;
import org.jheat.tensor.Storage;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/** The drivers' distribution handling: every split pair, broadcasting across splits, in place, bad input. */
class DistributedOpsTest {
    private static List<Integer> splits(int nd) {
        List<Integer> s = new ArrayList<>();
        s.add(null);
        for (int i = 0; i < nd; i++) s.add(i);
        return s;
    }

    /** The same op on replicated operands: no communication, the local kernels only. */
    private static Tensor reference(java.util.function.BiFunction<Object, Object, DNDarray> op, Tensor a, Tensor b) {
        return op.apply(Heat.array(a, null, null), Heat.array(b, null, null)).larray();
    }

    @Test
    void broadcastingAcrossEverySplitPair() {
        Tensor a = Dist.iota(5, 1, 3), b = Dist.iota(4, 3).astype(DType.FLOAT32);
        Tensor want = reference(Arithmetics::sub, a, b);
        assertArrayEquals(new long[] {5, 4, 3}, want.shape());
        for (Integer sa : splits(3)) {
            for (Integer sb : splits(2)) {
                DNDarray r = Arithmetics.sub(Heat.array(a, null, sa), Heat.array(b, null, sb));
                assertArrayEquals(new long[] {5, 4, 3}, r.gshape());
                Dist.collectively(() -> assertEquals(DType.FLOAT64, r.dtype()));
                assertDistributed(want, r, false);
            }
        }
    }

    @Test
    void differentSplitAxesAndDistributionsAreAligned() {
        Communication c = Dist.comm();
        Tensor a = Dist.iota(7, 6), b = Dist.iota(7, 6).astype(DType.INT32);
        Tensor want = reference(Arithmetics::mul, a, b);
        for (Integer sa : splits(2)) {
            for (Integer sb : splits(2)) {
                DNDarray x = Heat.array(a, null, sa), y = Heat.array(b, null, sb);
                DNDarray r = Arithmetics.mul(x, y);
                assertDistributed(want, r, true);
                Dist.collectively(() -> assertEquals(sa != null ? sa : sb, r.split()));
            }
        }
        // an unbalanced operand along the same axis is redistributed to the other's distribution
        long[] front = new long[c.size()];
        front[0] = 7;
        DNDarray u = Heat.array(a, null, 0).redistribute(front);
        DNDarray r = Arithmetics.mul(u, Heat.array(b, null, 0));
        assertDistributed(want, r, false);
        assertArrayEquals(front, r.countsDispls()[0]);
        // a small operand split along an axis it only broadcasts: (1, 6) split 0 against (7, 6) split 1
        Tensor row = Dist.iota(1, 6);
        assertDistributed(reference(Arithmetics::add, a, row), Arithmetics.add(Heat.array(a, null, 1), Heat.array(row, null, 0)), true);
        // a 1-d operand against a split matrix: (6,) split 0 broadcast along the rows of (7, 6) split 0
        Tensor v = Dist.iota(6);
        assertDistributed(reference(Arithmetics::add, a, v), Arithmetics.add(Heat.array(a, null, 0), Heat.array(v, null, 0)), true);
        assertDistributed(reference(Arithmetics::add, a, v), Arithmetics.add(Heat.array(a, null, 1), Heat.array(v, null, 0)), true);
    }

    @Test
    void scalarsPromoteLikeNumpy2() {
        DNDarray i = Heat.arange(0, 7, 1, DType.INT32, 0);
        DNDarray f = Arithmetics.mul(i, 2.5);
        assertEquals(DType.FLOAT64, f.dtype());
        assertArrayEquals(new double[] {0, 2.5, 5, 7.5, 10, 12.5, 15}, f.toDoubleArray());
        assertEquals(DType.INT32, Arithmetics.add(2, i).dtype());
        assertArrayEquals(new long[] {2, 3, 4, 5, 6, 7, 8}, Arithmetics.add(2, i).toLongArray());
        DNDarray f32 = Heat.array(new float[] {1, 2, 3}, null, 0);
        assertEquals(DType.FLOAT32, Arithmetics.div(f32, 2.0).dtype());
        assertEquals(DType.FLOAT64, Arithmetics.div(i, 2).dtype());
        assertEquals(DType.BOOL, Relational.gt(i, 3.5).dtype());
        assertArrayEquals(new boolean[] {false, false, false, false, true, true, true}, Relational.gt(i, 3.5).toBooleanArray());
        assertEquals(DType.INT64, Arithmetics.sum(Heat.array(new boolean[] {true, true, false}, null, 0)).dtype());
        assertEquals(2L, Arithmetics.sum(Heat.array(new boolean[] {true, true, false}, null, 0)).item());
        assertEquals(DType.FLOAT64, Arithmetics.add(3, 4.5).dtype());
    }

    @Test
    void integerOverflowDivisionByZeroAndNaNBehaveLikeNumpy() {
        DNDarray b = Heat.array(new byte[] {127, -128, 5}, null, 0);
        assertArrayEquals(new long[] {-128, 127, 6}, Arithmetics.add(b, Heat.array(new byte[] {1, -1, 1}, null, 0)).toLongArray());
        DNDarray n = Heat.array(new long[] {7, -7, 0}, null, 0), z = Heat.zerosLike(n);
        assertArrayEquals(new long[] {0, 0, 0}, Arithmetics.floordiv(n, z).toLongArray());
        assertArrayEquals(new long[] {0, 0, 0}, Arithmetics.mod(n, z).toLongArray());
        double[] q = Arithmetics.div(n, z).toDoubleArray();
        assertEquals(Double.POSITIVE_INFINITY, q[0]);
        assertEquals(Double.NEGATIVE_INFINITY, q[1]);
        assertTrue(Double.isNaN(q[2]));
        DNDarray withNan = Heat.array(new double[] {1, Double.NaN, 3, 4, 5}, null, 0);
        assertTrue(Double.isNaN(withNan.sum().itemDouble()));
        assertTrue(Double.isNaN(withNan.max().itemDouble()));
        assertTrue(Double.isNaN(withNan.min().itemDouble()));
        assertEquals(1L, withNan.argmax().itemLong());
        assertEquals(13.0, Arithmetics.nansum(withNan, null, false).itemDouble());
        assertTrue(Double.isNaN(Statistics.mean(withNan, null, false).itemDouble()));
        assertArrayEquals(new double[] {1, 0, 3, 4, 5}, Arithmetics.nanToNum(withNan).toDoubleArray());
    }

    @Test
    void inPlaceOperationsKeepTheTargetsDistribution() {
        Tensor a = Dist.iota(7, 6);
        DNDarray x = Heat.array(a, null, 1);
        DNDarray y = Heat.array(Dist.iota(7, 6), null, 0);
        DNDarray same = x.addInPlace(y);
        assertSame(x, same);
        assertEquals(1, x.split());
        assertDistributed(reference(Arithmetics::add, a, a), x, true);
        x.mulInPlace(0.5).subInPlace(Heat.array(Dist.iota(6), null, null));
        Tensor want = reference(Arithmetics::sub, reference(Arithmetics::mul, reference(Arithmetics::add, a, a), Tensor.full(DType.FLOAT64, 0.5)), Dist.iota(6));
        assertDistributed(want, x, true);
        DNDarray i = Heat.arange(0, 5, 1, DType.INT32, 0);
        i.addInPlace(10).mulInPlace(2);
        assertArrayEquals(new long[] {20, 22, 24, 26, 28}, i.toLongArray());
        IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class, () -> i.divInPlace(2));
        assertTrue(e.getMessage().contains("same_kind"), e.getMessage());
        assertThrowsEverywhere(IllegalArgumentException.class, () -> i.addInPlace(1.5));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.arange(0, 5, 1, null, 0).addInPlace(Heat.zeros(2, 5)));
        assertArrayEquals(new long[] {20, 22, 24, 26, 28}, i.toLongArray());   // unchanged by the failed calls
    }

    @Test
    void cumulativeOpsAndDiffAlongTheSplitAxis() {
        Tensor a = Dist.iota(7, 3);
        for (Integer s : splits(2)) {
            DNDarray x = Heat.array(a, null, s);
            for (int axis = 0; axis < 2; axis++) {
                assertDistributed(Heat.array(a, null, null).cumsum(axis).larray(), x.cumsum(axis), true);
                assertDistributed(Heat.array(a, null, null).cumprod(axis).larray(), x.cumprod(axis), true);
                for (int n = 0; n < 3; n++) {
                    DNDarray d = Arithmetics.diff(x, n, axis);
                    Tensor want = Arithmetics.diff(Heat.array(a, null, null), n, axis).larray();
                    assertDistributed(want, d, false);
                }
            }
        }
        double[] d1 = Arithmetics.diff(Heat.array(new double[] {1, 4, 9, 16, 25}, null, 0), 1, 0).toDoubleArray();
        assertArrayEquals(new double[] {3, 5, 7, 9}, d1);
        assertArrayEquals(new double[] {2, 2, 2}, Arithmetics.diff(Heat.array(new double[] {1, 4, 9, 16, 25}, null, 0), 2, 0).toDoubleArray());
        assertArrayEquals(new long[] {1, 3, 6, 10}, Heat.array(new int[] {1, 2, 3, 4}, null, 0).cumsum(0).toLongArray());
    }

    @Test
    void reductionsKeepDimsAndSplitBookkeeping() {
        Tensor a = Dist.iota(4, 5, 3);
        DNDarray rep = Heat.array(a, null, null);
        for (Integer s : splits(3)) {
            DNDarray x = Heat.array(a, null, s);
            for (int[] axes : new int[][] {null, {0}, {1}, {2}, {0, 2}, {-1, -2}}) {
                for (boolean keep : new boolean[] {false, true}) {
                    assertDistributed(Arithmetics.sum(rep, axes, keep).larray(), Arithmetics.sum(x, axes, keep), false);
                    assertDistributed(Statistics.mean(rep, axes, keep).larray(), Statistics.mean(x, axes, keep), false);
                    assertDistributed(Statistics.max(rep, axes, keep).larray(), Statistics.max(x, axes, keep), false);
                }
            }
        }
        DNDarray x = Heat.array(a, null, 1);
        assertEquals(0, Arithmetics.sum(x, new int[] {0}, false).split());
        assertEquals(null, Arithmetics.sum(x, new int[] {1}, false).split());
        assertEquals(0, Arithmetics.sum(x, new int[] {0, 2}, false).split());
    }

    /** numpy's clip of integer arrays: whole-number bounds keep the dtype, fractional or infinite ones give float64. */
    @Test
    void clipOfIntegersFollowsNumpysResultType() {
        for (Integer split : new Integer[] {null, 0}) {
            DNDarray i8 = Heat.arange(6).astype(DType.INT8).resplit(split), b = Heat.arange(6).astype(DType.BOOL).resplit(split);
            assertDistributed(Tensor.fromArray(new double[] {0.5, 1, 2, 3, 3.5, 3.5}), Rounding.clip(i8, 0.5, 3.5), true);
            assertDistributed(Tensor.fromArray(new byte[] {1, 1, 2, 3, 3, 3}, DType.INT8), Rounding.clip(i8, 1, 3), true);
            assertDistributed(Tensor.fromArray(new double[] {0, 1, 2, 2, 2, 2}), Rounding.clip(i8, Double.NEGATIVE_INFINITY, 2), true);
            assertDistributed(Tensor.fromArray(new double[] {0.5, 1, 1, 1, 1, 1}), Rounding.clip(b, 0.5, 3.5), true);
            assertDistributed(Tensor.fromArray(new float[] {0.5f, 1, 2, 3, 3.5f, 3.5f}), Rounding.clip(i8.astype(DType.FLOAT32), 0.5, 3.5), true);
        }
    }

    @Test
    void badInputFailsOnEveryRank() {
        DNDarray x = Heat.array(Dist.iota(7, 3), null, 0);
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Arithmetics.add(x, Heat.zeros(4, 3)));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Arithmetics.bitwiseAnd(x, 1));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Arithmetics.leftShift(x, 1));
        assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Arithmetics.sub(Heat.array(new boolean[] {true}, null, 0), Heat.array(new boolean[] {false}, null, 0)));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Arithmetics.sum(x, new int[] {2}, false));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Arithmetics.sum(x, new int[] {0, -2}, false));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Statistics.var(x, null, -1, false));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Statistics.max(Heat.zeros(new long[] {0, 3}, DType.FLOAT64, 0), new int[] {0}, false));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Statistics.argmax(Heat.zeros(new long[] {0}, DType.FLOAT64, 0), null, false));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Arithmetics.add(x, "text"));
        // numpy's clip with min > max is max everywhere (minimum(maximum(x, min), max)), not an error
        double[] clipped = Rounding.clip(x, 2, 1).gatherAll().toDoubleArray();
        Dist.collectively(() -> assertTrue(java.util.Arrays.stream(clipped).allMatch(v -> v == 1), java.util.Arrays.toString(clipped)));
        // modf's fractional part keeps the sign of x also when it is zero, as numpy's
        double[] frac = Rounding.modf(Heat.array(new double[] {-0.0, -2.0, 2.0, -2.5, Double.NEGATIVE_INFINITY}, null, 0))[0].gatherAll().toDoubleArray();
        Dist.collectively(() -> assertArrayEquals(new double[] {-0.0, -0.0, 0.0, -0.5, -0.0}, frac, "modf fractional parts"));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Arithmetics.diff(x, -1, 0));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Arithmetics.gcd(x, x));
        assertDistributed(Dist.iota(7, 3), x, true);
    }

    @Test
    void temporariesInAUserLoopAreReclaimed() {
        long before = Storage.gcTriggerBytes();
        Storage.setGcTriggerBytes(16L << 20);
        try {
            Storage.resetPeak();
            long start = Storage.liveBytes();
            DNDarray x = Heat.zeros(new long[] {250_000}, DType.FLOAT64, 0);
            int iterations = 300;
            for (int i = 0; i < iterations; i++) x = x.mul(0.5).add(0.5);   // two 2 MB temporaries per iteration (np=1)
            DNDarray fx = x;
            double first = fx.larray().size() > 0 ? fx.larray().getDoubleFlat(0) : 1.0;
            long peak = Storage.peakBytes() - start;
            // a quarter of what the loop allocates on this rank (300 MB at np=1): exceeded by far only if nothing came back
            long bound = Math.max(64L << 20, 2L * iterations * fx.larray().size() * 8 / 4);
            Dist.collectively(() -> {
                assertEquals(1.0, first, 1e-12);   // x -> x/2 + 1/2 converges to 1
                assertTrue(peak < bound, "off-heap peak " + peak + " bytes (bound " + bound + "): temporaries were not reclaimed");
            });
        } finally {
            Storage.setGcTriggerBytes(before);
        }
    }

    /** numpy refuses an integer array to a negative integer power; so do pow, powInPlace and sparse power, on every rank. */
    @Test
    void integerArraysToNegativeIntegerPowersAreRefused() {
        DNDarray x = Heat.array(new long[][] {{1, 0, 2}, {0, 3, -1}, {4, 0, 0}}, null, 0);
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Arithmetics.pow(x, -1));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> x.pow(-2L));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> x.astype(DType.BOOL).pow(-1));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> x.powInPlace(-1));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> org.jheat.sparse.Sparse.sparseCsrMatrix(x).power(-1));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eval("x ** -1", x));
        Tensor before = x.gatherAll();
        assertEquals(before.getLongFlat(2), x.gatherAll().getLongFlat(2), "powInPlace left x as it was");
        // a float exponent (or a float base) is a float power, as numpy's
        DNDarray f = Arithmetics.pow(x, -1.0);
        assertEquals(DType.FLOAT64, f.dtype());
        assertEquals(0.5, f.gatherAll().getDoubleFlat(2));
        assertEquals(1.0 / 3, Arithmetics.pow(x.astype(DType.FLOAT32), -1).gatherAll().getDoubleFlat(4), 1e-7);
        assertEquals(9L, Arithmetics.pow(x, 2).gatherAll().getLongFlat(4));
        assertEquals(1L, Arithmetics.pow(x, 0).gatherAll().getLongFlat(1));
    }

    /** numpy: argmax/argmin of a (4, 0) array along axis 0 are empty, along axis 1 an error; the median of booleans is a float. */
    @Test
    void argExtremaOfEmptyArraysAndMediansOfBooleans() {
        for (Integer split : new Integer[] {null, 0, 1}) {
            DNDarray z = Heat.zeros(new long[] {4, 0}, DType.FLOAT64, split);
            for (boolean max : new boolean[] {true, false}) {
                DNDarray r = max ? Statistics.argmax(z, 0, false) : Statistics.argmin(z, 0, false);
                assertArrayEquals(new long[] {0}, r.gshape(), "split " + split);
                assertEquals(DType.INT64, r.dtype());
                assertArrayEquals(new long[] {1, 0}, (max ? Statistics.argmax(z, 0, true) : Statistics.argmin(z, 0, true)).gshape());
                assertThrowsEverywhere(IllegalArgumentException.class, () -> { DNDarray unused = max ? Statistics.argmax(z, 1, false) : Statistics.argmin(z, -1, false); });
                assertThrowsEverywhere(IllegalArgumentException.class, () -> { DNDarray unused = max ? Statistics.argmax(z, null, false) : Statistics.argmin(z, null, false); });
            }
            DNDarray b = Heat.array(new boolean[][] {{true, false}, {true, true}, {false, false}}, null, split);
            DNDarray m = Quantiles.median(b, 0, false);   // numpy: [1.0, 0.0]
            assertEquals(DType.FLOAT64, m.dtype());
            assertArrayEquals(new double[] {1.0, 0.0}, m.gatherAll().toDoubleArray());
            assertEquals(0.5, Quantiles.median(b).gatherAll().getDoubleFlat(0));   // three of six true
            assertArrayEquals(new double[] {0.5, 1.0, 0.0}, Quantiles.median(b, 1, false).gatherAll().toDoubleArray());
        }
    }

    /**
     * numpy 2 (NEP 50, jheat's promotion): a Java integer is weak against an integer array and must fit its dtype;
     * int8 + 300 is refused on every rank (it wrapped to 44), in place and in fused expressions too, while comparisons
     * take any integer and a float scalar still gives a float result.
     */
    @Test
    void javaIntegersOutOfTheArraysRangeAreRefused() {
        DNDarray i8 = Heat.array(new long[] {1, -2, 3, 4, 5}, DType.INT8, 0);
        DNDarray u8 = Heat.array(new long[] {1, 2, 3, 4, 5}, DType.UINT8, 0);
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Arithmetics.add(i8, 300));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Arithmetics.mul(i8, -129L));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Arithmetics.sub(u8, -1));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Arithmetics.div(Heat.array(new long[] {1, 2}, DType.INT32, 0), 3_000_000_000L));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> i8.copy().addInPlace(1000));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eval("x * 200", i8));
        // in range: the array's dtype (no widening), wrapping arithmetic as numpy's
        DNDarray r = Arithmetics.add(i8, 127);
        assertEquals(DType.INT8, r.dtype());
        assertEquals(-128L, r.gatherAll().getLongFlat(0));
        assertEquals(DType.UINT8, Arithmetics.mul(u8, 255).dtype());
        assertEquals(DType.INT64, Arithmetics.add(i8.astype(DType.INT64), Long.MAX_VALUE).dtype());
        // comparisons with any integer, and float scalars, are fine
        assertArrayEquals(new boolean[] {true, true, true, true, true}, toBooleans(Relational.lt(i8, 300)));
        assertEquals(DType.FLOAT64, Arithmetics.add(i8, 300.0).dtype());
    }

    /**
     * numpy 2 (NEP 50): a Java float or integer meeting a float32 (complex64) array is converted to float32 first, so
     * {@code f == 0.1} finds float32's 0.1 and {@code f - 0.1} is float32 arithmetic; eager, in place and fused alike.
     */
    @Test
    void javaScalarsMeetFloat32AsFloat32() {
        float[] v = {0.1f, 0.3f, 16777216f, Float.POSITIVE_INFINITY, -0.0f, 1e-3f};
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        for (Integer split : new Integer[] {null, 0}) {
            DNDarray f = Heat.array(d, DType.FLOAT32, split);
            boolean[] eq = toBooleans(Relational.eq(f, 0.1)), ne = toBooleans(Relational.ne(f, 0.3)), gt = toBooleans(Relational.gt(f, 16777217));
            Tensor sub = Arithmetics.sub(f, 0.1).gatherAll(), add = Arithmetics.add(f, 16777217).gatherAll(), over = Arithmetics.sub(f, 1e40).gatherAll();
            Tensor fused = Heat.eval("x - 0.1", f).gatherAll(), inPlace = f.copy().subInPlace(0.1).gatherAll();
            for (int i = 0; i < v.length; i++) {
                int k = i;
                Dist.collectively(() -> {
                    assertEquals(v[k] == 0.1f, eq[k], "f == 0.1 at " + k);
                    assertEquals(v[k] != 0.3f, ne[k], "f != 0.3 at " + k);
                    assertEquals(v[k] > 16777216f, gt[k], "f > 16777217 (16777216 in float32) at " + k);
                    assertEquals(Float.floatToIntBits(v[k] - 0.1f), Float.floatToIntBits((float) sub.getDoubleFlat(k)), "f - 0.1 at " + k);
                    assertEquals(Float.floatToIntBits(v[k] - 0.1f), Float.floatToIntBits((float) fused.getDoubleFlat(k)), "eval f - 0.1 at " + k);
                    assertEquals(Float.floatToIntBits(v[k] - 0.1f), Float.floatToIntBits((float) inPlace.getDoubleFlat(k)), "f -= 0.1 at " + k);
                    assertEquals(Float.floatToIntBits(v[k] + 16777216f), Float.floatToIntBits((float) add.getDoubleFlat(k)), "f + 16777217 at " + k);
                    assertEquals(Float.floatToIntBits(v[k] - Float.POSITIVE_INFINITY), Float.floatToIntBits((float) over.getDoubleFlat(k)), "f - 1e40 (inf in float32) at " + k);
                });
            }
            Dist.collectively(() -> assertEquals(DType.FLOAT32, sub.dtype()));
        }
    }

    private static boolean[] toBooleans(DNDarray b) {
        Tensor t = b.gatherAll();
        boolean[] o = new boolean[(int) t.size()];
        for (int k = 0; k < o.length; k++) o[k] = t.getLongFlat(k) != 0;
        return o;
    }

    /** numpy: var/std with ddof >= n are NaN (no spread or no elements) or +inf, not an error; negative ddof is refused. */
    @Test
    void varianceWithoutDegreesOfFreedomIsNanOrInfinite() {
        Tensor t = Dist.iota(7, 3);
        for (int r = 0; r < 7; r++) t.setDouble(5.0, r, 2);   // a constant column
        for (Integer split : new Integer[] {null, 0, 1}) {
            DNDarray x = Heat.array(t, null, split);
            double[] v1 = Statistics.var(x, new int[] {1}, 3, false).gatherAll().toDoubleArray();
            for (double v : v1) assertEquals(Double.POSITIVE_INFINITY, v, "split " + split);
            double[] v0 = Statistics.var(x, new int[] {0}, 7, false).gatherAll().toDoubleArray();
            assertEquals(Double.POSITIVE_INFINITY, v0[0]);
            assertTrue(Double.isNaN(v0[2]), "a constant column: 0 / 0");
            assertTrue(Double.isNaN(Statistics.std(Heat.array(new double[] {4.0}, null, split == null ? null : 0), null, 1, false).gatherAll().getDoubleFlat(0)));
            DNDarray e = Heat.zeros(new long[] {0, 3}, DType.FLOAT32, split);
            DNDarray ve = Statistics.var(e, new int[] {0}, 0, true);
            assertArrayEquals(new long[] {1, 3}, ve.gshape());
            assertEquals(DType.FLOAT32, ve.dtype());
            for (double v : ve.gatherAll().toDoubleArray()) assertTrue(Double.isNaN(v));
            assertTrue(Double.isNaN(Statistics.var(Heat.zeros(new long[] {0}, DType.INT32, split == null ? null : 0), null, 0, false).gatherAll().getDoubleFlat(0)));
            assertEquals(DType.FLOAT64, Statistics.var(Heat.zeros(new long[] {0}, DType.INT32, null), null, 1, false).dtype());
        }
    }

    /**
     * A variance that overflows is +inf as numpy's, also when the reduced axis is split: merging the processes' moments
     * multiplied the first group's squared mean (inf) by the empty count before it (0), which gave NaN.
     */
    @Test
    void overflowingVarianceIsInfiniteOnEverySplit() {
        double[][] rows = {{1e300, -1e-300, 2, -1}, {1, 2, 3, 4}};
        for (Integer split : new Integer[] {null, 0, 1}) {
            DNDarray x = Heat.array(rows, null, split);
            double[] v = Statistics.var(x, new int[] {1}, 0, false).gatherAll().toDoubleArray();
            Dist.collectively(() -> assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 1.25}, v, "var along 1, split " + split));
            DNDarray flat = Heat.array(new double[] {1e300, -1e300, 1e300, 5}, null, split == null ? null : 0);
            double sd = Statistics.std(flat, null, 0, false).itemDouble();
            Dist.collectively(() -> assertEquals(Double.POSITIVE_INFINITY, sd, "std of ±1e300, split " + split));
        }
    }

    /** takeAlongAxis0 with a bad entry in one process's part of a split index fails on every process (it hung the others). */
    @Test
    void takeAlongAxis0OutOfRangeOnOneProcessFailsEverywhere() {
        DNDarray x = Heat.arange(0, 12, 1, DType.FLOAT64, 0);
        int p = Dist.comm().size(), me = Dist.comm().rank();
        long[] mine = me == p - 1 ? new long[] {1, 12} : new long[] {0, -12};
        DNDarray idx = DNDarray.fromLocal(Tensor.fromArray(mine), 0, Dist.comm());
        assertThrowsEverywhere(IndexOutOfBoundsException.class, () -> Redistribution.takeAlongAxis0(x, idx));
        long[] ok = me == p - 1 ? new long[] {11, -1} : new long[] {0, -12};
        DNDarray good = Redistribution.takeAlongAxis0(x, DNDarray.fromLocal(Tensor.fromArray(ok), 0, Dist.comm()));
        assertEquals(2L * p, good.gshape()[0]);
    }
}
