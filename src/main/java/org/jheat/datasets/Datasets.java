package org.jheat.datasets;


import org.jheat.core.DNDarray;
import org.jheat.tensor.Device;
import org.jheat.core.Joining;
import org.jheat.core.Trigonometrics;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Backend;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Tensor;

/**
 * Heat's {@code ht.utils.data} generators of clustered test data. Every value is a function of the seed and of
 * its global index (jheat's counter-based generator), so a data set is bit-identical for any number of
 * processes; the result is split along rows and balanced. Where Heat makes each process draw its own share (its
 * data depend on the process count), jheat draws globally.
 *
 * <pre>{@code
 * DNDarray x = Datasets.createSphericalDataset(1000, 1.0, 4.0, DType.FLOAT32, 1L);    // 4 spheres, 4000 x 3
 * DNDarray y = Datasets.createClusters(10_000, 2, 3, new double[][] {{0, 0}, {5, 5}, {-5, 5}},
 *         new double[] {1, 0.5, 2}, null, DType.FLOAT64, 0L);
 * }</pre>
 */
public final class Datasets {
    /** A data set with the cluster index of every sample. */
    public record Clusters(DNDarray data, DNDarray labels) { }

    private Datasets() { }

    /**
     * Four spheres in 3-D along the space diagonal (Heat's {@code create_spherical_dataset}): {@code
     * numSamplesCluster} points each, centred at (o,o,o), (2o,2o,2o), (-o,-o,-o) and (-2o,-2o,-2o) for
     * o = {@code offset}, at radius uniform in [0, radius), polar angle uniform in [0, π) and azimuth uniform in
     * [0, 2π); the clusters follow each other along the rows. {@code randomState} seeds jheat's global generator
     * (null: keep its state), as Heat does.
     * <pre>{@code DNDarray x = Datasets.createSphericalDataset(500, 1.0, 4.0, DType.FLOAT32, 1L); }</pre>
     *
     * @throws IllegalArgumentException for a negative count, a negative or non-finite radius or offset, a non-float dtype
     */
    public static DNDarray createSphericalDataset(long numSamplesCluster, double radius, double offset, DType dtype, Long randomState) {
        if (numSamplesCluster < 0) throw new IllegalArgumentException("createSphericalDataset: numSamplesCluster must be >= 0, got " + numSamplesCluster);
        if (!(radius >= 0) || Double.isInfinite(radius)) throw new IllegalArgumentException("createSphericalDataset: radius must be a finite number >= 0, got " + radius);
        if (!Double.isFinite(offset)) throw new IllegalArgumentException("createSphericalDataset: offset must be finite, got " + offset);
        if (dtype == null || !dtype.isFloat()) throw new IllegalArgumentException("createSphericalDataset: dtype must be float32 or float64, got " + dtype);
        if (randomState != null) Random.seed(randomState);
        long[] shape = {numSamplesCluster};
        DNDarray r = Random.rand(shape, DType.FLOAT64, 0).mul(radius);
        DNDarray theta = Random.rand(shape, DType.FLOAT64, 0).mul(Math.PI);
        DNDarray phi = Random.rand(shape, DType.FLOAT64, 0).mul(2 * Math.PI);
        DNDarray sinT = Trigonometrics.sin(theta);
        DNDarray x = r.mul(sinT).mul(Trigonometrics.cos(phi));
        DNDarray y = r.mul(sinT).mul(Trigonometrics.sin(phi));
        DNDarray z = r.mul(Trigonometrics.cos(theta));
        double[] shifts = {offset, 2 * offset, -offset, -2 * offset};
        DNDarray[] clusters = new DNDarray[4];
        for (int c = 0; c < 4; c++) {
            double o = shifts[c];
            clusters[c] = Joining.stack(new DNDarray[] {x.add(o), y.add(o), z.add(o)}, 1);
        }
        return Joining.concatenate(clusters, 0).astype(dtype);
    }

    /**
     * {@link #createSphericalDataset(long, double, double, DType, Long)} with Heat's defaults: radius 1, offset 4,
     * float32, seed 1. <pre>{@code Datasets.createSphericalDataset(100)}</pre>
     */
    public static DNDarray createSphericalDataset(long numSamplesCluster) {
        return createSphericalDataset(numSamplesCluster, 1.0, 4.0, DType.FLOAT32, 1L);
    }

    /**
     * Samples from {@code nClusters} isotropic normal distributions (Heat's {@code create_clusters} with a standard
     * deviation per cluster): cluster c has mean {@code clusterMean[c]} and standard deviation {@code clusterStd[c]}
     * in every direction and {@code floor(nSamples · clusterWeight[c])} samples (the remainder goes to cluster 0;
     * null weights: equal). The samples of all clusters are shuffled over the rows by a random permutation.
     * <pre>{@code DNDarray x = Datasets.createClusters(1000, 2, 2, new double[][] {{0, 0}, {4, 4}}, new double[] {1, 1}, null, DType.FLOAT32, 3L); }</pre>
     *
     * @throws IllegalArgumentException for inconsistent shapes, negative deviations, weights that are negative or
     *         do not sum to 1, a non-float dtype
     */
    public static DNDarray createClusters(long nSamples, int nFeatures, int nClusters, double[][] clusterMean, double[] clusterStd,
                                          double[] clusterWeight, DType dtype, Long randomState) {
        return createClustersWithLabels(nSamples, nFeatures, nClusters, clusterMean, clusterStd, clusterWeight, dtype, randomState).data();
    }

    /** Heat's defaults: equal weights, float32, the global generator's state. <pre>{@code Datasets.createClusters(100, 2, 2, means, stds)}</pre> */
    public static DNDarray createClusters(long nSamples, int nFeatures, int nClusters, double[][] clusterMean, double[] clusterStd) {
        return createClusters(nSamples, nFeatures, nClusters, clusterMean, clusterStd, null, DType.FLOAT32, null);
    }

    /**
     * Samples from normal distributions with a full covariance matrix per cluster ({@code clusterCov[c]}, symmetric
     * positive definite, (nFeatures, nFeatures)): x = mean + L·z with L the Cholesky factor (LAPACK).
     * <pre>{@code Datasets.createClusters(1000, 2, 1, new double[][] {{0, 0}}, new double[][][] {{{2, 1}, {1, 2}}}, null, DType.FLOAT64, 0L)}</pre>
     *
     * @throws IllegalArgumentException as the isotropic form, or for a covariance that is not positive definite
     */
    public static DNDarray createClusters(long nSamples, int nFeatures, int nClusters, double[][] clusterMean, double[][][] clusterCov,
                                          double[] clusterWeight, DType dtype, Long randomState) {
        return generate(nSamples, nFeatures, nClusters, clusterMean, null, clusterCov, clusterWeight, dtype, randomState).data();
    }

    /**
     * The isotropic {@link #createClusters} returning the labels (int64, the cluster of every sample, split like the
     * data) too. <pre>{@code Datasets.Clusters c = Datasets.createClustersWithLabels(100, 2, 2, means, stds, null, DType.FLOAT64, 0L); }</pre>
     */
    public static Clusters createClustersWithLabels(long nSamples, int nFeatures, int nClusters, double[][] clusterMean, double[] clusterStd,
                                                   double[] clusterWeight, DType dtype, Long randomState) {
        return generate(nSamples, nFeatures, nClusters, clusterMean, clusterStd, null, clusterWeight, dtype, randomState);
    }

    private static Clusters generate(long n, int f, int k, double[][] mean, double[] std, double[][][] cov, double[] weight,
                                     DType dtype, Long randomState) {
        String who = "createClusters";
        if (n < 0) throw new IllegalArgumentException(who + ": nSamples must be >= 0, got " + n);
        if (f < 1) throw new IllegalArgumentException(who + ": nFeatures must be >= 1, got " + f);
        if (k < 1) throw new IllegalArgumentException(who + ": nClusters must be >= 1, got " + k);
        if (dtype == null || !dtype.isFloat()) throw new IllegalArgumentException(who + ": dtype must be float32 or float64, got " + dtype);
        if (mean == null || mean.length != k) {
            throw new IllegalArgumentException(who + ": clusterMean must have shape (nClusters, nFeatures) = (" + k + ", " + f + ")");
        }
        for (double[] m : mean) {
            if (m == null || m.length != f) throw new IllegalArgumentException(who + ": clusterMean must have shape (" + k + ", " + f + ")");
        }
        double[][] chol = null;
        if (cov != null) {
            if (cov.length != k) throw new IllegalArgumentException(who + ": clusterCov must have shape (" + k + ", " + f + ", " + f + ")");
            chol = new double[k][];
            for (int c = 0; c < k; c++) {
                if (cov[c] == null || cov[c].length != f) throw new IllegalArgumentException(who + ": clusterCov must have shape (" + k + ", " + f + ", " + f + ")");
                Tensor a = Tensor.fromArray(cov[c], DType.FLOAT64);
                try {
                    chol[c] = LocalLinalg.cholesky(a).toDoubleArray();
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(who + ": clusterCov[" + c + "] is not symmetric positive definite", e);
                }
            }
        } else {
            if (std == null || std.length != k) throw new IllegalArgumentException(who + ": clusterStd must have shape (nClusters,) = (" + k + ",)");
            for (double s : std) if (!(s >= 0) || Double.isInfinite(s)) throw new IllegalArgumentException(who + ": clusterStd must be finite and >= 0, got " + s);
        }
        double[] w = weight;
        if (w == null) {
            w = new double[k];
            java.util.Arrays.fill(w, 1.0 / k);
        } else {
            if (w.length != k) throw new IllegalArgumentException(who + ": clusterWeight must have shape (" + k + ",)");
            double sum = 0;
            for (double v : w) {
                if (!(v >= 0)) throw new IllegalArgumentException(who + ": clusterWeight must be >= 0, got " + v);
                sum += v;
            }
            if (Math.abs(sum - 1) > 1e-6) throw new IllegalArgumentException(who + ": clusterWeight must add up to 1, adds up to " + sum);
        }
        long[] end = new long[k];
        long total = 0;
        for (int c = 0; c < k; c++) total += (long) Math.floor(n * w[c]);
        long acc = 0;
        for (int c = 0; c < k; c++) {
            long size = (long) Math.floor(n * w[c]) + (c == 0 ? n - total : 0);
            end[c] = (acc += size);
        }
        if (randomState != null) Random.seed(randomState);
        DNDarray perm = Random.permutation(n, 0);
        DNDarray z = Random.randn(new long[] {n, f}, DType.FLOAT64, 0);
        int rows = Math.toIntExact(z.lshape()[0]);
        Tensor zl = z.larray().contiguous();
        Backend be = zl.backend();
        // the cluster of every local row: the segment of [0, n) (cut at the cumulative sizes) holding its permuted position
        long[] lc = perm.larray().toLongArray();
        for (int i = 0; i < rows; i++) {
            int c = 0;
            while (lc[i] >= end[c]) c++;
            lc[i] = c;
        }
        Tensor lab = Tensor.fromArray(lc);
        Tensor out;
        if (chol == null) {
            // x = mean[c] + std[c]·z in one pass over blocks of rows, written straight in the result's dtype (the
            // same float64 arithmetic and one rounding to float32 as computing in float64 and converting after)
            out = Tensor.empty(dtype, rows, f);
            int block = Math.max(1, 16384 / f);
            Parallel.forRange(rows, block, (a, b) -> {
                double[] buf = new double[(int) Math.min(block, b - a) * f];
                for (long r0 = a; r0 < b; r0 += block) {
                    int nb = (int) Math.min(block, b - r0);
                    double[] v = zl.narrow(0, r0, nb).toDoubleArray(buf);
                    for (int i = 0; i < nb; i++) {
                        int c = (int) lc[(int) r0 + i];
                        double[] m = mean[c];
                        double sc = std[c];
                        for (int j = 0, o = i * f; j < f; j++) v[o + j] = v[o + j] * sc + m[j];
                    }
                    out.narrow(0, r0, nb).copyFrom(v, 0);
                }
            });
        } else {
            out = Tensor.empty(DType.FLOAT64, rows, f);
            // per cluster: its rows of z gathered into one block, times Lᵀ with one gemm, shifted by the mean, scattered back
            for (int c = 0; c < k; c++) {
                int m = 0;
                for (long v : lc) if (v == c) m++;
                if (m == 0) continue;
                long[] idx = new long[m];
                for (int i = 0, q = 0; i < rows; i++) if (lc[i] == c) idx[q++] = i;
                Tensor zc = Tensor.empty(DType.FLOAT64, m, f), yc = Tensor.empty(DType.FLOAT64, m, f);
                be.gatherRows(zl, new int[] {0}, new long[][] {idx}, m, zc);
                Tensor l = Tensor.fromArray(chol[c]).reshape(f, f), mu = Tensor.fromArray(mean[c]).reshape(1, f);
                LocalLinalg.gemm(1.0, zc, l.transpose(), 0.0, yc);
                be.elementwise(Kernels.ADD, false, yc, yc, mu.broadcastTo(m, f));
                be.scatterRows(yc, out, new int[] {0}, new long[][] {idx}, m);
                for (Tensor t : new Tensor[] {zc, yc, l, mu}) t.free();
            }
        }
        long[][] map = z.lshapeMap();
        long[][] lmap = new long[map.length][];
        for (int q = 0; q < map.length; q++) lmap[q] = new long[] {map[q][0]};
        Tensor result = out.dtype() == dtype ? out : out.astype(dtype);
        if (result != out) out.free();
        zl.free();
        DNDarray data = new DNDarray(result, new long[] {n, f}, 0, z.comm(), Device.CPU, map);
        DNDarray labels = new DNDarray(lab, new long[] {n}, 0, z.comm(), Device.CPU, lmap);
        return new Clusters(data, labels);
    }
}
