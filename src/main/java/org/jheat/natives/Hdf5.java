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
 * FFM binding to the HDF5 C library (1.10 ABI: {@code hid_t} is a 64-bit integer). Prefers Debian's parallel
 * build for the MPI in use ({@code libhdf5_openmpi.so.103}, or {@code libhdf5_mpich.so.103} under an MPICH-family
 * MPI; MPI-IO driver available: {@link #PARALLEL}), then the serial {@code libhdf5_serial.so.103},
 * {@code libhdf5.so.103}, {@code libhdf5.so}; {@code JHEAT_HDF5_LIB} (a file name or path) overrides. A parallel
 * build linking another MPI family than the process uses is refused (its MPI calls would reach the wrong library). Functions return HDF5's own codes unchanged (negative on failure); the I/O layer turns
 * them into exceptions. The predefined type and property-list class ids are library GLOBAL VARIABLES, read once
 * after {@code H5open}. The library's automatic error printing is switched off when the class loads.
 *
 * <pre>{@code
 * try (Arena a = Arena.ofConfined()) {
 *     long f = Hdf5.fOpen(a.allocateFrom("data.h5"), Hdf5.F_ACC_RDONLY, Hdf5.P_DEFAULT);
 *     long d = Hdf5.dOpen(f, a.allocateFrom("temperature"), Hdf5.P_DEFAULT);
 *     …
 *     Hdf5.dClose(d);
 *     Hdf5.fClose(f);
 * }
 * }</pre>
 */
@SuppressWarnings("restricted")   // binding a native library is what this class is for
public final class Hdf5 {
    private Hdf5() {}

    /** H5P_DEFAULT. */
    public static final long P_DEFAULT = 0;
    /** H5S_ALL. */
    public static final long S_ALL = 0;
    /** H5E_DEFAULT. */
    public static final long E_DEFAULT = 0;
    /** H5F_ACC_RDONLY. */
    public static final int F_ACC_RDONLY = 0;
    /** H5F_ACC_RDWR. */
    public static final int F_ACC_RDWR = 1;
    /** H5F_ACC_TRUNC. */
    public static final int F_ACC_TRUNC = 2;
    /** H5S_SELECT_SET. */
    public static final int S_SELECT_SET = 0;
    /** H5T_INTEGER. */
    public static final int T_INTEGER = 0;
    /** H5T_FLOAT. */
    public static final int T_FLOAT = 1;
    /** H5T_STRING. */
    public static final int T_STRING = 3;
    /** H5T_COMPOUND. */
    public static final int T_COMPOUND = 6;
    /** H5T_ENUM. */
    public static final int T_ENUM = 8;
    /** H5T_SGN_NONE (unsigned integers). */
    public static final int T_SGN_NONE = 0;
    /** H5I_GROUP. */
    public static final int I_GROUP = 2;
    /** H5I_DATASET. */
    public static final int I_DATASET = 5;
    /** H5FD_MPIO_INDEPENDENT. */
    public static final int FD_MPIO_INDEPENDENT = 0;
    /** H5FD_MPIO_COLLECTIVE. */
    public static final int FD_MPIO_COLLECTIVE = 1;
    /** H5_INDEX_NAME. */
    public static final int INDEX_NAME = 0;
    /** H5_ITER_INC. */
    public static final int ITER_INC = 0;
    /** H5D_CHUNKED (dataset layout). */
    public static final int D_CHUNKED = 2;
    /** H5T_VARIABLE (a variable-length string size). */
    public static final long T_VARIABLE = -1L;
    /** H5T_ORDER_BE. */
    public static final int T_ORDER_BE = 1;
    /** sizeof(H5G_info_t); {@code nlinks} (hsize_t) is at byte 8. */
    public static final long G_INFO_BYTES = 32;

    /** The library name or path that was loaded. */
    public static final String LIBRARY;
    /** True when the library has the MPI-IO driver ({@code H5Pset_fapl_mpio}): parallel HDF5. */
    public static final boolean PARALLEL;
    private static final NativeLibrary LIB;

    static {
        // Debian's parallel build links Open MPI: under an MPICH-family MPI take Debian's MPICH build, else the serial one
        boolean mpich = MpiAbi.inUse().orElse(MpiAbi.Family.OPEN_MPI) == MpiAbi.Family.MPICH;
        LIB = NativeLibrary.load("the HDF5 library", "JHEAT_HDF5_LIB", mpich
                        ? List.of("libhdf5_mpich.so.103", "libhdf5_serial.so.103", "libhdf5.so.103", "libhdf5.so")
                        : List.of("libhdf5_openmpi.so.103", "libhdf5_serial.so.103", "libhdf5.so.103", "libhdf5.so"),
                "install it (apt-get install -y " + (mpich ? "libhdf5-mpich-103-1 or libhdf5-103-1" : "libhdf5-openmpi-103-1")
                        + ") or set JHEAT_HDF5_LIB to its path", n -> { });
        LIBRARY = LIB.name();
        boolean mpi = MpiAbi.checkLinked(LIBRARY, LIB.symbols(), "the serial libhdf5_serial.so.103");
        PARALLEL = mpi && LIB.symbols().find("H5Pset_fapl_mpio").isPresent();
    }

    private static MemorySegment sym(String name) { return LIB.sym(name); }

    private static RuntimeException rethrow(Throwable t) { return NativeLibrary.rethrow(t); }

    /** Reads an {@code hid_t} global variable (valid only after H5open). */
    private static long global(String name) {
        return sym(name).reinterpret(8).get(JAVA_LONG, 0);
    }

    // ---------------------------------------------------------------- functions

    private static final MethodHandle OPEN_H = LIB.fn("H5open", JAVA_INT);
    private static final MethodHandle ESETAUTO_H = LIB.fn("H5Eset_auto2", JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
    private static final MethodHandle PCREATE_H = LIB.fn("H5Pcreate", JAVA_LONG, JAVA_LONG);
    private static final MethodHandle PCLOSE_H = LIB.fn("H5Pclose", JAVA_INT, JAVA_LONG);
    private static final MethodHandle PSETCHUNK_H = LIB.fn("H5Pset_chunk", JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS);
    private static final MethodHandle PSETDEFLATE_H = LIB.fn("H5Pset_deflate", JAVA_INT, JAVA_LONG, JAVA_INT);
    private static final MethodHandle PSETCREATEINTERMEDIATEGROUP_H = LIB.fn("H5Pset_create_intermediate_group", JAVA_INT, JAVA_LONG, JAVA_INT);
    private static final MethodHandle FOPEN_H = LIB.fn("H5Fopen", JAVA_LONG, ADDRESS, JAVA_INT, JAVA_LONG);
    private static final MethodHandle FCREATE_H = LIB.fn("H5Fcreate", JAVA_LONG, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle FCLOSE_H = LIB.fn("H5Fclose", JAVA_INT, JAVA_LONG);
    private static final MethodHandle FISHDF5_H = LIB.fn("H5Fis_hdf5", JAVA_INT, ADDRESS);
    private static final MethodHandle DOPEN_H = LIB.fn("H5Dopen2", JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG);
    private static final MethodHandle DCREATE_H = LIB.fn("H5Dcreate2", JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle DGETSPACE_H = LIB.fn("H5Dget_space", JAVA_LONG, JAVA_LONG);
    private static final MethodHandle DGETTYPE_H = LIB.fn("H5Dget_type", JAVA_LONG, JAVA_LONG);
    private static final MethodHandle DCLOSE_H = LIB.fn("H5Dclose", JAVA_INT, JAVA_LONG);
    private static final MethodHandle DREAD_H = LIB.fn("H5Dread", JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS);
    private static final MethodHandle DWRITE_H = LIB.fn("H5Dwrite", JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS);
    private static final MethodHandle SGETSIMPLEEXTENTNDIMS_H = LIB.fn("H5Sget_simple_extent_ndims", JAVA_INT, JAVA_LONG);
    private static final MethodHandle SGETSIMPLEEXTENTDIMS_H = LIB.fn("H5Sget_simple_extent_dims", JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
    private static final MethodHandle SCREATESIMPLE_H = LIB.fn("H5Screate_simple", JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle SSELECTHYPERSLAB_H = LIB.fn("H5Sselect_hyperslab", JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle SSELECTNONE_H = LIB.fn("H5Sselect_none", JAVA_INT, JAVA_LONG);
    private static final MethodHandle SCLOSE_H = LIB.fn("H5Sclose", JAVA_INT, JAVA_LONG);
    private static final MethodHandle TGETCLASS_H = LIB.fn("H5Tget_class", JAVA_INT, JAVA_LONG);
    private static final MethodHandle TGETSIZE_H = LIB.fn("H5Tget_size", JAVA_LONG, JAVA_LONG);
    private static final MethodHandle TGETSIGN_H = LIB.fn("H5Tget_sign", JAVA_INT, JAVA_LONG);
    private static final MethodHandle TCOPY_H = LIB.fn("H5Tcopy", JAVA_LONG, JAVA_LONG);
    private static final MethodHandle TCLOSE_H = LIB.fn("H5Tclose", JAVA_INT, JAVA_LONG);
    private static final MethodHandle TENUMCREATE_H = LIB.fn("H5Tenum_create", JAVA_LONG, JAVA_LONG);
    private static final MethodHandle TENUMINSERT_H = LIB.fn("H5Tenum_insert", JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
    private static final MethodHandle OOPEN_H = LIB.fn("H5Oopen", JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG);
    private static final MethodHandle OCLOSE_H = LIB.fn("H5Oclose", JAVA_INT, JAVA_LONG);
    private static final MethodHandle IGETTYPE_H = LIB.fn("H5Iget_type", JAVA_INT, JAVA_LONG);
    private static final MethodHandle LEXISTS_H = LIB.fn("H5Lexists", JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG);
    private static final MethodHandle LDELETE_H = LIB.fn("H5Ldelete", JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG);
    private static final MethodHandle GGETINFO_H = LIB.fn("H5Gget_info", JAVA_INT, JAVA_LONG, ADDRESS);
    private static final MethodHandle LGETNAMEBYIDX_H = LIB.fn("H5Lget_name_by_idx", JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle DGETCREATEPLIST_H = LIB.fn("H5Dget_create_plist", JAVA_LONG, JAVA_LONG);
    private static final MethodHandle PGETLAYOUT_H = LIB.fn("H5Pget_layout", JAVA_INT, JAVA_LONG);
    private static final MethodHandle PGETCHUNK_H = LIB.fn("H5Pget_chunk", JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS);
    private static final MethodHandle PGETNFILTERS_H = LIB.fn("H5Pget_nfilters", JAVA_INT, JAVA_LONG);
    private static final MethodHandle PGETFILTER2_H = LIB.fn("H5Pget_filter2", JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS);
    private static final MethodHandle AOPENBYIDX_H = LIB.fn("H5Aopen_by_idx", JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle AGETNAME_H = LIB.fn("H5Aget_name", JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS);
    private static final MethodHandle AGETTYPE_H = LIB.fn("H5Aget_type", JAVA_LONG, JAVA_LONG);
    private static final MethodHandle AGETSPACE_H = LIB.fn("H5Aget_space", JAVA_LONG, JAVA_LONG);
    private static final MethodHandle AREAD_H = LIB.fn("H5Aread", JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS);
    private static final MethodHandle ACLOSE_H = LIB.fn("H5Aclose", JAVA_INT, JAVA_LONG);
    private static final MethodHandle SGETSIMPLEEXTENTNPOINTS_H = LIB.fn("H5Sget_simple_extent_npoints", JAVA_LONG, JAVA_LONG);
    private static final MethodHandle TISVARIABLESTR_H = LIB.fn("H5Tis_variable_str", JAVA_INT, JAVA_LONG);
    private static final MethodHandle TSETSIZE_H = LIB.fn("H5Tset_size", JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle TGETORDER_H = LIB.fn("H5Tget_order", JAVA_INT, JAVA_LONG);
    private static final MethodHandle FREEMEMORY_H = LIB.fn("H5free_memory", JAVA_INT, ADDRESS);
    private static final MethodHandle TCREATE_H = LIB.fn("H5Tcreate", JAVA_LONG, JAVA_INT, JAVA_LONG);
    private static final MethodHandle TINSERT_H = LIB.fn("H5Tinsert", JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle TGETNMEMBERS_H = LIB.fn("H5Tget_nmembers", JAVA_INT, JAVA_LONG);
    private static final MethodHandle TGETMEMBERNAME_H = LIB.fn("H5Tget_member_name", ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle TGETMEMBEROFFSET_H = LIB.fn("H5Tget_member_offset", JAVA_LONG, JAVA_LONG, JAVA_INT);
    private static final MethodHandle TGETMEMBERTYPE_H = LIB.fn("H5Tget_member_type", JAVA_LONG, JAVA_LONG, JAVA_INT);

    /** {@code H5open}. */
    public static int open() {
        try {
            return (int) OPEN_H.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Eset_auto2}. */
    public static int eSetAuto(long estack, MemorySegment func, MemorySegment data) {
        try {
            return (int) ESETAUTO_H.invokeExact(estack, func, data);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Pcreate}. */
    public static long pCreate(long cls) {
        try {
            return (long) PCREATE_H.invokeExact(cls);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Pclose}. */
    public static int pClose(long plist) {
        try {
            return (int) PCLOSE_H.invokeExact(plist);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Pset_chunk}. */
    public static int pSetChunk(long dcpl, int ndims, MemorySegment dims) {
        try {
            return (int) PSETCHUNK_H.invokeExact(dcpl, ndims, dims);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Pset_deflate}. */
    public static int pSetDeflate(long dcpl, int level) {
        try {
            return (int) PSETDEFLATE_H.invokeExact(dcpl, level);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Pset_create_intermediate_group}. */
    public static int pSetCreateIntermediateGroup(long lcpl, int flag) {
        try {
            return (int) PSETCREATEINTERMEDIATEGROUP_H.invokeExact(lcpl, flag);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Fopen}. */
    public static long fOpen(MemorySegment name, int flags, long fapl) {
        try {
            return (long) FOPEN_H.invokeExact(name, flags, fapl);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Fcreate}. */
    public static long fCreate(MemorySegment name, int flags, long fcpl, long fapl) {
        try {
            return (long) FCREATE_H.invokeExact(name, flags, fcpl, fapl);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Fclose}. */
    public static int fClose(long file) {
        try {
            return (int) FCLOSE_H.invokeExact(file);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Fis_hdf5}. */
    public static int fIsHdf5(MemorySegment name) {
        try {
            return (int) FISHDF5_H.invokeExact(name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Dopen2}. */
    public static long dOpen(long loc, MemorySegment name, long dapl) {
        try {
            return (long) DOPEN_H.invokeExact(loc, name, dapl);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Dcreate2}. */
    public static long dCreate(long loc, MemorySegment name, long type, long space, long lcpl, long dcpl, long dapl) {
        try {
            return (long) DCREATE_H.invokeExact(loc, name, type, space, lcpl, dcpl, dapl);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Dget_space}. */
    public static long dGetSpace(long dset) {
        try {
            return (long) DGETSPACE_H.invokeExact(dset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Dget_type}. */
    public static long dGetType(long dset) {
        try {
            return (long) DGETTYPE_H.invokeExact(dset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Dclose}. */
    public static int dClose(long dset) {
        try {
            return (int) DCLOSE_H.invokeExact(dset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Dread}. */
    public static int dRead(long dset, long memType, long memSpace, long fileSpace, long dxpl, MemorySegment buf) {
        try {
            return (int) DREAD_H.invokeExact(dset, memType, memSpace, fileSpace, dxpl, buf);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Dwrite}. */
    public static int dWrite(long dset, long memType, long memSpace, long fileSpace, long dxpl, MemorySegment buf) {
        try {
            return (int) DWRITE_H.invokeExact(dset, memType, memSpace, fileSpace, dxpl, buf);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Sget_simple_extent_ndims}. */
    public static int sGetSimpleExtentNdims(long space) {
        try {
            return (int) SGETSIMPLEEXTENTNDIMS_H.invokeExact(space);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Sget_simple_extent_dims}. */
    public static int sGetSimpleExtentDims(long space, MemorySegment dims, MemorySegment maxdims) {
        try {
            return (int) SGETSIMPLEEXTENTDIMS_H.invokeExact(space, dims, maxdims);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Screate_simple}. */
    public static long sCreateSimple(int rank, MemorySegment dims, MemorySegment maxdims) {
        try {
            return (long) SCREATESIMPLE_H.invokeExact(rank, dims, maxdims);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Sselect_hyperslab}. */
    public static int sSelectHyperslab(long space, int op, MemorySegment start, MemorySegment stride, MemorySegment count, MemorySegment block) {
        try {
            return (int) SSELECTHYPERSLAB_H.invokeExact(space, op, start, stride, count, block);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Sselect_none}. */
    public static int sSelectNone(long space) {
        try {
            return (int) SSELECTNONE_H.invokeExact(space);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Sclose}. */
    public static int sClose(long space) {
        try {
            return (int) SCLOSE_H.invokeExact(space);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tget_class}. */
    public static int tGetClass(long type) {
        try {
            return (int) TGETCLASS_H.invokeExact(type);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tget_size}. */
    public static long tGetSize(long type) {
        try {
            return (long) TGETSIZE_H.invokeExact(type);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tget_sign}. */
    public static int tGetSign(long type) {
        try {
            return (int) TGETSIGN_H.invokeExact(type);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tcopy}. */
    public static long tCopy(long type) {
        try {
            return (long) TCOPY_H.invokeExact(type);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tclose}. */
    public static int tClose(long type) {
        try {
            return (int) TCLOSE_H.invokeExact(type);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tenum_create}. */
    public static long tEnumCreate(long base) {
        try {
            return (long) TENUMCREATE_H.invokeExact(base);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tenum_insert}. */
    public static int tEnumInsert(long type, MemorySegment name, MemorySegment value) {
        try {
            return (int) TENUMINSERT_H.invokeExact(type, name, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Oopen}. */
    public static long oOpen(long loc, MemorySegment name, long lapl) {
        try {
            return (long) OOPEN_H.invokeExact(loc, name, lapl);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Oclose}. */
    public static int oClose(long obj) {
        try {
            return (int) OCLOSE_H.invokeExact(obj);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Iget_type}. */
    public static int iGetType(long id) {
        try {
            return (int) IGETTYPE_H.invokeExact(id);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Lexists}. */
    public static int lExists(long loc, MemorySegment name, long lapl) {
        try {
            return (int) LEXISTS_H.invokeExact(loc, name, lapl);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Ldelete}. */
    public static int lDelete(long loc, MemorySegment name, long lapl) {
        try {
            return (int) LDELETE_H.invokeExact(loc, name, lapl);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Gget_info}. */
    public static int gGetInfo(long group, MemorySegment info) {
        try {
            return (int) GGETINFO_H.invokeExact(group, info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Lget_name_by_idx}. */
    public static long lGetNameByIdx(long loc, MemorySegment groupName, int idxType, int order, long n, MemorySegment name, long size, long lapl) {
        try {
            return (long) LGETNAMEBYIDX_H.invokeExact(loc, groupName, idxType, order, n, name, size, lapl);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
    /** {@code H5Dget_create_plist}. */
    public static long dGetCreatePlist(long dset) {
        try {
            return (long) DGETCREATEPLIST_H.invokeExact(dset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Pget_layout}. */
    public static int pGetLayout(long plist) {
        try {
            return (int) PGETLAYOUT_H.invokeExact(plist);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Pget_chunk}. */
    public static int pGetChunk(long plist, int maxNdims, MemorySegment dims) {
        try {
            return (int) PGETCHUNK_H.invokeExact(plist, maxNdims, dims);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Pget_nfilters}. */
    public static int pGetNfilters(long plist) {
        try {
            return (int) PGETNFILTERS_H.invokeExact(plist);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Pget_filter2}. */
    public static int pGetFilter(long plist, int idx, MemorySegment flags, MemorySegment cdNelmts, MemorySegment cdValues, long namelen, MemorySegment name, MemorySegment filterConfig) {
        try {
            return (int) PGETFILTER2_H.invokeExact(plist, idx, flags, cdNelmts, cdValues, namelen, name, filterConfig);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Aopen_by_idx}. */
    public static long aOpenByIdx(long loc, MemorySegment objName, int idxType, int order, long n, long aapl, long lapl) {
        try {
            return (long) AOPENBYIDX_H.invokeExact(loc, objName, idxType, order, n, aapl, lapl);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Aget_name}. */
    public static long aGetName(long attr, long size, MemorySegment buf) {
        try {
            return (long) AGETNAME_H.invokeExact(attr, size, buf);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Aget_type}. */
    public static long aGetType(long attr) {
        try {
            return (long) AGETTYPE_H.invokeExact(attr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Aget_space}. */
    public static long aGetSpace(long attr) {
        try {
            return (long) AGETSPACE_H.invokeExact(attr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Aread}. */
    public static int aRead(long attr, long memType, MemorySegment buf) {
        try {
            return (int) AREAD_H.invokeExact(attr, memType, buf);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Aclose}. */
    public static int aClose(long attr) {
        try {
            return (int) ACLOSE_H.invokeExact(attr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Sget_simple_extent_npoints}. */
    public static long sGetSimpleExtentNpoints(long space) {
        try {
            return (long) SGETSIMPLEEXTENTNPOINTS_H.invokeExact(space);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tis_variable_str}. */
    public static int tIsVariableStr(long type) {
        try {
            return (int) TISVARIABLESTR_H.invokeExact(type);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tset_size}. */
    public static int tSetSize(long type, long size) {
        try {
            return (int) TSETSIZE_H.invokeExact(type, size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tget_order}. */
    public static int tGetOrder(long type) {
        try {
            return (int) TGETORDER_H.invokeExact(type);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5free_memory}. */
    public static int freeMemory(MemorySegment mem) {
        try {
            return (int) FREEMEMORY_H.invokeExact(mem);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tcreate(cls, size)}, e.g. a compound type: {@code Hdf5.tCreate(Hdf5.T_COMPOUND, 16)}. */
    public static long tCreate(int cls, long size) {
        try {
            return (long) TCREATE_H.invokeExact(cls, size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tinsert(compound, name, offset, member)}. */
    public static int tInsert(long type, MemorySegment name, long offset, long member) {
        try {
            return (int) TINSERT_H.invokeExact(type, name, offset, member);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tget_nmembers} (members of a compound or enum type). */
    public static int tGetNmembers(long type) {
        try {
            return (int) TGETNMEMBERS_H.invokeExact(type);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The name of member {@code idx} of a compound type ({@code H5Tget_member_name}, whose buffer is released here
     * with {@code H5free_memory}); null when HDF5 fails.
     * <pre>{@code String n = Hdf5.tGetMemberName(type, 0); }</pre>
     */
    public static String tGetMemberName(long type, int idx) {
        try {
            MemorySegment p = (MemorySegment) TGETMEMBERNAME_H.invokeExact(type, idx);
            if (p.address() == 0) return null;
            try {
                return p.reinterpret(Long.MAX_VALUE).getString(0);
            } finally {
                freeMemory(p);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tget_member_offset} (bytes from the start of the compound element). */
    public static long tGetMemberOffset(long type, int idx) {
        try {
            return (long) TGETMEMBEROFFSET_H.invokeExact(type, idx);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Tget_member_type} (a new type id the caller closes). */
    public static long tGetMemberType(long type, int idx) {
        try {
            return (long) TGETMEMBERTYPE_H.invokeExact(type, idx);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- parallel (MPI-IO) only

    /** MPI-taking functions, bound on first use: their handle arguments follow the loaded MPI's ABI ({@link Mpi#HANDLE}). */
    private static final class Par {
        static final Optional<MethodHandle> SET_FAPL_MPIO_H = Mpi.handleFn(LIB, "H5Pset_fapl_mpio", JAVA_LONG, Mpi.HANDLE, Mpi.HANDLE);
    }

    private static final Optional<MethodHandle> SET_DXPL_MPIO_H = LIB.optionalFn("H5Pset_dxpl_mpio", JAVA_INT, JAVA_LONG, JAVA_INT);

    /** {@code H5Pset_fapl_mpio(fapl, comm, info)}; only when {@link #PARALLEL}. */
    public static int pSetFaplMpio(long fapl, MemorySegment comm, MemorySegment info) {
        try {
            return (int) Par.SET_FAPL_MPIO_H.orElseThrow(() -> new UnsupportedOperationException(LIBRARY + " is not parallel HDF5"))
                    .invokeExact(fapl, comm, info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code H5Pset_dxpl_mpio(dxpl, mode)}; only when {@link #PARALLEL}. */
    public static int pSetDxplMpio(long dxpl, int mode) {
        try {
            return (int) SET_DXPL_MPIO_H.orElseThrow(() -> new UnsupportedOperationException(LIBRARY + " is not parallel HDF5"))
                    .invokeExact(dxpl, mode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- predefined ids (globals, read after H5open)

    static {
        if (open() < 0) throw new UnsatisfiedLinkError(LIBRARY + ": H5open failed");
        eSetAuto(E_DEFAULT, MemorySegment.NULL, MemorySegment.NULL);   // errors are reported by the caller, not printed
    }

    /** H5T_NATIVE_SCHAR (int8). */ public static final long NATIVE_INT8 = global("H5T_NATIVE_SCHAR_g");
    /** H5T_NATIVE_UCHAR (uint8). */ public static final long NATIVE_UINT8 = global("H5T_NATIVE_UCHAR_g");
    /** H5T_NATIVE_SHORT. */ public static final long NATIVE_INT16 = global("H5T_NATIVE_SHORT_g");
    /** H5T_NATIVE_INT. */ public static final long NATIVE_INT32 = global("H5T_NATIVE_INT_g");
    /** H5T_NATIVE_LLONG. */ public static final long NATIVE_INT64 = global("H5T_NATIVE_LLONG_g");
    /** H5T_NATIVE_FLOAT. */ public static final long NATIVE_FLOAT = global("H5T_NATIVE_FLOAT_g");
    /** H5T_NATIVE_DOUBLE. */ public static final long NATIVE_DOUBLE = global("H5T_NATIVE_DOUBLE_g");
    /** H5T_STD_I8LE. */ public static final long STD_I8LE = global("H5T_STD_I8LE_g");
    /** H5T_STD_U8LE. */ public static final long STD_U8LE = global("H5T_STD_U8LE_g");
    /** H5T_STD_I16LE. */ public static final long STD_I16LE = global("H5T_STD_I16LE_g");
    /** H5T_STD_I32LE. */ public static final long STD_I32LE = global("H5T_STD_I32LE_g");
    /** H5T_STD_I64LE. */ public static final long STD_I64LE = global("H5T_STD_I64LE_g");
    /** H5T_IEEE_F32LE. */ public static final long IEEE_F32LE = global("H5T_IEEE_F32LE_g");
    /** H5T_IEEE_F64LE. */ public static final long IEEE_F64LE = global("H5T_IEEE_F64LE_g");
    /** H5P_FILE_ACCESS (class id for H5Pcreate). */ public static final long P_FILE_ACCESS = global("H5P_CLS_FILE_ACCESS_ID_g");
    /** H5P_DATASET_CREATE. */ public static final long P_DATASET_CREATE = global("H5P_CLS_DATASET_CREATE_ID_g");
    /** H5P_DATASET_XFER. */ public static final long P_DATASET_XFER = global("H5P_CLS_DATASET_XFER_ID_g");
    /** H5P_LINK_CREATE. */ public static final long P_LINK_CREATE = global("H5P_CLS_LINK_CREATE_ID_g");
    /** H5T_C_S1 (C string type, to copy for reading strings). */ public static final long C_S1 = global("H5T_C_S1_g");

    /**
     * MPI_INFO_NULL of the loaded MPI ({@code &ompi_mpi_info_null} in Open MPI, {@code 0x1c000000} in MPICH), for {@link #pSetFaplMpio}.
     * <pre>{@code Hdf5.pSetFaplMpio(fapl, comm.handle(), Hdf5.mpiInfoNull()); }</pre>
     */
    public static MemorySegment mpiInfoNull() {
        return Mpi.INFO_NULL;
    }
}
