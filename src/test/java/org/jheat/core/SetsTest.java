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

    @Test
    void axisIsRejectedEverywhere() {
        DNDarray x = Factories.fromReplicated(Dist.iota(4, 3), 0);
        Dist.assertThrowsEverywhere(UnsupportedOperationException.class, () -> Sets.unique(x, true, false, false, 0));
    }
}
