package org.jheat.preprocessing;

import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Exponential;
import org.jheat.core.Rounding;
import org.jheat.core.Statistics;
import org.jheat.core.Validation;
import org.jheat.tensor.DType;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.Tensor;

/**
 * Scales each sample (row) to unit norm: "l1" (sum of |x|), "l2" (Euclidean, the default) or "max" (largest |x|)
 * — scikit-learn's {@code Normalizer}, Heat's {@code ht.preprocessing.Normalizer}. Rows whose norm is below
 * 10·eps of the dtype are left as they are (scikit-learn's {@code _handle_zeros_in_scale}).
 *
 * <p>The estimator is stateless: {@link #fit} only checks X and records its feature count. {@link #transform}
 * computes row norms with core's reductions — local for row-split or replicated X, one Allreduce of the partial
 * norms for column-split X — and divides locally. Like scikit-learn's, it rejects NaN and infinity (a collective
 * check). float32 stays float32 (norms in float32, as numpy's), integers become float64.
 *
 * <pre>{@code
 * Normalizer n = new Normalizer("l1");
 * DNDarray y = n.fitTransform(x);          // every row of y sums to 1 in absolute value
 * }</pre>
 */
public final class Normalizer {
    private static final String NAME = "Normalizer";

    private String norm;
    private boolean copy;
    private long nFeatures = -1;

    /** The "l2" norm with copying transforms (scikit-learn's default). <pre>{@code new Normalizer()}</pre> */
    public Normalizer() { this("l2", true); }

    /** The given norm: "l1", "l2" or "max". <pre>{@code new Normalizer("max")}</pre> */
    public Normalizer(String norm) { this(norm, true); }

    /**
     * The given norm and {@code copy} (false: transform float arrays in place).
     * <pre>{@code new Normalizer("l2", false)}</pre>
     *
     * @throws IllegalArgumentException for another norm name
     */
    public Normalizer(String norm, boolean copy) {
        norm(norm);
        this.copy = copy;
    }

    /**
     * Sets the norm; returns this.
     *
     * @throws IllegalArgumentException unless "l1", "l2" or "max"
     */
    public Normalizer norm(String norm) {
        if (!"l1".equals(norm) && !"l2".equals(norm) && !"max".equals(norm)) {
            throw new IllegalArgumentException(NAME + ": '" + norm + "' is not a supported norm; use 'l1', 'l2' or 'max'");
        }
        this.norm = norm;
        return this;
    }
    /** Sets {@code copy}; returns this. */
    public Normalizer copy(boolean copy) { this.copy = copy; return this; }
    /** The norm name. */
    public String norm() { return norm; }
    /** The {@code copy} hyper-parameter. */
    public boolean copy() { return copy; }

    /**
     * Checks X (2-d, finite: collective) and records its feature count; learns nothing else.
     * <pre>{@code n.fit(x); }</pre>
     */
    public Normalizer fit(DNDarray x) {
        String who = NAME + ".fit";
        Validation.check2d(x, who);
        Validation.checkFinite(x, who);
        nFeatures = x.gshape()[1];
        return this;
    }

    /**
     * Each row divided by its norm. Collective when X is split along the columns (the row norms are summed over the
     * processes); otherwise local apart from the finite check.
     * <pre>{@code DNDarray y = n.transform(x); }</pre>
     *
     * @throws IllegalStateException before fit; {@link IllegalArgumentException} for a feature-count mismatch or NaN/infinity
     */
    public DNDarray transform(DNDarray x) {
        Scalers.checkInput(x, nFeatures, NAME, "transform");
        Validation.checkFinite(x, NAME + ".transform");
        DNDarray t = Scalers.target(x, copy);
        int[] rows = {1};
        DNDarray norms = switch (norm) {
            case "l1" -> Arithmetics.sum(Rounding.abs(t), rows, true);
            case "l2" -> Exponential.sqrt(Arithmetics.sum(Arithmetics.mul(t, t), rows, true));
            default -> Statistics.max(Rounding.abs(t), rows, true);
        };
        // _handle_zeros_in_scale on the local norms (one per local row; no communication)
        Tensor local = norms.larray();
        double tiny = 10 * (t.dtype() == DType.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0));
        double[] v = local.contiguous().toDoubleArray();
        boolean changed = false;
        for (int i = 0; i < v.length; i++) {
            if (v[i] < tiny) {
                v[i] = 1.0;
                changed = true;
            }
        }
        if (changed) local.copyFrom(Tensor.fromArray(v).reshape(local.shape()));
        return Scalers.apply(Kernels.DIV, t, norms);
    }

    /** {@link #fit} then {@link #transform}. <pre>{@code DNDarray y = new Normalizer().fitTransform(x); }</pre> */
    public DNDarray fitTransform(DNDarray x) { return fit(x).transform(x); }

    /** Number of features seen at fit. */
    public long nFeaturesIn() {
        if (nFeatures < 0) throw Validation.notFitted(NAME);
        return nFeatures;
    }
}
