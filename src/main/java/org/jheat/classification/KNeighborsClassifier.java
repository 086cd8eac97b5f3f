package org.jheat.classification;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.comm.Request;
import org.jheat.core.DNDarray;
import org.jheat.core.Validation;
import org.jheat.preprocessing.LabelEncoder;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.PairwiseSum;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Reductions;
import org.jheat.tensor.Tensor;

/**
 * k-nearest-neighbours classification with Euclidean distance (scikit-learn's {@code KNeighborsClassifier} with
 * {@code algorithm="brute"}, {@code metric="minkowski", p=2}; Heat's {@code ht.classification.KNeighborsClassifier}):
 * a query gets the majority label of its k nearest training samples ({@code weights="uniform"}) or the label with
 * the largest sum of inverse distances ({@code weights="distance"}; training samples at distance 0 then get weight
 * 1 and all others 0).
 *
 * <p><b>Data layout.</b> The training rows stay where they are: split along the rows (a column-split X is resplit
 * once) or replicated. Queries may be replicated or split along the rows; results follow the queries.
 *
 * <p><b>Algorithm.</b> Per tile of (query block × training tile) one BLAS GEMM ({@link LocalLinalg#gemm}) gives the
 * cross terms of the expansion ‖q‖² - 2 q·x + ‖x‖² of every squared distance, as scikit-learn's brute
 * force computes it. The expansion only prunes: a pair whose estimate exceeds the query's current k-th distance by
 * more than its rounding bound is skipped, the few others get the direct Σ (q - x)² (numpy's summation order) and
 * enter the query's list of the k best (squared distance, global training index, class). Ranking by the direct
 * distance makes the result independent of tiling, BLAS and process count, and near-equal distances compare as
 * accurately as the data allow. Candidates of the processes are merged — never the distance matrix:
 * <ul>
 *   <li>training split, queries replicated: per block of queries one Allgather of each process's k candidates per
 *   query; every process merges the same lists;</li>
 *   <li>training split, queries split: the query blocks travel around the ring of processes together with their
 *   running candidate lists (the next block's transfer overlaps the current block's GEMMs); after p steps the
 *   candidates return to the queries' owner;</li>
 *   <li>training replicated: each process answers its own queries alone, without communication.</li>
 * </ul>
 * <b>Ties.</b> Among training samples at the same distance from a query, those with the smallest global training
 * index (row in X) are taken. scikit-learn leaves this unspecified (its result depends on its thread count); with
 * exact distances (e.g. integer data) jheat's choice is therefore reproducible and independent of the process
 * count. Vote ties go to the smallest class label, as in scikit-learn. Returned distances are the direct ones
 * (scikit-learn returns the expansion's, which differ by its rounding: up to ~1e-7 for a query on a training point).
 *
 * <pre>{@code
 * KNeighborsClassifier knn = new KNeighborsClassifier(5, "distance").fit(xTrain, yTrain);
 * DNDarray labels = knn.predict(xTest);             // split like xTest
 * DNDarray proba = knn.predictProba(xTest);         // (nTest, nClasses)
 * DNDarray[] nn = knn.kneighbors(xTest);            // {distances (nTest, 5), global training indices}
 * double acc = knn.score(xTest, yTest);
 * }</pre>
 */
public final class KNeighborsClassifier {
    private static final String NAME = "KNeighborsClassifier";
    /** Queries per GEMM block. */
    private static final int QUERY_BLOCK = 256;
    /** Training rows per GEMM tile (the distance tile is QUERY_BLOCK × TRAIN_TILE doubles). */
    private static final int TRAIN_TILE = 2048;
    /** Candidate doubles per Allgather block (bounds the merge buffers). */
    private static final long MERGE_DOUBLES = 1L << 21;
    /** Tags of the ring exchange (each step uses its own pair). */
    private static final int TAG_RING = 0x4B4E;

    private int nNeighbors;
    private String weights;

    private LabelEncoder encoder;
    private Tensor train;         // local training rows, float64 contiguous
    private Tensor trainNorms;    // ‖x‖² of the local rows
    private int[] trainCodes;     // class code of each local row
    private long trainOffset;     // global index of the first local row
    private long nTrain = -1;
    private long nFeatures;
    private boolean trainDistributed;
    private Communication comm;

    /** scikit-learn's defaults: 5 neighbours, uniform weights. <pre>{@code new KNeighborsClassifier()}</pre> */
    public KNeighborsClassifier() { this(5, "uniform"); }

    /** k neighbours, uniform weights. <pre>{@code new KNeighborsClassifier(3)}</pre> */
    public KNeighborsClassifier(int nNeighbors) { this(nNeighbors, "uniform"); }

    /**
     * k neighbours and "uniform" or "distance" weights.
     * <pre>{@code new KNeighborsClassifier(7, "distance")}</pre>
     *
     * @throws IllegalArgumentException for nNeighbors &lt; 1 or another weights name
     */
    public KNeighborsClassifier(int nNeighbors, String weights) {
        nNeighbors(nNeighbors);
        weights(weights);
    }

    /**
     * Sets the number of neighbours; returns this.
     *
     * @throws IllegalArgumentException unless nNeighbors >= 1
     */
    public KNeighborsClassifier nNeighbors(int k) {
        if (k < 1) throw new IllegalArgumentException(NAME + ": nNeighbors must be >= 1, got " + k);
        nNeighbors = k;
        return this;
    }

    /**
     * Sets the weights ("uniform" or "distance"); returns this.
     *
     * @throws IllegalArgumentException for another name
     */
    public KNeighborsClassifier weights(String w) {
        if (!"uniform".equals(w) && !"distance".equals(w)) {
            throw new IllegalArgumentException(NAME + ": weights must be 'uniform' or 'distance', got '" + w + "'");
        }
        weights = w;
        return this;
    }

    /** The number of neighbours. */
    public int nNeighbors() { return nNeighbors; }
    /** The weights name. */
    public String weights() { return weights; }

    // ------------------------------------------------------------------------------------ fitting

    /**
     * Stores the training data (a float64 copy of each process's rows and their squared norms) and finds the classes
     * (distributed unique of y). Collective.
     * <pre>{@code knn.fit(x, y); }</pre>
     *
     * @throws IllegalArgumentException for X not 2-d/empty, y not 1-d or of another length, NaN/infinity in X or y — on every process
     */
    public KNeighborsClassifier fit(DNDarray x, DNDarray y) {
        String who = NAME + ".fit";
        Validation.check2d(x, who);
        DNDarray yy = Validation.checkLabels(y, x.gshape()[0], who);
        DNDarray xr = Validation.rowsLocal(x);
        Validation.checkFinite(xr, who);
        DNDarray yl = Validation.labelsLike(yy, xr, who);
        Validation.checkFinite(yl, who, "y");
        LabelEncoder enc = new LabelEncoder().fit(yl);
        long[] codes = enc.encodeLocal(yl.larray());
        Tensor local = xr.larray().astype(DType.FLOAT64);   // on x's device: the distance GEMMs run there, the scan on host copies of their tiles
        int[] c = new int[codes.length];
        for (int i = 0; i < c.length; i++) c[i] = (int) codes[i];
        encoder = enc;
        train = local;
        trainNorms = rowNorms(local);
        trainCodes = c;
        trainDistributed = xr.isDistributed();
        trainOffset = trainDistributed ? xr.countsDispls()[1][xr.comm().rank()] : 0;
        nTrain = x.gshape()[0];
        nFeatures = x.gshape()[1];
        comm = xr.comm();
        return this;
    }

    /** ‖row‖² of each row (local). */
    private static Tensor rowNorms(Tensor t) {
        Tensor sq = t.backend().empty(DType.FLOAT64, t.shape());
        t.backend().elementwise(org.jheat.tensor.Kernels.SQUARE, false, sq, t);
        Tensor r = t.backend().reduce(Reductions.SUM, false, sq, 1, DType.FLOAT64);
        sq.storage().free();
        return r;
    }

    // ------------------------------------------------------------------------------------ neighbour search

    /** Candidates of a block of queries: k per query of (squared distance, global index, class code), sorted. */
    private static final class Candidates {
        final int k;
        final int n;
        final double[] value;
        final long[] index;
        final int[] code;

        Candidates(int n, int k) {
            this.n = n;
            this.k = k;
            value = new double[n * k];
            index = new long[n * k];
            code = new int[n * k];
            Arrays.fill(value, Double.POSITIVE_INFINITY);
            Arrays.fill(index, Long.MAX_VALUE);
        }

        /** Offers (v, idx, c) to query q's list (kept sorted by value, then index). */
        void offer(int q, double v, long idx, int c) {
            int base = q * k, last = base + k - 1;
            if (v > value[last] || (v == value[last] && idx >= index[last])) return;
            int pos = last;
            while (pos > base && (v < value[pos - 1] || (v == value[pos - 1] && idx < index[pos - 1]))) {
                value[pos] = value[pos - 1];
                index[pos] = index[pos - 1];
                code[pos] = code[pos - 1];
                pos--;
            }
            value[pos] = v;
            index[pos] = idx;
            code[pos] = c;
        }

        /** Packs as (n, k, 3) float64: squared distance, index, code (exact below 2^53). */
        Tensor pack() {
            double[] d = new double[n * k * 3];
            for (int i = 0; i < n * k; i++) {
                d[3 * i] = value[i];
                d[3 * i + 1] = index[i] == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : index[i];
                d[3 * i + 2] = code[i];
            }
            return Tensor.fromArray(d).reshape(n, k, 3);
        }

        /** Merges packed candidates (n, k, 3) of another source. */
        void merge(double[] packed, int from) {
            for (int q = 0; q < n; q++) {
                for (int j = 0; j < k; j++) {
                    int o = from + 3 * (q * k + j);
                    double v = packed[o];
                    if (v == Double.POSITIVE_INFINITY) break;   // the rest of this list is empty
                    offer(q, v, (long) packed[o + 1], (int) packed[o + 2]);
                }
            }
        }

        static Candidates unpack(Tensor t, int n, int k) {
            Candidates c = new Candidates(n, k);
            c.merge(t.toDoubleArray(), 0);
            return c;
        }
    }

    /**
     * Offers the local training rows to the candidate lists of the queries q (n × F float64 contiguous). Per
     * training tile, one GEMM gives every estimate ‖q‖² - 2 q·x + ‖x‖² of the squared distance; a pair whose
     * estimate exceeds the query's current k-th distance by more than the expansion's rounding bound
     * (taken as 8 (F + 4) eps (‖q‖² + ‖x‖²)) cannot enter its list and is skipped, every other pair gets its exact-order
     * distance Σ (q - x)² (numpy's pairwise order) and is offered. The lists therefore rank by that direct distance,
     * which is reproducible for any tiling, BLAS and process count — the GEMM only rules pairs out.
     */
    private void searchLocal(Tensor q, Candidates cand) {
        int n = (int) q.shape(0), f = (int) nFeatures;
        long nl = train.shape(0);
        if (n == 0 || nl == 0) return;
        double[] qn = rowNorms(q).toDoubleArray();
        double gamma = 8.0 * (f + 4) * Math.ulp(1.0);   // twice the expansion's rounding bound (relative to ‖q‖² + ‖x‖²)
        double[] d = null, xq = null, xt = null, xn = null;   // heap buffers, reused across tiles
        Tensor tile = train.newEmpty(DType.FLOAT64, Math.min(QUERY_BLOCK, n), Math.min(TRAIN_TILE, nl));
        for (long t0 = 0; t0 < nl; t0 += TRAIN_TILE) {
            int tb = (int) Math.min(TRAIN_TILE, nl - t0);
            Tensor trainTile = train.narrow(0, t0, tb);
            xt = trainTile.toDoubleArray(xt);
            xn = trainNorms.narrow(0, t0, tb).toDoubleArray(xn);
            for (int j = 0; j < tb; j++) xn[j] *= 1 - gamma;   // ‖x‖²(1-γ): the pruning test's lower bound
            for (int q0 = 0; q0 < n; q0 += QUERY_BLOCK) {
                int qb = Math.min(QUERY_BLOCK, n - q0);
                Tensor qBlock = q.narrow(0, q0, qb);
                Tensor c = tile.narrow(1, 0, tb).narrow(0, 0, qb);
                LocalLinalg.gemm(-2.0, qBlock, trainTile.transpose(), 0.0, c);   // -2 q·x; ‖q‖², ‖x‖² added in the scan
                d = c.toDoubleArray(d);
                xq = qBlock.toDoubleArray(xq);
                final int qOff = q0;
                final long tOff = t0;
                final double[] dd = d, qq = xq, tt = xt, tn = xn;
                Parallel.forRange(qb, 16, (a, b) -> {
                    double[] diff = new double[f];
                    for (int i = (int) a; i < b; i++) {
                        int qi = qOff + i, row = i * tb, last = qi * cand.k + cand.k - 1;
                        // skip x when -2q·x + ‖x‖²(1-γ) > kth - ‖q‖²(1-γ): its distance is surely above the k-th
                        double shift = qn[qi] * (1 - gamma);
                        double rhs = cand.value[last] - shift;
                        for (int j = 0; j < tb; j++) {
                            if (dd[row + j] + tn[j] > rhs) continue;
                            for (int e = 0; e < f; e++) {
                                double v = qq[i * f + e] - tt[j * f + e];
                                diff[e] = v * v;
                            }
                            int local = (int) (tOff + j);
                            cand.offer(qi, PairwiseSum.sum(diff, 0, f), trainOffset + local, trainCodes[local]);
                            rhs = cand.value[last] - shift;
                        }
                    }
                });
            }
        }
        tile.storage().free();
    }

    /** The merged candidates of this process's query rows (all queries when q is replicated). */
    private Candidates search(DNDarray q, int k) {
        Tensor ql = q.larray().astype(DType.FLOAT64);
        int n = (int) ql.shape(0);
        if (!trainDistributed) {
            Candidates c = new Candidates(n, k);
            searchLocal(ql, c);
            return c;
        }
        return q.isDistributed() ? ring(q, ql, k) : gathered(ql, k);
    }

    /** Training split, queries replicated: local candidates per block of queries, one Allgather each, merged. */
    private Candidates gathered(Tensor ql, int k) {
        int n = (int) ql.shape(0), p = comm.size();
        Candidates all = new Candidates(n, k);
        int block = (int) Math.max(1, Math.min(n, MERGE_DOUBLES / (3L * k * p)));
        for (int q0 = 0; q0 < n; q0 += block) {
            int qb = Math.min(block, n - q0);
            Candidates mine = new Candidates(qb, k);
            searchLocal(ql.narrow(0, q0, qb).contiguous(), mine);
            Tensor every = Tensor.empty(DType.FLOAT64, p, qb, k, 3);   // host: packed candidates (Java arrays)
            comm.allgather(mine.pack(), every);
            double[] packed = every.toDoubleArray();
            Candidates merged = new Candidates(qb, k);
            for (int r = 0; r < p; r++) merged.merge(packed, r * qb * k * 3);
            System.arraycopy(merged.value, 0, all.value, q0 * k, qb * k);
            System.arraycopy(merged.index, 0, all.index, q0 * k, qb * k);
            System.arraycopy(merged.code, 0, all.code, q0 * k, qb * k);
        }
        return all;
    }

    /**
     * Training split, queries split: block b (the queries of rank b) visits every process. At step s this process
     * holds block (rank - s) mod p with its running candidates, sends the queries on to the next process before
     * searching (the transfer overlaps the GEMMs) and the candidates after; the last hop returns the candidates home.
     */
    private Candidates ring(DNDarray q, Tensor ql, int k) {
        int p = comm.size(), me = comm.rank(), next = (me + 1) % p, prev = (me + p - 1) % p;
        long[] counts = q.countsDispls()[0];
        long f = nFeatures;
        Tensor block = ql.contiguous();
        Candidates cand = new Candidates((int) counts[me], k);
        for (int s = 0; s < p; s++) {
            boolean last = s == p - 1;
            Request sendQ = null, recvQ = null;
            Tensor incoming = null;
            if (!last) {
                int arriving = Math.floorMod(me - s - 1, p);
                incoming = block.newEmpty(DType.FLOAT64, counts[arriving], f);
                recvQ = comm.irecv(incoming, prev, TAG_RING + 2 * s);
                sendQ = comm.isend(block, next, TAG_RING + 2 * s);
            }
            searchLocal(block, cand);
            int arriving = Math.floorMod(me - s - 1, p);
            Tensor out = cand.pack();
            Tensor in = Tensor.empty(DType.FLOAT64, counts[arriving], k, 3);   // host: packed candidates
            Request recvC = comm.irecv(in, prev, TAG_RING + 2 * s + 1);
            Request sendC = comm.isend(out, next, TAG_RING + 2 * s + 1);
            Request.waitAll(recvC, sendC);
            if (!last) {
                Request.waitAll(recvQ, sendQ);
                block = incoming;
            }
            cand = Candidates.unpack(in, (int) counts[arriving], k);
        }
        return cand;   // after p hops the candidates of this process's own queries are back
    }

    // ------------------------------------------------------------------------------------ results

    private DNDarray checkQueries(DNDarray x, String method, int k) {
        if (encoder == null) throw Validation.notFitted(NAME);
        String who = NAME + "." + method;
        Validation.check2d(x, who);
        Validation.checkFeatures(x, nFeatures, who);
        if (k < 1) throw new IllegalArgumentException(who + ": nNeighbors must be >= 1, got " + k);
        if (k > nTrain) {
            throw new IllegalArgumentException(who + ": expected nNeighbors <= nSamplesFit, but nNeighbors = " + k
                    + ", nSamplesFit = " + nTrain);
        }
        if (!x.device().equals(train.device())) {   // on every process, before any communication
            throw new IllegalArgumentException(who + ": X is on " + x.device() + " but the classifier was fitted on "
                    + train.device() + "; move X with .to(device)");
        }
        DNDarray xr = Validation.rowsLocal(x);
        Validation.checkFinite(xr, who);
        return xr;
    }

    /** Euclidean distances of the candidates (their values are squared distances). */
    private static double[] distances(Candidates c) {
        double[] d = new double[c.n * c.k];
        for (int i = 0; i < d.length; i++) d[i] = Math.sqrt(c.value[i]);
        return d;
    }

    private DNDarray rows(DNDarray xr, Tensor local, long cols) {
        long[][] map = null;
        if (xr.splitAxis() == 0) {
            map = xr.lshapeMap();
            for (int r = 0; r < map.length; r++) map[r] = cols < 0 ? new long[] {map[r][0]} : new long[] {map[r][0], cols};
        }
        long[] g = cols < 0 ? new long[] {xr.gshape()[0]} : new long[] {xr.gshape()[0], cols};
        return new DNDarray(local.to(xr.device()), g, xr.split(), xr.comm(), map);
    }

    /**
     * The k nearest training samples of each query: {distances (n, k) float64, global training indices (n, k)
     * int64}, sorted by distance (then index); rows split like X. Collective.
     * <pre>{@code DNDarray[] nn = knn.kneighbors(x, 3); DNDarray idx = nn[1]; }</pre>
     *
     * @throws IllegalArgumentException for k &lt; 1 or k larger than the training set, a feature-count mismatch or NaN/infinity
     */
    public DNDarray[] kneighbors(DNDarray x, int k) {
        DNDarray xr = checkQueries(x, "kneighbors", k);
        Candidates c = search(xr, k);
        double[] d = distances(c);
        Tensor dist = Tensor.fromArray(d).reshape(c.n, k);
        Tensor idx = Tensor.fromArray(c.index).reshape(c.n, k);
        return new DNDarray[] {rows(xr, dist, k), rows(xr, idx, k)};
    }

    /** {@link #kneighbors(DNDarray, int)} with the fitted nNeighbors. */
    public DNDarray[] kneighbors(DNDarray x) { return kneighbors(x, nNeighbors); }

    /** Per query and class the summed vote weights, (n × nClasses). */
    private double[] votes(DNDarray xr, Candidates c) {
        int nc = encoder.nClasses(), k = c.k;
        double[] v = new double[c.n * nc];
        if ("uniform".equals(weights)) {
            for (int i = 0; i < c.n; i++) for (int j = 0; j < k; j++) v[i * nc + c.code[i * k + j]] += 1.0;
            return v;
        }
        double[] d = distances(c);
        for (int i = 0; i < c.n; i++) {
            boolean zero = false;
            for (int j = 0; j < k; j++) zero |= d[i * k + j] == 0;
            for (int j = 0; j < k; j++) {
                double dj = d[i * k + j];
                double w = zero ? (dj == 0 ? 1.0 : 0.0) : 1.0 / dj;
                v[i * nc + c.code[i * k + j]] += w;
            }
        }
        return v;
    }

    private long[] argmaxCodes(double[] v, int n, int nc) {
        long[] codes = new long[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < nc; c++) if (v[i * nc + c] > v[i * nc + best]) best = c;
            codes[i] = best;
        }
        return codes;
    }

    /**
     * The predicted label of each query (y's dtype), split like X's rows. Collective.
     * <pre>{@code DNDarray labels = knn.predict(x); }</pre>
     *
     * @throws IllegalStateException before fit; {@link IllegalArgumentException} for a feature-count mismatch, NaN/infinity, or nNeighbors above the training size
     */
    public DNDarray predict(DNDarray x) {
        DNDarray xr = checkQueries(x, "predict", nNeighbors);
        return rows(xr, encoder.decodeLocal(predictCodes(xr)), -1);
    }

    private long[] predictCodes(DNDarray xr) {
        Candidates c = search(xr, nNeighbors);
        return argmaxCodes(votes(xr, c), c.n, encoder.nClasses());
    }

    /**
     * Class probabilities (n, nClasses): the vote weights of each class divided by their sum. Collective.
     * <pre>{@code DNDarray p = knn.predictProba(x); }</pre>
     */
    public DNDarray predictProba(DNDarray x) {
        DNDarray xr = checkQueries(x, "predictProba", nNeighbors);
        Candidates c = search(xr, nNeighbors);
        int nc = encoder.nClasses();
        double[] v = votes(xr, c);
        for (int i = 0; i < c.n; i++) {
            double s = 0;
            for (int j = 0; j < nc; j++) s += v[i * nc + j];
            if (s == 0) s = 1;
            for (int j = 0; j < nc; j++) v[i * nc + j] /= s;
        }
        return rows(xr, Tensor.fromArray(v).reshape(c.n, nc), nc);
    }

    /**
     * Mean accuracy of {@link #predict} on X against y; one Allreduce on top of predict.
     * <pre>{@code double acc = knn.score(xTest, yTest); }</pre>
     */
    public double score(DNDarray x, DNDarray y) {
        if (encoder == null) throw Validation.notFitted(NAME);
        Validation.check2d(x, NAME + ".score");
        DNDarray yy = Validation.checkLabels(y, x.gshape()[0], NAME + ".score");
        DNDarray xr = checkQueries(x, "score", nNeighbors);
        DNDarray yl = Validation.labelsLike(yy, xr, NAME + ".score");
        long[] pred = predictCodes(xr), truth = encoder.encodeLocal(yl.larray());
        long correct = 0;
        for (int i = 0; i < pred.length; i++) if (pred[i] == truth[i]) correct++;
        if (xr.isDistributed()) correct = xr.comm().allreduce(correct, ReduceOp.SUM);
        return (double) correct / x.gshape()[0];
    }

    // ------------------------------------------------------------------------------------ fitted attributes

    /** The class labels, sorted (replicated, y's dtype). */
    public DNDarray classes() {
        if (encoder == null) throw Validation.notFitted(NAME);
        return encoder.classes();
    }

    /** Number of training samples. */
    public long nSamplesFit() {
        if (encoder == null) throw Validation.notFitted(NAME);
        return nTrain;
    }

    /** Number of features seen at fit. */
    public long nFeaturesIn() {
        if (encoder == null) throw Validation.notFitted(NAME);
        return nFeatures;
    }

    /** A short description with the hyper-parameters. */
    @Override
    public String toString() { return NAME + "(nNeighbors=" + nNeighbors + ", weights='" + weights + "')"; }
}
