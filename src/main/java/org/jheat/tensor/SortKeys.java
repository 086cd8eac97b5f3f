package org.jheat.tensor;

import java.util.Arrays;

/**
 * Sortable 64-bit keys and the sorting of {@code long[]} key arrays: every element becomes a key whose signed order
 * is numpy's order (integers: the value; floats: the IEEE bits with the negative range reversed, NaN collapsed to
 * one key above +inf; descending: the bitwise complement), so sorts run on primitive arrays with no per-element
 * virtual call or boxing. With indices, ±0 share one key and the sign of a negative zero travels in bit 62
 * ({@link #NEG_ZERO}) of its index. The kernels: {@code Arrays.sort} for keys alone, a stable LSD radix sort
 * (8-bit digits, digits equal in every key skipped) for (key, index) pairs, a parallel run sort plus pairwise
 * merge for large arrays. {@link Backend#readSortKeys} and {@link Backend#writeSortValues} convert between tensors
 * and keys.
 *
 * <pre>{@code
 * long[] keys = {SortKeys.doubleKey(2.5, true), SortKeys.doubleKey(-1, true)};
 * SortKeys.sortLocal(keys, null, 2);
 * double smallest = SortKeys.keyDouble(keys[0], false);   // -1.0
 * }</pre>
 */
public final class SortKeys {
    private SortKeys() { }

    /** Flag bit in an index: the value was -0.0 (its key is that of +0.0). */
    public static final long NEG_ZERO = 1L << 62;
    /** Mask of the index proper. */
    public static final long IDX_MASK = NEG_ZERO - 1;
    private static final long NAN_KEY = floatKey(0x7ff8000000000000L);
    /** Fibers from this length on are sorted with several threads. */
    static final int PAR_MIN = 1 << 16;

    /** The sortable key of IEEE-754 double bits: negative values' bits reversed so signed long order is numeric. */
    public static long floatKey(long bits) { return bits ^ ((bits >> 63) & Long.MAX_VALUE); }

    /** The sortable key of a double (NaN: one key above +inf; zeroEq: -0.0 gets the key of 0.0). */
    public static long doubleKey(double v, boolean zeroEq) {
        if (v != v) return NAN_KEY;
        if (zeroEq && v == 0) return 0;
        return floatKey(Double.doubleToRawLongBits(v));
    }

    /** Inverse of {@link #doubleKey} (negZero restores the sign of a zero). */
    public static double keyDouble(long key, boolean negZero) {
        if (negZero && key == 0) return -0.0;
        return Double.longBitsToDouble(floatKey(key));
    }

    /** Sorts keys[0, n) (values only), or (key, id) pairs stably by key. */
    public static void sortLocal(long[] keys, long[] ids, int n) {
        if (ids == null) Arrays.sort(keys, 0, n);
        else radixSort(keys, ids, n, new long[n], new long[n]);
    }

    /** {@link #sortLocal} with one run per thread sorted in parallel, then merged. */
    public static void sortLocalParallel(long[] keys, long[] ids, int n) {
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
    public static void radixSort(long[] k, long[] v, int n, long[] tk, long[] tv) {
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
}
