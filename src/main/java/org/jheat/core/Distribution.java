package org.jheat.core;

import java.util.Arrays;

/**
 * How the n entries along a split axis are dealt to p processes: rank r holds the consecutive entries
 * {@code [displ(r), displ(r) + count(r))}, the displacements being the prefix sums of the counts. Immutable; it is
 * the typed form of Heat's {@code counts_displs} and, with the global shape, of its local-shape map. Balanced
 * (Heat's default): rank r holds {@code n/p + (r < n%p ? 1 : 0)} entries.
 *
 * <p>The overlap of a global range with the slabs ({@link #overlap}, {@link #overlapOffset}) is the one primitive of
 * every data movement along an axis: {@link ExchangePlan#overlap} builds the send/receive plan between two
 * distributions from it; slicing and the pieces of flip/roll/tile/concatenate use it directly.
 *
 * <pre>{@code
 * Distribution d = Distribution.balanced(7, 3);   // counts [3, 2, 2], displs [0, 3, 5]
 * long start = d.displ(1);                        // 3
 * int who = d.owner(4);                           // 1
 * long[][] map = d.lshapeMap(new long[] {7, 2}, 0);   // {{3, 2}, {2, 2}, {2, 2}}
 * long[] c = Distribution.counts(7, 3);           // the same counts as a plain array
 * }</pre>
 */
public final class Distribution {
    private final long[] counts;
    private final long[] displs;
    private final long total;

    private Distribution(long[] counts) {
        this.counts = counts;
        this.displs = displs(counts);
        this.total = counts.length == 0 ? 0 : displs[counts.length - 1] + counts[counts.length - 1];
    }

    /**
     * The balanced distribution of {@code n} entries over {@code p} processes.
     * <pre>{@code Distribution.balanced(7, 3).counts()   // [3, 2, 2] }</pre>
     */
    public static Distribution balanced(long n, int p) {
        return new Distribution(counts(n, p));
    }

    /**
     * The distribution with the given per-rank counts (copied).
     * <pre>{@code Distribution d = Distribution.of(5, 0, 2);   // displs [0, 5, 5] }</pre>
     *
     * @throws IllegalArgumentException when a count is negative
     */
    public static Distribution of(long... counts) {
        if (counts == null) throw new IllegalArgumentException("distribution: counts must not be null");
        for (int r = 0; r < counts.length; r++) {
            if (counts[r] < 0) throw new IllegalArgumentException("distribution: count " + counts[r] + " of rank " + r + " is negative");
        }
        return new Distribution(counts.clone());
    }

    // ------------------------------------------------------------------------------------------- accessors

    /** Number of ranks. <pre>{@code Distribution.balanced(7, 3).ranks() == 3}</pre> */
    public int ranks() { return counts.length; }

    /** Entries on rank r. <pre>{@code Distribution.balanced(7, 3).count(0) == 3}</pre> */
    public long count(int r) { return counts[r]; }

    /** First global entry of rank r (the prefix sum of the counts before it). <pre>{@code Distribution.balanced(7, 3).displ(2) == 5}</pre> */
    public long displ(int r) { return displs[r]; }

    /** One past the last global entry of rank r. <pre>{@code Distribution.balanced(7, 3).end(0) == 3}</pre> */
    public long end(int r) { return displs[r] + counts[r]; }

    /** Entries over all ranks. <pre>{@code Distribution.of(5, 0, 2).total() == 7}</pre> */
    public long total() { return total; }

    /** The counts, one per rank (a copy). <pre>{@code long[] c = x.distribution().counts(); }</pre> */
    public long[] counts() { return counts.clone(); }

    /** The displacements, one per rank (a copy). <pre>{@code long[] d = x.distribution().displs(); }</pre> */
    public long[] displs() { return displs.clone(); }

    /** True when the counts are the balanced ones of {@link #balanced}. <pre>{@code Distribution.of(3, 2, 2).isBalanced()}</pre> */
    public boolean isBalanced() {
        for (int r = 0; r < counts.length; r++) if (counts[r] != count(total, counts.length, r)) return false;
        return true;
    }

    /**
     * The rank holding global entry {@code i} (the only rank with {@code displ(r) <= i < end(r)}; empty ranks never
     * own anything).
     * <pre>{@code Distribution.of(2, 0, 3).owner(2) == 2}</pre>
     *
     * @throws IndexOutOfBoundsException when i is outside [0, total)
     */
    public int owner(long i) {
        if (i < 0 || i >= total) throw new IndexOutOfBoundsException("entry " + i + " is outside [0, " + total + ")");
        int lo = 0, hi = counts.length - 1;
        while (lo < hi) {   // first rank whose slab ends after i
            int mid = (lo + hi) >>> 1;
            if (displs[mid] + counts[mid] > i) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /**
     * Every count multiplied by {@code factor}: the distribution of the elements when each entry along the axis is
     * a row of {@code factor} elements.
     * <pre>{@code Distribution.of(2, 1).scaled(4).counts()   // [8, 4] }</pre>
     */
    public Distribution scaled(long factor) {
        long[] c = new long[counts.length];
        for (int r = 0; r < c.length; r++) c[r] = counts[r] * factor;
        return new Distribution(c);
    }

    /**
     * Whether this distribution scaled by {@code f} equals {@code other} scaled by {@code g} (same ranks, {@code
     * count(r)·f == other.count(r)·g} for every rank) — {@code scaled(f).equals(other.scaled(g))} without allocating.
     * <pre>{@code Distribution.of(2, 2).sameScaled(4, Distribution.of(1, 1), 8)   // true }</pre>
     */
    public boolean sameScaled(long f, Distribution other, long g) {
        if (other.counts.length != counts.length) return false;
        for (int r = 0; r < counts.length; r++) if (counts[r] * f != other.counts[r] * g) return false;
        return true;
    }

    // ------------------------------------------------------------------------------------------- overlaps

    /**
     * How many entries of the global range {@code [lo, lo + n)} rank r holds.
     * <pre>{@code Distribution.balanced(7, 3).overlap(1, 2, 4) == 2   // [2, 6) ∩ [3, 5) }</pre>
     */
    public long overlap(int r, long lo, long n) {
        return Math.max(0, Math.min(lo + n, displs[r] + counts[r]) - Math.max(lo, displs[r]));
    }

    /**
     * Where rank r's part of the global range {@code [lo, lo + n)} begins, counted from {@code lo}; 0 when the part
     * is empty.
     * <pre>{@code Distribution.balanced(7, 3).overlapOffset(1, 2, 4) == 1   // rank 1's part starts at entry 3 }</pre>
     */
    public long overlapOffset(int r, long lo, long n) {
        return overlap(r, lo, n) > 0 ? Math.max(lo, displs[r]) - lo : 0;
    }

    /**
     * The distribution of the global range {@code [lo, lo + n)}: rank r keeps the part of its slab inside it.
     * <pre>{@code Distribution.balanced(7, 3).slice(2, 4).counts()   // [1, 2, 1] }</pre>
     */
    public Distribution slice(long lo, long n) {
        long[] c = new long[counts.length];
        for (int r = 0; r < c.length; r++) c[r] = overlap(r, lo, n);
        return new Distribution(c);
    }

    /**
     * The local-shape map of an array of global shape {@code gshape} split along {@code axis} with this
     * distribution: row r is rank r's local shape ({@code axis < 0}: every row is the global shape).
     * <pre>{@code long[][] m = Distribution.balanced(7, 2).lshapeMap(new long[] {7, 3}, 0);   // {{4, 3}, {3, 3}} }</pre>
     */
    public long[][] lshapeMap(long[] gshape, int axis) {
        long[][] m = new long[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            m[r] = gshape.clone();
            if (axis >= 0) m[r][axis] = counts[r];
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Distribution d && Arrays.equals(counts, d.counts);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(counts); }

    @Override
    public String toString() { return "Distribution" + Arrays.toString(counts); }

    // ------------------------------------------------------------------------------------------- plain arrays

    /** Balanced counts of {@code n} entries over {@code p} processes. <pre>{@code Distribution.counts(7, 3)   // [3, 2, 2] }</pre> */
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

    /** Exclusive prefix sums of {@code counts}. <pre>{@code Distribution.displs(new long[] {3, 2, 2})   // [0, 3, 5] }</pre> */
    public static long[] displs(long[] counts) {
        long[] d = new long[counts.length];
        for (int i = 1; i < counts.length; i++) d[i] = d[i - 1] + counts[i - 1];
        return d;
    }

    /** Sum of {@code counts}. <pre>{@code Distribution.total(new long[] {3, 2, 2}) == 7}</pre> */
    public static long total(long[] counts) {
        long s = 0;
        for (long c : counts) s += c;
        return s;
    }
}
