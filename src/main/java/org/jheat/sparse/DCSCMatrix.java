package org.jheat.sparse;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.tensor.Csr;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * A distributed compressed sparse column matrix (Heat's {@code DCSC_matrix}, scipy's {@code csc_matrix}): the
 * columns are split across the processes and each keeps its columns as a local CSC. A CSC matrix is the CSR matrix
 * of its transpose read the other way round, so this class holds exactly that — a {@link DCSRMatrix} of Aᵀ — and
 * every operation is the CSR operation on the transpose: {@code T()} and {@code toSparseCsr().T()} cost nothing or
 * one exchange, element-wise operations and reductions move no more data than their CSR forms. Collective like
 * {@link DCSRMatrix}.
 *
 * <pre>{@code
 * DCSCMatrix c = Sparse.sparseCscMatrix(dense);   // columns split
 * DNDarray colSums = c.sum(0);                     // split like the columns
 * DNDarray y = x.matmul(...);                      // see Sparse.matmul(DNDarray, DCSCMatrix)
 * }</pre>
 */
public final class DCSCMatrix {
    /** The transpose of this matrix as DCSR: its local CSR is this matrix's local CSC. */
    private final DCSRMatrix t;

    DCSCMatrix(DCSRMatrix transpose) { this.t = transpose; }

    /** Global shape (rows, columns). <pre>{@code long[] g = c.shape(); }</pre> */
    public long[] shape() {
        long[] s = t.shape();
        return new long[] {s[1], s[0]};
    }

    /** Global shape, Heat's name. <pre>{@code long[] g = c.gshape(); }</pre> */
    public long[] gshape() { return shape(); }

    /** Local shape (rows, this process's columns). <pre>{@code long mine = c.lshape()[1]; }</pre> */
    public long[] lshape() {
        long[] s = t.lshape();
        return new long[] {s[1], s[0]};
    }

    /** The split axis: 1 (columns). <pre>{@code int s = c.split(); }</pre> */
    public int split() { return 1; }

    /** Stored entries of the whole matrix. <pre>{@code long n = c.nnz(); }</pre> */
    public long nnz() { return t.nnz(); }

    /** Heat's name of {@link #nnz()}. <pre>{@code long n = c.gnnz(); }</pre> */
    public long gnnz() { return t.nnz(); }

    /** Stored entries on this process. <pre>{@code long n = c.lnnz(); }</pre> */
    public long lnnz() { return t.lnnz(); }

    /** Stored entries of every process. <pre>{@code long[] per = c.nnzCounts(); }</pre> */
    public long[] nnzCounts() { return t.nnzCounts(); }

    /** Columns of every process. <pre>{@code long[] cnt = c.counts(); }</pre> */
    public long[] counts() { return t.counts(); }

    /** Local shapes of every process. <pre>{@code long[][] m = c.lshapeMap(); }</pre> */
    public long[][] lshapeMap() {
        long[][] m = t.lshapeMap();
        for (long[] r : m) {
            long x = r[0];
            r[0] = r[1];
            r[1] = x;
        }
        return m;
    }

    /** True when the columns are balanced. <pre>{@code c.isBalanced()}</pre> */
    public boolean isBalanced() { return t.isBalanced(); }

    /** dtype of the values. <pre>{@code DType d = c.dtype(); }</pre> */
    public DType dtype() { return t.dtype(); }

    /** The communicator. <pre>{@code c.comm()}</pre> */
    public Communication comm() { return t.comm(); }

    /** Device of the local arrays. <pre>{@code c.device()}</pre> */
    public Device device() { return t.device(); }

    /** This process's columns as a local CSC (as a {@link Csr} over columns: indptr per column, row indices). <pre>{@code Csr l = c.local(); }</pre> */
    public Csr local() { return t.local(); }

    /** Local column pointers (int64). <pre>{@code Tensor p = c.lindptr(); }</pre> */
    public Tensor lindptr() { return t.lindptr(); }

    /** Local row indices (int64). <pre>{@code Tensor r = c.lindices(); }</pre> */
    public Tensor lindices() { return t.lindices(); }

    /** Local stored values. <pre>{@code Tensor v = c.ldata(); }</pre> */
    public Tensor ldata() { return t.ldata(); }

    /** One line, local. <pre>{@code System.out.println(c); }</pre> */
    @Override
    public String toString() {
        return "DCSCMatrix(shape=" + Shapes.str(shape()) + ", nnz=" + nnz() + ", dtype=" + dtype() + ", split=1, counts=" + java.util.Arrays.toString(counts()) + ")";
    }

    // ------------------------------------------------------------------------------------------ conversions

    /** The dense matrix, split along columns (axis 1) like this one. <pre>{@code DNDarray d = c.toDense(); }</pre> */
    public DNDarray toDense() { return t.toDense().T(); }

    /** The same matrix as DCSR (rows split, balanced): one exchange of entries. <pre>{@code DCSRMatrix r = c.toSparseCsr(); }</pre> */
    public DCSRMatrix toSparseCsr() { return Exchange.transpose(t); }

    /** Itself. <pre>{@code c.toSparseCsc()}</pre> */
    public DCSCMatrix toSparseCsc() { return this; }

    /** The transpose as a DCSR matrix over the same local arrays (scipy's {@code csc.T}, no data moves). <pre>{@code DCSRMatrix r = c.T(); }</pre> */
    public DCSRMatrix T() { return t; }

    /** Values converted to {@code d}. <pre>{@code c.astype(DType.FLOAT32)}</pre> */
    public DCSCMatrix astype(DType d) { return new DCSCMatrix(t.astype(d)); }

    /** Columns redistributed ({@code counts[r]} columns on process r). <pre>{@code c.redistribute(new long[] {3, 0, 4})}</pre> */
    public DCSCMatrix redistribute(long[] counts) { return new DCSCMatrix(t.redistribute(counts)); }

    /** Columns balanced. <pre>{@code c.balance()}</pre> */
    public DCSCMatrix balance() { return new DCSCMatrix(t.balance()); }

    /** Columns redistributed so that each process stores about nnz / p entries. <pre>{@code c.balanceByNnz()}</pre> */
    public DCSCMatrix balanceByNnz() { return new DCSCMatrix(t.balanceByNnz()); }

    // ------------------------------------------------------------------------------------------ element-wise

    /** Element-wise sum (same shape). <pre>{@code DCSCMatrix s = c.add(d); }</pre> */
    public DCSCMatrix add(DCSCMatrix b) { return new DCSCMatrix(t.add(b.t)); }

    /** Element-wise difference. <pre>{@code c.sub(d)}</pre> */
    public DCSCMatrix sub(DCSCMatrix b) { return new DCSCMatrix(t.sub(b.t)); }

    /** Element-wise product. <pre>{@code c.mul(d)}</pre> */
    public DCSCMatrix mul(DCSCMatrix b) { return new DCSCMatrix(t.mul(b.t)); }

    /** sparse + dense: dense (split along columns). <pre>{@code DNDarray d = c.add(x); }</pre> */
    public DNDarray add(DNDarray dense) { return toDense().add(dense); }

    /** sparse - dense: dense. <pre>{@code c.sub(x)}</pre> */
    public DNDarray sub(DNDarray dense) { return toDense().sub(dense); }

    /** sparse + 0 (a copy); a non-zero scalar is refused as in scipy. <pre>{@code c.add(0)}</pre> */
    public DCSCMatrix add(Number s) { return new DCSCMatrix(t.add(s)); }

    /** sparse - 0. <pre>{@code c.sub(0)}</pre> */
    public DCSCMatrix sub(Number s) { return new DCSCMatrix(t.sub(s)); }

    /** Values times s. <pre>{@code c.mul(2)}</pre> */
    public DCSCMatrix mul(Number s) { return new DCSCMatrix(t.mul(s)); }

    /** Values divided by s. <pre>{@code c.div(2)}</pre> */
    public DCSCMatrix div(Number s) { return new DCSCMatrix(t.div(s)); }

    /**
     * sparse ⊙ dense (same shape, or a row (1, n) / (n,) or column (m, 1) that broadcasts): sparse.
     * <pre>{@code c.mul(w)}</pre>
     */
    public DCSCMatrix mul(DNDarray dense) {
        long[] g = dense.gshape();
        // (A ⊙ D)ᵀ = Aᵀ ⊙ Dᵀ; a 1-D row of A is a column of Aᵀ
        DNDarray dt = g.length == 1 ? org.jheat.core.Shaping.reshape(dense, new long[] {g[0], 1}) : dense.T();
        return new DCSCMatrix(t.mul(dt));
    }

    /** -c. <pre>{@code c.neg()}</pre> */
    public DCSCMatrix neg() { return new DCSCMatrix(t.neg()); }

    /** |c|. <pre>{@code c.abs()}</pre> */
    public DCSCMatrix abs() { return new DCSCMatrix(t.abs()); }

    /** Power of the stored values (exponent 0 refused). <pre>{@code c.power(2)}</pre> */
    public DCSCMatrix power(Number n) { return new DCSCMatrix(t.power(n)); }

    // ------------------------------------------------------------------------------------------ reductions

    private static Integer flip(Integer axis) {
        if (axis == null) return null;
        if (axis < -2 || axis > 1) return axis;   // DCSRMatrix reports the bad axis
        return 1 - (axis < 0 ? axis + 2 : axis);
    }

    /** Sum of all entries, of each column (axis 0: split like the columns) or of each row (axis 1: replicated). <pre>{@code c.sum(0)}</pre> */
    public DNDarray sum(Integer axis) { return t.sum(flip(axis)); }

    /** Sum of all entries. <pre>{@code c.sum()}</pre> */
    public DNDarray sum() { return t.sum(null); }

    /** Mean over all entries or along an axis (zeros included). <pre>{@code c.mean(1)}</pre> */
    public DNDarray mean(Integer axis) { return t.mean(flip(axis)); }

    /** Mean of all entries. <pre>{@code c.mean()}</pre> */
    public DNDarray mean() { return t.mean(null); }

    // ------------------------------------------------------------------------------------------ slicing

    /** Columns [start, stop) (numpy slice semantics, step 1), columns staying where they are. <pre>{@code c.getColumns(0, 4)}</pre> */
    public DCSCMatrix getColumns(long start, long stop) { return new DCSCMatrix(t.getRows(start, stop)); }

    /** Rows [start, stop) (numpy slice semantics, step 1). <pre>{@code c.getRows(2, 5)}</pre> */
    public DCSCMatrix getRows(long start, long stop) { return new DCSCMatrix(t.getColumns(start, stop)); }

    // ------------------------------------------------------------------------------------------ products

    /** {@code this · x} (dense x): through the DCSR form (one exchange of entries). <pre>{@code DNDarray y = c.matmul(x); }</pre> */
    public DNDarray matmul(DNDarray x) { return toSparseCsr().matmul(x); }

    /** Sparse × sparse; a DCSR result. <pre>{@code DCSRMatrix p = c.matmul(d); }</pre> */
    public DCSRMatrix matmul(DCSCMatrix b) { return toSparseCsr().matmul(b.toSparseCsr()); }

    /** The transpose as DCSR (package use by the products). */
    DCSRMatrix transposed() { return t; }
}
