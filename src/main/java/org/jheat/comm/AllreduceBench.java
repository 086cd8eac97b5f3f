package org.jheat.comm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import org.jheat.tensor.DType;

/**
 * MPI_Allreduce (SUM) of {@code n} doubles through jheat, measured exactly like {@code bench/c/allreduce.c}, and
 * MPI_Alltoallv of uint8 like {@code bench/c/alltoallv.c}:
 * warm-up calls, then {@code reps} calls each timed alone after a barrier; the result is the median.
 * Comparing the two shows the cost of the FFM binding; it lives in comm because it times the raw segment call.
 *
 * <pre>{@code
 * mpirun -np 2 java --enable-native-access=ALL-UNNAMED -cp target/classes org.jheat.comm.AllreduceBench 1000000 200
 * // rank 0 prints: allreduce_ms 0.8123
 * }</pre>
 */
public final class AllreduceBench {
    private AllreduceBench() {}

    /** Calls before timing starts: enough for the JIT to compile the call path (C2 needs ~10^4 invocations of small methods, but the downcall stub is ready much earlier). */
    static final int WARMUP = 200;

    /**
     * This rank's median milliseconds per allreduce of {@code n} doubles over {@code reps} timed calls (collective).
     * <pre>{@code double ms = AllreduceBench.medianMillis(Communications.world(), 1_000_000, 100); }</pre>
     */
    public static double medianMillis(Communication comm, long n, int reps) {
        if (n < 1 || reps < 1) throw new IllegalArgumentException("n and reps must be >= 1, got n=" + n + ", reps=" + reps);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment send = a.allocate(JAVA_DOUBLE, n), recv = a.allocate(JAVA_DOUBLE, n);
            for (long i = 0; i < n; i++) send.setAtIndex(JAVA_DOUBLE, i, comm.rank() + i * 1e-6);
            return median(comm, WARMUP, reps, () -> comm.allreduce(send, recv, n, DType.FLOAT64, ReduceOp.SUM));
        }
    }

    /** {@code warmup} untimed calls, then {@code reps} calls each timed alone after a barrier; the median in ms. */
    private static double median(Communication comm, int warmup, int reps, Runnable call) {
        for (int i = 0; i < warmup; i++) call.run();
        double[] ms = new double[reps];
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            call.run();
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }

    /**
     * This rank's median milliseconds per alltoallv in which every rank sends {@code bytes} bytes (uint8), split over
     * the ranks as evenly as possible (the first {@code bytes % size} ranks get one more), measured like
     * {@code bench/c/alltoallv.c}: warm-up calls, then {@code reps} calls each timed alone after a barrier (collective).
     * <pre>{@code double ms = AllreduceBench.alltoallvMedianMillis(Communications.world(), 100_000_000, 20); }</pre>
     */
    public static double alltoallvMedianMillis(Communication comm, long bytes, int reps) {
        if (bytes < 1 || reps < 1) throw new IllegalArgumentException("bytes and reps must be >= 1, got bytes=" + bytes + ", reps=" + reps);
        int p = comm.size();
        long[] counts = new long[p], displs = new long[p];
        for (int r = 0; r < p; r++) {
            counts[r] = bytes / p + (r < bytes % p ? 1 : 0);
            if (r > 0) displs[r] = displs[r - 1] + counts[r - 1];
        }
        // what this rank receives: its own share from every rank
        long mine = counts[comm.rank()];
        long[] rcounts = new long[p], rdispls = new long[p];
        for (int r = 0; r < p; r++) {
            rcounts[r] = mine;
            rdispls[r] = r * mine;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment send = a.allocate(bytes, 64), recv = a.allocate(Math.max(1, mine * p), 64);
            for (long i = 0; i < bytes; i++) send.set(JAVA_BYTE, i, (byte) (i + comm.rank()));
            return median(comm, ALLTOALLV_WARMUP, reps,
                    () -> comm.alltoallv(send, counts, displs, recv, rcounts, rdispls, DType.UINT8));
        }
    }

    /** Alltoallv warm-up calls: each moves 1e8 bytes, and the call path is compiled after a few. */
    static final int ALLTOALLV_WARMUP = 3;

    /**
     * {@code AllreduceBench [n=1000000] [reps=100]}: prints {@code allreduce_ms <median>} on rank 0;
     * {@code AllreduceBench alltoallv [bytes=1e8] [reps=20]}: prints {@code alltoallv_ms <median>}.
     */
    public static void main(String[] args) {
        Communication comm = Communications.world();
        if (args.length > 0 && args[0].equals("alltoallv")) {
            long bytes = args.length > 1 ? (long) Double.parseDouble(args[1]) : 100_000_000;
            int reps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
            double ms = alltoallvMedianMillis(comm, bytes, reps);
            if (comm.rank() == 0) System.out.printf("alltoallv_ms %.4f%n", ms);
            return;
        }
        long n = args.length > 0 ? (long) Double.parseDouble(args[0]) : 1_000_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        double ms = medianMillis(comm, n, reps);
        if (comm.rank() == 0) System.out.printf("allreduce_ms %.4f%n", ms);
    }
}
