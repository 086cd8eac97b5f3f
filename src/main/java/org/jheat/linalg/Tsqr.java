package org.jheat.linalg;

import java.util.ArrayList;
import java.util.List;

import org.jheat.comm.Communication;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;

/**
 * Tall-skinny QR (Demmel, Grigori, Hoemmen, Langou 2012) of a matrix whose row slabs the processes hold: every
 * process factors its slab with LAPACK (Householder), then the R factors are combined pairwise up a binary tree
 * (process r with partner r + s at level s stacks the two R's and factors the stack again), the root's R is
 * broadcast, and the small Q factors of the tree are applied on the way down (each node multiplies its tree factor
 * by the block it receives and forwards the partner's part), so that every process ends with its rows of Q:
 * {@code Q_r = Q_leaf,r · C_r}. Messages are R-sized (at most n×n), depth ⌈log2 p⌉. All sizes follow from the
 * global counts, so no sizes are exchanged.
 *
 * <p>The diagonal of R is made non-negative (columns of Q and rows of R flipped together; for complex matrices
 * rotated by the conjugate phase of the diagonal, so that it is real and non-negative), which makes the factors
 * unique for a full-rank matrix and therefore independent of the number of processes up to rounding.
 *
 * <p>A matrix that is not tall-skinny for the process count ({@link PanelQr#preferred}: the tree's top level would
 * factor about as much as the whole matrix on one process) is factored by {@link PanelQr} instead, with the same
 * result layout.
 *
 * <pre>{@code Tsqr.Factors f = Tsqr.factor(comm, aLocal, counts, n, true);   // f.q(): my rows of Q, f.r(): R everywhere }</pre>
 */
final class Tsqr {
    private Tsqr() { }

    static final int TAG_UP = 0x7471, TAG_DOWN = 0x7472;

    /**
     * The factors on this process.
     *
     * @param q this process's rows of Q, (counts[rank], k); null when not requested
     * @param r R, (k, n), identical on every process; k = min(m, n)
     */
    record Factors(Tensor q, Tensor r) { }

    private record Combine(int partner, long ka, long kb, Tensor q) { }

    /** Rows of the R factor of the subtree of {@code size} processes starting at {@code first}. */
    private static long rowsOf(long[] counts, int first, int size, long n) {
        long s = 0;
        for (int r = first; r < Math.min(counts.length, first + size); r++) s += counts[r];
        return Math.min(s, n);
    }

    /**
     * Raises IllegalArgumentException when a tensor that every process holds identically (so the decision is the
     * same everywhere) contains NaN or infinity: a factor of data with NaN or infinity.
     */
    static void requireFinite(Tensor t, String what) {
        if (!LocalLinalg.allFinite(t)) throw new IllegalArgumentException(what + " contains NaN or infinity");
    }

    /**
     * TSQR of the (m, n) matrix whose rows {@code local} (counts[rank] × n, a float dtype) this process holds.
     * Collective. m and n may be anything (k = min(m, n) may be 0).
     */
    static Factors factor(Communication comm, Tensor local, long[] counts, long n, boolean wantQ) {
        int p = comm.size(), me = comm.rank();
        DType t = local.dtype();
        long m = 0;
        for (long c : counts) m += c;
        long k = Math.min(m, n);
        if (PanelQr.preferred(m, n, p)) return PanelQr.factorRows(comm, local, counts, n, wantQ);
        long c = counts[me];
        if (k == 0) return new Factors(wantQ ? local.newZeros(t, c, 0) : null, local.newZeros(t, 0, n));
        String mode = wantQ ? "reduced" : "r";
        Tensor q0 = null, r;
        if (c > 0) {
            LocalLinalg.QR f = LocalLinalg.qr(local, mode);
            q0 = f.q();
            r = f.r();
        } else {
            r = local.newZeros(t, 0, n);
        }
        List<Combine> combines = new ArrayList<>();
        int sentTo = -1;
        long sentRows = 0;
        for (int s = 1; s < p; s *= 2) {
            if (me % (2 * s) == s) {
                comm.send(r.contiguous(), me - s, TAG_UP);
                sentTo = me - s;
                sentRows = r.shape(0);
                break;
            }
            if (me + s >= p) continue;
            long ka = r.shape(0), kb = rowsOf(counts, me + s, s, n);
            Tensor stack = local.newEmpty(t, ka + kb, n);
            stack.narrow(0, 0, ka).copyFrom(r);
            Tensor part = stack.narrow(0, ka, kb);
            comm.recv(part, me + s, TAG_UP);
            Tensor qc = null;
            if (ka + kb > 0) {
                LocalLinalg.QR f = LocalLinalg.qr(stack, mode);
                qc = f.q();
                r = f.r();
            }
            stack.storage().free();
            combines.add(new Combine(me + s, ka, kb, qc));
        }
        // the root: D making diag(D·R) real and >= 0 (signs; conjugate phases for complex); R is broadcast, and
        // Q·Dᴴ (Dᴴ = D for real types) starts the descent of Q
        Tensor back = null;
        if (me == 0) {
            Tensor d = LocalLinalg.diagonalPhases(r, false);
            back = t.isComplex() ? LocalLinalg.diagonalPhases(r, true) : d;
            r = LocalLinalg.matmul(d, r);
            if (back != d) d.storage().free();
        } else {
            r = local.newEmpty(t, k, n);
        }
        comm.bcast(r, 0);
        requireFinite(r, "the matrix");
        if (!wantQ) return new Factors(null, r);
        Tensor cBlock;
        if (me == 0) {
            cBlock = back;
        } else {
            cBlock = local.newEmpty(t, sentRows, k);
            comm.recv(cBlock, sentTo, TAG_DOWN);
        }
        for (int i = combines.size() - 1; i >= 0; i--) {
            Combine cb = combines.get(i);
            Tensor w = cb.q() == null ? local.newZeros(t, 0, k) : LocalLinalg.matmul(cb.q(), cBlock);
            comm.send(w.narrow(0, cb.ka(), cb.kb()).contiguous(), cb.partner(), TAG_DOWN);
            cBlock = w.narrow(0, 0, cb.ka());
        }
        Tensor q = c > 0 ? LocalLinalg.matmul(q0, cBlock) : local.newZeros(t, 0, k);
        if (q0 != null) q0.storage().free();   // as large as the slab: back to the allocator now, not at the next collection
        return new Factors(q, r);
    }
}
