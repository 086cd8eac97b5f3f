package org.jheat.linalg;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Local reshaping of distributed arrays for the products: wrapping a local result with its counts, adding or
 * removing a length-1 axis, merging a group of axes into one and splitting it again. None of these communicate: a
 * split axis may only be the first axis of a merged group, so each process's slab stays one contiguous range of the
 * merged axis (its count times the product of the group's other extents).
 *
 * <pre>{@code DNDarray m = Dnd.merge(x, 1, 3);   // (a, b, c, d) -> (a, b*c, d) }</pre>
 */
final class Dnd {
    private Dnd() { }

    /** A distributed array from this process's part {@code local}; {@code counts} along {@code split} (ignored when split < 0). */
    static DNDarray wrap(Tensor local, long[] g, int split, long[] counts, DNDarray like) {
        return wrap(local, g, split, counts, like.comm(), like.device());
    }

    /** {@link #wrap(Tensor, long[], int, long[], DNDarray)} on an explicit communicator and device. */
    static DNDarray wrap(Tensor local, long[] g, int split, long[] counts, Communication comm, Device device) {
        long[][] map = new long[comm.size()][];
        for (int r = 0; r < map.length; r++) {
            map[r] = g.clone();
            if (split >= 0) map[r][split] = counts[r];
        }
        return new DNDarray(local, g, split < 0 ? null : split, comm, device, split < 0 ? null : map);
    }

    /**
     * x converted to t (x itself when it has t), distributed like it. Local. Real operands of complex products are
     * converted here: DNDarray.astype does not take complex targets yet.
     */
    static DNDarray astype(DNDarray x, DType t) {
        if (x.dtype() == t) return x;
        if (!t.isComplex()) return x.astype(t);
        return wrap(x.larray().astype(t), x.gshape(), x.splitAxis(), counts(x), x);
    }

    /** The complex conjugate of x, distributed like it (local; a copy for real types). */
    static DNDarray conj(DNDarray x) {
        return wrap(org.jheat.tensor.LocalLinalg.conj(x.larray()), x.gshape(), x.splitAxis(), counts(x), x);
    }

    /**
     * A process-local LAPACK step on a's own matrices: when a is split (along a batch axis, so each process holds other
     * matrices) on several processes, a failure on one (a singular matrix, NaN) is agreed on and thrown on every
     * process ({@link org.jheat.core.Validation#agreeOn}); otherwise every process computes the same and fails alike.
     * <pre>{@code Tensor x = Dnd.agreeLocal(a, () -> LocalLinalg.inv(a.larray())); }</pre>
     */
    static <T> T agreeLocal(DNDarray a, java.util.function.Supplier<T> step) {
        return a.splitAxis() >= 0 && a.comm().size() > 1 ? org.jheat.core.Validation.agreeOn(a.comm(), step) : step.get();
    }

    /** The counts along the split axis (null when replicated). */
    static long[] counts(DNDarray x) {
        return x.splitAxis() < 0 ? null : x.countsDispls()[0];
    }

    /** Balanced counts of {@code n} in units of {@code gran} (n must be a multiple of gran). */
    static long[] granularCounts(long n, long gran, int p) {
        long[] c = Distribution.counts(gran == 0 ? 0 : n / gran, p);
        for (int i = 0; i < p; i++) c[i] *= gran;
        return c;
    }

    /** x with a new length-1 axis at {@code axis} (a view). */
    static DNDarray unsqueeze(DNDarray x, int axis) {
        long[] g = insert(x.gshape(), axis, 1);
        int s = x.splitAxis();
        int ns = s < 0 ? -1 : s >= axis ? s + 1 : s;
        return wrap(x.larray().unsqueeze(axis), g, ns, counts(x), x);
    }

    /** x without its length-1 axis {@code axis} (a view); the axis must not be the split axis. */
    static DNDarray squeeze(DNDarray x, int axis) {
        int s = x.splitAxis();
        if (s == axis) throw new IllegalStateException("squeeze of the split axis " + axis);
        long[] g = remove(x.gshape(), axis);
        int ns = s < 0 ? -1 : s > axis ? s - 1 : s;
        return wrap(x.larray().squeeze(axis), g, ns, counts(x), x);
    }

    /**
     * x with axes [from, to) merged into one (local reshape, a copy when the local data is not contiguous). The split
     * axis must lie outside the group or be its first axis.
     */
    static DNDarray merge(DNDarray x, int from, int to) {
        if (to - from == 1) return x;
        long[] g = x.gshape(), l = x.lshape();
        int s = x.splitAxis();
        if (s > from && s < to) throw new IllegalStateException("merge: split axis " + s + " inside the group [" + from + ", " + to + ")");
        long rest = 1;
        for (int d = from + 1; d < to; d++) rest *= g[d];
        long[] ng = mergeShape(g, from, to), nl = mergeShape(l, from, to);
        int ns = s < 0 ? -1 : s < from ? s : s == from ? from : s - (to - from - 1);
        long[] c = counts(x);
        if (s == from) {
            c = c.clone();
            for (int r = 0; r < c.length; r++) c[r] *= rest;
        }
        return wrap(x.larray().reshape(nl), ng, ns, c, x);
    }

    /** Axis {@code axis} of x split into {@code shape} (a view); a split there must have counts divisible accordingly. */
    static DNDarray unmerge(DNDarray x, int axis, long[] shape) {
        if (shape.length == 1) return x;
        long[] g = x.gshape(), l = x.lshape();
        int s = x.splitAxis();
        long rest = 1;
        for (int d = 1; d < shape.length; d++) rest *= shape[d];
        long[] ng = replace(g, axis, shape);
        long[] ls = shape.clone();
        long[] c = counts(x);
        if (s == axis) {
            c = c.clone();
            for (int r = 0; r < c.length; r++) {
                if (rest != 0 && c[r] % rest != 0) throw new IllegalStateException("unmerge: count " + c[r] + " is not a multiple of " + rest);
                c[r] = rest == 0 ? 0 : c[r] / rest;
            }
            ls[0] = c[x.comm().rank()];
            if (rest == 0) ls[0] = shape[0];
        }
        long[] nl = replace(l, axis, ls);
        int ns = s < 0 ? -1 : s <= axis ? s : s + shape.length - 1;
        if (s == axis && rest == 0) {
            // an empty group: keep the first extent whole on every rank is impossible; put it on rank 0
            c = new long[c.length];
            c[0] = shape[0];
            if (x.comm().rank() != 0) nl[axis] = 0;
        }
        return wrap(x.larray().reshape(nl), ng, ns, c, x);
    }

    static long[] mergeShape(long[] s, int from, int to) {
        long prod = 1;
        for (int d = from; d < to; d++) prod *= s[d];
        long[] r = new long[s.length - (to - from) + 1];
        System.arraycopy(s, 0, r, 0, from);
        r[from] = prod;
        System.arraycopy(s, to, r, from + 1, s.length - to);
        return r;
    }

    static long[] replace(long[] s, int axis, long[] with) {
        long[] r = new long[s.length - 1 + with.length];
        System.arraycopy(s, 0, r, 0, axis);
        System.arraycopy(with, 0, r, axis, with.length);
        System.arraycopy(s, axis + 1, r, axis + with.length, s.length - axis - 1);
        return r;
    }

    static long[] insert(long[] s, int axis, long v) {
        long[] r = new long[s.length + 1];
        System.arraycopy(s, 0, r, 0, axis);
        r[axis] = v;
        System.arraycopy(s, axis, r, axis + 1, s.length - axis);
        return r;
    }

    static long[] remove(long[] s, int axis) {
        long[] r = new long[s.length - 1];
        System.arraycopy(s, 0, r, 0, axis);
        System.arraycopy(s, axis + 1, r, axis, s.length - axis - 1);
        return r;
    }

    /** True when both hold the same values. */
    static boolean same(long[] a, long[] b) {
        return Arrays.equals(a, b);
    }
}
