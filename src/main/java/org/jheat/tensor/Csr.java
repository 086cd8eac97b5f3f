package org.jheat.tensor;

/**
 * One process's compressed sparse row matrix: {@code indptr} (int64, rows + 1 entries, indptr[0] = 0),
 * {@code indices} (int64 column of each stored entry) and {@code values} (any real dtype), all 1-D and contiguous,
 * of shape {@code rows × cols}. The same triple read as columns is a CSC matrix of the transpose. "Canonical" means
 * the columns of each row strictly increase (sorted, no duplicates), which every kernel of {@link SparseKernels}
 * produces and expects unless it says otherwise.
 *
 * <pre>{@code
 * Csr a = Backend.cpu().sparse().fromDense(dense2d);
 * long stored = a.nnz();
 * }</pre>
 *
 * @param indptr  row pointers (int64, length rows + 1)
 * @param indices column indices (int64, length nnz)
 * @param values  stored values (length nnz)
 * @param rows    number of rows
 * @param cols    number of columns
 */
public record Csr(Tensor indptr, Tensor indices, Tensor values, long rows, long cols) {

    /** Stored entries. <pre>{@code long n = a.nnz(); }</pre> */
    public long nnz() { return indices.size(); }

    /** The element type of the values. <pre>{@code DType t = a.dtype(); }</pre> */
    public DType dtype() { return values.dtype(); }

    /** The backend of the values' device. <pre>{@code SparseKernels k = a.backend().sparse(); }</pre> */
    public Backend backend() { return values.backend(); }

    /** The same structure with other values (same length). <pre>{@code Csr b = a.withValues(newValues); }</pre> */
    public Csr withValues(Tensor v) {
        if (v.size() != indices.size()) throw new IllegalArgumentException("withValues: " + v.size() + " values for " + indices.size() + " entries");
        return new Csr(indptr, indices, v, rows, cols);
    }

    /** Off-heap bytes held (indptr, indices, values). <pre>{@code long b = a.nbytes(); }</pre> */
    public long nbytes() { return indptr.nbytes() + indices.nbytes() + values.nbytes(); }
}
