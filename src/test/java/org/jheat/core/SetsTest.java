package org.jheat.core;

import java.util.TreeMap;

import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/** unique (values, inverse, counts) against numpy golden values and a TreeMap reference, at every layout. */
class SetsTest {

    @Test
    void uniqueMatchesNumpy() {
        for (String name : new String[] {"U", "J", "I", "M"}) {
            Tensor full = SortingTest.gold("in " + name);
            Tensor wantV = SortingTest.gold("unique " + name + " values");
            Tensor wantI = SortingTest.gold("unique " + name + " inverse").reshape(full.shape());
            Tensor wantC = SortingTest.gold("unique " + name + " counts");
            for (DNDarray x : SortingTest.layouts(full)) {
                DNDarray[] r = Sets.unique(x, true, true, true, null);
                boolean split = x.split() != null;
                check(wantV, r[0], split);
                check(wantC, r[2], split);
                Dist.assertDistributed(wantI, r[1], x.isBalanced());
                check(wantV, Sets.unique(x), split);
            }
        }
    }

    private static void check(Tensor want, DNDarray got, boolean split) {
        if (split) {
            Dist.assertDistributed(want, got, true);
        } else {
            Dist.assertDistributed(want, got, false);
        }
    }

    @Test
    void manyDuplicatesEmptyAndAllEqual() {
        int n = 5003;
        Tensor a = Tensor.empty(DType.INT64, n);
        for (int i = 0; i < n; i++) a.setLongFlat((i * 7919L) % 613 - 300, i);
        Tensor f = Tensor.empty(DType.FLOAT32, 41, 3);
        for (int i = 0; i < f.size(); i++) f.setDoubleFlat(i % 7 == 0 ? Double.NaN : (i * 13 % 17) * 0.5, i);
        Tensor same = Tensor.full(DType.FLOAT64, 2.5, 17);
        Tensor empty = Tensor.empty(DType.INT32, 0, 3);
        Tensor bool = SortingTest.data(DType.BOOL, 9, 2);
        for (Tensor t : new Tensor[] {a, f, same, empty, bool}) {
            Tensor[] ref = reference(t);
            for (DNDarray x : SortingTest.layouts(t)) {
                DNDarray[] r = Sets.unique(x, false, true, true, null);
                check(ref[0], r[0], x.split() != null);
                check(ref[2], r[2], x.split() != null);
                Dist.assertDistributed(ref[1], r[1], x.isBalanced());
            }
        }
    }

    /** {values, inverse (x's shape), counts} from a TreeMap (NaN last and collapsed, as Double.compare does). */
    private static Tensor[] reference(Tensor t) {
        TreeMap<Double, Long> m = new TreeMap<>();
        for (long i = 0; i < t.size(); i++) m.merge(t.getDoubleFlat(i), 1L, Long::sum);
        Tensor v = Tensor.empty(t.dtype(), m.size()), c = Tensor.empty(DType.INT64, m.size());
        TreeMap<Double, Long> pos = new TreeMap<>();
        int k = 0;
        for (var e : m.entrySet()) {
            v.setDoubleFlat(e.getKey(), k);
            c.setLongFlat(e.getValue(), k);
            pos.put(e.getKey(), (long) k++);
        }
        Tensor inv = Tensor.empty(DType.INT64, t.shape());
        for (long i = 0; i < t.size(); i++) inv.setLongFlat(pos.get(t.getDoubleFlat(i)), i);
        return new Tensor[] {v, inv, c};
    }

    /**
     * numpy's {@code unique(x, axis=…)}: the unique slices, rows holding NaN all distinct, -0.0 == 0.0, empty extents
     * on either side, every layout (split along the axis, across it, uneven, empty slabs).
     */
    @Test
    void uniqueSlicesAlongAnAxisMatchNumpy() {
        String[][] cases = {{"R", "0"}, {"R", "1"}, {"T", "0"}, {"T", "1"}, {"T", "2"}, {"B", "0"}, {"B", "1"}, {"I", "0"}, {"I", "1"},
            {"E", "0"}, {"E", "1"}, {"Z", "0"}, {"Z", "1"}};
        for (String[] c : cases) {
            Tensor full = SortingTest.gold("in " + c[0]);
            int ax = Integer.parseInt(c[1]);
            String key = "unique_axis " + c[0] + " " + ax + " ";
            Tensor wantV = SortingTest.gold(key + "values"), wantI = SortingTest.gold(key + "inverse"), wantC = SortingTest.gold(key + "counts");
            for (DNDarray x : SortingTest.layouts(full)) {
                String what = key + "split " + x.split() + " " + java.util.Arrays.deepToString(x.lshapeMap());
                DNDarray[] r = Sets.unique(x, true, true, true, ax - full.ndim());   // a negative axis, as numpy allows
                Tensor v = r[0].gatherAll(), inv = r[1].gatherAll(), cnt = r[2].gatherAll();
                Dist.collectively(() -> {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(wantV.shape(), v.shape(), what + " values shape");
                    org.junit.jupiter.api.Assertions.assertEquals(wantV.dtype(), v.dtype(), what + " values dtype");
                    for (long i = 0; i < wantV.size(); i++) {
                        double a = wantV.getDoubleFlat(i), b = v.getDoubleFlat(i);
                        org.junit.jupiter.api.Assertions.assertTrue(a == b || (Double.isNaN(a) && Double.isNaN(b)), what + " values[" + i + "] " + b + ", expected " + a);
                    }
                    org.junit.jupiter.api.Assertions.assertArrayEquals(wantI.toLongArray(), inv.toLongArray(), what + " inverse");
                    org.junit.jupiter.api.Assertions.assertArrayEquals(wantC.toLongArray(), cnt.toLongArray(), what + " counts");
                });
                if (x.split() == null) {
                    DNDarray only = Sets.unique(x, false, false, false, ax)[0];
                    org.junit.jupiter.api.Assertions.assertArrayEquals(wantV.shape(), only.gshape(), what + " values alone");
                }
            }
        }
        DNDarray x = Factories.fromReplicated(Dist.iota(4, 3), 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Sets.unique(x, true, false, false, 2));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Sets.unique(x, true, false, false, -3));
    }
}
