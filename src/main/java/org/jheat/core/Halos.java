package org.jheat.core;

import java.util.ArrayList;
import java.util.List;

import org.jheat.comm.Communication;
import org.jheat.comm.Request;
import org.jheat.tensor.Tensor;

/**
 * Halos (Heat's {@code get_halo}, {@code halo_prev}, {@code halo_next}, {@code array_with_halos}): the rows just
 * before and just after this process's slab along the split axis, fetched from the processes that hold them,
 * for stencils and convolutions that need their neighbours' edge rows.
 *
 * <p><b>Semantics.</b> With global counts/displacements along the split axis, process r with slab
 * {@code [d, e)} receives {@code prev} = global rows {@code [max(0, d - width), d)} and {@code next} = rows
 * {@code [e, min(n, e + width))}. This is well defined for every distribution: a neighbour with fewer than
 * {@code width} rows, or an empty one, simply means the rows come from the processes further away (Heat raises
 * an error there instead); at the ends of the array the halos are shorter, down to 0 rows. An empty process gets
 * the rows around its (empty) position. Halos have the full extent of every other axis, in C order, contiguous.
 *
 * <p><b>Communication.</b> Non-blocking point-to-point only: every process derives from the counts (global
 * metadata) exactly which rows it owes to whom, posts its irecv's and isend's (one message per overlapping pair
 * and side, usually just the two neighbours) and waits. A replicated array has no neighbours: both halos are
 * empty (0 rows along axis 0) and nothing is sent.
 *
 * <pre>{@code
 * DNDarray x = Heat.arange(0, 10, 1, null, 0);     // 3 processes: [0 1 2 3] [4 5 6] [7 8 9]
 * Tensor[] h = Halos.getHalo(x, 2);                 // on rank 1: prev = [2 3], next = [7 8]
 * Tensor ext = Halos.arrayWithHalos(x, 2);          // on rank 1: [2 3 4 5 6 7 8]
 * }</pre>
 */
public final class Halos {
    private Halos() { }

    private static final int TAG_PREV = 7301, TAG_NEXT = 7302;

    /**
     * {@code {prev, next}}: this process's halos of {@code width} rows along the split axis (see the class
     * comment). Collective.
     * <pre>{@code Tensor[] h = Halos.getHalo(x, 1); Tensor left = h[0], right = h[1]; }</pre>
     *
     * @throws IllegalArgumentException when width is negative (on every rank, before any communication)
     */
    public static Tensor[] getHalo(DNDarray x, long width) {
        if (width < 0) throw new IllegalArgumentException("getHalo: width must be >= 0, got " + width);
        int s = x.splitAxis();
        if (s < 0) {
            long[] es = x.gshape();
            if (es.length > 0) es[0] = 0;
            Tensor l = x.larray();
            return new Tensor[] {l.newEmpty(x.dtype(), es), l.newEmpty(x.dtype(), es)};
        }
        Communication comm = x.comm();
        int p = comm.size(), me = comm.rank();
        Distribution cd = x.distribution();
        long n = x.gshape()[s];
        long[][] prev = new long[p][], next = new long[p][];
        for (int r = 0; r < p; r++) {
            long d = cd.displ(r), e = d + cd.count(r);
            prev[r] = new long[] {Math.max(0, d - width), d};
            next[r] = new long[] {e, Math.min(n, e + width)};
        }
        Tensor l = x.larray();
        Tensor hp = l.newEmpty(x.dtype(), shapeWith(x, s, prev[me][1] - prev[me][0]));
        Tensor hn = l.newEmpty(x.dtype(), shapeWith(x, s, next[me][1] - next[me][0]));
        List<Request> reqs = new ArrayList<>();
        List<Runnable> unpack = new ArrayList<>();
        List<Tensor> keep = new ArrayList<>();
        long myD = cd.displ(me), myE = myD + cd.count(me);
        for (int r = 0; r < p; r++) {
            if (r == me) continue;
            long rd = cd.displ(r), re = rd + cd.count(r);
            // what r sends me, into my halos
            post(comm, x, s, hp, prev[me][0], overlap(rd, re, prev[me]), r, TAG_PREV, reqs, unpack, keep);
            post(comm, x, s, hn, next[me][0], overlap(rd, re, next[me]), r, TAG_NEXT, reqs, unpack, keep);
        }
        for (int r = 0; r < p; r++) {
            if (r == me) continue;
            send(comm, x, s, myD, overlap(myD, myE, prev[r]), r, TAG_PREV, reqs, keep);
            send(comm, x, s, myD, overlap(myD, myE, next[r]), r, TAG_NEXT, reqs, keep);
        }
        for (Request q : reqs) q.waitFor();
        for (Runnable u : unpack) u.run();
        for (Tensor t : keep) t.free();
        return new Tensor[] {hp, hn};
    }

    /** The previous process's halo ({@code getHalo(x, width)[0]}; Heat's {@code halo_prev}). */
    public static Tensor haloPrev(DNDarray x, long width) { return getHalo(x, width)[0]; }

    /** The next process's halo ({@code getHalo(x, width)[1]}; Heat's {@code halo_next}). */
    public static Tensor haloNext(DNDarray x, long width) { return getHalo(x, width)[1]; }

    /**
     * This process's slab with both halos attached along the split axis: global rows
     * {@code [max(0, d - width), min(n, e + width))}, a new contiguous tensor. Collective.
     * <pre>{@code Tensor ext = Halos.arrayWithHalos(x, 1);   // stencil input with one ghost row per side }</pre>
     */
    public static Tensor arrayWithHalos(DNDarray x, long width) {
        Tensor[] h = getHalo(x, width);
        int s = x.splitAxis();
        if (s < 0) return x.larray().contiguous();
        long a = h[0].shape(s), c = x.lshape()[s], b = h[1].shape(s);
        Tensor out = x.larray().newEmpty(x.dtype(), shapeWith(x, s, a + c + b));
        if (a > 0) out.narrow(s, 0, a).copyFrom(h[0]);
        if (c > 0) out.narrow(s, a, c).copyFrom(x.larray());
        if (b > 0) out.narrow(s, a + c, b).copyFrom(h[1]);
        return out;
    }

    private static long[] shapeWith(DNDarray x, int s, long len) {
        long[] sh = x.gshape();
        sh[s] = len;
        return sh;
    }

    private static long[] overlap(long lo, long hi, long[] range) {
        long a = Math.max(lo, range[0]), b = Math.min(hi, range[1]);
        return b > a ? new long[] {a, b} : null;
    }

    private static void post(Communication comm, DNDarray x, int s, Tensor halo, long haloStart, long[] ov, int src, int tag,
                             List<Request> reqs, List<Runnable> unpack, List<Tensor> keep) {
        if (ov == null) return;
        Tensor dst = halo.narrow(s, ov[0] - haloStart, ov[1] - ov[0]);
        if (dst.isContiguous()) {
            reqs.add(comm.irecv(dst, src, tag));
            return;
        }
        Tensor buf = dst.newEmpty(x.dtype(), dst.shape());
        keep.add(buf);
        reqs.add(comm.irecv(buf, src, tag));
        unpack.add(() -> dst.copyFrom(buf));
    }

    private static void send(Communication comm, DNDarray x, int s, long myD, long[] ov, int dest, int tag,
                             List<Request> reqs, List<Tensor> keep) {
        if (ov == null) return;
        Tensor src = x.larray().narrow(s, ov[0] - myD, ov[1] - ov[0]);
        Tensor c = src.contiguous();
        if (c != src) keep.add(c);   // a packed copy, freed after the wait (a view of x's slab stays with x)
        reqs.add(comm.isend(c, dest, tag));
    }
}
