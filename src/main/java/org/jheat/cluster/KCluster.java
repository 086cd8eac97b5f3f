package org.jheat.cluster;

import java.util.Locale;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.tensor.Device;
import org.jheat.spatial.Metric;
import org.jheat.spatial.Spatial;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * The k-statistics estimators (Heat's {@code _KCluster}) with scikit-learn's API: hyper-parameters by constructor
 * and chained setters, {@code fit}, {@code predict}, {@code fitPredict}, {@code transform}, {@code score}, fitted
 * attributes as getters. Subclasses differ in how centres move ({@link KMeans}: mean, {@link KMedians}: median,
 * {@link KMedoids}: medoid) and in the distance (squared euclidean / L1).
 *
 * <p>Every argument check looks at global metadata only and happens before any communication, so a bad call throws
 * the same exception on every process. Checks of the data values (NaN, infinity) are collective and also throw
 * everywhere alike.
 *
 * <pre>{@code
 * KMeans km = new KMeans(8).init("k-means++").maxIter(300).tol(1e-4).randomState(0L);
 * km.fit(x);
 * DNDarray centres = km.clusterCenters();           // (8, f), replicated
 * DNDarray labels = km.labels();                    // (n,), distributed like x
 * double inertia = km.inertia();
 * DNDarray y = km.predict(xNew);
 * }</pre>
 *
 * @param <T> the concrete estimator (setters return it)
 */
public abstract class KCluster<T extends KCluster<T>> extends KEstimator<T> {
    private String init = "k-means++";
    private double[] initCentres;
    private int initRows = -1, initCols = -1;
    private DNDarray initArray;
    private Integer nInit;
    private double oversampling = 2.0;
    private int initRounds = 5;
    private IterationListener listener;

    private int nIter;

    KCluster(String name, int nClusters) {
        super(name, nClusters);
    }

    abstract Engine.Update update();

    boolean l1() { return update() != Engine.Update.MEAN; }

    /** The estimator's distance: squared euclidean for k-means, L1 for the median-based ones. */
    Metric transformMetric() { return l1() ? Metric.cityblock() : Metric.euclidean(false); }

    // ------------------------------------------------------------------------------------------- hyper-parameters


    /**
     * The initialisation by name: "k-means++" (also "kmeans++", "probability_based", and for the median estimators
     * "k-medians++": the scalable k-means‖), "random" (k distinct samples) or "batchparallel" (the centres of the
     * batch-parallel estimator; k-means and k-medians only).
     * <pre>{@code km.init("random"); }</pre>
     *
     * @throws IllegalArgumentException for another name (the allowed ones are listed)
     */
    public T init(String method) {
        String m = method == null ? "" : method.toLowerCase(Locale.ROOT);
        String resolved = switch (m) {
            case "k-means++", "kmeans++", "probability_based", "k-medians++", "kmedians++" -> "k-means++";
            case "random" -> "random";
            case "batchparallel" -> "batchparallel";
            default -> null;
        };
        if (resolved == null || (resolved.equals("batchparallel") && update() == Engine.Update.MEDOID)) {
            throw new IllegalArgumentException(name + ": init must be one of 'k-means++', 'random'"
                    + (update() == Engine.Update.MEDOID ? "" : ", 'batchparallel'") + " or the initial centres, got '" + method + "'");
        }
        this.init = resolved;
        this.initCentres = null;
        this.initArray = null;
        return self();
    }

    /**
     * Given initial centres (nClusters, nFeatures) as a distributed array (any split; gathered at fit).
     * <pre>{@code km.init(firstRows); }</pre>
     *
     * @throws IllegalArgumentException for null or an array that is not 2-D
     */
    public T init(DNDarray centres) {
        if (centres == null || centres.ndim() != 2) {
            throw new IllegalArgumentException(name + ": initial centres must be a 2-D array (n_clusters, n_features), got "
                    + (centres == null ? "null" : "shape " + Shapes.str(centres.gshape())));
        }
        this.init = null;
        this.initArray = centres;
        this.initCentres = null;
        this.initRows = (int) centres.gshape()[0];
        this.initCols = (int) centres.gshape()[1];
        return self();
    }

    /**
     * Given initial centres as a Java array (the same on every process).
     * <pre>{@code km.init(new double[][] {{0, 0}, {5, 5}}); }</pre>
     *
     * @throws IllegalArgumentException for null, ragged rows or non-finite values
     */
    public T init(double[][] centres) {
        if (centres == null || centres.length == 0) throw new IllegalArgumentException(name + ": initial centres must not be empty");
        int f = centres[0].length;
        double[] c = new double[centres.length * f];
        for (int j = 0; j < centres.length; j++) {
            if (centres[j] == null || centres[j].length != f) {
                throw new IllegalArgumentException(name + ": initial centres must be rectangular; row " + j + " differs from row 0");
            }
            for (int t = 0; t < f; t++) {
                if (!Double.isFinite(centres[j][t])) throw new IllegalArgumentException(name + ": initial centres contain NaN or infinity");
                c[j * f + t] = centres[j][t];
            }
        }
        this.init = null;
        this.initArray = null;
        this.initCentres = c;
        this.initRows = centres.length;
        this.initCols = f;
        return self();
    }

    /**
     * Restarts with different seeds, keeping the run with the lowest inertia (≥ 1). Default ("auto" in
     * scikit-learn ≥ 1.4): 10 for "random", 1 otherwise; given centres always run once.
     * <pre>{@code km.nInit(10); }</pre>
     */
    public T nInit(int n) {
        this.nInit = atLeastOne("nInit", n);
        return self();
    }


    /**
     * k-means‖: the expected number of candidates per oversampling round, as a multiple of nClusters (> 0, default
     * 2, the paper's ℓ = 2k). <pre>{@code km.oversampling(4); }</pre>
     */
    public T oversampling(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) throw new IllegalArgumentException(name + ": oversampling must be > 0, got " + factor);
        this.oversampling = factor;
        return self();
    }

    /** k-means‖: the number of oversampling rounds (≥ 1, default 5). <pre>{@code km.initRounds(8); }</pre> */
    public T initRounds(int rounds) {
        if (rounds < 1) throw new IllegalArgumentException(name + ": initRounds must be >= 1, got " + rounds);
        this.initRounds = rounds;
        return self();
    }

    /**
     * What a fit reports after each Lloyd iteration, on every process alike (the values are global): for a progress
     * display. It must not communicate and does not change the result.
     * <pre>{@code km.listener((run, it, changed, shift) -> System.err.printf("iteration %d: %d labels changed%n", it, changed)); }</pre>
     */
    @FunctionalInterface
    public interface IterationListener {
        /**
         * One iteration done.
         *
         * @param run     the restart (0-based, see {@link #nInit})
         * @param iter    the iteration within the run (1-based)
         * @param changed samples whose label changed in this iteration
         * @param shift   the squared shift of the centres
         */
        void iteration(int run, int iter, long changed, double shift);
    }

    /** Calls {@code l} after each iteration of {@code fit} (null: none, the default). <pre>{@code km.listener(null); }</pre> */
    public T listener(IterationListener l) {
        this.listener = l;
        return self();
    }

    /** The initialisation method's name, or null when centres were given. */
    public String init() { return init; }


    // ------------------------------------------------------------------------------------------- fit

    /**
     * Clusters the rows of {@code x} (n_samples, n_features): any float or integer dtype (integers become
     * float64), split along rows, columns or replicated. Collective.
     * <pre>{@code km.fit(x); }</pre>
     *
     * @throws IllegalArgumentException on every process: x not 2-D, nClusters > n_samples, given centres of the wrong
     *         shape, NaN or infinity in x
     */
    public T fit(DNDarray x) {
        if (x != null && x.ndim() == 2) checkInitShape(x.gshape()[1]);
        Samples s = Samples.of(x, name);
        fitSamples(s);
        return self();
    }

    private void checkSamples(Samples s) {
        if (s.n < nClusters) {
            throw new IllegalArgumentException(name + ": n_samples=" + s.n + " should be >= nClusters=" + nClusters);
        }
    }

    void checkInitShape(long f) {
        if (initRows >= 0 && (initRows != nClusters || (f >= 0 && initCols != f))) {
            throw new IllegalArgumentException(name + ": the initial centres have shape (" + initRows + ", " + initCols
                    + "), which does not match (nClusters, n_features) = (" + nClusters + ", " + f + ")");
        }
    }

    void fitSamples(Samples s) {
        checkInitShape(s.f);
        if (s.inMemory()) checkSamples(s);   // global metadata: before any communication
        s.scan(name, tol > 0);
        checkSamples(s);                      // a file's length is known after the first pass
        double[] given = initCentres;
        if (initArray != null) {
            given = initArray.resplit(null).larray().toDoubleArray();
            for (double v : given) {
                if (!Double.isFinite(v)) throw new IllegalArgumentException(name + ": initial centres contain NaN or infinity");
            }
        }
        int runs = given != null ? 1 : nInit != null ? nInit : "random".equals(init) ? 10 : 1;
        Rng rng = given != null ? null : new Rng(Rng.key(randomState));
        double tolAbs = tol * s.meanVariance;
        Engine best = null;
        for (int run = 0; run < runs; run++) {
            double[] c0 = given != null ? given : initialCentres(s, rng, run);
            Engine e = new Engine(s, nClusters, update(), maxIter, tolAbs);
            if (listener != null) {
                int r = run;
                e.listener = (it, changed, shift) -> listener.iteration(r, it, changed, shift);
            }
            e.run(c0);
            if (best == null || (e.inertia < best.inertia && !sameClustering(s, best.labels, e.labels))) {
                if (best != null) best.free();
                best = e;
            } else {
                e.free();
            }
        }
        centres = best.centres;
        inertia = best.inertia;
        nIter = best.nIter;
        nFeatures = s.f;
        dtype = s.dtype;
        comm = s.comm;
        device = s.device;
        Tensor l64 = best.labels.toInt64();
        best.free();
        labels = s.assemble(l64);
    }

    /**
     * scikit-learn's {@code _is_same_clustering}: whether the labels of one run map onto those of another by a
     * relabelling — then a slightly lower inertia (rounding) does not replace the earlier run. One Allgather.
     */
    private boolean sameClustering(Samples s, Labels a, Labels b) {
        int k = nClusters;
        double[] map = new double[k + 1];
        java.util.Arrays.fill(map, -1);
        int block = 65536;
        int[] ba = new int[block], bb = new int[block];
        for (long i0 = 0; i0 < s.localRows; i0 += block) {
            int n = (int) Math.min(block, s.localRows - i0);
            a.read(i0, n, ba);
            b.read(i0, n, bb);
            for (int i = 0; i < n; i++) {
                int la = ba[i], lb = bb[i];
                if (map[la] < 0) map[la] = lb;
                else if (map[la] != lb) map[k] = 1;
            }
        }
        double[] all = Comms.allgather(s.comm, map);
        double[] merged = new double[k];
        java.util.Arrays.fill(merged, -1);
        for (int q = 0; q < s.comm.size(); q++) {
            if (all[q * (k + 1) + k] > 0) return false;
            for (int j = 0; j < k; j++) {
                double v = all[q * (k + 1) + j];
                if (v < 0) continue;
                if (merged[j] < 0) merged[j] = v;
                else if (merged[j] != v) return false;
            }
        }
        return true;
    }

    private double[] initialCentres(Samples s, Rng rng, int run) {
        return switch (init) {
            case "random" -> Init.random(s, nClusters, rng, run);
            case "batchparallel" -> {
                BatchParallelKCluster<?> bp = update() == Engine.Update.MEAN ? new BatchParallelKMeans(nClusters) : new BatchParallelKMedians(nClusters);
                bp.maxIter(100);
                if (randomState != null) bp.randomState(randomState + run);
                bp.fitSamples(s);
                yield bp.centres();
            }
            default -> Init.scalable(s, nClusters, l1(), rng, run, oversampling * nClusters, initRounds, maxIter, tol);
        };
    }

    /** Clusters {@code x} and returns the labels (scikit-learn's {@code fit_predict}). <pre>{@code DNDarray y = km.fitPredict(x); }</pre> */
    public DNDarray fitPredict(DNDarray x) {
        fit(x);
        return labels();
    }

    /** Fits and returns {@link #transform} of the same data. <pre>{@code DNDarray d = km.fitTransform(x); }</pre> */
    public DNDarray fitTransform(DNDarray x) {
        fit(x);
        return transform(x);
    }

    // ------------------------------------------------------------------------------------------- use

    private Samples checked(DNDarray x, String op) {
        checkFitted();
        if (x == null || x.ndim() != 2) {
            throw new IllegalArgumentException(name + "." + op + ": Expected a 2-D array (n_samples, n_features), got "
                    + (x == null ? "null" : "shape " + Shapes.str(x.gshape())));
        }
        if (x.gshape()[1] != nFeatures) {
            throw new IllegalArgumentException(name + "." + op + ": X has " + x.gshape()[1] + " features, but " + name
                    + " is expecting " + nFeatures + " features as input");
        }
        Samples s = Samples.of(x, name + "." + op);
        s.scan(name + "." + op, false);
        return s;
    }

    /**
     * The index of the nearest centre of every row (int64, distributed like x's rows; replicated for a replicated x).
     * <pre>{@code DNDarray y = km.predict(xNew); }</pre>
     *
     * @throws IllegalStateException before fit; IllegalArgumentException for another feature count or non-finite x
     */
    public DNDarray predict(DNDarray x) {
        Samples s = checked(x, "predict");
        Labels lab = new Labels(s, 0);
        Centres ce = new Centres(centres, nClusters, nFeatures, s);
        try {
            // labels only: the objective of the new rows is not asked for
            new Pass<Void>(s, ce, l1(), true) {
                @Override Void newState() { return null; }

                @Override void block(Void st, Block b) { lab.view(b.local, b.n).copyFrom(b.nearestView()); }
            }.run();
        } finally {
            ce.free();
        }
        Tensor l64 = lab.toInt64();
        lab.free();
        return s.assemble(l64);
    }

    /**
     * Distances of every row to every centre, (n, nClusters): euclidean for k-means (scikit-learn's transform), L1
     * for the median estimators. Split like x's rows.
     * <pre>{@code DNDarray d = km.transform(x); }</pre>
     */
    public DNDarray transform(DNDarray x) {
        checked(x, "transform");
        return Spatial.cdist(x, clusterCentersAs(x.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64, x.comm(), x.device()), transformMetric());
    }

    /**
     * The opposite of the objective on x: minus the sum of squared distances (k-means) or L1 distances (median
     * estimators) to the nearest centre (scikit-learn's score). <pre>{@code double s = km.score(x); }</pre>
     */
    public double score(DNDarray x) {
        Samples s = checked(x, "score");
        Labels lab = new Labels(s, 0);
        Centres ce = new Centres(centres, nClusters, nFeatures, s);
        double[] obj;
        try {
            obj = Engine.merge(new Engine.FinalPass(s, ce, l1(), lab, true).run(), 1);
        } finally {
            ce.free();
        }
        Comms.allreduceSum(s.comm, obj);
        return -obj[0];
    }

    // ------------------------------------------------------------------------------------------- fitted attributes

    /** Iterations of the best run (scikit-learn's n_iter_). <pre>{@code int it = km.nIter(); }</pre> */
    public int nIter() {
        checkFitted();
        return nIter;
    }

    /** The number of features seen in fit. <pre>{@code int f = km.nFeaturesIn(); }</pre> */
    public int nFeaturesIn() {
        checkFitted();
        return nFeatures;
    }
}
