package org.jheat.cluster;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.tensor.DType;

/** Small collectives on Java double arrays (the estimators' per-iteration reductions are a few kilobytes). */
final class Comms {
    private Comms() { }

    /** Element-wise sum over all processes, in place. */
    static void allreduceSum(Communication comm, double[] buf) {
        if (comm.size() == 1 || buf.length == 0) return;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocateFrom(ValueLayout.JAVA_DOUBLE, buf);
            comm.allreduce(s, s, buf.length, DType.FLOAT64, ReduceOp.SUM);
            MemorySegment.copy(s, ValueLayout.JAVA_DOUBLE, 0, buf, 0, buf.length);
        }
    }

    /** Every process's array (all of the same length), concatenated in rank order. */
    static double[] allgather(Communication comm, double[] mine) {
        if (comm.size() == 1) return mine.clone();
        double[] out = new double[mine.length * comm.size()];
        if (out.length == 0) return out;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocateFrom(ValueLayout.JAVA_DOUBLE, mine);
            MemorySegment r = a.allocate(ValueLayout.JAVA_DOUBLE, out.length);
            comm.allgather(s, mine.length, r, DType.FLOAT64);
            MemorySegment.copy(r, ValueLayout.JAVA_DOUBLE, 0, out, 0, out.length);
        }
        return out;
    }

    /** Every process's array (lengths may differ), concatenated in rank order. */
    static double[] allgatherv(Communication comm, double[] mine) {
        if (comm.size() == 1) return mine.clone();
        long[] counts = comm.allgather((long) mine.length);
        long total = 0;
        long[] displs = new long[counts.length];
        for (int q = 0; q < counts.length; q++) {
            displs[q] = total;
            total += counts[q];
        }
        double[] out = new double[Math.toIntExact(total)];
        if (total == 0) return out;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(ValueLayout.JAVA_DOUBLE, Math.max(1, mine.length));
            MemorySegment.copy(mine, 0, s, ValueLayout.JAVA_DOUBLE, 0, mine.length);
            MemorySegment r = a.allocate(ValueLayout.JAVA_DOUBLE, total);
            comm.allgatherv(s, mine.length, r, counts, displs, DType.FLOAT64);
            MemorySegment.copy(r, ValueLayout.JAVA_DOUBLE, 0, out, 0, out.length);
        }
        return out;
    }

    /** Root's array on every process (same length everywhere). */
    static void bcast(Communication comm, double[] buf, int root) {
        if (comm.size() == 1 || buf.length == 0) return;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocateFrom(ValueLayout.JAVA_DOUBLE, buf);
            comm.bcast(s, buf.length, DType.FLOAT64, root);
            MemorySegment.copy(s, ValueLayout.JAVA_DOUBLE, 0, buf, 0, buf.length);
        }
    }

    /** Sends a double array to {@code dest} (the receiver knows the length). */
    static void send(Communication comm, double[] buf, int dest, int tag) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(ValueLayout.JAVA_DOUBLE, Math.max(1, buf.length));
            MemorySegment.copy(buf, 0, s, ValueLayout.JAVA_DOUBLE, 0, buf.length);
            comm.send(s, buf.length, DType.FLOAT64, dest, tag);
        }
    }

    /** Receives exactly {@code buf.length} doubles from {@code source}. */
    static void recv(Communication comm, double[] buf, int source, int tag) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(ValueLayout.JAVA_DOUBLE, Math.max(1, buf.length));
            comm.recv(s, buf.length, DType.FLOAT64, source, tag);
            MemorySegment.copy(s, ValueLayout.JAVA_DOUBLE, 0, buf, 0, buf.length);
        }
    }
}
