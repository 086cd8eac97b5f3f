package org.jheat.linalg;

import static org.jheat.linalg.LinalgTesting.assertClose;
import static org.jheat.linalg.LinalgTesting.desc;
import static org.jheat.linalg.LinalgTesting.gold;
import static org.jheat.linalg.LinalgTesting.keys;
import static org.jheat.linalg.LinalgTesting.layouts;
import static org.jheat.linalg.LinalgTesting.someLayouts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.tensor.DType;
import org.jheat.tensor.LinalgError;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * det, inv, solve, solveTriangular, condest and matrixExp against numpy/scipy golden values (well-conditioned,
 * ill-conditioned (Hilbert), singular, permutation, stacks, float32) and against LAPACK (LocalLinalg) on the
 * gathered matrix for larger matrices whose LU crosses many panel boundaries, every layout, uneven and empty slabs;
 * singular matrices raise the same LinalgError on every rank.
 */
class SolversTest {

    @AfterEach
    void restorePanel() {
        Lu.nb = 96;
    }

    private static Tensor in(String name) {
        return gold("in " + name);
    }

    /** Relative tolerance for results of a matrix with this 1-norm condition number. */
    private static double tol(DType t, double cond) {
        double eps = t == DType.FLOAT32 ? 6e-8 : 1.1e-16;
        return Math.max(t == DType.FLOAT32 ? 2e-5 : 1e-12, 50 * eps * cond);
    }

    /** The golden 1-norm condition number of an input, or {@code otherwise} when it has none. */
    private static double condOr(String name, double otherwise) {
        Tensor c = LinalgTesting.golden().get("cond1:" + name);
        return c == null ? otherwise : c.getDouble();
    }

    @Test
    void detInvSolveMatchNumpy() {
        Lu.nb = 3;   // several panels even for these small matrices
        for (String key : keys("det:")) {
            String name = key.substring(4);
            Tensor want = gold(key);
            for (DNDarray a : someLayouts(in(name))) {
                // det of a singular matrix is 0 up to rounding of the elimination
                double scale = Math.max(1, Math.abs(want.size() == 1 ? want.getDoubleFlat(0) : 1));
                assertClose(want, Linalg.det(a), key + " of " + desc(a), tol(want.dtype(), condOr(name, 1e3)) * scale);
            }
        }
        for (String key : keys("inv:")) {
            String name = key.substring(4);
            for (DNDarray a : someLayouts(in(name))) {
                DNDarray r = Linalg.inv(a);
                assertClose(gold(key), r, key + " of " + desc(a), tol(gold(key).dtype(), condOr(name, 100)));
                Integer s = a.split();
                Dist.collectively(() -> assertEquals(s, r.split(), "inv keeps the split"));
            }
        }
        for (String key : keys("solve:")) {
            String[] n = key.substring(6).split(",");
            for (DNDarray[] ab : LinalgTesting.linearCombinations(in(n[0]), in(n[1]))) {
                assertClose(gold(key), Linalg.solve(ab[0], ab[1]), key + " of " + desc(ab[0]) + ", " + desc(ab[1]),
                        tol(gold(key).dtype(), condOr(n[0], 100)));
            }
        }
        for (String key : keys("solvetri:")) {
            String[] p = key.split(":");
            String[] n = p[2].split(",");
            for (DNDarray[] ab : LinalgTesting.linearCombinations(in(n[0]), in(n[1]))) {
                assertClose(gold(key), Linalg.solveTriangular(ab[0], ab[1], p[1].equals("1")), key + " of " + desc(ab[0]) + ", " + desc(ab[1]), 1e-12);
            }
        }
    }

    @Test
    void matrixExpMatchesScipy() {
        for (String key : keys("expm:")) {
            String name = key.substring(5);
            Tensor want = gold(key);
            for (DNDarray a : someLayouts(in(name))) {
                DNDarray r = Linalg.matrixExp(a);
                assertClose(want, r, key + " of " + desc(a), want.dtype() == DType.FLOAT32 ? 1e-5 : 1e-11);
                Integer s = a.split();
                Dist.collectively(() -> assertEquals(s, r.split(), "matrixExp keeps the split"));
            }
        }
    }

    @Test
    void condestBoundsTheConditionNumber() {
        for (String key : keys("cond1:")) {
            double want = gold(key).getDouble();
            for (DNDarray a : someLayouts(in(key.substring(6)))) {
                double est = Linalg.condest(a).itemDouble();
                String what = key + " of " + desc(a) + ": " + est + " vs " + want;
                Dist.collectively(() -> assertTrue(est <= want * (1 + 1e-6) && est >= want / 3, what));
            }
        }
        DNDarray s = Factories.fromReplicated(in("sing4"), 0);
        double inf = Linalg.condest(s).itemDouble();
        Dist.collectively(() -> assertEquals(Double.POSITIVE_INFINITY, inf));
    }

    /** A well-conditioned n×n test matrix (distinct entries, diagonal boost). */
    private static Tensor matrix(DType t, long n, long seed) {
        Tensor a = LinalgTesting.data(t, seed, n, n);
        for (long i = 0; i < n; i++) a.setDouble(a.getDouble(i, i) + 2 * n + 3.25, i, i);
        return a;
    }

    @Test
    void againstLapackOnTheGatheredMatrixEveryLayout() {
        Lu.nb = 4;
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (long n : new long[] {1, 2, 3, 13}) {
                Tensor a = matrix(t, n, 3), b = LinalgTesting.data(t, 4, n, 5), v = LinalgTesting.data(t, 5, n);
                Tensor det = LocalLinalg.det(a), inv = LocalLinalg.inv(a), x = LocalLinalg.solve(a, b), xv = LocalLinalg.solve(a, v);
                double tl = t == DType.FLOAT32 ? 1e-4 : 1e-11;
                for (DNDarray da : layouts(a)) {
                    assertClose(det, Linalg.det(da), "det " + n + " " + desc(da), tl);
                    assertClose(inv, Linalg.inv(da), "inv " + n + " " + desc(da), tl);
                    for (DNDarray db : t == DType.FLOAT64 && n == 13 ? layouts(b) : someLayouts(b)) {
                        assertClose(x, Linalg.solve(da, db), "solve " + desc(da) + " " + desc(db), tl);
                    }
                    for (DNDarray dv : someLayouts(v)) assertClose(xv, Linalg.solve(da, dv), "solve " + desc(da) + " " + desc(dv), tl);
                }
            }
        }
    }

    @Test
    void stacksEveryLayout() {
        Lu.nb = 2;
        Tensor a = LinalgTesting.data(DType.FLOAT64, 7, 3, 5, 5);
        for (long q = 0; q < 3; q++) for (long i = 0; i < 5; i++) a.setDouble(a.getDouble(q, i, i) + 9, q, i, i);
        Tensor b = LinalgTesting.data(DType.FLOAT64, 8, 3, 5, 2), c = LinalgTesting.data(DType.FLOAT64, 9, 5, 2);
        Tensor det = LocalLinalg.det(a), inv = LocalLinalg.inv(a), x = LocalLinalg.solve(a, b), xc = LocalLinalg.solve(a, c);
        for (DNDarray da : layouts(a)) {
            assertClose(det, Linalg.det(da), "det " + desc(da), 1e-11);
            assertClose(inv, Linalg.inv(da), "inv " + desc(da), 1e-11);
            for (DNDarray db : someLayouts(b)) assertClose(x, Linalg.solve(da, db), "solve " + desc(da) + " " + desc(db), 1e-11);
            assertClose(xc, Linalg.solve(da, Factories.fromReplicated(c, 0)), "solve " + desc(da) + " rows of c", 1e-11);
        }
    }

    @Test
    void singularMatricesFailOnEveryRank() {
        for (String name : new String[] {"sing4", "zero3"}) {
            for (DNDarray a : someLayouts(in(name))) {
                DNDarray b = Factories.fromReplicated(LinalgTesting.data(DType.FLOAT64, 1, a.gshape()[0]), 0);
                LinalgError e1 = Dist.assertThrowsEverywhere(LinalgError.class, () -> Linalg.inv(a));
                LinalgError e2 = Dist.assertThrowsEverywhere(LinalgError.class, () -> Linalg.solve(a, b));
                Dist.collectively(() -> {
                    assertTrue(e1.getMessage().contains("singular"), e1.getMessage());
                    assertTrue(e2.getMessage().contains("singular"), e2.getMessage());
                });
                assertClose(Tensor.zeros(DType.FLOAT64), Linalg.det(a), "det of " + name, 1e-12);
            }
        }
        Tensor u = in("up7").copy();
        u.setDouble(0.0, 4, 4);
        for (DNDarray a : someLayouts(u)) {
            DNDarray b = Factories.fromReplicated(in("rhs7"), null);
            LinalgError e = Dist.assertThrowsEverywhere(LinalgError.class, () -> Linalg.solveTriangular(a, b, false));
            Dist.collectively(() -> assertTrue(e.getMessage().contains("diagonal 4"), e.getMessage()));
        }
    }

    /**
     * A stack split along its batch axis is solved by each process on its own matrices: one singular (or NaN) matrix
     * must still fail on every process, not only on its owner (which left the others in the next collective).
     */
    @Test
    void oneBadMatrixOfABatchSplitStackFailsOnEveryRank() {
        int p = Dist.comm().size();
        long q = p + 1;   // the last matrix on the last rank, empty ranks in the piled layouts
        Tensor a = LinalgTesting.data(DType.FLOAT64, 3, q, 4, 4);
        for (long k = 0; k < q; k++) for (long i = 0; i < 4; i++) a.setDouble(a.getDouble(k, i, i) + 9, k, i, i);
        Tensor singular = a.copy(), nan = a.copy();
        for (long i = 0; i < 4; i++) for (long j = 0; j < 4; j++) singular.setDouble(1.0, q - 1, i, j);
        nan.setDouble(Double.NaN, q - 1, 1, 2);
        Tensor b = LinalgTesting.data(DType.FLOAT64, 4, q, 4, 2);
        for (DNDarray da : someLayouts(singular)) {
            LinalgError e1 = Dist.assertThrowsEverywhere(LinalgError.class, () -> Linalg.inv(da));
            LinalgError e2 = Dist.assertThrowsEverywhere(LinalgError.class, () -> Linalg.solve(da, Factories.fromReplicated(b, da.splitAxis() == 0 ? 0 : null)));
            Dist.collectively(() -> {
                assertTrue(e1.getMessage().contains("singular"), e1.getMessage());
                assertTrue(e2.getMessage().contains("singular"), e2.getMessage());
            });
            DNDarray det = Linalg.det(da);
            double d = det.resplit(null).larray().getDouble(q - 1);
            Dist.collectively(() -> assertEquals(0.0, d, 1e-9, "det of the singular matrix, " + desc(da)));
        }
        for (DNDarray da : someLayouts(nan)) {
            Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.svd(da, false, true));
            Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.svdvals(da));
            // LAPACK's eigh may or may not see the NaN (numpy returns finite eigenvalues here): only the outcome must agree
            long threw;
            try {
                Linalg.eigh(da);
                threw = 0;
            } catch (IllegalArgumentException e) {
                threw = 1;
            }
            long[] all = Dist.comm().allgather(threw);
            Dist.collectively(() -> assertTrue(java.util.Arrays.stream(all).distinct().count() == 1, "eigh's outcome differs between ranks, " + desc(da)));
            Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.matrixNorm(da, 2.0, null, false));
        }
    }

    /** numpy's det as sign·exp(log|det|): an overflowing determinant is ±inf and a NaN entry gives NaN, on every layout. */
    @Test
    void detOverflowAndNaNAsNumpy() {
        Tensor big = Tensor.zeros(DType.FLOAT64, 200, 200);
        for (long i = 0; i < 200; i++) big.setDouble(i == 7 ? -100.0 : 100.0, i, i);
        Tensor nan = Tensor.full(DType.FLOAT64, 1.0, 2, 2);
        nan.setDouble(Double.NaN, 0, 0);
        for (DNDarray a : someLayouts(big)) {
            double d = Linalg.det(a).itemDouble();
            Dist.collectively(() -> assertEquals(Double.NEGATIVE_INFINITY, d, "det of 100·I with one -100, " + desc(a)));
        }
        for (DNDarray a : someLayouts(nan)) {
            double d = Linalg.det(a).itemDouble();
            Dist.collectively(() -> assertTrue(Double.isNaN(d), "det with NaN, " + desc(a) + ": " + d));
        }
    }

    @Test
    void badShapesFailBeforeCommunicating() {
        DNDarray r = Factories.zeros(new long[] {3, 4}, DType.FLOAT64, 0), s = Factories.zeros(new long[] {4, 4}, DType.FLOAT64, 1);
        DNDarray v3 = Factories.zeros(new long[] {3}, DType.FLOAT64, 0);
        for (String op : new String[] {"det", "inv", "matrixExp", "condest"}) {
            IllegalArgumentException e = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> {
                switch (op) {
                    case "det" -> Linalg.det(r);
                    case "inv" -> Linalg.inv(r);
                    case "matrixExp" -> Linalg.matrixExp(r);
                    default -> Linalg.condest(r);
                }
            });
            Dist.collectively(() -> assertTrue(e.getMessage().contains("square") && e.getMessage().contains("(3, 4)"), op + ": " + e.getMessage()));
        }
        IllegalArgumentException e = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.solve(s, v3));
        Dist.collectively(() -> assertTrue(e.getMessage().contains("(4, 4)") && e.getMessage().contains("(3,)"), e.getMessage()));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.det(v3));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.solveTriangular(s, v3, true));
    }
}
