package org.jheat.preprocessing;

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
 * The scalers against scikit-learn 1.2 (src/test/resources/golden/preprocessing.txt.gz from
 * scripts/golden/make_preprocessing.py) on iris, wine, breast cancer, digits and generated data, at every layout
 * (replicated, row split, all rows on one rank, column split). Min/max based statistics and transforms must be
 * bit-identical; mean/variance based ones agree within rounding bounds that scale with each column's magnitude
 * (the summation order differs from numpy's, which matters for ill-conditioned columns such as 1e6 ± 1e-7).
 */
class PreprocessingTest {
    static final MlGolden G = MlGolden.of("preprocessing.txt.gz");
    static final String[] SETS = {"iris", "wine", "cancer", "digits", "gen", "blobs"};

    // ------------------------------------------------------------------------------------ comparison helpers

    /** Largest |x| per column. */
    static double[] maxAbs(Tensor x) {
        long n = x.shape(0), f = x.shape(1);
        double[] m = new double[(int) f];
        for (long i = 0; i < n; i++) for (int j = 0; j < f; j++) m[j] = Math.max(m[j], Math.abs(x.getDouble(i, j)));
        return m;
    }

    /**
     * Compares want and got element-wise: |w - g| <= rtol·|w| + atol[column] (atol null: 0; rtol and atol 0:
     * bit-identical, NaN equal to NaN). Adds a message to {@code fails} on the first mismatch.
     */
    static void compare(List<String> fails, String what, Tensor want, Tensor got, double rtol, double[] atol) {
        compare(fails, what, want, got, null, rtol, atol);
    }

    /** As above with a relative tolerance per column ({@code rtolCol}, added to {@code rtol}). */
    static void compare(List<String> fails, String what, Tensor want, Tensor got, double[] rtolCol, double rtol, double[] atol) {
        if (want.size() != got.size()) {
            fails.add(what + ": size " + got.size() + ", expected " + want.size());
            return;
        }
        long cols = want.ndim() == 0 ? 1 : want.shape(want.ndim() - 1);
        for (long i = 0; i < want.size(); i++) {
            double w = want.getDoubleFlat(i), g = got.getDoubleFlat(i);
            int c = (int) (i % cols);
            double tol = (rtol + (rtolCol == null ? 0 : rtolCol[c])) * Math.abs(w) + (atol == null ? 0 : atol[c]);
            boolean ok = tol == 0 ? Double.doubleToLongBits(w) == Double.doubleToLongBits(g)
                    : (w != w && g != g) || w == g || Math.abs(w - g) <= tol;
            if (!ok) {
                fails.add(what + ": element " + i + " is " + g + ", expected " + w + " (tolerance " + tol + ")");
                return;
            }
        }
    }

    /**
     * Rounding bounds of mean/variance statistics per column: kappa = max|x| / std measures how much of each
     * value cancels when the mean is subtracted; a different summation order moves the mean by a few
     * kappa·eps standard deviations and the variance relatively by (kappa·eps)² (numpy and jheat sum in other
     * orders; scikit-learn also adds the corrected two-pass term, jheat's core variance does not).
     */
    static double[][] bounds(double[] maxAbs, double[] scale) {
        double eps = Math.ulp(1.0);
        double[] rel = new double[maxAbs.length], abs = new double[maxAbs.length];
        for (int j = 0; j < rel.length; j++) {
            double k = maxAbs[j] / scale[j];
            rel[j] = 1e-12 + (16 * k * eps) * (16 * k * eps);
            abs[j] = 16 * k * eps;
        }
        return new double[][] {rel, abs};
    }

    /** The stored rows of a transformed array (gathered). */
    static Tensor rows(String set, DNDarray t) {
        Tensor all = t.gatherAll();
        long[] r = G.get(set + ".rows").toLongArray();
        Tensor out = Tensor.empty(all.dtype(), r.length, all.shape(1));
        for (int i = 0; i < r.length; i++) out.narrow(0, i, 1).copyFrom(all.narrow(0, r[i], 1));
        return out;
    }

    static double[] scaled(double[] a, double f) {
        double[] r = a.clone();
        for (int i = 0; i < r.length; i++) r[i] *= f;
        return r;
    }

    static double[] div(double[] a, double[] b) {
        double[] r = a.clone();
        for (int i = 0; i < r.length; i++) r[i] /= b[i];
        return r;
    }

    static Tensor t(DNDarray d) { return d.gatherAll(); }

    static DNDarray batch(DNDarray x, Tensor full, long from, long to, String layout) {
        Tensor b = full.narrow(0, from, to - from).contiguous();
        return Heat.array(b, null, x.split());
    }

    static void assertNoFailures(List<String> fails, int cases) {
        assertTrue(cases > 0, "no cases ran");
        assertEquals(List.of(), fails.size() > 8 ? fails.subList(0, 8) : fails, fails.size() + " failures");
    }

    // ------------------------------------------------------------------------------------ tests

    @Test
    void standardScalerMatchesScikitLearn() {
        List<String> fails = new ArrayList<>();
        int cases = 0;
        for (String set : SETS) {
            Tensor full = MlGolden.dataset(set).x();
            double[] mx = maxAbs(full);
            long[] b = G.get(set + ".batches").toLongArray();
            double[] scaleW = G.get(set + ".std.scale").toDoubleArray();
            double[][] bd = bounds(mx, scaleW);
            double[] meanTol = scaled(mx, 16 * Math.ulp(1.0));
            double[] varTol = sq(meanTol);
            for (Layout l : MlGolden.layouts(full, true)) {
                String at = set + " " + l.name();
                StandardScaler s = new StandardScaler().fit(l.x());
                compare(fails, at + " mean", G.get(set + ".std.mean"), t(s.mean()), 1e-15, meanTol);
                compare(fails, at + " var", G.get(set + ".std.var"), t(s.var()), scaled(bd[0], 2), 0, varTol);
                compare(fails, at + " scale", G.get(set + ".std.scale"), t(s.scale()), bd[0], 0, meanTol);
                assertEquals(full.shape(0), s.nSamplesSeen());
                DNDarray z = s.transform(l.x());
                compare(fails, at + " transform", G.get(set + ".std.T"), rows(set, z), bd[0], 0, bd[1]);
                compare(fails, at + " inverse", full, t(s.inverseTransform(z)), 1e-15, meanTol);
                assertEquals(l.x().split(), z.split(), "transform keeps the distribution");

                StandardScaler nm = new StandardScaler(true, false, true).fit(l.x());
                compare(fails, at + " nomean mean", G.get(set + ".stdnomean.mean"), t(nm.mean()), 1e-15, meanTol);
                compare(fails, at + " nomean transform", G.get(set + ".stdnomean.T"), rows(set, nm.transform(l.x())), bd[0], 0, bd[1]);

                StandardScaler p = new StandardScaler();
                for (int i = 0; i < 3; i++) p.partialFit(batch(l.x(), full, b[i], b[i + 1], l.name()));
                compare(fails, at + " partial mean", G.get(set + ".stdpartial.mean"), t(p.mean()), 1e-15, meanTol);
                compare(fails, at + " partial var", G.get(set + ".stdpartial.var"), t(p.var()), scaled(bd[0], 2), 0, varTol);
                compare(fails, at + " partial transform", G.get(set + ".stdpartial.T"), rows(set, p.transform(l.x())), bd[0], 0, bd[1]);
                assertEquals(full.shape(0), p.nSamplesSeen());
                cases++;
            }
        }
        assertNoFailures(fails, cases);
    }

    static double[] sq(double[] a) {
        double[] r = a.clone();
        for (int i = 0; i < r.length; i++) r[i] *= r[i];
        return r;
    }

    @Test
    void minMaxAndMaxAbsScalersAreBitIdentical() {
        List<String> fails = new ArrayList<>();
        int cases = 0;
        for (String set : SETS) {
            Tensor full = MlGolden.dataset(set).x();
            long n = full.shape(0);
            long[] b = G.get(set + ".batches").toLongArray();
            for (Layout l : MlGolden.layouts(full, true)) {
                String at = set + " " + l.name();
                MinMaxScaler m = new MinMaxScaler().fit(l.x());
                compare(fails, at + " data_min", G.get(set + ".minmax.data_min"), t(m.dataMin()), 0, null);
                compare(fails, at + " data_max", G.get(set + ".minmax.data_max"), t(m.dataMax()), 0, null);
                compare(fails, at + " scale", G.get(set + ".minmax.scale"), t(m.scale()), 0, null);
                compare(fails, at + " min", G.get(set + ".minmax.min"), t(m.min()), 0, null);
                compare(fails, at + " transform", G.get(set + ".minmax.T"), rows(set, m.transform(l.x())), 0, null);

                MinMaxScaler c = new MinMaxScaler(-3, 2, true, true).fit(batch(l.x(), full, 0, n / 2, l.name()));
                compare(fails, at + " clip scale", G.get(set + ".minmaxclip.scale"), t(c.scale()), 0, null);
                compare(fails, at + " clip transform", G.get(set + ".minmaxclip.T"), rows(set, c.transform(l.x())), 0, null);

                MinMaxScaler p = new MinMaxScaler();
                for (int i = 0; i < 3; i++) p.partialFit(batch(l.x(), full, b[i], b[i + 1], l.name()));
                compare(fails, at + " partial min", G.get(set + ".minmaxpartial.min"), t(p.min()), 0, null);
                compare(fails, at + " partial transform", G.get(set + ".minmaxpartial.T"), rows(set, p.transform(l.x())), 0, null);
                assertEquals(n, p.nSamplesSeen());

                MaxAbsScaler a = new MaxAbsScaler().fit(l.x());
                compare(fails, at + " max_abs", G.get(set + ".maxabs.max_abs"), t(a.maxAbs()), 0, null);
                compare(fails, at + " maxabs scale", G.get(set + ".maxabs.scale"), t(a.scale()), 0, null);
                compare(fails, at + " maxabs transform", G.get(set + ".maxabs.T"), rows(set, a.transform(l.x())), 0, null);
                MaxAbsScaler ap = new MaxAbsScaler();
                for (int i = 0; i < 3; i++) ap.partialFit(batch(l.x(), full, b[i], b[i + 1], l.name()));
                compare(fails, at + " maxabs partial", G.get(set + ".maxabspartial.scale"), t(ap.scale()), 0, null);
                compare(fails, at + " maxabs inverse", full, t(a.inverseTransform(a.transform(l.x()))), 1e-15, null);
                cases++;
            }
        }
        assertNoFailures(fails, cases);
    }

    @Test
    void robustScalerMatchesScikitLearn() {
        List<String> fails = new ArrayList<>();
        int cases = 0;
        for (String set : SETS) {
            Tensor full = MlGolden.dataset(set).x();
            for (Layout l : MlGolden.layouts(full, true)) {
                String at = set + " " + l.name();
                RobustScaler r = new RobustScaler().fit(l.x());
                compare(fails, at + " center", G.get(set + ".robust.center"), t(r.center()), 0, null);
                compare(fails, at + " scale", G.get(set + ".robust.scale"), t(r.scale()), 0, null);
                compare(fails, at + " transform", G.get(set + ".robust.T"), rows(set, r.transform(l.x())), 0, null);

                RobustScaler u = new RobustScaler().quantileRange(10, 90).unitVariance(true).fit(l.x());
                compare(fails, at + " 10-90 unit variance scale", G.get(set + ".robust1090.scale"), t(u.scale()), 1e-14, null);
                compare(fails, at + " 10-90 transform", G.get(set + ".robust1090.T"), rows(set, u.transform(l.x())), 1e-14, null);

                RobustScaler nc = new RobustScaler(false, true, 0, 100, true, false).fit(l.x());
                compare(fails, at + " no centering scale", G.get(set + ".robustnocenter.scale"), t(nc.scale()), 0, null);
                compare(fails, at + " no centering transform", G.get(set + ".robustnocenter.T"), rows(set, nc.transform(l.x())), 0, null);

                RobustScaler eq = new RobustScaler().quantileRange(25, 25).fit(l.x());
                compare(fails, at + " equal quantiles scale", G.get(set + ".robustequal.scale"), t(eq.scale()), 0, null);
                compare(fails, at + " inverse", full, t(r.inverseTransform(r.transform(l.x()))), 1e-14, scaled(maxAbs(full), 1e-15));
                cases++;
            }
        }
        assertNoFailures(fails, cases);
    }

    @Test
    void normalQuantileMatchesScipy() {
        List<String> fails = new ArrayList<>();
        for (String k : G.names("ppf.")) {
            double q = Double.parseDouble(k.substring(4));
            Tensor want = G.get(k);
            compare(fails, k, want, Tensor.fromArray(new double[] {NormalQuantile.ppf(q)}).reshape(), 2e-15, null);
        }
        assertEquals(10, G.names("ppf.").size());
        assertEquals(List.of(), fails);
        assertEquals(Double.NEGATIVE_INFINITY, NormalQuantile.ppf(0));
        assertEquals(Double.POSITIVE_INFINITY, NormalQuantile.ppf(1));
        assertEquals(-NormalQuantile.ppf(0.2), NormalQuantile.ppf(0.8), 1e-15);
    }

    @Test
    void normalizerMatchesScikitLearn() {
        List<String> fails = new ArrayList<>();
        int cases = 0;
        for (String set : SETS) {
            Tensor full = MlGolden.dataset(set).x();
            for (Layout l : MlGolden.layouts(full, true)) {
                String at = set + " " + l.name();
                for (String norm : new String[] {"l1", "l2", "max"}) {
                    DNDarray y = new Normalizer(norm).fitTransform(l.x());
                    compare(fails, at + " " + norm, G.get(set + "." + norm + ".T"), rows(set, y), norm.equals("max") ? 0 : 1e-14, null);
                    assertEquals(l.x().split(), y.split());
                }
                cases++;
            }
        }
        assertNoFailures(fails, cases);
    }

    // ------------------------------------------------------------------------------------ dtypes, copies, small data

    /**
     * MinMaxScaler on float32 data as scikit-learn's: attributes float32, computed in float32 arithmetic (the feature
     * range a weak scalar), so the transform is x·scale + min in float32 and the column minimum maps to exactly the
     * range's low end (with float64 attributes it missed by 1.4e-6).
     */
    @Test
    void minMaxScalerOnFloat32KeepsFloat32AttributesAsScikitLearn() {
        Tensor full = MlGolden.dataset("iris").x();
        int n = (int) full.shape(0), f = (int) full.shape(1);
        float[][] x = new float[n][f];
        for (int i = 0; i < n; i++) for (int j = 0; j < f; j++) x[i][j] = (float) full.getDouble(i, j);
        float[] sc = new float[f], mn = new float[f];
        for (int j = 0; j < f; j++) {
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, x[i][j]);
                hi = Math.max(hi, x[i][j]);
            }
            sc[j] = 5f / (hi - lo);
            mn[j] = -3f - lo * sc[j];
        }
        for (Layout l : MlGolden.layouts(full, true)) {
            MinMaxScaler m = new MinMaxScaler(-3, 2).fit(l.x().astype(DType.FLOAT32));
            Tensor scale = t(m.scale()), min = t(m.min()), z = m.transform(l.x().astype(DType.FLOAT32)).gatherAll();
            Dist.collectively(() -> {
                assertEquals(DType.FLOAT32, scale.dtype(), l.name());
                assertEquals(DType.FLOAT32, m.dataMin().dtype(), l.name());
                for (int j = 0; j < f; j++) {
                    assertEquals(sc[j], (float) scale.getDoubleFlat(j), 0f, "scale " + j + " " + l.name());
                    assertEquals(mn[j], (float) min.getDoubleFlat(j), 0f, "min " + j + " " + l.name());
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < f; j++) {
                        float want = x[i][j] * sc[j] + mn[j];
                        assertEquals(Float.floatToIntBits(want), Float.floatToIntBits((float) z.getDouble(i, j)), "T[" + i + ", " + j + "] " + l.name() + " x " + x[i][j] + " sc " + sc[j] + " mn " + mn[j] + " got " + (float) z.getDouble(i, j) + " want " + want);
                    }
                }
            });
        }
    }

    @Test
    void copyFalseTransformsInPlaceAndDtypesFollowScikitLearn() {
        Tensor full = MlGolden.dataset("iris").x();
        for (Layout l : MlGolden.layouts(full, true)) {
            DNDarray x = l.x().copy();
            StandardScaler s = new StandardScaler(false, true, true).fit(x);
            DNDarray z = s.transform(x);
            assertTrue(z == x, "copy=false returns the input array");
            // the data changed in place: transforming a fresh copy gives the same values
            DNDarray again = new StandardScaler().fit(l.x()).transform(l.x());
            assertTrue(Heat.allclose(again, x, 0, 0, false));
            // copy=true leaves the input alone
            DNDarray y = l.x().copy();
            new MinMaxScaler().fit(y).transform(y);
            assertTrue(Heat.allclose(y, l.x(), 0, 0, false));
            // int64 input becomes float64; float32 stays float32 (statistics in float64)
            DNDarray xi = l.x().astype(DType.INT64);
            assertEquals(DType.FLOAT64, new MaxAbsScaler().fitTransform(xi).dtype());
            assertEquals(DType.FLOAT64, new StandardScaler(false, true, true).fitTransform(xi).dtype());
            DNDarray xf = l.x().astype(DType.FLOAT32);
            DNDarray zf = new StandardScaler().fitTransform(xf);
            assertEquals(DType.FLOAT32, zf.dtype());
            assertTrue(Heat.allclose(zf, again.astype(DType.FLOAT32), 1e-5, 1e-5, false));
            assertEquals(DType.FLOAT32, new Normalizer().fitTransform(xf).dtype());
            assertEquals(DType.FLOAT32, new RobustScaler().fitTransform(xf).dtype());
        }
    }

    @Test
    void fewerRowsThanProcessesAndConstantFeatures() {
        // 2 rows: at np 3 and 4 some processes hold no rows at all
        Tensor x = Tensor.fromArray(new double[][] {{1, 5, -2, 0}, {3, 5, 4, 0}});
        for (Layout l : MlGolden.layouts(x, true)) {
            StandardScaler s = new StandardScaler().fit(l.x());
            assertEquals(List.of(2.0, 5.0, 1.0, 0.0), boxed(s.mean().toDoubleArray()));
            assertEquals(List.of(1.0, 1.0, 3.0, 1.0), boxed(s.scale().toDoubleArray()), "constant columns get scale 1");
            assertEquals(List.of(-1.0, 0.0, -1.0, 0.0, 1.0, 0.0, 1.0, 0.0), boxed(s.transform(l.x()).toDoubleArray()));
            MinMaxScaler m = new MinMaxScaler().fit(l.x());
            assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0), boxed(m.transform(l.x()).toDoubleArray()));
            RobustScaler r = new RobustScaler().fit(l.x());
            assertEquals(List.of(1.0, 1.0, 3.0, 1.0), boxed(r.scale().toDoubleArray()));
            MaxAbsScaler a = new MaxAbsScaler().fit(l.x());
            assertEquals(List.of(3.0, 5.0, 4.0, 1.0), boxed(a.scale().toDoubleArray()));
            DNDarray nz = new Normalizer("max").fitTransform(Heat.array(Tensor.zeros(DType.FLOAT64, 2, 3), null, l.x().split()));
            assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0), boxed(nz.toDoubleArray()), "zero rows stay zero");
        }
    }

    // ------------------------------------------------------------------------------------ bad input

    /** X of n rows split along the rows whose last row (on the last process holding rows) holds {@code bad}. */
    static DNDarray withBadLastRow(double bad) {
        Tensor x = Dist.iota(9, 3);
        x.setDouble(bad, 8, 1);
        return Heat.array(x, null, 0);
    }

    @Test
    void nonFiniteInputFailsOnEveryProcess() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            DNDarray x = withBadLastRow(bad);
            String what = Double.isNaN(bad) ? "NaN" : "infinity";
            IllegalArgumentException e = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new StandardScaler().fit(x));
            assertTrue(e.getMessage().contains("X contains " + what), e.getMessage());
            Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new MinMaxScaler().fit(x));
            Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new MaxAbsScaler().partialFit(x));
            Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new RobustScaler().fit(x));
            Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new Normalizer().fit(x));
            DNDarray good = Heat.array(Dist.iota(9, 3), null, 0);
            Normalizer n = new Normalizer().fit(good);
            Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> n.transform(x));
            // a failed partialFit leaves the fitted state untouched
            StandardScaler s = new StandardScaler().fit(good);
            double[] before = s.mean().toDoubleArray();
            Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> s.partialFit(x));
            assertEquals(boxed(before), boxed(s.mean().toDoubleArray()));
            assertEquals(9, s.nSamplesSeen());
        }
        // a sum that overflows is not an infinity
        Tensor big = Tensor.full(DType.FLOAT64, 1e308, 4, 2);
        assertEquals(List.of(1e308, 1e308), boxed(new MaxAbsScaler().fit(Heat.array(big, null, 0)).maxAbs().toDoubleArray()));
    }

    @Test
    void unfittedUseWrongShapesAndBadHyperParametersFailClearly() {
        DNDarray x = Heat.array(Dist.iota(7, 3), null, 0);
        IllegalStateException e = Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new StandardScaler().transform(x));
        assertTrue(e.getMessage().contains("StandardScaler instance is not fitted yet"), e.getMessage());
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new MinMaxScaler().inverseTransform(x));
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new MaxAbsScaler().scale());
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new RobustScaler().center());
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new Normalizer().transform(x));

        DNDarray four = Heat.array(Dist.iota(7, 4), null, 0);
        IllegalArgumentException f = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> new StandardScaler().fit(x).transform(four));
        assertTrue(f.getMessage().contains("X has 4 features, but the estimator was fitted with 3 features"), f.getMessage());
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new MinMaxScaler().fit(x).partialFit(four));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new RobustScaler().fit(x).inverseTransform(four));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new Normalizer().fit(x).transform(four));

        DNDarray oneD = Heat.arange(0, 10, 1, null, 0);
        IllegalArgumentException g = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new StandardScaler().fit(oneD));
        assertTrue(g.getMessage().contains("expected a 2-d array"), g.getMessage());
        DNDarray empty = Heat.zeros(new long[] {0, 3}, DType.FLOAT64, 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new MaxAbsScaler().fit(empty));

        assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler(0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new RobustScaler().quantileRange(30, 20));
        assertThrows(IllegalArgumentException.class, () -> new RobustScaler().quantileRange(-1, 50));
        assertThrows(IllegalArgumentException.class, () -> new RobustScaler(true, true, 0, 101, true, false));
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> new Normalizer("l3"));
        assertTrue(n.getMessage().contains("'l3' is not a supported norm"), n.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normalizer().norm(null));
    }

    static List<Double> boxed(double[] a) {
        List<Double> r = new ArrayList<>();
        for (double v : a) r.add(v);
        return r;
    }
}
