package org.jheat.fft;

import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.core.Factories;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Generator;
import org.jheat.tensor.Tensor;

/**
 * Heat's {@code ht.fft} / numpy's {@code np.fft}: discrete Fourier transforms of distributed arrays, with numpy's
 * signatures (n or s to crop or zero-pad, axis or axes, norm "backward" (null), "ortho" or "forward"), plus the
 * frequency helpers and shifts. Local transforms run on FFTW 3 (through the backend's
 * {@link org.jheat.tensor.FftKernels}); Java has no keyword arguments, so each function has overloads from
 * {@code f(x)} to the full form, and null means numpy's default.
 *
 * <p><b>Dtypes.</b> bool, integer and float64 input is transformed in double precision (complex128 results, float64
 * for irfft/hfft); float32 and complex64 stay in single precision (complex64 / float32 results), as in Heat and
 * torch and numpy 2 (numpy 1.x computes everything in double). rfft, ihfft and their 2-d/N-d forms refuse complex
 * input instead of silently dropping the imaginary part.
 *
 * <p><b>Distribution.</b> The result keeps the input's split axis (as Heat's). A transform along axes that do not
 * include the split axis is local. Otherwise the array is resplit (one Alltoallv) to an axis the transform leaves
 * alone (or, when every axis is transformed, after the other axes are done locally, to one of them), transformed,
 * and resplit back: two exchanges, however many axes. A 1-d array split along its only axis uses the four-step
 * algorithm (three exchanges; a prime length gathers the vector). hfft2/hfftn/ihfft2/ihfftn follow scipy.fft
 * (numpy 1.x has no 2-d/N-d Hermitian transforms). Unlike numpy, repeated axes are refused.
 *
 * <pre>{@code
 * import static org.jheat.fft.FFT.*;
 * DNDarray x = Heat.randn(new long[] {1024, 1024}, 0);     // split 0
 * DNDarray y = fft2(x);                                     // complex128, split 0
 * DNDarray back = ifft2(y);                                 // x (as complex)
 * DNDarray f = fftshift(fftfreq(1024, 0.5));
 * }</pre>
 */
public final class FFT {
    private FFT() { }

    /**
     * The one-dimensional discrete Fourier transform (numpy.fft.fft) along the last axis. <pre>{@code DNDarray y = FFT.fft(x);                  // along the last axis }</pre>
     */
    public static DNDarray fft(DNDarray x) { return fft(x, null, -1, null); }

    /** fft cropped or zero-padded to {@code n} points (null: the axis length) along the last axis. <pre>{@code DNDarray y = FFT.fft(x, 8); }</pre> */
    public static DNDarray fft(DNDarray x, Integer n) { return fft(x, n, -1, null); }

    /** fft along {@code axis}. <pre>{@code DNDarray y = FFT.fft(x, null, 0); }</pre> */
    public static DNDarray fft(DNDarray x, Integer n, int axis) { return fft(x, n, axis, null); }

    /**
     * The one-dimensional discrete Fourier transform (numpy.fft.fft): {@code n} points (null: default) along {@code axis}, normalised per {@code norm}
     * ("backward" or null, "ortho", "forward"). The result is complex.
     * <pre>{@code DNDarray y = FFT.fft(x, 16, 0, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: n &lt; 1, axis out of range,
     *         unknown norm, 0-d input
     */
    public static DNDarray fft(DNDarray x, Integer n, int axis, String norm) { return fftImpl(x, n, axis, norm, true, "fft"); }

    /**
     * The one-dimensional inverse discrete Fourier transform (numpy.fft.ifft) along the last axis. <pre>{@code DNDarray x2 = FFT.ifft(FFT.fft(x));       // x again (complex) }</pre>
     */
    public static DNDarray ifft(DNDarray x) { return ifft(x, null, -1, null); }

    /** ifft cropped or zero-padded to {@code n} points (null: the axis length) along the last axis. <pre>{@code DNDarray y = FFT.ifft(x, 8); }</pre> */
    public static DNDarray ifft(DNDarray x, Integer n) { return ifft(x, n, -1, null); }

    /** ifft along {@code axis}. <pre>{@code DNDarray y = FFT.ifft(x, null, 0); }</pre> */
    public static DNDarray ifft(DNDarray x, Integer n, int axis) { return ifft(x, n, axis, null); }

    /**
     * The one-dimensional inverse discrete Fourier transform (numpy.fft.ifft): {@code n} points (null: default) along {@code axis}, normalised per {@code norm}
     * ("backward" or null, "ortho", "forward"). The result is complex.
     * <pre>{@code DNDarray y = FFT.ifft(x, 16, 0, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: n &lt; 1, axis out of range,
     *         unknown norm, 0-d input
     */
    public static DNDarray ifft(DNDarray x, Integer n, int axis, String norm) { return fftImpl(x, n, axis, norm, false, "ifft"); }

    /**
     * The one-dimensional transform of real input, the n/2+1 non-negative frequencies (numpy.fft.rfft) along the last axis. <pre>{@code DNDarray y = FFT.rfft(x, 16, 0, null);    // 9 frequencies }</pre>
     */
    public static DNDarray rfft(DNDarray x) { return rfft(x, null, -1, null); }

    /** rfft cropped or zero-padded to {@code n} points (null: the axis length) along the last axis. <pre>{@code DNDarray y = FFT.rfft(x, 8); }</pre> */
    public static DNDarray rfft(DNDarray x, Integer n) { return rfft(x, n, -1, null); }

    /** rfft along {@code axis}. <pre>{@code DNDarray y = FFT.rfft(x, null, 0); }</pre> */
    public static DNDarray rfft(DNDarray x, Integer n, int axis) { return rfft(x, n, axis, null); }

    /**
     * The one-dimensional transform of real input, the n/2+1 non-negative frequencies (numpy.fft.rfft): {@code n} points (null: default) along {@code axis}, normalised per {@code norm}
     * ("backward" or null, "ortho", "forward"). The result is complex; the input must be real.
     * <pre>{@code DNDarray y = FFT.rfft(x, 16, 0, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: n &lt; 1, axis out of range,
     *         unknown norm, 0-d input, complex input
     */
    public static DNDarray rfft(DNDarray x, Integer n, int axis, String norm) { return rfftImpl(x, n, axis, norm, "rfft"); }

    /**
     * The inverse of rfft: n real values from n/2+1 frequencies (numpy.fft.irfft; n null: 2·(m-1)) along the last axis. <pre>{@code DNDarray x2 = FFT.irfft(FFT.rfft(x), (int) x.gshape()[0], 0, null); }</pre>
     */
    public static DNDarray irfft(DNDarray x) { return irfft(x, null, -1, null); }

    /** irfft cropped or zero-padded to {@code n} points (null: the axis length) along the last axis. <pre>{@code DNDarray y = FFT.irfft(x, 8); }</pre> */
    public static DNDarray irfft(DNDarray x, Integer n) { return irfft(x, n, -1, null); }

    /** irfft along {@code axis}. <pre>{@code DNDarray y = FFT.irfft(x, null, 0); }</pre> */
    public static DNDarray irfft(DNDarray x, Integer n, int axis) { return irfft(x, n, axis, null); }

    /**
     * The inverse of rfft: n real values from n/2+1 frequencies (numpy.fft.irfft; n null: 2·(m-1)): {@code n} points (null: default) along {@code axis}, normalised per {@code norm}
     * ("backward" or null, "ortho", "forward"). The result is real.
     * <pre>{@code DNDarray y = FFT.irfft(x, 16, 0, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: n &lt; 1, axis out of range,
     *         unknown norm, 0-d input
     */
    public static DNDarray irfft(DNDarray x, Integer n, int axis, String norm) { return irfftImpl(x, n, axis, norm, false, "irfft"); }

    /**
     * The transform of a Hermitian-symmetric signal given by its first half: irfft(conj(x)) scaled as a forward transform (numpy.fft.hfft; n null: 2·(m-1)) along the last axis. <pre>{@code DNDarray spectrum = FFT.hfft(halfSignal, 10, 0, null); }</pre>
     */
    public static DNDarray hfft(DNDarray x) { return hfft(x, null, -1, null); }

    /** hfft cropped or zero-padded to {@code n} points (null: the axis length) along the last axis. <pre>{@code DNDarray y = FFT.hfft(x, 8); }</pre> */
    public static DNDarray hfft(DNDarray x, Integer n) { return hfft(x, n, -1, null); }

    /** hfft along {@code axis}. <pre>{@code DNDarray y = FFT.hfft(x, null, 0); }</pre> */
    public static DNDarray hfft(DNDarray x, Integer n, int axis) { return hfft(x, n, axis, null); }

    /**
     * The transform of a Hermitian-symmetric signal given by its first half: irfft(conj(x)) scaled as a forward transform (numpy.fft.hfft; n null: 2·(m-1)): {@code n} points (null: default) along {@code axis}, normalised per {@code norm}
     * ("backward" or null, "ortho", "forward"). The result is real.
     * <pre>{@code DNDarray y = FFT.hfft(x, 16, 0, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: n &lt; 1, axis out of range,
     *         unknown norm, 0-d input
     */
    public static DNDarray hfft(DNDarray x, Integer n, int axis, String norm) { return irfftImpl(x, n, axis, norm, true, "hfft"); }

    /**
     * The inverse of hfft: conj(rfft(x)) scaled as an inverse transform (numpy.fft.ihfft) along the last axis. <pre>{@code DNDarray h = FFT.ihfft(realSignal); }</pre>
     */
    public static DNDarray ihfft(DNDarray x) { return ihfft(x, null, -1, null); }

    /** ihfft cropped or zero-padded to {@code n} points (null: the axis length) along the last axis. <pre>{@code DNDarray y = FFT.ihfft(x, 8); }</pre> */
    public static DNDarray ihfft(DNDarray x, Integer n) { return ihfft(x, n, -1, null); }

    /** ihfft along {@code axis}. <pre>{@code DNDarray y = FFT.ihfft(x, null, 0); }</pre> */
    public static DNDarray ihfft(DNDarray x, Integer n, int axis) { return ihfft(x, n, axis, null); }

    /**
     * The inverse of hfft: conj(rfft(x)) scaled as an inverse transform (numpy.fft.ihfft): {@code n} points (null: default) along {@code axis}, normalised per {@code norm}
     * ("backward" or null, "ortho", "forward"). The result is complex; the input must be real.
     * <pre>{@code DNDarray y = FFT.ihfft(x, 16, 0, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: n &lt; 1, axis out of range,
     *         unknown norm, 0-d input, complex input
     */
    public static DNDarray ihfft(DNDarray x, Integer n, int axis, String norm) { return ihfftImpl(x, n, axis, norm); }

    /** The two-dimensional discrete Fourier transform (numpy.fft.fft2; axes default (-2, -1)) over the last two axes. <pre>{@code DNDarray y = FFT.fft2(x); }</pre> */
    public static DNDarray fft2(DNDarray x) { return fft2(x, null, null, null); }

    /** fft2 with output/input lengths {@code s} (crop or zero-pad; null: the axes' lengths) over the last len(s) axes. <pre>{@code DNDarray y = FFT.fft2(x, new long[] {4, 6}); }</pre> */
    public static DNDarray fft2(DNDarray x, long[] s) { return fft2(x, s, null, null); }

    /** fft2 over {@code axes} (null: default). <pre>{@code DNDarray y = FFT.fft2(x, null, new int[] {0, 1}); }</pre> */
    public static DNDarray fft2(DNDarray x, long[] s, int[] axes) { return fft2(x, s, axes, null); }

    /**
     * The two-dimensional discrete Fourier transform (numpy.fft.fft2; axes default (-2, -1)), with lengths {@code s}, {@code axes} and {@code norm} ("backward" or null, "ortho",
     * "forward"). <pre>{@code DNDarray y = FFT.fft2(x, null, null, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: an entry of s &lt; 1, repeated or
     *         out-of-range axes, len(s) != len(axes), unknown norm, too few dimensions
     */
    public static DNDarray fft2(DNDarray x, long[] s, int[] axes, String norm) { return nd(x, s, axes, norm, 2, true, "fft2"); }

    /** The two-dimensional inverse transform (numpy.fft.ifft2) over the last two axes. <pre>{@code DNDarray x2 = FFT.ifft2(FFT.fft2(x)); }</pre> */
    public static DNDarray ifft2(DNDarray x) { return ifft2(x, null, null, null); }

    /** ifft2 with output/input lengths {@code s} (crop or zero-pad; null: the axes' lengths) over the last len(s) axes. <pre>{@code DNDarray y = FFT.ifft2(x, new long[] {4, 6}); }</pre> */
    public static DNDarray ifft2(DNDarray x, long[] s) { return ifft2(x, s, null, null); }

    /** ifft2 over {@code axes} (null: default). <pre>{@code DNDarray y = FFT.ifft2(x, null, new int[] {0, 1}); }</pre> */
    public static DNDarray ifft2(DNDarray x, long[] s, int[] axes) { return ifft2(x, s, axes, null); }

    /**
     * The two-dimensional inverse transform (numpy.fft.ifft2), with lengths {@code s}, {@code axes} and {@code norm} ("backward" or null, "ortho",
     * "forward"). <pre>{@code DNDarray y = FFT.ifft2(x, null, null, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: an entry of s &lt; 1, repeated or
     *         out-of-range axes, len(s) != len(axes), unknown norm, too few dimensions
     */
    public static DNDarray ifft2(DNDarray x, long[] s, int[] axes, String norm) { return nd(x, s, axes, norm, 2, false, "ifft2"); }

    /** The N-dimensional discrete Fourier transform (numpy.fft.fftn; axes default: the last len(s) axes, or all) over all axes. <pre>{@code DNDarray y = FFT.fftn(x, new long[] {8, 8}, new int[] {0, 2}, "ortho"); }</pre> */
    public static DNDarray fftn(DNDarray x) { return fftn(x, null, null, null); }

    /** fftn with output/input lengths {@code s} (crop or zero-pad; null: the axes' lengths) over the last len(s) axes. <pre>{@code DNDarray y = FFT.fftn(x, new long[] {4, 6}); }</pre> */
    public static DNDarray fftn(DNDarray x, long[] s) { return fftn(x, s, null, null); }

    /** fftn over {@code axes} (null: default). <pre>{@code DNDarray y = FFT.fftn(x, null, new int[] {0, 1}); }</pre> */
    public static DNDarray fftn(DNDarray x, long[] s, int[] axes) { return fftn(x, s, axes, null); }

    /**
     * The N-dimensional discrete Fourier transform (numpy.fft.fftn; axes default: the last len(s) axes, or all), with lengths {@code s}, {@code axes} and {@code norm} ("backward" or null, "ortho",
     * "forward"). <pre>{@code DNDarray y = FFT.fftn(x, null, null, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: an entry of s &lt; 1, repeated or
     *         out-of-range axes, len(s) != len(axes), unknown norm, too few dimensions
     */
    public static DNDarray fftn(DNDarray x, long[] s, int[] axes, String norm) { return nd(x, s, axes, norm, 0, true, "fftn"); }

    /** The N-dimensional inverse transform (numpy.fft.ifftn) over all axes. <pre>{@code DNDarray x2 = FFT.ifftn(FFT.fftn(x)); }</pre> */
    public static DNDarray ifftn(DNDarray x) { return ifftn(x, null, null, null); }

    /** ifftn with output/input lengths {@code s} (crop or zero-pad; null: the axes' lengths) over the last len(s) axes. <pre>{@code DNDarray y = FFT.ifftn(x, new long[] {4, 6}); }</pre> */
    public static DNDarray ifftn(DNDarray x, long[] s) { return ifftn(x, s, null, null); }

    /** ifftn over {@code axes} (null: default). <pre>{@code DNDarray y = FFT.ifftn(x, null, new int[] {0, 1}); }</pre> */
    public static DNDarray ifftn(DNDarray x, long[] s, int[] axes) { return ifftn(x, s, axes, null); }

    /**
     * The N-dimensional inverse transform (numpy.fft.ifftn), with lengths {@code s}, {@code axes} and {@code norm} ("backward" or null, "ortho",
     * "forward"). <pre>{@code DNDarray y = FFT.ifftn(x, null, null, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: an entry of s &lt; 1, repeated or
     *         out-of-range axes, len(s) != len(axes), unknown norm, too few dimensions
     */
    public static DNDarray ifftn(DNDarray x, long[] s, int[] axes, String norm) { return nd(x, s, axes, norm, 0, false, "ifftn"); }

    /** The two-dimensional transform of real input, the last axis halved (numpy.fft.rfft2) over the last two axes. <pre>{@code DNDarray y = FFT.rfft2(x); }</pre> */
    public static DNDarray rfft2(DNDarray x) { return rfft2(x, null, null, null); }

    /** rfft2 with output/input lengths {@code s} (crop or zero-pad; null: the axes' lengths) over the last len(s) axes. <pre>{@code DNDarray y = FFT.rfft2(x, new long[] {4, 6}); }</pre> */
    public static DNDarray rfft2(DNDarray x, long[] s) { return rfft2(x, s, null, null); }

    /** rfft2 over {@code axes} (null: default). <pre>{@code DNDarray y = FFT.rfft2(x, null, new int[] {0, 1}); }</pre> */
    public static DNDarray rfft2(DNDarray x, long[] s, int[] axes) { return rfft2(x, s, axes, null); }

    /**
     * The two-dimensional transform of real input, the last axis halved (numpy.fft.rfft2), with lengths {@code s}, {@code axes} and {@code norm} ("backward" or null, "ortho",
     * "forward"). <pre>{@code DNDarray y = FFT.rfft2(x, null, null, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: an entry of s &lt; 1, repeated or
     *         out-of-range axes, len(s) != len(axes), unknown norm, too few dimensions
     */
    public static DNDarray rfft2(DNDarray x, long[] s, int[] axes, String norm) { return rnd(x, s, axes, norm, 2, "rfft2"); }

    /** The inverse of rfft2 (numpy.fft.irfft2; the last output length defaults to 2·(m-1)) over the last two axes. <pre>{@code DNDarray x2 = FFT.irfft2(FFT.rfft2(x), x.gshape(), null, null); }</pre> */
    public static DNDarray irfft2(DNDarray x) { return irfft2(x, null, null, null); }

    /** irfft2 with output/input lengths {@code s} (crop or zero-pad; null: the axes' lengths) over the last len(s) axes. <pre>{@code DNDarray y = FFT.irfft2(x, new long[] {4, 6}); }</pre> */
    public static DNDarray irfft2(DNDarray x, long[] s) { return irfft2(x, s, null, null); }

    /** irfft2 over {@code axes} (null: default). <pre>{@code DNDarray y = FFT.irfft2(x, null, new int[] {0, 1}); }</pre> */
    public static DNDarray irfft2(DNDarray x, long[] s, int[] axes) { return irfft2(x, s, axes, null); }

    /**
     * The inverse of rfft2 (numpy.fft.irfft2; the last output length defaults to 2·(m-1)), with lengths {@code s}, {@code axes} and {@code norm} ("backward" or null, "ortho",
     * "forward"). <pre>{@code DNDarray y = FFT.irfft2(x, null, null, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: an entry of s &lt; 1, repeated or
     *         out-of-range axes, len(s) != len(axes), unknown norm, too few dimensions
     */
    public static DNDarray irfft2(DNDarray x, long[] s, int[] axes, String norm) { return irnd(x, s, axes, norm, 2, false, "irfft2"); }

    /** The N-dimensional transform of real input, the last transformed axis halved (numpy.fft.rfftn) over all axes. <pre>{@code DNDarray y = FFT.rfftn(x); }</pre> */
    public static DNDarray rfftn(DNDarray x) { return rfftn(x, null, null, null); }

    /** rfftn with output/input lengths {@code s} (crop or zero-pad; null: the axes' lengths) over the last len(s) axes. <pre>{@code DNDarray y = FFT.rfftn(x, new long[] {4, 6}); }</pre> */
    public static DNDarray rfftn(DNDarray x, long[] s) { return rfftn(x, s, null, null); }

    /** rfftn over {@code axes} (null: default). <pre>{@code DNDarray y = FFT.rfftn(x, null, new int[] {0, 1}); }</pre> */
    public static DNDarray rfftn(DNDarray x, long[] s, int[] axes) { return rfftn(x, s, axes, null); }

    /**
     * The N-dimensional transform of real input, the last transformed axis halved (numpy.fft.rfftn), with lengths {@code s}, {@code axes} and {@code norm} ("backward" or null, "ortho",
     * "forward"). <pre>{@code DNDarray y = FFT.rfftn(x, null, null, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: an entry of s &lt; 1, repeated or
     *         out-of-range axes, len(s) != len(axes), unknown norm, too few dimensions
     */
    public static DNDarray rfftn(DNDarray x, long[] s, int[] axes, String norm) { return rnd(x, s, axes, norm, 0, "rfftn"); }

    /** The inverse of rfftn (numpy.fft.irfftn) over all axes. <pre>{@code DNDarray x2 = FFT.irfftn(FFT.rfftn(x), x.gshape(), null, null); }</pre> */
    public static DNDarray irfftn(DNDarray x) { return irfftn(x, null, null, null); }

    /** irfftn with output/input lengths {@code s} (crop or zero-pad; null: the axes' lengths) over the last len(s) axes. <pre>{@code DNDarray y = FFT.irfftn(x, new long[] {4, 6}); }</pre> */
    public static DNDarray irfftn(DNDarray x, long[] s) { return irfftn(x, s, null, null); }

    /** irfftn over {@code axes} (null: default). <pre>{@code DNDarray y = FFT.irfftn(x, null, new int[] {0, 1}); }</pre> */
    public static DNDarray irfftn(DNDarray x, long[] s, int[] axes) { return irfftn(x, s, axes, null); }

    /**
     * The inverse of rfftn (numpy.fft.irfftn), with lengths {@code s}, {@code axes} and {@code norm} ("backward" or null, "ortho",
     * "forward"). <pre>{@code DNDarray y = FFT.irfftn(x, null, null, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: an entry of s &lt; 1, repeated or
     *         out-of-range axes, len(s) != len(axes), unknown norm, too few dimensions
     */
    public static DNDarray irfftn(DNDarray x, long[] s, int[] axes, String norm) { return irnd(x, s, axes, norm, 0, false, "irfftn"); }

    /** The two-dimensional transform of a Hermitian-symmetric input given by its half along the last axis: irfft2(conj(x)) scaled as a forward transform (scipy.fft.hfft2, Heat's hfft2) over the last two axes. <pre>{@code DNDarray y = FFT.hfft2(x); }</pre> */
    public static DNDarray hfft2(DNDarray x) { return hfft2(x, null, null, null); }

    /** hfft2 with output/input lengths {@code s} (crop or zero-pad; null: the axes' lengths) over the last len(s) axes. <pre>{@code DNDarray y = FFT.hfft2(x, new long[] {4, 6}); }</pre> */
    public static DNDarray hfft2(DNDarray x, long[] s) { return hfft2(x, s, null, null); }

    /** hfft2 over {@code axes} (null: default). <pre>{@code DNDarray y = FFT.hfft2(x, null, new int[] {0, 1}); }</pre> */
    public static DNDarray hfft2(DNDarray x, long[] s, int[] axes) { return hfft2(x, s, axes, null); }

    /**
     * The two-dimensional transform of a Hermitian-symmetric input given by its half along the last axis: irfft2(conj(x)) scaled as a forward transform (scipy.fft.hfft2, Heat's hfft2), with lengths {@code s}, {@code axes} and {@code norm} ("backward" or null, "ortho",
     * "forward"). <pre>{@code DNDarray y = FFT.hfft2(x, null, null, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: an entry of s &lt; 1, repeated or
     *         out-of-range axes, len(s) != len(axes), unknown norm, too few dimensions
     */
    public static DNDarray hfft2(DNDarray x, long[] s, int[] axes, String norm) { return irnd(x, s, axes, norm, 2, true, "hfft2"); }

    /** The inverse of hfft2: conj(rfft2(x)) scaled as an inverse transform (scipy.fft.ihfft2) over the last two axes. <pre>{@code DNDarray h = FFT.ihfft2(x); }</pre> */
    public static DNDarray ihfft2(DNDarray x) { return ihfft2(x, null, null, null); }

    /** ihfft2 with output/input lengths {@code s} (crop or zero-pad; null: the axes' lengths) over the last len(s) axes. <pre>{@code DNDarray y = FFT.ihfft2(x, new long[] {4, 6}); }</pre> */
    public static DNDarray ihfft2(DNDarray x, long[] s) { return ihfft2(x, s, null, null); }

    /** ihfft2 over {@code axes} (null: default). <pre>{@code DNDarray y = FFT.ihfft2(x, null, new int[] {0, 1}); }</pre> */
    public static DNDarray ihfft2(DNDarray x, long[] s, int[] axes) { return ihfft2(x, s, axes, null); }

    /**
     * The inverse of hfft2: conj(rfft2(x)) scaled as an inverse transform (scipy.fft.ihfft2), with lengths {@code s}, {@code axes} and {@code norm} ("backward" or null, "ortho",
     * "forward"). <pre>{@code DNDarray y = FFT.ihfft2(x, null, null, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: an entry of s &lt; 1, repeated or
     *         out-of-range axes, len(s) != len(axes), unknown norm, too few dimensions
     */
    public static DNDarray ihfft2(DNDarray x, long[] s, int[] axes, String norm) { return ihnd(x, s, axes, norm, 2, "ihfft2"); }

    /** The N-dimensional hfft: irfftn(conj(x)) scaled as a forward transform (scipy.fft.hfftn, Heat's hfftn) over all axes. <pre>{@code DNDarray y = FFT.hfftn(x); }</pre> */
    public static DNDarray hfftn(DNDarray x) { return hfftn(x, null, null, null); }

    /** hfftn with output/input lengths {@code s} (crop or zero-pad; null: the axes' lengths) over the last len(s) axes. <pre>{@code DNDarray y = FFT.hfftn(x, new long[] {4, 6}); }</pre> */
    public static DNDarray hfftn(DNDarray x, long[] s) { return hfftn(x, s, null, null); }

    /** hfftn over {@code axes} (null: default). <pre>{@code DNDarray y = FFT.hfftn(x, null, new int[] {0, 1}); }</pre> */
    public static DNDarray hfftn(DNDarray x, long[] s, int[] axes) { return hfftn(x, s, axes, null); }

    /**
     * The N-dimensional hfft: irfftn(conj(x)) scaled as a forward transform (scipy.fft.hfftn, Heat's hfftn), with lengths {@code s}, {@code axes} and {@code norm} ("backward" or null, "ortho",
     * "forward"). <pre>{@code DNDarray y = FFT.hfftn(x, null, null, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: an entry of s &lt; 1, repeated or
     *         out-of-range axes, len(s) != len(axes), unknown norm, too few dimensions
     */
    public static DNDarray hfftn(DNDarray x, long[] s, int[] axes, String norm) { return irnd(x, s, axes, norm, 0, true, "hfftn"); }

    /** The inverse of hfftn: conj(rfftn(x)) scaled as an inverse transform (scipy.fft.ihfftn) over all axes. <pre>{@code DNDarray h = FFT.ihfftn(x); }</pre> */
    public static DNDarray ihfftn(DNDarray x) { return ihfftn(x, null, null, null); }

    /** ihfftn with output/input lengths {@code s} (crop or zero-pad; null: the axes' lengths) over the last len(s) axes. <pre>{@code DNDarray y = FFT.ihfftn(x, new long[] {4, 6}); }</pre> */
    public static DNDarray ihfftn(DNDarray x, long[] s) { return ihfftn(x, s, null, null); }

    /** ihfftn over {@code axes} (null: default). <pre>{@code DNDarray y = FFT.ihfftn(x, null, new int[] {0, 1}); }</pre> */
    public static DNDarray ihfftn(DNDarray x, long[] s, int[] axes) { return ihfftn(x, s, axes, null); }

    /**
     * The inverse of hfftn: conj(rfftn(x)) scaled as an inverse transform (scipy.fft.ihfftn), with lengths {@code s}, {@code axes} and {@code norm} ("backward" or null, "ortho",
     * "forward"). <pre>{@code DNDarray y = FFT.ihfftn(x, null, null, "ortho"); }</pre>
     *
     * @throws IllegalArgumentException on every process before any communication: an entry of s &lt; 1, repeated or
     *         out-of-range axes, len(s) != len(axes), unknown norm, too few dimensions
     */
    public static DNDarray ihfftn(DNDarray x, long[] s, int[] axes, String norm) { return ihnd(x, s, axes, norm, 0, "ihfftn"); }

    // ------------------------------------------------------------------------------------------- frequencies

    /** The sample frequencies of an n-point transform with unit spacing (numpy.fft.fftfreq). <pre>{@code DNDarray f = FFT.fftfreq(8); }</pre> */
    public static DNDarray fftfreq(long n) { return fftfreq(n, 1.0, null, null, null); }

    /** fftfreq with sample spacing {@code d}. <pre>{@code DNDarray f = FFT.fftfreq(8, 0.1); }</pre> */
    public static DNDarray fftfreq(long n, double d) { return fftfreq(n, d, null, null, null); }

    /**
     * The sample frequencies [0, 1, …, ⌈n/2⌉-1, -⌊n/2⌋, …, -1] / (d·n) as {@code dtype} (null: float64), split along
     * {@code split} (null: replicated), on {@code device} (null: the default device).
     * <pre>{@code DNDarray f = FFT.fftfreq(1000, 1e-3, DType.FLOAT32, 0, null); }</pre>
     *
     * @throws IllegalArgumentException for n &lt; 1 or a non-float dtype
     */
    public static DNDarray fftfreq(long n, double d, DType dtype, Integer split, Device device) {
        return frequencies(n, d, dtype, split, device, false);
    }

    /** The non-negative sample frequencies of an n-point rfft (numpy.fft.rfftfreq). <pre>{@code DNDarray f = FFT.rfftfreq(8); }</pre> */
    public static DNDarray rfftfreq(long n) { return rfftfreq(n, 1.0, null, null, null); }

    /** rfftfreq with sample spacing {@code d}. <pre>{@code DNDarray f = FFT.rfftfreq(8, 0.1); }</pre> */
    public static DNDarray rfftfreq(long n, double d) { return rfftfreq(n, d, null, null, null); }

    /**
     * [0, 1, …, ⌊n/2⌋] / (d·n) as {@code dtype} (null: float64), split along {@code split}, on {@code device}.
     * <pre>{@code DNDarray f = FFT.rfftfreq(1000, 1e-3, null, 0, null); }</pre>
     *
     * @throws IllegalArgumentException for n &lt; 1 or a non-float dtype
     */
    public static DNDarray rfftfreq(long n, double d, DType dtype, Integer split, Device device) {
        return frequencies(n, d, dtype, split, device, true);
    }

    private static DNDarray frequencies(long n, double d, DType dtype, Integer split, Device device, boolean real) {
        String op = real ? "rfftfreq" : "fftfreq";
        Transforms.positive(n, op, "(n)");
        DType t = dtype == null ? DType.FLOAT64 : dtype;
        if (!t.isFloat()) throw new IllegalArgumentException(op + ": dtype must be float32 or float64, got " + t);
        long len = real ? n / 2 + 1 : n;
        DNDarray f = Factories.empty(new long[] {len}, t, split, device == null ? Device.defaultDevice() : device);
        long start = f.split() == null ? 0 : Distribution.start(len, f.comm().size(), f.comm().rank());
        double val = 1.0 / (n * d);
        long half = (n - 1) / 2 + 1;   // numpy: the first N = (n-1)//2 + 1 entries are non-negative
        Tensor l = f.larray();
        l.backend().generate(new Generator() {
            @Override
            public void doubles(long row, long col, double[] out, int m) {
                for (int i = 0; i < m; i++) {
                    long k = start + col + i;
                    out[i] = (real || k < half ? k : k - n) * val;
                }
            }
        }, false, l);
        return f;
    }

    // ------------------------------------------------------------------------------------------- shifts

    /** The zero frequency moved to the centre of every axis (numpy.fft.fftshift). <pre>{@code DNDarray c = FFT.fftshift(FFT.fftfreq(8)); }</pre> */
    public static DNDarray fftshift(DNDarray x) { return shift(x, null, false); }

    /**
     * The zero frequency moved to the centre of {@code axes}: a roll by ⌊len/2⌋ along each.
     * <pre>{@code DNDarray c = FFT.fftshift(y, 0, 1); }</pre>
     *
     * @throws IllegalArgumentException for axes out of range
     */
    public static DNDarray fftshift(DNDarray x, int... axes) { return shift(x, axes, false); }

    /** The inverse of fftshift over every axis (numpy.fft.ifftshift). <pre>{@code DNDarray y = FFT.ifftshift(FFT.fftshift(x)); }</pre> */
    public static DNDarray ifftshift(DNDarray x) { return shift(x, null, true); }

    /**
     * The inverse of fftshift over {@code axes}: a roll by -⌊len/2⌋ along each.
     * <pre>{@code DNDarray y = FFT.ifftshift(c, 0); }</pre>
     *
     * @throws IllegalArgumentException for axes out of range
     */
    public static DNDarray ifftshift(DNDarray x, int... axes) { return shift(x, axes, true); }

    private static DNDarray shift(DNDarray x, int[] axes, boolean inverse) {
        String op = inverse ? "ifftshift" : "fftshift";
        if (x == null) throw new IllegalArgumentException(op + ": the array must not be null");
        int nd = x.ndim();
        int[] ax = axes;
        if (ax == null) {
            ax = new int[nd];
            for (int i = 0; i < nd; i++) ax[i] = i;
        }
        if (ax.length == 0) return x.copy();
        long[] g = x.gshape(), sh = new long[ax.length];
        int[] norm = new int[ax.length];
        for (int i = 0; i < ax.length; i++) {
            norm[i] = org.jheat.tensor.Shapes.normalizeAxis(ax[i], nd, op + ": axes[" + i + "]");
            sh[i] = inverse ? -(g[norm[i]] / 2) : g[norm[i]] / 2;
        }
        return Transforms.roll(x, sh, norm);
    }

    // ------------------------------------------------------------------------------------------- implementations

    private static DNDarray fftImpl(DNDarray x, Integer n, int axis, String norm, boolean forward, String op) {
        int a = Transforms.axis(x, axis, op);
        String nm = Transforms.norm(norm, op);
        long len = Transforms.positive(n != null ? n : x.gshape()[a], op, "along axis " + a);
        return Transforms.c2c(x, new int[] {a}, new long[] {len}, forward, nm);
    }

    private static DNDarray rfftImpl(DNDarray x, Integer n, int axis, String norm, String op) {
        int a = Transforms.axis(x, axis, op);
        String nm = Transforms.norm(norm, op);
        long len = Transforms.positive(n != null ? n : x.gshape()[a], op, "along axis " + a);
        return Transforms.r2c(x, new int[] {a}, new long[] {len}, nm, op);
    }

    private static DNDarray irfftImpl(DNDarray x, Integer n, int axis, String norm, boolean hermitian, String op) {
        int a = Transforms.axis(x, axis, op);
        String nm = Transforms.norm(norm, op);
        long len = Transforms.positive(n != null ? n : 2 * (x.gshape()[a] - 1), op, n != null ? "(n)" : "(the default 2*(m-1) of an axis of length " + x.gshape()[a] + ")");
        if (!hermitian) return Transforms.c2r(x, new int[] {a}, new long[] {len}, nm);
        DNDarray c = Transforms.conj(x, Transforms.complexOf(x.dtype()));
        DNDarray r = Transforms.c2r(c, new int[] {a}, new long[] {len}, Transforms.swap(nm));
        c.larray().free();
        return r;
    }

    private static DNDarray ihfftImpl(DNDarray x, Integer n, int axis, String norm) {
        int a = Transforms.axis(x, axis, "ihfft");
        String nm = Transforms.norm(norm, "ihfft");
        long len = Transforms.positive(n != null ? n : x.gshape()[a], "ihfft", "along axis " + a);
        return Transforms.conjInPlace(Transforms.r2c(x, new int[] {a}, new long[] {len}, Transforms.swap(nm), "ihfft"));
    }

    private static DNDarray nd(DNDarray x, long[] s, int[] axes, String norm, int rank, boolean forward, String op) {
        int[] ax = Transforms.axes(x, s, axes, rank, op);
        String nm = Transforms.norm(norm, op);
        return Transforms.c2c(x, ax, Transforms.lengths(x, s, ax, op), forward, nm);
    }

    private static DNDarray rnd(DNDarray x, long[] s, int[] axes, String norm, int rank, String op) {
        int[] ax = Transforms.axes(x, s, axes, rank, op);
        String nm = Transforms.norm(norm, op);
        return Transforms.r2c(x, ax, Transforms.lengths(x, s, ax, op), nm, op);
    }

    private static DNDarray ihnd(DNDarray x, long[] s, int[] axes, String norm, int rank, String op) {
        int[] ax = Transforms.axes(x, s, axes, rank, op);
        String nm = Transforms.norm(norm, op);
        return Transforms.conjInPlace(Transforms.r2c(x, ax, Transforms.lengths(x, s, ax, op), Transforms.swap(nm), op));
    }

    private static DNDarray irnd(DNDarray x, long[] s, int[] axes, String norm, int rank, boolean hermitian, String op) {
        int[] ax = Transforms.axes(x, s, axes, rank, op);
        String nm = Transforms.norm(norm, op);
        long[] n;
        if (s != null) {
            n = Transforms.lengths(x, s, ax, op);
        } else {
            long[] g = x.gshape();
            n = new long[ax.length];
            for (int i = 0; i < ax.length; i++) n[i] = g[ax[i]];
            n[ax.length - 1] = 2 * (g[ax[ax.length - 1]] - 1);
            for (int i = 0; i < ax.length; i++) Transforms.positive(n[i], op, "along axis " + ax[i]);
        }
        if (!hermitian) return Transforms.c2r(x, ax, n, nm);
        DNDarray c = Transforms.conj(x, Transforms.complexOf(x.dtype()));
        DNDarray r = Transforms.c2r(c, ax, n, Transforms.swap(nm));
        c.larray().free();
        return r;
    }
}
