package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jheat.natives.Blas;

/**
 * Dense linear algebra on local tensors: BLAS for float32/float64 products, a cache-blocked Java kernel for integer
 * and bool products (numpy supports them, BLAS does not), LAPACK for factorisations and solvers. The local kernels
 * under the distributed linear algebra, and numpy's {@code matmul}/{@code linalg} on one process.
 *
 * <p>Strided and transposed views go to BLAS as they are, with the matching transpose flag and leading dimension;
 * an operand is copied only when no BLAS layout describes it (non-unit strides in both axes, negative or zero
 * strides, on-heap memory). LAPACK overwrites its input, so those routines always work on a private copy: the
 * caller's tensors are never modified (except the output of the in-place BLAS calls {@link #gemm}, {@link #gemv},
 * {@link #syrk}, {@link #trsm}). OpenBLAS runs with the process's thread budget ({@link Parallel#threads()}).
 *
 * <pre>{@code
 * Tensor a = Tensor.fromArray(new double[][] {{1, 2}, {3, 4}});
 * Tensor c = LocalLinalg.matmul(a, a.transpose());   // BLAS with a transpose flag, no copy
 * Tensor big = Tensor.zeros(DType.FLOAT64, 2, 6);
 * LocalLinalg.gemm(1.0, a, a, 0.0, big.narrow(1, 2, 2));   // into a column block of a larger matrix
 * }</pre>
 */
public final class LocalLinalg {
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

    private LocalLinalg() { }

    // =========================================================================================== gemm / matmul

    /**
     * {@code C = alpha·A·B + beta·C} for 2-D tensors of any strides; {@code c} is updated in place and may be a view
     * (a column block of a larger matrix, a transposed view …). float32/float64 go to BLAS ({@code a} and {@code b}
     * are converted to c's dtype when they differ); integer dtypes use a blocked Java kernel with numpy's wrap-around;
     * for bool, the product is the logical or of ands and alpha, beta must be 0 or 1. With {@code beta == 0} c's old
     * values are not read (NaN in c does not propagate), as in BLAS.
     * <pre>{@code LocalLinalg.gemm(1.0, a, b, 0.0, c); }</pre>
     *
     * @throws IllegalArgumentException for non-2-D operands, mismatched shapes, complex dtypes, or non-integral
     *         alpha/beta with an integer c
     */
    public static void gemm(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
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
        t.requireReal("gemm");
        a.dtype().requireReal("gemm");
        b.dtype().requireReal("gemm");
        if (t.isFloat()) {
            gemmFloat(alpha, a, b, beta, c);
        } else {
            long al = integral(alpha, "alpha", t), be = integral(beta, "beta", t);
            gemmIntegral(al, a, b, be, c);
        }
    }

    private static long integral(double v, String name, DType t) {
        if (t == DType.BOOL ? v != 0 && v != 1 : v != Math.rint(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("gemm: " + name + " = " + v + " is not allowed for a " + t + " result"
                    + (t == DType.BOOL ? "; allowed: 0 or 1" : "; allowed: integral values"));
        }
        return (long) v;
    }

    /**
     * numpy's {@code matmul}: matrix products of the last two axes, batch axes broadcast; a 1-D first operand is a
     * row vector and a 1-D second operand a column vector, the added axis removed from the result. The result dtype
     * is numpy's result type of the two (bool·bool is bool: or of ands; integers wrap around).
     * <pre>{@code
     * Tensor y = LocalLinalg.matmul(x, w);                 // (n, k)·(k, m)
     * Tensor z = LocalLinalg.matmul(batchOfMats, vector);  // (b, n, k)·(k,) -> (b, n)
     * }</pre>
     *
     * @throws IllegalArgumentException for 0-d operands, mismatched inner extents or batch axes that do not
     *         broadcast; the message names both shapes
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.ndim() == 0 || b.ndim() == 0) {
            throw new IllegalArgumentException("matmul: operands must have at least one dimension, got shapes "
                    + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()) + " (use multiply for scalars)");
        }
        DType rt = DType.promoteTypes(a.dtype(), b.dtype()).requireReal("matmul");
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
            if (rt.isFloat()) {   // convert once, not once per batch entry
                if (x.dtype() != rt) temps.add(x = x.astype(rt));
                if (y.dtype() != rt) temps.add(y = y.astype(rt));
            }
            batchedGemm(x, y, out, batch, m, k, n);
            free(temps);
        }
        if (b.ndim() == 1) out = out.squeeze(out.ndim() - 1);
        if (a.ndim() == 1) out = out.squeeze(out.ndim() - (b.ndim() == 1 ? 1 : 2));
        return out;
    }

    private static void batchedGemm(Tensor x, Tensor y, Tensor out, long[] batch, long m, long k, long n) {
        long count = Shapes.size(batch);
        if (batch.length == 0) {
            gemm(1.0, x, y, 0.0, out);
            return;
        }
        boolean ySingle = y.ndim() == 2 || Shapes.size(Arrays.copyOf(y.shape(), y.ndim() - 2)) == 1;
        if (ySingle && x.ndim() == out.ndim() && Arrays.equals(Arrays.copyOf(x.shape(), x.ndim() - 2), batch) && x.isContiguous()) {
            // one product (count·m, k)·(k, n): batch axes fold into the rows of a contiguous x
            Tensor y2 = y;
            while (y2.ndim() > 2) y2 = y2.select(0, 0);
            gemm(1.0, x.reshape(count * m, k), y2, 0.0, out.reshape(count * m, n));
            return;
        }
        Tensor xb = x.broadcastTo(concat(batch, m, k)), yb = y.broadcastTo(concat(batch, k, n));
        long[] idx = new long[batch.length];
        for (long p = 0; p < count; p++) {
            gemm(1.0, at(xb, idx), at(yb, idx), 0.0, at(out, idx));
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
    private static void scale(Tensor c, double beta) {
        if (beta == 1 || c.size() == 0) return;
        if (beta == 0) {
            c.fill(0.0);
            return;
        }
        Elementwise.apply(Kernels.MUL, false, c, c, Tensor.full(c.dtype(), beta).broadcastTo(c.shape()));
    }

    private static void gemmFloat(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
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
        }
        Tensor aa = a.dtype() == t ? a : keep(temps, a.astype(t));
        Op ao = fit(aa, colOrder);
        if (ao == null) ao = fit(keep(temps, aa.copy()), colOrder);
        Tensor bb = b.dtype() == t ? b : keep(temps, b.astype(t));
        Op bo = fit(bb, colOrder);
        if (bo == null) bo = fit(keep(temps, bb.copy()), colOrder);
        int order = colOrder ? Blas.COL_MAJOR : Blas.ROW_MAJOR;
        int im = dim(m, "gemm"), in = dim(n, "gemm"), ik = dim(k, "gemm");
        if (t == DType.FLOAT64) {
            Blas.dgemm(order, ao.flag(), bo.flag(), im, in, ik, alpha, ao.ptr(), ao.ld(), bo.ptr(), bo.ld(), beta, co.ptr(), co.ld());
        } else {
            Blas.sgemm(order, ao.flag(), bo.flag(), im, in, ik, (float) alpha, ao.ptr(), ao.ld(), bo.ptr(), bo.ld(), (float) beta,
                    co.ptr(), co.ld());
        }
        if (cc != c) c.copyFrom(cc);
        free(temps);
    }

    private static Tensor keep(List<Tensor> temps, Tensor t) {
        temps.add(t);
        return t;
    }

    // ------------------------------------------------------------------------------------------- integer kernel

    /**
     * C = alpha·A·B + beta·C computed exactly in 64-bit and stored with c's wrap-around (modular arithmetic makes this
     * equal to numpy's computation in the narrow type). Blocks of A and B are packed into long arrays so that the
     * inner loop is a plain array loop over a row of B; row blocks of C are spread over the process's threads.
     */
    private static void gemmIntegral(long alpha, Tensor a, Tensor b, long beta, Tensor c) {
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

    private static boolean needsCast(DType from, DType to) {
        return from.isFloat() || (to == DType.BOOL && from != DType.BOOL);
    }

    private static void intBlocks(long alpha, Tensor a, Tensor b, long beta, Tensor c, long fromBlock, long toBlock) {
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
}
