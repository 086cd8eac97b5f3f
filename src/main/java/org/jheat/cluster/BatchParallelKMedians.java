package org.jheat.cluster;

/**
 * Batch-parallel k-medians (Heat's {@code BatchParallelKMedians}): see {@link BatchParallelKCluster}; L1 distances,
 * coordinate-wise (weighted) medians.
 *
 * <pre>{@code
 * DNDarray labels = new BatchParallelKMedians(4).randomState(0).fitPredict(x);
 * }</pre>
 */
public final class BatchParallelKMedians extends BatchParallelKCluster<BatchParallelKMedians> {
    /** With 8 clusters. <pre>{@code new BatchParallelKMedians()}</pre> */
    public BatchParallelKMedians() { this(8); }

    /** With {@code nClusters} clusters. <pre>{@code new BatchParallelKMedians(3)}</pre> */
    public BatchParallelKMedians(int nClusters) { super("BatchParallelKMedians", true, nClusters); }
}
