package org.jheat.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jheat.comm.Communication;
import org.jheat.tensor.Backend;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Joining and splitting (numpy's concatenate, stack, hstack, vstack, dstack, column_stack, row_stack, split,
 * array_split, hsplit, vsplit, dsplit).
 *
 * <p><b>Split rules.</b> The result of a join is split like the first operand that is split (replicated when
 * none is). The result dtype is numpy's {@code result_type} of the operands. Joining along an axis that is NOT
 * the split axis is local once the operands share the reference operand's distribution (operands split
 * differently are resplit/redistributed to it, replicated ones are sliced locally). Joining ALONG the split axis
 * moves each operand's rows straight to their balanced position in the result with one Alltoallv (Heat keeps
 * per-process pieces and becomes unbalanced; a balanced result needs no later fix-up). Splits are views of the
 * parts of each process's slab that fall in each section (no data moves; sections of the split axis are
 * unbalanced, usually with empty slabs on some processes).
 *
 * <pre>{@code
 * DNDarray c = Joining.concatenate(new DNDarray[]{a, b}, 0);
 * DNDarray s = Joining.stack(new DNDarray[]{a, b}, -1);
 * List<DNDarray> parts = Joining.split(x, 3, 0);
 * }</pre>
 */
public final class Joining {
    private Joining() { }

    // ------------------------------------------------------------------------------------------- concatenate

    /**
     * The arrays joined along an existing axis (numpy's {@code concatenate}).
     * <pre>{@code DNDarray c = Joining.concatenate(new DNDarray[]{a, b}, 1); }</pre>
     *
     * @throws IllegalArgumentException for no arrays, different numbers of dimensions, or extents that differ
     *         outside {@code axis} (the message names the axis) — on every process, before any communication
     */
    public static DNDarray concatenate(DNDarray[] xs, int axis) {
        if (xs == null || xs.length == 0) throw new IllegalArgumentException("concatenate: need at least one array to concatenate");
        int nd = xs[0].ndim();
        if (nd == 0) throw new IllegalArgumentException("concatenate: zero-dimensional arrays cannot be concatenated");
        int ax = Shapes.normalizeAxis(axis, nd, "concatenate axis");
        long[] g = xs[0].gshape();
        long total = 0;
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] == null) throw new IllegalArgumentException("concatenate: array " + i + " is null");
            long[] gi = xs[i].gshape();
            if (gi.length != nd) {
                throw new IllegalArgumentException("concatenate: all the input arrays must have the same number of dimensions, but array 0 has "
                        + nd + " dimension(s) and array " + i + " has " + gi.length);
            }
            for (int d = 0; d < nd; d++) {
                if (d != ax && gi[d] != g[d]) {
                    throw new IllegalArgumentException("concatenate: all the input array dimensions except for the concatenation axis "
                            + ax + " must match exactly, but along axis " + d + ", array 0 has size " + g[d] + " and array " + i
                            + " has size " + gi[d] + " (shapes " + Shapes.str(g) + " and " + Shapes.str(gi) + ")");
                }
            }
            if (xs[i].comm() != xs[0].comm()) throw new IllegalArgumentException("concatenate: array " + i + " has another communicator");
            Sanitation.dtype(xs[i].dtype(), "concatenate");
            if (!xs[i].device().equals(xs[0].device())) throw Backend.mismatch(xs[0].device(), xs[i].device());
            total += gi[ax];
        }
        DType type = DType.resultType((Object[]) xs);
        long[] out = g.clone();
        out[ax] = total;
        int ref = -1;
        for (int i = 0; i < xs.length; i++) if (xs[i].splitAxis() >= 0) { ref = i; break; }
        Communication comm = xs[0].comm();
        if (ref < 0) {
            Tensor res = xs[0].larray().newEmpty(type, out);
            long pos = 0;
            for (DNDarray x : xs) {
                long n = x.gshape()[ax];
                res.narrow(ax, pos, n).copyFrom(x.larray());
                pos += n;
            }
            return new DNDarray(res, out, null, comm, xs[0].device(), null);
        }
        int s = xs[ref].splitAxis();
        return s == ax ? alongSplit(xs, ax, out, type) : acrossSplit(xs, ref, ax, out, type);
    }

    /** Joining along an axis other than the split axis: align to the reference distribution, then copy locally. */
    private static DNDarray acrossSplit(DNDarray[] xs, int ref, int ax, long[] out, DType type) {
        int s = xs[ref].splitAxis();
        Communication comm = xs[ref].comm();
        int me = comm.rank();
        Distribution cd = xs[ref].distribution();
        Tensor[] locals = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            DNDarray x = xs[i];
            if (x.splitAxis() < 0) {
                locals[i] = x.larray().narrow(s, cd.displ(me), cd.count(me));
                continue;
            }
            if (x.splitAxis() != s) x = x.resplit(s);
            if (!x.distribution().equals(cd)) x = x.redistribute(cd.counts());
            locals[i] = x.larray();
        }
        long[] l = out.clone();
        l[s] = cd.count(me);
        Tensor res = xs[0].larray().newEmpty(type, l);
        long pos = 0;
        for (Tensor t : locals) {
            long n = t.shape(ax);
            res.narrow(ax, pos, n).copyFrom(t);
            pos += n;
        }
        return Pieces.wrap(res, out, s, cd.counts(), xs[ref]);
    }

    /** Joining along the split axis: every operand's rows go to their balanced place in one Alltoallv. */
    private static DNDarray alongSplit(DNDarray[] xs, int ax, long[] out, DType type) {
        Communication comm = xs[0].comm();
        int p = comm.size(), me = comm.rank();
        int k = xs.length;
        Tensor[] src = new Tensor[k];
        long[][] counts = new long[k][], displs = new long[k][];
        long[] offset = new long[k];
        long off = 0;
        for (int i = 0; i < k; i++) {
            DNDarray x = xs[i];
            long n = x.gshape()[ax];
            if (x.splitAxis() < 0) {
                counts[i] = Distribution.counts(n, p);
                displs[i] = Distribution.displs(counts[i]);
                src[i] = x.larray().narrow(ax, displs[i][me], counts[i][me]);
            } else {
                if (x.splitAxis() != ax) x = x.resplit(ax);
                Distribution cd = x.distribution();
                counts[i] = cd.counts();
                displs[i] = cd.displs();
                src[i] = x.larray();
            }
            offset[i] = off;
            off += n;
        }
        long[] tc = Distribution.counts(out[ax], p);
        Tensor res = Pieces.move(comm, src, ax, r -> {
            List<Pieces.Piece> l = new ArrayList<>(k);
            for (int i = 0; i < k; i++) if (counts[i][r] > 0) l.add(new Pieces.Piece(i, 0, counts[i][r], offset[i] + displs[i][r]));
            return l;
        }, tc, type, out);
        return Pieces.wrap(res, out, ax, tc, xs[0]);
    }

    // ------------------------------------------------------------------------------------------- stacking

    /**
     * The arrays, all of the same shape, joined along a NEW axis at {@code axis} (numpy's {@code stack}).
     * <pre>{@code DNDarray s = Joining.stack(new DNDarray[]{a, b}, 0);   // (2, …) }</pre>
     *
     * @throws IllegalArgumentException for no arrays or different shapes
     */
    public static DNDarray stack(DNDarray[] xs, int axis) {
        if (xs == null || xs.length == 0) throw new IllegalArgumentException("stack: need at least one array to stack");
        long[] g = xs[0].gshape();
        for (int i = 1; i < xs.length; i++) {
            if (!Arrays.equals(xs[i].gshape(), g)) {
                throw new IllegalArgumentException("stack: all input arrays must have the same shape, but array 0 has shape "
                        + Shapes.str(g) + " and array " + i + " has shape " + Shapes.str(xs[i].gshape()));
            }
        }
        int ax = Shapes.normalizeAxis(axis, g.length + 1, "stack axis");
        DNDarray[] e = new DNDarray[xs.length];
        for (int i = 0; i < xs.length; i++) e[i] = Shaping.expandDims(xs[i], ax);
        return concatenate(e, ax);
    }

    /**
     * Stacked as rows (numpy's {@code vstack}): 1-d arrays of length n become (1, n), then joined along axis 0.
     * <pre>{@code DNDarray m = Joining.vstack(a, b); }</pre>
     */
    public static DNDarray vstack(DNDarray... xs) {
        requireSome(xs, "vstack");
        DNDarray[] e = new DNDarray[xs.length];
        for (int i = 0; i < xs.length; i++) e[i] = xs[i].ndim() == 0 ? Shaping.reshape(xs[i], 1, 1) : xs[i].ndim() == 1 ? Shaping.expandDims(xs[i], 0) : xs[i];
        return concatenate(e, 0);
    }

    /** Same as {@link #vstack} (numpy's {@code row_stack}). <pre>{@code DNDarray m = Joining.rowStack(a, b); }</pre> */
    public static DNDarray rowStack(DNDarray... xs) {
        return vstack(xs);
    }

    /**
     * Stacked in sequence horizontally (numpy's {@code hstack}): along axis 0 for 1-d arrays, else axis 1.
     * <pre>{@code DNDarray m = Joining.hstack(a, b); }</pre>
     */
    public static DNDarray hstack(DNDarray... xs) {
        requireSome(xs, "hstack");
        DNDarray[] e = new DNDarray[xs.length];
        for (int i = 0; i < xs.length; i++) e[i] = xs[i].ndim() == 0 ? Shaping.reshape(xs[i], 1) : xs[i];
        return concatenate(e, e[0].ndim() == 1 ? 0 : 1);
    }

    /**
     * 1-d arrays as columns of a 2-d array, higher arrays joined along axis 1 (numpy's {@code column_stack}).
     * <pre>{@code DNDarray m = Joining.columnStack(x, y);   // (n, 2) }</pre>
     */
    public static DNDarray columnStack(DNDarray... xs) {
        requireSome(xs, "columnStack");
        DNDarray[] e = new DNDarray[xs.length];
        for (int i = 0; i < xs.length; i++) {
            e[i] = xs[i].ndim() == 0 ? Shaping.reshape(xs[i], 1, 1) : xs[i].ndim() == 1 ? Shaping.expandDims(xs[i], 1) : xs[i];
        }
        return concatenate(e, 1);
    }

    /**
     * Stacked along the third axis (numpy's {@code dstack}): (n,) becomes (1, n, 1), (m, n) becomes (m, n, 1).
     * <pre>{@code DNDarray d = Joining.dstack(a, b); }</pre>
     */
    public static DNDarray dstack(DNDarray... xs) {
        requireSome(xs, "dstack");
        DNDarray[] e = new DNDarray[xs.length];
        for (int i = 0; i < xs.length; i++) e[i] = atleast3d(xs[i]);
        return concatenate(e, 2);
    }

    private static DNDarray atleast3d(DNDarray x) {
        return switch (x.ndim()) {
            case 0 -> Shaping.reshape(x, 1, 1, 1);
            case 1 -> Shaping.expandDims(Shaping.expandDims(x, 0), 2);
            case 2 -> Shaping.expandDims(x, 2);
            default -> x;
        };
    }

    private static void requireSome(DNDarray[] xs, String op) {
        if (xs == null || xs.length == 0) throw new IllegalArgumentException(op + ": need at least one array");
    }

    // ------------------------------------------------------------------------------------------- splitting

    /**
     * x cut into {@code sections} equal parts along {@code axis} (numpy's {@code split}); views, no data moves.
     * <pre>{@code List<DNDarray> parts = Joining.split(x, 4, 0); }</pre>
     *
     * @throws IllegalArgumentException when the extent is not divisible ("array split does not result in an equal division")
     */
    public static List<DNDarray> split(DNDarray x, int sections, int axis) {
        int ax = checkAxis(x, axis, "split");
        if (sections <= 0) throw new IllegalArgumentException("split: number sections must be larger than 0, got " + sections);
        long n = x.gshape()[ax];
        if (n % sections != 0) {
            throw new IllegalArgumentException("split: array split does not result in an equal division (" + n + " along axis "
                    + ax + " into " + sections + " sections)");
        }
        return arraySplit(x, sections, ax);
    }

    /**
     * x cut before each of {@code indices} along {@code axis} (numpy's {@code split} with indices: Python slice
     * semantics, so indices beyond the extent give empty parts); views.
     * <pre>{@code List<DNDarray> parts = Joining.split(x, new long[]{2, 5}, 0);   // x[:2], x[2:5], x[5:] }</pre>
     */
    public static List<DNDarray> split(DNDarray x, long[] indices, int axis) {
        int ax = checkAxis(x, axis, "split");
        if (indices == null) throw new IllegalArgumentException("split: indices must not be null");
        long n = x.gshape()[ax];
        List<DNDarray> parts = new ArrayList<>(indices.length + 1);
        Long prev = 0L;
        for (int i = 0; i <= indices.length; i++) {
            Long cur = i < indices.length ? indices[i] : null;
            long[] r = Tensor.sliceIndices(n, prev, cur, 1);
            parts.add(Slicing.range(x, ax, r[0], r[0] + r[3]));   // r[0] is clipped to [0, n] for step 1
            prev = cur;
        }
        return parts;
    }

    /**
     * x cut into {@code sections} parts along {@code axis} whose sizes differ by at most one, the larger first
     * (numpy's {@code array_split}); views.
     * <pre>{@code List<DNDarray> parts = Joining.arraySplit(x, 3, 0); }</pre>
     */
    public static List<DNDarray> arraySplit(DNDarray x, int sections, int axis) {
        int ax = checkAxis(x, axis, "arraySplit");
        if (sections <= 0) throw new IllegalArgumentException("arraySplit: number sections must be larger than 0, got " + sections);
        long n = x.gshape()[ax];
        long[] c = Distribution.counts(n, sections), d = Distribution.displs(c);
        List<DNDarray> parts = new ArrayList<>(sections);
        for (int i = 0; i < sections; i++) parts.add(Slicing.range(x, ax, d[i], d[i] + c[i]));
        return parts;
    }

    /** {@link #split(DNDarray, int, int)} along axis 1 (axis 0 for 1-d arrays; numpy's {@code hsplit}). <pre>{@code var p = Joining.hsplit(x, 2); }</pre> */
    public static List<DNDarray> hsplit(DNDarray x, int sections) {
        requireDims(x, 1, "hsplit");
        return split(x, sections, x.ndim() > 1 ? 1 : 0);
    }

    /** {@link #split(DNDarray, long[], int)} along axis 1 (axis 0 for 1-d arrays). <pre>{@code var p = Joining.hsplit(x, new long[]{2}); }</pre> */
    public static List<DNDarray> hsplit(DNDarray x, long[] indices) {
        requireDims(x, 1, "hsplit");
        return split(x, indices, x.ndim() > 1 ? 1 : 0);
    }

    /** {@link #split(DNDarray, int, int)} along axis 0 of an array with at least 2 dimensions (numpy's {@code vsplit}). <pre>{@code var p = Joining.vsplit(m, 2); }</pre> */
    public static List<DNDarray> vsplit(DNDarray x, int sections) {
        requireDims(x, 2, "vsplit");
        return split(x, sections, 0);
    }

    /** {@link #split(DNDarray, long[], int)} along axis 0 of an array with at least 2 dimensions. <pre>{@code var p = Joining.vsplit(m, new long[]{3}); }</pre> */
    public static List<DNDarray> vsplit(DNDarray x, long[] indices) {
        requireDims(x, 2, "vsplit");
        return split(x, indices, 0);
    }

    /** {@link #split(DNDarray, int, int)} along axis 2 of an array with at least 3 dimensions (numpy's {@code dsplit}). <pre>{@code var p = Joining.dsplit(cube, 2); }</pre> */
    public static List<DNDarray> dsplit(DNDarray x, int sections) {
        requireDims(x, 3, "dsplit");
        return split(x, sections, 2);
    }

    /** {@link #split(DNDarray, long[], int)} along axis 2 of an array with at least 3 dimensions. <pre>{@code var p = Joining.dsplit(cube, new long[]{1}); }</pre> */
    public static List<DNDarray> dsplit(DNDarray x, long[] indices) {
        requireDims(x, 3, "dsplit");
        return split(x, indices, 2);
    }

    private static int checkAxis(DNDarray x, int axis, String op) {
        if (x.ndim() == 0) throw new IllegalArgumentException(op + ": a 0-d array cannot be split");
        return Shapes.normalizeAxis(axis, x.ndim(), op + " axis");
    }

    private static void requireDims(DNDarray x, int min, String op) {
        if (x.ndim() < min) {
            throw new IllegalArgumentException(op + " only works on arrays of " + min + " or more dimensions, got " + x.ndim());
        }
    }
}
