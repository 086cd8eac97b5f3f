package org.jheat.linalg;

import static org.jheat.testing.ComplexTesting.assertNear;
import static org.jheat.testing.ComplexTesting.conjT;
import static org.jheat.testing.ComplexTesting.eye;
import static org.jheat.testing.ComplexTesting.golden;
import static org.jheat.testing.ComplexTesting.reIm;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.ComplexTesting;
import org.jheat.testing.Dist;
import org.jheat.testing.Golden;
import org.junit.jupiter.api.Test;

/**
 * Distributed linear algebra on complex64/complex128 against numpy.linalg (scripts/golden/complex_linalg_golden.py):
 * matmul for every pair of layouts (replicated, each split, everything on one rank, uneven with empty slabs), dot,
 * vdot (first operand conjugated), TSQR qr and svd for tall, wide and square matrices at every layout (checked by
 * Q·R = A, QᴴQ = I, |R|; singular values and U·S·Vh = A), norms, det/solve/inv through the distributed LU at every
 * layout (several panels, uneven and empty slabs, both complex dtypes; singular matrices raise LinalgError on every
 * rank), and eigh of split Hermitian matrices by the polar divide and conquer (recursing to 2×2 blocks).
 */
class ComplexLinalgTest {
    private static final Golden G = Golden.load("/golden/complex_linalg.txt");

    private static Tensor in(String name) { return golden(G, "in " + name); }

    private static String desc(DNDarray x) { return LinalgTesting.desc(x); }

    @Test
    void matmulEveryLayoutPair() {
        Tensor a = in("A"), b = in("B");
        for (DNDarray x : LinalgTesting.layouts(a)) {
            for (DNDarray y : LinalgTesting.layouts(b)) {
                DNDarray c = Linalg.matmul(x, y);
                Tensor all = c.gatherAll();
                String what = "A " + desc(x) + " @ B " + desc(y);
                Dist.collectively(() -> {
                    assertEquals(DType.COMPLEX128, all.dtype(), what);
                    assertNear(G.doubles("matmul A B"), reIm(all), 1e-12, what);
                });
            }
        }
        // complex64, and real · complex (promoted to complex128)
        for (DNDarray x : LinalgTesting.layouts(a.astype(DType.COMPLEX64))) {
            DNDarray c = Linalg.matmul(x, Factories0.split(b.astype(DType.COMPLEX64), 1));
            Tensor all = c.gatherAll();
            Dist.collectively(() -> {
                assertEquals(DType.COMPLEX64, all.dtype());
                assertNear(G.doubles("matmul A B"), reIm(all), 2e-5, "complex64 " + desc(x));
            });
        }
        for (DNDarray f : LinalgTesting.layouts(G.tensor("in F"))) {
            Tensor all = Linalg.matmul(Factories0.split(a, 0), f).gatherAll();
            Dist.collectively(() -> assertNear(G.doubles("matmul A F"), reIm(all), 1e-12, "A @ real F " + desc(f)));
        }
    }

    @Test
    void dotAndVdot() {
        Tensor x = in("x"), y = in("y");
        for (DNDarray u : LinalgTesting.layouts(x)) {
            for (DNDarray v : LinalgTesting.layouts(y)) {
                Tensor d = Linalg.dot(u, v).gatherAll(), vd = Linalg.vdot(u, v).gatherAll();
                String what = desc(u) + " · " + desc(v);
                Dist.collectively(() -> {
                    assertEquals(0, d.ndim());
                    assertNear(G.doubles("dot x y"), reIm(d), 1e-12, "dot " + what);
                    assertNear(G.doubles("vdot x y"), reIm(vd), 1e-12, "vdot " + what);
                });
            }
        }
        Tensor d2 = Linalg.dot(Factories0.split(in("A"), 0), Factories0.split(in("B"), 1)).gatherAll();
        Dist.collectively(() -> assertNear(G.doubles("matmul A B"), reIm(d2), 1e-12, "dot of matrices"));
    }

    @Test
    void qrEveryLayout() {
        for (String name : new String[] {"T", "A", "S", "W"}) {
            Tensor full = in(name);
            int m = (int) full.shape(0), n = (int) full.shape(1), k = Math.min(m, n);
            for (DNDarray a : LinalgTesting.layouts(full)) {
                QR f = Linalg.qr(a);
                Tensor q = f.Q().gatherAll(), r = f.R().gatherAll();
                String what = name + " " + desc(a);
                Dist.collectively(() -> {
                    assertEquals(DType.COMPLEX128, q.dtype(), what);
                    assertArrayEquals(new long[] {m, k}, q.shape(), what);
                    assertArrayEquals(new long[] {k, n}, r.shape(), what);
                    double[] qv = reIm(q), rv = reIm(r);
                    assertNear(reIm(full), ComplexTesting.matmul(qv, m, k, rv, n), 1e-12, what + ": Q·R = A");
                    assertNear(eye(k), ComplexTesting.matmul(conjT(qv, m, k), k, m, qv, k), 1e-12, what + ": QᴴQ = I");
                    double[] absR = new double[k * n];
                    for (int i = 0; i < k * n; i++) absR[i] = i / n > i % n ? rv[2 * i] + rv[2 * i + 1] : Math.hypot(rv[2 * i], rv[2 * i + 1]);
                    assertNear(G.doubles("qr " + name + " absr"), absR, 1e-12, what + ": |R| (zero below the diagonal)");
                });
            }
        }
        // complex64 through the TSQR
        for (DNDarray a : LinalgTesting.layouts(in("T").astype(DType.COMPLEX64))) {
            QR f = Linalg.qr(a);
            Tensor q = f.Q().gatherAll(), r = f.R().gatherAll();
            Dist.collectively(() -> {
                assertEquals(DType.COMPLEX64, r.dtype());
                assertNear(reIm(in("T")), ComplexTesting.matmul(reIm(q), 13, 4, reIm(r), 4), 2e-5, "complex64 Q·R " + desc(a));
            });
        }
    }

    @Test
    void svdEveryLayout() {
        for (String name : new String[] {"T", "A", "S", "W"}) {
            Tensor full = in(name);
            int m = (int) full.shape(0), n = (int) full.shape(1), k = Math.min(m, n);
            for (DNDarray a : LinalgTesting.layouts(full)) {
                SVD f = Linalg.svd(a);
                Tensor u = f.U().gatherAll(), s = f.S().gatherAll(), vh = f.Vh().gatherAll();
                Tensor sOnly = Linalg.svdvals(a).gatherAll();
                String what = name + " " + desc(a);
                Dist.collectively(() -> {
                    assertEquals(DType.FLOAT64, s.dtype(), what);
                    double[] sv = s.toDoubleArray();
                    assertNear(G.doubles("svd " + name + " s"), sv, 1e-12, what + ": singular values");
                    assertNear(G.doubles("svd " + name + " s"), sOnly.toDoubleArray(), 1e-12, what + ": svdvals");
                    double[] us = reIm(u);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < k; j++) {
                            us[2 * (i * k + j)] *= sv[j];
                            us[2 * (i * k + j) + 1] *= sv[j];
                        }
                    }
                    assertNear(reIm(full), ComplexTesting.matmul(us, m, k, reIm(vh), n), 1e-12, what + ": U·S·Vh = A");
                });
            }
        }
    }

    @Test
    void norms() {
        for (String name : new String[] {"T", "W"}) {
            for (DNDarray a : LinalgTesting.layouts(in(name))) {
                double fro = Linalg.norm(a).itemDouble();
                double two = Linalg.norm(a, 2.0).itemDouble(), nuc = Linalg.norm(a, "nuc").itemDouble();
                double one = Linalg.norm(a, 1.0).itemDouble();
                DType t = Linalg.norm(a).dtype();
                double[] s = G.doubles("svd " + name + " s");
                Tensor full = in(name);
                double[] v = reIm(full);
                int m = (int) full.shape(0), n = (int) full.shape(1);
                double maxCol = 0;
                for (int j = 0; j < n; j++) {
                    double c = 0;
                    for (int i = 0; i < m; i++) c += Math.hypot(v[2 * (i * n + j)], v[2 * (i * n + j) + 1]);
                    maxCol = Math.max(maxCol, c);
                }
                double want1 = maxCol;
                String what = name + " " + desc(a);
                Dist.collectively(() -> {
                    assertEquals(DType.FLOAT64, t, what);
                    assertEquals(G.scalar("norm " + name), fro, 1e-12 * fro, what + ": Frobenius");
                    assertEquals(s[0], two, 1e-12 * two, what + ": 2-norm");
                    assertEquals(java.util.Arrays.stream(s).sum(), nuc, 1e-12 * nuc, what + ": nuclear");
                    assertEquals(want1, one, 1e-12 * one, what + ": 1-norm");
                });
            }
        }
        for (DNDarray x : LinalgTesting.layouts(in("x"))) {
            double nx = Linalg.norm(x).itemDouble();
            Dist.collectively(() -> assertEquals(G.scalar("norm x"), nx, 1e-12 * nx, "vector 2-norm " + desc(x)));
        }
    }

    @Test
    void eighSolveInvReplicatedAndBatchSplit() {
        DNDarray h = Factories0.split(in("H"), null);
        EighResult e = Linalg.eigh(h);
        Tensor w = e.eigenvalues().gatherAll(), v = e.eigenvectors().gatherAll();
        Dist.collectively(() -> {
            assertEquals(DType.FLOAT64, w.dtype());
            assertNear(G.doubles("eigh H w"), w.toDoubleArray(), 1e-12, "eigh eigenvalues");
            double[] vv = reIm(v), hv = ComplexTesting.matmul(reIm(in("H")), 6, 6, vv, 6), vw = vv.clone();
            double[] ws = w.toDoubleArray();
            for (int i = 0; i < 36; i++) {
                vw[2 * i] *= ws[i % 6];
                vw[2 * i + 1] *= ws[i % 6];
            }
            assertNear(hv, vw, 1e-12, "A·v = λ·v");
        });
        DNDarray s = Factories0.split(in("S"), null);
        for (DNDarray b : LinalgTesting.layouts(in("R"))) {
            Tensor x = Linalg.solve(s, b).gatherAll();
            Dist.collectively(() -> assertNear(G.doubles("solve S R"), reIm(x), 1e-11, "solve with b " + desc(b)));
        }
        Tensor inv = Linalg.inv(s).gatherAll();
        Dist.collectively(() -> assertNear(G.doubles("inv S"), reIm(inv), 1e-11, "inv"));
        // a stack split along its batch axis: local LAPACK per matrix
        Tensor stack = in("E");
        Tensor sq = Linalg.matmul(Factories0.split(stack, 0), Factories0.split(stack, 0)).gatherAll();
        Dist.collectively(() -> assertNear(G.doubles("matmul E E"), reIm(sq), 1e-12, "batched matmul split 0"));
        Tensor ev = Linalg.eigh(Factories0.split(stack, 0)).eigenvalues().gatherAll();
        Dist.collectively(() -> assertArrayEquals(new long[] {2, 3}, ev.shape()));
    }

    @Test
    void detSolveInvEveryLayoutThroughTheDistributedLu() {
        Lu.nb = 2;   // several panels even for these small matrices
        try {
            for (DType t : new DType[] {DType.COMPLEX128, DType.COMPLEX64}) {
                double tol = t == DType.COMPLEX64 ? 1e-4 : 1e-11;
                Tensor n = in("N").astype(t), q = in("Q").astype(t);
                for (DNDarray a : LinalgTesting.layouts(n)) {
                    String what = t + " N " + desc(a);
                    DNDarray d = Linalg.det(a);
                    Tensor det = d.gatherAll(), inv = Linalg.inv(a).gatherAll();
                    boolean replicated = d.split() == null;
                    for (DNDarray b : new DNDarray[] {Factories0.split(q, null), Factories0.split(q, 0), Factories0.split(q, 1)}) {
                        Tensor x = Linalg.solve(a, b).gatherAll();
                        Dist.collectively(() -> {
                            assertEquals(t, x.dtype(), what);
                            assertNear(G.doubles("solve N Q"), reIm(x), tol, what + ", b " + desc(b));
                        });
                    }
                    Tensor x0 = Linalg.solve(a, Factories0.split(q.select(1, 0).contiguous(), 0)).gatherAll();
                    Dist.collectively(() -> {
                        assertTrue(replicated, what + ": det replicated");
                        assertEquals(t, det.dtype(), what);
                        assertNear(G.doubles("det N"), reIm(det), tol, what + ": det");
                        assertNear(G.doubles("inv N"), reIm(inv), tol, what + ": inv");
                        assertNear(G.doubles("solve N Q0"), reIm(x0), tol, what + ": solve with a vector");
                    });
                }
            }
            // a stack: batch split (local LAPACK) and matrix splits (one distributed LU per matrix)
            for (DNDarray e : LinalgTesting.layouts(in("E"))) {
                Tensor det = Linalg.det(e).gatherAll();
                Dist.collectively(() -> assertNear(G.doubles("det E"), reIm(det), 1e-12, "det E " + desc(e)));
            }
            for (DNDarray s : LinalgTesting.layouts(in("S"))) {
                Tensor det = Linalg.det(s).gatherAll(), p = Linalg.det(Factories0.split(in("P"), s.split())).gatherAll();
                Dist.collectively(() -> {
                    assertNear(G.doubles("det S"), reIm(det), 1e-12, "det S " + desc(s));
                    assertNear(G.doubles("det P"), reIm(p), 1e-12, "det P");
                });
            }
        } finally {
            Lu.nb = 96;
        }
    }

    @Test
    void singularAndBadComplexInputRaiseEverywhere() {
        for (DNDarray z : LinalgTesting.layouts(in("Z"))) {
            Tensor det = Linalg.det(z).gatherAll();
            Dist.collectively(() -> assertNear(new double[] {0, 0}, reIm(det), 0, "det of singular Z " + desc(z)));
            org.jheat.tensor.LinalgError e = assertThrowsEverywhere(org.jheat.tensor.LinalgError.class, () -> Linalg.inv(z));
            assertTrue(e.getMessage().contains("inv") && e.getMessage().contains("singular"), e.getMessage());
            e = assertThrowsEverywhere(org.jheat.tensor.LinalgError.class,
                    () -> Linalg.solve(z, Factories0.split(in("x").narrow(0, 0, 3).contiguous(), null)));
            assertTrue(e.getMessage().contains("solve") && e.getMessage().contains("singular"), e.getMessage());
        }
        for (DNDarray a : LinalgTesting.layouts(in("A"))) {   // 7×5: not square, raised before any message
            IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.det(a));
            assertTrue(e.getMessage().contains("det") && e.getMessage().contains("square"), e.getMessage());
            e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.inv(a));
            assertTrue(e.getMessage().contains("inv") && e.getMessage().contains("square"), e.getMessage());
        }
    }

    @Test
    void eighOfSplitHermitianMatricesByPolarDivideAndConquer() {
        long saved = Eigh.base;
        Eigh.base = 2;   // recurse down to 2×2 blocks even for this 6×6 matrix
        try {
            for (DType t : new DType[] {DType.COMPLEX128, DType.COMPLEX64}) {
                double tol = t == DType.COMPLEX64 ? 2e-4 : 1e-10;
                for (DNDarray h : LinalgTesting.layouts(in("H").astype(t))) {
                    EighResult e = Linalg.eigh(h);
                    Tensor w = e.eigenvalues().gatherAll(), v = e.eigenvectors().gatherAll().astype(DType.COMPLEX128);
                    String what = t + " H " + desc(h);
                    Dist.collectively(() -> {
                        assertEquals(t == DType.COMPLEX64 ? DType.FLOAT32 : DType.FLOAT64, w.dtype(), what);
                        double[] ws = w.astype(DType.FLOAT64).toDoubleArray();
                        assertNear(G.doubles("eigh H w"), ws, tol, what + ": eigenvalues");
                        double[] vv = reIm(v), hv = ComplexTesting.matmul(reIm(in("H")), 6, 6, vv, 6), vw = vv.clone();
                        for (int i = 0; i < 36; i++) {
                            vw[2 * i] *= ws[i % 6];
                            vw[2 * i + 1] *= ws[i % 6];
                        }
                        assertNear(hv, vw, 10 * tol, what + ": A·v = λ·v");
                        assertNear(eye(6), ComplexTesting.matmul(conjT(vv, 6, 6), 6, 6, vv, 6), 10 * tol, what + ": VᴴV = I");
                    });
                }
            }
            // only the lower triangle (and the diagonal's real parts) is read, as numpy's default UPLO='L'
            Tensor g = in("H").copy();
            g.setComplex(new org.jheat.tensor.Complex(7, 7), 0, 5);
            g.setComplex(new org.jheat.tensor.Complex(g.getComplex(2, 2).re(), 3), 2, 2);
            Tensor w = Linalg.eigh(Factories0.split(g, 0)).eigenvalues().gatherAll();
            Dist.collectively(() -> assertNear(G.doubles("eigh H w"), w.toDoubleArray(), 1e-10, "lower triangle only"));
        } finally {
            Eigh.base = saved;
        }
    }

    /** A reproducible (same on every rank) random complex n×n matrix, Hermitian when asked. */
    private static Tensor random(long n, boolean hermitian, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] v = new double[(int) (2 * n * n)];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
        if (hermitian) {
            double[] h = new double[v.length];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    h[(int) (2 * (i * n + j))] = v[(int) (2 * (i * n + j))] + v[(int) (2 * (j * n + i))];
                    h[(int) (2 * (i * n + j)) + 1] = v[(int) (2 * (i * n + j)) + 1] - v[(int) (2 * (j * n + i)) + 1];
                }
            }
            v = h;
        }
        return ComplexTesting.tensor(DType.COMPLEX128, v, n, n);
    }

    @Test
    void largerRandomMatricesAgainstLapack() {
        Lu.nb = 4;
        long saved = Eigh.base;
        Eigh.base = 5;
        try {
            Tensor a = random(23, false, 11), b = random(23, false, 12).narrow(1, 0, 3).contiguous();
            double[] x = reIm(org.jheat.tensor.LocalLinalg.solve(a, b)), d = reIm(org.jheat.tensor.LocalLinalg.det(a));
            double[] ai = reIm(org.jheat.tensor.LocalLinalg.inv(a));
            Tensor h = random(21, true, 13);
            double[] w = org.jheat.tensor.LocalLinalg.eigvalsh(h, true).toDoubleArray();
            for (DNDarray da : LinalgTesting.layouts(a)) {
                Tensor xs = Linalg.solve(da, Factories0.split(b, 0)).gatherAll(), ds = Linalg.det(da).gatherAll(), is = Linalg.inv(da).gatherAll();
                Dist.collectively(() -> {
                    assertNear(x, reIm(xs), 1e-10, "solve 23×23 " + desc(da));
                    assertNear(ai, reIm(is), 1e-10, "inv 23×23 " + desc(da));
                    assertEquals(1, Math.hypot(reIm(ds)[0], reIm(ds)[1]) / Math.hypot(d[0], d[1]), 1e-10, "|det| " + desc(da));
                    assertNear(new double[] {d[0] / Math.hypot(d[0], d[1]), d[1] / Math.hypot(d[0], d[1])},
                            new double[] {reIm(ds)[0] / Math.hypot(d[0], d[1]), reIm(ds)[1] / Math.hypot(d[0], d[1])}, 1e-10, "det phase " + desc(da));
                });
            }
            for (DNDarray dh : LinalgTesting.layouts(h)) {
                EighResult e = Linalg.eigh(dh);
                Tensor ws = e.eigenvalues().gatherAll(), vs = e.eigenvectors().gatherAll();
                Dist.collectively(() -> {
                    assertNear(w, ws.toDoubleArray(), 1e-10, "eigh 21×21 " + desc(dh));
                    double[] vv = reIm(vs), hv = ComplexTesting.matmul(reIm(h), 21, 21, vv, 21), vw = vv.clone();
                    for (int i = 0; i < 21 * 21; i++) {
                        vw[2 * i] *= w[i % 21];
                        vw[2 * i + 1] *= w[i % 21];
                    }
                    assertNear(hv, vw, 1e-9, "H·V = V·Λ " + desc(dh));
                });
            }
        } finally {
            Lu.nb = 96;
            Eigh.base = saved;
        }
    }

    @Test
    void polarEveryLayoutMatchesScipy() {
        for (DType t : new DType[] {DType.COMPLEX128, DType.COMPLEX64}) {
            double tol = t == DType.COMPLEX64 ? 1e-4 : 1e-10;
            for (DNDarray a : LinalgTesting.layouts(in("N").astype(t))) {
                PolarResult p = Linalg.polar(a);
                Tensor u = p.U().gatherAll(), h = p.H().gatherAll();
                String what = t + " polar N " + desc(a);
                Dist.collectively(() -> {
                    assertEquals(t, u.dtype(), what);
                    assertNear(G.doubles("polar N u"), reIm(u), tol, what + ": U");
                    assertNear(G.doubles("polar N h"), reIm(h), tol, what + ": H");
                    double[] hv = reIm(h);
                    assertNear(conjT(hv, 9, 9), hv, 0, what + ": H exactly Hermitian");
                });
            }
        }
    }

    @Test
    void condestIsRealOnlyAndRaisesEverywhere() {
        for (int split = 0; split < 2; split++) {
            DNDarray s = Factories0.split(in("S"), split);
            IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.condest(s));
            assertTrue(e.getMessage().contains("condest") && e.getMessage().contains("complex") && e.getMessage().contains("det"), e.getMessage());
        }
    }

    /** outer, cross, vecdot (x1 conjugated, numpy 2) and einsum, built from element-wise operations, at every layout. */
    @Test
    void productsOfElementWiseOperationsEveryLayout() {
        for (DNDarray x : LinalgTesting.layouts(in("X3"))) {
            DNDarray y = Factories0.split(in("Y3"), x.split());
            check("cross X3 Y3", Linalg.cross(x, y), "cross " + desc(x));
            check("cross2 X3 Y3", Linalg.cross(x.get(org.jheat.core.Index.all(), org.jheat.core.Index.slice(0, 2)),
                    y.get(org.jheat.core.Index.all(), org.jheat.core.Index.slice(0, 2))), "cross of 2-vectors " + desc(x));
            check("vecdot X3 Y3", Linalg.vecdot(x, y), "vecdot " + desc(x));
            check("vecdot0 X3 Y3", Linalg.vecdot(x, y, 0, false), "vecdot axis 0 " + desc(x));
        }
        for (DNDarray v : LinalgTesting.layouts(in("V"))) {
            for (DNDarray u : LinalgTesting.layouts(in("U4"))) check("outer V U4", Linalg.outer(v, u), "outer " + desc(v) + " " + desc(u));
        }
        for (DNDarray t : LinalgTesting.layouts(in("Te"))) {
            check("einsum ijk,kjl->il", Linalg.einsum("ijk,kjl->il", t, Factories0.split(in("Ue"), t.split())), "einsum " + desc(t));
        }
        for (DNDarray a : LinalgTesting.layouts(in("S"))) check("einsum ii->", Linalg.einsum("ii->", a), "trace einsum " + desc(a));
        for (DNDarray a : LinalgTesting.layouts(in("A"))) {
            DNDarray r0 = Factories0.split(in("R").select(1, 0).contiguous(), null);
            check("einsum ...j,j->...", Linalg.einsum("...j,j->...", a, r0), "einsum with ellipsis " + desc(a));
        }
        Tensor c64 = Linalg.outer(Factories0.split(in("V").astype(DType.COMPLEX64), 0), Factories0.split(in("U4").astype(DType.COMPLEX64), null)).gatherAll();
        Dist.collectively(() -> {
            assertEquals(DType.COMPLEX64, c64.dtype());
            assertNear(G.doubles("outer V U4"), reIm(c64), 2e-5, "complex64 outer");
        });
    }

    /** scipy's solve_triangular on complex matrices: every layout of a and b, lower/upper, unit diagonal, vector b. */
    @Test
    void solveTriangularEveryLayout() {
        Tensor tl = in("Tl"), tb = in("Tb"), tu = tl.transpose().contiguous();
        for (DNDarray a : LinalgTesting.layouts(tl)) {
            DNDarray au = Factories0.split(tu, a.split());
            for (DNDarray b : LinalgTesting.layouts(tb)) {
                String what = desc(a) + " b " + desc(b);
                check("trisolve lower", Linalg.solveTriangular(a, b, true), "lower " + what);
                check("trisolve upper", Linalg.solveTriangular(au, b, false), "upper " + what);
                check("trisolve lower unit", Linalg.solveTriangular(a, b, true, true), "unit " + what);
            }
            check("trisolve lower vector", Linalg.solveTriangular(a, Factories0.split(tb.select(1, 0).contiguous(), a.split() == null ? null : 0), true), "vector " + desc(a));
            Tensor c64 = Linalg.solveTriangular(Factories0.split(tl.astype(DType.COMPLEX64), a.split()), Factories0.split(tb.astype(DType.COMPLEX64), null), true).gatherAll();
            Dist.collectively(() -> {
                assertEquals(DType.COMPLEX64, c64.dtype());
                assertNear(G.doubles("trisolve lower"), reIm(c64), 1e-4, "complex64 " + desc(a));
            });
            // a zero diagonal entry (both parts) is singular on every rank
            Tensor z = tl.copy();
            z.setComplex(new org.jheat.tensor.Complex(0, 0), 5, 5);
            DNDarray zs = Factories0.split(z, a.split());
            assertThrowsEverywhere(org.jheat.tensor.LinalgError.class, () -> Linalg.solveTriangular(zs, Factories0.split(tb, null), true));
            Tensor zi = tl.copy();
            zi.setComplex(new org.jheat.tensor.Complex(0, 2), 5, 5);  // imaginary diagonal: not singular
            Linalg.solveTriangular(Factories0.split(zi, a.split()), Factories0.split(tb, null), true);
        }
    }

    private static void check(String key, DNDarray got, String what) {
        Tensor all = got.gatherAll();
        Dist.collectively(() -> {
            assertEquals(DType.COMPLEX128, all.dtype(), what);
            assertArrayEquals(G.shape(key), all.shape(), what);
            assertNear(G.doubles(key), reIm(all), 1e-12, what);
        });
    }

    /** Balanced distributed copies of a full tensor. */
    private static final class Factories0 {
        static DNDarray split(Tensor full, Integer split) {
            return org.jheat.core.Factories.fromReplicated(full, split);
        }
    }
}
