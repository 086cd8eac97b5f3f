package org.jheat.decomposition;

import java.util.ArrayList;
import java.util.List;

import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Exponential;
import org.jheat.core.Factories;
import org.jheat.core.Index;
import org.jheat.core.Indexing;
import org.jheat.core.Joining;
import org.jheat.core.Validation;
import org.jheat.io.DatasetInfo;
import org.jheat.io.IO;
import org.jheat.io.Slice;
import org.jheat.linalg.Linalg;
import org.jheat.linalg.SVD;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;

/**
 * Incremental principal component analysis, scikit-learn's {@code IncrementalPCA} (Ross et al., 2008): the model is
 * updated batch by batch, so data larger than memory can be fitted — from a {@link DNDarray} ({@link #fit}, in
 * batches of {@code batchSize} rows), batch by batch ({@link #partialFit}), or straight from an HDF5 dataset read in
 * row blocks ({@link #fitHdf5}, Heat 1.7's incremental SVD from file).
 *
 * <p>Each update is scikit-learn's: the running mean and variance are updated (Chan's pairwise formulas), the batch
 * is centred on its own mean, and the SVD is taken of the stack {@code [diag(S)·C; X_batch − mean_batch; c]} of the
 * previous components scaled by their singular values, the centred batch and the mean-correction row
 * {@code c = √(n_seen·b/(n_seen + b))·(mean_old − mean_batch)}; signs follow {@code svd_flip} decided by the
 * components (the largest entry of each component is positive). Distributed: a batch split along the rows is never
 * gathered when it has at least as many rows as features — TSQR ({@link Linalg#qr}) reduces it to its (p, p) R
 * factor, which has the batch's singular values and right vectors, and only the small replicated stack
 * {@code [diag(S)·C; R; c]} ((k + p + 1) × p) is decomposed; a batch with fewer rows than features is itself
 * no larger than R and is stacked directly. The mean and variance cost three reductions of p values per batch.
 * float32 data stays float32 (the statistics are accumulated in float64), other types become float64.
 *
 * <pre>{@code
 * IncrementalPCA ipca = new IncrementalPCA(10).batchSize(500).fit(x);    // x split along the rows
 * DNDarray z = ipca.transform(x);
 * IncrementalPCA online = new IncrementalPCA(10);
 * for (DNDarray batch : batches) online.partialFit(batch);
 * IncrementalPCA fromFile = new IncrementalPCA(10).fitHdf5("data.h5", "X", 10_000);
 * }</pre>
 */
public final class IncrementalPCA extends ComponentModel {
    private static final String NAME = "IncrementalPCA";

    private final Integer nComponents;
    private Long batchSize;

    private double[] meanValues;   // float64 running statistics
    private double[] varValues;
    private long batchSizeUsed = -1;
    private DType dtype;

    /**
     * nComponents from the first batch: min(its rows, n_features).
     * <pre>{@code IncrementalPCA ipca = new IncrementalPCA(); }</pre>
     */
    public IncrementalPCA() {
        super(NAME);
        this.nComponents = null;
    }

    /**
     * Keeps {@code nComponents} ≥ 1 components; every batch must have at least that many rows.
     * <pre>{@code IncrementalPCA ipca = new IncrementalPCA(5); }</pre>
     *
     * @throws IllegalArgumentException for nComponents below 1
     */
    public IncrementalPCA(int nComponents) {
        super(NAME);
        if (nComponents < 1) throw new IllegalArgumentException(NAME + ": nComponents must be >= 1, got " + nComponents);
        this.nComponents = nComponents;
    }

    /** Divide the projections by √(explained variance); default false. <pre>{@code ipca.whiten(true); }</pre> */
    public IncrementalPCA whiten(boolean whiten) {
        this.whiten = whiten;
        return this;
    }

    /**
     * The rows per batch of {@link #fit} and {@link #fitHdf5} (≥ 1); null (the default): 5 × n_features.
     * <pre>{@code ipca.batchSize(1000L); }</pre>
     *
     * @throws IllegalArgumentException for a size below 1
     */
    public IncrementalPCA batchSize(Long batchSize) {
        if (batchSize != null && batchSize < 1) throw new IllegalArgumentException(NAME + ": batchSize must be >= 1 (or null: 5 * n_features), got " + batchSize);
        this.batchSize = batchSize;
        return this;
    }

    /**
     * Fits the model to X (n_samples, n_features), any split, in batches of {@code batchSize} rows as scikit-learn's
     * {@code gen_batches} cuts them (a last batch shorter than nComponents is merged into the one before); the
     * previous fit is discarded (collective).
     * <pre>{@code ipca.fit(x); }</pre>
     *
     * @throws IllegalArgumentException for X not 2-d, empty, with NaN/infinity, nComponents above n_features or
     *     above a batch's rows — on every process, before any work
     */
    public IncrementalPCA fit(DNDarray x) {
        String who = NAME + ".fit";
        Validation.check2d(x, who);
        long n = x.gshape()[0], p = x.gshape()[1];
        long[][] batches = plan(n, p, who);
        Validation.checkFinite(x, who);
        reset();
        DNDarray rows = Validation.rowsLocal(x);
        for (long[] b : batches) {
            DNDarray batch = b[0] == 0 && b[1] == n ? rows : Indexing.get(rows, Index.slice(b[0], b[1]));
            update(batch);
        }
        return this;
    }

    /**
     * Fits the model to the 2-d dataset {@code dataset} of an HDF5 file, read one batch of rows at a time (each split
     * along the rows, never the whole dataset), with the batches of {@link #fit}; the previous fit is discarded
     * (collective).
     * <pre>{@code new IncrementalPCA(10).batchSize(5000L).fitHdf5("data.h5", "X"); }</pre>
     *
     * @throws IllegalArgumentException for a missing, not 2-d or empty dataset, bad sizes (as {@link #fit}), or
     *     NaN/infinity in a batch (then the model holds the batches before it)
     */
    public IncrementalPCA fitHdf5(String path, String dataset) {
        String who = NAME + ".fitHdf5";
        String want = dataset.startsWith("/") ? dataset.substring(1) : dataset;
        long[] shape = null;
        for (DatasetInfo info : IO.describe(path)) {
            String nm = info.name().startsWith("/") ? info.name().substring(1) : info.name();
            if (nm.equals(want)) shape = info.shape();
        }
        if (shape == null) throw new IllegalArgumentException(who + ": no dataset '" + dataset + "' in " + path);
        if (shape.length != 2) throw new IllegalArgumentException(who + ": dataset '" + dataset + "' must be 2-D, got shape " + Shapes.str(shape));
        long[][] batches = plan(shape[0], shape[1], who);
        reset();
        for (long[] b : batches) {
            DNDarray batch = IO.loadHdf5(path, dataset, 0, null, Slice.of(b[0], b[1]), Slice.all());
            Validation.checkFinite(batch, who);
            update(batch);
        }
        return this;
    }

    /**
     * {@link #batchSize(Long)} then {@link #fitHdf5(String, String)}.
     * <pre>{@code new IncrementalPCA(10).fitHdf5("data.h5", "X", 5000); }</pre>
     */
    public IncrementalPCA fitHdf5(String path, String dataset, long batchSize) {
        return batchSize(batchSize).fitHdf5(path, dataset);
    }

    /**
     * Updates the model with one batch (b, n_features), any split (collective). The first call fixes the feature
     * count, the dtype and — without nComponents — the component count min(b, n_features).
     * <pre>{@code ipca.partialFit(batch); }</pre>
     *
     * @throws IllegalArgumentException for a batch not 2-d, with NaN/infinity, with another feature count than the
     *     earlier batches, or (with nComponents) fewer rows than nComponents or fewer features — on every process
     */
    public IncrementalPCA partialFit(DNDarray batch) {
        String who = NAME + ".partialFit";
        Validation.check2d(batch, who);
        long b = batch.gshape()[0], p = batch.gshape()[1];
        if (components != null) Validation.checkFeatures(batch, nFeatures, who);
        checkBatch(b, p, who);
        Validation.checkFinite(batch, who);
        update(Validation.rowsLocal(batch));
        return this;
    }

    private void reset() {
        components = null;
        mean = null;
        nSamples = 0;
        nFeatures = -1;
        dtype = null;
    }

    /**
     * scikit-learn's {@code gen_batches(n, batch_size, min_batch_size=n_components or 0)} as [start, stop) pairs,
     * every batch checked against nComponents and the feature count before anything is read.
     */
    private long[][] plan(long n, long p, String who) {
        if (n < 1 || p < 1) throw new IllegalArgumentException(who + ": X must have at least one sample and one feature, got shape (" + n + ", " + p + ")");
        long size = batchSize != null ? batchSize : 5 * p;
        long min = nComponents != null ? nComponents : 0;
        List<long[]> out = new ArrayList<>();
        long start = 0;
        for (long i = 0; i < n / size; i++) {
            long end = start + size;
            if (end + min > n) continue;
            out.add(new long[] {start, end});
            start = end;
        }
        if (start < n) out.add(new long[] {start, n});
        for (long[] b : out) {
            try {
                checkBatch(b[1] - b[0], p, who);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (batch of rows " + b[0] + ".." + b[1] + " with batchSize=" + size
                        + "; use batchSize >= nComponents)", e);
            }
        }
        batchSizeUsed = size;
        return out.toArray(new long[0][]);
    }

    /** scikit-learn's checks of one batch of b rows and p features. */
    private void checkBatch(long b, long p, String who) {
        if (b < 1) throw new IllegalArgumentException(who + ": the batch is empty (0 rows)");
        if (nComponents == null) return;
        if (nComponents > p) {
            throw new IllegalArgumentException(who + ": nComponents=" + nComponents + " invalid for n_features=" + p
                    + "; it must be <= n_features");
        }
        if (nComponents > b) {
            throw new IllegalArgumentException(who + ": nComponents=" + nComponents + " must be less or equal to the batch number of samples " + b);
        }
    }

    /** One incremental step on a validated batch whose rows lie whole on the processes (split 0 or replicated). */
    private void update(DNDarray batch) {
        long b = batch.gshape()[0], p = batch.gshape()[1];
        if (dtype == null) dtype = batch.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
        DNDarray xf = batch.dtype() == dtype ? batch : batch.astype(dtype);
        DNDarray x64 = dtype == DType.FLOAT64 ? xf : xf.astype(DType.FLOAT64);
        int[] rowsAxis = {0};
        double[] bsum = Arithmetics.sum(x64, rowsAxis, false).toDoubleArray();
        double[] bmean = new double[(int) p];
        for (int j = 0; j < p; j++) bmean[j] = bsum[j] / b;
        DNDarray xc = Arithmetics.sub(x64, Factories.replicatedLike(bmean, x64));
        // the two-pass variance of the batch (scikit-learn's correction term included)
        double[] corr = Arithmetics.sum(xc, rowsAxis, false).toDoubleArray();
        double[] sq = Arithmetics.sum(Exponential.square(xc), rowsAxis, false).toDoubleArray();
        double[] newMean = new double[(int) p], newVar = new double[(int) p];
        long total = nSamples + b;
        for (int j = 0; j < p; j++) {
            double unnorm = sq[j] - corr[j] * corr[j] / b;
            if (nSamples == 0) {
                newMean[j] = bmean[j];
                newVar[j] = unnorm / b;
            } else {
                double lastSum = meanValues[j] * nSamples, lastOverNew = (double) nSamples / b;
                double d = lastSum / lastOverNew - bsum[j];
                newMean[j] = (lastSum + bsum[j]) / total;
                newVar[j] = (varValues[j] * nSamples + unnorm + lastOverNew / total * d * d) / total;
            }
        }
        if (dtype != DType.FLOAT64) xc = xc.astype(dtype);
        DNDarray core = reduce(xc, b, p);
        List<DNDarray> stack = new ArrayList<>();
        if (nSamples > 0) {
            int k0 = (int) components.gshape()[0];
            stack.add(Arithmetics.mul(components, Factories.replicatedLike(singularValues, components, k0, 1).astype(dtype)));
        }
        stack.add(core);
        if (nSamples > 0) {
            double f = Math.sqrt((double) nSamples / total * b);
            double[] c = new double[(int) p];
            for (int j = 0; j < p; j++) c[j] = f * (meanValues[j] - bmean[j]);
            stack.add(Factories.replicatedLike(c, core, 1, p).astype(dtype));
        }
        DNDarray m = stack.size() == 1 ? core : Joining.concatenate(stack.toArray(new DNDarray[0]), 0);
        SVD d = Linalg.svd(m, false, true);
        double[] s = d.S().toDoubleArray();
        int k = nComponents != null ? nComponents : components != null ? (int) components.gshape()[0] : (int) Math.min(b, p);
        DNDarray vt = Indexing.get(d.Vh(), Index.slice(0, k));
        // svd_flip(u_based_decision=False): the largest entry of each kept component is positive
        double[] signs = Components.flipSigns(vt.T());
        components = Arithmetics.mul(vt, Factories.replicatedLike(signs, vt, k, 1).astype(dtype));
        double totalVar = 0;
        for (int j = 0; j < p; j++) totalVar += newVar[j] * total;
        singularValues = new double[k];
        explainedVariance = new double[k];
        explainedVarianceRatio = new double[k];
        double rest = 0;
        for (int i = 0; i < s.length; i++) {
            double ev = s[i] * s[i] / (total - 1);
            if (i < k) {
                singularValues[i] = s[i];
                explainedVariance[i] = ev;
                explainedVarianceRatio[i] = s[i] * s[i] / totalVar;
            } else {
                rest += ev;
            }
        }
        noiseVariance = k == b || k == p ? 0.0 : rest / (s.length - k);
        meanValues = newMean;
        varValues = newVar;
        nSamples = total;
        nFeatures = p;
        mean = Factories.replicatedLike(newMean, components).astype(dtype);
    }

    /**
     * A replicated matrix with the centred batch's singular values and right singular vectors: its R factor by TSQR
     * when the batch is distributed and at least as tall as wide (never gathered), else the centred batch itself
     * (no larger than R then).
     */
    private static DNDarray reduce(DNDarray xc, long b, long p) {
        if (!xc.isDistributed()) return xc;
        if (b < p) return xc.resplit(null);
        DNDarray r = Linalg.qr(xc, "r").R();
        return r.isDistributed() ? r.resplit(null) : r;
    }

    /**
     * {@link #fit} then {@link #transform} of the same X.
     * <pre>{@code DNDarray z = new IncrementalPCA(2).batchSize(100L).fitTransform(x); }</pre>
     */
    public DNDarray fitTransform(DNDarray x) { return fit(x).transform(x); }

    /** The per-feature (population) variance of the data seen, float64, replicated. <pre>{@code DNDarray v = ipca.var(); }</pre> */
    public DNDarray var() {
        requireFitted();
        return Factories.replicatedLike(varValues.clone(), components);
    }

    /** The batch size the last fit used (scikit-learn's {@code batch_size_}); -1 before a fit. <pre>{@code long b = ipca.batchSizeUsed(); }</pre> */
    public long batchSizeUsed() {
        return batchSizeUsed;
    }
}
