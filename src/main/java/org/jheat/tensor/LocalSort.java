package org.jheat.tensor;

import java.lang.foreign.MemorySegment;

import static org.jheat.tensor.SortKeys.IDX_MASK;
import static org.jheat.tensor.SortKeys.NEG_ZERO;
import static org.jheat.tensor.SortKeys.PAR_MIN;
import static org.jheat.tensor.SortKeys.doubleKey;
import static org.jheat.tensor.SortKeys.keyDouble;
import static org.jheat.tensor.SortKeys.sortLocal;
import static org.jheat.tensor.SortKeys.sortLocalParallel;

/**
 * CPU kernels of local sorting: fibers of a tensor to sortable keys and back ({@link SortKeys}), and the sort of
 * every fiber along an axis (sort, argsort, topk without communication). Fibers are independent and split over
 * the threads; a single long fiber is sorted by several threads and merged.
 *
 * <pre>{@code Tensor[] vi = LocalSort.sort(x, 1, false, true, true, true, -1); }</pre>
 */
final class LocalSort {
    private static final int BLOCK = Elementwise.BLOCK;
    private static final long LIMIT = Integer.MAX_VALUE - 8;

    private LocalSort() { }

    /** Per-thread scratch blocks. */
    static final class Buffers {
        final double[] d = new double[BLOCK];
        final long[] l = new long[BLOCK];
    }

    /** Sorts every local fiber along {@code ax} (no communication); {values or null, indices or null}. */
    static Tensor[] sort(Tensor in, int ax, boolean desc, boolean idxPath, boolean wantVals, boolean wantIdx, long k) {
        int n = (int) in.shape(ax);
        int kk = k >= 0 ? (int) k : n;
        long[] os = in.shape();
        os[ax] = kk;
        Tensor vals = wantVals ? Tensor.empty(in.dtype(), os) : null;
        Tensor idx = wantIdx ? Tensor.empty(DType.INT64, os) : null;
        long[] inStarts = fiberStarts(in, ax);
        long[] vStarts = vals == null ? null : fiberStarts(vals, ax);
        long[] iStarts = idx == null ? null : fiberStarts(idx, ax);
        long inStride = in.strides()[ax];
        boolean zeroEq = idxPath && in.dtype().isFloat();
        int m = inStarts.length;
        if (m == 0 || n == 0) return new Tensor[] {vals, idx};
        boolean parallelInside = m < Parallel.threads() && n >= PAR_MIN;
        Parallel.forRange(m, Math.max(1, PAR_MIN / Math.max(1, n)), (a, b) -> {
            long[] keys = new long[n];
            long[] ids = idxPath ? new long[n] : null;
            Buffers buf = new Buffers();
            for (long f = a; f < b; f++) {
                readKeys(in, inStarts[(int) f], inStride, n, desc, zeroEq, keys, ids, 0, buf);
                if (parallelInside) sortLocalParallel(keys, ids, n); else sortLocal(keys, ids, n);
                if (vals != null) writeValues(vals, vStarts[(int) f], vals.strides()[ax], keys, ids, 0, kk, desc, zeroEq, buf);
                if (idx != null) writeIndices(idx, iStarts[(int) f], idx.strides()[ax], ids, 0, kk, buf);
            }
        });
        return new Tensor[] {vals, idx};
    }

    /**
     * Reads n elements starting at element offset {@code start} with element stride {@code stride} as keys; with ids
     * sets {@code ids[i] = idBase + i} (plus the negative-zero flag when zeroEq).
     */
    static void readKeys(Tensor t, long start, long stride, int n, boolean desc, boolean zeroEq, long[] keys, long[] ids,
                         long idBase, Buffers buf) {
        DType dt = t.dtype();
        int item = dt.itemSize();
        MemorySegment seg = t.segment();
        long strideB = stride * item, base = start * item;
        if (ids != null) for (int i = 0; i < n; i++) ids[i] = idBase + i;
        long flip = desc ? -1L : 0L;
        if (dt.isFloat()) {
            double[] d = buf.d;
            for (int i0 = 0; i0 < n; i0 += BLOCK) {
                int len = Math.min(BLOCK, n - i0);
                BlockIO.load(seg, base + i0 * strideB, strideB, dt, d, len);
                for (int j = 0; j < len; j++) {
                    double v = d[j];
                    if (zeroEq && v == 0 && ids != null && Double.doubleToRawLongBits(v) != 0) ids[i0 + j] |= NEG_ZERO;
                    keys[i0 + j] = doubleKey(v, zeroEq) ^ flip;
                }
            }
        } else {
            if (n > 0) BlockIO.load(seg, base, strideB, dt, keys, n);
            if (desc) for (int i = 0; i < n; i++) keys[i] = ~keys[i];
        }
    }

    /** Writes the values of keys[from, from + n) to a fiber of {@code t}. */
    static void writeValues(Tensor t, long start, long stride, long[] keys, long[] ids, int from, int n, boolean desc,
                            boolean flags, Buffers buf) {
        DType dt = t.dtype();
        int item = dt.itemSize();
        MemorySegment seg = t.segment();
        long strideB = stride * item, base = start * item;
        long flip = desc ? -1L : 0L;
        for (int i0 = 0; i0 < n; i0 += BLOCK) {
            int len = Math.min(BLOCK, n - i0);
            if (dt.isFloat()) {
                double[] d = buf.d;
                for (int j = 0; j < len; j++) {
                    int s = from + i0 + j;
                    d[j] = keyDouble(keys[s] ^ flip, flags && (ids[s] & NEG_ZERO) != 0);
                }
                BlockIO.store(d, seg, base + i0 * strideB, strideB, dt, len);
            } else {
                long[] l = buf.l;
                for (int j = 0; j < len; j++) l[j] = keys[from + i0 + j] ^ flip;
                BlockIO.store(l, seg, base + i0 * strideB, strideB, dt, len);
            }
        }
    }

    /** Writes ids[from, from + n) without flags as int64 to a fiber of {@code t}. */
    static void writeIndices(Tensor t, long start, long stride, long[] ids, int from, int n, Buffers buf) {
        MemorySegment seg = t.segment();
        long strideB = stride * 8, base = start * 8;
        long[] l = buf.l;
        for (int i0 = 0; i0 < n; i0 += BLOCK) {
            int len = Math.min(BLOCK, n - i0);
            for (int j = 0; j < len; j++) l[j] = ids[from + i0 + j] & IDX_MASK;
            BlockIO.store(l, seg, base + i0 * strideB, strideB, DType.INT64, len);
        }
    }

        /** Element offsets of every fiber along {@code ax}, in C order over the other axes. */
    static long[] fiberStarts(Tensor t, int ax) {
        long[] sh = t.shape(), st = t.strides();
        int nd = sh.length;
        long m = 1;
        for (int d = 0; d < nd; d++) if (d != ax) m *= sh[d];
        if (m > LIMIT) throw new IllegalArgumentException("more than 2^31 fibers on one process");
        long[] out = new long[(int) m];
        long[] ctr = new long[nd];
        long off = t.offset();
        for (int f = 0; f < m; f++) {
            out[f] = off;
            for (int d = nd - 1; d >= 0; d--) {
                if (d == ax) continue;
                ctr[d]++;
                off += st[d];
                if (ctr[d] < sh[d]) break;
                off -= st[d] * sh[d];
                ctr[d] = 0;
            }
        }
        return out;
    }
}
