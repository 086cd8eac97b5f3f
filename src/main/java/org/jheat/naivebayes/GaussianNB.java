package org.jheat.naivebayes;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.core.Validation;
import org.jheat.preprocessing.LabelEncoder;
import org.jheat.tensor.PairwiseSum;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Tensor;

/**
 * Gaussian naive Bayes (scikit-learn's {@code GaussianNB}, Heat's {@code ht.naive_bayes.GaussianNB}): each class
 * is modelled by independent normal distributions per feature, P(x | c) = Π N(x_f; θ_cf, σ²_cf), and a sample goes
 * to the class with the largest posterior.
 *
 * <p><b>Fitting</b> (X split along the rows or replicated; a column-split X is resplit once). The classes are the
 * distributed {@code unique} of y ({@link LabelEncoder}). Each process sums its rows per class (one segmented pass)
 * and one Allreduce of (count, Σx) per class gives the class means; a second local pass sums (x - μ) and
 * (x - μ)² per class and a second Allreduce of (classes × features × 2) gives the variances by the corrected
 * two-pass formula M2 = Σ(x-μ)² - (Σ(x-μ))²/n. No sample leaves its process. The batch is then merged into the
 * running model exactly as scikit-learn's {@code _partial_fit} does: Chan's update per class
 * ({@code _update_mean_variance}), and the variance smoothing epsilon = varSmoothing · (largest feature variance
 * of the batch) added to every variance — subtracted again, with the new batch's epsilon, before the next
 * {@link #partialFit} update, like scikit-learn (so several partialFit calls give scikit-learn's numbers, not
 * those of one fit on all data). Replicated X is handled entirely locally.
 *
 * <p><b>Prediction</b> is row-wise and local: the joint log-likelihood log P(c) - ½Σ log(2πσ²) - ½Σ (x-θ)²/σ²
 * summed in numpy's pairwise order, normalised with log-sum-exp; results are split like X's rows.
 *
 * <pre>{@code
 * GaussianNB nb = new GaussianNB();                       // priors from the data, varSmoothing 1e-9
 * nb.fit(x, y);
 * DNDarray pred = nb.predict(xTest);                      // labels, dtype of y
 * DNDarray proba = nb.predictProba(xTest);                // (nTest, nClasses)
 * double acc = nb.score(xTest, yTest);
 * GaussianNB online = new GaussianNB();
 * online.partialFit(batch1, y1, Heat.array(new long[] {0, 1, 2}, null, null)).partialFit(batch2, y2);
 * }</pre>
 */
public final class GaussianNB {
    private static final String NAME = "GaussianNB";
    /** Rows read from off-heap memory at a time. */
    private static final int BLOCK_ELEMENTS = 1 << 15;

    private double[] priors;
    private double varSmoothing;

    private LabelEncoder encoder;
    private int nFeatures = -1;
    private double[] theta;
    private double[] sigma;
    private double[] classCount;
    private double[] classPrior;
    private double epsilon;

    /** scikit-learn's defaults: priors from the class frequencies, varSmoothing 1e-9. <pre>{@code new GaussianNB()}</pre> */
    public GaussianNB() { this(null, 1e-9); }

    /**
     * With fixed class priors (null: from the data) and variance smoothing.
     * <pre>{@code new GaussianNB(new double[] {0.2, 0.3, 0.5}, 1e-9)}</pre>
     *
     * @throws IllegalArgumentException for negative priors, priors not summing to 1, or varSmoothing negative/NaN/infinite
     */
    public GaussianNB(double[] priors, double varSmoothing) {
        priors(priors);
        varSmoothing(varSmoothing);
    }

    /**
     * Sets the class priors (null: from the data; takes effect at the next fit); returns this.
     *
     * @throws IllegalArgumentException when empty, negative or not summing to 1 (numpy's isclose)
     */
    public GaussianNB priors(double[] p) {
        if (p != null) {
            if (p.length == 0) throw new IllegalArgumentException(NAME + ": priors must not be empty (null for priors from the data)");
            double s = 0;
            for (double v : p) {
                if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(NAME + ": priors must be non-negative and finite, got " + Arrays.toString(p));
                s += v;
            }
            if (!(Math.abs(s - 1.0) <= 1e-8 + 1e-5)) throw new IllegalArgumentException(NAME + ": the sum of the priors should be 1, got " + s);
        }
        priors = p == null ? null : p.clone();
        return this;
    }

    /**
     * Sets varSmoothing, the fraction of the largest feature variance added to all variances; returns this.
     *
     * @throws IllegalArgumentException unless 0 &lt;= v &lt; ∞
     */
    public GaussianNB varSmoothing(double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(NAME + ": varSmoothing must be >= 0 and finite, got " + v);
        varSmoothing = v;
        return this;
    }

    /** The priors hyper-parameter (a copy; null: from the data). */
    public double[] priors() { return priors == null ? null : priors.clone(); }
    /** The varSmoothing hyper-parameter. */
    public double varSmoothing() { return varSmoothing; }

    // ------------------------------------------------------------------------------------ fitting

    /**
     * Fits the model to X (n_samples, n_features) and labels y (n_samples,), forgetting earlier fits. Collective.
     * <pre>{@code nb.fit(x, y); }</pre>
     *
     * @throws IllegalArgumentException for X not 2-d/empty, y not 1-d or of another length, NaN/infinity in X or y,
     *         priors not matching the number of classes — on every process
     */
    public GaussianNB fit(DNDarray x, DNDarray y) { return update(x, y, null, true, NAME + ".fit"); }

    /**
     * Adds a batch to the model (scikit-learn's {@code partial_fit}). The first call needs {@code classes}, every
     * label that will ever appear (any distribution; sorted and made distinct); later calls may pass null or the same
     * classes. Collective.
     * <pre>{@code nb.partialFit(x1, y1, Heat.array(new long[] {0, 1, 2}, null, null)).partialFit(x2, y2, null); }</pre>
     *
     * @throws IllegalArgumentException also for classes missing on the first call or different later, labels not in
     *         the classes, or a feature count different from earlier batches
     */
    public GaussianNB partialFit(DNDarray x, DNDarray y, DNDarray classes) {
        return update(x, y, classes, false, NAME + ".partialFit");
    }

    /** {@link #partialFit(DNDarray, DNDarray, DNDarray)} after the first call (classes known). */
    public GaussianNB partialFit(DNDarray x, DNDarray y) { return partialFit(x, y, null); }

    private GaussianNB update(DNDarray x, DNDarray y, DNDarray classes, boolean refit, String who) {
        // every check on global metadata first: the same exception on every process, before any communication
        Validation.check2d(x, who);
        boolean first = refit || encoder == null;
        if (!refit && encoder == null && classes == null) {
            throw new IllegalArgumentException(who + ": classes must be passed on the first call to partialFit");
        }
        if (!first) Validation.checkFeatures(x, nFeatures, who);
        DNDarray yy = Validation.checkLabels(y, x.gshape()[0], who);
        if (classes != null && classes.ndim() != 1) {
            throw new IllegalArgumentException(who + ": classes must be a 1-d array, got " + classes.ndim() + "-d");
        }
        DNDarray xr = Validation.rowsLocal(x);
        Validation.checkFinite(xr, who);
        DNDarray yl = Validation.labelsLike(yy, xr, who);
        Validation.checkFinite(yl, who, "y");
        LabelEncoder enc = encoder;
        if (refit) {
            enc = new LabelEncoder().fit(yl);
        } else if (classes != null) {
            LabelEncoder given = LabelEncoder.ofClasses(classes);
            if (encoder == null) {
                enc = given;
            } else if (!given.classesTensor().contentEquals(encoder.classesTensor())) {
                throw new IllegalArgumentException(who + ": classes=" + given.classesTensor() + " is not the same as on the last call to partialFit, was "
                        + encoder.classesTensor());
            }
        }
        int nc = enc.nClasses(), f = (int) x.gshape()[1];
        if (first && priors != null && priors.length != nc) {
            throw new IllegalArgumentException(who + ": number of priors (" + priors.length + ") must match number of classes (" + nc + ")");
        }
        Communication c = xr.isDistributed() ? xr.comm() : null;
        long[] codes = enc.encodeLocal(yl.larray());
        if (!refit) {
            LabelEncoder.requireKnown(codes, yl.larray(), c, who, "the target label(s) in y do not exist in the initial classes "
                    + enc.classesTensor());
        }

        // batch statistics per class: counts and means (Allreduce 1), then corrected two-pass variances (Allreduce 2)
        Tensor xl = xr.larray();
        double[] red1 = new double[nc + nc * f];
        forBlocks(xl, f, (blk, r0, nb) -> {
            for (int i = 0; i < nb; i++) {
                int k = (int) codes[r0 + i];
                red1[k]++;
                int base = nc + k * f, row = i * f;
                for (int j = 0; j < f; j++) red1[base + j] += blk[row + j];
            }
        });
        allreduce(c, red1);
        double[] count = Arrays.copyOf(red1, nc), mu = new double[nc * f];
        for (int k = 0; k < nc; k++) {
            if (count[k] > 0) for (int j = 0; j < f; j++) mu[k * f + j] = red1[nc + k * f + j] / count[k];
        }
        double[] red2 = new double[2 * nc * f];
        forBlocks(xl, f, (blk, r0, nb) -> {
            for (int i = 0; i < nb; i++) {
                int k = (int) codes[r0 + i], base = k * f, row = i * f, sq = nc * f + base;
                for (int j = 0; j < f; j++) {
                    double d = blk[row + j] - mu[base + j];
                    red2[base + j] += d;
                    red2[sq + j] += d * d;
                }
            }
        });
        allreduce(c, red2);
        double[] newVar = new double[nc * f];
        for (int k = 0; k < nc; k++) {
            if (count[k] == 0) continue;
            for (int j = 0; j < f; j++) {
                int i = k * f + j;
                double m2 = red2[nc * f + i] - red2[i] * red2[i] / count[k];
                newVar[i] = Math.max(m2, 0) / count[k];
            }
        }

        // epsilon from the batch's per-feature variance over all classes (the class moments merged exactly)
        double total = 0;
        for (double v : count) total += v;
        double maxVar = 0;
        for (int j = 0; j < f; j++) {
            double gm = 0;
            for (int k = 0; k < nc; k++) gm += count[k] * mu[k * f + j];
            gm /= total;
            double m2 = 0;
            for (int k = 0; k < nc; k++) {
                if (count[k] == 0) continue;
                double d = mu[k * f + j] - gm;
                m2 += newVar[k * f + j] * count[k] + count[k] * d * d;
            }
            maxVar = j == 0 ? m2 / total : Math.max(maxVar, m2 / total);
        }
        double eps = varSmoothing * maxVar;

        // scikit-learn's _partial_fit update, on copies so that nothing changes when a check above failed
        double[] th = first ? new double[nc * f] : theta.clone();
        double[] sg = first ? new double[nc * f] : sigma.clone();
        double[] cc = first ? new double[nc] : classCount.clone();
        if (!first) for (int i = 0; i < sg.length; i++) sg[i] -= eps;
        for (int k = 0; k < nc; k++) {
            double nNew = count[k];
            if (nNew == 0) continue;
            double nPast = cc[k];
            for (int j = 0; j < f; j++) {
                int i = k * f + j;
                if (nPast == 0) {
                    th[i] = mu[i];
                    sg[i] = newVar[i];
                } else {
                    double nTotal = nPast + nNew, d = th[i] - mu[i];
                    double totalMu = (nNew * mu[i] + nPast * th[i]) / nTotal;
                    double totalSsd = nPast * sg[i] + nNew * newVar[i] + (nNew * nPast / nTotal) * (d * d);
                    th[i] = totalMu;
                    sg[i] = totalSsd / nTotal;
                }
            }
            cc[k] += nNew;
        }
        for (int i = 0; i < sg.length; i++) sg[i] += eps;
        double[] prior;
        if (priors != null) {
            prior = first ? priors.clone() : classPrior;
        } else {
            double s = PairwiseSum.sum(cc, 0, nc);
            prior = new double[nc];
            for (int k = 0; k < nc; k++) prior[k] = cc[k] / s;
        }
        encoder = enc;
        nFeatures = f;
        theta = th;
        sigma = sg;
        classCount = cc;
        classPrior = prior;
        epsilon = eps;
        return this;
    }

    private interface BlockBody {
        void run(double[] block, int firstRow, int rows);
    }

    /** Runs body over the local rows in blocks copied to the heap as float64 (any dtype and layout of x). */
    private static void forBlocks(Tensor x, int f, BlockBody body) {
        long n = x.shape(0);
        int rows = Math.max(1, BLOCK_ELEMENTS / Math.max(1, f));
        for (long r0 = 0; r0 < n; r0 += rows) {
            int nb = (int) Math.min(rows, n - r0);
            body.run(x.narrow(0, r0, nb).toDoubleArray(), (int) r0, nb);
        }
    }

    private static void allreduce(Communication c, double[] v) {
        if (c == null || v.length == 0) return;
        Tensor t = Tensor.fromArray(v);
        c.allreduce(t, ReduceOp.SUM);
        double[] r = t.toDoubleArray();
        System.arraycopy(r, 0, v, 0, v.length);
    }

    // ------------------------------------------------------------------------------------ prediction

    private DNDarray checkPredict(DNDarray x, String method) {
        if (encoder == null) throw Validation.notFitted(NAME);
        String who = NAME + "." + method;
        Validation.check2d(x, who);
        Validation.checkFeatures(x, nFeatures, who);
        DNDarray xr = Validation.rowsLocal(x);
        Validation.checkFinite(xr, who);
        return xr;
    }

    /** The local joint log-likelihoods (rows × classes), scikit-learn's {@code _joint_log_likelihood}. */
    private double[] jointLocal(Tensor xl) {
        int nc = classPrior.length, f = nFeatures;
        int n = (int) xl.shape(0);
        double[] constant = new double[nc], logPrior = new double[nc];
        double[] tmp = new double[f];
        for (int k = 0; k < nc; k++) {
            for (int j = 0; j < f; j++) tmp[j] = Math.log(2.0 * Math.PI * sigma[k * f + j]);
            constant[k] = -0.5 * PairwiseSum.sum(tmp, 0, f);
            logPrior[k] = Math.log(classPrior[k]);
        }
        double[] out = new double[n * nc];
        int rows = Math.max(1, BLOCK_ELEMENTS / Math.max(1, f));
        Parallel.forRange((n + rows - 1) / rows, 1, (b0, b1) -> {
            double[] d2 = new double[f];
            for (long b = b0; b < b1; b++) {
                int r0 = (int) (b * rows), nb = Math.min(rows, n - r0);
                double[] blk = xl.narrow(0, r0, nb).toDoubleArray();
                for (int i = 0; i < nb; i++) {
                    for (int k = 0; k < nc; k++) {
                        int base = k * f;
                        for (int j = 0; j < f; j++) {
                            double d = blk[i * f + j] - theta[base + j];
                            d2[j] = d * d / sigma[base + j];
                        }
                        double nij = constant[k] - 0.5 * PairwiseSum.sum(d2, 0, f);
                        out[(r0 + i) * nc + k] = logPrior[k] + nij;
                    }
                }
            }
        });
        return out;
    }

    /** scipy's logsumexp per row, subtracted: log-probabilities in place. */
    private static void normalise(double[] jll, int nc) {
        double[] tmp = new double[nc];
        for (int r = 0; r < jll.length / nc; r++) {
            int o = r * nc;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < nc; k++) max = Math.max(max, jll[o + k]);
            if (!Double.isFinite(max)) max = 0;
            for (int k = 0; k < nc; k++) tmp[k] = Math.exp(jll[o + k] - max);
            double lse = Math.log(PairwiseSum.sum(tmp, 0, nc)) + max;
            for (int k = 0; k < nc; k++) jll[o + k] -= lse;
        }
    }

    /** A (n, nClasses) float64 result from each process's rows, split like xr. */
    private DNDarray rowResult(DNDarray xr, double[] local) {
        int nc = classPrior.length;
        long nl = xr.lshape()[0];
        Tensor t = Tensor.fromArray(local).reshape(nl, nc);
        long[][] map = null;
        if (xr.splitAxis() == 0) {
            map = xr.lshapeMap();
            for (long[] m : map) m[1] = nc;
        }
        return new DNDarray(t.to(xr.device()), new long[] {xr.gshape()[0], nc}, xr.split(), xr.comm(), map);
    }

    /**
     * Unnormalised joint log-probabilities log P(c) + log P(x | c), (n, nClasses), rows split like X
     * (scikit-learn's {@code predict_joint_log_proba}). Local apart from the finite check.
     * <pre>{@code DNDarray jll = nb.predictJointLogProba(x); }</pre>
     */
    public DNDarray predictJointLogProba(DNDarray x) {
        DNDarray xr = checkPredict(x, "predictJointLogProba");
        return rowResult(xr, jointLocal(xr.larray()));
    }

    /**
     * Log-probabilities of the classes (columns in the order of {@link #classes()}), rows split like X.
     * <pre>{@code DNDarray lp = nb.predictLogProba(x); }</pre>
     *
     * @throws IllegalStateException before fit; {@link IllegalArgumentException} for a feature-count mismatch or NaN/infinity in X
     */
    public DNDarray predictLogProba(DNDarray x) {
        DNDarray xr = checkPredict(x, "predictLogProba");
        double[] jll = jointLocal(xr.larray());
        normalise(jll, classPrior.length);
        return rowResult(xr, jll);
    }

    /** Class probabilities, exp of {@link #predictLogProba}. <pre>{@code DNDarray p = nb.predictProba(x); }</pre> */
    public DNDarray predictProba(DNDarray x) {
        DNDarray xr = checkPredict(x, "predictProba");
        double[] jll = jointLocal(xr.larray());
        normalise(jll, classPrior.length);
        for (int i = 0; i < jll.length; i++) jll[i] = Math.exp(jll[i]);
        return rowResult(xr, jll);
    }

    /**
     * The most probable class of each row (the first on ties), as labels of y's dtype, split like X's rows.
     * <pre>{@code DNDarray labels = nb.predict(x); }</pre>
     */
    public DNDarray predict(DNDarray x) {
        DNDarray xr = checkPredict(x, "predict");
        return labelsOf(xr, predictCodes(xr));
    }

    private long[] predictCodes(DNDarray xr) {
        int nc = classPrior.length;
        double[] jll = jointLocal(xr.larray());
        long[] codes = new long[jll.length / nc];
        for (int r = 0; r < codes.length; r++) {
            // numpy's argmax, which scikit-learn's predict takes: the first NaN wins (a zero variance with varSmoothing 0
            // makes inf - inf in a class's log likelihood)
            int best = 0;
            for (int k = 1; k < nc; k++) {
                double v = jll[r * nc + k], b = jll[r * nc + best];
                if (v > b || v != v && b == b) best = k;
            }
            codes[r] = best;
        }
        return codes;
    }

    private DNDarray labelsOf(DNDarray xr, long[] codes) {
        Tensor t = encoder.decodeLocal(codes);
        long[][] map = null;
        if (xr.splitAxis() == 0) {
            long[][] m = xr.lshapeMap();
            map = new long[m.length][];
            for (int r = 0; r < m.length; r++) map[r] = new long[] {m[r][0]};
        }
        return new DNDarray(t.to(xr.device()), new long[] {xr.gshape()[0]}, xr.split(), xr.comm(), map);
    }

    /**
     * Mean accuracy of {@link #predict} on X against y (scikit-learn's {@code score}); one Allreduce.
     * <pre>{@code double acc = nb.score(xTest, yTest); }</pre>
     */
    public double score(DNDarray x, DNDarray y) {
        if (encoder == null) throw Validation.notFitted(NAME);
        Validation.check2d(x, NAME + ".score");
        DNDarray yy = Validation.checkLabels(y, x.gshape()[0], NAME + ".score");
        DNDarray xr = checkPredict(x, "score");
        DNDarray yl = Validation.labelsLike(yy, xr, NAME + ".score");
        long[] pred = predictCodes(xr), truth = encoder.encodeLocal(yl.larray());
        long correct = 0;
        for (int i = 0; i < pred.length; i++) if (pred[i] == truth[i]) correct++;
        if (xr.isDistributed()) correct = xr.comm().allreduce(correct, ReduceOp.SUM);
        return (double) correct / x.gshape()[0];
    }

    // ------------------------------------------------------------------------------------ fitted attributes

    private void requireFitted() {
        if (encoder == null) throw Validation.notFitted(NAME);
    }

    private DNDarray replicated(double[] v, long... shape) {
        return Factories.replicatedLike(v, encoder.classes(), shape);
    }

    /** The class labels, sorted (replicated, y's dtype). */
    public DNDarray classes() { requireFitted(); return encoder.classes(); }
    /** Per-class feature means θ, (nClasses, nFeatures) float64, replicated. */
    public DNDarray theta() { requireFitted(); return replicated(theta, classPrior.length, nFeatures); }
    /** Per-class feature variances σ² (with epsilon added), (nClasses, nFeatures). */
    public DNDarray var() { requireFitted(); return replicated(sigma, classPrior.length, nFeatures); }
    /** Class prior probabilities (nClasses,). */
    public DNDarray classPrior() { requireFitted(); return replicated(classPrior, classPrior.length); }
    /** Number of training samples per class (nClasses,) float64. */
    public DNDarray classCount() { requireFitted(); return replicated(classCount, classPrior.length); }
    /** The variance smoothing added to every variance at the last fit/partialFit. */
    public double epsilon() { requireFitted(); return epsilon; }
    /** Number of features seen at fit. */
    public long nFeaturesIn() { requireFitted(); return nFeatures; }

    /** A short description with the hyper-parameters. */
    @Override
    public String toString() {
        return NAME + "(priors=" + (priors == null ? "None" : Arrays.toString(priors)) + ", varSmoothing=" + varSmoothing + ")";
    }

}
