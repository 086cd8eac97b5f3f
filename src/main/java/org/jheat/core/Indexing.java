package org.jheat.core;

import org.jheat.comm.CollectiveChecker;
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
 * <p><b>Code</b>: this class parses the index expression and applies the basic part as a view; the advanced
 * part lives in {@link AdvancedIndexing}, the element kernels behind {@link org.jheat.tensor.Backend#gatherRows}, nonzero and
 * where in {@link Searching}.
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
    record Adv(int yAxis, int pos, DNDarray arr, DNDarray mask, int xAxis) { }

    /**
     * y: x with slices, newaxis and (outside advanced mode) integers on non-split axes applied, as a view; the axis a
     * negative step along the split axis reversed (y holds the forward selection) or -1; the advanced entries.
     */
    record Basic(DNDarray y, int reversedAxis, List<Adv> adv) { }

    private static Basic basic(DNDarray x, List<Item> items) {
        Communication comm = x.comm();
        int p = comm.size(), me = comm.rank();
        long[] g = x.gshape();
        int xs = x.splitAxis();
        Distribution xcd = xs >= 0 ? x.distribution() : null;
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
                            long lo = clamp(Math.ceilDiv(xcd.displ(k) - fb, fs), cnt), hi = clamp(Math.ceilDiv(xcd.end(k) - fb, fs), cnt);
                            yCounts[k] = Math.max(0, hi - lo);
                            if (k == me) {
                                if (yCounts[k] == 0) {
                                    t = t.narrow(ta, 0, 0);
                                } else {
                                    long s0 = fb + lo * fs - xcd.displ(k);
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
                        if (d == xs) { ySplit = ta; yCounts = xcd.counts(); }
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
                    if (d == xs) { ySplit = ta; yCounts = xcd.counts(); }
                    yg.add(g[d]);
                    adv.add(new Adv(ta, it.pos(), it.arr(), null, d));
                    ta++;
                }
                case MASK -> {
                    int m = it.arr().ndim();
                    for (int k = 0; k < m; k++) {
                        if (d + k == xs) { ySplit = ta + k; yCounts = xcd.counts(); }
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
        return split < 0 ? Distribution.balanced(0, p).lshapeMap(g, -1) : Distribution.of(counts).lshapeMap(g, split);
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
        Distribution c = d.distribution();
        long[] nc = new long[p];
        for (int r = 0; r < p; r++) nc[r] = c.count(p - 1 - r);
        long[] g = d.gshape();
        if (p == 1) return new DNDarray(flipped, g, a, comm, d.device(), map(g, a, nc, p));
        long[] ls = d.lshape();
        ls[a] = nc[me];
        Tensor out = d.larray().newEmpty(d.dtype(), ls);
        long[] sLen = new long[p], rLen = new long[p];
        sLen[p - 1 - me] = c.count(me);
        rLen[p - 1 - me] = nc[me];
        Redistribution.exchange(comm, flipped, a, out, a, new ExchangePlan(new long[p], sLen, new long[p], rLen));
        return new DNDarray(out, g, a, comm, d.device(), map(g, a, nc, p));
    }

    /** d reversed along {@code axis} (a view unless the axis is split over several processes). */
    private static DNDarray flip(DNDarray d, int axis) {
        if (axis == d.splitAxis() && d.comm().size() > 1) return reverseSplit(d);
        return new DNDarray(d.larray().slice(axis, null, null, -1), d.gshape(), d.split(), d.comm(), d.device(),
                d.splitAxis() < 0 ? null : d.distribution().lshapeMap(d.gshape(), d.splitAxis()));
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
        if (CollectiveChecker.ON) CheckedCall.note("advanced get", x, idx);
        return AdvancedIndexing.get(new Basic(y, -1, b.adv()));
    }

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
        DNDarray v0 = Operations.operand(value, x.comm(), x.larray().backend());
        if (v0.dtype().isComplex() && !x.dtype().isComplex()) {
            throw new IllegalArgumentException("set: cannot assign " + v0.dtype() + " values to a " + x.dtype()
                    + " array (a complex value has no real equivalent; assign v.real() or convert with astype explicitly)");
        }
        List<Item> items = parse(x, idx);
        if (CollectiveChecker.ON) CheckedCall.note("set", x, v0, idx);
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
        AdvancedIndexing.set(x, v0, b);
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
    static DNDarray valueFor(DNDarray v, long[] shape, int flipAxis) {
        valueShape(v, shape);
        while (v.ndim() > shape.length) {
            if (v.splitAxis() == 0) v = v.resplit(null);
            long[] g = v.gshape();
            long[] ng = Arrays.copyOfRange(g, 1, g.length);
            int s = v.splitAxis();
            v = new DNDarray(v.larray().squeeze(0), ng, s < 0 ? null : s - 1, v.comm(), v.device(),
                    s < 0 ? null : v.distribution().lshapeMap(ng, s - 1));
        }
        if (flipAxis >= 0) {
            int a = flipAxis - (shape.length - v.ndim());
            if (a >= 0 && v.gshape()[a] > 1) v = flip(v, a);
        }
        return v;
    }

    // =========================================================================================== nonzero / where

    /** numpy's {@code nonzero}: see {@link Searching#nonzero}. <pre>{@code DNDarray[] ij = Indexing.nonzero(x.gt(0)); }</pre> */
    public static DNDarray[] nonzero(DNDarray x) { return Searching.nonzero(x); }

    /** numpy's {@code where(cond)}: see {@link Searching#where(DNDarray)}. <pre>{@code DNDarray[] ij = Indexing.where(x.lt(0)); }</pre> */
    public static DNDarray[] where(DNDarray cond) { return Searching.where(cond); }

    /**
     * numpy's {@code where(cond, a, b)}: see {@link Searching#where(DNDarray, Object, Object)}.
     * <pre>{@code DNDarray r = Indexing.where(x.gt(0), x, 0.0);   // relu }</pre>
     */
    public static DNDarray where(DNDarray cond, Object a, Object b) { return Searching.where(cond, a, b); }
}
