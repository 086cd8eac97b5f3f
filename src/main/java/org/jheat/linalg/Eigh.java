package org.jheat.linalg;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.core.Arithmetics;
import org.jheat.core.Complexes;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.core.Joining;
import org.jheat.core.Manipulations;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.LinalgError;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * numpy's {@code linalg.eigh} for distributed symmetric matrices, and a randomized variant ({@code reigh}).
 *
 * <p>A matrix split along one of its axes is diagonalised by spectral divide and conquer through the polar
 * decomposition (QDWH-eig, Nakatsukasa and Higham, SIAM J. Sci. Comput. 35(3), 2013; Heat 1.6 uses the same idea
 * with Zolotarev's polar): with σ the median of the diagonal, the orthogonal polar factor U of A − σI gives the
 * spectral projector P = (U + I)/2 onto the eigenvectors of eigenvalues above σ; its rank k = trace(P); orthonormal
 * bases Q₁ of range(P) and Q₂ of range(I − P) come from a subspace iteration on P (Gaussian start, two TSQRs); then
 * the halves Q₁ᵀAQ₁ (k × k) and Q₂ᵀAQ₂ are diagonalised recursively and the eigenvectors are Q·V. Every step is a
 * distributed product or TSQR on row slabs; only matrices of at most {@link #base} rows are finished on one process
 * (LAPACK syevd on rank 0, broadcast). The random starts use a fixed seed and restore the caller's random state, so
 * eigh is deterministic and leaves {@link Random} untouched. If σ does not separate the spectrum (all of it on one
 * side, e.g. a multiple of the identity up to rounding) the mean of the diagonal is tried, and failing that the
 * matrix is finished directly.
 *
 * <p>Complex Hermitian matrices (complex64/complex128) take the same path with conjugate transposes (Qᴴ·A·Q, the
 * unitary polar factor, P made Hermitian); eigenvalues are real (float32/float64), as numpy's.
 *
 * <p>Results: eigenvalues ascending and replicated; eigenvectors split along rows (A's split 0) or columns (A's
 * split 1). Replicated matrices and stacks split along a batch axis use LAPACK directly.
 *
 * <pre>{@code EighResult e = Eigh.eigh(a); }</pre>
 */
final class Eigh {
    private Eigh() { }

    /** Matrices up to this size are finished on one process (package-visible so that tests can exercise the recursion). */
    static long base = 128;

    static final long SEED = 0x6569676868L;

    static EighResult eigh(DNDarray a) {
        Solvers.square(a, "eigh");
        DType t = Solvers.factorType("eigh", a.dtype());
        int nd = a.ndim();
        if (!Solvers.matrixSplit(a)) {
            LocalLinalg.Eigh f = Dnd.agreeLocal(a, () -> {
                LocalLinalg.Eigh e = LocalLinalg.eigh(a.larray().dtype() == t ? a.larray() : a.larray().astype(t), true);
                for (double v : e.eigenvalues().toDoubleArray()) {
                    if (Double.isNaN(v)) throw new IllegalArgumentException("eigh: A contains NaN or infinity");
                }
                return e;
            });
            int s = a.splitAxis() < nd - 2 ? a.splitAxis() : -1;
            long[] c = s < 0 ? null : Dnd.counts(a);
            long[] g = a.gshape();
            long[] wg = Arrays.copyOf(g, nd - 1);
            if (a.splitAxis() >= nd - 2) {
                return new EighResult(Qr.whole(f.eigenvalues(), -1, a), Qr.whole(f.eigenvectors(), a.splitAxis(), a));
            }
            return new EighResult(Dnd.wrap(f.eigenvalues(), wg, s, c, a), Dnd.wrap(f.eigenvectors(), g, s, c, a));
        }
        if (nd != 2) {
            throw new IllegalArgumentException("eigh: a stack of matrices split along a matrix axis (shape " + Shapes.str(a.gshape())
                    + ") is not supported; split it along a batch axis");
        }
        DNDarray x = a.dtype() == t ? a : a.astype(t);
        int split = x.splitAxis();
        // eigh reads the lower triangle, as numpy's default, and (LAPACK's heevd) only the real parts of the diagonal
        DNDarray low = Manipulations.tril(split == 0 ? x : x.resplit(0), -1);
        DNDarray d = Complexes.real(Manipulations.diag(split == 0 ? x : x.resplit(0), 0));
        x = Arithmetics.add(Arithmetics.add(low, Polar.ct(low)), Manipulations.diag(d, 0).astype(t));
        double fn = Norms.vectorNorm(x, 2, null, false).itemDouble();
        if (!Double.isFinite(fn)) throw new IllegalArgumentException("eigh: A contains NaN or infinity");
        Random.State saved = Random.getState();
        try {
            Random.seed(SEED);
            Parts r = dc(x.splitAxis() == 0 ? x : x.resplit(0), t, 0);
            DNDarray w = Dnd.wrap(r.w, new long[] {r.w.size()}, -1, null, x);
            return new EighResult(w, split == 1 ? r.v.resplit(1) : r.v);
        } finally {
            Random.setState(saved);
        }
    }

    private record Parts(Tensor w, DNDarray v) { }

    private static Parts dc(DNDarray x, DType t, int depth) {
        long n = x.gshape()[0];
        if (n <= base || depth > 40) return direct(x, t);
        DNDarray d = Complexes.real(Manipulations.diag(x, 0));
        double[] diag = d.resplit(null).larray().toDoubleArray();
        double[] sorted = diag.clone();
        Arrays.sort(sorted);
        double mean = 0;
        for (double v : diag) mean += v / n;
        for (double sigma : new double[] {sorted[(int) (n / 2)], mean}) {
            DNDarray shifted = Arithmetics.sub(x, Arithmetics.mul(Factories.eye(n, n, 0, t, 0, x.device()), sigma));
            DNDarray u = Polar.factor(shifted, t).U();
            DNDarray p = Arithmetics.mul(Arithmetics.add(u, Factories.eye(n, n, 0, t, 0, x.device())), 0.5);
            p = Polar.hermitianPart(p);
            long k = Math.round(Basics.trace(Complexes.real(p), 0, 0, 1).itemDouble());
            if (k <= 0 || k >= n) continue;
            DNDarray q1 = range(p, k, t);
            DNDarray q2 = range(Arithmetics.sub(Factories.eye(n, n, 0, t, 0, x.device()), p), n - k, t);
            Parts r1 = dc(half(x, q1), t, depth + 1);
            Parts r2 = dc(half(x, q2), t, depth + 1);
            Tensor w = r1.w.newEmpty(Solvers.realOf(t), n);
            w.narrow(0, 0, n - k).copyFrom(r2.w);
            w.narrow(0, n - k, k).copyFrom(r1.w);
            DNDarray v = Joining.concatenate(new DNDarray[] {Matmul.matmul(q2, r2.v), Matmul.matmul(q1, r1.v)}, 1);
            return new Parts(w, v.splitAxis() == 0 ? v : v.resplit(0));
        }
        return direct(x, t);
    }

    /** Qᴴ·X·Q, made exactly Hermitian, split 0. */
    private static DNDarray half(DNDarray x, DNDarray q) {
        DNDarray h = Polar.hermitianPart(Matmul.matmul(Polar.ct(q), Matmul.matmul(x, q)));
        return h.splitAxis() == 0 ? h : h.resplit(0);
    }

    /** An orthonormal basis of the k-dimensional range of the projector p: two steps of subspace iteration. */
    private static DNDarray range(DNDarray p, long k, DType t) {
        long n = p.gshape()[0];
        DNDarray q = Rsvd.orth(Matmul.matmul(p, Random.randn(new long[] {n, k}, Solvers.realOf(t), 0, p.device()).astype(t)));
        return Rsvd.orth(Matmul.matmul(p, q));
    }

    /** LAPACK on rank 0 of the gathered matrix; results broadcast (bit-identical replicated values). */
    private static Parts direct(DNDarray x, DType t) {
        Communication comm = x.comm();
        Tensor full = x.resplit(null).larray();
        long n = full.shape(0);
        Tensor w = full.newEmpty(Solvers.realOf(t), n), v = full.newEmpty(t, n, n);
        Tensor status = Tensor.zeros(DType.INT64, 1);   // host: a flag broadcast from rank 0
        String failure = null;
        if (comm.rank() == 0) {
            try {
                LocalLinalg.Eigh e = LocalLinalg.eigh(full, true);
                w.copyFrom(e.eigenvalues());
                v.copyFrom(e.eigenvectors());
            } catch (LinalgError e) {
                failure = e.getMessage();
                status.setLongFlat(1, 0);
            }
        }
        if (comm.size() > 1) comm.bcast(status, 0);
        if (status.getLongFlat(0) != 0) throw new LinalgError("eigh: " + (failure != null ? failure : "LAPACK syevd did not converge (on rank 0)"));
        if (comm.size() > 1) {
            comm.bcast(w, 0);
            comm.bcast(v, 0);
        }
        return new Parts(w, Dnd.wrap(v, new long[] {n, n}, -1, null, x).resplit(0));
    }

    /**
     * Randomized eigendecomposition of a symmetric A: the {@code rank} eigenpairs of largest magnitude from the range
     * of A·Ω (ℓ = rank + oversamples Gaussian vectors, {@code powerIter} subspace iterations, TSQR), B = QᵀAQ
     * (ℓ × ℓ) diagonalised on rank 0 and broadcast, vectors Q·V_B. Eigenvalues ascending (replicated), vectors
     * split along rows when A is distributed.
     */
    static EighResult reigh(DNDarray a, long rank, long oversamples, long powerIter) {
        Polar.checkSquare(a, "reigh");
        Hsvd.checkInput(a, "reigh");
        long n = a.gshape()[0];
        if (rank < 1 || rank > n) throw new IllegalArgumentException("reigh: rank must be in [1, n] = [1, " + n + "], got " + rank);
        if (oversamples < 0) throw new IllegalArgumentException("reigh: the number of oversamples must be >= 0, got " + oversamples);
        if (powerIter < 0) throw new IllegalArgumentException("reigh: the number of power iterations must be >= 0, got " + powerIter);
        DType t = a.dtype();
        long ell = Math.min(rank + oversamples, n);
        boolean dist = a.isDistributed();
        DNDarray x = dist && a.splitAxis() == 1 ? a.T() : a;   // symmetric: the transpose holds the same rows
        DNDarray q = Rsvd.orth(Matmul.matmul(x, Random.randn(new long[] {n, ell}, t, dist ? 0 : null, x.device())));
        for (long i = 0; i < powerIter; i++) q = Rsvd.orth(Matmul.matmul(x, q));
        DNDarray b = Matmul.matmul(q.T(), Matmul.matmul(x, q));
        Tensor bl = b.resplit(null).larray().contiguous();
        Parts e = direct(Dnd.wrap(bl, new long[] {ell, ell}, -1, null, x), t);
        double[] w = e.w.toDoubleArray();
        Integer[] order = new Integer[(int) ell];
        for (int i = 0; i < ell; i++) order[i] = i;
        Arrays.sort(order, (i, j) -> Double.compare(Math.abs(w[j]), Math.abs(w[i])));
        long[] pick = new long[(int) rank];
        for (int i = 0; i < rank; i++) pick[i] = order[i];
        Arrays.sort(pick);   // ascending eigenvalues (w is ascending)
        Tensor vb = e.v.resplit(null).larray();
        Tensor ws = vb.newEmpty(t, rank);
        Tensor vs = vb.newEmpty(t, ell, rank);
        for (int i = 0; i < rank; i++) {
            ws.setDouble(w[(int) pick[i]], i);
            vs.select(1, i).copyFrom(vb.select(1, pick[i]));
        }
        DNDarray v = Matmul.matmul(q, Dnd.wrap(vs, new long[] {ell, rank}, -1, null, x));
        return new EighResult(Dnd.wrap(ws, new long[] {rank}, -1, null, x), v);
    }
}
