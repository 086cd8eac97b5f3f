package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.jheat.tensor.SortKeys.*;

/**
 * The CPU backend's sort kernels: reading a strided fiber of a tensor as {@link SortKeys sortable keys}, writing
 * sorted keys back as values or int64 indices (blocks of 1024 through {@link BlockIO}, no per-element virtual call),
 * sorting every fiber of a tensor in parallel, and the bucket scatter of the sample sort. Reached only through
 * {@link CpuBackend}.
 *
 * <pre>{@code
 * Tensor[] vi = SortKernels.sortFibers(t, 0, false, true, true, true, -1);   // values, argsort along axis 0
 * }</pre>
 */
final class SortKernels {
    private SortKernels() { }

    /**
     * One round of a bucket scatter within a memory budget: of the elements of bucket q (in their order in
     * {@code keys}), those at bucket positions {@code [lo[q], hi[q])} go, in order, to rows {@code at[q]…} of the flat
     * int64 tensor {@code buf}, one row being the key, or (key, id) when {@code ids} is not null. {@code seen} is
     * scratch of one entry per bucket. With {@code lo = 0} and {@code hi} the bucket sizes it is one whole scatter.
     * <pre>{@code SortKernels.scatterBucketWindow(keys, null, n, 0, (k, t) -> k < 0 ? 0 : 1, lo, hi, at, new long[2], buf); }</pre>
     */
    static void scatterBucketWindow(long[] keys, long[] ids, int n, long tbBase, SortKeys.Bucketer b, long[] lo, long[] hi,
                                           long[] at, long[] seen, Tensor buf) {
        MemorySegment d = buf.data();
        java.util.Arrays.fill(seen, 0);
        int w = ids == null ? 1 : 2;
        for (int i = 0; i < n; i++) {
            long k = keys[i], t = ids == null ? tbBase + i : ids[i] & IDX_MASK;
            int q = b.bucket(k, t);
            long s = seen[q]++;
            if (s < lo[q] || s >= hi[q]) continue;
            long pos = (at[q] + s - lo[q]) * w;
            d.setAtIndex(ValueLayout.JAVA_LONG, pos, k);
            if (w == 2) d.setAtIndex(ValueLayout.JAVA_LONG, pos + 1, ids[i]);
        }
    }

    private static final int BLOCK = 1024;
    private static final int PAR_MIN = 1 << 16;

    /**
     * Sorts every fiber of {@code in} along {@code ax}: {values or null, indices or null} ({@code wantVals},
     * {@code wantIdx}); {@code idxPath} sorts (key, index) pairs (stable; needed for indices), {@code k >= 0} keeps
     * only the first k of each fiber (topk). Fibers are sorted in parallel, or one long fiber in parallel runs.
     * <pre>{@code Tensor[] vi = SortKernels.sortFibers(t, 0, false, true, true, true, -1);   // values, argsort }</pre>
     */
    static Tensor[] sortFibers(Tensor in, int ax, boolean desc, boolean idxPath, boolean wantVals, boolean wantIdx, long k) {
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

    /** Per-thread scratch blocks of the key readers and writers. <pre>{@code SortKernels.Buffers buf = new SortKernels.Buffers(); }</pre> */
    static final class Buffers {
        final double[] d = new double[BLOCK];
        final long[] l = new long[BLOCK];

        /** Fresh scratch blocks (one per thread). */
        Buffers() { }
    }

    /**
     * Reads n elements starting at element offset {@code start} with element stride {@code stride} as keys; with ids
     * sets {@code ids[i] = idBase + i} (plus the negative-zero flag when zeroEq).
     * <pre>{@code SortKernels.readKeys(t, t.offset(), 1, n, false, true, keys, ids, 0, buf); }</pre>
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

    /**
     * Writes the values of keys[from, from + n) to a fiber of {@code t} ({@code flags}: restore -0.0 from the ids).
     * <pre>{@code SortKernels.writeValues(out, 0, 1, keys, null, 0, n, false, false, buf); }</pre>
     */
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

    /**
     * Writes ids[from, from + n) without flags as int64 to a fiber of {@code t}.
     * <pre>{@code SortKernels.writeIndices(idx, 0, 1, ids, 0, n, buf); }</pre>
     */
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

}
