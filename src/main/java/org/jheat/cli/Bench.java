package org.jheat.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;

import org.jheat.comm.AllreduceBench;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Expressions;
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
 * bin/jheat bench cmul --n 100000000
 * mpirun -np 2 bin/jheat bench allreduce
 * JHEAT_NUM_THREADS=1 bin/jheat bench dgemm 4000 3
 * }</pre>
 */
@Command(name = "bench", description = "Without NAME (or NAME pipeline): the pipeline bench at 1..--max-np processes, results.json and PNG plots in --out. "
        + "With NAME, micro-benchmarks: " + Bench.NAMES + ".")
final class Bench implements Callable<Integer> {
    /** The micro-benchmarks' names, for the help text and the error of an unknown name (one list: add a name here). */
    static final String NAMES = "allreduce, alltoallv, fill-copy, resplit, triad, cmul, loop, eval, sum, unary, add-overhead, first-call, reduce, reshape, sort, random, indexing, check, resplit-memory, dgemm, matmul, einsum, solve, linalg2, ml, sparse, fft, io";

    @Parameters(index = "0", arity = "0..1", description = "pipeline (default) or a micro-benchmark: " + NAMES)
    String name = "pipeline";

    @Parameters(index = "1..*", arity = "0..*", description = "arguments: io FORMAT FILE [NAME] [REPS]; unary: --n N; sort [N] [REPS]; random [N] [REPS]; indexing [ROWS] [COLS] [NIDX] [REPS]; first-call [ROWS] [ROUNDS]; reduce [ROWS] [COLS] [REPS]; fft [N] [M] [REPS]; dgemm [N] [REPS] | M K N [REPS]; matmul [N] [SPLIT_A] [SPLIT_B] [REPS]; einsum [N] [REPS]; linalg2 qr|svd|hsvd|rsvd|lanczos M N SPLIT REPS [RANK]; ml knn|nb|scaler [SIZES] | lasso DIR; sparse spmv|spmm|spgemm N NNZ [REPS] [K]")
    String[] args = new String[0];

    @Option(names = "--n", description = "elements (default: 1e6 for allreduce, 1e8 bytes per rank for alltoallv, 1e8 for fill-copy, 1.6e7 for resplit)")
    long n = -1;

    private static final int WARMUP = 3;

    @Option(names = "--reps", description = "repetitions (default ${DEFAULT-VALUE})")
    int reps = 9;

    @Option(names = "--max-np", description = "pipeline: process counts 1..N (default ${DEFAULT-VALUE})")
    int maxNp = 2;

    @Option(names = "--repeats", description = "pipeline: runs per process count, the median kept (default ${DEFAULT-VALUE})")
    int repeats = 3;

    @Option(names = "--warmup", description = "pipeline: uncounted runs first, per process count (JIT warm-up; default ${DEFAULT-VALUE})")
    int warmup = 1;

    @Option(names = "--weak", description = "pipeline: weak scaling (sizes grow with the processes: rows and sort length x p, matmul n x sqrt(p))")
    boolean weak;

    @Option(names = "--compare", description = "pipeline: also run the stages with numpy / scikit-learn (bench/cli/pipeline_reference.py) and print ratios")
    boolean compare;

    @Option(names = "--out", description = "pipeline: folder for results.json and the PNGs (default ${DEFAULT-VALUE})")
    java.nio.file.Path out = java.nio.file.Path.of("bench-out");

    @Option(names = "--rows", description = "pipeline: samples at np=1 (default ${DEFAULT-VALUE})")
    long rows = 200_000;

    @Option(names = "--cols", description = "pipeline: features (default ${DEFAULT-VALUE})")
    int cols = 16;

    @Option(names = "--k", description = "pipeline: clusters (default ${DEFAULT-VALUE})")
    int k = 4;

    @Option(names = "--components", description = "pipeline: PCA and hsvd rank (default ${DEFAULT-VALUE})")
    int components = 4;

    @Option(names = "--matmul-n", description = "pipeline: n of the n x n matmul at np=1 (default ${DEFAULT-VALUE})")
    long matmulN = 1000;

    @Option(names = "--sort-n", description = "pipeline: elements sorted at np=1 (default ${DEFAULT-VALUE})")
    long sortN = 2_000_000;

    @Option(names = "--seed", description = "pipeline: random seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--quiet", description = "no progress line on stderr")
    boolean quiet;

    @Option(names = "--result", hidden = true, description = "pipeline-run: where one run's table goes")
    java.nio.file.Path result;

    PipelineBench.Sizes sizes() {
        Demo.checkSizes(rows, cols, k, components);
        if (matmulN < 1 || sortN < 1) throw new IllegalArgumentException("--matmul-n and --sort-n must be >= 1, got " + matmulN + " and " + sortN);
        return new PipelineBench.Sizes(rows, cols, k, components, matmulN, sortN);
    }

    @Override
    public Integer call() throws Exception {
        Communication comm = Communications.world();
        switch (name) {
            case "pipeline" -> {
                if (comm.size() > 1) throw new IllegalArgumentException("bench starts the processes itself: drop --np and give --max-np " + comm.size());
                return PipelineBench.drive(this);
            }
            case "pipeline-run" -> {
                if (result == null) throw new IllegalArgumentException("pipeline-run needs --result FILE");
                return PipelineBench.runOnce(comm, sizes(), warmup, repeats, seed, result, quiet);
            }
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
            case "cmul" -> cmul(comm, n < 0 ? 100_000_000 : n);
            case "loop" -> loop(comm, n < 0 ? 100_000_000 : n);
            case "eval" -> evalBench(comm, n < 0 ? 100_000_000 : n);
            case "sum" -> sum(comm, n < 0 ? 100_000_000 : n);
            case "unary" -> unary(comm, n < 0 ? 10_000_000 : n);
            case "add-overhead" -> addOverhead(comm);
            case "reshape" -> org.jheat.cli.bench.ManipulationsBench.main(args);
            case "sort" -> org.jheat.cli.bench.SortingBench.main(args);
            case "first-call" -> org.jheat.cli.bench.FirstCallBench.main(args);
            case "reduce" -> org.jheat.cli.bench.ReduceBench.main(args);
            case "random" -> org.jheat.cli.bench.RandomBench.main(args);
            case "indexing" -> org.jheat.cli.bench.IndexingBench.main(args);
            case "kmeans" -> org.jheat.cli.bench.KMeansBench.main(args);
            case "cdist" -> org.jheat.cli.bench.CdistBench.main(args);
            case "fft" -> org.jheat.cli.bench.FftBench.main(args);
            case "check" -> org.jheat.cli.bench.CheckerBench.main(args);
            case "resplit-memory" -> org.jheat.cli.bench.ResplitMemoryBench.main(args);
            case "dgemm" -> org.jheat.cli.bench.DgemmBench.main(args);
            case "matmul" -> org.jheat.cli.bench.LinalgBench.matmul(args);
            case "einsum" -> org.jheat.cli.bench.LinalgBench.einsum(args);
            case "solve" -> org.jheat.cli.bench.LinalgBench.solve(args);
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
                Main.out(comm, "unknown benchmark '" + name + "'; allowed: pipeline (default), " + NAMES);
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

    /**
     * The fused expression {@code eval("3*x + y", x, y)} against the eager {@code add(mul(3, x), y)}: GB/s with STREAM's 24
     * bytes per element, for the eager expression, eval into a new array (freed each time, so the freed-block cache
     * serves it as in a user's loop) and evalInto a reused output; compare with {@code stream.c}'s triad in the same run.
     */
    private void evalBench(Communication comm, long n) {
        DNDarray x = Factories.full(new long[] {n}, 2.0, DType.FLOAT64, 0), y = Factories.full(new long[] {n}, 1.0, DType.FLOAT64, 0);
        DNDarray out = Factories.full(new long[] {n}, 0.0, DType.FLOAT64, 0);
        double[] eager = new double[reps], fresh = new double[reps], into = new double[reps];
        for (int r = -WARMUP; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            DNDarray z = Arithmetics.add(Arithmetics.mul(3.0, x), y);
            comm.barrier();
            long t1 = System.nanoTime();
            z.larray().free();
            comm.barrier();
            long t2 = System.nanoTime();
            DNDarray f = Expressions.eval("3*x + y", x, y);
            comm.barrier();
            long t3 = System.nanoTime();
            f.larray().free();
            comm.barrier();
            long t4 = System.nanoTime();
            Expressions.evalInto(out, "3*x + y", x, y);
            comm.barrier();
            long t5 = System.nanoTime();
            if (r >= 0) {
                eager[r] = 24.0 * n / (t1 - t0);
                fresh[r] = 24.0 * n / (t3 - t2);
                into[r] = 24.0 * n / (t5 - t4);
            }
        }
        Main.out(comm, String.format("eval_eager_GBps %.2f  eval_fresh_GBps %.2f  eval_into_GBps %.2f  (z = 3*x + y, %d float64, np=%d, %d threads)",
                median(eager), median(fresh), median(into), n, comm.size(), org.jheat.tensor.Parallel.threads()));
    }

    /**
     * Element-wise complex multiply {@code z = x * y} of n complex128 (split 0), the result allocated per call as numpy's
     * {@code x * y}: median seconds and GB/s (48 bytes per element: two reads, one write). The numpy line it is
     * compared with (same n, median of the same number of repetitions):
     * <pre>{@code
     * python3 -c "import numpy as np,time;n=10**8;r=np.random.default_rng(0);x=r.standard_normal(n)+1j*r.standard_normal(n);y=x[::-1].copy();t=[]
     * for _ in range(9): t0=time.perf_counter();z=x*y;t.append(time.perf_counter()-t0);del z
     * print('numpy cmul_s %.4f' % sorted(t)[4])"
     * }</pre>
     */
    private void cmul(Communication comm, long n) {
        org.jheat.random.Random.seed(0);
        DNDarray x = org.jheat.random.Random.randn(new long[] {n}, DType.COMPLEX128, 0);
        DNDarray y = org.jheat.random.Random.randn(new long[] {n}, DType.COMPLEX128, 0);
        double[] sec = new double[reps];
        for (int r = -WARMUP; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            DNDarray z = Arithmetics.mul(x, y);
            comm.barrier();
            if (r >= 0) sec[r] = (System.nanoTime() - t0) / 1e9;
            z.larray().free();
        }
        double m = median(sec);
        Main.out(comm, String.format("cmul_s %.4f  cmul_GBps %.2f  (z = x * y, %d complex128, np=%d, %d thread(s) per process)",
                m, 48.0 * n / m / 1e9, n, comm.size(), org.jheat.tensor.Parallel.threads()));
    }

    /**
     * A user's loop {@code for 10 iterations: z = x*3 + y} that drops its results (no free, no scope): seconds and
     * fresh memory per iteration, then the same expression warm with its result freed each time (the triad figure),
     * for the ratio the "dead results come back promptly" goal is stated in.
     */
    private void loop(Communication comm, long n) {
        DNDarray x = Factories.full(new long[] {n}, 2.0, DType.FLOAT64, 0), y = Factories.full(new long[] {n}, 1.0, DType.FLOAT64, 0);
        DNDarray[] z = {null};   // the loop's variable: each result stays alive until the next replaces it
        double[][] eager = tenIterations(comm, () -> z[0] = Arithmetics.add(Arithmetics.mul(x, 3.0), y));
        z[0] = null;
        double[] warm = new double[reps];
        for (int r = -WARMUP; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            DNDarray w = Arithmetics.add(Arithmetics.mul(x, 3.0), y);
            comm.barrier();
            if (r >= 0) warm[r] = (System.nanoTime() - t0) / 1e9;
            w.larray().free();
        }
        double wm = median(warm);
        Main.out(comm, String.format("loop_s_per_iteration%s  (z = x*3 + y, %d float64, np=%d)", joined(eager[0], "%.3f"), n, comm.size()));
        Main.out(comm, "loop_fresh_MiB_per_iteration" + joined(eager[1], "%.0f"));
        double worst = Arrays.stream(eager[0], 1, eager[0].length).max().orElse(0);
        Main.out(comm, String.format("loop_warm_s %.3f  worst_iteration_after_first/warm %.2f", wm, worst / wm));
        // the same loop written with the in-place form the README recommends: z made (and touched) once, before the
        // loop, then evalInto reuses its memory from the first iteration on
        DNDarray into = Factories.full(new long[] {n}, 0.0, DType.FLOAT64, 0);
        double[][] inPlace = tenIterations(comm, () -> org.jheat.core.Expressions.evalInto(into, "x*3 + y", x, y));
        Main.out(comm, String.format("loop_evalInto_s_per_iteration%s  (evalInto(z, \"x*3 + y\", x, y), z made before the loop)", joined(inPlace[0], "%.3f")));
        Main.out(comm, "loop_evalInto_fresh_MiB_per_iteration" + joined(inPlace[1], "%.0f"));
        Main.out(comm, String.format("loop_evalInto_worst_iteration/eager_warm %.2f", Arrays.stream(inPlace[0]).max().orElse(0) / wm));
    }

    /** Ten runs of op between barriers: {seconds of each, MiB of fresh memory each took}. */
    private static double[][] tenIterations(Communication comm, Runnable op) {
        double[][] r = new double[2][10];
        for (int i = 0; i < 10; i++) {
            long f0 = org.jheat.tensor.Storage.freshBytes();
            comm.barrier();
            long t0 = System.nanoTime();
            op.run();
            comm.barrier();
            r[0][i] = (System.nanoTime() - t0) / 1e9;
            r[1][i] = (org.jheat.tensor.Storage.freshBytes() - f0) >> 20;
        }
        return r;
    }

    /** The values formatted one by one, each with a leading space. */
    private static String joined(double[] v, String format) {
        StringBuilder b = new StringBuilder();
        for (double x : v) b.append(String.format(" " + format, x));
        return b.toString();
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
        Main.out(comm, String.format("sum_GBps %.2f  (%d float64, np=%d%s, check %.1f)", median(gbps), n, comm.size(),
                org.jheat.core.Reproducible.isOn() ? ", reproducible" : "", s / (reps + WARMUP)));
    }

    /**
     * exp, log, sin and tanh of n float64 values (uniform in [0.1, 10), split 0): median milliseconds per call with
     * the result freed each time (reused memory, as a loop's temporaries), the reference being
     * {@code bench/core/torch_unary.py} (numpy and torch in the same session).
     */
    private void unary(Communication comm, long n) {
        DNDarray x = Arithmetics.add(Arithmetics.mul(org.jheat.random.Random.rand(new long[] {n}, DType.FLOAT64, 0), 9.9), 0.1);
        String[] names = {"exp", "log", "sin", "tanh"};
        java.util.List<java.util.function.UnaryOperator<DNDarray>> ops = java.util.List.of(
                org.jheat.core.Exponential::exp, org.jheat.core.Exponential::log, org.jheat.core.Trigonometrics::sin,
                org.jheat.core.Trigonometrics::tanh);
        StringBuilder line = new StringBuilder();
        double check = 0;
        for (int k = 0; k < ops.size(); k++) {
            double[] ms = new double[reps];
            for (int r = -WARMUP; r < reps; r++) {
                comm.barrier();
                long t0 = System.nanoTime();
                DNDarray y = ops.get(k).apply(x);
                comm.barrier();
                if (r >= 0) ms[r] = (System.nanoTime() - t0) / 1e6;
                if (r == reps - 1) check += y.larray().size() > 0 ? y.larray().getDoubleFlat(0) : 0;
                y.larray().free();
            }
            line.append(String.format("  %s %.2f ms", names[k], median(ms)));
        }
        Main.out(comm, String.format("unary_ms%s  (%d float64, np=%d, threads/process=%d, reused memory; check %.3f)", line, n,
                comm.size(), org.jheat.tensor.Parallel.threads(), check));
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
