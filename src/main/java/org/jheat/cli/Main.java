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
        subcommands = {Main.Info.class, Demo.class, Bench.class, Algorithms.KMeansCommand.class, Algorithms.KMediansCommand.class,
            Algorithms.PcaCommand.class, Algorithms.LassoCommand.class, Algorithms.GnbCommand.class, Algorithms.KnnCommand.class,
            Algorithms.SpectralCommand.class, Algorithms.StatsCommand.class, Algorithms.ConvertCommand.class})
public final class Main implements Callable<Integer> {
    /** The version printed by {@code info}. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        // every command answers -h/--help (and -V) with its own usage, before its required options are checked
        cl.getSubcommands().values().forEach(c -> c.getCommandSpec().mixinStandardHelpOptions(true));
        // a failing command prints one line (not a stack trace) and exits 1; usage errors stay picocli's (exit 2)
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            // argument and I/O errors are raised alike on every process: one line, from rank 0
            if (Communications.world().rank() == 0 || !(e instanceof IllegalArgumentException || e instanceof IOFailure)) {
                System.err.println("jheat " + line.getCommandName() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
            if (System.getenv("JHEAT_DEBUG") != null) e.printStackTrace();
            return 1;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            if (Communications.world().rank() == 0) {
                CommandLine c = e.getCommandLine();
                String name = c.getCommandName().equals("jheat") ? "jheat" : "jheat " + c.getCommandName();
                System.err.println(name + ": " + e.getMessage() + " (bin/jheat " + (name.equals("jheat") ? "" : c.getCommandName() + " ") + "--help lists the options)");
            }
            return 2;
        });
        int code = cl.execute(args);
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
}
