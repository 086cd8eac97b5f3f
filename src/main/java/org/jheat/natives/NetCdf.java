package org.jheat.natives;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * FFM binding to the netCDF C library (4.x). Prefers Debian's parallel build {@code libnetcdf_mpi.so.19}, which
 * links the same parallel HDF5 as {@link Hdf5} (so both load into one process without clashing), then
 * {@code libnetcdf.so.19} and {@code libnetcdf.so}; under an MPICH-family MPI only the serial ones (Debian's parallel
 * netCDF links Open MPI, and one linking another MPI family is refused); {@code JHEAT_NETCDF_LIB} overrides. Functions return netCDF's
 * status codes ({@link #NOERR} is 0); {@link #strerror} explains them. {@link #PARALLEL} tells whether
 * {@code nc_open_par} (MPI-IO) exists.
 *
 * <pre>{@code
 * try (Arena a = Arena.ofConfined()) {
 *     MemorySegment id = a.allocate(JAVA_INT);
 *     int rc = NetCdf.open(a.allocateFrom("data.nc"), NetCdf.NOWRITE, id);
 *     if (rc != NetCdf.NOERR) throw new IllegalStateException(NetCdf.strerror(rc));
 *     NetCdf.close(id.get(JAVA_INT, 0));
 * }
 * }</pre>
 */
@SuppressWarnings("restricted")   // binding a native library is what this class is for
public final class NetCdf {
    private NetCdf() {}

    /** NC_NOERR. */ public static final int NOERR = 0;
    /** NC_NOWRITE. */ public static final int NOWRITE = 0;
    /** NC_WRITE. */ public static final int WRITE = 1;
    /** NC_CLOBBER. */ public static final int CLOBBER = 0;
    /** NC_NETCDF4 (HDF5-based format). */ public static final int NETCDF4 = 0x1000;
    /** NC_GLOBAL (the varid of global attributes). */ public static final int GLOBAL = -1;
    /** NC_COLLECTIVE (for nc_var_par_access). */ public static final int COLLECTIVE = 1;
    /** NC_MAX_NAME. */ public static final int MAX_NAME = 256;
    /** NC_UNLIMITED (the length that makes a dimension unlimited). */ public static final long UNLIMITED = 0L;
    /** NC_CONTIGUOUS (storage of nc_inq_var_chunking). */ public static final int CONTIGUOUS = 1;
    /** NC_CHUNKED. */ public static final int CHUNKED = 0;
    /** NC_BYTE (int8). */ public static final int BYTE = 1;
    /** NC_CHAR. */ public static final int CHAR = 2;
    /** NC_SHORT. */ public static final int SHORT = 3;
    /** NC_INT. */ public static final int INT = 4;
    /** NC_FLOAT. */ public static final int FLOAT = 5;
    /** NC_DOUBLE. */ public static final int DOUBLE = 6;
    /** NC_UBYTE. */ public static final int UBYTE = 7;
    /** NC_USHORT. */ public static final int USHORT = 8;
    /** NC_UINT. */ public static final int UINT = 9;
    /** NC_INT64. */ public static final int INT64 = 10;
    /** NC_UINT64. */ public static final int UINT64 = 11;
    /** NC_STRING. */ public static final int STRING = 12;
    /** NC_COMPOUND (class of a user-defined compound type). */ public static final int COMPOUND = 16;
    /** NC_FIRSTUSERTYPEID (user-defined type ids start here). */ public static final int FIRSTUSERTYPEID = 32;

    /** The library name or path that was loaded. */
    public static final String LIBRARY;
    /** True when the library has parallel (MPI-IO) access: {@code nc_open_par}, {@code nc_var_par_access}. */
    public static final boolean PARALLEL;
    private static final NativeLibrary LIB;

    static {
        // Debian's parallel netCDF links Open MPI (there is no MPICH build): under an MPICH-family MPI take the serial one
        boolean mpich = MpiAbi.inUse().orElse(MpiAbi.Family.OPEN_MPI) == MpiAbi.Family.MPICH;
        LIB = NativeLibrary.load("the netCDF library", "JHEAT_NETCDF_LIB", mpich
                        ? List.of("libnetcdf.so.19", "libnetcdf.so")
                        : List.of("libnetcdf_mpi.so.19", "libnetcdf.so.19", "libnetcdf.so"),
                "install it (apt-get install -y " + (mpich ? "libnetcdf19" : "libnetcdf-mpi-19") + ") or set JHEAT_NETCDF_LIB to its path",
                n -> { });
        LIBRARY = LIB.name();
        boolean mpi = MpiAbi.checkLinked(LIBRARY, LIB.symbols(), "the serial libnetcdf.so.19");
        PARALLEL = mpi && LIB.symbols().find("nc_open_par").isPresent() && LIB.symbols().find("nc_var_par_access").isPresent();
    }

    private static MemorySegment sym(String name) { return LIB.sym(name); }

    private static RuntimeException rethrow(Throwable t) { return NativeLibrary.rethrow(t); }

    /** The library's text for a status code. <pre>{@code String why = NetCdf.strerror(rc); }</pre> */
    public static String strerror(int code) {
        MemorySegment s = strerrorRaw(code);
        return s.equals(MemorySegment.NULL) ? "netCDF error " + code : s.reinterpret(4096).getString(0) + " (netCDF error " + code + ")";
    }

    // ---------------------------------------------------------------- parallel only

    /** MPI-taking functions, bound on first use: their handle arguments follow the loaded MPI's ABI ({@link Mpi#HANDLE}). */
    private static final class Par {
        static final Optional<MethodHandle> OPEN_PAR_H = Mpi.handleFn(LIB, "nc_open_par", ADDRESS, JAVA_INT, Mpi.HANDLE, Mpi.HANDLE, ADDRESS);
    }
    private static final Optional<MethodHandle> VAR_PAR_ACCESS_H = LIB.optionalFn("nc_var_par_access", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);

    /** {@code nc_open_par(path, mode, comm, info, ncidp)}; only when {@link #PARALLEL}. */
    public static int openPar(MemorySegment path, int mode, MemorySegment comm, MemorySegment info, MemorySegment ncidp) {
        try {
            return (int) Par.OPEN_PAR_H.orElseThrow(() -> new UnsupportedOperationException(LIBRARY + " is not parallel netCDF"))
                    .invokeExact(path, mode, comm, info, ncidp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_var_par_access(ncid, varid, access)}; only when {@link #PARALLEL}. */
    public static int varParAccess(int ncid, int varid, int access) {
        try {
            return (int) VAR_PAR_ACCESS_H.orElseThrow(() -> new UnsupportedOperationException(LIBRARY + " is not parallel netCDF"))
                    .invokeExact(ncid, varid, access);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- functions

    private static final MethodHandle OPEN_H = LIB.fn("nc_open", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
    private static final MethodHandle CREATE_H = LIB.fn("nc_create", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
    private static final MethodHandle CLOSE_H = LIB.fn("nc_close", JAVA_INT, JAVA_INT);
    private static final MethodHandle REDEF_H = LIB.fn("nc_redef", JAVA_INT, JAVA_INT);
    private static final MethodHandle ENDDEF_H = LIB.fn("nc_enddef", JAVA_INT, JAVA_INT);
    private static final MethodHandle STRERRORRAW_H = LIB.fn("nc_strerror", ADDRESS, JAVA_INT);
    private static final MethodHandle INQVARID_H = LIB.fn("nc_inq_varid", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle INQNVARS_H = LIB.fn("nc_inq_nvars", JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle INQVARNAME_H = LIB.fn("nc_inq_varname", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle INQVARTYPE_H = LIB.fn("nc_inq_vartype", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle INQVARNDIMS_H = LIB.fn("nc_inq_varndims", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle INQVARDIMID_H = LIB.fn("nc_inq_vardimid", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle INQDIMLEN_H = LIB.fn("nc_inq_dimlen", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle INQDIMID_H = LIB.fn("nc_inq_dimid", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle DEFDIM_H = LIB.fn("nc_def_dim", JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
    private static final MethodHandle DEFVAR_H = LIB.fn("nc_def_var", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle PUTATTTEXT_H = LIB.fn("nc_put_att_text", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
    private static final MethodHandle GETATTTEXT_H = LIB.fn("nc_get_att_text", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle INQATTLEN_H = LIB.fn("nc_inq_attlen", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARASCHAR_H = LIB.fn("nc_get_vara_schar", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle PUTVARASCHAR_H = LIB.fn("nc_put_vara_schar", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARAUCHAR_H = LIB.fn("nc_get_vara_uchar", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle PUTVARAUCHAR_H = LIB.fn("nc_put_vara_uchar", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARASHORT_H = LIB.fn("nc_get_vara_short", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle PUTVARASHORT_H = LIB.fn("nc_put_vara_short", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARAINT_H = LIB.fn("nc_get_vara_int", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle PUTVARAINT_H = LIB.fn("nc_put_vara_int", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARALONGLONG_H = LIB.fn("nc_get_vara_longlong", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle PUTVARALONGLONG_H = LIB.fn("nc_put_vara_longlong", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARAFLOAT_H = LIB.fn("nc_get_vara_float", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle PUTVARAFLOAT_H = LIB.fn("nc_put_vara_float", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARADOUBLE_H = LIB.fn("nc_get_vara_double", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle PUTVARADOUBLE_H = LIB.fn("nc_put_vara_double", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle INQUNLIMDIMS_H = LIB.fn("nc_inq_unlimdims", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle INQDIMNAME_H = LIB.fn("nc_inq_dimname", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle INQVARCHUNKING_H = LIB.fn("nc_inq_var_chunking", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle INQVARDEFLATE_H = LIB.fn("nc_inq_var_deflate", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle INQVARNATTS_H = LIB.fn("nc_inq_varnatts", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle INQATTNAME_H = LIB.fn("nc_inq_attname", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle INQATT_H = LIB.fn("nc_inq_att", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GETATTDOUBLE_H = LIB.fn("nc_get_att_double", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle GETATTLONGLONG_H = LIB.fn("nc_get_att_longlong", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle GETATTSTRING_H = LIB.fn("nc_get_att_string", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle FREESTRING_H = LIB.fn("nc_free_string", JAVA_INT, JAVA_LONG, ADDRESS);
    private static final MethodHandle PUTATTDOUBLE_H = LIB.fn("nc_put_att_double", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS);
    private static final MethodHandle GETVARSSCHAR_H = LIB.fn("nc_get_vars_schar", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARSUCHAR_H = LIB.fn("nc_get_vars_uchar", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARSSHORT_H = LIB.fn("nc_get_vars_short", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARSINT_H = LIB.fn("nc_get_vars_int", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARSLONGLONG_H = LIB.fn("nc_get_vars_longlong", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARSFLOAT_H = LIB.fn("nc_get_vars_float", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARA_H = LIB.fn("nc_get_vara", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle PUTVARA_H = LIB.fn("nc_put_vara", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARS_H = LIB.fn("nc_get_vars", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle INQUSERTYPE_H = LIB.fn("nc_inq_user_type", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle INQCOMPOUNDFIELD_H = LIB.fn("nc_inq_compound_field", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle DEFCOMPOUND_H = LIB.fn("nc_def_compound", JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
    private static final MethodHandle INSERTCOMPOUND_H = LIB.fn("nc_insert_compound", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle INQTYPEID_H = LIB.fn("nc_inq_typeid", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle GETVARSDOUBLE_H = LIB.fn("nc_get_vars_double", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);

    /** {@code nc_open}. */
    public static int open(MemorySegment path, int mode, MemorySegment ncidp) {
        try {
            return (int) OPEN_H.invokeExact(path, mode, ncidp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_create}. */
    public static int create(MemorySegment path, int cmode, MemorySegment ncidp) {
        try {
            return (int) CREATE_H.invokeExact(path, cmode, ncidp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_close}. */
    public static int close(int ncid) {
        try {
            return (int) CLOSE_H.invokeExact(ncid);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_redef}. */
    public static int redef(int ncid) {
        try {
            return (int) REDEF_H.invokeExact(ncid);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_enddef}. */
    public static int enddef(int ncid) {
        try {
            return (int) ENDDEF_H.invokeExact(ncid);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_strerror}. */
    public static MemorySegment strerrorRaw(int code) {
        try {
            return (MemorySegment) STRERRORRAW_H.invokeExact(code);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_varid}. */
    public static int inqVarid(int ncid, MemorySegment name, MemorySegment varidp) {
        try {
            return (int) INQVARID_H.invokeExact(ncid, name, varidp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_nvars}. */
    public static int inqNvars(int ncid, MemorySegment nvarsp) {
        try {
            return (int) INQNVARS_H.invokeExact(ncid, nvarsp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_varname}. */
    public static int inqVarname(int ncid, int varid, MemorySegment name) {
        try {
            return (int) INQVARNAME_H.invokeExact(ncid, varid, name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_vartype}. */
    public static int inqVartype(int ncid, int varid, MemorySegment typep) {
        try {
            return (int) INQVARTYPE_H.invokeExact(ncid, varid, typep);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_varndims}. */
    public static int inqVarndims(int ncid, int varid, MemorySegment ndimsp) {
        try {
            return (int) INQVARNDIMS_H.invokeExact(ncid, varid, ndimsp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_vardimid}. */
    public static int inqVardimid(int ncid, int varid, MemorySegment dimidsp) {
        try {
            return (int) INQVARDIMID_H.invokeExact(ncid, varid, dimidsp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_dimlen}. */
    public static int inqDimlen(int ncid, int dimid, MemorySegment lenp) {
        try {
            return (int) INQDIMLEN_H.invokeExact(ncid, dimid, lenp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_dimid}. */
    public static int inqDimid(int ncid, MemorySegment name, MemorySegment dimidp) {
        try {
            return (int) INQDIMID_H.invokeExact(ncid, name, dimidp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_def_dim}. */
    public static int defDim(int ncid, MemorySegment name, long len, MemorySegment dimidp) {
        try {
            return (int) DEFDIM_H.invokeExact(ncid, name, len, dimidp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_def_var}. */
    public static int defVar(int ncid, MemorySegment name, int xtype, int ndims, MemorySegment dimids, MemorySegment varidp) {
        try {
            return (int) DEFVAR_H.invokeExact(ncid, name, xtype, ndims, dimids, varidp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_put_att_text}. */
    public static int putAttText(int ncid, int varid, MemorySegment name, long len, MemorySegment op) {
        try {
            return (int) PUTATTTEXT_H.invokeExact(ncid, varid, name, len, op);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_att_text}. */
    public static int getAttText(int ncid, int varid, MemorySegment name, MemorySegment ip) {
        try {
            return (int) GETATTTEXT_H.invokeExact(ncid, varid, name, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_attlen}. */
    public static int inqAttlen(int ncid, int varid, MemorySegment name, MemorySegment lenp) {
        try {
            return (int) INQATTLEN_H.invokeExact(ncid, varid, name, lenp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vara_schar}. */
    public static int getVaraSchar(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment ip) {
        try {
            return (int) GETVARASCHAR_H.invokeExact(ncid, varid, start, count, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_put_vara_schar}. */
    public static int putVaraSchar(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment op) {
        try {
            return (int) PUTVARASCHAR_H.invokeExact(ncid, varid, start, count, op);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vara_uchar}. */
    public static int getVaraUchar(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment ip) {
        try {
            return (int) GETVARAUCHAR_H.invokeExact(ncid, varid, start, count, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_put_vara_uchar}. */
    public static int putVaraUchar(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment op) {
        try {
            return (int) PUTVARAUCHAR_H.invokeExact(ncid, varid, start, count, op);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vara_short}. */
    public static int getVaraShort(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment ip) {
        try {
            return (int) GETVARASHORT_H.invokeExact(ncid, varid, start, count, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_put_vara_short}. */
    public static int putVaraShort(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment op) {
        try {
            return (int) PUTVARASHORT_H.invokeExact(ncid, varid, start, count, op);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vara_int}. */
    public static int getVaraInt(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment ip) {
        try {
            return (int) GETVARAINT_H.invokeExact(ncid, varid, start, count, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_put_vara_int}. */
    public static int putVaraInt(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment op) {
        try {
            return (int) PUTVARAINT_H.invokeExact(ncid, varid, start, count, op);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vara_longlong}. */
    public static int getVaraLonglong(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment ip) {
        try {
            return (int) GETVARALONGLONG_H.invokeExact(ncid, varid, start, count, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_put_vara_longlong}. */
    public static int putVaraLonglong(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment op) {
        try {
            return (int) PUTVARALONGLONG_H.invokeExact(ncid, varid, start, count, op);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vara_float}. */
    public static int getVaraFloat(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment ip) {
        try {
            return (int) GETVARAFLOAT_H.invokeExact(ncid, varid, start, count, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_put_vara_float}. */
    public static int putVaraFloat(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment op) {
        try {
            return (int) PUTVARAFLOAT_H.invokeExact(ncid, varid, start, count, op);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vara_double}. */
    public static int getVaraDouble(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment ip) {
        try {
            return (int) GETVARADOUBLE_H.invokeExact(ncid, varid, start, count, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_put_vara_double}. */
    public static int putVaraDouble(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment op) {
        try {
            return (int) PUTVARADOUBLE_H.invokeExact(ncid, varid, start, count, op);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_unlimdims}. */
    public static int inqUnlimdims(int ncid, MemorySegment nunlimdimsp, MemorySegment unlimdimidsp) {
        try {
            return (int) INQUNLIMDIMS_H.invokeExact(ncid, nunlimdimsp, unlimdimidsp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_dimname}. */
    public static int inqDimname(int ncid, int dimid, MemorySegment name) {
        try {
            return (int) INQDIMNAME_H.invokeExact(ncid, dimid, name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_var_chunking}. */
    public static int inqVarChunking(int ncid, int varid, MemorySegment storagep, MemorySegment chunksizesp) {
        try {
            return (int) INQVARCHUNKING_H.invokeExact(ncid, varid, storagep, chunksizesp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_var_deflate}. */
    public static int inqVarDeflate(int ncid, int varid, MemorySegment shufflep, MemorySegment deflatep, MemorySegment levelp) {
        try {
            return (int) INQVARDEFLATE_H.invokeExact(ncid, varid, shufflep, deflatep, levelp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_varnatts}. */
    public static int inqVarnatts(int ncid, int varid, MemorySegment nattsp) {
        try {
            return (int) INQVARNATTS_H.invokeExact(ncid, varid, nattsp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_attname}. */
    public static int inqAttname(int ncid, int varid, int attnum, MemorySegment name) {
        try {
            return (int) INQATTNAME_H.invokeExact(ncid, varid, attnum, name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_att}. */
    public static int inqAtt(int ncid, int varid, MemorySegment name, MemorySegment xtypep, MemorySegment lenp) {
        try {
            return (int) INQATT_H.invokeExact(ncid, varid, name, xtypep, lenp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_att_double}. */
    public static int getAttDouble(int ncid, int varid, MemorySegment name, MemorySegment ip) {
        try {
            return (int) GETATTDOUBLE_H.invokeExact(ncid, varid, name, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_att_longlong}. */
    public static int getAttLonglong(int ncid, int varid, MemorySegment name, MemorySegment ip) {
        try {
            return (int) GETATTLONGLONG_H.invokeExact(ncid, varid, name, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_att_string}. */
    public static int getAttString(int ncid, int varid, MemorySegment name, MemorySegment ip) {
        try {
            return (int) GETATTSTRING_H.invokeExact(ncid, varid, name, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_free_string}. */
    public static int freeString(long len, MemorySegment data) {
        try {
            return (int) FREESTRING_H.invokeExact(len, data);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_put_att_double}. */
    public static int putAttDouble(int ncid, int varid, MemorySegment name, int xtype, long len, MemorySegment op) {
        try {
            return (int) PUTATTDOUBLE_H.invokeExact(ncid, varid, name, xtype, len, op);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vars_schar}. */
    public static int getVarsSchar(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment stride, MemorySegment ip) {
        try {
            return (int) GETVARSSCHAR_H.invokeExact(ncid, varid, start, count, stride, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vars_uchar}. */
    public static int getVarsUchar(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment stride, MemorySegment ip) {
        try {
            return (int) GETVARSUCHAR_H.invokeExact(ncid, varid, start, count, stride, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vars_short}. */
    public static int getVarsShort(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment stride, MemorySegment ip) {
        try {
            return (int) GETVARSSHORT_H.invokeExact(ncid, varid, start, count, stride, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vars_int}. */
    public static int getVarsInt(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment stride, MemorySegment ip) {
        try {
            return (int) GETVARSINT_H.invokeExact(ncid, varid, start, count, stride, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vars_longlong}. */
    public static int getVarsLonglong(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment stride, MemorySegment ip) {
        try {
            return (int) GETVARSLONGLONG_H.invokeExact(ncid, varid, start, count, stride, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vars_float}. */
    public static int getVarsFloat(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment stride, MemorySegment ip) {
        try {
            return (int) GETVARSFLOAT_H.invokeExact(ncid, varid, start, count, stride, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vars_double}. */
    public static int getVarsDouble(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment stride, MemorySegment ip) {
        try {
            return (int) GETVARSDOUBLE_H.invokeExact(ncid, varid, start, count, stride, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vara} (untyped: the variable's own type, e.g. a compound, in its native layout). */
    public static int getVara(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment ip) {
        try {
            return (int) GETVARA_H.invokeExact(ncid, varid, start, count, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_put_vara} (untyped). */
    public static int putVara(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment op) {
        try {
            return (int) PUTVARA_H.invokeExact(ncid, varid, start, count, op);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_get_vars} (untyped, strided). */
    public static int getVars(int ncid, int varid, MemorySegment start, MemorySegment count, MemorySegment stride, MemorySegment ip) {
        try {
            return (int) GETVARS_H.invokeExact(ncid, varid, start, count, stride, ip);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_user_type(ncid, xtype, name, size, base_nc_type, nfields, class)}; any out pointer may be NULL. */
    public static int inqUserType(int ncid, int xtype, MemorySegment name, MemorySegment size, MemorySegment baseType,
                                  MemorySegment nfields, MemorySegment cls) {
        try {
            return (int) INQUSERTYPE_H.invokeExact(ncid, xtype, name, size, baseType, nfields, cls);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_compound_field(ncid, xtype, field, name, offset, field_type, ndims, dim_sizes)}; out pointers may be NULL. */
    public static int inqCompoundField(int ncid, int xtype, int field, MemorySegment name, MemorySegment offset,
                                       MemorySegment fieldType, MemorySegment ndims, MemorySegment dimSizes) {
        try {
            return (int) INQCOMPOUNDFIELD_H.invokeExact(ncid, xtype, field, name, offset, fieldType, ndims, dimSizes);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_def_compound(ncid, size, name, typeid)}. */
    public static int defCompound(int ncid, long size, MemorySegment name, MemorySegment typeid) {
        try {
            return (int) DEFCOMPOUND_H.invokeExact(ncid, size, name, typeid);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_insert_compound(ncid, xtype, name, offset, field_typeid)}. */
    public static int insertCompound(int ncid, int xtype, MemorySegment name, long offset, int fieldType) {
        try {
            return (int) INSERTCOMPOUND_H.invokeExact(ncid, xtype, name, offset, fieldType);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code nc_inq_typeid(ncid, name, typeid)}: a type by name (atomic or user-defined). */
    public static int inqTypeid(int ncid, MemorySegment name, MemorySegment typeid) {
        try {
            return (int) INQTYPEID_H.invokeExact(ncid, name, typeid);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
