/**
 * Feature scaling with scikit-learn's API and results (Heat's {@code heat.preprocessing}): {@link
 * org.jheat.preprocessing.StandardScaler}, {@link org.jheat.preprocessing.MinMaxScaler}, {@link
 * org.jheat.preprocessing.MaxAbsScaler}, {@link org.jheat.preprocessing.RobustScaler} and {@link
 * org.jheat.preprocessing.Normalizer}.
 *
 * <p>Fitting reduces each process's rows locally and combines the partial results once (the distributed mean,
 * variance, min/max and exact percentiles of {@code core}); transforms are element-wise on each process's own rows
 * (or columns) and communicate nothing. Statistics are kept in float64 like scikit-learn's accumulators; a
 * float32 input stays float32 through {@code transform}, integer input becomes float64. Fitting rejects NaN and
 * infinity on every process alike (scikit-learn's scalers would treat NaN as missing); {@code transform} is a
 * purely local element-wise operation and lets NaN pass through, as scikit-learn's does.
 *
 * <pre>{@code
 * DNDarray x = Heat.randn(new long[] {1000, 8}, Heat.FLOAT64, 0);
 * StandardScaler s = new StandardScaler();
 * DNDarray z = s.fitTransform(x);               // zero mean, unit variance per column
 * DNDarray back = s.inverseTransform(z);        // x again
 * }</pre>
 */
package org.jheat.preprocessing;
