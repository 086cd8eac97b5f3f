package org.jheat.preprocessing;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.core.Operations;
import org.jheat.core.TypeRule;
import org.jheat.core.Validation;
import org.jheat.tensor.DType;
import org.jheat.tensor.ElementFn;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.Tensor;

/** What the scalers share: replicated statistic vectors, the copy-or-in-place target, scikit-learn's zero handling. */
final class Scalers {
    private Scalers() { }

    /** float64 machine epsilon, numpy's {@code finfo(float64).eps}. */
    static final double EPS64 = Math.ulp(1.0);
    /** float32's machine epsilon (numpy's {@code finfo(float32).eps}). */
    static final double EPS32 = Math.ulp(1.0f);

    /** A replicated 1-d float64 array holding {@code v} (no communication), on the communicator and device of {@code like}. */
    static DNDarray vector(double[] v, DNDarray like) {
        return Factories.replicatedLike(v, like);
    }

    /**
     * The array a transform writes into: x itself when {@code copy} is false and x is float32/float64 (in place, as
     * scikit-learn's {@code copy=False}), else a float copy (float32 stays float32, anything else becomes float64).
     */
    static DNDarray target(DNDarray x, boolean copy) {
        DType t = x.dtype();
        if (!copy && t.isFloat()) return x;
        return x.astype(t == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64);
    }

    /** scikit-learn's {@code _handle_zeros_in_scale}: entries below 10·eps (float64) become 1. In place. */
    static double[] handleZeros(double[] scale) {
        return handleZeros(scale, EPS64);
    }

    /** {@link #handleZeros(double[])} with the scale's own dtype's {@code eps} (float32's for float32 data). In place. */
    static double[] handleZeros(double[] scale, double eps) {
        for (int i = 0; i < scale.length; i++) if (scale[i] < 10 * eps) scale[i] = 1.0;
        return scale;
    }

    /** Common checks of transform / inverseTransform input against a fitted feature count. */
    static void checkInput(DNDarray x, long nFeatures, String estimator, String method) {
        if (nFeatures < 0) throw Validation.notFitted(estimator);
        String who = estimator + "." + method;
        Validation.check2d(x, who);
        Validation.checkFeatures(x, nFeatures, who);
    }

    /** The float64 view of x's data for fitting statistics (a converted copy unless it is float64 already). */
    static DNDarray float64(DNDarray x) {
        return x.dtype() == DType.FLOAT64 ? x : x.astype(DType.FLOAT64);
    }

    /**
     * t = fn(t, v) in place, v a replicated statistic vector (f,) broadcast along the rows, or a per-row column (n, 1)
     * with t's row distribution (the Normalizer's norms). For row-split or replicated t
     * this is a purely local kernel call (no metadata exchange either); column-split t goes through core's in-place
     * operation, which slices v to the local columns.
     */
    static DNDarray apply(ElementFn fn, DNDarray t, DNDarray v) {
        if (t.splitAxis() == 1) {
            return Operations.binaryInPlace(fn, fn == Kernels.DIV ? TypeRule.TRUE_DIV : TypeRule.SAME, t, v);
        }
        Tensor local = t.larray();
        long n = local.shape(0), f = local.shape(1);
        long rows = Math.max(1, TILE / Math.max(1, f));   // rows per tile: runs of about TILE elements
        long main = v.ndim() == 1 && local.isContiguous() && rows > 1 ? n / rows * rows : 0;
        if (main > 0) {
            // X as (n/rows, rows·f) against v repeated rows times: long contiguous runs instead of one per row
            Tensor tiled = v.larray().unsqueeze(0).broadcastTo(rows, f).contiguous().reshape(rows * f);
            Tensor body = local.narrow(0, 0, main).reshape(main / rows, rows * f);
            local.backend().elementwise(fn, false, body, body, tiled.broadcastTo(main / rows, rows * f));
        }
        if (main < n) {
            Tensor tail = local.narrow(0, main, n - main);
            local.backend().elementwise(fn, false, tail, tail, v.larray().broadcastTo(tail.shape()));
        }
        return t;
    }

    /** Elements per tile of {@link #apply}. */
    private static final long TILE = 4096;
}
