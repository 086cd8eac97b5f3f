package org.jheat.linalg;

import org.jheat.core.DNDarray;
import org.jheat.core.Manipulations;
import org.jheat.core.Shaping;

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

    /** numpy's {@code linalg.det} of a (…, n, n) stack. <pre>{@code double d = Linalg.det(a).itemDouble(); }</pre> */
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
}
