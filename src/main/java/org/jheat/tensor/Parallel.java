package org.jheat.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Intra-process parallelism of local kernels. The cores of a node are shared by its MPI processes: an unbound process
 * uses {@code cores / processesOnThisNode} threads (Open MPI exports OMPI_COMM_WORLD_LOCAL_SIZE, MPICH MPI_LOCALNRANKS,
 * SLURM SLURM_NTASKS_PER_NODE), so {@code mpirun -np 2} on 2 cores never runs 4 busy threads; a process bound to a
 * subset of the cores (srun's or mpirun's binding) uses that subset. {@code JHEAT_NUM_THREADS} overrides.
 *
 * <pre>{@code
 * Parallel.forRange(n, 1 << 16, (from, to) -> { for (long i = from; i < to; i++) … });
 * }</pre>
 */
public final class Parallel {
    /** A body over the half-open range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes indices from (inclusive) to to (exclusive). */
        void run(long from, long to);
    }

    private static final int THREADS = computeThreads();
    private static final ForkJoinPool POOL = THREADS > 1 ? new ForkJoinPool(THREADS - 1, pool -> {
        var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setDaemon(true);
        t.setName("jheat-worker-" + t.getPoolIndex());
        return t;
    }, null, false) : null;

    private Parallel() { }

    private static int computeThreads() {
        String env = System.getenv("JHEAT_NUM_THREADS");
        if (env != null && !env.isBlank()) {
            try {
                return Math.max(1, Integer.parseInt(env.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("JHEAT_NUM_THREADS must be a positive integer, got '" + env + "'");
            }
        }
        int mine = Runtime.getRuntime().availableProcessors();
        // bound to a subset of the node's cores (srun, mpirun --map-by …:PE=n): that subset is this process's share
        // already; unbound, the processes of the node share all of its cores
        return Math.max(1, mine < nodeCpus() ? mine : mine / localProcesses());
    }

    /** The node's online CPUs (/sys/devices/system/cpu/online, e.g. "0-15,32-47"); 0 where it cannot be read. */
    static int nodeCpus() {
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of("/sys/devices/system/cpu/online")).trim();
            int n = 0;
            for (String part : s.split(",")) {
                String[] r = part.split("-");
                n += r.length == 1 ? 1 : Integer.parseInt(r[1].trim()) - Integer.parseInt(r[0].trim()) + 1;
            }
            return n;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Processes of this job on this node, from the launcher's environment (1 when not launched by one).
     * <pre>{@code int local = Parallel.localProcesses(); }</pre>
     */
    public static int localProcesses() {
        // Open MPI's mpirun, MPICH's Hydra (and older MPICH), then SLURM's srun with --ntasks-per-node ("4" or "4(x2)")
        for (String v : new String[] {"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS", "MPICH_LOCALNRANKS", "SLURM_NTASKS_PER_NODE"}) {
            String s = System.getenv(v);
            if (s != null && !s.isBlank()) {
                try {
                    return Math.max(1, Integer.parseInt(s.trim().replaceFirst("\\(.*$", "")));
                } catch (NumberFormatException ignored) {
                    // a malformed launcher variable: fall through to the next one
                }
            }
        }
        return 1;
    }

    /** Threads each local kernel may use. <pre>{@code int t = Parallel.threads(); }</pre> */
    public static int threads() { return THREADS; }

    /**
     * Runs {@code body} over [0, n) in up to {@link #threads()} contiguous pieces of at least {@code grain} indices;
     * inline when the range is small or only one thread is allowed.
     * <pre>{@code Parallel.forRange(rows, 1024, (a, b) -> copyRows(a, b)); }</pre>
     */
    public static void forRange(long n, long grain, RangeBody body) {
        long pieces = Math.min(THREADS, n / Math.max(1, grain));
        if (pieces <= 1 || POOL == null) {
            if (n > 0) body.run(0, n);
            return;
        }
        long step = (n + pieces - 1) / pieces;
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[(int) pieces - 1];
        for (int i = 1; i < pieces; i++) {
            long from = i * step, to = Math.min(n, from + step);
            tasks[i - 1] = POOL.submit(() -> body.run(from, to));
        }
        body.run(0, Math.min(n, step));
        for (ForkJoinTask<?> t : tasks) t.join();
    }
}
