package org.jheat.naivebayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
 * GaussianNB against scikit-learn 1.2 (src/test/resources/golden/naive_bayes.txt.gz from
 * scripts/golden/make_naive_bayes.py) on iris, wine, breast cancer, digits and generated data: fitted attributes,
 * joint/log probabilities (to 1e-10) and probabilities, predictions (identical), accuracy, partialFit in batches
 * (also batches that lack classes) and fixed priors — at every layout of X (replicated, row split, all rows on
 * one process, column split) with y distributed differently from X, and test rows replicated or split.
 */
class GaussianNBTest {
    static final MlGolden G = MlGolden.of("naive_bayes.txt.gz");
    static final String[] SETS = {"iris", "wine", "cancer", "digits", "gen", "blobs"};

    /** Rows idx of x (a new contiguous tensor). */
    static Tensor take(Tensor x, long[] idx) {
        long[] shape = x.shape();
        shape[0] = idx.length;
        Tensor out = Tensor.empty(x.dtype(), shape);
        for (int i = 0; i < idx.length; i++) out.narrow(0, i, 1).copyFrom(x.narrow(0, idx[i], 1));
        return out;
    }

    /** The labels to go with an X layout: deliberately distributed otherwise than X's rows. */
    static DNDarray labelsFor(Layout l, Tensor y) {
        return switch (l.name()) {
            case "split=None" -> Heat.array(y, null, 0);
            case "split=0" -> Heat.array(y, null, null);
            default -> Heat.array(y, null, 0);
        };
    }

    static void close(List<String> fails, String what, Tensor want, Tensor got, double rtol, double atol) {
        if (want.size() != got.size()) {
            fails.add(what + ": size " + got.size() + ", expected " + want.size());
            return;
        }
        for (long i = 0; i < want.size(); i++) {
            double w = want.getDoubleFlat(i), g = got.getDoubleFlat(i);
            boolean ok = w == g || (w != w && g != g) || Math.abs(w - g) <= rtol * Math.abs(w) + atol;
            if (!ok) {
                fails.add(what + ": element " + i + " is " + g + ", expected " + w);
                return;
            }
        }
    }

    static void same(List<String> fails, String what, Tensor want, Tensor got) {
        if (want.size() != got.size() || want.dtype() != got.dtype() || !want.contentEquals(got.reshape(want.shape()))) {
            fails.add(what + ": " + got + ", expected " + want);
        }
    }

    /** Checks every stored result of a case against a fitted model. */
    static void checkCase(List<String> fails, String at, String key, GaussianNB nb, Tensor trainX, DNDarray test, DNDarray testY) {
        double[] mx = new double[(int) trainX.shape(1)];
        for (long i = 0; i < trainX.shape(0); i++) {
            for (int j = 0; j < mx.length; j++) mx[j] = Math.max(mx[j], Math.abs(trainX.getDouble(i, j)));
        }
        double mxAll = 0;
        for (double v : mx) mxAll = Math.max(mxAll, v);
        same(fails, at + " classes", G.get(key + ".classes"), nb.classes().gatherAll());
        close(fails, at + " theta", G.get(key + ".theta"), nb.theta().gatherAll(), 1e-13, 1e-14 * mxAll);
        close(fails, at + " var", G.get(key + ".var"), nb.var().gatherAll(), 1e-11, 0);
        close(fails, at + " class_prior", G.get(key + ".class_prior"), nb.classPrior().gatherAll(), 1e-15, 0);
        close(fails, at + " class_count", G.get(key + ".class_count"), nb.classCount().gatherAll(), 0, 0);
        close(fails, at + " epsilon", G.get(key + ".epsilon"), Tensor.fromArray(new double[] {nb.epsilon()}), 1e-12, 0);
        Tensor lpWant = G.get(key + ".logproba");
        long rows = lpWant.shape(0);
        Tensor lp = nb.predictLogProba(test).gatherAll();
        close(fails, at + " logproba", lpWant, lp.narrow(0, 0, rows).contiguous(), 1e-10, 1e-10);
        Tensor proba = nb.predictProba(test).gatherAll();
        Tensor pWant = Tensor.empty(DType.FLOAT64, lpWant.shape());
        for (long i = 0; i < pWant.size(); i++) pWant.setDoubleFlat(Math.exp(lpWant.getDoubleFlat(i)), i);
        close(fails, at + " proba", pWant, proba.narrow(0, 0, rows).contiguous(), 0, 1e-10);
        if (G.has(key + ".jll")) close(fails, at + " jll", G.get(key + ".jll"), nb.predictJointLogProba(test).gatherAll(), 1e-12, 0);
        DNDarray pred = nb.predict(test);
        same(fails, at + " predict", G.get(key + ".pred"), pred.gatherAll());
        if (test.split() != null) assertEquals(Integer.valueOf(0), pred.split(), "predictions are split like the rows of X");
        close(fails, at + " score", G.get(key + ".score"), Tensor.fromArray(new double[] {nb.score(test, testY)}), 0, 0);
    }

    @Test
    void fitMatchesScikitLearn() {
        List<String> fails = new ArrayList<>();
        int cases = 0;
        for (String set : SETS) {
            MlGolden.Dataset d = MlGolden.dataset(set);
            long[] tr = G.get(set + ".train").toLongArray(), te = G.get(set + ".test").toLongArray();
            Tensor xTrain = take(d.x(), tr), yTrain = take(d.y(), tr), xTest = take(d.x(), te), yTest = take(d.y(), te);
            for (Layout l : MlGolden.layouts(xTrain, true)) {
                GaussianNB nb = new GaussianNB().fit(l.x(), labelsFor(l, yTrain));
                Integer testSplit = l.name().equals("split=None") ? null : 0;
                checkCase(fails, set + " " + l.name(), set + ".fit", nb, xTrain, Heat.array(xTest, null, testSplit),
                        Heat.array(yTest, null, testSplit));
                cases++;
            }
            if (G.has(set + ".priors.given")) {
                double[] pri = G.get(set + ".priors.given").toDoubleArray();
                GaussianNB nb = new GaussianNB(pri, 1e-5).fit(Heat.array(xTrain, null, 0), Heat.array(yTrain, null, 0));
                checkCase(fails, set + " priors", set + ".priors", nb, xTrain, Heat.array(xTest, null, 0), Heat.array(yTest, null, 0));
            }
        }
        assertTrue(cases >= 18);
        assertEquals(List.of(), fails.size() > 6 ? fails.subList(0, 6) : fails, fails.size() + " failures");
    }

    /**
     * varSmoothing 0 with a constant feature in one class: that class's log likelihood is inf - inf = NaN, and predict
     * takes numpy's argmax as scikit-learn (the first NaN wins: class 5 here; it answered 2).
     */
    @Test
    void predictTakesNumpysArgmaxWithNaN() {
        for (Integer split : new Integer[] {null, 0}) {
            DNDarray x = Heat.array(new double[][] {{0.1, 1.0}, {0.5, 2.0}, {1.0, 7.0}, {1.4, 7.0}, {3.0, 0.0}, {3.5, 1.0}}, DType.FLOAT64, split);
            DNDarray y = Heat.array(new long[] {2, 2, 5, 5, 9, 9}, DType.INT64, split);
            long p = new GaussianNB(null, 0.0).fit(x, y).predict(Heat.array(new double[][] {{0.3, 1.5}}, DType.FLOAT64, split)).gatherAll().getLongFlat(0);
            Dist.collectively(() -> assertEquals(5L, p, "predict with a NaN log likelihood, split " + split));
        }
    }

    @Test
    void partialFitInBatchesMatchesScikitLearn() {
        List<String> fails = new ArrayList<>();
        for (String set : SETS) {
            MlGolden.Dataset d = MlGolden.dataset(set);
            long[] tr = G.get(set + ".train").toLongArray(), te = G.get(set + ".test").toLongArray();
            long[] b = G.get(set + ".batches").toLongArray();
            Tensor xTrain = take(d.x(), tr), yTrain = take(d.y(), tr);
            DNDarray xTest = Heat.array(take(d.x(), te), null, 0), yTest = Heat.array(take(d.y(), te), null, 0);
            long[] order = G.get(set + ".sortedorder").toLongArray();
            Tensor xSorted = take(xTrain, order), ySorted = take(yTrain, order);
            DNDarray classes = Heat.array(G.get(set + ".fit.classes"), null, null);
            for (Integer split : new Integer[] {null, 0}) {
                for (String kind : new String[] {"partial", "sortedpartial"}) {
                    Tensor xs = kind.equals("partial") ? xTrain : xSorted, ys = kind.equals("partial") ? yTrain : ySorted;
                    GaussianNB nb = new GaussianNB();
                    for (int i = 0; i < 3; i++) {
                        DNDarray bx = Heat.array(xs.narrow(0, b[i], b[i + 1] - b[i]).contiguous(), null, split);
                        DNDarray by = Heat.array(ys.narrow(0, b[i], b[i + 1] - b[i]).contiguous(), null, split);
                        if (i == 0) nb.partialFit(bx, by, classes); else nb.partialFit(bx, by);
                    }
                    checkCase(fails, set + " " + kind + " split=" + split, set + "." + kind, nb, xTrain, xTest, yTest);
                }
            }
        }
        assertEquals(List.of(), fails.size() > 6 ? fails.subList(0, 6) : fails, fails.size() + " failures");
    }

    @Test
    void labelsOfAnyDtypeAndFewRows() {
        // float labels, fewer rows than processes at np 3 and 4, a class with one sample
        Tensor x = Tensor.fromArray(new double[][] {{0, 1}, {0.5, 2}});
        Tensor y = Tensor.fromArray(new double[] {2.5, -1.0});
        for (Layout l : MlGolden.layouts(x, true)) {
            GaussianNB nb = new GaussianNB().fit(l.x(), Heat.array(y, null, 0));
            assertEquals(DType.FLOAT64, nb.classes().dtype());
            assertEquals(List.of(-1.0, 2.5), List.of(nb.classes().toDoubleArray()[0], nb.classes().toDoubleArray()[1]));
            double[] pred = nb.predict(l.x()).toDoubleArray();
            assertEquals(2.5, pred[0]);
            assertEquals(-1.0, pred[1]);
            assertEquals(1.0, nb.score(l.x(), Heat.array(y, null, null)));
            // epsilon = 1e-9 * largest variance over the batch (features: 0.0625 and 0.25)
            assertEquals(0.25e-9, nb.epsilon(), 1e-24);
        }
        // int32 labels keep their dtype
        DNDarray yi = Heat.array(new int[] {3, 3, 9, 9, 9}, null, 0);
        DNDarray xi = Heat.array(new double[][] {{1}, {1.2}, {5}, {5.5}, {4.9}}, null, 0);
        GaussianNB nb = new GaussianNB().fit(xi, yi);
        assertEquals(DType.INT32, nb.predict(xi).dtype());
        assertEquals(List.of(3L, 3L, 9L, 9L, 9L), boxed(nb.predict(xi).toLongArray()));
    }

    static List<Long> boxed(long[] a) {
        List<Long> r = new ArrayList<>();
        for (long v : a) r.add(v);
        return r;
    }

    @Test
    void badInputFailsClearlyOnEveryProcess() {
        DNDarray x = Heat.array(Dist.iota(9, 3), null, 0);
        DNDarray y = Heat.array(new long[] {0, 1, 2, 0, 1, 2, 0, 1, 2}, null, 0);
        IllegalStateException u = Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new GaussianNB().predict(x));
        assertTrue(u.getMessage().contains("GaussianNB instance is not fitted yet"), u.getMessage());
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new GaussianNB().predictProba(x));
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new GaussianNB().theta());

        GaussianNB nb = new GaussianNB().fit(x, y);
        DNDarray four = Heat.array(Dist.iota(9, 4), null, 0);
        IllegalArgumentException f = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> nb.predict(four));
        assertTrue(f.getMessage().contains("X has 4 features"), f.getMessage());
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> nb.partialFit(four, y));

        // labels: wrong length, not 1-d
        DNDarray short8 = Heat.array(new long[] {0, 1, 2, 0, 1, 2, 0, 1}, null, 0);
        IllegalArgumentException n = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new GaussianNB().fit(x, short8));
        assertTrue(n.getMessage().contains("inconsistent numbers of samples"), n.getMessage());
        DNDarray y2d = Heat.array(new long[][] {{0, 1}, {2, 0}, {1, 2}, {0, 1}, {2, 0}, {1, 2}, {0, 1}, {2, 0}, {1, 2}}, null, 0);
        IllegalArgumentException t = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new GaussianNB().fit(x, y2d));
        assertTrue(t.getMessage().contains("1-d"), t.getMessage());

        // NaN in X or y only in the last row (on the last process)
        Tensor bad = Dist.iota(9, 3);
        bad.setDouble(Double.NaN, 8, 2);
        IllegalArgumentException nan = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> new GaussianNB().fit(Heat.array(bad, null, 0), y));
        assertTrue(nan.getMessage().contains("X contains NaN"), nan.getMessage());
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> nb.predictLogProba(Heat.array(bad, null, 0)));
        DNDarray yInf = Heat.array(new double[] {0, 1, 2, 0, 1, 2, 0, 1, Double.POSITIVE_INFINITY}, null, 0);
        IllegalArgumentException yi = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new GaussianNB().fit(x, yInf));
        assertTrue(yi.getMessage().contains("y contains infinity"), yi.getMessage());

        // partialFit: classes required first, labels outside the classes (on one process only), other classes later
        IllegalArgumentException c = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new GaussianNB().partialFit(x, y));
        assertTrue(c.getMessage().contains("classes must be passed on the first call"), c.getMessage());
        DNDarray cls = Heat.array(new long[] {0, 1, 2}, null, null);
        DNDarray yUnknown = Heat.array(new long[] {0, 1, 2, 0, 1, 2, 0, 1, 5}, null, 0);
        IllegalArgumentException k = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> new GaussianNB().partialFit(x, yUnknown, cls));
        assertTrue(k.getMessage().contains("do not exist in the initial classes") && k.getMessage().contains("smallest 5"), k.getMessage());
        GaussianNB p = new GaussianNB().partialFit(x, y, cls);
        double[] thetaBefore = p.theta().toDoubleArray();
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> p.partialFit(x, y, Heat.array(new long[] {0, 1, 3}, null, null)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> p.partialFit(x, yUnknown));
        assertEquals(thetaBefore.length, p.theta().toDoubleArray().length);
        assertTrue(java.util.Arrays.equals(thetaBefore, p.theta().toDoubleArray()), "a failed partialFit changes nothing");
        p.partialFit(x, y, Heat.array(new long[] {2, 1, 0, 1}, null, 0));   // the same classes in another order: fine

        // hyper-parameters
        assertThrows(IllegalArgumentException.class, () -> new GaussianNB(null, -1e-9));
        assertThrows(IllegalArgumentException.class, () -> new GaussianNB(null, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new GaussianNB(new double[] {0.5, 0.6}, 1e-9));
        assertThrows(IllegalArgumentException.class, () -> new GaussianNB(new double[] {1.5, -0.5}, 1e-9));
        IllegalArgumentException pr = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> new GaussianNB(new double[] {0.5, 0.5}, 1e-9).fit(x, y));
        assertTrue(pr.getMessage().contains("number of priors (2) must match number of classes (3)"), pr.getMessage());
    }
}
