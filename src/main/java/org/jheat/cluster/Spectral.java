package org.jheat.cluster;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.core.Validation;
import org.jheat.graph.Laplacian;
import org.jheat.linalg.Lanczos;
import org.jheat.linalg.Linalg;
import org.jheat.sparse.DCSRMatrix;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;

/**
 * Heat's {@code Spectral} clustering: the symmetric normalised graph {@link Laplacian} of the samples (rbf or
 * Euclidean similarity, fully connected or ε-neighbourhood), its eigenvectors of the smallest eigenvalues from
 * {@link Linalg#lanczos} (started from the constant vector, as Heat) and the tridiagonal eigensolver on every
 * process, then {@link KMeans} on the rows of the first nClusters eigenvectors. With nClusters null the number of
 * clusters is taken at the largest gap between consecutive eigenvalues.
 *
 * <p>The n × n Laplacian is split along its rows (X split 0; replicated X is sliced, not gathered), so memory is
 * n²/p per process for the fully connected graph. An ε-neighbourhood graph ({@code laplacian("eNeighbour")}) is built
 * as a sparse matrix ({@link Laplacian#constructSparse}; memory O(edges/p), no n × n array anywhere) and Lanczos runs
 * on it through distributed SpMV; {@code sparse(false)} keeps the dense Laplacian for it (faster for small n). The Lanczos basis has min(nLanczos, n) vectors. Labels agree with scikit-learn's
 * SpectralClustering up to a permutation on well-separated clusters; unlike scikit-learn the embedding is not
 * rescaled by the degrees (Heat's choice).
 *
 * <pre>{@code
 * Spectral sc = new Spectral(3).gamma(0.5).randomState(0);
 * DNDarray labels = sc.fitPredict(x);
 * }</pre>
 */
public final class Spectral {
    private static final String NAME = "Spectral";
    private Integer nClusters;
    private double gamma = 1.0;
    private String metric = "rbf";
    private String laplacian = "fully_connected";
    private double threshold = 1.0;
    private String boundary = "upper";
    private int nLanczos = 300;
    private Long randomState;
    private boolean sparse = true;

    private KMeans kmeans;
    private DNDarray labels, eigenvalues;
    private int fittedClusters = -1;
    private long nFeatures = -1;

    /** Heat's defaults: nClusters from the spectral gap, gamma 1, rbf, fully connected, 300 Lanczos steps. <pre>{@code new Spectral()}</pre> */
    public Spectral() { }

    /**
     * Spectral clustering into k clusters. <pre>{@code new Spectral(4)}</pre>
     *
     * @throws IllegalArgumentException for k &lt; 1
     */
    public Spectral(int k) { nClusters(k); }

    /**
     * The number of clusters, or null to choose it from the largest eigenvalue gap. <pre>{@code sc.nClusters(3); }</pre>
     *
     * @throws IllegalArgumentException for a value &lt; 1
     */
    public Spectral nClusters(Integer k) {
        if (k != null && k < 1) throw new IllegalArgumentException(NAME + ": nClusters must be >= 1, got " + k);
        this.nClusters = k;
        return this;
    }

    /**
     * The rbf coefficient γ in exp(−γ·|x − y|²) (ignored for metric "euclidean"). <pre>{@code sc.gamma(0.5); }</pre>
     *
     * @throws IllegalArgumentException when gamma is not a positive finite number
     */
    public Spectral gamma(double g) {
        if (!(g > 0) || Double.isInfinite(g)) throw new IllegalArgumentException(NAME + ": gamma must be a positive finite number, got " + g);
        this.gamma = g;
        return this;
    }

    /**
     * The similarity: "rbf" or "euclidean". <pre>{@code sc.metric("euclidean"); }</pre>
     *
     * @throws IllegalArgumentException for another name
     */
    public Spectral metric(String m) {
        if (!"rbf".equals(m) && !"euclidean".equals(m)) throw new IllegalArgumentException(NAME + ": invalid metric '" + m + "'; allowed: 'rbf', 'euclidean'");
        this.metric = m;
        return this;
    }

    /**
     * The adjacency: "fully_connected" or "eNeighbour" (then threshold and boundary apply). <pre>{@code sc.laplacian("eNeighbour"); }</pre>
     *
     * @throws IllegalArgumentException for another name
     */
    public Spectral laplacian(String l) {
        if (!"fully_connected".equals(l) && !"eNeighbour".equals(l)) {
            throw new IllegalArgumentException(NAME + ": invalid laplacian '" + l + "'; allowed: 'fully_connected', 'eNeighbour'");
        }
        this.laplacian = l;
        return this;
    }

    /**
     * The ε-neighbourhood threshold (default 1.0). <pre>{@code sc.threshold(0.3); }</pre>
     *
     * @throws IllegalArgumentException for NaN
     */
    public Spectral threshold(double t) {
        if (Double.isNaN(t)) throw new IllegalArgumentException(NAME + ": threshold must not be NaN");
        this.threshold = t;
        return this;
    }

    /**
     * How the threshold bounds the similarity: "upper" (keep values below) or "lower" (keep values above).
     * <pre>{@code sc.boundary("lower"); }</pre>
     *
     * @throws IllegalArgumentException for another name
     */
    public Spectral boundary(String b) {
        if (!"upper".equals(b) && !"lower".equals(b)) throw new IllegalArgumentException(NAME + ": invalid boundary '" + b + "'; allowed: 'upper', 'lower'");
        this.boundary = b;
        return this;
    }

    /**
     * The number of Lanczos steps (default 300; at most n are taken). <pre>{@code sc.nLanczos(100); }</pre>
     *
     * @throws IllegalArgumentException for a value &lt; 1
     */
    public Spectral nLanczos(int m) {
        if (m < 1) throw new IllegalArgumentException(NAME + ": nLanczos must be >= 1, got " + m);
        this.nLanczos = m;
        return this;
    }

    /** The seed of the k-means initialisation (null: random). <pre>{@code sc.randomState(0L); }</pre> */
    public Spectral randomState(Long seed) {
        this.randomState = seed;
        return this;
    }

    /**
     * Whether an ε-neighbourhood Laplacian is built sparse (default true; the fully connected one is always dense).
     * <pre>{@code sc.laplacian("eNeighbour").sparse(false); }</pre>
     */
    public Spectral sparse(boolean s) {
        this.sparse = s;
        return this;
    }

    /** Whether an ε-neighbourhood Laplacian is built sparse. <pre>{@code sc.sparse()}</pre> */
    public boolean sparse() { return sparse; }

    /** The number of clusters asked for (null: from the eigenvalue gap). <pre>{@code sc.nClusters()}</pre> */
    public Integer nClusters() { return nClusters; }

    /** γ. <pre>{@code sc.gamma()}</pre> */
    public double gamma() { return gamma; }

    /** The similarity metric. <pre>{@code sc.metric()}</pre> */
    public String metric() { return metric; }

    /** The adjacency mode. <pre>{@code sc.laplacian()}</pre> */
    public String laplacian() { return laplacian; }

    /** The ε-neighbourhood threshold. <pre>{@code sc.threshold()}</pre> */
    public double threshold() { return threshold; }

    /** The threshold boundary. <pre>{@code sc.boundary()}</pre> */
    public String boundary() { return boundary; }

    /** The number of Lanczos steps. <pre>{@code sc.nLanczos()}</pre> */
    public int nLanczos() { return nLanczos; }

    /** The k-means seed. <pre>{@code sc.randomState()}</pre> */
    public Long randomState() { return randomState; }

    private Laplacian graph() {
        Laplacian l = metric.equals("rbf") ? Laplacian.rbf(gamma) : Laplacian.euclidean();
        return l.definition("norm_sym").mode(laplacian).threshold(boundary, threshold);
    }

    private void check(DNDarray x, String who) {
        Validation.check2d(x, who);
        if (nClusters != null && x.gshape()[0] < nClusters) {
            throw new IllegalArgumentException(who + ": n_samples=" + x.gshape()[0] + " should be >= nClusters=" + nClusters);
        }
    }

    /** The Lanczos basis of the Laplacian of x and the eigen-decomposition of its tridiagonal T (ascending). */
    private record Embedding(DNDarray basis, LocalLinalg.Eigh ritz) {
        /** The Ritz vectors of the k smallest Ritz values, (n, k) split like the Laplacian's rows. */
        DNDarray leading(int k, DNDarray like) {
            Tensor w = ritz.eigenvectors().narrow(1, 0, k).contiguous();
            return Linalg.matmul(basis, new DNDarray(w, w.shape(), null, like.comm(), null));
        }
    }

    private Embedding embed(DNDarray x, String who) {
        Validation.checkFinite(x, who);
        DNDarray xf = x.dtype().isFloat() ? x : x.astype(DType.FLOAT64);
        if (xf.splitAxis() < 0 && xf.comm().size() > 1) xf = xf.resplit(0);   // local slicing: each process its rows
        long n = xf.gshape()[0], m = Math.min(nLanczos, n);
        Lanczos lz;
        if (sparse && laplacian.equals("eNeighbour")) {
            DCSRMatrix l = graph().constructSparse(xf);
            lz = Linalg.lanczos(l, m, Factories.full(new long[] {n}, 1.0 / Math.sqrt(n), l.dtype(), 0, xf.device()));
        } else {
            DNDarray l = graph().construct(xf);
            lz = Linalg.lanczos(l, m, Factories.full(new long[] {n}, 1.0 / Math.sqrt(n), l.dtype(), l.split(), l.device()));
            l.larray().storage().free();   // the n × n Laplacian (this method's own array) is done with
        }
        // the tridiagonal T is replicated and bit-identical everywhere: each process solves it itself
        return new Embedding(lz.V(), LocalLinalg.eigh(lz.T().larray()));
    }

    /**
     * Clusters the rows of x (n_samples, n_features). Collective.
     * <pre>{@code sc.fit(x); }</pre>
     *
     * @throws IllegalArgumentException on every process: x not 2-d, fewer samples than clusters, NaN or infinity
     */
    public Spectral fit(DNDarray x) {
        check(x, NAME + ".fit");
        Embedding ev = embed(x, NAME + ".fit");
        Tensor values = ev.ritz().eigenvalues();
        int k;
        if (nClusters != null) {
            k = nClusters;
        } else {
            double[] w = values.toDoubleArray();
            int best = 0;
            for (int i = 1; i < w.length - 1; i++) if (w[i + 1] - w[i] > w[best + 1] - w[best]) best = i;
            k = w.length < 2 ? 1 : best + 1;
        }
        KMeans km = new KMeans(k).randomState(randomState);
        labels = km.fitPredict(ev.leading(k, x));
        kmeans = km;
        eigenvalues = new DNDarray(values, values.shape(), null, x.comm(), null);
        fittedClusters = k;
        nFeatures = x.gshape()[1];
        return this;
    }

    /**
     * {@link #fit} and the labels. <pre>{@code DNDarray y = sc.fitPredict(x); }</pre>
     */
    public DNDarray fitPredict(DNDarray x) { return fit(x).labels(); }

    /**
     * Heat's predict: the embedding of the new samples x (its own Laplacian and Lanczos eigenvectors) assigned to
     * the nearest fitted k-means centre. Meaningful for data like the training set; costly (a new n × n Laplacian).
     * <pre>{@code DNDarray y = sc.predict(xNew); }</pre>
     *
     * @throws IllegalStateException before fit
     * @throws IllegalArgumentException for a feature mismatch, fewer samples than clusters, NaN
     */
    public DNDarray predict(DNDarray x) {
        if (kmeans == null) throw Validation.notFitted(NAME);
        Validation.check2d(x, NAME + ".predict");
        Validation.checkFeatures(x, nFeatures, NAME + ".predict");
        if (x.gshape()[0] < fittedClusters) {
            throw new IllegalArgumentException(NAME + ".predict: n_samples=" + x.gshape()[0] + " should be >= nClusters=" + fittedClusters);
        }
        return kmeans.predict(embed(x, NAME + ".predict").leading(fittedClusters, x));
    }

    /** The cluster label of each training sample (n_samples,), int64. <pre>{@code sc.labels()}</pre> */
    public DNDarray labels() {
        if (labels == null) throw Validation.notFitted(NAME);
        return labels;
    }

    /** The k-means centres in the embedding (k, k). <pre>{@code sc.clusterCenters()}</pre> */
    public DNDarray clusterCenters() {
        if (kmeans == null) throw Validation.notFitted(NAME);
        return kmeans.clusterCenters();
    }

    /** The Ritz values of the Laplacian, ascending (min(nLanczos, n),), replicated. <pre>{@code sc.eigenvalues()}</pre> */
    public DNDarray eigenvalues() {
        if (eigenvalues == null) throw Validation.notFitted(NAME);
        return eigenvalues;
    }

    /** The number of clusters found (nClusters, or the one from the eigenvalue gap). <pre>{@code sc.nClustersFitted()}</pre> */
    public int nClustersFitted() {
        if (kmeans == null) throw Validation.notFitted(NAME);
        return fittedClusters;
    }
}
