package org.jheat.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link UnaryVector} (SVML through the Vector API) against the scalar {@code Math} functions: within one ulp of
 * them on random and extreme arguments, the same special values (NaN, ±infinity, signed zeros, domain errors), and
 * every element's result independent of its place in a block (vector body or masked tail).
 */
@Tag("local")
class UnaryVectorTest {
    interface Block { boolean apply(MemorySegment a, long ao, MemorySegment o, long oo, long n); }

    static void run(Block f, double[] a, double[] o, int n) { f.apply(MemorySegment.ofArray(a), 0, MemorySegment.ofArray(o), 0, n); }

    private static final Block[] CODES = {UnaryVector::exp, UnaryVector::expm1, UnaryVector::log, UnaryVector::log10,
        UnaryVector::log1p, UnaryVector::sin, UnaryVector::cos, UnaryVector::tan, UnaryVector::asin, UnaryVector::acos,
        UnaryVector::atan, UnaryVector::sinh, UnaryVector::cosh, UnaryVector::tanh};
    private static final DoubleUnaryOperator[] REF = {Math::exp, Math::expm1, Math::log, Math::log10, Math::log1p,
        Math::sin, Math::cos, Math::tan, Math::asin, Math::acos, Math::atan, Math::sinh, Math::cosh, Math::tanh};
    private static final String[] NAMES = {"exp", "expm1", "log", "log10", "log1p", "sin", "cos", "tan", "asin",
        "acos", "atan", "sinh", "cosh", "tanh"};

    static double[] arguments() {
        double[] special = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, Double.MIN_VALUE, -Double.MIN_VALUE,
            Double.MIN_NORMAL, 1e-300, -1e-300, 1e-8, -1e-8, 709.7, 709.8, -745.1, -745.2, 710.5, 1e300, -1e300,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            Math.PI / 2, -Math.PI / 2, Math.PI, 1e22, 22.0, -22.0, 19.0, 0.9999999999999999, -0.9999999999999999};
        SplittableRandom r = new SplittableRandom(7);
        double[] a = new double[special.length + 30000];
        System.arraycopy(special, 0, a, 0, special.length);
        for (int i = special.length; i < a.length; i++) {
            int kind = i % 3;
            a[i] = kind == 0 ? r.nextDouble(-30, 30) : kind == 1 ? r.nextDouble(-1.2, 1.2) : Math.scalb(r.nextDouble(-1, 1), r.nextInt(-60, 60));
        }
        return a;
    }

    @Test
    void vectorFunctionsAgreeWithMathToOneUlp() {
        Assumptions.assumeTrue(Kernels.SIMD_MATH, "no jdk.incubator.vector");
        double[] a = arguments(), o = new double[a.length];
        for (int c = 0; c < CODES.length; c++) {
            run(CODES[c], a, o, a.length);
            for (int i = 0; i < a.length; i++) {
                double want = REF[c].applyAsDouble(a[i]), got = o[i];
                String what = NAMES[c] + "(" + a[i] + ") = " + got + ", Math: " + want;
                if (Double.isNaN(want) || Double.isInfinite(want) || want == 0) {
                    assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got), what);
                } else {
                    assertTrue(Math.abs(got - want) <= Math.ulp(want), what);
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnAnElementsPlaceInTheBlock() {
        Assumptions.assumeTrue(Kernels.SIMD_MATH, "no jdk.incubator.vector");
        double[] a = arguments(), whole = new double[a.length];
        for (int c = 0; c < CODES.length; c++) {
            run(CODES[c], a, whole, a.length);
            for (int shift = 1; shift <= 17; shift++) {
                for (int len : new int[] {1, 3, 7, 8, 9, 15, 16, 17, 100}) {
                    double[] part = new double[len], out = new double[len];
                    System.arraycopy(a, shift, part, 0, len);
                    run(CODES[c], part, out, len);
                    for (int i = 0; i < len; i++) {
                        assertEquals(Double.doubleToLongBits(whole[shift + i]), Double.doubleToLongBits(out[i]),
                                NAMES[c] + " of " + part[i] + " at " + i + " of " + len);
                    }
                }
            }
        }
    }

    @Test
    void elementKernelsUseTheSameFunctionForEveryDtypePath() {
        double[] a = arguments(), viaKernel = new double[a.length], ref = new double[a.length];
        Kernels.EXP.apply(a, null, viaKernel, a.length);
        if (Kernels.SIMD_MATH) run(UnaryVector::exp, a, ref, a.length);
        else for (int i = 0; i < a.length; i++) ref[i] = Math.exp(a[i]);
        for (int i = 0; i < a.length; i++) assertEquals(Double.doubleToLongBits(ref[i]), Double.doubleToLongBits(viaKernel[i]));
    }

    /** The direct path (off-heap float64, any byte offset) gives the block path's bits, through the element driver. */
    @Test
    void directRunsOnTensorMemoryMatchTheBlockPath() {
        double[] a = arguments(), block = new double[a.length];
        Kernels.TANH.apply(a, null, block, a.length);
        Tensor in = Tensor.fromArray(a), out = Tensor.empty(DType.FLOAT64, a.length);
        try {
            Elementwise.apply(Kernels.TANH, false, out, in);
            double[] direct = out.toDoubleArray();
            for (int i = 0; i < a.length; i++) assertEquals(Double.doubleToLongBits(block[i]), Double.doubleToLongBits(direct[i]), "tanh(" + a[i] + ")");
            // an odd offset into the memory: the run starts mid-vector
            Tensor tail = Tensor.empty(DType.FLOAT64, a.length - 3);
            Elementwise.apply(Kernels.TANH, false, tail, in.narrow(0, 3, a.length - 3));
            double[] t = tail.toDoubleArray();
            for (int i = 0; i < t.length; i++) assertEquals(Double.doubleToLongBits(block[i + 3]), Double.doubleToLongBits(t[i]), "tanh at " + (i + 3));
            tail.free();
        } finally {
            in.free();
            out.free();
        }
    }

    /** artanh next to ±1 from both sides, against numpy 1.24 (glibc): 2·x / (1 − x) lost 14,000 ulp at −0.9999999999. */
    @Test
    void arctanhKeepsItsDigitsNextToMinusOne() {
        double[] a = {-0.9999999999, -0.9883498723832412, -0.6, -0.3, -1e-9, 1e-9, 0.3, 0.6, 0.9999999999, -1.0, 1.0, -0.0, 1.5, Double.NaN};
        double[] want = {-11.859499013855018, -2.569871614848137, -0.6931471805599453, -0.3095196042031117, -1e-09, 1e-09,
            0.3095196042031117, 0.6931471805599453, 11.859499013855018, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, Double.NaN, Double.NaN};
        double[] o = new double[a.length];
        Kernels.ARCTANH.apply(a, null, o, a.length);
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(want[i]) || Double.isInfinite(want[i]) || want[i] == 0) {
                assertEquals(want[i], o[i], 0, "arctanh(" + a[i] + ")");
                if (want[i] == 0) assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(o[i]), "sign of arctanh(-0.0)");
            } else {
                assertEquals(want[i], o[i], 2 * Math.ulp(want[i]), "arctanh(" + a[i] + ")");
            }
        }
    }
}
