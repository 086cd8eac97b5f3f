package org.jheat.core;

/**
 * How n entries along a split axis are dealt to p processes: process r holds
 * {@code n/p + (r < n%p ? 1 : 0)} consecutive entries starting at the prefix sum of the counts before it.
 *
 * <pre>{@code
 * long[] c = Distribution.counts(7, 3);     // [3, 2, 2]
 * long[] d = Distribution.displs(c);        // [0, 3, 5]
 * }</pre>
 */
public final class Distribution {
    private Distribution() { }

    /** Balanced counts of {@code n} entries over {@code p} processes. */
    public static long[] counts(long n, int p) {
        long[] c = new long[p];
        for (int r = 0; r < p; r++) c[r] = count(n, p, r);
        return c;
    }

    /** Rank r's balanced count. <pre>{@code Distribution.count(7, 3, 0) == 3}</pre> */
    public static long count(long n, int p, int r) {
        return n / p + (r < n % p ? 1 : 0);
    }

    /** Rank r's balanced start offset. <pre>{@code Distribution.start(7, 3, 1) == 3}</pre> */
    public static long start(long n, int p, int r) {
        long q = n / p, m = n % p;
        return r * q + Math.min(r, m);
    }

    /** Exclusive prefix sums of {@code counts}. */
    public static long[] displs(long[] counts) {
        long[] d = new long[counts.length];
        for (int i = 1; i < counts.length; i++) d[i] = d[i - 1] + counts[i - 1];
        return d;
    }

    /** Sum of {@code counts}. */
    public static long total(long[] counts) {
        long s = 0;
        for (long c : counts) s += c;
        return s;
    }
}
