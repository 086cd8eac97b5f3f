package org.jheat.cluster;

import org.jheat.comm.Communications;

/**
 * K-means clustering (Lloyd's algorithm) with scikit-learn's API and results: given the same initial centres it
 * reproduces scikit-learn's centres, labels, inertia and iteration count. Heat's {@code ht.cluster.KMeans}, with
 * {@link #inertia()} the true sum of squared distances (Heat stores the centre shift there).
 *
 * <p><b>Algorithm.</b> Each iteration is one pass over the local rows in blocks: for small k and f one fused sweep
 * finds each row's nearest centre by multiply-adds in the data's dtype (the same arithmetic wherever the row lies,
 * so the labels do not depend on the process or thread count), otherwise the distances of a block to the centres
 * are one gemm (float32 data multiplies in float32) and an argmin; then a per-cluster sum of the block's rows and ONE
 * Allreduce of k·f sums + k counts + the number of changed labels. Empty clusters are
 * refilled as scikit-learn does (the farthest samples), which costs one extra small Allgather when it happens; unlike
 * scikit-learn, a cluster stays empty (its centre kept) when every sample lies exactly on its centre, since moving a
 * sample at distance 0 cannot lower the inertia.
 * Initialisation: "k-means++" is the scalable k-means‖ (oversampling rounds over all processes, then weighted
 * k-means++ and Lloyd on the few candidates, as Heat), "random" k distinct samples, "batchparallel" the centres of
 * {@link BatchParallelKMeans}, or given centres. Random choices depend only on the seed and global sample indices:
 * the result is the same for any process count and split (up to the rounding of the sums' order).
 *
 * <p><b>Out of core.</b> {@link #fit(String, String, long)} clusters a 2-D dataset of an HDF5 or netCDF-4 file that
 * need not fit in memory: every pass reads the file chunk by chunk (each process its part of each chunk, with the
 * parallel HDF5 reader). The passes are the exact ones of the in-memory fit (not mini-batches), so the result is
 * the same; the memory per process is one chunk plus 4 bytes per local sample for the labels (12 during
 * k-means‖).
 *
 * <pre>{@code
 * KMeans km = new KMeans(8).init("k-means++").maxIter(300).tol(1e-4).randomState(0);
 * DNDarray labels = km.fitPredict(x);
 * double inertia = km.inertia();
 * KMeans big = new KMeans(8).randomState(0).fit("huge.h5", "data", 1 << 20);
 * }</pre>
 */
public final class KMeans extends KCluster<KMeans> {
    /** K-means with scikit-learn's defaults and 8 clusters. <pre>{@code KMeans km = new KMeans(); }</pre> */
    public KMeans() { this(8); }

    /** K-means with {@code nClusters} clusters. <pre>{@code KMeans km = new KMeans(3); }</pre> */
    public KMeans(int nClusters) { super("KMeans", nClusters); }

    @Override Engine.Update update() { return Engine.Update.MEAN; }

    /**
     * Fits on a 2-D dataset of an HDF5 (or netCDF-4) file, read in chunks of 65536 rows per process.
     * <pre>{@code km.fit("data.h5", "x"); }</pre>
     */
    public KMeans fit(String path, String dataset) { return fit(path, dataset, 65536); }

    /**
     * Fits on a 2-D dataset of an HDF5 or netCDF-4 file (a netCDF variable is the dataset of the same name), reading
     * {@code chunkRows} rows per process at a time; labels() is then split along rows, balanced. Collective.
     * <pre>{@code km.fit("data.nc", "samples", 1 << 20); }</pre>
     *
     * @throws IllegalArgumentException for chunkRows < 1, a dataset that is not 2-D, NaN/infinity, too few samples
     * @throws org.jheat.io.IOFailure for a missing file or dataset (on every process)
     */
    public KMeans fit(String path, String dataset, long chunkRows) {
        Samples s = Samples.file(path, dataset, chunkRows, Communications.world());
        fitSamples(s);
        return this;
    }
}
