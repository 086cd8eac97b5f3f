package org.jheat.core;

import org.jheat.tensor.Complex;
import org.jheat.tensor.ComplexKernels;
import org.jheat.tensor.DType;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.Tensor;

/**
 * Complex numbers (numpy's {@code real}, {@code imag}, {@code conj}, {@code angle}, {@code iscomplex},
 * {@code isreal} and Heat's/torch's {@code complex(re, im)}). {@code real}/{@code imag} of a complex array are views
 * (writes go through to the array), as in numpy; everything is local (no communication).
 *
 * <pre>{@code
 * DNDarray z = Complexes.complex(x, y);          // x + 1j*y
 * DNDarray r = Complexes.real(z);                // a float64 view of z's real parts
 * DNDarray a = Complexes.angle(z, true);         // degrees
 * }</pre>
 */
public final class Complexes {
    private Complexes() { }

    /**
     * The real part: for a complex array a view of component dtype (writable), for a real array the array itself
     * (numpy returns {@code x} there too). <pre>{@code Complexes.real(z).larray().fill(0.0); }</pre>
     */
    public static DNDarray real(DNDarray x) {
        return x.dtype().isComplex() ? x.withLocal(x.larray().real()) : x;
    }

    /**
     * The imaginary part: for a complex array a view of component dtype (writable), for a real array zeros of its
     * dtype. <pre>{@code DNDarray im = Complexes.imag(z); }</pre>
     */
    public static DNDarray imag(DNDarray x) {
        return x.withLocal(x.larray().imag());
    }

    /** The complex conjugate (a copy; real arrays: a copy of the same dtype). <pre>{@code Complexes.conj(z) }</pre> */
    public static DNDarray conj(DNDarray x) {
        return Operations.unary(x.dtype().isComplex() ? ComplexKernels.CONJ : Kernels.POS, TypeRule.SAME, x);
    }

    /**
     * The argument atan2(imag, real) in radians ({@code deg}: degrees), a real array: the component type for complex
     * input, float for real input (numpy's {@code angle}: 0 for x >= 0, π for x < 0).
     * <pre>{@code DNDarray phi = Complexes.angle(z, false); }</pre>
     */
    public static DNDarray angle(DNDarray x, boolean deg) {
        DNDarray a = x.dtype().isComplex() ? Operations.unary(ComplexKernels.ANGLE, TypeRule.REAL, x)
                : Trigonometrics.arctan2(0.0, x);
        return deg ? Operations.binaryInPlace(Kernels.MUL, TypeRule.SAME, a, 180.0 / Math.PI) : a;
    }

    /**
     * {@code re + 1j*im} from real arrays or Java scalars (broadcast, distributed like a binary operation):
     * complex64 when the operands promote to float32, else complex128 (numpy's promotion with a Python complex).
     * Infinite parts stay as they are (the product 1j*inf of numpy's spelling would make a NaN real part).
     * <pre>{@code DNDarray z = Complexes.complex(x, 0.5); }</pre>
     *
     * @throws UnsupportedOperationException when an operand is complex
     */
    public static DNDarray complex(Object re, Object im) {
        for (Object o : new Object[] {re, im}) {
            if (o instanceof Complex || o instanceof DNDarray d && d.dtype().isComplex()) {
                throw new UnsupportedOperationException("complex: the real and imaginary parts must be real, got a complex operand");
            }
        }
        return Operations.binary(ComplexKernels.COMPOSE, TypeRule.COMPLEX, re, im);
    }

    /** Element-wise: the imaginary part is non-zero (bool; false everywhere for real arrays). */
    public static DNDarray iscomplex(DNDarray x) {
        return x.dtype().isComplex() ? Relational.ne(imag(x), 0)
                : x.withLocal(x.larray().newZeros(DType.BOOL, x.larray().shape()));
    }

    /** Element-wise: the imaginary part is zero (bool; true everywhere for real arrays). */
    public static DNDarray isreal(DNDarray x) {
        return x.dtype().isComplex() ? Relational.eq(imag(x), 0)
                : x.withLocal(x.larray().newFull(DType.BOOL, 1, x.larray().shape()));
    }

    /** True when the array has a complex dtype (numpy's {@code iscomplexobj}; no communication). */
    public static boolean iscomplexobj(DNDarray x) {
        return x.dtype().isComplex();
    }

    /**
     * torch's {@code view_as_complex}: a float array of shape (…, 2), not split along its last axis, as a complex
     * view of shape (…) (complex64 for float32, complex128 for float64), split like x. No copy, no communication.
     * <pre>{@code DNDarray z = Complexes.viewAsComplex(Random.randn(new long[] {n, 2}, DType.FLOAT64, 0)); }</pre>
     *
     * @throws IllegalArgumentException when x is not float, its last axis is not 2 or x is split along it
     */
    public static DNDarray viewAsComplex(DNDarray x) {
        int nd = x.ndim();
        if (!x.dtype().isFloat() || nd == 0 || x.gshape()[nd - 1] != 2) {
            throw new IllegalArgumentException("viewAsComplex: x must be float32/float64 with a last axis of length 2, got "
                    + x.dtype() + " of shape " + org.jheat.tensor.Shapes.str(x.gshape()));
        }
        if (x.splitAxis() == nd - 1) throw new IllegalArgumentException("viewAsComplex: x must not be split along its last axis");
        Tensor l = x.larray();
        if (!l.isContiguous()) l = l.contiguous();
        long[] g = java.util.Arrays.copyOf(x.gshape(), nd - 1);
        int s = x.splitAxis();
        return new DNDarray(l.viewAsComplex(), g, s < 0 ? null : s, x.comm(), l.device(), DNDarray.mapLike(x, g, s));
    }
}
