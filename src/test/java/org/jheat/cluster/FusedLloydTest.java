package org.jheat.cluster;

import java.util.SplittableRandom;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fused Lloyd step ({@link org.jheat.tensor.ClusterKernels#lloydStep}, one sweep over the rows per block) against
 * the gemm path (distance block by gemm, then argmin and update) in whole k-means fits: the same labels, centres and
 * inertia on random data, float32 and float64, k and f not multiples of the vector lanes, at any process count
 * (including fewer samples than processes: empty local slabs), split along rows and replicated.
 */
class FusedLloydTest {
    @AfterEach
    void restore() { Pass.fusedEnabled = true; }

    static KMeans fit(DNDarray x, double[][] init, boolean fused) {
        Pass.fusedEnabled = fused;
        try {
            return new KMeans(init.length).init(init).maxIter(25).tol(0.0).fit(x);
        } finally {
            Pass.fusedEnabled = true;
        }
    }

    static double[][] random(SplittableRandom r, int n, int f, double spread) {
        double[][] m = new double[n][f];
        for (double[] row : m) for (int q = 0; q < f; q++) row[q] = r.nextDouble(-spread, spread);
        return m;
    }

    @Test
    void fusedAndGemmFitsAgree() {
        SplittableRandom r = new SplittableRandom(23);
        for (int[] nfk : new int[][] {{1001, 13, 11}, {517, 32, 8}, {300, 5, 3}, {3, 4, 2}}) {
            int n = nfk[0], f = nfk[1], k = nfk[2];
            // clustered data (a few well-separated groups plus noise), so the fits take several iterations
            double[][] groups = random(r, k + 1, f, 6);
            double[][] data = random(r, n, f, 1.5);
            for (int i = 0; i < n; i++) for (int q = 0; q < f; q++) data[i][q] += groups[i % (k + 1)][q];
            double[][] init = new double[k][];
            for (int j = 0; j < k; j++) init[j] = data[(j * 7) % n].clone();
            for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                for (Integer split : new Integer[] {0, null}) {
                    DNDarray x = Heat.array(data, t, split);
                    String what = t + " n=" + n + " f=" + f + " k=" + k + " split=" + split;
                    ClusterTest.assertSameFit(fit(x, init, true), fit(x, init, false), t == DType.FLOAT32 ? 1e-6 : 1e-12, what);
                }
            }
        }
    }

    /**
     * Where many samples sit almost midway between two centres (uniform noise, no clusters), the gemm path's labels
     * depend on where a row falls in its block — BLAS rounds a product's edge rows differently — and so on the
     * process and thread count, and 30 iterations amplify a flipped label. The fused step computes every row's
     * distances the same way wherever it is: the split fit equals the one-process fit label for label. (With the
     * fused step switched off this test fails at 2 processes: label 77 flips.)
     */
    @Test
    void tieHeavyDataGivesTheSameFitAtAnyProcessCount() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 30011, f = 32, k = 8;
        double[][] data = new double[n][f];
        for (double[] row : data) for (int q = 0; q < f; q++) row[q] = (float) r.nextDouble(0, 100);
        DNDarray x = Heat.array(data, DType.FLOAT32, 0), one = ClusterTest.alone(x);
        double[][] init = new double[k][];
        for (int j = 0; j < k; j++) init[j] = data[j].clone();
        KMeans split = fit(x, init, true), alone = fit(one, init, true);
        org.junit.jupiter.api.Assertions.assertArrayEquals(alone.labels().toLongArray(), split.labels().toLongArray(), "labels");
        ClusterTest.assertSameFit(split, alone, 1e-12, "uniform float32 noise, split 0");
    }
}
