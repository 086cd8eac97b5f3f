package org.jheat.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jheat.comm.Communication;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Rearranging elements (numpy's flip, fliplr, flipud, roll, rot90, repeat, tile, diag, diagonal, tril, triu).
 * Shapes and joins are in {@link Shaping} and {@link Joining}, padding in {@link Padding}.
 *
 * <p><b>Split rules.</b> flip and roll keep x's distribution: along the split axis each process's (reversed or
 * shifted) rows move straight to their new owners in one Alltoallv. rot90 is flips and a transpose (the split
 * axis moves with its data). repeat along the split axis repeats each process's own rows in place (counts times
 * the repeats: no communication, possibly unbalanced); tile along the split axis moves one copy of every slab per
 * repetition to a balanced result. diag of a split vector keeps each element's row on its process (the |k| extra
 * rows go to the first or last process); diagonal of a matrix split along one of the two axes is split along the
 * diagonal axis with each process keeping its own elements (unbalanced); tril/triu are local with global offsets.
 *
 * <pre>{@code
 * DNDarray f = Manipulations.flip(x, 0);
 * DNDarray r = Manipulations.roll(x, 3, 0);
 * DNDarray l = Manipulations.tril(m, -1);
 * }</pre>
 */
public final class Manipulations {
    private Manipulations() { }

    // ------------------------------------------------------------------------------------------- flip

    /**
     * Elements reversed along every axis (numpy's {@code flip(x)}); a copy with x's distribution.
     * <pre>{@code DNDarray f = Manipulations.flip(x); }</pre>
     */
    public static DNDarray flip(DNDarray x) {
        return flip(x, Shaping.identity(x.ndim()));
    }

    /**
     * Elements reversed along the given axes (numpy's {@code flip(x, axis)}); a copy with x's distribution.
     * <pre>{@code DNDarray f = Manipulations.flip(x, 0, 2); }</pre>
     */
    public static DNDarray flip(DNDarray x, int... axes) {
        boolean[] f = Operations.reducedAxes(axes, x.ndim());
        int s = x.splitAxis();
        Tensor t = x.larray();
        for (int d = 0; d < f.length; d++) if (f[d] && d != s) t = t.slice(d, null, null, -1);
        if (s < 0 || !f[s] || x.comm().size() == 1) {
            if (s >= 0 && f[s]) t = t.slice(s, null, null, -1);
            return x.withLocal(t.copy());
        }
        long n = x.gshape()[s];
        Distribution cd = x.distribution();
        Tensor rev = t.slice(s, null, null, -1);
        Tensor out = Pieces.move(x.comm(), new Tensor[] {rev}, s,
                r -> cd.count(r) == 0 ? List.of() : List.of(new Pieces.Piece(0, 0, cd.count(r), n - cd.displ(r) - cd.count(r))),
                cd.counts(), x.dtype(), x.gshape());
        return Pieces.wrap(out, x.gshape(), s, cd.counts(), x);
    }

    /** Reversed along axis 0 (numpy's {@code flipud}). <pre>{@code DNDarray f = Manipulations.flipud(x); }</pre> */
    public static DNDarray flipud(DNDarray x) {
        if (x.ndim() < 1) throw new IllegalArgumentException("flipud: input must be >= 1-d");
        return flip(x, 0);
    }

    /** Reversed along axis 1 (numpy's {@code fliplr}). <pre>{@code DNDarray f = Manipulations.fliplr(m); }</pre> */
    public static DNDarray fliplr(DNDarray x) {
        if (x.ndim() < 2) throw new IllegalArgumentException("fliplr: input must be >= 2-d");
        return flip(x, 1);
    }

    // ------------------------------------------------------------------------------------------- roll

    /**
     * Elements shifted by {@code shift} along {@code axis}, wrapping around (numpy's {@code roll}); axis null
     * rolls the flattened array and restores the shape. The result keeps x's distribution.
     * <pre>{@code DNDarray r = Manipulations.roll(x, -2, 1); }</pre>
     */
    public static DNDarray roll(DNDarray x, long shift, Integer axis) {
        if (axis == null) {
            long[] g = x.gshape();
            DNDarray flat = Shaping.reshape(x, new long[] {x.size()}, x.split() == null ? null : 0);
            DNDarray r = roll(flat, shift, 0);
            return Shaping.reshape(r, g, x.split());
        }
        return roll(x, new long[] {shift}, new int[] {axis});
    }

    /**
     * Shifted along several axes at once (numpy's {@code roll} with tuples; an axis may repeat, its shifts add up).
     * <pre>{@code DNDarray r = Manipulations.roll(x, new long[]{1, -1}, new int[]{0, 1}); }</pre>
     */
    public static DNDarray roll(DNDarray x, long[] shifts, int[] axes) {
        if (shifts == null || axes == null || (shifts.length != axes.length && shifts.length != 1)) {
            throw new IllegalArgumentException("roll: 'shift' and 'axis' should be scalars or 1D sequences of the same length");
        }
        int nd = x.ndim();
        long[] total = new long[nd];
        for (int i = 0; i < axes.length; i++) {
            int a = Shapes.normalizeAxis(axes[i], nd, "roll axis");
            total[a] += shifts.length == 1 ? shifts[0] : shifts[i];
        }
        long[] g = x.gshape();
        int s = x.splitAxis();
        Tensor t = x.larray();
        Tensor local = x.larray().newEmpty(x.dtype(), t.shape());
        // local axes: two block copies per rolled axis, composed as views of the source
        boolean any = false;
        Tensor cur = t;
        for (int d = 0; d < nd; d++) {
            if (d == s || g[d] == 0) continue;
            long k = Math.floorMod(total[d], g[d]);
            if (k == 0) continue;
            Tensor next = any ? x.larray().newEmpty(x.dtype(), t.shape()) : local;
            next.narrow(d, k, g[d] - k).copyFrom(cur.narrow(d, 0, g[d] - k));
            next.narrow(d, 0, k).copyFrom(cur.narrow(d, g[d] - k, k));
            if (any) {
                local.copyFrom(next);
                next.free();
            }
            cur = local;
            any = true;
        }
        if (!any) local.copyFrom(t);
        if (s < 0 || g[s] == 0 || Math.floorMod(total[s], g[s]) == 0) return x.withLocal(local);
        long n = g[s], k = Math.floorMod(total[s], g[s]);
        Distribution cd = x.distribution();
        Tensor out = Pieces.move(x.comm(), new Tensor[] {local}, s, r -> {
            long lo = cd.displ(r), c = cd.count(r);
            List<Pieces.Piece> l = new ArrayList<>(2);
            long wrapAt = Math.max(0, Math.min(c, n - k - lo));   // local rows before wrapAt land at lo + k + i
            if (wrapAt > 0) l.add(new Pieces.Piece(0, 0, wrapAt, lo + k));
            if (c - wrapAt > 0) l.add(new Pieces.Piece(0, wrapAt, c - wrapAt, lo + wrapAt + k - n));
            return l;
        }, cd.counts(), x.dtype(), g);
        local.free();
        return Pieces.wrap(out, g, s, cd.counts(), x);
    }

    // ------------------------------------------------------------------------------------------- rot90

    /**
     * Rotated by 90 degrees {@code k} times in the plane of {@code axes} (from the first axis towards the second;
     * numpy's {@code rot90}).
     * <pre>{@code DNDarray r = Manipulations.rot90(m, 1, 0, 1); }</pre>
     */
    public static DNDarray rot90(DNDarray x, int k, int axis0, int axis1) {
        int nd = x.ndim();
        if (nd < 2) throw new IllegalArgumentException("rot90: axes must be different and the array at least 2-d, got " + nd + "-d");
        int a = Shapes.normalizeAxis(axis0, nd, "rot90 axis"), b = Shapes.normalizeAxis(axis1, nd, "rot90 axis");
        if (a == b) throw new IllegalArgumentException("rot90: axes must be different, got " + axis0 + " and " + axis1);
        int kk = Math.floorMod(k, 4);
        if (kk == 0) return x.copy();
        if (kk == 2) return flip(x, a, b);
        int[] perm = Shaping.identity(nd);
        perm[a] = b;
        perm[b] = a;
        return kk == 1 ? flip(x, b).permute(perm) : flip(x.permute(perm), b);
    }

    /** rot90 in the plane of axes 0 and 1. <pre>{@code DNDarray r = Manipulations.rot90(m, 1); }</pre> */
    public static DNDarray rot90(DNDarray x, int k) {
        return rot90(x, k, 0, 1);
    }

    // ------------------------------------------------------------------------------------------- repeat, tile

    /**
     * Every element repeated {@code repeats} times along {@code axis} (numpy's {@code repeat}); axis null repeats
     * the flattened array. Along the split axis each process repeats its own rows (no communication).
     * <pre>{@code DNDarray r = Manipulations.repeat(x, 3, 0); }</pre>
     */
    public static DNDarray repeat(DNDarray x, long repeats, Integer axis) {
        if (repeats < 0) throw new IllegalArgumentException("repeat: negative dimensions are not allowed (repeats = " + repeats + ")");
        if (axis == null) return repeat(Shaping.flatten(x), repeats, 0);
        int ax = Shapes.normalizeAxis(axis, x.ndim(), "repeat axis");
        Tensor t = x.larray();
        long[] ls = t.shape();
        long[] os = ls.clone();
        os[ax] = ls[ax] * repeats;
        Tensor out = x.larray().newEmpty(x.dtype(), os);
        if (out.size() > 0) {
            // one strided copy: out viewed as (…, n, repeats, …) <- x viewed as (…, n, 1, …) broadcast
            long[] split = new long[ls.length + 1];
            for (int d = 0, k = 0; d < split.length; d++) split[d] = d == ax + 1 ? repeats : ls[k++];
            out.reshape(split).copyFrom(t.unsqueeze(ax + 1).broadcastTo(split));
        }
        return repeated(x, ax, out, repeats, null);
    }

    /**
     * Element i along {@code axis} repeated {@code repeats[i]} times (numpy's {@code repeat} with an array of
     * repeats, one per element along the axis; axis null: the flattened array).
     * <pre>{@code DNDarray r = Manipulations.repeat(x, new long[]{1, 0, 2}, 0); }</pre>
     */
    public static DNDarray repeat(DNDarray x, long[] repeats, Integer axis) {
        if (repeats == null) throw new IllegalArgumentException("repeat: repeats must not be null");
        if (repeats.length == 1) return repeat(x, repeats[0], axis);
        if (axis == null) return repeat(Shaping.flatten(x), repeats, 0);
        int ax = Shapes.normalizeAxis(axis, x.ndim(), "repeat axis");
        long n = x.gshape()[ax];
        if (repeats.length != n) {
            throw new IllegalArgumentException("repeat: operands could not be broadcast together: " + repeats.length
                    + " repeats for axis " + ax + " of extent " + n);
        }
        for (long r : repeats) if (r < 0) throw new IllegalArgumentException("repeat: negative dimensions are not allowed (repeats = " + r + ")");
        boolean onSplit = ax == x.splitAxis();
        long first = onSplit ? x.distribution().displ(x.comm().rank()) : 0;
        Tensor t = x.larray();
        long[] ls = t.shape();
        long total = 0;
        for (long i = 0; i < ls[ax]; i++) total += repeats[(int) (first + i)];
        long[] os = ls.clone();
        os[ax] = total;
        Tensor out = x.larray().newEmpty(x.dtype(), os);
        long pos = 0;
        for (long i = 0; i < ls[ax]; i++) {
            long r = repeats[(int) (first + i)];
            if (r > 0) out.narrow(ax, pos, r).copyFrom(t.narrow(ax, i, 1));
            pos += r;
        }
        return repeated(x, ax, out, -1, repeats);
    }

    private static DNDarray repeated(DNDarray x, int ax, Tensor out, long rep, long[] reps) {
        long[] g = x.gshape();
        int s = x.splitAxis();
        long[] og = g.clone();
        if (rep >= 0) og[ax] = g[ax] * rep;
        else og[ax] = Arrays.stream(reps).sum();
        if (s < 0) return new DNDarray(out, og, null, x.comm(), x.device(), null);
        long[] counts = x.distribution().counts();
        if (s == ax) {
            long[] d = Distribution.displs(counts);
            for (int r = 0; r < counts.length; r++) {
                if (rep >= 0) {
                    counts[r] *= rep;
                } else {
                    long c = 0;
                    for (long i = d[r]; i < d[r] + counts[r]; i++) c += reps[(int) i];
                    counts[r] = c;
                }
            }
        }
        return Pieces.wrap(out, og, s, counts, x);
    }

    /**
     * x repeated {@code reps[i]} times along axis i (numpy's {@code tile}: shorter reps are padded with leading
     * 1s, a shorter x gets leading axes of extent 1).
     * <pre>{@code DNDarray t = Manipulations.tile(x, 2, 3); }</pre>
     */
    public static DNDarray tile(DNDarray x, long... reps) {
        if (reps == null) throw new IllegalArgumentException("tile: reps must not be null");
        for (long r : reps) if (r < 0) throw new IllegalArgumentException("tile: negative dimensions are not allowed (reps = " + Arrays.toString(reps) + ")");
        int nd = Math.max(x.ndim(), reps.length);
        DNDarray y = x;
        while (y.ndim() < nd) y = Shaping.expandDims(y, 0);
        long[] r = new long[nd];
        Arrays.fill(r, 1);
        System.arraycopy(reps, 0, r, nd - reps.length, reps.length);
        long[] g = y.gshape();
        int s = y.splitAxis();
        Tensor t = y.larray();
        long[] ls = t.shape();
        // local tiling of every axis but the split one: out viewed as (r0, l0, r1, l1, …) <- t as (1, l0, 1, l1, …)
        long[] os = new long[nd], inter = new long[2 * nd], src = new long[2 * nd];
        for (int d = 0; d < nd; d++) {
            long rd = d == s ? 1 : r[d];
            os[d] = ls[d] * rd;
            inter[2 * d] = rd;
            inter[2 * d + 1] = ls[d];
            src[2 * d] = 1;
            src[2 * d + 1] = ls[d];
        }
        Tensor local = y.larray().newEmpty(y.dtype(), os);
        if (local.size() > 0) local.reshape(inter).copyFrom(t.contiguous().reshape(src).broadcastTo(inter));
        long[] og = g.clone();
        for (int d = 0; d < nd; d++) og[d] = g[d] * r[d];
        if (s < 0) return new DNDarray(local, og, null, y.comm(), y.device(), null);
        Distribution cd = y.distribution();
        long reps0 = r[s], n = g[s];
        long[] other = og.clone();
        if (reps0 == 1) return Pieces.wrap(local, og, s, cd.counts(), y);
        long[] tc = Distribution.counts(og[s], y.comm().size());
        Tensor out = Pieces.move(y.comm(), new Tensor[] {local}, s, rank -> {
            List<Pieces.Piece> l = new ArrayList<>();
            if (cd.count(rank) > 0) for (long k = 0; k < reps0; k++) l.add(new Pieces.Piece(0, 0, cd.count(rank), k * n + cd.displ(rank)));
            return l;
        }, tc, y.dtype(), other);
        local.free();
        return Pieces.wrap(out, og, s, tc, y);
    }

    // ------------------------------------------------------------------------------------------- diagonals

    /**
     * The k-th diagonal of the plane (axis1, axis2), appended as the last axis (numpy's {@code diagonal}); a copy.
     * Split along axis1 or axis2: split along the diagonal axis, each process keeping its own elements.
     * <pre>{@code DNDarray d = Manipulations.diagonal(m, 0, 0, 1); }</pre>
     */
    public static DNDarray diagonal(DNDarray x, long offset, int axis1, int axis2) {
        int nd = x.ndim();
        if (nd < 2) throw new IllegalArgumentException("diagonal requires an array of at least two dimensions, got " + nd);
        int a = Shapes.normalizeAxis(axis1, nd, "axis1"), b = Shapes.normalizeAxis(axis2, nd, "axis2");
        if (a == b) throw new IllegalArgumentException("diagonal: axis1 and axis2 cannot be the same (" + axis1 + ")");
        long[] g = x.gshape();
        long m = g[a], n = g[b];
        long lo = Math.max(0, -offset), hi = Math.min(m, n - offset);   // diagonal rows i in [lo, hi)
        long len = Math.max(0, hi - lo);
        int s = x.splitAxis();
        Communication comm = x.comm();
        Distribution cd = s >= 0 ? x.distribution() : null;
        int[] perm = new int[nd];
        long[] og = new long[nd - 1];
        int newSplit = -1;
        for (int d = 0, k = 0; d < nd; d++) {
            if (d == a || d == b) continue;
            perm[k] = d;
            og[k] = g[d];
            if (d == s) newSplit = k;
            k++;
        }
        perm[nd - 2] = a;
        perm[nd - 1] = b;
        og[nd - 2] = len;
        // local rows/cols of the plane with their global offsets
        long da = s == a ? cd.displ(comm.rank()) : 0, db = s == b ? cd.displ(comm.rank()) : 0;
        Tensor pv = x.larray().permute(perm), t = pv.contiguous();
        long[] ts = t.shape();
        long ml = ts[nd - 2], nl = ts[nd - 1];
        long i0 = Math.max(Math.max(lo, da), db - offset), i1 = Math.min(Math.min(hi, da + ml), db + nl - offset);
        long cnt = Math.max(0, i1 - i0);
        long[] batch = Arrays.copyOf(ts, nd - 2);
        long[] flat = Arrays.copyOf(batch, nd - 1);
        flat[nd - 2] = ml * nl;
        long[] os = Arrays.copyOf(batch, nd - 1);
        os[nd - 2] = cnt;
        Tensor out = x.larray().newEmpty(x.dtype(), os);
        if (out.size() > 0) {
            // diagonal element i sits at flat position (i - da) * nl + (i + offset - db): stride nl + 1
            long start = (i0 - da) * nl + (i0 + offset - db);
            out.copyFrom(t.reshape(flat).slice(nd - 2, start, start + (cnt - 1) * (nl + 1) + 1, nl + 1));
        }
        if (t != pv) t.free();
        if (s < 0) return new DNDarray(out, og, null, comm, x.device(), null);
        if (s != a && s != b) return Pieces.wrap(out, og, newSplit, cd.counts(), x);
        long[] counts = new long[comm.size()];
        for (int r = 0; r < counts.length; r++) {
            long ra = s == a ? cd.displ(r) : 0, rb = s == b ? cd.displ(r) : 0;
            long ca = s == a ? cd.count(r) : m, cb = s == b ? cd.count(r) : n;
            counts[r] = Math.max(0, Math.min(Math.min(hi, ra + ca), rb + cb - offset) - Math.max(Math.max(lo, ra), rb - offset));
        }
        return Pieces.wrap(out, og, nd - 2, counts, x);
    }

    /** The main diagonal of the first two axes. <pre>{@code DNDarray d = Manipulations.diagonal(m); }</pre> */
    public static DNDarray diagonal(DNDarray x) {
        return diagonal(x, 0, 0, 1);
    }

    /**
     * numpy's {@code diag}: a 1-d x becomes a square matrix with x on the k-th diagonal; a 2-d x gives its k-th
     * diagonal. A split vector gives a row-split matrix without communication.
     * <pre>{@code DNDarray m = Manipulations.diag(v, 1); }</pre>
     */
    public static DNDarray diag(DNDarray x, long k) {
        if (x.ndim() == 2) return diagonal(x, k, 0, 1);
        if (x.ndim() != 1) throw new IllegalArgumentException("diag: input must be 1- or 2-d, got " + x.ndim() + "-d");
        long n = x.gshape()[0], big = n + Math.abs(k);
        long[] og = {big, big};
        long rowShift = Math.max(0, -k), colShift = Math.max(0, k);
        Tensor v = x.larray();
        long c = v.shape(0);
        if (x.splitAxis() < 0) {
            Tensor out = x.larray().newZeros(x.dtype(), big, big);
            writeDiag(out, v, rowShift, colShift, c);
            return new DNDarray(out, og, null, x.comm(), x.device(), null);
        }
        Communication comm = x.comm();
        int p = comm.size(), me = comm.rank();
        Distribution cd = x.distribution();
        // element t sits in row t + rowShift: rows before the first element go to rank 0, after the last to rank p-1
        long[] counts = cd.counts();
        counts[0] += rowShift;
        counts[p - 1] += colShift;
        long extraFront = me == 0 ? rowShift : 0;
        Tensor out = x.larray().newZeros(x.dtype(), counts[me], big);
        writeDiag(out, v, extraFront, cd.displ(me) + colShift, c);
        return Pieces.wrap(out, og, 0, counts, x);
    }

    /** out[row0 + t, col0 + t] = v[t] for t < c: one strided copy through a flat view with stride ncols + 1. */
    private static void writeDiag(Tensor out, Tensor v, long row0, long col0, long c) {
        if (c == 0) return;
        long nc = out.shape(1);
        long start = row0 * nc + col0;
        out.reshape(out.size()).slice(0, start, start + (c - 1) * (nc + 1) + 1, nc + 1).copyFrom(v);
    }

    /** The main diagonal (2-d) or a diagonal matrix (1-d). <pre>{@code DNDarray d = Manipulations.diag(m); }</pre> */
    public static DNDarray diag(DNDarray x) {
        return diag(x, 0);
    }

    /**
     * Lower triangle of the last two axes: elements above the k-th diagonal set to zero (numpy's {@code tril});
     * a 1-d x is first broadcast to a square matrix, as numpy does. Local; keeps x's distribution.
     * <pre>{@code DNDarray l = Manipulations.tril(m, 0); }</pre>
     */
    public static DNDarray tril(DNDarray x, long k) {
        return triangle(x, k, true);
    }

    /**
     * Upper triangle of the last two axes: elements below the k-th diagonal set to zero (numpy's {@code triu}).
     * <pre>{@code DNDarray u = Manipulations.triu(m, 1); }</pre>
     */
    public static DNDarray triu(DNDarray x, long k) {
        return triangle(x, k, false);
    }

    /** tril with k = 0. <pre>{@code DNDarray l = Manipulations.tril(m); }</pre> */
    public static DNDarray tril(DNDarray x) { return tril(x, 0); }

    /** triu with k = 0. <pre>{@code DNDarray u = Manipulations.triu(m); }</pre> */
    public static DNDarray triu(DNDarray x) { return triu(x, 0); }

    private static DNDarray triangle(DNDarray x, long k, boolean lower) {
        if (x.ndim() == 0) throw new IllegalArgumentException((lower ? "tril" : "triu") + ": input must be at least 1-d");
        if (x.ndim() == 1) x = Shaping.broadcastTo(x, x.gshape()[0], x.gshape()[0]);
        int nd = x.ndim(), s = x.splitAxis();
        Distribution cd = s >= nd - 2 ? x.distribution() : null;
        int me = x.comm().rank();
        long d0 = s == nd - 2 ? cd.displ(me) : 0, d1 = s == nd - 1 ? cd.displ(me) : 0;
        Tensor out = x.larray().copy();
        long rows = out.shape(nd - 2), cols = out.shape(nd - 1);
        for (long li = 0; li < rows; li++) {
            long i = li + d0;
            // tril keeps global columns j <= i + k; triu keeps j >= i + k
            long zlo, zhi;
            if (lower) {
                zlo = Math.max(0, Math.min(cols, i + k + 1 - d1));
                zhi = cols;
            } else {
                zlo = 0;
                zhi = Math.max(0, Math.min(cols, i + k - d1));
            }
            if (zhi > zlo) out.narrow(nd - 2, li, 1).narrow(nd - 1, zlo, zhi - zlo).fill(0L);
        }
        if (s < 0) return new DNDarray(out, x.gshape(), null, x.comm(), x.device(), null);
        return Pieces.wrap(out, x.gshape(), s, x.distribution().counts(), x);
    }

    // ------------------------------------------------------------------------------------------- unfold

    /**
     * Heat's (and torch's) {@code unfold}: every slice of {@code size} consecutive elements along {@code axis}, the
     * slices {@code step} apart, with the slices' elements as a new last axis: shape {@code (…, (n − size) / step + 1,
     * …, size)} (numpy: {@code sliding_window_view(x, size, axis)[::step]} along that axis). A copy. Along the split
     * axis each window belongs to the process holding its first element, which fetches the elements its windows
     * reach into on the next processes (one exchange of exactly those rows); along any other axis it is local.
     * <pre>{@code DNDarray w = Manipulations.unfold(Heat.arange(7), 0, 3, 2);   // [[0, 1, 2], [2, 3, 4], [4, 5, 6]] }</pre>
     *
     * @throws IllegalArgumentException for a 0-d x, an axis out of range, size below 0 or above the axis' extent,
     *         step below 1 — on every rank, before any communication
     */
    public static DNDarray unfold(DNDarray x, int axis, long size, long step) {
        if (x.ndim() == 0) throw new IllegalArgumentException("unfold: x must have at least one dimension");
        int ax = Shapes.normalizeAxis(axis, x.ndim(), "axis");
        long n = x.gshape()[ax];
        if (step < 1) throw new IllegalArgumentException("unfold: step must be >= 1, got " + step);
        if (size < 0 || size > n) {
            throw new IllegalArgumentException("unfold: size must be between 0 and the extent " + n + " of axis " + ax + ", got " + size);
        }
        long windows = (n - size) / step + 1;
        long[] g = x.gshape();
        long[] out = Arrays.copyOf(g, g.length + 1);
        out[ax] = windows;
        out[g.length] = size;
        Communication comm = x.comm();
        int split = x.splitAxis();
        if (split != ax || comm.size() == 1) {
            Tensor w = windows(x.larray(), ax, windows, size, step);
            long[][] map = null;
            if (split >= 0) {
                map = x.lshapeMap();
                for (int r = 0; r < map.length; r++) {
                    map[r] = Arrays.copyOf(map[r], map[r].length + 1);
                    map[r][ax] = windows;
                    map[r][g.length] = size;
                }
            }
            return new DNDarray(w, out, x.split(), comm, x.device(), map);
        }
        // windows of no elements need no data (the last one starts at n, past every slab): zeros, balanced
        if (size == 0) return Factories.zeros(out, x.dtype(), ax, x.device());
        // along the split axis: rank r takes the windows starting in its slab [d_r, d_r + c_r)
        int p = comm.size();
        long[] c = x.distribution().counts(), d = Distribution.displs(c);
        long[] first = new long[p], count = new long[p], need = new long[p];
        for (int r = 0; r < p; r++) {
            long lo = (d[r] + step - 1) / step, hi = c[r] == 0 ? lo : Math.min(windows, (d[r] + c[r] - 1) / step + 1);
            first[r] = lo;
            count[r] = Math.max(0, hi - lo);
            need[r] = count[r] == 0 ? 0 : (first[r] + count[r] - 1) * step + size - first[r] * step;
        }
        int me = comm.rank();
        DNDarray moved = Shaping.moveaxis(x, ax, 0);
        long[] rows = new long[(int) need[me]];
        for (int i = 0; i < rows.length; i++) rows[i] = first[me] * step + i;
        long[][] idxMap = new long[p][];
        for (int r = 0; r < p; r++) idxMap[r] = new long[] {need[r]};
        DNDarray idx = new DNDarray(Tensor.fromArray(rows).to(x.device()), new long[] {Distribution.total(need)}, 0, comm, x.device(), idxMap);
        DNDarray block = Redistribution.takeAlongAxis0(moved, idx);
        Tensor w = windows(block.larray(), 0, count[me], size, step);
        block.larray().free();
        long[] movedOut = new long[out.length];
        movedOut[0] = windows;
        for (int k = 1, dd = 0; dd < g.length; dd++) if (dd != ax) movedOut[k++] = g[dd];
        movedOut[g.length] = size;
        long[][] map = new long[p][];
        for (int r = 0; r < p; r++) {
            map[r] = movedOut.clone();
            map[r][0] = count[r];
        }
        DNDarray wm = new DNDarray(w, movedOut, 0, comm, x.device(), map);
        return Shaping.moveaxis(wm, 0, ax);
    }

    /** The windows of a local block along ax: out[…, k, …, j] = t[…, k·step + j, …], one strided copy per j. */
    private static Tensor windows(Tensor t, int ax, long windows, long size, long step) {
        long[] shape = Arrays.copyOf(t.shape(), t.ndim() + 1);
        shape[ax] = windows;
        shape[t.ndim()] = size;
        Tensor out = t.newEmpty(t.dtype(), shape);
        if (windows == 0 || size == 0) return out;
        for (long j = 0; j < size; j++) {
            Tensor src = t.slice(ax, j, j + (windows - 1) * step + 1, step);
            out.select(t.ndim(), j).copyFrom(src);
        }
        return out;
    }
}
