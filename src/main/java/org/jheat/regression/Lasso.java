package org.jheat.regression;

/**
 * scikit-learn's {@code Lasso}: linear regression with an L1 penalty, {@code 1/(2n)·‖y − Xw‖² + α‖w‖₁}, fitted by
 * cyclic coordinate descent with the samples split across processes (see {@link CoordinateDescent}); the same
 * coefficients, intercept and iteration count as scikit-learn for the same alpha, tol and maxIter.
 *
 * <pre>{@code
 * Lasso m = new Lasso(0.1).maxIter(1000).tol(1e-4).fit(x, y);
 * double[] w = m.coefArray();
 * double r2 = m.score(x, y);
 * }</pre>
 */
public final class Lasso extends LinearModelCD<Lasso> {
    /** α = 1, as scikit-learn's default. <pre>{@code Lasso m = new Lasso(); }</pre> */
    public Lasso() { this(1.0); }

    /**
     * A Lasso with regularisation α ≥ 0.
     * <pre>{@code Lasso m = new Lasso(0.1); }</pre>
     *
     * @throws IllegalArgumentException for a negative, NaN or infinite alpha
     */
    public Lasso(double alpha) { super("Lasso", alpha, 1.0); }
}
