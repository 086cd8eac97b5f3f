package org.jheat.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Shaping;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;

/**
 * Tensor contractions ({@code tensordot}, {@code dot}, and the pairwise steps of {@code einsum}) reduced to one
 * distributed {@link Matmul#product}: the axes of each operand are labelled, then permuted (views) into
 * (batch…, free…, contracted…) and (batch…, contracted…, free…), the free and contracted groups merged into single
 * axes (local reshapes), multiplied as a batched matrix product, and the free groups split again. All distributed
 * cases of matmul are thereby shared.
 *
 * <p>No data moves for the reshapes: the split axis is placed first in its group, so each process's slab of the
 * merged axis is one contiguous range. The only extra communication: when the two operands are split along two
 * DIFFERENT contracted labels, the smaller one is resplit along the other's label. Result splits follow from the
 * product: a split along a free axis of a stays there (the "R" case), a split along a free axis of b likewise ("M");
 * both split along the same contracted label give the first free axis of a (or of b when a has none) — a
 * reduce-scatter, whose blocks are whole rows of the first free axis.
 *
 * <pre>{@code DNDarray c = Contractions.tensordot(a, b, new int[]{1, 2}, new int[]{0, 1}); }</pre>
 */
final class Contractions {
    private Contractions() { }

    /** An operand with one label per axis. */
    record Labeled(DNDarray x, int[] labels) {
        int axisOf(int label) {
            for (int i = 0; i < labels.length; i++) if (labels[i] == label) return i;
            return -1;
        }

        int splitLabel() {
            int s = x.splitAxis();
            return s < 0 ? Integer.MIN_VALUE : labels[s];
        }
    }

    // ------------------------------------------------------------------------------------------------ tensordot

    /** numpy's {@code tensordot(a, b, axes=N)}: the last N axes of a with the first N of b. */
    static DNDarray tensordot(DNDarray a, DNDarray b, int n) {
        if (n < 0 || n > a.ndim() || n > b.ndim()) {
            throw new IllegalArgumentException("tensordot: axes = " + n + " must be in [0, min(a.ndim, b.ndim)] = [0, "
                    + Math.min(a.ndim(), b.ndim()) + "] for shapes " + Shapes.str(a.gshape()) + " and " + Shapes.str(b.gshape()));
        }
        int[] aa = new int[n], bb = new int[n];
        for (int i = 0; i < n; i++) {
            aa[i] = a.ndim() - n + i;
            bb[i] = i;
        }
        return tensordot(a, b, aa, bb);
    }

    /** numpy's {@code tensordot(a, b, axes=(axesA, axesB))}: sums over the pairs axesA[i], axesB[i]. */
    static DNDarray tensordot(DNDarray a, DNDarray b, int[] axesA, int[] axesB) {
        Matmul.resultType(a, b, "tensordot");
        if (a.comm() != b.comm()) throw new IllegalArgumentException("tensordot: operands live on different communicators");
        if (axesA == null || axesB == null || axesA.length != axesB.length) {
            throw new IllegalArgumentException("tensordot: axes of a and b must be two lists of the same length, got "
                    + Arrays.toString(axesA) + " and " + Arrays.toString(axesB));
        }
        long[] ga = a.gshape(), gb = b.gshape();
        int na = ga.length, nb = gb.length;
        int[] la = new int[na], lb = new int[nb];
        Arrays.fill(lb, -1);
        boolean[] usedA = new boolean[na];
        for (int i = 0; i < na; i++) la[i] = i;
        for (int i = 0; i < axesA.length; i++) {
            int x = normalize(axesA[i], na, "a", ga), y = normalize(axesB[i], nb, "b", gb);
            if (usedA[x] || lb[y] >= 0) {
                throw new IllegalArgumentException("tensordot: repeated axis in " + Arrays.toString(axesA) + " / " + Arrays.toString(axesB));
            }
            if (ga[x] != gb[y]) {
                throw new IllegalArgumentException("tensordot: shape mismatch for sum: axis " + axesA[i] + " of a has " + ga[x]
                        + " elements but axis " + axesB[i] + " of b has " + gb[y] + " (shapes " + Shapes.str(ga) + " and "
                        + Shapes.str(gb) + ")");
            }
            usedA[x] = true;
            lb[y] = x;
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < na; i++) if (!usedA[i]) out.add(i);
        for (int j = 0; j < nb; j++) if (lb[j] < 0) out.add(lb[j] = na + j);
        int[] outLabels = out.stream().mapToInt(Integer::intValue).toArray();
        Labeled r = contract(new Labeled(a, la), new Labeled(b, lb), new LinkedHashSet<>(out));
        return arrange(r, outLabels);
    }

    private static int normalize(int axis, int nd, String which, long[] shape) {
        if (axis < -nd || axis >= nd) {
            throw new IllegalArgumentException("tensordot: axis " + axis + " is out of bounds for " + which + " of shape "
                    + Shapes.str(shape) + " (" + nd + " dimensions)");
        }
        return axis < 0 ? axis + nd : axis;
    }

    /** The labelled result permuted into {@code order} (a view). */
    static DNDarray arrange(Labeled r, int[] order) {
        int[] perm = new int[order.length];
        boolean identity = true;
        for (int i = 0; i < order.length; i++) {
            perm[i] = r.axisOf(order[i]);
            identity &= perm[i] == i;
        }
        return identity ? r.x() : r.x().permute(perm);
    }

    // ------------------------------------------------------------------------------------------------ dot

    /** numpy's {@code dot}: multiply for 0-d, matmul up to 2-D, else a sum over a's last and b's second-to-last axis. */
    static DNDarray dot(DNDarray a, DNDarray b) {
        if (a.ndim() == 0 || b.ndim() == 0) return Arithmetics.mul(a, b);
        if (a.ndim() == 1 && b.ndim() == 1 && org.jheat.core.Reproducible.isOn() && !a.dtype().isComplex() && !b.dtype().isComplex()
                && a.gshape()[0] == b.gshape()[0] && Matmul.resultType(a, b, "dot").isFloat()) {
            return Arithmetics.sum(Arithmetics.mul(a, b));   // exact products' sum: the same bits for any split and np
        }
        if (a.ndim() <= 2 && b.ndim() <= 2 || b.ndim() == 1) {
            long[] ga = a.gshape(), gb = b.gshape();
            int kb = gb.length == 1 ? 0 : gb.length - 2;
            if (ga[ga.length - 1] != gb[kb]) {
                throw new IllegalArgumentException("dot: shapes " + Shapes.str(ga) + " and " + Shapes.str(gb) + " not aligned: "
                        + ga[ga.length - 1] + " (axis " + (ga.length - 1) + " of a) != " + gb[kb] + " (axis " + kb + " of b)");
            }
            return Matmul.matmul(a, b);
        }
        long[] ga = a.gshape(), gb = b.gshape();
        if (ga[ga.length - 1] != gb[gb.length - 2]) {
            throw new IllegalArgumentException("dot: shapes " + Shapes.str(ga) + " and " + Shapes.str(gb) + " not aligned: "
                    + ga[ga.length - 1] + " (axis " + (ga.length - 1) + " of a) != " + gb[gb.length - 2] + " (axis "
                    + (gb.length - 2) + " of b)");
        }
        return tensordot(a, b, new int[] {a.ndim() - 1}, new int[] {b.ndim() - 2});
    }

    // ------------------------------------------------------------------------------------------------ the shared step

    /**
     * The contraction of two labelled operands over the labels they share that are not in {@code keep}; labels in
     * both and in keep are batch labels (broadcast when one extent is 1), labels in one operand only and not in keep
     * are summed out first. Operands must already have the result dtype and no repeated labels. The result carries
     * the labels (batch…, free of x…, free of y…).
     */
    static Labeled contract(Labeled x, Labeled y, Set<Integer> keep) {
        // a label shared with extent 1 on one side and not kept: that side's axis is dropped, the other sums over it
        for (int lab : x.labels().clone()) {
            int ax = x.axisOf(lab), ay = y.axisOf(lab);
            if (ay < 0 || keep.contains(lab)) continue;
            long ex = x.x().gshape()[ax], ey = y.x().gshape()[ay];
            if (ex == 1 && ey != 1) x = drop(x, ax);
            else if (ey == 1 && ex != 1) y = drop(y, ay);
        }
        x = sumOut(x, y, keep);
        y = sumOut(y, x, keep);
        List<Integer> batch = new ArrayList<>(), contracted = new ArrayList<>(), freeX = new ArrayList<>(), freeY = new ArrayList<>();
        for (int lab : x.labels()) {
            if (y.axisOf(lab) < 0) freeX.add(lab);
            else if (keep.contains(lab)) batch.add(lab);
            else contracted.add(lab);
        }
        for (int lab : y.labels()) if (x.axisOf(lab) < 0) freeY.add(lab);
        int sx = x.splitLabel(), sy = y.splitLabel();
        if (contracted.contains(sx) && contracted.contains(sy) && sx != sy) {
            // split along two different summed labels: the smaller operand follows the other
            if (y.x().size() <= x.x().size()) y = new Labeled(y.x().resplit(y.axisOf(sx)), y.labels());
            else x = new Labeled(x.x().resplit(x.axisOf(sy)), x.labels());
            sx = x.splitLabel();
            sy = y.splitLabel();
        }
        int lead = contracted.contains(sx) ? sx : contracted.contains(sy) ? sy : Integer.MIN_VALUE;
        front(contracted, lead);
        front(freeX, sx);
        front(freeY, sy);
        int nb = batch.size();
        // x -> (batch…, freeX…, contracted…), y -> (batch…, contracted…, freeY…)
        DNDarray xp = permuted(x, batch, freeX, contracted), yp = permuted(y, batch, contracted, freeY);
        boolean nP = freeX.isEmpty(), mP = freeY.isEmpty();
        DNDarray xm = group(group(xp, nb, freeX.size()), nb + 1, contracted.size());
        DNDarray ym = group(group(yp, nb, contracted.size()), nb + 1, freeY.size());
        long[] fx = extents(x, freeX), fy = extents(y, freeY);
        long gRow = fx.length == 0 ? 1 : Shapes.size(fx) / Math.max(1, fx[0]);
        long gCol = fy.length == 0 ? 1 : Shapes.size(fy) / Math.max(1, fy[0]);
        if (fx.length > 0 && fx[0] == 0) gRow = 1;
        if (fy.length > 0 && fy[0] == 0) gCol = 1;
        DNDarray c = Matmul.product(xm, ym, nP, mP, gRow, gCol);
        int ob = c.ndim() - 2;
        c = mP ? Dnd.squeeze(c, ob + 1) : Dnd.unmerge(c, ob + 1, fy);
        c = nP ? Dnd.squeeze(c, ob) : Dnd.unmerge(c, ob, fx);
        List<Integer> all = new ArrayList<>(batch);
        all.addAll(freeX);
        all.addAll(freeY);
        int[] labels = all.stream().mapToInt(Integer::intValue).toArray();
        return new Labeled(c, labels);
    }

    /** The labels of x that appear neither in {@code other} nor in {@code keep}, summed out (dtype kept). */
    static Labeled sumOut(Labeled x, Labeled other, Set<Integer> keep) {
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < x.labels().length; i++) {
            int lab = x.labels()[i];
            if (!keep.contains(lab) && (other == null || other.axisOf(lab) < 0)) axes.add(i);
        }
        if (axes.isEmpty()) return x;
        int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
        DType t = x.x().dtype();
        DNDarray s = Arithmetics.sum(x.x(), ax, false);
        if (s.dtype() != t) s = s.astype(t);   // numpy's einsum keeps the operand type (int8 wraps, bool is "any")
        int[] labels = new int[x.labels().length - ax.length];
        for (int i = 0, k = 0; i < x.labels().length; i++) if (!axes.contains(i)) labels[k++] = x.labels()[i];
        return new Labeled(s, labels);
    }

    private static Labeled drop(Labeled x, int axis) {
        DNDarray s = Shaping.squeeze(x.x(), axis);
        int[] labels = new int[x.labels().length - 1];
        for (int i = 0, k = 0; i < x.labels().length; i++) if (i != axis) labels[k++] = x.labels()[i];
        return new Labeled(s, labels);
    }

    private static void front(List<Integer> group, int label) {
        if (group.remove((Integer) label)) group.add(0, label);
    }

    private static long[] extents(Labeled x, List<Integer> labels) {
        long[] g = x.x().gshape();
        long[] e = new long[labels.size()];
        for (int i = 0; i < e.length; i++) e[i] = g[x.axisOf(labels.get(i))];
        return e;
    }

    @SafeVarargs
    private static DNDarray permuted(Labeled x, List<Integer>... groups) {
        int[] perm = new int[x.labels().length];
        int k = 0;
        boolean identity = true;
        for (List<Integer> g : groups) {
            for (int lab : g) {
                perm[k] = x.axisOf(lab);
                identity &= perm[k] == k;
                k++;
            }
        }
        return identity ? x.x() : x.x().permute(perm);
    }

    /** The {@code count} axes starting at {@code from} merged into one (a new length-1 axis when count is 0). */
    private static DNDarray group(DNDarray x, int from, int count) {
        if (count == 0) return Dnd.unsqueeze(x, from);
        return Dnd.merge(x, from, from + count);
    }
}
