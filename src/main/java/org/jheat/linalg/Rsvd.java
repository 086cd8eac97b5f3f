package org.jheat.linalg;

import org.jheat.core.DNDarray;
import org.jheat.core.Index;
import org.jheat.core.Indexing;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;

/**
 * Heat's {@code rsvd(A, rank, n_oversamples, power_iter)}: the randomized SVD of Halko, Martinsson and Tropp (SIAM
 * Rev. 53(2), 2011), Algorithm 4.4 with subspace iteration.
 *
 * <p>ℓ = min(rank + oversamples, min(m, n)) Gaussian test vectors Ω (n × ℓ, from the counter-based generator, so the
 * same seed gives the same result on any number of processes); Y = A·Ω (a distributed product: local for A split 0,
 * a reduce-scatter of row blocks for A split 1), Q = TSQR(Y); each power iteration re-orthonormalises
 * Q ← TSQR(A·TSQR(Aᵀ·Q)) (the QR between the products keeps the small singular directions from drowning in
 * rounding); then Bᵀ = Aᵀ·Q (n × ℓ, split 0) and its tall SVD Bᵀ = Ub·S·Vbᵀ give U = Q·Vb and V = Ub (local
 * products on the split factors). Only ℓ-column blocks travel; A never moves.
 *
 * <p>Results: U (m, rank) split 0 and V (n, rank) split 0 when A is distributed (replicated otherwise), S replicated.
 *
 * <pre>{@code TruncatedSVD t = Rsvd.rsvd(a, 10, 10, 1); }</pre>
 */
final class Rsvd {
    private Rsvd() { }

    static TruncatedSVD rsvd(DNDarray a, long rank, long oversamples, long powerIter) {
        Hsvd.checkInput(a, "rsvd");
        long[] g = a.gshape();
        long m = g[0], n = g[1], k = Math.min(m, n);
        if (rank < 1 || rank > k) {
            throw new IllegalArgumentException("rsvd: rank must be in [1, min(m, n)] = [1, " + k + "] for shape " + Shapes.str(g) + ", got " + rank);
        }
        if (oversamples < 0) throw new IllegalArgumentException("rsvd: the number of oversamples must be >= 0, got " + oversamples);
        if (powerIter < 0) throw new IllegalArgumentException("rsvd: the number of power iterations must be >= 0, got " + powerIter);
        DType t = a.dtype();
        long ell = Math.min(rank + oversamples, k);
        boolean dist = a.isDistributed();
        DNDarray omega = Random.randn(new long[] {n, ell}, t, dist && a.splitAxis() == 1 ? 0 : null, a.device());
        // every m×ℓ block is handed back to the allocator as soon as the next one exists: left to the collector, a
        // fit's dozens of them outgrow the freed-block cache and each power iteration touches fresh pages
        DNDarray q = orthFree(Matmul.matmul(a, omega));
        free(omega);
        for (long i = 0; i < powerIter; i++) {
            DNDarray z = orthFree(Matmul.matmul(a.T(), q));
            free(q);
            q = orthFree(Matmul.matmul(a, z));
            free(z);
        }
        DNDarray bt = Matmul.matmul(a.T(), q);
        SVD f = Svd.svd(bt, false, true);   // Bᵀ = Ub·S·Vbh; B = Vbhᵀ·S·Ubᵀ
        free(bt);
        DNDarray u = Matmul.matmul(q, f.Vh().T());
        free(q);
        DNDarray s = f.S(), v = f.U();
        if (ell > rank) {
            u = Indexing.get(u, Index.all(), Index.slice(0L, rank));
            v = Indexing.get(v, Index.all(), Index.slice(0L, rank));
            s = Indexing.get(s, Index.slice(0L, rank));
        }
        return new TruncatedSVD(u, s, v, Double.NaN);
    }

    /** {@link #orth} of y, y's memory then freed (y is a temporary the caller no longer needs). */
    private static DNDarray orthFree(DNDarray y) {
        DNDarray q = orth(y);
        free(y);
        return q;
    }

    /** Hands this process's block of a temporary back to the allocator (nothing else may view it). */
    private static void free(DNDarray x) { x.larray().storage().free(); }

    /** An orthonormal basis of the columns of a tall y (TSQR when y is split along rows). */
    static DNDarray orth(DNDarray y) {
        return Qr.qr(y, "reduced").Q();
    }
}
