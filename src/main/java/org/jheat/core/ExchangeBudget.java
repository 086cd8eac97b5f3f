package org.jheat.core;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.tensor.Storage;

/**
 * The per-process budget for the buffers of one data exchange ({@code JHEAT_COMM_BUFFER_BYTES}; default 1/16 of
 * the memory per process on the node, at least 64 MiB; 0 = unlimited). When packing an exchange's blocks for the
 * Alltoallv would take more, {@link Redistribution#exchange} moves the data in rounds, each with buffers within the
 * budget, so that resplit, redistribute and balance of large arrays (and reshape, which goes through them) need at
 * most the budget plus the output slab of extra memory (Heat issues #1932, #456: resplit of a large array runs out
 * of memory). Messages above 2^31-1 elements are split by the communicator in any case.
 *
 * <pre>{@code
 * ExchangeBudget.setBytes(256L << 20);   // on every process: exchanges pack at most 256 MiB at a time
 * DNDarray y = x.resplit(1);             // in rounds when x's slabs are larger
 * }</pre>
 */
public final class ExchangeBudget {
    private ExchangeBudget() { }

    private static volatile long bytes = defaultBytes();

    private static long defaultBytes() {
        String env = System.getenv("JHEAT_COMM_BUFFER_BYTES");
        if (env != null && !env.isBlank()) {
            try {
                long b = Long.parseLong(env.trim());
                if (b >= 0) return b;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("JHEAT_COMM_BUFFER_BYTES must be a number of bytes >= 0 (0 = unlimited), got '"
                    + env + "'");
        }
        return Math.max(64L << 20, Storage.memoryPerProcess() / 16);
    }

    /** The budget in bytes (0: unlimited). <pre>{@code long b = ExchangeBudget.bytes(); }</pre> */
    public static long bytes() {
        return bytes;
    }

    /**
     * Sets the budget (0: unlimited). Every process must set the same value, since all take part in each round.
     * <pre>{@code ExchangeBudget.setBytes(1L << 30); }</pre>
     */
    public static void setBytes(long budget) {
        if (budget < 0) throw new IllegalArgumentException("exchange buffer budget must be >= 0 bytes (0 = unlimited), got " + budget);
        bytes = budget;
    }

    /**
     * The number of rounds of an exchange (collective: one allreduce of two longs unless the budget is unlimited):
     * 1 when every process's packing buffers ({@code packBytes}) fit the budget, else enough rounds that the buffers
     * of both directions of every process ({@code allBytes}) fit it.
     */
    static int rounds(Communication comm, long packBytes, long allBytes) {
        long b = bytes;
        if (b == 0 || comm.size() == 1) return 1;
        long[] need = comm.allreduce(new long[] {packBytes, ceilDiv(allBytes, b)}, ReduceOp.MAX);
        if (need[0] <= b) return 1;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(2, need[1]));
    }

    private static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : (a - 1) / b + 1;
    }
}
