package org.jheat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.spatial.Spatial;
import org.jheat.tensor.DType;
import org.jheat.testing.Dist;
import org.jheat.testing.Golden;
import org.junit.jupiter.api.Test;

/** silhouetteSamples / silhouetteScore against scikit-learn 1.2 (cluster.txt) for X split along rows, columns or replicated. */
class SilhouetteTest {
    static final Golden G = KMeansGoldenTest.G;

    @Test
    void matchesScikitLearn() {
        for (String set : KMeansGoldenTest.SETS) {
            for (Integer split : KMeansGoldenTest.SPLITS) {
                DNDarray x = KMeansGoldenTest.data(set, split);
                DNDarray labels = Heat.array(G.longs(set + ".km.labels"), DType.INT64, split == null ? null : 0);
                DNDarray s = Cluster.silhouetteSamples(x, labels);
                assertEquals(split == null ? null : 0, s.split());
                KMeansGoldenTest.assertClose(G.doubles(set + ".sil.samples"), s.toDoubleArray(), 1e-9, set + " samples split " + split);
                assertEquals(G.scalar(set + ".sil.score"), Cluster.silhouetteScore(x, labels), 1e-9, set + " score");
                assertEquals(G.scalar(set + ".silcb.score"), Cluster.silhouetteScore(x, labels, "cityblock"), 1e-9, set + " cityblock");
            }
        }
    }

    @Test
    void precomputedLabelsOfOtherTypesAndBadInput() {
        DNDarray x = KMeansGoldenTest.data("iris", 0);
        DNDarray labels = Heat.array(G.longs("iris.km.labels"), DType.INT64, null);
        DNDarray d = Spatial.cdist(x, x);
        assertEquals(G.scalar("iris.sil.score"), Cluster.silhouetteScore(d, labels, "precomputed"), 1e-9);
        // labels need not be 0..k-1: shifted and int32, as a column vector
        long[] l = G.longs("iris.km.labels");
        int[] shifted = new int[l.length];
        for (int i = 0; i < l.length; i++) shifted[i] = (int) (l[i] * 10 - 7);
        DNDarray col = Heat.array(shifted, DType.INT32, 0).reshape(l.length, 1);
        assertEquals(G.scalar("iris.sil.score"), Cluster.silhouetteScore(x, col), 1e-9);
        // singleton cluster: its sample scores 0
        DNDarray small = Heat.array(new double[][] {{0, 0}, {0, 1}, {5, 5}, {5, 6}, {20, 20}}, DType.FLOAT64, 0);
        double[] s = Cluster.silhouetteSamples(small, Heat.array(new long[] {0, 0, 1, 1, 2}, DType.INT64, 0)).toDoubleArray();
        assertEquals(0.0, s[4], 0.0);
        assertTrue(s[0] > 0.8);
        DNDarray one = Heat.array(new long[150], DType.INT64, 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Cluster.silhouetteScore(x, one));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Cluster.silhouetteScore(x, Heat.array(new long[149], DType.INT64, 0)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Cluster.silhouetteScore(x, labels, "hamming"));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Cluster.silhouetteScore(x, labels, "precomputed"));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Cluster.silhouetteScore(x, Heat.array(new double[150], DType.FLOAT64, 0)));
        long[] distinct = new long[150];
        for (int i = 0; i < 150; i++) distinct[i] = i;
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Cluster.silhouetteScore(x, Heat.array(distinct, DType.INT64, 0)));
    }
}
