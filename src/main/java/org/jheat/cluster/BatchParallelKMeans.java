package org.jheat.cluster;

/**
 * Batch-parallel k-means (Heat's {@code BatchParallelKMeans}): see {@link BatchParallelKCluster}.
 *
 * <pre>{@code
 * DNDarray labels = new BatchParallelKMeans(8).randomState(0).fitPredict(x);
 * }</pre>
 */
public final class BatchParallelKMeans extends BatchParallelKCluster<BatchParallelKMeans> {
    /** With 8 clusters. <pre>{@code new BatchParallelKMeans()}</pre> */
    public BatchParallelKMeans() { this(8); }

    /** With {@code nClusters} clusters. <pre>{@code new BatchParallelKMeans(3)}</pre> */
    public BatchParallelKMeans(int nClusters) { super("BatchParallelKMeans", false, nClusters); }
}
