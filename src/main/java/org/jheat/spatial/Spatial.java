package org.jheat.spatial;

import org.jheat.core.DNDarray;

/**
 * Heat's {@code ht.spatial}: pairwise distances between the rows of two distributed arrays (scipy's
 * {@code cdist}) and the Gaussian kernel. X (n, f) and Y (m, f) give an (n, m) array, float32 when both inputs are
 * float32 and float64 otherwise. Distribution: X split along rows gives a result split along rows (Y replicated:
 * local; Y split too: Y's blocks travel around a ring of processes, nothing is gathered); X replicated and Y split
 * gives a result split along columns; both replicated give a replicated result. See {@link Metric} for the
 * metrics and the quadratic expansion.
 *
 * <pre>{@code
 * DNDarray d = Spatial.cdist(x, y);                        // exact euclidean, like scipy
 * DNDarray fast = Spatial.cdist(x, y, true);               // euclidean by quadratic expansion (one gemm)
 * DNDarray l1 = Spatial.cdist(x, y, "cityblock");          // scipy's metric names
 * DNDarray k = Spatial.rbf(x, null, 2.0, false);           // exp(-|x_i - x_j|² / 8)
 * }</pre>
 */
public final class Spatial {
    private Spatial() { }

    /** Euclidean distances between the rows of X (Heat's {@code cdist(X)}). <pre>{@code DNDarray d = Spatial.cdist(x); }</pre> */
    public static DNDarray cdist(DNDarray x) { return cdist(x, null, false); }

    /**
     * Euclidean distances between the rows of X and Y (Y null: X), computed exactly.
     * <pre>{@code DNDarray d = Spatial.cdist(x, y); }</pre>
     *
     * @throws IllegalArgumentException on every process, before any communication, for non-2-D inputs, different
     *         feature counts or complex dtypes
     */
    public static DNDarray cdist(DNDarray x, DNDarray y) { return cdist(x, y, false); }

    /**
     * Euclidean distances, by quadratic expansion when {@code quadraticExpansion} (Heat's {@code quadratic_expansion}).
     * <pre>{@code DNDarray d = Spatial.cdist(x, y, true); }</pre>
     */
    public static DNDarray cdist(DNDarray x, DNDarray y, boolean quadraticExpansion) {
        return Distances.cdist(x, y, Metric.euclidean(quadraticExpansion));
    }

    /**
     * Distances by scipy's metric name: euclidean, sqeuclidean, cityblock, manhattan, cosine.
     * <pre>{@code DNDarray d = Spatial.cdist(x, y, "cosine"); }</pre>
     *
     * @throws IllegalArgumentException for an unknown metric name (listing the allowed ones)
     */
    public static DNDarray cdist(DNDarray x, DNDarray y, String metric) { return Distances.cdist(x, y, Metric.of(metric)); }

    /**
     * Distances by scipy's metric name, euclidean and sqeuclidean optionally by quadratic expansion.
     * <pre>{@code DNDarray d = Spatial.cdist(x, y, "sqeuclidean", true); }</pre>
     */
    public static DNDarray cdist(DNDarray x, DNDarray y, String metric, boolean quadraticExpansion) {
        Metric m = Metric.of(metric);
        return Distances.cdist(x, y, quadraticExpansion ? new Metric(m.kind(), true, m.sigma()) : m);
    }

    /** Distances with a {@link Metric}. <pre>{@code DNDarray d = Spatial.cdist(x, y, Metric.rbf(1.0, true)); }</pre> */
    public static DNDarray cdist(DNDarray x, DNDarray y, Metric metric) { return Distances.cdist(x, y, metric); }

    /** Manhattan (L1) distances (Heat's {@code manhattan}). <pre>{@code DNDarray d = Spatial.manhattan(x, y); }</pre> */
    public static DNDarray manhattan(DNDarray x, DNDarray y) { return Distances.cdist(x, y, Metric.cityblock()); }

    /**
     * Manhattan distances; {@code expand} is Heat's choice between two torch formulations and gives the same values
     * here (one kernel). <pre>{@code DNDarray d = Spatial.manhattan(x, null, true); }</pre>
     */
    public static DNDarray manhattan(DNDarray x, DNDarray y, boolean expand) { return manhattan(x, y); }

    /** The Gaussian kernel {@code exp(-|x-y|² / (2σ²))} with σ = 1. <pre>{@code DNDarray k = Spatial.rbf(x, y); }</pre> */
    public static DNDarray rbf(DNDarray x, DNDarray y) { return rbf(x, y, 1.0, false); }

    /**
     * The Gaussian kernel {@code exp(-|x-y|² / (2σ²))} (Heat's {@code rbf}).
     * <pre>{@code DNDarray k = Spatial.rbf(x, y, 0.5, true); }</pre>
     *
     * @throws IllegalArgumentException when sigma is not a positive finite number
     */
    public static DNDarray rbf(DNDarray x, DNDarray y, double sigma, boolean quadraticExpansion) {
        return Distances.cdist(x, y, Metric.rbf(sigma, quadraticExpansion));
    }
}
