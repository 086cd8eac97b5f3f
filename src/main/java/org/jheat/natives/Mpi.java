package org.jheat.natives;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * FFM binding to an MPI library of either ABI family ({@link MpiAbi}): Open MPI 4.x/5.x, whose handles are the
 * addresses of exported objects ({@code MPI_COMM_WORLD} is {@code &ompi_mpi_comm_world}), or the MPICH family
 * (MPICH, Intel MPI, Cray MPICH, MVAPICH), whose handles are C ints ({@code MPI_COMM_WORLD} is {@code 0x44000000}).
 * Here a handle is always a {@link MemorySegment} whose address is the handle's value; the downcalls pass it as a
 * pointer or as an int as the family wants, and {@link #handleAt}/{@link #setHandle}/{@link #HANDLE_BYTES} deal with
 * handle slots and request arrays. Every MPI function returns its MPI error code unchanged ({@link #SUCCESS} is 0);
 * the communicator layer turns codes into exceptions (after it installed {@link #ERRORS_RETURN}, so that MPI returns
 * codes instead of aborting).
 *
 * <p>The library is loaded when this class is first used: {@code JHEAT_MPI_LIB} (a file name or path) if set, else
 * the files of the family that {@code JHEAT_MPI} ({@code openmpi} or {@code mpich}) or the launcher names
 * ({@code libmpi.so.40} for Open MPI; {@code libmpich.so.12}, {@code libmpi.so.12} … for MPICH), else Open MPI's then
 * MPICH's. Its family is read from the library itself; a missing file, a library of neither family, or one of another
 * family than {@code JHEAT_MPI} or the launcher fails with an {@link UnsatisfiedLinkError} naming the file and what was
 * expected, before MPI is initialised. Counts are C {@code int}s: callers split larger messages.
 *
 * <p>With {@link #setYieldingWait} on (all ranks alike), each blocking call is made as its nonblocking variant and
 * completed by polling that yields the core: for MPIs that poll without yielding when ranks outnumber cores.
 *
 * <pre>{@code
 * int provided = Mpi.initThread(Mpi.THREAD_SERIALIZED);
 * try (Arena a = Arena.ofConfined()) {
 *     MemorySegment x = a.allocate(ValueLayout.JAVA_DOUBLE, 4);
 *     int rc = Mpi.allreduce(Mpi.IN_PLACE, x, 4, Mpi.DOUBLE, Mpi.OP_SUM, Mpi.COMM_WORLD);
 *     if (rc != Mpi.SUCCESS) throw new IllegalStateException(Mpi.errorString(rc));
 * }
 * Mpi.finalizeMpi();
 * }</pre>
 */
@SuppressWarnings("restricted")   // binding a native library is what this class is for
public final class Mpi {
    private Mpi() {}

    /** MPI_SUCCESS. */
    public static final int SUCCESS = 0;
    /** MPI_THREAD_SINGLE. */
    public static final int THREAD_SINGLE = 0;
    /** MPI_THREAD_FUNNELED: only the thread that initialised MPI calls it. */
    public static final int THREAD_FUNNELED = 1;
    /** MPI_THREAD_SERIALIZED: any thread, one at a time. */
    public static final int THREAD_SERIALIZED = 2;
    /** MPI_THREAD_MULTIPLE. */
    public static final int THREAD_MULTIPLE = 3;
    /** MPI_UNDEFINED (e.g. a split color for "no communicator"). */
    public static final int UNDEFINED = -32766;
    /** MPI_PROC_NULL. */
    public static final int PROC_NULL;
    /** MPI_ANY_SOURCE (a receive that matches a message from any rank). */
    public static final int ANY_SOURCE;
    /** MPI_ANY_TAG. */
    public static final int ANY_TAG;
    /** The MPI_TAG_UB attribute key. */
    public static final int KEYVAL_TAG_UB;
    /** MPI_MAX_ERROR_STRING. */
    public static final int MAX_ERROR_STRING;
    /** MPI_MAX_LIBRARY_VERSION_STRING. */
    public static final int MAX_LIBRARY_VERSION_STRING;
    /** sizeof(MPI_Status): 24 in Open MPI, 20 in MPICH. */
    public static final long STATUS_BYTES;
    /** Byte offset of MPI_SOURCE in an MPI_Status. */
    public static final long STATUS_SOURCE;
    /** Byte offset of MPI_TAG in an MPI_Status. */
    public static final long STATUS_TAG;
    /** Byte offset of MPI_ERROR in an MPI_Status. */
    public static final long STATUS_ERROR;
    /** MPI_IN_PLACE: {@code (void*) 1} in Open MPI, {@code (void*) -1} in MPICH. */
    public static final MemorySegment IN_PLACE;
    /** MPI_STATUS_IGNORE: {@code NULL} in Open MPI, {@code (MPI_Status*) 1} in MPICH. */
    public static final MemorySegment STATUS_IGNORE;
    /** MPI_STATUSES_IGNORE (the same value as {@link #STATUS_IGNORE} in both families). */
    public static final MemorySegment STATUSES_IGNORE;
    /** Bytes of one handle in memory: 8 (a pointer) in Open MPI, 4 (an int) in MPICH; the stride of request arrays. */
    public static final long HANDLE_BYTES;

    /** The library name or path that was loaded. */
    public static final String LIBRARY;
    private static final NativeLibrary LIB;
    private static final Linker LINKER = NativeLibrary.LINKER;

    /** The ABI of the loaded library. */
    public static final MpiAbi ABI;
    /** The loaded library's family. */
    public static final MpiAbi.Family FAMILY;

    static {
        Map<String, String> env = System.getenv();
        List<String> candidates;
        try {
            candidates = MpiAbi.candidates(env);
        } catch (IllegalArgumentException e) {
            throw new UnsatisfiedLinkError(e.getMessage());   // a bad JHEAT_MPI: reported like any other load failure
        }
        NativeLibrary.keepJvmSignals();
        LIB = NativeLibrary.load("an MPI library", "JHEAT_MPI_LIB", candidates,
                "set JHEAT_MPI_LIB to its path, or install one: apt-get install -y openmpi-bin libopenmpi-dev"
                        + " (Open MPI) or apt-get install -y mpich libmpich-dev (MPICH)", Mpi::dlopenGlobal);
        LIBRARY = LIB.name();
        MpiAbi.Detected d = MpiAbi.detect(LIBRARY, LIB.symbols());
        MpiAbi.checkEnvironment(LIBRARY, d, env);
        ABI = d.abi();
        FAMILY = ABI.family();
        MpiAbi.loaded = FAMILY;
        PROC_NULL = ABI.procNull();
        ANY_SOURCE = ABI.anySource();
        ANY_TAG = ABI.anyTag();
        KEYVAL_TAG_UB = ABI.keyvalTagUb();
        MAX_ERROR_STRING = ABI.maxErrorString();
        MAX_LIBRARY_VERSION_STRING = ABI.maxLibraryVersionString();
        STATUS_BYTES = ABI.statusBytes();
        STATUS_SOURCE = ABI.statusSource();
        STATUS_TAG = ABI.statusTag();
        STATUS_ERROR = ABI.statusError();
        IN_PLACE = ABI.inPlace();
        STATUS_IGNORE = ABI.statusIgnore();
        STATUSES_IGNORE = ABI.statusIgnore();
        HANDLE_BYTES = ABI.handleBytes();
    }

    /**
     * Open MPI opens its plugins (mca_*.so) with dlopen; on builds where a plugin does not link libmpi itself it
     * needs libmpi's symbols in the global namespace, which FFM's RTLD_LOCAL load does not give. Debian's 4.1.4
     * works without this, but promoting the library costs nothing and is what mpi4py and Open MPI's Java bindings do.
     */
    private static void dlopenGlobal(String name) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) return;
        Optional<MemorySegment> dlopen = LINKER.defaultLookup().find("dlopen");
        if (dlopen.isEmpty()) return;
        MethodHandle h = LINKER.downcallHandle(dlopen.get(), FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ignored = (MemorySegment) h.invokeExact(a.allocateFrom(name), 0x2 | 0x100); // RTLD_NOW | RTLD_GLOBAL
        } catch (Throwable t) {
            // not fatal: libraryLookup below reports why the library cannot be loaded
        }
    }


    private static MemorySegment predefined(MpiAbi.Predefined p) {
        return ABI.predefined(p, LIB);
    }

    /**
     * Stands for an MPI handle argument in a downcall's parameter list: a pointer in Open MPI, an int in MPICH. The
     * Java signature is {@code MemorySegment} either way; for int handles a filter passes the segment's address.
     */
    static final AddressLayout HANDLE = ADDRESS.withName("MPI handle");
    private static final MethodHandle HANDLE_TO_INT;

    static {
        try {
            HANDLE_TO_INT = MethodHandles.lookup().findStatic(Mpi.class, "handleValue",
                    MethodType.methodType(int.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** An int handle's value (the cast keeps the low 32 bits, so zero-extended handles such as 0x84000002 survive). */
    private static int handleValue(MemorySegment h) {
        return (int) h.address();
    }

    /** Every MPI function returns an int error code; {@link #HANDLE} marks handle arguments. */
    private static MethodHandle fn(String name, MemoryLayout... args) {
        return handleFn(LIB, name, args).orElseThrow(() -> new UnsatisfiedLinkError(LIBRARY + ": missing symbol " + name));
    }

    /**
     * A downcall to {@code name} in {@code lib} (an MPI library or one built on MPI, such as parallel HDF5) returning
     * an int, whose {@link #HANDLE} arguments take this ABI's handles; empty when the symbol is missing.
     */
    static Optional<MethodHandle> handleFn(NativeLibrary lib, String name, MemoryLayout... args) {
        MemoryLayout[] native_ = args.clone();
        MethodHandle[] filters = new MethodHandle[args.length];
        boolean filtered = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i] != HANDLE) continue;
            native_[i] = ABI.handle();
            if (ABI.handle() == JAVA_INT) {
                filters[i] = HANDLE_TO_INT;
                filtered = true;
            } else {
                native_[i] = ADDRESS;
            }
        }
        boolean f = filtered;
        return lib.optionalFn(name, JAVA_INT, native_).map(h -> f ? MethodHandles.filterArguments(h, 0, filters) : h);
    }

    /**
     * The handle in slot {@code index} of {@code slots} (an MPI output such as a new communicator or a request array).
     * <pre>{@code Mpi.commDup(Mpi.COMM_WORLD, slot); MemorySegment dup = Mpi.handleAt(slot, 0); }</pre>
     */
    public static MemorySegment handleAt(MemorySegment slots, long index) {
        return HANDLE_BYTES == 4 ? MpiAbi.fromInt(slots.getAtIndex(JAVA_INT, index)) : slots.getAtIndex(ADDRESS, index);
    }

    /** Stores {@code handle} in slot {@code index} of {@code slots}. <pre>{@code Mpi.setHandle(slot, 0, comm); Mpi.commFree(slot); }</pre> */
    public static void setHandle(MemorySegment slots, long index, MemorySegment handle) {
        if (HANDLE_BYTES == 4) slots.setAtIndex(JAVA_INT, index, handleValue(handle));
        else slots.setAtIndex(ADDRESS, index, handle);
    }

    /** Room for {@code n} handles (a request array or one slot), aligned for either width. <pre>{@code MemorySegment reqs = Mpi.allocateHandles(arena, k); }</pre> */
    public static MemorySegment allocateHandles(SegmentAllocator a, long n) {
        return a.allocate(HANDLE_BYTES * Math.max(1, n), 8);
    }

    // ---------------------------------------------------------------- predefined handles

    /** MPI_COMM_WORLD. */
    public static final MemorySegment COMM_WORLD = predefined(MpiAbi.Predefined.COMM_WORLD);
    /** MPI_COMM_SELF. */
    public static final MemorySegment COMM_SELF = predefined(MpiAbi.Predefined.COMM_SELF);
    /** MPI_COMM_NULL (what MPI_Comm_free and a split with {@link #UNDEFINED} color give). */
    public static final MemorySegment COMM_NULL = predefined(MpiAbi.Predefined.COMM_NULL);
    /** MPI_INFO_NULL (for MPI-IO users such as parallel HDF5). */
    public static final MemorySegment INFO_NULL = predefined(MpiAbi.Predefined.INFO_NULL);
    /** MPI_ERRORS_RETURN. */
    public static final MemorySegment ERRORS_RETURN = predefined(MpiAbi.Predefined.ERRORS_RETURN);
    /** MPI_REQUEST_NULL. */
    public static final MemorySegment REQUEST_NULL = predefined(MpiAbi.Predefined.REQUEST_NULL);
    /** MPI_INT8_T (also used for bool: MPI's logical ops work on C integers). */
    public static final MemorySegment INT8 = predefined(MpiAbi.Predefined.INT8);
    /** MPI_UINT8_T. */
    public static final MemorySegment UINT8 = predefined(MpiAbi.Predefined.UINT8);
    /** MPI_INT16_T. */
    public static final MemorySegment INT16 = predefined(MpiAbi.Predefined.INT16);
    /** MPI_INT32_T. */
    public static final MemorySegment INT32 = predefined(MpiAbi.Predefined.INT32);
    /** MPI_INT64_T. */
    public static final MemorySegment INT64 = predefined(MpiAbi.Predefined.INT64);
    /** MPI_FLOAT. */
    public static final MemorySegment FLOAT = predefined(MpiAbi.Predefined.FLOAT);
    /** MPI_DOUBLE. */
    public static final MemorySegment DOUBLE = predefined(MpiAbi.Predefined.DOUBLE);
    /** MPI_C_FLOAT_COMPLEX. */
    public static final MemorySegment C_FLOAT_COMPLEX = predefined(MpiAbi.Predefined.C_FLOAT_COMPLEX);
    /** MPI_C_DOUBLE_COMPLEX. */
    public static final MemorySegment C_DOUBLE_COMPLEX = predefined(MpiAbi.Predefined.C_DOUBLE_COMPLEX);
    /** MPI_SUM. */
    public static final MemorySegment OP_SUM = predefined(MpiAbi.Predefined.OP_SUM);
    /** MPI_PROD. */
    public static final MemorySegment OP_PROD = predefined(MpiAbi.Predefined.OP_PROD);
    /** MPI_MIN. */
    public static final MemorySegment OP_MIN = predefined(MpiAbi.Predefined.OP_MIN);
    /** MPI_MAX. */
    public static final MemorySegment OP_MAX = predefined(MpiAbi.Predefined.OP_MAX);
    /** MPI_LAND. */
    public static final MemorySegment OP_LAND = predefined(MpiAbi.Predefined.OP_LAND);
    /** MPI_LOR. */
    public static final MemorySegment OP_LOR = predefined(MpiAbi.Predefined.OP_LOR);
    /** MPI_LXOR. */
    public static final MemorySegment OP_LXOR = predefined(MpiAbi.Predefined.OP_LXOR);
    /** MPI_BAND. */
    public static final MemorySegment OP_BAND = predefined(MpiAbi.Predefined.OP_BAND);
    /** MPI_BOR. */
    public static final MemorySegment OP_BOR = predefined(MpiAbi.Predefined.OP_BOR);
    /** MPI_BXOR. */
    public static final MemorySegment OP_BXOR = predefined(MpiAbi.Predefined.OP_BXOR);

    // ---------------------------------------------------------------- method handles (one per function)

    private static final MethodHandle INIT_THREAD = fn("MPI_Init_thread", ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
    private static final MethodHandle INITIALIZED = fn("MPI_Initialized", ADDRESS);
    private static final MethodHandle FINALIZED = fn("MPI_Finalized", ADDRESS);
    private static final MethodHandle FINALIZE = fn("MPI_Finalize");
    private static final MethodHandle ABORT = fn("MPI_Abort", HANDLE, JAVA_INT);
    private static final MethodHandle QUERY_THREAD = fn("MPI_Query_thread", ADDRESS);
    private static final MethodHandle GET_VERSION = fn("MPI_Get_version", ADDRESS, ADDRESS);
    private static final MethodHandle GET_LIBRARY_VERSION = fn("MPI_Get_library_version", ADDRESS, ADDRESS);
    private static final MethodHandle ERROR_STRING = fn("MPI_Error_string", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle COMM_SET_ERRHANDLER = fn("MPI_Comm_set_errhandler", HANDLE, HANDLE);
    private static final MethodHandle COMM_RANK = fn("MPI_Comm_rank", HANDLE, ADDRESS);
    private static final MethodHandle COMM_SIZE = fn("MPI_Comm_size", HANDLE, ADDRESS);
    private static final MethodHandle COMM_GET_ATTR = fn("MPI_Comm_get_attr", HANDLE, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle COMM_SPLIT = fn("MPI_Comm_split", HANDLE, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle COMM_DUP = fn("MPI_Comm_dup", HANDLE, ADDRESS);
    private static final MethodHandle COMM_FREE = fn("MPI_Comm_free", ADDRESS);
    private static final MethodHandle BARRIER = fn("MPI_Barrier", HANDLE);
    private static final MethodHandle BCAST = fn("MPI_Bcast", ADDRESS, JAVA_INT, HANDLE, JAVA_INT, HANDLE);
    private static final MethodHandle REDUCE = fn("MPI_Reduce", ADDRESS, ADDRESS, JAVA_INT, HANDLE, HANDLE, JAVA_INT, HANDLE);
    private static final MethodHandle ALLREDUCE = fn("MPI_Allreduce", ADDRESS, ADDRESS, JAVA_INT, HANDLE, HANDLE, HANDLE);
    private static final MethodHandle SCAN = fn("MPI_Scan", ADDRESS, ADDRESS, JAVA_INT, HANDLE, HANDLE, HANDLE);
    private static final MethodHandle EXSCAN = fn("MPI_Exscan", ADDRESS, ADDRESS, JAVA_INT, HANDLE, HANDLE, HANDLE);
    private static final MethodHandle ALLGATHER = fn("MPI_Allgather",
            ADDRESS, JAVA_INT, HANDLE, ADDRESS, JAVA_INT, HANDLE, HANDLE);
    private static final MethodHandle ALLGATHERV = fn("MPI_Allgatherv",
            ADDRESS, JAVA_INT, HANDLE, ADDRESS, ADDRESS, ADDRESS, HANDLE, HANDLE);
    private static final MethodHandle GATHER = fn("MPI_Gather",
            ADDRESS, JAVA_INT, HANDLE, ADDRESS, JAVA_INT, HANDLE, JAVA_INT, HANDLE);
    private static final MethodHandle GATHERV = fn("MPI_Gatherv",
            ADDRESS, JAVA_INT, HANDLE, ADDRESS, ADDRESS, ADDRESS, HANDLE, JAVA_INT, HANDLE);
    private static final MethodHandle SCATTER = fn("MPI_Scatter",
            ADDRESS, JAVA_INT, HANDLE, ADDRESS, JAVA_INT, HANDLE, JAVA_INT, HANDLE);
    private static final MethodHandle SCATTERV = fn("MPI_Scatterv",
            ADDRESS, ADDRESS, ADDRESS, HANDLE, ADDRESS, JAVA_INT, HANDLE, JAVA_INT, HANDLE);
    private static final MethodHandle ALLTOALL = fn("MPI_Alltoall",
            ADDRESS, JAVA_INT, HANDLE, ADDRESS, JAVA_INT, HANDLE, HANDLE);
    private static final MethodHandle ALLTOALLV = fn("MPI_Alltoallv",
            ADDRESS, ADDRESS, ADDRESS, HANDLE, ADDRESS, ADDRESS, ADDRESS, HANDLE, HANDLE);
    private static final MethodHandle SEND = fn("MPI_Send", ADDRESS, JAVA_INT, HANDLE, JAVA_INT, JAVA_INT, HANDLE);
    private static final MethodHandle RECV = fn("MPI_Recv", ADDRESS, JAVA_INT, HANDLE, JAVA_INT, JAVA_INT, HANDLE, ADDRESS);
    private static final MethodHandle ISEND = fn("MPI_Isend", ADDRESS, JAVA_INT, HANDLE, JAVA_INT, JAVA_INT, HANDLE, ADDRESS);
    private static final MethodHandle IRECV = fn("MPI_Irecv", ADDRESS, JAVA_INT, HANDLE, JAVA_INT, JAVA_INT, HANDLE, ADDRESS);
    private static final MethodHandle WAIT = fn("MPI_Wait", ADDRESS, ADDRESS);
    private static final MethodHandle WAITALL = fn("MPI_Waitall", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle TEST = fn("MPI_Test", ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GET_COUNT = fn("MPI_Get_count", ADDRESS, HANDLE, ADDRESS);
    private static final MethodHandle IBARRIER = fn("MPI_Ibarrier", HANDLE, ADDRESS);
    private static final MethodHandle CANCEL = fn("MPI_Cancel", ADDRESS);
    // the nonblocking variants behind the yielding wait (setYieldingWait): the blocking call's arguments plus the request slot
    private static final MethodHandle IBCAST = fn("MPI_Ibcast", ADDRESS, JAVA_INT, HANDLE, JAVA_INT, HANDLE, ADDRESS);
    private static final MethodHandle IREDUCE = fn("MPI_Ireduce", ADDRESS, ADDRESS, JAVA_INT, HANDLE, HANDLE, JAVA_INT, HANDLE, ADDRESS);
    private static final MethodHandle IALLREDUCE = fn("MPI_Iallreduce", ADDRESS, ADDRESS, JAVA_INT, HANDLE, HANDLE, HANDLE, ADDRESS);
    private static final MethodHandle ISCAN = fn("MPI_Iscan", ADDRESS, ADDRESS, JAVA_INT, HANDLE, HANDLE, HANDLE, ADDRESS);
    private static final MethodHandle IEXSCAN = fn("MPI_Iexscan", ADDRESS, ADDRESS, JAVA_INT, HANDLE, HANDLE, HANDLE, ADDRESS);
    private static final MethodHandle IALLGATHER = fn("MPI_Iallgather",
            ADDRESS, JAVA_INT, HANDLE, ADDRESS, JAVA_INT, HANDLE, HANDLE, ADDRESS);
    private static final MethodHandle IALLGATHERV = fn("MPI_Iallgatherv",
            ADDRESS, JAVA_INT, HANDLE, ADDRESS, ADDRESS, ADDRESS, HANDLE, HANDLE, ADDRESS);
    private static final MethodHandle IGATHER = fn("MPI_Igather",
            ADDRESS, JAVA_INT, HANDLE, ADDRESS, JAVA_INT, HANDLE, JAVA_INT, HANDLE, ADDRESS);
    private static final MethodHandle IGATHERV = fn("MPI_Igatherv",
            ADDRESS, JAVA_INT, HANDLE, ADDRESS, ADDRESS, ADDRESS, HANDLE, JAVA_INT, HANDLE, ADDRESS);
    private static final MethodHandle ISCATTER = fn("MPI_Iscatter",
            ADDRESS, JAVA_INT, HANDLE, ADDRESS, JAVA_INT, HANDLE, JAVA_INT, HANDLE, ADDRESS);
    private static final MethodHandle ISCATTERV = fn("MPI_Iscatterv",
            ADDRESS, ADDRESS, ADDRESS, HANDLE, ADDRESS, JAVA_INT, HANDLE, JAVA_INT, HANDLE, ADDRESS);
    private static final MethodHandle IALLTOALL = fn("MPI_Ialltoall",
            ADDRESS, JAVA_INT, HANDLE, ADDRESS, JAVA_INT, HANDLE, HANDLE, ADDRESS);
    private static final MethodHandle IALLTOALLV = fn("MPI_Ialltoallv",
            ADDRESS, ADDRESS, ADDRESS, HANDLE, ADDRESS, ADDRESS, ADDRESS, HANDLE, HANDLE, ADDRESS);
    private static final MethodHandle TESTALL = fn("MPI_Testall", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle REQUEST_FREE = fn("MPI_Request_free", ADDRESS);

    private static RuntimeException rethrow(Throwable t) {
        return NativeLibrary.rethrow(t);
    }

    // ---------------------------------------------------------------- environment (checked conveniences)

    /**
     * MPI_Init_thread without arguments; returns the thread level provided.
     * <pre>{@code if (Mpi.initThread(Mpi.THREAD_SERIALIZED) < Mpi.THREAD_FUNNELED) … }</pre>
     *
     * @throws IllegalStateException when MPI returns an error
     */
    public static int initThread(int required) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment provided = a.allocate(JAVA_INT);
            int rc = (int) INIT_THREAD.invokeExact(MemorySegment.NULL, MemorySegment.NULL, required, provided);
            if (rc != SUCCESS) throw new IllegalStateException("MPI_Init_thread failed: " + errorString(rc));
            return provided.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Query_thread: the thread level MPI was initialised with. <pre>{@code int level = Mpi.queryThread(); }</pre> */
    public static int queryThread() {
        return intOut(QUERY_THREAD, "MPI_Query_thread");
    }

    /** MPI_Initialized. <pre>{@code if (!Mpi.isInitialized()) Mpi.initThread(Mpi.THREAD_SERIALIZED); }</pre> */
    public static boolean isInitialized() {
        return intOut(INITIALIZED, "MPI_Initialized") != 0;
    }

    /** MPI_Finalized. <pre>{@code if (!Mpi.isFinalized()) Mpi.finalizeMpi(); }</pre> */
    public static boolean isFinalized() {
        return intOut(FINALIZED, "MPI_Finalized") != 0;
    }

    private static int intOut(MethodHandle h, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            int rc = (int) h.invokeExact(out);
            if (rc != SUCCESS) throw new IllegalStateException(name + " failed: " + errorString(rc));
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Finalize (named so because a static {@code finalize()} would clash with {@link Object}'s). <pre>{@code int rc = Mpi.finalizeMpi(); }</pre> */
    public static int finalizeMpi() {
        try {
            return (int) FINALIZE.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Abort: ends every process of {@code comm}'s job with {@code code}. <pre>{@code Mpi.abort(Mpi.COMM_WORLD, 1); }</pre> */
    public static int abort(MemorySegment comm, int code) {
        try {
            return (int) ABORT.invokeExact(comm, code);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Get_version: {major, minor} of the MPI standard implemented. <pre>{@code int[] v = Mpi.getVersion(); // {3, 1} }</pre> */
    public static int[] getVersion() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT, 2);
            int rc = (int) GET_VERSION.invokeExact(v, v.asSlice(4));
            if (rc != SUCCESS) throw new IllegalStateException("MPI_Get_version failed: " + errorString(rc));
            return new int[] {v.get(JAVA_INT, 0), v.get(JAVA_INT, 4)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Get_library_version, e.g. "Open MPI v4.1.4, package: …" (callable before MPI_Init). <pre>{@code String v = Mpi.getLibraryVersion(); }</pre> */
    public static String getLibraryVersion() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(MAX_LIBRARY_VERSION_STRING + 1);
            MemorySegment len = a.allocate(JAVA_INT);
            int rc = (int) GET_LIBRARY_VERSION.invokeExact(s, len);
            if (rc != SUCCESS) throw new IllegalStateException("MPI_Get_library_version failed with code " + rc);
            return s.getString(0).strip();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Error_string: the text of an error code (callable before MPI_Init). <pre>{@code String why = Mpi.errorString(rc); }</pre> */
    public static String errorString(int code) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(MAX_ERROR_STRING + 1);
            MemorySegment len = a.allocate(JAVA_INT);
            int rc = (int) ERROR_STRING.invokeExact(code, s, len);
            return rc == SUCCESS ? s.getString(0).strip() : "unknown MPI error";
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- communicators (raw: return the MPI code)

    /** MPI_Comm_set_errhandler. <pre>{@code Mpi.commSetErrhandler(Mpi.COMM_WORLD, Mpi.ERRORS_RETURN); }</pre> */
    public static int commSetErrhandler(MemorySegment comm, MemorySegment errhandler) {
        try {
            return (int) COMM_SET_ERRHANDLER.invokeExact(comm, errhandler);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Comm_rank into {@code out} (an int). <pre>{@code Mpi.commRank(comm, slot); int r = slot.get(JAVA_INT, 0); }</pre> */
    public static int commRank(MemorySegment comm, MemorySegment out) {
        try {
            return (int) COMM_RANK.invokeExact(comm, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Comm_size into {@code out} (an int). <pre>{@code Mpi.commSize(comm, slot); }</pre> */
    public static int commSize(MemorySegment comm, MemorySegment out) {
        try {
            return (int) COMM_SIZE.invokeExact(comm, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * MPI_Comm_get_attr: {@code value} receives a pointer to the attribute, {@code flag} (an int) whether it is set.
     * <pre>{@code Mpi.commGetAttr(comm, Mpi.KEYVAL_TAG_UB, ptrSlot, flagSlot); }</pre>
     */
    public static int commGetAttr(MemorySegment comm, int keyval, MemorySegment value, MemorySegment flag) {
        try {
            return (int) COMM_GET_ATTR.invokeExact(comm, keyval, value, flag);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Comm_split; {@code newComm} (a pointer slot) receives the handle. <pre>{@code Mpi.commSplit(comm, rank % 2, rank, slot); }</pre> */
    public static int commSplit(MemorySegment comm, int color, int key, MemorySegment newComm) {
        try {
            return (int) COMM_SPLIT.invokeExact(comm, color, key, newComm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Comm_dup; {@code newComm} (a pointer slot) receives the handle. <pre>{@code Mpi.commDup(comm, slot); }</pre> */
    public static int commDup(MemorySegment comm, MemorySegment newComm) {
        try {
            return (int) COMM_DUP.invokeExact(comm, newComm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Comm_free; {@code comm} is a pointer slot holding the handle, set to MPI_COMM_NULL. <pre>{@code Mpi.commFree(slot); }</pre> */
    public static int commFree(MemorySegment comm) {
        try {
            return (int) COMM_FREE.invokeExact(comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- yielding wait

    /**
     * With more ranks than cores a rank that waits must give its core to the rank it waits for. Open MPI does so with
     * {@code mpi_yield_when_idle}; MPICH's ch4 device has no such setting and polls without yielding, so each message
     * waits for the scheduler's next tick (ms instead of µs). When on, every blocking call of this class (the
     * collectives, send, recv, wait, waitall) is made as its nonblocking variant, completed by {@link #pollUntilDone}.
     */
    private static volatile boolean yieldingWait;
    /** Polls with only a spin hint: a request that completes at once costs no system call. */
    static final int SPIN_POLLS = 16;
    /**
     * After the spins, polls that yield the core ({@code sched_yield}) for this long, then polls that sleep. Sleeping
     * at once costs each message step the timer's wake-up (about 1 ms per small allreduce at 3 ranks on 2 cores,
     * against 0.06 ms yielding); a wait this long is for another rank's computation, where the sleep's extra
     * latency is lost in the wait and a sleeping rank leaves the core to the ranks that compute.
     */
    static final long YIELD_NANOS = 20_000_000L;
    /** The sleep between polls of a long wait. */
    static final long PARK_NANOS = 50_000L;

    /** A request slot (bytes 0-7) and a flag (8-11) per thread: the watchdog thread makes MPI calls beside the main one. */
    private static final ThreadLocal<MemorySegment> WAIT_SLOTS = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(16, 8));

    /**
     * Turns the yielding wait on or off. MPI does not match a blocking collective on one rank with a nonblocking one
     * on another, so every rank must make the same choice, before any communication that it affects.
     * <pre>{@code Mpi.setYieldingWait(true);   // e.g. MPICH with more ranks than cores on a node }</pre>
     */
    public static void setYieldingWait(boolean on) {
        yieldingWait = on;
    }

    /** Whether blocking calls poll and yield ({@link #setYieldingWait}). <pre>{@code if (Mpi.yieldingWait()) … }</pre> */
    public static boolean yieldingWait() {
        return yieldingWait;
    }

    private static MemorySegment waitSlots() {
        return WAIT_SLOTS.get();
    }

    /** The nonblocking start's code, or on success the outcome of waiting for the request in {@code slots}. */
    private static int completed(int rc, MemorySegment slots, MemorySegment status) throws Throwable {
        return rc != SUCCESS ? rc : pollUntilDone(slots, status);
    }

    /** MPI_Wait done as MPI_Test in a loop that yields, then sleeps (see {@link #SPIN_POLLS}). */
    private static int pollUntilDone(MemorySegment request, MemorySegment status) throws Throwable {
        MemorySegment flag = waitSlots().asSlice(8, 4);
        long yieldUntil = 0;
        for (int polls = 0; ; polls++) {
            int rc = (int) TEST.invokeExact(request, flag, status);
            if (rc != SUCCESS) return rc;
            if (flag.get(JAVA_INT, 0) != 0) return SUCCESS;
            yieldUntil = pause(polls, yieldUntil);
        }
    }

    /** MPI_Waitall done as MPI_Testall in the same loop. */
    private static int pollAllUntilDone(int count, MemorySegment requests, MemorySegment statuses) throws Throwable {
        MemorySegment flag = waitSlots().asSlice(8, 4);
        long yieldUntil = 0;
        for (int polls = 0; ; polls++) {
            int rc = (int) TESTALL.invokeExact(count, requests, flag, statuses);
            if (rc != SUCCESS) return rc;
            if (flag.get(JAVA_INT, 0) != 0) return SUCCESS;
            yieldUntil = pause(polls, yieldUntil);
        }
    }

    /** One pause between polls: a spin hint, then yields until the returned deadline, then short sleeps. */
    private static long pause(int polls, long yieldUntil) {
        if (polls < SPIN_POLLS) {
            Thread.onSpinWait();
            return yieldUntil;
        }
        long now = System.nanoTime();
        if (yieldUntil == 0) yieldUntil = now + YIELD_NANOS;
        if (now - yieldUntil < 0) Thread.yield();
        else LockSupport.parkNanos(PARK_NANOS);
        return yieldUntil;
    }

    // ---------------------------------------------------------------- collectives (raw)

    /** MPI_Barrier. <pre>{@code Mpi.barrier(Mpi.COMM_WORLD); }</pre> */
    public static int barrier(MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) BARRIER.invokeExact(comm);
            MemorySegment r = waitSlots();
            return completed((int) IBARRIER.invokeExact(comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Bcast. <pre>{@code Mpi.bcast(buf, n, Mpi.DOUBLE, 0, comm); }</pre> */
    public static int bcast(MemorySegment buf, int count, MemorySegment type, int root, MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) BCAST.invokeExact(buf, count, type, root, comm);
            MemorySegment r = waitSlots();
            return completed((int) IBCAST.invokeExact(buf, count, type, root, comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Reduce. <pre>{@code Mpi.reduce(send, recv, n, Mpi.DOUBLE, Mpi.OP_SUM, 0, comm); }</pre> */
    public static int reduce(MemorySegment send, MemorySegment recv, int count, MemorySegment type, MemorySegment op,
                             int root, MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) REDUCE.invokeExact(send, recv, count, type, op, root, comm);
            MemorySegment r = waitSlots();
            return completed((int) IREDUCE.invokeExact(send, recv, count, type, op, root, comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Allreduce. <pre>{@code Mpi.allreduce(Mpi.IN_PLACE, buf, n, Mpi.DOUBLE, Mpi.OP_SUM, comm); }</pre> */
    public static int allreduce(MemorySegment send, MemorySegment recv, int count, MemorySegment type, MemorySegment op,
                                MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) ALLREDUCE.invokeExact(send, recv, count, type, op, comm);
            MemorySegment r = waitSlots();
            return completed((int) IALLREDUCE.invokeExact(send, recv, count, type, op, comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Scan. <pre>{@code Mpi.scan(send, recv, n, Mpi.INT64, Mpi.OP_SUM, comm); }</pre> */
    public static int scan(MemorySegment send, MemorySegment recv, int count, MemorySegment type, MemorySegment op,
                           MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) SCAN.invokeExact(send, recv, count, type, op, comm);
            MemorySegment r = waitSlots();
            return completed((int) ISCAN.invokeExact(send, recv, count, type, op, comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Exscan. <pre>{@code Mpi.exscan(send, recv, n, Mpi.INT64, Mpi.OP_SUM, comm); }</pre> */
    public static int exscan(MemorySegment send, MemorySegment recv, int count, MemorySegment type, MemorySegment op,
                             MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) EXSCAN.invokeExact(send, recv, count, type, op, comm);
            MemorySegment r = waitSlots();
            return completed((int) IEXSCAN.invokeExact(send, recv, count, type, op, comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Allgather. <pre>{@code Mpi.allgather(send, n, Mpi.DOUBLE, recv, n, Mpi.DOUBLE, comm); }</pre> */
    public static int allgather(MemorySegment send, int sendCount, MemorySegment sendType,
                                MemorySegment recv, int recvCount, MemorySegment recvType, MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) ALLGATHER.invokeExact(send, sendCount, sendType, recv, recvCount, recvType, comm);
            MemorySegment r = waitSlots();
            return completed((int) IALLGATHER.invokeExact(send, sendCount, sendType, recv, recvCount, recvType, comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Allgatherv ({@code recvCounts}, {@code displs}: int arrays). <pre>{@code Mpi.allgatherv(send, n, t, recv, counts, displs, t, comm); }</pre> */
    public static int allgatherv(MemorySegment send, int sendCount, MemorySegment sendType, MemorySegment recv,
                                 MemorySegment recvCounts, MemorySegment displs, MemorySegment recvType, MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) ALLGATHERV.invokeExact(send, sendCount, sendType, recv, recvCounts, displs, recvType, comm);
            MemorySegment r = waitSlots();
            return completed((int) IALLGATHERV.invokeExact(send, sendCount, sendType, recv, recvCounts, displs, recvType, comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Gather. <pre>{@code Mpi.gather(send, n, t, recv, n, t, 0, comm); }</pre> */
    public static int gather(MemorySegment send, int sendCount, MemorySegment sendType,
                             MemorySegment recv, int recvCount, MemorySegment recvType, int root, MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) GATHER.invokeExact(send, sendCount, sendType, recv, recvCount, recvType, root, comm);
            MemorySegment r = waitSlots();
            return completed((int) IGATHER.invokeExact(send, sendCount, sendType, recv, recvCount, recvType, root, comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Gatherv. <pre>{@code Mpi.gatherv(send, n, t, recv, counts, displs, t, 0, comm); }</pre> */
    public static int gatherv(MemorySegment send, int sendCount, MemorySegment sendType, MemorySegment recv,
                              MemorySegment recvCounts, MemorySegment displs, MemorySegment recvType, int root,
                              MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) GATHERV.invokeExact(send, sendCount, sendType, recv, recvCounts, displs, recvType, root, comm);
            MemorySegment r = waitSlots();
            return completed((int) IGATHERV.invokeExact(send, sendCount, sendType, recv, recvCounts, displs, recvType, root, comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Scatter. <pre>{@code Mpi.scatter(send, n, t, recv, n, t, 0, comm); }</pre> */
    public static int scatter(MemorySegment send, int sendCount, MemorySegment sendType,
                              MemorySegment recv, int recvCount, MemorySegment recvType, int root, MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) SCATTER.invokeExact(send, sendCount, sendType, recv, recvCount, recvType, root, comm);
            MemorySegment r = waitSlots();
            return completed((int) ISCATTER.invokeExact(send, sendCount, sendType, recv, recvCount, recvType, root, comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Scatterv. <pre>{@code Mpi.scatterv(send, counts, displs, t, recv, n, t, 0, comm); }</pre> */
    public static int scatterv(MemorySegment send, MemorySegment sendCounts, MemorySegment displs, MemorySegment sendType,
                               MemorySegment recv, int recvCount, MemorySegment recvType, int root, MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) SCATTERV.invokeExact(send, sendCounts, displs, sendType, recv, recvCount, recvType, root, comm);
            MemorySegment r = waitSlots();
            return completed((int) ISCATTERV.invokeExact(send, sendCounts, displs, sendType, recv, recvCount, recvType, root, comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Alltoall. <pre>{@code Mpi.alltoall(send, n, t, recv, n, t, comm); }</pre> */
    public static int alltoall(MemorySegment send, int sendCount, MemorySegment sendType,
                               MemorySegment recv, int recvCount, MemorySegment recvType, MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) ALLTOALL.invokeExact(send, sendCount, sendType, recv, recvCount, recvType, comm);
            MemorySegment r = waitSlots();
            return completed((int) IALLTOALL.invokeExact(send, sendCount, sendType, recv, recvCount, recvType, comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Alltoallv (counts and displacements: int arrays). <pre>{@code Mpi.alltoallv(s, sc, sd, t, r, rc, rd, t, comm); }</pre> */
    public static int alltoallv(MemorySegment send, MemorySegment sendCounts, MemorySegment sendDispls, MemorySegment sendType,
                                MemorySegment recv, MemorySegment recvCounts, MemorySegment recvDispls,
                                MemorySegment recvType, MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) ALLTOALLV.invokeExact(send, sendCounts, sendDispls, sendType, recv, recvCounts, recvDispls,
                    recvType, comm);
            MemorySegment r = waitSlots();
            return completed((int) IALLTOALLV.invokeExact(send, sendCounts, sendDispls, sendType, recv, recvCounts, recvDispls,
                    recvType, comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * MPI_Ibarrier: a barrier that returns at once; {@code request} (a pointer slot) receives the handle to test.
     * <pre>{@code Mpi.ibarrier(comm, req); while (!done) Mpi.test(req, flag, Mpi.STATUS_IGNORE); }</pre>
     */
    public static int ibarrier(MemorySegment comm, MemorySegment request) {
        try {
            return (int) IBARRIER.invokeExact(comm, request);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- point to point (raw)

    /** MPI_Send. <pre>{@code Mpi.send(buf, n, Mpi.DOUBLE, 1, 7, comm); }</pre> */
    public static int send(MemorySegment buf, int count, MemorySegment type, int dest, int tag, MemorySegment comm) {
        try {
            if (!yieldingWait) return (int) SEND.invokeExact(buf, count, type, dest, tag, comm);
            MemorySegment r = waitSlots();
            return completed((int) ISEND.invokeExact(buf, count, type, dest, tag, comm, r), r, STATUS_IGNORE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Recv ({@code status}: {@link #STATUS_BYTES} bytes or {@link #STATUS_IGNORE}). <pre>{@code Mpi.recv(buf, n, t, 0, 7, comm, status); }</pre> */
    public static int recv(MemorySegment buf, int count, MemorySegment type, int source, int tag, MemorySegment comm,
                           MemorySegment status) {
        try {
            if (!yieldingWait) return (int) RECV.invokeExact(buf, count, type, source, tag, comm, status);
            MemorySegment r = waitSlots();
            return completed((int) IRECV.invokeExact(buf, count, type, source, tag, comm, r), r, status);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Isend; {@code request} (a pointer slot) receives the handle. <pre>{@code Mpi.isend(buf, n, t, 1, 7, comm, req); }</pre> */
    public static int isend(MemorySegment buf, int count, MemorySegment type, int dest, int tag, MemorySegment comm,
                            MemorySegment request) {
        try {
            return (int) ISEND.invokeExact(buf, count, type, dest, tag, comm, request);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Irecv; {@code request} (a pointer slot) receives the handle. <pre>{@code Mpi.irecv(buf, n, t, 0, 7, comm, req); }</pre> */
    public static int irecv(MemorySegment buf, int count, MemorySegment type, int source, int tag, MemorySegment comm,
                            MemorySegment request) {
        try {
            return (int) IRECV.invokeExact(buf, count, type, source, tag, comm, request);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Wait on the handle in {@code request} (reset to MPI_REQUEST_NULL). <pre>{@code Mpi.wait(req, Mpi.STATUS_IGNORE); }</pre> */
    public static int wait(MemorySegment request, MemorySegment status) {
        try {
            return yieldingWait ? pollUntilDone(request, status) : (int) WAIT.invokeExact(request, status);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Waitall over {@code count} consecutive handles. <pre>{@code Mpi.waitall(k, reqs, Mpi.STATUSES_IGNORE); }</pre> */
    public static int waitall(int count, MemorySegment requests, MemorySegment statuses) {
        try {
            return yieldingWait ? pollAllUntilDone(count, requests, statuses) : (int) WAITALL.invokeExact(count, requests, statuses);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Test: {@code flag} (an int) becomes non-zero when the request completed. <pre>{@code Mpi.test(req, flag, Mpi.STATUS_IGNORE); }</pre> */
    public static int test(MemorySegment request, MemorySegment flag, MemorySegment status) {
        try {
            return (int) TEST.invokeExact(request, flag, status);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Cancel of the pending request whose handle is in {@code request} (complete it with {@link #wait} afterwards). <pre>{@code Mpi.cancel(req); Mpi.wait(req, Mpi.STATUS_IGNORE); }</pre> */
    public static int cancel(MemorySegment request) {
        try {
            return (int) CANCEL.invokeExact(request);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Request_free: lets a pending request complete without anyone waiting on it. <pre>{@code Mpi.requestFree(req); }</pre> */
    public static int requestFree(MemorySegment request) {
        try {
            return (int) REQUEST_FREE.invokeExact(request);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** MPI_Get_count: elements of {@code type} a completed receive got, into {@code count} (an int). <pre>{@code Mpi.getCount(status, t, slot); }</pre> */
    public static int getCount(MemorySegment status, MemorySegment type, MemorySegment count) {
        try {
            return (int) GET_COUNT.invokeExact(status, type, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
