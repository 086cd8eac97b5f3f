/**
 * Linear regression with scikit-learn's API and results: {@link org.jheat.regression.Lasso} and
 * {@link org.jheat.regression.ElasticNet} by coordinate descent with the samples split across processes.
 *
 * <pre>{@code
 * Lasso model = new Lasso(0.1).maxIter(1000).tol(1e-4).fit(x, y);
 * DNDarray yHat = model.predict(x);
 * double r2 = model.score(x, y);
 * }</pre>
 */
package org.jheat.regression;
