package org.jheat.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link Distribution} and {@link ExchangePlan#overlap} against brute force: every global entry is followed from
 * its source owner to its target owner, for many random distributions with empty slabs. Pure local computation
 * (the same on every rank), so it is collective-safe.
 */
@Tag("local")
class DistributionTest {

    /** Random counts over p ranks summing to n, with many empty ranks (zero, one or a few ranks get everything). */
    private static long[] randomCounts(SplittableRandom rnd, long n, int p) {
        long[] c = new long[p];
        int mode = rnd.nextInt(4);
        if (mode == 0) return Distribution.counts(n, p);
        if (mode == 1) {
            c[rnd.nextInt(p)] = n;
            return c;
        }
        for (long i = 0; i < n; i++) {
            // mode 2: uniform; mode 3: only the even ranks (every other slab empty)
            int r = rnd.nextInt(p);
            if (mode == 3) r = (r / 2) * 2;
            c[r]++;
        }
        return c;
    }

    private static int[] owners(Distribution d, long n) {
        int[] o = new int[(int) n];
        Arrays.fill(o, -1);
        for (int r = 0; r < d.ranks(); r++) for (long i = d.displ(r); i < d.end(r); i++) if (i < n) o[(int) i] = r;
        return o;
    }

    /** The plan of rank me, entry by entry: sent/received parts must be contiguous runs. */
    private static void assertPlanMatchesBruteForce(Distribution from, Distribution to, int me, String what) {
        int p = from.ranks();
        long n = Math.max(from.total(), to.total());
        int[] fo = owners(from, n), tob = owners(to, n);
        ExchangePlan pl = ExchangePlan.overlap(from, to, me);
        for (int s = 0; s < p; s++) {
            long cnt = 0, first = -1, last = -1;
            for (int i = 0; i < n; i++) {
                if (fo[i] == me && tob[i] == s) {
                    if (first < 0) first = i;
                    last = i;
                    cnt++;
                }
            }
            String at = what + " me=" + me + " peer=" + s;
            assertEquals(cnt, pl.sendCount()[s], "send count " + at);
            if (cnt > 0) {
                assertEquals(last - first + 1, cnt, "sent entries are one run " + at);
                assertEquals(first - from.displ(me), pl.sendStart()[s], "send start " + at);
            } else {
                assertEquals(0, pl.sendStart()[s], "empty send starts at 0 " + at);
            }
            cnt = 0;
            first = -1;
            last = -1;
            for (int i = 0; i < n; i++) {
                if (fo[i] == s && tob[i] == me) {
                    if (first < 0) first = i;
                    last = i;
                    cnt++;
                }
            }
            assertEquals(cnt, pl.recvCount()[s], "recv count " + at);
            if (cnt > 0) {
                assertEquals(last - first + 1, cnt, "received entries are one run " + at);
                assertEquals(first - to.displ(me), pl.recvStart()[s], "recv start " + at);
            } else {
                assertEquals(0, pl.recvStart()[s], "empty recv starts at 0 " + at);
            }
        }
    }

    @Test
    void overlapPlanMatchesBruteForceOnRandomDistributions() {
        SplittableRandom rnd = new SplittableRandom(20240611);
        for (int trial = 0; trial < 400; trial++) {
            int p = 1 + rnd.nextInt(7);
            long n = rnd.nextInt(4) == 0 ? rnd.nextInt(p + 1) : rnd.nextInt(60);   // often n <= p: empty slabs
            Distribution from = Distribution.of(randomCounts(rnd, n, p)), to = Distribution.of(randomCounts(rnd, n, p));
            for (int me = 0; me < p; me++) assertPlanMatchesBruteForce(from, to, me, "trial " + trial + " " + from + " -> " + to);
        }
    }

    @Test
    void overlapPlanWithATargetCoveringAPrefix() {
        // the rebalancing of topk keeps the first k entries only: entries beyond the target's total are dropped
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int p = 1 + rnd.nextInt(6);
            long n = rnd.nextInt(40), k = n == 0 ? 0 : rnd.nextLong(n + 1);
            Distribution from = Distribution.of(randomCounts(rnd, n, p)), to = Distribution.of(randomCounts(rnd, k, p));
            for (int me = 0; me < p; me++) assertPlanMatchesBruteForce(from, to, me, "prefix trial " + trial + " " + from + " -> " + to);
        }
    }

    @Test
    void everyEntryIsSentOnceAndReceivedOnce() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 100; trial++) {
            int p = 1 + rnd.nextInt(6);
            long n = rnd.nextInt(50);
            Distribution from = Distribution.of(randomCounts(rnd, n, p)), to = Distribution.of(randomCounts(rnd, n, p));
            long sent = 0, received = 0;
            for (int me = 0; me < p; me++) {
                ExchangePlan pl = ExchangePlan.overlap(from, to, me);
                for (int s = 0; s < p; s++) {
                    sent += pl.sendCount()[s];
                    received += pl.recvCount()[s];
                    // what me sends to s is exactly what s receives from me
                    assertEquals(pl.sendCount()[s], ExchangePlan.overlap(from, to, s).recvCount()[me]);
                }
            }
            assertEquals(n, sent);
            assertEquals(n, received);
        }
    }

    @Test
    void balancedCountsDisplsAndOwners() {
        Distribution d = Distribution.balanced(7, 3);
        assertArrayEquals(new long[] {3, 2, 2}, d.counts());
        assertArrayEquals(new long[] {0, 3, 5}, d.displs());
        assertArrayEquals(Distribution.counts(7, 3), d.counts());
        assertEquals(7, d.total());
        assertEquals(3, d.ranks());
        assertEquals(5, d.end(1));
        assertTrue(d.isBalanced());
        assertEquals(Distribution.of(3, 2, 2), d);
        assertEquals(Distribution.of(3, 2, 2).hashCode(), d.hashCode());
        assertNotEquals(Distribution.of(2, 3, 2), d);
        assertFalse(Distribution.of(2, 3, 2).isBalanced());
        Distribution e = Distribution.of(0, 2, 0, 0, 3, 0);
        int[] want = {1, 1, 4, 4, 4};
        for (int i = 0; i < want.length; i++) assertEquals(want[i], e.owner(i), "owner of " + i);
        assertThrows(IndexOutOfBoundsException.class, () -> e.owner(5));
        assertThrows(IndexOutOfBoundsException.class, () -> e.owner(-1));
        assertThrows(IllegalArgumentException.class, () -> Distribution.of(1, -1));
        for (long n = 0; n < 12; n++) {
            for (int p = 1; p < 6; p++) {
                Distribution b = Distribution.balanced(n, p);
                for (int r = 0; r < p; r++) {
                    assertEquals(Distribution.start(n, p, r), b.displ(r));
                    assertEquals(Distribution.count(n, p, r), b.count(r));
                }
            }
        }
    }

    @Test
    void sliceScaledAndLshapeMap() {
        Distribution d = Distribution.of(3, 0, 4);
        assertArrayEquals(new long[] {1, 0, 2}, d.slice(2, 3).counts());   // [2, 5) of [0,3) [3,3) [3,7)
        assertArrayEquals(new long[] {0, 0, 0}, d.slice(7, 0).counts());
        assertEquals(1, d.overlap(2, 2, 2));
        assertEquals(1, d.overlapOffset(2, 2, 2));
        assertEquals(0, d.overlapOffset(1, 2, 3));
        assertArrayEquals(new long[] {6, 0, 8}, d.scaled(2).counts());
        assertArrayEquals(new long[] {0, 6, 6}, d.scaled(2).displs());
        long[][] m = d.lshapeMap(new long[] {7, 5}, 0);
        assertArrayEquals(new long[] {3, 5}, m[0]);
        assertArrayEquals(new long[] {0, 5}, m[1]);
        assertArrayEquals(new long[] {4, 5}, m[2]);
        long[][] rep = d.lshapeMap(new long[] {7, 5}, -1);
        for (long[] row : rep) assertArrayEquals(new long[] {7, 5}, row);
    }
}
