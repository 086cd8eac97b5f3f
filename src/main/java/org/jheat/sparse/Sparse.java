package org.jheat.sparse;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.tensor.Backend;
import org.jheat.tensor.Csr;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.SparseKernels;
import org.jheat.tensor.Tensor;

/**
 * Distributed sparse matrices, the facade of this package (Heat's {@code ht.sparse}, scipy's {@code scipy.sparse}):
 * factories of {@link DCSRMatrix} (rows split) and {@link DCSCMatrix} (columns split), conversions, element-wise
 * operations and products. Every function is collective; checks of global arguments happen before any
 * communication, and defects in what each process passes itself (local CSR parts, COO triplets, file contents) are
 * agreed on first, so a bad call throws the same exception on every process.
 *
 * <pre>{@code
 * import static org.jheat.sparse.Sparse.*;
 * DCSRMatrix a = sparseCsrMatrix(dense);                        // from a dense DNDarray
 * DCSRMatrix b = fromCoo(rows, cols, vals, new long[] {m, n});   // each process passes some triplets
 * DCSRMatrix r = random(1000, 1000, 0.01, 42, DType.FLOAT64);   // same matrix for any process count
 * DNDarray y = matmul(a, x);                                    // SpMV / SpMM, only the needed rows of x move
 * DCSRMatrix c = matmul(a, b);                                  // SpGEMM
 * DNDarray d = toDense(add(a, b));
 * }</pre>
 */
public final class Sparse {
    private Sparse() { }

    // ------------------------------------------------------------------------------------------ factories

    /**
     * The DCSR matrix of a dense 2-D array (entries that are not 0 are stored; NaN is stored, -0.0 is not). Rows are
     * split like x's when x is split along rows, balanced when x is replicated; a column-split x is resplit first.
     * <pre>{@code DCSRMatrix a = Sparse.sparseCsrMatrix(x); }</pre>
     */
    public static DCSRMatrix sparseCsrMatrix(DNDarray x) {
        if (x.ndim() != 2) throw new IllegalArgumentException("sparseCsrMatrix: the dense array must be 2-D, got shape " + Shapes.str(x.gshape()));
        Checks.realDType(x.dtype(), "sparseCsrMatrix");
        Communication comm = x.comm();
        long[] g = x.gshape();
        DNDarray y = x.splitAxis() == 1 ? x.resplit(0) : x;
        long[] counts;
        Tensor local;
        if (y.splitAxis() < 0) {
            counts = Distribution.counts(g[0], comm.size());
            local = y.larray().narrow(0, Distribution.displs(counts)[comm.rank()], counts[comm.rank()]);
        } else {
            counts = y.countsDispls()[0];
            local = y.larray();
        }
        return DCSRMatrix.of(local.backend().sparse().fromDense(local), g[0], g[1], counts, comm);
    }

    /** The DCSC matrix of a dense 2-D array (columns split). <pre>{@code DCSCMatrix c = Sparse.sparseCscMatrix(x); }</pre> */
    public static DCSCMatrix sparseCscMatrix(DNDarray x) {
        if (x.ndim() != 2) throw new IllegalArgumentException("sparseCscMatrix: the dense array must be 2-D, got shape " + Shapes.str(x.gshape()));
        return new DCSCMatrix(sparseCsrMatrix(x.T()));
    }

    /**
     * A DCSR matrix from each process's own rows in CSR form (Heat's {@code is_split=0}): process r passes
     * {@code indptr} (its rows + 1 entries, from 0), {@code indices} (int64 columns) and {@code data}; the rows of
     * process r follow those of process r-1, and {@code cols} is the global number of columns. Columns within a row
     * may be unsorted or repeated: they are sorted and repeats summed (scipy's canonical form).
     * <pre>{@code DCSRMatrix a = Sparse.sparseCsrMatrix(myIndptr, myIndices, myData, 1000); }</pre>
     *
     * @throws IllegalArgumentException on every process when any process's parts are malformed (indptr not starting
     *     at 0, decreasing, not ending at the number of values; indices out of [0, cols); wrong dtypes)
     */
    public static DCSRMatrix sparseCsrMatrix(Tensor indptr, Tensor indices, Tensor data, long cols) {
        Communication comm = Communications.world();
        if (cols < 0) throw new IllegalArgumentException("sparseCsrMatrix: cols must be >= 0, got " + cols);
        String err = null;
        if (indptr == null || indices == null || data == null) err = "indptr, indices and data must not be null";
        else if (indptr.dtype() != DType.INT64 || indices.dtype() != DType.INT64) {
            err = "indptr and indices must be int64, got " + indptr.dtype() + " and " + indices.dtype();
        } else if (data.ndim() != 1) err = "data must be 1-D, got shape " + Shapes.str(data.shape());
        else if (data.dtype().isComplex()) err = "sparse values must be real, got " + data.dtype();
        else if (indptr.ndim() != 1 || indptr.size() < 1) err = "indptr must be 1-D with at least one entry, got shape " + Shapes.str(indptr.shape());
        else err = data.backend().sparse().validate(indptr.contiguous(), indices.contiguous(), data.size(), indptr.size() - 1, cols);
        long[] meta = comm.allgather(new long[] {err == null ? 0 : 1, err == null ? data.dtype().ordinal() : -1,
            err == null ? indptr.size() - 1 : 0});
        Checks.agree(comm, err);
        int p = comm.size();
        long[] counts = new long[p];
        long rows = 0;
        for (int r = 0; r < p; r++) {
            if (meta[3 * r + 1] != meta[1]) {
                throw new IllegalArgumentException("sparseCsrMatrix: local data dtypes differ: rank 0 has " + DType.values()[(int) meta[1]]
                        + ", rank " + r + " has " + DType.values()[(int) meta[3 * r + 1]]);
            }
            counts[r] = meta[3 * r + 2];
            rows += counts[r];
        }
        SparseKernels k = data.backend().sparse();
        Csr l = new Csr(indptr.contiguous(), indices.contiguous(), data.contiguous(), counts[comm.rank()], cols);
        if (!k.isCanonical(l)) l = k.fromCoo(k.rowIndices(l, 0), l.indices(), l.values(), l.rows(), cols);
        return DCSRMatrix.of(l, rows, cols, counts, comm);
    }

    /**
     * A DCSC matrix from each process's own columns in CSC form: {@code indptr} over its columns, {@code indices} the
     * int64 rows, {@code data}; {@code rows} is the global number of rows. Same checks as the CSR form.
     * <pre>{@code DCSCMatrix c = Sparse.sparseCscMatrix(myIndptr, myRowIdx, myData, 500); }</pre>
     */
    public static DCSCMatrix sparseCscMatrix(Tensor indptr, Tensor indices, Tensor data, long rows) {
        return new DCSCMatrix(sparseCsrMatrix(indptr, indices, data, rows));
    }

    /**
     * A DCSR matrix of {@code shape} (rows balanced) from COO triplets: each process passes any triplets (row,
     * column, value) it has — 1-D integer row and column indices and values of one length; duplicates are summed
     * (scipy's {@code coo_matrix(...).tocsr()}). One exchange of the triplets to the owners of their rows.
     * <pre>{@code DCSRMatrix a = Sparse.fromCoo(r, c, v, new long[] {4, 5}); }</pre>
     *
     * @throws IllegalArgumentException on every process when any process passes indices out of range, arrays of
     *     different lengths or non-integer indices
     */
    public static DCSRMatrix fromCoo(Tensor rows, Tensor cols, Tensor values, long[] shape) {
        long[] s = Checks.shape2(shape, "fromCoo");
        Communication comm = Communications.world();
        String err = null;
        if (rows == null || cols == null || values == null) err = "rows, cols and values must not be null";
        else if (rows.ndim() != 1 || cols.ndim() != 1 || values.ndim() != 1) {
            err = "rows, cols and values must be 1-D, got shapes " + Shapes.str(rows.shape()) + ", " + Shapes.str(cols.shape()) + ", " + Shapes.str(values.shape());
        } else if (rows.size() != cols.size() || rows.size() != values.size()) {
            err = "rows, cols and values must have one length, got " + rows.size() + ", " + cols.size() + ", " + values.size();
        } else if (!rows.dtype().isInteger() || !cols.dtype().isInteger()) {
            err = "row and column indices must be integers, got " + rows.dtype() + " and " + cols.dtype();
        } else if (values.dtype().isComplex()) err = "sparse values must be real, got " + values.dtype();
        else err = outOfRange(rows, s[0], "row") == null ? outOfRange(cols, s[1], "column") : outOfRange(rows, s[0], "row");
        long[] types = comm.allgather(err == null ? values.dtype().ordinal() : -1L);
        Checks.agree(comm, err);
        for (int r = 1; r < types.length; r++) {
            if (types[r] != types[0]) {
                throw new IllegalArgumentException("fromCoo: value dtypes differ: rank 0 has " + DType.values()[(int) types[0]] + ", rank " + r + " has " + DType.values()[(int) types[r]]);
            }
        }
        Tensor r64 = Values.as(rows.contiguous(), DType.INT64), c64 = Values.as(cols.contiguous(), DType.INT64);
        return Exchange.route(r64, c64, values.contiguous(), s[0], s[1], Distribution.counts(s[0], comm.size()), comm);
    }

    /** The first index of {@code idx} outside [0, n), as a message, or null. */
    private static String outOfRange(Tensor idx, long n, String what) {
        Backend be = idx.backend();
        if (idx.size() == 0) return null;
        double[] mm = be.range(idx);
        if (mm[0] < 0 || mm[1] >= n) {
            return what + " index " + (long) (mm[0] < 0 ? mm[0] : mm[1]) + " out of range [0, " + n + ")";
        }
        return null;
    }

    /**
     * A random DCSR matrix: each entry stored with probability {@code density}, values uniform in [0, 1) (float32 or
     * float64), drawn from a hash of (seed, row, column) — the same matrix for any number of processes (not scipy's
     * stream). Rows balanced. <pre>{@code DCSRMatrix r = Sparse.random(100, 50, 0.1, 7, DType.FLOAT64); }</pre>
     */
    public static DCSRMatrix random(long rows, long cols, double density, long seed, DType dtype) {
        Checks.shape2(new long[] {rows, cols}, "random");
        if (!(density >= 0 && density <= 1)) throw new IllegalArgumentException("random: density must be in [0, 1], got " + density);
        if (dtype != DType.FLOAT64 && dtype != DType.FLOAT32) throw new IllegalArgumentException("random: dtype must be float32 or float64, got " + dtype);
        Communication comm = Communications.world();
        long[] counts = Distribution.counts(rows, comm.size());
        Backend be = Backend.forDevice(Device.defaultDevice());
        Csr l = be.sparse().random(Distribution.displs(counts)[comm.rank()], counts[comm.rank()], cols, density, seed, dtype, be);
        return DCSRMatrix.of(l, rows, cols, counts, comm);
    }

    /** Like {@link #random(long, long, double, long, DType)} in float64. <pre>{@code Sparse.random(10, 10, 0.2, 1)}</pre> */
    public static DCSRMatrix random(long rows, long cols, double density, long seed) { return random(rows, cols, density, seed, DType.FLOAT64); }

    // ------------------------------------------------------------------------------------------ conversions

    /** Dense form, split along rows. <pre>{@code DNDarray d = Sparse.toDense(a); }</pre> */
    public static DNDarray toDense(DCSRMatrix a) { return a.toDense(); }

    /** Dense form, split along columns. <pre>{@code DNDarray d = Sparse.toDense(c); }</pre> */
    public static DNDarray toDense(DCSCMatrix a) { return a.toDense(); }

    /** Dense → DCSR. <pre>{@code Sparse.toSparseCsr(x)}</pre> */
    public static DCSRMatrix toSparseCsr(DNDarray x) { return sparseCsrMatrix(x); }

    /** DCSC → DCSR (one exchange). <pre>{@code Sparse.toSparseCsr(c)}</pre> */
    public static DCSRMatrix toSparseCsr(DCSCMatrix a) { return a.toSparseCsr(); }

    /** Dense → DCSC. <pre>{@code Sparse.toSparseCsc(x)}</pre> */
    public static DCSCMatrix toSparseCsc(DNDarray x) { return sparseCscMatrix(x); }

    /** DCSR → DCSC (one exchange). <pre>{@code Sparse.toSparseCsc(a)}</pre> */
    public static DCSCMatrix toSparseCsc(DCSRMatrix a) { return a.toSparseCsc(); }

    // ------------------------------------------------------------------------------------------ element-wise

    /** Heat's {@code sparse.add}: element-wise sum of two sparse matrices. <pre>{@code Sparse.add(a, b)}</pre> */
    public static DCSRMatrix add(DCSRMatrix a, DCSRMatrix b) { return a.add(b); }

    /** Element-wise sum (CSC). <pre>{@code Sparse.add(c, d)}</pre> */
    public static DCSCMatrix add(DCSCMatrix a, DCSCMatrix b) { return a.add(b); }

    /** Element-wise difference. <pre>{@code Sparse.sub(a, b)}</pre> */
    public static DCSRMatrix sub(DCSRMatrix a, DCSRMatrix b) { return a.sub(b); }

    /** Element-wise difference (CSC). <pre>{@code Sparse.sub(c, d)}</pre> */
    public static DCSCMatrix sub(DCSCMatrix a, DCSCMatrix b) { return a.sub(b); }

    /** Heat's {@code sparse.mul}: element-wise product. <pre>{@code Sparse.mul(a, b)}</pre> */
    public static DCSRMatrix mul(DCSRMatrix a, DCSRMatrix b) { return a.mul(b); }

    /** Element-wise product (CSC). <pre>{@code Sparse.mul(c, d)}</pre> */
    public static DCSCMatrix mul(DCSCMatrix a, DCSCMatrix b) { return a.mul(b); }

    /** Values times a scalar. <pre>{@code Sparse.mul(a, 3)}</pre> */
    public static DCSRMatrix mul(DCSRMatrix a, Number s) { return a.mul(s); }

    /** sparse ⊙ dense: sparse. <pre>{@code Sparse.mul(a, w)}</pre> */
    public static DCSRMatrix mul(DCSRMatrix a, DNDarray dense) { return a.mul(dense); }

    /** sparse + dense: dense. <pre>{@code Sparse.add(a, x)}</pre> */
    public static DNDarray add(DCSRMatrix a, DNDarray dense) { return a.add(dense); }

    // ------------------------------------------------------------------------------------------ products

    /** Sparse × dense (SpMV / SpMM). <pre>{@code DNDarray y = Sparse.matmul(a, x); }</pre> */
    public static DNDarray matmul(DCSRMatrix a, DNDarray x) { return a.matmul(x); }

    /** Sparse (CSC) × dense. <pre>{@code Sparse.matmul(c, x)}</pre> */
    public static DNDarray matmul(DCSCMatrix a, DNDarray x) { return a.matmul(x); }

    /**
     * Dense × sparse {@code x · a}: computed as {@code (aᵀ · xᵀ)ᵀ} (one exchange of a's entries for the transpose);
     * a 2-D result is split along its columns. <pre>{@code DNDarray z = Sparse.matmul(x, a); }</pre>
     */
    public static DNDarray matmul(DNDarray x, DCSRMatrix a) { return Products.dmsp(x, Exchange.transpose(a), a.shape()); }

    /** Dense × sparse (CSC): no entries move (the CSC matrix is the DCSR form of its transpose). <pre>{@code Sparse.matmul(x, c)}</pre> */
    public static DNDarray matmul(DNDarray x, DCSCMatrix a) { return Products.dmsp(x, a.transposed(), a.shape()); }

    /** Sparse × sparse (SpGEMM), rows split like a. <pre>{@code DCSRMatrix c = Sparse.matmul(a, b); }</pre> */
    public static DCSRMatrix matmul(DCSRMatrix a, DCSRMatrix b) { return a.matmul(b); }

    /** Sparse × sparse for CSC operands (through their CSR forms). <pre>{@code Sparse.matmul(c, d)}</pre> */
    public static DCSRMatrix matmul(DCSCMatrix a, DCSCMatrix b) { return a.matmul(b); }

    // ------------------------------------------------------------------------------------------ files

    /**
     * A Matrix Market file ({@code .mtx}, coordinate format: real, integer or pattern; general, symmetric or
     * skew-symmetric, as scipy.io.mmwrite writes) read in parallel: every process parses one byte range of the
     * entries, then the triplets go to the owners of their rows. float64 values (int64 for integer files).
     * <pre>{@code DCSRMatrix a = Sparse.loadMtx("graph.mtx"); }</pre>
     *
     * @throws IllegalArgumentException on every process for a malformed file (with the line number)
     */
    public static DCSRMatrix loadMtx(String path) { return MatrixMarket.load(path, Communications.world()); }

    /**
     * Writes a Matrix Market coordinate file (general, 1-based), gathered onto rank 0 one slab after another.
     * <pre>{@code Sparse.saveMtx(a, "a.mtx"); }</pre>
     */
    public static void saveMtx(DCSRMatrix a, String path) { MatrixMarket.save(a, path); }

    /**
     * A scipy {@code save_npz} file (csr, csc or coo) read in parallel: each process reads only its rows' (or
     * columns') pointers and entries. A csc file gives a DCSC matrix, which this returns in CSR form (one exchange);
     * see {@link #loadNpzCsc} to keep it. <pre>{@code DCSRMatrix a = Sparse.loadNpz("a.npz"); }</pre>
     *
     * @throws IllegalArgumentException on every process for a missing, malformed or unsupported file
     */
    public static DCSRMatrix loadNpz(String path) {
        Object m = Npz.load(path, Communications.world());
        return m instanceof DCSCMatrix c ? c.toSparseCsr() : (DCSRMatrix) m;
    }

    /** A save_npz file as DCSC (csr and coo files are converted, one exchange). <pre>{@code DCSCMatrix c = Sparse.loadNpzCsc("a.npz"); }</pre> */
    public static DCSCMatrix loadNpzCsc(String path) {
        Object m = Npz.load(path, Communications.world());
        return m instanceof DCSCMatrix c ? c : ((DCSRMatrix) m).toSparseCsc();
    }

    /**
     * Writes scipy's {@code save_npz} file (format "csr", deflated as scipy's default), readable by
     * {@code scipy.sparse.load_npz} and {@link #loadNpz}. Rank 0 writes, receiving each process's rows in turn (a zip
     * is one sequential stream); the file appears complete or not at all (temporary name, then rename).
     * <pre>{@code Sparse.saveNpz(a, "a.npz"); }</pre>
     *
     * @throws IllegalArgumentException on every process for a value dtype .npy cannot hold or a failed write
     */
    public static void saveNpz(DCSRMatrix a, String path) { saveNpz(a, path, true); }

    /** {@link #saveNpz(DCSRMatrix, String)} deflated ({@code compressed}) or stored, as scipy's {@code compressed=}. <pre>{@code Sparse.saveNpz(a, "a.npz", false); }</pre> */
    public static void saveNpz(DCSRMatrix a, String path, boolean compressed) { Npz.save(a, "csr", a.shape(), path, compressed); }

    /** A DCSC matrix as a save_npz file of format "csc" (each process's columns). <pre>{@code Sparse.saveNpz(c, "c.npz"); }</pre> */
    public static void saveNpz(DCSCMatrix a, String path) { saveNpz(a, path, true); }

    /** {@link #saveNpz(DCSCMatrix, String)} deflated or stored. <pre>{@code Sparse.saveNpz(c, "c.npz", false); }</pre> */
    public static void saveNpz(DCSCMatrix a, String path, boolean compressed) { Npz.save(a.T(), "csc", a.shape(), path, compressed); }
}
