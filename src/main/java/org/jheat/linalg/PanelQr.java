package org.jheat.linalg;

import java.util.ArrayList;
import java.util.List;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.tensor.ComplexKernels;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;

/**
 * Householder QR of a matrix whose column slabs the processes hold (right-looking, one-dimensional block columns):
 * the owner of the next panel of at most {@link #block} columns factors it with LAPACK (geqrf + larft: Q = I − V·T·Vᴴ)
 * and broadcasts V and T; every process to its right, and the owner for the rest of its slab, updates its columns
 * with three products (C ← C − V·(Tᴴ·(Vᴴ·C))). The owner keeps its panels, and Q's columns are formed the same way
 * backwards (each process's columns of Q need the panels of its own slab and those to its left only). R stays where
 * its columns are; nothing is gathered on one process, and the messages are one panel at a time.
 *
 * <p>This is the QR for matrices that are not tall-skinny: the top level of the {@link Tsqr} tree factors a stack of
 * two n-row R factors on one process, as much work as the whole QR when m is near n (square matrices, the
 * [√c·X; I] stacks of {@link Polar}). {@link #preferred} decides; both give R with a real non-negative diagonal, so
 * the factors agree up to rounding for a full-rank matrix.
 *
 * <pre>{@code PanelQr.Factors f = PanelQr.factorColumns(comm, aCols, m, colCounts, true); }</pre>
 */
final class PanelQr {
    private PanelQr() { }

    /** Columns per broadcast panel (package-visible so that tests can exercise many panels on small matrices). */
    static long block = 128;

    /**
     * Whether {@link #preferred} may choose panels at all (system property {@code jheat.linalg.panels}, default true;
     * package-visible so that tests can compare with TSQR, and benchmarks with {@code -Djheat.linalg.panels=false}).
     */
    static volatile boolean enabled = !"false".equals(System.getProperty("jheat.linalg.panels"));

    /**
     * This process's part of the factors.
     *
     * @param q this process's columns of Q, (m, kq) with kq its columns below k = min(m, n); null when not requested
     * @param r this process's columns of R, (k, its columns)
     */
    record Factors(Tensor q, Tensor r) { }

    /**
     * Whether a process count p factors an (m, n) matrix faster by panels than by the TSQR tree: when the processes'
     * row slabs are not several times taller than wide, the tree's top level (a 2n×n QR on one process, and its Q)
     * costs as much as the whole factorisation.
     * <pre>{@code if (PanelQr.preferred(m, n, comm.size())) { ... } }</pre>
     */
    static boolean preferred(long m, long n, int p) {
        return enabled && p > 1 && Math.min(m, n) > 1 && m < 2L * p * n;
    }

    /** Columns of Q each process holds: its columns below k = min(m, n). */
    static long[] qCounts(long[] colCounts, long k) {
        long[] q = new long[colCounts.length];
        long d = 0;
        for (int r = 0; r < q.length; r++) {
            q[r] = Math.max(0, Math.min(d + colCounts[r], k) - d);
            d += colCounts[r];
        }
        return q;
    }

    /**
     * QR of the (m, n) matrix whose columns {@code local} (m × colCounts[rank], a float or complex dtype) this process
     * holds; local is not modified. Collective.
     *
     * @throws IllegalArgumentException on every process when the matrix holds NaN or infinity
     */
    static Factors factorColumns(Communication comm, Tensor local, long m, long[] colCounts, boolean wantQ) {
        int p = comm.size(), me = comm.rank();
        DType t = local.dtype();
        long[] cd = new long[p];
        long n = 0;
        for (int r = 0; r < p; r++) {
            cd[r] = n;
            n += colCounts[r];
        }
        long k = Math.min(m, n), mine = colCounts[me];
        Tensor a = local.copy();
        double[] phase = new double[2 * (int) k];   // conjugate phases of R's diagonal, (re, im), filled by the owners
        List<Tensor> kept = new ArrayList<>();      // my panels' (V, T) buffers, for Q
        for (int j = 0; j < p; j++) {
            long c0 = cd[j];
            if (c0 >= k) break;
            long width = Math.min(colCounts[j], k - c0);
            for (long s = 0; s < width; s += block) {
                long b = Math.min(block, width - s), r0 = c0 + s, len = m - r0;
                Tensor buf = a.newEmpty(t, len * b + b * b);
                Tensor v = buf.narrow(0, 0, len * b).reshape(len, b), tt = buf.narrow(0, len * b, b * b).reshape(b, b);
                if (me == j) {
                    Tensor panel = a.narrow(0, r0, len).narrow(1, s, b);
                    LocalLinalg.Householder h = LocalLinalg.householder(panel);
                    v.copyFrom(h.v());
                    tt.copyFrom(h.t());
                    panel.narrow(0, 0, b).copyFrom(h.r());
                    if (len > b) panel.narrow(0, b, len - b).fill(0.0);
                    double[] d = LocalLinalg.diagonalPhaseParts(h.r(), false);
                    System.arraycopy(d, 0, phase, (int) (2 * r0), d.length);
                    h.v().free();
                    h.t().free();
                    h.r().free();
                }
                comm.bcast(buf, j);
                Tensor c = null;
                if (me == j && s + b < mine) c = a.narrow(0, r0, len).narrow(1, s + b, mine - s - b);
                else if (me > j && mine > 0) c = a.narrow(0, r0, len);
                if (c != null) apply(v, tt, c, true);
                if (me == j && wantQ) kept.add(buf);
                else buf.free();
            }
        }
        double[] ph = comm.allreduce(phase, ReduceOp.SUM);
        Tensor r = k == m ? a : a.narrow(0, 0, k).copy();
        if (r != a) a.free();
        if (k > 0 && mine > 0) {
            scale(r, ph, 0, k, false, true);
            // a sign flip made the zeros below the diagonal -0.0: exact +0.0 there, as LAPACK's R
            for (long j = 0; j < mine && cd[me] + j + 1 < k; j++) r.narrow(1, j, 1).narrow(0, cd[me] + j + 1, k - cd[me] - j - 1).fill(0.0);
        }
        requireFinite(comm, r, "the matrix");
        if (!wantQ) return new Factors(null, r);
        long kq = qCounts(colCounts, k)[me];
        Tensor q = r.newZeros(t, m, kq);
        for (long i = 0; i < kq; i++) q.setDouble(1.0, cd[me] + i, i);
        for (int j = p - 1; j >= 0; j--) {
            long c0 = cd[j];
            if (c0 >= k) continue;
            long width = Math.min(colCounts[j], k - c0);
            int panels = (int) ((width + block - 1) / block);
            for (int pi = panels - 1; pi >= 0; pi--) {
                long s = pi * block, b = Math.min(block, width - s), r0 = c0 + s, len = m - r0;
                Tensor buf = me == j ? kept.get(pi) : r.newEmpty(t, len * b + b * b);
                comm.bcast(buf, j);
                long col0 = me == j ? s : 0;   // my earlier columns are still unit vectors above this panel's rows
                if (me >= j && col0 < kq) {
                    Tensor v = buf.narrow(0, 0, len * b).reshape(len, b), tt = buf.narrow(0, len * b, b * b).reshape(b, b);
                    apply(v, tt, q.narrow(0, r0, len).narrow(1, col0, kq - col0), false);
                }
                buf.free();
            }
        }
        if (kq > 0) scale(q, ph, cd[me], kq, true, false);
        return new Factors(q, r);
    }

    /**
     * QR of the (m, n) matrix whose rows {@code local} (counts[rank] × n) this process holds, with {@link Tsqr}'s
     * result layout: this process's rows of Q (counts[rank] × k) and R (k × n) on every process. The matrix is moved
     * to columns and back (Q) around {@link #factorColumns}. Collective.
     */
    static Tsqr.Factors factorRows(Communication comm, Tensor local, long[] counts, long n, boolean wantQ) {
        long m = 0;
        for (long c : counts) m += c;
        long k = Math.min(m, n);
        Device dev = local.device();
        DNDarray cols = Dnd.wrap(local, new long[] {m, n}, 0, counts, comm, dev).resplit(1);
        long[] cc = Dnd.counts(cols);
        Factors f = factorColumns(comm, cols.larray(), m, cc, wantQ);
        if (cols.larray().storage() != local.storage()) cols.larray().free();
        Tensor r = Dnd.wrap(f.r(), new long[] {k, n}, 1, cc, comm, dev).resplit(null).larray();
        if (r.storage() != f.r().storage()) f.r().free();
        if (!wantQ) return new Tsqr.Factors(null, r);
        DNDarray q = Dnd.wrap(f.q(), new long[] {m, k}, 1, qCounts(cc, k), comm, dev).resplit(0);
        if (q.larray().storage() != f.q().storage()) f.q().free();
        if (!java.util.Arrays.equals(Dnd.counts(q), counts)) q = q.redistribute(counts);
        return new Tsqr.Factors(q.larray(), r);
    }

    /**
     * Raises IllegalArgumentException on every process when some process's part of a result holds NaN or infinity
     * (one MIN-allreduce of a flag, so every process decides alike).
     */
    static void requireFinite(Communication comm, Tensor part, String what) {
        if (comm.allreduce(LocalLinalg.allFinite(part) ? 1L : 0L, ReduceOp.MIN) == 0) {
            throw new IllegalArgumentException(what + " contains NaN or infinity");
        }
    }

    /**
     * c ← Qᴴ·c ({@code adjoint}) or Q·c with Q = I − V·T·Vᴴ: c − V·(T'·(Vᴴ·c)), T' = Tᴴ or T; c is updated in place.
     */
    private static void apply(Tensor v, Tensor t, Tensor c, boolean adjoint) {
        boolean cx = v.dtype().isComplex();
        Tensor vc = cx ? LocalLinalg.conj(v) : v;
        Tensor w = LocalLinalg.matmul(vc.transpose(), c);
        if (vc != v) vc.free();
        Tensor tc = adjoint && cx ? LocalLinalg.conj(t) : t;
        Tensor w2 = LocalLinalg.matmul(adjoint ? tc.transpose() : tc, w);
        if (tc != t) tc.free();
        w.free();
        LocalLinalg.gemm(-1, v, w2, 1, c);
        w2.free();
    }

    /**
     * Multiplies rows ({@code rows}) or columns of x by the phases ph[from …], conjugated back when {@code conj}
     * (R's rows by D, Q's columns by Dᴴ, so that Q·R is unchanged).
     */
    private static void scale(Tensor x, double[] ph, long from, long count, boolean conj, boolean rows) {
        DType t = x.dtype();
        Tensor d;
        if (t.isComplex()) {
            double[] z = new double[2 * (int) count];
            for (int i = 0; i < count; i++) {
                z[2 * i] = ph[(int) (2 * (from + i))];
                z[2 * i + 1] = conj ? -ph[(int) (2 * (from + i)) + 1] : ph[(int) (2 * (from + i)) + 1];
            }
            Tensor pairs = Tensor.fromArray(z);
            d = pairs.reshape(count, 2).viewAsComplex().astype(t).to(x.device());
            pairs.free();
        } else {
            double[] z = new double[(int) count];
            for (int i = 0; i < count; i++) z[i] = ph[(int) (2 * (from + i))];
            d = Tensor.fromArray(z).astype(t).to(x.device());
        }
        Tensor db = (rows ? d.reshape(count, 1) : d.reshape(1, count)).broadcastTo(x.shape());
        x.backend().elementwise(t.isComplex() ? ComplexKernels.of(Kernels.MUL) : Kernels.MUL, false, x, x, db);
        d.free();
    }
}
