package org.jheat.tensor;

/**
 * A backend's local discrete Fourier transforms (the FFTW level; {@link CpuFft} on the CPU): complex-to-complex,
 * real-to-complex and complex-to-real transforms over any subset of a tensor's axes, unnormalised (FFTW's
 * convention) times {@code scale}, plus the two element kernels the distributed four-step algorithm needs. Inputs
 * may be any strided view (they are never modified); results are new contiguous tensors on the input's device.
 * Complex tensors store interleaved (re, im) pairs; {@link #viewAsReal} sees them as real tensors with a trailing
 * axis of 2 (torch's {@code view_as_real}).
 *
 * <p>Precision: a complex64 result is computed in single precision (FFTW's {@code fftwf_}), complex128 in double.
 * Axis lengths and argument checks are the caller's.
 *
 * <pre>{@code
 * FftKernels k = x.backend().fft();
 * Tensor y = k.c2c(x, new int[] {0, 1}, true, 1.0, DType.COMPLEX128);   // numpy.fft.fft2(x)
 * Tensor r = k.c2r(y, 1, 8, 1.0 / 64, DType.FLOAT64);                    // irfft along axis 1, n = 8
 * }</pre>
 */
public interface FftKernels {
    /**
     * The complex transform of {@code x} over {@code axes} (exponent sign -1 when {@code forward}, +1 otherwise),
     * times {@code scale}. {@code x} may be real (bool, integer, float: converted) or complex; the result has
     * {@code x}'s shape and the complex dtype {@code out}.
     */
    Tensor c2c(Tensor x, int[] axes, boolean forward, double scale, DType out);

    /**
     * The forward transform of real {@code x} over {@code axes} keeping the non-negative frequencies of the LAST of
     * {@code axes} (length n/2+1 there), times {@code scale}; {@code x} is converted to {@code out}'s precision.
     */
    Tensor r2c(Tensor x, int[] axes, double scale, DType out);

    /**
     * The inverse transform along {@code axis} of a Hermitian half spectrum ({@code x.shape(axis) == n/2+1}) to
     * {@code n} real values, times {@code scale}; the imaginary parts of the zero (and, for even n, the Nyquist)
     * frequency are ignored, as numpy's irfft does. {@code out} is FLOAT32 or FLOAT64.
     */
    Tensor c2r(Tensor x, int axis, long n, double scale, DType out);

    /**
     * In place: element (i, j) of the contiguous 2-d complex tensor {@code c} times
     * {@code exp(∓2πi (rowStart+i)(colStart+j) / n)} (minus when {@code forward}): the twiddle factors between the
     * two passes of the four-step FFT.
     */
    void twiddle(Tensor c, long rowStart, long colStart, long n, boolean forward);

    /** In place: every element of the contiguous complex tensor {@code c} conjugated. */
    void conjugate(Tensor c);

    /**
     * A complex tensor's memory seen as a real tensor of shape {@code (..., 2)} (real and imaginary parts; float32
     * for complex64, float64 for complex128): a view, writes go to {@code c}. A tensor over wrapped memory is copied.
     * <pre>{@code FftKernels.viewAsReal(c).select(-1, 0);   // the real parts, a strided view }</pre>
     */
    static Tensor viewAsReal(Tensor c) {
        if (!c.dtype().isComplex()) throw new IllegalArgumentException("viewAsReal needs a complex tensor, got " + c.dtype());
        if (c.storage() == null) c = c.copy();
        int nd = c.ndim();
        long[] shape = new long[nd + 1], strides = new long[nd + 1], s = c.strides();
        System.arraycopy(c.shape(), 0, shape, 0, nd);
        for (int d = 0; d < nd; d++) strides[d] = 2 * s[d];
        shape[nd] = 2;
        strides[nd] = 1;
        DType r = c.dtype() == DType.COMPLEX64 ? DType.FLOAT32 : DType.FLOAT64;
        return Tensor.of(c.backend(), c.storage(), r, shape, strides, 2 * c.offset());
    }

    /**
     * A real tensor of shape {@code (..., 2)} whose last axis has unit stride seen as complex (the inverse of
     * {@link #viewAsReal}): a view.
     * <pre>{@code Tensor c = FftKernels.viewAsComplex(Tensor.zeros(DType.FLOAT64, 4, 2)); }</pre>
     */
    static Tensor viewAsComplex(Tensor r) {
        int nd = r.ndim();
        if (nd == 0 || r.shape(nd - 1) != 2 || r.strides()[nd - 1] != 1 || !r.dtype().isFloat() || r.offset() % 2 != 0) {
            throw new IllegalArgumentException("viewAsComplex needs a float tensor of shape (..., 2) with unit last stride and an even offset");
        }
        if (r.storage() == null) r = r.copy();
        long[] shape = new long[nd - 1], strides = new long[nd - 1], s = r.strides();
        for (int d = 0; d < nd - 1; d++) {
            if (s[d] % 2 != 0 && r.shape(d) > 1) throw new IllegalArgumentException("viewAsComplex: odd stride along axis " + d);
            shape[d] = r.shape(d);
            strides[d] = s[d] / 2;
        }
        DType c = r.dtype() == DType.FLOAT32 ? DType.COMPLEX64 : DType.COMPLEX128;
        return Tensor.of(r.backend(), r.storage(), c, shape, strides, r.offset() / 2);
    }
}
