package org.jheat.linalg;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.LinalgError;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * numpy's {@code linalg.svd} of distributed matrices.
 *
 * <p>Replicated matrices and stacks split along a batch axis: LAPACK gesdd on every process's own matrices. A 2-D
 * matrix split along one of its axes: the matrix is brought to rows along its LONGER axis (one resplit when it is
 * split along the shorter one), {@link Tsqr} reduces it to the small square R (min(m, n)², replicated), rank 0
 * computes R = Ur·diag(S)·Vhr with LAPACK and broadcasts the factors (so the replicated factors are bit-identical on
 * every process), and the long factor is Q·Ur (a local gemm on every slab). A wide matrix goes through its transpose
 * (svd(Aᵀ) = V·S·Uᵀ). So:
 * <ul>
 *   <li>tall (m ≥ n): U (m, n) split 0, S replicated, Vh (n, n) replicated;</li>
 *   <li>wide (m &lt; n): U (m, m) replicated, S replicated, Vh (m, n) split 1.</li>
 * </ul>
 * The communication is the TSQR tree (messages of at most k² elements) plus the broadcast of the small factors;
 * the long factor never moves. A square matrix's R is as large as the matrix: while it fits on one process it is
 * still gathered (LAPACK there is ~10× fewer flops than the alternative), beyond that {@link #polarSvd} factors it
 * with no process holding all of it.
 * {@code computeUV = false} skips Q entirely. Distributed SVDs are reduced ({@code fullMatrices} is refused unless
 * m == n), as in Heat.
 *
 * <pre>{@code SVD d = Svd.svd(a, false, true); }</pre>
 */
final class Svd {
    private Svd() { }

    static SVD svd(DNDarray a, boolean fullMatrices, boolean computeUV) {
        Qr.checkMatrix(a, "svd");
        DType t = Qr.floating(a, "svd");
        int nd = a.ndim();
        long[] g = a.gshape();
        long m = g[nd - 2], n = g[nd - 1];
        if (!Solvers.matrixSplit(a)) {
            // a stack split along a batch axis: a matrix with NaN on one process fails there only, so agreed on
            LocalLinalg.SVD f = Dnd.agreeLocal(a, () -> LocalLinalg.svd(a.larray().dtype() == t ? a.larray() : a.larray().astype(t), fullMatrices, computeUV));
            if (a.splitAxis() >= nd - 2) {
                // one process holding a matrix-split array: the splits the distributed method gives
                boolean tall = m >= n;
                return new SVD(computeUV ? Qr.whole(f.u(), tall ? nd - 2 : -1, a) : null, Qr.whole(f.s(), -1, a),
                        computeUV ? Qr.whole(f.vh(), tall ? -1 : nd - 1, a) : null);
            }
            int s = a.splitAxis() < nd - 2 ? a.splitAxis() : -1;
            long[] c = s < 0 ? null : Dnd.counts(a);
            return new SVD(computeUV ? wrapLike(f.u(), g, s, c, a) : null, wrapLike(f.s(), g, s, c, a), computeUV ? wrapLike(f.vh(), g, s, c, a) : null);
        }
        if (nd != 2) {
            throw new IllegalArgumentException("svd: a stack of matrices split along a matrix axis (split " + a.splitAxis() + " of shape "
                    + Shapes.str(g) + ") is not supported; split it along a batch axis");
        }
        if (fullMatrices && m != n && computeUV) {
            throw new IllegalArgumentException("svd: fullMatrices=true of a distributed non-square matrix (shape " + Shapes.str(g)
                    + ") is not supported; use fullMatrices=false (the reduced SVD)");
        }
        DNDarray x = a.dtype() == t ? a : a.astype(t);
        if (m == n && viaPolar(n, t)) return polarSvd(x, computeUV);
        if (m >= n) return tallSvd(x.splitAxis() == 0 ? x : x.resplit(0), computeUV);
        DNDarray xt = x.T();
        SVD f = tallSvd(xt.splitAxis() == 0 ? xt : xt.resplit(0), computeUV);
        if (!computeUV) return f;
        return new SVD(f.Vh().T(), f.S(), f.U().T());
    }

    /**
     * Bytes of an R factor that may be gathered on one process: an eighth of a process's share of the node's memory,
     * divided by the ~6 copies LAPACK's gesdd and the broadcast factors take. Package-visible so that tests can send
     * small matrices through the distributed path; {@code -Djheat.linalg.svd=polar} does the same for a program,
     * {@code =gather} never takes it.
     */
    static volatile long gatherLimit = switch (System.getProperty("jheat.linalg.svd", "")) {
        case "polar" -> -1;
        case "gather" -> Long.MAX_VALUE;
        default -> org.jheat.tensor.Storage.memoryPerProcess() / 8 / 6;
    };

    /** Whether a distributed square matrix of order n goes through {@link #polarSvd} rather than a gathered R. */
    static boolean viaPolar(long n, DType t) {
        long bytes = n * n * t.itemSize();
        return bytes > gatherLimit;
    }

    /**
     * The SVD of a distributed square matrix without any process holding all of it: the polar decomposition A = Up·H
     * ({@link Polar}, QDWH on row panels) and the eigendecomposition H = V·Λ·Vᴴ ({@link Eigh}, spectral divide and
     * conquer), so A = (Up·V)·Λ·Vᴴ with Λ ≥ 0 the singular values (eigenvalues of H reversed to descending order; the
     * rounding of H's smallest ones below zero clamped to 0). About ten times the flops of LAPACK's SVD, so it is taken
     * only when R would not fit on one process (see {@link #gatherLimit}). U (n, n) split 0, S replicated, Vh = Vᴴ
     * split 1: replicating Vh would gather the matrix this path exists to keep apart.
     */
    static SVD polarSvd(DNDarray x, boolean computeUV) {
        PolarResult p = Polar.polar(x);
        EighResult e = Eigh.eigh(p.H());
        long n = x.gshape()[0];
        double[] lam = e.eigenvalues().toDoubleArray();
        double[] sv = new double[lam.length];
        for (int i = 0; i < sv.length; i++) sv[i] = Math.max(0, lam[sv.length - 1 - i]);
        DNDarray s = Dnd.wrap(Tensor.fromArray(sv).astype(Solvers.realOf(x.dtype())).to(x.device()), new long[] {n}, -1, null, x);
        if (!computeUV) return new SVD(null, s, null);
        DNDarray v = org.jheat.core.Manipulations.flip(e.eigenvectors(), 1);
        DNDarray u = Matmul.matmul(p.U(), v);
        return new SVD(u, s, Polar.ct(v));
    }

    private static DNDarray wrapLike(Tensor local, long[] g, int s, long[] counts, DNDarray like) {
        long[] gs = local.shape();
        if (s >= 0) gs[s] = g[s];
        return Dnd.wrap(local, gs, s, counts, like);
    }

    /**
     * SVD of a tall 2-D matrix split along rows: U split 0 (A's counts), S and Vh replicated. Collective.
     */
    static SVD tallSvd(DNDarray rows, boolean computeUV) {
        long[] g = rows.gshape();
        long n = g[1], k = Math.min(g[0], n);
        long[] counts = Dnd.counts(rows);
        Communication comm = rows.comm();
        Tsqr.Factors f = Tsqr.factor(comm, rows.larray(), counts, n, computeUV);
        Tensor[] small = smallSvd(comm, f.r(), computeUV);
        f.r().storage().free();
        DNDarray s = Dnd.wrap(small[1], new long[] {k}, -1, null, rows);
        if (!computeUV) return new SVD(null, s, null);
        Tensor u = LocalLinalg.matmul(f.q(), small[0]);
        f.q().storage().free();
        return new SVD(Dnd.wrap(u, new long[] {g[0], k}, 0, counts, rows), s, Dnd.wrap(small[2], new long[] {k, n}, -1, null, rows));
    }

    /**
     * The reduced SVD {u, s, vh} of a small matrix every process holds identically: computed on rank 0 and broadcast,
     * so the replicated results are bit-identical everywhere. u and vh are null unless {@code computeUV}.
     */
    static Tensor[] smallSvd(Communication comm, Tensor r, boolean computeUV) {
        long rows = r.shape(0), cols = r.shape(1), k = Math.min(rows, cols);
        DType t = r.dtype();
        Tensor u, s, vh;
        Tsqr.requireFinite(r, "the matrix");
        Tensor status = Tensor.zeros(DType.INT64, 1);   // host: a flag broadcast from rank 0
        String failure = null;
        if (comm.rank() == 0) {
            LocalLinalg.SVD d = null;
            try {
                d = LocalLinalg.svd(r, false, computeUV);
            } catch (LinalgError e) {
                failure = e.getMessage();
                status.setLongFlat(1, 0);
            }
            u = d == null ? null : d.u();
            s = d == null ? null : d.s();
            vh = d == null ? null : d.vh();
        } else {
            s = r.newEmpty(Solvers.realOf(t), k);
            u = computeUV ? r.newEmpty(t, rows, k) : null;
            vh = computeUV ? r.newEmpty(t, k, cols) : null;
        }
        if (comm.size() > 1) comm.bcast(status, 0);
        if (status.getLongFlat(0) != 0) throw new LinalgError("svd: " + (failure != null ? failure : "the SVD did not converge (on rank 0)"));
        if (comm.size() > 1) {
            comm.bcast(s, 0);
            if (computeUV) {
                comm.bcast(u, 0);
                comm.bcast(vh, 0);
            }
        }
        return new Tensor[] {u, s, vh};
    }
}
