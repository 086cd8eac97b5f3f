package org.jheat.core;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.tensor.DType;
import org.jheat.tensor.ReproSum;
import org.jheat.tensor.Tensor;

/**
 * Reproducible reductions: with the switch on, float sums — and what is built on them: mean, var, std, the vector
 * 2-norm and the dot product of vectors — give the same bits for any process count, split and thread count. Each
 * element is rounded to a grid 2^-64 below the bin of the largest magnitude (at least 2^-64 of it: finer than a
 * float64's own precision), the rounded values are added exactly (see {@link ReproSum}: integer parts on a fixed
 * exponent grid; processes align their windows with one MAX and add their int64 bin totals with one exact SUM), and
 * the total is rounded once — so these sums are also more accurate than numpy's pairwise ones, and exactly the
 * correctly rounded sum when the magnitudes span less than 2^64. Off by default; {@code JHEAT_REPRODUCIBLE=1} or
 * {@link #set(boolean)} turns it on (on every process alike: it changes which collectives a reduction makes).
 *
 * <pre>{@code
 * Reproducible.set(true);
 * double s = Heat.sum(x).itemDouble();   // the same bits at np 1, 2, 3, 4 and for every split of x
 * }</pre>
 */
public final class Reproducible {
    private static volatile boolean on = "1".equals(System.getenv("JHEAT_REPRODUCIBLE"));

    private Reproducible() { }

    /** Turns reproducible reductions on or off (every process must do the same). <pre>{@code Reproducible.set(true); }</pre> */
    public static void set(boolean enabled) { on = enabled; }

    /** Whether reproducible reductions are on. <pre>{@code if (Reproducible.isOn()) … }</pre> */
    public static boolean isOn() { return on; }

    /** True when {@code sum} of a real {@code in} into {@code out} takes the reproducible path. */
    static boolean applies(DType in, DType out) {
        return on && !in.isComplex() && (out == DType.FLOAT64 || out == DType.FLOAT32);
    }

    /** Elements one result element may sum: the int64 bins are exact up to this count (2^31 - 1). */
    static final long MAX_COUNT = (1L << 31) - 1;

    /**
     * Refuses, on every process alike (global shape only, before any communication), a sum whose result elements
     * would each add more than {@link #MAX_COUNT} elements: the exact bins could overflow on some process, or in the
     * cross-process SUM, and an error raised on one process only would leave the others waiting.
     */
    static void checkCount(long[] gshape, boolean[] red) {
        long count = 1;
        for (int d = 0; d < gshape.length; d++) if (red[d]) count = Math.multiplyHigh(count, gshape[d]) != 0 ? Long.MAX_VALUE : count * gshape[d];
        if (count > MAX_COUNT) {
            throw new IllegalArgumentException("reproducible sum: each result element would add " + count + " elements; the exact bins "
                    + "allow at most 2^31 - 1 = " + MAX_COUNT + " per result element. Sum parts of the array and add the parts' sums, "
                    + "or turn reproducible reductions off (Heat.setReproducible(false) / JHEAT_REPRODUCIBLE=0)");
        }
    }

    /**
     * The local result of summing x over {@code red} (this process's kept elements, reduced axes dropped), exact and
     * rounded once to {@code out}; across processes first when {@code global} (the split axis is reduced).
     */
    static Tensor sum(DNDarray x, boolean[] red, boolean global, DType out) {
        checkCount(x.gshape(), red);
        Tensor t = x.larray();
        int nd = t.ndim();
        long[] s = t.shape();
        int first = -1, last = -1;
        for (int d = 0; d < nd; d++) {
            if (red[d]) {
                if (first < 0) first = d;
                last = d;
            }
        }
        boolean block = true;
        for (int d = first; d <= last && d >= 0; d++) block &= red[d];
        Tensor src = t.dtype() == DType.FLOAT64 ? t : t.astype(DType.FLOAT64);
        long outer = 1, n = 1, inner = 1;
        if (block) {
            for (int d = 0; d < nd; d++) {
                if (d < first) outer *= s[d];
                else if (d <= last) n *= s[d];
                else inner *= s[d];
            }
        } else {
            // reduced axes apart: kept axes first, reduced ones last, in one copy
            int[] perm = new int[nd];
            int k = 0;
            for (int d = 0; d < nd; d++) if (!red[d]) { perm[k++] = d; outer *= s[d]; }
            for (int d = 0; d < nd; d++) if (red[d]) { perm[k++] = d; n *= s[d]; }
            src = src.permute(perm);
        }
        Tensor r;
        if (global && outer * inner > 0) {
            ReproSum.States st = ReproSum.states(src.contiguous(), outer, n, inner);
            Communication comm = x.comm();
            Tensor w = st.window().copy();
            comm.allreduce(w, ReduceOp.MAX);
            ReproSum.align(st, w);
            comm.allreduce(st.bins(), ReduceOp.SUM);
            comm.allreduce(st.flags(), ReduceOp.BOR);
            r = ReproSum.finish(st, out);
        } else {
            r = ReproSum.sum(src.contiguous(), outer, n, inner, out);
        }
        r = r.reshape(Operations.reducedShape(s, red, false));
        return t.device().isCpu() ? r : r.to(t.device());
    }
}
