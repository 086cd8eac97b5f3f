package org.jheat.cluster;

import org.jheat.core.DNDarray;
import org.jheat.core.Statistics;

/**
 * Heat's {@code ht.cluster} functions: the silhouette coefficients of a clustering (scikit-learn's
 * {@code silhouette_samples} / {@code silhouette_score}), computed without any process holding the distance
 * matrix. The estimators are the classes of this package ({@link KMeans}, {@link KMedians}, {@link KMedoids},
 * {@link BatchParallelKMeans}, {@link BatchParallelKMedians}).
 *
 * <pre>{@code
 * DNDarray labels = new KMeans(3).randomState(0).fitPredict(x);
 * double score = Cluster.silhouetteScore(x, labels);                   // euclidean
 * DNDarray s = Cluster.silhouetteSamples(x, labels, "cityblock");      // per sample, split like x
 * }</pre>
 */
public final class Cluster {
    private Cluster() { }

    /** Silhouette coefficient of every sample, euclidean. <pre>{@code Cluster.silhouetteSamples(x, labels)}</pre> */
    public static DNDarray silhouetteSamples(DNDarray x, DNDarray labels) { return silhouetteSamples(x, labels, "euclidean"); }

    /**
     * Silhouette coefficient of every sample: (b - a) / max(a, b) with a the mean distance to the other members of
     * its cluster and b the smallest mean distance to another cluster; 0 for a sample alone in its cluster.
     * {@code metric}: euclidean, sqeuclidean, cityblock, manhattan, cosine, or "precomputed" (x is then the square
     * distance matrix). The result (float64) is split like x's rows.
     * <pre>{@code DNDarray s = Cluster.silhouetteSamples(x, labels, "cosine"); }</pre>
     *
     * @throws IllegalArgumentException on every process: x not 2-D, labels not 1-D integers, different numbers of
     *         samples, an unknown metric, fewer than 2 or more than n-1 distinct labels, NaN or infinity in x
     */
    public static DNDarray silhouetteSamples(DNDarray x, DNDarray labels, String metric) {
        return Silhouette.samples(x, labels, metric);
    }

    /** The mean silhouette coefficient, euclidean. <pre>{@code double s = Cluster.silhouetteScore(x, labels); }</pre> */
    public static double silhouetteScore(DNDarray x, DNDarray labels) { return silhouetteScore(x, labels, "euclidean"); }

    /** The mean silhouette coefficient with {@code metric}. <pre>{@code Cluster.silhouetteScore(x, labels, "cityblock")}</pre> */
    public static double silhouetteScore(DNDarray x, DNDarray labels, String metric) {
        return Statistics.mean(silhouetteSamples(x, labels, metric), null, false).itemDouble();
    }
}
