package org.jheat.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.core.DNDarray;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * The generators give the values that a one-process, replicated evaluation of their definition gives — hence the
 * same data for any process count —, split along rows and balanced; plus their statistics and bad input.
 */
class DatasetsTest {
    static final double[][] MEANS = {{0, 0, 0}, {10, -5, 2}, {-8, 8, 8}};

    @Test
    void createClustersIsTheSameForAnyProcessCount() {
        long n = 1001;
        double[] std = {1, 0.5, 2}, w = {0.5, 0.3, 0.2};
        Datasets.Clusters c = Datasets.createClustersWithLabels(n, 3, 3, MEANS, std, w, DType.FLOAT64, 42L);
        assertArrayEquals(new long[] {n, 3}, c.data().gshape());
        assertEquals(0, c.data().split());
        assertTrue(c.data().isBalanced());
        // the definition, evaluated replicated
        Random.seed(42);
        long[] perm = Random.permutation(n, null).larray().toLongArray();
        double[] z = Random.randn(new long[] {n, 3}, DType.FLOAT64, null).larray().toDoubleArray();
        long[] ends = {501, 801, 1001};   // floor(n w) = 500, 300, 200; the remainder 1 goes to cluster 0
        double[] expect = new double[(int) n * 3];
        long[] lab = new long[(int) n];
        for (int i = 0; i < n; i++) {
            int k = 0;
            while (perm[i] >= ends[k]) k++;
            lab[i] = k;
            for (int t = 0; t < 3; t++) expect[i * 3 + t] = MEANS[k][t] + std[k] * z[i * 3 + t];
        }
        assertArrayEquals(lab, c.labels().toLongArray());
        assertArrayEquals(expect, c.data().toDoubleArray(), 0.0);
        long[] counts = new long[3];
        for (long l : lab) counts[(int) l]++;
        assertArrayEquals(new long[] {501, 300, 200}, counts);
        DNDarray f32 = Datasets.createClusters(n, 3, 3, MEANS, std);
        assertEquals(DType.FLOAT32, f32.dtype());
        // float32: the float64 values of the definition rounded once
        double[] got32 = Datasets.createClustersWithLabels(n, 3, 3, MEANS, std, w, DType.FLOAT32, 42L).data().toDoubleArray();
        for (int i = 0; i < expect.length; i++) assertEquals((double) (float) expect[i], got32[i], 0.0, "float32 element " + i);
    }

    /**
     * Fewer samples than processes (empty local slabs), with and without covariances: the values of the definition
     * evaluated replicated, x = mean[c] + L·z (L the Cholesky factor), whatever the process count.
     */
    @Test
    void createClustersWithFewSamplesFollowsTheDefinition() {
        double[][] means = {{1, 2}, {-3, 5}};
        double[][][] cov = {{{2, 0.5}, {0.5, 1}}, {{1, 0}, {0, 3}}};
        for (long n : new long[] {0, 1, 2, 3, 7}) {
            for (boolean withCov : new boolean[] {false, true}) {
                Datasets.Clusters c = withCov
                        ? new Datasets.Clusters(Datasets.createClusters(n, 2, 2, means, cov, new double[] {0.6, 0.4}, DType.FLOAT64, 5L), null)
                        : Datasets.createClustersWithLabels(n, 2, 2, means, new double[] {0.5, 2}, new double[] {0.6, 0.4}, DType.FLOAT64, 5L);
                assertArrayEquals(new long[] {n, 2}, c.data().gshape());
                Random.seed(5);
                long[] perm = Random.permutation(n, null).larray().toLongArray();
                double[] z = Random.randn(new long[] {n, 2}, DType.FLOAT64, null).larray().toDoubleArray();
                long[] ends = {(long) Math.floor(n * 0.6) + (n - (long) Math.floor(n * 0.6) - (long) Math.floor(n * 0.4)), n};
                double[] expect = new double[(int) n * 2];
                long[] lab = new long[(int) n];
                for (int i = 0; i < n; i++) {
                    int k = perm[i] >= ends[0] ? 1 : 0;
                    lab[i] = k;
                    for (int t = 0; t < 2; t++) {
                        if (withCov) {
                            double[] l = org.jheat.tensor.LocalLinalg.cholesky(Tensor.fromArray(cov[k])).toDoubleArray();
                            expect[i * 2 + t] = means[k][t] + l[t * 2] * z[i * 2] + l[t * 2 + 1] * z[i * 2 + 1];
                        } else {
                            expect[i * 2 + t] = means[k][t] + (k == 0 ? 0.5 : 2) * z[i * 2 + t];
                        }
                    }
                }
                if (!withCov) assertArrayEquals(lab, c.labels().toLongArray(), "labels n=" + n);
                assertArrayEquals(expect, c.data().toDoubleArray(), 1e-12, "n=" + n + " cov=" + withCov);
            }
        }
    }

    @Test
    void createClustersWithCovarianceHasThatCovariance() {
        double[][][] cov = {{{4, 1, 0}, {1, 2, 0.5}, {0, 0.5, 1}}};
        DNDarray x = Datasets.createClusters(40_000, 3, 1, new double[][] {{1, 2, 3}}, cov, null, DType.FLOAT64, 3L);
        Tensor all = x.resplit(null).larray();
        double[] mean = new double[3];
        for (int i = 0; i < 40_000; i++) for (int t = 0; t < 3; t++) mean[t] += all.getDouble(i, t) / 40_000;
        for (int t = 0; t < 3; t++) assertEquals(t + 1, mean[t], 0.05);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double s = 0;
                for (int i = 0; i < 40_000; i++) s += (all.getDouble(i, a) - mean[a]) * (all.getDouble(i, b) - mean[b]);
                assertEquals(cov[0][a][b], s / 39_999, 0.1, "covariance " + a + "," + b);
            }
        }
    }

    @Test
    void sphericalDatasetIsTheSameForAnyProcessCount() {
        long m = 101;
        DNDarray x = Datasets.createSphericalDataset(m, 2.0, 5.0, DType.FLOAT64, 7L);
        assertArrayEquals(new long[] {4 * m, 3}, x.gshape());
        assertEquals(0, x.split());
        assertTrue(x.isBalanced());
        Random.seed(7);
        double[] r = Random.rand(new long[] {m}, DType.FLOAT64, null).larray().toDoubleArray();
        double[] th = Random.rand(new long[] {m}, DType.FLOAT64, null).larray().toDoubleArray();
        double[] ph = Random.rand(new long[] {m}, DType.FLOAT64, null).larray().toDoubleArray();
        double[] v = x.toDoubleArray();
        double[] off = {5, 10, -5, -10};
        for (int c = 0; c < 4; c++) {
            for (int j = 0; j < m; j++) {
                double rr = r[j] * 2, t = th[j] * Math.PI, p = ph[j] * 2 * Math.PI;
                int o = (int) ((c * m + j) * 3);
                assertEquals(rr * Math.sin(t) * Math.cos(p) + off[c], v[o], 1e-12);
                assertEquals(rr * Math.sin(t) * Math.sin(p) + off[c], v[o + 1], 1e-12);
                assertEquals(rr * Math.cos(t) + off[c], v[o + 2], 1e-12);
            }
        }
        assertEquals(DType.FLOAT32, Datasets.createSphericalDataset(10).dtype());
    }

    @Test
    void badInputFailsOnEveryProcess() {
        double[] std = {1, 1, 1};
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Datasets.createClusters(-1, 3, 3, MEANS, std));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Datasets.createClusters(10, 2, 3, MEANS, std));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Datasets.createClusters(10, 3, 2, MEANS, std));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Datasets.createClusters(10, 3, 3, MEANS, new double[] {1, -1, 1}));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Datasets.createClusters(10, 3, 3, MEANS, std, new double[] {0.5, 0.5, 0.5}, DType.FLOAT64, 0L));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Datasets.createClusters(10, 3, 3, MEANS, std, null, DType.INT32, 0L));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Datasets.createClusters(10, 3, 1, new double[][] {{0, 0, 0}},
                new double[][][] {{{1, 2, 0}, {2, 1, 0}, {0, 0, 1}}}, null, DType.FLOAT64, 0L));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Datasets.createSphericalDataset(-5));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Datasets.createSphericalDataset(5, -1, 4, DType.FLOAT32, 1L));
    }
}
