package org.jheat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/** convolve against numpy golden values (full/same/valid, odd and even kernels, swapped operands, ints) at every layout. */
class SignalTest {

    @Test
    void convolveMatchesNumpy() {
        String[][] cases = {{"a", "k1"}, {"a", "k2"}, {"a", "k3"}, {"a", "k4"}, {"ia", "ik"}, {"k3", "a"}, {"a", "long"}};
        for (String[] c : cases) {
            Tensor a = SortingTest.gold("in " + c[0]), v = SortingTest.gold("in " + c[1]);
            for (String mode : new String[] {"full", "same", "valid"}) {
                Tensor want = SortingTest.gold("convolve " + c[0] + " " + c[1] + " " + mode);
                for (DNDarray x : SortingTest.layouts(a)) {
                    for (DNDarray k : kernels(v)) {
                        DNDarray r = Signal.convolve(x, k, mode);
                        Tensor got = r.gatherAll();
                        Dist.collectively(() -> assertNull(OpsGoldenTest.compare(want, got), mode + " " + c[0] + "*" + c[1]));
                        long[][] map = r.lshapeMap();
                        Dist.collectively(() -> assertEquals(map[x.comm().rank()][0], r.lshape()[0]));
                    }
                }
            }
        }
    }

    private static List<DNDarray> kernels(Tensor v) {
        List<DNDarray> l = new ArrayList<>();
        l.add(Factories.fromReplicated(v, null));
        l.add(Factories.fromReplicated(v, 0));
        return l;
    }

    @Test
    void boolAndSmallIntsWrapLikeNumpy() {
        DNDarray a = Factories.fromReplicated(Tensor.fromArray(new boolean[] {true, false, true}), 0);
        DNDarray v = Factories.fromReplicated(Tensor.fromArray(new boolean[] {true, true}), null);
        Dist.assertDistributed(Tensor.fromArray(new boolean[] {true, true, true, true}), Signal.convolve(a, v, "full").resplit(null), false);
        DNDarray i8 = Factories.fromReplicated(Tensor.fromArray(new long[] {1, 2}, DType.INT8), 0);
        DNDarray k8 = Factories.fromReplicated(Tensor.fromArray(new long[] {100, 100}, DType.INT8), null);
        Dist.assertDistributed(Tensor.fromArray(new long[] {100, 44, -56}, DType.INT8), Signal.convolve(i8, k8, null).resplit(null), false);
    }

    @Test
    void badInputFailsEverywhere() {
        DNDarray a = Factories.fromReplicated(Dist.iota(5), 0);
        DNDarray m = Factories.fromReplicated(Dist.iota(2, 2), 0);
        DNDarray e = Factories.fromReplicated(Dist.iota(0), 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Signal.convolve(a, a, "circular"));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Signal.convolve(a, m, "full"));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Signal.convolve(a, e, "full"));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Signal.convolve(e, a, "same"));
    }
}
