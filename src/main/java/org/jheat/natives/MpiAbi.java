package org.jheat.natives;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The binary interface of one MPI family, so that {@link Mpi} binds either with one code path: how predefined handles
 * are found, how wide a handle is, the {@code MPI_Status} layout and the constants that differ. Two families exist in
 * practice:
 * <ul>
 *   <li>{@link #OPEN_MPI} (Open MPI 4.x and 5.x, {@code libmpi.so.40}): a handle is a pointer; predefined handles are
 *       the addresses of exported objects ({@code MPI_COMM_WORLD} is {@code &ompi_mpi_comm_world});</li>
 *   <li>{@link #MPICH} (the MPICH ABI initiative: MPICH, Intel MPI, Cray MPICH, MVAPICH; {@code libmpich.so.12},
 *       {@code libmpi.so.12}): a handle is a C {@code int}; predefined handles are fixed numbers
 *       ({@code MPI_COMM_WORLD} is {@code 0x44000000}).</li>
 * </ul>
 * Above {@code natives} a handle is always a {@link MemorySegment} whose address is the handle's value (the pointer,
 * or the int zero-extended), so callers never see the difference; {@link Mpi#handleAt}/{@link Mpi#setHandle} read and
 * write handle slots of either width.
 *
 * <p>Which family a library belongs to is read from the library itself ({@link #detect}): Open MPI exports
 * {@code ompi_mpi_comm_world}; the MPICH family says so in {@code MPI_Get_library_version}, which MPI allows before
 * {@code MPI_Init}. Anything else is refused with a message naming the file and what was expected.
 *
 * <pre>{@code
 * MpiAbi.Detected d = MpiAbi.detect("libmpich.so.12", lookup);   // d.abi() == MpiAbi.MPICH
 * }</pre>
 *
 * @param family the family
 * @param handle how a handle is passed and stored: {@code ADDRESS} or {@code JAVA_INT}
 * @param procNull MPI_PROC_NULL
 * @param anySource MPI_ANY_SOURCE
 * @param anyTag MPI_ANY_TAG
 * @param keyvalTagUb the MPI_TAG_UB attribute key
 * @param maxErrorString MPI_MAX_ERROR_STRING
 * @param maxLibraryVersionString MPI_MAX_LIBRARY_VERSION_STRING
 * @param statusBytes sizeof(MPI_Status)
 * @param statusSource byte offset of MPI_SOURCE
 * @param statusTag byte offset of MPI_TAG
 * @param statusError byte offset of MPI_ERROR
 * @param inPlace MPI_IN_PLACE
 * @param statusIgnore MPI_STATUS_IGNORE (and MPI_STATUSES_IGNORE, the same in both families)
 */
@SuppressWarnings("restricted")   // reads a library's symbols and calls MPI_Get_library_version before choosing
public record MpiAbi(Family family, ValueLayout handle, int procNull, int anySource, int anyTag, int keyvalTagUb,
                     int maxErrorString, int maxLibraryVersionString, long statusBytes, long statusSource, long statusTag,
                     long statusError, MemorySegment inPlace, MemorySegment statusIgnore) {

    /** An MPI family; {@link #env} is its value of {@code JHEAT_MPI}. */
    public enum Family {
        /** Open MPI 4.x/5.x. */
        OPEN_MPI("openmpi", "Open MPI", List.of("libmpi.so.40", "libmpi.so")),
        /** MPICH and the MPICH ABI initiative (Intel MPI, Cray MPICH, MVAPICH). */
        MPICH("mpich", "the MPICH family (MPICH, Intel MPI, Cray MPICH, MVAPICH)",
                List.of("libmpich.so.12", "libmpi.so.12", "libmpi_cray.so.12", "libmpich.so"));

        /** The value of {@code JHEAT_MPI} that asks for this family. */
        public final String env;
        /** Its name in messages. */
        public final String title;
        /** File names tried, in order, when {@code JHEAT_MPI_LIB} is not set. */
        public final List<String> files;

        Family(String env, String title, List<String> files) {
            this.env = env;
            this.title = title;
            this.files = files;
        }
    }

    /** Open MPI's ABI (mpi.h of Open MPI 4.1.4; unchanged in 5.0 for everything bound here). */
    public static final MpiAbi OPEN_MPI = new MpiAbi(Family.OPEN_MPI, ADDRESS, -2, -1, -1, 0, 256, 256,
            24, 0, 4, 8, MemorySegment.ofAddress(1), MemorySegment.NULL);
    /**
     * The MPICH ABI (mpi.h of MPICH 4.0.2, Debian's libmpich-dev): {@code MPI_Status} is
     * {count_lo, count_hi_and_cancelled, MPI_SOURCE, MPI_TAG, MPI_ERROR}, MPI_IN_PLACE is {@code (void*)-1},
     * MPI_STATUS_IGNORE is {@code (MPI_Status*)1}.
     */
    public static final MpiAbi MPICH = new MpiAbi(Family.MPICH, JAVA_INT, -1, -2, -1, 0x64400001, 512, 8192,
            20, 8, 12, 16, MemorySegment.ofAddress(-1L), MemorySegment.ofAddress(1));

    /** A predefined handle: Open MPI's exported object and MPICH's value. */
    enum Predefined {
        COMM_WORLD("ompi_mpi_comm_world", 0x44000000),
        COMM_SELF("ompi_mpi_comm_self", 0x44000001),
        COMM_NULL("ompi_mpi_comm_null", 0x04000000),
        INFO_NULL("ompi_mpi_info_null", 0x1c000000),
        ERRORS_RETURN("ompi_mpi_errors_return", 0x54000001),
        REQUEST_NULL("ompi_request_null", 0x2c000000),
        INT8("ompi_mpi_int8_t", 0x4c000137),
        UINT8("ompi_mpi_uint8_t", 0x4c00013b),
        INT16("ompi_mpi_int16_t", 0x4c000238),
        INT32("ompi_mpi_int32_t", 0x4c000439),
        INT64("ompi_mpi_int64_t", 0x4c00083a),
        FLOAT("ompi_mpi_float", 0x4c00040a),
        DOUBLE("ompi_mpi_double", 0x4c00080b),
        C_FLOAT_COMPLEX("ompi_mpi_c_float_complex", 0x4c000840),
        C_DOUBLE_COMPLEX("ompi_mpi_c_double_complex", 0x4c001041),
        OP_MAX("ompi_mpi_op_max", 0x58000001),
        OP_MIN("ompi_mpi_op_min", 0x58000002),
        OP_SUM("ompi_mpi_op_sum", 0x58000003),
        OP_PROD("ompi_mpi_op_prod", 0x58000004),
        OP_LAND("ompi_mpi_op_land", 0x58000005),
        OP_BAND("ompi_mpi_op_band", 0x58000006),
        OP_LOR("ompi_mpi_op_lor", 0x58000007),
        OP_BOR("ompi_mpi_op_bor", 0x58000008),
        OP_LXOR("ompi_mpi_op_lxor", 0x58000009),
        OP_BXOR("ompi_mpi_op_bxor", 0x5800000a);

        final String ompiSymbol;
        final int mpichValue;

        Predefined(String ompiSymbol, int mpichValue) {
            this.ompiSymbol = ompiSymbol;
            this.mpichValue = mpichValue;
        }
    }

    /** The handle {@code p} in this ABI, from {@code lib} (the loaded library) for Open MPI. */
    MemorySegment predefined(Predefined p, NativeLibrary lib) {
        return family == Family.OPEN_MPI ? lib.sym(p.ompiSymbol) : fromInt(p.mpichValue);
    }

    /** Bytes of one handle in memory (a request array's stride). */
    public long handleBytes() {
        return handle.byteSize();
    }

    /** An MPICH-style int handle as the segment callers pass around (zero-extended: handles such as 0x84000002 stay positive). */
    static MemorySegment fromInt(int h) {
        return MemorySegment.ofAddress(Integer.toUnsignedLong(h));
    }

    // ---------------------------------------------------------------- detection

    /**
     * What a library is: its ABI and its {@code MPI_Get_library_version} text (first line).
     *
     * @param abi the ABI to bind with
     * @param version the library's own description, e.g. {@code "MPICH Version: 4.0.2"}
     */
    public record Detected(MpiAbi abi, String version) { }

    private static final Pattern MPICH_FAMILY = Pattern.compile("MPICH|MVAPICH|Intel\\(R\\) MPI", Pattern.CASE_INSENSITIVE);

    /** What the messages say jheat accepts. */
    static final String EXPECTED = "expected Open MPI's libmpi.so.40 (Open MPI 4.x/5.x) or an MPICH-family library "
            + "(libmpich.so.12 or libmpi.so.12: MPICH, Intel MPI, Cray MPICH, MVAPICH)";

    /**
     * The family of the MPI library {@code file} whose symbols are {@code symbols}.
     * <pre>{@code MpiAbi.Detected d = MpiAbi.detect(lib.name(), lib.symbols()); }</pre>
     *
     * @throws UnsatisfiedLinkError naming the file and what was expected when it is no MPI or of another family
     */
    public static Detected detect(String file, SymbolLookup symbols) {
        boolean ompi = symbols.find(Predefined.COMM_WORLD.ompiSymbol).isPresent();
        Optional<String> version = libraryVersion(symbols);
        if (ompi) return new Detected(OPEN_MPI, version.orElse("Open MPI"));
        if (version.isEmpty()) {
            throw new UnsatisfiedLinkError(file + " is not an MPI library (it has no MPI_Get_library_version); " + EXPECTED);
        }
        if (MPICH_FAMILY.matcher(version.get()).find()) return new Detected(MPICH, version.get());
        throw new UnsatisfiedLinkError(file + " is an MPI library of an unsupported family (\"" + version.get() + "\"); " + EXPECTED);
    }

    /**
     * Loads {@code file} only to look at it (never initialises MPI) and detects its family.
     * <pre>{@code MpiAbi.Family f = MpiAbi.detect("/usr/lib/x86_64-linux-gnu/libmpich.so.12").abi().family(); }</pre>
     *
     * @throws UnsatisfiedLinkError naming the file when it cannot be opened, is no MPI or of another family
     */
    public static Detected detect(String file) {
        SymbolLookup symbols;
        NativeLibrary.keepJvmSignals();   // even a look loads UCX's constructor with an MPICH library
        try {
            // the global arena: an MPI library is never unloaded (some register exit handlers when they load)
            symbols = SymbolLookup.libraryLookup(file, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new UnsatisfiedLinkError("cannot load " + file + " (" + e.getMessage() + "); " + EXPECTED);
        }
        return detect(file, symbols);
    }

    /** The family of the MPI that {@code symbols} (a library and its dependencies) link, if any. */
    static Optional<Family> linkedFamily(SymbolLookup symbols) {
        if (symbols.find(Predefined.COMM_WORLD.ompiSymbol).isPresent()) return Optional.of(Family.OPEN_MPI);
        return libraryVersion(symbols).filter(v -> MPICH_FAMILY.matcher(v).find()).map(v -> Family.MPICH);
    }

    /** The family of the MPI library {@link Mpi} loaded; null until it loads one. */
    static volatile Family loaded;

    /** The family this process uses: the one loaded, else the one {@link #wanted} names (empty in single-process runs). */
    static Optional<Family> inUse() {
        Family f = loaded;
        if (f != null) return Optional.of(f);
        try {
            return wanted(System.getenv());
        } catch (IllegalArgumentException e) {
            return Optional.empty();   // a bad JHEAT_MPI is reported where MPI is loaded
        }
    }

    /**
     * For a library built on MPI (parallel HDF5 or netCDF): refuses one that links another MPI family than this
     * process uses (its MPI calls would reach the wrong library: a crash, not an error), and tells whether its MPI-IO
     * may be used.
     *
     * @param instead what to use instead, for the message
     * @throws UnsatisfiedLinkError naming the file, the family it links and the one in use
     */
    static boolean checkLinked(String file, SymbolLookup symbols, String instead) {
        Optional<Family> linked = linkedFamily(symbols);
        Optional<Family> used = inUse();
        if (linked.isPresent() && used.isPresent() && linked.get() != used.get()) {
            throw new UnsatisfiedLinkError(file + " is built on " + linked.get().title + " but this process uses "
                    + used.get().title + ", so its MPI calls would reach the wrong library; use " + instead
                    + " (independent I/O, no MPI-IO) or a build on " + used.get().title);
        }
        return linked.isPresent();
    }

    /** MPI_Get_library_version's first line; MPI allows the call before MPI_Init. */
    private static Optional<String> libraryVersion(SymbolLookup symbols) {
        Optional<MemorySegment> f = symbols.find("MPI_Get_library_version");
        if (f.isEmpty()) return Optional.empty();
        MethodHandle h = NativeLibrary.LINKER.downcallHandle(f.get(), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        try (Arena a = Arena.ofConfined()) {
            // the larger of both families' MPI_MAX_LIBRARY_VERSION_STRING, plus the terminating zero
            MemorySegment s = a.allocate(MPICH.maxLibraryVersionString + 1);
            MemorySegment len = a.allocate(JAVA_INT);
            int rc = (int) h.invokeExact(s, len);
            if (rc != 0) return Optional.of("MPI_Get_library_version failed with code " + rc);
            String v = s.getString(0).strip();
            int nl = v.indexOf('\n');
            return Optional.of((nl < 0 ? v : v.substring(0, nl)).strip());
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    // ---------------------------------------------------------------- choice from the environment

    /**
     * The family {@code JHEAT_MPI} asks for, else the one whose launcher started this process: Open MPI's
     * {@code mpirun} exports {@code OMPI_COMM_WORLD_SIZE}; MPICH's Hydra exports {@code MPI_LOCALNRANKS} and
     * {@code PMI_FD} (under SLURM, {@code PMI_FD} alone says nothing: {@code srun} serves both families). Empty when
     * nothing tells.
     * <pre>{@code Optional<MpiAbi.Family> f = MpiAbi.wanted(System.getenv()); }</pre>
     *
     * @throws IllegalArgumentException when {@code JHEAT_MPI} is set to something else than openmpi or mpich
     */
    public static Optional<Family> wanted(Map<String, String> env) {
        String asked = env.get("JHEAT_MPI");
        if (asked != null && !asked.isBlank()) {
            String a = asked.trim().toLowerCase(Locale.ROOT);
            for (Family f : Family.values()) if (f.env.equals(a)) return Optional.of(f);
            throw new IllegalArgumentException("JHEAT_MPI must be 'openmpi' or 'mpich', got '" + asked + "'");
        }
        return launcher(env);
    }

    /** The family of the launcher that started this process, when its environment tells. */
    static Optional<Family> launcher(Map<String, String> env) {
        if (env.containsKey("OMPI_COMM_WORLD_SIZE")) return Optional.of(Family.OPEN_MPI);
        if (env.containsKey("MPI_LOCALNRANKS") || (env.containsKey("PMI_FD") && !env.containsKey("SLURM_STEP_ID"))) {
            return Optional.of(Family.MPICH);
        }
        return Optional.empty();
    }

    /** File names to try when {@code JHEAT_MPI_LIB} is not set: the wanted family's, else Open MPI's then MPICH's. */
    static List<String> candidates(Map<String, String> env) {
        Optional<Family> f = wanted(env);
        if (f.isPresent()) return f.get().files;
        List<String> all = new ArrayList<>();
        for (Family g : Family.values()) all.addAll(g.files);
        return all;
    }

    /**
     * Refuses a library whose family differs from what {@code JHEAT_MPI} asks for or from the launcher's: an MPI
     * initialised under another family's launcher would not find its peers and run as {@code n} separate singletons.
     * <pre>{@code MpiAbi.checkEnvironment(file, detected, System.getenv()); }</pre>
     *
     * @throws UnsatisfiedLinkError naming the file, its family and what was expected
     */
    public static void checkEnvironment(String file, Detected d, Map<String, String> env) {
        Family got = d.abi().family();
        String asked = env.get("JHEAT_MPI");
        Optional<Family> want = wanted(env);
        if (asked != null && !asked.isBlank() && want.orElseThrow() != got) {
            throw mismatch(file, d, want.get(), "JHEAT_MPI=" + asked.trim() + " asks for " + want.get().title);
        }
        Optional<Family> l = launcher(env);
        if (l.isPresent() && l.get() != got) {
            throw mismatch(file, d, l.get(), l.get() == Family.OPEN_MPI
                    ? "this process was started by Open MPI's mpirun (OMPI_COMM_WORLD_SIZE is set)"
                    : "this process was started by MPICH's mpiexec (Hydra: MPI_LOCALNRANKS or PMI_FD is set)");
        }
    }

    private static UnsatisfiedLinkError mismatch(String file, Detected d, Family expected, String why) {
        Family got = d.abi().family();
        return new UnsatisfiedLinkError(file + " is " + got.title + " (\"" + d.version() + "\"), but " + why
                + "; expected " + expected.title + " (" + String.join(", ", expected.files) + "): point JHEAT_MPI_LIB at such a"
                + " library, or start the program with " + (got == Family.OPEN_MPI ? "Open MPI's mpirun (mpirun.openmpi)"
                : "MPICH's mpiexec (mpiexec.hydra)"));
    }
}
