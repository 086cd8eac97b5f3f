package org.jheat.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.testing.Golden;
import org.junit.jupiter.api.Test;

/**
 * KMeans, KMedians and KMedoids against scikit-learn 1.2 / the numpy reference of scripts/golden/make_cluster.py
 * (src/test/resources/golden/cluster.txt) on iris, wine, breast cancer, 300 digits and numpy blobs, for X split
 * along rows, columns and replicated.
 */
class KMeansGoldenTest {
    static final Golden G = Golden.load("/golden/cluster.txt");
    static final String[] SETS = {"iris", "wine", "breast_cancer", "digits300", "blobs"};
    static final Integer[] SPLITS = {0, null, 1};

    static DNDarray data(String set, Integer split) { return Heat.array(G.matrix(set + ".X"), DType.FLOAT64, split); }

    static int k(String set) { return (int) G.scalar(set + ".k"); }

    static void assertClose(double[] expected, double[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i];
            assertTrue(Math.abs(e - a) <= rel * (1 + Math.abs(e)), what + "[" + i + "]: expected " + e + ", got " + a);
        }
    }

    static double[] flat(double[][] m) {
        int f = m[0].length;
        double[] out = new double[m.length * f];
        for (int i = 0; i < m.length; i++) System.arraycopy(m[i], 0, out, i * f, f);
        return out;
    }

    @Test
    void kmeansWithGivenCentresReproducesScikitLearn() {
        for (String set : SETS) {
            for (Integer split : SPLITS) {
                DNDarray x = data(set, split);
                for (String tag : new String[] {"km", "km3"}) {
                    String p = set + "." + tag + ".";
                    KMeans km = new KMeans(k(set)).init(G.matrix(set + ".init")).maxIter(tag.equals("km") ? 300 : 3).tol(0.0).fit(x);
                    String what = p + " split=" + split;
                    assertClose(G.doubles(p + "centers"), flat(km.clusterCentersArray()), 1e-9, what + " centres");
                    assertArrayEquals(G.longs(p + "labels"), km.labels().toLongArray(), what + " labels");
                    assertClose(new double[] {G.scalar(p + "inertia")}, new double[] {km.inertia()}, 1e-10, what + " inertia");
                    assertEquals((int) G.scalar(p + "n_iter"), km.nIter(), what + " n_iter");
                    assertEquals(split == null ? null : 0, km.labels().split(), what + " labels split");
                }
            }
        }
    }

    @Test
    void medianEstimatorsWithGivenCentresMatchTheReference() {
        for (String set : SETS) {
            for (Integer split : SPLITS) {
                DNDarray x = data(set, split);
                for (String tag : new String[] {"kmed", "kmedoids"}) {
                    String p = set + "." + tag + ".";
                    KCluster<?> km = tag.equals("kmed") ? new KMedians(k(set)) : new KMedoids(k(set));
                    km.init(G.matrix(set + ".init")).tol(0.0).fit(x);
                    String what = p + " split=" + split;
                    assertClose(G.doubles(p + "centers"), flat(km.clusterCentersArray()), 1e-12, what + " centres");
                    assertArrayEquals(G.longs(p + "labels"), km.labels().toLongArray(), what + " labels");
                    assertClose(new double[] {G.scalar(p + "inertia")}, new double[] {km.inertia()}, 1e-10, what + " inertia");
                    assertEquals((int) G.scalar(p + "n_iter"), km.nIter(), what + " n_iter");
                }
            }
        }
    }

    @Test
    void kmeansPlusPlusIsWithinOnePercentOfScikitLearnsBestOfTen() {
        for (String set : SETS) {
            DNDarray x = data(set, 0);
            KMeans km = new KMeans(k(set)).init("k-means++").nInit(10).randomState(0).fit(x);
            double sk = G.scalar(set + ".pp.inertia");
            assertTrue(km.inertia() <= 1.01 * sk, set + ": inertia " + km.inertia() + " vs scikit-learn's best of 10 " + sk);
        }
    }
}
