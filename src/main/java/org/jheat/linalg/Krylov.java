package org.jheat.linalg;

import java.util.ArrayList;
import java.util.List;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.random.Random;
import org.jheat.sparse.DCSRMatrix;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.LinalgError;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Krylov methods on a distributed square matrix, dense or sparse: Heat's {@code lanczos} (with full
 * re-orthogonalisation) and {@code cg} (conjugate gradients). One implementation serves both kinds: the iteration
 * sees A only through {@link Rows} — this process's share of the rows and y = A·x on local vectors — so a sparse
 * matrix is never densified and gets exactly the same algorithm, checks and results.
 *
 * <p>Distribution: A's row slab stays where it is (a split-1 A is used through its transpose, which for the
 * symmetric matrices these methods need holds the same rows, so nothing moves); vectors are split like A's rows.
 * One iteration gathers the current direction (one allgatherv of n elements, the input of the local gemv on the
 * row slab) and reduces the inner products (an allreduce of a few numbers; of i + 1 numbers for Lanczos'
 * re-orthogonalisation against the i + 1 basis vectors, done twice). A sparse A ({@link DCSRMatrix}, rows split)
 * multiplies by its distributed SpMV instead, which fetches only the entries of x its columns touch, through the
 * fetch plan cached on the matrix (made at the first product, reused by every later step). Every vector update is BLAS on the local slab;
 * the scalars that steer the iteration are reduced, so every process takes the same branches.
 *
 * <pre>{@code Lanczos l = Krylov.lanczos(a, 30, null); CgResult r = Krylov.cg(a, b, null, 1e-8, 1000); }</pre>
 */
final class Krylov {
    private Krylov() { }

    /** y = A·x on this process's parts of x and y (in A's row distribution); collective when A is distributed. */
    @FunctionalInterface
    private interface Matvec {
        void apply(Tensor x, Tensor y);
    }

    /**
     * A as the iteration sees it: this process's row count, the row distribution (counts/displs; null when A is
     * replicated), the product, and the communicator and device of the results.
     */
    private record Rows(long mine, long[] counts, long[] displs, boolean dist, Matvec mv, Communication comm, Device device) {
        DNDarray wrap(Tensor local, long[] g) { return Dnd.wrap(local, g, dist ? 0 : -1, counts, comm, device); }
    }

    /** A dense A: its row slab times the gathered x (a split-1 A through its transpose, the same rows for a symmetric A). */
    private static Rows rows(DNDarray a) {
        DNDarray r = a.splitAxis() == 1 ? a.T() : a;
        boolean dist = r.splitAxis() == 0 && r.comm().size() > 1;
        Tensor slab = r.larray();
        Communication comm = r.comm();
        long n = r.gshape()[0];
        long[][] cd = dist ? r.countsDispls() : null;
        Tensor full = dist ? slab.newEmpty(slab.dtype(), n) : null;
        Matvec mv = (x, y) -> {
            Tensor xf = x;
            if (dist) {
                comm.allgatherv(x, full, cd[0], cd[1]);
                xf = full;
            }
            LocalLinalg.gemv(1.0, slab, xf, 0.0, y);
        };
        return new Rows(slab.shape(0), dist ? cd[0] : null, dist ? cd[1] : null, dist, mv, comm, r.device());
    }

    /** A sparse A (values already in the iteration's dtype): its distributed SpMV, the result copied into y. */
    private static Rows rows(DCSRMatrix a) {
        Communication comm = a.comm();
        boolean dist = comm.size() > 1;
        long[] counts = a.counts();
        long n = a.shape()[1];
        Rows[] self = new Rows[1];
        Matvec mv = (x, y) -> {
            Tensor r = a.matmul(self[0].wrap(x, new long[] {n})).larray();
            y.copyFrom(r);
            r.free();
        };
        self[0] = new Rows(a.local().rows(), dist ? counts : null, dist ? org.jheat.core.Distribution.displs(counts) : null, dist, mv, comm, a.device());
        return self[0];
    }

    /** Checks a sparse A (square, real) before anything is computed; returns its n. */
    private static long checkSquare(DCSRMatrix a, String op) {
        long[] s = a.shape();
        if (s[0] != s[1]) throw new IllegalArgumentException(op + ": A must be a square matrix, got shape " + Shapes.str(s));
        if (a.dtype().isComplex() || a.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(op + ": A must have a real numeric dtype, got " + a.dtype());
        }
        return s[0];
    }

    private static void checkSquare(DNDarray a, String op) {
        if (a.ndim() != 2 || a.gshape()[0] != a.gshape()[1]) {
            throw new IllegalArgumentException(op + ": A must be a square 2-D matrix, got shape " + Shapes.str(a.gshape()));
        }
        if (!a.dtype().isFloat()) throw new IllegalArgumentException(op + ": A must be float32 or float64, got " + a.dtype());
    }

    /** A vector's part on this process, in A's row distribution (moved if needed). */
    private static Tensor local(DNDarray v, Rows r, DType t) {
        DNDarray x = v.dtype() == t ? v : v.astype(t);
        if (!r.dist) return (x.splitAxis() < 0 ? x : x.resplit(null)).larray().contiguous().copy();
        if (x.splitAxis() < 0) x = x.resplit(0);
        if (!java.util.Arrays.equals(Dnd.counts(x), r.counts)) x = x.redistribute(r.counts);
        return x.larray().contiguous().copy();
    }

    private static Tensor one(Tensor like, DType t) {
        return like.newFull(t, 1.0, 1);
    }

    /** y += alpha·x on local vectors (BLAS gemv with x as a one-column matrix). */
    private static void axpy(double alpha, Tensor x, Tensor y, Tensor one) {
        LocalLinalg.gemv(alpha, x.unsqueeze(1), one, 1.0, y);
    }

    /** y = alpha·x. */
    private static void scale(double alpha, Tensor x, Tensor y, Tensor one) {
        LocalLinalg.gemv(alpha, x.unsqueeze(1), one, 0.0, y);
    }

    /** Σ x·y over all processes. */
    private static double dot(Communication comm, Rows r, Tensor x, Tensor y) {
        double d = x.size() == 0 ? 0 : LocalLinalg.dot(x, y).getDouble();
        if (!r.dist) return d;
        Tensor s = Tensor.fromArray(new double[] {d});
        comm.allreduce(s, ReduceOp.SUM);
        return s.getDoubleFlat(0);
    }

    // ------------------------------------------------------------------------------------------------ lanczos

    /**
     * Heat's {@code lanczos(A, m, v0)}: m steps of the Lanczos process on a symmetric A with full
     * re-orthogonalisation (classical Gram–Schmidt against every previous basis vector, twice): A·V ≈ V·T, V (n, m)
     * with orthonormal columns split like A's rows, T (m, m) symmetric tridiagonal, replicated. v0 (n,) null draws a
     * standard normal start. On breakdown (an invariant subspace, β = 0) the process continues with a random vector
     * orthogonal to the basis and a zero off-diagonal, as Heat does.
     */
    static Lanczos lanczos(DNDarray a, long m, DNDarray v0) {
        checkSquare(a, "lanczos");
        long n = a.gshape()[0];
        checkLanczos(n, m, v0);
        return lanczos(rows(a), n, m, v0, a.dtype());
    }

    /** {@link #lanczos(DNDarray, long, DNDarray)} on a sparse symmetric A (computed in float64 unless A is float32). */
    static Lanczos lanczos(DCSRMatrix a, long m, DNDarray v0) {
        long n = checkSquare(a, "lanczos");
        checkLanczos(n, m, v0);
        DType t = a.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
        return lanczos(rows(a.astype(t)), n, m, v0, t);
    }

    private static void checkLanczos(long n, long m, DNDarray v0) {
        if (m < 1 || m > n) throw new IllegalArgumentException("lanczos: the number of steps m must be in [1, n] = [1, " + n + "], got " + m);
        if (v0 != null && (v0.ndim() != 1 || v0.gshape()[0] != n)) {
            throw new IllegalArgumentException("lanczos: v0 must have shape (" + n + ",), got " + Shapes.str(v0.gshape()));
        }
    }

    private static Lanczos lanczos(Rows r, long n, long m, DNDarray v0, DType t) {
        Communication comm = r.comm();
        long c = r.mine();
        Tensor v = local(v0 != null ? v0 : Random.randn(new long[] {n}, t, r.dist ? 0 : null, r.device()), r, t);
        Tensor one = one(v, t);
        double nv = Math.sqrt(dot(comm, r, v, v));
        if (!(nv > 0) || !Double.isFinite(nv)) throw new IllegalArgumentException("lanczos: the start vector must be finite and nonzero (norm " + nv + ")");
        scale(1 / nv, v, v, one);
        // the basis is kept as rows (m, c), each vector contiguous: storing it as the columns of (c, m) made every step
        // a strided copy of c single elements, which cost more than the SpMV of a sparse A
        Tensor vm = v.newZeros(t, m, c);
        Tensor tm = Tensor.zeros(DType.FLOAT64, m, m);   // host: the small tridiagonal, filled element by element
        Tensor w = v.newEmpty(t, c);
        double beta = 0, anorm = 0;
        for (int i = 0; i < m; i++) {
            vm.select(0, i).copyFrom(v);
            r.mv().apply(v, w);
            double alpha = dot(comm, r, w, v);
            if (!Double.isFinite(alpha)) throw new IllegalArgumentException("lanczos: A contains NaN or infinity");
            tm.setDouble(alpha, i, i);
            if (i == m - 1) break;
            axpy(-alpha, v, w, one);
            if (i > 0) axpy(-beta, vm.select(0, i - 1), w, one);
            reorthogonalise(comm, r, vm.narrow(0, 0, i + 1), w);
            reorthogonalise(comm, r, vm.narrow(0, 0, i + 1), w);
            beta = Math.sqrt(dot(comm, r, w, w));
            anorm = Math.max(anorm, Math.abs(alpha) + beta);
            double eps = t == DType.FLOAT32 ? 1.2e-7 : 2.3e-16;
            if (beta <= n * eps * anorm) {
                // invariant subspace: restart with a random direction orthogonal to the basis
                Tensor z = local(Random.randn(new long[] {n}, t, r.dist ? 0 : null, r.device()), r, t);
                reorthogonalise(comm, r, vm.narrow(0, 0, i + 1), z);
                reorthogonalise(comm, r, vm.narrow(0, 0, i + 1), z);
                double nz = Math.sqrt(dot(comm, r, z, z));
                scale(1 / nz, z, v, one);
                beta = 0;
            } else {
                scale(1 / beta, w, v, one);
            }
            tm.setDouble(beta, i, i + 1);
            tm.setDouble(beta, i + 1, i);
        }
        Tensor vcols = vm.transpose().contiguous();
        vm.free();
        return new Lanczos(r.wrap(vcols, new long[] {n, m}), Dnd.wrap(tm.astype(t).to(r.device()), new long[] {m, m}, -1, null, comm, r.device()));
    }

    /** w -= V·(Vᵀ·w) for the basis vectors as the rows of vt (k, c), with the k inner products reduced in one allreduce. */
    private static void reorthogonalise(Communication comm, Rows r, Tensor vt, Tensor w) {
        long k = vt.shape(0);
        Tensor h = w.newZeros(w.dtype(), k);
        if (vt.shape(1) > 0) LocalLinalg.gemv(1.0, vt, w, 0.0, h);
        if (r.dist) comm.allreduce(h, ReduceOp.SUM);
        LocalLinalg.gemv(-1.0, vt.transpose(), h, 1.0, w);
        h.free();
    }

    // ------------------------------------------------------------------------------------------------ cg

    /**
     * Conjugate gradients for A·x = b with a symmetric positive definite A (Heat's {@code cg}, with scipy's stopping
     * rule ‖r‖ ≤ tol·‖b‖). x0 null starts from 0. A direction with pᵀAp ≤ 0 proves A is not positive definite and a
     * residual that grows by 10^8 over the start (or becomes NaN) is divergence: both raise {@link LinalgError} on
     * every process (the scalars are reduced, so all agree). Returns x (split like A's rows, replicated for a
     * replicated A), the residual norms ‖r_k‖ (k = 0 … iterations) and whether tol was reached within maxIter.
     */
    static CgResult cg(DNDarray a, DNDarray b, DNDarray x0, double tol, long maxIter) {
        checkSquare(a, "cg");
        long n = a.gshape()[0];
        checkCg(n, b, x0, tol, maxIter);
        DType t = Solvers.floatType("cg", a.dtype(), b.dtype());
        return cg(rows(a.dtype() == t ? a : a.astype(t)), n, b, x0, tol, maxIter, t);
    }

    /** {@link #cg(DNDarray, DNDarray, DNDarray, double, long)} on a sparse symmetric positive definite A. */
    static CgResult cg(DCSRMatrix a, DNDarray b, DNDarray x0, double tol, long maxIter) {
        long n = checkSquare(a, "cg");
        checkCg(n, b, x0, tol, maxIter);
        DType t = Solvers.floatType("cg", a.dtype(), b.dtype());
        return cg(rows(a.astype(t)), n, b, x0, tol, maxIter, t);
    }

    private static void checkCg(long n, DNDarray b, DNDarray x0, double tol, long maxIter) {
        if (b.ndim() != 1 || b.gshape()[0] != n) throw new IllegalArgumentException("cg: b must have shape (" + n + ",), got " + Shapes.str(b.gshape()));
        if (x0 != null && (x0.ndim() != 1 || x0.gshape()[0] != n)) {
            throw new IllegalArgumentException("cg: x0 must have shape (" + n + ",), got " + Shapes.str(x0.gshape()));
        }
        if (!(tol > 0) || Double.isInfinite(tol)) throw new IllegalArgumentException("cg: tol must be a positive number, got " + tol);
        if (maxIter < 0) throw new IllegalArgumentException("cg: maxIter must be >= 0, got " + maxIter);
    }

    private static CgResult cg(Rows r, long n, DNDarray b, DNDarray x0, double tol, long maxIter, DType t) {
        Communication comm = r.comm();
        long c = r.mine();
        Tensor bl = local(b, r, t);
        Tensor one = one(bl, t);
        Tensor x = x0 == null ? bl.newZeros(t, c) : local(x0, r, t);
        Tensor res = bl.newEmpty(t, c), ap = bl.newEmpty(t, c), p = bl.newEmpty(t, c);
        r.mv().apply(x, ap);
        res.copyFrom(bl);
        axpy(-1, ap, res, one);
        double bnorm = Math.sqrt(dot(comm, r, bl, bl));
        if (!Double.isFinite(bnorm)) throw new IllegalArgumentException("cg: b contains NaN or infinity");
        double rr = dot(comm, r, res, res);
        double r0 = Math.sqrt(rr);
        if (!Double.isFinite(r0)) throw new IllegalArgumentException("cg: A or x0 contains NaN or infinity");
        List<Double> history = new ArrayList<>();
        history.add(r0);
        double target = tol * (bnorm == 0 ? 1 : bnorm);
        p.copyFrom(res);
        boolean converged = r0 <= target;
        long it = 0;
        while (!converged && it < maxIter) {
            r.mv().apply(p, ap);
            double pap = dot(comm, r, p, ap);
            if (!(pap > 0)) {
                throw new LinalgError("cg: A is not symmetric positive definite (pᵀAp = " + pap + " <= 0 at iteration " + it
                        + "); conjugate gradients need an SPD matrix");
            }
            double alpha = rr / pap;
            axpy(alpha, p, x, one);
            axpy(-alpha, ap, res, one);
            double rrNew = dot(comm, r, res, res);
            it++;
            double rn = Math.sqrt(rrNew);
            history.add(rn);
            if (!Double.isFinite(rn) || rn > 1e8 * Math.max(r0, Double.MIN_NORMAL)) {
                throw new LinalgError("cg: the iteration diverges (residual " + rn + " from " + r0 + " after " + it
                        + " iterations): A is not symmetric positive definite or is too ill-conditioned");
            }
            converged = rn <= target;
            // p = r + (rrNew / rr)·p
            LocalLinalg.gemv(1.0, res.unsqueeze(1), one, rrNew / rr, p);
            rr = rrNew;
        }
        double[] h = new double[history.size()];
        for (int i = 0; i < h.length; i++) h[i] = history.get(i);
        return new CgResult(r.wrap(x, new long[] {n}), h, it, converged);
    }
}
