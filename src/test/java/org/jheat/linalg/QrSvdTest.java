package org.jheat.linalg;

import static org.jheat.linalg.LinalgTesting.desc;
import static org.jheat.linalg.LinalgTesting.gold2;
import static org.jheat.linalg.LinalgTesting.layouts;
import static org.jheat.linalg.LinalgTesting.someLayouts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * qr and svd of distributed matrices: orthogonality ‖QᵀQ − I‖, reconstruction ‖A − QR‖/‖A‖ and ‖A − UΣVh‖/‖A‖,
 * singular values against numpy (scripts/golden/make_linalg2.py), tall / square / wide / single-row / rank-deficient /
 * ill-conditioned / float32 inputs, every layout (replicated, each split balanced, everything on the last rank,
 * uneven), and the bad-input messages on every rank.
 */
class QrSvdTest {

    static final List<String> INPUTS = List.of("tall", "square", "wide", "skinny", "row", "rank3", "hilb", "f32", "f32w");

    static double eps(DType t) {
        return t == DType.FLOAT32 ? 1.2e-7 : 2.3e-16;
    }

    /** max |QᵀQ − I| over the k columns of q (m, k). */
    static double orthError(Tensor q) {
        Tensor g = LocalLinalg.matmul(q.transpose(), q);
        double e = 0;
        for (long i = 0; i < g.shape(0); i++) {
            for (long j = 0; j < g.shape(1); j++) e = Math.max(e, Math.abs(g.getDouble(i, j) - (i == j ? 1 : 0)));
        }
        return e;
    }

    /** ‖a − b‖_F / ‖a‖_F (0 for a zero a). */
    static double relDiff(Tensor a, Tensor b) {
        double num = 0, den = 0;
        for (long i = 0; i < a.size(); i++) {
            double x = a.getDoubleFlat(i), y = b.getDoubleFlat(i);
            num += (x - y) * (x - y);
            den += x * x;
        }
        return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
    }

    /** a with each column j scaled by s[j]. */
    static Tensor scaleColumns(Tensor a, Tensor s) {
        Tensor d = Tensor.zeros(a.dtype(), s.size(), s.size());
        for (long i = 0; i < s.size(); i++) d.setDouble(s.getDoubleFlat(i), i, i);
        return LocalLinalg.matmul(a, d);
    }

    @Test
    void qrOfEveryLayout() {
        for (String name : INPUTS) {
            Tensor full = gold2("in " + name);
            long m = full.shape(0), n = full.shape(1), k = Math.min(m, n);
            double tol = 200 * eps(full.dtype()) * Math.max(m, n);
            for (DNDarray a : layouts(full)) {
                String what = "qr of " + name + " " + desc(a);
                QR f = Linalg.qr(a);
                Tensor q = f.Q().gatherAll(), r = f.R().gatherAll();
                Integer split = a.split(), qs = f.Q().split();
                Dist.collectively(() -> {
                    assertArrayEquals(new long[] {m, k}, q.shape(), what + ": Q shape");
                    assertArrayEquals(new long[] {k, n}, r.shape(), what + ": R shape");
                    assertEquals(full.dtype(), q.dtype(), what + ": dtype");
                    assertEquals(split, qs, what + ": Q keeps the split");
                    assertTrue(orthError(q) <= tol, what + ": QᵀQ − I = " + orthError(q));
                    assertTrue(relDiff(full, LocalLinalg.matmul(q, r)) <= tol, what + ": A − QR = " + relDiff(full, LocalLinalg.matmul(q, r)));
                    for (long i = 0; i < k; i++) {
                        for (long j = 0; j < Math.min(i, n); j++) assertEquals(0.0, r.getDouble(i, j), what + ": R[" + i + "," + j + "] below the diagonal");
                    }
                });
                QR ro = Linalg.qr(a, "r");
                Tensor r2 = ro.R().gatherAll();
                Dist.collectively(() -> {
                    assertNull(ro.Q(), what + ": mode r has no Q");
                    // R is unique up to the signs of its rows
                    for (long i = 0; i < k; i++) {
                        for (long j = 0; j < n; j++) {
                            assertEquals(Math.abs(r.getDouble(i, j)), Math.abs(r2.getDouble(i, j)), tol * Math.max(1, Math.abs(r.getDouble(i, j))), what + ": mode r");
                        }
                    }
                });
            }
        }
    }

    @Test
    void svdOfEveryLayout() {
        for (String name : INPUTS) {
            Tensor full = gold2("in " + name);
            Tensor want = gold2("sv:" + name);
            double tol = 200 * eps(full.dtype()) * Math.max(full.shape(0), full.shape(1));
            for (DNDarray a : layouts(full)) checkSvd(full, want, a, Linalg.svd(a), "svd of " + name + " " + desc(a), tol);
        }
    }

    /**
     * Checks an SVD d of a (gathered: full) against numpy's singular values want: S, U (m, k) and Vh (k, n) shapes,
     * orthonormal U and V (for rank-deficient inputs only the vectors of nonzero singular values are determined, but
     * the factors are orthonormal anyway), the reconstruction, and svdvals; returns d.
     */
    static SVD checkSvd(Tensor full, Tensor want, DNDarray a, SVD d, String what, double tol) {
        long m = full.shape(0), n = full.shape(1), k = Math.min(m, n);
        Tensor u = d.U().gatherAll(), vh = d.Vh().gatherAll();
        LinalgTesting.assertClose(want, d.S(), what + ": S", tol);
        Tensor s = d.S().gatherAll();
        Dist.collectively(() -> {
            assertArrayEquals(new long[] {m, k}, u.shape(), what + ": U shape");
            assertArrayEquals(new long[] {k, n}, vh.shape(), what + ": Vh shape");
            assertTrue(orthError(u) <= tol, what + ": UᵀU − I = " + orthError(u));
            assertTrue(orthError(vh.transpose()) <= tol, what + ": VhVhᵀ − I = " + orthError(vh.transpose()));
            double rec = relDiff(full, LocalLinalg.matmul(scaleColumns(u, s), vh));
            assertTrue(rec <= tol, what + ": A − UΣVh = " + rec);
        });
        LinalgTesting.assertClose(want, Linalg.svdvals(a), what + ": svdvals", tol);
        return d;
    }

    /**
     * The distributed square SVD (polar decomposition, then eigh of H; taken when R would not fit on one process,
     * forced here with a zero gather limit and a small eigh base so that the divide and conquer recurses): every square
     * input in the replicated, split and all-on-the-last-rank layouts, S against numpy, orthonormal U and V, reconstruction, svdvals; nothing of it gathers A.
     */
    @Test
    void squareSvdWithoutGatheringThroughPolarAndEigh() {
        long limit = Svd.gatherLimit;
        Svd.gatherLimit = -1;
        Eigh.base = 4;
        try {
            for (String name : INPUTS) {
                Tensor full = gold2("in " + name);
                long n = full.shape(0);
                if (full.shape(1) != n) continue;
                Tensor want = gold2("sv:" + name);
                double tol = 2000 * eps(full.dtype()) * n;
                for (DNDarray a : someLayouts(full)) {
                    String what = "polar svd of " + name + " " + desc(a);
                    SVD d = checkSvd(full, want, a, Linalg.svd(a), what, tol);
                    boolean split = a.isDistributed();
                    Integer us = d.U().split(), vs = d.Vh().split();
                    Dist.collectively(() -> {
                        if (split) {
                            assertEquals(Integer.valueOf(0), us, what + ": U split");
                            assertEquals(Integer.valueOf(1), vs, what + ": Vh split (not replicated)");
                        }
                    });
                }
            }
        } finally {
            Svd.gatherLimit = limit;
            Eigh.base = 128;
        }
    }

    @Test
    void largerTallMatricesOverManyTreeLevels() {
        // 203 × 9 and 9 × 203 with every rank holding rows: the TSQR tree has ⌈log2 p⌉ levels
        Tensor full = LinalgTesting.data(DType.FLOAT64, 3, 203, 9);
        Tensor want = LocalLinalg.svd(full, false, false).s();
        for (Tensor x : new Tensor[] {full, full.transpose().copy()}) {
            for (DNDarray a : layouts(x)) {
                String what = "svd of " + desc(a);
                SVD d = Linalg.svd(a);
                LinalgTesting.assertClose(want, d.S(), what, 1e-12);
                Tensor u = d.U().gatherAll(), vh = d.Vh().gatherAll(), s = d.S().gatherAll();
                Dist.collectively(() -> assertTrue(relDiff(x, LocalLinalg.matmul(scaleColumns(u, s), vh)) < 1e-12, what + ": reconstruction"));
            }
        }
    }

    @Test
    void integerInputBecomesFloat64AndEmptyMatricesWork() {
        Tensor ints = Tensor.fromArray(new long[][] {{1, 2}, {3, 4}, {5, 6}});
        DNDarray a = Factories.fromReplicated(ints, 0);
        QR f = Linalg.qr(a);
        DType qt = f.Q().dtype();
        Dist.collectively(() -> assertEquals(DType.FLOAT64, qt));
        for (long[] shape : new long[][] {{0, 3}, {4, 0}}) {
            for (DNDarray e : layouts(Tensor.zeros(DType.FLOAT64, shape))) {
                QR q = Linalg.qr(e);
                long[] qsh = q.Q().gshape(), rsh = q.R().gshape();
                long k = Math.min(shape[0], shape[1]);
                Dist.collectively(() -> {
                    assertArrayEquals(new long[] {shape[0], k}, qsh, "Q of an empty " + desc(e));
                    assertArrayEquals(new long[] {k, shape[1]}, rsh, "R of an empty " + desc(e));
                });
            }
        }
    }

    @Test
    void badInputFailsOnEveryRank() {
        DNDarray a = Factories.fromReplicated(gold2("in tall"), 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.qr(a, "full"));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.qr(Factories.fromReplicated(Tensor.zeros(DType.FLOAT64, 4), 0)));
        if (Dist.comm().size() > 1) {
            Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.qr(a, "complete"));
            Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.svd(a, true, true));
        }
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.svd(Factories.fromReplicated(Tensor.zeros(DType.FLOAT64, 4), null)));
    }
}
