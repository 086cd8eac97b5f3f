package org.jheat.tensor;

/**
 * The pairwise distances (and the rbf kernel) the local distance kernels compute; {@code org.jheat.spatial.Metric}
 * names them for users. <pre>{@code LocalDistances.compute(DistanceKind.CITYBLOCK, false, Double.NaN, x, y, out); }</pre>
 */
public enum DistanceKind {
    /** sqrt(Σ (x - y)²). */
    EUCLIDEAN,
    /** Σ (x - y)². */
    SQEUCLIDEAN,
    /** Σ |x - y| (manhattan). */
    CITYBLOCK,
    /** 1 - x·y / (|x| |y|), clamped to [0, 2]. */
    COSINE,
    /** exp(-|x - y|² / (2σ²)). */
    RBF
}
