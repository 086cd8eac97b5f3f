package org.jheat.cli.bench;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.*;
import org.jheat.random.Random;
import org.jheat.tensor.DType;

/**
 * Benchmark of the distributed sort: {@code N} uniform random float64 ({@code Random.rand}, split 0) sorted with
 * {@link Sorting#sort} (values) and {@link Sorting#argsort} (stable, indices), median over repetitions, against
 * {@code java.util.Arrays.sort(double[])} of the same data on rank 0 (one thread; each repetition sorts a fresh
 * copy). The gather for the reference is outside the timing.
 *
 * <pre>{@code
 * jheat_mpirun -np 2 $JAVA_HOME/bin/java $JHEAT_JVM_OPTS -cp … org.jheat.cli.bench.SortingBench [N] [REPS]
 * }</pre>
 */
public final class SortingBench {
    private SortingBench() { }

    /** Entry point: {@code N} (default 1e7) and {@code REPS} (default 5). Prints the medians on rank 0. */
    public static void main(String[] args) {
        long n = args.length > 0 ? (long) Double.parseDouble(args[0]) : 10_000_000L;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Communication comm = Communications.world();
        Random.seed(42);
        DNDarray x = Random.rand(new long[] {n}, DType.FLOAT64, 0);
        double[] sortMs = new double[reps], argMs = new double[reps], refMs = new double[reps];
        Sorting.sort(x, 0, false, false);   // warm-up (JIT)
        Sorting.argsort(x, 0, false, true);
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            DNDarray s = Sorting.sort(x, 0, false, false);
            comm.barrier();
            sortMs[r] = (System.nanoTime() - t0) / 1e6;
            s.larray().free();
        }
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            DNDarray s = Sorting.argsort(x, 0, false, true);
            comm.barrier();
            argMs[r] = (System.nanoTime() - t0) / 1e6;
            s.larray().free();
        }
        double[] data = x.toDoubleArray();
        if (comm.rank() == 0) {
            Arrays.sort(data.clone());   // warm-up
            for (int r = 0; r < reps; r++) {
                double[] c = data.clone();
                long t0 = System.nanoTime();
                Arrays.sort(c);
                refMs[r] = (System.nanoTime() - t0) / 1e6;
            }
            double ref = median(refMs);
            System.out.printf("sort bench: n=%d float64 split 0, np=%d, threads/process=%d, reps=%d%n", n, comm.size(),
                    org.jheat.tensor.Parallel.threads(), reps);
            System.out.printf("  Sorting.sort        %9.1f ms  (ratio to Arrays.sort %.2f)%n", median(sortMs), median(sortMs) / ref);
            System.out.printf("  Sorting.argsort     %9.1f ms  (ratio to Arrays.sort %.2f)%n", median(argMs), median(argMs) / ref);
            System.out.printf("  Arrays.sort(double[]) %7.1f ms  (rank 0, one thread)%n", ref);
        }
        comm.barrier();
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
