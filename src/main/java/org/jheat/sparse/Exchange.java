package org.jheat.sparse;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.tensor.Csr;
import org.jheat.tensor.DType;
import org.jheat.tensor.SparseKernels;
import org.jheat.tensor.Tensor;

/**
 * The communication of the sparse package, three mechanisms on {@code Alltoallv}:
 * <ul>
 *   <li>{@link #route}: COO triplets to the owners of their rows (COO input, redistribution, CSR ↔ CSC conversion);</li>
 *   <li>{@link #fetchDenseRows}: the rows of a row-split dense array that a process's columns touch;</li>
 *   <li>{@link #fetchSparseRows}: the same for a DCSR operand (SpGEMM).</li>
 * </ul>
 * Each process asks only for the distinct column indices it stores (one Alltoallv of indices), so no operand is
 * ever gathered whole.
 * <pre>{@code DCSRMatrix b = Exchange.route(rows, cols, vals, shape, counts, comm); }</pre>
 */
final class Exchange {
    private Exchange() { }

    /** Ends of the slabs of {@code counts}: bounds[r] = displs[r], bounds[p] = total. */
    static long[] bounds(long[] counts) {
        long[] b = new long[counts.length + 1];
        for (int r = 0; r < counts.length; r++) b[r + 1] = b[r] + counts[r];
        return b;
    }

    static long[] displs(long[] counts) { return Distribution.displs(counts); }

    /** The counts that arrive when each process sends {@code send[r]} items to rank r. */
    static long[] exchangeCounts(long[] send, Communication comm, Tensor like) {
        int p = comm.size();
        Tensor s = like.newEmpty(DType.INT64, p), r = like.newEmpty(DType.INT64, p);
        s.writeLongs(0, send, 0, p);
        comm.alltoall(s, r);
        long[] out = new long[p];
        r.readLongs(0, out, 0, p);
        return out;
    }

    /** Alltoallv of a 1-D (or row-blocked, {@code width} elements per item) tensor; returns the received tensor. */
    static Tensor alltoallv(Tensor send, long[] sc, long[] rc, long width, Communication comm) {
        int p = comm.size();
        long[] scw = new long[p], rcw = new long[p];
        long total = 0;
        for (int r = 0; r < p; r++) {
            scw[r] = sc[r] * width;
            rcw[r] = rc[r] * width;
            total += rc[r];
        }
        long[] shape = width == 1 && send.ndim() <= 1 ? new long[] {total} : new long[] {total, width};
        Tensor recv = send.newEmpty(send.dtype(), shape);
        comm.alltoallv(send.contiguous(), scw, displs(scw), recv, rcw, displs(rcw));
        return recv;
    }

    /**
     * The DCSR matrix of shape {@code (rows, cols)} whose rows are split by {@code counts}, from triplets every
     * process holds some of (global row {@code gRows}, column {@code cols}, value), duplicates summed.
     */
    static DCSRMatrix route(Tensor gRows, Tensor gCols, Tensor vals, long rows, long cols, long[] counts, Communication comm) {
        SparseKernels k = vals.backend().sparse();
        int p = comm.size(), me = comm.rank();
        long[] b = bounds(counts);
        Tensor r = gRows, c = gCols, v = vals;
        long[] rc;
        if (p > 1) {
            long[] sc = new long[p];
            Tensor perm = k.bucket(gRows, b, sc);
            rc = exchangeCounts(sc, comm, vals);
            r = alltoallv(k.gather(gRows, perm), sc, rc, 1, comm);
            c = alltoallv(k.gather(gCols, perm), sc, rc, 1, comm);
            v = alltoallv(k.gather(vals, perm), sc, rc, 1, comm);
        }
        Csr local = k.fromCoo(k.shift(r, -b[me]), c, v, counts[me], cols);
        return DCSRMatrix.of(local, rows, cols, counts, comm);
    }

    /** Local rows [0, a.rows) of a with their global row numbers as COO: {global rows, cols, values}. */
    static Tensor[] triplets(DCSRMatrix a) {
        Csr l = a.local();
        return new Tensor[] {l.backend().sparse().rowIndices(l, a.rowDispl()), l.indices(), l.values()};
    }

    /** The transpose of a as a DCSR matrix (rows of the result = columns of a, balanced): one triplet exchange. */
    static DCSRMatrix transpose(DCSRMatrix a) {
        Tensor[] t = triplets(a);
        long[] g = a.gshape();
        return route(t[1], t[0], t[2], g[1], g[0], Distribution.counts(g[1], a.comm().size()), a.comm());
    }

    /**
     * Plan of a fetch: the distinct columns asked for, the local matrix renumbered to them, the request counts, and the
     * local rows the other processes asked this one for (as a tensor and as the row list the row gather takes, made
     * once so that a repeated product allocates nothing for it).
     */
    record Plan(Tensor unique, Csr renumbered, long[] sendReq, long[] recvReq, Tensor requested, long[][] requestedRows) { }

    /** Asks the owners (rows split by {@code ownerCounts}) for the distinct columns of {@code a}. */
    static Plan plan(Csr a, long[] ownerCounts, Communication comm) {
        SparseKernels k = a.backend().sparse();
        Tensor[] cu = k.compactColumns(a);
        long[] sendReq = k.bucketCountsSorted(cu[0], bounds(ownerCounts));
        long[] recvReq = exchangeCounts(sendReq, comm, a.values());
        Tensor requested = alltoallv(cu[0], sendReq, recvReq, 1, comm);
        Tensor localIds = k.shift(requested, -bounds(ownerCounts)[comm.rank()]);
        return new Plan(cu[0], new Csr(a.indptr(), cu[1], a.values(), a.rows(), cu[0].size()), sendReq, recvReq, localIds,
                new long[][] {localIds.toLongArray()});
    }

    /** The rows of the row-split 2-D {@code local} (this process's slab) that {@code plan} asked for, one row per distinct column. */
    static Tensor fetchDenseRows(Plan plan, Tensor local, Communication comm) {
        long m = local.shape(1);
        long n = plan.requested().size();
        Tensor out = local.newEmpty(local.dtype(), n, m);
        if (n > 0) local.backend().gatherRows(local.contiguous(), new int[] {0}, plan.requestedRows(), n, out);
        Tensor got = alltoallv(out, plan.recvReq(), plan.sendReq(), m, comm);
        out.free();
        return got;
    }

    /** The rows of the DCSR operand (this process's rows {@code local}) that {@code plan} asked for, as one CSR. */
    static Csr fetchSparseRows(Plan plan, Csr local, Communication comm) {
        SparseKernels k = local.backend().sparse();
        int p = comm.size();
        Csr sel = k.selectRows(local, plan.requested());
        Tensor lengths = alltoallv(k.rowLengths(sel), plan.recvReq(), plan.sendReq(), 1, comm);
        Tensor indptr = k.indptrFromLengths(lengths);
        long[] sendNnz = blockSums(sel.indptr(), plan.recvReq());
        long[] recvNnz = blockSums(indptr, plan.sendReq());
        Tensor idx = alltoallv(sel.indices(), sendNnz, recvNnz, 1, comm);
        Tensor val = alltoallv(sel.values(), sendNnz, recvNnz, 1, comm);
        return new Csr(indptr, idx, val, lengths.size(), local.cols());
    }

    /** Entries in each block of rows (blocks of {@code rowsPerBlock} consecutive rows) of a CSR with row pointers indptr. */
    private static long[] blockSums(Tensor indptr, long[] rowsPerBlock) {
        long[] out = new long[rowsPerBlock.length];
        long row = 0, prev = indptr.getLongFlat(0);
        for (int r = 0; r < out.length; r++) {
            row += rowsPerBlock[r];
            long x = indptr.getLongFlat(row);
            out[r] = x - prev;
            prev = x;
        }
        return out;
    }

    /** The dense 2-D array x with its rows split by {@code counts}: resplit / redistribute as needed (local slice when replicated). */
    static Tensor rowsLike(DNDarray x, long[] counts, Communication comm) {
        DNDarray y = x;
        if (y.splitAxis() < 0) {
            long lo = displs(counts)[comm.rank()];
            return y.larray().narrow(0, lo, counts[comm.rank()]);
        }
        if (y.splitAxis() != 0) y = y.resplit(0);
        long[] have = y.countsDispls()[0];
        if (!java.util.Arrays.equals(have, counts)) y = y.redistribute(counts);
        return y.larray();
    }
}
