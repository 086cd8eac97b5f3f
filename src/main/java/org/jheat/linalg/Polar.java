package org.jheat.linalg;

import org.jheat.core.Arithmetics;
import org.jheat.core.Complexes;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * The polar decomposition A = U·H of a square matrix (U orthogonal, H symmetric positive semi-definite; unitary and
 * Hermitian for complex64/complex128), by the
 * QR-based dynamically weighted Halley iteration (QDWH; Nakatsukasa, Bai and Gygi, SIAM J. Matrix Anal. Appl. 31(5),
 * 2010), as Heat 1.6 does (Heat offers Zolotarev's variant too).
 *
 * <p>X₀ = A/‖A‖_F, ℓ₀ ≤ σ_min(X₀) from the 1-norm condition estimate ({@link Solvers#condest}, on the distributed LU);
 * each step factors the stacked matrix [√c·X; I] by {@link Tsqr} (every process stacks its rows of X on its share of
 * the identity's rows, a row permutation of the stack, which permutes Q alike and leaves R unchanged) and sets
 * X ← (b/c)·X + (a − b/c)/√c · Q₁Q₂ᵀ (a distributed product) with the weights a, b, c of ℓ, until ℓ ≈ 1 and X
 * stagnates (≤ 6 iterations for κ ≤ 10¹⁶). Then H = Uᵀ·A, symmetrised (Uᴴ·A, made Hermitian, for complex64/complex128:
 * U unitary, as scipy's polar). The input is used along rows (a split-1 A is
 * resplit); U and H are split 0. A replicated matrix uses LAPACK's SVD: U = W·Vh, H = V·diag(S)·Vh.
 *
 * <pre>{@code PolarResult p = Polar.polar(a); }</pre>
 */
final class Polar {
    private Polar() { }

    static void checkSquare(DNDarray a, String op) {
        if (a.ndim() != 2 || a.gshape()[0] != a.gshape()[1]) {
            throw new IllegalArgumentException(op + ": A must be a square 2-D matrix, got shape " + Shapes.str(a.gshape()));
        }
    }

    static PolarResult polar(DNDarray a) {
        checkSquare(a, "polar");
        return factor(a, Solvers.factorType("polar", a.dtype()));
    }

    /** Aᴴ (Aᵀ for real matrices). */
    static DNDarray ct(DNDarray a) {
        return a.dtype().isComplex() ? Complexes.conj(a.T()) : a.T();
    }

    /** (A + Aᴴ)/2. */
    static DNDarray hermitianPart(DNDarray a) {
        return Arithmetics.mul(Arithmetics.add(a, ct(a)), 0.5);
    }

    /**
     * The polar decomposition in working type t, which may be complex64/complex128 (U unitary, H Hermitian; used by
     * the distributed eigh). A complex matrix starts from ℓ₀ = 10·eps instead of a condition estimate (Hager's
     * estimator here is real-only): a valid lower bound of σ_min(X₀), at the cost of an iteration or two.
     */
    static PolarResult factor(DNDarray a, DType t) {
        DNDarray x0 = a.dtype() == t ? a : a.astype(t);
        long n = a.gshape()[0];
        if (!x0.isDistributed() || n == 0) {
            Tensor full = x0.splitAxis() < 0 ? x0.larray() : x0.resplit(null).larray();
            Tensor[] f = Svd.smallSvd(x0.comm(), full, true);
            Tensor u = LocalLinalg.matmul(f[0], f[2]);
            Tensor vhH = t.isComplex() ? LocalLinalg.conj(f[2].transpose()) : f[2].transpose();
            Tensor h = LocalLinalg.matmul(Hsvd.scaled(vhH, f[1], x0), f[2]);   // Vhᴴ·diag(S)·Vh
            h = hermitianPart(Dnd.wrap(h, h.shape(), -1, null, x0)).larray();
            int s = x0.splitAxis();
            DNDarray ud = Dnd.wrap(u, new long[] {n, n}, -1, null, x0), hd = Dnd.wrap(h, new long[] {n, n}, -1, null, x0);
            return new PolarResult(s < 0 ? ud : ud.resplit(s), s < 0 ? hd : hd.resplit(s));
        }
        DNDarray ar = x0.splitAxis() == 0 ? x0 : x0.resplit(0);
        double alpha = Norms.vectorNorm(ar, 2, null, false).itemDouble();
        if (!Double.isFinite(alpha)) throw new IllegalArgumentException("polar: A contains NaN or infinity");
        if (alpha == 0) {
            DNDarray eye = org.jheat.core.Factories.eye(n, n, 0, t, 0, x0.device());
            return new PolarResult(eye, Arithmetics.mul(ar, 0.0));
        }
        double eps = t == DType.FLOAT32 || t == DType.COMPLEX64 ? 6e-8 : 1.1e-16;
        double l = 10 * eps;
        if (!t.isComplex()) {
            double cond = Solvers.condest(ar).itemDouble();
            double norm1 = Norms.matrixNorm(ar, 1, null, false).itemDouble();
            double inv1 = Double.isFinite(cond) ? cond / norm1 : Double.POSITIVE_INFINITY;
            l = Math.max(Math.min(1, 0.9 / (alpha * Math.sqrt(n) * inv1)), 10 * eps);
        }
        DNDarray x = Arithmetics.div(ar, alpha);
        long[] counts = Dnd.counts(x);
        long[] icounts = org.jheat.core.Distribution.counts(n, x.comm().size());
        long[] idispl = org.jheat.core.Distribution.displs(icounts);
        int me = x.comm().rank();
        for (int it = 0; it < 30; it++) {
            double l2 = l * l;
            double g = Math.cbrt(4 * (1 - l2) / (l2 * l2));
            double aw = Math.sqrt(1 + g) + 0.5 * Math.sqrt(8 - 4 * g + 8 * (2 - l2) / (l2 * Math.sqrt(1 + g)));
            double bw = (aw - 1) * (aw - 1) / 4, cw = aw + bw - 1;
            // [√c·X; I] with every process's X rows followed by its share of the identity's rows
            long cx = counts[me], ci = icounts[me];
            Tensor stack = x.larray().newZeros(t, cx + ci, n);
            stack.narrow(0, 0, cx).copyFrom(Hsvd.scaled(x.larray(), x.larray().newFull(Solvers.realOf(t), Math.sqrt(cw), n), x));
            for (long i = 0; i < ci; i++) stack.setDouble(1.0, cx + i, idispl[me] + i);
            long[] scounts = new long[counts.length];
            for (int r = 0; r < scounts.length; r++) scounts[r] = counts[r] + icounts[r];
            Tsqr.Factors f = Tsqr.factor(x.comm(), stack, scounts, n, true);
            stack.storage().free();
            DNDarray q1 = Dnd.wrap(f.q().narrow(0, 0, cx), new long[] {n, n}, 0, counts, x);
            DNDarray q2 = Dnd.wrap(f.q().narrow(0, cx, ci), new long[] {n, n}, 0, icounts, x);
            DNDarray prod = Matmul.matmul(q1, ct(q2));
            DNDarray next = Arithmetics.add(Arithmetics.mul(x, bw / cw), Arithmetics.mul(prod, (aw - bw / cw) / Math.sqrt(cw)));
            double diff = Norms.vectorNorm(Arithmetics.sub(next, x), 2, null, false).itemDouble();
            x = next;
            l = Math.min(1, l * (aw + bw * l2) / (1 + cw * l2));
            if (Math.abs(1 - l) <= 10 * eps && diff <= Math.cbrt(5 * eps)) break;
        }
        DNDarray h = hermitianPart(Matmul.matmul(ct(x), ar));
        return new PolarResult(x, h.splitAxis() == 0 ? h : h.resplit(0));
    }
}
