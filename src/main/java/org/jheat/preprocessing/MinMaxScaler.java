package org.jheat.preprocessing;

import org.jheat.core.DNDarray;
import org.jheat.core.Operations;
import org.jheat.core.TypeRule;
import org.jheat.core.Validation;
import org.jheat.tensor.DType;
import org.jheat.tensor.Kernels;

/**
 * Scales each feature to a given range, {@code x · scale + min} with {@code scale = (hi - lo) / (dataMax - dataMin)}
 * and {@code min = lo - dataMin · scale} (scikit-learn's {@code MinMaxScaler}, Heat's
 * {@code ht.preprocessing.MinMaxScaler}).
 *
 * <p><b>Fitting</b>: the distributed column minimum and maximum (a local reduction and one Allreduce each) and
 * the collective NaN/infinity check. A feature with range below 10·eps gets scale {@code hi - lo} (range 1), as in
 * scikit-learn. {@link #partialFit} widens the running minimum and maximum. <b>Transforms</b> are local
 * element-wise operations; with {@code clip} the result is limited to the feature range.
 *
 * <pre>{@code
 * MinMaxScaler s = new MinMaxScaler(-1, 1);
 * DNDarray y = s.fitTransform(x);                // every column now spans [-1, 1]
 * double[] lo = s.dataMin().toDoubleArray();
 * }</pre>
 */
public final class MinMaxScaler {
    private static final String NAME = "MinMaxScaler";

    private double rangeMin;
    private double rangeMax;
    private boolean copy;
    private boolean clip;

    private long nFeatures = -1;
    private long nSamplesSeen;
    private double[] dataMin;
    private double[] dataMax;
    private DNDarray scaleVec;
    private DNDarray minVec;

    /** scikit-learn's defaults: feature range (0, 1), copy, no clipping. <pre>{@code new MinMaxScaler()}</pre> */
    public MinMaxScaler() { this(0, 1, true, false); }

    /**
     * Feature range (lo, hi), copy, no clipping. <pre>{@code new MinMaxScaler(-1, 1)}</pre>
     *
     * @throws IllegalArgumentException unless lo &lt; hi (both finite)
     */
    public MinMaxScaler(double lo, double hi) { this(lo, hi, true, false); }

    /**
     * All hyper-parameters: feature range (lo, hi), {@code copy} (false: transform float arrays in place) and
     * {@code clip} (limit transformed values to the range).
     * <pre>{@code new MinMaxScaler(0, 1, false, true)}</pre>
     */
    public MinMaxScaler(double lo, double hi, boolean copy, boolean clip) {
        featureRange(lo, hi);
        this.copy = copy;
        this.clip = clip;
    }

    /**
     * Sets the feature range (takes effect at the next fit); returns this.
     * <pre>{@code s.featureRange(-1, 1)}</pre>
     *
     * @throws IllegalArgumentException unless lo &lt; hi (both finite)
     */
    public MinMaxScaler featureRange(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException(NAME + ": the feature range must be finite, got (" + lo + ", " + hi + ")");
        }
        if (lo >= hi) {
            throw new IllegalArgumentException(NAME + ": minimum of desired feature range must be smaller than maximum, got ("
                    + lo + ", " + hi + ")");
        }
        rangeMin = lo;
        rangeMax = hi;
        return this;
    }
    /** Sets {@code copy}; returns this. */
    public MinMaxScaler copy(boolean copy) { this.copy = copy; return this; }
    /** Sets {@code clip}; returns this. */
    public MinMaxScaler clip(boolean clip) { this.clip = clip; return this; }
    /** The feature range {lo, hi}. */
    public double[] featureRange() { return new double[] {rangeMin, rangeMax}; }
    /** The {@code copy} hyper-parameter. */
    public boolean copy() { return copy; }
    /** The {@code clip} hyper-parameter. */
    public boolean clip() { return clip; }

    /** Computes each column's minimum and maximum, forgetting earlier fits. Collective. <pre>{@code s.fit(x); }</pre> */
    public MinMaxScaler fit(DNDarray x) {
        nFeatures = -1;
        return partialFit(x);
    }

    /**
     * Widens the running minimum and maximum by the rows of X (scikit-learn's {@code partial_fit}). Collective.
     * <pre>{@code s.partialFit(batch1).partialFit(batch2); }</pre>
     *
     * @throws IllegalArgumentException for X not 2-d, empty, with NaN/infinity, or with another feature count than before
     */
    public MinMaxScaler partialFit(DNDarray x) {
        String who = NAME + (nFeatures < 0 ? ".fit" : ".partialFit");
        Validation.check2d(x, who);
        if (nFeatures >= 0) Validation.checkFeatures(x, nFeatures, who);
        Validation.checkFinite(x, who);
        double[] lo = x.min(0).toDoubleArray(), hi = x.max(0).toDoubleArray();
        int f = lo.length;
        if (nFeatures >= 0) {
            for (int j = 0; j < f; j++) {
                lo[j] = Math.min(dataMin[j], lo[j]);
                hi[j] = Math.max(dataMax[j], hi[j]);
            }
            nSamplesSeen += x.gshape()[0];
        } else {
            nSamplesSeen = x.gshape()[0];
        }
        double[] range = new double[f], sc = new double[f], mn = new double[f];
        // float32 data: scikit-learn keeps every attribute in float32 and computes them in float32 arithmetic (the
        // feature range a weak Python scalar, the zero test with float32's eps), which transform then uses
        boolean f32 = x.dtype() == DType.FLOAT32;
        for (int j = 0; j < f; j++) range[j] = f32 ? (float) (hi[j] - lo[j]) : hi[j] - lo[j];
        double[] safe = Scalers.handleZeros(range.clone(), f32 ? Scalers.EPS32 : Scalers.EPS64);
        for (int j = 0; j < f; j++) {
            if (f32) {
                sc[j] = (float) ((float) (rangeMax - rangeMin) / safe[j]);
                mn[j] = (float) ((float) rangeMin - (float) (lo[j] * sc[j]));
            } else {
                sc[j] = (rangeMax - rangeMin) / safe[j];
                mn[j] = rangeMin - lo[j] * sc[j];
            }
        }
        nFeatures = f;
        dataMin = lo;
        dataMax = hi;
        DType at = f32 ? DType.FLOAT32 : DType.FLOAT64;
        scaleVec = attribute(sc, x, at);
        minVec = attribute(mn, x, at);
        return this;
    }

    /**
     * X · scale + min (then clipped to the range when {@code clip}); local, in X's distribution.
     * <pre>{@code DNDarray y = s.transform(x); }</pre>
     */
    public DNDarray transform(DNDarray x) {
        Scalers.checkInput(x, nFeatures, NAME, "transform");
        DNDarray t = Scalers.target(x, copy);
        Scalers.apply(Kernels.MUL, t, scaleVec);
        Scalers.apply(Kernels.ADD, t, minVec);
        if (clip) Operations.unaryInPlace(Kernels.clip(rangeMin, rangeMax), TypeRule.SAME_NOBOOL, t);
        return t;
    }

    /** {@link #fit} then {@link #transform}. <pre>{@code DNDarray y = new MinMaxScaler().fitTransform(x); }</pre> */
    public DNDarray fitTransform(DNDarray x) { return fit(x).transform(x); }

    /** (X - min) / scale: the original representation (local). <pre>{@code DNDarray x2 = s.inverseTransform(y); }</pre> */
    public DNDarray inverseTransform(DNDarray x) {
        Scalers.checkInput(x, nFeatures, NAME, "inverseTransform");
        DNDarray t = Scalers.target(x, copy);
        Scalers.apply(Kernels.SUB, t, minVec);
        Scalers.apply(Kernels.DIV, t, scaleVec);
        return t;
    }

    private void requireFitted() {
        if (nFeatures < 0) throw Validation.notFitted(NAME);
    }

    /** Per-feature minimum seen (replicated; float32 for float32 data, as scikit-learn's, else float64). */
    public DNDarray dataMin() { requireFitted(); return attribute(dataMin, scaleVec, scaleVec.dtype()); }
    /** Per-feature maximum seen. */
    public DNDarray dataMax() { requireFitted(); return attribute(dataMax, scaleVec, scaleVec.dtype()); }
    /** Per-feature range dataMax - dataMin. */
    public DNDarray dataRange() {
        requireFitted();
        double[] r = new double[dataMin.length];
        for (int j = 0; j < r.length; j++) r[j] = dataMax[j] - dataMin[j];
        return attribute(r, scaleVec, scaleVec.dtype());
    }

    /** A per-feature attribute vector of dtype t (float32 after a fit on float32 data, as scikit-learn's), replicated like {@code like}. */
    private static DNDarray attribute(double[] v, DNDarray like, DType t) {
        DNDarray r = Scalers.vector(v, like);
        return r.dtype() == t ? r : r.astype(t);
    }
    /** Per-feature scale (hi - lo) / range. */
    public DNDarray scale() { requireFitted(); return scaleVec; }
    /** Per-feature offset lo - dataMin · scale (scikit-learn's {@code min_}). */
    public DNDarray min() { requireFitted(); return minVec; }
    /** Number of samples seen. */
    public long nSamplesSeen() { requireFitted(); return nSamplesSeen; }
    /** Number of features seen at fit. */
    public long nFeaturesIn() { requireFitted(); return nFeatures; }
}
