package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Local kernels of advanced indexing, nonzero and where: rows gathered from or scattered to a tensor at index
 * arrays, row permutations between packed buffers, the coordinates of nonzero elements and the masked copy. They
 * move raw bytes (one dtype in and out), so one loop serves every dtype; short rows go element by element with a
 * precomputed offset table, long or contiguous rows as block copies.
 *
 * Reached only through {@link CpuBackend}.
 *
 * <pre>{@code
 * // out[b, :] = y[idx[0][b], :] for a 2-d y indexed along axis 0
 * Tensor out = Tensor.empty(y.dtype(), nb, y.shape(1));
 * IndexKernels.gatherRows(y, new int[] {0}, new long[][] {rows}, nb, out);
 * }</pre>
 */
final class IndexKernels {
    private IndexKernels() { }

    private static final int VIEW_ROWS = 256;   // rows longer than this are copied through views
    /** Rows of 32 or 64 bytes on vectors ({@link RowVector}) when the JVM has {@code jdk.incubator.vector}. */
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /**
     * {@code out[b, …] = y[…, idx[0][b], …, idx[k-1][b], …]}: rows (the non-indexed axes of y) gathered at the
     * given (non-negative, in-bounds) indices of y's {@code axes} (ascending). out is contiguous with shape
     * [nb, rest…].
     * <pre>{@code IndexKernels.gatherRows(y, new int[] {0, 2}, new long[][] {i, j}, nb, out);   // y[i, :, j] }</pre>
     */
    static void gatherRows(Tensor y, int[] axes, long[][] idx, long nb, Tensor out) {
        rowCopy(y, axes, idx, nb, out, true);
    }

    /**
     * The reverse of {@link #gatherRows}: {@code y[…, idx[0][b], …] = rows[b, …]} (for repeated indices the last row
     * wins).
     * <pre>{@code IndexKernels.scatterRows(rows, y, new int[] {0}, new long[][] {i}, nb);   // y[i] = rows }</pre>
     */
    static void scatterRows(Tensor rows, Tensor y, int[] axes, long[][] idx, long nb) {
        rowCopy(y, axes, idx, nb, rows, false);
    }

    private static void rowCopy(Tensor y, int[] axes, long[][] idx, long nb, Tensor rows, boolean gather) {
        if (nb == 0) return;
        int nd = y.ndim(), k = axes.length;
        long[] st = y.strides(), sh = y.shape();
        int[] rest = new int[nd - k];
        for (int d = 0, r = 0; d < nd; d++) if (Arrays.binarySearch(axes, d) < 0) rest[r++] = d;
        long restSize = 1;
        for (int d : rest) restSize *= sh[d];
        if (restSize == 0) return;
        if (restSize > VIEW_ROWS) {
            for (long b = 0; b < nb; b++) {
                Tensor v = y;
                for (int j = k - 1; j >= 0; j--) v = v.select(axes[j], idx[j][(int) b]);
                Tensor r = rows.select(0, b);
                if (gather) r.copyFrom(v); else v.copyFrom(r);
            }
            return;
        }
        // relative element offsets of one row in y (C order over the rest axes)
        int rs = (int) restSize;
        long[] rel = new long[rs];
        long[] ctr = new long[rest.length];
        boolean dense = true;
        for (int i = 0; i < rs; i++) {
            long o = 0;
            for (int j = 0; j < rest.length; j++) o += ctr[j] * st[rest[j]];
            rel[i] = o;
            dense &= o == i;
            for (int j = rest.length - 1; j >= 0; j--) {
                if (++ctr[j] < sh[rest[j]]) break;
                ctr[j] = 0;
            }
        }
        int item = y.dtype().itemSize();
        MemorySegment ys = y.segment(), rsg = rows.segment();
        long rowBase = rows.offset() * item;
        long yOff = y.offset();
        boolean contiguous = dense;
        boolean words = contiguous && (restSize * item) % 8 == 0;
        long rowBytes = restSize * item;
        long[] axStride = new long[k];
        for (int j = 0; j < k; j++) axStride[j] = st[axes[j]];
        boolean vector = VECTOR && words && k == 1 && RowVector.fits(rowBytes);
        // gathered rows go to distinct places, so threads can share the gather; a scatter keeps numpy's last write
        Parallel.forRange(gather ? nb : Math.min(nb, 1), gather ? 1 << 14 : Long.MAX_VALUE, (b0, b1) -> {
            long end = gather ? b1 : nb;
            if (vector) {
                RowVector.rows(ys, yOff * item, axStride[0] * item, idx[0], rsg, rowBase, rowBytes, b0, end, gather);
                return;
            }
            for (long b = b0; b < end; b++) {
                long base = yOff;
                for (int j = 0; j < k; j++) base += idx[j][(int) b] * axStride[j];
                long yb = base * item, rb = rowBase + b * rowBytes;
                if (words) {
                    // short rows word by word: one MemorySegment.copy call costs more than the 64 bytes it moves
                    if (gather) copyWords(ys, yb, rsg, rb, rowBytes); else copyWords(rsg, rb, ys, yb, rowBytes);
                } else if (contiguous) {
                    if (gather) MemorySegment.copy(ys, yb, rsg, rb, rowBytes);
                    else MemorySegment.copy(rsg, rb, ys, yb, rowBytes);
                } else {
                    for (int i = 0; i < rs; i++) {
                        long yo = yb + rel[i] * item, ro = rb + (long) i * item;
                        if (gather) copyItem(ys, yo, rsg, ro, item); else copyItem(rsg, ro, ys, yo, item);
                    }
                }
            }
        });
    }

    /** {@code bytes} (a multiple of 8) from s to d as longs (the unaligned layout skips a per-access alignment check). */
    private static void copyWords(MemorySegment s, long so, MemorySegment d, long dof, long bytes) {
        for (long o = 0; o < bytes; o += 8) d.set(ValueLayout.JAVA_LONG_UNALIGNED, dof + o, s.get(ValueLayout.JAVA_LONG_UNALIGNED, so + o));
    }

    private static void copyItem(MemorySegment s, long so, MemorySegment d, long dof, int item) {
        switch (item) {
            case 1 -> d.set(ValueLayout.JAVA_BYTE, dof, s.get(ValueLayout.JAVA_BYTE, so));
            case 2 -> d.set(ValueLayout.JAVA_SHORT_UNALIGNED, dof, s.get(ValueLayout.JAVA_SHORT_UNALIGNED, so));
            case 4 -> d.set(ValueLayout.JAVA_INT_UNALIGNED, dof, s.get(ValueLayout.JAVA_INT_UNALIGNED, so));
            case 8 -> d.set(ValueLayout.JAVA_LONG_UNALIGNED, dof, s.get(ValueLayout.JAVA_LONG_UNALIGNED, so));
            default -> MemorySegment.copy(s, so, d, dof, item);
        }
    }

    /**
     * Row permutation between two contiguous tensors of the same dtype, rows of {@code rowBytes} bytes:
     * {@code dst[order[q]] = src[q]} ({@code scatter}) or {@code dst[q] = src[order[q]]}.
     * <pre>{@code IndexKernels.moveRows(recv, rows, order, true, rowElems * recv.dtype().itemSize()); }</pre>
     */
    static void moveRows(Tensor src, Tensor dst, long[] order, boolean scatter, long rowBytes) {
        if (rowBytes == 0) return;
        MemorySegment s = src.segment(), d = dst.segment();
        long sb = src.offset() * src.dtype().itemSize(), db = dst.offset() * dst.dtype().itemSize();
        if (VECTOR && RowVector.fits(rowBytes)) {
            // a permutation is a gather (d[q] = s[order[q]]) or a scatter (d[order[q]] = s[q]) of packed rows
            if (scatter) RowVector.rows(d, db, rowBytes, order, s, sb, rowBytes, 0, order.length, false);
            else RowVector.rows(s, sb, rowBytes, order, d, db, rowBytes, 0, order.length, true);
            return;
        }
        for (int q = 0; q < order.length; q++) {
            long from = scatter ? q : order[q], to = scatter ? order[q] : q;
            MemorySegment.copy(s, sb + from * rowBytes, d, db + to * rowBytes, rowBytes);
        }
    }

    /**
     * The coordinates of the nonzero elements of {@code t} (at least 1-d), one int64 tensor per axis, in C order;
     * {@code shift} is added to the coordinates along {@code shiftAxis} (-1: none), which makes them global when t
     * is a slab along that axis.
     * <pre>{@code Tensor[] ij = IndexKernels.nonzero(mask, 0, myStart);   // global rows, local columns }</pre>
     */
    static Tensor[] nonzero(Tensor t, int shiftAxis, long shift) {
        int nd = t.ndim();
        Tensor bt = t.dtype() == DType.BOOL && t.isContiguous() ? t : t.astype(DType.BOOL);
        long n = bt.size();
        MemorySegment bs = n == 0 ? MemorySegment.NULL : bt.segment();
        long off = bt.offset();
        // the truth values pass through a heap chunk: array loops beat per-element segment access severalfold here
        int ch = (int) Math.min(n, NZ_CHUNK);
        byte[] buf = new byte[ch];
        long nnz = 0;
        for (long at = 0; at < n; at += ch) {
            int len = (int) Math.min(ch, n - at);
            MemorySegment.copy(bs, ValueLayout.JAVA_BYTE, off + at, buf, 0, len);
            for (int i = 0; i < len; i++) nnz += buf[i] != 0 ? 1 : 0;
        }
        long[] ls = t.shape();
        Tensor[] out = new Tensor[nd];
        MemorySegment[] os = new MemorySegment[nd];
        for (int d = 0; d < nd; d++) {
            out[d] = Tensor.empty(DType.INT64, nnz);
            os[d] = nnz == 0 ? null : out[d].data();
        }
        if (nnz > 0) {
            long[] flat = new long[ch + 1], coord = new long[ch];
            long[] cs = Shapes.cStrides(ls);
            long k = 0;
            for (long at = 0; at < n; at += ch) {
                int len = (int) Math.min(ch, n - at), m = 0;
                MemorySegment.copy(bs, ValueLayout.JAVA_BYTE, off + at, buf, 0, len);
                for (int i = 0; i < len; i++) {
                    flat[m] = at + i;   // written always, kept by advancing m: no branch to mispredict on a random mask
                    m += buf[i] != 0 ? 1 : 0;
                }
                for (int d = 0; d < nd; d++) {
                    long ext = ls[d], stride = cs[d], sh = d == shiftAxis ? shift : 0;
                    for (int q = 0; q < m; q++) coord[q] = (nd == 1 ? flat[q] : flat[q] / stride % ext) + sh;
                    MemorySegment.copy(coord, 0, os[d], ValueLayout.JAVA_LONG, k * 8, m);
                }
                k += m;
            }
        }
        if (bt != t) bt.storage().free();
        return out;
    }

    /** Truth values per heap chunk of {@link #nonzero}. */
    private static final int NZ_CHUNK = 1 << 14;

    /**
     * {@code dst[i] = src[i]} where {@code mask[i]} is nonzero: three contiguous tensors of the same size, mask bool,
     * src and dst of the same dtype.
     * <pre>{@code IndexKernels.copyWhere(cond, a, res);   // res = where(cond, a, res) }</pre>
     */
    static void copyWhere(Tensor mask, Tensor src, Tensor dst) {
        long n = dst.size();
        if (n == 0) return;
        MemorySegment c = mask.data(), s = src.data(), d = dst.data();
        int item = dst.dtype().itemSize();
        for (long i = 0; i < n; i++) {
            if (c.get(ValueLayout.JAVA_BYTE, i) != 0) copyItem(s, i * item, d, i * item, item);
        }
    }
}
