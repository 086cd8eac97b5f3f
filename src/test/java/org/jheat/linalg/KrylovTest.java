package org.jheat.linalg;

import static org.jheat.linalg.LinalgTesting.desc;
import static org.jheat.linalg.LinalgTesting.gold2;
import static org.jheat.linalg.LinalgTesting.layouts;
import static org.jheat.linalg.QrSvdTest.orthError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.LinalgError;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * cg against numpy's solve on an SPD matrix (every layout of A, b split or replicated), the residual history and
 * maxIter, non-SPD detection on every rank; lanczos: orthonormal V, Vᵀ·A·V = T tridiagonal, A·V = V·T up to the last
 * column, Ritz values of a full run equal to numpy's eigenvalues, breakdown on a matrix with few distinct
 * eigenvalues.
 */
class KrylovTest {

    @Test
    void cgSolvesSpdSystems() {
        Tensor a = gold2("in spd"), b = gold2("in rhs9"), want = gold2("solve:spd,rhs9");
        for (DNDarray ad : layouts(a)) {
            for (Integer bs : new Integer[] {null, 0}) {
                DNDarray bd = Factories.fromReplicated(b, bs);
                String what = "cg of " + desc(ad) + ", b split " + bs;
                CgResult r = Linalg.cg(ad, bd, null, 1e-13, 100);
                LinalgTesting.assertClose(want, r.x(), what, 1e-11);
                double[] h = r.residuals();
                double bn = Math.sqrt(LocalLinalg.dot(b, b).getDouble());
                Dist.collectively(() -> {
                    assertTrue(r.converged(), what + ": converged");
                    assertEquals(r.iterations() + 1, h.length, what + ": history length");
                    assertEquals(bn, h[0], 1e-12 * bn, what + ": r0 = b for x0 = 0");
                    assertTrue(h[h.length - 1] <= 1e-13 * bn, what + ": final residual");
                    assertTrue(r.iterations() <= 12, what + ": CG on a 9×9 SPD matrix converges in about 9 steps, took " + r.iterations());
                });
            }
        }
        DNDarray ad = Factories.fromReplicated(a, 0);
        CgResult two = Linalg.cg(ad, Factories.fromReplicated(b, 0), Factories.fromReplicated(want, 0), 1e-8, 5);
        CgResult capped = Linalg.cg(ad, Factories.fromReplicated(b, 0), null, 1e-14, 2);
        Dist.collectively(() -> {
            assertTrue(two.converged() && two.iterations() == 0, "starting at the solution needs no iteration");
            assertFalse(capped.converged(), "maxIter 2 does not reach 1e-14");
            assertEquals(2, capped.iterations());
            assertEquals(3, capped.residuals().length);
        });
    }

    @Test
    void cgDetectsMatricesThatAreNotPositiveDefinite() {
        Tensor sym = gold2("in sym"), b = gold2("in rhs9");
        for (Integer s : new Integer[] {null, 0, 1}) {
            DNDarray a = Factories.fromReplicated(sym, s);
            Dist.assertThrowsEverywhere(LinalgError.class, () -> Linalg.cg(a, Factories.fromReplicated(b, 0), null, 1e-10, 100));
        }
        DNDarray a = Factories.fromReplicated(sym, 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.cg(a, Factories.fromReplicated(Tensor.zeros(DType.FLOAT64, 8), 0), null, 1e-10, 100));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.cg(a, Factories.fromReplicated(b, 0), null, 0, 100));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.cg(Factories.fromReplicated(Tensor.zeros(DType.FLOAT64, 9, 8), 0),
                Factories.fromReplicated(b, 0), null, 1e-5, 10));
    }

    /** Checks the Lanczos relations and returns T. */
    static Tensor checkLanczos(Tensor a, Lanczos l, long m, String what, double tol) {
        Tensor v = l.V().gatherAll(), tt = l.T().gatherAll();
        Tensor vav = LocalLinalg.matmul(LocalLinalg.matmul(v.transpose(), a), v);
        Tensor av = LocalLinalg.matmul(a, v), vt = LocalLinalg.matmul(v, tt);
        double scale = Math.abs(LocalLinalg.eigvalsh(a, true).getDouble(a.shape(0) - 1)) + Math.abs(LocalLinalg.eigvalsh(a, true).getDouble(0));
        Dist.collectively(() -> {
            assertTrue(orthError(v) < tol, what + ": VᵀV − I = " + orthError(v));
            for (long i = 0; i < m; i++) {
                for (long j = 0; j < m; j++) {
                    if (Math.abs(i - j) > 1) assertEquals(0.0, tt.getDouble(i, j), what + ": T tridiagonal");
                    assertEquals(tt.getDouble(i, j), tt.getDouble(j, i), what + ": T symmetric");
                    assertEquals(tt.getDouble(i, j), vav.getDouble(i, j), tol * scale, what + ": VᵀAV = T at " + i + "," + j);
                }
            }
            for (long i = 0; i < a.shape(0); i++) {
                for (long j = 0; j < m - 1; j++) assertEquals(av.getDouble(i, j), vt.getDouble(i, j), tol * scale, what + ": AV = VT, column " + j);
            }
        });
        return tt;
    }

    @Test
    void lanczosBuildsAnOrthonormalKrylovBasis() {
        Tensor a = gold2("in sym"), want = gold2("eigvalsh:sym");
        Tensor v0 = gold2("in rhs9");
        for (DNDarray ad : layouts(a)) {
            String what = "lanczos of " + desc(ad);
            Lanczos full = Linalg.lanczos(ad, 9, Factories.fromReplicated(v0, 0));
            Tensor tt = checkLanczos(a, full, 9, what, 1e-12);
            Tensor ritz = LocalLinalg.eigvalsh(tt, true);
            Dist.collectively(() -> {
                for (int i = 0; i < 9; i++) assertEquals(want.getDouble(i), ritz.getDouble(i), 1e-11, what + ": Ritz value " + i);
            });
            checkLanczos(a, Linalg.lanczos(ad, 4, Factories.fromReplicated(v0, null)), 4, what + " (4 steps)", 1e-12);
        }
        Random.seed(9);
        DNDarray h = Linalg.hermitian(37, DType.FLOAT64, 0, false);
        Tensor hf = h.gatherAll();
        Lanczos l = Linalg.lanczos(h, 37);
        Tensor ritz = LocalLinalg.eigvalsh(checkLanczos(hf, l, 37, "lanczos of a 37×37 hermitian", 1e-11), true);
        Tensor ev = LocalLinalg.eigvalsh(hf, true);
        Dist.collectively(() -> {
            for (int i = 0; i < 37; i++) assertEquals(ev.getDouble(i), ritz.getDouble(i), 1e-10, "Ritz value " + i);
        });
    }

    @Test
    void lanczosContinuesAfterBreakdown() {
        // diag(1, 1, 1, 2, 2, 2, 3): a start vector with all components meets an invariant subspace after 3 steps
        Tensor a = Tensor.zeros(DType.FLOAT64, 7, 7);
        double[] d = {1, 1, 1, 2, 2, 2, 3};
        for (int i = 0; i < 7; i++) a.setDouble(d[i], i, i);
        Tensor v0 = Tensor.full(DType.FLOAT64, 1.0, 7);
        for (DNDarray ad : layouts(a)) {
            Lanczos l = Linalg.lanczos(ad, 6, Factories.fromReplicated(v0, 0));
            Tensor tt = checkLanczos(a, l, 6, "breakdown of " + desc(ad), 1e-12);
            Dist.collectively(() -> assertEquals(0.0, tt.getDouble(3, 2), 1e-12, "β = 0 at the breakdown"));
        }
    }

    @Test
    void lanczosBadInput() {
        DNDarray a = Factories.fromReplicated(gold2("in sym"), 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.lanczos(a, 10));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.lanczos(a, 0));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.lanczos(a, 3, Factories.fromReplicated(Tensor.zeros(DType.FLOAT64, 9), 0)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.lanczos(a, 3, Factories.fromReplicated(Tensor.zeros(DType.FLOAT64, 8), 0)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.lanczos(Factories.fromReplicated(Tensor.zeros(DType.FLOAT64, 9, 8), 0), 3));
    }
}
