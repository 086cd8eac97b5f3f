package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The one copy kernel behind every layout change: strided N-d source to strided N-d destination of the same
 * shape, with dtype conversion. Dimensions are coalesced first so that contiguous runs become single
 * {@code memcpy}s; large copies are split over {@link Parallel#threads()}.
 *
 * <pre>{@code StridedCopy.copy(src.transpose(), dst); }</pre>
 */
final class StridedCopy {
    private static final long PARALLEL_GRAIN = 1L << 16;

    private StridedCopy() { }

    /**
     * Copies {@code src} into {@code dst}; shapes must be equal (a broadcast view with zero strides is a valid src).
     * <pre>{@code StridedCopy.copy(a, b); }</pre>
     */
    public static void copy(Tensor src, Tensor dst) {
        if (!java.util.Arrays.equals(src.shape(), dst.shape())) {
            throw new IllegalArgumentException("copy: shapes differ, src " + Shapes.str(src.shape()) + " vs dst "
                    + Shapes.str(dst.shape()));
        }
        if (dst.size() == 0) return;
        // coalesce into (n, srcStride, dstStride) triples in BYTES, outermost first
        int nd = src.ndim();
        long[] n = new long[Math.max(nd, 1)], ss = new long[n.length], ds = new long[n.length];
        int k = 0;
        int si = src.dtype().itemSize(), di = dst.dtype().itemSize();
        for (int d = 0; d < nd; d++) {
            long len = src.shape(d);
            if (len == 1) continue;
            long sst = src.strides()[d] * si, dst2 = dst.strides()[d] * di;
            if (k > 0 && ss[k - 1] == sst * len && ds[k - 1] == dst2 * len) {
                n[k - 1] *= len;
                ss[k - 1] = sst;
                ds[k - 1] = dst2;
            } else {
                n[k] = len;
                ss[k] = sst;
                ds[k] = dst2;
                k++;
            }
        }
        if (k == 0) { n[0] = 1; ss[0] = si; ds[0] = di; k = 1; }
        final int dims = k;
        final long inner = n[dims - 1];
        final long outer = dst.size() / inner;
        MemorySegment sSeg = src.segment(), dSeg = dst.segment();
        long sBase = src.offset() * si, dBase = dst.offset() * di;
        DType st = src.dtype(), dt = dst.dtype();
        boolean bulk = st == dt && ss[dims - 1] == si && ds[dims - 1] == di;
        if (st == dt && !bulk && dims >= 2 && (ss[dims - 2] == si || ds[dims - 2] == di) && n[dims - 1] >= STRIP && n[dims - 2] >= 8) {
            strips(sSeg, sBase, dSeg, dBase, n, ss, ds, dims, si, dst.size());
            return;
        }
        if (outer == 1) {
            // one run: split the run itself
            long grain = Math.max(PARALLEL_GRAIN, 1);
            Parallel.forRange(inner, grain, (a, b) -> run(sSeg, sBase + a * ss[dims - 1], ss[dims - 1], st,
                    dSeg, dBase + a * ds[dims - 1], ds[dims - 1], dt, b - a, bulk));
            return;
        }
        long grainRows = Math.max(1, PARALLEL_GRAIN / Math.max(1, inner));
        Parallel.forRange(outer, grainRows, (from, to) -> {
            long[] idx = new long[dims - 1];
            long rem = from;
            long so = sBase, dof = dBase;
            for (int d = dims - 2; d >= 0; d--) {
                idx[d] = rem % n[d];
                rem /= n[d];
                so += idx[d] * ss[d];
                dof += idx[d] * ds[d];
            }
            for (long r = from; r < to; r++) {
                run(sSeg, so, ss[dims - 1], st, dSeg, dof, ds[dims - 1], dt, inner, bulk);
                for (int d = dims - 2; d >= 0; d--) {
                    if (++idx[d] < n[d]) {
                        so += ss[d];
                        dof += ds[d];
                        break;
                    }
                    idx[d] = 0;
                    so -= (n[d] - 1) * ss[d];
                    dof -= (n[d] - 1) * ds[d];
                }
            }
        });
    }

    /** Width of the strips of {@link #strips}: its source lines (one per column) stay in the L1 cache. */
    private static final long STRIP = 64;

    /**
     * A transpose-like copy (the second-innermost dimension contiguous on one side, the innermost on the other, or
     * strided on both): element runs along the innermost dimension would each touch a new cache line of the strided
     * side and reload it for every row, moving a line per element. Instead the innermost dimension is cut into strips
     * of {@link #STRIP} columns and every row of a strip is copied before the next strip: the strip's source lines
     * serve consecutive rows from the cache. Strips (of every outer index) are shared among the threads.
     */
    private static void strips(MemorySegment s, long sBase, MemorySegment d, long dBase, long[] n, long[] ss, long[] ds,
                               int dims, int item, long size) {
        long rows = n[dims - 2], cols = n[dims - 1];
        long perCol = (cols + STRIP - 1) / STRIP, planes = size / (rows * cols), items = planes * perCol;
        long grain = Math.max(1, PARALLEL_GRAIN / (rows * STRIP));
        Parallel.forRange(items, grain, (from, to) -> {
            for (long it = from; it < to; it++) {
                long plane = it / perCol, j0 = (it % perCol) * STRIP, w = Math.min(STRIP, cols - j0);
                long so = sBase + j0 * ss[dims - 1], dof = dBase + j0 * ds[dims - 1], rem = plane;
                for (int dd = dims - 3; dd >= 0; dd--) {
                    long idx = rem % n[dd];
                    rem /= n[dd];
                    so += idx * ss[dd];
                    dof += idx * ds[dd];
                }
                for (long i = 0; i < rows; i++) sameTypeRun(s, so + i * ss[dims - 2], ss[dims - 1], d, dof + i * ds[dims - 2], ds[dims - 1], item, w);
            }
        });
    }

    private static void run(MemorySegment s, long so, long sst, DType st, MemorySegment d, long dof, long dst,
                            DType dt, long count, boolean bulk) {
        if (bulk) {
            MemorySegment.copy(s, so, d, dof, count * st.itemSize());
        } else if (st == dt) {
            sameTypeRun(s, so, sst, d, dof, dst, st.itemSize(), count);
        } else if ((st == DType.FLOAT32 && dt == DType.FLOAT64 || st == DType.FLOAT64 && dt == DType.FLOAT32
                || st == DType.INT32 && dt == DType.INT64) && sst == st.itemSize() && dst == dt.itemSize()) {
            convertRun(s, so, st, d, dof, count);
        } else if (st.isComplex() && dt == DType.BOOL) {
            // numpy's bool(z): either part non-zero
            int sh = st.itemSize() / 2;
            DType sc = sh == 4 ? DType.FLOAT32 : DType.FLOAT64;
            for (long i = 0; i < count; i++) {
                boolean nz = Elements.readDouble(s, so + i * sst, sc) != 0 || Elements.readDouble(s, so + i * sst + sh, sc) != 0;
                d.set(ValueLayout.JAVA_BYTE, dof + i * dst, nz ? (byte) 1 : 0);
            }
        } else if (st.isComplex() && dt.isComplex()) {
            // complex64 <-> complex128: both components (the real-valued path below keeps only the real part)
            int sh = st.itemSize() / 2, dh = dt.itemSize() / 2;
            DType sc = sh == 4 ? DType.FLOAT32 : DType.FLOAT64, dc = dh == 4 ? DType.FLOAT32 : DType.FLOAT64;
            for (long i = 0; i < count; i++) {
                Elements.writeDouble(d, dof + i * dst, dc, Elements.readDouble(s, so + i * sst, sc));
                Elements.writeDouble(d, dof + i * dst + dh, dc, Elements.readDouble(s, so + i * sst + sh, sc));
            }
        } else if (st.isIntegral() && dt.isIntegral()) {
            for (long i = 0; i < count; i++) {
                Elements.writeLong(d, dof + i * dst, dt, Elements.readLong(s, so + i * sst, st));
            }
        } else {
            for (long i = 0; i < count; i++) {
                Elements.writeDouble(d, dof + i * dst, dt, Elements.readDouble(s, so + i * sst, st));
            }
        }
    }

    /** Elements converted per chunk by {@link #convertRun}. */
    private static final int CHUNK = 2048;
    private static final ThreadLocal<double[]> DBUF = ThreadLocal.withInitial(() -> new double[CHUNK]);
    private static final ThreadLocal<long[]> LBUF = ThreadLocal.withInitial(() -> new long[CHUNK]);

    /**
     * A contiguous float32 ↔ float64 or int32 → int64 run, the commonest conversions (float32 blocks read as
     * doubles, results stored back, labels widened), a chunk at a time through {@link BlockIO}'s bulk-copy paths and a
     * Java array. An element loop over the segments themselves sees native and heap segments at the same call sites,
     * and profiles showed those accesses, no longer inlined, costing several nanoseconds each.
     */
    private static void convertRun(MemorySegment s, long so, DType st, MemorySegment d, long dof, long count) {
        if (st == DType.INT32) {
            long[] l = LBUF.get();
            for (long i = 0; i < count; i += CHUNK) {
                int m = (int) Math.min(CHUNK, count - i);
                BlockIO.load(s, so + 4 * i, 4, DType.INT32, l, m);
                MemorySegment.copy(l, 0, d, ValueLayout.JAVA_LONG_UNALIGNED, dof + 8 * i, m);
            }
            return;
        }
        double[] v = DBUF.get();
        for (long i = 0; i < count; i += CHUNK) {
            int m = (int) Math.min(CHUNK, count - i);
            if (st == DType.FLOAT32) {
                BlockIO.load(s, so + 4 * i, 4, DType.FLOAT32, v, m);
                MemorySegment.copy(v, 0, d, ValueLayout.JAVA_DOUBLE_UNALIGNED, dof + 8 * i, m);
            } else {
                MemorySegment.copy(s, ValueLayout.JAVA_DOUBLE_UNALIGNED, so + 8 * i, v, 0, m);
                BlockIO.store(v, d, dof + 4 * i, 4, DType.FLOAT32, m);
            }
        }
    }

    private static void sameTypeRun(MemorySegment s, long so, long sst, MemorySegment d, long dof, long dst,
                                    int item, long count) {
        switch (item) {
            case 1 -> { for (long i = 0; i < count; i++) d.set(ValueLayout.JAVA_BYTE, dof + i * dst, s.get(ValueLayout.JAVA_BYTE, so + i * sst)); }
            case 2 -> { for (long i = 0; i < count; i++) d.set(ValueLayout.JAVA_SHORT_UNALIGNED, dof + i * dst, s.get(ValueLayout.JAVA_SHORT_UNALIGNED, so + i * sst)); }
            case 4 -> { for (long i = 0; i < count; i++) d.set(ValueLayout.JAVA_INT_UNALIGNED, dof + i * dst, s.get(ValueLayout.JAVA_INT_UNALIGNED, so + i * sst)); }
            case 8 -> { for (long i = 0; i < count; i++) d.set(ValueLayout.JAVA_LONG_UNALIGNED, dof + i * dst, s.get(ValueLayout.JAVA_LONG_UNALIGNED, so + i * sst)); }
            default -> { for (long i = 0; i < count; i++) MemorySegment.copy(s, so + i * sst, d, dof + i * dst, item); }
        }
    }
}
