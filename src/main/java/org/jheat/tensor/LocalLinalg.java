package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Dense linear algebra on local tensors, run by the operands' backend ({@link Backend#linalg()}; on the CPU
 * OpenBLAS/LAPACK through FFM): BLAS for float32/float64 products, a cache-blocked Java kernel for integer
 * and bool products (numpy supports them, BLAS does not), LAPACK for factorisations and solvers. The local kernels
 * under the distributed linear algebra, and numpy's {@code matmul}/{@code linalg} on one process.
 *
 * <p>Strided and transposed views go to BLAS as they are, with the matching transpose flag and leading dimension;
 * an operand is copied only when no BLAS layout describes it (non-unit strides in both axes, negative or zero
 * strides, on-heap memory). LAPACK overwrites its input, so those routines always work on a private copy: the
 * caller's tensors are never modified (except the output of the in-place BLAS calls {@link #gemm}, {@link #gemv},
 * {@link #syrk}, {@link #trsm}). OpenBLAS runs with the process's thread budget (Parallel.threads()).
 *
 * <pre>{@code
 * Tensor a = Tensor.fromArray(new double[][] {{1, 2}, {3, 4}});
 * Tensor c = LocalLinalg.matmul(a, a.transpose());   // BLAS with a transpose flag, no copy
 * Tensor big = Tensor.zeros(DType.FLOAT64, 2, 6);
 * LocalLinalg.gemm(1.0, a, a, 0.0, big.narrow(1, 2, 2));   // into a column block of a larger matrix
 * }</pre>
 */
public final class LocalLinalg {
    private LocalLinalg() { }

    /**
     * LU factorisation with partial pivoting (LAPACK {@code getrf}) in scipy's {@code lu_factor} form.
     *
     * @param lu L below the diagonal (unit diagonal implied) and U on and above it, (m, n)
     * @param pivots int64 (min(m, n),): row i was interchanged with row {@code pivots[i]} (0-based)
     */
    public record Lu(Tensor lu, Tensor pivots) { }

    /**
     * numpy's {@code linalg.slogdet}: sign and natural log of |det| of a (..., n, n) stack, from the LU factorisation;
     * a singular matrix gives sign 0 and log -inf.
     *
     * @param sign +1, -1 or 0, shaped like the stack
     * @param logabsdet log|det|
     */
    public record SlogDet(Tensor sign, Tensor logabsdet) { }

    /**
     * A QR factorisation.
     *
     * @param q orthonormal columns, (m, k) for "reduced", (m, m) for "complete"; null for mode "r"
     * @param r upper triangular, (k, n) ("reduced", "r") or (m, n) ("complete"); k = min(m, n)
     */
    public record QR(Tensor q, Tensor r) { }

    /**
     * A Householder QR in compact WY form: A = Q·[R; 0] with Q = I − V·T·Vᴴ (m×m).
     *
     * @param v the reflectors, (m, k): unit lower trapezoidal (ones on the diagonal, zeros above)
     * @param t upper triangular, (k, k)
     * @param r upper triangular, (k, n); k = min(m, n)
     */
    public record Householder(Tensor v, Tensor t, Tensor r) { }

    /**
     * A singular value decomposition A = U·diag(S)·Vh.
     *
     * @param u left singular vectors as columns, (m, m) full or (m, k) reduced; null when not computed
     * @param s singular values, descending, (k,) with k = min(m, n)
     * @param vh right singular vectors as rows, (n, n) full or (k, n) reduced; null when not computed
     */
    public record SVD(Tensor u, Tensor s, Tensor vh) { }

    /**
     * Eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix.
     *
     * @param eigenvalues (..., n)
     * @param eigenvectors (..., n, n), column i for eigenvalue i; null from {@link #eigvalsh}
     */
    public record Eigh(Tensor eigenvalues, Tensor eigenvectors) { }

    /**
     * Eigenvalues and right eigenvectors of a general real square matrix, split into real and imaginary parts
     * (jheat's tensors have no complex arithmetic yet): eigenvalue j is {@code valuesReal[j] + i·valuesImag[j]} and
     * its eigenvector column j of {@code vectorsReal + i·vectorsImag}, normalised like numpy's {@code linalg.eig}
     * (unit Euclidean norm, largest component real). Complex eigenvalues come in conjugate pairs, positive
     * imaginary part first, as LAPACK returns them.
     *
     * @param valuesReal (n,)
     * @param valuesImag (n,)
     * @param vectorsReal (n, n)
     * @param vectorsImag (n, n)
     */
    public record Eig(Tensor valuesReal, Tensor valuesImag, Tensor vectorsReal, Tensor vectorsImag) { }

    /**
     * A least-squares solution, numpy's {@code lstsq} result.
     *
     * @param x the minimum-norm solution, (n,) or (n, k)
     * @param residuals squared 2-norms of the columns of b - a·x, (k,) ((1,) for a 1-D b); empty when rank < n or m <= n
     * @param rank effective rank of a
     * @param singularValues singular values of a, descending, (min(m, n),)
     */
    public record Lstsq(Tensor x, Tensor residuals, long rank, Tensor singularValues) { }

    /**
     * {@code C = alpha·A·B + beta·C} for 2-D tensors of any strides; {@code c} is updated in place and may be a view
     * (a column block of a larger matrix, a transposed view …). float32/float64 go to BLAS ({@code a} and {@code b}
     * are converted to c's dtype when they differ); integer dtypes use a blocked Java kernel with numpy's wrap-around;
     * for bool, the product is the logical or of ands and alpha, beta must be 0 or 1. With {@code beta == 0} c's old
     * values are not read (NaN in c does not propagate), as in BLAS.
     * <pre>{@code gemm(1.0, a, b, 0.0, c); }</pre>
     *
     * @throws IllegalArgumentException for non-2-D operands, mismatched shapes, complex dtypes, or non-integral
     *         alpha/beta with an integer c
     */
    public static void gemm(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        Backend.of(a, b, c).linalg().gemm(alpha, a, b, beta, c);
    }

    /**
     * {@link #gemm} for stacks of matrices: a (…, n, k), b (…, k, m), c (batch…, n, m), the batch axes of a and b
     * broadcasting to c's. One gemm per matrix of c, or a single call when b is one matrix and the rows of a and c
     * fold into one (both contiguous). 2-D operands are one {@link #gemm}.
     * <pre>{@code gemmBatched(1.0, a, b, 0.0, c);   // a (8, n, k), b (k, m), c (8, n, m) }</pre>
     */
    public static void gemmBatched(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        Backend.of(a, b, c).linalg().gemmBatched(alpha, a, b, beta, c);
    }

    /**
     * numpy's {@code matmul}: matrix products of the last two axes, batch axes broadcast; a 1-D first operand is a
     * row vector and a 1-D second operand a column vector, the added axis removed from the result. The result dtype
     * is numpy's result type of the two (bool·bool is bool: or of ands; integers wrap around).
     * <pre>{@code
     * Tensor y = matmul(x, w);                 // (n, k)·(k, m)
     * Tensor z = matmul(batchOfMats, vector);  // (b, n, k)·(k,) -> (b, n)
     * }</pre>
     *
     * @throws IllegalArgumentException for 0-d operands, mismatched inner extents or batch axes that do not
     *         broadcast; the message names both shapes
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        return Backend.of(a, b).linalg().matmul(a, b);
    }

    /**
     * {@code y = alpha·A·x + beta·y} in place: a (m, n), x (n,), y (m,), any strides (negative ones too; zero strides
     * and views BLAS cannot describe are copied). float32/float64 through BLAS, a and x converted to y's dtype;
     * integer and bool y through the blocked Java kernel.
     * <pre>{@code gemv(1.0, a, x, 0.0, y); }</pre>
     */
    public static void gemv(double alpha, Tensor a, Tensor x, double beta, Tensor y) {
        Backend.of(a, x, y).linalg().gemv(alpha, a, x, beta, y);
    }

    /**
     * numpy's {@code dot}: inner product of 1-D arrays (a 0-d result), matrix product of 2-D ones, product with a
     * scalar for 0-d operands, and for N-D the sum over the last axis of a and the second-to-last of b (result shape
     * {@code a.shape[:-1] + b.shape[:-2] + b.shape[-1:]}). Result dtype: numpy's result type.
     * <pre>{@code double d = dot(x, y).getDouble(); }</pre>
     *
     * @throws IllegalArgumentException when the summed axes differ in length (both shapes named)
     */
    public static Tensor dot(Tensor a, Tensor b) {
        return Backend.of(a, b).linalg().dot(a, b);
    }

    // ------------------------------------------------------------------------------------------- complex helpers
    // small host-side helpers the distributed factorisations need for complex matrices (R factors are k × n)

    /**
     * The complex conjugate of {@code t} as a new contiguous tensor on its device (a copy for real types).
     * <pre>{@code Tensor qh = LocalLinalg.conj(q).transpose();   // Qᴴ }</pre>
     */
    public static Tensor conj(Tensor t) {
        Tensor h = t.device().isCpu() ? t.copy() : t.to(Device.CPU).contiguous();
        if (t.dtype().isComplex()) CpuLinalg.conjugateInPlace(h);
        return h.to(t.device());
    }

    /**
     * The (k, k) diagonal unitary matrix D, k = min(r.shape), with {@code D[i,i] = |r[i,i]| / r[i,i]} (the
     * conjugate phase; 1 where r[i,i] = 0), so that D·R has a real non-negative diagonal — for real types the
     * signs. {@code inverse}: Dᴴ instead (the phases themselves), which is what the Q factor is multiplied by.
     * <pre>{@code Tensor d = diagonalPhases(r, false); r = matmul(d, r); q = matmul(q, diagonalPhases(r0, true)); }</pre>
     */
    public static Tensor diagonalPhases(Tensor r, boolean inverse) {
        long k = Math.min(r.shape(0), r.shape(1));
        DType t = r.dtype();
        double[] p = diagonalPhaseParts(r, inverse);
        Tensor d = Tensor.zeros(t, k, k);
        if (!t.isComplex()) {
            for (long i = 0; i < k; i++) d.setDouble(p[(int) (2 * i)], i, i);
            return d.to(r.device());
        }
        MemorySegment out = d.data();
        boolean single = t == DType.COMPLEX64;
        int half = single ? 4 : 8;
        for (long i = 0; i < k; i++) {
            long at = (i * k + i) * 2L * half;
            if (single) {
                out.set(ValueLayout.JAVA_FLOAT_UNALIGNED, at, (float) p[(int) (2 * i)]);
                out.set(ValueLayout.JAVA_FLOAT_UNALIGNED, at + 4, (float) p[(int) (2 * i + 1)]);
            } else {
                out.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, at, p[(int) (2 * i)]);
                out.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, at + 8, p[(int) (2 * i + 1)]);
            }
        }
        return d.to(r.device());
    }

    /**
     * The entries of {@link #diagonalPhases}'s diagonal as (re, im) pairs, k = min(r.shape): |r[i,i]| / r[i,i] (1 where
     * r[i,i] = 0; for real types the signs, im 0), or the phases themselves when {@code inverse}.
     * <pre>{@code double[] p = diagonalPhaseParts(r, false);   // p[2i], p[2i+1] }</pre>
     */
    public static double[] diagonalPhaseParts(Tensor r, boolean inverse) {
        long k = Math.min(r.shape(0), r.shape(1));
        DType t = r.dtype();
        double[] p = new double[(int) (2 * k)];
        Tensor rh = r.device().isCpu() ? r : r.to(Device.CPU);
        if (!t.isComplex()) {
            for (long i = 0; i < k; i++) p[(int) (2 * i)] = rh.getDouble(i, i) < 0 ? -1 : 1;
            return p;
        }
        Tensor diag = Tensor.empty(t, k);
        for (long i = 0; i < k; i++) diag.narrow(0, i, 1).copyFrom(rh.narrow(0, i, 1).narrow(1, i, 1).reshape(1));
        MemorySegment in = diag.data();
        boolean single = t == DType.COMPLEX64;
        for (long i = 0; i < k; i++) {
            double re = single ? in.get(ValueLayout.JAVA_FLOAT_UNALIGNED, i * 8) : in.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, i * 16);
            double im = single ? in.get(ValueLayout.JAVA_FLOAT_UNALIGNED, i * 8 + 4) : in.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, i * 16 + 8);
            double abs = Math.hypot(re, im);
            p[(int) (2 * i)] = abs == 0 ? 1 : re / abs;
            p[(int) (2 * i + 1)] = abs == 0 ? 0 : (inverse ? im : -im) / abs;
        }
        diag.free();
        return p;
    }

    /**
     * A complex tensor's memory as a real tensor with a trailing axis of (real, imaginary) pairs: shape (..., 2),
     * float32 for complex64, float64 for complex128 — a view of a contiguous CPU tensor, else of a contiguous copy.
     * <pre>{@code Tensor p = viewAsReal(z);   // p[..., 0] = z.real, p[..., 1] = z.imag }</pre>
     */
    public static Tensor viewAsReal(Tensor z) {
        if (!z.dtype().isComplex()) throw new IllegalArgumentException("viewAsReal: complex tensor expected, got " + z.dtype());
        long[] shape = java.util.Arrays.copyOf(z.shape(), z.ndim() + 1);
        shape[z.ndim()] = 2;
        DType part = CpuLinalg.realPart(z.dtype());
        Tensor h = (z.device().isCpu() ? z : z.to(Device.CPU)).contiguous();
        Tensor v = Tensor.wrap(h.data(), part, shape);
        return z.device().isCpu() ? v : v.to(z.device());
    }

    /**
     * True when every element of a float or complex tensor (both parts of complex ones) is finite; integer and bool
     * tensors always are.
     * <pre>{@code if (!LocalLinalg.allFinite(r)) throw new IllegalArgumentException("NaN or infinity"); }</pre>
     */
    public static boolean allFinite(Tensor t) {
        if (t.dtype().isIntegral()) return true;
        Tensor h = (t.device().isCpu() ? t : t.to(Device.CPU)).contiguous();
        MemorySegment s = h.data();
        if (t.dtype() == DType.FLOAT32 || t.dtype() == DType.COMPLEX64) {
            for (long o = 0; o < s.byteSize(); o += 4) if (!Float.isFinite(s.get(ValueLayout.JAVA_FLOAT_UNALIGNED, o))) return false;
        } else {
            for (long o = 0; o < s.byteSize(); o += 8) if (!Double.isFinite(s.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, o))) return false;
        }
        return true;
    }

    /**
     * Symmetric rank-k update in place, BLAS {@code syrk}: {@code C = alpha·A·Aᵀ + beta·C} ({@code trans == false},
     * a (n, k)) or {@code C = alpha·Aᵀ·A + beta·C} ({@code trans}, a (k, n)); only c's lower or upper triangle is
     * written (the other is left as it was). c must be float32/float64; a is converted to its dtype.
     * <pre>{@code syrk(1.0, x, true, 0.0, c, true);   // lower triangle of xᵀx }</pre>
     */
    public static void syrk(double alpha, Tensor a, boolean trans, double beta, Tensor c, boolean lower) {
        Backend.of(a, c).linalg().syrk(alpha, a, trans, beta, c, lower);
    }

    /**
     * The Gram matrix {@code aᵀ·a} (n, n) of a (m, n), both triangles filled, through {@code syrk} (half the work of
     * a general product). Integer and bool inputs give float64, as numpy's linalg does.
     * <pre>{@code Tensor g = gram(x); }</pre>
     */
    public static Tensor gram(Tensor a) {
        return a.backend().linalg().gram(a);
    }

    /**
     * {@code {aᵀ·a, aᵀ·b}} of a tall a (m, n) and b (m, c) in one pass over a (float32/float64, a and b of one dtype):
     * for narrow a the rows go in cache-sized chunks, each multiplied into both products while it is in cache, where
     * {@link #gram} and a separate product would read a from memory twice. Both triangles of aᵀ·a are filled.
     * <pre>{@code Tensor[] g = gramWith(x, yAndOnes);   // XᵀX, Xᵀ[y 1] }</pre>
     */
    public static Tensor[] gramWith(Tensor a, Tensor b) {
        if (a.ndim() != 2 || b.ndim() != 2 || a.shape(0) != b.shape(0) || a.dtype() != b.dtype()
                || (a.dtype() != DType.FLOAT32 && a.dtype() != DType.FLOAT64)) {
            throw new IllegalArgumentException("gramWith: need a (m, n) and b (m, c) of one dtype, float32 or float64; got " + Shapes.str(a.shape()) + " "
                    + a.dtype() + " and " + Shapes.str(b.shape()) + " " + b.dtype());
        }
        return Backend.of(a, b).linalg().gramWith(a, b);
    }

    /**
     * Triangular solve in place, BLAS {@code trsm}: b becomes X with {@code op(A)·X = alpha·B} ({@code left}) or
     * {@code X·op(A) = alpha·B}; op(A) is A or Aᵀ ({@code transA}), only its lower or upper triangle is read, and
     * its diagonal is taken as ones when {@code unitDiagonal}. b must be float32/float64 or complex64/complex128 (a is
     * converted; for complex, Aᵀ is the plain transpose, no conjugation). No
     * singularity check: a zero diagonal gives inf/NaN, as BLAS does (see {@link #triangularSolve} for a checked form).
     * <pre>{@code trsm(true, true, false, false, 1.0, l, b); }</pre>
     */
    public static void trsm(boolean left, boolean lower, boolean transA, boolean unitDiagonal, double alpha, Tensor a, Tensor b) {
        Backend.of(a, b).linalg().trsm(left, lower, transA, unitDiagonal, alpha, a, b);
    }

    /**
     * scipy's {@code solve_triangular(a, b, trans, lower, unit_diagonal)}: X with {@code op(A)·X = B} for a (n, n)
     * triangular and b (n,) or (n, k), as a new tensor (float32 when both are float32, else float64).
     * <pre>{@code Tensor x = triangularSolve(l, b, true, false, false); }</pre>
     *
     * @throws LinalgError when a diagonal element is exactly zero (and {@code unitDiagonal} is false)
     */
    public static Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transA, boolean unitDiagonal) {
        return Backend.of(a, b).linalg().triangularSolve(a, b, lower, transA, unitDiagonal);
    }

    /**
     * scipy's {@code lu_factor}: P·A = L·U of an (m, n) matrix (real or complex: LAPACK getrf in s, d, c or z). A
     * singular matrix is factorised all the same (U then has a zero on its diagonal), as scipy does.
     * <pre>{@code Lu f = lu(a); Tensor x = luSolve(f, b); }</pre>
     */
    public static Lu lu(Tensor a) {
        return a.backend().linalg().lu(a);
    }

    /**
     * scipy's {@code lu_solve}: X with A·X = B from {@link #lu}'s factors of a square A; b (n,) or (n, k).
     * <pre>{@code Tensor x = luSolve(lu(a), b); }</pre>
     */
    public static Tensor luSolve(Lu factors, Tensor b) {
        return Backend.of(factors.lu(), b).linalg().luSolve(factors, b);
    }

    /**
     * {@link #luSolve(Lu, Tensor)} for Aᵀ·X = B when {@code trans} (scipy's {@code trans=1}).
     * <pre>{@code Tensor x = luSolve(f, b, true); }</pre>
     */
    public static Tensor luSolve(Lu factors, Tensor b, boolean trans) {
        return Backend.of(factors.lu(), b).linalg().luSolve(factors, b, trans);
    }

    /**
     * numpy's {@code linalg.solve}: X with A·X = B for a (..., n, n) and b (n,) (a vector, numpy 2's rule) or
     * (..., n, k); batch axes broadcast. float32 when both are float32, else float64.
     * <pre>{@code Tensor x = solve(a, b); }</pre>
     *
     * @throws LinalgError for a singular matrix
     */
    public static Tensor solve(Tensor a, Tensor b) {
        return Backend.of(a, b).linalg().solve(a, b);
    }

    /**
     * numpy's {@code linalg.inv} of a (..., n, n) stack (LAPACK getrf + getri).
     * <pre>{@code Tensor ai = inv(a); }</pre>
     *
     * @throws LinalgError for a singular matrix
     */
    public static Tensor inv(Tensor a) {
        return a.backend().linalg().inv(a);
    }

    /**
     * numpy's {@code linalg.slogdet}; for complex matrices the sign is the complex phase e^{iφ} (complex dtype) and
     * the log real. <pre>{@code SlogDet s = slogdet(a); }</pre>
     */
    public static SlogDet slogdet(Tensor a) {
        return a.backend().linalg().slogdet(a);
    }

    /**
     * numpy's {@code linalg.det} of a (..., n, n) stack: sign·exp(log|det|) from the LU factorisation, as numpy
     * computes it; 0 for a singular matrix, 1 for a 0×0 one. Complex matrices give a complex det (numpy).
     * <pre>{@code double d = det(a).getDouble(); }</pre>
     */
    public static Tensor det(Tensor a) {
        return a.backend().linalg().det(a);
    }

    /**
     * numpy's {@code linalg.cholesky}: the lower-triangular L with A = L·Lᵀ of a (..., n, n) stack of symmetric
     * positive-definite matrices (A = L·Lᴴ of Hermitian positive-definite complex64/complex128 ones); only A's lower
     * triangle is read (as numpy).
     * <pre>{@code Tensor l = cholesky(a); }</pre>
     *
     * @throws LinalgError when a matrix is not positive definite
     */
    public static Tensor cholesky(Tensor a) {
        return a.backend().linalg().cholesky(a);
    }

    /**
     * numpy 2's {@code cholesky(a, upper=…)}: with {@code upper}, the upper-triangular U with A = Uᵀ·U, reading A's
     * upper triangle.
     * <pre>{@code Tensor u = cholesky(a, true); }</pre>
     */
    public static Tensor cholesky(Tensor a, boolean upper) {
        return a.backend().linalg().cholesky(a, upper);
    }

    /**
     * numpy's {@code linalg.qr(a, mode)} of a (..., m, n) stack (LAPACK geqrf + orgqr); mode "reduced",
     * "complete" or "r".
     * <pre>{@code QR f = qr(a, "reduced"); }</pre>
     */
    public static QR qr(Tensor a, String mode) {
        return a.backend().linalg().qr(a, mode);
    }

    /**
     * The Householder QR of one (m, n) matrix in compact WY form (LAPACK geqrf + larft): Qᴴ·A = [R; 0] with
     * Q = I − V·T·Vᴴ, so Q is applied to other matrices by three products (Qᴴ·C = C − V·(Tᴴ·(Vᴴ·C))) without being
     * formed: the panels of a distributed QR.
     * <pre>{@code Householder h = householder(panel); }</pre>
     */
    public static Householder householder(Tensor a) {
        return a.backend().linalg().householder(a);
    }

    /** {@link #qr(Tensor, String)} in mode "reduced". <pre>{@code QR f = qr(a); }</pre> */
    public static QR qr(Tensor a) {
        return a.backend().linalg().qr(a);
    }

    /**
     * numpy's {@code linalg.svd(a, full_matrices, compute_uv)} of a (..., m, n) stack (LAPACK gesdd). The singular
     * vectors are unique up to a common sign per pair (and rotations within repeated values), so they may differ
     * from numpy's by such signs.
     * <pre>{@code SVD d = svd(a, false, true); }</pre>
     *
     * @throws LinalgError when the iteration does not converge
     */
    public static SVD svd(Tensor a, boolean fullMatrices, boolean computeUV) {
        return a.backend().linalg().svd(a, fullMatrices, computeUV);
    }

    /** numpy's {@code linalg.svd(a)}: full matrices, vectors computed. <pre>{@code svd(a).s()}</pre> */
    public static SVD svd(Tensor a) {
        return a.backend().linalg().svd(a);
    }

    /**
     * numpy's {@code linalg.eigh(a, UPLO)} of a (..., n, n) stack of symmetric matrices (LAPACK syevd); only the
     * lower ({@code lower}, numpy's default "L") or upper triangle is read. Eigenvectors are unique up to sign (and
     * rotations within repeated eigenvalues).
     * <pre>{@code Eigh e = eigh(a, true); }</pre>
     *
     * @throws LinalgError when the iteration does not converge
     */
    public static Eigh eigh(Tensor a, boolean lower) {
        return a.backend().linalg().eigh(a, lower);
    }

    /**
     * numpy's {@code linalg.eig(a)} of one real (n, n) matrix (LAPACK geev), real and imaginary parts apart.
     * <pre>{@code Eig e = eig(a); double re0 = e.valuesReal().getDouble(0); }</pre>
     *
     * @throws LinalgError when the QR algorithm does not converge
     */
    public static Eig eig(Tensor a) {
        return a.backend().linalg().eig(a);
    }

    /** numpy's {@code linalg.eigh(a)} (lower triangle). <pre>{@code eigh(a).eigenvalues()}</pre> */
    public static Eigh eigh(Tensor a) {
        return a.backend().linalg().eigh(a);
    }

    /**
     * numpy's {@code linalg.eigvalsh(a, UPLO)}: the ascending eigenvalues only, (..., n).
     * <pre>{@code Tensor w = eigvalsh(a, true); }</pre>
     */
    public static Tensor eigvalsh(Tensor a, boolean lower) {
        return a.backend().linalg().eigvalsh(a, lower);
    }

    /**
     * numpy's {@code linalg.lstsq(a, b)} with numpy 2's default cut-off (singular values below eps·max(m, n) times
     * the largest count as zero). <pre>{@code Tensor x = lstsq(a, b).x(); }</pre>
     */
    public static Lstsq lstsq(Tensor a, Tensor b) {
        return Backend.of(a, b).linalg().lstsq(a, b);
    }

    /**
     * numpy's {@code linalg.lstsq(a, b, rcond)} (LAPACK gelsd: the SVD, so rank-deficient systems get the
     * minimum-norm solution); a (m, n), b (m,) or (m, k). Complex systems (c/zgelsd) give complex x and real
     * residuals and singular values, as numpy. A negative rcond means numpy 2's default, eps·max(m, n).
     * <pre>{@code Lstsq r = lstsq(a, b, 1e-10); }</pre>
     *
     * @throws LinalgError when the SVD does not converge
     */
    public static Lstsq lstsq(Tensor a, Tensor b, double rcond) {
        return Backend.of(a, b).linalg().lstsq(a, b, rcond);
    }

    /**
     * Least squares (m >= n) or minimum-norm (m < n) solution of a full-rank system by QR/LQ (LAPACK gels): faster
     * than {@link #lstsq(Tensor, Tensor)} but without rank detection. a (m, n), b (m,) or (m, k), real or complex;
     * returns x.
     * <pre>{@code Tensor x = lstsqFullRank(a, b); }</pre>
     *
     * @throws LinalgError when a is rank-deficient (a zero diagonal element in its triangular factor)
     */
    public static Tensor lstsqFullRank(Tensor a, Tensor b) {
        return Backend.of(a, b).linalg().lstsqFullRank(a, b);
    }
}
