package org.jheat.linalg;

import java.util.ArrayList;
import java.util.List;

import org.jheat.comm.Communication;
import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.Generator;
import org.jheat.tensor.LinalgError;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Heat's hierarchical SVD ({@code svdtools.hsvd}, {@code hsvd_rank}, {@code hsvd_rtol}): Iwen and Ong's distributed
 * SVD (SIAM J. Matrix Anal. Appl. 37(4), 2016) with the a-posteriori error estimate of Himpe, Leibner and Rave
 * (SIAM J. Sci. Comput. 40(5), 2018).
 *
 * <p>A split along columns (A split 0 is handled as Aᵀ, and U and V swap at the end): every process computes a
 * truncated SVD of its column slab and keeps U·diag(σ) (m × r_i). Then, level by level, the active processes are
 * grouped in rank order: a group takes nodes while the sum of their ranks stays ≤ {@code maxmergedim} and it has at
 * most {@code noOfMerges} members; each member sends its U·diag(σ) (and its accumulated squared truncation error) to
 * the group's first process, which concatenates them column-wise and computes the next truncated SVD. When one node
 * is left, its U is broadcast (replicated result). Truncation keeps min(maxrank, rank needed for the local absolute
 * tolerance ‖A‖_F·rtol/√(2p − 1), rank above the noise level) + {@code safetyshift} vectors (no shift at the final
 * merge), and adds ‖σ[r:]‖² (r the rank before the shift) to the node's error: the kept safety vectors count as error too, so
 * √(Σ errors)/‖A‖_F bounds ‖A − U·diag(S)·Vᵀ‖_F/‖A‖_F from above. S and V (and U for split 0) come from the SVD of
 * AᵀU (see {@link #rightFactor}); both returned factors are orthonormal.
 *
 * <p>For a rank-based truncation ({@code hsvdRank}) of a slab at least four times wider and taller than the vectors
 * asked for, the first, local truncation is a randomized range finder with power iterations, projected onto the span
 * of all its iterates (block Krylov; see {@link #randomized}), instead of the full SVD of the slab: O(m·d·ℓ) per pass instead of O(m·d·min(m, d)), with the
 * exact residual energy counted as the node's error, so the estimate remains an upper bound. The merges, whose
 * inputs are only a few vectors wide, stay exact.
 *
 * <p>Differences from Heat: a matrix that is not split over several processes is truncated once, without safety
 * vectors (a tree of one node), where Heat truncates twice under the budget of one node, so that its estimate — and
 * with rtol its error — could exceed rtol by up to √2; a group of one in the merge tree is passed on, not truncated
 * again; a slab narrower than rank + safety shift counts only its safety vectors as error (Heat also counted needed
 * ones there), so the estimate stays within rtol; the noise level (1e-14 float64, 1e-7 float32) is relative to ‖A‖_F rather than absolute,
 * so scaling A does not change the result; processes with nothing to contribute (empty slabs, zero data) pass an
 * (m × 0) block instead of a zero column, and such processes are never dropped from the tree (Heat loses the data of
 * a process following an empty one); a level whose budget allows no merge at all merges pairs instead of looping.
 * A NaN or infinity in A raises IllegalArgumentException on every process (‖A‖_F is computed first anyway).
 *
 * <pre>{@code TruncatedSVD t = Hsvd.hsvdRank(a, 10, true, null, 5); double bound = t.errorEstimate(); }</pre>
 */
final class Hsvd {
    private Hsvd() { }

    static final int TAG = 0x6873;

    static DType checkInput(DNDarray a, String op) {
        if (a.ndim() != 2) throw new IllegalArgumentException(op + ": A must be a 2-D matrix, got shape " + Shapes.str(a.gshape()));
        if (!a.dtype().isFloat()) {
            throw new IllegalArgumentException(op + ": A must be float32 or float64, got " + a.dtype());
        }
        return a.dtype();
    }

    /** The largest local extent along axis 1 (Heat's {@code max(A.lshape_map[:, 1])}). */
    private static long localSize(DNDarray a) {
        long mx = 0;
        for (long[] l : a.lshapeMap()) mx = Math.max(mx, l[1]);
        return mx;
    }

    /** Heat's {@code hsvd_rank(A, maxrank, compute_sv, maxmergedim, safetyshift)}. */
    static TruncatedSVD hsvdRank(DNDarray a, long maxrank, boolean computeSV, Long maxmergedim, long safetyshift) {
        checkInput(a, "hsvdRank");
        long[] g = a.gshape();
        if (maxrank < 1 || maxrank > Math.min(g[0], g[1])) {
            throw new IllegalArgumentException("hsvdRank: maxrank must be in [1, min(m, n)] = [1, " + Math.min(g[0], g[1]) + "] for shape "
                    + Shapes.str(g) + ", got " + maxrank);
        }
        if (safetyshift < 0) throw new IllegalArgumentException("hsvdRank: safetyshift must be >= 0, got " + safetyshift);
        long need = 2 * (maxrank + safetyshift) + 1;
        if (maxmergedim != null && maxmergedim < need) {
            throw new IllegalArgumentException("hsvdRank: maxmergedim=" + maxmergedim + " is too small; it must be > 2*(maxrank + safetyshift) = "
                    + (need - 1) + " (or null for the default)");
        }
        long local = localSize(a);
        long mmd = maxmergedim != null ? maxmergedim : local >= need - 1 ? local : need;
        return hsvd(a, maxrank, mmd, null, safetyshift, null, computeSV);
    }

    /** Heat's {@code hsvd_rtol(A, rtol, compute_sv, maxrank, maxmergedim, safetyshift, no_of_merges)}. */
    static TruncatedSVD hsvdRtol(DNDarray a, double rtol, boolean computeSV, Long maxrank, Long maxmergedim, long safetyshift, Integer noOfMerges) {
        checkInput(a, "hsvdRtol");
        long[] g = a.gshape();
        if (!(rtol > 0) || Double.isInfinite(rtol)) throw new IllegalArgumentException("hsvdRtol: rtol must be a positive number, got " + rtol);
        if (safetyshift < 0) throw new IllegalArgumentException("hsvdRtol: safetyshift must be >= 0, got " + safetyshift);
        if (maxrank != null && (maxrank < 1 || maxrank > Math.min(g[0], g[1]))) {
            throw new IllegalArgumentException("hsvdRtol: maxrank must be in [1, min(m, n)] = [1, " + Math.min(g[0], g[1]) + "], got " + maxrank);
        }
        if (noOfMerges != null && noOfMerges < 2) throw new IllegalArgumentException("hsvdRtol: noOfMerges must be >= 2, got " + noOfMerges);
        long local = localSize(a);
        Long mr = maxrank, mmd = maxmergedim;
        Integer merges = noOfMerges;
        if (mmd != null && mr == null) {
            mr = local / 2 - safetyshift;
            if (mr <= 0) throw new IllegalArgumentException("hsvdRtol: safetyshift=" + safetyshift + " is too large for local slabs of " + local + " columns");
        }
        if (mmd == null && mr != null) mmd = local >= 2 * (mr + safetyshift) ? local : 2 * (mr + safetyshift) + 1;
        if (mmd != null && mr != null && mmd < 2 * (mr + safetyshift) + 1) {
            throw new IllegalArgumentException("hsvdRtol: maxmergedim=" + mmd + " is too small; it must be > 2*(maxrank + safetyshift) = " + 2 * (mr + safetyshift));
        }
        if (mmd == null) {
            if (merges == null) merges = 2;
            mmd = 2 * (g[1] + safetyshift) + 1;
            mr = g[1];
        }
        return hsvd(a, mr, mmd, rtol, safetyshift, merges, computeSV);
    }

    /**
     * Heat's low-level {@code hsvd}: truncation to {@code maxrank} and/or the relative tolerance {@code rtol} (null:
     * none), merge budget {@code maxmergedim} columns, at most {@code noOfMerges} nodes per merge (null: no limit).
     */
    static TruncatedSVD hsvd(DNDarray a, long maxrank, long maxmergedim, Double rtol, long safetyshift, Integer noOfMerges, boolean computeSV) {
        checkInput(a, "hsvd");
        if (maxrank < 1) throw new IllegalArgumentException("hsvd: maxrank must be >= 1, got " + maxrank);
        if (maxmergedim < 1) throw new IllegalArgumentException("hsvd: maxmergedim must be >= 1, got " + maxmergedim);
        if (noOfMerges != null && noOfMerges < 2) throw new IllegalArgumentException("hsvd: noOfMerges must be >= 2, got " + noOfMerges);
        if (rtol != null && !(rtol > 0)) throw new IllegalArgumentException("hsvd: rtol must be positive, got " + rtol);
        boolean transposed = a.splitAxis() == 0;
        DNDarray x = transposed ? a.T() : a;
        Communication comm = x.comm();
        int p = comm.size(), me = comm.rank();
        boolean distributed = x.splitAxis() == 1 && p > 1;
        double localSq = sumOfSquares(a);
        double anorm = Math.sqrt(distributed ? comm.allreduce(localSq, org.jheat.comm.ReduceOp.SUM) : localSq);
        if (!Double.isFinite(anorm)) throw new IllegalArgumentException("hsvd: A contains NaN or infinity");
        long m = x.gshape()[0];
        DType t = x.dtype();
        double noise = (t == DType.FLOAT32 ? 1e-7 : 1e-14) * anorm;
        int nodes = distributed ? p : 1;
        Double atol = rtol == null ? null : anorm * rtol / Math.sqrt(2.0 * nodes - 1);

        Tensor local = x.larray();
        // one process holds all of x: the last product of the range finder, xᵀ·Q, gives the right factor without another
        // pass over A (see rightFactor)
        boolean keep = !distributed && (computeSV || transposed);
        // one node (x not split over several processes) is its tree's leaf and root at once: one truncation, without
        // safety vectors. Heat truncates twice there (the leaf with its shift, then the root) under the budget of one,
        // counting the safety vectors' σ² in both, so its estimate, and its error with rtol, could reach √2 × rtol
        long shift = distributed ? safetyshift : 0;
        Local lv = atol == null ? randomized(local, maxrank, shift, noise, localSq, keep) : null;
        if (lv == null) lv = truncated(local, maxrank, atol, shift, noise);
        Tensor uloc = scaled(lv.u, lv.s, x);
        double err2 = lv.err2;
        if (!distributed) {
            // the leaf's vectors, orthonormalised again (U·diag(σ) has them as its left singular vectors); only values
            // below the noise level can go here, all of them already counted
            Local fin = truncated(uloc, maxrank, null, 0, noise);
            uloc = fin.u;
            err2 += fin.err2;
        } else {
            List<Integer> active = new ArrayList<>();
            for (int r = 0; r < p; r++) active.add(r);
            while (true) {
                Tensor mine = Tensor.fromArray(new long[] {uloc.shape(1)});   // host: the ranks' column counts
                Tensor dims = Tensor.empty(DType.INT64, p);   // host: allgathered counts
                comm.allgather(mine, dims);
                int[] sendTo = new int[p];
                java.util.Arrays.fill(sendTo, -1);
                List<Integer> future = groups(active, dims.toLongArray(), maxmergedim, noOfMerges, sendTo);
                boolean last = future.size() == 1;
                if (future.contains(me)) {
                    List<Tensor> parts = new ArrayList<>();
                    parts.add(uloc);
                    for (int r : active) {
                        if (sendTo[r] != me) continue;
                        long d = dims.getLongFlat(r);
                        Tensor buf = local.newEmpty(t, m * d + 1);
                        comm.recv(buf, r, TAG);
                        err2 += buf.getDoubleFlat(m * d);
                        parts.add(buf.narrow(0, 0, m * d).reshape(m, d));
                    }
                    if (parts.size() > 1 || last) {
                        Tensor cat = columns(parts, local, false);
                        Local lv2 = truncated(cat, maxrank, atol, last ? 0 : safetyshift, noise);
                        cat.storage().free();
                        uloc = last ? lv2.u : scaled(lv2.u, lv2.s, x);
                        err2 += lv2.err2;
                    }
                    // else a group of one: nothing to merge, so not a node of the tree (Heat truncates it again, one
                    // node more than the 2p - 1 of the rtol budget, with its safety vectors counted twice)
                } else if (active.contains(me)) {
                    long d = uloc.shape(1);
                    Tensor buf = local.newEmpty(t, m * d + 1);
                    buf.narrow(0, 0, m * d).reshape(m, d).copyFrom(uloc);
                    buf.setDoubleFlat(err2, m * d);
                    comm.send(buf, sendTo[me], TAG);
                }
                if (last) break;
                active = future;
            }
            // the root's U and error to everyone
            Tensor head = Tensor.fromArray(new double[] {me == 0 ? uloc.shape(1) : 0, me == 0 ? err2 : 0});   // host: two scalars
            comm.bcast(head, 0);
            long r = (long) head.getDoubleFlat(0);
            err2 = head.getDoubleFlat(1);
            Tensor u = me == 0 ? uloc.contiguous() : local.newEmpty(t, m, r);
            comm.bcast(u, 0);
            uloc = u;
        }
        double est = anorm == 0 ? 0 : Math.sqrt(Math.max(err2, 0)) / anorm;
        DNDarray u = Dnd.wrap(uloc, new long[] {m, uloc.shape(1)}, -1, null, x);
        if (!transposed && !computeSV) return new TruncatedSVD(u, null, null, est);
        DNDarray[] sv;
        if (lv.xtq() != null) {
            // U lies in the span of the range finder's orthonormal Q: U = Q·(QᵀU), so xᵀU = (xᵀQ)·(QᵀU)
            Tensor c = LocalLinalg.matmul(lv.q().transpose(), uloc);
            Tensor w = LocalLinalg.matmul(lv.xtq(), c);
            c.storage().free();
            lv.q().storage().free();
            lv.xtq().storage().free();
            DNDarray xt = x.T();
            long d = xt.gshape()[0];
            sv = rightFactor(x, u, Dnd.wrap(w, new long[] {d, w.shape(1)}, xt.splitAxis(), xt.splitAxis() < 0 ? null : new long[] {d}, x));
        } else {
            sv = rightFactor(x, u, null);
        }
        if (transposed) return new TruncatedSVD(sv[1], computeSV ? sv[0] : null, computeSV ? sv[2] : null, est);
        return new TruncatedSVD(sv[2], sv[0], sv[1], est);
    }

    /**
     * S, V and the rotated U of the projection U·Uᵀ·A for an orthonormal U (m × r, replicated): W = AᵀU (a
     * distributed product), W = P·diag(S)·Qh by {@link Svd} (TSQR), so U·Uᵀ·A = U·Wᵀ = (U·Qhᵀ)·diag(S)·Pᵀ with both
     * factors orthonormal. Heat instead normalises the columns of AᵀU, which gives the same reconstruction U·Uᵀ·A but
     * a V (or, for split 0, a U) that is orthonormal only when U holds exact singular vectors. {@code known} is W when
     * the caller already has it (null: computed here).
     */
    static DNDarray[] rightFactor(DNDarray x, DNDarray u, DNDarray known) {
        DNDarray w = known != null ? known : Matmul.matmul(x.T(), u);
        SVD f = Svd.svd(w, false, true);
        DNDarray ur = Matmul.matmul(u, f.Vh().T());
        return new DNDarray[] {f.S(), f.U(), ur};
    }

    /** Groups the active nodes (rank order); fills sendTo for the members and returns the group leaders. */
    static List<Integer> groups(List<Integer> active, long[] dims, long maxmergedim, Integer noOfMerges, int[] sendTo) {
        List<Integer> future = new ArrayList<>();
        long used = 0;
        int count = 0, leader = -1;
        for (int idx : active) {
            if (leader < 0 || used + dims[idx] > maxmergedim || noOfMerges != null && count == noOfMerges) {
                leader = idx;
                future.add(idx);
                used = dims[idx];
                count = 1;
            } else {
                sendTo[idx] = leader;
                used += dims[idx];
                count++;
            }
        }
        if (future.size() == active.size() && active.size() > 1) {
            // the budget allows no merge: merge pairs so that the tree still shrinks
            future.clear();
            java.util.Arrays.fill(sendTo, -1);
            for (int i = 0; i < active.size(); i++) {
                if (i % 2 == 0) future.add(active.get(i));
                else sendTo[active.get(i)] = active.get(i - 1);
            }
        }
        return future;
    }

    /**
     * A node's truncation: U, σ and the squared error it adds; from the randomized range finder kept on request, its
     * orthonormal basis Q and the product xᵀ·Q (else null).
     */
    private record Local(Tensor u, Tensor s, double err2, Tensor q, Tensor xtq) {
        Local(Tensor u, Tensor s, double err2) {
            this(u, s, err2, null, null);
        }
    }

    /** Heat's {@code compute_local_truncated_svd} (noise level relative to ‖A‖_F). */
    private static Local truncated(Tensor x, long maxrank, Double atol, long safetyshift, double noise) {
        long m = x.shape(0);
        DType t = x.dtype();
        if (x.shape(1) == 0 || m == 0) return new Local(x.newZeros(t, m, 0), x.newZeros(t, 0), 0);
        LocalLinalg.SVD d;
        if (x.shape(1) > m) {
            // wide slab: only U and σ are needed; X = Rᵀ·Qᵀ from the R of Xᵀ = Q·R (geqrf, no Q), so the SVD of the small
            // Rᵀ (m × m) gives X's U and σ without forming the (m × d) right factor that gesdd would compute
            Tensor r = LocalLinalg.qr(x.transpose(), "r").r();
            d = LocalLinalg.svd(r.transpose(), false, true);
            r.storage().free();
        } else {
            d = LocalLinalg.svd(x, false, true);
        }
        double[] s = d.s().toDoubleArray();
        int len = s.length;
        int cutNoise = 0;
        while (cutNoise < len && s[cutNoise] >= noise && s[cutNoise] > 0) cutNoise++;
        if (cutNoise == 0) {
            double e = 0;
            for (double v : s) e += v * v;
            return new Local(x.newZeros(t, m, 0), x.newZeros(t, 0), e);
        }
        long trunc;
        if (atol == null) {
            trunc = Math.min(maxrank, cutNoise);
        } else {
            // the smallest k with ‖s[k:]‖² < atol² (tail sums from the end)
            double[] tail = new double[len + 1];
            for (int i = len - 1; i >= 0; i--) tail[i] = tail[i + 1] + s[i] * s[i];
            int ideal = len;
            for (int k = 0; k <= len; k++) {
                if (tail[k] < atol * atol) {
                    ideal = k;
                    break;
                }
            }
            trunc = Math.min(Math.min(maxrank, ideal), cutNoise);
        }
        // the error counts the kept safety vectors too, but no more: when the slab has fewer than trunc + safetyshift
        // vectors, Heat's sigma[kept - safetyshift:] also counted needed ones, pushing the estimate above rtol
        long needed = trunc;
        trunc = Math.min(len, trunc + safetyshift);
        double e = 0;
        for (long i = needed; i < len; i++) e += s[(int) i] * s[(int) i];
        return new Local(d.u().narrow(1, 0, trunc), d.s().narrow(0, 0, trunc), e);
    }

    /**
     * Extra test vectors of the randomized first truncation beyond the kept rank (scikit-learn's {@code n_oversamples}
     * default). Heat's safety vectors count towards them: they are carried to the merge but their accuracy is not
     * what the rank asks for, and the residual that enters the error estimate is exact either way.
     */
    static final long OVERSAMPLES = 10;

    /**
     * The first, rank-based truncation of a large slab by a randomized range finder (Halko, Martinsson, Tropp 2011,
     * Alg. 4.4; the power-iteration count of scikit-learn's {@code randomized_svd}: 7 when the kept rank is below a
     * tenth of the slab's smaller extent, else 4), instead of the full SVD of the slab that Heat computes: the cost
     * falls from O(m·d·min(m, d)) to O(m·d·ℓ) per pass. The error added to the node is the exact energy the kept
     * projection misses, ‖X‖²_F − Σ kept σ² (Σ over the vectors not counted as safety vectors), so the estimate still
     * bounds the true error; rounding in that difference is covered by a margin of 16·eps·‖X‖²_F, and a slab whose
     * residual is within rounding of zero (data of lower rank than ℓ) takes the exact path, which resolves it.
     * Returns null when the exact path is cheap anyway (ℓ above a quarter of the smaller extent).
     */
    private static Local randomized(Tensor x, long maxrank, long safetyshift, double noise, double sumSq, boolean keep) {
        long m = x.shape(0), d = x.shape(1), small = Math.min(m, d);
        long ell = maxrank + Math.max(safetyshift, OVERSAMPLES);
        if (4 * ell > small) return null;
        DType t = x.dtype();
        int powerIter = maxrank < 0.1 * small ? 7 : 4;
        Tensor omega = x.newEmpty(t, d, ell);
        omega.backend().generate(SIGNS, false, omega);
        // the iterates X·Ω, (X·Xᵀ)·X·Ω, … span a block Krylov space; the projection is made onto the span of the last
        // `blocks` of them rather than onto the last one alone (see krylovBlocks)
        int blocks = krylovBlocks(powerIter, ell, small);
        // the last `blocks` iterates q and their images X·Xᵀ·q (m × ℓ each), for the projection onto their joint span
        java.util.ArrayDeque<Tensor> qs = new java.util.ArrayDeque<>(), images = new java.util.ArrayDeque<>();
        Tensor q = normalized(LocalLinalg.matmul(x, omega), null);
        omega.storage().free();
        for (int i = 0; i <= powerIter; i++) {
            boolean last = i == powerIter;
            Tensor[] factor = new Tensor[1];
            Tensor z = normalized(LocalLinalg.matmul(x.transpose(), q), factor);   // z·S = Xᵀ·q
            Tensor y = LocalLinalg.matmul(x, z);   // X·z, so X·Xᵀ·q = y·S
            z.storage().free();
            if (powerIter - i < blocks) {
                qs.addLast(q);
                images.addLast(LocalLinalg.matmul(y, factor[0]));
            } else {
                q.storage().free();
            }
            factor[0].storage().free();
            if (last) {
                y.storage().free();
                break;
            }
            q = normalized(y, null);
        }
        q = ritzBasis(qs, images, ell, x);
        // B = QᵀX (ℓ × d): its left vectors and σ² are the eigenpairs of B·Bᵀ = (XᵀQ)ᵀ(XᵀQ), an ℓ × ℓ Gram (one syrk;
        // a QR of the tall XᵀQ costs ten times as much). The eigenvectors are orthonormal whatever the conditioning;
        // only σ far below √eps·σ₁ lose relative accuracy, and those are never kept (see the residual test below)
        Tensor bt = LocalLinalg.matmul(x.transpose(), q);
        Tensor gram = LocalLinalg.gram(bt);
        LocalLinalg.Eigh eig = LocalLinalg.eigh(gram);
        gram.storage().free();
        int ncol = (int) bt.shape(1);
        double[] lambda = eig.eigenvalues().toDoubleArray();
        double[] s = new double[ncol];
        for (int i = 0; i < ncol; i++) s[i] = Math.sqrt(Math.max(lambda[ncol - 1 - i], 0));   // descending
        int cutNoise = 0;
        while (cutNoise < s.length && s[cutNoise] >= noise && s[cutNoise] > 0) cutNoise++;
        long needed = Math.min(s.length, Math.min(maxrank, cutNoise)), trunc = Math.min(s.length, needed + safetyshift);
        double kept = 0;
        for (long i = 0; i < needed; i++) kept += s[(int) i] * s[(int) i];
        double eps = t == DType.FLOAT32 ? 0x1p-23 : 0x1p-52;
        double residual = sumSq - kept;
        if (cutNoise == 0 || residual <= 1e6 * eps * sumSq) {
            q.storage().free();
            bt.storage().free();
            return null;
        }
        Tensor w = leadingEigenvectors(eig, (int) trunc);
        Tensor sk = x.newEmpty(t, trunc);
        for (int j = 0; j < trunc; j++) sk.setDoubleFlat(s[j], j);
        Tensor u = LocalLinalg.matmul(q, w);
        w.storage().free();
        if (!keep) {
            q.storage().free();
            bt.storage().free();
        }
        // the Gram's rounding (≤ L·eps·σ₁² per eigenvalue) is inside the margin
        return new Local(u, sk, residual + (16 + ncol) * eps * sumSq, keep ? q : null, keep ? bt : null);
    }

    /**
     * How many of the range finder's last iterates the projection spans (block Krylov, Musco and Musco, NeurIPS 2015):
     * all of them, but at most half the smaller extent of the slab in columns. The span contains the last iterate, so
     * the kept σ are never below those of the projection onto the last iterate alone, and on slowly decaying spectra
     * they are far closer to the exact ones (2e5×1000 Gaussian, rank 10: 11.40 of the optimal 11.41 captured variance
     * against 10.72 from the last iterate). rsvd and hsvd's slabs find the leading Ritz vectors of that span from the
     * blocks' products with A, which the iterations compute anyway, and then make the usual exact last step on them.
     */
    static int krylovBlocks(long powerIter, long ell, long small) {
        return (int) Math.max(1, Math.min(powerIter + 1, small / 2 / ell));
    }

    /**
     * An orthonormal basis (m × ℓ at most) of the ℓ leading Ritz vectors of X·Xᵀ in the span of the blocks q (block
     * Krylov), from the blocks' images g = X·Xᵀ·q alone, with no product with X: with [q…] = U·Σ·Wᵀ (its SVD), the
     * orthonormal U has X·Xᵀ·U = [g…]·W·Σ⁻¹; directions with Σ below 100·eps·Σ₀ are left out (as in rsvd, the rounding
     * of g grows at most to 1 % in a basis that only steers the choice of subspace: σ, U and the error that enters
     * the estimate come from the exact product Xᵀ·Q that follows). Every block is freed.
     */
    private static Tensor ritzBasis(java.util.Collection<Tensor> qs, java.util.Collection<Tensor> images, long ell, Tensor like) {
        Tensor qc = columns(qs, like, true), gc = columns(images, like, true);
        LocalLinalg.SVD f = LocalLinalg.svd(qc, false, true);
        qc.storage().free();
        Tensor c = krylovCoefficients(f.s(), f.vh(), gc);
        int keep = (int) c.shape(1);
        Tensor basis = f.u().narrow(1, 0, keep);
        Tensor image = LocalLinalg.matmul(gc, c);   // X·Xᵀ·basis
        gc.storage().free();
        c.storage().free();
        Tensor h = LocalLinalg.matmul(basis.transpose(), image);   // the Rayleigh quotient basisᵀ·X·Xᵀ·basis
        image.storage().free();
        for (int i = 0; i < keep; i++) {
            for (int j = 0; j < i; j++) {
                double avg = 0.5 * (h.getDouble(i, j) + h.getDouble(j, i));
                h.setDouble(avg, i, j);
                h.setDouble(avg, j, i);
            }
        }
        LocalLinalg.Eigh e = LocalLinalg.eigh(h);   // ascending
        h.storage().free();
        Tensor v = leadingEigenvectors(e, (int) Math.min(ell, keep));
        Tensor ritz = LocalLinalg.matmul(basis, v);
        v.storage().free();
        f.u().storage().free();
        return orth(ritz);
    }

    /**
     * C = W[:, :keep]·Σ⁻¹ for the SVD U·Σ·Wᵀ (σ descending, vh = Wᵀ) of the concatenated Krylov blocks B: B·C = U[:, :keep]
     * is an orthonormal basis of their span, and the blocks' known images under the operator times C are its images.
     * Directions with σ below 100·eps·σ₀ (nearly dependent blocks) are left out, which bounds the amplification of the
     * images' rounding by Σ⁻¹ to 1 % — enough for a basis that only steers the choice of subspace. keep = C's columns;
     * C has {@code like}'s dtype and device.
     */
    static Tensor krylovCoefficients(Tensor s, Tensor vh, Tensor like) {
        DType t = like.dtype();
        double[] sigma = s.toDoubleArray(), w = vh.toDoubleArray();
        double floor = 100 * (t == DType.FLOAT32 ? 0x1p-23 : 0x1p-52) * sigma[0];
        int keep = 0;
        while (keep < sigma.length && sigma[keep] >= floor && sigma[keep] > 0) keep++;
        int cols = sigma.length;
        Tensor c = like.newEmpty(t, cols, keep);
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < keep; j++) c.setDoubleFlat(w[j * cols + i] / sigma[j], (long) i * keep + j);
        }
        return c;
    }

    /** The eigenvectors of the {@code count} largest eigenvalues of an ascending eigh, largest first (a new block). */
    private static Tensor leadingEigenvectors(LocalLinalg.Eigh e, int count) {
        Tensor vecs = e.eigenvectors();
        int n = (int) vecs.shape(1);
        Tensor out = vecs.newEmpty(vecs.dtype(), vecs.shape(0), count);
        for (int j = 0; j < count; j++) out.narrow(1, j, 1).copyFrom(vecs.narrow(1, n - 1 - j, 1));
        return out;
    }

    /** The blocks side by side (m × Σ columns), a new block; with {@code free} each block's memory is freed. */
    private static Tensor columns(java.util.Collection<Tensor> parts, Tensor like, boolean free) {
        long cols = 0;
        for (Tensor p : parts) cols += p.shape(1);
        Tensor first = parts.iterator().next();
        Tensor cat = like.newEmpty(first.dtype(), first.shape(0), cols);
        long off = 0;
        for (Tensor p : parts) {
            cat.narrow(1, off, p.shape(1)).copyFrom(p);
            off += p.shape(1);
            if (free) p.storage().free();
        }
        return cat;
    }

    /** Random signs (±1) from a hash of the element's position: a fixed test matrix, the same in every run. */
    private static final Generator SIGNS = new Generator() {
        @Override
        public void doubles(long row, long col, double[] out, int n) {
            for (int i = 0; i < n; i++) {
                long z = (row * 0x9E3779B97F4A7C15L) ^ (col + i) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
                out[i] = (z ^ (z >>> 29)) < 0 ? -1.0 : 1.0;
            }
        }
    };

    /**
     * The columns of a tall local y made well-conditioned between power iterations, as scikit-learn's LU normaliser
     * does, but by Cholesky QR (y·R⁻¹ with RᵀR = yᵀy: one syrk and one trsm, BLAS-3 and one pass each, against the
     * level-2 sweeps of Householder QR on a narrow panel); Householder QR when yᵀy is not numerically positive
     * definite. The last iterate goes through {@link #orth} for exact orthonormality.
     */
    private static Tensor normalized(Tensor y, Tensor[] factor) {
        Tensor r;
        try {
            r = LocalLinalg.cholesky(LocalLinalg.gram(y), true);
        } catch (LinalgError notDefinite) {
            return orth(y, factor);
        }
        double[] diag = new double[(int) r.shape(0)];
        for (int i = 0; i < diag.length; i++) diag[i] = r.getDouble(i, i);
        double mx = 0, mn = Double.POSITIVE_INFINITY;
        for (double v : diag) {
            mx = Math.max(mx, Math.abs(v));
            mn = Math.min(mn, Math.abs(v));
        }
        // a nearly singular Gram (columns nearly dependent): the squared condition would lose the small directions
        if (!(mn > 1e-6 * mx)) {
            r.storage().free();
            return orth(y, factor);
        }
        LocalLinalg.trsm(false, false, false, false, 1.0, r, y);
        if (factor != null) factor[0] = r;
        else r.storage().free();
        return y;
    }

    /** {@link #orth(Tensor)}, with the triangular R of y = Q·R in factor[0] when factor is not null. */
    private static Tensor orth(Tensor y, Tensor[] factor) {
        if (factor == null) return orth(y);
        LocalLinalg.QR f = LocalLinalg.qr(y, "reduced");
        y.storage().free();
        factor[0] = f.r();
        return f.q();
    }

    /** An orthonormal basis of the columns of a tall local y (Householder QR). */
    private static Tensor orth(Tensor y) {
        Tensor q = LocalLinalg.qr(y, "reduced").q();
        y.storage().free();
        return q;
    }

    /**
     * ‖A‖²_F of this process's slab in one pass and without a temporary: BLAS dot of the contiguous float64 data with
     * itself (float32 and strided slabs through the element-wise square and sum).
     */
    static double sumOfSquares(DNDarray a) {
        Tensor l = a.larray();
        if (l.size() == 0) return 0;
        if (l.dtype() == DType.FLOAT64 && l.isContiguous()) {
            Tensor flat = l.reshape(l.size());
            return LocalLinalg.dot(flat, flat).getDouble();
        }
        // float32 or strided: blocks of rows converted to contiguous float64 (a bounded temporary)
        long rows = l.shape(0), per = Math.max(1, (1L << 20) / Math.max(1, l.size() / rows));
        double sum = 0;
        for (long i = 0; i < rows; i += per) {
            Tensor b = l.narrow(0, i, Math.min(per, rows - i)).astype(DType.FLOAT64).contiguous();
            Tensor flat = b.reshape(b.size());
            sum += LocalLinalg.dot(flat, flat).getDouble();
            if (b.storage() != l.storage()) b.storage().free();
        }
        return sum;
    }

    /** U·diag(s) of local tensors (a broadcast multiply; no communication). */
    static Tensor scaled(Tensor u, Tensor s, DNDarray like) {
        if (u.shape(1) == 0) return u;
        DNDarray du = Dnd.wrap(u, u.shape(), -1, null, like), ds = Dnd.wrap(s, s.shape(), -1, null, like);
        return Arithmetics.mul(du, ds).larray();
    }
}
