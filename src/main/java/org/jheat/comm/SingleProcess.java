package org.jheat.comm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import org.jheat.comm.Communications.Check;
import org.jheat.tensor.DType;

/**
 * The communicator of a program run without MPI: one rank (0 of 1), and no native library is loaded.
 * Collectives are copies (none when in place); messages to self go through an in-memory queue per tag, so
 * {@code irecv} before its {@code isend} works. Arguments are checked exactly as {@link MpiCommunication} checks them,
 * so a program that is wrong with MPI fails here too.
 *
 * <pre>{@code
 * Communication comm = new SingleProcess();               // what Communications.world() gives without a launcher
 * Request r = comm.irecv(in, n, DType.FLOAT64, 0, 5);
 * comm.isend(out, n, DType.FLOAT64, 0, 5).waitFor();
 * r.waitFor();                                              // in now holds out's elements
 * }</pre>
 */
public final class SingleProcess implements Communication {
    /** Largest tag, the same as with Open MPI (whose MPI_TAG_UB is reserved for internal exchanges). */
    private static final int TAG_MAX = Integer.MAX_VALUE - 1;

    /** Sends not yet received, per tag, in order (eager copies, as MPI buffers small sends). */
    private final Map<Integer, ArrayDeque<MemorySegment>> messages = new HashMap<>();
    /** Receives posted before their send, per tag, in order. */
    private final Map<Integer, ArrayDeque<LocalRequest>> posted = new HashMap<>();

    /** A new single-process communicator. <pre>{@code Communication comm = new SingleProcess(); }</pre> */
    public SingleProcess() {}

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public void barrier() {}

    private static void copy(MemorySegment src, long srcElem, MemorySegment dst, long dstElem, long count, DType type) {
        long item = type.itemSize();
        if (count == 0 || src.address() + srcElem * item == dst.address() + dstElem * item) return;
        MemorySegment.copy(src, srcElem * item, dst, dstElem * item, count * item);
    }

    @Override
    public void bcast(MemorySegment buf, long count, DType type, int root) {
        Check.root("bcast", root, 1);
        Check.buffer("bcast", "buf", buf, count, type);
    }

    @Override
    public void reduce(MemorySegment send, MemorySegment recv, long count, DType type, ReduceOp op, int root) {
        Check.op("reduce", op, type);
        Check.root("reduce", root, 1);
        reduction("reduce", send, recv, count, type);
    }

    @Override
    public void allreduce(MemorySegment send, MemorySegment recv, long count, DType type, ReduceOp op) {
        Check.op("allreduce", op, type);
        reduction("allreduce", send, recv, count, type);
    }

    @Override
    public void scan(MemorySegment send, MemorySegment recv, long count, DType type, ReduceOp op) {
        Check.op("scan", op, type);
        reduction("scan", send, recv, count, type);
    }

    @Override
    public void exscan(MemorySegment send, MemorySegment recv, long count, DType type, ReduceOp op) {
        Check.op("exscan", op, type);
        Check.buffer("exscan", "send", send, count, type);
        Check.buffer("exscan", "recv", recv, count, type);
        // rank 0's result is undefined in MPI; the contract leaves recv untouched
    }

    /** With one rank, every reduction of a buffer is the buffer itself (MPI applies no op either). */
    private static void reduction(String fn, MemorySegment send, MemorySegment recv, long count, DType type) {
        Check.buffer(fn, "send", send, count, type);
        Check.buffer(fn, "recv", recv, count, type);
        copy(send, 0, recv, 0, count, type);
    }

    @Override
    public void allgather(MemorySegment send, long count, MemorySegment recv, DType type) {
        Check.buffer("allgather", "send", send, count, type);
        Check.buffer("allgather", "recv", recv, count, type);
        copy(send, 0, recv, 0, count, type);
    }

    @Override
    public void allgatherv(MemorySegment send, long sendCount, MemorySegment recv, long[] recvCounts, long[] displs, DType type) {
        Check.buffer("allgatherv", "send", send, sendCount, type);
        Check.vector("allgatherv", "recv", recv, recvCounts, "recvCounts", displs, "displs", 1, type);
        Check.sameCount("allgatherv", sendCount, recvCounts[0], 0);
        copy(send, 0, recv, displs[0], sendCount, type);
    }

    @Override
    public void gather(MemorySegment send, long count, MemorySegment recv, DType type, int root) {
        Check.root("gather", root, 1);
        allgather(send, count, recv, type);
    }

    @Override
    public void gatherv(MemorySegment send, long sendCount, MemorySegment recv, long[] recvCounts, long[] displs, DType type,
                       int root) {
        Check.root("gatherv", root, 1);
        allgatherv(send, sendCount, recv, recvCounts, displs, type);
    }

    @Override
    public void scatter(MemorySegment send, long count, MemorySegment recv, DType type, int root) {
        Check.root("scatter", root, 1);
        Check.buffer("scatter", "send", send, count, type);
        Check.buffer("scatter", "recv", recv, count, type);
        copy(send, 0, recv, 0, count, type);
    }

    @Override
    public void scatterv(MemorySegment send, long[] sendCounts, long[] displs, MemorySegment recv, long recvCount, DType type,
                         int root) {
        Check.root("scatterv", root, 1);
        Check.buffer("scatterv", "recv", recv, recvCount, type);
        Check.vector("scatterv", "send", send, sendCounts, "sendCounts", displs, "displs", 1, type);
        if (sendCounts[0] != recvCount) {
            throw new IllegalArgumentException("scatterv: recvCount (" + recvCount + ") must equal sendCounts[0] (" + sendCounts[0]
                    + ") at the root");
        }
        copy(send, displs[0], recv, 0, recvCount, type);
    }

    @Override
    public void alltoall(MemorySegment send, long count, MemorySegment recv, DType type) {
        Check.buffer("alltoall", "send", send, count, type);
        Check.buffer("alltoall", "recv", recv, count, type);
        copy(send, 0, recv, 0, count, type);
    }

    @Override
    public void alltoallv(MemorySegment send, long[] sendCounts, long[] sdispls,
                          MemorySegment recv, long[] recvCounts, long[] rdispls, DType type) {
        Check.vector("alltoallv", "send", send, sendCounts, "sendCounts", sdispls, "sdispls", 1, type);
        Check.vector("alltoallv", "recv", recv, recvCounts, "recvCounts", rdispls, "rdispls", 1, type);
        if (sendCounts[0] != recvCounts[0]) {
            throw new IllegalArgumentException("alltoallv: sendCounts[0] (" + sendCounts[0] + ") must equal recvCounts[0] ("
                    + recvCounts[0] + ")");
        }
        copy(send, sdispls[0], recv, rdispls[0], sendCounts[0], type);
    }

    // ---------------------------------------------------------------- messages to self

    private static void p2pArgs(String fn, String peerName, MemorySegment buf, long count, DType type, int peer, int tag) {
        Check.peer(fn, peerName, peer, 1);
        Check.tag(fn, tag, TAG_MAX);
        Check.buffer(fn, "buf", buf, count, type);
    }

    @Override
    public void send(MemorySegment buf, long count, DType type, int dest, int tag) {
        isend(buf, count, type, dest, tag);
    }

    @Override
    public void recv(MemorySegment buf, long count, DType type, int source, int tag) {
        LocalRequest r = (LocalRequest) irecv(buf, count, type, source, tag);
        if (!r.done) {
            synchronized (this) {
                posted.get(tag).remove(r);
            }
            throw new CommException("recv from rank 0 (self) with tag " + tag + ": no message was sent; with one process this would"
                    + " wait forever (send before recv, or use irecv)");
        }
        r.waitFor();
    }

    @Override
    public synchronized Request isend(MemorySegment buf, long count, DType type, int dest, int tag) {
        p2pArgs("isend", "dest", buf, count, type, dest, tag);
        long bytes = count * type.itemSize();
        ArrayDeque<LocalRequest> waiting = posted.get(tag);
        LocalRequest r = waiting == null ? null : waiting.poll();
        if (r != null) {
            r.deliver(buf.asSlice(0, bytes));
        } else {
            MemorySegment copy = bytes == 0 ? MemorySegment.NULL : Arena.ofAuto().allocate(bytes, 16);
            MemorySegment.copy(buf, 0, copy, 0, bytes);
            messages.computeIfAbsent(tag, k -> new ArrayDeque<>()).add(copy);
        }
        return LocalRequest.COMPLETE;
    }

    @Override
    public synchronized Request irecv(MemorySegment buf, long count, DType type, int source, int tag) {
        p2pArgs("irecv", "source", buf, count, type, source, tag);
        LocalRequest r = new LocalRequest(buf, count * type.itemSize(), tag);
        ArrayDeque<MemorySegment> queue = messages.get(tag);
        MemorySegment m = queue == null ? null : queue.poll();
        if (m != null) r.deliver(m);
        else posted.computeIfAbsent(tag, k -> new ArrayDeque<>()).add(r);
        return r;
    }

    /** A receive from self; complete once a send with its tag arrived. */
    private static final class LocalRequest implements Request {
        static final LocalRequest COMPLETE = new LocalRequest(MemorySegment.NULL, 0, 0);
        static {
            COMPLETE.done = true;
        }

        private final MemorySegment buf;
        private final long bytes;
        private final int tag;
        private volatile boolean done;
        private volatile String error;

        LocalRequest(MemorySegment buf, long bytes, int tag) {
            this.buf = buf;
            this.bytes = bytes;
            this.tag = tag;
        }

        void deliver(MemorySegment message) {
            if (message.byteSize() != bytes) {
                error = "recv on rank 0 (tag " + tag + "): expected " + bytes + " bytes, the matching send had " + message.byteSize();
            } else if (bytes > 0) {
                MemorySegment.copy(message, 0, buf, 0, bytes);
            }
            done = true;
        }

        @Override
        public void waitFor() {
            if (!done) {
                throw new CommException("waiting for a receive from rank 0 (self) with tag " + tag + " that no send matched;"
                        + " with one process this would wait forever");
            }
            if (error != null) throw new CommException(error);
        }

        @Override
        public boolean test() {
            if (done && error != null) throw new CommException(error);
            return done;
        }
    }

    // ---------------------------------------------------------------- communicators

    @Override
    public Communication split(int color, int key) {
        if (color < 0) throw new IllegalArgumentException("split: color must be >= 0, got " + color);
        return new SingleProcess();
    }

    @Override
    public Communication dup() {
        return new SingleProcess();
    }

    @Override
    public void close() {}

    @Override
    public void abort(int code) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    @Override
    public String libraryVersion() {
        return "single process (no MPI)";
    }

    @Override
    public String toString() {
        return "SingleProcess[rank 0 of 1]";
    }
}
