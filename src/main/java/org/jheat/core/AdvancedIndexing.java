package org.jheat.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jheat.comm.Communication;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.SortKeys;
import org.jheat.tensor.Tensor;

/**
 * The advanced step of {@link Indexing#get} and {@link Indexing#set} (index arrays and masks; integers count as
 * 0-d index arrays): masks are expanded to their nonzero index arrays, the index arrays broadcast to B, the result
 * placed by numpy's axis rule, and rows are gathered from (or scattered to) their owners. See {@link Indexing} for
 * where the result lives.
 *
 * <p>When the indexed axes of y include its split axis on several processes, each process sends the indices of its
 * part of B to the owners of the addressed rows (one Alltoallv), and the rows travel back (get) or forth (set) in a
 * second Alltoallv; otherwise every process selects locally. Out-of-bounds entries are agreed by all processes (one
 * Allgather) before any element moves.
 *
 * <pre>{@code
 * Indexing.Basic b = …;                         // from Indexing's parse and basic step
 * DNDarray r = AdvancedIndexing.get(b);         // x[rows, cols]
 * }</pre>
 */
final class AdvancedIndexing {
    private AdvancedIndexing() { }

    /**
     * The advanced selection, described before any data moves: y, its indexed axes, the index arrays (masks already
     * expanded), their broadcast shape B, the result shape and axis placement.
     */
    private static final class Plan {
        DNDarray y;
        int[] axes;          // y axes indexed by arrays, ascending
        int[] xAxes;         // x axes, for messages
        DNDarray[] arrays;   // one per indexed axis
        long[] bShape;
        boolean adjacent;
        int q;               // where B goes when adjacent
        int[] restAxes;
        long[] rShape;       // final result shape
        int[] perm;          // final axis i is work axis perm[i]; work layout = [B..., rest...]
        // filled by distribute()
        Tensor[] local;      // index values of this process's part of B, broadcast to bLocal
        long[] bLocal;
        int rSplit = -1;
        long[] rCounts;
        boolean remote;      // rows must be fetched from / sent to their owners
        boolean onlyRankZero;   // set with a 0-d B on a split axis: one process writes
        boolean localMask;   // a lone mask aligned with y's slabs: every process selects its own rows, no exchange
        Tensor[] full;       // get with replicated index arrays into the split axis: all of B's index values
        // index arrays made here from masks (and masks realigned here): handed back once the rows have moved, so a
        // selection in a loop reuses their memory instead of touching fresh pages until the next collection
        final List<Tensor> temps = new ArrayList<>();

        void release() {
            for (Tensor t : temps) t.free();
            temps.clear();
        }

        int finalOfB(int t) { return adjacent ? q + t : t; }

        int finalOfRest(int i) { return adjacent ? (i < q ? i : i + bShape.length) : bShape.length + i; }
    }

    /** Expands masks (aligned with y first: collective), then computes shapes (no communication). */
    private static Plan plan(Indexing.Basic b) {
        DNDarray y = b.y();
        Communication comm = y.comm();
        int p = comm.size();
        int ys = y.splitAxis();
        List<Integer> axes = new ArrayList<>(), xAxes = new ArrayList<>(), pos = new ArrayList<>();
        List<DNDarray> arrays = new ArrayList<>();
        Plan pl = new Plan();
        boolean localMask = false;
        for (Indexing.Adv a : b.adv()) {
            if (a.mask() == null) {
                axes.add(a.yAxis());
                xAxes.add(a.xAxis());
                pos.add(a.pos());
                arrays.add(a.arr());
                continue;
            }
            DNDarray mask = a.mask();
            int m = mask.ndim(), k = a.yAxis();
            DNDarray aligned;
            if (ys == k && p > 1) {
                aligned = alignTo(mask, 0, y.distribution());   // local selection: the owners are the selecting processes
                localMask = b.adv().size() == 1;
            } else if (ys > k && ys < k + m) {
                aligned = mask;   // nonzero keeps C order by splitting along the mask's first axis; rows come from owners
            } else {
                aligned = mask.split() == null ? mask : mask.resplit(null);
            }
            DNDarray[] nz = Searching.nonzero(aligned);
            if (aligned.larray().storage() != mask.larray().storage()) pl.temps.add(aligned.larray());
            for (DNDarray z : nz) pl.temps.add(z.larray());
            for (int j = 0; j < m; j++) {
                axes.add(k + j);
                xAxes.add(a.xAxis() + j);
                pos.add(a.pos());
                arrays.add(nz[j]);
            }
        }
        pl.y = y;
        pl.localMask = localMask;
        int n = axes.size();
        pl.axes = new int[n];
        pl.xAxes = new int[n];
        pl.arrays = arrays.toArray(new DNDarray[0]);
        long[] bs = new long[0];
        int minPos = Integer.MAX_VALUE, maxPos = -1;
        List<Integer> distinct = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pl.axes[i] = axes.get(i);
            pl.xAxes[i] = xAxes.get(i);
            if (!distinct.contains(pos.get(i))) distinct.add(pos.get(i));
            minPos = Math.min(minPos, pos.get(i));
            maxPos = Math.max(maxPos, pos.get(i));
            try {
                bs = Shapes.broadcast(bs, pl.arrays[i].gshape());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("shape mismatch: indexing arrays could not be broadcast together: " + ex.getMessage());
            }
        }
        pl.bShape = bs;
        pl.adjacent = maxPos - minPos + 1 == distinct.size();
        pl.q = pl.axes[0];
        long[] yg = y.gshape();
        List<Integer> rest = new ArrayList<>();
        for (int d = 0; d < yg.length; d++) if (Arrays.binarySearch(pl.axes, d) < 0) rest.add(d);
        pl.restAxes = rest.stream().mapToInt(Integer::intValue).toArray();
        int nb = bs.length, nr = pl.restAxes.length;
        pl.perm = new int[nb + nr];
        long[] work = new long[nb + nr];
        System.arraycopy(bs, 0, work, 0, nb);
        for (int i = 0; i < nr; i++) work[nb + i] = yg[pl.restAxes[i]];
        for (int i = 0; i < nb; i++) pl.perm[pl.finalOfB(i)] = i;
        for (int i = 0; i < nr; i++) pl.perm[pl.finalOfRest(i)] = nb + i;
        pl.rShape = new long[nb + nr];
        for (int i = 0; i < pl.perm.length; i++) pl.rShape[i] = work[pl.perm[i]];
        return pl;
    }

    /** mask split along {@code axis} with y's counts along it (local slicing when replicated). */
    private static DNDarray alignTo(DNDarray mask, int axis, Distribution cd) {
        Communication comm = mask.comm();
        int me = comm.rank();
        long[] g = mask.gshape();
        if (mask.split() == null) {
            Tensor t = mask.larray().narrow(axis, cd.displ(me), cd.count(me));
            return new DNDarray(t, g, axis, comm, mask.device(), cd.lshapeMap(g, axis));
        }
        DNDarray m = mask.splitAxis() == axis ? mask : mask.resplit(axis);
        return m.distribution().equals(cd) ? m : m.redistribute(cd.counts());
    }

    /** Decides where the result lives and gives each process its index values (collective: may align arrays). */
    private static void distribute(Plan pl, boolean forSet) {
        DNDarray y = pl.y;
        Communication comm = y.comm();
        int p = comm.size(), me = comm.rank();
        int ys = y.splitAxis();
        boolean inA = ys >= 0 && Arrays.binarySearch(pl.axes, ys) >= 0;
        long[] bs = pl.bShape;
        int n = pl.arrays.length;
        pl.local = new Tensor[n];
        if ((ys >= 0 && !inA) || (ys < 0 && forSet)) {
            // every process needs every index: x's split axis survives (or a replicated x must stay identical)
            for (int i = 0; i < n; i++) {
                DNDarray a = pl.arrays[i];
                pl.local[i] = (a.split() == null ? a : a.resplit(null)).larray().broadcastTo(bs);
            }
            pl.bLocal = bs.clone();
            if (ys >= 0) {
                int ri = Arrays.binarySearch(pl.restAxes, ys);
                pl.rSplit = pl.finalOfRest(ri);
                pl.rCounts = y.distribution().counts();
            }
            return;
        }
        Operations.Aligned al = Operations.align(bs, -1, pl.arrays);
        if (al.split() >= 0) {
            for (int i = 0; i < n; i++) pl.local[i] = al.locals()[i].broadcastTo(al.localShape());
            pl.bLocal = al.localShape();
            pl.rSplit = pl.finalOfB(al.split());
            pl.rCounts = new long[p];
            for (int r = 0; r < p; r++) pl.rCounts[r] = al.map()[r][al.split()];
        } else if (inA && bs.length > 0) {
            // replicated index arrays into a split axis: each process takes a balanced share of B's first axis
            long st = Distribution.start(bs[0], p, me), c = Distribution.count(bs[0], p, me);
            for (int i = 0; i < n; i++) pl.local[i] = al.locals()[i].broadcastTo(bs).narrow(0, st, c);
            if (!forSet) {
                pl.full = new Tensor[n];
                for (int i = 0; i < n; i++) pl.full[i] = al.locals()[i].broadcastTo(bs);
            }
            pl.bLocal = bs.clone();
            pl.bLocal[0] = c;
            pl.rSplit = pl.finalOfB(0);
            pl.rCounts = Distribution.counts(bs[0], p);
        } else {
            for (int i = 0; i < n; i++) pl.local[i] = al.locals()[i].broadcastTo(bs);
            pl.bLocal = bs.clone();
            pl.onlyRankZero = forSet && inA && me != 0;
        }
        pl.remote = inA && p > 1 && !pl.localMask;
    }

    /** Global split-axis indices of a local mask selection made local to this process's slab. */
    private static void localize(Plan pl, long[][] vals) {
        if (!pl.localMask || pl.y.comm().size() == 1) return;
        long d0 = pl.y.distribution().displ(pl.y.comm().rank());
        long[] v = vals[Arrays.binarySearch(pl.axes, pl.y.splitAxis())];
        for (int q = 0; q < v.length; q++) v[q] -= d0;
    }

    /**
     * This process's index values, normalised and checked: out-of-bounds entries are agreed by all processes (one
     * Allgather), so every process throws the same exception before any element moves.
     */
    private static long[][] indexValues(Plan pl) {
        int n = pl.arrays.length;
        long[] yg = pl.y.gshape();
        long[][] vals = new long[n][];
        long[] err = {0, 0, 0, 0};
        for (int i = 0; i < n; i++) {
            vals[i] = pl.onlyRankZero ? new long[0] : pl.local[i].toLongArray();
            long ext = yg[pl.axes[i]];
            long[] v = vals[i];
            for (int k = 0; k < v.length; k++) {
                long w = v[k];
                if (w < -ext || w >= ext) {
                    if (err[0] == 0) err = new long[] {1, pl.xAxes[i], w, ext};
                } else if (w < 0) {
                    v[k] = w + ext;
                }
            }
        }
        raiseOutOfBounds(pl.y.comm(), err, true);
        return vals;
    }

    /**
     * Throws the first out-of-range index reported as {flag, axis, index, extent} — of the lowest process that has
     * one when {@code agree} (collective: an allgather, so every process raises the same error before any exchange),
     * else this process's own (for an index every process holds whole).
     */
    static void raiseOutOfBounds(Communication comm, long[] err, boolean agree) {
        long[] all = agree ? comm.allgather(err) : err;
        for (int r = 0; r < all.length / 4; r++) {
            if (all[4 * r] != 0) {
                throw new IndexOutOfBoundsException("index " + all[4 * r + 2] + " is out of bounds for axis "
                        + all[4 * r + 1] + " with size " + all[4 * r + 3]);
            }
        }
    }

    /** The advanced step of {@link Indexing#get}: b holds y (read forward already) and the advanced entries. */
    static DNDarray get(Indexing.Basic b) {
        DNDarray y = b.y();
        Plan pl = plan(b);
        distribute(pl, false);
        long[][] vals = indexValues(pl);
        localize(pl, vals);
        Tensor yl = y.larray();
        int nB = pl.bShape.length, nr = pl.restAxes.length;
        long[] work = new long[nB + nr];
        System.arraycopy(pl.bLocal, 0, work, 0, nB);
        for (int i = 0; i < nr; i++) work[nB + i] = yl.shape(pl.restAxes[i]);
        long nb = Shapes.size(pl.bLocal);
        long[] restLocal = Arrays.copyOfRange(work, nB, work.length);
        Tensor out = yl.newEmpty(y.dtype(), work);
        Tensor rows = out.reshape(concat(nb, restLocal));
        if (!pl.remote) {
            yl.backend().gatherRows(yl, pl.axes, vals, nb, rows);
        } else {
            fetch(pl, vals, nb, rows, restLocal);
        }
        pl.release();
        Tensor res = out.permute(pl.perm).contiguous();
        int p = y.comm().size();
        return new DNDarray(res, pl.rShape, pl.rSplit < 0 ? null : pl.rSplit, y.comm(), y.device(),
                Indexing.map(pl.rShape, pl.rSplit, pl.rCounts, p));
    }

    private static long[] concat(long n, long[] rest) {
        long[] s = new long[rest.length + 1];
        s[0] = n;
        System.arraycopy(rest, 0, s, 1, rest.length);
        return s;
    }

    /** Sends each position's indices to the owner of its split-axis index (in rounds within the budget). */
    private static Rounds.Requests request(Plan pl, long[][] vals, long nb) {
        int k = pl.axes.length;
        int js = Arrays.binarySearch(pl.axes, pl.y.splitAxis());
        Distribution cd = pl.y.distribution();
        int n = (int) nb;
        int[] owner = new int[n];
        long[][] keys = new long[k][];
        for (int j = 0; j < k; j++) keys[j] = j == js ? new long[n] : vals[j];
        for (int b = 0; b < n; b++) {
            owner[b] = cd.owner(vals[js][b]);
            keys[js][b] = vals[js][b] - cd.displ(owner[b]);
        }
        return Rounds.requests(pl.y.comm(), owner, keys, pl.y.larray());
    }

    /**
     * Remote gather: requests to the owners, rows back (two exchanges, both in rounds within the
     * {@link ExchangeBudget}, so neither end holds more than the budget in flight), rows placed in B order.
     */
    private static void fetch(Plan pl, long[][] vals, long nb, Tensor rows, long[] rest) {
        Rounds.Requests rq = pl.full != null ? knownRequests(pl) : request(pl, vals, nb);
        Rounds.fetchRows(pl.y.comm(), rq, pl.y.larray(), pl.axes, rows, rest, pl.y.dtype());
    }

    /**
     * The requests of a gather with replicated index arrays: every process knows all of B, so it computes which of
     * its rows each process needs instead of receiving the indices (one exchange, of rows, instead of two).
     * indexValues has checked every value on every process (they are the same arrays), so they are in bounds.
     */
    private static Rounds.Requests knownRequests(Plan pl) {
        Communication comm = pl.y.comm();
        int k = pl.axes.length, js = Arrays.binarySearch(pl.axes, pl.y.splitAxis());
        long[] yg = pl.y.gshape();
        Distribution cd = pl.y.distribution();
        long[][] keys = new long[k][];
        for (int j = 0; j < k; j++) {
            long[] v = pl.full[j].toLongArray();
            long ext = yg[pl.axes[j]];
            for (int q = 0; q < v.length; q++) if (v[q] < 0) v[q] += ext;
            keys[j] = v;
        }
        int[] owner = new int[keys[js].length];
        for (int g = 0; g < owner.length; g++) {
            owner[g] = cd.owner(keys[js][g]);
            keys[js][g] -= cd.displ(owner[g]);
        }
        long inner = pl.bShape.length == 0 ? 1 : Shapes.size(pl.bShape) / Math.max(1, pl.bShape[0]);
        long[] shares = Distribution.counts(pl.bShape[0], comm.size());
        for (int r = 0; r < shares.length; r++) shares[r] *= inner;
        return Rounds.knownRequests(comm, shares, owner, keys);
    }

    /**
     * For each received request, whether it is the last one (in received order: rank order, then the sender's B
     * order, i.e. global B order) writing its element: in rounds the writes of different senders interleave, and
     * numpy's rule that the last of repeated indices wins must not depend on the rounds.
     */
    private static boolean[] lastWriters(long[][] got, long[] extents) {
        int m = got[0].length;
        long[] key = new long[m], pos = new long[m];
        for (int i = 0; i < m; i++) {
            long kk = 0;
            for (int j = 0; j < got.length; j++) kk = kk * extents[j] + got[j][i];
            key[i] = kk;
            pos[i] = i;
        }
        int[] o = SortKeys.orderByKeyTb(key, pos, m);
        boolean[] last = new boolean[m];
        for (int q = 0; q < m; q++) last[o[q]] = q == m - 1 || key[o[q + 1]] != key[o[q]];
        return last;
    }

    /**
     * The advanced step of {@link Indexing#set}: writes the value v0 (not yet checked when masks are involved) into
     * the advanced selection of b's y, a view of x.
     */
    static void set(DNDarray x, DNDarray v0, Indexing.Basic b) {
        DNDarray y = b.y();
        Plan pl = plan(b);
        int fa = b.reversedAxis() < 0 ? -1 : pl.finalOfRest(Arrays.binarySearch(pl.restAxes, b.reversedAxis()));
        DNDarray v = Indexing.valueFor(v0, pl.rShape, fa);
        distribute(pl, true);
        long[][] vals = indexValues(pl);
        localize(pl, vals);
        Communication comm = x.comm();
        int p = comm.size();
        // a dummy with the result's distribution, for aligning the value (its local data is one broadcast element)
        int nB = pl.bShape.length, nr = pl.restAxes.length;
        Tensor yl = y.larray();
        long[] work = new long[nB + nr];
        System.arraycopy(pl.bLocal, 0, work, 0, nB);
        for (int i = 0; i < nr; i++) work[nB + i] = yl.shape(pl.restAxes[i]);
        long[] finalLocal = new long[work.length];
        for (int i = 0; i < work.length; i++) finalLocal[i] = work[pl.perm[i]];
        DNDarray dummy = new DNDarray(yl.newZeros(x.dtype()).broadcastTo(finalLocal), pl.rShape,
                pl.rSplit < 0 ? null : pl.rSplit, comm, x.device(), Indexing.map(pl.rShape, pl.rSplit, pl.rCounts, p));
        Operations.Aligned al = Operations.align(pl.rShape, 0, dummy, v);
        int[] inv = new int[pl.perm.length];
        for (int i = 0; i < inv.length; i++) inv[pl.perm[i]] = i;
        long nb = pl.onlyRankZero ? 0 : Shapes.size(pl.bLocal);
        long[] restLocal = Arrays.copyOfRange(work, nB, work.length);
        Tensor rows = al.locals()[1].broadcastTo(finalLocal).permute(inv).astype(x.dtype());   // a copy: no overlap with x
        if (pl.onlyRankZero) rows = yl.newEmpty(x.dtype(), concat(0, restLocal));
        rows = rows.reshape(concat(nb, restLocal));
        if (!pl.remote) {
            yl.backend().scatterRows(rows, yl, pl.axes, vals, nb);
        } else {
            Rounds.Requests rq = request(pl, vals, nb);
            long[][] got = rq.got();
            long restSize = Shapes.size(restLocal);
            DType t = x.dtype();
            long rowBytes = restSize * t.itemSize();
            long[] d = rq.displ(), gd = rq.gotDispl(), order = rq.order();
            long[] ext = new long[pl.axes.length];
            for (int j = 0; j < ext.length; j++) ext[j] = yl.shape(pl.axes[j]);
            Tensor src = rows;
            boolean[][] keep = new boolean[1][];
            Rounds.alltoallv(comm, t, restSize, rq.count(), rq.gotCount(), yl,
                    (from, len, buf, at, round, rounds) -> {
                        for (int r = 0; r < p; r++) {
                            if (len[r] == 0) continue;
                            long lo = d[r] + from[r];
                            src.backend().moveRows(src, Rounds.rows(buf, at[r], len[r], restLocal),
                                    Arrays.copyOfRange(order, (int) lo, (int) (lo + len[r])), false, rowBytes);
                        }
                    },
                    (from, len, buf, at, round, rounds) -> {
                        if (rounds > 1 && keep[0] == null) keep[0] = lastWriters(got, ext);
                        for (int r = 0; r < p; r++) {
                            if (len[r] == 0) continue;
                            long lo = gd[r] + from[r];
                            long[][] w = rq.gotWindow(lo, len[r]);
                            Tensor part = Rounds.rows(buf, at[r], len[r], restLocal);
                            if (keep[0] != null) {
                                int c = 0;
                                for (int q = 0; q < len[r]; q++) {
                                    if (!keep[0][(int) (lo + q)]) continue;
                                    for (int j = 0; j < w.length; j++) w[j][c] = w[j][q];
                                    if (c != q) part.narrow(0, c, 1).copyFrom(part.narrow(0, q, 1));
                                    c++;
                                }
                                part = part.narrow(0, 0, c);
                                len[r] = c;   // this round's count for r is not used after the unpack
                            }
                            yl.backend().scatterRows(part, yl, pl.axes, w, len[r]);
                        }
                    });
        }
        pl.release();
    }
}
