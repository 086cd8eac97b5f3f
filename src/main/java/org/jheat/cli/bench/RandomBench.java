package org.jheat.cli.bench;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.Parallel;

/**
 * Benchmark of the random generators: {@code Random.rand} (uniform float64) and {@code Random.randn} (standard
 * normal float64) of {@code N} values split 0, median over repetitions in ns per value and per thread. Each
 * repetition frees its result, so the next one is served by the freed-block cache: the figures are for reused
 * (already touched) memory, like numpy's {@code Generator.random(out=buf)} in {@code bench/random/numpy_random.py}.
 *
 * <pre>{@code
 * JHEAT_NUM_THREADS=1 bin/jheat bench random 1e7 9
 * }</pre>
 */
public final class RandomBench {
    private RandomBench() { }

    /** Entry point: {@code N} (default 1e7) and {@code REPS} (default 9). Prints the medians on rank 0. */
    public static void main(String[] args) {
        long n = args.length > 0 ? (long) Double.parseDouble(args[0]) : 10_000_000L;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        Communication comm = Communications.world();
        Random.seed(42);
        double[] u = Timing.medianMillis(comm, reps, () -> Random.rand(new long[] {n}, DType.FLOAT64, 0));
        double[] z = Timing.medianMillis(comm, reps, () -> Random.randn(new long[] {n}, DType.FLOAT64, 0));
        int threads = Parallel.threads() * comm.size();
        if (comm.rank() == 0) {
            System.out.printf("random bench: n=%d float64 split 0, np=%d, threads/process=%d, reps=%d, reused memory%n", n, comm.size(),
                    Parallel.threads(), reps);
            System.out.printf("  rand   %8.1f ms  %6.2f ns/value/thread  (cpu of the calling thread %.1f ms)%n", u[0], u[0] * 1e6 * threads / n, u[1]);
            System.out.printf("  randn  %8.1f ms  %6.2f ns/value/thread  (cpu of the calling thread %.1f ms)%n", z[0], z[0] * 1e6 * threads / n, z[1]);
        }
        comm.barrier();
    }
}
