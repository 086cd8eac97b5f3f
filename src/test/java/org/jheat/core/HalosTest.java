package org.jheat.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/** getHalo / arrayWithHalos against slices of the gathered array: every split, widths 0…n+1, empty slabs. */
class HalosTest {

    @Test
    void halosAreTheNeighbouringRowsOfTheGlobalArray() {
        long[][] shapes = {{10}, {7, 3}, {3, 8}, {2, 3, 4}, {1}, {0, 2}};
        for (long[] shape : shapes) {
            Tensor full = Dist.iota(shape);
            for (DNDarray x : SortingTest.layouts(full)) {
                int s = x.splitAxis();
                if (s < 0) {
                    Tensor[] h = Halos.getHalo(x, 2);
                    Dist.collectively(() -> {
                        assertArrayEquals(new long[] {0}, new long[] {h[0].shape(0)});
                        Dist.assertSameTensor(full, Halos.arrayWithHalos(x, 0));
                    });
                    continue;
                }
                long n = shape[s];
                long[][] cd = x.countsDispls();
                int me = x.comm().rank();
                long d = cd[1][me], e = d + cd[0][me];
                for (long w : new long[] {0, 1, 2, 3, n + 1}) {
                    Tensor[] h = Halos.getHalo(x, w);
                    Tensor ext = Halos.arrayWithHalos(x, w);
                    long pl = Math.max(0, d - w), nh = Math.min(n, e + w);
                    Dist.collectively(() -> {
                        Dist.assertSameTensor(full.narrow(s, pl, d - pl).contiguous(), h[0]);
                        Dist.assertSameTensor(full.narrow(s, e, nh - e).contiguous(), h[1]);
                        Dist.assertSameTensor(full.narrow(s, pl, nh - pl).contiguous(), ext);
                        Dist.assertSameTensor(h[0], Halos.haloPrev(x, w));
                    });
                    Tensor hn = Halos.haloNext(x, w);
                    Dist.collectively(() -> Dist.assertSameTensor(h[1], hn));
                }
            }
        }
    }

    @Test
    void otherDtypesAndBadWidth() {
        Tensor full = SortingTest.data(DType.INT32, 9, 2);
        DNDarray x = Factories.fromReplicated(full, 0);
        Tensor ext = Halos.arrayWithHalos(x, 1);
        long[][] cd = x.countsDispls();
        int me = x.comm().rank();
        long lo = Math.max(0, cd[1][me] - 1), hi = Math.min(9, cd[1][me] + cd[0][me] + 1);
        Dist.collectively(() -> Dist.assertSameTensor(full.narrow(0, lo, hi - lo).contiguous(), ext));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Halos.getHalo(x, -1));
    }
}
