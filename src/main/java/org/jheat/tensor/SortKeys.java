package org.jheat.tensor;

import java.util.Arrays;

/**
 * Sortable 64-bit keys and the sorts on them, on Java arrays only (no tensor memory): every element becomes a key
 * (integers: the value; floats: the IEEE bits with the negative range reversed, NaN collapsed to one key above +inf;
 * descending: the bitwise complement), so sorting is primitive {@code long[]} code with no per-element virtual call
 * or boxing. The distributed sample sort in {@code core} works on these arrays between its exchanges; reading keys
 * out of a tensor and writing sorted values back is the backend's job ({@link Backend#readSortKeys},
 * {@link Backend#writeSortValues}).
 *
 * <p>Values only: {@code Arrays.sort(long[])} of the keys (a bijective key, so values decode exactly, -0.0
 * included). With indices: a stable LSD radix sort of (key, index) pairs, 8-bit digits, skipping digits equal in
 * every key; ties keep their index order. There ±0 share one key; the sign of a negative zero travels in bit 62 of
 * its index ({@link #NEG_ZERO}). Large arrays are cut into one run per thread, sorted in parallel and merged.
 *
 * <pre>{@code
 * long[] keys = new long[n], ids = new long[n];
 * Backend.cpu().readSortKeys(fiber, false, true, keys, ids, 0);
 * SortKeys.sortAny(keys, ids, n);                                   // stable by key
 * Backend.cpu().writeSortValues(out, keys, ids, 0, false, true);
 * }</pre>
 */
public final class SortKeys {
    private SortKeys() { }

    /** The destination bucket (rank) of a (key, tiebreak) pair in the distributed sample sort. */
    @FunctionalInterface
    public interface Bucketer {
        /** The bucket of {@code (key, tiebreak)}. */
        int bucket(long key, long tiebreak);
    }

    /** Flag bit in an index: the value was -0.0 (its key is that of +0.0). */
    public static final long NEG_ZERO = 1L << 62;
    /** Mask of the index proper. */
    public static final long IDX_MASK = NEG_ZERO - 1;
    /** The longest fiber (and the most fibers) one process sorts: Java arrays hold fewer than 2^31 elements. */
    public static final long LIMIT = Integer.MAX_VALUE - 8;
    private static final long NAN_KEY = floatKey(0x7ff8000000000000L);
    private static final int PAR_MIN = 1 << 16;

    /**
     * Sorts keys[0, n) (with ids: stably by key), with one run per thread when large.
     * <pre>{@code SortKeys.sortAny(keys, ids, n); }</pre>
     */
    public static void sortAny(long[] keys, long[] ids, int n) {
        if (n >= PAR_MIN && Parallel.threads() > 1) sortLocalParallel(keys, ids, n); else sortLocal(keys, ids, n);
    }

    /**
     * Sorts keys[0, n) (values only, ids null), or (key, id) pairs stably by key, on this thread.
     * <pre>{@code SortKeys.sortLocal(keys, null, n); }</pre>
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
     * <pre>{@code SortKeys.mergeRuns(keys, ids, n, new int[] {0, n0, n});   // two sorted runs into one }</pre>
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
