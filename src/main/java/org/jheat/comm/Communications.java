package org.jheat.comm;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.MemorySegment;
import java.util.Locale;

import org.jheat.tensor.DType;

/**
 * The process's world communicator, chosen once: MPI when the process was started by a launcher
 * ({@code mpirun}, {@code srun}: {@code OMPI_COMM_WORLD_SIZE}, {@code PMIX_RANK}, {@code PMI_RANK} or
 * {@code PMI_SIZE} is set), else {@link SingleProcess}. {@code JHEAT_COMM=single} or {@code JHEAT_COMM=mpi}
 * forces the choice.
 *
 * <p>With MPI, {@link #world()} also makes sure no rank leaves the others waiting: a default uncaught-exception
 * handler prints {@code rank R: <exception>} to stderr and aborts the whole job; the {@link ExitGuard} ends the job
 * when a rank leaves {@code main}, calls {@code System.exit}, receives SIGTERM or runs out of off-heap memory while
 * others still wait (and finalizes MPI cleanly when all ranks end); the {@link HangWatchdog} ends it when one call
 * blocks longer than {@code JHEAT_HANG_TIMEOUT} seconds; with {@code JHEAT_CHECK=1} the {@link CollectiveChecker}
 * verifies before every collective that all ranks make the same call.
 *
 * <pre>{@code
 * Communication comm = Communications.world();
 * if (comm.rank() == 0) System.out.println("running on " + comm.size() + " processes");
 * }</pre>
 */
public final class Communications {
    private Communications() {}

    private static final Object LOCK = new Object();
    private static volatile Communication world;

    /**
     * The world communicator (created on first use, thread-safe).
     * <pre>{@code long total = Communications.world().allreduce(localRows, ReduceOp.SUM); }</pre>
     *
     * @throws CommException when a launcher started the process but its MPI library cannot be loaded or initialised
     */
    public static Communication world() {
        Communication c = world;
        if (c != null) return c;
        synchronized (LOCK) {
            if (world == null) world = create();
            return world;
        }
    }

    /** True when {@link #world()} is an MPI communicator (creates it if needed). <pre>{@code if (Communications.isMpi()) … }</pre> */
    public static boolean isMpi() {
        return world() instanceof MpiCommunication;
    }

    /**
     * Processes of this job on this node (from the launcher's environment; 1 when unknown), used to share the
     * node's cores among them.
     * <pre>{@code int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / Communications.localSize()); }</pre>
     */
    public static int localSize() {
        return org.jheat.tensor.Parallel.localProcesses();
    }

    /**
     * Runs {@code main}; an exception ends the whole job (MPI_Abort) with the rank and stack trace instead of
     * leaving the other ranks waiting. Useful where a framework catches exceptions before the default handler sees them.
     * <pre>{@code public static void main(String[] a) { Communications.abortOnFailure(() -> run(a)); } }</pre>
     */
    public static void abortOnFailure(Runnable main) {
        try {
            main.run();
        } catch (Throwable t) {
            Communication c = world();
            report(c.rank(), Thread.currentThread(), t);
            c.abort(1);
        }
    }

    private static Communication create() {
        String mode = System.getenv("JHEAT_COMM");
        boolean mpi;
        if (mode != null && !mode.isBlank()) {
            mpi = switch (mode.trim().toLowerCase(Locale.ROOT)) {
                case "single" -> false;
                case "mpi" -> true;
                default -> throw new IllegalArgumentException("JHEAT_COMM must be 'single' or 'mpi', got '" + mode + "'");
            };
        } else {
            mpi = launched();
        }
        if (!mpi) return new SingleProcess();
        MpiCommunication w;
        try {
            w = MpiCommunication.initWorld();
        } catch (LinkageError e) {
            String why = String.valueOf(e.getMessage());
            if (!why.contains("JHEAT_MPI_LIB")) {
                why += "; set JHEAT_MPI_LIB to the MPI library's path (libmpi.so.40 for Open MPI, libmpich.so.12 or libmpi.so.12"
                        + " for the MPICH family)";
            }
            throw new CommException("this process runs under an MPI launcher (or JHEAT_COMM=mpi) but no usable MPI library could be"
                    + " loaded: " + why + " (JHEAT_COMM=single runs without MPI)", e);
        }
        ExitGuard.install(w, MpiCommunication.threadLevel);
        int rank = w.rank();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            report(rank, thread, e);
            w.abort(1);
        });
        return w;
    }

    /**
     * Communication calls (collective or point-to-point) this process has started through MPI so far; 0 in
     * single-process mode. For tests that an operation does not communicate.
     * <pre>{@code long before = Communications.callCount(); x.lshapeMap(); assert Communications.callCount() == before; }</pre>
     */
    public static long callCount() {
        return CallTracker.calls();
    }

    private static boolean launched() {
        for (String v : new String[] {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
            if (System.getenv(v) != null) return true;
        }
        return false;
    }

    private static void report(int rank, Thread thread, Throwable e) {
        StringWriter sw = new StringWriter();
        e.printStackTrace(new PrintWriter(sw));
        // one print call, so that lines of different ranks interleave as whole reports
        System.err.print("rank " + rank + ": Exception in thread \"" + thread.getName() + "\" " + sw);
        System.err.flush();
    }

    /**
     * Argument checks shared by the implementations. They run before any communication and throw
     * {@link IllegalArgumentException} naming the call, the argument and the allowed range.
     */
    static final class Check {
        private Check() {}

        static void root(String fn, int root, int size) {
            if (root < 0 || root >= size) {
                throw new IllegalArgumentException(fn + ": root must be in [0, " + size + "), got " + root);
            }
        }

        static void peer(String fn, String name, int peer, int size) {
            if (peer < 0 || peer >= size) {
                throw new IllegalArgumentException(fn + ": " + name + " must be in [0, " + size + "), got " + peer);
            }
        }

        static void tag(String fn, int tag, int max) {
            if (tag < 0 || tag > max) {
                throw new IllegalArgumentException(fn + ": tag must be in [0, " + max + "], got " + tag);
            }
        }

        static void type(String fn, DType type) {
            if (type == null) throw new IllegalArgumentException(fn + ": type must not be null");
        }

        /** {@code buf} holds at least {@code count} elements of {@code type} and can be handed to native code. */
        static void buffer(String fn, String name, MemorySegment buf, long count, DType type) {
            type(fn, type);
            if (count < 0) throw new IllegalArgumentException(fn + ": count of " + name + " must be >= 0, got " + count);
            if (buf == null) throw new IllegalArgumentException(fn + ": " + name + " must not be null");
            if (!buf.isNative()) {
                throw new IllegalArgumentException(fn + ": " + name + " must be a native (off-heap) segment, got a heap segment");
            }
            if (count > buf.byteSize() / type.itemSize()) {
                throw new IllegalArgumentException(fn + ": " + name + " holds " + buf.byteSize() / type.itemSize() + " elements of "
                        + type + ", needs " + count);
            }
        }

        /** Per-rank counts and displacements into {@code buf}: lengths {@code size}, values >= 0, every block inside buf. */
        static void vector(String fn, String name, MemorySegment buf, long[] counts, String countsName, long[] displs,
                           String displsName, int size, DType type) {
            type(fn, type);
            array(fn, countsName, counts, size);
            array(fn, displsName, displs, size);
            if (buf == null) throw new IllegalArgumentException(fn + ": " + name + " must not be null");
            if (!buf.isNative()) {
                throw new IllegalArgumentException(fn + ": " + name + " must be a native (off-heap) segment, got a heap segment");
            }
            long capacity = buf.byteSize() / type.itemSize();
            for (int r = 0; r < size; r++) {
                if (counts[r] > 0 && counts[r] > capacity - displs[r]) {
                    throw new IllegalArgumentException(fn + ": block " + r + " (" + displsName + "[" + r + "]=" + displs[r] + ", "
                            + countsName + "[" + r + "]=" + counts[r] + ") lies outside " + name + " of " + capacity
                            + " elements of " + type);
                }
            }
        }

        private static void array(String fn, String name, long[] a, int size) {
            if (a == null || a.length != size) {
                throw new IllegalArgumentException(fn + ": " + name + " must have length " + size + " (one entry per rank), got "
                        + (a == null ? "null" : a.length));
            }
            for (int r = 0; r < size; r++) {
                if (a[r] < 0) throw new IllegalArgumentException(fn + ": " + name + "[" + r + "] must be >= 0, got " + a[r]);
            }
        }

        /** MPI defines bitwise and logical ops on integers only, MIN/MAX not on complex numbers. */
        static void op(String fn, ReduceOp op, DType type) {
            if (op == null) throw new IllegalArgumentException(fn + ": op must not be null");
            type(fn, type);
            boolean ok = switch (op) {
                case SUM, PROD -> true;
                case MIN, MAX -> !type.isComplex();
                default -> type.isIntegral();
            };
            if (!ok) {
                throw new IllegalArgumentException(fn + ": op " + op + " is not defined for " + type + " (allowed: "
                        + (type.isComplex() ? "SUM, PROD" : "SUM, PROD, MIN, MAX") + ")");
            }
        }

        static void sameCount(String fn, long sendCount, long expected, int rank) {
            if (sendCount != expected) {
                throw new IllegalArgumentException(fn + ": sendCount (" + sendCount + ") must equal recvCounts[" + rank + "] ("
                        + expected + ")");
            }
        }
    }
}
