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
        Distribution d = x.distribution(), out = d.slice(start, stop - start);
        int me = comm.rank();
        // my part of the range, from the start of my slab
        long from = start + d.overlapOffset(me, start, stop - start) - d.displ(me);
        Tensor mine = x.larray().narrow(axis, out.count(me) > 0 ? from : 0, out.count(me));
        return new DNDarray(mine, outG, axis, comm, x.device(), out.lshapeMap(outG, axis));
    }
}
