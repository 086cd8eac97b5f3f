package org.jheat.regression;

import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Exponential;
import org.jheat.core.Factories;
import org.jheat.core.Statistics;
import org.jheat.core.Validation;
import org.jheat.linalg.Linalg;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * What {@link Lasso} and {@link ElasticNet} share: hyper-parameters, the fit by {@link CoordinateDescent}, the fitted
 * attributes and predict/score, with scikit-learn's semantics ({@code fit_intercept} centres X and y; the intercept is
 * {@code ȳ − x̄·w}). Computation is in float64 whatever X's dtype. X may be split along the rows (the natural
 * layout: one Allreduce per fit in the Gram form), along the columns (moved to rows first) or replicated.
 *
 * <pre>{@code
 * ElasticNet m = new ElasticNet(0.5, 0.7).fit(x, y);
 * double[] w = m.coef().toDoubleArray();
 * }</pre>
 *
 * @param <T> the concrete estimator, returned by the fluent setters
 */
abstract class LinearModelCD<T extends LinearModelCD<T>> {
    private final String name;
    private double alpha;
    private double l1Ratio;
    private int maxIter = 1000;
    private double tol = 1e-4;
    private boolean fitIntercept = true;
    private boolean warmStart;
    private boolean positive;

    private double[] coef;
    private double intercept;
    private int nIter;
    private double dualGap;
    private boolean converged;
    private long nFeatures = -1;
    private DNDarray like;   // the communicator and device of the fit's X

    LinearModelCD(String name, double alpha, double l1Ratio) {
        this.name = name;
        alpha(alpha);
        l1Ratio(l1Ratio);
    }

    @SuppressWarnings("unchecked")
    private T self() { return (T) this; }

    /** The regularisation strength α ≥ 0 (finite). <pre>{@code m.alpha(0.1); }</pre> */
    public T alpha(double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) throw new IllegalArgumentException(name + ": alpha must be >= 0 and finite, got " + alpha);
        this.alpha = alpha;
        return self();
    }

    T l1Ratio(double r) {
        if (!(r >= 0 && r <= 1)) throw new IllegalArgumentException(name + ": l1Ratio must be in [0, 1], got " + r);
        this.l1Ratio = r;
        return self();
    }

    /** The most epochs (passes over all coefficients), ≥ 1; default 1000. <pre>{@code m.maxIter(50); }</pre> */
    public T maxIter(int maxIter) {
        if (maxIter < 1) throw new IllegalArgumentException(name + ": maxIter must be >= 1, got " + maxIter);
        this.maxIter = maxIter;
        return self();
    }

    /** The tolerance ≥ 0 (on the duality gap relative to ‖y‖², as scikit-learn); default 1e-4. <pre>{@code m.tol(1e-6); }</pre> */
    public T tol(double tol) {
        if (!(tol >= 0) || Double.isInfinite(tol)) throw new IllegalArgumentException(name + ": tol must be >= 0 and finite, got " + tol);
        this.tol = tol;
        return self();
    }

    /** Whether to fit an intercept (centre X and y); default true. <pre>{@code m.fitIntercept(false); }</pre> */
    public T fitIntercept(boolean fitIntercept) {
        this.fitIntercept = fitIntercept;
        return self();
    }

    /** Start from the previous fit's coefficients (same feature count); default false. <pre>{@code m.warmStart(true); }</pre> */
    public T warmStart(boolean warmStart) {
        this.warmStart = warmStart;
        return self();
    }

    /** Constrain the coefficients to be ≥ 0; default false. <pre>{@code m.positive(true); }</pre> */
    public T positive(boolean positive) {
        this.positive = positive;
        return self();
    }

    /** The α hyper-parameter. <pre>{@code double a = m.alpha(); }</pre> */
    public double alpha() { return alpha; }

    /** The L1 share ρ of the penalty (1 for the Lasso). <pre>{@code double r = m.l1Ratio(); }</pre> */
    public double l1Ratio() { return l1Ratio; }

    /** The maxIter hyper-parameter. <pre>{@code int n = m.maxIter(); }</pre> */
    public int maxIter() { return maxIter; }

    /** The tol hyper-parameter. <pre>{@code double t = m.tol(); }</pre> */
    public double tol() { return tol; }

    /**
     * Fits the model to X (n_samples, n_features) and y (n_samples,) (collective). Bad input — X not 2-d, y of another
     * length, NaN/infinity — fails on every process before any communication of data.
     * <pre>{@code m.fit(x, y); }</pre>
     *
     * @throws IllegalArgumentException for bad X or y, on every process
     */
    public T fit(DNDarray x, DNDarray y) {
        String who = name + ".fit";
        Validation.check2d(x, who);
        Validation.checkLabels(y, x.gshape()[0], who);   // metadata only: before rowsLocal may resplit X
        DNDarray xr = Validation.rowsLocal(x);
        DNDarray yr = Validation.labelsLike(y, xr, who);
        long n = xr.gshape()[0];
        long pl = xr.gshape()[1];
        if (pl > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(who + ": too many features: " + pl);
        int p = (int) pl;
        DNDarray xf = xr.dtype() == DType.FLOAT64 ? xr : xr.astype(DType.FLOAT64);
        DNDarray yf = yr.dtype() == DType.FLOAT64 ? yr : yr.astype(DType.FLOAT64);
        double[] w = warmStart && coef != null && coef.length == p ? coef.clone() : new double[p];
        double[] xMean = new double[p];
        double yMean = 0;
        double l1 = alpha * l1Ratio * n, l2 = alpha * (1 - l1Ratio) * n;
        CoordinateDescent.Result r;
        if (p <= CoordinateDescent.gramMax) {
            // Gram form from the uncentred X (no copy of it): its statistics double as the finiteness check
            double[] st = CoordinateDescent.gramStats(xr.comm(), xr.isDistributed(), xf.larray(), yf.larray(), fitIntercept);
            if (!CoordinateDescent.finite(st)) {
                Validation.checkFinite(xr, who);
                Validation.checkFinite(yr, who, "y");
                throw new IllegalArgumentException(who + ": X or y is too large: XᵀX or Xᵀy overflows float64");
            }
            if (fitIntercept) {
                int sx = p * p + p + 1;
                for (int j = 0; j < p; j++) xMean[j] = st[sx + j] / n;
                yMean = st[st.length - 1] / n;
                if (!CoordinateDescent.centre(st, p, n)) {
                    // means far from 0 relative to the spread: centre the data itself (exact), then its Gram
                    DNDarray xc = Arithmetics.sub(xf, Factories.replicatedLike(xMean, xf));
                    DNDarray yc = Arithmetics.sub(yf, yMean);
                    st = CoordinateDescent.gramStats(xr.comm(), xr.isDistributed(), xc.larray(), yc.larray(), false);
                    xc.larray().free();
                }
            }
            r = CoordinateDescent.gramSolve(st, l1, l2, w, maxIter, tol, positive);
        } else {
            Validation.checkFinite(xr, who);
            Validation.checkFinite(yr, who, "y");
            if (fitIntercept) {
                xMean = Statistics.mean(xf, new int[] {0}, false).toDoubleArray();
                yMean = Statistics.mean(yf, null, false).itemDouble();
                xf = Arithmetics.sub(xf, Factories.replicatedLike(xMean, xf));
                yf = Arithmetics.sub(yf, yMean);
            }
            r = CoordinateDescent.residual(xr.comm(), xr.isDistributed(), xf.larray(), yf.larray(), l1, l2, w, maxIter, tol, positive);
        }
        coef = r.w();
        nIter = r.nIter();
        dualGap = r.gap();
        converged = r.converged();
        double b = 0;
        if (fitIntercept) {
            b = yMean;
            for (int j = 0; j < p; j++) b -= xMean[j] * coef[j];
        }
        intercept = b;
        nFeatures = p;
        like = xr;
        return self();
    }

    private void requireFitted() {
        if (coef == null) throw Validation.notFitted(name);
    }

    /**
     * The linear prediction {@code X·w + b} (n_samples,), distributed like X's rows (collective).
     * <pre>{@code DNDarray yHat = m.predict(x); }</pre>
     *
     * @throws IllegalStateException before fit; {@link IllegalArgumentException} for X not 2-d, another feature count or
     *         NaN/infinity in X
     */
    public DNDarray predict(DNDarray x) {
        requireFitted();
        String who = name + ".predict";
        Validation.check2d(x, who);
        Validation.checkFeatures(x, nFeatures, who);
        Validation.checkFinite(x, who);
        DNDarray xf = x.dtype() == DType.FLOAT64 ? x : x.astype(DType.FLOAT64);
        return Arithmetics.add(Linalg.matmul(xf, Factories.replicatedLike(coef, xf)), intercept);
    }

    /**
     * The coefficient of determination R² of the prediction for X against y (scikit-learn's {@code score}).
     * <pre>{@code double r2 = m.score(x, y); }</pre>
     *
     * @throws IllegalStateException before fit; {@link IllegalArgumentException} for mismatched X/y
     */
    public double score(DNDarray x, DNDarray y) {
        requireFitted();
        String who = name + ".score";
        Validation.check2d(x, who);
        Validation.checkFeatures(x, nFeatures, who);
        DNDarray yy = Validation.checkLabels(y, x.gshape()[0], who);
        Validation.checkFinite(yy, who, "y");
        DNDarray yf = yy.dtype() == DType.FLOAT64 ? yy : yy.astype(DType.FLOAT64);
        DNDarray pred = predict(x);
        double ssRes = Arithmetics.sum(Exponential.square(Arithmetics.sub(yf, pred))).itemDouble();
        double mean = Statistics.mean(yf, null, false).itemDouble();
        double ssTot = Arithmetics.sum(Exponential.square(Arithmetics.sub(yf, mean))).itemDouble();
        if (ssTot == 0) return ssRes == 0 ? 1.0 : 0.0;   // scikit-learn's r2_score for a constant y
        return 1 - ssRes / ssTot;
    }

    /** The fitted coefficients (n_features,), replicated float64. <pre>{@code double[] w = m.coef().toDoubleArray(); }</pre> */
    public DNDarray coef() {
        requireFitted();
        return Factories.replicatedLike(coef.clone(), like);
    }

    /** The fitted coefficients as a Java array (a copy). <pre>{@code double[] w = m.coefArray(); }</pre> */
    public double[] coefArray() {
        requireFitted();
        return coef.clone();
    }

    /** The fitted intercept (0 without fitIntercept). <pre>{@code double b = m.intercept(); }</pre> */
    public double intercept() {
        requireFitted();
        return intercept;
    }

    /** Epochs run by the last fit (scikit-learn's {@code n_iter_}). <pre>{@code int k = m.nIter(); }</pre> */
    public int nIter() {
        requireFitted();
        return nIter;
    }

    /** The duality gap at the end of the last fit (scikit-learn's {@code dual_gap_}, unscaled by n). <pre>{@code double g = m.dualGap(); }</pre> */
    public double dualGap() {
        requireFitted();
        return dualGap;
    }

    /** Whether the last fit met the tolerance within maxIter (scikit-learn warns otherwise). <pre>{@code boolean ok = m.converged(); }</pre> */
    public boolean converged() {
        requireFitted();
        return converged;
    }

    /** The feature count seen by fit. <pre>{@code long p = m.nFeaturesIn(); }</pre> */
    public long nFeaturesIn() {
        requireFitted();
        return nFeatures;
    }
}
