package org.jheat.cli.bench;

import java.util.Arrays;

import org.jheat.cluster.KMeans;
import org.jheat.cli.ResidentMemory;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.core.Index;
import org.jheat.io.IO;
import org.jheat.tensor.Parallel;

/**
 * Benchmark of {@link KMeans#fit}: the data of an .npy file (bench/cluster/make_kmeans_data.py writes
 * ../shared/bench-reference/sk_kmeans.py's samples), split along rows, the first 8 rows as initial centres,
 * {@code ITERS} iterations with tol 0 — the scikit-learn reference's setting. Prints the median fit time over
 * {@code REPS} after {@code WARMUP} untimed fits (default 6), the inertia and iteration count (to compare with
 * scikit-learn's), and the peak resident memory of each process. The warm-up is long on purpose: at np=2 on two
 * cores each JVM's JIT compiler competes with the other process, and the first five or six fits run at up to twice
 * the steady time; with one warm-up fit the median measured compilation, not k-means.
 *
 * <pre>{@code
 * /usr/bin/python3 bench/cluster/make_kmeans_data.py /tmp/km.npy
 * JHEAT_NUM_THREADS=1 bin/jheat bench kmeans /tmp/km.npy 30 15
 * JHEAT_NUM_THREADS=1 bin/jheat --np 2 bench kmeans /tmp/km.npy 30 15 6
 * }</pre>
 */
public final class KMeansBench {
    private KMeansBench() { }

    /** Entry point: {@code FILE.npy [ITERS] [REPS] [WARMUP]}. */
    public static void main(String[] args) {
        Communication comm = Communications.world();
        if (args.length < 1) {
            if (comm.rank() == 0) System.out.println("usage: bench kmeans FILE.npy [ITERS] [REPS] [WARMUP]");
            return;
        }
        int iters = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        if (iters < 1 || reps < 1 || warmup < 0) {
            throw new IllegalArgumentException("bench kmeans: ITERS and REPS must be >= 1 and WARMUP >= 0, got " + iters + ", " + reps + ", " + warmup);
        }
        DNDarray x = IO.loadNpy(args[0], 0);
        double[][] init = new double[8][];
        long f = x.gshape()[1];
        DNDarray head = x.get(Index.slice(0, 8));
        double[] h = head.toDoubleArray();
        for (int j = 0; j < 8; j++) init[j] = Arrays.copyOfRange(h, (int) (j * f), (int) ((j + 1) * f));
        KMeans km = null;
        for (int w = 0; w < warmup; w++) km = new KMeans(8).init(init).maxIter(iters).tol(0.0).fit(x);
        double[] ms = new double[reps], cpu = new double[reps];
        java.lang.management.ThreadMXBean tb = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime(), c0 = tb.getCurrentThreadCpuTime();
            km = new KMeans(8).init(init).maxIter(iters).tol(0.0).fit(x);
            cpu[r] = (tb.getCurrentThreadCpuTime() - c0) / 1e6;
            comm.barrier();
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(cpu);
        long[] rss = comm.allgather(Math.max(0, ResidentMemory.peakBytes()) / 1024);
        Arrays.sort(ms);
        if (comm.rank() == 0) {
            System.out.printf("kmeans fit: %s, %d x %d %s, k=8, given init, %d iterations, tol 0, np=%d, threads/process=%d, %d warm-up fits%n", args[0],
                    x.gshape()[0], f, x.dtype(), iters, comm.size(), Parallel.threads(), warmup);
            System.out.printf("  median %.1f ms (min %.1f, max %.1f over %d; CPU time of rank 0's main thread: median %.1f ms)  inertia %.6f  n_iter %d%n",
                    ms[reps / 2], ms[0], ms[reps - 1], reps, cpu[reps / 2], km.inertia(), km.nIter());
            System.out.printf("  peak RSS per process (MiB): %s%n", Arrays.toString(Arrays.stream(rss).map(v -> v / 1024).toArray()));
        }
        comm.barrier();
    }
}
