package org.jheat.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.testing.Dist;
import org.jheat.testing.Golden;
import org.junit.jupiter.api.Test;

/**
 * cdist / manhattan / rbf against scipy 1.10 (src/test/resources/golden/spatial.txt, scripts/golden/make_cluster.py)
 * for every metric and every combination of X and Y split along rows, columns or replicated (13 and 9 rows: uneven
 * at every process count), float32 and float64, exact and by quadratic expansion; bad input on every process.
 */
class SpatialTest {
    static final Golden G = Golden.load("/golden/spatial.txt");
    static final Integer[] SPLITS = {0, null, 1};

    static void assertClose(double[] e, double[] a, double rel, String what) {
        assertEquals(e.length, a.length, what + " size");
        for (int i = 0; i < e.length; i++) {
            boolean ok = Double.isNaN(e[i]) ? Double.isNaN(a[i]) : Math.abs(e[i] - a[i]) <= rel * (1 + Math.abs(e[i]));
            assertTrue(ok, what + "[" + i + "]: expected " + e[i] + ", got " + a[i]);
        }
    }

    static DNDarray arr(String key, DType t, Integer split) { return Heat.array(G.matrix(key), t, split); }

    @Test
    void everyMetricAndSplitMatchesScipy() {
        String[] metrics = {"euclidean", "sqeuclidean", "cityblock", "cosine"};
        for (Integer sx : SPLITS) {
            for (Integer sy : SPLITS) {
                DNDarray x = arr("X", DType.FLOAT64, sx), y = arr("Y", DType.FLOAT64, sy);
                for (String m : metrics) {
                    DNDarray d = Spatial.cdist(x, y, m);
                    String what = m + " sx=" + sx + " sy=" + sy;
                    assertArrayEquals(new long[] {13, 9}, d.gshape(), what);
                    assertEquals(DType.FLOAT64, d.dtype(), what);
                    Integer want = sx != null ? Integer.valueOf(0) : sy != null ? Integer.valueOf(1) : null;
                    if (Dist.comm().size() > 1 || want == null) assertEquals(want, d.split(), what + " split");
                    assertClose(G.doubles(m), d.toDoubleArray(), 1e-12, what);
                }
                assertClose(G.doubles("rbf1.5"), Spatial.rbf(x, y, 1.5, false).toDoubleArray(), 1e-12, "rbf sx=" + sx + " sy=" + sy);
                assertClose(G.doubles("rbf1.5"), Spatial.rbf(x, y, 1.5, true).toDoubleArray(), 1e-9, "rbf expanded");
                assertClose(G.doubles("euclidean"), Spatial.cdist(x, y, true).toDoubleArray(), 1e-9, "euclidean expanded");
                assertClose(G.doubles("sqeuclidean"), Spatial.cdist(x, y, "sqeuclidean", true).toDoubleArray(), 1e-9, "sqeuclidean expanded");
                assertClose(G.doubles("cityblock"), Spatial.manhattan(x, y).toDoubleArray(), 1e-12, "manhattan");
            }
        }
    }

    @Test
    void distancesOfXToItselfAndFloat32() {
        for (Integer sx : SPLITS) {
            DNDarray x = arr("X", DType.FLOAT64, sx);
            assertClose(G.doubles("xx.euclidean"), Spatial.cdist(x).toDoubleArray(), 1e-12, "cdist(X) split " + sx);
            assertClose(G.doubles("xx.cosine"), Spatial.cdist(x, null, "cosine").toDoubleArray(), 1e-12, "cosine X split " + sx);
            assertClose(G.doubles("xx.rbf1.5"), Spatial.rbf(x, x, 1.5, false).toDoubleArray(), 1e-12, "rbf X split " + sx);
            DNDarray x32 = arr("X", DType.FLOAT32, sx), y32 = arr("Y", DType.FLOAT32, 0);
            for (String m : new String[] {"euclidean", "sqeuclidean", "cityblock", "cosine"}) {
                DNDarray d = Spatial.cdist(x32, y32, m);
                assertEquals(DType.FLOAT32, d.dtype(), "float32 stays float32");
                assertClose(G.doubles(m), d.toDoubleArray(), 2e-6, "float32 " + m);
            }
            DNDarray mixed = Spatial.cdist(x32, arr("Y", DType.FLOAT64, null));
            assertEquals(DType.FLOAT64, mixed.dtype(), "float32 with float64 gives float64");
            DNDarray ints = Spatial.cdist(Heat.array(new long[][] {{0, 0}, {3, 4}}, DType.INT64, sx), null);
            assertEquals(DType.FLOAT64, ints.dtype());
            assertArrayEquals(new double[] {0, 5, 5, 0}, ints.toDoubleArray(), 0.0);
        }
    }

    @Test
    void fewerRowsThanProcessesAndEmptyOperands() {
        DNDarray x = Heat.array(new double[][] {{1, 2}}, DType.FLOAT64, 0);
        DNDarray y = Heat.array(new double[][] {{1, 2}, {4, 6}, {1, 3}}, DType.FLOAT64, 0);
        assertArrayEquals(new double[] {0, 5, 1}, Spatial.cdist(x, y).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0, 5, 1}, Spatial.cdist(x, y, true).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0, 7, 1}, Spatial.manhattan(x, y, true).toDoubleArray(), 0);
        DNDarray empty = org.jheat.core.Factories.zeros(new long[] {0, 2}, DType.FLOAT64, 0);
        DNDarray d = Spatial.cdist(empty, y);
        assertArrayEquals(new long[] {0, 3}, d.gshape());
        assertArrayEquals(new long[] {3, 0}, Spatial.cdist(y, empty).gshape());
    }

    @Test
    void badInputFailsOnEveryProcess() {
        DNDarray x = arr("X", DType.FLOAT64, 0), y = arr("Y", DType.FLOAT64, 0);
        DNDarray y4 = Heat.array(new double[][] {{1, 2, 3, 4}}, DType.FLOAT64, 0);
        DNDarray v = Heat.array(new double[] {1, 2, 3}, DType.FLOAT64, 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Spatial.cdist(x, y4));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Spatial.cdist(v, y));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Spatial.cdist(x, y, "chebyshev"));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Spatial.cdist(x, y, (String) null));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Spatial.cdist(x, y, "cityblock", true));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Spatial.rbf(x, y, 0.0, false));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Spatial.rbf(x, y, Double.NaN, true));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Spatial.cdist(null, y));
        String msg = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Spatial.cdist(x, y, "foo")).getMessage();
        assertTrue(msg.contains("cityblock"), msg);
    }
}
