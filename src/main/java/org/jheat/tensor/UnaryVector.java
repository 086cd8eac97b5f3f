package org.jheat.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transcendental element functions of {@link Kernels} on vectors: the Vector API's math operators, which the
 * JDK runs on Intel's short-vector math library (SVML, 1-ulp "ha" variants) where the CPU has AVX, about 6x faster
 * per element than the scalar {@code Math} calls here. Every element of a block goes through the same vector
 * function — the tail too, as a masked vector — so an element's result never depends on where it falls in a
 * block, a thread's range or a process's slab. Loaded only when the JVM has {@code jdk.incubator.vector}.
 *
 * <pre>{@code UnaryVector.exp(in, out, n); }</pre>
 */
final class UnaryVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private UnaryVector() { }

    /** True where vectors are at least 256 bits wide (AVX2 and up: the JDK's vector math library is native there). */
    static boolean usable() { return S.vectorBitSize() >= 256; }

    // One small method per operation, the operator written out: C2 replaces lanewise by the SVML call only where the
    // operator is a constant, and a shared method switching on an operation code was compiled for the operations
    // seen first and ran the others interpreted (ten times slower). Every step is masked, the tail as the rest, so
    // each element meets the same function.

    /** {@code o[i] = e^a} for i in [0, n), a = {@code a[i]}. */
    static void exp(double[] a, double[] o, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, i, m).lanewise(VectorOperators.EXP).intoArray(o, i, m);
        }
    }

    /** {@code o[i] = e^a - 1} for i in [0, n), a = {@code a[i]}. */
    static void expm1(double[] a, double[] o, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, i, m).lanewise(VectorOperators.EXPM1).intoArray(o, i, m);
        }
    }

    /** {@code o[i] = ln a} for i in [0, n), a = {@code a[i]}. */
    static void log(double[] a, double[] o, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, i, m).lanewise(VectorOperators.LOG).intoArray(o, i, m);
        }
    }

    /** {@code o[i] = log10 a} for i in [0, n), a = {@code a[i]}. */
    static void log10(double[] a, double[] o, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, i, m).lanewise(VectorOperators.LOG10).intoArray(o, i, m);
        }
    }

    /** {@code o[i] = ln(1 + a)} for i in [0, n), a = {@code a[i]}. */
    static void log1p(double[] a, double[] o, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, i, m).lanewise(VectorOperators.LOG1P).intoArray(o, i, m);
        }
    }

    /** {@code o[i] = sin a} for i in [0, n), a = {@code a[i]}. */
    static void sin(double[] a, double[] o, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, i, m).lanewise(VectorOperators.SIN).intoArray(o, i, m);
        }
    }

    /** {@code o[i] = cos a} for i in [0, n), a = {@code a[i]}. */
    static void cos(double[] a, double[] o, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, i, m).lanewise(VectorOperators.COS).intoArray(o, i, m);
        }
    }

    /** {@code o[i] = tan a} for i in [0, n), a = {@code a[i]}. */
    static void tan(double[] a, double[] o, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, i, m).lanewise(VectorOperators.TAN).intoArray(o, i, m);
        }
    }

    /** {@code o[i] = arcsin a} for i in [0, n), a = {@code a[i]}. */
    static void asin(double[] a, double[] o, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, i, m).lanewise(VectorOperators.ASIN).intoArray(o, i, m);
        }
    }

    /** {@code o[i] = arccos a} for i in [0, n), a = {@code a[i]}. */
    static void acos(double[] a, double[] o, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, i, m).lanewise(VectorOperators.ACOS).intoArray(o, i, m);
        }
    }

    /** {@code o[i] = arctan a} for i in [0, n), a = {@code a[i]}. */
    static void atan(double[] a, double[] o, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, i, m).lanewise(VectorOperators.ATAN).intoArray(o, i, m);
        }
    }

    /** {@code o[i] = sinh a} for i in [0, n), a = {@code a[i]}. */
    static void sinh(double[] a, double[] o, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, i, m).lanewise(VectorOperators.SINH).intoArray(o, i, m);
        }
    }

    /** {@code o[i] = cosh a} for i in [0, n), a = {@code a[i]}. */
    static void cosh(double[] a, double[] o, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, i, m).lanewise(VectorOperators.COSH).intoArray(o, i, m);
        }
    }

    /** {@code o[i] = tanh a} for i in [0, n), a = {@code a[i]}. */
    static void tanh(double[] a, double[] o, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, a, i, m).lanewise(VectorOperators.TANH).intoArray(o, i, m);
        }
    }
}
