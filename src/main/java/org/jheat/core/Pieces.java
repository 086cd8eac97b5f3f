package org.jheat.core;

import java.util.List;
import java.util.function.IntFunction;

import org.jheat.comm.Communication;
import org.jheat.tensor.Backend;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * Data movement along one axis when each process holds a few blocks ("pieces") of the result in arbitrary global
 * positions: flip (one reversed block), roll (two blocks), tile (one block per repetition), concatenate along the
 * split axis (one block per operand). Every process can compute every other process's pieces from global
 * metadata alone, so one Alltoallv moves exactly the overlaps of the pieces with the target slabs (in rounds within
 * the {@link ExchangeBudget}, see {@link Rounds}); what stays on the same process is copied directly, never through
 * MPI buffers.
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
        Backend be = sources.length > 0 ? sources[0].backend() : Backend.cpu();
        Tensor out = be.empty(type, outShape);
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
        // rows (units along axis) each process sends to / receives from every other, moved in rounds within the budget
        long[] sc = new long[p], rc = new long[p];
        for (int t = 0; t < p; t++) {
            if (t == me) continue;
            for (Piece pc : mine) sc[t] += to.overlap(t, pc.globalStart(), pc.len());
            for (Piece pc : piecesOf.apply(t)) rc[t] += to.overlap(me, pc.globalStart(), pc.len());
        }
        Rounds.alltoallv(comm, type, row, sc, rc, out,
                (from, len, buf, at, round, rounds) -> {
                    for (int t = 0; t < p; t++) {
                        if (len[t] == 0) continue;
                        long base = at[t];
                        walk(mine, to, t, from[t], len[t], (pc, off, cnt, done) -> {
                            long[] bs = otherShape.clone();
                            bs[axis] = cnt;
                            buf.narrow(0, (base + done) * row, cnt * row).reshape(bs)
                                    .copyFrom(sources[pc.src()].narrow(axis, pc.localStart() + off, cnt));
                        });
                    }
                },
                (from, len, buf, at, round, rounds) -> {
                    for (int s = 0; s < p; s++) {
                        if (len[s] == 0) continue;
                        long base = at[s];
                        walk(piecesOf.apply(s), to, me, from[s], len[s], (pc, off, cnt, done) -> {
                            long[] bs = otherShape.clone();
                            bs[axis] = cnt;
                            out.narrow(axis, pc.globalStart() + off - myLo, cnt).copyFrom(buf.narrow(0, (base + done) * row, cnt * row).reshape(bs));
                        });
                    }
                });
        return out;
    }

    /** One stretch of a piece: rows {@code [off, off + cnt)} of the piece, {@code done} rows into the round's part. */
    private interface Stretch {
        void at(Piece pc, long off, long cnt, long done);
    }

    /**
     * The block between a pair of processes is the overlaps of the sender's pieces with the receiver's slab, in piece
     * order; visits the stretches of rows {@code [from, from + len)} of that block (both ends walk the same list).
     */
    private static void walk(List<Piece> pieces, Distribution to, int rank, long from, long len, Stretch f) {
        long acc = 0, end = from + len;
        for (Piece pc : pieces) {
            long l = to.overlap(rank, pc.globalStart(), pc.len());
            if (l == 0) continue;
            long lo = Math.max(acc, from), hi = Math.min(acc + l, end);
            if (lo < hi) f.at(pc, to.overlapOffset(rank, pc.globalStart(), pc.len()) + lo - acc, hi - lo, lo - from);
            acc += l;
            if (acc >= end) break;
        }
    }

    /** A split array from this process's slab and every process's count along {@code split}. */
    static DNDarray wrap(Tensor local, long[] g, int split, long[] counts, DNDarray like) {
        return wrap(local, g, split, Distribution.of(counts), like);
    }

    /** {@link #wrap(Tensor, long[], int, long[], DNDarray)} with the distribution along {@code split}. */
    static DNDarray wrap(Tensor local, long[] g, int split, Distribution d, DNDarray like) {
        return new DNDarray(local, g, split < 0 ? null : split, like.comm(), like.device(), d.lshapeMap(g, split));
    }
}
