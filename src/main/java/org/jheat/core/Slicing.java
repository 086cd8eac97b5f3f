package org.jheat.core;

import org.jheat.comm.Communication;
import org.jheat.tensor.Tensor;

/**
 * Contiguous global ranges along one axis of a distributed array, without moving data: each process keeps the
 * part of its slab that falls in the range (the result may be unbalanced).
 *
 * <pre>{@code DNDarray tail = Slicing.range(x, 0, 1, n);   // x[1:n] along axis 0 }</pre>
 */
public final class Slicing {
    private Slicing() { }

    /** {@code x[start:stop]} along {@code axis} (0 <= start <= stop <= extent). */
    public static DNDarray range(DNDarray x, int axis, long start, long stop) {
        long[] g = x.gshape();
        if (start < 0 || stop < start || stop > g[axis]) {
            throw new IllegalArgumentException("range [" + start + ", " + stop + ") is outside axis " + axis + " of extent " + g[axis]);
        }
        long[] outG = g.clone();
        outG[axis] = stop - start;
        if (axis != x.splitAxis()) {
            Tensor t = x.larray().narrow(axis, start, stop - start);
            return new DNDarray(t, outG, x.split(), x.comm(), x.device(), DNDarray.mapLike(x, outG, x.splitAxis()));
        }
        Communication comm = x.comm();
        long[][] cd = x.countsDispls();
        int p = comm.size();
        long[][] map = new long[p][];
        Tensor mine = null;
        for (int r = 0; r < p; r++) {
            long lo = Math.max(start, cd[1][r]), hi = Math.min(stop, cd[1][r] + cd[0][r]);
            long cnt = Math.max(0, hi - lo);
            map[r] = outG.clone();
            map[r][axis] = cnt;
            if (r == comm.rank()) mine = x.larray().narrow(axis, cnt > 0 ? lo - cd[1][r] : 0, cnt);
        }
        return new DNDarray(mine, outG, axis, comm, x.device(), map);
    }
}
