package org.jheat.core;

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
        Distribution to = Distribution.of(targetCounts);
        long[] outShape = otherShape.clone();
        outShape[axis] = to.count(me);
        Tensor out = Tensor.empty(type, outShape);
        long row = Redistribution.rowElems(outShape, axis);
        long myLo = to.displ(me);
        List<Piece> mine = piecesOf.apply(me);
        // what stays here: straight copies
        for (Piece pc : mine) {
            long len = to.overlap(me, pc.globalStart(), pc.len()), off = to.overlapOffset(me, pc.globalStart(), pc.len());
            if (len > 0) {
                out.narrow(axis, pc.globalStart() + off - myLo, len).copyFrom(sources[pc.src()].narrow(axis, pc.localStart() + off, len));
            }
        }
        if (p == 1) return out;
        long[] sc = new long[p], sd = new long[p], rc = new long[p], rd = new long[p];
        long acc = 0;
        for (int t = 0; t < p; t++) {
            sd[t] = acc;
            if (t != me) {
                for (Piece pc : mine) acc += to.overlap(t, pc.globalStart(), pc.len()) * row;
            }
            sc[t] = acc - sd[t];
        }
        long sendTotal = acc;
        acc = 0;
        for (int s = 0; s < p; s++) {
            rd[s] = acc;
            if (s != me) {
                for (Piece pc : piecesOf.apply(s)) acc += to.overlap(me, pc.globalStart(), pc.len()) * row;
            }
            rc[s] = acc - rd[s];
        }
        long recvTotal = acc;
        Tensor send = Tensor.empty(type, Math.max(sendTotal, 1)), recv = Tensor.empty(type, Math.max(recvTotal, 1));
        long pos = 0;
        for (int t = 0; t < p; t++) {
            if (t == me) continue;
            for (Piece pc : mine) {
                long len = to.overlap(t, pc.globalStart(), pc.len()), off = to.overlapOffset(t, pc.globalStart(), pc.len());
                if (len == 0) continue;
                long[] bs = otherShape.clone();
                bs[axis] = len;
                send.narrow(0, pos, len * row).reshape(bs)
                        .copyFrom(sources[pc.src()].narrow(axis, pc.localStart() + off, len));
                pos += len * row;
            }
        }
        comm.alltoallv(send, sc, sd, recv, rc, rd);
        pos = 0;
        for (int s = 0; s < p; s++) {
            if (s == me) continue;
            for (Piece pc : piecesOf.apply(s)) {
                long len = to.overlap(me, pc.globalStart(), pc.len()), off = to.overlapOffset(me, pc.globalStart(), pc.len());
                if (len == 0) continue;
                long[] bs = otherShape.clone();
                bs[axis] = len;
                out.narrow(axis, pc.globalStart() + off - myLo, len).copyFrom(recv.narrow(0, pos, len * row).reshape(bs));
                pos += len * row;
            }
        }
        send.storage().free();
        recv.storage().free();
        return out;
    }

    /** A split array from this process's slab and every process's count along {@code split}. */
    static DNDarray wrap(Tensor local, long[] g, int split, long[] counts, DNDarray like) {
        return new DNDarray(local, g, split < 0 ? null : split, like.comm(), like.device(), Distribution.of(counts).lshapeMap(g, split));
    }
}
