package org.jheat.preprocessing;

import org.jheat.core.DNDarray;
import org.jheat.core.Validation;
import org.jheat.tensor.Kernels;

/**
 * Scales each feature by its maximum absolute value, so that the training data lies in [-1, 1] without being
 * shifted (scikit-learn's {@code MaxAbsScaler}, Heat's {@code ht.preprocessing.MaxAbsScaler}).
 *
 * <p><b>Fitting</b>: the distributed column minimum and maximum (one Allreduce each; max |x| = max(|min|, |max|),
 * so no |X| temporary is made) and the collective NaN/infinity check. An all-zero feature gets scale 1.
 * {@link #partialFit} keeps the running maximum. <b>Transforms</b> divide (multiply) locally.
 *
 * <pre>{@code
 * MaxAbsScaler s = new MaxAbsScaler();
 * DNDarray y = s.fitTransform(x);              // |y| <= 1
 * double[] m = s.maxAbs().toDoubleArray();
 * }</pre>
 */
public final class MaxAbsScaler {
    private static final String NAME = "MaxAbsScaler";

    private boolean copy;
    private long nFeatures = -1;
    private long nSamplesSeen;
    private double[] maxAbs;
    private DNDarray scaleVec;

    /** With copying transforms (scikit-learn's default). <pre>{@code new MaxAbsScaler()}</pre> */
    public MaxAbsScaler() { this(true); }

    /** {@code copy}: false transforms float arrays in place. <pre>{@code new MaxAbsScaler(false)}</pre> */
    public MaxAbsScaler(boolean copy) { this.copy = copy; }

    /** Sets {@code copy}; returns this. */
    public MaxAbsScaler copy(boolean copy) { this.copy = copy; return this; }
    /** The {@code copy} hyper-parameter. */
    public boolean copy() { return copy; }

    /** Computes each column's maximum absolute value, forgetting earlier fits. Collective. <pre>{@code s.fit(x); }</pre> */
    public MaxAbsScaler fit(DNDarray x) {
        nFeatures = -1;
        return partialFit(x);
    }

    /**
     * Updates the running maximum absolute values with the rows of X (scikit-learn's {@code partial_fit}).
     * <pre>{@code s.partialFit(batch); }</pre>
     *
     * @throws IllegalArgumentException for X not 2-d, empty, with NaN/infinity, or with another feature count than before
     */
    public MaxAbsScaler partialFit(DNDarray x) {
        String who = NAME + (nFeatures < 0 ? ".fit" : ".partialFit");
        Validation.check2d(x, who);
        if (nFeatures >= 0) Validation.checkFeatures(x, nFeatures, who);
        Validation.checkFinite(x, who);
        double[] lo = x.min(0).toDoubleArray(), hi = x.max(0).toDoubleArray();
        double[] m = new double[lo.length];
        for (int j = 0; j < m.length; j++) {
            m[j] = Math.max(Math.abs(lo[j]), Math.abs(hi[j]));
            if (nFeatures >= 0) m[j] = Math.max(maxAbs[j], m[j]);
        }
        nSamplesSeen = nFeatures >= 0 ? nSamplesSeen + x.gshape()[0] : x.gshape()[0];
        nFeatures = m.length;
        maxAbs = m;
        scaleVec = Scalers.vector(Scalers.handleZeros(m.clone()), x);
        return this;
    }

    /** X / scale (local). <pre>{@code DNDarray y = s.transform(x); }</pre> */
    public DNDarray transform(DNDarray x) {
        Scalers.checkInput(x, nFeatures, NAME, "transform");
        return Scalers.apply(Kernels.DIV, Scalers.target(x, copy), scaleVec);
    }

    /** {@link #fit} then {@link #transform}. */
    public DNDarray fitTransform(DNDarray x) { return fit(x).transform(x); }

    /** X · scale (local). <pre>{@code DNDarray x2 = s.inverseTransform(y); }</pre> */
    public DNDarray inverseTransform(DNDarray x) {
        Scalers.checkInput(x, nFeatures, NAME, "inverseTransform");
        return Scalers.apply(Kernels.MUL, Scalers.target(x, copy), scaleVec);
    }

    private void requireFitted() {
        if (nFeatures < 0) throw Validation.notFitted(NAME);
    }

    /** Per-feature maximum absolute value (replicated float64). */
    public DNDarray maxAbs() { requireFitted(); return Scalers.vector(maxAbs, scaleVec); }
    /** Per-feature scale: maxAbs, 1 where it is 0. */
    public DNDarray scale() { requireFitted(); return scaleVec; }
    /** Number of samples seen. */
    public long nSamplesSeen() { requireFitted(); return nSamplesSeen; }
    /** Number of features seen at fit. */
    public long nFeaturesIn() { requireFitted(); return nFeatures; }
}
