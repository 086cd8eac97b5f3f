package org.jheat.tensor;

import org.jheat.tensor.LocalLinalg.Eig;
import org.jheat.tensor.LocalLinalg.Eigh;
import org.jheat.tensor.LocalLinalg.Lstsq;
import org.jheat.tensor.LocalLinalg.Lu;
import org.jheat.tensor.LocalLinalg.QR;
import org.jheat.tensor.LocalLinalg.SVD;
import org.jheat.tensor.LocalLinalg.SlogDet;

/**
 * A backend's dense linear algebra: the BLAS/LAPACK-level calls on local tensors. Each {@link Backend} returns its
 * implementation from {@link Backend#linalg()}: the CPU's ({@link CpuLinalg}) calls OpenBLAS (or MKL/BLIS through
 * {@code JHEAT_BLAS_LIB}) via {@code org.jheat.natives}; a GPU backend would call cuBLAS/cuSOLVER. Code above
 * {@code tensor} calls the static facade {@link LocalLinalg}, which picks the operands' backend, so it never names a
 * BLAS library. The semantics of each method are documented on {@link LocalLinalg}.
 *
 * <pre>{@code
 * LinalgKernels la = a.backend().linalg();
 * Tensor c = la.matmul(a, b);
 * }</pre>
 */
public interface LinalgKernels {
    /** See {@link LocalLinalg#gemm}. */
    void gemm(double alpha, Tensor a, Tensor b, double beta, Tensor c);

    /** See {@link LocalLinalg#gemmBatched}. */
    void gemmBatched(double alpha, Tensor a, Tensor b, double beta, Tensor c);

    /** See {@link LocalLinalg#matmul}. */
    Tensor matmul(Tensor a, Tensor b);

    /** See {@link LocalLinalg#gemv}. */
    void gemv(double alpha, Tensor a, Tensor x, double beta, Tensor y);

    /** See {@link LocalLinalg#dot}. */
    Tensor dot(Tensor a, Tensor b);

    /** See {@link LocalLinalg#syrk}. */
    void syrk(double alpha, Tensor a, boolean trans, double beta, Tensor c, boolean lower);

    /** See {@link LocalLinalg#gram}. */
    Tensor gram(Tensor a);

    /** See {@link LocalLinalg#gramWith}; by default {@link #gram} and one product. */
    default Tensor[] gramWith(Tensor a, Tensor b) {
        Tensor atb = a.newEmpty(a.dtype(), a.shape(1), b.shape(1));
        gemm(1.0, a.transpose(), b, 0.0, atb);
        return new Tensor[] {gram(a), atb};
    }

    /** See {@link LocalLinalg#trsm}. */
    void trsm(boolean left, boolean lower, boolean transA, boolean unitDiagonal, double alpha, Tensor a, Tensor b);

    /** See {@link LocalLinalg#triangularSolve}. */
    Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transA, boolean unitDiagonal);

    /** See {@link LocalLinalg#lu}. */
    Lu lu(Tensor a);

    /** See {@link LocalLinalg#luSolve}. */
    Tensor luSolve(Lu factors, Tensor b);

    /** See {@link LocalLinalg#luSolve}. */
    Tensor luSolve(Lu factors, Tensor b, boolean trans);

    /** See {@link LocalLinalg#solve}. */
    Tensor solve(Tensor a, Tensor b);

    /** See {@link LocalLinalg#inv}. */
    Tensor inv(Tensor a);

    /** See {@link LocalLinalg#slogdet}. */
    SlogDet slogdet(Tensor a);

    /** See {@link LocalLinalg#det}. */
    Tensor det(Tensor a);

    /** See {@link LocalLinalg#cholesky}. */
    Tensor cholesky(Tensor a);

    /** See {@link LocalLinalg#cholesky}. */
    Tensor cholesky(Tensor a, boolean upper);

    /** See {@link LocalLinalg#qr}. */
    QR qr(Tensor a, String mode);

    /** See {@link LocalLinalg#qr}. */
    QR qr(Tensor a);

    /** See {@link LocalLinalg#householder}. */
    LocalLinalg.Householder householder(Tensor a);

    /** See {@link LocalLinalg#svd}. */
    SVD svd(Tensor a, boolean fullMatrices, boolean computeUV);

    /** See {@link LocalLinalg#svd}. */
    SVD svd(Tensor a);

    /** See {@link LocalLinalg#eigh}. */
    Eigh eigh(Tensor a, boolean lower);

    /** See {@link LocalLinalg#eigh}. */
    Eigh eigh(Tensor a);

    /** See {@link LocalLinalg#eig}. */
    Eig eig(Tensor a);

    /** See {@link LocalLinalg#eigvalsh}. */
    Tensor eigvalsh(Tensor a, boolean lower);

    /** See {@link LocalLinalg#lstsq}. */
    Lstsq lstsq(Tensor a, Tensor b);

    /** See {@link LocalLinalg#lstsq}. */
    Lstsq lstsq(Tensor a, Tensor b, double rcond);

    /** See {@link LocalLinalg#lstsqFullRank}. */
    Tensor lstsqFullRank(Tensor a, Tensor b);
}
