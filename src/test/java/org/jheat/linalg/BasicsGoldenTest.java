package org.jheat.linalg;

import static org.jheat.linalg.LinalgTesting.assertClose;
import static org.jheat.linalg.LinalgTesting.desc;
import static org.jheat.linalg.LinalgTesting.gold;
import static org.jheat.linalg.LinalgTesting.keys;
import static org.jheat.linalg.LinalgTesting.someLayouts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * vdot, outer, vecdot, cross, trace, projection and the vector / matrix norms against numpy golden values
 * (scripts/golden/make_linalg.py), every operand in every layout (replicated, split along each axis, all rows on
 * the last rank), plus the result splits and bad orders.
 */
class BasicsGoldenTest {

    private static Tensor in(String name) {
        return gold("in " + name);
    }

    @Test
    void productsMatchNumpy() {
        for (String op : new String[] {"vdot:", "outer:", "projection:"}) {
            for (String key : keys(op)) {
                String[] n = key.substring(op.length()).split(",");
                Tensor want = gold(key);
                for (DNDarray[] ab : LinalgTesting.linearCombinations(in(n[0]), in(n[1]))) {
                    DNDarray a = ab[0], b = ab[1];
                    DNDarray r = switch (op) {
                        case "vdot:" -> Linalg.vdot(a, b);
                        case "outer:" -> Linalg.outer(a, b);
                        default -> Linalg.projection(a, b);
                    };
                    assertClose(want, r, key + " of " + desc(a) + ", " + desc(b));
                }
            }
        }
    }

    @Test
    void vecdotCrossTraceMatchNumpy() {
        for (String key : keys("vecdot:")) {
            String[] p = key.split(":");
            String[] n = p[2].split(",");
            int axis = Integer.parseInt(p[1]);
            for (DNDarray a : someLayouts(in(n[0]))) {
                for (DNDarray b : someLayouts(in(n[1]))) {
                    assertClose(gold(key), Linalg.vecdot(a, b, axis, false), key + " of " + desc(a) + ", " + desc(b));
                }
            }
        }
        for (String key : keys("cross:")) {
            String[] p = key.split(":");
            String[] n = p[2].split(",");
            int[] ax = ContractionsTest.ints(p[1]);
            for (DNDarray a : someLayouts(in(n[0]))) {
                for (DNDarray b : someLayouts(in(n[1]))) {
                    assertClose(gold(key), Linalg.cross(a, b, ax[0], ax[1], ax[2]), key + " of " + desc(a) + ", " + desc(b));
                }
            }
        }
        for (String key : keys("trace:")) {
            String[] p = key.split(":");
            int[] s = ContractionsTest.ints(p[1]);
            for (DNDarray a : someLayouts(in(p[2]))) {
                assertClose(gold(key), Linalg.trace(a, s[0], s[1], s[2]), key + " of " + desc(a));
            }
        }
    }

    @Test
    void normsMatchNumpy() {
        for (String key : keys("vnorm:")) {
            String[] p = key.split(":");
            double ord = parseOrd(p[1]);
            int[] axes = p[2].equals("all") ? null : ContractionsTest.ints(p[2]);
            for (DNDarray a : someLayouts(in(p[3]))) {
                assertClose(gold(key), Linalg.vectorNorm(a, ord, axes, false), key + " of " + desc(a), 1e-12);
                if (axes != null && axes.length == 1) {
                    assertClose(gold(key), Linalg.norm(a, ord, axes, false), "norm " + key + " of " + desc(a), 1e-12);
                }
            }
        }
        for (String key : keys("mnorm:")) {
            String[] p = key.split(":");
            Object ord = p[1].equals("fro") || p[1].equals("nuc") ? p[1] : (Object) parseOrd(p[1]);
            int[] axes = ContractionsTest.ints(p[2]);
            for (DNDarray a : someLayouts(in(p[3]))) {
                assertClose(gold(key), Linalg.matrixNorm(a, ord, axes, false), key + " of " + desc(a), 1e-12);
                assertClose(gold(key), Linalg.norm(a, ord, axes, false), "norm " + key + " of " + desc(a), 1e-12);
            }
        }
    }

    private static double parseOrd(String s) {
        return s.equals("inf") ? Double.POSITIVE_INFINITY : s.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(s);
    }

    /** numpy 2: the max-type norms (inf, 1, 2, nuc, fro) of empty arrays are 0 (max with initial 0); the min-type ones raise. */
    @Test
    void normsOfEmptyArraysAsNumpy2() {
        Tensor zero = Tensor.zeros(DType.FLOAT64);
        for (long[] shape : new long[][] {{0, 3}, {3, 0}, {0, 0}}) {
            for (DNDarray a : someLayouts(Tensor.zeros(DType.FLOAT64, shape))) {
                for (Object ord : new Object[] {Double.POSITIVE_INFINITY, 1.0, 2.0, "nuc", "fro"}) {
                    assertClose(zero, Linalg.norm(a, ord, null, false), "norm " + ord + " of " + desc(a));
                }
                DNDarray flat = Factories.zeros(new long[] {0}, DType.FLOAT64, a.splitAxis() < 0 ? null : 0);
                assertClose(zero, Linalg.norm(flat, Double.POSITIVE_INFINITY, null, false), "vector inf-norm of (0,)");
                for (Object ord : new Object[] {-2.0, shape[1] == 0 ? -1.0 : Double.NEGATIVE_INFINITY}) {
                    Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.norm(a, ord, null, false));
                }
            }
        }
        // a stack of empty matrices: one 0 per matrix, and the vector inf-norm along an empty axis
        for (DNDarray a : someLayouts(Tensor.zeros(DType.FLOAT64, 2, 0, 3))) {
            assertClose(Tensor.zeros(DType.FLOAT64, 2), Linalg.matrixNorm(a, 2.0, null, false), "2-norms of " + desc(a));
            assertClose(Tensor.zeros(DType.FLOAT64, 2, 3), Linalg.vectorNorm(a, Double.POSITIVE_INFINITY, new int[] {1}, false), "inf-norms of " + desc(a));
        }
    }

    @Test
    void normDefaultsAndKeepDims() {
        Tensor m = in("x243");
        for (DNDarray a : someLayouts(m)) {
            DNDarray f = Linalg.norm(a);
            DNDarray k = Linalg.norm(a, null, null, true);
            DNDarray mk = Linalg.matrixNorm(a, "fro", new int[] {0, 2}, true);
            DNDarray vk = Linalg.vectorNorm(a, 1, new int[] {1}, true);
            Dist.collectively(() -> {
                assertEquals(0, f.ndim());
                assertEquals(3, k.ndim());
                assertEquals(3, mk.ndim());
                assertEquals(1, mk.gshape()[0]);
                assertEquals(4, mk.gshape()[1]);
                assertEquals(1, vk.gshape()[1]);
            });
            double ss = 0;
            for (double d : m.toDoubleArray()) ss += d * d;
            Tensor want = Tensor.full(DType.FLOAT64, Math.sqrt(ss));
            assertClose(want, f, "norm of " + desc(a));
            // float32 (summed in float64, rounded once) and a strided view take the same one-pass path
            DNDarray f32 = Linalg.norm(a.astype(DType.FLOAT32)), ft = Linalg.norm(a.T()), nan = Linalg.norm(a.mul(Double.NaN));
            float want32 = (float) Math.sqrt(ss);
            Dist.collectively(() -> {
                assertEquals(DType.FLOAT32, f32.dtype());
                assertEquals(want32, f32.itemDouble(), 2 * Math.ulp(want32), "float32 norm of " + desc(a));
                assertTrue(Double.isNaN(nan.itemDouble()), "NaN propagates");
            });
            assertClose(want, ft, "norm of the transposed " + desc(a));
        }
        DNDarray ints = Factories.fromReplicated(in("i33"), 0);
        DNDarray n = Linalg.norm(ints);
        Dist.collectively(() -> assertEquals(DType.FLOAT64, n.dtype()));
    }

    @Test
    void badOrdersFailEverywhere() {
        DNDarray m = Factories.fromReplicated(in("m34"), 0), v = Factories.fromReplicated(in("d7"), 0);
        IllegalArgumentException e1 = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.norm(m, 3));
        IllegalArgumentException e2 = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.norm(v, "fro"));
        IllegalArgumentException e3 = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.matrixNorm(m, "max", null, false));
        IllegalArgumentException e4 = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Linalg.norm(Factories.fromReplicated(in("x243"), 1), 2));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.vectorNorm(v, Double.NaN, null, false));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.cross(m, m));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.vdot(m, v));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.trace(v));
        Dist.collectively(() -> {
            assertTrue(e1.getMessage().contains("invalid norm order 3"), e1.getMessage());
            assertTrue(e2.getMessage().contains("'fro' for vectors"), e2.getMessage());
            assertTrue(e3.getMessage().contains("'max'"), e3.getMessage());
            assertTrue(e4.getMessage().contains("improper number of dimensions"), e4.getMessage());
        });
    }

    @Test
    void outerSplits() {
        Tensor a = in("d7"), b = in("b5");
        DNDarray r0 = Linalg.outer(Factories.fromReplicated(a, 0), Factories.fromReplicated(b, 0));
        DNDarray r1 = Linalg.outer(Factories.fromReplicated(a, null), Factories.fromReplicated(b, 0));
        DNDarray rn = Linalg.outer(Factories.fromReplicated(a, null), Factories.fromReplicated(b, null));
        Dist.collectively(() -> {
            assertEquals(Integer.valueOf(0), r0.split());
            assertEquals(Integer.valueOf(1), r1.split());
            assertEquals(null, rn.split());
        });
    }
}
