package org.jheat.core;

import static org.jheat.core.Index.all;
import static org.jheat.core.Index.idx;
import static org.jheat.core.Index.mask;
import static org.jheat.core.Index.of;
import static org.jheat.core.Index.slice;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.jheat.testing.Dist.collectively;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jheat.Heat;
import org.jheat.random.Random;
import org.jheat.tensor.Complex;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * complex64/complex128 through the distributed core: factories, conversions, real/imag views, every manipulation and
 * indexing path (checked part by part: for a data-movement op f, f(z) = f(re z) + 1j·f(im z) bit for bit), where,
 * set, random, and the errors of ordering operations and implicit complex-to-real casts — at every split, with
 * uneven (7 rows) and empty (2 rows at 3–4 processes) slabs.
 */
class ComplexTest {
    static final long[][] SHAPES = {{7, 3}, {2, 3}};

    /** A deterministic complex128 matrix with distinct, signed parts. */
    static Tensor data(long n, long m) {
        Tensor t = Tensor.empty(DType.COMPLEX128, n, m);
        for (long i = 0; i < n; i++) {
            for (long j = 0; j < m; j++) t.setComplex(new Complex(i - 0.5 * j + 0.25, 0.75 * i * j - 1 - j), i, j);
        }
        return t;
    }

    static DNDarray z(long[] shape, Integer split) { return Heat.array(data(shape[0], shape[1]), null, split); }

    /** f(z) equals f(re z) + 1j·f(im z), bit for bit, with the dtype complex128. */
    static void assertByParts(String what, DNDarray z, Function<DNDarray, DNDarray> f) {
        DNDarray c = f.apply(z);
        DNDarray re = f.apply(Complexes.real(z).copy()), im = f.apply(Complexes.imag(z).copy());
        Tensor gc = c.gatherAll(), gr = re.gatherAll(), gi = im.gatherAll();
        long[][] map = c.lshapeMap();
        collectively(() -> {
            assertEquals(DType.COMPLEX128, gc.dtype(), what + " dtype");
            assertTrue(java.util.Arrays.equals(gc.shape(), gr.shape()), what + " shape");
            assertTrue(gc.real().contiguous().contentEquals(gr), what + " real parts");
            assertTrue(gc.imag().contiguous().contentEquals(gi), what + " imaginary parts");
            assertTrue(java.util.Arrays.equals(map[Dist.comm().rank()], c.lshape()), what + " lshape map");
        });
    }

    @Test
    void manipulationAndIndexingMoveBothParts() {
        List<String> done = new ArrayList<>();
        for (long[] shape : SHAPES) {
            for (Integer split : new Integer[] {null, 0, 1}) {
                String at = " shape " + shape[0] + "x" + shape[1] + " split " + split;
                DNDarray z = z(shape, split);
                DNDarray sel = Heat.array(new long[] {0, shape[0] - 1, 0}, null, null);
                assertByParts("concatenate0" + at, z, x -> Joining.concatenate(new DNDarray[] {x, x}, 0));
                assertByParts("concatenate1" + at, z, x -> Joining.concatenate(new DNDarray[] {x, x}, 1));
                assertByParts("stack" + at, z, x -> Joining.stack(new DNDarray[] {x, x}, 1));
                assertByParts("reshape" + at, z, x -> Shaping.reshape(x, shape[1], shape[0]));
                assertByParts("transpose" + at, z, Shaping::transpose);
                assertByParts("flip" + at, z, x -> Manipulations.flip(x, 0));
                assertByParts("roll" + at, z, x -> Manipulations.roll(x, 2, 0));
                assertByParts("pad" + at, z, x -> Padding.pad(x, new long[][] {{1, 2}, {0, 1}}));
                assertByParts("pad reflect" + at, z, x -> Padding.pad(x, new long[][] {{1, 1}, {1, 1}}, "reflect"));
                assertByParts("diag" + at, z, Manipulations::diag);
                assertByParts("tril" + at, z, x -> Manipulations.tril(x, -1));
                assertByParts("triu" + at, z, Manipulations::triu);
                for (Integer to : new Integer[] {null, 0, 1}) assertByParts("resplit " + to + at, z, x -> x.resplit(to));
                assertByParts("basic get" + at, z, x -> x.get(slice(1, null, 2), idx(-1)));
                assertByParts("advanced get" + at, z, x -> x.get(of(sel), all()));
                DNDarray m = Relational.gt(Complexes.real(z), 0.0);
                assertByParts("mask get" + at, z, x -> x.get(mask(m)));
                assertByParts("where" + at, z, x -> Searching.where(m, x, x.dtype().isComplex() ? new Complex(0, 0) : 0.0));
                assertByParts("copy" + at, z, DNDarray::copy);
                done.add(at);
            }
        }
        assertEquals(6, done.size());
    }

    @Test
    void setWritesComplexValues() {
        for (long[] shape : SHAPES) {
            for (Integer split : new Integer[] {null, 0, 1}) {
                Tensor want = data(shape[0], shape[1]);
                DNDarray z = Heat.array(want, null, split);
                Complex v = new Complex(-7, 8.5);
                z.set(v, idx(0), all());
                for (long j = 0; j < shape[1]; j++) want.setComplex(v, 0, j);
                z.set(new Complex(3, -3), of(Heat.array(new long[] {shape[0] - 1}, null, null)), idx(0));
                want.setComplex(new Complex(3, -3), shape[0] - 1, 0);
                DNDarray msk = Relational.lt(Complexes.imag(z), -1.5);
                Tensor wm = msk.gatherAll();
                z.set(Complex.I, mask(msk));
                for (long i = 0; i < want.size(); i++) {
                    if (wm.getLongFlat(i) != 0) want.setComplex(Complex.I, i / shape[1], i % shape[1]);
                }
                Dist.assertDistributed(want, z, false);
            }
        }
    }

    @Test
    void realAndImagAreWritableViews() {
        for (Integer split : new Integer[] {null, 0, 1}) {
            DNDarray z = z(new long[] {7, 3}, split);
            DNDarray re = Heat.real(z), im = Heat.imag(z);
            assertEquals(DType.FLOAT64, re.dtype());
            assertEquals(DType.FLOAT32, Heat.imag(z.astype(DType.COMPLEX64)).dtype());
            im.set(0.0, all(), all());
            re.set(1.5, idx(2), all());
            Tensor want = data(7, 3);
            for (long i = 0; i < 7; i++) {
                for (long j = 0; j < 3; j++) want.setComplex(new Complex(i == 2 ? 1.5 : want.getComplex(i, j).re(), 0), i, j);
            }
            Dist.assertDistributed(want, z, true);
            DNDarray x = Heat.array(new double[] {1, -2, 3}, null, split == null ? null : 0);
            assertTrue(Heat.real(x) == x, "real of a real array is the array");
            Dist.assertDistributed(Tensor.zeros(DType.FLOAT64, 3), Heat.imag(x), true);
        }
    }

    @Test
    void factoriesAndConversions() {
        for (Integer split : new Integer[] {null, 0}) {
            Dist.assertDistributed(Tensor.zeros(DType.COMPLEX64, 5), Heat.zeros(new long[] {5}, DType.COMPLEX64, split), true);
            Tensor ones = Tensor.empty(DType.COMPLEX128, 2);
            ones.setComplex(Complex.ONE, 0);
            ones.setComplex(Complex.ONE, 1);
            Dist.assertDistributed(ones, Heat.ones(new long[] {2}, DType.COMPLEX128, split), true);
            Tensor eye = Tensor.zeros(DType.COMPLEX128, 3, 3);
            for (int i = 0; i < 3; i++) eye.setComplex(Complex.ONE, i, i);
            Dist.assertDistributed(eye, Heat.eye(3, 3, 0, DType.COMPLEX128, split), true);
            DNDarray full = Factories.full(new long[] {4}, new Complex(1, -2), null, split);
            Tensor fw = Tensor.fromArray(new Complex[] {new Complex(1, -2), new Complex(1, -2), new Complex(1, -2), new Complex(1, -2)});
            Dist.assertDistributed(fw, full, true);
            Dist.assertDistributed(fw.astype(DType.COMPLEX64), Factories.full(new long[] {4}, new Complex(1, -2), DType.COMPLEX64, split), true);
            Complex[][] nested = {{new Complex(1, 2), new Complex(3, 4)}, {new Complex(-1, 0), new Complex(0, -1)}, {Complex.I, Complex.ZERO}};
            DNDarray a = Heat.array(nested, null, split);
            Tensor at = Tensor.fromArray(nested);
            Dist.assertDistributed(at, a, true);
            collectively(() -> assertEquals(new Complex(0, -1), at.getComplex(1, 1)));
            // real -> complex, complex64 <-> complex128, complex -> real (explicit astype drops the imaginary part),
            // complex -> bool (either part non-zero)
            DNDarray c64 = a.astype(DType.COMPLEX64);
            Dist.assertDistributed(at, c64.astype(DType.COMPLEX128), true);
            Dist.assertDistributed(Tensor.fromArray(new double[][] {{1, 3}, {-1, 0}, {0, 0}}), a.astype(DType.FLOAT64), true);
            Dist.assertDistributed(Tensor.fromArray(new boolean[][] {{true, true}, {true, true}, {true, false}}), a.astype(DType.BOOL), true);
            Tensor fromReal = Tensor.fromArray(new Complex[] {new Complex(1.5, 0), new Complex(-2, 0)});
            Dist.assertDistributed(fromReal, Heat.array(new double[] {1.5, -2}, null, split).astype(DType.COMPLEX128), true);
            DNDarray composed = Heat.complex(Heat.array(new double[] {1, Double.POSITIVE_INFINITY}, null, split), -2.0);
            Dist.assertDistributed(Tensor.fromArray(new Complex[] {new Complex(1, -2), new Complex(Double.POSITIVE_INFINITY, -2)}), composed, true);
            assertEquals(DType.COMPLEX64, Heat.complex(Heat.ones(new long[] {2}, DType.FLOAT32, split), 1.0).dtype());
            Tensor zs = Heat.array(nested, null, split).gatherAll();
            Object back = zs.toNestedArray();
            collectively(() -> assertEquals(nested[2][0], ((Complex[][]) back)[2][0]));
        }
    }

    /**
     * arccosh by Kahan's formula against numpy: tiny and huge |z| (the real part was lost / infinite), the cut's
     * imaginary side (real part exactly 0, it was -4e-17) and ±0 imaginary parts on the negative axis.
     */
    @Test
    void arccoshIsAccurateAcrossThePlane() {
        Complex[] z = {new Complex(1e308, 1e308), new Complex(1e-20, -1e-20), new Complex(-1e-8, 1e-8), new Complex(-0.5, 0),
            new Complex(2, 3), new Complex(-2, -0.0), new Complex(0.5, 0), new Complex(1, 0), new Complex(-3, 1e-300)};
        double[][] want = {{710.2359294130059, 0.7853981633974483}, {1e-20, -1.5707963267948966}, {1e-08, 1.5707963367948967},
            {0.0, 2.0943951023931957}, {1.9833870299165355, 1.0001435424737972}, {1.3169578969248166, -3.141592653589793},
            {0.0, 1.0471975511965976}, {0.0, 0.0}, {1.762747174039086, 3.141592653589793}};
        for (Integer split : new Integer[] {null, 0}) {
            Tensor r = Trigonometrics.arccosh(Heat.array(z, null, split)).gatherAll();
            collectively(() -> {
                for (int i = 0; i < z.length; i++) {
                    Complex c = r.getComplex(i);
                    assertEquals(want[i][0], c.re(), 2 * Math.ulp(want[i][0]), "re arccosh " + z[i]);
                    assertEquals(want[i][1], c.im(), 2 * Math.ulp(want[i][1]), "im arccosh " + z[i]);
                }
            });
        }
    }

    /** A zero exactly, with its sign; anything else within 2 ulps (libm's asin differs from numpy's by one at times). */
    private static void near(double want, double got, String what) {
        if (want == 0) assertEquals(Double.valueOf(want), Double.valueOf(got), what);
        else assertEquals(want, got, 2 * Math.ulp(want), what);
    }

    /** asinh/asin/acos on the imaginary / real axis with numpy's (C99's) signs of zero and no residue of rounding. */
    @Test
    void inverseTrigOnTheAxesKeepsSignedZeros() {
        Complex[] z = {new Complex(-0.0, 0.0), new Complex(0.0, -0.0), new Complex(0, 2), new Complex(-0.0, 2), new Complex(0, -2),
            new Complex(-0.0, -0.5), new Complex(0, 0.3)};
        double[][] asinh = {{-0.0, 0.0}, {0.0, -0.0}, {1.3169578969248166, 1.5707963267948966}, {-1.3169578969248166, 1.5707963267948966},
            {1.3169578969248166, -1.5707963267948966}, {-0.0, -0.5235987755982989}, {0.0, 0.30469265401539747}};
        Complex[] w = {new Complex(-0.5, 0), new Complex(0.5, -0.0), new Complex(2, 0)};
        double[][] asin = {{-0.5235987755982989, 0.0}, {0.5235987755982989, -0.0}, {1.5707963267948966, 1.3169578969248166}};
        double[][] acos = {{2.0943951023931957, -0.0}, {1.0471975511965976, 0.0}, {0.0, -1.3169578969248166}};
        for (Integer split : new Integer[] {null, 0}) {
            Tensor h = Trigonometrics.arcsinh(Heat.array(z, null, split)).gatherAll();
            Tensor s = Trigonometrics.arcsin(Heat.array(w, null, split)).gatherAll(), c = Trigonometrics.arccos(Heat.array(w, null, split)).gatherAll();
            collectively(() -> {
                for (int i = 0; i < z.length; i++) {
                    near(asinh[i][0], h.getComplex(i).re(), "re asinh " + z[i]);
                    near(asinh[i][1], h.getComplex(i).im(), "im asinh " + z[i]);
                }
                for (int i = 0; i < w.length; i++) {
                    near(asin[i][0], s.getComplex(i).re(), "re asin " + w[i]);
                    near(asin[i][1], s.getComplex(i).im(), "im asin " + w[i]);
                    near(acos[i][0], c.getComplex(i).re(), "re acos " + w[i]);
                    near(acos[i][1], c.getComplex(i).im(), "im acos " + w[i]);
                }
            });
        }
    }

    @Test
    void abssAngleConjAndComplexScalars() {
        for (Integer split : new Integer[] {null, 0}) {
            DNDarray z = Heat.array(new Complex[] {new Complex(3, 4), new Complex(-1, 0), new Complex(0, -2)}, DType.COMPLEX64, split);
            DNDarray a = Heat.abs(z);
            assertEquals(DType.FLOAT32, a.dtype());
            Dist.assertDistributed(Tensor.fromArray(new float[] {5, 1, 2}), a, true);
            DNDarray ang = Heat.angle(z, true);
            assertEquals(DType.FLOAT32, ang.dtype());
            assertTrue(Logical.allclose(ang, Heat.array(new float[] {(float) Math.toDegrees(Math.atan2(4, 3)), 180, -90}, null, split),
                    1e-6, 0, false));
            Dist.assertDistributed(Tensor.fromArray(new double[] {0, Math.PI, 0}),
                    Heat.angle(Heat.array(new double[] {2, -1, 0}, null, split)), true);
            Dist.assertDistributed(Tensor.fromArray(new Complex[] {new Complex(3, -4), new Complex(-1, -0.0), new Complex(0, 2)}).astype(DType.COMPLEX64),
                    Heat.conj(z), true);
            // a Complex scalar is weak: complex64 * 1j stays complex64
            DNDarray r = Arithmetics.mul(z, Complex.I);
            assertEquals(DType.COMPLEX64, r.dtype());
            Dist.assertDistributed(Tensor.fromArray(new Complex[] {new Complex(-4, 3), new Complex(-0.0, -1), new Complex(2, 0)}).astype(DType.COMPLEX64), r, true);
            assertEquals(DType.COMPLEX128, Arithmetics.add(Heat.array(new long[] {1, 2, 3}, null, split), new Complex(0, 1)).dtype());
            DNDarray in = z.copy();
            Arithmetics.add(in, 1);
            Operations.binaryInPlace(org.jheat.tensor.Kernels.ADD, TypeRule.SAME, in, new Complex(0, 1));
            assertEquals(new Complex(3, 5), in.gatherAll().getComplex(0));
            assertTrue(Logical.allclose(Arithmetics.mul(z, Heat.conj(z)), Arithmetics.pow(Heat.abs(z), 2L)));
            assertTrue(Logical.all(Logical.logicalOr(Complexes.iscomplex(z), Relational.eq(z, -1L))));
            assertEquals(1L, Arithmetics.sum(Complexes.isreal(z)).itemLong());
        }
    }

    @Test
    void printingGathersTheCorner() {
        for (Integer split : new Integer[] {null, 0}) {
            DNDarray z = Heat.array(new Complex[] {new Complex(1, 2), new Complex(-0.5, -1), Complex.ZERO}, null, split);
            // numpy's array_repr wraps the dtype part onto a new line past 75 characters
            assertEquals("DNDarray([ 1. +2.j, -0.5-1.j,  0. +0.j],\n         dtype=complex128, device=cpu:0, split=" + split + ")",
                    Printing.format(z));
            // numpy summarises with '...' beyond the threshold: only the corner travels
            String big = Printing.format(Heat.zeros(new long[] {2001}, DType.COMPLEX64, split));
            assertTrue(big.startsWith("DNDarray([0.+0.j, 0.+0.j, 0.+0.j, ..., 0.+0.j, 0.+0.j, 0.+0.j]"), big);
        }
    }

    @Test
    void randomComplexNormalIsProcessCountIndependent() {
        Random.seed(42);
        DNDarray r = Random.randn(new long[] {7, 5}, DType.COMPLEX128, 0);
        Random.seed(42);
        DNDarray pairs = Random.normal(0, Math.sqrt(0.5), new long[] {7, 5, 2}, DType.FLOAT64, null);
        Tensor p = pairs.gatherAll();
        Dist.assertDistributed(p.viewAsComplex(), r, true);
        Random.seed(7);
        DNDarray big = Random.randn(new long[] {20000}, DType.COMPLEX64, 0);
        assertEquals(DType.COMPLEX64, big.dtype());
        double m2 = Statistics.mean(Arithmetics.pow(Heat.abs(big), 2L), null, false).itemDouble();
        double v = Statistics.var(Heat.real(big), null, 0, false).itemDouble();
        assertTrue(Math.abs(m2 - 1) < 0.05 && Math.abs(v - 0.5) < 0.03, "E|z|^2 = " + m2 + ", var(re) = " + v);
    }

    private static DNDarray cx(double[][] re, double[][] im, Integer split) {
        return Heat.complex(Heat.array(re, DType.FLOAT64, split), Heat.array(im, DType.FLOAT64, split));
    }

    private static void near(DNDarray want, DNDarray got, String what) {
        assertArrayEquals(want.gshape(), got.gshape(), what);
        assertEquals(want.dtype(), got.dtype(), what);
        assertTrue(Heat.allclose(got.resplit(null), want.resplit(null), 0, 0, true), what + ": " + got + " vs " + want);
    }

    /** max, min, argmax, argmin, ptp, maximum and minimum of complex values in numpy's lexicographic order (numpy 1.24's results). */
    @Test
    void complexValuesOrderLexicographicallyAsInNumpy() {
        double nan = Double.NaN;
        double[][] are = {{1, 1, -3}, {2, 1, -3}, {2, 0, -3}, {-1, 1, 4}}, aim = {{2, -1, 0}, {-5, 3, -1}, {-6, 9, 0}, {0, 3, 0}};
        double[][] bre = {{1, 1, nan}, {2, 0, -3}, {3, 0, -3}, {-1, 1, 4}}, bim = {{1, 3, 0}, {-5, 0, 0}, {0, 9, -2}, {1, 3, 0}};
        for (Integer split : new Integer[] {null, 0, 1}) {
            DNDarray a = cx(are, aim, split), b = cx(bre, bim, split);
            near(Heat.complex(Heat.array(new double[] {2, 1, 4}), Heat.array(new double[] {-5, 3, 0})), Statistics.max(a, new int[] {0}, false), "max 0");
            near(Heat.complex(Heat.array(new double[] {-3, -3, -3, -1}), Heat.array(new double[] {0, -1, 0, 0})), Statistics.min(a, new int[] {1}, false), "min 1");
            near(Heat.complex(Heat.array(4.0), Heat.array(0.0)), Statistics.max(a, null, false), "max");
            near(Heat.array(new long[] {1, 1, 3}), Statistics.argmax(a, 0, false), "argmax 0");
            near(Heat.array(new long[] {2, 2, 2, 0}), Statistics.argmin(a, 1, false), "argmin 1");
            near(Heat.array(11L), Statistics.argmax(a, null, false), "argmax");
            near(Heat.complex(Heat.array(new double[] {3, 1, 7}), Heat.array(new double[] {-5, -6, 1})), Statistics.ptp(a, new int[] {0}, false), "ptp 0");
            near(cx(new double[][] {{1, 1, nan}, {2, 1, -3}, {3, 0, -3}, {-1, 1, 4}}, new double[][] {{2, 3, 0}, {-5, 3, 0}, {0, 9, 0}, {1, 3, 0}}, null),
                    Statistics.maximum(a, b), "maximum");
            near(cx(new double[][] {{1, 1, nan}, {2, 0, -3}, {2, 0, -3}, {-1, 1, 4}}, new double[][] {{1, -1, 0}, {-5, 0, -1}, {-6, 9, -2}, {0, 3, 0}}, null),
                    Statistics.minimum(a, b), "minimum");
            DNDarray withNan = Statistics.max(b, new int[] {0}, false);   // a NaN in the column wins
            assertTrue(Heat.all(Heat.eq(Logical.isnan(withNan), Heat.array(new boolean[] {false, false, true}))), "NaN propagates: " + withNan);
            near(Heat.array(new long[] {2, 0, 0}), Statistics.argmax(b, 0, false), "argmax with a NaN (the NaN's index)");
        }
    }

    @Test
    void orderingAndImplicitComplexToRealCastsRaiseEverywhere() {
        DNDarray z = z(new long[] {7, 3}, 0);
        DNDarray x = Heat.zeros(new long[] {7, 3}, DType.FLOAT64, 0);
        for (Function<DNDarray, Object> f : List.<Function<DNDarray, Object>>of(
                q -> Relational.lt(q, 0.0), q -> Relational.ge(q, q), q -> Rounding.clip(q, 0, 1),
                q -> Rounding.floor(q), q -> Rounding.trunc(q), q -> Sorting.topk(q, 2),
                q -> Arithmetics.remainder(q, 2.0), q -> Trigonometrics.deg2rad(q), q -> Exponential.logaddexp(q, q), q -> Logical.signbit(q),
                q -> Quantiles.median(q), q -> Rounding.fabs(q))) {
            UnsupportedOperationException e = assertThrowsEverywhere(UnsupportedOperationException.class, () -> f.apply(z));
            assertTrue(e.getMessage().contains("complex"), e.getMessage());
        }
        IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Operations.binaryInPlace(org.jheat.tensor.Kernels.ADD, TypeRule.SAME, x, z));
        assertTrue(e.getMessage().contains("cannot cast add output from complex128 to float64"), e.getMessage());
        assertThrowsEverywhere(IllegalArgumentException.class, () -> x.set(Complex.I, idx(0)));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> x.set(z, all(), all()));
        assertThrowsEverywhere(UnsupportedOperationException.class, () -> Heat.complex(z, 1.0));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Arithmetics.bitwiseAnd(z, 1));
    }
}
