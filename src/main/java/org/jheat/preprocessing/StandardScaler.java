package org.jheat.preprocessing;

import org.jheat.core.DNDarray;
import org.jheat.core.Validation;
import org.jheat.tensor.Kernels;

/**
 * Standardises features by removing the mean and scaling to unit variance, {@code z = (x - mean) / scale}
 * (scikit-learn's {@code StandardScaler}, Heat's {@code ht.preprocessing.StandardScaler}).
 *
 * <p><b>Fitting</b> uses the distributed column mean (one Allreduce of the local sums) and population variance
 * (each process's (n, mean, M2) merged exactly, one Allgather), plus the collective NaN/infinity check; X may be
 * split along either axis or replicated. {@link #partialFit} merges a new batch into the running statistics with
 * Chan, Golub and LeVeque's update, as scikit-learn's {@code _incremental_mean_and_var}. A feature whose variance is
 * indistinguishable from zero (scikit-learn's {@code _is_constant_feature}: var ≤ n·eps·var + (n·mean·eps)²) gets
 * scale 1. <b>Transforms</b> are local element-wise operations in X's distribution.
 *
 * <pre>{@code
 * StandardScaler s = new StandardScaler();                 // copy, withMean, withStd all true
 * DNDarray z = s.fit(x).transform(x);
 * double[] mu = s.mean().toDoubleArray();
 * StandardScaler inPlace = new StandardScaler(false, true, true);
 * inPlace.fit(x).transform(x);                             // overwrites x (float32/float64 x)
 * }</pre>
 */
public final class StandardScaler {
    private static final String NAME = "StandardScaler";

    private boolean copy;
    private boolean withMean;
    private boolean withStd;

    private long nFeatures = -1;
    private long nSamplesSeen;
    private double[] mean;
    private double[] var;
    private double[] scale;
    private DNDarray meanVec;
    private DNDarray scaleVec;

    /** scikit-learn's defaults: copy, center and scale. <pre>{@code new StandardScaler()}</pre> */
    public StandardScaler() { this(true, true, true); }

    /**
     * With scikit-learn's hyper-parameters: {@code copy} (false: transform float arrays in place), {@code withMean}
     * (center), {@code withStd} (scale to unit variance).
     * <pre>{@code new StandardScaler(true, false, true)   // scale only }</pre>
     */
    public StandardScaler(boolean copy, boolean withMean, boolean withStd) {
        this.copy = copy;
        this.withMean = withMean;
        this.withStd = withStd;
    }

    /** Sets {@code copy}; returns this. <pre>{@code s.copy(false)}</pre> */
    public StandardScaler copy(boolean copy) { this.copy = copy; return this; }
    /** Sets {@code withMean} (takes effect at the next fit); returns this. */
    public StandardScaler withMean(boolean withMean) { this.withMean = withMean; return this; }
    /** Sets {@code withStd} (takes effect at the next fit); returns this. */
    public StandardScaler withStd(boolean withStd) { this.withStd = withStd; return this; }
    /** The {@code copy} hyper-parameter. */
    public boolean copy() { return copy; }
    /** The {@code withMean} hyper-parameter. */
    public boolean withMean() { return withMean; }
    /** The {@code withStd} hyper-parameter. */
    public boolean withStd() { return withStd; }

    /**
     * Computes mean and standard deviation of each column of X (n_samples, n_features), forgetting earlier fits.
     * Collective. <pre>{@code s.fit(x); }</pre>
     *
     * @throws IllegalArgumentException for X not 2-d or empty, or containing NaN/infinity — on every process
     */
    public StandardScaler fit(DNDarray x) {
        nFeatures = -1;
        return partialFit(x);
    }

    /**
     * Adds the rows of X to the running statistics (scikit-learn's {@code partial_fit}); the first call fits.
     * Collective. <pre>{@code for (DNDarray batch : batches) s.partialFit(batch); }</pre>
     *
     * @throws IllegalArgumentException also when X's feature count differs from earlier batches
     */
    public StandardScaler partialFit(DNDarray x) {
        String who = NAME + (nFeatures < 0 ? ".fit" : ".partialFit");
        Validation.check2d(x, who);
        if (nFeatures >= 0) Validation.checkFeatures(x, nFeatures, who);
        Validation.checkFinite(x, who);
        boolean first = nFeatures < 0;
        long n = x.gshape()[0];
        int f = (int) x.gshape()[1];
        double[] newMean = null, newVar = null;
        if (withMean || withStd) {
            DNDarray xf = Scalers.float64(x);
            newMean = xf.mean(0).toDoubleArray();
            if (withStd) newVar = xf.var(0, 0).toDoubleArray();
        }
        double[] m = null, v = null;
        if (newMean != null) {
            if (first || mean == null) {
                m = newMean;
                v = newVar;
            } else {
                // scikit-learn's _incremental_mean_and_var (Chan, Golub, LeVeque 1983, eq. 1.5a,b)
                m = new double[f];
                v = newVar == null ? null : new double[f];
                double lastN = nSamplesSeen, total = lastN + n, lastOverNew = lastN / n;
                for (int j = 0; j < f; j++) {
                    double lastSum = mean[j] * lastN, newSum = newMean[j] * n;
                    m[j] = (lastSum + newSum) / total;
                    if (v != null) {
                        double d = lastSum / lastOverNew - newSum;
                        v[j] = (var[j] * lastN + newVar[j] * n + lastOverNew / total * d * d) / total;
                    }
                }
            }
        }
        nSamplesSeen = first ? n : nSamplesSeen + n;
        nFeatures = f;
        mean = m;
        var = v;
        scale = null;
        if (v != null) {
            scale = new double[f];
            for (int j = 0; j < f; j++) {
                double nm = nSamplesSeen * m[j] * Scalers.EPS64;
                boolean constant = v[j] <= nSamplesSeen * Scalers.EPS64 * v[j] + nm * nm;
                scale[j] = constant ? 1.0 : Math.sqrt(v[j]);
            }
        }
        meanVec = m == null ? null : Scalers.vector(m, x);
        scaleVec = scale == null ? null : Scalers.vector(scale, x);
        return this;
    }

    /**
     * (X - mean) / scale, element-wise on each process's part of X (no communication); the result has X's
     * distribution. With {@code copy == false} a float X is overwritten and returned.
     * <pre>{@code DNDarray z = s.transform(x); }</pre>
     *
     * @throws IllegalStateException before fit; {@link IllegalArgumentException} for a feature-count mismatch
     */
    public DNDarray transform(DNDarray x) {
        Scalers.checkInput(x, nFeatures, NAME, "transform");
        DNDarray t = Scalers.target(x, copy);
        if (withMean && meanVec != null) Scalers.apply(Kernels.SUB, t, meanVec);
        if (scaleVec != null) Scalers.apply(Kernels.DIV, t, scaleVec);
        return t;
    }

    /** {@link #fit} then {@link #transform} of the same X. <pre>{@code DNDarray z = new StandardScaler().fitTransform(x); }</pre> */
    public DNDarray fitTransform(DNDarray x) { return fit(x).transform(x); }

    /**
     * z · scale + mean: back to the original representation (local, no communication).
     * <pre>{@code DNDarray x2 = s.inverseTransform(z); }</pre>
     */
    public DNDarray inverseTransform(DNDarray x) {
        Scalers.checkInput(x, nFeatures, NAME, "inverseTransform");
        DNDarray t = Scalers.target(x, copy);
        if (scaleVec != null) Scalers.apply(Kernels.MUL, t, scaleVec);
        if (withMean && meanVec != null) Scalers.apply(Kernels.ADD, t, meanVec);
        return t;
    }

    private void requireFitted() {
        if (nFeatures < 0) throw Validation.notFitted(NAME);
    }

    /** Per-feature mean (replicated float64), or null when neither withMean nor withStd. */
    public DNDarray mean() { requireFitted(); return meanVec; }

    /** Per-feature population variance (replicated float64), or null without withStd. */
    public DNDarray var() { requireFitted(); return var == null ? null : Scalers.vector(var, meanVec); }

    /** Per-feature scale: the standard deviation, 1 for constant features; null without withStd. */
    public DNDarray scale() { requireFitted(); return scaleVec; }

    /** Number of samples seen by fit and partialFit. */
    public long nSamplesSeen() { requireFitted(); return nSamplesSeen; }

    /** Number of features seen at fit. */
    public long nFeaturesIn() { requireFitted(); return nFeatures; }
}
