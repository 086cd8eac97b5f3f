package org.jheat.comm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * A communicator: the ranks of a job and the collective / point-to-point calls between them.
 * Buffers are {@link MemorySegment}s handed to the library without copying; counts are in elements of
 * {@code type} and may exceed 2^31-1 (implementations split such messages). Every collective must be
 * called by all ranks of the communicator in the same order.
 *
 * <p>{@code send == recv} (the same segment) means in place (MPI_IN_PLACE) for reduce, allreduce, scan, exscan.
 *
 * <pre>{@code
 * Communication comm = Communications.world();
 * long n = comm.allreduce(localRows, ReduceOp.SUM);
 * comm.allreduce(seg, seg, 1_000_000, DType.FLOAT64, ReduceOp.SUM);   // in place
 * }</pre>
 */
public interface Communication extends AutoCloseable {

    /** This process's rank in [0, size). */
    int rank();

    /** Number of processes. */
    int size();

    /** Blocks until all ranks have called it. */
    void barrier();

    /** Copies {@code count} elements from root's {@code buf} into every other rank's {@code buf}. */
    void bcast(MemorySegment buf, long count, DType type, int root);

    /** Reduces {@code send} of all ranks element-wise into root's {@code recv} ({@code recv} unused elsewhere). */
    void reduce(MemorySegment send, MemorySegment recv, long count, DType type, ReduceOp op, int root);

    /** Reduces {@code send} of all ranks element-wise into every rank's {@code recv}. */
    void allreduce(MemorySegment send, MemorySegment recv, long count, DType type, ReduceOp op);

    /** Inclusive prefix reduction: rank r receives op(send_0 … send_r). */
    void scan(MemorySegment send, MemorySegment recv, long count, DType type, ReduceOp op);

    /** Exclusive prefix reduction: rank r receives op(send_0 … send_{r-1}); rank 0's {@code recv} is left untouched. */
    void exscan(MemorySegment send, MemorySegment recv, long count, DType type, ReduceOp op);

    /** Every rank's {@code count} elements, in rank order, into every rank's {@code recv} (size × count elements). */
    void allgather(MemorySegment send, long count, MemorySegment recv, DType type);

    /** Rank r's {@code sendCount} elements land at {@code recv[displs[r] …]} on every rank ({@code recvCounts[r] == sendCount_r}). */
    void allgatherv(MemorySegment send, long sendCount, MemorySegment recv, long[] recvCounts, long[] displs, DType type);

    /** Like {@link #allgather} but only root receives. */
    void gather(MemorySegment send, long count, MemorySegment recv, DType type, int root);

    /** Like {@link #allgatherv} but only root receives ({@code recvCounts}, {@code displs} read at root only). */
    void gatherv(MemorySegment send, long sendCount, MemorySegment recv, long[] recvCounts, long[] displs, DType type, int root);

    /** Root's {@code send} holds size × count elements; rank r receives block r. */
    void scatter(MemorySegment send, long count, MemorySegment recv, DType type, int root);

    /** Root sends {@code sendCounts[r]} elements from {@code send[displs[r] …]} to rank r, which receives {@code recvCount}. */
    void scatterv(MemorySegment send, long[] sendCounts, long[] displs, MemorySegment recv, long recvCount, DType type, int root);

    /** Block r of {@code send} (count elements) goes to rank r; block s of {@code recv} comes from rank s. */
    void alltoall(MemorySegment send, long count, MemorySegment recv, DType type);

    /** {@code sendCounts[r]} elements at {@code send[sdispls[r] …]} go to rank r; from rank s arrive {@code recvCounts[s]} at {@code recv[rdispls[s] …]}. */
    void alltoallv(MemorySegment send, long[] sendCounts, long[] sdispls,
                   MemorySegment recv, long[] recvCounts, long[] rdispls, DType type);

    /** Blocking send of {@code count} elements to {@code dest}. */
    void send(MemorySegment buf, long count, DType type, int dest, int tag);

    /** Blocking receive of exactly {@code count} elements from {@code source}. */
    void recv(MemorySegment buf, long count, DType type, int source, int tag);

    /** Non-blocking send; the buffer must not change until the request completes. */
    Request isend(MemorySegment buf, long count, DType type, int dest, int tag);

    /** Non-blocking receive of exactly {@code count} elements. */
    Request irecv(MemorySegment buf, long count, DType type, int source, int tag);

    /** Splits into sub-communicators by {@code color}, ranked by {@code key} (collective). */
    Communication split(int color, int key);

    /** A duplicate with its own message space (collective). */
    Communication dup();

    /** Frees this communicator (a no-op for the world communicator). */
    @Override
    void close();

    /** Ends the whole job at once with {@code code} (MPI_Abort); never returns. */
    void abort(int code);

    /** A human-readable name of the library behind this communicator, e.g. "Open MPI v4.1.4" or "single process". */
    String libraryVersion();

    // ---------------------------------------------------------------- scalar conveniences (collective)

    /** Reduces one long over all ranks. <pre>{@code long n = comm.allreduce(local, ReduceOp.SUM); }</pre> */
    default long allreduce(long value, ReduceOp op) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(ValueLayout.JAVA_LONG);
            s.set(ValueLayout.JAVA_LONG, 0, value);
            allreduce(s, s, 1, DType.INT64, op);
            return s.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    /** Reduces one double over all ranks. <pre>{@code double m = comm.allreduce(localMax, ReduceOp.MAX); }</pre> */
    default double allreduce(double value, ReduceOp op) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(ValueLayout.JAVA_DOUBLE);
            s.set(ValueLayout.JAVA_DOUBLE, 0, value);
            allreduce(s, s, 1, DType.FLOAT64, op);
            return s.get(ValueLayout.JAVA_DOUBLE, 0);
        }
    }

    /** Element-wise reduction of a long array over all ranks (in place). <pre>{@code comm.allreduce(counts, ReduceOp.SUM); }</pre> */
    default long[] allreduce(long[] values, ReduceOp op) {
        if (values.length == 0) return values;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocateFrom(ValueLayout.JAVA_LONG, values);
            allreduce(s, s, values.length, DType.INT64, op);
            MemorySegment.copy(s, ValueLayout.JAVA_LONG, 0, values, 0, values.length);
            return values;
        }
    }

    /** Every rank's value, in rank order. <pre>{@code long[] rows = comm.allgather(localRows); }</pre> */
    default long[] allgather(long value) {
        return allgather(new long[] {value});
    }

    /** Every rank's array (all the same length), concatenated in rank order. */
    default long[] allgather(long[] values) {
        long[] out = new long[values.length * size()];
        if (out.length == 0) return out;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocateFrom(ValueLayout.JAVA_LONG, values.length == 0 ? new long[1] : values);
            MemorySegment r = a.allocate(ValueLayout.JAVA_LONG, out.length);
            allgather(s, values.length, r, DType.INT64);
            MemorySegment.copy(r, ValueLayout.JAVA_LONG, 0, out, 0, out.length);
        }
        return out;
    }

    /** Root's bytes on every rank (length travels too). <pre>{@code byte[] b = comm.bcast(bytesOrNull, 0); }</pre> */
    default byte[] bcast(byte[] data, int root) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment len = a.allocate(ValueLayout.JAVA_LONG);
            if (rank() == root) len.set(ValueLayout.JAVA_LONG, 0, data.length);
            bcast(len, 1, DType.INT64, root);
            int n = (int) len.get(ValueLayout.JAVA_LONG, 0);
            MemorySegment s = a.allocate(Math.max(1, n));
            if (rank() == root) MemorySegment.copy(data, 0, s, ValueLayout.JAVA_BYTE, 0, n);
            bcast(s, n, DType.UINT8, root);
            return s.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    /** Root's string on every rank. <pre>{@code String msg = comm.bcast(rank == 0 ? "x" : null, 0); }</pre> */
    default String bcast(String s, int root) {
        byte[] b = bcast(rank() == root ? s.getBytes(StandardCharsets.UTF_8) : null, root);
        return new String(b, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- tensor forms (collective where the segment form is)
    // The layers above core reach memory only through Tensor; these pass a contiguous tensor's elements as they lie.

    /**
     * Reduces a contiguous tensor element-wise over all ranks, in place; returns it.
     * <pre>{@code comm.allreduce(partialSums, ReduceOp.SUM); }</pre>
     */
    default Tensor allreduce(Tensor t, ReduceOp op) {
        if (t.size() > 0) allreduce(contiguousData(t, "allreduce"), contiguousData(t, "allreduce"), t.size(), t.dtype(), op);
        return t;
    }

    /**
     * Every rank's tensor (the same shape and dtype on all ranks), stacked along a new leading axis of length
     * {@link #size()} in rank order.
     * <pre>{@code Tensor all = comm.allgather(localMoments);   // shape (p, …) }</pre>
     */
    default Tensor allgather(Tensor t) {
        long[] shape = t.shape();
        long[] out = new long[shape.length + 1];
        out[0] = size();
        System.arraycopy(shape, 0, out, 1, shape.length);
        Tensor r = Tensor.empty(t.dtype(), out);
        if (r.size() > 0) allgather(t.contiguous().data(), t.size(), r.data(), t.dtype());
        return r;
    }

    /** Non-blocking send of a contiguous tensor's elements. <pre>{@code Request s = comm.isend(block, next, 3); }</pre> */
    default Request isend(Tensor t, int dest, int tag) {
        return isend(contiguousData(t, "isend"), t.size(), t.dtype(), dest, tag);
    }

    /**
     * Non-blocking receive of exactly {@code t.size()} elements into a contiguous tensor.
     * <pre>{@code Request r = comm.irecv(Tensor.empty(DType.FLOAT64, rows, cols), prev, 3); }</pre>
     */
    default Request irecv(Tensor t, int source, int tag) {
        return irecv(contiguousData(t, "irecv"), t.size(), t.dtype(), source, tag);
    }

    private static MemorySegment contiguousData(Tensor t, String op) {
        if (!t.isContiguous()) throw new IllegalArgumentException(op + ": the tensor must be contiguous (call contiguous() first)");
        return t.data();
    }
}
