package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transcendental element functions of {@link Kernels} on vectors: the Vector API's math operators, which the
 * JDK runs on Intel's short-vector math library (SVML, 1-ulp "ha" variants) where the CPU has AVX, about 6x faster
 * per element than the scalar {@code Math} calls here. Every element of a block goes through the same vector
 * function — the tail too, as a masked vector — so an element's result does not depend on where it falls in a
 * block, a thread's range or a process's slab, once the JIT has compiled the method: before that (a program's first
 * calls, run by the interpreter or C1) the Vector API computes the operators with {@code Math}, which can differ from
 * SVML in the last bit. Loaded only when the JVM has {@code jdk.incubator.vector}.
 *
 * <pre>{@code UnaryVector.exp(MemorySegment.ofArray(in), 0, MemorySegment.ofArray(out), 0, n); }</pre>
 */
final class UnaryVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private UnaryVector() { }

    /** True where vectors are at least 256 bits wide (AVX2 and up: the JDK's vector math library is native there). */
    static boolean usable() { return S.vectorBitSize() >= 256; }

    // One small method per operation, the operator written out: C2 replaces lanewise by the SVML call only where the
    // operator is a constant, and a shared method switching on an operation code was compiled for the operations
    // seen first and ran the others interpreted (ten times slower). The tail is a masked vector through the same
    // function (masking every step instead ran at half speed on segments). The operands are segments: a block's Java
    // arrays (MemorySegment.ofArray) or, for contiguous float64 runs, the tensors' memory itself (no block copies:
    // exp of 1e7 12.5 -> 9 ms). Each returns true.

    /** {@code o[i] = e^a} for the n float64 at byte offsets ao of a and oo of o, a = {@code a[i]}. */
    static boolean exp(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        long i = 0;
        for (long end = n - L; i <= end; i += L) DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE).lanewise(VectorOperators.EXP).intoMemorySegment(o, oo + 8 * i, NATIVE);
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE, m).lanewise(VectorOperators.EXP).intoMemorySegment(o, oo + 8 * i, NATIVE, m);
        }
        return true;
    }

    /** {@code o[i] = e^a - 1} for the n float64 at byte offsets ao of a and oo of o, a = {@code a[i]}. */
    static boolean expm1(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        long i = 0;
        for (long end = n - L; i <= end; i += L) DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE).lanewise(VectorOperators.EXPM1).intoMemorySegment(o, oo + 8 * i, NATIVE);
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE, m).lanewise(VectorOperators.EXPM1).intoMemorySegment(o, oo + 8 * i, NATIVE, m);
        }
        return true;
    }

    /** {@code o[i] = ln a} for the n float64 at byte offsets ao of a and oo of o, a = {@code a[i]}. */
    static boolean log(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        long i = 0;
        for (long end = n - L; i <= end; i += L) DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE).lanewise(VectorOperators.LOG).intoMemorySegment(o, oo + 8 * i, NATIVE);
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE, m).lanewise(VectorOperators.LOG).intoMemorySegment(o, oo + 8 * i, NATIVE, m);
        }
        return true;
    }

    /** {@code o[i] = log10 a} for the n float64 at byte offsets ao of a and oo of o, a = {@code a[i]}. */
    static boolean log10(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        long i = 0;
        for (long end = n - L; i <= end; i += L) DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE).lanewise(VectorOperators.LOG10).intoMemorySegment(o, oo + 8 * i, NATIVE);
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE, m).lanewise(VectorOperators.LOG10).intoMemorySegment(o, oo + 8 * i, NATIVE, m);
        }
        return true;
    }

    /** {@code o[i] = ln(1 + a)} for the n float64 at byte offsets ao of a and oo of o, a = {@code a[i]}. */
    static boolean log1p(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        long i = 0;
        for (long end = n - L; i <= end; i += L) DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE).lanewise(VectorOperators.LOG1P).intoMemorySegment(o, oo + 8 * i, NATIVE);
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE, m).lanewise(VectorOperators.LOG1P).intoMemorySegment(o, oo + 8 * i, NATIVE, m);
        }
        return true;
    }

    /** {@code o[i] = sin a} for the n float64 at byte offsets ao of a and oo of o, a = {@code a[i]}. */
    static boolean sin(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        long i = 0;
        for (long end = n - L; i <= end; i += L) DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE).lanewise(VectorOperators.SIN).intoMemorySegment(o, oo + 8 * i, NATIVE);
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE, m).lanewise(VectorOperators.SIN).intoMemorySegment(o, oo + 8 * i, NATIVE, m);
        }
        return true;
    }

    /** {@code o[i] = cos a} for the n float64 at byte offsets ao of a and oo of o, a = {@code a[i]}. */
    static boolean cos(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        long i = 0;
        for (long end = n - L; i <= end; i += L) DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE).lanewise(VectorOperators.COS).intoMemorySegment(o, oo + 8 * i, NATIVE);
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE, m).lanewise(VectorOperators.COS).intoMemorySegment(o, oo + 8 * i, NATIVE, m);
        }
        return true;
    }

    /** {@code o[i] = tan a} for the n float64 at byte offsets ao of a and oo of o, a = {@code a[i]}. */
    static boolean tan(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        long i = 0;
        for (long end = n - L; i <= end; i += L) DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE).lanewise(VectorOperators.TAN).intoMemorySegment(o, oo + 8 * i, NATIVE);
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE, m).lanewise(VectorOperators.TAN).intoMemorySegment(o, oo + 8 * i, NATIVE, m);
        }
        return true;
    }

    /** {@code o[i] = arcsin a} for the n float64 at byte offsets ao of a and oo of o, a = {@code a[i]}. */
    static boolean asin(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        long i = 0;
        for (long end = n - L; i <= end; i += L) DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE).lanewise(VectorOperators.ASIN).intoMemorySegment(o, oo + 8 * i, NATIVE);
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE, m).lanewise(VectorOperators.ASIN).intoMemorySegment(o, oo + 8 * i, NATIVE, m);
        }
        return true;
    }

    /** {@code o[i] = arccos a} for the n float64 at byte offsets ao of a and oo of o, a = {@code a[i]}. */
    static boolean acos(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        long i = 0;
        for (long end = n - L; i <= end; i += L) DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE).lanewise(VectorOperators.ACOS).intoMemorySegment(o, oo + 8 * i, NATIVE);
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE, m).lanewise(VectorOperators.ACOS).intoMemorySegment(o, oo + 8 * i, NATIVE, m);
        }
        return true;
    }

    /** {@code o[i] = arctan a} for the n float64 at byte offsets ao of a and oo of o, a = {@code a[i]}. */
    static boolean atan(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        long i = 0;
        for (long end = n - L; i <= end; i += L) DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE).lanewise(VectorOperators.ATAN).intoMemorySegment(o, oo + 8 * i, NATIVE);
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE, m).lanewise(VectorOperators.ATAN).intoMemorySegment(o, oo + 8 * i, NATIVE, m);
        }
        return true;
    }

    /** {@code o[i] = sinh a} for the n float64 at byte offsets ao of a and oo of o, a = {@code a[i]}. */
    static boolean sinh(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        long i = 0;
        for (long end = n - L; i <= end; i += L) DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE).lanewise(VectorOperators.SINH).intoMemorySegment(o, oo + 8 * i, NATIVE);
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE, m).lanewise(VectorOperators.SINH).intoMemorySegment(o, oo + 8 * i, NATIVE, m);
        }
        return true;
    }

    /** {@code o[i] = cosh a} for the n float64 at byte offsets ao of a and oo of o, a = {@code a[i]}. */
    static boolean cosh(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        long i = 0;
        for (long end = n - L; i <= end; i += L) DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE).lanewise(VectorOperators.COSH).intoMemorySegment(o, oo + 8 * i, NATIVE);
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE, m).lanewise(VectorOperators.COSH).intoMemorySegment(o, oo + 8 * i, NATIVE, m);
        }
        return true;
    }

    /** {@code o[i] = tanh a} for the n float64 at byte offsets ao of a and oo of o, a = {@code a[i]}. */
    static boolean tanh(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        long i = 0;
        for (long end = n - L; i <= end; i += L) DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE).lanewise(VectorOperators.TANH).intoMemorySegment(o, oo + 8 * i, NATIVE);
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromMemorySegment(S, a, ao + 8 * i, NATIVE, m).lanewise(VectorOperators.TANH).intoMemorySegment(o, oo + 8 * i, NATIVE, m);
        }
        return true;
    }
}
