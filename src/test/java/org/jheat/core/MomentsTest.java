package org.jheat.core;

import static org.jheat.core.QuantilesTest.axisOf;
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

/** average / cov / skew / kurtosis against numpy (scipy's formulas written out) at every split and layout. */
class MomentsTest {
    static Tensor weights1d(long n) {
        Tensor w = Tensor.empty(DType.FLOAT64, n);
        for (int i = 0; i < n; i++) w.setDoubleFlat(i + 0.5, i);
        return w;
    }

    @Test
    void everythingMatchesNumpyAtEverySplit() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (Map.Entry<String, String[]> e : QuantilesTest.golden().entrySet()) {
            String[] k = e.getKey().split(" ");
            Tensor want = expected(e.getValue());
            List<String> errs = new ArrayList<>();
            switch (k[0]) {
                case "skew" -> {
                    for (DNDarray x : layouts(input(k[1]))) {
                        errs.add(compare(want, Moments.skew(x, axisOf(k[2]), k[3].equals("1")).gatherAll(), 1e-11));
                    }
                }
                case "kurtosis" -> {
                    for (DNDarray x : layouts(input(k[1]))) {
                        errs.add(compare(want, Moments.kurtosis(x, axisOf(k[2]), k[3].equals("1"), k[4].equals("1")).gatherAll(), 1e-11));
                    }
                }
                case "average", "averagesum" -> {
                    Integer axis = axisOf(k[2]);
                    Tensor in = input(k[1]);
                    Tensor w = switch (k[3]) {
                        case "full" -> input("W");
                        case "1d" -> weights1d(in.shape(axis));
                        default -> null;
                    };
                    List<DNDarray> wl = w == null ? null : layouts(w);
                    int wi = 0;
                    for (DNDarray x : layouts(in)) {
                        DNDarray wd = wl == null ? null : wl.get(wi++ % wl.size());
                        DNDarray[] r = Moments.average(x, axis, wd, true);
                        errs.add(compare(want, r[k[0].equals("average") ? 0 : 1].gatherAll(), 1e-13));
                    }
                }
                case "cov" -> {
                    Tensor m = input(k[1]);
                    Tensor y = k[2].equals("none") ? null : input(k[2]);
                    List<DNDarray> yl = y == null ? null : layouts(y);
                    int yi = 0;
                    for (DNDarray x : layouts(m)) {
                        DNDarray yd = yl == null ? null : yl.get(yi++ % yl.size());
                        DNDarray c = Moments.cov(x, yd, k[3].equals("1"), k[4].equals("1"), k[5].equals("None") ? null : Integer.valueOf(k[5]));
                        errs.add(compare(want, c.gatherAll(), 1e-12));
                        if (c.split() != null) errs.add("cov result should be replicated");
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
    void layoutsTypesAndLargerData() {
        // a constant column has zero variance: NaN skew and kurtosis, as scipy
        Tensor t = Tensor.empty(DType.FLOAT64, 9, 2);
        for (int i = 0; i < 9; i++) {
            t.setDouble(0.1, i, 0);
            t.setDouble(i * i, i, 1);
        }
        for (DNDarray x : layouts(t)) {
            double[] s = Moments.skew(x, 0, true).toDoubleArray();
            double[] k = Moments.kurtosis(x, 0, true, false).toDoubleArray();
            Dist.collectively(() -> {
                assertTrue(Double.isNaN(s[0]) && !Double.isNaN(s[1]));
                assertTrue(Double.isNaN(k[0]) && !Double.isNaN(k[1]));
            });
        }
        DNDarray f = Heat.array(input("A"), DType.FLOAT32, 0);
        assertEquals(DType.FLOAT32, Moments.skew(f, 0, true).dtype());
        assertEquals(DType.FLOAT32, Moments.kurtosis(f, null, true, true).dtype());
        assertEquals(DType.FLOAT64, Moments.cov(f).dtype());
        // the skew of a column of larger shifted data (the two-pass moments stay accurate at an offset of 1e8)
        int n = 1001;
        Tensor big = Tensor.empty(DType.FLOAT64, n);
        for (int i = 0; i < n; i++) big.setDoubleFlat(1e8 + (i % 7) * (i % 3), i);
        double ref = Moments.skew(Heat.array(big, null, null), null, false).itemDouble();
        double[] shiftedBack = new double[n];
        for (int i = 0; i < n; i++) shiftedBack[i] = (i % 7) * (i % 3);
        double ref0 = Moments.skew(Heat.array(Tensor.fromArray(shiftedBack), null, 0), null, false).itemDouble();
        double got = Moments.skew(Heat.array(big, null, 0), null, false).itemDouble();
        Dist.collectively(() -> {
            assertEquals(ref0, ref, 1e-6);
            assertEquals(ref0, got, 1e-6);
        });
        // keepDims-free shapes and splits: average along a non-split axis keeps the split
        DNDarray b = Heat.array(input("B"), null, 0);
        DNDarray avg = Moments.average(b, 1, Heat.array(weights1d(4), null, 0));
        assertArrayEquals(new long[] {13}, avg.gshape());
        assertEquals(Integer.valueOf(0), avg.split());
        assertNull(Moments.cov(b).split());
        assertArrayEquals(new long[] {13, 13}, Moments.cov(b).gshape());
    }

    @Test
    void badArgumentsThrowOnEveryRank() {
        DNDarray a = Heat.array(input("A"), null, 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Moments.average(a, null, Heat.array(weights1d(5), null, 0)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Moments.average(a, 0, Heat.array(weights1d(5), null, 0)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Moments.average(a, 1, Heat.array(input("B"), null, 0)));
        // weights summing to zero: data-dependent, agreed collectively
        Tensor z = input("W");
        for (int i = 0; i < 7; i++) z.setDouble(i % 2 == 0 ? 1 : -1, i, 2);
        z.setDouble(0, 6, 2);
        Dist.assertThrowsEverywhere(ArithmeticException.class, () -> Moments.average(a, 0, Heat.array(z, null, 0)));
        Tensor z1 = weights1d(7);
        z1.setDoubleFlat(-z1.getDoubleFlat(0) - 1.5 - 2.5 - 3.5 - 4.5 - 5.5 - 6.5 + z1.getDoubleFlat(0), 0);
        Dist.assertThrowsEverywhere(ArithmeticException.class, () -> Moments.average(a, 0, Heat.array(z1, null, 0)));
        // ddof >= N: numpy's inf (positive diagonal) rather than an error
        Tensor inf = Moments.cov(a, null, true, false, (int) a.gshape()[1]).gatherAll();
        Dist.collectively(() -> {
            for (long i = 0; i < inf.shape(0); i++) assertEquals(Double.POSITIVE_INFINITY, inf.getDouble(i, i));
        });
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Moments.cov(a, Heat.array(input("B"), null, 0), true, false, null));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Moments.cov(Heat.zeros(new long[] {2, 2, 2}, DType.FLOAT64, 0)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Moments.skew(a, 2, true));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Moments.kurtosis(a, -3, true, true));
    }
}
