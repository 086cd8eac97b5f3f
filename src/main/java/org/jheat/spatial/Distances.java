package org.jheat.spatial;

import org.jheat.comm.Communication;
import org.jheat.comm.Request;
import org.jheat.core.DNDarray;
import org.jheat.tensor.Device;
import org.jheat.core.Distribution;
import org.jheat.tensor.Backend;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * The distributed driver of {@link Spatial#cdist}: how the rows of X and Y meet, by their distributions.
 * <ul>
 *   <li>X split along the rows, Y replicated: each process computes its rows (split 0).</li>
 *   <li>X replicated, Y split: each process computes its columns (split 1, as Heat).</li>
 *   <li>both split: a ring. Each process keeps its rows of X and passes the block of Y it holds to the next rank
 *   while computing against it (non-blocking send/receive overlapping the kernel); after p steps it has met every
 *   block. Only two Y blocks are ever held, nothing is gathered (split 0).</li>
 *   <li>both replicated: each process computes a balanced share of the rows, then one Allgatherv (replicated).</li>
 * </ul>
 * An operand split along its columns (axis 1) is first resplit to rows. The result is float32 when both inputs are
 * float32, float64 otherwise (scipy always returns float64; jheat keeps float32 as Heat does).
 */
final class Distances {
    private static final int TAG = 7301;

    private Distances() { }

    static DNDarray cdist(DNDarray x, DNDarray y, Metric metric) {
        if (metric == null) throw new IllegalArgumentException("cdist: metric must not be null; allowed: " + Metric.NAMES);
        if (x == null) throw new IllegalArgumentException("cdist: X must not be null");
        if (y == null) y = x;
        if (x.ndim() != 2 || y.ndim() != 2) {
            throw new IllegalArgumentException("cdist: X and Y must be 2-D (samples, features), got shapes "
                    + Shapes.str(x.gshape()) + " and " + Shapes.str(y.gshape()));
        }
        if (x.gshape()[1] != y.gshape()[1]) {
            throw new IllegalArgumentException("cdist: X and Y must have the same number of features (columns), got "
                    + x.gshape()[1] + " and " + y.gshape()[1]);
        }
        if (x.comm() != y.comm() && x.comm().size() != y.comm().size()) {
            throw new IllegalArgumentException("cdist: X and Y live on different communicators");
        }
        Device device = Backend.commonDevice(x.device(), y.device());   // on every process, before any resplit
        x.dtype().requireReal("cdist");
        y.dtype().requireReal("cdist");
        DType t = x.dtype() == DType.FLOAT32 && y.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
        Communication comm = x.comm();
        int p = comm.size(), r = comm.rank();
        long n = x.gshape()[0], m = y.gshape()[0];
        if (x.splitAxis() == 1) x = x.resplit(0);
        if (y.splitAxis() == 1) y = y.resplit(0);
        boolean xs = x.splitAxis() == 0, ys = y.splitAxis() == 0;
        Tensor xl = local(x, t), yl = local(y, t);
        if (xs) {
            long[][] xmap = x.lshapeMap();
            Tensor out = xl.newEmpty(t, xl.shape(0), m);
            if (!ys || p == 1) {
                metric.compute(xl, yl, out);
            } else {
                ring(metric, comm, xl, yl, y.countsDispls(), out);
            }
            long[][] map = new long[p][];
            for (int q = 0; q < p; q++) map[q] = new long[] {xmap[q][0], m};
            return new DNDarray(out, new long[] {n, m}, 0, comm, device, map);
        }
        if (ys) {
            long[][] ymap = y.lshapeMap();
            Tensor out = xl.newEmpty(t, n, yl.shape(0));
            metric.compute(xl, yl, out);
            long[][] map = new long[p][];
            for (int q = 0; q < p; q++) map[q] = new long[] {n, ymap[q][0]};
            return new DNDarray(out, new long[] {n, m}, 1, comm, device, map);
        }
        Tensor out = xl.newEmpty(t, n, m);
        long[] counts = Distribution.counts(n, p);
        long[] displs = Distribution.displs(counts);
        metric.compute(xl.narrow(0, displs[r], counts[r]), yl, out.narrow(0, displs[r], counts[r]));
        if (p > 1 && out.size() > 0) {
            long[] c = new long[p], d = new long[p];
            for (int q = 0; q < p; q++) {
                c[q] = counts[q] * m;
                d[q] = displs[q] * m;
            }
            Tensor mine = out.narrow(0, displs[r], counts[r]).copy();
            comm.allgatherv(mine, out, c, d);
            mine.storage().free();
        }
        return new DNDarray(out, new long[] {n, m}, null, comm, device, null);
    }

    /** The local slab in dtype {@code t}, contiguous (a copy only when needed). */
    static Tensor local(DNDarray a, DType t) {
        Tensor l = a.larray();
        if (l.dtype() != t) return l.astype(t);
        return l.contiguous();
    }

    /**
     * out[:, cols of block q] for every block q of Y: the block travels around the ring (rank r sends to r+1 and
     * receives from r-1), double-buffered, the next transfer in flight while the current block is computed.
     */
    private static void ring(Metric metric, Communication comm, Tensor xl, Tensor yl, long[][] ycd, Tensor out) {
        int p = comm.size(), r = comm.rank();
        long f = xl.shape(1);
        long max = 1;
        for (long c : ycd[0]) max = Math.max(max, c);
        Tensor cur = xl.newEmpty(xl.dtype(), max, f), next = xl.newEmpty(xl.dtype(), max, f);
        if (yl.shape(0) > 0) cur.narrow(0, 0, yl.shape(0)).copyFrom(yl);
        int right = (r + 1) % p, left = (r - 1 + p) % p;
        try {
            for (int s = 0; s < p; s++) {
                int owner = (r - s + p) % p;
                long rows = ycd[0][owner];
                Request send = null, recv = null;
                if (s < p - 1) {
                    int incoming = (r - s - 1 + p) % p;
                    recv = comm.irecv(next.narrow(0, 0, ycd[0][incoming]), left, TAG);
                    send = comm.isend(cur.narrow(0, 0, rows), right, TAG);
                }
                if (rows > 0) metric.compute(xl, cur.narrow(0, 0, rows), out.narrow(1, ycd[1][owner], rows));
                if (recv != null) Request.waitAll(send, recv);
                Tensor tmp = cur;
                cur = next;
                next = tmp;
            }
        } finally {
            cur.storage().free();
            next.storage().free();
        }
    }
}
