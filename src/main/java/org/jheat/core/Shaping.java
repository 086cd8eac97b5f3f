package org.jheat.core;

import org.jheat.comm.CollectiveChecker;
import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Shape manipulation (numpy's reshape, ravel, squeeze, expand_dims, transpose, swapaxes, moveaxis, broadcast_to,
 * broadcast_arrays) for distributed arrays.
 *
 * <p><b>reshape</b> never gathers the array. In C order the elements of a split-0 slab are one contiguous range of
 * global flat indices, before and after the reshape, so one Alltoallv of flat-range overlaps moves exactly the
 * elements that change process (extra memory: the output slab). When no element changes process (the slab
 * boundaries fall on the same flat positions, e.g. (8e6, 4) to (4e6, 8) on 2 processes) no data moves and the
 * result is a local view, as numpy's reshape returns a view when it can. Other splits are resplit to 0 first and
 * the result is resplit to the requested axis afterwards (one Alltoallv each); when the reshape keeps every extent
 * up to and including the split axis it is purely local and keeps the distribution.
 *
 * <p><b>Split rules</b>: reshape's {@code newSplit} defaults to the input's split when that axis exists in the new
 * shape, else 0 (a 0-d result is replicated); ravel/flatten give split 0 (or replicated); squeeze, expandDims and
 * the transposes move the split axis with its data; squeezing the split axis itself (extent 1) resplits along the
 * largest remaining axis; broadcastTo keeps the split on the same data axis (a broadcast split axis of extent 1
 * becomes a balanced split of the broadcast axis).
 *
 * <pre>{@code
 * DNDarray x = Heat.zeros(new long[]{8_000_000, 4}, DType.FLOAT64, 0);
 * DNDarray y = Shaping.reshape(x, 4_000_000, 8);          // split 0, no gather
 * DNDarray z = Shaping.moveaxis(Shaping.expandDims(y, 0), new int[]{0}, new int[]{-1});   // (4e6, 8, 1)
 * }</pre>
 */
public final class Shaping {
    private Shaping() { }

    // ------------------------------------------------------------------------------------------- reshape

    /**
     * x with a new shape (one extent may be -1), split like x when that axis still exists, else along 0.
     * <pre>{@code DNDarray y = Shaping.reshape(x, 2, -1); }</pre>
     *
     * @throws IllegalArgumentException when the sizes differ (on every process, before any communication)
     */
    public static DNDarray reshape(DNDarray x, long... shape) {
        return reshape(x, shape, null);
    }

    /**
     * x with a new shape, distributed along {@code newSplit} (null: the default rule — x's split axis when the
     * new shape has it, else 0; replicated inputs stay replicated). The result is balanced unless no data had to
     * move (then it keeps x's distribution).
     * <pre>{@code DNDarray y = Shaping.reshape(x, new long[]{4_000_000, 8}, 1); }</pre>
     */
    public static DNDarray reshape(DNDarray x, long[] shape, Integer newSplit) {
        if (shape == null) throw new IllegalArgumentException("reshape: shape must not be null");
        long[] target = Shapes.inferReshape(x.size(), shape);
        if (CollectiveChecker.ON) CheckedCall.note("reshape", x, target, newSplit);
        int s = x.splitAxis();
        int ns;
        if (newSplit != null) {
            ns = Sanitation.split(newSplit, target.length);
        } else if (s < 0 || target.length == 0) {
            ns = -1;
        } else {
            ns = s < target.length ? s : 0;
        }
        Communication comm = x.comm();
        if (s < 0) {
            Tensor t = x.larray().reshape(target);
            if (ns < 0) return new DNDarray(t, target, null, comm, x.device(), null);
            return Redistribution.withMap(t.narrow(ns, Distribution.start(target[ns], comm.size(), comm.rank()),
                    Distribution.count(target[ns], comm.size(), comm.rank())).copy(), target, ns, comm, x.device());
        }
        if (ns < 0) return new DNDarray(x.gatherAll().reshape(target), target, null, comm, x.device(), null);
        long[] g = x.gshape();
        if (samePrefix(g, target, s)) {
            // every process keeps its slab: extents up to the split axis are unchanged
            long[] l = target.clone();
            l[s] = x.lshape()[s];
            DNDarray y = Pieces.wrap(x.larray().reshape(l), target, s, x.distribution(), x);
            return ns == s ? y : y.resplit(ns);
        }
        if (x.size() == 0) {
            return Factories.empty(target, x.dtype(), ns);
        }
        DNDarray x0 = s == 0 ? x : x.resplit(0);
        DNDarray y = flatRangeReshape(x0, target);
        return ns == 0 ? y : y.resplit(ns);
    }

    private static boolean samePrefix(long[] g, long[] target, int s) {
        if (target.length <= s) return false;
        for (int d = 0; d <= s; d++) if (g[d] != target[d]) return false;
        return true;
    }

    /**
     * Reshape of a split-0 array into a balanced split-0 array: each process's slab is the global flat range
     * [displ * rowElems, (displ + count) * rowElems) before and after, so one Alltoallv of the overlaps moves the
     * data. When every range is unchanged the local memory is reused as it is (a view).
     */
    private static DNDarray flatRangeReshape(DNDarray x, long[] target) {
        Communication comm = x.comm();
        int p = comm.size(), me = comm.rank();
        Distribution t = Distribution.balanced(target[0], p);
        long[] l = target.clone();
        l[0] = t.count(me);
        // flat element ranges before and after
        long rowS = Redistribution.rowElems(x.gshape(), 0), rowD = Redistribution.rowElems(target, 0);
        if (x.distribution().sameScaled(rowS, t, rowD)) return Pieces.wrap(x.larray().reshape(l), target, 0, t, x);
        ExchangePlan pl = ExchangePlan.overlap(x.distribution().scaled(rowS), t.scaled(rowD), me);
        Tensor src = x.larray().contiguous();
        Tensor out = src.newEmpty(x.dtype(), l);
        comm.alltoallv(src, pl.sendCount(), pl.sendStart(), out, pl.recvCount(), pl.recvStart());
        if (src != x.larray()) src.storage().free();
        return Pieces.wrap(out, target, 0, t, x);
    }

    /**
     * A 1-d copy in C order, split along 0 when x is split (numpy's {@code flatten}).
     * <pre>{@code DNDarray f = Shaping.flatten(x); }</pre>
     */
    public static DNDarray flatten(DNDarray x) {
        DNDarray r = reshape(x, new long[] {x.size()}, x.split() == null ? null : 0);
        return r.larray().storage() == x.larray().storage() ? r.copy() : r;
    }

    /**
     * A 1-d array in C order, a view of x's local data where no element changes process (numpy's {@code ravel}).
     * <pre>{@code DNDarray f = Shaping.ravel(x); }</pre>
     */
    public static DNDarray ravel(DNDarray x) {
        return reshape(x, new long[] {x.size()}, x.split() == null ? null : 0);
    }

    // ------------------------------------------------------------------------------------------- axes

    /**
     * Removes every axis of extent 1 (numpy's {@code squeeze()}); a view unless the split axis is removed.
     * <pre>{@code DNDarray v = Shaping.squeeze(x); }</pre>
     */
    public static DNDarray squeeze(DNDarray x) {
        long[] g = x.gshape();
        int n = 0;
        for (long e : g) if (e == 1) n++;
        int[] axes = new int[n];
        for (int d = 0, k = 0; d < g.length; d++) if (g[d] == 1) axes[k++] = d;
        return squeeze(x, axes);
    }

    /**
     * Removes the given axes, which must have extent 1 (numpy's {@code squeeze(axis)}).
     * <pre>{@code DNDarray v = Shaping.squeeze(x, 0, 2); }</pre>
     *
     * @throws IllegalArgumentException when an axis has another extent or repeats
     */
    public static DNDarray squeeze(DNDarray x, int... axes) {
        long[] g = x.gshape();
        int nd = g.length;
        boolean[] drop = new boolean[nd];
        for (int a : axes) {
            int ax = Shapes.normalizeAxis(a, nd, "squeeze axis");
            if (drop[ax]) throw new IllegalArgumentException("squeeze: repeated axis " + a);
            if (g[ax] != 1) {
                throw new IllegalArgumentException("cannot select an axis to squeeze out which has size not equal to one: axis "
                        + a + " has extent " + g[ax]);
            }
            drop[ax] = true;
        }
        int s = x.splitAxis();
        if (s >= 0 && drop[s]) {
            // the split axis goes away: distribute along the largest remaining axis instead (replicate a 0-d result)
            int best = -1;
            for (int d = 0; d < nd; d++) if (!drop[d] && (best < 0 || g[d] > g[best])) best = d;
            x = x.resplit(best < 0 ? null : best);
            s = x.splitAxis();
        }
        long[] ng = new long[nd - count(drop)];
        Tensor t = x.larray();
        int newSplit = -1;
        for (int d = nd - 1; d >= 0; d--) if (drop[d]) t = t.squeeze(d);
        for (int d = 0, k = 0; d < nd; d++) {
            if (drop[d]) continue;
            if (d == s) newSplit = k;
            ng[k++] = g[d];
        }
        return newSplit < 0 ? new DNDarray(t, ng, null, x.comm(), x.device(), null)
                : Pieces.wrap(t, ng, newSplit, x.distribution(), x);
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean v : b) if (v) n++;
        return n;
    }

    /**
     * A new axis of extent 1 at {@code axis} in [-(ndim+1), ndim] (a view; numpy's {@code expand_dims}).
     * <pre>{@code DNDarray row = Shaping.expandDims(v, 0);   // (n,) -> (1, n) }</pre>
     */
    public static DNDarray expandDims(DNDarray x, int axis) {
        long[] g = x.gshape();
        int ax = Shapes.normalizeAxis(axis, g.length + 1, "expandDims axis");
        long[] ng = new long[g.length + 1];
        for (int d = 0, k = 0; d < ng.length; d++) ng[d] = d == ax ? 1 : g[k++];
        int s = x.splitAxis();
        Tensor t = x.larray().unsqueeze(ax);
        if (s < 0) return new DNDarray(t, ng, null, x.comm(), x.device(), null);
        int ns = s >= ax ? s + 1 : s;
        return Pieces.wrap(t, ng, ns, x.distribution(), x);
    }

    /**
     * All axes reversed (a view; numpy's {@code transpose}).
     * <pre>{@code DNDarray t = Shaping.transpose(x); }</pre>
     */
    public static DNDarray transpose(DNDarray x) {
        return x.T();
    }

    /**
     * Axes reordered: output axis i is input axis {@code axes[i]} (a view; the split axis moves with its data).
     * <pre>{@code DNDarray t = Shaping.transpose(x, 2, 0, 1); }</pre>
     */
    public static DNDarray transpose(DNDarray x, int... axes) {
        int nd = x.ndim();
        if (axes == null || axes.length != nd) {
            throw new IllegalArgumentException("transpose: axes " + Arrays.toString(axes) + " don't match a " + nd + "-d array");
        }
        boolean[] seen = new boolean[nd];
        for (int a : axes) {
            int ax = Shapes.normalizeAxis(a, nd, "transpose axis");
            if (seen[ax]) throw new IllegalArgumentException("transpose: repeated axis in " + Arrays.toString(axes));
            seen[ax] = true;
        }
        return x.permute(axes);
    }

    /**
     * Two axes exchanged (a view).
     * <pre>{@code DNDarray t = Shaping.swapaxes(x, 0, 2); }</pre>
     */
    public static DNDarray swapaxes(DNDarray x, int axis1, int axis2) {
        int nd = x.ndim();
        int a = Shapes.normalizeAxis(axis1, nd, "axis1"), b = Shapes.normalizeAxis(axis2, nd, "axis2");
        int[] perm = identity(nd);
        perm[a] = b;
        perm[b] = a;
        return x.permute(perm);
    }

    /**
     * Moves axes {@code source} to positions {@code destination}, the others keeping their order (a view;
     * numpy's {@code moveaxis}).
     * <pre>{@code DNDarray t = Shaping.moveaxis(x, new int[]{0}, new int[]{-1}); }</pre>
     */
    public static DNDarray moveaxis(DNDarray x, int[] source, int[] destination) {
        int nd = x.ndim();
        if (source == null || destination == null || source.length != destination.length) {
            throw new IllegalArgumentException("moveaxis: `source` and `destination` arguments must have the same number of elements");
        }
        int[] src = normalizeUnique(source, nd, "source"), dst = normalizeUnique(destination, nd, "destination");
        int[] perm = new int[nd];
        Arrays.fill(perm, -1);
        boolean[] moved = new boolean[nd];
        for (int i = 0; i < src.length; i++) {
            perm[dst[i]] = src[i];
            moved[src[i]] = true;
        }
        for (int d = 0, k = 0; d < nd; d++) {
            if (moved[d]) continue;
            while (perm[k] >= 0) k++;
            perm[k] = d;
        }
        return x.permute(perm);
    }

    /** moveaxis of one axis. <pre>{@code DNDarray t = Shaping.moveaxis(x, 0, -1); }</pre> */
    public static DNDarray moveaxis(DNDarray x, int source, int destination) {
        return moveaxis(x, new int[] {source}, new int[] {destination});
    }

    private static int[] normalizeUnique(int[] axes, int nd, String what) {
        int[] r = new int[axes.length];
        boolean[] seen = new boolean[nd];
        for (int i = 0; i < axes.length; i++) {
            r[i] = Shapes.normalizeAxis(axes[i], nd, what + " axis");
            if (seen[r[i]]) throw new IllegalArgumentException("moveaxis: repeated axis in `" + what + "` argument");
            seen[r[i]] = true;
        }
        return r;
    }

    static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }

    // ------------------------------------------------------------------------------------------- broadcasting

    /**
     * x broadcast to {@code shape} (numpy's {@code broadcast_to}): a view with zero strides along the broadcast
     * axes — do not write into it. The split axis keeps its data; if x is split along an axis of extent 1 that is
     * broadcast, that axis of the result is split evenly instead (x's one row is first sent to every process).
     * <pre>{@code DNDarray b = Shaping.broadcastTo(row, 1000, 3); }</pre>
     *
     * @throws IllegalArgumentException when the shapes are incompatible
     */
    public static DNDarray broadcastTo(DNDarray x, long... shape) {
        long[] target = Shapes.check(shape, "shape");
        long[] g = x.gshape();
        long[] b = Shapes.broadcast(g, target);
        if (!Arrays.equals(b, target)) {
            throw new IllegalArgumentException("cannot broadcast an array of shape " + Shapes.str(g) + " to shape " + Shapes.str(target));
        }
        int lead = target.length - g.length, s = x.splitAxis();
        Communication comm = x.comm();
        if (s < 0) return new DNDarray(x.larray().broadcastTo(target), target, null, comm, x.device(), null);
        int ns = s + lead;
        if (g[s] == target[ns]) {
            long[] l = target.clone();
            l[ns] = x.lshape()[s];
            return Pieces.wrap(x.larray().broadcastTo(l), target, ns, x.distribution(), x);
        }
        Tensor full = x.resplit(null).larray().broadcastTo(target);
        int p = comm.size(), me = comm.rank();
        return Redistribution.withMap(full.narrow(ns, Distribution.start(target[ns], p, me), Distribution.count(target[ns], p, me)),
                target, ns, comm, x.device());
    }

    /**
     * The arrays broadcast against each other (numpy's {@code broadcast_arrays}); views as in {@link #broadcastTo}.
     * <pre>{@code DNDarray[] ab = Shaping.broadcastArrays(a, b); }</pre>
     */
    public static DNDarray[] broadcastArrays(DNDarray... xs) {
        if (xs == null || xs.length == 0) return new DNDarray[0];
        long[] g = xs[0].gshape();
        for (int i = 1; i < xs.length; i++) g = Shapes.broadcast(g, xs[i].gshape());
        DNDarray[] r = new DNDarray[xs.length];
        for (int i = 0; i < xs.length; i++) r[i] = broadcastTo(xs[i], g);
        return r;
    }
}
