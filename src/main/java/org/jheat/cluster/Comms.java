package org.jheat.cluster;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * Small collectives on Java double arrays (the estimators' per-iteration reductions are a few kilobytes), through
 * the Tensor forms of {@link Communication}: each array is copied into a tensor, communicated, and copied back.
 */
final class Comms {
    private Comms() { }

    /** Element-wise sum over all processes, in place. */
    static void allreduceSum(Communication comm, double[] buf) {
        if (comm.size() == 1 || buf.length == 0) return;
        Tensor t = Tensor.fromArray(buf);   // host: a Java array's collective
        try {
            comm.allreduce(t, ReduceOp.SUM);
            t.toDoubleArray(buf);
        } finally {
            t.free();
        }
    }

    /** Every process's array (all of the same length), concatenated in rank order. */
    static double[] allgather(Communication comm, double[] mine) {
        if (comm.size() == 1) return mine.clone();
        if (mine.length == 0) return new double[0];
        Tensor s = Tensor.fromArray(mine), r = Tensor.empty(DType.FLOAT64, (long) mine.length * comm.size());   // host: Java arrays
        try {
            comm.allgather(s, r);
            return r.toDoubleArray();
        } finally {
            s.free();
            r.free();
        }
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
        if (total == 0) return new double[0];
        Tensor s = Tensor.fromArray(mine), r = Tensor.empty(DType.FLOAT64, total);   // host: Java arrays
        try {
            comm.allgatherv(s, r, counts, displs);
            return r.toDoubleArray();
        } finally {
            s.free();
            r.free();
        }
    }

    /** Root's array on every process (same length everywhere). */
    static void bcast(Communication comm, double[] buf, int root) {
        if (comm.size() == 1 || buf.length == 0) return;
        Tensor t = Tensor.fromArray(buf);
        try {
            comm.bcast(t, root);
            t.toDoubleArray(buf);
        } finally {
            t.free();
        }
    }

    /** Sends a double array to {@code dest} (the receiver knows the length). */
    static void send(Communication comm, double[] buf, int dest, int tag) {
        Tensor t = Tensor.fromArray(buf);
        try {
            comm.send(t, dest, tag);
        } finally {
            t.free();
        }
    }

    /** Receives exactly {@code buf.length} doubles from {@code source}. */
    static void recv(Communication comm, double[] buf, int source, int tag) {
        Tensor t = Tensor.empty(DType.FLOAT64, buf.length);
        try {
            comm.recv(t, source, tag);
            t.toDoubleArray(buf);
        } finally {
            t.free();
        }
    }
}
