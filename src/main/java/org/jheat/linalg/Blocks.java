package org.jheat.linalg;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.Request;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * The two communication patterns under the distributed products, and the batched local product they call.
 *
 * <ul>
 *   <li>{@link #circulate}: every rank's slab travels once around a ring (rank r sends to r-1 and receives from r+1)
 *   while the slab in hand is used: the next slab is received with a non-blocking irecv into the second of two
 *   buffers as the local product on the current one runs, so communication hides behind computation. Extra
 *   memory: two slabs.</li>
 *   <li>{@link #reduceScatter}: block b of a sum over ranks ends on rank b. Block b starts on rank b+1, which writes
 *   its contribution into a buffer; each following rank receives the partial sum and adds its own contribution into
 *   the same buffer (a gemm with beta = 1, so no separate addition), then sends it on; after p-1 hops it reaches
 *   rank b with every contribution. Extra memory: two blocks, one of which becomes the result; no rank ever holds
 *   the whole sum.</li>
 * </ul>
 *
 * <pre>{@code
 * Blocks.circulate(comm, bLocal, bShapes, (s, slab) -> Blocks.gemm(1, aLocal.narrow(1, displ[s], cnt[s]), slab, 1, c));
 * }</pre>
 */
final class Blocks {
    private Blocks() { }

    /** Message tags of the ring patterns (distinct from the other point-to-point users in the code base). */
    static final int TAG_CIRCULATE = 0x6c61, TAG_REDUCE = 0x6c62;

    /** Uses one slab in hand. */
    @FunctionalInterface
    interface SlabUser {
        /** {@code slab} is rank {@code owner}'s slab (read-only; it is sent on concurrently). */
        void use(int owner, Tensor slab);
    }

    /** Writes (beta = 0) or adds (beta = 1) this rank's contribution to one block of a sum. */
    @FunctionalInterface
    interface BlockProducer {
        /** {@code buf} has the shape of block {@code block}. */
        void produce(int block, Tensor buf, double beta);
    }

    /** The first {@code size(shape)} elements of a flat buffer as a contiguous tensor of {@code shape} (a view). */
    static Tensor view(Tensor flat, long[] shape) {
        return flat.narrow(0, 0, Shapes.size(shape)).reshape(shape);
    }

    private static long maxSize(long[][] shapes) {
        long max = 0;
        for (long[] s : shapes) max = Math.max(max, Shapes.size(s));
        return max;
    }

    /**
     * Calls {@code user} once for the slab of every rank, this rank's own first, then those of r+1, r+2, … as they
     * arrive around the ring. {@code mine} has shape {@code shapes[rank]}; all ranks must call this together.
     */
    static void circulate(Communication comm, Tensor mine, long[][] shapes, SlabUser user) {
        int p = comm.size(), r = comm.rank();
        Tensor own = mine.contiguous();
        if (p == 1) {
            user.use(0, own);
            return;
        }
        DType t = own.dtype();
        long max = maxSize(shapes);
        Tensor[] buf = {own.newEmpty(t, max), own.newEmpty(t, max)};
        int left = (r - 1 + p) % p, right = (r + 1) % p;
        Tensor cur = own;
        for (int step = 0; step < p; step++) {
            int owner = (r + step) % p;
            Request send = null, recv = null;
            Tensor next = null;
            if (step < p - 1) {
                // buf[step % 2] is free: its last send (two steps ago) completed at the end of the previous step
                next = view(buf[step % 2], shapes[(r + step + 1) % p]);
                recv = comm.irecv(next, right, TAG_CIRCULATE);
                send = comm.isend(cur, left, TAG_CIRCULATE);
            }
            user.use(owner, cur);
            if (recv != null) {
                recv.waitFor();
                send.waitFor();
            }
            cur = next;
        }
        buf[0].storage().free();
        buf[1].storage().free();
        if (own != mine) own.storage().free();
    }

    /**
     * This rank's block of a sum over all ranks, block b having shape {@code shapes[b]} and ending on rank b; see the
     * class comment for the ring. The result is a contiguous tensor of shape {@code shapes[rank]}, on {@code like}'s device.
     */
    static Tensor reduceScatter(Communication comm, Tensor like, DType t, long[][] shapes, BlockProducer producer) {
        int p = comm.size(), r = comm.rank();
        if (p == 1) {
            Tensor out = like.newEmpty(t, shapes[0]);
            producer.produce(0, out, 0);
            return out;
        }
        long max = maxSize(shapes);
        Tensor[] buf = {like.newEmpty(t, max), like.newEmpty(t, max)};
        int left = (r - 1 + p) % p, right = (r + 1) % p;
        int b0 = (r - 1 + p) % p;
        Tensor x = view(buf[0], shapes[b0]);
        producer.produce(b0, x, 0);
        Request send = comm.isend(x, right, TAG_REDUCE);
        Tensor result = null;
        for (int step = 1; step < p; step++) {
            int b = Math.floorMod(r - 1 - step, p);
            Tensor y = view(buf[step % 2], shapes[b]);
            Request recv = comm.irecv(y, left, TAG_REDUCE);
            recv.waitFor();
            producer.produce(b, y, 1);
            send.waitFor();   // the other buffer is free again for the next receive
            if (step < p - 1) send = comm.isend(y, right, TAG_REDUCE);
            else result = y;
        }
        buf[p % 2 == 0 ? 0 : 1].storage().free();   // the buffer that is not the result: (p - 1) % 2 is the result's
        return result;
    }

    /**
     * {@code c = alpha·a·b + beta·c} for stacks of matrices: a (…, n, k), b (…, k, m), c (batch…, n, m) where the batch
     * axes of a and b broadcast to c's. One BLAS call per matrix of c, or a single call when b is one matrix and the
     * rows of a and c fold into one (both contiguous).
     */
    static void gemm(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        LocalLinalg.gemmBatched(alpha, a, b, beta, c);
    }

    /** The sub-tensor at the leading indices {@code idx} (a view). */
    static Tensor at(Tensor t, long[] idx) {
        Tensor r = t;
        for (long i : idx) r = r.select(0, i);
        return r;
    }

    /** {@code head} followed by {@code tail}. */
    static long[] concat(long[] head, long... tail) {
        long[] r = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, r, head.length, tail.length);
        return r;
    }
}
