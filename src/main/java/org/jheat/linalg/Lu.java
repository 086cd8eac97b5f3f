package org.jheat.linalg;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.comm.Request;
import org.jheat.core.Distribution;
import org.jheat.tensor.Complex;
import org.jheat.tensor.DType;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;

/**
 * LU factorisation with partial pivoting (P·A = L·U, LAPACK getrf's pivot order and conventions) of a square
 * matrix whose rows are distributed (each process a consecutive slab, any counts), and the triangular solves on
 * such factors. Right-looking and blocked:
 *
 * <ul>
 *   <li>panel of {@link #nb} columns, column by column: each process proposes its largest |entry| below the diagonal
 *   (|re| + |im| for complex matrices, izamax's measure, so the pivots are LAPACK zgetrf's),
 *   one allgather of (value, row) picks the pivot on every process alike (ties: the smaller row, as idamax), the two
 *   rows are exchanged point to point when they live on different processes, the pivot row is broadcast, and every
 *   process scales and updates its own rows within the panel (a rank-1 gemm);</li>
 *   <li>after the panel, every process solves L11·U12 = A12 for the panel's block row (trsm on the broadcast pivot
 *   rows) and updates its own trailing rows with one gemm: the O(n³) part is BLAS-3 on local rows.</li>
 * </ul>
 * A zero pivot is seen by every process in the same column (the allgather), so singularity is known collectively.
 * Triangular solves ({@link #substitute}) go block row by block row: the owner of block s solves its diagonal
 * block (trsm) and broadcasts the solution, the later (forward) or earlier (backward) processes update their right
 * sides with one gemm. Transposed solves ({@link #substituteTransposed}) reduce the contributions to each block onto
 * its owner instead.
 *
 * <pre>{@code Lu f = Lu.factor(comm, myRows, n, counts); f.solve(b); }</pre>
 */
final class Lu {
    /** Panel width (tests lower it to cross many panel boundaries with small matrices). */
    static int nb = 96;
    private static final int TAG_SWAP = 0x6c63;

    final Communication comm;
    /** This process's rows of L (strictly below the diagonal, unit diagonal implied) and U, contiguous. */
    final Tensor lu;
    final long n;
    final long[] counts, displs;
    /** Row c was exchanged with row piv[c] (global, 0-based), in order. */
    final long[] piv;
    /** The first column with an exactly zero pivot, or -1. */
    final long firstZero;

    private Lu(Communication comm, Tensor lu, long n, long[] counts, long[] piv, long firstZero) {
        this.comm = comm;
        this.lu = lu;
        this.n = n;
        this.counts = counts;
        this.displs = Distribution.displs(counts);
        this.piv = piv;
        this.firstZero = firstZero;
    }

    /** The process holding global row {@code row}. */
    static int owner(long[] counts, long[] displs, long row) {
        int lo = 0, hi = counts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (displs[mid] <= row) lo = mid; else hi = mid - 1;
        }
        while (counts[lo] == 0 || row >= displs[lo] + counts[lo]) lo--;
        return lo;
    }

    /**
     * Factorises the n×n matrix whose rows {@code [displs[me], +counts[me])} this process holds as {@code rows}
     * (copied, converted to {@code t}: float32, float64, complex64 or complex128). Collective.
     */
    static Lu factor(Communication comm, Tensor rows, long n, long[] counts, DType t) {
        int p = comm.size(), me = comm.rank();
        long[] displs = Distribution.displs(counts);
        long mine = counts[me], d0 = displs[me];
        Tensor a = rows.newEmpty(t, mine, n);
        a.copyFrom(rows);
        long[] piv = new long[(int) n];
        long firstZero = -1;
        Tensor cand = Tensor.empty(DType.FLOAT64, 2), all = Tensor.empty(DType.FLOAT64, 2L * p);   // host: pivot candidates (value, row)
        Tensor rowBuf = rows.newEmpty(t, n);
        boolean complex = t.isComplex();
        for (long j0 = 0; j0 < n; j0 += nb) {
            long jb = Math.min(nb, n - j0), w = n - j0;
            Tensor panelRows = rows.newEmpty(t, jb, w);   // the pivot rows from column j0 on, on every process
            for (long c = j0; c < j0 + jb; c++) {
                // 1. pivot: this process's best candidate among its rows >= c, then the best of all
                long lo = Math.max(c, d0) - d0;
                double best = -1;   // NaN never wins: an all-NaN column pivots on its first row
                long bestRow = lo < mine ? d0 + lo : -1;
                if (lo < mine) {
                    Tensor column = a.select(1, c).narrow(0, lo, mine - lo);
                    double[] col = column.real().toDoubleArray(), im = complex ? column.imag().toDoubleArray() : null;
                    for (int i = 0; i < col.length; i++) {
                        double v = complex ? Math.abs(col[i]) + Math.abs(im[i]) : Math.abs(col[i]);   // izamax's cabs1
                        if (v > best) {
                            best = v;
                            bestRow = d0 + lo + i;
                        }
                    }
                }
                cand.setDoubleFlat(best, 0);
                cand.setDoubleFlat(bestRow, 1);
                comm.allgather(cand, all);
                double pv = -1;
                long gp = -1;
                for (int r = 0; r < p; r++) {
                    double v = all.getDoubleFlat(2L * r);
                    long row = (long) all.getDoubleFlat(2L * r + 1);
                    if (row < 0) continue;
                    if (gp < 0 || v > pv || v == pv && row < gp) {
                        pv = v;
                        gp = row;
                    }
                }
                boolean zero = pv == 0;
                if (zero) {
                    gp = c;   // LAPACK: no interchange for an all-zero column
                    if (firstZero < 0) firstZero = c;
                }
                piv[(int) c] = gp;
                // 2. interchange rows c and gp (whole rows, as LAPACK applies its interchanges to L too)
                if (gp != c) swapRows(comm, a, counts, displs, c, gp, rowBuf);
                // 3. broadcast the pivot row from column j0 on
                int oc = owner(counts, displs, c);
                Tensor prow = panelRows.select(0, c - j0);
                if (me == oc) prow.copyFrom(a.select(0, c - d0).narrow(0, j0, w));
                comm.bcast(prow, oc);
                // 4. own rows below c: multipliers, then the rank-1 update of the rest of the panel
                long lo2 = Math.max(c + 1, d0) - d0;
                if (!zero && lo2 < mine && complex) {
                    // complex multipliers l / pivot as a 1×1 triangular solve (c/ztrsm on the operand's backend)
                    Tensor l = a.narrow(0, lo2, mine - lo2).narrow(1, c, 1);
                    LocalLinalg.trsm(false, true, false, false, 1.0, prow.narrow(0, c - j0, 1).unsqueeze(0), l);
                    long rest = j0 + jb - c - 1;
                    if (rest > 0) {
                        LocalLinalg.gemm(-1, l, prow.narrow(0, c - j0 + 1, rest).unsqueeze(0), 1,
                                a.narrow(0, lo2, mine - lo2).narrow(1, c + 1, rest));
                    }
                } else if (!zero && lo2 < mine) {
                    Tensor l = a.narrow(0, lo2, mine - lo2).narrow(1, c, 1);
                    double piv0 = prow.getDoubleFlat(c - j0);
                    // LAPACK's getf2 scales by the reciprocal unless the pivot is tiny (then 1/pivot would overflow)
                    boolean tiny = Math.abs(piv0) < (t == DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL);
                    l.backend().elementwise(tiny ? Kernels.DIV : Kernels.MUL, false, l, l, l.newFull(t, tiny ? piv0 : 1 / piv0).broadcastTo(l.shape()));
                    long rest = j0 + jb - c - 1;
                    if (rest > 0) {
                        LocalLinalg.gemm(-1, l, prow.narrow(0, c - j0 + 1, rest).unsqueeze(0), 1,
                                a.narrow(0, lo2, mine - lo2).narrow(1, c + 1, rest));
                    }
                }
            }
            long rest = n - j0 - jb;
            if (rest > 0) {
                // U12 = L11⁻¹·A12 on every process, written back by the owners of the panel rows
                Tensor u12 = panelRows.narrow(1, jb, rest);
                LocalLinalg.trsm(true, true, false, true, 1.0, panelRows.narrow(1, 0, jb), u12);
                long r0 = Math.max(j0, d0), r1 = Math.min(j0 + jb, d0 + mine);
                if (r0 < r1) a.narrow(0, r0 - d0, r1 - r0).narrow(1, j0 + jb, rest).copyFrom(u12.narrow(0, r0 - j0, r1 - r0));
                // trailing update of the own rows below the panel
                long t0 = Math.max(j0 + jb, d0) - d0;
                if (t0 < mine) {
                    LocalLinalg.gemm(-1, a.narrow(0, t0, mine - t0).narrow(1, j0, jb), u12, 1, a.narrow(0, t0, mine - t0).narrow(1, j0 + jb, rest));
                }
            }
            panelRows.storage().free();
        }
        rowBuf.storage().free();
        return new Lu(comm, a, n, counts, piv, firstZero);
    }

    /** Exchanges global rows r1 and r2 of the row-distributed matrix a (the owners only; point to point when apart). */
    private static void swapRows(Communication comm, Tensor a, long[] counts, long[] displs, long r1, long r2, Tensor buf) {
        int me = comm.rank();
        int o1 = owner(counts, displs, r1), o2 = owner(counts, displs, r2);
        long d = displs[me];
        long n = a.shape(1);
        DType t = a.dtype();
        if (o1 == me && o2 == me) {
            Tensor x = a.select(0, r1 - d), y = a.select(0, r2 - d);
            buf.copyFrom(x);
            x.copyFrom(y);
            y.copyFrom(buf);
        } else if (o1 == me || o2 == me) {
            Tensor x = a.select(0, (o1 == me ? r1 : r2) - d);
            int other = o1 == me ? o2 : o1;
            Request r = comm.irecv(buf, other, TAG_SWAP);
            Request s = comm.isend(x, other, TAG_SWAP);
            Request.waitAll(r, s);
            x.copyFrom(buf);
        }
    }

    // ------------------------------------------------------------------------------------------------ results

    /** Row i of P·A is row perm[i] of A. */
    long[] permutation() {
        long[] perm = new long[(int) n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int c = 0; c < n; c++) {
            long q = piv[c];
            long tmp = perm[c];
            perm[c] = perm[(int) q];
            perm[(int) q] = tmp;
        }
        return perm;
    }

    /** numpy's det: sign·exp(Σ log|u_ii|), 0 for a singular matrix; the same value on every process. */
    double det() {
        int me = comm.rank();
        long d = displs[me];
        double logs = 0;
        long negatives = 0;
        for (long i = 0; i < counts[me]; i++) {
            double u = lu.getDouble(i, d + i);
            if (u < 0) negatives++;
            logs += Math.log(Math.abs(u));
        }
        Tensor s = Tensor.empty(DType.FLOAT64, 2);   // host: two sums allreduced
        s.setDoubleFlat(logs, 0);
        s.setDoubleFlat(negatives, 1);
        comm.allreduce(s, ReduceOp.SUM);
        if (firstZero >= 0) return 0.0;
        long flips = (long) s.getDoubleFlat(1);
        for (int c = 0; c < n; c++) if (piv[c] != c) flips++;   // the interchanges are known everywhere: counted once
        double sign = flips % 2 == 0 ? 1 : -1;
        return sign * Math.exp(s.getDoubleFlat(0));
    }

    /**
     * numpy's det of a complex matrix: the product of the pivots' phases u/|u| (and -1 per interchange) times
     * exp(Σ log|u_ii|), 0 for a singular matrix; the same value on every process (one allgather of each process's
     * partial phase and log sum, combined in rank order).
     */
    Complex detComplex() {
        int p = comm.size(), me = comm.rank();
        long d = displs[me];
        double logs = 0, sr = 1, si = 0;
        Tensor re = lu.real(), im = lu.imag();
        for (long i = 0; i < counts[me]; i++) {
            double ur = re.getDouble(i, d + i), ui = im.getDouble(i, d + i), abs = Math.hypot(ur, ui);
            double pr = ur / abs, pi = ui / abs, nr = sr * pr - si * pi;
            si = sr * pi + si * pr;
            sr = nr;
            logs += Math.log(abs);
        }
        Tensor mine = Tensor.empty(DType.FLOAT64, 3), all = Tensor.empty(DType.FLOAT64, 3L * p);   // host: (log sum, phase)
        mine.setDoubleFlat(logs, 0);
        mine.setDoubleFlat(sr, 1);
        mine.setDoubleFlat(si, 2);
        comm.allgather(mine, all);
        if (firstZero >= 0) return Complex.ZERO;
        double log = 0, gr = 1, gi = 0;
        for (int r = 0; r < p; r++) {
            log += all.getDoubleFlat(3L * r);
            double pr = all.getDoubleFlat(3L * r + 1), pi = all.getDoubleFlat(3L * r + 2), nr = gr * pr - gi * pi;
            gi = gr * pi + gi * pr;
            gr = nr;
        }
        long flips = 0;
        for (int c = 0; c < n; c++) if (piv[c] != c) flips++;
        double sign = flips % 2 == 0 ? 1 : -1, e = Math.exp(log);
        return new Complex(sign * gr * e, sign * gi * e);
    }

    /**
     * Solves A·X = B in place: {@code b} holds this process's rows of P·B (c_me × k, same row counts as the factors)
     * and becomes its rows of X.
     */
    void solvePermuted(Tensor b) {
        substitute(comm, lu, counts, displs, b, true, true);
        substitute(comm, lu, counts, displs, b, false, false);
    }

    /**
     * Block substitution with the row-distributed triangular matrix whose local rows are {@code t} (c_me × n): lower
     * (forward) or upper (backward), unit diagonal or not; {@code b} (c_me × k) is overwritten with the solution.
     */
    static void substitute(Communication comm, Tensor t, long[] counts, long[] displs, Tensor b, boolean lower, boolean unit) {
        int p = comm.size(), me = comm.rank();
        long k = b.shape(1);
        long max = 0;
        for (long c : counts) max = Math.max(max, c);
        Tensor buf = b.newEmpty(b.dtype(), max * k);
        for (int step = 0; step < p; step++) {
            int s = lower ? step : p - 1 - step;
            long cs = counts[s];
            if (cs == 0) continue;
            Tensor xs;
            if (me == s) {
                LocalLinalg.trsm(true, lower, false, unit, 1.0, t.narrow(1, displs[s], cs), b);
                xs = b;
            } else {
                xs = Blocks.view(buf, new long[] {cs, k});
            }
            if (cs * k > 0) comm.bcast(xs, s);
            boolean after = lower ? me > s : me < s;
            if (after && counts[me] > 0) LocalLinalg.gemm(-1, t.narrow(1, displs[s], cs), xs, 1, b);
        }
        buf.storage().free();
    }

    /**
     * The transposed block substitution op(T)ᵀ·X = B for the row-distributed triangular T (local rows {@code t}):
     * Tᵀ is lower when T is upper. The contributions T_ts ᵀ·X_t of the other processes to block s are summed onto
     * its owner (one reduce per block), which then solves with its diagonal block. {@code b} becomes X.
     */
    static void substituteTransposed(Communication comm, Tensor t, long[] counts, long[] displs, Tensor b, boolean upper, boolean unit) {
        int p = comm.size(), me = comm.rank();
        long k = b.shape(1);
        long max = 0;
        for (long c : counts) max = Math.max(max, c);
        Tensor contrib = b.newEmpty(b.dtype(), max * k), sum = b.newEmpty(b.dtype(), max * k);
        boolean solved = false;
        for (int step = 0; step < p; step++) {
            int s = upper ? step : p - 1 - step;   // Tᵀ lower: forward from block 0; Tᵀ upper: backward
            long cs = counts[s];
            if (cs == 0) continue;
            Tensor c = Blocks.view(contrib, new long[] {cs, k});
            if (solved && counts[me] > 0) {
                LocalLinalg.gemm(1, t.narrow(1, displs[s], cs).transpose(), b, 0, c);
            } else {
                c.fill(0.0);
            }
            Tensor r = Blocks.view(sum, new long[] {cs, k});
            if (cs * k > 0) comm.reduce(c, r, ReduceOp.SUM, s);
            if (me == s) {
                b.backend().elementwise(Kernels.SUB, false, b, b, r);
                LocalLinalg.trsm(true, !upper, true, unit, 1.0, t.narrow(1, displs[s], cs), b);
                solved = true;
            }
        }
        contrib.storage().free();
        sum.storage().free();
    }
}
