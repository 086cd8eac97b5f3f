package org.jheat.linalg;

import static org.jheat.linalg.LinalgTesting.desc;
import static org.jheat.linalg.LinalgTesting.gold2;
import static org.jheat.linalg.LinalgTesting.layouts;
import static org.jheat.linalg.QrSvdTest.orthError;
import static org.jheat.linalg.QrSvdTest.relDiff;
import static org.jheat.linalg.QrSvdTest.scaleColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * polar (QDWH) against the SVD-based polar factors, eigh (spectral divide and conquer, forced to recurse with a
 * small base size) against numpy's eigenvalues and the eigen-equation, repeated eigenvalues and multiples of the
 * identity, reigh on low-rank matrices; every layout; bad input on every rank.
 */
class EighPolarTest {

    @AfterEach
    void restoreBase() {
        Eigh.base = 128;
    }

    static Tensor hilbert(int n) {
        Tensor h = Tensor.empty(DType.FLOAT64, n, n);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) h.setDouble(1.0 / (i + j + 1), i, j);
        return h;
    }

    @Test
    void polarFactorsMatchTheSvd() {
        for (Tensor full : new Tensor[] {gold2("in square"), gold2("in spd"), hilbert(6)}) {
            LocalLinalg.SVD f = LocalLinalg.svd(full, false, true);
            Tensor uw = LocalLinalg.matmul(f.u(), f.vh());
            Tensor hw = LocalLinalg.matmul(f.vh().transpose(), scaleColumns(f.vh().transpose(), f.s()).transpose());
            // QDWH is backward stable; the Hilbert matrix (κ ≈ 1.5e7) loses a few thousand ulps in A − UH and H, how
            // many depending on the layout's blocking (2.06e-12 split 0 unbalanced at np=2, run alone)
            double cond = f.s().getDouble(0) / f.s().getDouble(f.s().size() - 1);
            double backward = cond > 1e6 ? 1e-11 : 2e-12;
            for (DNDarray a : layouts(full)) {
                String what = "polar of " + desc(a);
                PolarResult p = Linalg.polar(a);
                Tensor u = p.U().gatherAll(), h = p.H().gatherAll();
                Dist.collectively(() -> {
                    assertTrue(orthError(u) < 1e-13, what + ": UᵀU − I = " + orthError(u));
                    assertTrue(relDiff(full, LocalLinalg.matmul(u, h)) < backward, what + ": A − UH " + relDiff(full, LocalLinalg.matmul(u, h)) + " orth " + orthError(u) + " H " + relDiff(hw, h));
                    assertTrue(relDiff(hw, h) < backward, what + ": H = V·S·Vᵀ: " + relDiff(hw, h));
                    assertTrue(relDiff(uw, u) < 1e-14 * cond + 1e-13, what + ": U = W·Vᵀ: " + relDiff(uw, u));
                    for (long i = 0; i < h.shape(0); i++) for (long j = 0; j < i; j++) assertEquals(h.getDouble(i, j), h.getDouble(j, i), 0, what + ": H symmetric");
                });
            }
        }
    }

    static void checkEigh(Tensor full, EighResult e, Tensor want, String what, double tol) {
        Tensor w = e.eigenvalues().gatherAll(), v = e.eigenvectors().gatherAll();
        double scale = Math.max(Math.abs(want.getDouble(0)), Math.abs(want.getDouble(want.size() - 1)));
        Tensor av = LocalLinalg.matmul(full, v), vw = scaleColumns(v, w);
        Dist.collectively(() -> {
            for (long i = 0; i < want.size(); i++) assertEquals(want.getDouble(i), w.getDouble(i), tol * scale, what + ": eigenvalue " + i);
            assertTrue(orthError(v) < tol * 10, what + ": VᵀV − I = " + orthError(v));
            assertTrue(relDiff(av, vw) < tol * 10, what + ": AV = VΛ: " + relDiff(av, vw));
        });
    }

    @Test
    void eighRecursesOverEveryLayout() {
        Eigh.base = 2;
        Tensor sym = gold2("in sym"), spd = gold2("in spd");
        for (DNDarray a : layouts(sym)) {
            EighResult e = Linalg.eigh(a);
            checkEigh(sym, e, gold2("eigvalsh:sym"), "eigh of sym " + desc(a), 1e-12);
            Integer s = a.split(), vs = e.eigenvectors().split();
            Dist.collectively(() -> assertEquals(s, vs, "eigenvectors split like A"));
        }
        for (DNDarray a : layouts(spd)) checkEigh(spd, Linalg.eigh(a), gold2("eigvalsh:spd"), "eigh of spd " + desc(a), 1e-12);
        Eigh.base = 8;
        Random.seed(4);
        DNDarray h = Linalg.hermitian(41, DType.FLOAT64, 0, false);
        Tensor hf = h.gatherAll();
        checkEigh(hf, Linalg.eigh(h), LocalLinalg.eigvalsh(hf, true), "eigh of a 41×41 hermitian", 1e-12);
        checkEigh(hf, Linalg.eigh(h.resplit(1)), LocalLinalg.eigvalsh(hf, true), "eigh of a 41×41 hermitian split 1", 1e-12);
    }

    @Test
    void eighOfRepeatedEigenvalues() {
        Eigh.base = 2;
        // Q·diag(1, 1, 1, 2, 2, 2, 3)·Qᵀ with an orthogonal Q, and 5·I
        Tensor q = LocalLinalg.qr(gold2("in square").narrow(0, 0, 7).narrow(1, 0, 7), "reduced").q();
        double[] d = {1, 1, 1, 2, 2, 2, 3};
        Tensor a = LocalLinalg.matmul(scaleColumns(q, Tensor.fromArray(d)), q.transpose());
        Tensor as = a.copy();
        for (long i = 0; i < 7; i++) for (long j = 0; j < 7; j++) as.setDouble((a.getDouble(i, j) + a.getDouble(j, i)) / 2, i, j);
        Tensor five = Tensor.zeros(DType.FLOAT64, 5, 5);
        for (int i = 0; i < 5; i++) five.setDouble(5, i, i);
        for (Integer s : new Integer[] {0, 1}) {
            checkEigh(as, Linalg.eigh(Factories.fromReplicated(as, s)), Tensor.fromArray(d), "eigh with repeated eigenvalues, split " + s, 1e-12);
            checkEigh(five, Linalg.eigh(Factories.fromReplicated(five, s)), Tensor.full(DType.FLOAT64, 5.0, 5), "eigh of 5·I, split " + s, 1e-14);
        }
    }

    @Test
    void reighFindsTheDominantEigenpairs() {
        Random.seed(7);
        KnownSvd k = Linalg.randomKnownSingularValues(30, 30, Factories.array(new double[] {9, 4, -3, 1}, DType.FLOAT64, null), DType.FLOAT64, null);
        // U·diag(S)·Uᵀ: symmetric with eigenvalues 9, 4, -3, 1 and 0
        Tensor u = k.U().gatherAll();
        Tensor a = LocalLinalg.matmul(scaleColumns(u, Tensor.fromArray(new double[] {9, 4, -3, 1})), u.transpose());
        for (DNDarray ad : layouts(a)) {
            EighResult e = Linalg.reigh(ad, 3, 5, 1);
            Tensor w = e.eigenvalues().gatherAll(), v = e.eigenvectors().gatherAll();
            Tensor av = LocalLinalg.matmul(a, v), vw = scaleColumns(v, w);
            String what = "reigh of " + desc(ad);
            Dist.collectively(() -> {
                assertEquals(-3, w.getDouble(0), 1e-10, what);
                assertEquals(4, w.getDouble(1), 1e-10, what);
                assertEquals(9, w.getDouble(2), 1e-10, what);
                assertTrue(relDiff(av, vw) < 1e-10, what + ": AV = VΛ");
            });
        }
    }

    @Test
    void badInputFailsOnEveryRank() {
        DNDarray wide = Factories.fromReplicated(Tensor.zeros(DType.FLOAT64, 4, 6), 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.polar(wide));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.eigh(wide));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.reigh(wide, 2, 2, 0));
        DNDarray sq = Factories.fromReplicated(gold2("in sym"), 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.reigh(sq, 10, 2, 0));
        Tensor bad = gold2("in sym").copy();
        bad.setDouble(Double.POSITIVE_INFINITY, 8, 8);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.eigh(Factories.fromReplicated(bad, 0)));
    }
}
