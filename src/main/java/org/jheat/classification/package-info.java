/**
 * Classification with scikit-learn's API and results (Heat's {@code heat.classification}): {@link
 * org.jheat.classification.KNeighborsClassifier}.
 *
 * <pre>{@code
 * KNeighborsClassifier knn = new KNeighborsClassifier(5, "uniform").fit(xTrain, yTrain);
 * DNDarray labels = knn.predict(xTest);
 * }</pre>
 */
package org.jheat.classification;
