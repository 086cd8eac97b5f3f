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
 * <p><b>Tensor forms.</b> Code above {@code comm} passes {@link Tensor}s (contiguous; counts and displacements in
 * elements; the dtype is the tensor's): {@link #allreduce(Tensor, Tensor, ReduceOp)}, {@link #bcast(Tensor, int)},
 * {@link #allgatherv(Tensor, Tensor, long[], long[])}, {@link #alltoallv(Tensor, long[], long[], Tensor, long[], long[])},
 * {@link #isend(Tensor, int, int)} … They hand a CPU tensor's own memory to the library (no copy); a tensor on
 * another device goes through a host copy that is written back after the call (a device-aware library could take
 * device memory directly here later, without changes above).
 *
 * <pre>{@code
 * Communication comm = Communications.world();
 * long n = comm.allreduce(localRows, ReduceOp.SUM);
 * comm.allreduce(seg, seg, 1_000_000, DType.FLOAT64, ReduceOp.SUM);   // in place
 * comm.allreduce(partials, ReduceOp.SUM);                           // a Tensor, in place
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

    // ---------------------------------------------------------------- tensor forms (collective unless point-to-point)

    /**
     * Root's elements of {@code buf} into every other rank's {@code buf} (same shape and dtype everywhere).
     * <pre>{@code comm.bcast(params, 0); }</pre>
     */
    default void bcast(Tensor buf, int root) {
        Staging.Out o = Staging.out("bcast", "buf", buf);
        bcast(o.seg(), buf.size(), buf.dtype(), root);
        o.commit();
    }

    /**
     * Element-wise reduction of every rank's {@code send} into every rank's {@code recv} (same size and dtype);
     * {@code send == recv} reduces in place.
     * <pre>{@code comm.allreduce(partial, total, ReduceOp.SUM); }</pre>
     */
    default void allreduce(Tensor send, Tensor recv, ReduceOp op) {
        Staging.sameType("allreduce", send, recv);
        Staging.Out o = Staging.out("allreduce", "recv", recv);
        MemorySegment s = send == recv ? o.seg() : Staging.in("allreduce", "send", send);
        allreduce(s, o.seg(), recv.size(), recv.dtype(), op);
        o.commit();
    }

    /**
     * Element-wise reduction of every rank's {@code send} into {@code recv} on {@code root} (other ranks' recv is
     * untouched); {@code send == recv} reduces in place.
     * <pre>{@code comm.reduce(partial, total, ReduceOp.SUM, 0); }</pre>
     */
    default void reduce(Tensor send, Tensor recv, ReduceOp op, int root) {
        Staging.sameType("reduce", send, recv);
        Staging.Out o = Staging.out("reduce", "recv", recv);
        MemorySegment s = send == recv ? o.seg() : Staging.in("reduce", "send", send);
        reduce(s, o.seg(), recv.size(), recv.dtype(), op, root);
        o.commit();
    }

    /** {@link #allreduce(Tensor, Tensor, ReduceOp)} in place. <pre>{@code comm.allreduce(counts, ReduceOp.SUM); }</pre> */
    default void allreduce(Tensor buf, ReduceOp op) {
        allreduce(buf, buf, op);
    }

    /** Inclusive prefix reduction: rank r's {@code recv} = op(send_0 … send_r); {@code send == recv} in place. */
    default void scan(Tensor send, Tensor recv, ReduceOp op) {
        Staging.sameType("scan", send, recv);
        Staging.Out o = Staging.out("scan", "recv", recv);
        MemorySegment s = send == recv ? o.seg() : Staging.in("scan", "send", send);
        scan(s, o.seg(), recv.size(), recv.dtype(), op);
        o.commit();
    }

    /**
     * Exclusive prefix reduction: rank r's {@code recv} = op(send_0 … send_{r-1}); rank 0's is left untouched.
     * <pre>{@code comm.exscan(total, offset, ReduceOp.SUM); }</pre>
     */
    default void exscan(Tensor send, Tensor recv, ReduceOp op) {
        Staging.sameType("exscan", send, recv);
        Staging.Out o = Staging.out("exscan", "recv", recv);
        MemorySegment s = send == recv ? o.seg() : Staging.in("exscan", "send", send);
        exscan(s, o.seg(), recv.size(), recv.dtype(), op);
        o.commit();
    }

    /**
     * Every rank's {@code send} (same size on all ranks), in rank order, into every rank's {@code recv}
     * (size × send.size() elements).
     * <pre>{@code comm.allgather(mine, all); }</pre>
     */
    default void allgather(Tensor send, Tensor recv) {
        Staging.sameType("allgather", send, recv);
        Staging.Out o = Staging.out("allgather", "recv", recv);
        allgather(Staging.in("allgather", "send", send), send.size(), o.seg(), recv.dtype());
        o.commit();
    }

    /**
     * Rank r's {@code send} lands at {@code recv[displs[r] …]} on every rank; {@code counts[r]} (elements) must be
     * rank r's send size.
     * <pre>{@code comm.allgatherv(slab, whole, counts, displs); }</pre>
     */
    default void allgatherv(Tensor send, Tensor recv, long[] counts, long[] displs) {
        Staging.sameType("allgatherv", send, recv);
        Staging.Out o = Staging.out("allgatherv", "recv", recv);
        allgatherv(Staging.in("allgatherv", "send", send), send.size(), o.seg(), counts, displs, recv.dtype());
        o.commit();
    }

    /**
     * Block r of {@code send} (send.size() / size() elements) goes to rank r; block s of {@code recv} comes from rank s.
     * <pre>{@code comm.alltoall(counts, received); }</pre>
     */
    default void alltoall(Tensor send, Tensor recv) {
        Staging.sameType("alltoall", send, recv);
        if (send.size() % size() != 0) {
            throw new IllegalArgumentException("alltoall: send of " + send.size() + " elements does not split into " + size() + " equal blocks");
        }
        Staging.Out o = Staging.out("alltoall", "recv", recv);
        alltoall(Staging.in("alltoall", "send", send), send.size() / size(), o.seg(), recv.dtype());
        o.commit();
    }

    /**
     * {@code sendCounts[r]} elements at {@code send[sdispls[r] …]} go to rank r; from rank s arrive {@code recvCounts[s]}
     * at {@code recv[rdispls[s] …]}.
     * <pre>{@code comm.alltoallv(packed, sc, sd, unpacked, rc, rd); }</pre>
     */
    default void alltoallv(Tensor send, long[] sendCounts, long[] sdispls, Tensor recv, long[] recvCounts, long[] rdispls) {
        Staging.sameType("alltoallv", send, recv);
        Staging.Out o = Staging.out("alltoallv", "recv", recv);
        alltoallv(Staging.in("alltoallv", "send", send), sendCounts, sdispls, o.seg(), recvCounts, rdispls, recv.dtype());
        o.commit();
    }

    /** Blocking send of {@code buf}'s elements to {@code dest}. <pre>{@code comm.send(rows, 1, 7); }</pre> */
    default void send(Tensor buf, int dest, int tag) {
        send(Staging.in("send", "buf", buf), buf.size(), buf.dtype(), dest, tag);
    }

    /** Blocking receive of exactly {@code buf.size()} elements from {@code source}. */
    default void recv(Tensor buf, int source, int tag) {
        Staging.Out o = Staging.out("recv", "buf", buf);
        recv(o.seg(), buf.size(), buf.dtype(), source, tag);
        o.commit();
    }

    /**
     * Non-blocking send of {@code buf}'s elements; {@code buf} must not change until the request completes.
     * <pre>{@code Request r = comm.isend(halo, next, 3); … r.waitFor(); }</pre>
     */
    default Request isend(Tensor buf, int dest, int tag) {
        MemorySegment s = Staging.in("isend", "buf", buf);
        return Staging.keeping(isend(s, buf.size(), buf.dtype(), dest, tag), buf, s);
    }

    /** Non-blocking receive of exactly {@code buf.size()} elements; {@code buf} holds them once the request completes. */
    default Request irecv(Tensor buf, int source, int tag) {
        Staging.Out o = Staging.out("irecv", "buf", buf);
        return Staging.committing(irecv(o.seg(), buf.size(), buf.dtype(), source, tag), o);
    }

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
        allreduceHeap(MemorySegment.ofArray(values), values.length, DType.INT64, op);
        return values;
    }

    /** Element-wise reduction of a double array over all ranks (in place). <pre>{@code comm.allreduce(partials, ReduceOp.SUM); }</pre> */
    default double[] allreduce(double[] values, ReduceOp op) {
        allreduceHeap(MemorySegment.ofArray(values), values.length, DType.FLOAT64, op);
        return values;
    }

    /** A Java array's n elements reduced in place, through a native copy (MPI takes native memory only). */
    private void allreduceHeap(MemorySegment heap, int n, DType t, ReduceOp op) {
        if (n == 0) return;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(heap.byteSize(), 8);
            s.copyFrom(heap);
            allreduce(s, s, n, t, op);
            heap.copyFrom(s);
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
}
