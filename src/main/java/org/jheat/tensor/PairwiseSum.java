package org.jheat.tensor;

/**
 * numpy's pairwise summation of a contiguous run (the order {@code np.sum} uses along a contiguous axis): below 8
 * terms a plain loop from 0, up to 128 terms eight interleaved partial sums combined as ((0+1)+(2+3))+((4+5)+(6+7))
 * plus the remainder, above that the two halves (the first rounded down to a multiple of 8) recursively. Summing in
 * numpy's order reproduces numpy's (and so scikit-learn's) row sums to the last bit, which matters where results
 * are compared or ranked at that precision: naive Bayes log-likelihoods that are large and nearly equal, nearest
 * neighbours at nearly equal distances.
 */
public final class PairwiseSum {
    private PairwiseSum() { }

    /** The sum of {@code a[off … off+n-1]} in numpy's order. <pre>{@code double s = PairwiseSum.sum(a, 0, a.length); }</pre> */
    public static double sum(double[] a, int off, int n) {
        if (n < 8) {
            double r = 0.0;
            for (int i = 0; i < n; i++) r += a[off + i];
            return r;
        }
        if (n <= 128) {
            double r0 = a[off], r1 = a[off + 1], r2 = a[off + 2], r3 = a[off + 3];
            double r4 = a[off + 4], r5 = a[off + 5], r6 = a[off + 6], r7 = a[off + 7];
            int i = 8, end = n - n % 8;
            for (; i < end; i += 8) {
                r0 += a[off + i]; r1 += a[off + i + 1]; r2 += a[off + i + 2]; r3 += a[off + i + 3];
                r4 += a[off + i + 4]; r5 += a[off + i + 5]; r6 += a[off + i + 6]; r7 += a[off + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) res += a[off + i];
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return sum(a, off, n2) + sum(a, off + n2, n - n2);
    }
}
