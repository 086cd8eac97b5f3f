package org.jheat.linalg;

import static org.jheat.linalg.QrSvdTest.orthError;
import static org.jheat.linalg.QrSvdTest.relDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Householder panel QR of column slabs ({@link PanelQr}), with panels narrower than a slab (many broadcasts
 * per process): its factors against LAPACK's and the TSQR tree's, for square, wide and nearly square matrices,
 * float32/64 and complex, uneven and empty slabs, rank deficiency, and NaN (refused on every process).
 */
class PanelQrTest {

    @AfterEach
    void restore() {
        PanelQr.block = 128;
        PanelQr.enabled = !"false".equals(System.getProperty("jheat.linalg.panels"));
    }

    /** Gaussian entries from a seeded generator: the same matrix on every process, of full rank. */
    static Tensor gauss(long seed, long m, long n) {
        java.util.Random g = new java.util.Random(seed);
        Tensor x = Tensor.empty(DType.FLOAT64, m, n);
        for (long i = 0; i < x.size(); i++) x.setDoubleFlat(g.nextGaussian(), i);
        return x;
    }

    private static Tensor matrix(DType t, long m, long n, long seed) {
        Tensor x = gauss(seed, m, n);
        if (!t.isComplex()) return x.astype(t);
        Tensor y = gauss(seed + 1, m, n);
        Tensor pairs = Tensor.empty(DType.FLOAT64, m, n, 2);
        pairs.select(2, 0).copyFrom(x);
        pairs.select(2, 1).copyFrom(y);
        return pairs.viewAsComplex().astype(t);
    }

    private static double eps(DType t) {
        return t == DType.FLOAT32 || t == DType.COMPLEX64 ? 1.2e-7 : 2.3e-16;
    }

    /** max |QᴴQ − I| for complex q too. */
    private static double orth(Tensor q) {
        if (!q.dtype().isComplex()) return orthError(q);
        Tensor g = LocalLinalg.matmul(LocalLinalg.conj(q).transpose(), q);
        Tensor r = LocalLinalg.viewAsReal(g);
        double e = 0;
        for (long i = 0; i < g.shape(0); i++) {
            for (long j = 0; j < g.shape(1); j++) {
                e = Math.max(e, Math.hypot(r.getDouble(i, j, 0) - (i == j ? 1 : 0), r.getDouble(i, j, 1)));
            }
        }
        return e;
    }

    private static double rel(Tensor a, Tensor b) {
        if (!a.dtype().isComplex()) return relDiff(a, b);
        return relDiff(LocalLinalg.viewAsReal(a), LocalLinalg.viewAsReal(b));
    }

    @Test
    void factorsOfColumnSlabsAreOrthogonalAndReconstruct() {
        PanelQr.block = 3;
        long[][] shapes = {{9, 9}, {12, 7}, {5, 11}, {17, 16}, {4, 4}, {2, 6}};
        DType[] types = {DType.FLOAT64, DType.FLOAT32, DType.COMPLEX128, DType.COMPLEX64};
        for (long[] sh : shapes) {
            for (DType t : types) {
                long m = sh[0], n = sh[1], k = Math.min(m, n);
                Tensor full = matrix(t, m, n, 11 * m + n);
                for (int split = 0; split < 2; split++) {
                    String what = "qr of " + t + " " + m + "x" + n + " split " + split;
                    DNDarray a = Factories.fromReplicated(full, split);
                    QR f = Linalg.qr(a);
                    Tensor q = f.Q().gatherAll(), r = f.R().gatherAll();
                    Tensor lr = LocalLinalg.qr(full).r();
                    double tol = 300 * eps(t) * Math.max(m, n);
                    Dist.collectively(() -> {
                        assertArrayEquals(new long[] {m, k}, q.shape(), what + ": Q shape");
                        assertArrayEquals(new long[] {k, n}, r.shape(), what + ": R shape");
                        assertEquals(t, q.dtype(), what + ": dtype");
                        assertTrue(orth(q) <= tol, what + ": QᴴQ − I = " + orth(q));
                        assertTrue(rel(full, LocalLinalg.matmul(q, r)) <= tol, what + ": A − QR = " + rel(full, LocalLinalg.matmul(q, r)));
                        Tensor rh = t.isComplex() ? LocalLinalg.viewAsReal(r) : r;
                        for (long i = 0; i < k; i++) {
                            // one process holds the whole matrix: LAPACK's own signs, as numpy
                            if (Dist.comm().size() > 1) assertTrue(rh.getDouble(t.isComplex() ? new long[] {i, i, 0} : new long[] {i, i}) >= 0, what + ": R[i,i] >= 0");
                            if (t.isComplex()) assertEquals(0, rh.getDouble(i, i, 1), tol * Math.abs(rh.getDouble(i, i, 0)), what + ": R[i,i] real");
                            for (long j = 0; j < Math.min(i, n); j++) {
                                assertEquals(0, rh.getDouble(t.isComplex() ? new long[] {i, j, 0} : new long[] {i, j}), 0, what + ": R lower");
                            }
                        }
                        // |R| is unique for a full-rank matrix: LAPACK's up to the row phases
                        Tensor absR = LocalLinalg.viewAsReal(t.isComplex() ? r : r.astype(DType.COMPLEX128));
                        Tensor absL = LocalLinalg.viewAsReal(t.isComplex() ? lr : lr.astype(DType.COMPLEX128));
                        for (long i = 0; i < k; i++) {
                            for (long j = 0; j < n; j++) {
                                double x = Math.hypot(absR.getDouble(i, j, 0), absR.getDouble(i, j, 1));
                                double y = Math.hypot(absL.getDouble(i, j, 0), absL.getDouble(i, j, 1));
                                assertEquals(y, x, tol * 50, what + ": |R| against LAPACK at " + i + "," + j);
                            }
                        }
                    });
                }
            }
        }
    }

    @Test
    void panelsAndTreeGiveTheSameFactors() {
        PanelQr.block = 2;
        Tensor full = gauss(5, 13, 10);
        DNDarray a = Factories.fromReplicated(full, 0);
        QR panels = Linalg.qr(a);
        PanelQr.enabled = false;
        QR tree = Linalg.qr(a);
        Tensor q1 = panels.Q().gatherAll(), r1 = panels.R().gatherAll(), q2 = tree.Q().gatherAll(), r2 = tree.R().gatherAll();
        Dist.collectively(() -> {
            assertTrue(relDiff(r2, r1) < 1e-13, "R: panels against the TSQR tree " + relDiff(r2, r1));
            assertTrue(relDiff(q2, q1) < 1e-13, "Q: panels against the TSQR tree " + relDiff(q2, q1));
        });
    }

    @Test
    void unevenAndEmptySlabsAndRankDeficiency() {
        PanelQr.block = 2;
        int p = Dist.comm().size();
        // rank 3: columns repeat, so trailing panels meet exactly dependent columns
        Tensor full = LocalLinalg.matmul(gauss(7, 8, 3), gauss(8, 3, 8));
        long[] counts = new long[p];
        counts[p - 1] = 8;   // everything on the last rank: the others hold empty slabs
        for (long[] c : new long[][] {counts, null}) {
            DNDarray a = Factories.fromReplicated(full, 1);
            if (c != null) a = a.redistribute(c);
            String what = "rank-3 8x8 " + (c == null ? "balanced" : "on the last rank");
            QR f = Linalg.qr(a);
            Tensor q = f.Q().gatherAll(), r = f.R().gatherAll();
            Dist.collectively(() -> {
                assertTrue(orthError(q) < 1e-13, what + ": QᵀQ − I = " + orthError(q));
                assertTrue(relDiff(full, LocalLinalg.matmul(q, r)) < 1e-13, what + ": A − QR");
            });
        }
        // fewer columns than processes in a wide matrix
        Tensor wide = gauss(9, 2, 3);
        QR f = Linalg.qr(Factories.fromReplicated(wide, 1));
        Tensor q = f.Q().gatherAll(), r = f.R().gatherAll();
        Dist.collectively(() -> assertTrue(relDiff(wide, LocalLinalg.matmul(q, r)) < 1e-13, "2x3: A − QR"));
    }

    @Test
    void nanIsRefusedOnEveryProcess() {
        // one process holds the whole matrix: LAPACK's qr, NaN passes through as in numpy
        org.junit.jupiter.api.Assumptions.assumeTrue(Dist.comm().size() > 1);
        PanelQr.block = 2;
        Tensor full = gauss(4, 6, 6);
        full.setDouble(Double.NaN, 5, 5);
        for (int split = 0; split < 2; split++) {
            DNDarray a = Factories.fromReplicated(full, split);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Linalg.qr(a));
            assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        }
    }
}
