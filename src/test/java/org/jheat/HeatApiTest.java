package org.jheat;

import static org.jheat.Heat.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.core.DNDarray;
import org.junit.jupiter.api.Test;

/** The static API as a user writes it (README example and numpy-style chains), on every split. */
class HeatApiTest {
    @Test
    void readmeStyleProgram() {
        seed(42);
        DNDarray x = randn(new long[] {1000, 8}, FLOAT64, 0);
        DNDarray y = x.resplit(1);
        assertEquals(1, y.split());
        assertTrue(allclose(x, y));
        DNDarray z = add(mul(2.0, x), 1);
        assertEquals(1.0, mean(z, null, false).itemDouble(), 0.2);
        assertEquals(2.0, std(z, null, 0, false).itemDouble(), 0.2);
        DNDarray colMeans = y.mean(0);   // y is split along the columns, which survive
        assertArrayEquals(new long[] {8}, colMeans.gshape());
        assertEquals(0, colMeans.split());
        DNDarray r = arange(0, 10, 1, null, 0);
        assertEquals(45L, r.sum().item());
        assertEquals(4.5, r.median().itemDouble());
        assertEquals(9L, r.argmax().itemLong());
        assertArrayEquals(new boolean[] {true, false, true}, eq(array(new long[] {1, 2, 3}, null, 0), array(new long[] {1, 0, 3}, null, null)).toBooleanArray());
        DNDarray h = histogram(r, 5, null, null, false)[0];
        assertArrayEquals(new long[] {2, 2, 2, 2, 2}, h.toLongArray());
        assertEquals(DType(), FLOAT64);
    }

    @Test
    void indexingAndManipulationsReadLikeNumpy() {
        DNDarray m = reshape(arange(0, 12, 1, null, 0), 3, 4);   // [[0..3], [4..7], [8..11]]
        assertArrayEquals(new long[] {1, 5, 9}, m.get(all(), idx(1)).toLongArray());
        assertArrayEquals(new long[] {11, 10, 9, 8}, m.get(idx(-1), slice(null, null, -1)).toLongArray());
        DNDarray big = m.get(mask(gt(m, 8)));
        assertArrayEquals(new long[] {9, 10, 11}, big.toLongArray());
        m.set(0, mask(lt(m, 3)));
        assertArrayEquals(new long[] {0, 0, 0, 3}, m.get(idx(0)).toLongArray());
        assertArrayEquals(new long[] {3, 8}, concatenate(new DNDarray[] {m, m}, 1).gshape());
        assertArrayEquals(new long[] {8, 9, 10, 11}, where(gt(m, 7), m, -1).get(idx(2)).toLongArray());
        assertArrayEquals(new long[] {4, 3}, m.T().gshape());
    }

    @Test
    void sortingSetsAndSignal() {
        DNDarray v = array(new double[] {3, 1, Double.NaN, 2, 1}, null, 0);
        double[] s = v.sort().toDoubleArray();
        assertArrayEquals(new double[] {1, 1, 2, 3}, java.util.Arrays.copyOf(s, 4));
        assertTrue(Double.isNaN(s[4]));
        assertArrayEquals(new long[] {1, 4, 3, 0, 2}, v.argsort().toLongArray());
        assertArrayEquals(new double[] {1, 2, 3}, java.util.Arrays.copyOf(unique(v).toDoubleArray(), 3));
        assertArrayEquals(new double[] {1, 2, 2, 1}, convolve(array(new double[] {1, 1, 1}, null, 0), array(new double[] {1, 1}, null, null), "full").toDoubleArray(), 0);
        DNDarray r = arange(0, 10, 1, null, 0);
        r.getHalo(1);
        int me = comm().rank();
        long[][] cd = r.countsDispls();
        long start = cd[1][me], count = cd[0][me];
        org.jheat.testing.Dist.collectively(() -> {
            if (count > 0 && start > 0) assertEquals(start - 1, r.haloPrev().getLongFlat(0));
            if (count > 0 && start + count < 10) assertEquals(start + count, r.haloNext().getLongFlat(0));
        });
    }

    private static org.jheat.tensor.DType DType() { return promoteTypes(INT32, FLOAT32); }
}
