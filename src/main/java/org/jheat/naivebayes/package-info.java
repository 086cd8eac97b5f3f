/**
 * Naive Bayes classifiers with scikit-learn's API and results (Heat's {@code heat.naive_bayes}): {@link
 * org.jheat.naivebayes.GaussianNB}.
 *
 * <pre>{@code
 * GaussianNB nb = new GaussianNB().fit(x, y);     // x (n, f) split along the rows, y (n,) labels
 * DNDarray labels = nb.predict(xTest);
 * DNDarray p = nb.predictProba(xTest);           // (nTest, nClasses), rows split like xTest
 * }</pre>
 */
package org.jheat.naivebayes;
