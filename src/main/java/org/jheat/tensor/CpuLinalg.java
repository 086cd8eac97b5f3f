package org.jheat.tensor;

import org.jheat.tensor.LocalLinalg.Eig;
import org.jheat.tensor.LocalLinalg.Eigh;
import org.jheat.tensor.LocalLinalg.Lstsq;
import org.jheat.tensor.LocalLinalg.Lu;
import org.jheat.tensor.LocalLinalg.QR;
import org.jheat.tensor.LocalLinalg.SVD;
import org.jheat.tensor.LocalLinalg.SlogDet;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jheat.natives.Blas;

/**
 * The CPU's {@link LinalgKernels}: OpenBLAS (CBLAS) for float32/float64 products with strided/transposed views passed
 * as trans/ld, a cache-blocked Java kernel for integer and bool products, LAPACK (Fortran symbols) on private
 * column-major copies for the factorisations. Reached through {@link LocalLinalg}; semantics documented there.
 * <pre>{@code LinalgKernels la = Backend.cpu().linalg(); }</pre>
 */
final class CpuLinalg implements LinalgKernels {
    static final CpuLinalg INSTANCE = new CpuLinalg();

    /** Row block of the integer kernel: rows of A packed at once. */
    private static final int MB = 64;
    /** Column block of the integer kernel (accumulators of MB × NB longs stay in L2). */
    private static final int NB = 256;
    /** Depth block of the integer kernel. */
    private static final int KB = 256;
    /** Multiply-adds a thread of the integer kernel should have at least. */
    private static final long INT_GRAIN = 1L << 20;

    static {
        // once per process: OpenBLAS gets this process's share of the node's cores, as jheat's own kernels do
        if (Blas.find().isPresent()) Blas.setNumThreads(Parallel.threads());
    }

    private CpuLinalg() { }

    // =========================================================================================== gemm / matmul

    @Override
    public void gemm(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        if (a.ndim() != 2 || b.ndim() != 2 || c.ndim() != 2) {
            throw new IllegalArgumentException("gemm: a, b and c must be 2-D, got shapes " + Shapes.str(a.shape()) + ", "
                    + Shapes.str(b.shape()) + " and " + Shapes.str(c.shape()));
        }
        long m = a.shape(0), k = a.shape(1), n = b.shape(1);
        if (b.shape(0) != k || c.shape(0) != m || c.shape(1) != n) {
            throw new IllegalArgumentException("gemm: shapes do not align: a " + Shapes.str(a.shape()) + " · b "
                    + Shapes.str(b.shape()) + " -> c " + Shapes.str(c.shape()) + " (need a (m, k), b (k, n), c (m, n))");
        }
        DType t = c.dtype();
        if (!t.isComplex() && (a.dtype().isComplex() || b.dtype().isComplex())) {
            throw new IllegalArgumentException("gemm: complex operands (" + a.dtype() + ", " + b.dtype() + ") need a complex result c, got "
                    + t + " (the imaginary parts would be lost)");
        }
        if (t.isFloat() || t.isComplex()) {
            gemmFloat(alpha, a, b, beta, c);
        } else {
            long al = integral(alpha, "alpha", t), be = integral(beta, "beta", t);
            gemmIntegral(al, a, b, be, c);
        }
    }

    private long integral(double v, String name, DType t) {
        if (t == DType.BOOL ? v != 0 && v != 1 : v != Math.rint(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("gemm: " + name + " = " + v + " is not allowed for a " + t + " result"
                    + (t == DType.BOOL ? "; allowed: 0 or 1" : "; allowed: integral values"));
        }
        return (long) v;
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        if (a.ndim() == 0 || b.ndim() == 0) {
            throw new IllegalArgumentException("matmul: operands must have at least one dimension, got shapes "
                    + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()) + " (use multiply for scalars)");
        }
        DType rt = DType.promoteTypes(a.dtype(), b.dtype());
        Tensor x = a.ndim() == 1 ? a.unsqueeze(0) : a;
        Tensor y = b.ndim() == 1 ? b.unsqueeze(1) : b;
        long m = x.shape(-2), k = x.shape(-1), k2 = y.shape(-2), n = y.shape(-1);
        if (k != k2) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape())
                    + " do not align: " + k + " (last axis of a) != " + k2 + " (" + (b.ndim() == 1 ? "the only" : "second-to-last")
                    + " axis of b)");
        }
        long[] batch;
        try {
            batch = Shapes.broadcast(Arrays.copyOf(x.shape(), x.ndim() - 2), Arrays.copyOf(y.shape(), y.ndim() - 2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: the batch axes of shapes " + Shapes.str(a.shape()) + " and "
                    + Shapes.str(b.shape()) + " do not broadcast");
        }
        Tensor out = Tensor.empty(rt, concat(batch, m, n));
        if (out.size() > 0) {
            List<Tensor> temps = new ArrayList<>();
            if (rt.isFloat() || rt.isComplex()) {   // convert once, not once per batch entry
                if (x.dtype() != rt) temps.add(x = x.astype(rt));
                if (y.dtype() != rt) temps.add(y = y.astype(rt));
            }
            gemmBatched(1.0, x, y, 0.0, out);
            free(temps);
        }
        if (b.ndim() == 1) out = out.squeeze(out.ndim() - 1);
        if (a.ndim() == 1) out = out.squeeze(out.ndim() - (b.ndim() == 1 ? 1 : 2));
        return out;
    }

    @Override
    public void gemmBatched(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        int nd = c.ndim();
        if (a.ndim() == 2 && b.ndim() == 2 && nd == 2) {
            gemm(alpha, a, b, beta, c);
            return;
        }
        if (c.size() == 0) return;
        long[] batch = Arrays.copyOf(c.shape(), nd - 2);
        long n = c.shape(nd - 2), m = c.shape(nd - 1), k = a.shape(a.ndim() - 1);
        long count = Shapes.size(batch);
        boolean bSingle = b.ndim() == 2 || Shapes.size(Arrays.copyOf(b.shape(), b.ndim() - 2)) == 1;
        if (bSingle && a.ndim() == nd && Arrays.equals(Arrays.copyOf(a.shape(), nd - 2), batch) && a.isContiguous() && c.isContiguous()) {
            // one product (count·n, k)·(k, m): batch axes fold into the rows of a contiguous a and c
            Tensor b2 = b;
            while (b2.ndim() > 2) b2 = b2.select(0, 0);
            gemm(alpha, a.reshape(count * n, k), b2, beta, c.reshape(count * n, m));
            return;
        }
        Tensor ab = a.broadcastTo(concat(batch, n, k)), bb = b.broadcastTo(concat(batch, k, m));
        long[] idx = new long[batch.length];
        for (long q = 0; q < count; q++) {
            gemm(alpha, at(ab, idx), at(bb, idx), beta, at(c, idx));
            for (int d = batch.length - 1; d >= 0; d--) {
                if (++idx[d] < batch[d]) break;
                idx[d] = 0;
            }
        }
    }

    /** The sub-tensor at the leading indices {@code idx} (a view). */
    static Tensor at(Tensor t, long[] idx) {
        Tensor r = t;
        for (long i : idx) r = r.select(0, i);
        return r;
    }

    static long[] concat(long[] head, long... tail) {
        long[] r = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, r, head.length, tail.length);
        return r;
    }

    static void free(List<Tensor> temps) {
        for (Tensor t : temps) if (t.storage() != null) t.storage().free();
    }

    // ------------------------------------------------------------------------------------------- BLAS layout

    /** A matrix operand as BLAS takes it in one storage order: first element, transposed or not, leading dimension. */
    record Op(MemorySegment ptr, boolean trans, int ld) {
        int flag() { return trans ? Blas.TRANS : Blas.NO_TRANS; }
    }

    /**
     * How a 2-D view is described to BLAS in row-major ({@code colOrder == false}) or column-major order: untransposed
     * when its unit-stride axis is the order's, transposed when it is the other one; null when it must be copied.
     */
    static Op fit(Tensor t, boolean colOrder) {
        if (!t.segment().isNative()) return null;
        long r = t.shape(0), c = t.shape(1);
        long[] st = t.strides();
        long ldRow = -1, ldCol = -1;
        if ((c <= 1 || st[1] == 1) && (r <= 1 || st[0] >= Math.max(1, c))) ldRow = r <= 1 ? Math.max(1, c) : st[0];
        if ((r <= 1 || st[0] == 1) && (c <= 1 || st[1] >= Math.max(1, r))) ldCol = c <= 1 ? Math.max(1, r) : st[1];
        long ld;
        boolean trans;
        if (colOrder) {
            trans = ldCol < 0;
            ld = trans ? ldRow : ldCol;
        } else {
            trans = ldRow < 0;
            ld = trans ? ldCol : ldRow;
        }
        if (ld < 0 || ld > Integer.MAX_VALUE) return null;
        return new Op(ptr(t), trans, (int) ld);
    }

    /** The address of element (0, …, 0). */
    static MemorySegment ptr(Tensor t) {
        return t.segment().asSlice(t.offset() * t.dtype().itemSize());
    }

    /** Byte range [lo, hi) that a tensor's elements span (for alias checks). */
    private static long[] span(Tensor t) {
        long lo = t.offset(), hi = t.offset();
        long[] s = t.shape(), st = t.strides();
        for (int d = 0; d < s.length; d++) {
            long e = (s[d] - 1) * st[d];
            if (e < 0) lo += e;
            else hi += e;
        }
        long base = t.segment().address(), item = t.dtype().itemSize();
        return new long[] {base + lo * item, base + (hi + 1) * item};
    }

    static boolean overlaps(Tensor x, Tensor y) {
        if (x.size() == 0 || y.size() == 0 || x.segment().isNative() != y.segment().isNative()) return false;
        long[] a = span(x), b = span(y);
        return a[0] < b[1] && b[0] < a[1];
    }

    static int dim(long v, String op) {
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": extent " + v + " exceeds BLAS/LAPACK's 32-bit index limit ("
                    + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }

    /** {@code c *= beta} (beta 0: zero fill, ignoring NaN in c). */
    private void scale(Tensor c, double beta) {
        if (beta == 1 || c.size() == 0) return;
        if (beta == 0) {
            c.fill(0.0);
            return;
        }
        if (c.dtype().isComplex()) {
            // a real factor scales both parts: the parts as one real array of twice the length
            Tensor cc = c.contiguous();
            Tensor parts = Tensor.wrap(cc.data(), c.dtype() == DType.COMPLEX64 ? DType.FLOAT32 : DType.FLOAT64, 2 * cc.size());
            scale(parts, beta);
            if (cc != c) c.copyFrom(cc);
            return;
        }
        Elementwise.apply(Kernels.MUL, false, c, c, Tensor.full(c.dtype(), beta).broadcastTo(c.shape()));
    }

    private void gemmFloat(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        long m = c.shape(0), n = c.shape(1), k = a.shape(1);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0) {
            scale(c, beta);
            return;
        }
        DType t = c.dtype();
        List<Tensor> temps = new ArrayList<>();
        Tensor cc = c;
        Op co = overlaps(c, a) || overlaps(c, b) ? null : fit(c, false);
        boolean colOrder = false;
        if (co == null || co.trans()) {
            // a column-major c: call BLAS in column-major order rather than copying c
            Op cm = co == null ? null : fit(c, true);
            if (cm != null && !cm.trans()) {
                co = cm;
                colOrder = true;
            } else {
                cc = beta == 0 ? Tensor.empty(t, m, n) : c.copy();
                temps.add(cc);
                co = fit(cc, false);
            }
        } else if (beta == 0 && !t.isComplex() && tallOutput(m, n, k)) {
            // OpenBLAS computes a tall-skinny row-major C (column-major M = n small, N = m large) 1.2-1.9x slower than
            // the same product stored column-major (M = m): e.g. (2e5 x 1000)·(1000 x 20) 283 -> 174 ms on 2 threads,
            // 403 -> 278 ms on one, measured with numpy's A @ B against (Bᵀ @ Aᵀ)ᵀ. So compute into a column-major
            // temporary and copy it over, which costs far less than the difference
            cc = keep(temps, Tensor.empty(t, n, m)).transpose();
            co = fit(cc, true);
            colOrder = true;
        }
        Tensor aa = a.dtype() == t ? a : keep(temps, a.astype(t));
        Op ao = fit(aa, colOrder);
        if (ao == null) ao = fit(keep(temps, aa.copy()), colOrder);
        Tensor bb = b.dtype() == t ? b : keep(temps, b.astype(t));
        Op bo = fit(bb, colOrder);
        if (bo == null) bo = fit(keep(temps, bb.copy()), colOrder);
        int order = colOrder ? Blas.COL_MAJOR : Blas.ROW_MAJOR;
        int im = dim(m, "gemm"), in = dim(n, "gemm"), ik = dim(k, "gemm");
        if (t.isComplex()) {
            // numpy's matmul does not conjugate: a transposed view is BLAS's plain TRANS
            try (Arena arena = Arena.ofConfined()) {
                boolean d = t == DType.COMPLEX128;
                MemorySegment al = d ? arena.allocateFrom(ValueLayout.JAVA_DOUBLE, alpha, 0) : arena.allocateFrom(ValueLayout.JAVA_FLOAT, (float) alpha, 0f);
                MemorySegment be = d ? arena.allocateFrom(ValueLayout.JAVA_DOUBLE, beta, 0) : arena.allocateFrom(ValueLayout.JAVA_FLOAT, (float) beta, 0f);
                Blas.gemmComplex(d, order, ao.flag(), bo.flag(), im, in, ik, al, ao.ptr(), ao.ld(), bo.ptr(), bo.ld(), be, co.ptr(), co.ld());
            }
        } else if (t == DType.FLOAT64) {
            Blas.dgemm(order, ao.flag(), bo.flag(), im, in, ik, alpha, ao.ptr(), ao.ld(), bo.ptr(), bo.ld(), beta, co.ptr(), co.ld());
        } else {
            Blas.sgemm(order, ao.flag(), bo.flag(), im, in, ik, (float) alpha, ao.ptr(), ao.ld(), bo.ptr(), bo.ld(), (float) beta,
                    co.ptr(), co.ld());
        }
        if (cc != c) c.copyFrom(cc);
        free(temps);
    }

    /**
     * Whether a product's row-major (m × n) output is tall and skinny enough, and the product large enough, for the
     * column-major temporary of {@link #gemmFloat} to pay: 2 ≤ n ≤ {@value #TALL_MAX_N} (a single column is a gemv),
     * m ≥ {@value #TALL_RATIO}·n, an inner extent k ≥ {@value #TALL_MIN_K} and ≥ 2^22 multiply-adds. Measured on 2
     * threads against the direct call: k = 1000: n = 2 1.68x, 20 1.45x, 64 1.21x, 128 only 1.08x faster; k = 100-400,
     * n = 10-40: 1.29-1.52x; but a short k is bound by memory and the copy makes it slower (k = 8: 0.44x, k = 64 and
     * n = 64: 0.77x), as does a wide n (4000 x 1000 x 1000: 0.90x).
     */
    static boolean tallOutput(long m, long n, long k) {
        return n >= 2 && n <= TALL_MAX_N && k >= TALL_MIN_K && m >= TALL_RATIO * n && (double) m * n * k >= 1 << 22;
    }

    private static final long TALL_RATIO = 4;
    private static final long TALL_MAX_N = 64;
    private static final long TALL_MIN_K = 100;

    private Tensor keep(List<Tensor> temps, Tensor t) {
        temps.add(t);
        return t;
    }

    // ------------------------------------------------------------------------------------------- integer kernel

    /**
     * C = alpha·A·B + beta·C computed exactly in 64-bit and stored with c's wrap-around (modular arithmetic makes this
     * equal to numpy's computation in the narrow type). Blocks of A and B are packed into long arrays so that the
     * inner loop is a plain array loop over a row of B; row blocks of C are spread over the process's threads.
     */
    private void gemmIntegral(long alpha, Tensor a, Tensor b, long beta, Tensor c) {
        long m = c.shape(0), n = c.shape(1), k = a.shape(1);
        if (m == 0 || n == 0) return;
        DType t = c.dtype();
        List<Tensor> temps = new ArrayList<>();
        // floats truncate and bools are 0/1 before the product, as numpy's casts to c's type would make them
        Tensor aa = needsCast(a.dtype(), t) ? keep(temps, a.astype(t)) : a;
        Tensor bb = needsCast(b.dtype(), t) ? keep(temps, b.astype(t)) : b;
        Tensor cc = overlaps(c, aa) || overlaps(c, bb) ? keep(temps, c.copy()) : c;
        long blocks = (m + MB - 1) / MB;
        long grain = Math.max(1, INT_GRAIN / Math.max(1, (long) MB * n * Math.max(1, k)));
        Parallel.forRange(blocks, grain, (from, to) -> intBlocks(alpha, aa, bb, beta, cc, from, to));
        if (cc != c) c.copyFrom(cc);
        free(temps);
    }

    private boolean needsCast(DType from, DType to) {
        return from.isFloat() || (to == DType.BOOL && from != DType.BOOL);
    }

    private void intBlocks(long alpha, Tensor a, Tensor b, long beta, Tensor c, long fromBlock, long toBlock) {
        long m = c.shape(0), n = c.shape(1), k = a.shape(1);
        MemorySegment as = a.segment(), bs = b.segment(), cs = c.segment();
        DType at = a.dtype(), bt = b.dtype(), ct = c.dtype();
        long ai = at.itemSize(), bi = bt.itemSize(), ci = ct.itemSize();
        long[] ast = a.strides(), bst = b.strides(), cst = c.strides();
        long[] ap = new long[MB * KB], bp = new long[KB * NB], acc = new long[MB * NB], row = new long[Math.max(KB, NB)];
        for (long blk = fromBlock; blk < toBlock; blk++) {
            long i0 = blk * MB;
            int mb = (int) Math.min(MB, m - i0);
            for (long j0 = 0; j0 < n; j0 += NB) {
                int nb = (int) Math.min(NB, n - j0);
                Arrays.fill(acc, 0, mb * nb, 0L);
                for (long k0 = 0; k0 < k; k0 += KB) {
                    int kb = (int) Math.min(KB, k - k0);
                    for (int i = 0; i < mb; i++) {
                        long off = (a.offset() + (i0 + i) * ast[0] + k0 * ast[1]) * ai;
                        BlockIO.load(as, off, ast[1] * ai, at, row, kb);
                        System.arraycopy(row, 0, ap, i * kb, kb);
                    }
                    for (int kk = 0; kk < kb; kk++) {
                        long off = (b.offset() + (k0 + kk) * bst[0] + j0 * bst[1]) * bi;
                        BlockIO.load(bs, off, bst[1] * bi, bt, row, nb);
                        System.arraycopy(row, 0, bp, kk * nb, nb);
                    }
                    for (int i = 0; i < mb; i++) {
                        int base = i * nb;
                        for (int kk = 0; kk < kb; kk++) {
                            long aik = ap[i * kb + kk];
                            if (aik == 0) continue;
                            int bb = kk * nb;
                            for (int j = 0; j < nb; j++) acc[base + j] += aik * bp[bb + j];
                        }
                    }
                }
                for (int i = 0; i < mb; i++) {
                    long off = (c.offset() + (i0 + i) * cst[0] + j0 * cst[1]) * ci;
                    int base = i * nb;
                    if (beta != 0) {
                        BlockIO.load(cs, off, cst[1] * ci, ct, row, nb);
                        for (int j = 0; j < nb; j++) row[j] = alpha * acc[base + j] + beta * row[j];
                    } else {
                        for (int j = 0; j < nb; j++) row[j] = alpha * acc[base + j];
                    }
                    BlockIO.store(row, cs, off, cst[1] * ci, ct, nb);
                }
            }
        }
    }

    // =========================================================================================== BLAS level 1-3

    @Override
    public void gemv(double alpha, Tensor a, Tensor x, double beta, Tensor y) {
        if (a.ndim() != 2 || x.ndim() != 1 || y.ndim() != 1 || a.shape(1) != x.shape(0) || a.shape(0) != y.shape(0)) {
            throw new IllegalArgumentException("gemv: need a (m, n), x (n,), y (m,); got a " + Shapes.str(a.shape()) + ", x "
                    + Shapes.str(x.shape()) + ", y " + Shapes.str(y.shape()));
        }
        DType t = y.dtype().requireReal("gemv");
        a.dtype().requireReal("gemv");
        x.dtype().requireReal("gemv");
        if (!t.isFloat()) {
            gemm(alpha, a, x.unsqueeze(1), beta, y.unsqueeze(1));
            return;
        }
        long m = a.shape(0), n = a.shape(1);
        if (m == 0) return;
        if (n == 0 || alpha == 0) {
            scale(y, beta);
            return;
        }
        List<Tensor> temps = new ArrayList<>();
        Tensor yy = st0(y) == 0 && m > 1 || !y.segment().isNative() || overlaps(y, a) || overlaps(y, x)
                ? keep(temps, beta == 0 ? Tensor.empty(t, m) : y.copy()) : y;
        Tensor aa = a.dtype() == t ? a : keep(temps, a.astype(t));
        Op ao = fit(aa, false);
        if (ao == null) ao = fit(keep(temps, aa.copy()), false);
        Tensor xx = x.dtype() == t ? x : keep(temps, x.astype(t));
        if (st0(xx) == 0 && n > 1 || !xx.segment().isNative()) xx = keep(temps, xx.copy());
        int rows = dim(ao.trans() ? n : m, "gemv"), cols = dim(ao.trans() ? m : n, "gemv");
        if (t == DType.FLOAT64) {
            Blas.dgemv(Blas.ROW_MAJOR, ao.flag(), rows, cols, alpha, ao.ptr(), ao.ld(), vec(xx), inc(xx), beta, vec(yy), inc(yy));
        } else {
            Blas.sgemv(Blas.ROW_MAJOR, ao.flag(), rows, cols, (float) alpha, ao.ptr(), ao.ld(), vec(xx), inc(xx), (float) beta,
                    vec(yy), inc(yy));
        }
        if (yy != y) y.copyFrom(yy);
        free(temps);
    }

    /** A 1-D operand's BLAS pointer: its lowest address, where BLAS starts a vector with a negative increment. */
    private MemorySegment vec(Tensor v) {
        long s = st0(v), n = v.shape(0);
        long first = s < 0 && n > 0 ? v.offset() + (n - 1) * s : v.offset();
        return v.segment().asSlice(first * v.dtype().itemSize());
    }

    /** The stride of a 1-D tensor's only axis. */
    private long st0(Tensor v) { return v.strides()[0]; }

    private int inc(Tensor v) {
        long s = v.shape(0) <= 1 ? 1 : st0(v);
        return dim(Math.abs(s), "BLAS increment") * (s < 0 ? -1 : 1);
    }

    @Override
    public Tensor dot(Tensor a, Tensor b) {
        DType rt = DType.promoteTypes(a.dtype(), b.dtype());
        if ((a.ndim() == 0 || b.ndim() == 0) && rt.isComplex()) {
            // a complex scalar times an array: the (size, 1)·(1, 1) product (the element-wise kernels are real-only)
            Tensor sc = a.ndim() == 0 ? a : b, v = a.ndim() == 0 ? b : a;
            Tensor out = Tensor.empty(rt, v.shape());
            if (out.size() > 0) gemm(1.0, v.contiguous().reshape(v.size(), 1), sc.reshape(1, 1), 0.0, out.reshape(v.size(), 1));
            return out;
        }
        if (a.ndim() == 0 || b.ndim() == 0) {
            long[] shape = Shapes.broadcast(a.shape(), b.shape());
            Tensor out = Tensor.empty(rt, shape);
            Elementwise.apply(Kernels.MUL, rt.isIntegral(), out, a.broadcastTo(shape), b.broadcastTo(shape));
            return out;
        }
        long ka = a.shape(-1), kb = b.ndim() == 1 ? b.shape(0) : b.shape(-2);
        if (ka != kb) {
            throw new IllegalArgumentException("dot: shapes " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape())
                    + " not aligned: " + ka + " (dim " + (a.ndim() - 1) + ") != " + kb + " (dim " + Math.max(0, b.ndim() - 2) + ")");
        }
        if (a.ndim() == 1 && b.ndim() == 1) return inner(a, b, rt);
        if (b.ndim() <= 2) return matmul(a, b);
        // N-D: (P, K) · (K, Q·N) with b's summed axis moved to the front
        long[] aLead = Arrays.copyOf(a.shape(), a.ndim() - 1);
        long n = b.shape(-1), p = Shapes.size(aLead);
        long[] bMid = Arrays.copyOfRange(b.shape(), 0, b.ndim() - 2);
        long q = Shapes.size(bMid);
        int[] perm = new int[b.ndim()];
        perm[0] = b.ndim() - 2;
        for (int i = 1; i < perm.length; i++) perm[i] = i - 1 < b.ndim() - 2 ? i - 1 : b.ndim() - 1;
        Tensor a2 = a.reshape(p, ka), b2 = b.permute(perm).reshape(ka, q * n);
        Tensor out = Tensor.empty(rt, p, q * n);
        if (out.size() > 0) gemm(1.0, a2, b2, 0.0, out);
        return out.reshape(concat(concat(aLead, bMid), n));
    }

    /** Inner product of two 1-D tensors as a 0-d tensor of {@code rt} (complex: without conjugation, BLAS's dotu). */
    private Tensor inner(Tensor a, Tensor b, DType rt) {
        long n = a.shape(0);
        Tensor out = Tensor.empty(rt);
        if (rt.isFloat() || rt.isComplex()) {
            List<Tensor> temps = new ArrayList<>();
            Tensor x = a.dtype() == rt && a.segment().isNative() && (st0(a) != 0 || n <= 1) ? a : keep(temps, a.astype(rt));
            Tensor y = b.dtype() == rt && b.segment().isNative() && (st0(b) != 0 || n <= 1) ? b : keep(temps, b.astype(rt));
            int in = dim(n, "dot");
            if (n == 0) out.fill(0.0);
            else if (rt.isComplex()) Blas.dotComplex(rt == DType.COMPLEX128, false, in, vec(x), inc(x), vec(y), inc(y), out.data());
            else if (rt == DType.FLOAT64) out.setDouble(Blas.ddot(in, vec(x), inc(x), vec(y), inc(y)));
            else out.setDouble(Blas.sdot(in, vec(x), inc(x), vec(y), inc(y)));
            free(temps);
        } else {
            gemm(1.0, a.unsqueeze(0), b.unsqueeze(1), 0.0, out.unsqueeze(0).unsqueeze(0));
        }
        return out;
    }

    @Override
    public void syrk(double alpha, Tensor a, boolean trans, double beta, Tensor c, boolean lower) {
        if (a.ndim() != 2 || c.ndim() != 2 || c.shape(0) != c.shape(1) || a.shape(trans ? 1 : 0) != c.shape(0)) {
            throw new IllegalArgumentException("syrk: need a " + (trans ? "(k, n)" : "(n, k)") + " and a square c (n, n); got a "
                    + Shapes.str(a.shape()) + ", c " + Shapes.str(c.shape()));
        }
        DType t = c.dtype();
        if (!t.isFloat()) {
            throw new IllegalArgumentException("syrk: c must be float32 or float64, got " + t + " (use matmul for integers)");
        }
        a.dtype().requireReal("syrk");
        long n = c.shape(0), k = a.shape(trans ? 0 : 1);
        if (n == 0) return;
        List<Tensor> temps = new ArrayList<>();
        Tensor cc = c;
        boolean colOrder = false;
        Op co = overlaps(c, a) ? null : fit(c, false);
        if (co == null || co.trans()) {
            Op cm = co == null ? null : fit(c, true);
            if (cm != null && !cm.trans()) {
                co = cm;
                colOrder = true;
            } else {
                cc = keep(temps, c.copy());
                co = fit(cc, false);
            }
        }
        Tensor aa = a.dtype() == t ? a : keep(temps, a.astype(t));
        Op ao = k == 0 ? null : fit(aa, colOrder);
        if (ao == null) ao = k == 0 ? new Op(co.ptr(), false, 1) : fit(keep(temps, aa.copy()), colOrder);
        // a stored transposed: Aᵀ·A of the stored matrix is A·Aᵀ of the view
        boolean tr = trans ^ ao.trans();
        int lda = k == 0 ? Math.max(1, dim(tr ? n : 1, "syrk")) : ao.ld();
        int order = colOrder ? Blas.COL_MAJOR : Blas.ROW_MAJOR, uplo = lower ? Blas.LOWER : Blas.UPPER;
        int flag = tr ? Blas.TRANS : Blas.NO_TRANS, in = dim(n, "syrk"), ik = dim(k, "syrk");
        if (t == DType.FLOAT64) Blas.dsyrk(order, uplo, flag, in, ik, alpha, ao.ptr(), lda, beta, co.ptr(), co.ld());
        else Blas.ssyrk(order, uplo, flag, in, ik, (float) alpha, ao.ptr(), lda, (float) beta, co.ptr(), co.ld());
        if (cc != c) c.copyFrom(cc);
        free(temps);
    }

    @Override
    public Tensor gram(Tensor a) {
        if (a.ndim() != 2) throw new IllegalArgumentException("gram: a must be 2-D, got shape " + Shapes.str(a.shape()));
        DType t = lapackType(a.dtype(), "gram");
        long n = a.shape(1), k = a.shape(0);
        Tensor c = Tensor.empty(t, n, n);
        if (n <= GRAM_SPLIT_MAX_N && k >= GRAM_GROUPS * GRAM_SPLIT_MIN_ROWS && Parallel.threads() > 1) {
            // a tall-skinny Gram (the Lasso statistics, Cholesky-QR): OpenBLAS threads syrk over the small n×n output
            // only, i.e. runs it on one thread; fixed row groups on the process's threads instead, summed in group
            // order, so the result does not depend on the thread count
            Tensor parts = Tensor.empty(t, GRAM_GROUPS, n, n);
            Parallel.forRange(GRAM_GROUPS, 1, (from, to) -> {
                for (long g = from; g < to; g++) {
                    long lo = g * k / GRAM_GROUPS, hi = (g + 1) * k / GRAM_GROUPS;
                    syrk(1.0, a.narrow(0, lo, hi - lo), true, 0.0, parts.select(0, g), false);
                }
            });
            sumGroups(parts, c);
        } else {
            syrk(1.0, a, true, 0.0, c, false);
        }
        mirrorUpper(c);
        return c;
    }

    @Override
    public Tensor[] gramWith(Tensor a, Tensor b) {
        DType t = lapackType(a.dtype(), "gramWith");
        long n = a.shape(1), k = a.shape(0), c = b.shape(1);
        if (n > GRAM_SPLIT_MAX_N || k < GRAM_GROUPS * GRAM_SPLIT_MIN_ROWS || a.dtype() != t || b.dtype() != t) {
            return LinalgKernels.super.gramWith(a, b);
        }
        // fixed row groups on the process's threads (as gram), each walked in chunks of ~512 KiB: a chunk's syrk leaves
        // it in the core's cache for its product with b, so a is read from memory once; groups summed in group order,
        // chunks within a group in row order: the bits do not depend on the thread count
        long chunk = Math.max(64, (64L << 10) / n);
        Tensor pa = Tensor.empty(t, GRAM_GROUPS, n, n), pb = Tensor.empty(t, GRAM_GROUPS, n, c);
        Parallel.forRange(GRAM_GROUPS, 1, (from, to) -> {
            for (long g = from; g < to; g++) {
                long lo = g * k / GRAM_GROUPS, hi = (g + 1) * k / GRAM_GROUPS;
                for (long r = lo; r < hi; r += chunk) {
                    long len = Math.min(chunk, hi - r);
                    Tensor ar = a.narrow(0, r, len);
                    double beta = r == lo ? 0.0 : 1.0;
                    syrk(1.0, ar, true, beta, pa.select(0, g), false);
                    gemm(1.0, ar.transpose(), b.narrow(0, r, len), beta, pb.select(0, g));
                }
            }
        });
        Tensor ata = Tensor.empty(t, n, n), atb = Tensor.empty(t, n, c);
        sumGroups(pa, ata);
        sumGroups(pb, atb);
        mirrorUpper(ata);
        return new Tensor[] {ata, atb};
    }

    /** Row groups of a split Gram product, fixed (not the thread count) so that its bits are too. */
    private static final long GRAM_GROUPS = 8;
    /** Widths up to which OpenBLAS's syrk runs on one thread (checked: n = 64 ran on the calling thread only). */
    private static final long GRAM_SPLIT_MAX_N = 128;
    /** Rows per group below which one call is cheaper than the split. */
    private static final long GRAM_SPLIT_MIN_ROWS = 4096;

    /** out = the sum of the groups' partial results parts[0] + parts[1] + … in group order; parts is freed. */
    private static void sumGroups(Tensor parts, Tensor out) {
        out.copyFrom(parts.select(0, 0));
        for (long g = 1; g < parts.shape(0); g++) out.backend().elementwise(Kernels.ADD, false, out, out, parts.select(0, g));
        parts.storage().free();
    }

    /** Copies the strict upper triangle of a square tensor onto its lower one. */
    private void mirrorUpper(Tensor c) {
        long n = c.shape(0);
        for (long i = 0; i + 1 < n; i++) c.select(1, i).narrow(0, i + 1, n - i - 1).copyFrom(c.select(0, i).narrow(0, i + 1, n - i - 1));
    }

    @Override
    public void trsm(boolean left, boolean lower, boolean transA, boolean unitDiagonal, double alpha, Tensor a, Tensor b) {
        if (a.ndim() != 2 || b.ndim() != 2 || a.shape(0) != a.shape(1) || a.shape(0) != b.shape(left ? 0 : 1)) {
            throw new IllegalArgumentException("trsm: need a square a (n, n) and b " + (left ? "(n, k)" : "(k, n)") + "; got a "
                    + Shapes.str(a.shape()) + ", b " + Shapes.str(b.shape()));
        }
        DType t = b.dtype();
        if (!t.isFloat() && !t.isComplex()) {
            throw new IllegalArgumentException("trsm: b must be float32, float64, complex64 or complex128 (it is overwritten), got " + t);
        }
        if (a.dtype().isComplex() && !t.isComplex()) {
            throw new IllegalArgumentException("trsm: a complex a (" + a.dtype() + ") needs a complex b, got " + t);
        }
        long m = b.shape(0), n = b.shape(1);
        if (m == 0 || n == 0) return;
        List<Tensor> temps = new ArrayList<>();
        Tensor bb = b;
        boolean colOrder = false;
        Op bo = overlaps(b, a) ? null : fit(b, false);
        if (bo == null || bo.trans()) {
            Op bm = bo == null ? null : fit(b, true);
            if (bm != null && !bm.trans()) {
                bo = bm;
                colOrder = true;
            } else {
                bb = keep(temps, b.copy());
                bo = fit(bb, false);
            }
        }
        Tensor aa = a.dtype() == t ? a : keep(temps, a.astype(t));
        Op ao = fit(aa, colOrder);
        if (ao == null) ao = fit(keep(temps, aa.copy()), colOrder);
        // a stored transposed: its lower triangle is the stored matrix's upper one, and op flips
        boolean lo = lower ^ ao.trans(), tr = transA ^ ao.trans();
        int order = colOrder ? Blas.COL_MAJOR : Blas.ROW_MAJOR, side = left ? Blas.LEFT : Blas.RIGHT;
        int uplo = lo ? Blas.LOWER : Blas.UPPER, flag = tr ? Blas.TRANS : Blas.NO_TRANS, diag = unitDiagonal ? Blas.UNIT : Blas.NON_UNIT;
        int im = dim(m, "trsm"), in = dim(n, "trsm");
        if (t.isComplex()) {
            // a transposed view is BLAS's plain TRANS, as in gemm: no conjugation
            try (Arena arena = Arena.ofConfined()) {
                boolean d = t == DType.COMPLEX128;
                MemorySegment al = d ? arena.allocateFrom(ValueLayout.JAVA_DOUBLE, alpha, 0) : arena.allocateFrom(ValueLayout.JAVA_FLOAT, (float) alpha, 0f);
                Blas.trsmComplex(d, order, side, uplo, flag, diag, im, in, al, ao.ptr(), ao.ld(), bo.ptr(), bo.ld());
            }
        } else if (t == DType.FLOAT64) Blas.dtrsm(order, side, uplo, flag, diag, im, in, alpha, ao.ptr(), ao.ld(), bo.ptr(), bo.ld());
        else Blas.strsm(order, side, uplo, flag, diag, im, in, (float) alpha, ao.ptr(), ao.ld(), bo.ptr(), bo.ld());
        if (bb != b) b.copyFrom(bb);
        free(temps);
    }

    @Override
    public Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transA, boolean unitDiagonal) {
        if (a.ndim() != 2 || a.shape(0) != a.shape(1)) {
            throw new IllegalArgumentException("triangularSolve: a must be a square matrix, got shape " + Shapes.str(a.shape()));
        }
        if (b.ndim() < 1 || b.ndim() > 2 || b.shape(0) != a.shape(0)) {
            throw new IllegalArgumentException("triangularSolve: b must be (n,) or (n, k) with n = " + a.shape(0)
                    + ", got shape " + Shapes.str(b.shape()));
        }
        DType p = DType.promoteTypes(a.dtype(), b.dtype());
        DType t = p.isComplex() ? p : lapackType(p, "triangularSolve");
        long n = a.shape(0);
        if (!unitDiagonal) {
            for (long i = 0; i < n; i++) {
                if (a.dtype().isComplex() ? a.getComplex(i, i).abs() == 0 : a.getDouble(i, i) == 0) {
                    throw new LinalgError("triangularSolve: singular matrix: resolution failed at diagonal " + i
                            + " (a[" + i + ", " + i + "] is zero)");
                }
            }
        }
        Tensor x = (b.ndim() == 1 ? b.unsqueeze(1) : b).astype(t);
        trsm(true, lower, transA, unitDiagonal, 1.0, a, x);
        return b.ndim() == 1 ? x.squeeze(1) : x;
    }

    // =========================================================================================== LAPACK

    /** The floating type LAPACK works in for an input: float32 stays float32, every other real type becomes float64. */
    private DType lapackType(DType t, String op) {
        t.requireReal(op);
        return t == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
    }

    private void checkStack(Tensor a, String op, boolean square) {
        if (a.ndim() < 2) {
            throw new IllegalArgumentException(op + ": " + a.ndim() + "-dimensional array given (shape " + Shapes.str(a.shape())
                    + "); the array must be at least two-dimensional");
        }
        if (square && a.shape(-1) != a.shape(-2)) {
            throw new IllegalArgumentException(op + ": the last two dimensions must be square, got shape " + Shapes.str(a.shape()));
        }
    }

    /** Fails on LAPACK's "argument i had an illegal value": a bug here, never the caller's input. */
    private void legal(int info, String routine) {
        if (info < 0) throw new IllegalStateException("LAPACK " + routine + " rejected argument " + (-info));
    }

    private boolean dbl(DType t) { return t == DType.FLOAT64; }

    /**
     * The type LAPACK works in where the routine also exists for complex matrices: complex64/complex128 stay, the
     * real types as {@link #lapackType}.
     */
    private DType lapackTypeC(DType t) {
        return t.isComplex() ? t : t == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
    }

    /** LAPACK's precision letter of a working type: s, d, c or z. */
    private static char prec(DType t) {
        return switch (t) {
            case FLOAT32 -> 's';
            case FLOAT64 -> 'd';
            case COMPLEX64 -> 'c';
            case COMPLEX128 -> 'z';
            default -> throw new IllegalArgumentException("no LAPACK precision for " + t);
        };
    }

    /** The real type of a complex type's parts (singular values, Hermitian eigenvalues); real types unchanged. */
    static DType realPart(DType t) {
        return t == DType.COMPLEX64 ? DType.FLOAT32 : t == DType.COMPLEX128 ? DType.FLOAT64 : t;
    }

    /** Negates the imaginary parts of a contiguous complex host tensor in place. */
    static void conjugateInPlace(Tensor z) {
        MemorySegment d = z.data();
        long n = z.size();
        if (z.dtype() == DType.COMPLEX64) {
            for (long i = 0; i < n; i++) d.set(ValueLayout.JAVA_FLOAT_UNALIGNED, i * 8 + 4, -d.get(ValueLayout.JAVA_FLOAT_UNALIGNED, i * 8 + 4));
        } else {
            for (long i = 0; i < n; i++) d.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, i * 16 + 8, -d.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, i * 16 + 8));
        }
    }

    /** A workspace-query answer (the optimal size LAPACK wrote into work[0]) as an element count. */
    private int lwork(Tensor w1) {
        double v = w1.getDouble(0);
        // float32 work sizes are rounded to 24 bits: round up rather than down
        return (int) Math.max(1, Math.ceil(w1.dtype() == DType.FLOAT32 ? v * (1 + 0x1p-20) : v));
    }

    /** A new C-order (r, c) tensor whose memory is m in column-major order (leading dimension r). */
    private Tensor colMajor(Tensor m, DType t) {
        Tensor f = Tensor.empty(t, m.shape(1), m.shape(0));
        f.copyFrom(m.transpose());
        return f;
    }

    private Tensor eye(DType t, long r, long c) {
        Tensor e = Tensor.zeros(t, r, c);
        for (long i = 0; i < Math.min(r, c); i++) e.setDouble(1.0, i, i);
        return e;
    }

    /** A kernel on one matrix of a stack, returning its results (null entries allowed). */
    @FunctionalInterface
    private interface MatFn {
        Tensor[] apply(Tensor m);
    }

    /**
     * Applies a one-matrix kernel to every matrix of a (..., r, c) stack and stacks the results: numpy's gufunc
     * convention for the linalg functions. An empty stack runs the kernel once on an identity to learn the shapes.
     */
    private Tensor[] stacked(Tensor a, MatFn f) {
        if (a.ndim() == 2) return f.apply(a);
        long[] batch = Arrays.copyOf(a.shape(), a.ndim() - 2);
        long count = Shapes.size(batch);
        long[] idx = new long[batch.length];
        Tensor[] res = f.apply(count == 0 ? eye(a.dtype(), a.shape(-2), a.shape(-1)) : at(a, idx));
        Tensor[] out = new Tensor[res.length];
        for (int r = 0; r < res.length; r++) out[r] = res[r] == null ? null : Tensor.empty(res[r].dtype(), concat(batch, res[r].shape()));
        for (long p = 0; p < count; p++) {
            if (p > 0) res = f.apply(at(a, idx));
            for (int r = 0; r < res.length; r++) {
                if (res[r] == null) continue;
                at(out[r], idx).copyFrom(res[r]);
                if (res[r].storage() != null) res[r].storage().free();
            }
            for (int d = batch.length - 1; d >= 0; d--) {
                if (++idx[d] < batch[d]) break;
                idx[d] = 0;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- LU


    @Override
    public Lu lu(Tensor a) {
        if (a.ndim() != 2) throw new IllegalArgumentException("lu: a must be 2-D, got shape " + Shapes.str(a.shape()));
        DType t = lapackTypeC(a.dtype());
        long m = a.shape(0), n = a.shape(1), k = Math.min(m, n);
        Tensor f = colMajor(a, t);
        Tensor ipiv = Tensor.empty(DType.INT32, Math.max(1, k));
        if (k > 0) legal(Blas.getrf(prec(t), dim(m, "lu"), dim(n, "lu"), ptr(f), dim(Math.max(1, m), "lu"), ptr(ipiv)), "getrf");
        Tensor piv = Tensor.empty(DType.INT64, k);
        for (long i = 0; i < k; i++) piv.setLong(ipiv.getLong(i) - 1, i);
        Tensor lu = f.transpose().copy();
        f.storage().free();
        ipiv.storage().free();
        return new Lu(lu, piv);
    }

    @Override
    public Tensor luSolve(Lu factors, Tensor b) {
        return luSolve(factors, b, false);
    }

    @Override
    public Tensor luSolve(Lu factors, Tensor b, boolean trans) {
        Tensor lu = factors.lu(), piv = factors.pivots();
        if (lu.ndim() != 2 || lu.shape(0) != lu.shape(1)) {
            throw new IllegalArgumentException("luSolve: the factors must be square, got shape " + Shapes.str(lu.shape()));
        }
        long n = lu.shape(0);
        if (piv.ndim() != 1 || piv.shape(0) != n || !piv.dtype().isIntegral()) {
            throw new IllegalArgumentException("luSolve: pivots must be an integer array of shape (" + n + ",), got "
                    + piv.dtype() + " " + Shapes.str(piv.shape()));
        }
        if (b.ndim() < 1 || b.ndim() > 2 || b.shape(0) != n) {
            throw new IllegalArgumentException("luSolve: b must be (n,) or (n, k) with n = " + n + ", got shape " + Shapes.str(b.shape()));
        }
        DType t = lapackTypeC(DType.promoteTypes(lu.dtype(), b.dtype()));
        Tensor ipiv = Tensor.empty(DType.INT32, Math.max(1, n));
        for (long i = 0; i < n; i++) {
            long p = piv.getLong(i);
            if (p < 0 || p >= n) throw new IllegalArgumentException("luSolve: pivot " + p + " at " + i + " is outside [0, " + n + ")");
            ipiv.setLong(p + 1, i);
        }
        Tensor b2 = b.ndim() == 1 ? b.unsqueeze(1) : b;
        long k = b2.shape(1);
        Tensor x = solveFactored(colMajor(lu, t), ipiv, b2, t, trans ? 'T' : 'N', n, k);
        ipiv.storage().free();
        return b.ndim() == 1 ? x.squeeze(1) : x;
    }

    /** getrs on column-major factors f (freed here): a new C-order (n, k) X. */
    private Tensor solveFactored(Tensor f, Tensor ipiv, Tensor b2, DType t, char trans, long n, long k) {
        Tensor bf = colMajor(b2, t);
        if (n > 0 && k > 0) {
            legal(Blas.getrs(prec(t), trans, dim(n, "solve"), dim(k, "solve"), ptr(f), dim(Math.max(1, n), "solve"), ptr(ipiv),
                    ptr(bf), dim(Math.max(1, n), "solve")), "getrs");
        }
        Tensor x = bf.transpose().copy();
        f.storage().free();
        bf.storage().free();
        return x;
    }

    @Override
    public Tensor solve(Tensor a, Tensor b) {
        checkStack(a, "solve", true);
        long n = a.shape(-1);
        boolean vector = b.ndim() == 1;
        if (b.ndim() == 0 || b.shape(vector ? 0 : -2) != n) {
            throw new IllegalArgumentException("solve: b must be (" + n + ",) or (..., " + n + ", k) for a of shape "
                    + Shapes.str(a.shape()) + ", got shape " + Shapes.str(b.shape()));
        }
        DType t = lapackTypeC(DType.promoteTypes(a.dtype(), b.dtype()));
        Tensor b2 = vector ? b.unsqueeze(1) : b;
        long k = b2.shape(-1);
        long[] batch;
        try {
            batch = Shapes.broadcast(Arrays.copyOf(a.shape(), a.ndim() - 2), Arrays.copyOf(b2.shape(), b2.ndim() - 2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("solve: the batch axes of a " + Shapes.str(a.shape()) + " and b "
                    + Shapes.str(b.shape()) + " do not broadcast");
        }
        Tensor out;
        if (batch.length == 0) {
            out = solve2(a, b2, t);
        } else {
            out = Tensor.empty(t, concat(batch, n, k));
            Tensor ab = a.broadcastTo(concat(batch, n, n)), bb = b2.broadcastTo(concat(batch, n, k));
            long[] idx = new long[batch.length];
            for (long p = 0, count = Shapes.size(batch); p < count; p++) {
                Tensor x = solve2(at(ab, idx), at(bb, idx), t);
                at(out, idx).copyFrom(x);
                x.storage().free();
                for (int d = batch.length - 1; d >= 0; d--) {
                    if (++idx[d] < batch[d]) break;
                    idx[d] = 0;
                }
            }
        }
        return vector ? out.squeeze(out.ndim() - 1) : out;
    }

    private Tensor solve2(Tensor a, Tensor b2, DType t) {
        long n = a.shape(0), k = b2.shape(1);
        // a's C-order copy is Aᵀ in column-major order: factor that and solve with 'T'
        Tensor f = a.astype(t);
        Tensor ipiv = Tensor.empty(DType.INT32, Math.max(1, n));
        if (n > 0) {
            int info = Blas.getrf(prec(t), dim(n, "solve"), dim(n, "solve"), ptr(f), dim(n, "solve"), ptr(ipiv));
            legal(info, "getrf");
            if (info > 0) {
                f.storage().free();
                throw new LinalgError("solve: singular matrix (U[" + (info - 1) + ", " + (info - 1) + "] of its LU factorisation is exactly zero)");
            }
        }
        Tensor x = solveFactored(f, ipiv, b2, t, 'T', n, k);
        ipiv.storage().free();
        return x;
    }

    @Override
    public Tensor inv(Tensor a) {
        checkStack(a, "inv", true);
        DType t = lapackTypeC(a.dtype());
        return stacked(a, m -> new Tensor[] {inv2(m, t)})[0];
    }

    private Tensor inv2(Tensor m, DType t) {
        long n = m.shape(0);
        // the C-order copy is Aᵀ column-major; inv(Aᵀ) column-major is inv(A) in C order
        Tensor f = m.astype(t);
        if (n == 0) return f;
        int in = dim(n, "inv");
        Tensor ipiv = Tensor.empty(DType.INT32, n);
        int info = Blas.getrf(prec(t), in, in, ptr(f), in, ptr(ipiv));
        legal(info, "getrf");
        if (info > 0) {
            f.storage().free();
            ipiv.storage().free();
            throw new LinalgError("inv: singular matrix (U[" + (info - 1) + ", " + (info - 1) + "] of its LU factorisation is exactly zero)");
        }
        Tensor w1 = Tensor.empty(t, 1);
        legal(Blas.getri(prec(t), in, ptr(f), in, ptr(ipiv), ptr(w1), -1), "getri");
        int lw = lwork(w1);
        Tensor work = Tensor.empty(t, lw);
        info = Blas.getri(prec(t), in, ptr(f), in, ptr(ipiv), ptr(work), lw);
        legal(info, "getri");
        work.storage().free();
        ipiv.storage().free();
        if (info > 0) throw new LinalgError("inv: singular matrix");
        return f;
    }


    @Override
    public SlogDet slogdet(Tensor a) {
        checkStack(a, "slogdet", true);
        DType t = lapackTypeC(a.dtype());
        Tensor[] r = stacked(a, m -> {
            double[] sl = slogdet2(m, t);
            Tensor s = Tensor.empty(t), l = Tensor.empty(realPart(t));   // numpy: a complex sign e^{iφ}, a real log
            s.setComplex(new Complex(sl[0], sl[1]));
            l.setDouble(sl[2]);
            return new Tensor[] {s, l};
        });
        return new SlogDet(r[0], r[1]);
    }

    @Override
    public Tensor det(Tensor a) {
        checkStack(a, "det", true);
        DType t = lapackTypeC(a.dtype());
        return stacked(a, m -> {
            double[] sl = slogdet2(m, t);
            Tensor d = Tensor.empty(t);
            double e = Math.exp(sl[2]);
            // a real determinant as numpy's sign·exp(logdet): through a Complex, 0·inf made its imaginary part NaN
            if (t.isComplex()) d.setComplex(new Complex(sl[0] * e, sl[1] * e));
            else d.setDouble(sl[0] * e);
            return new Tensor[] {d};
        })[0];
    }

    /**
     * numpy's slogdet of one matrix as {sign.re, sign.im, log|det|} (sign.im 0 for real types): the sign is the product
     * of the pivots' phases u/|u| and of -1 per interchange, as numpy's umath_linalg accumulates it.
     */
    private double[] slogdet2(Tensor m, DType t) {
        long n = m.shape(0);
        if (n == 0) return new double[] {1, 0, 0};
        int in = dim(n, "det");
        Tensor f = m.astype(t);   // det(Aᵀ) = det(A): no transposition needed
        Tensor ipiv = Tensor.empty(DType.INT32, n);
        int info = Blas.getrf(prec(t), in, in, ptr(f), in, ptr(ipiv));
        legal(info, "getrf");
        double sr = 1, si = 0, log = 0;
        if (info > 0) {
            sr = 0;
            log = Double.NEGATIVE_INFINITY;
        } else {
            boolean cx = t.isComplex();
            Tensor re = f.real(), im = cx ? f.imag() : null;
            for (long i = 0; i < n; i++) {
                if (ipiv.getLong(i) != i + 1) {
                    sr = -sr;
                    si = -si;
                }
                double ur = re.getDouble(i, i);
                if (!cx) {
                    if (ur < 0) sr = -sr;   // numpy: a NaN pivot keeps the sign, the log becomes NaN
                    log += Math.log(Math.abs(ur));
                    continue;
                }
                double ui = im.getDouble(i, i), abs = Math.hypot(ur, ui);
                double pr = ur / abs, pi = ui / abs;
                double nr = sr * pr - si * pi;
                si = sr * pi + si * pr;
                sr = nr;
                log += Math.log(abs);
            }
        }
        f.storage().free();
        ipiv.storage().free();
        return new double[] {sr, si, log};
    }

    // ------------------------------------------------------------------------------------------- Cholesky, QR

    @Override
    public Tensor cholesky(Tensor a) {
        return cholesky(a, false);
    }

    @Override
    public Tensor cholesky(Tensor a, boolean upper) {
        checkStack(a, "cholesky", true);
        DType t = lapackTypeC(a.dtype());
        return stacked(a, m -> new Tensor[] {cholesky2(m, t, upper)})[0];
    }

    private Tensor cholesky2(Tensor m, DType t, boolean upper) {
        long n = m.shape(0);
        // the C-order copy is Aᵀ column-major: its upper triangle is A's lower one, and its factor U is L in C order
        // (complex too: Aᵀ = Uᴴ·U gives A = Uᵀ·conj(U) = L·Lᴴ with L = Uᵀ, no conjugation needed)
        Tensor f = m.astype(t);
        if (n == 0) return f;
        int in = dim(n, "cholesky");
        int info = Blas.potrf(prec(t), upper ? 'L' : 'U', in, ptr(f), in);
        legal(info, "potrf");
        if (info > 0) {
            f.storage().free();
            throw new LinalgError("cholesky: matrix is not positive definite (the leading minor of order " + info + " is not)");
        }
        for (long i = 0; i < n; i++) {
            Tensor row = f.select(0, i);
            if (upper) row.narrow(0, 0, i).fill(0.0);
            else row.narrow(0, i + 1, n - i - 1).fill(0.0);
        }
        return f;
    }


    @Override
    public QR qr(Tensor a, String mode) {
        checkStack(a, "qr", false);
        if (!"reduced".equals(mode) && !"complete".equals(mode) && !"r".equals(mode)) {
            throw new IllegalArgumentException("qr: unknown mode '" + mode + "'; allowed: reduced, complete, r");
        }
        DType t = lapackTypeC(a.dtype());
        Tensor[] r = stacked(a, m -> qr2(m, t, mode));
        return new QR(r[0], r[1]);
    }

    @Override
    public QR qr(Tensor a) {
        return qr(a, "reduced");
    }

    @Override
    public LocalLinalg.Householder householder(Tensor a) {
        if (a.ndim() != 2) throw new IllegalArgumentException("householder: a 2-D matrix expected, got shape " + Shapes.str(a.shape()));
        DType t = lapackTypeC(a.dtype());
        long m = a.shape(0), n = a.shape(1), k = Math.min(m, n);
        char d = prec(t);
        int im = dim(m, "householder"), in = dim(n, "householder"), ik = (int) k, lda = dim(Math.max(1, m), "householder");
        Tensor f = colMajor(a, t);   // row j of f is column j of A
        Tensor tau = Tensor.empty(t, Math.max(1, k));
        Tensor tc = Tensor.zeros(t, Math.max(1, k), Math.max(1, k));   // T column-major: its C-order reading is Tᵀ
        if (k > 0) {
            geqrf(d, im, in, f, lda, tau, t);
            Blas.larft(d, im, ik, ptr(f), lda, ptr(tau), ptr(tc), ik);
        }
        Tensor fa = f.transpose();   // A's factor in its own (m, n) indexing
        Tensor r = upper(fa, t, k, n);
        Tensor v = fa.narrow(1, 0, k).copy();
        for (long i = 0; i < k; i++) {
            v.select(0, i).narrow(0, i, k - i).fill(0.0);
            v.setDouble(1.0, i, i);
        }
        Tensor tt = k > 0 ? tc.transpose().copy() : Tensor.zeros(t, 0, 0);
        f.storage().free();
        tau.storage().free();
        tc.storage().free();
        return new LocalLinalg.Householder(v, tt, r);
    }

    /** LAPACK geqrf of the column-major f (m×n, leading dimension lda) in place, its scalars into tau; workspace queried first. */
    private void geqrf(char d, int im, int in, Tensor f, int lda, Tensor tau, DType t) {
        Tensor w1 = Tensor.empty(t, 1);
        legal(Blas.geqrf(d, im, in, ptr(f), lda, ptr(tau), ptr(w1), -1), "geqrf");
        Tensor work = Tensor.empty(t, lwork(w1));
        legal(Blas.geqrf(d, im, in, ptr(f), lda, ptr(tau), ptr(work), (int) work.size()), "geqrf");
        work.storage().free();
    }

    /** The (rows, n) R of geqrf's factor fa in A's (m, n) indexing: its upper triangle, zeros below (rows may exceed n). */
    private static Tensor upper(Tensor fa, DType t, long rows, long n) {
        Tensor r = Tensor.zeros(t, rows, n);
        for (long i = 0; i < Math.min(rows, n); i++) r.select(0, i).narrow(0, i, n - i).copyFrom(fa.select(0, i).narrow(0, i, n - i));
        return r;
    }

    private Tensor[] qr2(Tensor a, DType t, String mode) {
        long m = a.shape(0), n = a.shape(1), k = Math.min(m, n);
        char d = prec(t);
        int im = dim(m, "qr"), in = dim(n, "qr"), ik = (int) k, lda = dim(Math.max(1, m), "qr");
        Tensor f = colMajor(a, t);   // row j of f is column j of A
        Tensor tau = Tensor.empty(t, Math.max(1, k));
        if (k > 0) geqrf(d, im, in, f, lda, tau, t);
        long rRows = "complete".equals(mode) ? m : k;
        Tensor r = upper(f.transpose(), t, rRows, n);
        if ("r".equals(mode)) {
            f.storage().free();
            tau.storage().free();
            return new Tensor[] {null, r};
        }
        long qCols = "complete".equals(mode) ? m : k;
        Tensor qf;
        if (qCols <= n) {
            qf = f;   // the first qCols columns of f hold the reflectors
        } else {
            qf = Tensor.empty(t, qCols, m);
            qf.narrow(0, 0, n).copyFrom(f);
            f.storage().free();
        }
        if (m > 0) {
            int iq = (int) qCols;
            Tensor w1 = Tensor.empty(t, 1);
            legal(Blas.orgqr(d, im, iq, ik, ptr(qf), lda, ptr(tau), ptr(w1), -1), "orgqr");
            Tensor work = Tensor.empty(t, lwork(w1));
            legal(Blas.orgqr(d, im, iq, ik, ptr(qf), lda, ptr(tau), ptr(work), (int) work.size()), "orgqr");
            work.storage().free();
        }
        Tensor q = qf.narrow(0, 0, qCols).transpose().copy();
        qf.storage().free();
        tau.storage().free();
        return new Tensor[] {q, r};
    }

    // ------------------------------------------------------------------------------------------- SVD, eigh


    @Override
    public SVD svd(Tensor a, boolean fullMatrices, boolean computeUV) {
        checkStack(a, "svd", false);
        DType t = lapackTypeC(a.dtype());
        Tensor[] r = stacked(a, m -> svd2(m, t, fullMatrices, computeUV));
        return new SVD(r[0], r[1], r[2]);
    }

    @Override
    public SVD svd(Tensor a) {
        return svd(a, true, true);
    }

    private Tensor[] svd2(Tensor a, DType t, boolean full, boolean uv) {
        long m = a.shape(0), n = a.shape(1), k = Math.min(m, n);
        Tensor s = Tensor.empty(realPart(t), k);
        if (k == 0) {
            if (!uv) return new Tensor[] {null, s, null};
            return full ? new Tensor[] {eye(t, m, m), s, eye(t, n, n)} : new Tensor[] {Tensor.zeros(t, m, 0), s, Tensor.zeros(t, 0, n)};
        }
        // the C-order copy is Aᵀ (n, m) column-major; Aᵀ = U'·S·V'ᵀ gives A = V'·S·U'ᵀ, and the column-major U', V'ᵀ
        // read in C order are exactly A's Vh and U: no transposition anywhere
        Tensor f = a.astype(t);
        boolean d = dbl(t) || t == DType.COMPLEX128;
        char jobz = !uv ? 'N' : full ? 'A' : 'S';
        Tensor vh = !uv ? Tensor.empty(t, 1) : full ? Tensor.empty(t, n, n) : Tensor.empty(t, k, n);
        Tensor u = !uv ? Tensor.empty(t, 1) : full ? Tensor.empty(t, m, m) : Tensor.empty(t, m, k);
        int im = dim(m, "svd"), in = dim(n, "svd");
        int ldu = uv ? in : 1, ldvt = !uv ? 1 : full ? im : (int) k;
        Tensor iwork = Tensor.empty(DType.INT32, 8 * k);
        Tensor w1 = Tensor.empty(t, 1);
        int info;
        if (t.isComplex()) {
            // the C-order copy is Aᵀ column-major here too; (Aᵀ)ᵀ = conj(V')·S·U'ᵀ, and the column-major V'ᴴ read in
            // C order is conj(V'): again A's U and Vh exactly, without conjugating anything
            Tensor rwork = Tensor.empty(realPart(t), Math.max(1, uv ? 5 * k * k + 7 * k : 7 * k));
            legal(Blas.gesddComplex(d, jobz, in, im, ptr(f), in, ptr(s), ptr(vh), ldu, ptr(u), ldvt, ptr(w1), -1, ptr(rwork), ptr(iwork)), "gesdd");
            Tensor work = Tensor.empty(t, lwork(w1));
            info = Blas.gesddComplex(d, jobz, in, im, ptr(f), in, ptr(s), ptr(vh), ldu, ptr(u), ldvt, ptr(work), (int) work.size(),
                    ptr(rwork), ptr(iwork));
            work.storage().free();
            rwork.storage().free();
        } else {
            legal(Blas.gesdd(d, jobz, in, im, ptr(f), in, ptr(s), ptr(vh), ldu, ptr(u), ldvt, ptr(w1), -1, ptr(iwork)), "gesdd");
            Tensor work = Tensor.empty(t, lwork(w1));
            info = Blas.gesdd(d, jobz, in, im, ptr(f), in, ptr(s), ptr(vh), ldu, ptr(u), ldvt, ptr(work), (int) work.size(), ptr(iwork));
            work.storage().free();
        }
        // gesdd's own check refuses a matrix with NaN as argument 4 (A); say so instead of naming LAPACK's argument
        if (info == -4) throw new IllegalArgumentException("svd: the matrix contains NaN or infinity (LAPACK gesdd rejected it)");
        legal(info, "gesdd");
        iwork.storage().free();
        f.storage().free();
        if (info > 0) throw new LinalgError("svd: SVD did not converge");
        if (!uv) {
            u.storage().free();
            vh.storage().free();
            return new Tensor[] {null, s, null};
        }
        return new Tensor[] {u, s, vh};
    }


    @Override
    public Eigh eigh(Tensor a, boolean lower) {
        checkStack(a, "eigh", true);
        DType t = lapackTypeC(a.dtype());
        Tensor[] r = stacked(a, m -> eigh2(m, t, lower, true));
        return new Eigh(r[0], r[1]);
    }

    @Override
    public Eigh eigh(Tensor a) {
        return eigh(a, true);
    }

    @Override
    public Eig eig(Tensor a) {
        if (a.ndim() != 2 || a.shape(0) != a.shape(1)) {
            throw new IllegalArgumentException("eig: expected one square matrix, got shape " + Shapes.str(a.shape()));
        }
        DType t = lapackType(a.dtype(), "eig");
        long n = a.shape(0);
        Tensor wr = Tensor.empty(t, n), wi = Tensor.empty(t, n);
        Tensor vr = Tensor.zeros(t, n, n), vi = Tensor.zeros(t, n, n);
        if (n == 0) return new Eig(wr, wi, vr, vi);
        Tensor f = a.transpose().astype(t);   // C order of Aᵀ = A in column-major order
        boolean d = dbl(t);
        int in = dim(n, "eig");
        Tensor packed = Tensor.empty(t, n, n), vl = Tensor.empty(t, 1), w1 = Tensor.empty(t, 1);
        legal(Blas.geev(d, 'N', 'V', in, ptr(f), in, ptr(wr), ptr(wi), ptr(vl), 1, ptr(packed), in, ptr(w1), -1), "geev");
        Tensor work = Tensor.empty(t, lwork(w1));
        int info = Blas.geev(d, 'N', 'V', in, ptr(f), in, ptr(wr), ptr(wi), ptr(vl), 1, ptr(packed), in, ptr(work), (int) work.size());
        legal(info, "geev");
        work.storage().free();
        f.storage().free();
        if (info > 0) {
            packed.storage().free();
            throw new LinalgError("eig: the QR algorithm did not converge");
        }
        // packed is column-major: packed[j][i] (C order) is component i of vector j; unpack the conjugate pairs
        double[] p = packed.toDoubleArray(), re = new double[(int) (n * n)], im = new double[(int) (n * n)];
        packed.storage().free();
        int m = (int) n;
        for (int j = 0; j < m; j++) {
            if (wi.getDoubleFlat(j) != 0 && j + 1 < m) {
                for (int i = 0; i < m; i++) {
                    double x = p[j * m + i], y = p[(j + 1) * m + i];
                    re[i * m + j] = x;
                    im[i * m + j] = y;
                    re[i * m + j + 1] = x;
                    im[i * m + j + 1] = -y;
                }
                j++;
            } else {
                for (int i = 0; i < m; i++) re[i * m + j] = p[j * m + i];
            }
        }
        vr.copyFrom(re, 0);
        vi.copyFrom(im, 0);
        return new Eig(wr, wi, vr, vi);
    }

    @Override
    public Tensor eigvalsh(Tensor a, boolean lower) {
        checkStack(a, "eigvalsh", true);
        DType t = lapackTypeC(a.dtype());
        return stacked(a, m -> eigh2(m, t, lower, false))[0];
    }

    private Tensor[] eigh2(Tensor a, DType t, boolean lower, boolean vectors) {
        long n = a.shape(0);
        Tensor w = Tensor.empty(realPart(t), n);
        Tensor f = a.astype(t);   // Aᵀ column-major: A's lower triangle is its upper one
        if (n == 0) return new Tensor[] {w, vectors ? f : null};
        int in = dim(n, "eigh");
        char jobz = vectors ? 'V' : 'N', uplo = lower ? 'U' : 'L';
        Tensor w1 = Tensor.empty(t, 1), iw1 = Tensor.empty(DType.INT32, 1);
        int info;
        if (t.isComplex()) {
            // Hermitian: the column-major view is Aᵀ = conj(A), with A's eigenvalues and conjugated eigenvectors
            boolean d = t == DType.COMPLEX128;
            Tensor rw1 = Tensor.empty(realPart(t), 1);
            legal(Blas.heevd(d, jobz, uplo, in, ptr(f), in, ptr(w), ptr(w1), -1, ptr(rw1), -1, ptr(iw1), -1), "heevd");
            Tensor work = Tensor.empty(t, lwork(w1)), rwork = Tensor.empty(realPart(t), lwork(rw1));
            Tensor iwork = Tensor.empty(DType.INT32, Math.max(1, iw1.getLong(0)));
            info = Blas.heevd(d, jobz, uplo, in, ptr(f), in, ptr(w), ptr(work), (int) work.size(), ptr(rwork), (int) rwork.size(),
                    ptr(iwork), (int) iwork.size());
            legal(info, "heevd");
            work.storage().free();
            rwork.storage().free();
            iwork.storage().free();
        } else {
            boolean d = dbl(t);
            legal(Blas.syevd(d, jobz, uplo, in, ptr(f), in, ptr(w), ptr(w1), -1, ptr(iw1), -1), "syevd");
            Tensor work = Tensor.empty(t, lwork(w1)), iwork = Tensor.empty(DType.INT32, Math.max(1, iw1.getLong(0)));
            info = Blas.syevd(d, jobz, uplo, in, ptr(f), in, ptr(w), ptr(work), (int) work.size(), ptr(iwork), (int) iwork.size());
            legal(info, "syevd");
            work.storage().free();
            iwork.storage().free();
        }
        if (info > 0) {
            f.storage().free();
            throw new LinalgError("eigh: eigenvalues did not converge");
        }
        if (!vectors) {
            f.storage().free();
            return new Tensor[] {w, null};
        }
        Tensor v = f.transpose().copy();   // eigenvectors are the columns of the column-major result
        f.storage().free();
        if (t.isComplex()) conjugateInPlace(v);
        return new Tensor[] {w, v};
    }

    // ------------------------------------------------------------------------------------------- least squares


    @Override
    public Lstsq lstsq(Tensor a, Tensor b) {
        return lstsq(a, b, -1);
    }

    @Override
    public Lstsq lstsq(Tensor a, Tensor b, double rcond) {
        long m = checkLstsq(a, b, "lstsq");
        long n = a.shape(1);
        DType t = lapackTypeC(DType.promoteTypes(a.dtype(), b.dtype())), rt = realPart(t);
        if (rcond < 0) rcond = (rt == DType.FLOAT32 ? 0x1p-23 : 0x1p-52) * Math.max(m, n);
        Tensor b2 = b.ndim() == 1 ? b.unsqueeze(1) : b;
        long k = b2.shape(1), kk = Math.max(1, k);   // no right-hand side: solve for a zero one (LAPACK mishandles none)
        long ldb = Math.max(1, Math.max(m, n)), mn = Math.min(m, n);
        Tensor af = colMajor(a, t);
        Tensor bf = Tensor.zeros(t, kk, ldb);
        if (k > 0) bf.narrow(1, 0, m).copyFrom(b2.transpose());
        Tensor s = Tensor.empty(rt, Math.max(1, mn)), rank = Tensor.zeros(DType.INT32, 1);
        long rk = 0;
        if (mn > 0) {
            boolean d = rt == DType.FLOAT64;
            int im = dim(m, "lstsq"), in = dim(n, "lstsq"), ik = dim(kk, "lstsq"), lda = Math.max(1, im), il = dim(ldb, "lstsq");
            Tensor w1 = Tensor.empty(t, 1), iw1 = Tensor.empty(DType.INT32, 1);
            int info;
            if (t.isComplex()) {
                Tensor rw1 = Tensor.empty(rt, 1);
                legal(Blas.gelsdComplex(d, im, in, ik, ptr(af), lda, ptr(bf), il, ptr(s), rcond, ptr(rank), ptr(w1), -1, ptr(rw1), ptr(iw1)), "gelsd");
                Tensor work = Tensor.empty(t, lwork(w1.real())), rwork = Tensor.empty(rt, lwork(rw1)),
                        iwork = Tensor.empty(DType.INT32, Math.max(1, iw1.getLong(0)));
                info = Blas.gelsdComplex(d, im, in, ik, ptr(af), lda, ptr(bf), il, ptr(s), rcond, ptr(rank), ptr(work), (int) work.size(),
                        ptr(rwork), ptr(iwork));
                work.storage().free();
                rwork.storage().free();
                iwork.storage().free();
            } else {
                legal(Blas.gelsd(d, im, in, ik, ptr(af), lda, ptr(bf), il, ptr(s), rcond, ptr(rank), ptr(w1), -1, ptr(iw1)), "gelsd");
                Tensor work = Tensor.empty(t, lwork(w1)), iwork = Tensor.empty(DType.INT32, Math.max(1, iw1.getLong(0)));
                info = Blas.gelsd(d, im, in, ik, ptr(af), lda, ptr(bf), il, ptr(s), rcond, ptr(rank), ptr(work), (int) work.size(), ptr(iwork));
                work.storage().free();
                iwork.storage().free();
            }
            legal(info, "gelsd");
            if (info > 0) {
                af.storage().free();
                bf.storage().free();
                throw new LinalgError("lstsq: SVD did not converge in linear least squares");
            }
            rk = rank.getLong(0);
        }
        af.storage().free();
        Tensor x = bf.narrow(0, 0, k).narrow(1, 0, n).transpose().copy();
        Tensor res;
        if (rk == n && m > n) {
            res = Tensor.empty(rt, k);   // numpy: squared 2-norms of the residual columns, real for complex systems
            for (long j = 0; j < k; j++) {
                Tensor tail = bf.select(0, j).narrow(0, n, m - n);
                double sq = inner(tail.real(), tail.real(), rt).getDouble();
                if (t.isComplex()) sq += inner(tail.imag(), tail.imag(), rt).getDouble();
                res.setDouble(sq, j);
            }
        } else {
            res = Tensor.empty(rt, 0);
        }
        bf.storage().free();
        Tensor sv = s.narrow(0, 0, mn).contiguous();
        return new Lstsq(b.ndim() == 1 ? x.squeeze(1) : x, res, rk, sv);
    }

    private long checkLstsq(Tensor a, Tensor b, String op) {
        if (a.ndim() != 2) throw new IllegalArgumentException(op + ": a must be 2-D, got shape " + Shapes.str(a.shape()));
        if (b.ndim() < 1 || b.ndim() > 2 || b.shape(0) != a.shape(0)) {
            throw new IllegalArgumentException(op + ": incompatible dimensions: b must be (" + a.shape(0) + ",) or ("
                    + a.shape(0) + ", k) for a of shape " + Shapes.str(a.shape()) + ", got " + Shapes.str(b.shape()));
        }
        return a.shape(0);
    }

    @Override
    public Tensor lstsqFullRank(Tensor a, Tensor b) {
        long m = checkLstsq(a, b, "lstsqFullRank");
        long n = a.shape(1);
        DType t = lapackTypeC(DType.promoteTypes(a.dtype(), b.dtype()));
        Tensor b2 = b.ndim() == 1 ? b.unsqueeze(1) : b;
        long k = b2.shape(1), ldb = Math.max(1, Math.max(m, n));
        Tensor af = colMajor(a, t);
        Tensor bf = Tensor.zeros(t, k, ldb);
        bf.narrow(1, 0, m).copyFrom(b2.transpose());
        if (Math.min(m, n) > 0 && k > 0) {
            char d = prec(t);
            int im = dim(m, "lstsqFullRank"), in = dim(n, "lstsqFullRank"), ik = dim(k, "lstsqFullRank"), il = dim(ldb, "lstsqFullRank");
            Tensor w1 = Tensor.empty(t, 1);
            legal(Blas.gels(d, 'N', im, in, ik, ptr(af), Math.max(1, im), ptr(bf), il, ptr(w1), -1), "gels");
            Tensor work = Tensor.empty(t, lwork(w1.real()));
            int info = Blas.gels(d, 'N', im, in, ik, ptr(af), Math.max(1, im), ptr(bf), il, ptr(work), (int) work.size());
            legal(info, "gels");
            work.storage().free();
            if (info > 0) {
                af.storage().free();
                bf.storage().free();
                throw new LinalgError("lstsqFullRank: a does not have full rank (diagonal element " + (info - 1)
                        + " of its triangular factor is exactly zero); use lstsq");
            }
        } else if (k > 0) {
            bf.fill(0.0);   // an empty a: the minimum-norm solution is zero
        }
        af.storage().free();
        Tensor x = bf.narrow(1, 0, n).transpose().copy();
        bf.storage().free();
        return b.ndim() == 1 ? x.squeeze(1) : x;
    }
}
