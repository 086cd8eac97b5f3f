package org.jheat.cluster;

/**
 * K-medians clustering (Heat's {@code ht.cluster.KMedians}) with scikit-learn's API: samples go to the nearest
 * centre in L1 (manhattan) distance, each centre moves to the coordinate-wise median of its members (numpy's
 * median, exact: a distributed selection, no cluster is gathered). The loop, tolerance and restarts are those of
 * {@link KMeans}; {@link #inertia()} is the sum of the L1 distances to the nearest centre. An empty cluster takes
 * the sample farthest from its centre.
 *
 * <pre>{@code
 * KMedians km = new KMedians(4).init("k-medians++").randomState(1);
 * DNDarray labels = km.fitPredict(x);
 * }</pre>
 */
public final class KMedians extends KCluster<KMedians> {
    /** K-medians with 8 clusters. <pre>{@code new KMedians()}</pre> */
    public KMedians() { this(8); }

    /** K-medians with {@code nClusters} clusters. <pre>{@code new KMedians(3)}</pre> */
    public KMedians(int nClusters) { super("KMedians", nClusters); }

    @Override Engine.Update update() { return Engine.Update.MEDIAN; }
}
