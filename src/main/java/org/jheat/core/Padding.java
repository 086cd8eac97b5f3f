package org.jheat.core;

import java.util.Locale;

import org.jheat.comm.Communication;
import org.jheat.tensor.Tensor;

/**
 * numpy's {@code pad} for distributed arrays, modes {@code constant}, {@code edge}, {@code reflect},
 * {@code symmetric}, {@code wrap} and {@code empty} (numpy's statistical modes — maximum, mean, median, minimum,
 * linear_ramp — are not implemented and rejected like an unknown mode). Axes are padded one after another, as
 * numpy does, so corners come from the already padded earlier axes.
 *
 * <p><b>Split rule.</b> Along axes other than the split axis padding is local. Along the split axis the new rows
 * go to the first process (before) and the last process (after), so the result is unbalanced by the pad widths;
 * for the non-constant modes the source rows of the new rows (at most the pad width of them on each side, e.g.
 * the first rows for reflect or the last rows for wrap) are first gathered from their owners.
 *
 * <pre>{@code
 * DNDarray y = Padding.pad(x, new long[][]{{1, 2}}, "reflect", 0);     // 1 before, 2 after, on every axis
 * DNDarray z = Padding.pad(x, new long[][]{{0, 0}, {3, 3}}, "constant", -1.0);
 * }</pre>
 */
public final class Padding {
    private Padding() { }

    private enum Mode { CONSTANT, EDGE, REFLECT, SYMMETRIC, WRAP, EMPTY }

    /** Constant padding with zeros. <pre>{@code DNDarray y = Padding.pad(x, new long[][]{{2}}); }</pre> */
    public static DNDarray pad(DNDarray x, long[][] padWidth) {
        return pad(x, padWidth, "constant", 0);
    }

    /** Padding in {@code mode} (constant pads with 0). <pre>{@code DNDarray y = Padding.pad(x, new long[][]{{1, 1}}, "edge"); }</pre> */
    public static DNDarray pad(DNDarray x, long[][] padWidth, String mode) {
        return pad(x, padWidth, mode, 0);
    }

    /**
     * x padded by {@code padWidth} in {@code mode}. padWidth follows numpy: one row {b, a} (or {w}) for every
     * axis, or one row per axis; constantValue is used by mode "constant" (converted to x's dtype).
     * <pre>{@code DNDarray y = Padding.pad(x, new long[][]{{1, 0}, {2, 2}}, "symmetric", 0); }</pre>
     *
     * @throws IllegalArgumentException for an unknown mode, negative or mis-shaped widths, or a non-constant
     *         mode on an empty axis — on every process, before any communication
     */
    public static DNDarray pad(DNDarray x, long[][] padWidth, String mode, double constantValue) {
        Mode m = mode(mode);
        int nd = x.ndim();
        long[][] w = widths(padWidth, nd);
        long[] g = x.gshape();
        for (int d = 0; d < nd; d++) {
            if (g[d] == 0 && (w[d][0] > 0 || w[d][1] > 0) && m != Mode.CONSTANT && m != Mode.EMPTY) {
                throw new IllegalArgumentException("pad: can't extend empty axis " + d + " using modes other than 'constant' or 'empty'");
            }
        }
        DNDarray y = x;
        for (int d = 0; d < nd; d++) {
            if (w[d][0] == 0 && w[d][1] == 0) continue;
            y = padAxis(y, d, w[d][0], w[d][1], m, constantValue);
        }
        return y == x ? x.copy() : y;
    }

    private static Mode mode(String mode) {
        if (mode == null) throw new IllegalArgumentException("pad: mode must not be null");
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "constant" -> Mode.CONSTANT;
            case "edge" -> Mode.EDGE;
            case "reflect" -> Mode.REFLECT;
            case "symmetric" -> Mode.SYMMETRIC;
            case "wrap" -> Mode.WRAP;
            case "empty" -> Mode.EMPTY;
            default -> throw new IllegalArgumentException("pad: mode '" + mode + "' is not supported; allowed: constant, edge, reflect, "
                    + "symmetric, wrap, empty (numpy's maximum, mean, median, minimum, linear_ramp are not implemented)");
        };
    }

    private static long[][] widths(long[][] pw, int nd) {
        if (pw == null || (pw.length != 1 && pw.length != nd)) {
            throw new IllegalArgumentException("pad: padWidth must have 1 or " + nd + " rows (one {before, after} per axis), got "
                    + (pw == null ? "null" : pw.length));
        }
        long[][] w = new long[nd][2];
        for (int d = 0; d < nd; d++) {
            long[] row = pw[pw.length == 1 ? 0 : d];
            if (row == null || row.length < 1 || row.length > 2) {
                throw new IllegalArgumentException("pad: each padWidth row must be {width} or {before, after}");
            }
            w[d][0] = row[0];
            w[d][1] = row.length == 2 ? row[1] : row[0];
            if (w[d][0] < 0 || w[d][1] < 0) throw new IllegalArgumentException("pad: index can't contain negative values (axis " + d + ")");
        }
        return w;
    }

    /** Source index of padded position j (j < 0: before, j >= n: after) for the non-constant modes. */
    private static long source(long j, long n, Mode m) {
        return switch (m) {
            case EDGE -> Math.max(0, Math.min(n - 1, j));
            case WRAP -> Math.floorMod(j, n);
            case REFLECT -> {
                if (n == 1) yield 0;
                long q = Math.floorMod(j, 2 * n - 2);
                yield q < n ? q : 2 * n - 2 - q;
            }
            case SYMMETRIC -> {
                long q = Math.floorMod(j, 2 * n);
                yield q < n ? q : 2 * n - 1 - q;
            }
            default -> throw new IllegalStateException();
        };
    }

    private static DNDarray padAxis(DNDarray x, int ax, long before, long after, Mode m, double value) {
        long[] g = x.gshape();
        long n = g[ax];
        long[] og = g.clone();
        og[ax] = n + before + after;
        int s = x.splitAxis();
        boolean constant = m == Mode.CONSTANT || m == Mode.EMPTY;
        if (ax != s || x.comm().size() == 1) {
            Tensor t = x.larray();
            long[] ls = t.shape();
            ls[ax] += before + after;
            Tensor out = x.larray().newEmpty(x.dtype(), ls);
            out.narrow(ax, before, n).copyFrom(t);
            fillSide(out, ax, 0, -before, before, t, 0, n, m, value, constant);
            fillSide(out, ax, before + n, n, after, t, 0, n, m, value, constant);
            if (s < 0) return new DNDarray(out, og, null, x.comm(), x.device(), null);
            long[] counts = x.distribution().counts();
            if (ax == s) counts[0] = og[ax];
            return Pieces.wrap(out, og, s, counts, x);
        }
        Communication comm = x.comm();
        int p = comm.size(), me = comm.rank();
        // the rows that the new front / back rows copy: gathered once (at most the pad width of them)
        Tensor front = null, back = null;
        long frontLo = 0, backLo = 0;
        if (!constant && before > 0) {
            long[] r = range(-before, 0, n, m);
            frontLo = r[0];
            front = Slicing.range(x, ax, r[0], r[1]).resplit(null).larray();
        }
        if (!constant && after > 0) {
            long[] r = range(n, n + after, n, m);
            backLo = r[0];
            back = Slicing.range(x, ax, r[0], r[1]).resplit(null).larray();
        }
        long[] counts = x.distribution().counts();
        counts[0] += before;
        counts[p - 1] += after;
        Tensor t = x.larray();
        long c = t.shape(ax);
        long head = me == 0 ? before : 0, tail = me == p - 1 ? after : 0;
        long[] ls = t.shape();
        ls[ax] = c + head + tail;
        Tensor out = x.larray().newEmpty(x.dtype(), ls);
        out.narrow(ax, head, c).copyFrom(t);
        if (head > 0) fillSide(out, ax, 0, -before, before, front, frontLo, n, m, value, constant);
        if (tail > 0) fillSide(out, ax, head + c, n, after, back, backLo, n, m, value, constant);
        return Pieces.wrap(out, og, ax, counts, x);
    }

    /** The global source rows [lo, hi) that padded positions [j0, j1) read. */
    private static long[] range(long j0, long j1, long n, Mode m) {
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
        for (long j = j0; j < j1; j++) {
            long q = source(j, n, m);
            lo = Math.min(lo, q);
            hi = Math.max(hi, q + 1);
            if (lo == 0 && hi == n) break;
        }
        return new long[] {lo, hi};
    }

    /**
     * Writes padded positions [j0, j0 + len) (global indices relative to the unpadded axis) into out at outStart:
     * a fill for the constant modes, else copies of the source rows, merged into runs of consecutive (ascending or
     * descending) rows so that each run is one strided copy.
     */
    private static void fillSide(Tensor out, int ax, long outStart, long j0, long len, Tensor src, long srcLo, long n,
                                 Mode m, double value, boolean constant) {
        if (len == 0) return;
        Tensor dst = out.narrow(ax, outStart, len);
        if (constant) {
            if (m == Mode.CONSTANT) dst.fill(value);
            else dst.fill(0L);
            return;
        }
        long k = 0;
        while (k < len) {
            long first = source(j0 + k, n, m);
            long step = 0, run = 1;
            if (k + 1 < len) {
                long next = source(j0 + k + 1, n, m);
                if (next - first == 1 || next - first == -1) {
                    step = next - first;
                    run = 2;
                    while (k + run < len && source(j0 + k + run, n, m) == first + step * run) run++;
                }
            }
            Tensor piece;
            if (step >= 0) {
                piece = src.narrow(ax, first - srcLo, run);
            } else {
                piece = src.narrow(ax, first - (run - 1) - srcLo, run).slice(ax, null, null, -1);
            }
            dst.narrow(ax, k, run).copyFrom(piece);
            k += run;
        }
    }
}
