/**
 * Local strided N-d tensors and the device seam (the role torch plays in Heat): {@link org.jheat.tensor.Tensor}
 * (views, dtypes and promotion, element access), {@link org.jheat.tensor.Device}, and the
 * {@link org.jheat.tensor.Backend} interface through which everything above this package allocates, copies and
 * computes — {@link org.jheat.tensor.CpuBackend} with its block kernels (strided copy, element-wise, reductions,
 * sort, gather/scatter, binning, convolution), storage accounting and intra-process threads. Another device is one
 * more {@code Backend} plus its {@code natives} binding, registered as a {@link org.jheat.tensor.Backend.Provider}.
 * Local dense linear algebra: the static facade {@link org.jheat.tensor.LocalLinalg} dispatches to the backend's
 * {@link org.jheat.tensor.LinalgKernels} (on the CPU, OpenBLAS/LAPACK through FFM).
 * <pre>{@code
 * Tensor t = Tensor.fromArray(new double[] {1, 2, 3});
 * Backend be = t.backend();                        // CpuBackend
 * Tensor s = be.reduce(Reductions.SUM, false, t, 0, DType.FLOAT64);
 * }</pre>
 */
package org.jheat.tensor;
