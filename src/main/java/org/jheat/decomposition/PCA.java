package org.jheat.decomposition;

import java.util.Arrays;

import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.core.Statistics;
import org.jheat.core.Validation;
import org.jheat.linalg.Linalg;
import org.jheat.linalg.SVD;
import org.jheat.linalg.TruncatedSVD;
import org.jheat.random.Random;
import org.jheat.tensor.DType;

/**
 * Principal component analysis, scikit-learn's {@code PCA} with Heat's solvers: X is centred and its SVD taken by
 * <ul>
 *   <li>{@code "hierarchical"} (the default, as in Heat): the hierarchical SVD ({@link Linalg#hsvdRank} /
 *       {@link Linalg#hsvdRtol}) — local truncated SVDs merged in a tree, with an a-posteriori error bound
 *       ({@link #errorEstimate()});</li>
 *   <li>{@code "full"}: the exact SVD ({@link Linalg#svd}: TSQR and a small SVD for X split along the rows);</li>
 *   <li>{@code "randomized"}: the randomized range finder ({@link Linalg#rsvd}) with scikit-learn's power-iteration
 *       rule ({@code iteratedPower} "auto": 7 when fewer components than a tenth of min(n, p), else 4) and 10
 *       oversamples.</li>
 * </ul>
 * {@code nComponents} is a count, a variance fraction in (0, 1) ("full": the fewest components whose explained
 * variance ratio sums above it, as scikit-learn; "hierarchical": {@code hsvdRtol} with relative tolerance
 * √(1 − f), which captures at least that share of the variance), or all (min(n, p)). Signs follow scikit-learn's
 * {@code svd_flip} (the largest entry of each sample-side vector is positive), so components compare with
 * scikit-learn's. Attributes follow scikit-learn: {@code explained_variance_ = S²/(n − 1)}, ratio against the total
 * variance, {@code noise_variance_}. float32 data stays float32, other types become float64. X may have any split;
 * the rows of transform's result lie where X's rows lie.
 *
 * <pre>{@code
 * PCA pca = new PCA(10).svdSolver("randomized").randomState(0L).fit(x);
 * DNDarray z = pca.transform(x);                  // (n, 10)
 * DNDarray back = pca.inverseTransform(z);
 * double captured = Arrays.stream(pca.explainedVarianceRatio().toDoubleArray()).sum();
 * }</pre>
 */
public final class PCA extends ComponentModel {
    private static final String NAME = "PCA";

    private final Integer nComponentsCount;
    private final Double nComponentsFraction;
    private String svdSolver = "hierarchical";
    private long iteratedPower = -1;
    private long nOversamples = 10;
    private Long randomState;
    private long safetyShift = 5;

    private double errorEstimate = Double.NaN;

    /** All components (min(n_samples, n_features)). <pre>{@code PCA pca = new PCA(); }</pre> */
    public PCA() {
        super(NAME);
        nComponentsCount = null;
        nComponentsFraction = null;
    }

    /**
     * Keeps {@code nComponents} ≥ 1 components.
     * <pre>{@code PCA pca = new PCA(10); }</pre>
     *
     * @throws IllegalArgumentException for nComponents below 1
     */
    public PCA(int nComponents) {
        super(NAME);
        if (nComponents < 1) throw new IllegalArgumentException(NAME + ": nComponents must be >= 1 (or a fraction in (0, 1)), got " + nComponents);
        nComponentsCount = nComponents;
        nComponentsFraction = null;
    }

    /**
     * Keeps the fewest components that explain more than the fraction {@code varianceFraction} in (0, 1) of the variance.
     * <pre>{@code PCA pca = new PCA(0.95).svdSolver("full"); }</pre>
     *
     * @throws IllegalArgumentException for a fraction outside (0, 1)
     */
    public PCA(double varianceFraction) {
        super(NAME);
        if (!(varianceFraction > 0 && varianceFraction < 1)) {
            throw new IllegalArgumentException(NAME + ": a variance fraction nComponents must be in (0, 1), got " + varianceFraction);
        }
        nComponentsCount = null;
        nComponentsFraction = varianceFraction;
    }

    /** Divide the projections by √(explained variance) (unit variance components); default false. <pre>{@code pca.whiten(true); }</pre> */
    public PCA whiten(boolean whiten) {
        this.whiten = whiten;
        return this;
    }

    /**
     * "hierarchical" (default), "full" or "randomized".
     * <pre>{@code pca.svdSolver("full"); }</pre>
     *
     * @throws IllegalArgumentException for another name
     */
    public PCA svdSolver(String solver) {
        if (!"hierarchical".equals(solver) && !"full".equals(solver) && !"randomized".equals(solver)) {
            throw new IllegalArgumentException(NAME + ": svdSolver must be one of hierarchical, full, randomized; got " + solver);
        }
        this.svdSolver = solver;
        return this;
    }

    /** Power iterations of "randomized" (≥ 0; -1 = scikit-learn's "auto"). <pre>{@code pca.iteratedPower(4); }</pre> */
    public PCA iteratedPower(long n) {
        if (n < -1) throw new IllegalArgumentException(NAME + ": iteratedPower must be >= 0 or -1 (auto), got " + n);
        this.iteratedPower = n;
        return this;
    }

    /** Extra random vectors of "randomized" (≥ 0, default 10). <pre>{@code pca.nOversamples(20); }</pre> */
    public PCA nOversamples(long n) {
        if (n < 0) throw new IllegalArgumentException(NAME + ": nOversamples must be >= 0, got " + n);
        this.nOversamples = n;
        return this;
    }

    /** Seed of "randomized" (null: the global generator's state). <pre>{@code pca.randomState(0L); }</pre> */
    public PCA randomState(Long seed) {
        this.randomState = seed;
        return this;
    }

    /** Extra vectors kept at each merge of "hierarchical" (Heat's safetyshift, ≥ 0, default 5). <pre>{@code pca.safetyShift(10); }</pre> */
    public PCA safetyShift(long s) {
        if (s < 0) throw new IllegalArgumentException(NAME + ": safetyShift must be >= 0, got " + s);
        this.safetyShift = s;
        return this;
    }

    /**
     * Fits the components to X (n_samples, n_features) (collective).
     * <pre>{@code pca.fit(x); }</pre>
     *
     * @throws IllegalArgumentException for X not 2-d, with NaN/infinity, or more components than min(n_samples,
     *     n_features) — on every process
     */
    public PCA fit(DNDarray x) {
        String who = NAME + ".fit";
        Validation.check2d(x, who);
        long n = x.gshape()[0], p = x.gshape()[1], m = Math.min(n, p);
        if (nComponentsCount != null && nComponentsCount > m) {
            throw new IllegalArgumentException(who + ": nComponents=" + nComponentsCount + " must be between 1 and min(n_samples, n_features)="
                    + m + " with svdSolver='" + svdSolver + "'");
        }
        if (nComponentsFraction != null && svdSolver.equals("randomized")) {
            throw new IllegalArgumentException(who + ": a variance fraction nComponents needs svdSolver 'full' or 'hierarchical', not 'randomized'");
        }
        if (n < 2) throw new IllegalArgumentException(who + ": PCA needs at least 2 samples, got " + n);
        DType t = x.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
        DNDarray xf = x.dtype() == t ? x : x.astype(t);
        DNDarray mu = Statistics.mean(xf, new int[] {0}, false);
        Validation.checkFinite(x, mu, who);   // finite means: no pass of its own over X
        DNDarray xc = Arithmetics.sub(xf, mu);
        // ‖X̄‖²_F through the norm's BLAS dot: no full-size temporary of the squares
        double norm = Linalg.norm(xc).astype(DType.FLOAT64).itemDouble();
        double totalVar = norm * norm / (n - 1);
        int k;
        DNDarray u, vt;
        double[] s;
        switch (svdSolver) {
            case "full" -> {
                SVD d = Linalg.svd(xc, false, true);
                s = d.S().toDoubleArray();
                double[] ratio = new double[s.length];
                for (int i = 0; i < s.length; i++) ratio[i] = s[i] * s[i] / (n - 1) / totalVar;
                k = nComponentsCount != null ? nComponentsCount : nComponentsFraction != null ? byFraction(ratio, nComponentsFraction) : (int) m;
                u = d.U();
                vt = d.Vh();
            }
            case "randomized" -> {
                k = nComponentsCount != null ? nComponentsCount : (int) m;
                long iters = iteratedPower >= 0 ? iteratedPower : k < 0.1 * m ? 7 : 4;
                Random.State saved = randomState == null ? null : Random.getState();
                TruncatedSVD d;
                try {
                    if (randomState != null) Random.seed(randomState);
                    d = Linalg.rsvd(xc, k, nOversamples, iters);
                } finally {
                    if (saved != null) Random.setState(saved);
                }
                s = d.S().toDoubleArray();
                u = d.U();
                vt = d.V().T();
            }
            default -> {
                TruncatedSVD d = nComponentsFraction != null
                        ? Linalg.hsvdRtol(xc, Math.sqrt(1 - nComponentsFraction), true, null, null, safetyShift, null)
                        : Linalg.hsvdRank(xc, nComponentsCount != null ? nComponentsCount : m, true, null, safetyShift);
                s = d.S().toDoubleArray();
                k = s.length;
                u = d.U();
                vt = d.V().T();
                errorEstimate = d.errorEstimate();
                // data of lower rank than asked for (collinear columns, fewer samples than features): the tree keeps only
                // nonzero directions; scikit-learn still returns the count asked for, the rest with singular value 0
                int want = nComponentsFraction != null ? k : nComponentsCount != null ? nComponentsCount : (int) m;
                if (want > k) {
                    vt = Components.completeRows(vt, want);
                    s = Arrays.copyOf(s, want);
                    k = want;
                }
            }
        }
        // the centred copy is as large as the data: back to the allocator now rather than at the next collection, so that
        // the next large block (the next fit, transform) reuses its pages instead of touching fresh ones
        xc.larray().storage().free();
        double[] flips = Components.flipSigns(u), signs = new double[k];
        Arrays.fill(signs, 1.0);   // rows added by completeRows have no U column: kept as they are
        System.arraycopy(flips, 0, signs, 0, Math.min(k, flips.length));
        DNDarray comp = vt.gshape()[0] == k ? vt : narrowRows(vt, k);
        comp = Arithmetics.mul(comp.resplit(null).astype(DType.FLOAT64), Factories.replicatedLike(signs, x).reshape(k, 1));
        explainedVariance = new double[k];
        explainedVarianceRatio = new double[k];
        singularValues = Arrays.copyOf(s, k);
        double kept = 0;
        for (int i = 0; i < k; i++) {
            explainedVariance[i] = s[i] * s[i] / (n - 1);
            explainedVarianceRatio[i] = explainedVariance[i] / totalVar;
            kept += explainedVariance[i];
        }
        if (k >= m) {
            noiseVariance = 0;
        } else if (svdSolver.equals("full")) {
            double rest = 0;
            for (int i = k; i < s.length; i++) rest += s[i] * s[i] / (n - 1);
            noiseVariance = rest / (s.length - k);
        } else {
            noiseVariance = (totalVar - kept) / (m - k);
        }
        if (!svdSolver.equals("hierarchical")) errorEstimate = Double.NaN;
        components = comp.astype(t);
        mean = mu.resplit(null);
        nFeatures = p;
        nSamples = n;
        return this;
    }

    /** scikit-learn's rule: the first count whose cumulative ratio exceeds f (searchsorted right + 1). */
    private static int byFraction(double[] ratio, double f) {
        double c = 0;
        for (int i = 0; i < ratio.length; i++) {
            c += ratio[i];
            if (c > f) return i + 1;
        }
        return ratio.length;
    }

    private static DNDarray narrowRows(DNDarray a, int k) {
        return a.resplit(null).get(org.jheat.core.Index.slice(0, k));
    }

    /**
     * {@link #fit} then {@link #transform} of the same X.
     * <pre>{@code DNDarray z = new PCA(2).fitTransform(x); }</pre>
     */
    public DNDarray fitTransform(DNDarray x) { return fit(x).transform(x); }

    /**
     * "hierarchical": the hierarchical SVD's upper bound of ‖X̄ − U·S·Vᵀ‖_F/‖X̄‖_F (X̄ the centred data); NaN for the other solvers.
     * <pre>{@code double bound = pca.errorEstimate(); }</pre>
     */
    public double errorEstimate() {
        requireFitted();
        return errorEstimate;
    }
}
