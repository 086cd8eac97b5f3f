package org.jheat.classification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.jheat.testing.MlGolden;
import org.jheat.testing.MlGolden.Layout;
import org.junit.jupiter.api.Test;

/**
 * KNeighborsClassifier against scikit-learn 1.2 (src/test/resources/golden/kneighbors.txt.gz from
 * scripts/golden/make_kneighbors.py): identical predictions for k = 1, 3, 5, 8 with uniform and distance weights on
 * iris, wine, breast cancer, digits and generated data, probabilities and neighbour distances — for every layout of
 * the training data (replicated, row split, all rows on one process, column split) and replicated or split queries
 * (the Allgather merge and the ring). Ties between equally distant training samples are checked against a brute
 * force with exact integer distances (lowest training index wins).
 */
class KNeighborsClassifierTest {
    static final MlGolden G = MlGolden.of("kneighbors.txt.gz");
    static final String[] SETS = {"iris", "wine", "cancer", "digits", "gen", "blobs"};

    static Tensor take(Tensor x, long[] idx) {
        long[] shape = x.shape();
        shape[0] = idx.length;
        Tensor out = Tensor.empty(x.dtype(), shape);
        for (int i = 0; i < idx.length; i++) out.narrow(0, i, 1).copyFrom(x.narrow(0, idx[i], 1));
        return out;
    }

    static String firstDifference(long[] want, long[] got) {
        if (want.length != got.length) return "length " + got.length + ", expected " + want.length;
        for (int i = 0; i < want.length; i++) if (want[i] != got[i]) return "query " + i + ": " + got[i] + ", expected " + want[i];
        return null;
    }

    @Test
    void predictionsMatchScikitLearnForEveryLayout() {
        List<String> fails = new ArrayList<>();
        int cases = 0;
        for (String set : SETS) {
            MlGolden.Dataset d = MlGolden.dataset(set);
            long[] tr = G.get(set + ".train").toLongArray(), te = G.get(set + ".test").toLongArray();
            Tensor xTrain = take(d.x(), tr), yTrain = take(d.y(), tr), xTest = take(d.x(), te);
            for (Layout l : MlGolden.layouts(xTrain, true)) {
                KNeighborsClassifier knn = new KNeighborsClassifier().fit(l.x(), Heat.array(yTrain, null, 0));
                for (Integer qs : new Integer[] {null, 0}) {
                    DNDarray q = Heat.array(xTest, null, qs);
                    for (int k : new int[] {1, 3, 5, 8}) {
                        for (String w : new String[] {"uniform", "distance"}) {
                            String key = set + ".k" + k + "." + w;
                            long[] want = G.get(key + ".pred").toLongArray();
                            if (G.has(key + ".tieq")) {
                                // scikit-learn's pick among equally distant training points is thread-dependent
                                long[] tq = G.get(key + ".tieq").toLongArray(), tp = G.get(key + ".tiepred").toLongArray();
                                for (int i = 0; i < tq.length; i++) want[(int) tq[i]] = tp[i];
                            }
                            DNDarray pred = knn.nNeighbors(k).weights(w).predict(q);
                            String err = firstDifference(want, pred.toLongArray());
                            if (err != null) fails.add(key + " train " + l.name() + " queries split=" + qs + ": " + err);
                            if (qs != null) assertEquals(Integer.valueOf(0), pred.split());
                            cases++;
                        }
                    }
                    // probabilities and distances of the first (up to) 40 queries, k = 5
                    long first = G.get(set + ".k5.dist").shape(0);
                    DNDarray q40 = Heat.array(xTest.narrow(0, 0, first).contiguous(), null, qs);
                    for (String w : new String[] {"uniform", "distance"}) {
                        Tensor p = knn.nNeighbors(5).weights(w).predictProba(q40).gatherAll();
                        compare(fails, set + " proba " + w + " " + l.name() + " q" + qs, G.get(set + ".k5." + w + ".proba"), p, 1e-12, 1e-12);
                    }
                    Tensor dist = knn.kneighbors(q40, 5)[0].gatherAll();
                    compare(fails, set + " dist " + l.name() + " q" + qs, G.get(set + ".k5.dist"), dist, 1e-9, 1e-6);
                }
            }
        }
        assertTrue(cases >= 6 * 3 * 2 * 8, "cases " + cases);
        assertEquals(List.of(), fails.size() > 6 ? fails.subList(0, 6) : fails, fails.size() + " failures");
    }

    static void compare(List<String> fails, String what, Tensor want, Tensor got, double rtol, double atol) {
        if (!Arrays.equals(want.shape(), got.shape())) {
            fails.add(what + ": shape " + Arrays.toString(got.shape()) + ", expected " + Arrays.toString(want.shape()));
            return;
        }
        for (long i = 0; i < want.size(); i++) {
            double w = want.getDoubleFlat(i), g = got.getDoubleFlat(i);
            if (!(Math.abs(w - g) <= rtol * Math.abs(w) + atol)) {
                fails.add(what + ": element " + i + " is " + g + ", expected " + w);
                return;
            }
        }
    }

    /** Brute force on exact integer data: the k smallest (squared distance, index) pairs. */
    static long[][] bruteForce(long[][] train, long[][] queries, int k) {
        long[][] out = new long[queries.length][];
        for (int i = 0; i < queries.length; i++) {
            long[][] pairs = new long[train.length][];
            for (int j = 0; j < train.length; j++) {
                long s = 0;
                for (int f = 0; f < train[j].length; f++) s += (queries[i][f] - train[j][f]) * (queries[i][f] - train[j][f]);
                pairs[j] = new long[] {s, j};
            }
            Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            out[i] = new long[k];
            for (int j = 0; j < k; j++) out[i][j] = pairs[j][1];
        }
        return out;
    }

    @Test
    void equalDistancesKeepTheLowestTrainingIndices() {
        // a 6 x 5 integer grid: many training points at the same distance from each query
        int n = 30;
        long[][] train = new long[n][];
        for (int i = 0; i < n; i++) train[i] = new long[] {i % 6, i / 6};
        long[][] queries = new long[19][];
        for (int i = 0; i < queries.length; i++) queries[i] = new long[] {(i * 7) % 9 - 1, (i * 5) % 7 - 1};
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) labels[i] = (i * 13) % 4;
        Tensor xt = Tensor.fromArray(train).astype(DType.FLOAT64), xq = Tensor.fromArray(queries).astype(DType.FLOAT64);
        for (int k : new int[] {1, 4, 7, 30}) {
            long[][] want = bruteForce(train, queries, k);
            for (Layout l : MlGolden.layouts(xt, true)) {
                KNeighborsClassifier knn = new KNeighborsClassifier(k).fit(l.x(), Heat.array(labels, null, null));
                for (Integer qs : new Integer[] {null, 0}) {
                    DNDarray[] nn = knn.kneighbors(Heat.array(xq, null, qs));
                    long[][] got = (long[][]) nn[1].toNestedArray();
                    for (int i = 0; i < queries.length; i++) {
                        assertArrayEquals(want[i], got[i], "k=" + k + " query " + i + " train " + l.name() + " queries split=" + qs);
                    }
                    double[][] dist = (double[][]) nn[0].toNestedArray();
                    for (int i = 0; i < queries.length; i++) {
                        for (int j = 0; j < k; j++) {
                            long[] t = train[(int) want[i][j]];
                            double exact = Math.sqrt((queries[i][0] - t[0]) * (queries[i][0] - t[0]) + (queries[i][1] - t[1]) * (queries[i][1] - t[1]));
                            assertEquals(exact, dist[i][j], 1e-12);
                        }
                    }
                    // votes from those neighbours: majority, ties to the smallest label
                    long[] pred = knn.predict(Heat.array(xq, null, qs)).toLongArray();
                    for (int i = 0; i < queries.length; i++) {
                        int[] votes = new int[4];
                        for (long j : want[i]) votes[(int) labels[(int) j]]++;
                        int best = 0;
                        for (int c = 1; c < 4; c++) if (votes[c] > votes[best]) best = c;
                        assertEquals(best, pred[i], "k=" + k + " query " + i);
                    }
                }
            }
        }
    }

    @Test
    void zeroDistancesFewRowsAndLabelDtypes() {
        // two training rows (empty slabs at np 3 and 4), a query on a training point: distance weights 1 and 0
        Tensor xt = Tensor.fromArray(new double[][] {{0, 0}, {3, 4}});
        DNDarray y = Heat.array(new double[] {0.5, -2.0}, null, null);
        for (Layout l : MlGolden.layouts(xt, true)) {
            KNeighborsClassifier knn = new KNeighborsClassifier(2, "distance").fit(l.x(), y);
            DNDarray q = Heat.array(new double[][] {{3, 4}, {0, 1}, {1.5, 2}}, null, 0);
            assertEquals(DType.FLOAT64, knn.predict(q).dtype());
            assertEquals(List.of(-2.0, 0.5, -2.0), List.of(box(knn.predict(q).toDoubleArray())));
            double[] p = knn.predictProba(q).toDoubleArray();
            double wb = 1 / Math.sqrt(18);   // classes -2.0 (row 1), 0.5 (row 0)
            assertArrayEquals(new double[] {1, 0, wb / (1 + wb), 1 / (1 + wb), 0.5, 0.5}, p, 1e-15);
            double[] d = knn.kneighbors(q)[0].toDoubleArray();
            assertArrayEquals(new double[] {0, 5, 1, Math.sqrt(18), 2.5, 2.5}, d, 1e-12);
            assertEquals(1.0, knn.score(q, Heat.array(new double[] {-2.0, 0.5, -2.0}, null, 0)));
            assertEquals(2.0 / 3, knn.score(q, Heat.array(new double[] {-2.0, 0.5, 0.5}, null, null)), 1e-15);
        }
    }

    static Double[] box(double[] a) {
        Double[] r = new Double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i];
        return r;
    }

    @Test
    void badInputFailsClearlyOnEveryProcess() {
        DNDarray x = Heat.array(Dist.iota(9, 3), null, 0);
        DNDarray y = Heat.array(new long[] {0, 1, 2, 0, 1, 2, 0, 1, 2}, null, 0);
        IllegalStateException u = Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new KNeighborsClassifier().predict(x));
        assertTrue(u.getMessage().contains("KNeighborsClassifier instance is not fitted yet"), u.getMessage());
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new KNeighborsClassifier().kneighbors(x));

        KNeighborsClassifier knn = new KNeighborsClassifier(3).fit(x, y);
        IllegalArgumentException f = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> knn.predict(Heat.array(Dist.iota(4, 2), null, 0)));
        assertTrue(f.getMessage().contains("X has 2 features"), f.getMessage());
        IllegalArgumentException big = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> knn.kneighbors(x, 10));
        assertTrue(big.getMessage().contains("nNeighbors <= nSamplesFit"), big.getMessage());
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> knn.kneighbors(x, 0));

        Tensor bad = Dist.iota(9, 3);
        bad.setDouble(Double.NaN, 8, 0);
        IllegalArgumentException nan = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> knn.predict(Heat.array(bad, null, 0)));
        assertTrue(nan.getMessage().contains("X contains NaN"), nan.getMessage());
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new KNeighborsClassifier().fit(Heat.array(bad, null, 0), y));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> new KNeighborsClassifier().fit(x, Heat.array(new long[] {0, 1}, null, 0)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> new KNeighborsClassifier().fit(x, Heat.array(new long[][] {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}}, null, 0)));

        assertThrows(IllegalArgumentException.class, () -> new KNeighborsClassifier(0));
        assertThrows(IllegalArgumentException.class, () -> new KNeighborsClassifier(-3, "uniform"));
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> new KNeighborsClassifier(3, "gaussian"));
        assertTrue(w.getMessage().contains("'uniform' or 'distance'"), w.getMessage());
    }
}
