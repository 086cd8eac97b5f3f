package org.jheat.cli.bench;

import java.util.Arrays;

import org.jheat.cli.ResidentMemory;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.random.Random;
import org.jheat.spatial.Metric;
import org.jheat.spatial.Spatial;
import org.jheat.tensor.DType;
import org.jheat.tensor.Parallel;

/**
 * Benchmark of {@link Spatial#cdist}: N x F uniform float64 rows (split along rows) against themselves, so at np > 1
 * the ring exchange runs; exact and by quadratic expansion. Prints the median time over REPS after a warm-up, and
 * the peak resident memory per process. Compare with bench/cluster/scipy_cdist.py.
 *
 * <pre>{@code
 * mpirun -np 2 bin/jheat bench cdist 20000 100 euclidean 3
 * }</pre>
 */
public final class CdistBench {
    private CdistBench() { }

    /** Entry point: {@code [N] [F] [METRIC] [REPS]} (defaults 20000 100 euclidean 3). */
    public static void main(String[] args) {
        long n = args.length > 0 ? (long) Double.parseDouble(args[0]) : 20000;
        long f = args.length > 1 ? Long.parseLong(args[1]) : 100;
        String metric = args.length > 2 ? args[2] : "euclidean";
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Communication comm = Communications.world();
        Random.seed(0);
        DNDarray x = Random.rand(new long[] {n, f}, DType.FLOAT64, 0);
        Metric exact = Metric.of(metric);
        StringBuilder out = new StringBuilder(String.format("cdist bench: %d x %d float64 split 0 with itself, np=%d, threads/process=%d%n",
                n, f, comm.size(), Parallel.threads()));
        for (Metric m : exact.kind() == Metric.Kind.COSINE || exact.kind() == Metric.Kind.CITYBLOCK
                ? new Metric[] {exact} : new Metric[] {exact, new Metric(exact.kind(), true, Double.NaN)}) {
            Spatial.cdist(x, x, m).larray().storage().free();   // warm-up
            double[] ms = new double[reps];
            double check = 0;
            for (int r = 0; r < reps; r++) {
                comm.barrier();
                long t0 = System.nanoTime();
                DNDarray d = Spatial.cdist(x, x, m);
                comm.barrier();
                ms[r] = (System.nanoTime() - t0) / 1e6;
                if (r == 0) check = d.larray().size() > 0 ? d.larray().getDouble(0, 0) : 0;
                d.larray().storage().free();
            }
            Arrays.sort(ms);
            out.append(String.format("  %-40s median %.1f ms (min %.1f, max %.1f)  d[0,0] on rank 0 %.3g%n", m, ms[reps / 2], ms[0],
                    ms[reps - 1], check));
        }
        long[] rss = comm.allgather(Math.max(0, ResidentMemory.peakBytes()) / 1024);
        if (comm.rank() == 0) {
            System.out.print(out);
            System.out.printf("  peak RSS per process (MiB): %s%n", Arrays.toString(Arrays.stream(rss).map(v -> v / 1024).toArray()));
        }
        comm.barrier();
    }
}
