package org.jheat.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;

import org.jheat.comm.AllreduceBench;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jheat bench NAME}: micro-benchmarks whose figures are compared with C reference programs
 * (bench/c) run in the same session. Each prints {@code name value unit} lines on rank 0 (medians of repeats).
 *
 * <pre>{@code
 * bin/jheat bench fill-copy --n 100000000
 * mpirun -np 2 bin/jheat bench allreduce
 * JHEAT_NUM_THREADS=1 bin/jheat bench dgemm 4000 3
 * }</pre>
 */
@Command(name = "bench", description = "Micro-benchmarks: allreduce, alltoallv, fill-copy, resplit, triad, sum, add-overhead, reshape, sort, dgemm, matmul, einsum, linalg2, ml, sparse, io, check, resplit-memory.")
final class Bench implements Callable<Integer> {
    @Parameters(index = "0", description = "allreduce | alltoallv | fill-copy | resplit | triad | sum | add-overhead | reshape | sort | dgemm | matmul | einsum | linalg2 | ml | sparse | io | check | resplit-memory")
    String name;

    @Parameters(index = "1..*", arity = "0..*", description = "arguments: io FORMAT FILE [NAME] [REPS]; sort [N] [REPS]; dgemm [N] [REPS]; matmul [N] [SPLIT_A] [SPLIT_B] [REPS]; einsum [N] [REPS]; linalg2 qr|svd|hsvd|rsvd|lanczos M N SPLIT REPS [RANK]; ml knn|nb|scaler [SIZES] | lasso DIR; sparse spmv|spmm|spgemm N NNZ [REPS] [K]")
    String[] args = new String[0];

    @Option(names = "--n", description = "elements (default: 1e6 for allreduce, 1e8 bytes per rank for alltoallv, 1e8 for fill-copy, 1.6e7 for resplit)")
    long n = -1;

    private static final int WARMUP = 3;

    @Option(names = "--reps", description = "repetitions (default ${DEFAULT-VALUE})")
    int reps = 9;

    @Override
    public Integer call() {
        Communication comm = Communications.world();
        switch (name) {
            case "allreduce" -> {
                double ms = AllreduceBench.medianMillis(comm, n < 0 ? 1_000_000 : n, Math.max(reps, 50));
                Main.out(comm, String.format("allreduce_ms %.4f", ms));
            }
            case "alltoallv" -> {
                double ms = AllreduceBench.alltoallvMedianMillis(comm, n < 0 ? 100_000_000 : n, Math.max(reps, 20));
                Main.out(comm, String.format("alltoallv_ms %.4f", ms));
            }
            case "fill-copy" -> fillCopy(comm, n < 0 ? 100_000_000 : n);
            case "resplit" -> resplit(comm, n < 0 ? 16_000_000 : n);
            case "triad" -> triad(comm, n < 0 ? 100_000_000 : n);
            case "sum" -> sum(comm, n < 0 ? 100_000_000 : n);
            case "add-overhead" -> addOverhead(comm);
            case "reshape" -> org.jheat.cli.bench.ManipulationsBench.main(args);
            case "sort" -> org.jheat.cli.bench.SortingBench.main(args);
            case "kmeans" -> org.jheat.cli.bench.KMeansBench.main(args);
            case "cdist" -> org.jheat.cli.bench.CdistBench.main(args);
            case "check" -> org.jheat.cli.bench.CheckerBench.main(args);
            case "resplit-memory" -> org.jheat.cli.bench.ResplitMemoryBench.main(args);
            case "dgemm" -> org.jheat.cli.bench.DgemmBench.main(args);
            case "matmul" -> org.jheat.cli.bench.LinalgBench.matmul(args);
            case "einsum" -> org.jheat.cli.bench.LinalgBench.einsum(args);
            case "linalg2" -> org.jheat.cli.bench.Linalg2Bench.main(args);
            case "ml" -> org.jheat.cli.bench.MlBench.main(args);
            case "sparse" -> org.jheat.cli.bench.SparseBench.main(args);
            case "io" -> {
                if (args.length < 2) {
                    Main.out(comm, "usage: bench io hdf5|netcdf FILE NAME [REPS] | multi-hdf5 FOLDER|GLOB NAME [REPS] | npy|csv|zarr FILE [REPS]");
                    return 2;
                }
                org.jheat.io.IOBench.main(args);
            }
            default -> {
                Main.out(comm, "unknown benchmark '" + name + "'; allowed: allreduce, alltoallv, fill-copy, resplit, triad, sum, add-overhead, reshape, sort, check, resplit-memory, dgemm, matmul, einsum, ml, io");
                return 2;
            }
        }
        return 0;
    }

    private void fillCopy(Communication comm, long n) {
        Tensor a = Tensor.empty(DType.FLOAT64, n), b = Tensor.empty(DType.FLOAT64, n);
        double[] fill = new double[reps], copy = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            a.fill(1.0 + r);
            long t1 = System.nanoTime();
            b.copyFrom(a);
            long t2 = System.nanoTime();
            fill[r] = 8.0 * n / (t1 - t0);
            copy[r] = 16.0 * n / (t2 - t1);
        }
        Main.out(comm, String.format("fill_GBps %.2f%ncopy_GBps %.2f", median(fill), median(copy)));
    }

    private void resplit(Communication comm, long n) {
        long cols = 16, rows = n / cols;
        Random.seed(1);
        DNDarray x = Random.rand(new long[] {rows, cols}, DType.FLOAT64, 0);
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            DNDarray y = x.resplit(1);
            comm.barrier();
            t[r] = (System.nanoTime() - t0) / 1e6;
            y.larray().free();
        }
        Main.out(comm, String.format("resplit_0_to_1_ms %.2f  (%d x %d float64, np=%d)", median(t), rows, cols, comm.size()));
    }

    /** STREAM's triad as user code, z = a*x + y: two operations, reported with STREAM's 24 bytes per element. */
    private void triad(Communication comm, long n) {
        DNDarray x = Factories.full(new long[] {n}, 2.0, DType.FLOAT64, 0), y = Factories.full(new long[] {n}, 1.0, DType.FLOAT64, 0);
        double[] gbps = new double[reps];
        for (int r = -WARMUP; r < reps; r++) {   // warm-up rounds: JIT, and the freed-block cache filled as in a user loop
            comm.barrier();
            long t0 = System.nanoTime();
            DNDarray z = Arithmetics.add(Arithmetics.mul(3.0, x), y);
            comm.barrier();
            if (r >= 0) gbps[r] = 24.0 * n / (System.nanoTime() - t0);
            z.larray().free();
        }
        Main.out(comm, String.format("triad_GBps %.2f  (z = 3*x + y, %d float64, np=%d)", median(gbps), n, comm.size()));
    }

    private void sum(Communication comm, long n) {
        DNDarray x = Factories.full(new long[] {n}, 0.5, DType.FLOAT64, 0);
        double[] gbps = new double[reps];
        double s = 0;
        for (int r = -WARMUP; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            s += Arithmetics.sum(x).itemDouble();
            if (r >= 0) gbps[r] = 8.0 * n / (System.nanoTime() - t0);
        }
        Main.out(comm, String.format("sum_GBps %.2f  (%d float64, np=%d, check %.1f)", median(gbps), n, comm.size(), s / (reps + WARMUP)));
    }

    /** Per-call cost of add on two 1-element arrays (Heat is ~8x slower than torch here, issue #2491). */
    private void addOverhead(Communication comm) {
        DNDarray a = Factories.full(new long[] {1}, 1.0, DType.FLOAT64, null), b = Factories.full(new long[] {1}, 2.0, DType.FLOAT64, null);
        int calls = 200_000;
        double[] us = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) Arithmetics.add(a, b);
            us[r] = (System.nanoTime() - t0) / 1e3 / calls;
        }
        Main.out(comm, String.format("add_overhead_us %.3f  (1-element float64 arrays, median of %d x %d calls)", median(us), reps, calls));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
