package org.jheat.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jheat.Heat;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * median / percentile against numpy (src/test/resources/golden/statistics.txt from scripts/golden/statistics.py)
 * at every split, with unbalanced and empty slabs, plus the distributed selection on larger data with ties.
 * Also holds the golden-file helpers shared by HistogramsTest and MomentsTest.
 */
class QuantilesTest {
    static final double[] QS = {0, 12.5, 33.3, 50, 90, 100};

    // ------------------------------------------------------------------------------------ golden helpers

    /** Golden lines by key (the text before the first " | "): {dtype+shape, values}. */
    static Map<String, String[]> golden() {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (String line : Dist.resourceLines("/golden/statistics.txt")) {
            String[] parts = line.split(" \\| ", -1);
            m.put(parts[0], new String[] {parts[1], parts[2]});
        }
        return m;
    }

    /** The expected tensor of a golden entry. */
    static Tensor expected(String[] e) {
        String[] h = e[0].split(" ");
        long[] shape = h[1].equals("-") ? new long[0] : Arrays.stream(h[1].split(",")).mapToLong(Long::parseLong).toArray();
        String[] tok = e[1].isEmpty() ? new String[0] : e[1].split(" ");
        return OpsGoldenTest.parse(DType.of(h[0]), tok, 0, shape);
    }

    /** The inputs of scripts/golden/statistics.py, rebuilt from the same exact formulas. */
    static Tensor input(String name) {
        return switch (name) {
            case "A" -> gen(DType.FLOAT64, 35, i -> ((i * 37) % 101) * 0.25 - 12, 7, 5);
            case "B" -> gen(DType.FLOAT64, 52, i -> ((i * 53) % 97) * 0.5 - 20, 13, 4);
            case "I" -> gen(DType.INT32, 35, i -> (double) ((i * 37) % 23 - 11), 7, 5);
            case "C" -> gen(DType.FLOAT64, 6, i -> i * 1.5 - 2, 2, 3);
            case "D" -> gen(DType.FLOAT64, 11, i -> ((i * 7) % 11) * 0.75 - 3, 11);
            case "E" -> gen(DType.FLOAT64, 35, i -> ((i * 11) % 29) * 0.5, 7, 5);
            case "V" -> gen(DType.INT64, 40, i -> (double) ((i * 7) % 11), 40);
            case "W" -> gen(DType.FLOAT64, 35, i -> (i % 3) * 0.5 + 0.25, 7, 5);
            case "N" -> {
                Tensor t = input("A");
                t.setDoubleFlat(Double.NaN, 8);
                yield t;
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Tensor gen(DType t, int n, Function<Long, Double> f, long... shape) {
        Tensor x = Tensor.empty(t, shape);
        for (long i = 0; i < n; i++) x.setDoubleFlat(f.apply(i), i);
        return x;
    }

    /** Same dtype and shape; values equal within {@code tol} relative (NaN where NaN); null when fine. */
    static String compare(Tensor want, Tensor got, double tol) {
        if (want.dtype() != got.dtype()) return "dtype " + got.dtype() + ", expected " + want.dtype();
        if (!Arrays.equals(want.shape(), got.shape())) {
            return "shape " + Arrays.toString(got.shape()) + ", expected " + Arrays.toString(want.shape());
        }
        for (long i = 0; i < want.size(); i++) {
            double w = want.getDoubleFlat(i), g = got.getDoubleFlat(i);
            boolean ok = (w != w && g != g) || w == g || Math.abs(w - g) <= tol * Math.max(1, Math.abs(w));
            if (!ok) return "element " + i + ": " + g + ", expected " + w;
        }
        return null;
    }

    /** The full tensor as a DNDarray with each split (null, 0, …) and one deliberately unbalanced layout. */
    static List<DNDarray> layouts(Tensor full) {
        List<DNDarray> out = new ArrayList<>();
        out.add(Heat.array(full, null, null));
        for (int s = 0; s < full.ndim(); s++) out.add(Heat.array(full, null, s));
        if (full.ndim() > 0) {
            // everything on the last rank: empty slabs everywhere else
            int p = Dist.comm().size();
            long[] counts = new long[p];
            counts[p - 1] = full.shape(0);
            out.add(Heat.array(full, null, 0).redistribute(counts));
        }
        return out;
    }

    static Integer axisOf(String s) { return s.equals("None") ? null : Integer.valueOf(s); }

    // ------------------------------------------------------------------------------------ tests

    @Test
    void medianAndPercentileMatchNumpyAtEverySplit() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (Map.Entry<String, String[]> e : golden().entrySet()) {
            String[] k = e.getKey().split(" ");
            if (!k[0].equals("median") && !k[0].equals("percentile")) continue;
            Tensor want = expected(e.getValue());
            Integer axis = axisOf(k[2]);
            for (DNDarray x : layouts(input(k[1]))) {
                DNDarray got = k[0].equals("median") ? Quantiles.median(x, axis, false)
                        : Quantiles.percentile(x, QS, axis, k[3], false);
                String err = compare(want, got.gatherAll(), 1e-14);
                if (err != null) failures.add(e.getKey() + " split=" + x.split() + ": " + err);
                cases++;
            }
        }
        assertTrue(cases > 150, "cases " + cases);
        assertEquals(List.of(), failures);
    }

    @Test
    void scalarQKeepDimsAndResultSplit() {
        Tensor a = input("B");
        for (DNDarray x : layouts(a)) {
            DNDarray p = Quantiles.percentile(x, 33.3, 0, "linear", true);
            assertArrayEquals(new long[] {1, 4}, p.gshape());
            DNDarray q = Quantiles.percentile(x, QS, 1, "lower", true);
            assertArrayEquals(new long[] {QS.length, 13, 1}, q.gshape());
            assertEquals(DType.FLOAT64, q.dtype());
            DNDarray m = Quantiles.median(x, null, true);
            assertArrayEquals(new long[] {1, 1}, m.gshape());
            // not reducing the split axis keeps the distribution (shifted past the q axis)
            if (x.split() != null && x.split() == 0) assertEquals(Integer.valueOf(1), q.split());
            double[] full = Quantiles.percentile(x, QS, 1, "lower", false).toDoubleArray();
            double[] col = p.toDoubleArray();
            double[] want = Quantiles.percentile(Heat.array(a, null, null), new double[] {33.3}, 0, "linear", false).toDoubleArray();
            Dist.collectively(() -> {
                assertArrayEquals(want, col);
                assertEquals(QS.length * 13, full.length);
            });
        }
        assertEquals(DType.FLOAT32, Quantiles.median(Heat.array(a, DType.FLOAT32, 0), 0, false).dtype());
        assertEquals(DType.FLOAT32, Quantiles.percentile(Heat.array(a, DType.FLOAT32, 0), QS, 0, "nearest", false).dtype());
        assertEquals(DType.INT32, Quantiles.percentile(Heat.array(input("I"), null, 0), 50, 0, "higher", false).dtype());
        assertEquals(DType.FLOAT64, Quantiles.median(Heat.array(input("I"), null, 0)).dtype());
    }

    @Test
    void distributedSelectionMatchesSortOnLargerDataWithTies() {
        int n = 2003;
        Tensor t = Tensor.empty(DType.FLOAT64, n, 3);
        for (int i = 0; i < n * 3; i++) t.setDoubleFlat(((i * 7919L) % 613) % 97 - 40.5, i);   // many duplicates
        double[] col = new double[n];
        double[] flat = t.toDoubleArray();
        for (DNDarray x : layouts(t)) {
            DNDarray p = Quantiles.percentile(x, new double[] {0, 1, 49.9, 50, 77.7, 100}, 0, "linear", false);
            DNDarray f = Quantiles.percentile(x, new double[] {0.1, 50, 99.9}, null, "midpoint", false);
            double[] pv = p.toDoubleArray(), fv = f.toDoubleArray();
            Dist.collectively(() -> {
                double[] qs = {0, 1, 49.9, 50, 77.7, 100};
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < n; i++) col[i] = flat[i * 3 + c];
                    double[] s = col.clone();
                    Arrays.sort(s);
                    for (int j = 0; j < qs.length; j++) {
                        double vi = (n - 1) * (qs[j] / 100);
                        int lo = (int) Math.floor(vi);
                        int hi = Math.min(lo + 1, n - 1);
                        double want = s[lo] + (s[hi] - s[lo]) * (vi - lo);
                        assertEquals(want, pv[j * 3 + c], 1e-9, "q=" + qs[j] + " column " + c);
                    }
                }
                double[] s = flat.clone();
                Arrays.sort(s);
                double[] qs2 = {0.1, 50, 99.9};
                for (int j = 0; j < 3; j++) {
                    double vi = (s.length - 1) * (qs2[j] / 100);
                    int lo = (int) Math.floor(vi), hi = (int) Math.ceil(vi);
                    assertEquals((s[lo] + s[hi]) / 2, fv[j], 1e-12, "flattened midpoint q=" + qs2[j]);
                }
            });
        }
    }

    @Test
    void nanPropagatesAndEmptyMedianIsNan() {
        Tensor a = input("A");
        a.setDoubleFlat(Double.NaN, 33);   // row 6, column 3
        for (DNDarray x : layouts(a)) {
            double[] m0 = Quantiles.median(x, 0, false).toDoubleArray();
            double[] all = Quantiles.percentile(x, QS, null, "nearest", false).toDoubleArray();
            Dist.collectively(() -> {
                for (int c = 0; c < 5; c++) assertEquals(c == 3, Double.isNaN(m0[c]), "column " + c);
                for (double v : all) assertTrue(Double.isNaN(v));
            });
        }
        DNDarray empty = Heat.zeros(new long[] {0, 3}, DType.FLOAT64, 0);
        double[] m = Quantiles.median(empty, 0, false).toDoubleArray();
        Dist.collectively(() -> {
            assertEquals(3, m.length);
            for (double v : m) assertTrue(Double.isNaN(v));
        });
    }

    @Test
    void badArgumentsThrowOnEveryRank() {
        DNDarray x = Heat.array(input("A"), null, 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Quantiles.percentile(x, 100.5));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Quantiles.percentile(x, -1));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Quantiles.percentile(x, Double.NaN));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Quantiles.percentile(x, new double[] {10, 101}, 0, "linear", false));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Quantiles.percentile(x, 10, 0, "cubic", false));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Quantiles.median(x, 2, false));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Quantiles.percentile(Heat.zeros(new long[] {0, 3}, DType.FLOAT64, 0), 50, 0, "linear", false));
        // numpy refuses percentiles of booleans (boolean subtract) but takes their median
        Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Quantiles.percentile(Heat.ones(new long[] {4}, DType.BOOL, 0), 30));
    }
}
