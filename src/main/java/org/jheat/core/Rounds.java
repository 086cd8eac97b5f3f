package org.jheat.core;

import org.jheat.comm.Communication;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * An Alltoallv of blocks of rows within the {@link ExchangeBudget}: {@code sc[r]} rows go to rank r and {@code rc[r]}
 * rows arrive from rank r, each row {@code rowElems} elements of one dtype. When the staging buffers of some process
 * would exceed the budget, every block is cut into k nearly equal parts - part i of a block of c rows is rows
 * {@code [c*i/k, c*(i+1)/k)}, which sender and receiver compute alike from the same c - and round i moves part i of
 * every block, so the buffers hold about 1/k of the data. The caller packs each round's parts from wherever its rows
 * are (heap arrays, gathered rows, bucket scans) and unpacks them to their final place, so no full-size buffer exists.
 * Advanced indexing and the sample sort move their data through it (Redistribution has its own N-d version).
 *
 * <pre>{@code
 * Rounds.alltoallv(comm, DType.INT64, 1, sc, rc, like,
 *         (from, len, buf, at, i, k) -> { for (int r = 0; r < p; r++) buf.writeLongs(at[r], src, (int) (sd[r] + from[r]), (int) len[r]); },
 *         (from, len, buf, at, i, k) -> { for (int r = 0; r < p; r++) buf.readLongs(at[r], dst, (int) (rd[r] + from[r]), (int) len[r]); });
 * }</pre>
 */
final class Rounds {
    private Rounds() { }

    /**
     * Packs (or unpacks) one round: rows {@code [from[r], from[r] + len[r])} of the block for (from) rank r lie in
     * {@code buf} (flat, {@code rowElems} elements per row) from row {@code at[r]} on.
     */
    interface Part {
        /** Round {@code round} of {@code rounds}. */
        void move(long[] from, long[] len, Tensor buf, long[] at, int round, int rounds);
    }

    /**
     * The exchange (collective): {@code pack} fills the send buffer of each round, {@code unpack} empties the receive
     * buffer. Buffers are allocated on {@code like}'s device (on the CPU when null). Returns the number of rounds.
     */
    static int alltoallv(Communication comm, DType t, long rowElems, long[] sc, long[] rc, Tensor like, Part pack, Part unpack) {
        int p = comm.size();
        long st = Distribution.total(sc), rt = Distribution.total(rc);
        long bytes = Math.multiplyExact(st + rt, Math.multiplyExact(rowElems, (long) t.itemSize()));
        int k = ExchangeBudget.rounds(comm, bytes, bytes);
        long maxS = 0, maxR = 0;
        for (int i = 0; i < k; i++) {
            long ss = 0, rs = 0;
            for (int r = 0; r < p; r++) {
                ss += cut(sc[r], i + 1, k) - cut(sc[r], i, k);
                rs += cut(rc[r], i + 1, k) - cut(rc[r], i, k);
            }
            maxS = Math.max(maxS, ss);
            maxR = Math.max(maxR, rs);
        }
        Tensor sendBuf = like == null ? Tensor.empty(t, Math.max(1, maxS * rowElems)) : like.newEmpty(t, Math.max(1, maxS * rowElems));
        Tensor recvBuf = like == null ? Tensor.empty(t, Math.max(1, maxR * rowElems)) : like.newEmpty(t, Math.max(1, maxR * rowElems));
        long[] sf = new long[p], sl = new long[p], sa = new long[p], rf = new long[p], rl = new long[p], ra = new long[p];
        long[] sce = new long[p], sde = new long[p], rce = new long[p], rde = new long[p];
        for (int i = 0; i < k; i++) {
            long sacc = 0, racc = 0;
            for (int r = 0; r < p; r++) {
                sf[r] = cut(sc[r], i, k);
                sl[r] = cut(sc[r], i + 1, k) - sf[r];
                sa[r] = sacc;
                sacc += sl[r];
                sce[r] = sl[r] * rowElems;
                sde[r] = sa[r] * rowElems;
                rf[r] = cut(rc[r], i, k);
                rl[r] = cut(rc[r], i + 1, k) - rf[r];
                ra[r] = racc;
                racc += rl[r];
                rce[r] = rl[r] * rowElems;
                rde[r] = ra[r] * rowElems;
            }
            pack.move(sf, sl, sendBuf, sa, i, k);
            comm.alltoallv(sendBuf, sce, sde, recvBuf, rce, rde);
            unpack.move(rf, rl, recvBuf, ra, i, k);
        }
        sendBuf.storage().free();
        recvBuf.storage().free();
        return k;
    }

    /**
     * The request half of a remote row access (collective): request q of this process goes to rank {@code owner[q]}
     * and consists of {@code k} longs {@code keys[j][q]}. Requests travel in rounds within the budget like rows do, and
     * arrive as heap arrays (one per key, in rank order, then each sender's order), never as one off-heap block.
     */
    static Requests requests(Communication comm, int[] owner, long[][] keys, Tensor like) {
        int p = comm.size(), k = keys.length, n = owner.length;
        long[] count = new long[p];
        for (int o : owner) count[o]++;
        long[] displ = Distribution.displs(count);
        long[] fill = displ.clone();
        long[] order = new long[n];
        for (int q = 0; q < n; q++) order[(int) fill[owner[q]]++] = q;
        long[] gotCount = Redistribution.alltoallCounts(comm, count);
        long[] gotDispl = Distribution.displs(gotCount);
        long[][] got = new long[k][Math.toIntExact(Distribution.total(gotCount))];
        // each round staged on the heap and copied in one bulk call (the parts of the ranks are contiguous in buf)
        alltoallv(comm, DType.INT64, k, count, gotCount, like,
                (from, len, buf, at, i, rounds) -> {
                    long[] st = new long[Math.toIntExact(Distribution.total(len) * k)];
                    for (int r = 0; r < p; r++) {
                        for (long q = 0; q < len[r]; q++) {
                            int b = (int) order[(int) (displ[r] + from[r] + q)];
                            int o = (int) ((at[r] + q) * k);
                            for (int j = 0; j < k; j++) st[o + j] = keys[j][b];
                        }
                    }
                    buf.writeLongs(0, st, 0, st.length);
                },
                (from, len, buf, at, i, rounds) -> {
                    long[] st = new long[Math.toIntExact(Distribution.total(len) * k)];
                    buf.readLongs(0, st, 0, st.length);
                    for (int r = 0; r < p; r++) {
                        for (long q = 0; q < len[r]; q++) {
                            int g = (int) (gotDispl[r] + from[r] + q);
                            int o = (int) ((at[r] + q) * k);
                            for (int j = 0; j < k; j++) got[j][g] = st[o + j];
                        }
                    }
                });
        return new Requests(count, displ, order, gotCount, gotDispl, got);
    }

    /**
     * The {@link #requests} of this process, and those it would receive, when every process knows every request
     * (replicated index arrays): computed locally, no communication. The global list of requests is the
     * concatenation of the processes' own lists ({@code shares[r]} requests of rank r, in rank order); request g goes
     * to rank {@code owner[g]} with keys {@code keys[j][g]}. The result is the one {@link #requests} returns.
     */
    static Requests knownRequests(Communication comm, long[] shares, int[] owner, long[][] keys) {
        int p = comm.size(), me = comm.rank(), k = keys.length;
        long[] starts = Distribution.displs(shares);
        int lo = Math.toIntExact(starts[me]), n = Math.toIntExact(shares[me]);
        long[] count = new long[p];
        for (int q = 0; q < n; q++) count[owner[lo + q]]++;
        long[] displ = Distribution.displs(count);
        long[] fill = displ.clone();
        long[] order = new long[n];
        for (int q = 0; q < n; q++) order[(int) fill[owner[lo + q]]++] = q;
        long[] gotCount = new long[p];
        int total = 0;
        for (int g = 0; g < owner.length; g++) total += owner[g] == me ? 1 : 0;
        long[][] got = new long[k][total];
        int at = 0;
        for (int r = 0; r < p; r++) {
            int from = Math.toIntExact(starts[r]), to = Math.toIntExact(starts[r] + shares[r]);
            for (int g = from; g < to; g++) {
                if (owner[g] != me) continue;
                for (int j = 0; j < k; j++) got[j][at] = keys[j][g];
                at++;
                gotCount[r]++;
            }
        }
        return new Requests(count, displ, order, gotCount, Distribution.displs(gotCount), got);
    }

    /**
     * Who asked what: this process's requests by owner ({@code count}, {@code displ}; {@code order[s]} is the request
     * in send slot s) and what it received ({@code gotCount}, {@code gotDispl}, the keys {@code got[j][q]}).
     */
    record Requests(long[] count, long[] displ, long[] order, long[] gotCount, long[] gotDispl, long[][] got) {
        /** Entries {@code [from, from + len)} of every received key array. */
        long[][] gotWindow(long from, long len) {
            long[][] w = new long[got.length][];
            for (int j = 0; j < got.length; j++) w[j] = java.util.Arrays.copyOfRange(got[j], (int) from, (int) (from + len));
            return w;
        }
    }

    /**
     * The rows half of a remote gather (collective): each owner gathers the rows its received requests address
     * ({@code src}'s axes {@code axes} at the received keys) and they travel back in rounds within the budget, placed
     * into {@code out} (rows of shape {@code rest}) at the requests' original positions.
     */
    static void fetchRows(Communication comm, Requests rq, Tensor src, int[] axes, Tensor out, long[] rest, DType t) {
        int p = comm.size();
        long restSize = 1;
        for (long e : rest) restSize *= e;
        long rowBytes = restSize * t.itemSize();
        long[] gd = rq.gotDispl(), d = rq.displ(), order = rq.order();
        alltoallv(comm, t, restSize, rq.gotCount(), rq.count(), src,
                (from, len, buf, at, round, rounds) -> {
                    for (int r = 0; r < p; r++) {
                        if (len[r] == 0) continue;
                        src.backend().gatherRows(src, axes, rq.gotWindow(gd[r] + from[r], len[r]), len[r],
                                rows(buf, at[r], len[r], rest));
                    }
                },
                (from, len, buf, at, round, rounds) -> {
                    for (int r = 0; r < p; r++) {
                        if (len[r] == 0) continue;
                        long lo = d[r] + from[r];
                        out.backend().moveRows(rows(buf, at[r], len[r], rest), out,
                                java.util.Arrays.copyOfRange(order, (int) lo, (int) (lo + len[r])), true, rowBytes);
                    }
                });
    }

    /** {@code floor(c*i/k)} for {@code 0 <= i <= k}, exactly and without overflow: {@code (c/k)*i + (c%k)*i/k}. */
    static long cut(long c, int i, int k) {
        return (c / k) * i + (c % k) * (long) i / k;
    }

    /** Rows {@code [at, at + len)} of a flat buffer as a tensor of shape {@code (len, rest…)}. */
    static Tensor rows(Tensor buf, long at, long len, long[] rest) {
        long re = 1;
        for (long e : rest) re *= e;
        long[] shape = new long[rest.length + 1];
        shape[0] = len;
        System.arraycopy(rest, 0, shape, 1, rest.length);
        return buf.narrow(0, at * re, len * re).reshape(shape);
    }
}
