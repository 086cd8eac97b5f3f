package org.jheat.linalg;

import java.util.Arrays;
import java.util.Set;

import org.jheat.core.Arithmetics;
import org.jheat.core.Complexes;
import org.jheat.core.DNDarray;
import org.jheat.core.Joining;
import org.jheat.core.Manipulations;
import org.jheat.core.Shaping;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;

/**
 * The small products and matrix helpers of numpy's linalg: vdot, vecdot, outer, cross, trace, transposes,
 * projection. Each is a few distributed operations; the result splits are in each method's comment.
 *
 * <pre>{@code DNDarray t = Basics.trace(m, 0, 0, 1); }</pre>
 */
final class Basics {
    private Basics() { }

    /**
     * numpy's {@code vdot}: the sum of products of the flattened operands (same size, any shapes; complex: the first
     * operand conjugated). A single
     * contraction of all axes: local products, one allreduce; replicated 0-d result.
     */
    static DNDarray vdot(DNDarray a, DNDarray b) {
        Matmul.resultType(a, b, "vdot");
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("vdot: operands must have the same number of elements, got shapes " + Shapes.str(a.gshape())
                    + " (" + a.size() + ") and " + Shapes.str(b.gshape()) + " (" + b.size() + ")");
        }
        DType t = DType.promoteTypes(a.dtype(), b.dtype());
        DNDarray x = Dnd.astype(a, t), y = Dnd.astype(b, t);
        if (t.isComplex()) x = Dnd.conj(x);   // numpy's vdot conjugates its first operand
        if (!Arrays.equals(x.gshape(), y.gshape())) y = Shaping.reshape(y, x.gshape());
        int nd = x.ndim();
        int[] labels = new int[nd];
        for (int i = 0; i < nd; i++) labels[i] = i;
        if (nd == 0) return Arithmetics.mul(x, y);
        return Contractions.contract(new Contractions.Labeled(x, labels), new Contractions.Labeled(y, labels.clone()), Set.of()).x();
    }

    /**
     * numpy 2's {@code vecdot}: {@code sum(conj(x1) * x2, axis)} over an axis of the broadcast operands (conj only for
     * complex x1), in the operands' result dtype (integers wrap, bool is "any"). Element-wise product and a reduction:
     * the result is split like the product, replicated when its split axis is the summed one.
     */
    static DNDarray vecdot(DNDarray x1, DNDarray x2, int axis, boolean keepDims) {
        long[] g;
        try {
            g = Shapes.broadcast(x1.gshape(), x2.gshape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vecdot: shapes " + Shapes.str(x1.gshape()) + " and " + Shapes.str(x2.gshape()) + " do not broadcast");
        }
        if (g.length == 0) throw new IllegalArgumentException("vecdot: operands must have at least one dimension");
        int ax = Shapes.normalizeAxis(axis, g.length, "vecdot axis");
        int a1 = ax - (g.length - x1.ndim()), a2 = ax - (g.length - x2.ndim());
        long e1 = a1 >= 0 ? x1.gshape()[a1] : 1, e2 = a2 >= 0 ? x2.gshape()[a2] : 1;
        if (e1 != e2) {
            throw new IllegalArgumentException("vecdot: the vectors along axis " + axis + " have different lengths: " + e1 + " in "
                    + Shapes.str(x1.gshape()) + " and " + e2 + " in " + Shapes.str(x2.gshape()));
        }
        DType t = DType.promoteTypes(x1.dtype(), x2.dtype());
        DNDarray s = Arithmetics.sum(Arithmetics.mul(x1.dtype().isComplex() ? Complexes.conj(x1) : x1, x2), new int[] {ax}, keepDims);
        return s.dtype() == t ? s : s.astype(t);
    }

    /**
     * numpy's {@code outer}: {@code out[i, j] = a.flat[i] * b.flat[j]}. Split a gives a row-split result (b is
     * gathered: every row block needs all of it), else a split b gives a column-split result; no other data moves.
     */
    static DNDarray outer(DNDarray a, DNDarray b) {
        DNDarray x = a.ndim() == 1 ? a : Shaping.flatten(a), y = b.ndim() == 1 ? b : Shaping.flatten(b);
        if (x.split() != null && y.split() != null) y = y.resplit(null);
        return Arithmetics.mul(Dnd.unsqueeze(x, 1), Dnd.unsqueeze(y, 0));
    }

    /**
     * numpy's {@code cross(a, b, axisa, axisb, axisc)}: 2- or 3-vectors along axisa / axisb, the other axes broadcast;
     * two 2-vectors give the z component only. A split along a vector axis is moved to another axis first (one
     * resplit; replicated for 1-D input); otherwise element-wise operations on views, split like the broadcast.
     */
    static DNDarray cross(DNDarray a, DNDarray b, int axisa, int axisb, int axisc) {
        DType t = Matmul.resultType(a, b, "cross");
        if (t == DType.BOOL) throw new IllegalArgumentException("cross: bool operands are not supported (numpy cannot subtract booleans)");
        if (a.ndim() == 0 || b.ndim() == 0) throw new IllegalArgumentException("cross: operands must have at least one dimension");
        int aa = Shapes.normalizeAxis(axisa, a.ndim(), "axisa"), ab = Shapes.normalizeAxis(axisb, b.ndim(), "axisb");
        long da = a.gshape()[aa], db = b.gshape()[ab];
        if (da != 2 && da != 3 || db != 2 && db != 3) {
            throw new IllegalArgumentException("cross: incompatible dimensions for cross product (dimension must be 2 or 3), got " + da
                    + " along axis " + axisa + " of " + Shapes.str(a.gshape()) + " and " + db + " along axis " + axisb + " of "
                    + Shapes.str(b.gshape()));
        }
        long[] ra = Dnd.remove(a.gshape(), aa), rb = Dnd.remove(b.gshape(), ab);
        long[] g;
        try {
            g = Shapes.broadcast(ra, rb);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cross: the non-vector axes " + Shapes.str(ra) + " and " + Shapes.str(rb) + " do not broadcast");
        }
        int outNd = g.length + (da == 2 && db == 2 ? 0 : 1);
        int ac = outNd == g.length ? 0 : Shapes.normalizeAxis(axisc, outNd, "axisc");
        DNDarray x = vectorsLast(a, aa), y = vectorsLast(b, ab);
        DNDarray[] u = components(x, (int) da), v = components(y, (int) db);
        DNDarray z = Arithmetics.sub(Arithmetics.mul(u[0], v[1]), Arithmetics.mul(u[1], v[0]));
        if (outNd == g.length) return z.dtype() == t ? z : z.astype(t);
        DNDarray cx, cy;
        if (da == 3 && db == 3) {
            cx = Arithmetics.sub(Arithmetics.mul(u[1], v[2]), Arithmetics.mul(u[2], v[1]));
            cy = Arithmetics.sub(Arithmetics.mul(u[2], v[0]), Arithmetics.mul(u[0], v[2]));
        } else if (da == 3) {   // b's z is 0
            cx = Arithmetics.neg(Arithmetics.mul(u[2], v[1]));
            cy = Arithmetics.mul(u[2], v[0]);
        } else {                // a's z is 0
            cx = Arithmetics.mul(u[1], v[2]);
            cy = Arithmetics.neg(Arithmetics.mul(u[0], v[2]));
        }
        DNDarray[] parts = {cx, cy, z};
        for (int i = 0; i < 3; i++) {
            if (!Arrays.equals(parts[i].gshape(), g)) parts[i] = Shaping.broadcastTo(parts[i], g);
            if (parts[i].dtype() != t) parts[i] = parts[i].astype(t);
        }
        DNDarray r = Joining.stack(parts, g.length);
        return ac == g.length ? r : Shaping.moveaxis(r, g.length, ac);
    }

    /** x with the vector axis last and not split (a resplit when it was). */
    private static DNDarray vectorsLast(DNDarray x, int axis) {
        int nd = x.ndim();
        if (x.splitAxis() == axis) x = x.resplit(nd == 1 ? null : axis == 0 ? 1 : 0);
        return axis == nd - 1 ? x : Shaping.moveaxis(x, axis, nd - 1);
    }

    /** The components along the (unsplit) last axis, as views. */
    private static DNDarray[] components(DNDarray x, int n) {
        DNDarray[] c = new DNDarray[n];
        int last = x.ndim() - 1;
        long[] g = Dnd.remove(x.gshape(), last);
        for (int i = 0; i < n; i++) c[i] = Dnd.wrap(x.larray().select(last, i), g, x.splitAxis(), Dnd.counts(x), x);
        return c;
    }

    /**
     * numpy's {@code trace(a, offset, axis1, axis2)}: sums of diagonals, dtype as numpy's sum. Each process sums the
     * diagonal elements it holds (an allreduce when the plane is split); otherwise split like the remaining axes.
     */
    static DNDarray trace(DNDarray a, long offset, int axis1, int axis2) {
        if (a.ndim() < 2) throw new IllegalArgumentException("trace: array must have at least two dimensions, got shape " + Shapes.str(a.gshape()));
        DNDarray d = Manipulations.diagonal(a, offset, axis1, axis2);
        return Arithmetics.sum(d, new int[] {d.ndim() - 1}, false);
    }

    /** numpy 2's {@code matrix_transpose}: the last two axes swapped (a view; the split axis moves with its data). */
    static DNDarray matrixTranspose(DNDarray x) {
        if (x.ndim() < 2) {
            throw new IllegalArgumentException("matrixTranspose: array must have at least two dimensions, got shape " + Shapes.str(x.gshape()));
        }
        return Shaping.swapaxes(x, -2, -1);
    }

    /**
     * Heat's {@code projection(a, b)}: the projection of vector a onto vector b, {@code (a·b / b·b) b}; split like b.
     */
    static DNDarray projection(DNDarray a, DNDarray b) {
        if (a.ndim() != 1 || b.ndim() != 1) {
            throw new IllegalArgumentException("projection: a and b must be vectors (1-D), got shapes " + Shapes.str(a.gshape()) + " and "
                    + Shapes.str(b.gshape()));
        }
        if (a.gshape()[0] != b.gshape()[0]) {
            throw new IllegalArgumentException("projection: a and b must have the same length, got " + a.gshape()[0] + " and " + b.gshape()[0]);
        }
        return Arithmetics.mul(Arithmetics.div(vdot(a, b), vdot(b, b)), b);
    }
}
