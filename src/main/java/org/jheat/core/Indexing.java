package org.jheat.core;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jheat.comm.Communication;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * numpy indexing of distributed arrays: {@code x[…]} ({@link #get}), {@code x[…] = v} ({@link #set}),
 * {@link #nonzero} and {@link #where}. An index expression is a list of {@link Index} entries: integers (negative
 * too), slices with steps (negative too), {@code ...}, {@code np.newaxis}, bool masks of any shape numpy allows
 * and integer index arrays (advanced indexing, with numpy's axis-placement rule). x and the index arrays may have
 * any split, both distributed included.
 *
 * <p><b>Where the result lives</b> (the split rule):
 * <ul>
 *   <li><b>Basic indexing</b> (integers, slices, {@code ...}, newaxis) moves no data and returns a VIEW of x's local
 *   data, like numpy: each process keeps the part of its slab that is selected, so the result is split along the
 *   axis that x's split axis became, usually unbalanced, with a local-shape map computed without communication.
 *   Two exceptions copy: an integer on the split axis removes that axis, so its owner's row is sent to every process
 *   and the result is replicated ({@code x.get(idx(3))} of a split vector is a 0-d array on every process); and a
 *   slice with a negative step along the split axis reverses the order of the slabs, which costs one exchange
 *   (each process's rows go to the mirror rank).</li>
 *   <li><b>Advanced indexing</b> (any index array; integers then count as 0-d index arrays, as in numpy). Let B be
 *   the broadcast shape of the index arrays. If x's (sliced) split axis is not indexed by an array, the index arrays
 *   are replicated and the result stays split along that axis (no data moves). Otherwise the result is split along
 *   the B axis the index arrays are split along (Operations.align picks one when several are), or along B's first
 *   axis (balanced) when they are all replicated, or replicated when B is 0-d; each process asks the owners for its
 *   elements (one Alltoallv of indices, one of rows back). When x is replicated the result follows the index
 *   arrays' split and nothing moves.</li>
 *   <li><b>Masks</b> become their nonzero index arrays, as in numpy; a mask over x's split axis is first aligned with
 *   x's distribution, so {@code x.get(of(x.gt(0)))} selects locally and the 1-d result is split along 0 with each
 *   process's count of selected elements (Heat's behaviour; one Allgather of the counts).</li>
 * </ul>
 *
 * <p><b>Errors</b>: too many indices, two ellipses, a float index array, a mask whose shape does not match, an
 * integer out of bounds, index arrays that do not broadcast and a value that does not broadcast to the selection
 * throw on every process before anything moves ({@link IndexOutOfBoundsException} for bounds,
 * {@link IllegalArgumentException} otherwise). Out-of-bounds entries of an index array are data: each process checks
 * its part and the processes agree (one Allgather) before any element moves, so every process throws the same
 * exception and a failed {@link #set} leaves x unchanged.
 *
 * <pre>{@code
 * import static org.jheat.core.Index.*;
 * DNDarray x = Heat.arange(0, 20, 1, null, 0).reshape(4, 5);   // split along rows
 * DNDarray r = Indexing.get(x, slice(1, null), idx(-1));         // x[1:, -1]: a view, split 0
 * DNDarray m = Indexing.get(x, of(x.gt(10)));                    // x[x > 10]: 1-d, split 0, unbalanced
 * DNDarray t = Indexing.get(x, of(2, 0), all());                 // x[[2, 0], :]
 * Indexing.set(x, 0, of(x.lt(3)));                               // x[x < 3] = 0
 * }</pre>
 */
public final class Indexing {
    private Indexing() { }

    // =========================================================================================== parsing

    private enum Kind { INT, SLICE, NEWAXIS, ARRAY, MASK, BOOL0 }

    /** One entry after ellipsis expansion; {@code pos} is its place in the user's list (for numpy's adjacency rule). */
    private record Item(Kind kind, int pos, int xAxis, long index, Long start, Long stop, long step, DNDarray arr) { }

    /** All argument checks on global metadata: no communication. */
    private static List<Item> parse(DNDarray x, Index[] idx) {
        if (x == null) throw new IllegalArgumentException("indexing: the array must not be null");
        if (idx == null) idx = new Index[0];
        int nd = x.ndim();
        long[] g = x.gshape();
        int consumed = 0, ell = -1;
        for (int i = 0; i < idx.length; i++) {
            Index e = idx[i];
            switch (e) {
                case null -> throw new IllegalArgumentException("index " + i + " is null; use Index.newaxis() for np.newaxis");
                case Index.Int n -> consumed++;
                case Index.Slice s -> consumed++;
                case Index.NewAxis n -> { }
                case Index.Ellipsis el -> {
                    if (ell >= 0) throw new IllegalArgumentException("an index can only have a single ellipsis ('...')");
                    ell = i;
                }
                case Index.Array a -> {
                    DType t = a.array().dtype();
                    if (t == DType.BOOL) consumed += a.array().ndim();
                    else if (t.isInteger()) consumed++;
                    else throw new IllegalArgumentException("arrays used as indices must be of integer (or boolean) type, got " + t);
                }
            }
        }
        if (consumed > nd) {
            throw new IllegalArgumentException("too many indices for array: array is " + nd + "-dimensional, but "
                    + consumed + " were indexed");
        }
        List<Item> items = new ArrayList<>();
        int d = 0;
        long[] bcast = null;   // broadcast shape of the integer arrays, checked here already
        for (int i = 0; i < idx.length; i++) {
            switch (idx[i]) {
                case Index.Ellipsis el -> {
                    for (int k = 0; k < nd - consumed; k++) items.add(new Item(Kind.SLICE, i, d++, 0, null, null, 1, null));
                }
                case Index.Int n -> {
                    long v = n.index();
                    if (v < -g[d] || v >= g[d]) {
                        throw new IndexOutOfBoundsException("index " + v + " is out of bounds for axis " + d + " with size " + g[d]);
                    }
                    items.add(new Item(Kind.INT, i, d, v < 0 ? v + g[d] : v, null, null, 1, null));
                    d++;
                }
                case Index.Slice s -> items.add(new Item(Kind.SLICE, i, d++, 0, s.start(), s.stop(), s.step(), null));
                case Index.NewAxis n -> items.add(new Item(Kind.NEWAXIS, i, -1, 0, null, null, 1, null));
                case Index.Array a -> {
                    DNDarray arr = a.array();
                    if (arr.dtype() == DType.BOOL && arr.ndim() == 0) {
                        items.add(new Item(Kind.BOOL0, i, -1, 0, null, null, 1, arr));
                    } else if (arr.dtype() == DType.BOOL) {
                        long[] ms = arr.gshape();
                        for (int k = 0; k < ms.length; k++) {
                            if (ms[k] != g[d + k]) {
                                throw new IllegalArgumentException("boolean index did not match indexed array along dimension "
                                        + (d + k) + "; dimension is " + g[d + k] + " but corresponding boolean dimension is " + ms[k]);
                            }
                        }
                        items.add(new Item(Kind.MASK, i, d, 0, null, null, 1, arr));
                        d += ms.length;
                    } else {
                        try {
                            bcast = bcast == null ? arr.gshape() : Shapes.broadcast(bcast, arr.gshape());
                        } catch (IllegalArgumentException ex) {
                            throw new IllegalArgumentException("shape mismatch: indexing arrays could not be broadcast together: "
                                    + ex.getMessage());
                        }
                        items.add(new Item(Kind.ARRAY, i, d++, 0, null, null, 1, arr));
                    }
                }
            }
        }
        while (d < nd) items.add(new Item(Kind.SLICE, idx.length, d++, 0, null, null, 1, null));
        return items;
    }

    // =========================================================================================== basic step

    /** An advanced entry: the y axis it indexes, its place in the user's list, its index array (or mask), x's axis. */
    private record Adv(int yAxis, int pos, DNDarray arr, DNDarray mask, int xAxis) { }

    /**
     * y: x with slices, newaxis and (outside advanced mode) integers on non-split axes applied, as a view; the axis a
     * negative step along the split axis reversed (y holds the forward selection) or -1; the advanced entries.
     */
    private record Basic(DNDarray y, int reversedAxis, List<Adv> adv) { }

    private static Basic basic(DNDarray x, List<Item> items) {
        Communication comm = x.comm();
        int p = comm.size(), me = comm.rank();
        long[] g = x.gshape();
        int xs = x.splitAxis();
        long[][] xcd = xs >= 0 ? x.countsDispls() : null;
        boolean advMode = false;
        for (Item it : items) advMode |= it.kind() == Kind.ARRAY || it.kind() == Kind.MASK || it.kind() == Kind.BOOL0;
        Tensor t = x.larray();
        int ta = 0, ySplit = -1, reversed = -1;
        long[] yCounts = null;
        List<Long> yg = new ArrayList<>();
        List<Adv> adv = new ArrayList<>();
        for (Item it : items) {
            int d = it.xAxis();
            switch (it.kind()) {
                case SLICE -> {
                    if (d == xs && p > 1) {
                        long[] r = Tensor.sliceIndices(g[d], it.start(), it.stop(), it.step());
                        long cnt = r[3], fb = r[0], fs = Math.abs(r[2]);
                        if (cnt == 0) { fb = 0; fs = 1; }
                        if (r[2] < 0 && cnt > 1) { fb = r[0] + (cnt - 1) * r[2]; reversed = ta; }
                        yCounts = new long[p];
                        for (int k = 0; k < p; k++) {
                            long lo = clamp(Math.ceilDiv(xcd[1][k] - fb, fs), cnt), hi = clamp(Math.ceilDiv(xcd[1][k] + xcd[0][k] - fb, fs), cnt);
                            yCounts[k] = Math.max(0, hi - lo);
                            if (k == me) {
                                if (yCounts[k] == 0) {
                                    t = t.narrow(ta, 0, 0);
                                } else {
                                    long s0 = fb + lo * fs - xcd[1][k];
                                    t = t.slice(ta, s0, s0 + (yCounts[k] - 1) * fs + 1, fs);
                                }
                            }
                        }
                        ySplit = ta;
                        yg.add(cnt);
                    } else {
                        t = t.slice(ta, it.start(), it.stop(), it.step());
                        if (d == xs) { ySplit = ta; yCounts = new long[] {t.shape(ta)}; }
                        yg.add(t.shape(ta));
                    }
                    ta++;
                }
                case INT -> {
                    if (!advMode && d != xs) {
                        t = t.select(ta, it.index());
                    } else {
                        if (d == xs) { ySplit = ta; yCounts = xcd[0]; }
                        yg.add(g[d]);
                        adv.add(new Adv(ta, it.pos(), scalarIndex(x, it.index()), null, d));
                        ta++;
                    }
                }
                case NEWAXIS -> {
                    t = t.unsqueeze(ta++);
                    yg.add(1L);
                }
                case BOOL0 -> {
                    // numpy: x[True] is x[np.newaxis] indexed by nonzero(True) = [0]; x[False] selects nothing of it
                    t = t.unsqueeze(ta);
                    yg.add(1L);
                    boolean v = it.arr().larray().getLong() != 0;
                    Tensor ix = v ? Tensor.zeros(DType.INT64, 1) : Tensor.empty(DType.INT64, 0);
                    adv.add(new Adv(ta, it.pos(), new DNDarray(ix, ix.shape(), null, comm, x.device(), null), null, -1));
                    ta++;
                }
                case ARRAY -> {
                    if (d == xs) { ySplit = ta; yCounts = xcd[0]; }
                    yg.add(g[d]);
                    adv.add(new Adv(ta, it.pos(), it.arr(), null, d));
                    ta++;
                }
                case MASK -> {
                    int m = it.arr().ndim();
                    for (int k = 0; k < m; k++) {
                        if (d + k == xs) { ySplit = ta + k; yCounts = xcd[0]; }
                        yg.add(g[d + k]);
                    }
                    adv.add(new Adv(ta, it.pos(), null, it.arr(), d));
                    ta += m;
                }
            }
        }
        long[] ys = new long[yg.size()];
        for (int i = 0; i < ys.length; i++) ys[i] = yg.get(i);
        DNDarray y = new DNDarray(t, ys, ySplit < 0 ? null : ySplit, comm, x.device(), map(ys, ySplit, yCounts, p));
        return new Basic(y, reversed, adv);
    }

    private static long clamp(long v, long hi) { return Math.max(0, Math.min(hi, v)); }

    /** A replicated 0-d int64 index (an integer in advanced mode). */
    private static DNDarray scalarIndex(DNDarray x, long v) {
        Tensor s = Tensor.empty(DType.INT64);
        s.setLong(v);
        return new DNDarray(s, new long[0], null, x.comm(), x.device(), null);
    }

    /** The local-shape map of global shape g split along {@code split} with {@code counts} (no communication). */
    static long[][] map(long[] g, int split, long[] counts, int p) {
        long[][] m = new long[p][];
        for (int r = 0; r < p; r++) {
            m[r] = g.clone();
            if (split >= 0) m[r][split] = counts[r];
        }
        return m;
    }

    /**
     * x reversed along its split axis: each process's slab, flipped, goes to the mirror rank (one exchange), so
     * that the slabs stay in rank order.
     */
    static DNDarray reverseSplit(DNDarray d) {
        int a = d.splitAxis();
        Communication comm = d.comm();
        int p = comm.size(), me = comm.rank();
        Tensor flipped = d.larray().slice(a, null, null, -1);
        long[] c = d.countsDispls()[0];
        long[] nc = new long[p];
        for (int r = 0; r < p; r++) nc[r] = c[p - 1 - r];
        long[] g = d.gshape();
        if (p == 1) return new DNDarray(flipped, g, a, comm, d.device(), map(g, a, nc, p));
        long[] ls = d.lshape();
        ls[a] = nc[me];
        Tensor out = Tensor.empty(d.dtype(), ls);
        long[] sLen = new long[p], rLen = new long[p];
        sLen[p - 1 - me] = c[me];
        rLen[p - 1 - me] = nc[me];
        Redistribution.exchange(comm, flipped, a, out, a, new ExchangePlan(new long[p], sLen, new long[p], rLen));
        return new DNDarray(out, g, a, comm, d.device(), map(g, a, nc, p));
    }

    /** d reversed along {@code axis} (a view unless the axis is split over several processes). */
    private static DNDarray flip(DNDarray d, int axis) {
        if (axis == d.splitAxis() && d.comm().size() > 1) return reverseSplit(d);
        return new DNDarray(d.larray().slice(axis, null, null, -1), d.gshape(), d.split(), d.comm(), d.device(),
                d.splitAxis() < 0 ? null : map(d.gshape(), d.splitAxis(), d.countsDispls()[0], d.comm().size()));
    }

    // =========================================================================================== advanced step

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

        int finalOfB(int t) { return adjacent ? q + t : t; }

        int finalOfRest(int i) { return adjacent ? (i < q ? i : i + bShape.length) : bShape.length + i; }
    }

    /** Expands masks (aligned with y first: collective), then computes shapes (no communication). */
    private static Plan plan(Basic b) {
        DNDarray y = b.y();
        Communication comm = y.comm();
        int p = comm.size();
        int ys = y.splitAxis();
        List<Integer> axes = new ArrayList<>(), xAxes = new ArrayList<>(), pos = new ArrayList<>();
        List<DNDarray> arrays = new ArrayList<>();
        for (Adv a : b.adv()) {
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
                aligned = alignTo(mask, 0, y.countsDispls());   // local selection: the owners are the selecting processes
            } else if (ys > k && ys < k + m) {
                aligned = mask;   // nonzero keeps C order by splitting along the mask's first axis; rows come from owners
            } else {
                aligned = mask.split() == null ? mask : mask.resplit(null);
            }
            DNDarray[] nz = nonzero(aligned);
            for (int j = 0; j < m; j++) {
                axes.add(k + j);
                xAxes.add(a.xAxis() + j);
                pos.add(a.pos());
                arrays.add(nz[j]);
            }
        }
        Plan pl = new Plan();
        pl.y = y;
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
    private static DNDarray alignTo(DNDarray mask, int axis, long[][] cd) {
        Communication comm = mask.comm();
        int p = comm.size(), me = comm.rank();
        long[] g = mask.gshape();
        if (mask.split() == null) {
            Tensor t = mask.larray().narrow(axis, cd[1][me], cd[0][me]);
            return new DNDarray(t, g, axis, comm, mask.device(), map(g, axis, cd[0], p));
        }
        DNDarray m = mask.splitAxis() == axis ? mask : mask.resplit(axis);
        return Arrays.equals(m.countsDispls()[0], cd[0]) ? m : m.redistribute(cd[0]);
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
                pl.rCounts = y.countsDispls()[0];
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
            pl.bLocal = bs.clone();
            pl.bLocal[0] = c;
            pl.rSplit = pl.finalOfB(0);
            pl.rCounts = Distribution.counts(bs[0], p);
        } else {
            for (int i = 0; i < n; i++) pl.local[i] = al.locals()[i].broadcastTo(bs);
            pl.bLocal = bs.clone();
            pl.onlyRankZero = forSet && inA && me != 0;
        }
        pl.remote = inA && p > 1;
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
        long[] all = pl.y.comm().allgather(err);
        for (int r = 0; r < all.length / 4; r++) {
            if (all[4 * r] != 0) {
                throw new IndexOutOfBoundsException("index " + all[4 * r + 2] + " is out of bounds for axis "
                        + all[4 * r + 1] + " with size " + all[4 * r + 3]);
            }
        }
        return vals;
    }

    // =========================================================================================== get

    /**
     * {@code x[idx…]} with numpy semantics; see the class comment for where the result lives. Basic indexing returns
     * a view sharing x's memory (call {@code copy()} for an independent array); advanced indexing returns a copy.
     * <pre>{@code
     * DNDarray row = Indexing.get(x, idx(2));                            // x[2]
     * DNDarray sub = Indexing.get(x, slice(null, null, -1), newaxis());  // x[::-1, None]
     * DNDarray sel = Indexing.get(x, of(x.gt(0)));                       // x[x > 0]
     * DNDarray pts = Indexing.get(x, of(rows), of(cols));                // x[rows, cols]
     * }</pre>
     */
    public static DNDarray get(DNDarray x, Index... idx) {
        Basic b = basic(x, parse(x, idx));
        DNDarray y = b.reversedAxis() >= 0 ? reverseSplit(b.y()) : b.y();
        if (b.adv().isEmpty()) return y;
        Plan pl = plan(new Basic(y, -1, b.adv()));
        distribute(pl, false);
        long[][] vals = indexValues(pl);
        Tensor yl = y.larray();
        int nB = pl.bShape.length, nr = pl.restAxes.length;
        long[] work = new long[nB + nr];
        System.arraycopy(pl.bLocal, 0, work, 0, nB);
        for (int i = 0; i < nr; i++) work[nB + i] = yl.shape(pl.restAxes[i]);
        long nb = Shapes.size(pl.bLocal);
        long[] restLocal = Arrays.copyOfRange(work, nB, work.length);
        Tensor out = Tensor.empty(x.dtype(), work);
        Tensor rows = out.reshape(concat(nb, restLocal));
        if (!pl.remote) {
            gatherRows(yl, pl.axes, vals, nb, rows);
        } else {
            fetch(pl, vals, nb, rows, restLocal);
        }
        Tensor res = out.permute(pl.perm).contiguous();
        int p = x.comm().size();
        return new DNDarray(res, pl.rShape, pl.rSplit < 0 ? null : pl.rSplit, x.comm(), x.device(),
                map(pl.rShape, pl.rSplit, pl.rCounts, p));
    }

    private static long[] concat(long n, long[] rest) {
        long[] s = new long[rest.length + 1];
        s[0] = n;
        System.arraycopy(rest, 0, s, 1, rest.length);
        return s;
    }

    /** Owner bookkeeping of the request exchange: for each owner the requests in B order. */
    private record Requests(long[] count, long[] displ, long[] order, Tensor packed, long[] gotCount, long[] gotDispl, Tensor got) { }

    /** Sends each position's indices to the owner of its split-axis index (one Alltoallv). */
    private static Requests request(Plan pl, long[][] vals, long nb) {
        DNDarray y = pl.y;
        Communication comm = y.comm();
        int p = comm.size();
        int k = pl.axes.length;
        int js = Arrays.binarySearch(pl.axes, y.splitAxis());
        long[][] cd = y.countsDispls();
        long[] end = new long[p];
        for (int r = 0; r < p; r++) end[r] = cd[1][r] + cd[0][r];
        int n = (int) nb;
        int[] owner = new int[n];
        long[] count = new long[p];
        for (int b = 0; b < n; b++) {
            long w = vals[js][b];
            int lo = 0, hi = p - 1;
            while (lo < hi) {   // first rank whose slab ends after w
                int mid = (lo + hi) >>> 1;
                if (end[mid] > w) hi = mid; else lo = mid + 1;
            }
            owner[b] = lo;
            count[lo]++;
        }
        long[] displ = Distribution.displs(count);
        long[] fill = displ.clone();
        long[] order = new long[n];
        Tensor packed = Tensor.empty(DType.INT64, Math.max(1, nb * k));
        MemorySegment ps = packed.data();
        for (int b = 0; b < n; b++) {
            int o = owner[b];
            long slot = fill[o]++;
            order[(int) slot] = b;
            for (int j = 0; j < k; j++) {
                long v = j == js ? vals[j][b] - cd[1][o] : vals[j][b];
                ps.setAtIndex(ValueLayout.JAVA_LONG, slot * k + j, v);
            }
        }
        long[] gotCount = Redistribution.alltoallCounts(comm, count);
        long[] gotDispl = Distribution.displs(gotCount);
        long gotTotal = Distribution.total(gotCount);
        Tensor got = Tensor.empty(DType.INT64, Math.max(1, gotTotal * k));
        comm.alltoallv(packed.data(), times(count, k), times(displ, k), got.data(), times(gotCount, k), times(gotDispl, k), DType.INT64);
        return new Requests(count, displ, order, packed, gotCount, gotDispl, got);
    }

    private static long[] times(long[] a, long f) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i] * f;
        return r;
    }

    /** The received requests as one index array per indexed axis. */
    private static long[][] unpack(Requests rq, int k) {
        long total = Distribution.total(rq.gotCount());
        long[][] idx = new long[k][(int) total];
        MemorySegment g = rq.got().data();
        for (int i = 0; i < total; i++) {
            for (int j = 0; j < k; j++) idx[j][i] = g.getAtIndex(ValueLayout.JAVA_LONG, (long) i * k + j);
        }
        return idx;
    }

    /** Remote gather: requests to the owners, rows back (two Alltoallv), rows placed in B order. */
    private static void fetch(Plan pl, long[][] vals, long nb, Tensor rows, long[] rest) {
        Communication comm = pl.y.comm();
        DType t = pl.y.dtype();
        Requests rq = request(pl, vals, nb);
        long[][] idx = unpack(rq, pl.axes.length);
        long gotTotal = idx[0].length;
        long restSize = Shapes.size(rest);
        Tensor answer = Tensor.empty(t, concat(gotTotal, rest));
        gatherRows(pl.y.larray(), pl.axes, idx, gotTotal, answer);
        Tensor recv = Tensor.empty(t, concat(nb, rest));
        comm.alltoallv(seg(answer), times(rq.gotCount(), restSize), times(rq.gotDispl(), restSize),
                seg(recv), times(rq.count(), restSize), times(rq.displ(), restSize), t);
        moveRows(recv, rows, rq.order(), true, restSize * t.itemSize());
        for (Tensor f : new Tensor[] {rq.packed(), rq.got(), answer, recv}) f.storage().free();
    }

    private static MemorySegment seg(Tensor t) { return t.size() == 0 ? MemorySegment.NULL : t.data(); }

    // =========================================================================================== set

    /**
     * {@code x[idx…] = value} in place: value (a DNDarray of any split, or a Java scalar) is broadcast to the
     * selection's shape and cast to x's dtype (numpy's unsafe setitem cast). Basic selections are written by each
     * process into its own slab; masks and index arrays send the values to the owners of the addressed elements
     * (for repeated indices the last value in C order wins, as numpy does in practice). Everything is checked
     * before anything is written: a failing set leaves x unchanged on every process. Returns x.
     * <pre>{@code
     * Indexing.set(x, 0.0, slice(null, 2));            // x[:2] = 0
     * Indexing.set(x, -1, of(x.lt(0)));                // x[x < 0] = -1
     * Indexing.set(x, v, of(1, 3), all());             // x[[1, 3], :] = v
     * }</pre>
     */
    public static DNDarray set(DNDarray x, Object value, Index... idx) {
        List<Item> items = parse(x, idx);
        DNDarray v0 = Operations.operand(value, x.comm());
        if (v0.dtype().isComplex()) throw new IllegalArgumentException("set: complex values are not supported");
        boolean hasMask = false;
        for (Item it : items) hasMask |= it.kind() == Kind.MASK;
        Basic b = basic(x, items);
        DNDarray y = b.y();
        if (b.adv().isEmpty()) {
            DNDarray v = valueFor(v0, y.gshape(), b.reversedAxis());
            Operations.Aligned al = Operations.align(y.gshape(), 0, y, v);
            Tensor vl = al.locals()[1];
            if (vl.storage() != null && vl.storage() == x.larray().storage()) vl = vl.copy();   // overlapping source
            y.larray().copyFrom(vl.broadcastTo(y.lshape()));
            return x;
        }
        if (!hasMask) checkValueEarly(v0, b);   // before any communication
        Plan pl = plan(b);
        int fa = b.reversedAxis() < 0 ? -1 : pl.finalOfRest(Arrays.binarySearch(pl.restAxes, b.reversedAxis()));
        DNDarray v = valueFor(v0, pl.rShape, fa);
        distribute(pl, true);
        long[][] vals = indexValues(pl);
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
        DNDarray dummy = new DNDarray(Tensor.zeros(x.dtype()).broadcastTo(finalLocal), pl.rShape,
                pl.rSplit < 0 ? null : pl.rSplit, comm, x.device(), map(pl.rShape, pl.rSplit, pl.rCounts, p));
        Operations.Aligned al = Operations.align(pl.rShape, 0, dummy, v);
        int[] inv = new int[pl.perm.length];
        for (int i = 0; i < inv.length; i++) inv[pl.perm[i]] = i;
        long nb = pl.onlyRankZero ? 0 : Shapes.size(pl.bLocal);
        long[] restLocal = Arrays.copyOfRange(work, nB, work.length);
        Tensor rows = al.locals()[1].broadcastTo(finalLocal).permute(inv).astype(x.dtype());   // a copy: no overlap with x
        if (pl.onlyRankZero) rows = Tensor.empty(x.dtype(), concat(0, restLocal));
        rows = rows.reshape(concat(nb, restLocal));
        if (!pl.remote) {
            scatterRows(rows, yl, pl.axes, vals, nb);
        } else {
            Requests rq = request(pl, vals, nb);
            long[][] got = unpack(rq, pl.axes.length);
            long restSize = Shapes.size(restLocal);
            DType t = x.dtype();
            Tensor send = Tensor.empty(t, concat(nb, restLocal));
            moveRows(rows, send, rq.order(), false, restSize * t.itemSize());
            Tensor recv = Tensor.empty(t, concat(got[0].length, restLocal));
            comm.alltoallv(seg(send), times(rq.count(), restSize), times(rq.displ(), restSize),
                    seg(recv), times(rq.gotCount(), restSize), times(rq.gotDispl(), restSize), t);
            scatterRows(recv, yl, pl.axes, got, got[0].length);
            for (Tensor f : new Tensor[] {rq.packed(), rq.got(), send, recv}) f.storage().free();
        }
        rows.storage().free();
        return x;
    }

    /** Without masks the selection's shape follows from metadata: check the value before anything moves. */
    private static void checkValueEarly(DNDarray v, Basic b) {
        long[] bs = new long[0];
        List<Integer> pos = new ArrayList<>();
        for (Adv a : b.adv()) {
            bs = Shapes.broadcast(bs, a.arr().gshape());
            if (!pos.contains(a.pos())) pos.add(a.pos());
        }
        int minPos = pos.stream().min(Integer::compare).orElse(0), maxPos = pos.stream().max(Integer::compare).orElse(0);
        boolean adjacent = maxPos - minPos + 1 == pos.size();
        long[] yg = b.y().gshape();
        List<Long> r = new ArrayList<>();
        int q = b.adv().get(0).yAxis();
        List<Long> rest = new ArrayList<>();
        for (int d = 0; d < yg.length; d++) {
            boolean indexed = false;
            for (Adv a : b.adv()) indexed |= a.yAxis() == d;
            if (!indexed) rest.add(yg[d]);
        }
        if (adjacent) {
            for (int i = 0; i < q; i++) r.add(rest.get(i));
            for (long e : bs) r.add(e);
            for (int i = q; i < rest.size(); i++) r.add(rest.get(i));
        } else {
            for (long e : bs) r.add(e);
            r.addAll(rest);
        }
        valueShape(v, r.stream().mapToLong(Long::longValue).toArray());
    }

    /** Checks that the value broadcasts to {@code shape} (leading length-1 axes of the value are dropped, as numpy). */
    private static void valueShape(DNDarray v, long[] shape) {
        long[] vs = v.gshape();
        int lead = 0;
        while (vs.length - lead > shape.length && vs[lead] == 1) lead++;
        long[] core = Arrays.copyOfRange(vs, lead, vs.length);
        boolean ok = core.length <= shape.length;
        if (ok) {
            try {
                ok = Arrays.equals(Shapes.broadcast(core, shape), shape);
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("could not broadcast input array from shape " + Shapes.str(vs)
                    + " into shape " + Shapes.str(shape));
        }
    }

    /** The value with leading length-1 axes dropped, checked against the selection, reversed along {@code flipAxis}. */
    private static DNDarray valueFor(DNDarray v, long[] shape, int flipAxis) {
        valueShape(v, shape);
        while (v.ndim() > shape.length) {
            if (v.splitAxis() == 0) v = v.resplit(null);
            long[] g = v.gshape();
            long[] ng = Arrays.copyOfRange(g, 1, g.length);
            int s = v.splitAxis();
            v = new DNDarray(v.larray().squeeze(0), ng, s < 0 ? null : s - 1, v.comm(), v.device(),
                    s < 0 ? null : map(ng, s - 1, v.countsDispls()[0], v.comm().size()));
        }
        if (flipAxis >= 0) {
            int a = flipAxis - (shape.length - v.ndim());
            if (a >= 0 && v.gshape()[a] > 1) v = flip(v, a);
        }
        return v;
    }

    // =========================================================================================== local kernels

    private static final int VIEW_ROWS = 256;   // rows longer than this are copied through views

    /**
     * {@code out[b, …] = y[…, idx[0][b], …, idx[k-1][b], …]}: rows (the non-indexed axes of y) gathered at the
     * given indices of y's {@code axes}. out is contiguous with shape [nb, rest…].
     */
    static void gatherRows(Tensor y, int[] axes, long[][] idx, long nb, Tensor out) {
        rowCopy(y, axes, idx, nb, out, true);
    }

    /** The reverse of {@link #gatherRows}: {@code y[…, idx[0][b], …] = rows[b, …]}. */
    static void scatterRows(Tensor rows, Tensor y, int[] axes, long[][] idx, long nb) {
        rowCopy(y, axes, idx, nb, rows, false);
    }

    private static void rowCopy(Tensor y, int[] axes, long[][] idx, long nb, Tensor rows, boolean gather) {
        if (nb == 0) return;
        int nd = y.ndim(), k = axes.length;
        long[] st = y.strides(), sh = y.shape();
        int[] rest = new int[nd - k];
        for (int d = 0, r = 0; d < nd; d++) if (Arrays.binarySearch(axes, d) < 0) rest[r++] = d;
        long restSize = 1;
        for (int d : rest) restSize *= sh[d];
        if (restSize == 0) return;
        if (restSize > VIEW_ROWS) {
            for (long b = 0; b < nb; b++) {
                Tensor v = y;
                for (int j = k - 1; j >= 0; j--) v = v.select(axes[j], idx[j][(int) b]);
                Tensor r = rows.select(0, b);
                if (gather) r.copyFrom(v); else v.copyFrom(r);
            }
            return;
        }
        // relative element offsets of one row in y (C order over the rest axes)
        int rs = (int) restSize;
        long[] rel = new long[rs];
        long[] ctr = new long[rest.length];
        boolean contiguous = true;
        for (int i = 0; i < rs; i++) {
            long o = 0;
            for (int j = 0; j < rest.length; j++) o += ctr[j] * st[rest[j]];
            rel[i] = o;
            contiguous &= o == i;
            for (int j = rest.length - 1; j >= 0; j--) {
                if (++ctr[j] < sh[rest[j]]) break;
                ctr[j] = 0;
            }
        }
        int item = y.dtype().itemSize();
        MemorySegment ys = y.segment(), rsg = rows.segment();
        long rowBase = rows.offset() * item;
        long yOff = y.offset();
        for (long b = 0; b < nb; b++) {
            long base = yOff;
            for (int j = 0; j < k; j++) base += idx[j][(int) b] * st[axes[j]];
            long yb = base * item, rb = rowBase + b * restSize * item;
            if (contiguous) {
                if (gather) MemorySegment.copy(ys, yb, rsg, rb, restSize * item);
                else MemorySegment.copy(rsg, rb, ys, yb, restSize * item);
                continue;
            }
            for (int i = 0; i < rs; i++) {
                long yo = yb + rel[i] * item, ro = rb + (long) i * item;
                if (gather) copyItem(ys, yo, rsg, ro, item); else copyItem(rsg, ro, ys, yo, item);
            }
        }
    }

    private static void copyItem(MemorySegment s, long so, MemorySegment d, long dof, int item) {
        switch (item) {
            case 1 -> d.set(ValueLayout.JAVA_BYTE, dof, s.get(ValueLayout.JAVA_BYTE, so));
            case 2 -> d.set(ValueLayout.JAVA_SHORT_UNALIGNED, dof, s.get(ValueLayout.JAVA_SHORT_UNALIGNED, so));
            case 4 -> d.set(ValueLayout.JAVA_INT_UNALIGNED, dof, s.get(ValueLayout.JAVA_INT_UNALIGNED, so));
            case 8 -> d.set(ValueLayout.JAVA_LONG_UNALIGNED, dof, s.get(ValueLayout.JAVA_LONG_UNALIGNED, so));
            default -> MemorySegment.copy(s, so, d, dof, item);
        }
    }

    /** Row permutation between two contiguous tensors: {@code dst[order[q]] = src[q]} (scatter) or {@code dst[q] = src[order[q]]}. */
    private static void moveRows(Tensor src, Tensor dst, long[] order, boolean scatter, long rowBytes) {
        if (rowBytes == 0) return;
        MemorySegment s = src.segment(), d = dst.segment();
        long sb = src.offset() * src.dtype().itemSize(), db = dst.offset() * dst.dtype().itemSize();
        for (int q = 0; q < order.length; q++) {
            long from = scatter ? q : order[q], to = scatter ? order[q] : q;
            MemorySegment.copy(s, sb + from * rowBytes, d, db + to * rowBytes, rowBytes);
        }
    }

    // =========================================================================================== nonzero / where

    /**
     * The indices of the nonzero elements, one int64 array per axis (numpy's {@code nonzero}): global indices, in C
     * order of the global array. When x is split, the arrays are split along 0 with each process's count of its
     * nonzero elements (unbalanced; one Allgather of the counts); otherwise replicated. x split along a later axis is
     * first resplit along 0 as bool (its slabs interleave in C order). A 0-d x counts as 1-d.
     * <pre>{@code DNDarray[] ij = Indexing.nonzero(x.gt(0)); DNDarray rows = ij[0]; }</pre>
     */
    public static DNDarray[] nonzero(DNDarray x) {
        if (x.splitAxis() > 0 && x.comm().size() > 1) {
            // slabs along a later axis interleave in C order: move the (1-byte) truth values to split 0 first
            x = (x.dtype() == DType.BOOL ? x : x.astype(DType.BOOL)).resplit(0);
        }
        Tensor t = x.ndim() == 0 ? x.larray().unsqueeze(0) : x.larray();
        int nd = t.ndim();
        Tensor bt = t.dtype() == DType.BOOL && t.isContiguous() ? t : t.astype(DType.BOOL);
        long n = bt.size();
        MemorySegment bs = bt.size() == 0 ? MemorySegment.NULL : bt.data();
        long nnz = 0;
        for (long i = 0; i < n; i++) if (bs.get(ValueLayout.JAVA_BYTE, i) != 0) nnz++;
        long[] ls = t.shape();
        Tensor[] out = new Tensor[nd];
        MemorySegment[] os = new MemorySegment[nd];
        for (int d = 0; d < nd; d++) {
            out[d] = Tensor.empty(DType.INT64, nnz);
            os[d] = nnz == 0 ? null : out[d].data();
        }
        int split = x.ndim() == 0 ? -1 : x.splitAxis();
        long shift = split >= 0 && x.comm().size() > 1 ? x.countsDispls()[1][x.comm().rank()] : 0;
        long[] ctr = new long[nd];
        long k = 0;
        for (long i = 0; i < n; i++) {
            if (bs.get(ValueLayout.JAVA_BYTE, i) != 0) {
                for (int d = 0; d < nd; d++) os[d].setAtIndex(ValueLayout.JAVA_LONG, k, d == split ? ctr[d] + shift : ctr[d]);
                k++;
            }
            for (int d = nd - 1; d >= 0; d--) {
                if (++ctr[d] < ls[d]) break;
                ctr[d] = 0;
            }
        }
        if (bt != t) bt.storage().free();
        DNDarray[] res = new DNDarray[nd];
        Communication comm = x.comm();
        if (split < 0) {
            for (int d = 0; d < nd; d++) res[d] = new DNDarray(out[d], new long[] {nnz}, null, comm, x.device(), null);
            return res;
        }
        long[] counts = comm.allgather(nnz);
        long[] g = {Distribution.total(counts)};
        for (int d = 0; d < nd; d++) res[d] = new DNDarray(out[d], g, 0, comm, x.device(), map(g, 0, counts, comm.size()));
        return res;
    }

    /**
     * numpy's {@code where(cond)}: the same as {@link #nonzero}.
     * <pre>{@code DNDarray[] idx = Indexing.where(x.lt(0)); }</pre>
     */
    public static DNDarray[] where(DNDarray cond) { return nonzero(cond); }

    /**
     * numpy's {@code where(cond, a, b)}: a where cond is nonzero, else b, element-wise with broadcasting; a and b are
     * DNDarrays or Java scalars, the result dtype is {@code resultType(a, b)}. Distributions are aligned as for
     * binary operations (the largest split operand leads).
     * <pre>{@code DNDarray r = Indexing.where(x.gt(0), x, 0.0);   // relu }</pre>
     */
    public static DNDarray where(DNDarray cond, Object a, Object b) {
        if (cond == null) throw new IllegalArgumentException("where: cond must not be null");
        Communication comm = cond.comm();
        DType out = DType.resultType(a, b);
        out.requireReal("where");
        DNDarray x = Operations.operand(a, comm), y = Operations.operand(b, comm);
        long[] g = Shapes.broadcast(Shapes.broadcast(cond.gshape(), x.gshape()), y.gshape());
        Operations.Aligned al = Operations.align(g, -1, cond, x, y);
        long[] ls = al.localShape();
        Tensor res = Tensor.empty(out, ls);
        res.copyFrom(al.locals()[2].broadcastTo(ls));
        Tensor av = al.locals()[1].broadcastTo(ls).astype(out);
        Tensor cv = al.locals()[0].broadcastTo(ls).astype(DType.BOOL);
        long n = res.size();
        if (n > 0) {
            MemorySegment c = cv.data(), s = av.data(), d = res.data();
            int item = out.itemSize();
            for (long i = 0; i < n; i++) {
                if (c.get(ValueLayout.JAVA_BYTE, i) != 0) copyItem(s, i * item, d, i * item, item);
            }
        }
        av.storage().free();
        cv.storage().free();
        return new DNDarray(res, g, al.split() < 0 ? null : al.split(), comm, cond.device(), al.map());
    }
}
