package org.jheat.regression;

/**
 * scikit-learn's {@code ElasticNet}: {@code 1/(2n)·‖y − Xw‖² + α·ρ·‖w‖₁ + α(1−ρ)/2·‖w‖²} (ρ = {@code l1Ratio}),
 * fitted by the same distributed coordinate descent as {@link Lasso} (which is ρ = 1).
 *
 * <pre>{@code
 * ElasticNet m = new ElasticNet(0.5, 0.3).fit(x, y);
 * DNDarray yHat = m.predict(x);
 * }</pre>
 */
public final class ElasticNet extends LinearModelCD<ElasticNet> {
    /** α = 1, ρ = 0.5, as scikit-learn's defaults. <pre>{@code ElasticNet m = new ElasticNet(); }</pre> */
    public ElasticNet() { this(1.0, 0.5); }

    /**
     * An elastic net with regularisation α ≥ 0 and L1 share ρ in [0, 1].
     * <pre>{@code ElasticNet m = new ElasticNet(0.1, 0.9); }</pre>
     *
     * @throws IllegalArgumentException for alpha negative/NaN/infinite or l1Ratio outside [0, 1]
     */
    public ElasticNet(double alpha, double l1Ratio) { super("ElasticNet", alpha, l1Ratio); }

    /** Sets the L1 share ρ in [0, 1]. <pre>{@code m.l1Ratio(0.7); }</pre> */
    @Override
    public ElasticNet l1Ratio(double r) { return super.l1Ratio(r); }
}
