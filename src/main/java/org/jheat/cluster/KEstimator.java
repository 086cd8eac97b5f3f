package org.jheat.cluster;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;

/**
 * The hyper-parameters every k-clustering estimator has — the number of clusters, the iteration limit, the relative
 * tolerance and the seed — with their setters (scikit-learn's checks and messages, local: no data is seen yet) and
 * getters, and the fitted state they share (centres, labels, inertia) with its accessors. {@link KCluster} and
 * {@link BatchParallelKCluster} extend it.
 *
 * <pre>{@code
 * KMeans km = new KMeans().nClusters(8).maxIter(100).tol(0.0).randomState(42);
 * int k = km.nClusters();
 * }</pre>
 *
 * @param <T> the concrete estimator (setters return it)
 */
abstract class KEstimator<T extends KEstimator<T>> {
    /** The estimator's name in messages ("KMeans" …). */
    final String name;
    int nClusters;
    int maxIter = 300;
    double tol = 1e-4;
    Long randomState;

    KEstimator(String name, int nClusters) {
        this.name = name;
        nClusters(nClusters);
    }

    @SuppressWarnings("unchecked")
    final T self() { return (T) this; }

    /** {@code v ≥ 1}, else IllegalArgumentException naming the estimator and the parameter {@code what}. */
    final int atLeastOne(String what, int v) {
        if (v < 1) throw new IllegalArgumentException(name + ": " + what + " must be an int in the range [1, inf), got " + v);
        return v;
    }

    /**
     * The number of clusters (≥ 1). <pre>{@code km.nClusters(4); }</pre>
     *
     * @throws IllegalArgumentException for values below 1
     */
    public T nClusters(int k) {
        this.nClusters = atLeastOne("nClusters", k);
        return self();
    }

    /**
     * Maximum iterations of one clustering run (≥ 1, default 300; for the batch-parallel estimators, of every local
     * and merging run). <pre>{@code km.maxIter(100); }</pre>
     */
    public T maxIter(int n) {
        this.maxIter = atLeastOne("maxIter", n);
        return self();
    }

    /**
     * Relative tolerance (≥ 0, default 1e-4): a run stops when the squared shift of the centres is at most
     * {@code tol} times the mean variance of the features (scikit-learn's rule), or when no label changes.
     * <pre>{@code km.tol(0.0); }</pre>
     */
    public T tol(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) throw new IllegalArgumentException(name + ": tol must be a finite float >= 0, got " + t);
        this.tol = t;
        return self();
    }

    /**
     * Seed (null: drawn from jheat's global generator; the batch-parallel estimators seed process r with the seed
     * and r, as Heat). <pre>{@code km.randomState(0L); }</pre>
     */
    public T randomState(Long seed) {
        this.randomState = seed;
        return self();
    }

    /** Seed. <pre>{@code km.randomState(42); }</pre> */
    public T randomState(long seed) { return randomState(Long.valueOf(seed)); }

    /** The number of clusters. <pre>{@code int k = km.nClusters(); }</pre> */
    public int nClusters() { return nClusters; }

    /** Maximum iterations. <pre>{@code int n = km.maxIter(); }</pre> */
    public int maxIter() { return maxIter; }

    /** Relative tolerance. <pre>{@code double t = km.tol(); }</pre> */
    public double tol() { return tol; }

    /** The seed, or null. <pre>{@code Long s = km.randomState(); }</pre> */
    public Long randomState() { return randomState; }

    // the fitted state: set by fit, read by the accessors below
    double[] centres;
    int nFeatures = -1;
    DType dtype;
    Communication comm;
    /** The fitted data's device: the fitted attributes live there. */
    Device device;
    DNDarray labels;
    double inertia;

    /** IllegalStateException (scikit-learn's NotFittedError message) before fit. */
    final void checkFitted() {
        if (centres == null) {
            throw new IllegalStateException("This " + name + " instance is not fitted yet. Call 'fit' with appropriate arguments "
                    + "before using this estimator.");
        }
    }

    /** The centres (nClusters, n_features), replicated, in the data's float dtype. <pre>{@code km.clusterCenters()}</pre> */
    public DNDarray clusterCenters() {
        checkFitted();
        return clusterCentersAs(dtype, comm, device);
    }

    /** The centres as a replicated array of dtype t on communicator c and device d. */
    final DNDarray clusterCentersAs(DType t, Communication c, Device d) {
        return new DNDarray(Engine.tensor(centres, nClusters, nFeatures, t, d), new long[] {nClusters, nFeatures}, null, c, d, null);
    }

    /** The centres as a Java array (the same on every process). <pre>{@code double[][] c = km.clusterCentersArray(); }</pre> */
    public double[][] clusterCentersArray() {
        checkFitted();
        double[][] out = new double[nClusters][nFeatures];
        for (int j = 0; j < nClusters; j++) System.arraycopy(centres, j * nFeatures, out[j], 0, nFeatures);
        return out;
    }

    /** The label of every training sample (int64), distributed like the training rows. <pre>{@code km.labels()}</pre> */
    public DNDarray labels() {
        checkFitted();
        return labels;
    }

    /**
     * The objective of the fitted centres and labels: the sum of squared euclidean distances of the samples to
     * their centre for k-means (scikit-learn's inertia_), of L1 distances for the median estimators.
     * <pre>{@code double j = km.inertia(); }</pre>
     */
    public double inertia() {
        checkFitted();
        return inertia;
    }
}
