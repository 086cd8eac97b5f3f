/**
 * Heat's {@code ht.cluster} with scikit-learn's API: {@link org.jheat.cluster.KMeans},
 * {@link org.jheat.cluster.KMedians}, {@link org.jheat.cluster.KMedoids}, the batch-parallel
 * {@link org.jheat.cluster.BatchParallelKMeans} and {@link org.jheat.cluster.BatchParallelKMedians}, and the
 * silhouette coefficients in {@link org.jheat.cluster.Cluster}. All passes over the data are blocked local kernels
 * (for squared distances a fused multiply-add sweep for small k and f, else a gemm per block of rows) with one small
 * collective per iteration.
 *
 * <pre>{@code
 * KMeans km = new KMeans(8).init("k-means++").randomState(0).fit(x);
 * double score = Cluster.silhouetteScore(x, km.labels());
 * }</pre>
 */
package org.jheat.cluster;
