package org.jheat.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * The batch-parallel estimators: on well-separated clusters they find the same centres as k-means / k-medians for
 * any number of processes, merge level by level, and their labels, inertia and predict agree with each other.
 */
class BatchParallelTest {
    static double[][] sorted(double[][] c) {
        double[][] s = c.clone();
        java.util.Arrays.sort(s, (a, b) -> Double.compare(a[0] * 3 + a[1] * 2 + a[2], b[0] * 3 + b[1] * 2 + b[2]));
        return s;
    }

    /** The same clusters up to the numbering. */
    static boolean samePartition(long[] a, long[] b) {
        if (a.length != b.length) return false;
        java.util.Map<Long, Long> ab = new java.util.HashMap<>(), ba = new java.util.HashMap<>();
        for (int i = 0; i < a.length; i++) {
            Long x = ab.putIfAbsent(a[i], b[i]), y = ba.putIfAbsent(b[i], a[i]);
            if ((x != null && x.longValue() != b[i]) || (y != null && y.longValue() != a[i])) return false;
        }
        return true;
    }

    @Test
    void findsTheCentresOfKMeansAndKMedians() {
        for (Integer split : new Integer[] {0, null}) {
            DNDarray x = ClusterTest.separated(split);
            double[][] ref = sorted(new KMeans(4).randomState(0).fit(x).clusterCentersArray());
            KMedians kmed = new KMedians(4).randomState(0).fit(x);
            double[][] refL1 = sorted(kmed.clusterCentersArray());
            long[] part = kmed.labels().toLongArray();
            for (Integer merge : new Integer[] {null, 2, 3}) {
                BatchParallelKMeans bp = new BatchParallelKMeans(4).randomState(1).nProcsToMerge(merge).fit(x);
                double[][] c = sorted(bp.clusterCentersArray());
                for (int j = 0; j < 4; j++) {
                    for (int t = 0; t < 3; t++) {
                        assertEquals(ref[j][t], c[j][t], 0.1, "k-means centre " + j + " merge " + merge + " split " + split);
                    }
                }
                assertArrayEquals(bp.labels().toLongArray(), bp.predict(x).toLongArray());
                assertEquals(split == null ? null : 0, bp.labels().split());
                assertTrue(bp.inertia() > 0 && bp.nIter()[0] >= 1, "inertia and iterations");
                BatchParallelKMedians bm = new BatchParallelKMedians(4).randomState(1).nProcsToMerge(merge).fit(x);
                double[][] cm = sorted(bm.clusterCentersArray());
                for (int j = 0; j < 4; j++) {
                    for (int t = 0; t < 3; t++) {
                        // merged medians are medians of a few local medians: close, not equal
                        assertEquals(refL1[j][t], cm[j][t], 0.5, "k-medians centre " + j + " merge " + merge + " split " + split);
                    }
                }
                assertArrayEquals(new long[] {2000, 4}, bm.transform(x).gshape());
                assertTrue(samePartition(part, bm.labels().toLongArray()), "k-medians partition, merge " + merge);
                assertTrue(samePartition(part, bp.labels().toLongArray()), "k-means partition, merge " + merge);
            }
        }
    }

    @Test
    void float32AndFewRowsPerProcess() {
        DNDarray x = ClusterTest.separated(0).astype(DType.FLOAT32);
        BatchParallelKMeans bp = new BatchParallelKMeans(4).randomState(2).fit(x);
        assertEquals(DType.FLOAT32, bp.clusterCenters().dtype());
        // 5 samples, 2 clusters: some processes hold fewer rows than clusters and pass them on
        DNDarray small = org.jheat.Heat.array(new double[][] {{0, 0}, {0.1, 0}, {10, 10}, {10.1, 10}, {0, 0.1}}, DType.FLOAT64, 0);
        BatchParallelKMeans s = new BatchParallelKMeans(2).randomState(0).fit(small);
        long[] lab = s.labels().toLongArray();
        assertEquals(lab[0], lab[1]);
        assertEquals(lab[0], lab[4]);
        assertEquals(lab[2], lab[3]);
        assertTrue(lab[0] != lab[2]);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new BatchParallelKMeans(6).fit(small));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new BatchParallelKMedians(2).maxIter(0));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new BatchParallelKMedians(2).tol(-1));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> s.predict(org.jheat.Heat.array(new double[][] {{1, 2, 3}}, DType.FLOAT64, 0)));
    }
}
