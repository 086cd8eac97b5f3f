package org.jheat.tensor;

/**
 * The place of a backend's dense linear algebra: the BLAS/LAPACK-level calls (gemm, gemv, factorisations,
 * solvers …) on local tensors that {@code org.jheat.linalg} and the ML packages build on. Each {@link Backend}
 * returns its implementation from {@link Backend#linalg()} — the CPU's calls OpenBLAS (or MKL/BLIS) through
 * {@code org.jheat.natives}, a GPU backend would call cuBLAS/cuSOLVER — so code above {@code tensor} never names a
 * BLAS library. Methods are added here together with their CPU implementation ({@link CpuLinalg}); every method
 * takes and returns tensors of its backend's device.
 *
 * <pre>{@code
 * LocalLinalg la = a.backend().linalg();
 * }</pre>
 */
public interface LocalLinalg {
}
