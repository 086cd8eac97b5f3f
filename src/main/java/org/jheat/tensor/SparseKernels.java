package org.jheat.tensor;

/**
 * A backend's local sparse kernels on {@link Csr} matrices (the role of {@code scipy.sparse}'s C++ routines): the
 * conversions, the structural merges of element-wise operations, products and reductions. Each {@link Backend}
 * returns its implementation from {@link Backend#sparse()}; the CPU's is a set of row-parallel Java loops over the
 * off-heap index and value arrays. The distributed drivers in {@code org.jheat.sparse} call these and communicate.
 *
 * <p>Arithmetic on values is done by the backend's element-wise kernels wherever possible (the merges below return
 * index maps, {@link #gather} moves values by index), so the dtype rules stay those of dense arrays; the products
 * and reductions here take float64, float32 or int64 values (callers convert first). Local entry counts must stay
 * below 2^31 per process (the sorting buffers are Java arrays).
 *
 * <pre>{@code
 * SparseKernels k = dense.backend().sparse();
 * Csr a = k.fromDense(dense);
 * Tensor y = k.spmm(a, x);     // a · x, x of shape (a.cols(), m)
 * }</pre>
 */
public interface SparseKernels {

    /** The canonical CSR of the 2-D tensor {@code d} (entries that are not 0; NaN counts as non-zero, -0.0 as 0). */
    Csr fromDense(Tensor d);

    /**
     * The canonical CSR ({@code rows × cols}) of COO triplets: {@code r} and {@code c} int64 in range (the caller
     * checked), {@code v} values; duplicates are summed in the values' dtype (bool: or), entries sorted.
     */
    Csr fromCoo(Tensor r, Tensor c, Tensor v, long rows, long cols);

    /** The dense 2-D tensor of {@code a} (values' dtype). */
    Tensor toDense(Csr a);

    /** The row index (plus {@code offset}) of every stored entry: int64, length nnz. */
    Tensor rowIndices(Csr a, long offset);

    /**
     * A message describing the first defect of user-given CSR parts, or null when they are valid: indptr has
     * rows + 1 entries, starts at 0, never decreases and ends at nnz; every index in [0, cols).
     */
    String validate(Tensor indptr, Tensor indices, long nnzValues, long rows, long cols);

    /** True when the columns of every row strictly increase. */
    boolean isCanonical(Csr a);

    /**
     * The pattern of a ∪ b ({@code union}) or a ∩ b of two canonical matrices of one shape, with for each entry its
     * position in a's and in b's values (-1 when absent): {indptr, indices, posA, posB}, all int64.
     */
    Tensor[] merge(Csr a, Csr b, boolean union);

    /** {@code out[i] = src[idx[i]]} (bitwise copies), zero where idx[i] = -1; 1-D, src's dtype. */
    Tensor gather(Tensor src, Tensor idx);

    /** {@code a} without the stored zeros (NaN kept); {@code a} itself when it has none. */
    Csr eliminateZeros(Csr a);

    /**
     * {@code a · b}: b is a contiguous (a.cols, m) tensor of a's dtype (float64, float32 or int64; integers exact in
     * 64 bits); a new (a.rows, m) tensor. Rows run in parallel.
     */
    Tensor spmm(Csr a, Tensor b);

    /**
     * The distinct columns a stores, increasing (int64), and a's indices renumbered to positions in that list:
     * {unique, renumbered}. The product drivers fetch exactly those rows of the other operand.
     */
    Tensor[] compactColumns(Csr a);

    /**
     * {@code a · b} of canonical matrices with a.cols = b.rows and one dtype (float64, float32 or int64):
     * Gustavson's row-by-row product with a dense accumulator of b.cols entries per thread; canonical result
     * without zeros (as scipy's csr_matmat).
     */
    Csr spgemm(Csr a, Csr b);

    /** Sum of each row (float64 or int64 out). */
    Tensor rowSums(Csr a, DType outType);

    /** Sum of each column (float64 or int64 out), length a.cols. */
    Tensor colSums(Csr a, DType outType);

    /** Rows [lo, hi) of a (copies). */
    Csr sliceRows(Csr a, long lo, long hi);

    /** Columns [lo, hi) of a, renumbered from 0. */
    Csr sliceColumns(Csr a, long lo, long hi);

    /**
     * Rows [rowStart, rowStart + rows) of the random {@code globalRows × cols} matrix of {@code seed}: each entry
     * stored with probability {@code density} and a value uniform in [0, 1), drawn from a hash of (seed, row,
     * column), so any process count makes the same matrix.
     */
    Csr random(long rowStart, long rows, long cols, double density, long seed, DType dtype, Backend on);

    /**
     * A stable permutation (int64) of {@code keys} grouping them by the bucket [bounds[b], bounds[b + 1]) they fall
     * in; {@code counts} (length bounds.length - 1) receives the bucket sizes.
     */
    Tensor bucket(Tensor keys, long[] bounds, long[] counts);

    /** For increasing {@code keys}: how many fall in each bucket [bounds[b], bounds[b + 1]). */
    long[] bucketCountsSorted(Tensor keys, long[] bounds);

    /** {@code t + delta} elementwise for the int64 tensor t (a new tensor). */
    Tensor shift(Tensor t, long delta);

    /** The rows {@code rows} (int64 local row numbers, any order, repeats allowed) of a, in that order. */
    Csr selectRows(Csr a, Tensor rows);

    /** The number of entries of each row (int64, length a.rows). */
    Tensor rowLengths(Csr a);

    /** Row pointers (length n + 1, from 0) of rows with the given int64 lengths. */
    Tensor indptrFromLengths(Tensor lengths);
}
