package org.jheat.linalg;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Exponential;
import org.jheat.core.Relational;
import org.jheat.core.Rounding;
import org.jheat.core.Shaping;
import org.jheat.core.Statistics;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * numpy's {@code linalg.norm}, {@code vector_norm} and {@code matrix_norm}. Element-wise operations and
 * reductions of the core (local, then one allreduce when the split axis is reduced), except the singular-value
 * norms (2, -2, "nuc"), which reduce each matrix split along its longer axis to the R factor of {@link Tsqr}
 * (a binary tree of R factors, min(n, m)² each) and take the singular values of that R. Integer and bool input is converted to float64,
 * as numpy does. Every order is checked before any communication.
 *
 * <pre>{@code
 * DNDarray f = Norms.norm(x, null, null, false);        // Frobenius / 2-norm of the flattened array
 * DNDarray c = Norms.vectorNorm(x, 1, new int[]{0}, false);
 * DNDarray s = Norms.matrixNorm(m, 2, new int[]{0, 1}, false);
 * }</pre>
 */
final class Norms {
    private Norms() { }

    /** x as a float array; a complex x as |x| (float32 for complex64, float64 for complex128), which every norm but the 2/-2/nuclear matrix norms depends on only. */
    private static DNDarray floating(DNDarray x, String op) {
        if (x.dtype().isComplex()) return complexAbs(x);
        return x.dtype().isFloat() ? x : x.astype(DType.FLOAT64);
    }

    /**
     * |z| of a complex array, distributed like it: its memory read as a trailing axis of (real, imaginary) pairs, the
     * squares summed along that (local) axis.
     */
    private static DNDarray complexAbs(DNDarray z) {
        long[] g = Arrays.copyOf(z.gshape(), z.ndim() + 1);
        g[z.ndim()] = 2;
        DNDarray p = Dnd.wrap(LocalLinalg.viewAsReal(z.larray()), g, z.splitAxis(), Dnd.counts(z), z);
        return Exponential.sqrt(Arithmetics.sum(Arithmetics.mul(p, p), new int[] {z.ndim()}, false));
    }

    /** Whether the 2-norm of all of f may come from a BLAS dot of each slab: real float data, sums not made reproducible. */
    private static boolean byDot(DNDarray f) {
        return (f.dtype() == DType.FLOAT64 || f.dtype() == DType.FLOAT32) && f.ndim() > 0 && !org.jheat.core.Reproducible.isOn();
    }

    /**
     * ‖f‖ over all elements, replicated 0-d in f's dtype: each slab's sum of squares by a BLAS dot (float32 summed in
     * float64, rounded once) and one allreduce, without the full-size temporary of the square.
     */
    private static DNDarray frobenius(DNDarray f) {
        double ss = Hsvd.sumOfSquares(f);
        if (f.splitAxis() >= 0 && f.comm().size() > 1) ss = f.comm().allreduce(ss, org.jheat.comm.ReduceOp.SUM);
        return Dnd.wrap(f.larray().newFull(f.dtype(), Math.sqrt(ss)), new long[0], -1, null, f);
    }

    private static int[] axesOf(int[] axes, int nd, String op) {
        if (axes == null) {
            int[] all = new int[nd];
            for (int i = 0; i < nd; i++) all[i] = i;
            return all;
        }
        int[] r = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            r[i] = Shapes.normalizeAxis(axes[i], nd, op + " axis");
            for (int j = 0; j < i; j++) {
                if (r[j] == r[i]) throw new IllegalArgumentException(op + ": duplicate axis " + axes[i] + " in " + Arrays.toString(axes));
            }
        }
        return r;
    }

    /**
     * The vector norm of order {@code ord} over {@code axes} (null: all, the array flattened): 2 (Euclidean), inf
     * (max |x|), -inf (min |x|), 0 (count of nonzeros, as a float), 1, and any other p: (Σ|x|^p)^(1/p).
     */
    static DNDarray vectorNorm(DNDarray x, double ord, int[] axes, boolean keepDims) {
        if (Double.isNaN(ord)) throw new IllegalArgumentException("vectorNorm: invalid norm order NaN");
        int[] ax = axesOf(axes, x.ndim(), "vectorNorm");
        DNDarray f = floating(x, "vectorNorm");
        if (ord == 2 && ax.length == x.ndim() && !keepDims && byDot(f)) return frobenius(f);
        if (ord == 2) return Exponential.sqrt(Arithmetics.sum(Arithmetics.mul(f, f), ax, keepDims));
        if (ord == Double.POSITIVE_INFINITY) {
            // numpy 2 takes the max with initial 0, so an empty reduction is 0 (the sum of nothing), not an error
            return reducedSize(f, ax) == 0 ? Arithmetics.sum(Rounding.abs(f), ax, keepDims) : Statistics.max(Rounding.abs(f), ax, keepDims);
        }
        if (ord == Double.NEGATIVE_INFINITY) return Statistics.min(Rounding.abs(f), ax, keepDims);
        if (ord == 0) return Arithmetics.sum(Relational.ne(f, 0), ax, keepDims).astype(f.dtype());
        if (ord == 1) return Arithmetics.sum(Rounding.abs(f), ax, keepDims);
        DNDarray s = Arithmetics.sum(Arithmetics.pow(Rounding.abs(f), ord), ax, keepDims);
        return Arithmetics.pow(s, 1.0 / ord);
    }

    /** The number of elements each result of a reduction over {@code axes} combines. */
    private static long reducedSize(DNDarray x, int[] axes) {
        long n = 1;
        for (int a : axes) n *= x.gshape()[a];
        return n;
    }

    /** A matrix norm order: "fro", "nuc", or ±1, ±2, ±inf. */
    private static Object matrixOrd(Object ord, String op) {
        if (ord == null) return "fro";
        if (ord instanceof String s) {
            if (s.equals("fro") || s.equals("nuc")) return s;
            throw new IllegalArgumentException(op + ": invalid norm order '" + s + "' for matrices; allowed: 'fro', 'nuc', 1, -1, 2, -2, inf, -inf");
        }
        if (ord instanceof Number n) {
            double d = n.doubleValue();
            if (d == 1 || d == -1 || d == 2 || d == -2 || Double.isInfinite(d)) return d;
            throw new IllegalArgumentException(op + ": invalid norm order " + n + " for matrices; allowed: 'fro', 'nuc', 1, -1, 2, -2, inf, -inf");
        }
        throw new IllegalArgumentException(op + ": norm order must be a number or 'fro' / 'nuc', got " + ord.getClass().getName());
    }

    /**
     * The matrix norm of order {@code ord} of the matrices in the plane {@code axes} (null: the last two): "fro"
     * (default), "nuc" (sum of singular values), 1 / -1 (max / min column sum of |x|), inf / -inf (max / min row
     * sum), 2 / -2 (largest / smallest singular value).
     */
    static DNDarray matrixNorm(DNDarray x, Object ord, int[] axes, boolean keepDims) {
        Object o = matrixOrd(ord, "matrixNorm");
        if (x.ndim() < 2) throw new IllegalArgumentException("matrixNorm: array must have at least two dimensions, got shape " + Shapes.str(x.gshape()));
        int[] ax = axes == null ? new int[] {x.ndim() - 2, x.ndim() - 1} : axesOf(axes, x.ndim(), "matrixNorm");
        if (ax.length != 2) throw new IllegalArgumentException("matrixNorm: axes must name two axes, got " + Arrays.toString(axes));
        int row = ax[0], col = ax[1];
        boolean bySvd = !o.equals("fro") && !(o instanceof Double d0 && (d0 == 1 || d0 == -1 || Double.isInfinite(d0)));
        // singular values come from the complex matrix itself, the other norms from |x|
        DNDarray f = bySvd && x.dtype().isComplex() ? x : floating(x, "matrixNorm");
        DNDarray r;
        if (o.equals("fro") && f.ndim() == 2 && byDot(f)) {
            r = frobenius(f);
        } else if (o.equals("fro")) {
            r = Exponential.sqrt(Arithmetics.sum(Arithmetics.mul(f, f), ax, false));
        } else if (o instanceof Double d && (d == 1 || d == -1 || Double.isInfinite(d))) {
            // 1: column sums (sum over rows), then the max over columns; inf: row sums, then the max over rows
            boolean cols = Math.abs(d) == 1;
            int sumAxis = cols ? row : col, other = cols ? col : row;
            DNDarray s = Arithmetics.sum(Rounding.abs(f), new int[] {sumAxis}, false);
            int o2 = other > sumAxis ? other - 1 : other;
            r = d < 0 ? Statistics.min(s, new int[] {o2}, false)
                    : s.gshape()[o2] == 0 ? Arithmetics.sum(s, new int[] {o2}, false) : Statistics.max(s, new int[] {o2}, false);   // numpy 2: max with initial 0
        } else {
            DNDarray sv = singularValues(f, row, col);
            int last = sv.ndim() - 1;
            if (o.equals("nuc")) {
                r = Arithmetics.sum(sv, new int[] {last}, false);
            } else {
                double d = (Double) o;
                if (sv.gshape()[last] == 0 && d < 0) {
                    throw new IllegalArgumentException("matrixNorm: the " + o + "-norm of an empty matrix is undefined (shape " + Shapes.str(x.gshape())
                            + "): zero-size array to reduction operation minimum which has no identity");
                }
                // numpy 2: the 2-norm of an empty matrix is the max with initial 0
                r = d < 0 ? Statistics.min(sv, new int[] {last}, false)
                        : sv.gshape()[last] == 0 ? Arithmetics.sum(sv, new int[] {last}, false) : Statistics.max(sv, new int[] {last}, false);
            }
        }
        if (!keepDims) return r;
        int lo = Math.min(row, col), hi = Math.max(row, col);
        return Shaping.expandDims(Shaping.expandDims(r, lo), hi);
    }

    /**
     * numpy's {@code linalg.norm(x, ord, axis, keepdims)}: axis null with ord null is the 2-norm of the flattened array;
     * axis null with an order needs a 1-D (vector norm) or 2-D array (matrix norm); one axis is a vector norm, two a
     * matrix norm. {@code ord} is null, a Number (±Infinity for ±inf) or "fro" / "nuc".
     */
    static DNDarray norm(DNDarray x, Object ord, int[] axis, boolean keepDims) {
        if (ord != null && !(ord instanceof Number) && !(ord instanceof String)) {
            throw new IllegalArgumentException("norm: order must be null, a number, 'fro' or 'nuc', got " + ord.getClass().getName());
        }
        if (axis == null) {
            if (ord == null) {
                DNDarray r = vectorNorm(x, 2, null, false);
                if (!keepDims) return r;
                long[] ones = new long[x.ndim()];
                Arrays.fill(ones, 1);
                return Shaping.reshape(r, ones);
            }
            if (x.ndim() == 1) return vectorOrd(x, ord, new int[] {0}, keepDims);
            if (x.ndim() == 2) return matrixNorm(x, ord, new int[] {0, 1}, keepDims);
            throw new IllegalArgumentException("norm: improper number of dimensions to norm: an order needs a 1-D or 2-D array or an axis, got shape "
                    + Shapes.str(x.gshape()));
        }
        if (axis.length == 1) return vectorOrd(x, ord, axis, keepDims);
        if (axis.length == 2) return matrixNorm(x, ord, axis, keepDims);
        throw new IllegalArgumentException("norm: improper number of dimensions to norm: axis must name 1 or 2 axes, got " + Arrays.toString(axis));
    }

    private static DNDarray vectorOrd(DNDarray x, Object ord, int[] axis, boolean keepDims) {
        if (ord instanceof String s) {
            throw new IllegalArgumentException("norm: invalid norm order '" + s + "' for vectors; allowed: any number, inf, -inf");
        }
        return vectorNorm(x, ord == null ? 2 : ((Number) ord).doubleValue(), axis, keepDims);
    }

    // ------------------------------------------------------------------------------------------------ singular values

    /**
     * The singular values (descending) of the matrices in the plane (row, col) of x, shape (other axes…, min(n, m)):
     * split like x along another axis (local SVDs), replicated when x is split along the plane (tall-skinny QR per
     * matrix, see the class comment).
     */
    static DNDarray singularValues(DNDarray x, int row, int col) {
        int nd = x.ndim();
        int[] perm = new int[nd];
        for (int d = 0, k = 0; d < nd; d++) if (d != row && d != col) perm[k++] = d;
        perm[nd - 2] = row;
        perm[nd - 1] = col;
        DNDarray m = x.permute(perm);
        long[] g = m.gshape();
        long n = g[nd - 2], c = g[nd - 1], k = Math.min(n, c);
        long[] og = Arrays.copyOf(g, nd - 1);
        og[nd - 2] = k;
        int s = m.splitAxis();
        Communication comm = m.comm();
        if (s < nd - 2 || comm.size() == 1) {
            DNDarray mm = m;
            Tensor sv = Dnd.agreeLocal(m, () -> LocalLinalg.svd(mm.larray(), false, false).s());
            return s < nd - 2 ? Dnd.wrap(sv, og, s, Dnd.counts(m), m) : Dnd.wrap(sv, og, -1, null, m);
        }
        // split along the plane: along the longer of its axes, so that the R factors are small
        boolean rows = s == nd - 2;
        if (rows && n < c || !rows && c < n) {
            m = m.resplit(rows ? nd - 1 : nd - 2);
            rows = !rows;
        }
        long[] batch = Arrays.copyOf(g, nd - 2);
        Tensor out = m.larray().newEmpty(Solvers.realOf(m.dtype()), og);
        long count = Shapes.size(batch);
        long[][] cd = m.countsDispls();
        long[] idx = new long[batch.length];
        for (long q = 0; q < count; q++) {
            Tensor mat = Blocks.at(m.larray(), idx);
            if (!rows) mat = mat.transpose();
            Tensor sv = tsqrSingularValues(comm, mat, cd[0], rows ? c : n);
            Blocks.at(out, idx).copyFrom(sv);
            for (int d = batch.length - 1; d >= 0; d--) {
                if (++idx[d] < batch[d]) break;
                idx[d] = 0;
            }
        }
        return Dnd.wrap(out, og, -1, null, m);
    }

    /** Singular values of the matrix whose row slabs (counts) the processes hold as {@code local} (rows × width): of TSQR's R. */
    private static Tensor tsqrSingularValues(Communication comm, Tensor local, long[] counts, long width) {
        Tensor r = Tsqr.factor(comm, local, counts, width, false).r();
        Tensor s = LocalLinalg.svd(r, false, false).s();
        r.storage().free();
        return s;
    }
}
