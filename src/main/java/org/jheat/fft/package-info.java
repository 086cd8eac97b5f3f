/**
 * Distributed discrete Fourier transforms, numpy's {@code np.fft} and Heat's {@code ht.fft}: the static facade
 * {@link org.jheat.fft.FFT} (fft, ifft, fft2, ifft2, fftn, ifftn, rfft, irfft, rfft2, irfft2, rfftn, irfftn, hfft,
 * ihfft, hfft2, ihfft2, hfftn, ihfftn, fftfreq, rfftfreq, fftshift, ifftshift). Local transforms are FFTW 3 calls
 * behind {@link org.jheat.tensor.FftKernels}; the classes here decide where each axis is transformed and move the
 * data between the passes (resplits, the four-step algorithm for 1-d arrays).
 *
 * <pre>{@code
 * import static org.jheat.fft.FFT.*;
 * DNDarray y = fftn(x);                        // keeps x's split
 * DNDarray r = irfft(rfft(signal), (int) signal.gshape()[0], 0, "ortho");
 * }</pre>
 */
package org.jheat.fft;
