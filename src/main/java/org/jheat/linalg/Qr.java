package org.jheat.linalg;

import org.jheat.core.DNDarray;
import org.jheat.core.Index;
import org.jheat.core.Indexing;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * numpy's {@code linalg.qr} of distributed matrices.
 *
 * <p>Methods by distribution (A is (m, n), k = min(m, n)):
 * <ul>
 *   <li>replicated, or a stack split along a batch axis: LAPACK on every process's own matrices (any mode);</li>
 *   <li>split 0 and m ≥ n: {@link Tsqr} (binary tree of R factors); Q (m, k) split 0 with A's counts, R (n, n)
 *       replicated;</li>
 *   <li>split 1 and m ≥ n: one resplit to rows, TSQR, Q resplit back to columns; R split 1 (local slices of the
 *       replicated R, no communication). Householder throughout, so Q is orthogonal to rounding even for
 *       rank-deficient or ill-conditioned A (block Gram–Schmidt on column slabs would lose orthogonality there);</li>
 *   <li>a matrix that is not tall-skinny for the process count (m &lt; 2·p·n, e.g. square): Householder panels on
 *       column slabs ({@link PanelQr}; a split-0 matrix is moved to columns and Q back to rows), so that no process
 *       factors the whole matrix as the top of the TSQR tree would; same result layouts;</li>
 *   <li>m &lt; n (either split): Q (m, m) from the TSQR of the leading m columns A[:, :m] (rows), then
 *       R = Qᵀ·A with the distributed matmul, so R keeps A's split and is never replicated (it is as large as A).
 *       As in LAPACK, R = QᵀA holds exactly for a square orthogonal Q even when A[:, :m] is singular.</li>
 * </ul>
 * Mode "complete" of a distributed tall matrix (m &gt; n) would need the (m, m) Q and is refused; for m ≤ n it equals
 * "reduced". The diagonal of a distributed R is non-negative (see {@link Tsqr}). Integer input is converted to
 * float64, as numpy does.
 *
 * <pre>{@code QR f = Qr.qr(a, "reduced");   // f.Q() split like a, f.R() }</pre>
 */
final class Qr {
    private Qr() { }

    /** The float or complex dtype of a factorisation of x (checks the dtype first). */
    static DType floating(DNDarray x, String op) {
        return Solvers.factorType(op, x.dtype());
    }

    static void checkMatrix(DNDarray a, String op) {
        if (a.ndim() < 2) throw new IllegalArgumentException(op + ": array must be at least two-dimensional, got shape " + Shapes.str(a.gshape()));
    }

    /** numpy's {@code qr(a, mode)}; mode "reduced", "complete" or "r" (then Q is null). */
    static QR qr(DNDarray a, String mode) {
        if (!"reduced".equals(mode) && !"complete".equals(mode) && !"r".equals(mode)) {
            throw new IllegalArgumentException("qr: unknown mode '" + mode + "'; allowed: 'reduced', 'complete', 'r'");
        }
        checkMatrix(a, "qr");
        DType t = floating(a, "qr");
        int nd = a.ndim();
        long[] g = a.gshape();
        long m = g[nd - 2], n = g[nd - 1], k = Math.min(m, n);
        boolean wantQ = !"r".equals(mode);
        if (!Solvers.matrixSplit(a)) {
            LocalLinalg.QR f = Dnd.agreeLocal(a, () -> LocalLinalg.qr(a.larray().dtype() == t ? a.larray() : a.larray().astype(t), mode));
            int s = a.splitAxis() < nd - 2 ? a.splitAxis() : -1;
            long[] c = s < 0 ? null : Dnd.counts(a);
            if (a.splitAxis() >= nd - 2) {
                // one process holding a matrix-split array: the splits the distributed methods give
                int as = a.splitAxis() - (nd - 2);
                int rs = as == 0 && m >= n ? -1 : as;
                return new QR(wantQ ? whole(f.q(), a.splitAxis(), a) : null, whole(f.r(), rs < 0 ? -1 : rs + nd - 2, a));
            }
            DNDarray q = wantQ ? Dnd.wrap(f.q(), globalOf(f.q(), g, s), s, c, a) : null;
            DNDarray r = Dnd.wrap(f.r(), globalOf(f.r(), g, s), s, c, a);
            return new QR(q, r);
        }
        if (nd != 2) {
            throw new IllegalArgumentException("qr: a stack of matrices split along a matrix axis (split " + a.splitAxis() + " of shape "
                    + Shapes.str(g) + ") is not supported; split it along a batch axis");
        }
        if ("complete".equals(mode) && m > n) {
            throw new IllegalArgumentException("qr: mode 'complete' of a distributed tall matrix (shape " + Shapes.str(g)
                    + ") would make an (m, m) Q; use 'reduced' or 'r'");
        }
        DNDarray x = a.dtype() == t ? a : a.astype(t);
        if (m >= n) return tall(x, wantQ);
        // wide: Q from the leading square block, R = Qᵀ A keeps A's split
        DNDarray lead = Indexing.get(x, Index.all(), Index.slice(0L, m));
        QR sq = tall(lead, true);
        // exactly zero below the diagonal, as LAPACK's R (the product leaves rounding there)
        DNDarray qh = t.isComplex() ? Dnd.conj(sq.Q()).T() : sq.Q().T();   // R = Qᴴ·A
        DNDarray r = org.jheat.core.Manipulations.triu(Matmul.matmul(qh, x), 0);
        DNDarray q = x.splitAxis() == 1 ? sq.Q().resplit(1) : sq.Q();
        return new QR(wantQ ? q : null, r);
    }

    /** A single process's whole result split along {@code split} (or replicated for -1). */
    static DNDarray whole(Tensor local, int split, DNDarray like) {
        return Dnd.wrap(local, local.shape(), split, split < 0 ? null : new long[] {local.shape(split)}, like);
    }

    private static long[] globalOf(Tensor local, long[] g, int s) {
        long[] gs = local.shape();
        if (s >= 0) gs[s] = g[s];
        return gs;
    }

    /** Tall (m ≥ n) 2-D matrix split along 0 or 1. */
    static QR tall(DNDarray x, boolean wantQ) {
        int s = x.splitAxis();
        long[] g = x.gshape();
        long n = g[1], k = Math.min(g[0], n);
        if (s == 1 && PanelQr.preferred(g[0], n, x.comm().size())) {
            // not tall-skinny: Householder panels on the columns where they are (no move to rows and back)
            long[] cc = Dnd.counts(x);
            PanelQr.Factors f = PanelQr.factorColumns(x.comm(), x.larray(), g[0], cc, wantQ);
            return new QR(wantQ ? Dnd.wrap(f.q(), new long[] {g[0], k}, 1, PanelQr.qCounts(cc, k), x) : null,
                    Dnd.wrap(f.r(), new long[] {k, n}, 1, cc, x));
        }
        DNDarray rows = s == 0 ? x : x.resplit(0);
        long[] counts = Dnd.counts(rows);
        Tsqr.Factors f = Tsqr.factor(rows.comm(), rows.larray(), counts, n, wantQ);
        DNDarray q = wantQ ? Dnd.wrap(f.q(), new long[] {g[0], k}, 0, counts, rows) : null;
        if (s == 0) return new QR(q, Dnd.wrap(f.r(), new long[] {k, n}, -1, null, x));
        long[] cc = Dnd.counts(x);
        long[][] cd = x.countsDispls();
        int me = x.comm().rank();
        Tensor rl = f.r().narrow(1, cd[1][me], cc[me]).copy();
        return new QR(wantQ ? q.resplit(1) : null, Dnd.wrap(rl, new long[] {k, n}, 1, cc, x));
    }
}
