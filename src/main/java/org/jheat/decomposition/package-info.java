/**
 * Matrix decompositions as estimators, scikit-learn's {@code sklearn.decomposition} and Heat's
 * {@code ht.decomposition}: {@link org.jheat.decomposition.PCA} (hierarchical, full and randomized SVD),
 * {@link org.jheat.decomposition.IncrementalPCA}, and dynamic mode decomposition.
 *
 * <pre>{@code
 * PCA pca = new PCA(10).svdSolver("full").fit(x);
 * DNDarray z = pca.transform(x);
 * double[] ratio = pca.explainedVarianceRatio().toDoubleArray();
 * }</pre>
 */
package org.jheat.decomposition;
