package org.jheat.core;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.IntFunction;

import org.jheat.comm.Communication;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * Data movement along one axis when each process holds a few blocks ("pieces") of the result in arbitrary global
 * positions: flip (one reversed block), roll (two blocks), tile (one block per repetition), concatenate along the
 * split axis (one block per operand). Every process can compute every other process's pieces from global
 * metadata alone, so one Alltoallv moves exactly the overlaps of the pieces with the target slabs; what stays on
 * the same process is copied directly, never through MPI buffers.
 *
 * <pre>{@code
 * // rank r's local rows, reversed, are output rows [n - displ[r] - count[r], n - displ[r])
 * Tensor out = Pieces.move(comm, new Tensor[]{local.slice(0, null, null, -1)}, 0,
 *         r -> List.of(new Pieces.Piece(0, 0, counts[r], n - displs[r] - counts[r])), counts, DType.FLOAT64);
 * }</pre>
 */
final class Pieces {
    private Pieces() { }

    /**
     * Local rows {@code [localStart, localStart + len)} of source tensor {@code src} of the owning process become
     * global output rows {@code [globalStart, globalStart + len)}.
     */
    record Piece(int src, long localStart, long len, long globalStart) { }

    /**
     * Moves pieces to the processes owning their output rows: {@code sources} are this process's source tensors
     * (equal extents outside {@code axis}), {@code piecesOf.apply(r)} the pieces of rank r (the same list on every
     * process), {@code targetCounts} the output rows per rank. Returns this process's output slab, of {@code type}
     * (the sources are converted while packing). The pieces of all ranks must cover each output row exactly once.
     */
    static Tensor move(Communication comm, Tensor[] sources, int axis, IntFunction<List<Piece>> piecesOf,
                       long[] targetCounts, DType type, long[] otherShape) {
        int p = comm.size(), me = comm.rank();
        long[] td = Distribution.displs(targetCounts);
        long[] outShape = otherShape.clone();
        outShape[axis] = targetCounts[me];
        Tensor out = Tensor.empty(type, outShape);
        long row = Redistribution.rowElems(outShape, axis);
        long myLo = td[me], myHi = td[me] + targetCounts[me];
        List<Piece> mine = piecesOf.apply(me);
        // what stays here: straight copies
        for (Piece pc : mine) {
            long lo = Math.max(pc.globalStart(), myLo), hi = Math.min(pc.globalStart() + pc.len(), myHi);
            if (hi > lo) {
                out.narrow(axis, lo - myLo, hi - lo).copyFrom(sources[pc.src()].narrow(axis, pc.localStart() + lo - pc.globalStart(), hi - lo));
            }
        }
        if (p == 1) return out;
        long[] sc = new long[p], sd = new long[p], rc = new long[p], rd = new long[p];
        long acc = 0;
        for (int t = 0; t < p; t++) {
            sd[t] = acc;
            if (t != me) {
                for (Piece pc : mine) acc += overlap(pc, td[t], td[t] + targetCounts[t]) * row;
            }
            sc[t] = acc - sd[t];
        }
        long sendTotal = acc;
        acc = 0;
        for (int s = 0; s < p; s++) {
            rd[s] = acc;
            if (s != me) {
                for (Piece pc : piecesOf.apply(s)) acc += overlap(pc, myLo, myHi) * row;
            }
            rc[s] = acc - rd[s];
        }
        long recvTotal = acc;
        Tensor send = Tensor.empty(type, Math.max(sendTotal, 1)), recv = Tensor.empty(type, Math.max(recvTotal, 1));
        int item = type.itemSize();
        long pos = 0;
        for (int t = 0; t < p; t++) {
            if (t == me) continue;
            for (Piece pc : mine) {
                long lo = Math.max(pc.globalStart(), td[t]), hi = Math.min(pc.globalStart() + pc.len(), td[t] + targetCounts[t]);
                if (hi <= lo) continue;
                long[] bs = otherShape.clone();
                bs[axis] = hi - lo;
                Tensor.wrap(send.data().asSlice(pos * item, (hi - lo) * row * item), type, bs)
                        .copyFrom(sources[pc.src()].narrow(axis, pc.localStart() + lo - pc.globalStart(), hi - lo));
                pos += (hi - lo) * row;
            }
        }
        comm.alltoallv(sendTotal == 0 ? MemorySegment.NULL : send.data(), sc, sd,
                recvTotal == 0 ? MemorySegment.NULL : recv.data(), rc, rd, type);
        pos = 0;
        for (int s = 0; s < p; s++) {
            if (s == me) continue;
            for (Piece pc : piecesOf.apply(s)) {
                long lo = Math.max(pc.globalStart(), myLo), hi = Math.min(pc.globalStart() + pc.len(), myHi);
                if (hi <= lo) continue;
                long[] bs = otherShape.clone();
                bs[axis] = hi - lo;
                out.narrow(axis, lo - myLo, hi - lo).copyFrom(Tensor.wrap(recv.data().asSlice(pos * item, (hi - lo) * row * item), type, bs));
                pos += (hi - lo) * row;
            }
        }
        send.storage().free();
        recv.storage().free();
        return out;
    }

    private static long overlap(Piece pc, long lo, long hi) {
        return Math.max(0, Math.min(pc.globalStart() + pc.len(), hi) - Math.max(pc.globalStart(), lo));
    }

    /** A local-shape map with {@code counts} along {@code split} and the global extents elsewhere. */
    static long[][] map(long[] g, int split, long[] counts) {
        long[][] m = new long[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            m[r] = g.clone();
            if (split >= 0) m[r][split] = counts[r];
        }
        return m;
    }

    /** A split array from this process's slab and every process's count along {@code split}. */
    static DNDarray wrap(Tensor local, long[] g, int split, long[] counts, DNDarray like) {
        return new DNDarray(local, g, split < 0 ? null : split, like.comm(), like.device(), map(g, split, counts));
    }
}
