package org.jheat.comm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.jheat.comm.Communications.Check;
import org.jheat.natives.Mpi;
import org.jheat.natives.MpiAbi;
import org.jheat.tensor.DType;
import org.jheat.tensor.Parallel;

/**
 * {@link Communication} over MPI, Open MPI or the MPICH family (through the FFM binding {@link Mpi}); obtained from {@link Communications#world()}
 * and its {@link #split}/{@link #dup}. Buffers go to MPI without copying.
 *
 * <p>MPI counts are C ints: messages above {@link #chunkLimit()} elements (2^31-1 by default) are split. Element-wise
 * calls (bcast, reduce, allreduce, scan, exscan, send, recv, isend, irecv) run in chunks; the gather/scatter/all-to-all
 * family, whose counts and displacements are int arrays, falls back to chunked non-blocking point-to-point exchanges
 * when any count or displacement exceeds the limit. Those exchanges use the reserved tag {@code MPI_TAG_UB}, so user
 * tags are {@code [0, MPI_TAG_UB)}.
 *
 * <p>A communicator is not thread-safe: calls must be serialised (one thread at a time).
 *
 * <p>Under an MPICH-family MPI with more ranks than cores on a node, waits yield the core ({@link Mpi#setYieldingWait};
 * {@code JHEAT_MPI_YIELD=0|1|auto} overrides the choice, which all ranks agree on when MPI starts).
 *
 * <p>Every collective entry point first runs the {@link CollectiveChecker} (only with {@code JHEAT_CHECK=1}) and the
 * {@link ExitGuard}'s test for ranks that already ended, and every call is tracked in {@link CallTracker} for the
 * {@link HangWatchdog}.
 *
 * <pre>{@code
 * Communication comm = Communications.world();          // an MpiCommunication under mpirun
 * comm.allreduce(seg, seg, n, DType.FLOAT64, ReduceOp.SUM);
 * try (Communication half = comm.split(comm.rank() % 2, comm.rank())) {
 *     half.bcast(seg, n, DType.FLOAT64, 0);
 * }
 * }</pre>
 */
public final class MpiCommunication implements Communication {

    private static volatile long chunkLimit = Integer.MAX_VALUE;
    /** Set before MPI_Abort, so that the shutdown hook (run when the launcher kills us) does not call MPI_Finalize. */
    static volatile boolean aborted;

    /** MPI handles per DType / ReduceOp, in a holder so that setChunkLimit alone never loads libmpi. */
    private static final class H {
        static final MemorySegment[] TYPES = new MemorySegment[DType.values().length];
        static final MemorySegment[] OPS = new MemorySegment[ReduceOp.values().length];
        static final String LIBRARY_VERSION;

        static {
            for (DType d : DType.values()) {
                TYPES[d.ordinal()] = switch (d) {
                    case BOOL, UINT8 -> Mpi.UINT8;
                    case INT8 -> Mpi.INT8;
                    case INT16 -> Mpi.INT16;
                    case INT32 -> Mpi.INT32;
                    case INT64 -> Mpi.INT64;
                    case FLOAT32 -> Mpi.FLOAT;
                    case FLOAT64 -> Mpi.DOUBLE;
                    case COMPLEX64 -> Mpi.C_FLOAT_COMPLEX;
                    case COMPLEX128 -> Mpi.C_DOUBLE_COMPLEX;
                };
            }
            for (ReduceOp o : ReduceOp.values()) {
                OPS[o.ordinal()] = switch (o) {
                    case SUM -> Mpi.OP_SUM;
                    case PROD -> Mpi.OP_PROD;
                    case MIN -> Mpi.OP_MIN;
                    case MAX -> Mpi.OP_MAX;
                    case LAND -> Mpi.OP_LAND;
                    case LOR -> Mpi.OP_LOR;
                    case LXOR -> Mpi.OP_LXOR;
                    case BAND -> Mpi.OP_BAND;
                    case BOR -> Mpi.OP_BOR;
                    case BXOR -> Mpi.OP_BXOR;
                };
            }
            LIBRARY_VERSION = Mpi.getLibraryVersion();
        }
    }

    private static final int REDUCE = 0, ALLREDUCE = 1, SCAN = 2, EXSCAN = 3;

    private MemorySegment comm;
    private final boolean owned;
    /** Collective calls made on this communicator so far (the same sequence on every rank). */
    private long collectives;
    /** World rank of each rank of this communicator (null for the world communicator itself). */
    private int[] worldRanks;
    private final int rank, size;
    /** Largest user tag; MPI_TAG_UB itself is reserved for the fallback exchanges. */
    private final int tagMax;
    // Scratch slots reused by every call (the calls are serialised), so hot paths allocate nothing.
    private final MemorySegment slot, flag, status, req, ints0, ints1, ints2, ints3;

    @SuppressWarnings("restricted")   // reads the int behind MPI_TAG_UB's attribute pointer
    private MpiCommunication(MemorySegment comm, boolean owned) {
        this.comm = comm;
        this.owned = owned;
        Arena a = Arena.ofAuto();
        MemorySegment s = a.allocate(48, 8);
        slot = s.asSlice(0, 8);
        flag = s.asSlice(8, 8);
        status = s.asSlice(16, Mpi.STATUS_BYTES);
        req = s.asSlice(40, 8);
        // MPI says new communicators inherit the parent's handler; set it anyway so no call can abort instead of returning
        if (owned) check(Mpi.commSetErrhandler(comm, Mpi.ERRORS_RETURN), "MPI_Comm_set_errhandler");
        check(Mpi.commRank(comm, slot), "MPI_Comm_rank");
        rank = slot.get(JAVA_INT, 0);
        check(Mpi.commSize(comm, slot), "MPI_Comm_size");
        size = slot.get(JAVA_INT, 0);
        check(Mpi.commGetAttr(comm, Mpi.KEYVAL_TAG_UB, slot, flag), "MPI_Comm_get_attr(MPI_TAG_UB)");
        int ub = flag.get(JAVA_INT, 0) != 0 ? slot.get(ADDRESS, 0).reinterpret(4).get(JAVA_INT, 0) : 32767;
        tagMax = ub - 1;
        MemorySegment ints = a.allocate(16L * size, 8);
        ints0 = ints.asSlice(0, 4L * size);
        ints1 = ints.asSlice(4L * size, 4L * size);
        ints2 = ints.asSlice(8L * size, 4L * size);
        ints3 = ints.asSlice(12L * size, 4L * size);
    }

    /** The thread level MPI provides (set by {@link #initWorld()}). */
    static int threadLevel;

    /**
     * Initialises MPI with MPI_ERRORS_RETURN on MPI_COMM_WORLD. jheat itself communicates from one thread at a time,
     * but asks for MPI_THREAD_MULTIPLE so that its watchdog thread may receive other ranks' exit notices while the
     * main thread waits in a collective ({@link ExitGuard}); {@code JHEAT_THREAD_MULTIPLE=0} asks for
     * MPI_THREAD_SERIALIZED instead (for MPI builds whose fast transports refuse MULTIPLE; another rank's exit is
     * then noticed through the exit timeout only). At least MPI_THREAD_FUNNELED is required.
     */
    static MpiCommunication initWorld() {
        int provided;
        int wanted = "0".equals(System.getenv("JHEAT_THREAD_MULTIPLE")) ? Mpi.THREAD_SERIALIZED : Mpi.THREAD_MULTIPLE;
        try {
            // another MPI-aware library in this JVM may have initialised MPI already: then take its thread level
            provided = Mpi.isInitialized() ? Mpi.queryThread() : Mpi.initThread(wanted);
        } catch (IllegalStateException e) {
            throw new CommException(e.getMessage(), e);
        }
        if (provided < Mpi.THREAD_FUNNELED) {
            throw new CommException("MPI provides thread level " + provided
                    + " but jheat needs at least MPI_THREAD_FUNNELED (1); use an MPI built with thread support");
        }
        int rc = Mpi.commSetErrhandler(Mpi.COMM_WORLD, Mpi.ERRORS_RETURN);
        if (rc != Mpi.SUCCESS) throw new CommException("MPI_Comm_set_errhandler failed: " + Mpi.errorString(rc));
        threadLevel = provided;
        chooseWait();
        return new MpiCommunication(Mpi.COMM_WORLD, false);
    }

    /**
     * Turns on {@link Mpi#setYieldingWait} where {@link #wantsYieldingWait} says so. The ranks of another node may
     * see other counts, and MPI never matches a blocking collective with a nonblocking one, so the ranks agree first
     * (one allreduce, skipped where the answer cannot differ: Open MPI without {@code JHEAT_MPI_YIELD}).
     */
    private static void chooseWait() {
        String env = System.getenv("JHEAT_MPI_YIELD");
        boolean want = wantsYieldingWait(Mpi.FAMILY == MpiAbi.Family.MPICH, Parallel.localProcesses(),
                Runtime.getRuntime().availableProcessors(), env);
        if (Mpi.FAMILY != MpiAbi.Family.MPICH && (env == null || env.isBlank())) return;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment f = a.allocate(JAVA_INT);
            f.set(JAVA_INT, 0, want ? 1 : 0);
            int rc = Mpi.allreduce(Mpi.IN_PLACE, f, 1, Mpi.INT32, Mpi.OP_MAX, Mpi.COMM_WORLD);
            if (rc != Mpi.SUCCESS) throw new CommException("MPI_Allreduce (choosing the wait) failed: " + Mpi.errorString(rc));
            Mpi.setYieldingWait(f.get(JAVA_INT, 0) != 0);
        }
    }

    /**
     * Whether this rank asks for the yielding wait: {@code JHEAT_MPI_YIELD=1} always, {@code 0} never, unset (or
     * {@code auto}) for the MPICH family when the node has more ranks than cores (MPICH polls without yielding, Open
     * MPI yields by itself under {@code mpi_yield_when_idle}).
     * <pre>{@code MpiCommunication.wantsYieldingWait(true, 3, 2, null)   // true: 3 MPICH ranks on 2 cores }</pre>
     *
     * @throws CommException for another value of {@code JHEAT_MPI_YIELD}
     */
    static boolean wantsYieldingWait(boolean mpich, int localRanks, int cores, String env) {
        String v = env == null ? "" : env.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "1" -> true;
            case "0" -> false;
            case "", "auto" -> mpich && localRanks > cores;
            default -> throw new CommException("JHEAT_MPI_YIELD must be 0 (never), 1 (always) or auto (MPICH with more"
                    + " ranks than cores on a node), got '" + env + "'");
        };
    }

    /**
     * Largest number of elements passed to one MPI call; bigger messages are split. Must be the same on all ranks.
     * <pre>{@code MpiCommunication.setChunkLimit(7);   // tests: exercise the chunked paths with tiny data }</pre>
     */
    public static void setChunkLimit(long elements) {
        if (elements < 1 || elements > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("chunk limit must be in [1, " + Integer.MAX_VALUE + "], got " + elements);
        }
        chunkLimit = elements;
    }

    /** The current chunk limit in elements (default 2^31-1). <pre>{@code long old = MpiCommunication.chunkLimit(); }</pre> */
    public static long chunkLimit() {
        return chunkLimit;
    }

    /** The raw MPI_Comm handle, for other MPI-aware bindings (e.g. parallel HDF5). <pre>{@code MemorySegment c = mpiComm.handle(); }</pre> */
    public MemorySegment handle() {
        return comm;
    }

    private void check(int rc, String fn) {
        if (rc != Mpi.SUCCESS) throw fail(rc, fn);
    }

    /** {@link #check} for the checker and exit guard, which make raw MPI calls on this communicator. */
    void rawCheck(int rc, String fn) {
        check(rc, fn);
    }

    /** Collective calls made on this communicator so far. */
    long collectives() {
        return collectives;
    }

    /** The world rank of this communicator's rank {@code r}. */
    int worldRank(int r) {
        return worldRanks == null ? r : worldRanks[r];
    }

    /** True for the world communicator (whose collective count other ranks' exit notices report). */
    boolean isWorld() {
        return worldRanks == null;
    }

    /**
     * Entry of every collective: the checker's agreement (only with JHEAT_CHECK=1), the exit guard's test whether
     * a rank that already ended could never join this call, then the call is tracked for the hang watchdog. The
     * caller ends the tracking with {@link CallTracker#end()} in a finally block.
     */
    private void enter(String op, DType type, long count, int root, ReduceOp rop, long vectorHash) {
        long n = collectives + 1;
        if (ExitGuard.peerExited) ExitGuard.beforeCollective(this, op, n);
        // the checker's allgather belongs to collective n: a rank that ended before it never joins either
        if (CollectiveChecker.ON) CollectiveChecker.check(this, op, type, count, root, rop, vectorHash, n);
        collectives = n;
        CallTracker.begin(op, this, -1, count, type, n);
    }

    private static long vectorHash(long[] a) {
        long h = 1;
        for (long v : a) h = h * 31 + v;
        return h;
    }

    private CommException fail(int rc, String fn) {
        return new CommException(fn + " failed on rank " + rank + " of " + size + ": " + Mpi.errorString(rc) + " (MPI error " + rc + ")");
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void barrier() {
        enter("MPI_Barrier", null, -1, -1, null, 0);
        try {
            check(Mpi.barrier(comm), "MPI_Barrier");
        } finally {
            CallTracker.end();
        }
    }

    @Override
    public void bcast(MemorySegment buf, long count, DType type, int root) {
        Check.root("bcast", root, size);
        Check.buffer("bcast", "buf", buf, count, type);
        MemorySegment t = H.TYPES[type.ordinal()];
        long lim = chunkLimit, item = type.itemSize();
        enter("MPI_Bcast", type, count, root, null, 0);
        try {
            for (long off = 0; ; off += lim) {
                check(Mpi.bcast(off == 0 ? buf : buf.asSlice(off * item), (int) Math.min(lim, count - off), t, root, comm), "MPI_Bcast");
                if (count - off <= lim) return;
            }
        } finally {
            CallTracker.end();
        }
    }

    @Override
    public void reduce(MemorySegment send, MemorySegment recv, long count, DType type, ReduceOp op, int root) {
        Check.op("reduce", op, type);
        Check.root("reduce", root, size);
        Check.buffer("reduce", "send", send, count, type);
        if (rank == root) {
            Check.buffer("reduce", "recv", recv, count, type);
            reduceFamily(REDUCE, send, recv, send.address() == recv.address(), count, type, op, root);
        } else {
            // recv is insignificant off the root; NULL keeps MPI from touching (or aliasing) it
            reduceFamily(REDUCE, send, MemorySegment.NULL, false, count, type, op, root);
        }
    }

    @Override
    public void allreduce(MemorySegment send, MemorySegment recv, long count, DType type, ReduceOp op) {
        Check.op("allreduce", op, type);
        Check.buffer("allreduce", "send", send, count, type);
        Check.buffer("allreduce", "recv", recv, count, type);
        reduceFamily(ALLREDUCE, send, recv, send.address() == recv.address(), count, type, op, 0);
    }

    @Override
    public void scan(MemorySegment send, MemorySegment recv, long count, DType type, ReduceOp op) {
        Check.op("scan", op, type);
        Check.buffer("scan", "send", send, count, type);
        Check.buffer("scan", "recv", recv, count, type);
        reduceFamily(SCAN, send, recv, send.address() == recv.address(), count, type, op, 0);
    }

    @Override
    public void exscan(MemorySegment send, MemorySegment recv, long count, DType type, ReduceOp op) {
        Check.op("exscan", op, type);
        Check.buffer("exscan", "send", send, count, type);
        Check.buffer("exscan", "recv", recv, count, type);
        reduceFamily(EXSCAN, send, recv, send.address() == recv.address(), count, type, op, 0);
    }

    /** Element-wise reductions split into independent chunks (an element's result depends only on that element). */
    private void reduceFamily(int kind, MemorySegment send, MemorySegment recv, boolean inPlace, long count, DType type,
                              ReduceOp op, int root) {
        enter(switch (kind) {
            case REDUCE -> "MPI_Reduce";
            case ALLREDUCE -> "MPI_Allreduce";
            case SCAN -> "MPI_Scan";
            default -> "MPI_Exscan";
        }, type, count, kind == REDUCE ? root : -1, op, 0);
        try {
            reduceChunks(kind, send, recv, inPlace, count, type, op, root);
        } finally {
            CallTracker.end();
        }
    }

    private void reduceChunks(int kind, MemorySegment send, MemorySegment recv, boolean inPlace, long count, DType type,
                              ReduceOp op, int root) {
        MemorySegment t = H.TYPES[type.ordinal()], o = H.OPS[op.ordinal()];
        long lim = chunkLimit, item = type.itemSize();
        for (long off = 0; ; off += lim) {
            int n = (int) Math.min(lim, count - off);
            MemorySegment s = inPlace ? Mpi.IN_PLACE : off == 0 ? send : send.asSlice(off * item);
            MemorySegment r = off == 0 || recv == MemorySegment.NULL ? recv : recv.asSlice(off * item);
            switch (kind) {
                case REDUCE -> check(Mpi.reduce(s, r, n, t, o, root, comm), "MPI_Reduce");
                case ALLREDUCE -> check(Mpi.allreduce(s, r, n, t, o, comm), "MPI_Allreduce");
                case SCAN -> check(Mpi.scan(s, r, n, t, o, comm), "MPI_Scan");
                default -> check(Mpi.exscan(s, r, n, t, o, comm), "MPI_Exscan");
            }
            if (count - off <= lim) return;
        }
    }

    // ---------------------------------------------------------------- gather / scatter / all-to-all family

    private long total(String fn, long count) {
        if (count < 0) throw new IllegalArgumentException(fn + ": count must be >= 0, got " + count);
        try {
            return Math.multiplyExact(count, size);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(fn + ": count " + count + " times " + size + " ranks overflows a long");
        }
    }

    private static boolean exceeds(long[] a, long lim) {
        for (long v : a) if (v > lim) return true;
        return false;
    }

    private static MemorySegment ints(MemorySegment dst, long[] src) {
        for (int i = 0; i < src.length; i++) dst.setAtIndex(JAVA_INT, i, (int) src[i]);
        return dst;
    }

    @Override
    public void allgather(MemorySegment send, long count, MemorySegment recv, DType type) {
        long all = total("allgather", count);
        Check.buffer("allgather", "send", send, count, type);
        Check.buffer("allgather", "recv", recv, all, type);
        MemorySegment t = H.TYPES[type.ordinal()];
        enter("MPI_Allgather", type, count, -1, null, 0);
        try {
            if (all <= chunkLimit) {
                check(Mpi.allgather(send, (int) count, t, recv, (int) count, t, comm), "MPI_Allgather");
                return;
            }
            long[] c = new long[size], sd = new long[size], rd = new long[size];
            for (int p = 0; p < size; p++) {
                c[p] = count;
                rd[p] = p * count;
            }
            exchange("allgather", send, c, sd, recv, c, rd, type);
        } finally {
            CallTracker.end();
        }
    }

    @Override
    public void allgatherv(MemorySegment send, long sendCount, MemorySegment recv, long[] recvCounts, long[] displs, DType type) {
        Check.buffer("allgatherv", "send", send, sendCount, type);
        Check.vector("allgatherv", "recv", recv, recvCounts, "recvCounts", displs, "displs", size, type);
        Check.sameCount("allgatherv", sendCount, recvCounts[rank], rank);
        long lim = chunkLimit;
        MemorySegment t = H.TYPES[type.ordinal()];
        enter("MPI_Allgatherv", type, -1, -1, null, CollectiveChecker.ON ? vectorHash(recvCounts) : 0);
        try {
            if (!exceeds(recvCounts, lim) && !exceeds(displs, lim)) {
                check(Mpi.allgatherv(send, (int) sendCount, t, recv, ints(ints0, recvCounts), ints(ints1, displs), t, comm),
                        "MPI_Allgatherv");
                return;
            }
            long[] sc = new long[size];
            java.util.Arrays.fill(sc, sendCount);
            exchange("allgatherv", send, sc, new long[size], recv, recvCounts, displs, type);
        } finally {
            CallTracker.end();
        }
    }

    @Override
    public void gather(MemorySegment send, long count, MemorySegment recv, DType type, int root) {
        long all = total("gather", count);
        Check.root("gather", root, size);
        Check.buffer("gather", "send", send, count, type);
        boolean isRoot = rank == root;
        if (isRoot) Check.buffer("gather", "recv", recv, all, type);
        MemorySegment t = H.TYPES[type.ordinal()];
        enter("MPI_Gather", type, count, root, null, 0);
        try {
            if (all <= chunkLimit) {
                check(Mpi.gather(send, (int) count, t, isRoot ? recv : MemorySegment.NULL, (int) count, t, root, comm), "MPI_Gather");
                return;
            }
            long[] sc = new long[size], rc = new long[size], rd = new long[size];
            sc[root] = count;
            if (isRoot) {
                for (int p = 0; p < size; p++) {
                    rc[p] = count;
                    rd[p] = p * count;
                }
            }
            exchange("gather", send, sc, new long[size], recv, rc, rd, type);
        } finally {
            CallTracker.end();
        }
    }

    @Override
    public void gatherv(MemorySegment send, long sendCount, MemorySegment recv, long[] recvCounts, long[] displs, DType type,
                        int root) {
        Check.root("gatherv", root, size);
        Check.buffer("gatherv", "send", send, sendCount, type);
        boolean isRoot = rank == root;
        long lim = chunkLimit;
        if (isRoot) {
            Check.vector("gatherv", "recv", recv, recvCounts, "recvCounts", displs, "displs", size, type);
            Check.sameCount("gatherv", sendCount, recvCounts[rank], rank);
        }
        enter("MPI_Gatherv", type, -1, root, null, 0);
        try {
            // only the root knows every count, so it decides for all
            if (!rootSaysSplit(isRoot && (exceeds(recvCounts, lim) || exceeds(displs, lim)), root)) {
                MemorySegment t = H.TYPES[type.ordinal()];
                check(Mpi.gatherv(send, (int) sendCount, t, isRoot ? recv : MemorySegment.NULL,
                        isRoot ? ints(ints0, recvCounts) : MemorySegment.NULL, isRoot ? ints(ints1, displs) : MemorySegment.NULL,
                        t, root, comm), "MPI_Gatherv");
                return;
            }
            long[] sc = new long[size];
            sc[root] = sendCount;
            exchange("gatherv", send, sc, new long[size], recv, isRoot ? recvCounts : new long[size],
                    isRoot ? displs : new long[size], type);
        } finally {
            CallTracker.end();
        }
    }

    @Override
    public void scatter(MemorySegment send, long count, MemorySegment recv, DType type, int root) {
        long all = total("scatter", count);
        Check.root("scatter", root, size);
        boolean isRoot = rank == root;
        if (isRoot) Check.buffer("scatter", "send", send, all, type);
        Check.buffer("scatter", "recv", recv, count, type);
        MemorySegment t = H.TYPES[type.ordinal()];
        enter("MPI_Scatter", type, count, root, null, 0);
        try {
            if (all <= chunkLimit) {
                check(Mpi.scatter(isRoot ? send : MemorySegment.NULL, (int) count, t, recv, (int) count, t, root, comm), "MPI_Scatter");
                return;
            }
            long[] sc = new long[size], sd = new long[size], rc = new long[size];
            rc[root] = count;
            if (isRoot) {
                for (int p = 0; p < size; p++) {
                    sc[p] = count;
                    sd[p] = p * count;
                }
            }
            exchange("scatter", send, sc, sd, recv, rc, new long[size], type);
        } finally {
            CallTracker.end();
        }
    }

    @Override
    public void scatterv(MemorySegment send, long[] sendCounts, long[] displs, MemorySegment recv, long recvCount, DType type,
                         int root) {
        Check.root("scatterv", root, size);
        Check.buffer("scatterv", "recv", recv, recvCount, type);
        boolean isRoot = rank == root;
        long lim = chunkLimit;
        if (isRoot) {
            Check.vector("scatterv", "send", send, sendCounts, "sendCounts", displs, "displs", size, type);
            if (sendCounts[rank] != recvCount) {
                throw new IllegalArgumentException("scatterv: recvCount (" + recvCount + ") must equal sendCounts[" + rank + "] ("
                        + sendCounts[rank] + ") at the root");
            }
        }
        enter("MPI_Scatterv", type, -1, root, null, 0);
        try {
            if (!rootSaysSplit(isRoot && (exceeds(sendCounts, lim) || exceeds(displs, lim)), root)) {
                MemorySegment t = H.TYPES[type.ordinal()];
                check(Mpi.scatterv(isRoot ? send : MemorySegment.NULL, isRoot ? ints(ints0, sendCounts) : MemorySegment.NULL,
                        isRoot ? ints(ints1, displs) : MemorySegment.NULL, t, recv, (int) recvCount, t, root, comm), "MPI_Scatterv");
                return;
            }
            long[] rc = new long[size];
            rc[root] = recvCount;
            exchange("scatterv", send, isRoot ? sendCounts : new long[size], isRoot ? displs : new long[size],
                    recv, rc, new long[size], type);
        } finally {
            CallTracker.end();
        }
    }

    @Override
    public void alltoall(MemorySegment send, long count, MemorySegment recv, DType type) {
        long all = total("alltoall", count);
        Check.buffer("alltoall", "send", send, all, type);
        Check.buffer("alltoall", "recv", recv, all, type);
        MemorySegment t = H.TYPES[type.ordinal()];
        enter("MPI_Alltoall", type, count, -1, null, 0);
        try {
            if (all <= chunkLimit) {
                check(Mpi.alltoall(send, (int) count, t, recv, (int) count, t, comm), "MPI_Alltoall");
                return;
            }
            long[] c = new long[size], d = new long[size];
            for (int p = 0; p < size; p++) {
                c[p] = count;
                d[p] = p * count;
            }
            exchange("alltoall", send, c, d, recv, c, d, type);
        } finally {
            CallTracker.end();
        }
    }

    @Override
    public void alltoallv(MemorySegment send, long[] sendCounts, long[] sdispls,
                          MemorySegment recv, long[] recvCounts, long[] rdispls, DType type) {
        Check.vector("alltoallv", "send", send, sendCounts, "sendCounts", sdispls, "sdispls", size, type);
        Check.vector("alltoallv", "recv", recv, recvCounts, "recvCounts", rdispls, "rdispls", size, type);
        if (sendCounts[rank] != recvCounts[rank]) {
            throw new IllegalArgumentException("alltoallv: sendCounts[" + rank + "] (" + sendCounts[rank] + ") must equal recvCounts["
                    + rank + "] (" + recvCounts[rank] + ")");
        }
        long lim = chunkLimit;
        boolean big = exceeds(sendCounts, lim) || exceeds(sdispls, lim) || exceeds(recvCounts, lim) || exceeds(rdispls, lim);
        enter("MPI_Alltoallv", type, -1, -1, null, 0);
        try {
            // each rank sees only its own counts: agree on the path first
            flag.set(JAVA_INT, 0, big ? 1 : 0);
            check(Mpi.allreduce(Mpi.IN_PLACE, flag, 1, Mpi.INT32, Mpi.OP_MAX, comm), "MPI_Allreduce (alltoallv)");
            if (flag.get(JAVA_INT, 0) == 0) {
                MemorySegment t = H.TYPES[type.ordinal()];
                check(Mpi.alltoallv(send, ints(ints0, sendCounts), ints(ints1, sdispls), t,
                        recv, ints(ints2, recvCounts), ints(ints3, rdispls), t, comm), "MPI_Alltoallv");
                return;
            }
            exchange("alltoallv", send, sendCounts, sdispls, recv, recvCounts, rdispls, type);
        } finally {
            CallTracker.end();
        }
    }

    private boolean rootSaysSplit(boolean rootDecision, int root) {
        flag.set(JAVA_INT, 0, rootDecision ? 1 : 0);
        check(Mpi.bcast(flag, 1, Mpi.INT32, root, comm), "MPI_Bcast");
        return flag.get(JAVA_INT, 0) != 0;
    }

    private static int chunks(long count, long lim) {
        return Math.toIntExact((count + lim - 1) / lim);
    }

    /**
     * The fallback for messages beyond the chunk limit: {@code sc[p]} elements at {@code sd[p]} go to rank p,
     * {@code rc[p]} arrive from rank p at {@code rd[p]}, each split into chunks that MPI keeps in order on the
     * reserved tag. All receives are posted before the sends, so no ordering between ranks can deadlock.
     */
    private void exchange(String fn, MemorySegment send, long[] sc, long[] sd, MemorySegment recv, long[] rc, long[] rd,
                          DType type) {
        MemorySegment t = H.TYPES[type.ordinal()];
        long lim = chunkLimit, item = type.itemSize();
        int tag = tagMax + 1, n = 0;
        for (int p = 0; p < size; p++) {
            if (p != rank) n += chunks(sc[p], lim) + chunks(rc[p], lim);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment reqs = Mpi.allocateHandles(a, n);
            int k = 0;
            for (int i = 1; i < size; i++) {
                int p = (rank - i + size) % size;
                for (long off = 0; off < rc[p]; off += lim, k++) {
                    check(Mpi.irecv(recv.asSlice((rd[p] + off) * item), (int) Math.min(lim, rc[p] - off), t, p, tag, comm,
                            reqs.asSlice(Mpi.HANDLE_BYTES * k)), "MPI_Irecv (" + fn + ")");
                }
            }
            for (int i = 1; i < size; i++) {
                int p = (rank + i) % size;
                for (long off = 0; off < sc[p]; off += lim, k++) {
                    check(Mpi.isend(send.asSlice((sd[p] + off) * item), (int) Math.min(lim, sc[p] - off), t, p, tag, comm,
                            reqs.asSlice(Mpi.HANDLE_BYTES * k)), "MPI_Isend (" + fn + ")");
                }
            }
            if (sc[rank] > 0) MemorySegment.copy(send, sd[rank] * item, recv, rd[rank] * item, sc[rank] * item);
            check(Mpi.waitall(k, reqs, Mpi.STATUSES_IGNORE), "MPI_Waitall (" + fn + ")");
        } finally {
            // MPI holds only addresses: both blocks must stay reachable until every transfer is complete
            java.lang.ref.Reference.reachabilityFence(send);
            java.lang.ref.Reference.reachabilityFence(recv);
        }
    }

    // ---------------------------------------------------------------- point to point

    private void p2pArgs(String fn, String peerName, MemorySegment buf, long count, DType type, int peer, int tag) {
        Check.peer(fn, peerName, peer, size);
        Check.tag(fn, tag, tagMax);
        Check.buffer(fn, "buf", buf, count, type);
    }

    @Override
    public void send(MemorySegment buf, long count, DType type, int dest, int tag) {
        p2pArgs("send", "dest", buf, count, type, dest, tag);
        MemorySegment t = H.TYPES[type.ordinal()];
        long lim = chunkLimit, item = type.itemSize();
        CallTracker.begin("MPI_Send", this, dest, count, type, 0);
        try {
            for (long off = 0; ; off += lim) {
                check(Mpi.send(off == 0 ? buf : buf.asSlice(off * item), (int) Math.min(lim, count - off), t, dest, tag, comm), "MPI_Send");
                if (count - off <= lim) return;
            }
        } finally {
            CallTracker.end();
        }
    }

    @Override
    public void recv(MemorySegment buf, long count, DType type, int source, int tag) {
        p2pArgs("recv", "source", buf, count, type, source, tag);
        MemorySegment t = H.TYPES[type.ordinal()];
        long lim = chunkLimit, item = type.itemSize();
        CallTracker.begin("MPI_Recv", this, source, count, type, 0);
        try {
            for (long off = 0; ; off += lim) {
                int n = (int) Math.min(lim, count - off);
                check(Mpi.recv(off == 0 ? buf : buf.asSlice(off * item), n, t, source, tag, comm, status), "MPI_Recv");
                received(n, t, source, tag);
                if (count - off <= lim) return;
            }
        } finally {
            CallTracker.end();
        }
    }

    /** MPI accepts a shorter message than the receive buffer; the contract is "exactly count", so check it. */
    private void received(int expected, MemorySegment t, int source, int tag) {
        check(Mpi.getCount(status, t, slot), "MPI_Get_count");
        int got = slot.get(JAVA_INT, 0);
        if (got != expected) {
            throw new CommException("recv on rank " + rank + ": expected " + expected + " elements from rank " + source + " (tag "
                    + tag + "), got " + (got == Mpi.UNDEFINED ? "a message of another type" : got));
        }
    }

    @Override
    public Request isend(MemorySegment buf, long count, DType type, int dest, int tag) {
        p2pArgs("isend", "dest", buf, count, type, dest, tag);
        return start(false, buf, count, type, dest, tag);
    }

    @Override
    public Request irecv(MemorySegment buf, long count, DType type, int source, int tag) {
        p2pArgs("irecv", "source", buf, count, type, source, tag);
        return start(true, buf, count, type, source, tag);
    }

    private Request start(boolean receive, MemorySegment buf, long count, DType type, int peer, int tag) {
        MemorySegment t = H.TYPES[type.ordinal()];
        long lim = chunkLimit, item = type.itemSize();
        MpiRequest r = new MpiRequest(receive, buf, t, count, lim, peer, tag);
        CallTracker.begin(receive ? "MPI_Irecv" : "MPI_Isend", this, peer, count, type, 0);
        try {
            for (int i = 0; i < r.handles.length; i++) {
                long off = i * lim;
                MemorySegment b = off == 0 ? buf : buf.asSlice(off * item);
                int n = (int) Math.min(lim, count - off);
                if (receive) check(Mpi.irecv(b, n, t, peer, tag, comm, req), "MPI_Irecv");
                else check(Mpi.isend(b, n, t, peer, tag, comm, req), "MPI_Isend");
                r.handles[i] = Mpi.handleAt(req, 0).address();
            }
        } finally {
            CallTracker.end();
        }
        return r;
    }

    /**
     * One MPI request per chunk; handles are kept as longs and passed through the scratch slot, so waiting allocates
     * nothing. The request holds its buffer until the transfer completes: MPI keeps only the address, and a caller
     * that drops its last reference after posting (a packed temporary sent with isend) would otherwise let the
     * collector return the block for reuse while MPI still reads or writes it.
     */
    private final class MpiRequest implements Request {
        final long[] handles;
        private final boolean receive;
        private MemorySegment buf;
        private final MemorySegment type;
        private final long count, lim;
        private final int peer, tag;
        private int next;

        MpiRequest(boolean receive, MemorySegment buf, MemorySegment type, long count, long lim, int peer, int tag) {
            this.handles = new long[Math.max(1, chunks(count, lim))];
            this.receive = receive;
            this.buf = buf;
            this.type = type;
            this.count = count;
            this.lim = lim;
            this.peer = peer;
            this.tag = tag;
        }

        private int expected(int i) {
            return (int) Math.min(lim, count - i * lim);
        }

        @Override
        public void waitFor() {
            if (next >= handles.length) return;
            CallTracker.begin(receive ? "MPI_Wait (irecv)" : "MPI_Wait (isend)", MpiCommunication.this, peer, count,
                    null, 0);
            try {
                while (next < handles.length) {
                    int i = next++;
                    Mpi.setHandle(req, 0, MemorySegment.ofAddress(handles[i]));
                    check(Mpi.wait(req, receive ? status : Mpi.STATUS_IGNORE), "MPI_Wait");
                    if (receive) received(expected(i), type, peer, tag);
                }
                buf = null;
            } finally {
                CallTracker.end();
            }
        }

        @Override
        public boolean test() {
            while (next < handles.length) {
                Mpi.setHandle(req, 0, MemorySegment.ofAddress(handles[next]));
                check(Mpi.test(req, flag, receive ? status : Mpi.STATUS_IGNORE), "MPI_Test");
                if (flag.get(JAVA_INT, 0) == 0) return false;
                int i = next++;
                if (receive) received(expected(i), type, peer, tag);
            }
            buf = null;
            return true;
        }
    }

    // ---------------------------------------------------------------- communicators

    @Override
    public Communication split(int color, int key) {
        if (color < 0) throw new IllegalArgumentException("split: color must be >= 0, got " + color);
        enter("MPI_Comm_split", null, -1, -1, null, 0);
        try {
            check(Mpi.commSplit(comm, color, key, slot), "MPI_Comm_split");
            return child(Mpi.handleAt(slot, 0));
        } finally {
            CallTracker.end();
        }
    }

    @Override
    public Communication dup() {
        enter("MPI_Comm_dup", null, -1, -1, null, 0);
        try {
            check(Mpi.commDup(comm, slot), "MPI_Comm_dup");
            return child(Mpi.handleAt(slot, 0));
        } finally {
            CallTracker.end();
        }
    }

    /** A new communicator, which learns the world rank of each of its ranks (one allgather on it). */
    private MpiCommunication child(MemorySegment handle) {
        MpiCommunication c = new MpiCommunication(handle, true);
        int me = worldRank(rank);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(JAVA_INT), r = a.allocate(JAVA_INT, c.size);
            s.set(JAVA_INT, 0, me);
            c.check(Mpi.allgather(s, 1, Mpi.INT32, r, 1, Mpi.INT32, handle), "MPI_Allgather (world ranks)");
            c.worldRanks = r.toArray(JAVA_INT);
        }
        return c;
    }

    @Override
    public void close() {
        if (!owned || comm.address() == Mpi.COMM_NULL.address() || Mpi.isFinalized()) return;
        enter("MPI_Comm_free", null, -1, -1, null, 0);
        try {
            Mpi.setHandle(slot, 0, comm);
            check(Mpi.commFree(slot), "MPI_Comm_free");
            comm = Mpi.COMM_NULL;
        } finally {
            CallTracker.end();
        }
    }

    @Override
    public void abort(int code) {
        aborted = true;
        System.out.flush();
        System.err.flush();
        Mpi.abort(comm, code);
        Runtime.getRuntime().halt(code);
    }

    @Override
    public String libraryVersion() {
        return H.LIBRARY_VERSION;
    }

    @Override
    public String toString() {
        return "MpiCommunication[rank " + rank + " of " + size + "]";
    }
}
