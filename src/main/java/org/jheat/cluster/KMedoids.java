package org.jheat.cluster;

/**
 * K-medoids clustering (Heat's {@code ht.cluster.KMedoids}) with scikit-learn's API: L1 assignment like
 * {@link KMedians}, and every centre is a sample — Heat's rule: the member of the cluster nearest (L1) to the
 * cluster's coordinate-wise median (smaller global index on ties). Each update costs the distributed median
 * selection plus one Allgather and one Allreduce. {@link #inertia()} is the sum of L1 distances to the medoids.
 *
 * <pre>{@code
 * KMedoids km = new KMedoids(3).init("random").randomState(0);
 * km.fit(x);
 * DNDarray medoids = km.clusterCenters();
 * }</pre>
 */
public final class KMedoids extends KCluster<KMedoids> {
    /** K-medoids with 8 clusters. <pre>{@code new KMedoids()}</pre> */
    public KMedoids() { this(8); }

    /** K-medoids with {@code nClusters} clusters. <pre>{@code new KMedoids(3)}</pre> */
    public KMedoids(int nClusters) { super("KMedoids", nClusters); }

    @Override Engine.Update update() { return Engine.Update.MEDOID; }
}
