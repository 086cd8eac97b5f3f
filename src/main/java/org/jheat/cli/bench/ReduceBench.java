package org.jheat.cli.bench;

import java.util.function.Supplier;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Statistics;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.Parallel;

/**
 * Benchmark of reductions along each axis of a narrow (ROWS, COLS) float64 array split 0 (torch's strong case in the
 * issue's table): {@code sum} and {@code mean} along axis 0 (the column sums: one partial row per process, one
 * Allreduce), along axis 1 (local), and of the whole array; median over repetitions of the wall time and of the
 * calling thread's CPU time (the steadier figure on a loaded machine, with JHEAT_NUM_THREADS=1). The same with torch
 * and numpy: {@code bench/core/torch_reduce.py}.
 *
 * <pre>{@code
 * bin/jheat bench reduce 1e7 8 9
 * }</pre>
 */
public final class ReduceBench {
    private ReduceBench() { }

    /** Entry point: {@code ROWS} (1e7), {@code COLS} (8), {@code REPS} (9). Prints medians on rank 0. */
    public static void main(String[] args) {
        long rows = args.length > 0 ? (long) Double.parseDouble(args[0]) : 10_000_000L;
        long cols = args.length > 1 ? (long) Double.parseDouble(args[1]) : 8;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        if (rows < 1 || cols < 1 || reps < 1) throw new IllegalArgumentException("bench reduce: ROWS, COLS and REPS must be >= 1");
        Communication comm = Communications.world();
        Random.seed(42);
        DNDarray x = Random.randn(new long[] {rows, cols}, DType.FLOAT64, 0);
        if (comm.rank() == 0) {
            System.out.printf("reduce bench: (%d, %d) float64 split 0, np=%d, threads/process=%d, reps=%d (ms: wall median, thread CPU median)%n",
                    rows, cols, comm.size(), Parallel.threads(), reps);
        }
        time(comm, "sum axis 0", reps, () -> Arithmetics.sum(x, new int[] {0}, false));
        time(comm, "mean axis 0", reps, () -> Statistics.mean(x, new int[] {0}, false));
        time(comm, "sum axis 1", reps, () -> Arithmetics.sum(x, new int[] {1}, false));
        time(comm, "sum", reps, () -> Arithmetics.sum(x));
    }

    private static void time(Communication comm, String what, int reps, Supplier<DNDarray> op) {
        for (int w = 0; w < 3; w++) op.get().larray().free();   // with Timing's two: five JIT warm-up calls, the first run interpreted
        double[] wallCpu = Timing.medianMillis(comm, reps, op);
        if (comm.rank() == 0) System.out.printf("  %-12s %9.2f ms  (cpu %8.2f ms)%n", what, wallCpu[0], wallCpu[1]);
    }
}
