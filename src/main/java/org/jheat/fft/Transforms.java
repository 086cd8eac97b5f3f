package org.jheat.fft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.core.Index;
import org.jheat.core.Joining;
import org.jheat.core.Manipulations;
import org.jheat.core.Shaping;
import org.jheat.tensor.DType;
import org.jheat.tensor.FftKernels;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * The distributed driver behind {@link FFT}: argument checks (global metadata only, before any communication), the
 * decomposition of a transform into local steps, and the data movement between them.
 *
 * <p>A transform is a list of {@link Step}s, each a local FFTW call over some axes (c2c, r2c or c2r). A step runs
 * where its axes are all local; when the current split axis is among them the array is first resplit (one
 * Alltoallv) to an axis the step does not transform — the input's own split axis when the remaining steps leave it
 * alone, else an axis no remaining step needs, else the longest one. After the last step the result is resplit back
 * to the input's split axis (Heat keeps the split). So a transform that does not touch the split axis moves
 * nothing, and every other one costs two exchanges, whatever the number of axes: fftn over all axes of a split-0
 * array transforms axes 1… locally, resplits to the longest of them, transforms axis 0, and resplits back.
 * Cropping and zero padding (n, s) happen inside the steps, where the axis is local.
 *
 * <p>A 1-d array split along its only axis uses the four-step (Bailey) algorithm on an (n2, n1) view with
 * n = n1·n2, n1 the largest divisor ≤ √n: a distributed reshape (only the slab boundaries move), a transform of the
 * columns (one resplit), the twiddle factors exp(∓2πi j1 k2 / n), a transform of the rows of the transpose
 * (resplit there and back) and a reshape back — three full exchanges. A prime length cannot be split into two
 * passes: the vector is gathered (one Allgatherv, n elements on every process), transformed locally (FFTW's
 * Rader/Bluestein) and each process keeps its slab.
 */
final class Transforms {
    private Transforms() { }

    /** The local kernel kind of a step. */
    enum Kind { C2C, R2C, C2R }

    /**
     * One local transform: axes, the input length along each (crop or zero-pad to it), and for c2r the logical
     * output length {@code n}.
     */
    record Step(Kind kind, int[] axes, long[] inLen, long n) { }

    // ------------------------------------------------------------------------------------------- argument checks

    /** numpy's norm names; null is "backward". */
    static String norm(String norm, String op) {
        if (norm == null) return "backward";
        return switch (norm) {
            case "backward", "ortho", "forward" -> norm;
            default -> throw new IllegalArgumentException(op + ": invalid norm '" + norm + "'; allowed: \"backward\" (or null), \"ortho\", \"forward\"");
        };
    }

    /** hfft/ihfft compute the opposite direction's scaling. */
    static String swap(String norm) {
        return switch (norm) {
            case "backward" -> "forward";
            case "forward" -> "backward";
            default -> norm;
        };
    }

    /** The factor of a transform of {@code total} points: forward transforms scale by 1/N under "forward", inverse under "backward". */
    static double scale(String norm, boolean forward, double total) {
        return switch (norm) {
            case "ortho" -> 1 / Math.sqrt(total);
            case "forward" -> forward ? 1 / total : 1;
            default -> forward ? 1 : 1 / total;
        };
    }

    static void checkInput(DNDarray x, String op) {
        if (x == null) throw new IllegalArgumentException(op + ": the array must not be null");
        if (x.ndim() == 0) throw new IllegalArgumentException(op + ": a 0-d array has no axis to transform; allowed: arrays with at least 1 dimension");
    }

    static long positive(long n, String op, String what) {
        if (n < 1) throw new IllegalArgumentException(op + ": invalid number of data points (" + n + ") " + what + "; it must be at least 1");
        return n;
    }

    /** One axis: normalised; n null means the axis length. */
    static int axis(DNDarray x, int axis, String op) {
        checkInput(x, op);
        return Shapes.normalizeAxis(axis, x.ndim(), op + ": axis");
    }

    /**
     * numpy's {@code _cook_nd_args}: axes default to the last len(s) axes (all axes when s is null too, or
     * {@code defaultRank} of them for the 2-d functions); s defaults to the axes' lengths. Axes are normalised and
     * checked for repeats; every s[i] must be ≥ 1 (for {@code invreal} the last default is 2·(m-1)).
     */
    static int[] axes(DNDarray x, long[] s, int[] axes, int defaultRank, String op) {
        checkInput(x, op);
        int nd = x.ndim();
        int[] ax;
        if (axes == null) {
            int k = s != null ? s.length : defaultRank > 0 ? defaultRank : nd;
            if (k > nd) {
                throw new IllegalArgumentException(op + ": " + (s != null ? "s has " + k + " entries" : "needs " + k + " axes")
                        + " but the array has " + nd + " dimensions");
            }
            ax = new int[k];
            for (int i = 0; i < k; i++) ax[i] = nd - k + i;
        } else {
            ax = new int[axes.length];
            for (int i = 0; i < axes.length; i++) ax[i] = Shapes.normalizeAxis(axes[i], nd, op + ": axes[" + i + "]");
        }
        if (ax.length == 0) throw new IllegalArgumentException(op + ": no axes to transform; allowed: at least one axis");
        boolean[] seen = new boolean[nd];
        for (int a : ax) {
            if (seen[a]) throw new IllegalArgumentException(op + ": axes " + Arrays.toString(axes) + " repeat axis " + a + "; each axis may appear once");
            seen[a] = true;
        }
        if (s != null && s.length != ax.length) {
            throw new IllegalArgumentException(op + ": s has " + s.length + " entries but there are " + ax.length + " axes; they must have the same length");
        }
        return ax;
    }

    /** The lengths: s, or the axes' extents; each checked ≥ 1. */
    static long[] lengths(DNDarray x, long[] s, int[] ax, String op) {
        long[] n = new long[ax.length];
        for (int i = 0; i < ax.length; i++) {
            n[i] = positive(s != null ? s[i] : x.gshape()[ax[i]], op, "along axis " + ax[i]);
        }
        return n;
    }

    /** The complex dtype of a result: single precision stays single. */
    static DType complexOf(DType t) {
        return t == DType.FLOAT32 || t == DType.COMPLEX64 ? DType.COMPLEX64 : DType.COMPLEX128;
    }

    /** The real dtype of a c2r result. */
    static DType realOf(DType t) {
        return t == DType.FLOAT32 || t == DType.COMPLEX64 ? DType.FLOAT32 : DType.FLOAT64;
    }

    // ------------------------------------------------------------------------------------------- plans

    /** c2c over {@code ax} with lengths {@code n}. */
    static DNDarray c2c(DNDarray x, int[] ax, long[] n, boolean forward, String norm) {
        double total = 1;
        for (long v : n) total *= v;
        double sc = scale(norm, forward, total);
        DType out = complexOf(x.dtype());
        int s = x.splitAxis();
        if (x.isDistributed() && x.ndim() == 1) return oneD(x, n[0], forward, sc, out);
        List<Step> steps = new ArrayList<>();
        if (x.isDistributed() && contains(ax, s) && ax.length == x.ndim()) {
            steps.add(new Step(Kind.C2C, without(ax, s), pick(ax, n, without(ax, s)), 0));
            steps.add(new Step(Kind.C2C, new int[] {s}, pick(ax, n, new int[] {s}), 0));
        } else {
            steps.add(new Step(Kind.C2C, ax, n, 0));
        }
        return run(x, steps, forward, sc, out);
    }

    /** r2c over {@code ax} (the last halved) with input lengths {@code n}. */
    static DNDarray r2c(DNDarray x, int[] ax, long[] n, String norm, String op) {
        if (x.dtype().isComplex()) {
            throw new IllegalArgumentException(op + ": the input must be real, got " + x.dtype() + "; use the complex transform, or take the real part explicitly");
        }
        double total = 1;
        for (long v : n) total *= v;
        double sc = scale(norm, true, total);
        DType out = complexOf(x.dtype());
        int s = x.splitAxis(), last = ax[ax.length - 1];
        if (x.isDistributed() && x.ndim() == 1) {
            DNDarray full = oneD(x, n[0], true, sc, out);
            return asComplex(asReal(full).get(Index.slice(0, n[0] / 2 + 1)));
        }
        List<Step> steps = new ArrayList<>();
        if (x.isDistributed() && contains(ax, s) && ax.length == x.ndim()) {
            // the real axis goes first; the split axis or, when that is the real one, another is transformed after one resplit
            int t = s != last ? s : longest(x, without(ax, s));
            int[] first = without(ax, t);
            steps.add(new Step(Kind.R2C, first, pick(ax, n, first), 0));
            steps.add(new Step(Kind.C2C, new int[] {t}, pick(ax, n, new int[] {t}), 0));
        } else {
            steps.add(new Step(Kind.R2C, ax, n, 0));
        }
        return run(x, steps, true, sc, out);
    }

    /** c2r: c2c (inverse) over all axes but the last, then c2r along the last to {@code n[last]} points. */
    static DNDarray c2r(DNDarray x, int[] ax, long[] n, String norm) {
        double total = 1;
        for (long v : n) total *= v;
        double sc = scale(norm, false, total);
        DType out = realOf(x.dtype());
        int last = ax[ax.length - 1];
        long nl = n[n.length - 1];
        if (x.isDistributed() && x.ndim() == 1) return irfftOneD(x, nl, sc, complexOf(x.dtype()), out);
        List<Step> steps = new ArrayList<>();
        int[] lead = Arrays.copyOf(ax, ax.length - 1);
        if (lead.length > 0) steps.add(new Step(Kind.C2C, lead, Arrays.copyOf(n, n.length - 1), 0));
        steps.add(new Step(Kind.C2R, new int[] {last}, new long[] {nl / 2 + 1}, nl));
        return run(x, steps, false, sc, out);
    }

    // ------------------------------------------------------------------------------------------- execution

    /**
     * Runs the steps, resplitting before a step whose axes hold the split axis, and back to x's split at the end;
     * {@code scale} is applied by the last step.
     */
    private static DNDarray run(DNDarray x, List<Step> steps, boolean forward, double scale, DType out) {
        return run(x, steps, forward, scale, out, true);
    }

    private static DNDarray run(DNDarray x, List<Step> steps, boolean forward, double scale, DType out, boolean restoreSplit) {
        int s0 = x.splitAxis();
        boolean dist = x.isDistributed();
        DNDarray cur = x;
        for (int i = 0; i < steps.size(); i++) {
            Step st = steps.get(i);
            if (dist && contains(st.axes(), cur.splitAxis())) {
                DNDarray moved = resplit(cur, target(cur, s0, steps.subList(i, steps.size())));
                if (cur != x) cur.larray().free();
                cur = moved;
            }
            DNDarray next = local(cur, st, forward, i == steps.size() - 1 ? scale : 1.0, out);
            if (cur != x) cur.larray().free();
            cur = next;
        }
        if (restoreSplit && dist && cur.splitAxis() != s0) {
            DNDarray back = resplit(cur, s0);
            cur.larray().free();
            cur = back;
        }
        return cur;
    }

    /** Where to move the split before the first of {@code rest}: see the class comment. */
    private static int target(DNDarray cur, int s0, List<Step> rest) {
        boolean[] needed = new boolean[cur.ndim()];
        for (Step st : rest) for (int a : st.axes()) needed[a] = true;
        int[] now = rest.get(0).axes();
        if (!contains(now, s0) && !needed[s0]) return s0;
        long[] g = cur.gshape();
        int best = -1;
        for (int d = 0; d < g.length; d++) if (!needed[d] && (best < 0 || g[d] > g[best])) best = d;
        if (best >= 0) return best;
        for (int d = 0; d < g.length; d++) if (!contains(now, d) && (best < 0 || g[d] > g[best])) best = d;
        if (best < 0) throw new IllegalStateException("no axis to move the split to");   // the plans never ask for it
        return best;
    }

    /** One step on the local tensor (its axes are not split): crop or pad, transform; the new DNDarray. */
    private static DNDarray local(DNDarray cur, Step st, boolean forward, double scale, DType out) {
        Tensor t = cur.larray();
        Tensor padded = null;
        for (int i = 0; i < st.axes().length; i++) {
            int a = st.axes()[i];
            long want = st.inLen()[i], have = t.shape(a);
            if (want < have) {
                t = t.narrow(a, 0, want);
            } else if (want > have) {
                long[] sh = t.shape();
                sh[a] = want;
                Tensor z = t.newZeros(t.dtype(), sh);
                z.narrow(a, 0, have).copyFrom(t);
                if (padded != null) padded.free();
                padded = z;
                t = z;
            }
        }
        FftKernels k = t.backend().fft();
        Tensor r = switch (st.kind()) {
            case C2C -> k.c2c(t, st.axes(), forward, scale, complexOf(out));
            case R2C -> k.r2c(t, st.axes(), scale, complexOf(out));
            case C2R -> k.c2r(t, st.axes()[0], st.n(), scale, realOf(out));
        };
        if (padded != null) padded.free();
        long[] g = cur.gshape();
        long[][] map = cur.lshapeMap();
        for (int a : st.axes()) {
            g[a] = r.shape(a);
            for (long[] row : map) row[a] = r.shape(a);
        }
        return new DNDarray(r, g, cur.split(), cur.comm(), map);
    }

    // ------------------------------------------------------------------------------------------- 1-d split arrays

    /** The c2c transform of a 1-d array split along axis 0 over several processes, cropped or padded to n. */
    static DNDarray oneD(DNDarray x, long n, boolean forward, double scale, DType out) {
        DNDarray v = resize(x, n);
        long n1 = 1;
        for (long d = (long) Math.sqrt((double) n); d >= 2; d--) {
            if (n % d == 0) { n1 = d; break; }
        }
        if (n1 == 1) {
            // a prime length: inherently global and not splittable into two passes
            DNDarray all = resplit(v, -1);
            Tensor y = all.larray().backend().fft().c2c(all.larray(), new int[] {0}, forward, scale, out);
            all.larray().free();
            return resplit(new DNDarray(y, new long[] {n}, null, x.comm(), null), 0);   // local slicing
        }
        long n2 = n / n1;
        DNDarray b = reshape(v, new long[] {n2, n1});
        // columns: transform along axis 0 (n2 points), leaving the result split along axis 1
        DNDarray c = run(b, List.of(new Step(Kind.C2C, new int[] {0}, new long[] {n2}, 0)), forward, 1.0, out, false);
        long colStart = c.distribution().displs()[c.comm().rank()];
        c.larray().backend().fft().twiddle(c.larray(), 0, colStart, n, forward);
        // rows of the transpose: (n1, n2) split 0 → transform along axis 0 (n1 points) → back to split 0
        DNDarray d = run(c.T(), List.of(new Step(Kind.C2C, new int[] {0}, new long[] {n1}, 0)), forward, scale, out, true);
        c.larray().free();
        return reshape(d, new long[] {n});
    }

    /** irfft of a 1-d split array: the Hermitian extension to n points, an inverse c2c, the real parts. */
    static DNDarray irfftOneD(DNDarray x, long n, double scale, DType ctype, DType out) {
        long m = n / 2 + 1;
        DNDarray half = convert(resize(x, m), ctype);
        DNDarray full = half;
        if (n - m > 0) {
            // X[k] for k >= m is conj(X[n-k]): entries n-m … 1 of the half spectrum, reversed and conjugated
            DNDarray tail = asReal(half).get(Index.slice(1, n - m + 1));
            tail = Manipulations.flip(tail, 0);
            DNDarray t = asComplex(tail);
            t.larray().backend().fft().conjugate(t.larray());
            full = asComplex(Joining.concatenate(new DNDarray[] {asReal(half), asReal(t)}, 0));
        }
        DNDarray c = oneD(full, n, false, scale, ctype);
        Tensor lc = c.larray();
        Tensor re = lc.newEmpty(out, lc.shape());
        re.copyFrom(FftKernels.viewAsReal(lc).select(-1, 0));
        lc.free();
        return new DNDarray(re, new long[] {n}, 0, c.comm(), c.lshapeMap());
    }

    /** A 1-d split array cropped or zero-padded at its end to n (distributed: crop is a view, padding a concatenate). */
    static DNDarray resize(DNDarray x, long n) {
        long len = x.gshape()[0];
        if (n == len) return x;
        boolean cplx = x.dtype().isComplex();
        DNDarray r = cplx ? asReal(x) : x;
        if (n < len) {
            r = r.get(Index.slice(0, n));
        } else {
            Communication comm = x.comm();
            long[] g = r.gshape();
            g[0] = n - len;
            int p = comm.size();
            long[] l = g.clone();
            l[0] = Distribution.count(n - len, p, comm.rank());
            DNDarray zeros = new DNDarray(x.larray().newZeros(r.dtype(), l), g, 0, comm, Distribution.balanced(n - len, p).lshapeMap(g, 0));
            r = Joining.concatenate(new DNDarray[] {r, zeros}, 0);
        }
        return cplx ? asComplex(r) : r;
    }

    /** The conjugate as {@code ctype} (real input: converted), a new array. */
    static DNDarray conj(DNDarray x, DType ctype) {
        DNDarray c = convertCopy(x, ctype);
        c.larray().backend().fft().conjugate(c.larray());
        return c;
    }

    /** x as the complex dtype {@code ctype}: x itself when it has it, else a converted copy. */
    static DNDarray convert(DNDarray x, DType ctype) {
        return x.dtype() == ctype ? x : convertCopy(x, ctype);
    }

    private static DNDarray convertCopy(DNDarray x, DType ctype) {
        Tensor l = x.larray();
        Tensor c = l.newEmpty(ctype, l.shape());
        Tensor r = FftKernels.viewAsReal(c);
        if (l.dtype().isComplex()) {
            r.copyFrom(FftKernels.viewAsReal(l));
        } else {
            r.select(-1, 0).copyFrom(l);
            r.select(-1, 1).fill(0.0);
        }
        return new DNDarray(c, x.gshape(), x.split(), x.comm(), x.lshapeMap());
    }

    // ------------------------------------------------------------------------------------------- complex data movement

    /*
     * The core's data movement (resplit, reshape, slicing, flip, concatenate, roll) is written for real dtypes; a
     * complex array moves as the real array of its (re, im) pairs, shape (..., 2), which is the same memory.
     */

    /** A complex array as the real array (..., 2) over the same memory (same split and slabs). */
    static DNDarray asReal(DNDarray c) {
        Tensor r = FftKernels.viewAsReal(c.larray());
        long[] g = Arrays.copyOf(c.gshape(), c.ndim() + 1);
        g[c.ndim()] = 2;
        long[][] map = c.lshapeMap();
        for (int i = 0; i < map.length; i++) {
            map[i] = Arrays.copyOf(map[i], map[i].length + 1);
            map[i][map[i].length - 1] = 2;
        }
        return new DNDarray(r, g, c.split(), c.comm(), map);
    }

    /** The inverse of {@link #asReal}: a real (..., 2) array as complex (a view when the layout allows). */
    static DNDarray asComplex(DNDarray r) {
        Tensor l = r.larray();
        int nd = l.ndim();
        boolean view = l.strides()[nd - 1] == 1 && l.offset() % 2 == 0;
        for (int d = 0; d < nd - 1 && view; d++) view = l.shape(d) <= 1 || l.strides()[d] % 2 == 0;
        Tensor c = FftKernels.viewAsComplex(view ? l : l.contiguous());
        long[] g = Arrays.copyOf(r.gshape(), r.ndim() - 1);
        long[][] map = r.lshapeMap();
        for (int i = 0; i < map.length; i++) map[i] = Arrays.copyOf(map[i], map[i].length - 1);
        return new DNDarray(c, g, r.split() != null && r.split() == r.ndim() - 1 ? null : r.split(), r.comm(), map);
    }

    /** resplit (axis -1: replicated) of a real or complex array. */
    static DNDarray resplit(DNDarray x, int axis) {
        Integer a = axis < 0 ? null : axis;
        if (!x.dtype().isComplex()) return x.resplit(a);
        return asComplex(asReal(x).resplit(a));
    }

    /** reshape keeping split 0 (only slab boundaries move) of a real or complex array. */
    static DNDarray reshape(DNDarray x, long[] shape) {
        if (!x.dtype().isComplex()) return Shaping.reshape(x, shape, 0);
        long[] s = Arrays.copyOf(shape, shape.length + 1);
        s[shape.length] = 2;
        return asComplex(Shaping.reshape(asReal(x), s, 0));
    }

    /** numpy's roll of a real or complex array. */
    static DNDarray roll(DNDarray x, long[] shifts, int[] axes) {
        if (!x.dtype().isComplex()) return Manipulations.roll(x, shifts, axes);
        return asComplex(Manipulations.roll(asReal(x), shifts, axes));
    }

    /** Conjugates a freshly made complex result in place. */
    static DNDarray conjInPlace(DNDarray x) {
        x.larray().backend().fft().conjugate(x.larray());
        return x;
    }

    // ------------------------------------------------------------------------------------------- small helpers

    static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }

    private static int[] without(int[] a, int v) {
        return Arrays.stream(a).filter(x -> x != v).toArray();
    }

    /** The lengths of {@code sub} (a subset of ax, in sub's order). */
    private static long[] pick(int[] ax, long[] n, int[] sub) {
        long[] r = new long[sub.length];
        for (int i = 0; i < sub.length; i++) {
            for (int j = 0; j < ax.length; j++) if (ax[j] == sub[i]) r[i] = n[j];
        }
        return r;
    }

    private static int longest(DNDarray x, int[] among) {
        long[] g = x.gshape();
        int best = among[0];
        for (int a : among) if (g[a] > g[best]) best = a;
        return best;
    }
}
