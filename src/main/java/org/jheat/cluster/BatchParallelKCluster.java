package org.jheat.cluster;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.tensor.Device;
import org.jheat.spatial.Metric;
import org.jheat.spatial.Spatial;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Batch-parallel k-clustering (Heat's {@code _BatchParallelKCluster}, after Alguliyev et al. 2021): every process
 * clusters its own rows alone (k-means++ / k-medians++ seeding, then Lloyd iterations), then the local centres are
 * merged level by level — groups of {@code nProcsToMerge} processes send their k centres to the group's first
 * process, which clusters them again — until rank 0 holds the final centres, broadcast to all. Unlike Heat, each
 * centre travels with the number of samples it stands for and the merges are weighted by it, and a process with
 * fewer than k rows passes its rows on instead of failing. The result depends on the number of processes (the
 * batches are the processes' rows). With well-separated clusters BatchParallelKMeans agrees with {@link KMeans};
 * BatchParallelKMedians finds the clusters too, but a median of local medians is not the global median, so its L1
 * objective can stay above {@link KMedians}' (up to 17 % on six blobs at np 2–3), and an unlucky seed can merge two.
 * After fit, the labels and inertia of all samples are computed with one more pass.
 *
 * <pre>{@code
 * BatchParallelKMeans bp = new BatchParallelKMeans(8).randomState(0).nProcsToMerge(2);
 * bp.fit(x);
 * DNDarray centres = bp.clusterCenters();
 * }</pre>
 *
 * @param <T> the concrete estimator
 */
public abstract class BatchParallelKCluster<T extends BatchParallelKCluster<T>> extends KEstimator<T> {
    private static final int TAG = 7411;
    private final boolean l1;
    private Integer nProcsToMerge;

    private int[] nIter;

    BatchParallelKCluster(String name, boolean l1, int nClusters) {
        super(name, nClusters);
        this.l1 = l1;
    }

    /**
     * Processes merged per level (≥ 2; null, the default: all at once). <pre>{@code bp.nProcsToMerge(2); }</pre>
     */
    public T nProcsToMerge(Integer g) {
        if (g != null && g < 2) throw new IllegalArgumentException(name + ": nProcsToMerge must be None or an int > 1, got " + g);
        this.nProcsToMerge = g;
        return self();
    }

    /**
     * Clusters the rows of x (2-D; split along rows, or replicated — each process then takes a balanced share).
     * <pre>{@code bp.fit(x); }</pre>
     *
     * @throws IllegalArgumentException on every process for x not 2-D, nClusters > n_samples, NaN or infinity
     */
    public T fit(DNDarray x) {
        Samples s = Samples.of(x, name);
        fitSamples(s);
        Labels lab = new Labels(s, 0);
        Centres ce = new Centres(centres, nClusters, nFeatures, s);
        double[] obj;
        try {
            obj = Engine.merge(new Engine.FinalPass(s, ce, l1, lab, true).run(), 1);
        } finally {
            ce.free();
        }
        Comms.allreduceSum(s.comm, obj);
        inertia = obj[0];
        labels = s.assemble(lab.toInt64());
        return self();
    }

    void fitSamples(Samples s) {
        if (!s.inMemory()) throw new UnsupportedOperationException(name + ": needs the samples in memory");
        if (s.n < nClusters) throw new IllegalArgumentException(name + ": n_samples=" + s.n + " should be >= nClusters=" + nClusters);
        s.scan(name, false);
        int k = nClusters, f = s.f, p = s.comm.size(), r = s.comm.rank();
        Rng rng = new Rng(Rng.key(randomState));
        int rec = k * f + k;
        double[] mine = new double[rec + 1];
        Tensor rows = s.rows();
        int localIters = 0;
        if (rows.shape(0) >= k) {
            double[] res = cluster(rows, null, rng, Rng.stream(Rng.LOCAL, r, 0));
            System.arraycopy(res, 0, mine, 0, rec + 1);
            localIters = (int) res[rec];
        } else {
            rows.toDoubleArray(mine, 0);   // too few rows to cluster: pass them on with weight 1
            for (int i = 0; i < rows.shape(0); i++) mine[k * f + i] = 1;
        }
        int g = nProcsToMerge == null ? Math.max(2, p) : nProcsToMerge;
        int mergeIters = 0;
        for (long stride = 1; stride < p; stride *= g) {
            if (r % stride != 0) continue;
            long leader = r - r % (stride * g);
            if (r != leader) {
                Comms.send(s.comm, mine, (int) leader, TAG);
                continue;
            }
            int members = 1;
            for (int j = 1; j < g && r + j * stride < p; j++) members++;
            double[] pts = new double[members * k * f], w = new double[members * k];
            System.arraycopy(mine, 0, pts, 0, k * f);
            System.arraycopy(mine, k * f, w, 0, k);
            double[] buf = new double[rec + 1];
            for (int j = 1; j < members; j++) {
                Comms.recv(s.comm, buf, (int) (r + j * stride), TAG);
                System.arraycopy(buf, 0, pts, j * k * f, k * f);
                System.arraycopy(buf, k * f, w, j * k, k);
            }
            Tensor t = Engine.tensor(pts, members * k, f, DType.FLOAT64, s.device);
            double[] res = cluster(t, w, rng, Rng.stream(Rng.LOCAL, r, stride + 1));
            t.storage().free();
            System.arraycopy(res, 0, mine, 0, rec);
            mergeIters += (int) res[rec];
        }
        double[] fin = new double[k * f + 1];
        System.arraycopy(mine, 0, fin, 0, k * f);
        fin[k * f] = mergeIters;
        Comms.bcast(s.comm, fin, 0);
        centres = java.util.Arrays.copyOf(fin, k * f);
        nIter = new int[] {localIters, (int) fin[k * f]};
        nFeatures = f;
        dtype = s.dtype;
        comm = s.comm;
        device = s.device;
    }

    /** One-process weighted clustering of rows: {k·f centres, k weights, iterations}. */
    private double[] cluster(Tensor rows, double[] w, Rng rng, long stream) {
        int k = nClusters;
        Samples ls = Samples.local(rows);
        ((Samples.InMemory) ls).weights = w;
        ls.scan(name, tol > 0);
        int f = ls.f;
        double[] seeds = Init.plusPlus(((Samples.InMemory) ls).rows(), w, k, l1, rng, stream);
        Engine e = new Engine(ls, k, l1 ? Engine.Update.MEDIAN : Engine.Update.MEAN, maxIter, tol * ls.meanVariance);
        e.run(seeds);
        double[] out = new double[k * f + k + 1];
        System.arraycopy(e.centres, 0, out, 0, k * f);
        int[] lab = e.labels.all();
        for (int i = 0; i < lab.length; i++) out[k * f + lab[i]] += w == null ? 1 : w[i];
        out[k * f + k] = e.nIter;
        e.free();
        return out;
    }

    double[] centres() { return centres.clone(); }

    /**
     * The index of the nearest centre (squared euclidean or L1) of every row of x, int64, distributed like x's rows.
     * <pre>{@code DNDarray y = bp.predict(x); }</pre>
     *
     * @throws IllegalStateException before fit; IllegalArgumentException for another feature count
     */
    public DNDarray predict(DNDarray x) {
        checkFitted();
        if (x == null || x.ndim() != 2 || x.gshape()[1] != nFeatures) {
            throw new IllegalArgumentException(name + ".predict: X must be 2-D with " + nFeatures + " features, got "
                    + (x == null ? "null" : "shape " + Shapes.str(x.gshape())));
        }
        Samples s = Samples.of(x, name + ".predict");
        s.scan(name + ".predict", false);
        Labels lab = new Labels(s, 0);
        Centres ce = new Centres(centres, nClusters, nFeatures, s);
        try {
            new Engine.FinalPass(s, ce, l1, lab, true).run();
        } finally {
            ce.free();
        }
        return s.assemble(lab.toInt64());
    }

    /** Fits and returns the training labels. <pre>{@code DNDarray y = bp.fitPredict(x); }</pre> */
    public DNDarray fitPredict(DNDarray x) {
        fit(x);
        return labels;
    }

    /** Distances (euclidean / L1) of every row to every centre, split like x's rows. <pre>{@code bp.transform(x)}</pre> */
    public DNDarray transform(DNDarray x) {
        checkFitted();
        if (x == null || x.ndim() != 2 || x.gshape()[1] != nFeatures) {
            throw new IllegalArgumentException(name + ".transform: X must be 2-D with " + nFeatures + " features");
        }
        DType t = x.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
        return Spatial.cdist(x, clusterCentersAs(t, x.comm(), x.device()), l1 ? Metric.cityblock() : Metric.euclidean(false));
    }

    /** Heat's functional value: the same as {@link #inertia()}. */
    public double functionalValue() { return inertia(); }

    /** {local iterations of this process, iterations of the final merge} (Heat's n_iter_ pair). */
    public int[] nIter() {
        checkFitted();
        return nIter.clone();
    }
}
