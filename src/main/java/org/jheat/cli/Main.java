package org.jheat.cli;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Printing;
import org.jheat.core.Quantiles;
import org.jheat.core.Statistics;
import org.jheat.io.DatasetInfo;
import org.jheat.io.IO;
import org.jheat.io.IOFailure;
import org.jheat.natives.Blas;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Storage;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/jheat}: the command line. Run it alone (one process, no MPI needed) or under
 * {@code mpirun -np N bin/jheat …}; every process runs the same command and rank 0 prints.
 *
 * <pre>{@code
 * bin/jheat info
 * bin/jheat info data.h5          # datasets, shapes, dtypes, chunks, compression, attributes
 * bin/jheat demo --rows 2000000
 * mpirun -np 2 bin/jheat bench allreduce
 * }</pre>
 */
@Command(name = "jheat", mixinStandardHelpOptions = true, version = "jheat " + Main.VERSION,
        description = "Distributed N-d arrays for the JVM (Heat rebuilt in Java).",
        subcommands = {Main.Info.class, Main.Demo.class, Bench.class})
public final class Main implements Callable<Integer> {
    /** The version printed by {@code info}. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        System.out.flush();
        System.exit(code);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    static void out(Communication comm, String s) {
        if (comm.rank() == 0) System.out.println(s);
    }

    /**
     * {@code jheat info}: versions, process count, threads and the BLAS library found; {@code jheat info FILE}: the
     * datasets/variables/arrays of a data file with shapes, dtypes, chunking, compression and attributes.
     */
    @Command(name = "info", description = "Print jheat, Java, MPI and BLAS versions and the process layout; "
            + "with FILE (.h5, .nc, .zarr, .npy, .csv) list what it holds: names to load, shapes, dtypes, chunks, compression, attributes.")
    static final class Info implements Callable<Integer> {
        @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "FILE", description = "a data file or Zarr store to describe")
        String file;

        @Override
        public Integer call() {
            Communication comm = Communications.world();
            if (file != null) return describe(comm, file);
            out(comm, "jheat:      " + VERSION);
            out(comm, "java:       " + System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
            out(comm, "mpi:        " + comm.libraryVersion().lines().findFirst().orElse("").trim());
            out(comm, "processes:  " + comm.size() + " (" + Parallel.localProcesses() + " on this node)");
            out(comm, "threads:    " + Parallel.threads() + " per process (JHEAT_NUM_THREADS overrides)");
            String blas = Blas.find().map(b -> b.name() + (b.config().isEmpty() ? "" : " (" + b.config() + ")"))
                    .orElse("none found (" + Blas.installHint() + ", or set JHEAT_BLAS_LIB)");
            out(comm, "blas:       " + blas);
            return 0;
        }
    }

    /** Prints {@link IO#describe} of {@code file} on rank 0; 1 when it cannot be read. */
    static int describe(Communication comm, String file) {
        List<DatasetInfo> list;
        try {
            list = IO.describe(file);
        } catch (IOFailure e) {
            if (comm.rank() == 0) System.err.println("jheat info: " + e.getMessage());
            return 1;
        }
        out(comm, file + ": " + list.size() + (list.size() == 1 ? " array" : " arrays"));
        for (DatasetInfo d : list) {
            out(comm, "  " + d);
            d.attributes().forEach((k, v) -> {
                String text = v instanceof double[] a ? Arrays.toString(a) : v instanceof long[] a ? Arrays.toString(a)
                        : v instanceof String[] a ? Arrays.toString(a) : v instanceof boolean[] a ? Arrays.toString(a) : String.valueOf(v);
                out(comm, "      @" + k + " = " + (text.length() > 100 ? text.substring(0, 100) + "…" : text));
            });
        }
        return 0;
    }

    /** {@code jheat demo}: what exists today, timed — random data, resplits, a reduction, printing. */
    @Command(name = "demo", description = "Random data, resplit between axes, reductions, element-wise arithmetic, an exact median; prints timings.")
    static final class Demo implements Callable<Integer> {
        @Option(names = "--rows", description = "rows of the random matrix (default ${DEFAULT-VALUE})")
        long rows = 2_000_000;

        @Option(names = "--cols", description = "columns (default ${DEFAULT-VALUE})")
        long cols = 8;

        @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})")
        long seed = 42;

        @Option(names = "--rounds", description = "rounds of the pipeline; timings of the last are printed, the first warms up the JIT (default ${DEFAULT-VALUE})")
        int rounds = 2;

        @Override
        public Integer call() {
            Communication comm = Communications.world();
            if (rounds < 1) throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
            out(comm, "jheat demo on " + comm.size() + " process(es), " + Parallel.threads() + " thread(s) each: "
                    + rows + " x " + cols + " float64" + (rounds > 1 ? " (timings of round " + rounds + " of " + rounds + ")" : ""));
            int status = 0;
            for (int r = 1; r <= rounds; r++) status = round(comm, r == rounds);
            return status;
        }

        private int round(Communication comm, boolean report) {
            Random.seed(seed);
            long t0 = System.nanoTime();
            DNDarray x = Random.randn(new long[] {rows, cols}, DType.FLOAT64, 0);
            comm.barrier();
            long t1 = System.nanoTime();
            DNDarray y = x.resplit(1);
            comm.barrier();
            long t2 = System.nanoTime();
            DNDarray z = y.resplit(0);
            comm.barrier();
            long t3 = System.nanoTime();
            double mean = Statistics.mean(z, null, false).itemDouble();
            double std = Statistics.std(z, null, 0, false).itemDouble();
            DNDarray colMax = Statistics.max(y, new int[] {0}, false);   // split axis survives: no communication
            long t4 = System.nanoTime();
            DNDarray scaled = Arithmetics.add(Arithmetics.mul(2.0, z), 1.0);
            long t5 = System.nanoTime();
            double median = Quantiles.median(Arithmetics.sum(x, new int[] {1}, false)).itemDouble();
            long t6 = System.nanoTime();
            boolean same = x.larray().contentEquals(z.larray());
            boolean allSame = comm.allreduce(same ? 1L : 0L, org.jheat.comm.ReduceOp.MIN) == 1;
            double n = (double) rows * cols;
            scaled.larray().free();
            if (!report) return allSame ? 0 : 1;
            out(comm, String.format("randn            %8.1f ms  (%.2f GB/s)", ms(t0, t1), gbps(n * 8, t0, t1)));
            out(comm, String.format("resplit 0 -> 1   %8.1f ms", ms(t1, t2)));
            out(comm, String.format("resplit 1 -> 0   %8.1f ms  (round trip bit-identical: %s)", ms(t2, t3), allSame));
            out(comm, String.format("mean, std, max   %8.1f ms  mean=%.5f std=%.5f max of column 0=%.3f", ms(t3, t4), mean, std,
                    colMax.toDoubleArray()[0]));
            out(comm, String.format("2*x + 1          %8.1f ms  (%.2f GB/s)", ms(t4, t5), gbps(n * 8 * 3, t4, t5)));
            out(comm, String.format("median row sum   %8.1f ms  median=%.5f (exact, distributed)", ms(t5, t6), median));
            out(comm, String.format("off-heap peak    %8.1f MB per process", Storage.peakBytes() / 1e6));
            Printing.print0(x);
            return allSame ? 0 : 1;
        }

        private static double ms(long a, long b) { return (b - a) / 1e6; }

        private static double gbps(double bytes, long a, long b) { return bytes / (b - a); }
    }
}
