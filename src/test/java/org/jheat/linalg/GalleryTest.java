package org.jheat.linalg;

import static org.jheat.linalg.QrSvdTest.relDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * The matrix gallery: exact values (parter), symmetry and definiteness (hermitian), the prescribed singular values
 * and rank, and independence of the process count: the distributed construction equals the same construction done
 * locally from the replicated random factors (Householder QR with a non-negative diagonal of R).
 */
class GalleryTest {

    static final Integer[] SPLITS = {null, 0, 1};

    @Test
    void parterValues() {
        for (Integer s : SPLITS) {
            for (long n : new long[] {1, 7}) {
                DNDarray p = Linalg.parter(n, DType.FLOAT64, s);
                Tensor g = p.gatherAll();
                Integer ps = p.split();
                Dist.collectively(() -> {
                    assertEquals(s, ps, "split");
                    for (long i = 0; i < n; i++) for (long j = 0; j < n; j++) assertEquals(1.0 / (i - j + 0.5), g.getDouble(i, j), 0, "parter[" + i + "," + j + "]");
                });
            }
        }
    }

    @Test
    void hermitianIsSymmetricAndDefiniteOnRequest() {
        for (Integer s : SPLITS) {
            Random.seed(5);
            Tensor h = Linalg.hermitian(9, DType.FLOAT64, s, false).gatherAll();
            Tensor pd = Linalg.hermitian(9, DType.FLOAT64, s, true).gatherAll();
            Random.seed(5);
            Tensor g = Random.randn(new long[] {9, 9}, DType.FLOAT64, null).larray();
            Dist.collectively(() -> {
                for (long i = 0; i < 9; i++) {
                    for (long j = 0; j < 9; j++) {
                        assertEquals(h.getDouble(i, j), h.getDouble(j, i), 0, "symmetric");
                        assertEquals((g.getDouble(i, j) + g.getDouble(j, i)) / 2, h.getDouble(i, j), 1e-15, "(G + Gᵀ)/2");
                        assertEquals(pd.getDouble(i, j), pd.getDouble(j, i), 1e-13, "pd symmetric");
                    }
                }
                assertTrue(LocalLinalg.eigvalsh(pd, true).getDouble(0) >= 1 - 1e-12, "positive definite: eigenvalues >= 1");
            });
        }
    }

    /** Q of a local Householder QR with diag(R) >= 0, the unique orthonormal basis the gallery uses. */
    static Tensor positiveQ(Tensor g) {
        LocalLinalg.QR f = LocalLinalg.qr(g, "reduced");
        Tensor q = f.q().copy();
        for (long j = 0; j < q.shape(1); j++) {
            if (f.r().getDouble(j, j) < 0) for (long i = 0; i < q.shape(0); i++) q.setDouble(-q.getDouble(i, j), i, j);
        }
        return q;
    }

    @Test
    void knownSingularValuesAndRankDoNotDependOnTheProcessCount() {
        double[] want = {5, 3, 2, 0.5};
        for (Integer s : SPLITS) {
            for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                Random.seed(11);
                KnownSvd k = Linalg.randomKnownSingularValues(23, 9, Factories.array(want, DType.FLOAT64, null), t, s);
                Tensor a = k.A().gatherAll();
                Integer as = k.A().split();
                Random.seed(11);
                Tensor gu = Random.randn(new long[] {23, 4}, t, null).larray().astype(DType.FLOAT64);
                Tensor gv = Random.randn(new long[] {9, 4}, t, null).larray().astype(DType.FLOAT64);
                Tensor u = positiveQ(gu), v = positiveQ(gv);
                Tensor ref = LocalLinalg.matmul(QrSvdTest.scaleColumns(u, Tensor.fromArray(want)), v.transpose());
                Tensor sv = LocalLinalg.svd(a.astype(DType.FLOAT64), false, false).s();
                double tol = t == DType.FLOAT32 ? 1e-5 : 1e-13;
                Dist.collectively(() -> {
                    assertEquals(s, as, "split of A");
                    assertEquals(t, a.dtype(), "dtype");
                    assertTrue(relDiff(ref, a.astype(DType.FLOAT64)) < tol * 10, "A equals the local construction: " + relDiff(ref, a.astype(DType.FLOAT64)));
                    for (int i = 0; i < want.length; i++) assertEquals(want[i], sv.getDouble(i), tol * 10, "singular value " + i);
                    for (int i = want.length; i < 9; i++) assertEquals(0, sv.getDouble(i), tol * 10, "zero singular value " + i);
                });
            }
            Random.seed(3);
            KnownSvd r = Linalg.randomKnownRank(17, 30, 6, DType.FLOAT64, s);
            Tensor a = r.A().gatherAll(), sref = r.S().gatherAll();
            Tensor sv = LocalLinalg.svd(a, false, false).s();
            long[] ush = r.U().gshape(), vsh = r.V().gshape();
            Dist.collectively(() -> {
                assertArrayEquals(new long[] {17, 6}, ush, "U shape");
                assertArrayEquals(new long[] {30, 6}, vsh, "V shape");
                for (int i = 0; i < 6; i++) {
                    assertEquals(sref.getDouble(i), sv.getDouble(i), 1e-12 * Math.max(1, sref.getDouble(0)), "singular value " + i);
                    assertTrue(sref.getDouble(i) > 0, "−ln(u) > 0");
                    if (i > 0) assertTrue(sref.getDouble(i) <= sref.getDouble(i - 1), "descending");
                }
                assertTrue(sv.getDouble(6) < 1e-12 * sv.getDouble(0), "rank 6");
            });
        }
    }

    @Test
    void badSizesFailOnEveryRank() {
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.randomKnownRank(5, 4, 5, DType.FLOAT64, 0));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.randomKnownRank(-1, 4, 1, DType.FLOAT64, 0));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Linalg.randomKnownSingularValues(3, 3, Factories.array(new double[] {1, 2, 3, 4}, DType.FLOAT64, null), DType.FLOAT64, 0));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.parter(4, DType.INT64, 2));
    }
}
