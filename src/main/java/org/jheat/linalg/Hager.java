package org.jheat.linalg;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * The 1-norm of A⁻¹ estimated from A's distributed LU factors without forming A⁻¹: Hager's method with Higham's
 * refinements, step for step LAPACK's {@code lacn2} (at most five sign-vector iterations, then the alternating
 * test vector). Each step is a solve with A or Aᵀ on the factors ({@link Lu#solvePermuted},
 * {@link Lu#substituteTransposed}) on vectors split like A's rows, plus a few scalar allreduces.
 *
 * <pre>{@code double k1 = norm1(A) * Hager.inverseNorm1(Lu.factor(comm, rows, n, counts, FLOAT64), a); }</pre>
 */
final class Hager {
    private Hager() { }

    private static final int ITMAX = 5;

    /** ‖A⁻¹‖₁ estimated (a lower bound); {@code like} gives the device of the temporary arrays. */
    static double inverseNorm1(Lu f, DNDarray like) {
        Communication comm = f.comm;
        int me = comm.rank();
        long n = f.n, mine = f.counts[me], d0 = f.displs[me];
        DType t = f.lu.dtype();
        long[] perm = f.permutation(), inverse = new long[perm.length];
        for (int i = 0; i < perm.length; i++) inverse[(int) perm[i]] = i;
        Tensor x = f.lu.newEmpty(t, mine, 1);
        x.fill(1.0 / n);
        Tensor y = applyInverse(f, like, perm, x);
        if (n == 1) return Math.abs(comm.allreduce(mine > 0 ? y.getDoubleFlat(0) : 0.0, ReduceOp.SUM));
        double est = norm1(comm, y);
        long[] sgn = signs(y);
        Tensor z = applyInverseT(f, like, inverse, fromSigns(f.lu, t, sgn));
        long j = argmaxAbs(comm, z, d0);
        for (int iter = 2; ; iter++) {
            x = unit(f.lu, t, mine, d0, j);
            y = applyInverse(f, like, perm, x);
            double old = est;
            est = norm1(comm, y);
            long[] s2 = signs(y);
            boolean same = true;
            for (int i = 0; i < s2.length; i++) same &= s2[i] == sgn[i];
            if (comm.allreduce(same ? 1L : 0L, ReduceOp.MIN) == 1 || est <= old) break;
            sgn = s2;
            z = applyInverseT(f, like, inverse, fromSigns(f.lu, t, sgn));
            long last = j;
            j = argmaxAbs(comm, z, d0);
            double zLast = valueAt(comm, z, d0, last), zMax = Math.abs(valueAt(comm, z, d0, j));
            if (zLast == zMax || iter >= ITMAX) break;
        }
        // the alternating vector x_i = ±(1 + i/(n-1)) catches matrices the iteration underestimates
        for (long i = 0; i < mine; i++) {
            long gi = d0 + i;
            x.setDouble((gi % 2 == 0 ? 1 : -1) * (1 + (double) gi / (n - 1)), i, 0);
        }
        y = applyInverse(f, like, perm, x);
        double alt = 2 * norm1(comm, y) / (3.0 * n);
        return Math.max(est, alt);
    }

    private static Tensor applyInverse(Lu f, DNDarray like, long[] perm, Tensor x) {
        Tensor b = Solvers.permuteRows(f.comm, like, x, f.counts, perm).contiguous();
        if (b == x) b = x.copy();
        f.solvePermuted(b);
        return b;
    }

    /** Aᵀ = Uᵀ·Lᵀ·P: solve Uᵀw = x, Lᵀv = w, then y = Pᵀv. */
    private static Tensor applyInverseT(Lu f, DNDarray like, long[] inverse, Tensor x) {
        Tensor b = x.copy();
        Lu.substituteTransposed(f.comm, f.lu, f.counts, f.displs, b, true, false);
        Lu.substituteTransposed(f.comm, f.lu, f.counts, f.displs, b, false, true);
        return Solvers.permuteRows(f.comm, like, b, f.counts, inverse);
    }

    private static double norm1(Communication comm, Tensor v) {
        double s = 0;
        for (double d : v.toDoubleArray()) s += Math.abs(d);
        return comm.allreduce(s, ReduceOp.SUM);
    }

    private static long[] signs(Tensor v) {
        double[] d = v.toDoubleArray();
        long[] s = new long[d.length];
        for (int i = 0; i < d.length; i++) s[i] = d[i] >= 0 ? 1 : -1;
        return s;
    }

    private static Tensor fromSigns(Tensor like, DType t, long[] s) {
        Tensor x = like.newEmpty(t, s.length, 1);
        for (int i = 0; i < s.length; i++) x.setDouble(s[i], i, 0);
        return x;
    }

    private static Tensor unit(Tensor like, DType t, long mine, long d0, long j) {
        Tensor x = like.newZeros(t, mine, 1);
        if (j >= d0 && j < d0 + mine) x.setDouble(1.0, j - d0, 0);
        return x;
    }

    /** The global index of the first largest |v_i| (the same on every process). */
    private static long argmaxAbs(Communication comm, Tensor v, long d0) {
        double[] d = v.toDoubleArray();
        double best = -1;
        long at = Long.MAX_VALUE;
        for (int i = 0; i < d.length; i++) {
            if (Math.abs(d[i]) > best) {
                best = Math.abs(d[i]);
                at = d0 + i;
            }
        }
        double all = comm.allreduce(best, ReduceOp.MAX);
        return comm.allreduce(best == all ? at : Long.MAX_VALUE, ReduceOp.MIN);
    }

    /** v at global index i, on every process. */
    private static double valueAt(Communication comm, Tensor v, long d0, long i) {
        long mine = v.shape(0);
        return comm.allreduce(i >= d0 && i < d0 + mine ? v.getDouble(i - d0, 0) : 0.0, ReduceOp.SUM);
    }
}
