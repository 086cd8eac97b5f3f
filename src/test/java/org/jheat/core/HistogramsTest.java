package org.jheat.core;

import static org.jheat.core.QuantilesTest.compare;
import static org.jheat.core.QuantilesTest.expected;
import static org.jheat.core.QuantilesTest.input;
import static org.jheat.core.QuantilesTest.layouts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jheat.Heat;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/** histc / histogram / bincount / digitize / bucketize against numpy (and torch's histc formula) at every split. */
class HistogramsTest {
    static final double[] BINS = {-10, -3, 0, 0, 4.5, 10};

    static Tensor bincountWeights() {
        Tensor w = Tensor.empty(DType.FLOAT64, 40);
        for (int i = 0; i < 40; i++) w.setDoubleFlat((i % 5) * 0.5 - 0.25, i);
        return w;
    }

    @Test
    void everythingMatchesNumpyAtEverySplit() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        Map<String, String[]> gold = QuantilesTest.golden();
        for (Map.Entry<String, String[]> e : gold.entrySet()) {
            String[] k = e.getKey().split(" ");
            Tensor want = expected(e.getValue());
            List<String> errs = new ArrayList<>();
            switch (k[0]) {
                case "histogram", "histedges" -> {
                    double[] range = k[3].equals("none") ? null
                            : new double[] {Double.parseDouble(k[3].split(",")[0]), Double.parseDouble(k[3].split(",")[1])};
                    Tensor w = k[4].equals("W") ? input("W") : null;
                    int wi = 0;
                    for (DNDarray x : layouts(input(k[1]))) {
                        // weights in another layout than x: exercises the alignment
                        List<DNDarray> wl = w == null ? null : layouts(w);
                        DNDarray wd = wl == null ? null : wl.get(wi++ % wl.size());
                        DNDarray[] r = Histograms.histogram(x, Long.parseLong(k[2]), range, wd, k[5].equals("1"));
                        errs.add(compare(want, r[k[0].equals("histogram") ? 0 : 1].gatherAll(), 1e-14));
                    }
                }
                case "histc" -> {
                    for (DNDarray x : layouts(input(k[1]))) {
                        errs.add(compare(want, Histograms.histc(x, Long.parseLong(k[2]), Double.parseDouble(k[3]),
                                Double.parseDouble(k[4])).gatherAll(), 0));
                    }
                }
                case "bincount" -> {
                    for (DNDarray x : layouts(input("V"))) {
                        for (DNDarray w : k[2].equals("none") ? java.util.Collections.<DNDarray>singletonList(null) : layouts(bincountWeights())) {
                            errs.add(compare(want, Histograms.bincount(x, w, Long.parseLong(k[3])).gatherAll(), 1e-14));
                        }
                    }
                }
                case "digitize", "bucketize" -> {
                    double[] bins = BINS.clone();
                    if (k[2].equals("dec")) for (int i = 0; i < bins.length; i++) bins[i] = BINS[bins.length - 1 - i];
                    boolean right = k[3].equals("1");
                    for (DNDarray x : layouts(input(k[1]))) {
                        DNDarray r = k[0].equals("digitize") ? Histograms.digitize(x, bins, right)
                                : Histograms.bucketize(x, Heat.array(Tensor.fromArray(bins), null, 0), right, false);
                        assertEquals(x.split(), r.split(), "keeps the split");
                        errs.add(compare(want, r.gatherAll(), 0));
                    }
                }
                default -> { continue; }
            }
            for (String err : errs) if (err != null) failures.add(e.getKey() + ": " + err);
            cases += errs.size();
        }
        assertTrue(cases > 300, "cases " + cases);
        assertEquals(List.of(), failures);
    }

    @Test
    void typesNanAndEmptySlabs() {
        Tensor a = input("A");
        a.setDoubleFlat(Double.NaN, 3);
        for (DNDarray x : layouts(a)) {
            // NaN is outside every explicit range; an autodetected range with NaN fails on every rank
            DNDarray h = Histograms.histogram(x, 4, new double[] {-20, 20}, null, false)[0];
            long[] counts = h.toLongArray();
            DNDarray hc = Histograms.histc(x, 4, -20, 20);
            double[] hcv = hc.toDoubleArray();
            Dist.collectively(() -> {
                assertEquals(34, java.util.Arrays.stream(counts).sum());
                assertEquals(34.0, java.util.Arrays.stream(hcv).sum());
                assertNull(h.split());
            });
            Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Histograms.histogram(x, 4, null, null, false));
            Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Histograms.histc(x, 4, 0, 0));
            DNDarray d = Histograms.digitize(x, new double[] {0, 1}, false);
            long nanBin = d.toLongArray()[3];
            Dist.collectively(() -> assertEquals(2, nanBin));   // NaN sorts last, as numpy
        }
        DNDarray f32 = Heat.array(input("A"), DType.FLOAT32, 0);
        assertEquals(DType.FLOAT32, Histograms.histc(f32, 5, 0, 0).dtype());
        assertEquals(DType.FLOAT32, Histograms.histogram(f32, 5, null, null, false)[1].dtype());
        // density of float32 data divides by numpy's np.diff of the float32 edges (float32 widths):
        // np.histogram(np.float32([-0.9, -0.5, 0.1, 0.2, 0.9]), 3, (-1, 1), density=True)
        double[] dens = Histograms.histogram(Heat.array(new double[] {-0.9, -0.5, 0.1, 0.2, 0.9}, DType.FLOAT32, 0), 3, new double[] {-1, 1}, null, true)[0].toDoubleArray();
        Dist.collectively(() -> assertArrayEquals(new double[] {0.600000035762789, 0.5999999821186071, 0.3000000178813945}, dens, 1e-16));
        assertEquals(DType.INT32, Histograms.bucketize(f32, new double[] {0, 1}, true, true).dtype());
        // 2 rows over 4 processes; an empty array
        DNDarray c = Heat.array(input("C"), null, 0);
        long[] hc = Histograms.histogram(c, 3, null, null, false)[0].toLongArray();
        DNDarray empty = Heat.zeros(new long[] {0}, DType.INT64, 0);
        long[] bc = Histograms.bincount(empty, null, 3).toLongArray();
        double[] edges = Histograms.histogram(empty.astype(DType.FLOAT64), 2, null, null, false)[1].toDoubleArray();
        Dist.collectively(() -> {
            assertArrayEquals(new long[] {2, 2, 2}, hc);
            assertArrayEquals(new long[] {0, 0, 0}, bc);
            assertArrayEquals(new double[] {0, 0.5, 1}, edges);
        });
    }

    @Test
    void badArgumentsThrowOnEveryRank() {
        DNDarray x = Heat.array(input("A"), null, 0);
        DNDarray v = Heat.array(input("V"), null, 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Histograms.histogram(x, 0, null, null, false));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Histograms.histogram(x, -3, null, null, false));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Histograms.histogram(x, 3, new double[] {2, 1}, null, false));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Histograms.histogram(x, 3, new double[] {0, Double.POSITIVE_INFINITY}, null, false));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Histograms.histogram(x, 3, null, Heat.array(input("B"), null, 0), false));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Histograms.histc(x, -1, 0, 0));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Histograms.histc(x, 3, 2, 1));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Histograms.bincount(x, null, 0));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Histograms.bincount(v, null, -1));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Histograms.bincount(Heat.array(input("I"), null, 0), null, 0));   // 2-d
        Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Histograms.bincount(v, Heat.zeros(new long[] {39}, DType.FLOAT64, 0), 0));
        // a single negative value on one rank's slab only: data-dependent, agreed collectively
        Tensor neg = input("V");
        neg.setLongFlat(-1, 39);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Histograms.bincount(Heat.array(neg, null, 0), null, 0));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Histograms.digitize(x, new double[] {0, 2, 1}, false));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Histograms.bucketize(x, new double[] {3, 2}, false, false));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Histograms.digitize(x, Heat.array(input("A"), null, 0), false));   // 2-d bins
    }
}
