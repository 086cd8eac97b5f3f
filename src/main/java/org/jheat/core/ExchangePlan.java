package org.jheat.core;

/**
 * One process's part of an all-to-all exchange of slabs along an axis: it sends entries
 * {@code [sendStart[s], sendStart[s] + sendCount[s])} of its source slab to rank s, and what rank r sends lands at
 * {@code [recvStart[r], recvStart[r] + recvCount[r])} of its target slab (the plans of {@link #overlap} have start
 * 0 where the count is 0). The arrays are handed to the exchange as they are: do not modify them.
 *
 * <p>{@link #overlap} is the plan of every redistribution of a global index range (redistribute, balance, the flat
 * ranges of reshape, the rebalancing of a sample sort): each entry moves from the rank holding it in the source
 * distribution to the rank holding it in the target distribution.
 *
 * <pre>{@code
 * ExchangePlan pl = ExchangePlan.overlap(Distribution.of(5, 0, 2), Distribution.balanced(7, 3), comm.rank());
 * // on rank 0: sendCount [3, 2, 0], sendStart [0, 3, 0]; recvCount [3, 0, 0], recvStart [0, 0, 0]
 * }</pre>
 */
public record ExchangePlan(long[] sendStart, long[] sendCount, long[] recvStart, long[] recvCount) {

    /**
     * The plan of rank {@code me} moving the global entries from distribution {@code from} to distribution
     * {@code to}: to rank s it sends the part of its source slab that s holds in {@code to}; from rank r it receives
     * the part of its target slab that r holds in {@code from}. Entries that only one of the distributions covers
     * (when the totals differ) are neither sent nor received. Local computation, O(p).
     * <pre>{@code ExchangePlan pl = ExchangePlan.overlap(x.distribution(), Distribution.balanced(n, p), me); }</pre>
     */
    public static ExchangePlan overlap(Distribution from, Distribution to, int me) {
        int p = from.ranks();
        if (to.ranks() != p) {
            throw new IllegalArgumentException("overlap plan: distributions over " + p + " and " + to.ranks() + " ranks");
        }
        long[] sStart = new long[p], sCount = new long[p], rStart = new long[p], rCount = new long[p];
        long myLo = from.displ(me), myN = from.count(me), tLo = to.displ(me), tN = to.count(me);
        for (int s = 0; s < p; s++) {
            sCount[s] = to.overlap(s, myLo, myN);
            sStart[s] = to.overlapOffset(s, myLo, myN);
            rCount[s] = from.overlap(s, tLo, tN);
            rStart[s] = from.overlapOffset(s, tLo, tN);
        }
        return new ExchangePlan(sStart, sCount, rStart, rCount);
    }
}
