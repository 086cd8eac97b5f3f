package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Local sort kernels on 64-bit <em>sortable keys</em>, used by the distributed sort, topk and unique. Every element
 * is turned into a key (integers: the value; floats: the IEEE bits with the negative range reversed, NaN collapsed to
 * one key above +inf; descending: the bitwise complement), so the kernels sort {@code long[]} with primitive code
 * and no per-element virtual call or boxing.
 *
 * <p>Values only: {@code Arrays.sort(long[])} of the keys (a bijective key, so the values are decoded exactly, -0.0
 * included). With indices ({@code argsort}, {@code topk}, the combined form, and a {@code stable} sort of floats):
 * a stable LSD radix sort of (key, index) pairs, 8-bit digits, skipping digits that are equal in every key; ties
 * therefore keep their index order, so the result is always stable. There ±0 share one key; the sign of a negative
 * zero travels in bit 62 of its index ({@link #NEG_ZERO}), so sorted values stay exact. Large single fibers are cut
 * into one run per thread, sorted in parallel and merged.
 *
 * <pre>{@code
 * long[] keys = new long[n], ids = new long[n];
 * SortKernels.Buffers buf = new SortKernels.Buffers();
 * SortKernels.readKeys(t, t.offset(), 1, n, false, true, keys, ids, 0, buf);   // keys of a contiguous 1-d tensor
 * SortKernels.sortLocal(keys, ids, n);                                          // stable by key
 * SortKernels.writeValues(out, 0, 1, keys, ids, 0, n, false, true, buf);        // sorted values
 * }</pre>
 */
public final class SortKernels {
    private SortKernels() { }

    /** The destination bucket (rank) of a (key, tiebreak) pair in the distributed sample sort. */
    @FunctionalInterface
    public interface Bucketer {
        /** The bucket of {@code (key, tiebreak)}. */
        int bucket(long key, long tiebreak);
    }

    /**
     * One round of a bucket scatter within a memory budget: of the elements of bucket q (in their order in
     * {@code keys}), those at bucket positions {@code [lo[q], hi[q])} go, in order, to rows {@code at[q]…} of the flat
     * int64 tensor {@code buf}, one row being the key, or (key, id) when {@code ids} is not null. {@code seen} is
     * scratch of one entry per bucket. With {@code lo = 0} and {@code hi} the bucket sizes it is one whole scatter.
     * <pre>{@code SortKernels.scatterBucketWindow(keys, null, n, 0, (k, t) -> k < 0 ? 0 : 1, lo, hi, at, new long[2], buf); }</pre>
     */
    public static void scatterBucketWindow(long[] keys, long[] ids, int n, long tbBase, Bucketer b, long[] lo, long[] hi,
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

    /** Flag bit in an index: the value was -0.0 (its key is that of +0.0). */
    public static final long NEG_ZERO = 1L << 62;
    /** Mask of the index proper. */
    public static final long IDX_MASK = NEG_ZERO - 1;
    /** The longest fiber (and the most fibers) one process sorts: Java arrays hold fewer than 2^31 elements. */
    public static final long LIMIT = Integer.MAX_VALUE - 8;
    private static final long NAN_KEY = floatKey(0x7ff8000000000000L);
    private static final int BLOCK = 1024;
    private static final int PAR_MIN = 1 << 16;

    /**
     * Sorts every fiber of {@code in} along {@code ax}: {values or null, indices or null} ({@code wantVals},
     * {@code wantIdx}); {@code idxPath} sorts (key, index) pairs (stable; needed for indices), {@code k >= 0} keeps
     * only the first k of each fiber (topk). Fibers are sorted in parallel, or one long fiber in parallel runs.
     * <pre>{@code Tensor[] vi = SortKernels.sortFibers(t, 0, false, true, true, true, -1);   // values, argsort }</pre>
     */
    public static Tensor[] sortFibers(Tensor in, int ax, boolean desc, boolean idxPath, boolean wantVals, boolean wantIdx, long k) {
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
     * Sorts keys[0, n) (with ids: stably by key), with one run per thread when large.
     * <pre>{@code SortKernels.sortAny(keys, ids, n); }</pre>
     */
    public static void sortAny(long[] keys, long[] ids, int n) {
        if (n >= PAR_MIN && Parallel.threads() > 1) sortLocalParallel(keys, ids, n); else sortLocal(keys, ids, n);
    }

    /**
     * Sorts keys[0, n) (values only, ids null), or (key, id) pairs stably by key, on this thread.
     * <pre>{@code SortKernels.sortLocal(keys, null, n); }</pre>
     */
    public static void sortLocal(long[] keys, long[] ids, int n) {
        if (ids == null) Arrays.sort(keys, 0, n);
        else radixSort(keys, ids, n, new long[n], new long[n]);
    }

    /** {@link #sortLocal} with one run per thread sorted in parallel, then merged. */
    static void sortLocalParallel(long[] keys, long[] ids, int n) {
        int t = Math.min(Parallel.threads(), Math.max(1, n / PAR_MIN));
        if (t <= 1) {
            sortLocal(keys, ids, n);
            return;
        }
        int[] bounds = new int[t + 1];
        for (int i = 0; i <= t; i++) bounds[i] = (int) ((long) i * n / t);
        long[] tk = ids == null ? null : new long[n], tv = ids == null ? null : new long[n];
        Parallel.forRange(t, 1, (a, b) -> {
            for (long r = a; r < b; r++) {
                int lo = bounds[(int) r], hi = bounds[(int) r + 1];
                if (ids == null) {
                    Arrays.sort(keys, lo, hi);
                } else {
                    radixSortRange(keys, ids, lo, hi, tk, tv);
                }
            }
        });
        mergeRuns(keys, ids, n, bounds);
    }

    /**
     * Merges the sorted runs {@code [bounds[i], bounds[i+1])} of keys (by key; with ids by (key, id without flag))
     * into one sorted run, pairwise (log2(runs) passes).
     * <pre>{@code SortKernels.mergeRuns(keys, ids, n, new int[] {0, n0, n});   // two sorted runs into one }</pre>
     */
    public static void mergeRuns(long[] keys, long[] ids, int n, int[] bounds) {
        int runs = bounds.length - 1;
        int[] b = bounds.clone();
        int nonEmpty = 0;
        for (int i = 0; i < runs; i++) if (b[i + 1] > b[i]) nonEmpty++;
        if (nonEmpty <= 1) return;
        long[] sk = keys, si = ids, dk = new long[n], di = ids == null ? null : new long[n];
        while (runs > 1) {
            int nr = (runs + 1) / 2;
            int[] nb = new int[nr + 1];
            for (int r = 0; r < nr; r++) {
                int lo = b[2 * r], mid = b[Math.min(2 * r + 1, runs)], hi = b[Math.min(2 * r + 2, runs)];
                merge(sk, si, lo, mid, hi, dk, di);
                nb[r + 1] = hi;
            }
            long[] t = sk; sk = dk; dk = t;
            t = si; si = di; di = t;
            b = nb;
            runs = nr;
        }
        if (sk != keys) {
            System.arraycopy(sk, 0, keys, 0, n);
            if (ids != null) System.arraycopy(si, 0, ids, 0, n);
        }
    }

    private static void merge(long[] k, long[] v, int lo, int mid, int hi, long[] dk, long[] dv) {
        int i = lo, j = mid, o = lo;
        if (v == null) {
            while (i < mid && j < hi) dk[o++] = k[j] < k[i] ? k[j++] : k[i++];
            while (i < mid) dk[o++] = k[i++];
            while (j < hi) dk[o++] = k[j++];
            return;
        }
        while (i < mid && j < hi) {
            long ki = k[i], kj = k[j];
            boolean takeJ = kj < ki || kj == ki && (v[j] & IDX_MASK) < (v[i] & IDX_MASK);
            if (takeJ) { dk[o] = kj; dv[o++] = v[j++]; } else { dk[o] = ki; dv[o++] = v[i++]; }
        }
        while (i < mid) { dk[o] = k[i]; dv[o++] = v[i++]; }
        while (j < hi) { dk[o] = k[j]; dv[o++] = v[j++]; }
    }

    /** Stable LSD radix sort of (k, v) pairs by the signed key, 8-bit digits; tk/tv are scratch of length n. */
    static void radixSort(long[] k, long[] v, int n, long[] tk, long[] tv) {
        radixSortRange(k, v, 0, n, tk, tv);
    }

    private static void radixSortRange(long[] k, long[] v, int from, int to, long[] tk, long[] tv) {
        int n = to - from;
        if (n < 48) {   // insertion sort: stable, cheaper than 8 histograms for tiny fibers
            for (int i = from + 1; i < to; i++) {
                long key = k[i], val = v[i];
                int j = i - 1;
                while (j >= from && k[j] > key) {
                    k[j + 1] = k[j];
                    v[j + 1] = v[j];
                    j--;
                }
                k[j + 1] = key;
                v[j + 1] = val;
            }
            return;
        }
        int[] c = new int[8 * 256];
        for (int i = from; i < to; i++) {
            long u = k[i] ^ Long.MIN_VALUE;
            for (int d = 0; d < 8; d++) c[(d << 8) + (int) ((u >>> (d << 3)) & 255)]++;
        }
        long[] sk = k, sv = v, dk = tk, dv = tv;
        for (int d = 0; d < 8; d++) {
            int base = d << 8;
            boolean trivial = false;   // every key has the same digit here: the pass would not move anything
            for (int bkt = 0; bkt < 256 && !trivial; bkt++) trivial = c[base + bkt] == n;
            if (trivial) continue;
            int sum = from;
            for (int bkt = 0; bkt < 256; bkt++) {
                int t = c[base + bkt];
                c[base + bkt] = sum;
                sum += t;
            }
            int sh = d << 3;
            for (int i = from; i < to; i++) {
                long key = sk[i];
                int pos = c[base + (int) (((key ^ Long.MIN_VALUE) >>> sh) & 255)]++;
                dk[pos] = key;
                dv[pos] = sv[i];
            }
            long[] t = sk; sk = dk; dk = t;
            t = sv; sv = dv; dv = t;
        }
        if (sk != k) {
            System.arraycopy(sk, from, k, from, n);
            System.arraycopy(sv, from, v, from, n);
        }
    }

    // ------------------------------------------------------------------------------------------- keys

    /** The sortable key of IEEE-754 double bits: negative values' bits reversed so signed long order is numeric. */
    static long floatKey(long bits) { return bits ^ ((bits >> 63) & Long.MAX_VALUE); }

    /** The sortable key of a double (NaN: one key above +inf; zeroEq: -0.0 gets the key of 0.0). */
    static long doubleKey(double v, boolean zeroEq) {
        if (v != v) return NAN_KEY;
        if (zeroEq && v == 0) return 0;
        return floatKey(Double.doubleToRawLongBits(v));
    }

    /** Inverse of {@link #doubleKey} (negZero restores the sign of a zero). */
    static double keyDouble(long key, boolean negZero) {
        if (negZero && key == 0) return -0.0;
        return Double.longBitsToDouble(floatKey(key));
    }

    /** Per-thread scratch blocks of the key readers and writers. <pre>{@code SortKernels.Buffers buf = new SortKernels.Buffers(); }</pre> */
    public static final class Buffers {
        final double[] d = new double[BLOCK];
        final long[] l = new long[BLOCK];

        /** Fresh scratch blocks (one per thread). */
        public Buffers() { }
    }

    /**
     * Reads n elements starting at element offset {@code start} with element stride {@code stride} as keys; with ids
     * sets {@code ids[i] = idBase + i} (plus the negative-zero flag when zeroEq).
     * <pre>{@code SortKernels.readKeys(t, t.offset(), 1, n, false, true, keys, ids, 0, buf); }</pre>
     */
    public static void readKeys(Tensor t, long start, long stride, int n, boolean desc, boolean zeroEq, long[] keys, long[] ids,
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
    public static void writeValues(Tensor t, long start, long stride, long[] keys, long[] ids, int from, int n, boolean desc,
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
    public static void writeIndices(Tensor t, long start, long stride, long[] ids, int from, int n, Buffers buf) {
        MemorySegment seg = t.segment();
        long strideB = stride * 8, base = start * 8;
        long[] l = buf.l;
        for (int i0 = 0; i0 < n; i0 += BLOCK) {
            int len = Math.min(BLOCK, n - i0);
            for (int j = 0; j < len; j++) l[j] = ids[from + i0 + j] & IDX_MASK;
            BlockIO.store(l, seg, base + i0 * strideB, strideB, DType.INT64, len);
        }
    }

    /**
     * Element offsets of every fiber along {@code ax}, in C order over the other axes.
     * <pre>{@code long[] starts = SortKernels.fiberStarts(t, 0);   // one per column of a 2-d t }</pre>
     */
    public static long[] fiberStarts(Tensor t, int ax) {
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

    /**
     * First position i in the sorted keys[0, n) whose (key, tiebreak) is not below (k, tb); the tiebreak is
     * {@code ids[i]} without flags, or {@code tbBase + i} when ids is null; {@code keyOnly} ignores tiebreaks.
     * <pre>{@code long at = SortKernels.lowerBound(keys, null, n, 0, key, Long.MIN_VALUE, true); }</pre>
     */
    public static long lowerBound(long[] keys, long[] ids, int n, long tbBase, long k, long tb, boolean keyOnly) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long km = keys[mid];
            boolean below;
            if (km != k || keyOnly) {
                below = km < k;
            } else {
                long t = ids == null ? tbBase + mid : ids[mid] & IDX_MASK;
                below = t < tb;
            }
            if (below) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /**
     * The permutation sorting (key, tb) pairs: a stable radix sort by tb, then a stable one by key.
     * <pre>{@code int[] order = SortKernels.orderByKeyTb(keys, tiebreaks, q); }</pre>
     */
    public static int[] orderByKeyTb(long[] key, long[] tb, int q) {
        long[] a = Arrays.copyOf(tb, q), pay = new long[q];
        for (int i = 0; i < q; i++) pay[i] = i;
        radixSort(a, pay, q, new long[q], new long[q]);
        long[] b = new long[q];
        for (int i = 0; i < q; i++) b[i] = key[(int) pay[i]];
        radixSort(b, pay, q, new long[q], new long[q]);
        int[] o = new int[q];
        for (int i = 0; i < q; i++) o[i] = (int) pay[i];
        return o;
    }
}
