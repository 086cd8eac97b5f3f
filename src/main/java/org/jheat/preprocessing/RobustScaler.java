package org.jheat.preprocessing;

import org.jheat.core.DNDarray;
import org.jheat.core.Quantiles;
import org.jheat.core.Validation;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.DType;

/**
 * Scales features with statistics robust to outliers: subtracts the median and divides by the interquantile range
 * (default the IQR, 25th to 75th percentile) — scikit-learn's {@code RobustScaler}, Heat's
 * {@code ht.preprocessing.RobustScaler}.
 *
 * <p><b>Fitting</b> uses core's exact distributed median and percentiles (numpy's linear interpolation): when X is
 * split along the rows no process sees a whole column and none is gathered — a distributed selection finds the
 * needed order statistics in O(log n) rounds of two small collectives (see {@link Quantiles}). A range below
 * 10·eps gets scale 1; {@code unitVariance} divides the scale by Φ⁻¹(qMax/100) - Φ⁻¹(qMin/100), so normally
 * distributed features end with unit variance. <b>Transforms</b> are local element-wise operations.
 *
 * <pre>{@code
 * RobustScaler s = new RobustScaler();                      // center and scale with the IQR
 * DNDarray y = s.fitTransform(x);
 * RobustScaler t = new RobustScaler().quantileRange(10, 90).unitVariance(true);
 * double[] iqr = s.scale().toDoubleArray();
 * }</pre>
 */
public final class RobustScaler {
    private static final String NAME = "RobustScaler";

    private boolean withCentering = true;
    private boolean withScaling = true;
    private double qMin = 25.0;
    private double qMax = 75.0;
    private boolean copy = true;
    private boolean unitVariance;

    private long nFeatures = -1;
    private DNDarray centerVec;
    private DNDarray scaleVec;

    /** scikit-learn's defaults: center, scale by the (25, 75) range, copy, no unit variance. <pre>{@code new RobustScaler()}</pre> */
    public RobustScaler() { }

    /**
     * All hyper-parameters in scikit-learn's order.
     * <pre>{@code new RobustScaler(true, true, 10, 90, true, false)}</pre>
     *
     * @throws IllegalArgumentException unless 0 &lt;= qMin &lt;= qMax &lt;= 100
     */
    public RobustScaler(boolean withCentering, boolean withScaling, double qMin, double qMax, boolean copy, boolean unitVariance) {
        this.withCentering = withCentering;
        this.withScaling = withScaling;
        quantileRange(qMin, qMax);
        this.copy = copy;
        this.unitVariance = unitVariance;
    }

    /**
     * Sets the quantile range in percent (takes effect at the next fit); returns this.
     * <pre>{@code s.quantileRange(5, 95)}</pre>
     *
     * @throws IllegalArgumentException unless 0 &lt;= qMin &lt;= qMax &lt;= 100
     */
    public RobustScaler quantileRange(double qMin, double qMax) {
        if (!(0 <= qMin && qMin <= qMax && qMax <= 100)) {
            throw new IllegalArgumentException(NAME + ": invalid quantile range (" + qMin + ", " + qMax
                    + "); need 0 <= qMin <= qMax <= 100");
        }
        this.qMin = qMin;
        this.qMax = qMax;
        return this;
    }
    /** Sets {@code withCentering}; returns this. */
    public RobustScaler withCentering(boolean b) { withCentering = b; return this; }
    /** Sets {@code withScaling}; returns this. */
    public RobustScaler withScaling(boolean b) { withScaling = b; return this; }
    /** Sets {@code copy}; returns this. */
    public RobustScaler copy(boolean b) { copy = b; return this; }
    /** Sets {@code unitVariance}; returns this. */
    public RobustScaler unitVariance(boolean b) { unitVariance = b; return this; }
    /** The quantile range {qMin, qMax} in percent. */
    public double[] quantileRange() { return new double[] {qMin, qMax}; }
    /** The {@code withCentering} hyper-parameter. */
    public boolean withCentering() { return withCentering; }
    /** The {@code withScaling} hyper-parameter. */
    public boolean withScaling() { return withScaling; }
    /** The {@code copy} hyper-parameter. */
    public boolean copy() { return copy; }
    /** The {@code unitVariance} hyper-parameter. */
    public boolean unitVariance() { return unitVariance; }

    /**
     * Computes each column's median and quantile range. Collective.
     * <pre>{@code s.fit(x); }</pre>
     *
     * @throws IllegalArgumentException for X not 2-d, empty, or with NaN/infinity — on every process
     */
    public RobustScaler fit(DNDarray x) {
        String who = NAME + ".fit";
        Validation.check2d(x, who);
        Validation.checkFinite(x, who);
        // float32 medians would be rounded to float32 (numpy's median keeps the dtype); the statistics are float64
        DNDarray xs = x.dtype() == DType.FLOAT32 ? x.astype(DType.FLOAT64) : x;
        DNDarray center = null, scale = null;
        if (withCentering) center = Scalers.vector(Quantiles.median(xs, 0, false).toDoubleArray(), x);
        if (withScaling) {
            double[] q = Quantiles.percentile(xs, new double[] {qMin, qMax}, 0, "linear", false).toDoubleArray();
            int f = q.length / 2;
            double[] s = new double[f];
            for (int j = 0; j < f; j++) s[j] = q[f + j] - q[j];
            Scalers.handleZeros(s);
            if (unitVariance) {
                double adjust = NormalQuantile.ppf(qMax / 100.0) - NormalQuantile.ppf(qMin / 100.0);
                for (int j = 0; j < f; j++) s[j] /= adjust;
            }
            scale = Scalers.vector(s, x);
        }
        nFeatures = x.gshape()[1];
        centerVec = center;
        scaleVec = scale;
        return this;
    }

    /** (X - center) / scale, the parts enabled; local. <pre>{@code DNDarray y = s.transform(x); }</pre> */
    public DNDarray transform(DNDarray x) {
        Scalers.checkInput(x, nFeatures, NAME, "transform");
        DNDarray t = Scalers.target(x, copy);
        if (centerVec != null) Scalers.apply(Kernels.SUB, t, centerVec);
        if (scaleVec != null) Scalers.apply(Kernels.DIV, t, scaleVec);
        return t;
    }

    /** {@link #fit} then {@link #transform}. */
    public DNDarray fitTransform(DNDarray x) { return fit(x).transform(x); }

    /** X · scale + center; local. <pre>{@code DNDarray x2 = s.inverseTransform(y); }</pre> */
    public DNDarray inverseTransform(DNDarray x) {
        Scalers.checkInput(x, nFeatures, NAME, "inverseTransform");
        DNDarray t = Scalers.target(x, copy);
        if (scaleVec != null) Scalers.apply(Kernels.MUL, t, scaleVec);
        if (centerVec != null) Scalers.apply(Kernels.ADD, t, centerVec);
        return t;
    }

    private void requireFitted() {
        if (nFeatures < 0) throw Validation.notFitted(NAME);
    }

    /** Per-feature median (replicated float64), or null without centering. */
    public DNDarray center() { requireFitted(); return centerVec; }
    /** Per-feature (scaled) quantile range, or null without scaling. */
    public DNDarray scale() { requireFitted(); return scaleVec; }
    /** Number of features seen at fit. */
    public long nFeaturesIn() { requireFitted(); return nFeatures; }
}
