/**
 * Heat's {@code ht.utils.data} generators: {@link org.jheat.datasets.Datasets#createClusters} and
 * {@link org.jheat.datasets.Datasets#createSphericalDataset}, bit-identical for any number of processes.
 *
 * <pre>{@code
 * DNDarray x = Datasets.createSphericalDataset(1000);
 * }</pre>
 */
package org.jheat.datasets;
