package org.jheat.linalg;

import java.util.function.UnaryOperator;

import org.jheat.core.DNDarray;
import org.jheat.core.Manipulations;
import org.jheat.core.Shaping;
import org.jheat.tensor.DType;

/**
 * numpy's {@code np.linalg} and the products of {@code np} for distributed arrays (the facade of this package, as
 * Heat's {@code ht.linalg}). Every function is collective; arguments are checked on global metadata before any
 * communication, so a bad call throws the same exception on every process.
 *
 * <p>Result splits ("0"/"1": the second-to-last / last axis of a matrix result):
 * <pre>
 *  matmul a \ b   None   0 (rows = k)   1 (columns)
 *     None        None   1              1
 *     0           0      0              0
 *     1           0      0              1
 *  split along a batch axis: the result is split along that batch axis
 *  vector operands: the split lands on the surviving axis; vector·vector is replicated
 *  dot / tensordot / einsum: the same products after grouping axes (a free axis keeps its split)
 *  det: replicated (batch split kept)     inv, matrixExp: like the input
 *  solve, solveTriangular: rows when a is split, else like b      norms: reductions (replicated when split axis reduced)
 *  outer: 0 when a is split, else 1 when b is split
 * </pre>
 *
 * <pre>{@code
 * DNDarray c = Linalg.matmul(a, b);
 * DNDarray t = Linalg.einsum("bij,bjk->bik", x, y);
 * DNDarray x = Linalg.solve(a, rhs);
 * double f = Linalg.norm(m).itemDouble();
 * }</pre>
 */
public final class Linalg {
    private Linalg() { }

    // ------------------------------------------------------------------------------------------------ products

    /**
     * numpy's {@code matmul}: matrix products of the last two axes, batch axes broadcast, a 1-D operand promoted to a
     * row (first) or column (second) vector; result dtype as numpy (bool·bool is bool). Every pair of splits; see
     * the table above and {@link Matmul} for the communication of each case.
     * <pre>{@code DNDarray c = Linalg.matmul(a, b); }</pre>
     */
    public static DNDarray matmul(DNDarray a, DNDarray b) { return Matmul.matmul(a, b); }

    /** Sparse × dense (SpMV / SpMM; see {@link org.jheat.sparse.Sparse#matmul(org.jheat.sparse.DCSRMatrix, DNDarray)}). <pre>{@code DNDarray y = Linalg.matmul(a, x); }</pre> */
    public static DNDarray matmul(org.jheat.sparse.DCSRMatrix a, DNDarray b) { return org.jheat.sparse.Sparse.matmul(a, b); }

    /** Dense × sparse. <pre>{@code DNDarray z = Linalg.matmul(x, a); }</pre> */
    public static DNDarray matmul(DNDarray a, org.jheat.sparse.DCSRMatrix b) { return org.jheat.sparse.Sparse.matmul(a, b); }

    /** Sparse × sparse (SpGEMM). <pre>{@code DCSRMatrix c = Linalg.matmul(a, b); }</pre> */
    public static org.jheat.sparse.DCSRMatrix matmul(org.jheat.sparse.DCSRMatrix a, org.jheat.sparse.DCSRMatrix b) { return org.jheat.sparse.Sparse.matmul(a, b); }

    /** CSC × dense. <pre>{@code DNDarray y = Linalg.matmul(c, x); }</pre> */
    public static DNDarray matmul(org.jheat.sparse.DCSCMatrix a, DNDarray b) { return org.jheat.sparse.Sparse.matmul(a, b); }

    /** Dense × CSC. <pre>{@code DNDarray z = Linalg.matmul(x, c); }</pre> */
    public static DNDarray matmul(DNDarray a, org.jheat.sparse.DCSCMatrix b) { return org.jheat.sparse.Sparse.matmul(a, b); }

    /**
     * numpy's {@code dot}: product for 0-d operands, matmul up to 2-D (and N-D·1-D), else the sum over a's last and
     * b's second-to-last axis ({@code tensordot(a, b, [-1], [-2])}).
     * <pre>{@code DNDarray s = Linalg.dot(u, v); }</pre>
     */
    public static DNDarray dot(DNDarray a, DNDarray b) { return Contractions.dot(a, b); }

    /** numpy's {@code vdot}: Σ a.flat[i]·b.flat[i] (real), replicated 0-d. <pre>{@code double s = Linalg.vdot(a, b).itemDouble(); }</pre> */
    public static DNDarray vdot(DNDarray a, DNDarray b) { return Basics.vdot(a, b); }

    /** numpy 2's {@code vecdot} over the last axis. <pre>{@code DNDarray d = Linalg.vecdot(x, y); }</pre> */
    public static DNDarray vecdot(DNDarray x1, DNDarray x2) { return Basics.vecdot(x1, x2, -1, false); }

    /** numpy 2's {@code vecdot} over {@code axis} of the broadcast operands. <pre>{@code Linalg.vecdot(x, y, 0, false)}</pre> */
    public static DNDarray vecdot(DNDarray x1, DNDarray x2, int axis, boolean keepDims) { return Basics.vecdot(x1, x2, axis, keepDims); }

    /** numpy's {@code outer} of the flattened operands. <pre>{@code DNDarray o = Linalg.outer(u, v); }</pre> */
    public static DNDarray outer(DNDarray a, DNDarray b) { return Basics.outer(a, b); }

    /**
     * numpy's {@code tensordot(a, b, axes=n)}: the last n axes of a with the first n of b.
     * <pre>{@code DNDarray c = Linalg.tensordot(a, b, 2); }</pre>
     */
    public static DNDarray tensordot(DNDarray a, DNDarray b, int axes) { return Contractions.tensordot(a, b, axes); }

    /**
     * numpy's {@code tensordot(a, b, axes=(axesA, axesB))}: sums over the axis pairs; the result has a's free axes then
     * b's. <pre>{@code DNDarray c = Linalg.tensordot(a, b, new int[]{1, 0}, new int[]{0, 1}); }</pre>
     */
    public static DNDarray tensordot(DNDarray a, DNDarray b, int[] axesA, int[] axesB) { return Contractions.tensordot(a, b, axesA, axesB); }

    /**
     * numpy's {@code einsum} with its subscripts grammar (explicit "->", implicit output, "...", repeated labels for
     * diagonals and traces); pairwise contractions as distributed matmuls. Errors in the subscripts name their
     * position.
     * <pre>{@code DNDarray c = Linalg.einsum("ij,jk->ik", a, b); DNDarray tr = Linalg.einsum("ii", m); }</pre>
     */
    public static DNDarray einsum(String subscripts, DNDarray... operands) { return Einsum.einsum(subscripts, operands); }

    /**
     * numpy's {@code cross} along the last axes (2- or 3-vectors).
     * <pre>{@code DNDarray c = Linalg.cross(a, b); }</pre>
     */
    public static DNDarray cross(DNDarray a, DNDarray b) { return Basics.cross(a, b, -1, -1, -1); }

    /** numpy's {@code cross(a, b, axisa, axisb, axisc)}. <pre>{@code Linalg.cross(a, b, 0, 0, 0)}</pre> */
    public static DNDarray cross(DNDarray a, DNDarray b, int axisa, int axisb, int axisc) { return Basics.cross(a, b, axisa, axisb, axisc); }

    /** Heat's {@code projection}: the projection of vector a onto vector b. <pre>{@code DNDarray p = Linalg.projection(a, b); }</pre> */
    public static DNDarray projection(DNDarray a, DNDarray b) { return Basics.projection(a, b); }

    // ------------------------------------------------------------------------------------------------ matrix helpers

    /** numpy's {@code trace} of the first two axes. <pre>{@code long t = Linalg.trace(m).itemLong(); }</pre> */
    public static DNDarray trace(DNDarray a) { return Basics.trace(a, 0, 0, 1); }

    /** numpy's {@code trace(a, offset, axis1, axis2)}. <pre>{@code Linalg.trace(x, 1, 0, 2)}</pre> */
    public static DNDarray trace(DNDarray a, long offset, int axis1, int axis2) { return Basics.trace(a, offset, axis1, axis2); }

    /** numpy's {@code transpose}: all axes reversed (a view). <pre>{@code DNDarray t = Linalg.transpose(x); }</pre> */
    public static DNDarray transpose(DNDarray a) { return Shaping.transpose(a); }

    /** numpy's {@code transpose(a, axes)} (a view). <pre>{@code Linalg.transpose(x, 1, 0, 2)}</pre> */
    public static DNDarray transpose(DNDarray a, int... axes) { return Shaping.transpose(a, axes); }

    /** numpy 2's {@code matrix_transpose}: the last two axes swapped (a view). <pre>{@code DNDarray t = Linalg.matrixTranspose(x); }</pre> */
    public static DNDarray matrixTranspose(DNDarray a) { return Basics.matrixTranspose(a); }

    /** numpy's {@code tril} (lower triangle). <pre>{@code DNDarray l = Linalg.tril(m, 0); }</pre> */
    public static DNDarray tril(DNDarray m, long k) { return Manipulations.tril(m, k); }

    /** numpy's {@code triu} (upper triangle). <pre>{@code DNDarray u = Linalg.triu(m, 0); }</pre> */
    public static DNDarray triu(DNDarray m, long k) { return Manipulations.triu(m, k); }

    // ------------------------------------------------------------------------------------------------ norms

    /** numpy's {@code linalg.norm(x)}: the 2-norm of the flattened array. <pre>{@code double f = Linalg.norm(x).itemDouble(); }</pre> */
    public static DNDarray norm(DNDarray x) { return Norms.norm(x, null, null, false); }

    /**
     * numpy's {@code linalg.norm(x, ord)}: vector norm of a 1-D, matrix norm of a 2-D array; {@code ord} is a Number
     * (Double.POSITIVE_INFINITY for inf) or "fro" / "nuc".
     * <pre>{@code Linalg.norm(m, "nuc")}</pre>
     */
    public static DNDarray norm(DNDarray x, Object ord) { return Norms.norm(x, ord, null, false); }

    /**
     * numpy's {@code linalg.norm(x, ord, axis, keepdims)}: one axis a vector norm, two a matrix norm.
     * <pre>{@code Linalg.norm(x, 1, new int[]{0}, false)}</pre>
     */
    public static DNDarray norm(DNDarray x, Object ord, int[] axis, boolean keepDims) { return Norms.norm(x, ord, axis, keepDims); }

    /** numpy 2's {@code vector_norm(x)}: the 2-norm over all elements. <pre>{@code Linalg.vectorNorm(x)}</pre> */
    public static DNDarray vectorNorm(DNDarray x) { return Norms.vectorNorm(x, 2, null, false); }

    /**
     * numpy 2's {@code vector_norm(x, ord, axis, keepdims)}: any order (±inf, 0, p); {@code axes} null means all.
     * <pre>{@code Linalg.vectorNorm(x, Double.POSITIVE_INFINITY, new int[]{1}, false)}</pre>
     */
    public static DNDarray vectorNorm(DNDarray x, double ord, int[] axes, boolean keepDims) { return Norms.vectorNorm(x, ord, axes, keepDims); }

    /** numpy 2's {@code matrix_norm(x)}: Frobenius norm of the last two axes. <pre>{@code Linalg.matrixNorm(m)}</pre> */
    public static DNDarray matrixNorm(DNDarray x) { return Norms.matrixNorm(x, "fro", null, false); }

    /**
     * numpy 2's {@code matrix_norm(x, ord, keepdims)} over the last two axes (or {@code axes}): "fro", "nuc", ±1, ±2,
     * ±inf. <pre>{@code Linalg.matrixNorm(m, 2, null, false)}</pre>
     */
    public static DNDarray matrixNorm(DNDarray x, Object ord, int[] axes, boolean keepDims) { return Norms.matrixNorm(x, ord, axes, keepDims); }

    // ------------------------------------------------------------------------------------------------ solvers

    /**
     * numpy's {@code linalg.det} of a (…, n, n) stack, for every split; complex64/complex128 matrices give a complex det.
     * <pre>{@code double d = Linalg.det(a).itemDouble(); }</pre>
     */
    public static DNDarray det(DNDarray a) { return Solvers.det(a); }

    /**
     * numpy's {@code linalg.inv}; a singular matrix raises {@link org.jheat.tensor.LinalgError} on every process.
     * <pre>{@code DNDarray ai = Linalg.inv(a); }</pre>
     */
    public static DNDarray inv(DNDarray a) { return Solvers.inv(a); }

    /**
     * numpy 2's {@code linalg.solve}: X with A·X = B; b is a vector only when 1-D. A singular matrix raises
     * {@link org.jheat.tensor.LinalgError} on every process. <pre>{@code DNDarray x = Linalg.solve(a, b); }</pre>
     */
    public static DNDarray solve(DNDarray a, DNDarray b) { return Solvers.solve(a, b); }

    /**
     * scipy's {@code solve_triangular(a, b, lower)}: a (n, n) triangular, b (n,) or (n, k).
     * <pre>{@code DNDarray x = Linalg.solveTriangular(u, b, false); }</pre>
     */
    public static DNDarray solveTriangular(DNDarray a, DNDarray b, boolean lower) { return Solvers.solveTriangular(a, b, lower, false); }

    /** {@link #solveTriangular(DNDarray, DNDarray, boolean)} with a unit diagonal assumed when {@code unitDiagonal}. */
    public static DNDarray solveTriangular(DNDarray a, DNDarray b, boolean lower, boolean unitDiagonal) {
        return Solvers.solveTriangular(a, b, lower, unitDiagonal);
    }

    /**
     * An estimate of the 1-norm condition number ‖A‖₁‖A⁻¹‖₁ of a square matrix (MATLAB's {@code condest}: Hager /
     * Higham on the LU factors, deterministic; +inf for a singular matrix).
     * <pre>{@code double k = Linalg.condest(a).itemDouble(); }</pre>
     */
    public static DNDarray condest(DNDarray a) { return Solvers.condest(a); }

    /** The matrix exponential (Heat's {@code matrix_exp}, scipy's {@code expm}). <pre>{@code DNDarray e = Linalg.matrixExp(a); }</pre> */
    public static DNDarray matrixExp(DNDarray a) { return MatrixExp.expm(a); }

    /** Alias of {@link #matrixExp} (scipy's name). <pre>{@code DNDarray e = Linalg.expm(a); }</pre> */
    public static DNDarray expm(DNDarray a) { return MatrixExp.expm(a); }

    // ------------------------------------------------------------------------------------------------ factorisations

    /**
     * numpy's {@code linalg.qr(a)} (mode "reduced"): Q with orthonormal columns and upper-triangular R, A = Q·R.
     * A tall matrix split along rows uses TSQR (Q split 0, R replicated); see {@link Qr} for every layout.
     * <pre>{@code QR f = Linalg.qr(a); DNDarray q = f.Q(), r = f.R(); }</pre>
     */
    public static QR qr(DNDarray a) { return Qr.qr(a, "reduced"); }

    /**
     * numpy's {@code linalg.qr(a, mode)}: "reduced", "r" (Q is null; Heat's {@code calc_q=False}) or "complete"
     * (refused for a distributed tall matrix: its Q would be (m, m)).
     * <pre>{@code DNDarray r = Linalg.qr(a, "r").R(); }</pre>
     */
    public static QR qr(DNDarray a, String mode) { return Qr.qr(a, mode); }

    /**
     * The reduced SVD A = U·diag(S)·Vh (numpy's {@code svd(a, full_matrices=False)}, Heat's default) of any split:
     * TSQR and a small SVD of R, wide matrices through the transpose. The long factor is split along the long axis,
     * S and the short factor are replicated (see {@link Svd}).
     * <pre>{@code SVD d = Linalg.svd(a); DNDarray back = Linalg.matmul(d.U().mul(d.S()), d.Vh()); }</pre>
     */
    public static SVD svd(DNDarray a) { return Svd.svd(a, false, true); }

    /**
     * numpy's {@code linalg.svd(a, full_matrices, compute_uv)}; with {@code computeUV = false} only S is computed (U
     * and Vh are null). fullMatrices is supported for replicated / batch-split stacks and square matrices.
     * <pre>{@code DNDarray s = Linalg.svd(a, false, false).S(); }</pre>
     */
    public static SVD svd(DNDarray a, boolean fullMatrices, boolean computeUV) { return Svd.svd(a, fullMatrices, computeUV); }

    /** numpy's {@code linalg.svdvals(a)}: the singular values, descending. <pre>{@code DNDarray s = Linalg.svdvals(a); }</pre> */
    public static DNDarray svdvals(DNDarray a) { return Svd.svd(a, false, false).S(); }

    // ------------------------------------------------------------------------------------------------ matrix gallery

    /**
     * Heat's {@code matrixgallery.parter(n)}: A[i, j] = 1/(i − j + 1/2) (singular values cluster at π).
     * <pre>{@code DNDarray p = Linalg.parter(1000, DType.FLOAT64, 0); }</pre>
     */
    public static DNDarray parter(long n, DType dtype, Integer split) { return Gallery.parter(n, dtype, split); }

    /**
     * Heat's {@code matrixgallery.hermitian(n, positive_definite)} for real dtypes: a random symmetric matrix
     * ((G + Gᵀ)/2), or G·Gᵀ/n + I when {@code positiveDefinite}. Same seed, same matrix for any process count.
     * <pre>{@code Random.seed(1); DNDarray h = Linalg.hermitian(500, DType.FLOAT64, 0, true); }</pre>
     */
    public static DNDarray hermitian(long n, DType dtype, Integer split, boolean positiveDefinite) {
        return Gallery.hermitian(n, dtype, split, positiveDefinite);
    }

    /**
     * Heat's {@code random_known_singularvalues(m, n, singular_values)}: A = U·diag(S)·Vᵀ with random orthonormal U, V.
     * <pre>{@code KnownSvd k = Linalg.randomKnownSingularValues(200, 50, Heat.array(new double[]{3, 2, 1}), DType.FLOAT64, 0); }</pre>
     */
    public static KnownSvd randomKnownSingularValues(long m, long n, DNDarray singularValues, DType dtype, Integer split) {
        return Gallery.randomKnownSingularValues(m, n, singularValues, dtype, split);
    }

    /**
     * Heat's {@code random_known_rank(m, n, r)}: rank r, singular values −ln(u) of uniform u, sorted descending.
     * <pre>{@code KnownSvd k = Linalg.randomKnownRank(1000, 100, 10, DType.FLOAT64, 1); }</pre>
     */
    public static KnownSvd randomKnownRank(long m, long n, long r, DType dtype, Integer split) {
        return Gallery.randomKnownRank(m, n, r, null, dtype, split);
    }

    /**
     * {@link #randomKnownRank(long, long, long, DType, Integer)} with singular values
     * {@code quantile(u)} of uniform u (Heat's {@code quantile_function}).
     * <pre>{@code Linalg.randomKnownRank(100, 80, 5, u -> u.mul(10), DType.FLOAT64, 0)}</pre>
     */
    public static KnownSvd randomKnownRank(long m, long n, long r, UnaryOperator<DNDarray> quantile,
            DType dtype, Integer split) {
        return Gallery.randomKnownRank(m, n, r, quantile, dtype, split);
    }

    // ------------------------------------------------------------------------------------------------ truncated SVDs

    /**
     * Heat's {@code hsvd_rank(A, maxrank)}: hierarchical SVD truncated to {@code maxrank}, with S and V, safety shift
     * 5 and the default merge budget. The result carries the error estimate (an upper bound of
     * ‖A − U·diag(S)·Vᵀ‖_F/‖A‖_F). See {@link Hsvd}.
     * <pre>{@code TruncatedSVD t = Linalg.hsvdRank(a, 10); }</pre>
     */
    public static TruncatedSVD hsvdRank(DNDarray a, long maxrank) { return Hsvd.hsvdRank(a, maxrank, true, null, 5); }

    /**
     * Heat's {@code hsvd_rank(A, maxrank, compute_sv, maxmergedim, safetyshift)}; {@code maxmergedim} null picks
     * Heat's default; without computeSV only U (and the estimate) is returned.
     * <pre>{@code TruncatedSVD t = Linalg.hsvdRank(a, 10, false, 60L, 5); }</pre>
     */
    public static TruncatedSVD hsvdRank(DNDarray a, long maxrank, boolean computeSV, Long maxmergedim, long safetyshift) {
        return Hsvd.hsvdRank(a, maxrank, computeSV, maxmergedim, safetyshift);
    }

    /**
     * Heat's {@code hsvd_rtol(A, rtol)}: hierarchical SVD truncated so that the relative reconstruction error stays
     * below {@code rtol} (binary merging tree, safety shift 5).
     * <pre>{@code TruncatedSVD t = Linalg.hsvdRtol(a, 1e-3); }</pre>
     */
    public static TruncatedSVD hsvdRtol(DNDarray a, double rtol) { return Hsvd.hsvdRtol(a, rtol, true, null, null, 5, null); }

    /**
     * Heat's {@code hsvd_rtol(A, rtol, compute_sv, maxrank, maxmergedim, safetyshift, no_of_merges)} (nulls: Heat's
     * defaults).
     * <pre>{@code Linalg.hsvdRtol(a, 1e-2, true, 20L, null, 5, 3)}</pre>
     */
    public static TruncatedSVD hsvdRtol(DNDarray a, double rtol, boolean computeSV, Long maxrank, Long maxmergedim, long safetyshift,
            Integer noOfMerges) {
        return Hsvd.hsvdRtol(a, rtol, computeSV, maxrank, maxmergedim, safetyshift, noOfMerges);
    }

    /**
     * Heat's low-level {@code hsvd(A, maxrank, maxmergedim, rtol, safetyshift, no_of_merges, compute_sv)}: no defaults
     * and fewer checks than {@link #hsvdRank} / {@link #hsvdRtol}.
     * <pre>{@code Linalg.hsvd(a, 10, 40, null, 0, 2, true)}</pre>
     */
    public static TruncatedSVD hsvd(DNDarray a, long maxrank, long maxmergedim, Double rtol, long safetyshift, Integer noOfMerges, boolean computeSV) {
        return Hsvd.hsvd(a, maxrank, maxmergedim, rtol, safetyshift, noOfMerges, computeSV);
    }

    /**
     * Heat's {@code rsvd(A, rank, n_oversamples, power_iter)}: randomized SVD (Gaussian range finder, TSQR, subspace
     * iterations). With power iterations the result is the best one in the span of all the iterates (block Krylov), not
     * of the last one only: never less accurate than Heat's or scikit-learn's, and much closer to the exact SVD on slowly
     * decaying spectra. The same seed gives the same result on any number of processes. See {@link Rsvd}.
     * <pre>{@code Random.seed(0); TruncatedSVD t = Linalg.rsvd(a, 10, 10, 1); }</pre>
     */
    public static TruncatedSVD rsvd(DNDarray a, long rank, long oversamples, long powerIter) { return Rsvd.rsvd(a, rank, oversamples, powerIter); }

    /** {@link #rsvd(DNDarray, long, long, long)} with Heat's defaults: 10 oversamples, no power iteration. <pre>{@code Linalg.rsvd(a, 10)}</pre> */
    public static TruncatedSVD rsvd(DNDarray a, long rank) { return Rsvd.rsvd(a, rank, 10, 0); }

    /**
     * Heat's {@code isvd(new_data, U_old, S_old, V_old, maxrank)}: the truncated SVD of [A_old, newData] from that of
     * A_old (U, S, V with V's columns the right singular vectors) and the new columns; maxrank null keeps every
     * direction. See {@link Isvd}.
     * <pre>{@code TruncatedSVD t2 = Linalg.isvd(more, t.U(), t.S(), t.V(), 20L); }</pre>
     */
    public static TruncatedSVD isvd(DNDarray newData, DNDarray u, DNDarray s, DNDarray v, Long maxrank) { return Isvd.isvd(newData, u, s, v, maxrank); }

    /**
     * The incremental SVD (rank ≤ maxrank) of a 2-D HDF5 dataset read in chunks of {@code chunkColumns} columns (Heat
     * 1.7's chunk-wise isvd): never more than one chunk in memory besides the factors. dtype null keeps the file's
     * (integers become float64).
     * <pre>{@code TruncatedSVD t = Linalg.isvdHdf5("data.h5", "X", 1000, 20, DType.FLOAT64); }</pre>
     */
    public static TruncatedSVD isvdHdf5(String path, String dataset, long chunkColumns, long maxrank, DType dtype) {
        return Isvd.isvdHdf5(path, dataset, chunkColumns, maxrank, dtype);
    }

    // ------------------------------------------------------------------------------------------------ Krylov methods

    /**
     * Heat's {@code lanczos(A, m)}: m Lanczos steps on a symmetric A (split 0, 1 or None) with full
     * re-orthogonalisation from a standard normal start vector; A·V ≈ V·T. See {@link Krylov}.
     * <pre>{@code Lanczos l = Linalg.lanczos(a, 50); }</pre>
     */
    public static Lanczos lanczos(DNDarray a, long m) { return Krylov.lanczos(a, m, null); }

    /** {@link #lanczos(DNDarray, long)} from the start vector v0 (n,). <pre>{@code Linalg.lanczos(a, 20, v0)}</pre> */
    public static Lanczos lanczos(DNDarray a, long m, DNDarray v0) { return Krylov.lanczos(a, m, v0); }

    /**
     * Conjugate gradients for A·x = b, A symmetric positive definite: stops when ‖r‖ ≤ tol·‖b‖ or after maxIter
     * iterations; a non-SPD A is detected (pᵀAp ≤ 0 or a diverging residual) and raises
     * {@link org.jheat.tensor.LinalgError} on every process. x0 null starts from zero.
     * <pre>{@code CgResult r = Linalg.cg(a, b, null, 1e-10, 1000); DNDarray x = r.x(); }</pre>
     */
    public static CgResult cg(DNDarray a, DNDarray b, DNDarray x0, double tol, long maxIter) { return Krylov.cg(a, b, x0, tol, maxIter); }

    /** {@link #cg(DNDarray, DNDarray, DNDarray, double, long)} with scipy's defaults: tol 1e-5, maxIter 10·n. <pre>{@code Linalg.cg(a, b)}</pre> */
    public static CgResult cg(DNDarray a, DNDarray b) { return Krylov.cg(a, b, null, 1e-5, a.ndim() == 0 ? 0 : 10 * a.gshape()[0]); }

    /**
     * {@link #lanczos(DNDarray, long, DNDarray)} on a sparse symmetric A: the same iteration, each step one distributed
     * SpMV (only the entries of the vector that A's columns touch move; the fetch plan is made once). V is split like
     * A's rows; float64 unless A is float32. v0 null draws a standard normal start.
     * <pre>{@code Lanczos l = Linalg.lanczos(Sparse.loadNpz("lap.npz"), 30, null); }</pre>
     */
    public static Lanczos lanczos(org.jheat.sparse.DCSRMatrix a, long m, DNDarray v0) { return Krylov.lanczos(a, m, v0); }

    /**
     * {@link #lanczos(org.jheat.sparse.DCSRMatrix, long, DNDarray)} on a CSC matrix, through the DCSR matrix of its
     * transpose, which holds the same rows for the symmetric A Lanczos needs (nothing moves).
     * <pre>{@code Lanczos l = Linalg.lanczos(c, 30, null); }</pre>
     */
    public static Lanczos lanczos(org.jheat.sparse.DCSCMatrix a, long m, DNDarray v0) { return Krylov.lanczos(a.T(), m, v0); }

    /**
     * {@link #cg(DNDarray, DNDarray, DNDarray, double, long)} on a sparse symmetric positive definite A: the same
     * iteration, checks and stopping rule (‖r‖ ≤ tol·‖b‖), each step one distributed SpMV; x is split like A's rows.
     * <pre>{@code CgResult r = Linalg.cg(a, b, null, 1e-10, 1000); }</pre>
     */
    public static CgResult cg(org.jheat.sparse.DCSRMatrix a, DNDarray b, DNDarray x0, double tol, long maxIter) { return Krylov.cg(a, b, x0, tol, maxIter); }

    /** Sparse cg with scipy's defaults: tol 1e-5, maxIter 10·n. <pre>{@code Linalg.cg(a, b)}</pre> */
    public static CgResult cg(org.jheat.sparse.DCSRMatrix a, DNDarray b) { return Krylov.cg(a, b, null, 1e-5, 10 * a.shape()[0]); }

    /**
     * Sparse cg on a CSC matrix, through the DCSR matrix of its transpose (the same rows for the symmetric A cg needs).
     * <pre>{@code CgResult r = Linalg.cg(c, b, null, 1e-8, 500); }</pre>
     */
    public static CgResult cg(org.jheat.sparse.DCSCMatrix a, DNDarray b, DNDarray x0, double tol, long maxIter) { return Krylov.cg(a.T(), b, x0, tol, maxIter); }

    // ------------------------------------------------------------------------------------------------ polar, eigh

    /**
     * The polar decomposition A = U·H of a square matrix (QDWH on TSQR and distributed products for a split matrix;
     * see {@link Polar}); complex64/complex128 give a unitary U and a Hermitian H, as scipy's {@code linalg.polar}.
     * <pre>{@code PolarResult p = Linalg.polar(a); DNDarray u = p.U(), h = p.H(); }</pre>
     */
    public static PolarResult polar(DNDarray a) { return Polar.polar(a); }

    /**
     * numpy's {@code linalg.eigh(a)} (lower triangle): ascending eigenvalues (replicated) and eigenvectors as columns
     * (split like A). A split matrix is diagonalised by spectral divide and conquer through the polar decomposition
     * ({@link Eigh}); replicated matrices and batch-split stacks by LAPACK. Complex Hermitian matrices (every split)
     * give real eigenvalues and complex eigenvectors, as numpy.
     * <pre>{@code EighResult e = Linalg.eigh(a); DNDarray w = e.eigenvalues(), v = e.eigenvectors(); }</pre>
     */
    public static EighResult eigh(DNDarray a) { return Eigh.eigh(a); }

    /** numpy's {@code linalg.eigvalsh(a)}: the ascending eigenvalues. <pre>{@code DNDarray w = Linalg.eigvalsh(a); }</pre> */
    public static DNDarray eigvalsh(DNDarray a) { return Eigh.eigh(a).eigenvalues(); }

    /**
     * Randomized eigendecomposition of a symmetric matrix: the {@code rank} eigenpairs of largest magnitude, from a
     * Gaussian range finder with {@code oversamples} extra vectors and {@code powerIter} subspace iterations.
     * <pre>{@code EighResult e = Linalg.reigh(a, 10, 10, 2); }</pre>
     */
    public static EighResult reigh(DNDarray a, long rank, long oversamples, long powerIter) { return Eigh.reigh(a, rank, oversamples, powerIter); }
}
