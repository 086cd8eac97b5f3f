package org.jheat.tensor;

import static org.jheat.testing.ComplexTesting.assertNear;
import static org.jheat.testing.ComplexTesting.conjT;
import static org.jheat.testing.ComplexTesting.eye;
import static org.jheat.testing.ComplexTesting.golden;
import static org.jheat.testing.ComplexTesting.reIm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.testing.ComplexTesting;
import org.jheat.testing.Golden;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * complex64/complex128 in the local BLAS/LAPACK kernels against numpy.linalg (scripts/golden/complex_linalg_golden.py):
 * products through c/zgemm (no conjugation, transposed and strided views), dot, solve, inv, and the factorisations
 * checked by their defining properties and their unique parts (singular values, eigenvalues, |R|).
 */
@Tag("local")
class LocalLinalgComplexTest {
    private static final Golden G = Golden.load("/golden/complex_linalg.txt");
    private static final double TOL = 1e-12, TOL32 = 2e-5;

    private static Tensor in(String name) { return golden(G, "in " + name); }

    private static Tensor c64(Tensor z) { return z.astype(DType.COMPLEX64); }

    @Test
    void matmulIsZgemmWithoutConjugation() {
        Tensor a = in("A"), b = in("B");
        assertNear(G.doubles("matmul A B"), reIm(LocalLinalg.matmul(a, b)), TOL, "A@B");
        Tensor p32 = LocalLinalg.matmul(c64(a), c64(b));
        assertEquals(DType.COMPLEX64, p32.dtype());
        assertNear(G.doubles("matmul A B"), reIm(p32), TOL32, "A@B complex64");
        // a transposed view is BLAS's TRANS (not CONJTRANS); a column-major output; a strided operand (copied)
        assertNear(G.doubles("matmul AT A"), reIm(LocalLinalg.matmul(a.transpose(), a)), TOL, "A.T@A");
        Tensor at = a.transpose().copy().transpose();   // column-major storage of A
        assertNear(G.doubles("matmul A B"), reIm(LocalLinalg.matmul(at, b)), TOL, "F-order A @ B");
        Tensor wide = Tensor.empty(DType.COMPLEX128, 5, 12);
        Tensor strided = wide.slice(1, 0L, 12L, 2);
        strided.copyFrom(b);
        assertNear(G.doubles("matmul A B"), reIm(LocalLinalg.matmul(a, strided)), TOL, "A @ strided B");
        Tensor c = Tensor.zeros(DType.COMPLEX128, 7, 6);
        LocalLinalg.gemm(1.0, a, b, 0.0, c.transpose().copy().transpose());   // gemm into a column-major view
        LocalLinalg.gemm(1.0, a, b, 0.0, c);
        assertNear(G.doubles("matmul A B"), reIm(c), TOL, "gemm");
        LocalLinalg.gemm(2.0, a, b, -1.0, c);      // 2AB - AB
        assertNear(G.doubles("matmul A B"), reIm(c), 1e-11, "gemm alpha, beta");
        // real · complex promotes (numpy: complex128)
        Tensor mixed = LocalLinalg.matmul(a, G.tensor("in F"));
        assertEquals(DType.COMPLEX128, mixed.dtype());
        assertNear(G.doubles("matmul A F"), reIm(mixed), TOL, "A@F");
        // batches
        assertNear(G.doubles("matmul E E"), reIm(LocalLinalg.matmul(in("E"), in("E"))), TOL, "stack");
        // a complex product into a real output would lose the imaginary parts
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalLinalg.gemm(1.0, a, b, 0.0, Tensor.zeros(DType.FLOAT64, 7, 6)));
        assertTrue(e.getMessage().contains("complex result"), e.getMessage());
    }

    @Test
    void dotOfVectorsAndScalars() {
        Tensor x = in("x"), y = in("y");
        Tensor d = LocalLinalg.dot(x, y);
        assertEquals(0, d.ndim());
        assertNear(G.doubles("dot x y"), reIm(d), TOL, "dot");
        assertNear(G.doubles("dot x y"), reIm(LocalLinalg.dot(c64(x), c64(y))), TOL32, "dot complex64");
        // a complex scalar times an array
        Tensor s = ComplexTesting.tensor(DType.COMPLEX128, new double[] {0, 1});   // 1j
        double[] xi = reIm(x), want = new double[xi.length];
        for (int i = 0; i < xi.length; i += 2) {
            want[i] = -xi[i + 1];
            want[i + 1] = xi[i];
        }
        assertNear(want, reIm(LocalLinalg.dot(s, x)), 0, "1j * x");
        assertNear(want, reIm(LocalLinalg.dot(x, s)), 0, "x * 1j");
    }

    @Test
    void solveAndInv() {
        Tensor s = in("S");
        assertNear(G.doubles("solve S R"), reIm(LocalLinalg.solve(s, in("R"))), 1e-11, "solve");
        assertNear(G.doubles("solve S x5"), reIm(LocalLinalg.solve(s, in("x").narrow(0, 0, 5))), 1e-11, "solve vector");
        assertNear(G.doubles("inv S"), reIm(LocalLinalg.inv(s)), 1e-11, "inv");
        Tensor x32 = LocalLinalg.solve(c64(s), c64(in("R")));
        assertEquals(DType.COMPLEX64, x32.dtype());
        assertNear(G.doubles("solve S R"), reIm(x32), 1e-4, "solve complex64");
        Tensor singular = Tensor.zeros(DType.COMPLEX128, 3, 3);
        assertThrows(LinalgError.class, () -> LocalLinalg.solve(singular, Tensor.zeros(DType.COMPLEX128, 3)));
    }

    @Test
    void qrIsUnitaryTimesTriangular() {
        for (String name : new String[] {"A", "T", "W", "S"}) {
            for (DType t : new DType[] {DType.COMPLEX128, DType.COMPLEX64}) {
                Tensor a = in(name).astype(t);
                double tol = t == DType.COMPLEX64 ? TOL32 : TOL;
                int m = (int) a.shape(0), n = (int) a.shape(1), k = Math.min(m, n);
                LocalLinalg.QR f = LocalLinalg.qr(a);
                assertEquals(t, f.q().dtype());
                assertArrayEquals(new long[] {m, k}, f.q().shape());
                assertArrayEquals(new long[] {k, n}, f.r().shape());
                double[] q = reIm(f.q()), r = reIm(f.r());
                assertNear(reIm(in(name)), ComplexTesting.matmul(q, m, k, r, n), 10 * tol, name + ": Q·R = A");
                assertNear(eye(k), ComplexTesting.matmul(conjT(q, m, k), k, m, q, k), 10 * tol, name + ": QᴴQ = I");
                double[] absR = new double[k * n];
                for (int i = 0; i < k * n; i++) {
                    absR[i] = Math.hypot(r[2 * i], r[2 * i + 1]);
                    if (i / n > i % n) assertEquals(0.0, absR[i], name + ": R below the diagonal");
                }
                assertNear(G.doubles("qr " + name + " absr"), absR, 10 * tol, name + ": |R|");
            }
        }
        LocalLinalg.QR c = LocalLinalg.qr(in("T"), "complete");
        assertArrayEquals(new long[] {13, 13}, c.q().shape());
        double[] q = reIm(c.q());
        assertNear(eye(13), ComplexTesting.matmul(conjT(q, 13, 13), 13, 13, q, 13), 1e-12, "complete Q unitary");
    }

    @Test
    void svdValuesAreRealAndReconstruct() {
        for (String name : new String[] {"A", "T", "W", "S"}) {
            for (DType t : new DType[] {DType.COMPLEX128, DType.COMPLEX64}) {
                Tensor a = in(name).astype(t);
                double tol = t == DType.COMPLEX64 ? TOL32 : TOL;
                int m = (int) a.shape(0), n = (int) a.shape(1), k = Math.min(m, n);
                LocalLinalg.SVD f = LocalLinalg.svd(a, false, true);
                assertEquals(t == DType.COMPLEX64 ? DType.FLOAT32 : DType.FLOAT64, f.s().dtype());
                assertNear(G.doubles("svd " + name + " s"), f.s().toDoubleArray(), 10 * tol, name + ": singular values");
                double[] us = reIm(f.u()), sv = f.s().toDoubleArray();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < k; j++) {
                        us[2 * (i * k + j)] *= sv[j];
                        us[2 * (i * k + j) + 1] *= sv[j];
                    }
                }
                assertNear(reIm(in(name)), ComplexTesting.matmul(us, m, k, reIm(f.vh()), n), 20 * tol, name + ": U·S·Vh = A");
                assertNear(G.doubles("svd " + name + " s"), LocalLinalg.svd(a, false, false).s().toDoubleArray(), 10 * tol, name + ": values only");
            }
        }
        LocalLinalg.SVD full = LocalLinalg.svd(in("W"), true, true);
        assertArrayEquals(new long[] {4, 4}, full.u().shape());
        assertArrayEquals(new long[] {9, 9}, full.vh().shape());
        double[] v = reIm(full.vh());
        assertNear(eye(9), ComplexTesting.matmul(v, 9, 9, conjT(v, 9, 9), 9), 1e-12, "full Vh unitary");
    }

    @Test
    void eighOfHermitianMatrices() {
        Tensor h = in("H");
        int n = 6;
        for (boolean lower : new boolean[] {true, false}) {
            LocalLinalg.Eigh f = LocalLinalg.eigh(h, lower);
            assertEquals(DType.FLOAT64, f.eigenvalues().dtype());
            double[] w = f.eigenvalues().toDoubleArray();
            assertNear(G.doubles(lower ? "eigh H w" : "eigh H U w"), w, 1e-12, "eigenvalues");
            double[] v = reIm(f.eigenvectors()), hv = ComplexTesting.matmul(reIm(h), n, n, v, n), vw = v.clone();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    vw[2 * (i * n + j)] *= w[j];
                    vw[2 * (i * n + j) + 1] *= w[j];
                }
            }
            assertNear(hv, vw, 1e-12, "A·v = λ·v");
            assertNear(eye(n), ComplexTesting.matmul(conjT(v, n, n), n, n, v, n), 1e-12, "VᴴV = I");
            assertNear(w, LocalLinalg.eigvalsh(h, lower).toDoubleArray(), 1e-12, "eigvalsh");
        }
        // only the named triangle is read (numpy): garbage in the other one changes nothing
        Tensor lowerOnly = h.copy();
        for (long i = 0; i < n; i++) for (long j = i + 1; j < n; j++) lowerOnly.setDouble(99.0, i, j);
        assertNear(G.doubles("eigh H w"), LocalLinalg.eigvalsh(lowerOnly, true).toDoubleArray(), 1e-12, "lower triangle only");
        LocalLinalg.Eigh f32 = LocalLinalg.eigh(c64(h), true);
        assertEquals(DType.FLOAT32, f32.eigenvalues().dtype());
        assertNear(G.doubles("eigh H w"), f32.eigenvalues().toDoubleArray(), 1e-5, "eigenvalues complex64");
    }

    @Test
    void eigOfComplexNamesTheOpAndTheDtypes() {
        Tensor s = in("S");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> LocalLinalg.eig(s));
        assertTrue(e.getMessage().contains("complex128") && e.getMessage().contains("float64"), e.getMessage());
    }

    @Test
    void detAndSlogdet() {
        for (String name : new String[] {"S", "N", "E", "P", "Z"}) {
            Tensor d = LocalLinalg.det(in(name));
            assertEquals(DType.COMPLEX128, d.dtype(), name);
            assertNear(G.doubles("det " + name), reIm(d), 1e-12, "det " + name);
            Tensor d32 = LocalLinalg.det(c64(in(name)));
            assertEquals(DType.COMPLEX64, d32.dtype(), name);
            assertNear(G.doubles("det " + name), reIm(d32), 1e-4, "det complex64 " + name);
        }
        LocalLinalg.SlogDet sl = LocalLinalg.slogdet(in("N"));
        assertEquals(DType.COMPLEX128, sl.sign().dtype());
        assertEquals(DType.FLOAT64, sl.logabsdet().dtype());
        assertNear(G.doubles("slogdet N sign"), reIm(sl.sign()), 1e-12, "slogdet sign");
        assertEquals(G.scalar("slogdet N logabs"), sl.logabsdet().getDouble(), 1e-12, "slogdet log");
        LocalLinalg.SlogDet z = LocalLinalg.slogdet(in("Z"));
        assertNear(new double[] {0, 0}, reIm(z.sign()), 0, "singular sign");
        assertEquals(Double.NEGATIVE_INFINITY, z.logabsdet().getDouble());
    }

    @Test
    void choleskyOfHermitianPositiveDefinite() {
        Tensor p = in("P");
        for (Tensor a : new Tensor[] {p, c64(p)}) {
            double tol = a.dtype() == DType.COMPLEX64 ? TOL32 : TOL;
            Tensor l = LocalLinalg.cholesky(a);
            assertEquals(a.dtype(), l.dtype());
            assertNear(G.doubles("cholesky P"), reIm(l), tol, "L " + a.dtype());
            double[] lv = reIm(l);
            assertNear(reIm(p), ComplexTesting.matmul(lv, 5, 5, conjT(lv, 5, 5), 5), tol, "L·Lᴴ = A");
            // numpy 2's upper=True: U = Lᴴ, A = Uᴴ·U
            assertNear(conjT(G.doubles("cholesky P"), 5, 5), reIm(LocalLinalg.cholesky(a, true)), tol, "U " + a.dtype());
        }
        // only the lower triangle is read (numpy): garbage above the diagonal changes nothing
        Tensor g = p.copy();
        g.setComplex(new Complex(99, 99), 0, 4);
        assertNear(G.doubles("cholesky P"), reIm(LocalLinalg.cholesky(g)), TOL, "lower triangle only");
        // a stack, and a Hermitian matrix that is not positive definite
        Tensor st = Tensor.empty(DType.COMPLEX128, 2, 5, 5);
        st.select(0, 0).copyFrom(p);
        st.select(0, 1).copyFrom(p);
        Tensor ls = LocalLinalg.cholesky(st);
        assertNear(G.doubles("cholesky P"), reIm(ls.select(0, 1).contiguous()), TOL, "stack");
        Tensor h = in("H");
        LinalgError e = assertThrows(LinalgError.class, () -> LocalLinalg.cholesky(h));
        assertTrue(e.getMessage().contains("positive definite"), e.getMessage());
    }

    @Test
    void luFactorAndSolve() {
        LocalLinalg.Lu f = LocalLinalg.lu(in("S"));
        assertEquals(DType.COMPLEX128, f.lu().dtype());
        assertNear(G.doubles("lu S lu"), reIm(f.lu()), TOL, "lu");
        assertArrayEquals(G.doubles("lu S piv"), f.pivots().astype(DType.FLOAT64).toDoubleArray(), "pivots");
        assertNear(G.doubles("solve S R"), reIm(LocalLinalg.luSolve(f, in("R"))), 1e-11, "luSolve");
        // trans: Aᵀ·X = B (plain transpose, scipy's trans=1)
        Tensor x = LocalLinalg.luSolve(f, in("R"), true);
        assertNear(reIm(in("R")), reIm(LocalLinalg.matmul(in("S").transpose(), x)), 1e-11, "luSolve trans");
    }

    @Test
    void lstsqComplex() {
        for (String[] ab : new String[][] {{"L", "Lb"}, {"D", "Db"}, {"Wd", "Wb"}}) {
            String key = "lstsq " + ab[0] + " " + ab[1];
            for (DType t : new DType[] {DType.COMPLEX128, DType.COMPLEX64}) {
                double tol = t == DType.COMPLEX64 ? 1e-4 : 1e-11;
                LocalLinalg.Lstsq r = LocalLinalg.lstsq(in(ab[0]).astype(t), in(ab[1]).astype(t));
                assertEquals(t, r.x().dtype(), key);
                assertNear(G.doubles(key + " x"), reIm(r.x()), tol, key + " x " + t);
                assertEquals((long) G.scalar(key + " rank"), r.rank(), key + " rank " + t);
                assertEquals(t == DType.COMPLEX64 ? DType.FLOAT32 : DType.FLOAT64, r.singularValues().dtype());
                assertNear(G.doubles(key + " s"), r.singularValues().astype(DType.FLOAT64).toDoubleArray(), tol, key + " s");
                assertNear(G.doubles(key + " res"), r.residuals().astype(DType.FLOAT64).toDoubleArray(), tol, key + " residuals");
            }
        }
        // full rank through QR (gels)
        assertNear(G.doubles("lstsq L Lb x"), reIm(LocalLinalg.lstsqFullRank(in("L"), in("Lb"))), 1e-11, "gels tall");
        assertNear(G.doubles("lstsq Wd Wb x"), reIm(LocalLinalg.lstsqFullRank(in("Wd"), in("Wb"))), 1e-11, "gels wide");
    }

    @Test
    void complexHelpers() {
        Tensor x = in("x");
        double[] c = reIm(LocalLinalg.conj(x)), v = reIm(x);
        for (int i = 0; i < v.length; i++) assertEquals(i % 2 == 0 ? v[i] : -v[i], c[i]);
        Tensor p = LocalLinalg.viewAsReal(x);
        assertArrayEquals(new long[] {7, 2}, p.shape());
        assertArrayEquals(v, p.toDoubleArray());
        Tensor d = LocalLinalg.diagonalPhases(in("S"), false);
        double[] dr = reIm(LocalLinalg.matmul(d, in("S")));
        for (int i = 0; i < 5; i++) {
            assertTrue(dr[2 * (i * 5 + i)] > 0, "real positive diagonal");
            assertEquals(0, dr[2 * (i * 5 + i) + 1], 1e-15);
        }
        assertTrue(LocalLinalg.allFinite(x));
        Tensor bad = x.copy();
        bad.narrow(0, 3, 1).copyFrom(ComplexTesting.tensor(DType.COMPLEX128, new double[] {0, Double.NaN}, 1));
        assertTrue(!LocalLinalg.allFinite(bad));
    }
}
