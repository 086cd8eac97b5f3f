package org.jheat.sparse;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.core.Arithmetics;
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
 * A distributed compressed sparse row matrix (Heat's {@code DCSR_matrix}, scipy's {@code csr_matrix}): the rows are
 * split across the processes (process r holds {@code counts()[r]} consecutive rows, balanced unless an operation says
 * otherwise) and each process keeps its rows as a canonical local {@link Csr} (int64 indptr and column indices,
 * values of any real dtype, columns sorted and unique within each row) in off-heap memory. Metadata — global shape,
 * the rows and stored entries of every process — is known locally, so {@link #toString()}, {@link #nnz()} and
 * {@link #lshapeMap()} never communicate. Every other operation is collective.
 *
 * <p>Element-wise operations follow scipy: sparse ⊕ sparse and sparse ⊙ dense stay sparse (zeros that result are
 * dropped, as scipy's {@code csr_binop_csr} does), sparse + dense is dense, sparse + a non-zero scalar is refused
 * (it would densify). Products fetch only the rows of the other operand that the local columns touch.
 *
 * <pre>{@code
 * DCSRMatrix a = Sparse.sparseCsrMatrix(dense);          // dense DNDarray -> sparse, rows split
 * DCSRMatrix b = a.add(a).mul(0.5);
 * DNDarray y = a.matmul(x);                               // SpMV / SpMM
 * DNDarray back = b.toDense();
 * }</pre>
 */
public final class DCSRMatrix {
    private final Csr local;
    private final long rows;
    private final long cols;
    private final long[] counts;
    private final long[] nnzCounts;
    private final Communication comm;
    /** The last fetch plan of a product and the row counts of the operand it was made for (products repeat, e.g. in cg). */
    private Exchange.Plan plan;
    private long[] planCounts;

    DCSRMatrix(Csr local, long rows, long cols, long[] counts, long[] nnzCounts, Communication comm) {
        this.local = local;
        this.rows = rows;
        this.cols = cols;
        this.counts = counts.clone();
        this.nnzCounts = nnzCounts.clone();
        this.comm = comm;
    }

    /** Wraps this process's rows; gathers every process's entry count (collective). */
    static DCSRMatrix of(Csr local, long rows, long cols, long[] counts, Communication comm) {
        return new DCSRMatrix(local, rows, cols, counts, comm.allgather(local.nnz()), comm);
    }

    // ------------------------------------------------------------------------------------------ metadata (local)

    /** Global shape (rows, columns). <pre>{@code long n = a.shape()[0]; }</pre> */
    public long[] shape() { return new long[] {rows, cols}; }

    /** Global shape, Heat's name. <pre>{@code long[] g = a.gshape(); }</pre> */
    public long[] gshape() { return shape(); }

    /** Local shape (this process's rows, columns). <pre>{@code long mine = a.lshape()[0]; }</pre> */
    public long[] lshape() { return new long[] {local.rows(), cols}; }

    /** Stored entries of the whole matrix. <pre>{@code long n = a.nnz(); }</pre> */
    public long nnz() {
        long s = 0;
        for (long c : nnzCounts) s += c;
        return s;
    }

    /** Heat's name of {@link #nnz()}. <pre>{@code long n = a.gnnz(); }</pre> */
    public long gnnz() { return nnz(); }

    /** Stored entries on this process. <pre>{@code long n = a.lnnz(); }</pre> */
    public long lnnz() { return local.nnz(); }

    /** Stored entries of every process. <pre>{@code long[] per = a.nnzCounts(); }</pre> */
    public long[] nnzCounts() { return nnzCounts.clone(); }

    /** Rows of every process. <pre>{@code long[] c = a.counts(); }</pre> */
    public long[] counts() { return counts.clone(); }

    /** Global index of this process's first row. <pre>{@code long r0 = a.rowDispl(); }</pre> */
    public long rowDispl() { return Distribution.displs(counts)[comm.rank()]; }

    /** The split axis: 0 (rows). <pre>{@code int s = a.split(); }</pre> */
    public int split() { return 0; }

    /** Local shapes of every process. <pre>{@code long[][] m = a.lshapeMap(); }</pre> */
    public long[][] lshapeMap() {
        long[][] m = new long[counts.length][];
        for (int r = 0; r < m.length; r++) m[r] = new long[] {counts[r], cols};
        return m;
    }

    /** True when the rows are split as {@link Distribution#balanced}. <pre>{@code if (!a.isBalanced()) a = a.balance(); }</pre> */
    public boolean isBalanced() { return Arrays.equals(counts, Distribution.counts(rows, counts.length)); }

    /** dtype of the values. <pre>{@code DType t = a.dtype(); }</pre> */
    public DType dtype() { return local.dtype(); }

    /** The communicator. <pre>{@code Communication c = a.comm(); }</pre> */
    public Communication comm() { return comm; }

    /** Device of the local arrays. <pre>{@code Device d = a.device(); }</pre> */
    public Device device() { return local.values().device(); }

    /** This process's rows as a local CSR (its row pointers start at 0). <pre>{@code Csr l = a.local(); }</pre> */
    public Csr local() { return local; }

    /** Local row pointers (int64, lshape[0] + 1). <pre>{@code Tensor p = a.lindptr(); }</pre> */
    public Tensor lindptr() { return local.indptr(); }

    /** Local column indices (int64). <pre>{@code Tensor c = a.lindices(); }</pre> */
    public Tensor lindices() { return local.indices(); }

    /** Local stored values. <pre>{@code Tensor v = a.ldata(); }</pre> */
    public Tensor ldata() { return local.values(); }

    /** A one-line description (local, never collective). <pre>{@code System.out.println(a); }</pre> */
    @Override
    public String toString() {
        return "DCSRMatrix(shape=" + Shapes.str(shape()) + ", nnz=" + nnz() + ", dtype=" + dtype() + ", split=0, counts=" + Arrays.toString(counts) + ")";
    }

    private SparseKernels k() { return local.backend().sparse(); }

    // ------------------------------------------------------------------------------------------ conversions

    /** The dense matrix, split along rows like this one. <pre>{@code DNDarray d = a.toDense(); }</pre> */
    public DNDarray toDense() {
        return new DNDarray(k().toDense(local), shape(), 0, comm, device(), lshapeMap());
    }

    /** The same matrix as DCSC (columns split, balanced): one exchange of the entries. <pre>{@code DCSCMatrix c = a.toSparseCsc(); }</pre> */
    public DCSCMatrix toSparseCsc() { return new DCSCMatrix(Exchange.transpose(this)); }

    /** Itself (already CSR). <pre>{@code DCSRMatrix s = a.toSparseCsr(); }</pre> */
    public DCSRMatrix toSparseCsr() { return this; }

    /**
     * The transpose, as scipy's {@code csr.T}: a DCSC matrix over the same local arrays (no data moves).
     * <pre>{@code DCSCMatrix t = a.T(); }</pre>
     */
    public DCSCMatrix T() { return new DCSCMatrix(this); }

    /** The transpose as a DCSR matrix (rows balanced): one exchange. <pre>{@code DCSRMatrix t = a.transpose(); }</pre> */
    public DCSRMatrix transpose() { return Exchange.transpose(this); }

    /** Values converted to {@code t} (numpy's unsafe cast; explicit zeros that result are kept). <pre>{@code a.astype(DType.FLOAT32)}</pre> */
    public DCSRMatrix astype(DType t) {
        Checks.realDType(t, "astype");
        if (t == dtype()) return this;
        return new DCSRMatrix(local.withValues(local.values().astype(t)), rows, cols, counts, nnzCounts, comm);
    }

    /**
     * The same matrix with {@code targetCounts[r]} rows on process r (one exchange of entries).
     * <pre>{@code DCSRMatrix b = a.redistribute(new long[] {0, 5, 2}); }</pre>
     *
     * @throws IllegalArgumentException when the counts do not match the processes or the rows
     */
    public DCSRMatrix redistribute(long[] targetCounts) {
        if (targetCounts == null || targetCounts.length != comm.size()) {
            throw new IllegalArgumentException("redistribute: need one row count per process (" + comm.size() + "), got "
                    + (targetCounts == null ? "null" : Arrays.toString(targetCounts)));
        }
        long s = 0;
        for (long c : targetCounts) {
            if (c < 0) throw new IllegalArgumentException("redistribute: row counts must be >= 0, got " + Arrays.toString(targetCounts));
            s += c;
        }
        if (s != rows) throw new IllegalArgumentException("redistribute: row counts " + Arrays.toString(targetCounts) + " sum to " + s + ", the matrix has " + rows + " rows");
        if (Arrays.equals(targetCounts, counts)) return this;
        Tensor[] t = Exchange.triplets(this);
        return Exchange.route(t[0], t[1], t[2], rows, cols, targetCounts, comm);
    }

    /** Rows balanced ({@link Distribution#balanced}). <pre>{@code DCSRMatrix b = a.balance(); }</pre> */
    public DCSRMatrix balance() { return redistribute(Distribution.counts(rows, comm.size())); }

    /**
     * Rows redistributed so that every process stores about nnz / p entries (whole rows; for products whose cost
     * follows the entries). <pre>{@code DCSRMatrix b = a.balanceByNnz(); }</pre>
     */
    public DCSRMatrix balanceByNnz() {
        int p = comm.size();
        long total = nnz(), myFirst = Distribution.displs(nnzCounts)[comm.rank()], r0 = rowDispl();
        // cut b (1 … p-1): the first row whose preceding rows hold at least b·total/p entries; the prefix counts are
        // monotone, so the smallest candidate over the processes is the answer (one Allreduce)
        long[] cut = new long[p + 1];
        Tensor ip = local.indptr();
        long lr = local.rows();
        for (int b = 1; b < p; b++) {
            long target = total * b / p;
            long lo = 0, hi = lr + 1;
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                if (myFirst + ip.getLongFlat(mid) < target) lo = mid + 1;
                else hi = mid;
            }
            cut[b] = lo <= lr ? r0 + lo : Long.MAX_VALUE;
        }
        cut[p] = rows;
        long[] all = comm.allreduce(cut, ReduceOp.MIN);
        long[] target = new long[p];
        long prev = 0;
        for (int b = 1; b <= p; b++) {
            long c = b == p ? rows : Math.max(prev, Math.min(rows, all[b]));
            target[b - 1] = c - prev;
            prev = c;
        }
        return redistribute(target);
    }

    // ------------------------------------------------------------------------------------------ element-wise

    /** Entries of b on this process's rows (b redistributed when its rows are split otherwise). */
    private Csr aligned(DCSRMatrix b) {
        Backend.commonDevice(device(), b.device());
        return Arrays.equals(b.counts, counts) ? b.local : b.redistribute(counts).local;
    }

    private DCSRMatrix merged(DCSRMatrix b, char op) {
        Checks.sameShape(shape(), b.shape(), op == '+' ? "add" : op == '-' ? "sub" : "mul");
        Csr bl = aligned(b);
        SparseKernels k = k();
        // a product over the union as scipy's multiply: a stored NaN or inf times an implicit zero is NaN, not absent
        // (integers and bools: every such product is 0, so the intersection suffices)
        boolean union = op != '*' || !local.values().dtype().isIntegral() || !bl.values().dtype().isIntegral();
        Tensor[] m = k.merge(local, bl, union);
        Tensor va = k.gather(local.values(), m[2]), vb = k.gather(bl.values(), m[3]);
        Tensor v = op == '+' ? Values.add(va, vb) : op == '-' ? Values.sub(va, vb) : Values.mul(va, vb);
        va.free();
        vb.free();
        Csr r = k.eliminateZeros(new Csr(m[0], m[1], v, local.rows(), cols));
        return of(r, rows, cols, counts, comm);
    }

    /** Element-wise sum with a sparse matrix of the same shape (numpy's result dtype). <pre>{@code DCSRMatrix c = a.add(b); }</pre> */
    public DCSRMatrix add(DCSRMatrix b) { return merged(b, '+'); }

    /** Element-wise difference. <pre>{@code DCSRMatrix c = a.sub(b); }</pre> */
    public DCSRMatrix sub(DCSRMatrix b) { return merged(b, '-'); }

    /**
     * Element-wise (Hadamard) product as scipy's {@code multiply}: the entries both hold, and a stored NaN or infinity
     * against an implicit zero (NaN). <pre>{@code DCSRMatrix c = a.mul(b); }</pre>
     */
    public DCSRMatrix mul(DCSRMatrix b) { return merged(b, '*'); }

    /**
     * sparse + dense: a dense array (numpy broadcasting of the dense operand, result split like this matrix's rows).
     * <pre>{@code DNDarray d = a.add(x); }</pre>
     */
    public DNDarray add(DNDarray dense) { return Arithmetics.add(toDense(), dense); }

    /** sparse - dense: dense. <pre>{@code DNDarray d = a.sub(x); }</pre> */
    public DNDarray sub(DNDarray dense) { return Arithmetics.sub(toDense(), dense); }

    /**
     * sparse + scalar: scipy allows only 0 (a copy); another value would make every entry non-zero.
     * <pre>{@code DCSRMatrix same = a.add(0); }</pre>
     *
     * @throws IllegalArgumentException for a non-zero scalar
     */
    public DCSRMatrix add(Number s) {
        if (s.doubleValue() != 0) {
            throw new IllegalArgumentException("add: adding the non-zero scalar " + s + " to a sparse matrix is not supported (it would be dense); use toDense().add(s)");
        }
        return new DCSRMatrix(local.withValues(local.values().copy()), rows, cols, counts, nnzCounts, comm);
    }

    /** sparse - scalar (only 0, see {@link #add(Number)}). <pre>{@code a.sub(0)}</pre> */
    public DCSRMatrix sub(Number s) { return add(s.doubleValue() == 0 ? s : -s.doubleValue()); }

    /** Every value times s (scipy keeps the pattern, also for s = 0). <pre>{@code DCSRMatrix h = a.mul(0.5); }</pre> */
    public DCSRMatrix mul(Number s) { return mapValues(Values.mul(local.values(), s)); }

    /**
     * Every value divided by s; float64 values as scipy's true division (which upcasts float32 too, unlike numpy).
     * <pre>{@code DCSRMatrix h = a.div(2); }</pre>
     */
    public DCSRMatrix div(Number s) { return mapValues(Values.div(Values.as(local.values(), DType.FLOAT64), s)); }

    /** -a. <pre>{@code DCSRMatrix n = a.neg(); }</pre> */
    public DCSRMatrix neg() { return mapValues(Values.neg(local.values())); }

    /** |a|. <pre>{@code DCSRMatrix m = a.abs(); }</pre> */
    public DCSRMatrix abs() { return mapValues(Values.abs(local.values())); }

    /**
     * Element-wise power of the stored values (scipy's {@code power}); the exponent 0 is refused as scipy does (it
     * would make every entry 1). <pre>{@code DCSRMatrix sq = a.power(2); }</pre>
     */
    public DCSRMatrix power(Number n) {
        if (n.doubleValue() == 0) throw new IllegalArgumentException("power: the exponent 0 is not supported, it would make the matrix dense");
        org.jheat.core.Arithmetics.checkIntegerPower(dtype(), n, "power");
        return mapValues(Values.pow(local.values(), n));
    }

    private DCSRMatrix mapValues(Tensor v) { return new DCSRMatrix(local.withValues(v), rows, cols, counts, nnzCounts, comm); }

    /**
     * sparse ⊙ dense (scipy's {@code multiply}): a sparse result with this pattern. The dense operand has this shape or
     * broadcasts to it as a row (1, n) / (n,) or a column (m, 1); it is redistributed to these rows when needed.
     * <pre>{@code DCSRMatrix w = a.mul(weights); }</pre>
     */
    public DCSRMatrix mul(DNDarray dense) {
        long[] g = dense.gshape();
        boolean full = g.length == 2 && g[0] == rows && g[1] == cols;
        boolean row = (g.length == 1 && g[0] == cols) || (g.length == 2 && g[0] == 1 && g[1] == cols);
        boolean col = g.length == 2 && g[0] == rows && g[1] == 1 && !full;
        if (!full && !row && !col) {
            throw new IllegalArgumentException("mul: the dense operand of shape " + Shapes.str(g) + " does not broadcast to the sparse shape "
                    + Shapes.str(shape()) + " (allowed: the same shape, (1, n), (n,), (m, 1))");
        }
        Checks.realDType(dense.dtype(), "mul");
        Backend.commonDevice(device(), dense.device());
        SparseKernels k = k();
        Tensor idx;
        Tensor src;
        if (row) {
            src = (dense.splitAxis() < 0 ? dense : dense.resplit(null)).larray().reshape(cols);
            idx = local.indices();
        } else {
            Tensor mine = Exchange.rowsLike(dense, counts, comm).contiguous();
            Tensor r = k.rowIndices(local, 0);
            if (col) {
                src = mine.reshape(mine.size());
                idx = r;
            } else {
                src = mine.reshape(mine.size());
                idx = Values.add(Values.mul(r, cols), local.indices());   // flat position row·n + column
            }
        }
        Tensor picked = k.gather(src.contiguous(), idx);
        return mapValues(Values.mul(local.values(), picked));
    }

    // ------------------------------------------------------------------------------------------ reductions

    /** dtype of a sum: scipy's (integers and bool in int64, floats keep theirs). */
    static DType sumType(DType t) { return t.isFloat() ? t : DType.INT64; }

    /**
     * Sum of all entries (axis null: a replicated 0-d array), of each column (axis 0 / -2: replicated, length n) or of
     * each row (axis 1 / -1: split like the rows, length m); dtype as scipy (integers and bool in int64).
     * <pre>{@code DNDarray rowSums = a.sum(1); }</pre>
     */
    public DNDarray sum(Integer axis) {
        DType out = sumType(dtype());
        DType acc = out.isFloat() ? DType.FLOAT64 : DType.INT64;
        int ax = axis == null ? -1 : normAxis(axis, "sum");
        SparseKernels k = k();
        if (ax == 1) {
            Tensor s = Values.as(k.rowSums(local, acc), out);
            long[][] map = new long[counts.length][];
            for (int r = 0; r < map.length; r++) map[r] = new long[] {counts[r]};
            return new DNDarray(s, new long[] {rows}, 0, comm, device(), map);
        }
        Tensor s = ax == 0 ? k.colSums(local, acc) : Arithmetics.sum(Values.wrap(k.rowSums(local, acc))).larray().contiguous();
        comm.allreduce(s, ReduceOp.SUM);
        return new DNDarray(Values.as(s, out), ax == 0 ? new long[] {cols} : new long[0], null, comm, device(), null);
    }

    /** Sum of all entries. <pre>{@code double s = a.sum().itemDouble(); }</pre> */
    public DNDarray sum() { return sum(null); }

    /**
     * Mean over all entries (axis null) or along an axis, zeros included (scipy's {@code mean}); float64 for
     * integers and bool, float32 stays float32. <pre>{@code DNDarray colMeans = a.mean(0); }</pre>
     */
    public DNDarray mean(Integer axis) {
        int ax = axis == null ? -1 : normAxis(axis, "mean");
        DType out = dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
        DNDarray s = sum(axis).astype(out);
        long n = ax == -1 ? rows * cols : ax == 0 ? rows : cols;
        return Arithmetics.div(s, (double) n).astype(out);
    }

    /** Mean of all entries. <pre>{@code double m = a.mean().itemDouble(); }</pre> */
    public DNDarray mean() { return mean(null); }

    private static int normAxis(int axis, String op) {
        if (axis < -2 || axis > 1) throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a 2-D sparse matrix (allowed -2 … 1 or null)");
        return axis < 0 ? axis + 2 : axis;
    }

    // ------------------------------------------------------------------------------------------ slicing

    /** numpy slice bounds [start, stop) of an axis of length n (negative from the end, clipped). */
    static long[] range(long start, long stop, long n) {
        long lo = start < 0 ? Math.max(0, start + n) : Math.min(start, n);
        long hi = stop < 0 ? Math.max(0, stop + n) : Math.min(stop, n);
        return new long[] {lo, Math.max(lo, hi)};
    }

    /**
     * Rows [start, stop) (numpy slice semantics: negative from the end, clipped; step 1), rows staying where they are
     * (the result may be unbalanced; no data moves). <pre>{@code DCSRMatrix top = a.getRows(0, 10); }</pre>
     */
    public DCSRMatrix getRows(long start, long stop) {
        long[] lh = range(start, stop, rows);
        long[] d = Distribution.displs(counts);
        long[] nc = new long[counts.length];
        for (int r = 0; r < nc.length; r++) nc[r] = Math.max(0, Math.min(d[r] + counts[r], lh[1]) - Math.max(d[r], lh[0]));
        int me = comm.rank();
        long from = Math.max(0, Math.min(local.rows(), lh[0] - d[me]));
        Csr l = k().sliceRows(local, from, from + nc[me]);
        return of(l, lh[1] - lh[0], cols, nc, comm);
    }

    /** Columns [start, stop) (numpy slice semantics, step 1). <pre>{@code DCSRMatrix left = a.getColumns(0, 3); }</pre> */
    public DCSRMatrix getColumns(long start, long stop) {
        long[] lh = range(start, stop, cols);
        return of(k().sliceColumns(local, lh[0], lh[1]), rows, lh[1] - lh[0], counts, comm);
    }

    // ------------------------------------------------------------------------------------------ products

    /**
     * {@code this · x} for a dense vector (n,) or matrix (n, k), split along rows, columns or replicated: each process
     * fetches only the rows of x its columns touch (one Alltoallv of indices, one of rows); the result is split along
     * rows like this matrix. dtype: numpy's promotion (integers exact in 64 bits).
     * <pre>{@code DNDarray y = a.matmul(x); }</pre>
     */
    public DNDarray matmul(DNDarray x) { return Products.spmm(this, x); }

    /** Sparse × sparse (SpGEMM); result rows split like this matrix. <pre>{@code DCSRMatrix c = a.matmul(b); }</pre> */
    public DCSRMatrix matmul(DCSRMatrix b) { return Products.spgemm(this, b); }

    /** The fetch plan for an operand whose rows are split by {@code ownerCounts} (cached: repeated products reuse it). */
    Exchange.Plan plan(long[] ownerCounts) {
        if (plan == null || !Arrays.equals(planCounts, ownerCounts)) {
            plan = Exchange.plan(local, ownerCounts, comm);
            planCounts = ownerCounts.clone();
        }
        return plan;
    }
}
