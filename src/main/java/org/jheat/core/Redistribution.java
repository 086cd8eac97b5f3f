package org.jheat.core;


import org.jheat.comm.Communication;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Storage;
import org.jheat.tensor.Tensor;

/**
 * Moving data between processes: resplit (axis to axis in one Alltoallv, replicated to split by local slicing,
 * split to replicated by one Allgatherv) and redistribute (new counts along the split axis). All of them go
 * through {@link #exchange}: blocks of slabs along one axis out, blocks along another axis in, with the
 * buffers handed to MPI directly whenever the blocks already lie contiguously.
 *
 * <pre>{@code DNDarray y = Redistribution.resplit(x, 1); }</pre>
 */
public final class Redistribution {
    private Redistribution() { }

    /** See {@link DNDarray#resplit(Integer)}. */
    public static DNDarray resplit(DNDarray x, Integer axis) {
        int to = Sanitation.split(axis, x.ndim());
        int from = x.splitAxis();
        Communication comm = x.comm();
        long[] g = x.gshape();
        int p = comm.size(), me = comm.rank();
        if (to == from) return x.copy();
        if (p == 1) return withMap(x.larray().copy(), g, to, comm, x.device());
        if (from < 0) {
            Tensor local = x.larray().narrow(to, Distribution.start(g[to], p, me), Distribution.count(g[to], p, me)).copy();
            return withMap(local, g, to, comm, x.device());
        }
        if (to < 0) {
            return new DNDarray(allgather(x), g, null, comm, x.device(), null);
        }
        Distribution cd = x.distribution(), t = Distribution.balanced(g[to], p);
        long[] outShape = g.clone();
        outShape[to] = t.count(me);
        Tensor out = x.larray().newEmpty(x.dtype(), outShape);
        // the slab of rank s along `to` goes to s; what rank r sends is its slab along `from`
        exchange(comm, x.larray(), to, out, from, new ExchangePlan(t.displs(), t.counts(), cd.displs(), cd.counts()));
        return withMap(out, g, to, comm, x.device());
    }

    /** See {@link DNDarray#redistribute(long[])}. */
    public static DNDarray redistribute(DNDarray x, long[] target) {
        int a = x.splitAxis();
        Communication comm = x.comm();
        int p = comm.size(), me = comm.rank();
        if (a < 0) throw new IllegalArgumentException("redistribute: array is not split (split=None)");
        long[] g = x.gshape();
        if (target == null || target.length != p) {
            throw new IllegalArgumentException("redistribute: target counts must have one entry per process (" + p + "), got "
                    + (target == null ? "null" : target.length));
        }
        long sum = 0;
        for (int r = 0; r < p; r++) {
            if (target[r] < 0) throw new IllegalArgumentException("redistribute: target count " + target[r] + " of rank " + r + " is negative");
            sum += target[r];
        }
        if (sum != g[a]) {
            throw new IllegalArgumentException("redistribute: target counts sum to " + sum + " but the split axis " + a
                    + " has " + g[a] + " entries");
        }
        Distribution to = Distribution.of(target);
        long[] outShape = g.clone();
        outShape[a] = to.count(me);
        Tensor out = x.larray().newEmpty(x.dtype(), outShape);
        exchange(comm, x.larray(), a, out, a, ExchangePlan.overlap(x.distribution(), to, me));
        return new DNDarray(out, g, a, comm, x.device(), to.lshapeMap(g, a));
    }

    /** The whole of a split array on every process (one Allgatherv). */
    static Tensor allgather(DNDarray x) {
        int a = x.splitAxis();
        Communication comm = x.comm();
        long[] g = x.gshape();
        Tensor out = x.larray().newEmpty(x.dtype(), g);
        if (comm.size() == 1) {
            out.copyFrom(x.larray());
            return out;
        }
        Distribution cd = x.distribution();
        int p = comm.size();
        Distribution elems = cd.scaled(rowElems(g, a));
        long[] counts = elems.counts(), displs = elems.displs();
        Tensor local = x.larray().contiguous();
        if (outerExtent(g, a) == 1) {
            comm.allgatherv(local, out, counts, displs);
        } else {
            Tensor tmp = local.newEmpty(x.dtype(), Shapes.size(g));
            comm.allgatherv(local, tmp, counts, displs);
            for (int r = 0; r < p; r++) {
                long[] bs = g.clone();
                bs[a] = cd.count(r);
                if (cd.count(r) == 0) continue;
                Tensor block = tmp.narrow(0, displs[r], counts[r]).reshape(bs);
                out.narrow(a, cd.displ(r), cd.count(r)).copyFrom(block);
            }
            tmp.storage().free();
        }
        return out;
    }

    /**
     * One Alltoallv: the slab {@code [sendStart[s], +sendCount[s])} of {@code src} along {@code srcAxis} goes to rank
     * s; what rank r sends lands in {@code dst} at {@code [recvStart[r], +recvCount[r])} along {@code dstAxis}. Block
     * shapes of matching pairs must agree (the callers guarantee it). Contiguous blocks are not packed. When the
     * packing buffers of some process would exceed the {@link ExchangeBudget}, the exchange runs in rounds
     * ({@link #inRounds}).
     */
    static void exchange(Communication comm, Tensor src, int srcAxis, Tensor dst, int dstAxis, ExchangePlan plan) {
        int p = comm.size();
        long[] sendStart = plan.sendStart(), sendLen = plan.sendCount(), recvStart = plan.recvStart(), recvLen = plan.recvCount();
        DType t = src.dtype();
        long sRow = rowElems(src.shape(), srcAxis), dRow = rowElems(dst.shape(), dstAxis);
        long[] sc = new long[p], sd = new long[p], rc = new long[p], rd = new long[p];
        boolean directSend = src.isContiguous() && outerExtent(src.shape(), srcAxis) == 1;
        boolean directRecv = dst.isContiguous() && outerExtent(dst.shape(), dstAxis) == 1;
        long acc = 0;
        for (int s = 0; s < p; s++) {
            sc[s] = sendLen[s] * sRow;
            sd[s] = directSend ? sendStart[s] * sRow : acc;
            acc += sc[s];
        }
        long sendTotal = acc;
        acc = 0;
        for (int r = 0; r < p; r++) {
            rc[r] = recvLen[r] * dRow;
            rd[r] = directRecv ? recvStart[r] * dRow : acc;
            acc += rc[r];
        }
        long recvTotal = acc;
        int item = t.itemSize();
        int k = ExchangeBudget.rounds(comm, ((directSend ? 0 : sendTotal) + (directRecv ? 0 : recvTotal)) * item,
                (sendTotal + recvTotal) * item);
        if (k > 1) {
            inRounds(comm, src, srcAxis, dst, dstAxis, plan, k);
            return;
        }
        Tensor sendBuf = null, recvBuf = null;
        Tensor send, recv;
        if (directSend) {
            send = src;
        } else {
            sendBuf = src.newEmpty(t, sendTotal);
            for (int s = 0; s < p; s++) {
                if (sc[s] == 0) continue;
                long[] bs = src.shape();
                bs[srcAxis] = sendLen[s];
                sendBuf.narrow(0, sd[s], sc[s]).reshape(bs).copyFrom(src.narrow(srcAxis, sendStart[s], sendLen[s]));
            }
            send = sendBuf;
        }
        if (directRecv) {
            recv = dst;
        } else {
            recvBuf = dst.newEmpty(t, recvTotal);
            recv = recvBuf;
        }
        comm.alltoallv(send, sc, sd, recv, rc, rd);
        if (sendBuf != null) sendBuf.storage().free();
        if (recvBuf != null) {
            for (int r = 0; r < p; r++) {
                if (rc[r] == 0) continue;
                long[] bs = dst.shape();
                bs[dstAxis] = recvLen[r];
                dst.narrow(dstAxis, recvStart[r], recvLen[r]).copyFrom(recvBuf.narrow(0, rd[r], rc[r]).reshape(bs));
            }
            recvBuf.storage().free();
        }
    }

    /**
     * {@link #exchange} in {@code k} rounds (the same k on every process): every block a pair of processes exchanges
     * is cut along its longest axis (the block has the same shape at both ends, so both cut it alike) into k nearly
     * equal parts, and round i moves part i of every block through buffers of about 1/k of the whole.
     */
    private static void inRounds(Communication comm, Tensor src, int srcAxis, Tensor dst, int dstAxis, ExchangePlan plan, int k) {
        int p = comm.size();
        DType t = src.dtype();
        long[] sendStart = plan.sendStart(), sendLen = plan.sendCount(), recvStart = plan.recvStart(), recvLen = plan.recvCount();
        Tensor[] out = new Tensor[p], in = new Tensor[p];
        int[] outAxis = new int[p], inAxis = new int[p];
        for (int r = 0; r < p; r++) {
            out[r] = src.narrow(srcAxis, sendStart[r], sendLen[r]);
            outAxis[r] = longestAxis(out[r].shape());
            in[r] = dst.narrow(dstAxis, recvStart[r], recvLen[r]);
            inAxis[r] = longestAxis(in[r].shape());
        }
        long maxSend = 0, maxRecv = 0;
        for (int i = 0; i < k; i++) {
            long ss = 0, rs = 0;
            for (int r = 0; r < p; r++) {
                ss += part(out[r], outAxis[r], i, k).size();
                rs += part(in[r], inAxis[r], i, k).size();
            }
            maxSend = Math.max(maxSend, ss);
            maxRecv = Math.max(maxRecv, rs);
        }
        Tensor sendBuf = src.newEmpty(t, Math.max(1, maxSend)), recvBuf = dst.newEmpty(t, Math.max(1, maxRecv));
        long[] sc = new long[p], sd = new long[p], rc = new long[p], rd = new long[p];
        for (int i = 0; i < k; i++) {
            long acc = 0;
            for (int r = 0; r < p; r++) {
                Tensor pt = part(out[r], outAxis[r], i, k);
                sc[r] = pt.size();
                sd[r] = acc;
                if (sc[r] > 0) sendBuf.narrow(0, acc, sc[r]).reshape(pt.shape()).copyFrom(pt);
                acc += sc[r];
            }
            acc = 0;
            for (int r = 0; r < p; r++) {
                rc[r] = part(in[r], inAxis[r], i, k).size();
                rd[r] = acc;
                acc += rc[r];
            }
            comm.alltoallv(sendBuf, sc, sd, recvBuf, rc, rd);
            for (int r = 0; r < p; r++) {
                if (rc[r] == 0) continue;
                Tensor pt = part(in[r], inAxis[r], i, k);
                pt.copyFrom(recvBuf.narrow(0, rd[r], rc[r]).reshape(pt.shape()));
            }
        }
        sendBuf.storage().free();
        recvBuf.storage().free();
    }

    /** The axis with the largest extent (the first of equal ones): where a block is cut into rounds. */
    private static int longestAxis(long[] shape) {
        int best = 0;
        for (int d = 1; d < shape.length; d++) if (shape[d] > shape[best]) best = d;
        return best;
    }

    /** Part i of k of {@code block} along {@code axis}: {@code [e*i/k, e*(i+1)/k)}. */
    private static Tensor part(Tensor block, int axis, int i, int k) {
        if (block.ndim() == 0) return i == 0 ? block : block.reshape(1).narrow(0, 0, 0);
        long e = block.shape(axis), lo = Math.multiplyExact(e, (long) i) / k, hi = Math.multiplyExact(e, (long) i + 1) / k;
        return block.narrow(axis, lo, hi - lo);
    }

    /** Elements per unit along {@code axis} (product of the other extents). */
    static long rowElems(long[] shape, int axis) {
        long n = 1;
        for (int d = 0; d < shape.length; d++) if (d != axis) n *= shape[d];
        return n;
    }

    /** Product of the extents before {@code axis}: 1 means slabs along it are contiguous blocks in C order. */
    static long outerExtent(long[] shape, int axis) {
        long n = 1;
        for (int d = 0; d < axis; d++) n *= shape[d];
        return n;
    }

    /**
     * {@code y[j] = x[index[j]]} along axis 0, where {@code index} is a 1-d integer array split along 0 (when x is
     * split along 0) or replicated. Rows are fetched from their owners in two exchanges (requests, then rows), both in
     * rounds within the {@link ExchangeBudget}; the result has x's split and {@code index}'s distribution.
     * <pre>{@code DNDarray y = Redistribution.takeAlongAxis0(x, Random.permutation(n, 0)); }</pre>
     */
    public static DNDarray takeAlongAxis0(DNDarray x, DNDarray index) {
        if (index.ndim() != 1 || !index.dtype().isInteger()) {
            throw new IllegalArgumentException("takeAlongAxis0: index must be a 1-d integer array, got " + index.dtype()
                    + " of shape " + Shapes.str(index.gshape()));
        }
        long[] g = x.gshape();
        long n0 = g[0];
        long[] out = g.clone();
        out[0] = index.gshape()[0];
        boolean distributedRows = x.splitAxis() == 0 && x.comm().size() > 1;
        if (distributedRows && index.splitAxis() != 0) {
            throw new IllegalArgumentException("takeAlongAxis0: index must be split along 0 when x is");
        }
        if (!distributedRows && index.split() != null && x.comm().size() > 1) {
            throw new IllegalArgumentException("takeAlongAxis0: index must be replicated when x is not split along 0");
        }
        long[] want = index.larray().toLongArray();
        long[] err = {0, 0, 0, n0};
        for (long w : want) {
            if (w < -n0 || w >= n0) {
                err[0] = 1;
                err[2] = w;
                break;
            }
        }
        // a split index: one process's bad entry must stop every process before the row exchange
        AdvancedIndexing.raiseOutOfBounds(x.comm(), err, distributedRows);
        Tensor local = x.larray();
        if (!distributedRows) {
            long[] ls = local.shape();
            ls[0] = want.length;
            Tensor res = local.newEmpty(x.dtype(), ls);
            for (int j = 0; j < want.length; j++) if (want[j] < 0) want[j] += n0;
            local.backend().gatherRows(local, new int[] {0}, new long[][] {want}, want.length, res);
            if (x.splitAxis() == 0) return withMap(res, out, 0, x.comm(), x.device());
            return new DNDarray(res, out, x.split(), x.comm(), x.device(), DNDarray.mapLike(x, out, x.splitAxis()));
        }
        Communication comm = x.comm();
        Distribution cd = x.distribution();
        int[] owner = new int[want.length];
        for (int j = 0; j < want.length; j++) {
            long w = want[j] < 0 ? want[j] + n0 : want[j];
            owner[j] = cd.owner(w);
            want[j] = w - cd.displ(owner[j]);
        }
        long[] ls = local.shape();
        ls[0] = want.length;
        Tensor res = local.newEmpty(x.dtype(), ls);
        Rounds.fetchRows(comm, Rounds.requests(comm, owner, new long[][] {want}, local), local, new int[] {0}, res,
                java.util.Arrays.copyOfRange(g, 1, g.length), x.dtype());
        return new DNDarray(res, out, 0, comm, x.device(), DNDarray.mapLike(index, out, 0));
    }

    /** Each rank's count for every other rank, transposed: what rank r will receive from each s. */
    static long[] alltoallCounts(Communication comm, long[] counts) {
        int p = comm.size();
        Tensor s = Tensor.fromArray(counts), r = Tensor.empty(DType.INT64, p);
        comm.alltoall(s, r);
        long[] out = r.toLongArray();
        s.storage().free();
        r.storage().free();
        return out;
    }

    /**
     * Wraps this process's slab of a BALANCED array (no communication: the local-shape map is computed locally).
     * <pre>{@code DNDarray x = Redistribution.withMap(mySlab, gshape, 0, comm, Device.CPU); }</pre>
     */
    public static DNDarray withMap(Tensor local, long[] g, int split, Communication comm, Device device) {
        int p = comm.size();
        Distribution d = Distribution.balanced(split >= 0 ? g[split] : 0, p);
        return new DNDarray(local, g, split < 0 ? null : split, comm, device, d.lshapeMap(g, split));
    }
}
