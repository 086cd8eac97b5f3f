package org.jheat.sparse;

import java.util.ArrayList;
import java.util.List;

import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.core.Joining;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;

/**
 * Heat's iterative solvers ({@code ht.linalg.cg}, {@code ht.linalg.lanczos}) on a sparse operator: each iteration is
 * one distributed SpMV (whose fetch plan is made once and cached on the matrix) plus vector updates and dot products
 * (one Allreduce each) — the matrix is never densified.
 * <pre>{@code DNDarray x = Solvers.cg(a, b, x0, 1e-10, 1000); }</pre>
 */
final class Solvers {
    private Solvers() { }

    private static double dot(DNDarray u, DNDarray v) { return Arithmetics.sum(Arithmetics.mul(u, v)).itemDouble(); }

    private static void square(DCSRMatrix a, String op) {
        long[] s = a.shape();
        if (s[0] != s[1]) throw new IllegalArgumentException(op + ": the matrix must be square, got shape " + Shapes.str(s));
    }

    private static void vector(DNDarray v, long n, String what, String op) {
        if (v.ndim() != 1 || v.gshape()[0] != n) {
            throw new IllegalArgumentException(op + ": " + what + " must be a vector of length " + n + ", got shape " + Shapes.str(v.gshape()));
        }
    }

    /** The vector v split like a's rows (a local slice when v is replicated). */
    static DNDarray along(DNDarray v, DCSRMatrix a) {
        long[] c = a.counts();
        if (v.splitAxis() < 0) {
            long lo = org.jheat.core.Distribution.displs(c)[a.comm().rank()];
            long[][] map = new long[c.length][];
            for (int r = 0; r < c.length; r++) map[r] = new long[] {c[r]};
            return new DNDarray(v.larray().narrow(0, lo, c[a.comm().rank()]).contiguous(), v.gshape(), 0, a.comm(), v.device(), map);
        }
        return java.util.Arrays.equals(v.countsDispls()[0], c) ? v : v.redistribute(c);
    }

    /** Conjugate gradients for a symmetric positive definite a: stops when ‖r‖ < tol or after maxIter steps. */
    static DNDarray cg(DCSRMatrix a, DNDarray b, DNDarray x0, double tol, int maxIter) {
        square(a, "cg");
        long n = a.shape()[0];
        vector(b, n, "b", "cg");
        vector(x0, n, "x0", "cg");
        if (!(tol >= 0)) throw new IllegalArgumentException("cg: tol must be >= 0, got " + tol);
        if (maxIter < 0) throw new IllegalArgumentException("cg: maxIter must be >= 0, got " + maxIter);
        DType t = b.dtype().isFloat() ? b.dtype() : DType.FLOAT64;
        DNDarray x = along(x0.astype(t), a);
        DNDarray r = Arithmetics.sub(along(b.astype(t), a), a.matmul(x));
        DNDarray p = r;
        double rs = dot(r, r);
        for (int i = 0; i < maxIter && Math.sqrt(rs) >= tol; i++) {
            DNDarray ap = a.matmul(p);
            double alpha = rs / dot(p, ap);
            x = Arithmetics.add(x, Arithmetics.mul(p, alpha));
            r = Arithmetics.sub(r, Arithmetics.mul(ap, alpha));
            double rsNew = dot(r, r);
            p = Arithmetics.add(r, Arithmetics.mul(p, rsNew / rs));
            rs = rsNew;
        }
        return x;
    }

    /**
     * m steps of Lanczos with full reorthogonalisation on a symmetric a from v0: {V (n, m) split along rows,
     * T (m, m) tridiagonal, replicated} with Vᵀ·a·V = T. An invariant subspace found early (β = 0) is continued from
     * a vector orthogonal to the basis (a unit vector e_j made orthogonal), as Heat does with a random one.
     */
    static DNDarray[] lanczos(DCSRMatrix a, int m, DNDarray v0) {
        square(a, "lanczos");
        long n = a.shape()[0];
        vector(v0, n, "v0", "lanczos");
        if (m < 1 || m > n) throw new IllegalArgumentException("lanczos: m must be in [1, " + n + "], got " + m);
        DNDarray v = along(v0.astype(DType.FLOAT64), a);
        v = Arithmetics.div(v, Math.sqrt(dot(v, v)));
        List<DNDarray> vs = new ArrayList<>();
        double[] alpha = new double[m], beta = new double[m];
        vs.add(v);
        DNDarray w = a.matmul(v).astype(DType.FLOAT64);
        alpha[0] = dot(w, v);
        w = Arithmetics.sub(w, Arithmetics.mul(v, alpha[0]));
        for (int i = 1; i < m; i++) {
            double b = Math.sqrt(dot(w, w));
            DNDarray next;
            if (b > 1e-10) {
                next = Arithmetics.div(w, b);
            } else {
                // an invariant subspace: go on from a fixed pseudo-random vector (the same for any process count)
                b = 0;
                DNDarray arange = Factories.arange(0L, n, 1L, DType.FLOAT64, 0);
                next = along(org.jheat.core.Trigonometrics.sin(Arithmetics.mul(arange, 1.3 + i)), a);
            }
            // full reorthogonalisation (twice is enough, Kahan/Parlett), against rounding's loss of orthogonality
            for (int pass = 0; pass < 2; pass++) for (DNDarray u : vs) next = Arithmetics.sub(next, Arithmetics.mul(u, dot(next, u)));
            next = Arithmetics.div(next, Math.sqrt(dot(next, next)));
            beta[i] = b;
            DNDarray wi = a.matmul(next).astype(DType.FLOAT64);
            alpha[i] = dot(wi, next);
            w = Arithmetics.sub(Arithmetics.sub(wi, Arithmetics.mul(next, alpha[i])), Arithmetics.mul(vs.get(i - 1), b));
            vs.add(next);
        }
        double[][] t = new double[m][m];
        for (int i = 0; i < m; i++) {
            t[i][i] = alpha[i];
            if (i > 0) t[i][i - 1] = t[i - 1][i] = beta[i];
        }
        DNDarray vm = Joining.stack(vs.toArray(new DNDarray[0]), 1);
        return new DNDarray[] {vm, Factories.array(t, DType.FLOAT64, null)};
    }
}
