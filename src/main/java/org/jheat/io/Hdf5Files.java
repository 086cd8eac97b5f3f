package org.jheat.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jheat.comm.Communication;
import org.jheat.comm.MpiCommunication;
import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.core.Redistribution;
import org.jheat.natives.Hdf5;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * HDF5 datasets through the native library (FFM binding {@link Hdf5}). Reading: every process opens the file
 * read-only and reads only its hyperslab along the split axis (any axis; chunked and gzip-compressed datasets
 * included) — independent reads, so a corrupt chunk on one process can never leave the others waiting inside the
 * library. Writing: with parallel HDF5 and an MPI communicator, one collective create and collective MPI-IO
 * writes of every process's slab; otherwise ordered writes (rank by rank, each opening the file in turn).
 * A new file is written under a temporary name and renamed when complete.
 *
 * <p>Types: integers of 1, 2, 4, 8 bytes (unsigned 16/32-bit widen to int32/int64; uint64 is refused), floats of
 * 2, 4, 8 bytes, and h5py's bool (the one-byte enum {FALSE, TRUE}). Strings, compounds and other classes are refused.
 *
 * <pre>{@code
 * DNDarray x = Hdf5Files.load(Path.of("d.h5"), "data", 0, null, new Slice[0], Communications.world());
 * Hdf5Files.save(x, Path.of("out.h5"), "data", "w", 4);
 * }</pre>
 */
public final class Hdf5Files {
    private Hdf5Files() { }

    /** Called once per process before any HDF5 call: loads the library or fails with an IOFailure. */
    static void library(Object file) {
        try {
            if (Hdf5.LIBRARY == null) throw new IllegalStateException();
        } catch (LinkageError e) {
            throw new IOFailure(file + ": HDF5 is not available: " + e.getMessage(), e);
        }
    }

    static long check(long rc, String call, Object file) {
        if (rc < 0) throw new IOFailure(file + ": " + call + " failed");
        return rc;
    }

    // ------------------------------------------------------------------------------------------- reading

    /**
     * Loads {@code dataset} (a path inside the file such as "grp/data") split along {@code split} (null: replicated),
     * optionally only {@code slices} of it (one per leading axis; fewer means whole trailing axes), converted to
     * {@code dtype} (null: the dataset's type). Collective.
     * <pre>{@code DNDarray x = Hdf5Files.load(Path.of("d.h5"), "data", 1, DType.FLOAT32, new Slice[0], comm); }</pre>
     *
     * @throws IOFailure on every process for a missing file or dataset (listing the datasets that exist), an
     *                   unsupported type, a bad slice or split, or a read error (e.g. a corrupt chunk)
     */
    public static DNDarray load(Path path, String dataset, Integer split, DType dtype, Slice[] slices, Communication comm) {
        if (dataset == null || dataset.isEmpty()) throw new IOFailure(path + ": no dataset name given");
        try (Arena a = Arena.ofConfined()) {
            long[] file = {-1}, dset = {-1}, memTypeCopy = {-1};
            try {
                // 1. metadata, checked by every process on its own open of the file, agreed before any data moves
                Object[] meta = Collective.agree(comm, () -> {
                    library(path);
                    FileSlabs.checkReadable(path);
                    if (Hdf5.fIsHdf5(a.allocateFrom(path.toString())) <= 0) throw new IOFailure(path + ": not an HDF5 file");
                    file[0] = check(Hdf5.fOpen(a.allocateFrom(path.toString()), Hdf5.F_ACC_RDONLY, Hdf5.P_DEFAULT), "H5Fopen", path);
                    dset[0] = openDataset(a, file[0], dataset, path);
                    return describe(a, dset[0], dataset, path);
                });
                long[] dims = (long[]) meta[0];
                DType fileType = (DType) meta[1];
                long memType = (Long) meta[2];
                if (ownsMemType(fileType)) memTypeCopy[0] = memType;   // a type made for this read: closed below
                int nd = dims.length;
                if (slices.length > nd) {
                    throw new IOFailure(path + ": " + slices.length + " slices given for dataset '" + dataset + "' of " + nd + " dimensions");
                }
                long[] start = new long[nd], step = new long[nd], g = new long[nd];
                for (int d = 0; d < nd; d++) {
                    long[] r = d < slices.length && slices[d] != null ? slices[d].resolve(dims[d], path) : new long[] {0, 1, dims[d]};
                    start[d] = r[0];
                    step[d] = r[1];
                    g[d] = r[2];
                }
                int s = splitAxis(split, nd, path, dataset);
                // 2. this process's hyperslab
                long[] lshape = g.clone(), fstart = start.clone();
                if (s >= 0) {
                    long first = Distribution.start(g[s], comm.size(), comm.rank());
                    lshape[s] = Distribution.count(g[s], comm.size(), comm.rank());
                    fstart[s] = start[s] + first * step[s];
                }
                Tensor local = Tensor.empty(fileType, lshape);
                Collective.agreeRun(comm, () -> {
                    if (local.size() == 0) return;
                    readSlab(a, dset[0], memType, fstart, step, lshape, local.hostSegment(), dataset, path);
                });
                DNDarray out = Redistribution.withMap(local, g, s, comm, local.device()).to(Device.defaultDevice());
                return IO.convert(out, dtype);
            } finally {
                if (memTypeCopy[0] >= 0) Hdf5.tClose(memTypeCopy[0]);
                if (dset[0] >= 0) Hdf5.dClose(dset[0]);
                if (file[0] >= 0) Hdf5.fClose(file[0]);
            }
        }
    }

    private static int splitAxis(Integer split, int nd, Path path, String name) {
        if (split == null) return -1;
        if (split < -nd || split >= nd) {
            throw new IOFailure(path + ": split " + split + " is out of range for '" + name + "' of " + nd + " dimensions");
        }
        return split < 0 ? split + nd : split;
    }

    static long openDataset(Arena a, long file, String name, Path path) {
        long obj = Hdf5.oOpen(file, a.allocateFrom(name), Hdf5.P_DEFAULT);
        if (obj < 0) {
            throw new IOFailure(path + ": no dataset '" + name + "'; the file has " + datasetList(a, file));
        }
        int type = Hdf5.iGetType(obj);
        Hdf5.oClose(obj);
        if (type != Hdf5.I_DATASET) {
            throw new IOFailure(path + ": '" + name + "' is a " + (type == Hdf5.I_GROUP ? "group" : "non-dataset object")
                    + ", not a dataset; the file has " + datasetList(a, file));
        }
        return check(Hdf5.dOpen(file, a.allocateFrom(name), Hdf5.P_DEFAULT), "H5Dopen2", path);
    }

    /** Dataset names (recursively, at most 50) for error messages. */
    static String datasetList(Arena a, long file) {
        List<String> names = new ArrayList<>();
        collect(a, file, "", names, 0, 50);
        if (names.isEmpty()) return "no datasets";
        return "datasets: " + String.join(", ", names) + (names.size() >= 50 ? ", …" : "");
    }

    /** Dataset paths under {@code group} (recursively, depth <= 8, at most {@code limit}), in name order. */
    static void collect(Arena a, long file, String group, List<String> out, int depth, int limit) {
        if (depth > 8 || out.size() >= limit) return;
        long g = Hdf5.oOpen(file, a.allocateFrom(group.isEmpty() ? "/" : group), Hdf5.P_DEFAULT);
        if (g < 0) return;
        try {
            MemorySegment info = a.allocate(Hdf5.G_INFO_BYTES);
            if (Hdf5.gGetInfo(g, info) < 0) return;
            long n = info.get(ValueLayout.JAVA_LONG, 8);
            MemorySegment dot = a.allocateFrom(".");
            for (long i = 0; i < n && out.size() < limit; i++) {
                long len = Hdf5.lGetNameByIdx(g, dot, Hdf5.INDEX_NAME, Hdf5.ITER_INC, i, MemorySegment.NULL, 0, Hdf5.P_DEFAULT);
                if (len < 0 || len > 4096) continue;
                MemorySegment buf = a.allocate(len + 1);
                Hdf5.lGetNameByIdx(g, dot, Hdf5.INDEX_NAME, Hdf5.ITER_INC, i, buf, len + 1, Hdf5.P_DEFAULT);
                String child = (group.isEmpty() ? "" : group + "/") + buf.getString(0);
                long o = Hdf5.oOpen(file, a.allocateFrom(child), Hdf5.P_DEFAULT);
                if (o < 0) continue;
                int type = Hdf5.iGetType(o);
                Hdf5.oClose(o);
                if (type == Hdf5.I_DATASET) out.add(child);
                else if (type == Hdf5.I_GROUP) collect(a, file, child, out, depth + 1, limit);
            }
        } finally {
            Hdf5.oClose(g);
        }
    }

    /** {dims, jheat dtype, memory type id} of an open dataset. */
    static Object[] describe(Arena a, long dset, String name, Path path) {
        long space = check(Hdf5.dGetSpace(dset), "H5Dget_space", path);
        long type = check(Hdf5.dGetType(dset), "H5Dget_type", path);
        try {
            int nd = Hdf5.sGetSimpleExtentNdims(space);
            if (nd < 0) throw new IOFailure(path + ": dataset '" + name + "' has no simple dataspace");
            // a null dataspace (h5py.Empty) has no elements and no shape: it is not a 0-d array (it loaded as 0.0)
            if (nd == 0 && Hdf5.sGetSimpleExtentNpoints(space) == 0) {
                throw new IOFailure(path + ": dataset '" + name + "' has a null dataspace (no shape and no data, h5py.Empty); there is no array to load");
            }
            MemorySegment dims = a.allocate(ValueLayout.JAVA_LONG, Math.max(1, nd));
            check(Hdf5.sGetSimpleExtentDims(space, dims, MemorySegment.NULL), "H5Sget_simple_extent_dims", path);
            long[] d = new long[nd];
            for (int i = 0; i < nd; i++) d[i] = dims.getAtIndex(ValueLayout.JAVA_LONG, i);
            int cls = Hdf5.tGetClass(type);
            long size = Hdf5.tGetSize(type);
            boolean unsigned = cls == Hdf5.T_INTEGER && Hdf5.tGetSign(type) == Hdf5.T_SGN_NONE;
            DType t;
            if (cls == Hdf5.T_INTEGER) {
                t = switch ((int) size) {
                    case 1 -> unsigned ? DType.UINT8 : DType.INT8;
                    case 2 -> unsigned ? DType.INT32 : DType.INT16;
                    case 4 -> unsigned ? DType.INT64 : DType.INT32;
                    case 8 -> unsigned ? null : DType.INT64;
                    default -> null;
                };
            } else if (cls == Hdf5.T_FLOAT) {
                t = size == 8 ? DType.FLOAT64 : size <= 4 ? DType.FLOAT32 : null;
            } else if (cls == Hdf5.T_ENUM && size == 1 && boolEnum(type)) {
                t = DType.BOOL;                          // h5py's bool: enum {FALSE=0, TRUE=1} of int8 (other enums refused)
            } else if (cls == Hdf5.T_COMPOUND) {
                String[] names = complexMembers(type);
                if (names != null) return new Object[] {d, size == 8 ? DType.COMPLEX64 : DType.COMPLEX128, complexType(names, size == 8 ? DType.COMPLEX64 : DType.COMPLEX128, true)};
                t = null;
            } else {
                t = null;
            }
            if (t == null) {
                String what = switch (cls) {
                    case Hdf5.T_INTEGER -> (unsigned ? "uint" : "int") + size * 8;
                    case Hdf5.T_FLOAT -> "float" + size * 8;
                    case Hdf5.T_STRING -> "string";
                    case Hdf5.T_COMPOUND -> "compound (not h5py's complex layout {r, i} of two float32 or float64)";
                    case Hdf5.T_ENUM -> "enum (of the enums only h5py's bool, {FALSE, TRUE} in one byte, is read)";
                    default -> "HDF5 type class " + cls;
                };
                throw new IOFailure(path + ": dataset '" + name + "' has an unsupported type (" + what
                        + "); supported: integers up to int64 (uint8/16/32), float16/32/64, bool, complex64/128 as h5py's compound {r, i}");
            }
            long mem = t == DType.BOOL ? Hdf5.tCopy(type) : nativeType(t);
            return new Object[] {d, t, mem};
        } finally {
            Hdf5.sClose(space);
            Hdf5.tClose(type);
        }
    }

    /** True when the memory type of {@code t} is made per call (an enum or compound type the caller closes). */
    static boolean ownsMemType(DType t) {
        return t == DType.BOOL || t.isComplex();
    }

    /**
     * The member names (real first) when {@code type} is a compound in h5py's complex layout: two members of the
     * same float size (4 or 8) at offsets 0 and that size, named r and i (h5py's default) or real and imag;
     * otherwise null.
     */
    static String[] complexMembers(long type) {
        if (Hdf5.tGetNmembers(type) != 2) return null;
        long size = Hdf5.tGetSize(type);
        if (size != 8 && size != 16) return null;
        String[] names = new String[2];
        for (int m = 0; m < 2; m++) {
            long mt = Hdf5.tGetMemberType(type, m);
            if (mt < 0) return null;
            try {
                if (Hdf5.tGetClass(mt) != Hdf5.T_FLOAT || Hdf5.tGetSize(mt) != size / 2 || Hdf5.tGetMemberOffset(type, m) != m * size / 2) return null;
            } finally {
                Hdf5.tClose(mt);
            }
            names[m] = Hdf5.tGetMemberName(type, m);
        }
        boolean ri = "r".equals(names[0]) && "i".equals(names[1]);
        boolean realImag = "real".equals(names[0]) && "imag".equals(names[1]);
        return ri || realImag ? names : null;
    }

    /**
     * A new compound type (caller closes) of {@code t}'s two components named {@code names}: native floats for
     * memory, little-endian IEEE floats for files — h5py's layout of numpy's complex types.
     */
    static long complexType(String[] names, DType t, boolean memory) {
        int half = t.itemSize() / 2;
        long member = half == 4 ? (memory ? Hdf5.NATIVE_FLOAT : Hdf5.IEEE_F32LE) : (memory ? Hdf5.NATIVE_DOUBLE : Hdf5.IEEE_F64LE);
        long c = Hdf5.tCreate(Hdf5.T_COMPOUND, t.itemSize());
        if (c < 0) throw new IOFailure("HDF5: H5Tcreate of a compound type for " + t + " failed");
        try (Arena a = Arena.ofConfined()) {
            if (Hdf5.tInsert(c, a.allocateFrom(names[0], StandardCharsets.US_ASCII), 0, member) < 0
                    || Hdf5.tInsert(c, a.allocateFrom(names[1], StandardCharsets.US_ASCII), half, member) < 0) {
                Hdf5.tClose(c);
                throw new IOFailure("HDF5: H5Tinsert into the compound type for " + t + " failed");
            }
        }
        return c;
    }

    private static final String[] H5PY_COMPLEX = {"r", "i"};

    static long nativeType(DType t) {
        return switch (t) {
            case INT8 -> Hdf5.NATIVE_INT8;
            case UINT8 -> Hdf5.NATIVE_UINT8;
            case INT16 -> Hdf5.NATIVE_INT16;
            case INT32 -> Hdf5.NATIVE_INT32;
            case INT64 -> Hdf5.NATIVE_INT64;
            case FLOAT32 -> Hdf5.NATIVE_FLOAT;
            case FLOAT64 -> Hdf5.NATIVE_DOUBLE;
            default -> throw new IOFailure("HDF5: no native type for " + t);
        };
    }

    static void readSlab(Arena a, long dset, long memType, long[] start, long[] step, long[] count,
                                 MemorySegment buf, String name, Path path) {
        long fspace = check(Hdf5.dGetSpace(dset), "H5Dget_space", path);
        long mspace = -1;
        try {
            int nd = count.length;
            if (nd > 0) {
                check(Hdf5.sSelectHyperslab(fspace, Hdf5.S_SELECT_SET, longs(a, start), longs(a, step), longs(a, count),
                        MemorySegment.NULL), "H5Sselect_hyperslab", path);
                mspace = check(Hdf5.sCreateSimple(nd, longs(a, count), MemorySegment.NULL), "H5Screate_simple", path);
            }
            if (Hdf5.dRead(dset, memType, nd > 0 ? mspace : Hdf5.S_ALL, nd > 0 ? fspace : Hdf5.S_ALL, Hdf5.P_DEFAULT, buf) < 0) {
                throw new IOFailure(path + ": H5Dread of dataset '" + name + "' failed (a corrupt file, or a compression"
                        + " filter this HDF5 library lacks)");
            }
        } finally {
            if (mspace >= 0) Hdf5.sClose(mspace);
            Hdf5.sClose(fspace);
        }
    }

    private static MemorySegment longs(Arena a, long[] v) {
        return a.allocateFrom(ValueLayout.JAVA_LONG, v.length == 0 ? new long[1] : v);
    }

    // ------------------------------------------------------------------------------------------- writing

    /**
     * Saves {@code x} as {@code dataset} (intermediate groups are created). {@code mode} "w" writes a new file
     * (replacing an existing one atomically), "a" adds to an existing file (a dataset of that name is replaced;
     * a missing file is created). {@code gzip} 1..9 writes a chunked, deflate-compressed dataset, 0 a contiguous
     * one. Collective.
     * <pre>{@code Hdf5Files.save(x, Path.of("out.h5"), "grp/data", "a", 0); }</pre>
     *
     * @throws IOFailure on every process for a bad mode, an unwritable path, or a write error; a new file never
     *                   appears partially written under its name
     */
    public static void save(DNDarray x, Path path, String dataset, String mode, int gzip) {
        Communication comm = x.comm();
        String m = mode == null ? "w" : mode.toLowerCase(Locale.ROOT);
        if (!m.equals("w") && !m.equals("a")) throw new IOFailure(path + ": mode must be \"w\" or \"a\", got \"" + mode + "\"");
        if (dataset == null || dataset.isEmpty()) throw new IOFailure(path + ": no dataset name given");
        if (gzip < 0 || gzip > 9) throw new IOFailure(path + ": gzip level must be 0..9, got " + gzip);
        Collective.agreeRun(comm, () -> library(path));
        // rank 0's view of the file system decides, so that every process takes the same branch
        boolean exists = comm.allreduce(comm.rank() == 0 && Files.exists(path) ? 1L : 0L, org.jheat.comm.ReduceOp.MAX) == 1;
        if (m.equals("a") && exists) {
            Collective.onRoot(comm, 0, () -> {
                if (!Files.isWritable(path)) throw new IOFailure(path + ": permission denied (not writable)");
                try (Arena a = Arena.ofConfined()) {
                    if (Hdf5.fIsHdf5(a.allocateFrom(path.toString())) <= 0) throw new IOFailure(path + ": not an HDF5 file, cannot append");
                }
                return null;
            });
            write(x, path, path, dataset, false, gzip);
        } else {
            FileSlabs.atomically(path, comm, tmp -> write(x, tmp, path, dataset, true, gzip));
        }
    }

    /** The slab this process writes: its local tensor (contiguous) and its offset along the split axis. */
    private record Slab(Tensor data, int axis, long offset) { }

    private static Slab slab(DNDarray x) {
        Communication comm = x.comm();
        if (x.ndim() == 0) return new Slab(comm.rank() == 0 ? x.larray().contiguous() : null, -1, 0);
        if (x.splitAxis() < 0) {
            FileSlabs.Rows r = FileSlabs.rows(x);   // replicated: each process writes a balanced share of the rows
            return new Slab(r.local().contiguous(), 0, r.start());
        }
        return new Slab(x.larray().contiguous(), x.splitAxis(), x.distribution().displ(comm.rank()));
    }

    private static boolean parallel(Communication comm) {
        return comm.size() > 1 && comm instanceof MpiCommunication && Hdf5.PARALLEL;
    }

    private static void write(DNDarray x, Path file, Path shown, String dataset, boolean fresh, int gzip) {
        Communication comm = x.comm();
        Slab mine = slab(x);
        long[] g = x.gshape();
        if (parallel(comm)) {
            writeParallel(x, mine, file, shown, dataset, fresh, gzip);
            return;
        }
        // ordered: rank 0 creates the dataset, then each rank in turn opens the file and writes its slab
        Collective.onRoot(comm, 0, () -> {
            try (Arena a = Arena.ofConfined()) {
                long f = fresh ? check(Hdf5.fCreate(a.allocateFrom(file.toString()), Hdf5.F_ACC_TRUNC, Hdf5.P_DEFAULT, Hdf5.P_DEFAULT), "H5Fcreate", shown)
                        : check(Hdf5.fOpen(a.allocateFrom(file.toString()), Hdf5.F_ACC_RDWR, Hdf5.P_DEFAULT), "H5Fopen", shown);
                try {
                    Hdf5.dClose(createDataset(a, f, dataset, x.dtype(), g, gzip, shown));
                } finally {
                    check(Hdf5.fClose(f), "H5Fclose", shown);
                }
            }
            return null;
        });
        for (int q = 0; q < comm.size(); q++) {
            final int turn = q;
            Collective.agreeRun(comm, () -> {
                if (comm.rank() != turn || mine.data == null || mine.data.size() == 0) return;
                try (Arena a = Arena.ofConfined()) {
                    long f = check(Hdf5.fOpen(a.allocateFrom(file.toString()), Hdf5.F_ACC_RDWR, Hdf5.P_DEFAULT), "H5Fopen", shown);
                    try {
                        long d = check(Hdf5.dOpen(f, a.allocateFrom(dataset), Hdf5.P_DEFAULT), "H5Dopen2", shown);
                        try {
                            writeSlab(a, d, x.dtype(), g, mine, Hdf5.P_DEFAULT, shown);
                        } finally {
                            Hdf5.dClose(d);
                        }
                    } finally {
                        check(Hdf5.fClose(f), "H5Fclose", shown);
                    }
                }
            });
        }
    }

    private static void writeParallel(DNDarray x, Slab mine, Path file, Path shown, String dataset, boolean fresh, int gzip) {
        Communication comm = x.comm();
        MemorySegment mpiComm = ((MpiCommunication) comm).handle();
        try (Arena a = Arena.ofConfined()) {
            long fapl = check(Hdf5.pCreate(Hdf5.P_FILE_ACCESS), "H5Pcreate", shown);
            long dxpl = check(Hdf5.pCreate(Hdf5.P_DATASET_XFER), "H5Pcreate", shown);
            long[] f = {-1}, d = {-1};
            try {
                check(Hdf5.pSetFaplMpio(fapl, mpiComm, Hdf5.mpiInfoNull()), "H5Pset_fapl_mpio", shown);
                check(Hdf5.pSetDxplMpio(dxpl, Hdf5.FD_MPIO_COLLECTIVE), "H5Pset_dxpl_mpio", shown);
                // collective metadata calls: every rank makes the same calls with the same arguments
                Collective.agreeRun(comm, () -> {
                    f[0] = fresh ? check(Hdf5.fCreate(a.allocateFrom(file.toString()), Hdf5.F_ACC_TRUNC, Hdf5.P_DEFAULT, fapl), "H5Fcreate", shown)
                            : check(Hdf5.fOpen(a.allocateFrom(file.toString()), Hdf5.F_ACC_RDWR, fapl), "H5Fopen", shown);
                });
                Collective.agreeRun(comm, () -> d[0] = createDataset(a, f[0], dataset, x.dtype(), x.gshape(), gzip, shown));
                // an empty dataset has no storage to write to (and every process knows the global shape)
                if (x.size() > 0) Collective.agreeRun(comm, () -> writeSlab(a, d[0], x.dtype(), x.gshape(), mine, dxpl, shown));
            } finally {
                if (d[0] >= 0) Hdf5.dClose(d[0]);
                int rc = f[0] >= 0 ? Hdf5.fClose(f[0]) : 0;
                Hdf5.pClose(dxpl);
                Hdf5.pClose(fapl);
                Collective.agreeRun(comm, () -> check(rc, "H5Fclose", shown));
            }
        }
    }

    /** Creates the dataset (replacing one of the same name), with intermediate groups; returns its id. */
    private static long createDataset(Arena a, long file, String name, DType t, long[] g, int gzip, Path shown) {
        MemorySegment cname = a.allocateFrom(name);
        if (exists(a, file, name)) {
            // only a dataset is replaced: deleting a group of that name (h5py: "name already exists") lost all it held
            long obj = check(Hdf5.oOpen(file, cname, Hdf5.P_DEFAULT), "H5Oopen of '" + name + "'", shown);
            int kind = Hdf5.iGetType(obj);
            Hdf5.oClose(obj);
            if (kind != Hdf5.I_DATASET) {
                throw new IOFailure(shown + ": '" + name + "' exists and is " + (kind == Hdf5.I_GROUP ? "a group" : "not a dataset")
                        + "; mode \"a\" replaces only a dataset of that name (save under another name, or use mode \"w\" to rewrite the file)");
            }
            check(Hdf5.lDelete(file, cname, Hdf5.P_DEFAULT), "H5Ldelete (replacing '" + name + "')", shown);
        }
        long lcpl = check(Hdf5.pCreate(Hdf5.P_LINK_CREATE), "H5Pcreate", shown);
        long dcpl = check(Hdf5.pCreate(Hdf5.P_DATASET_CREATE), "H5Pcreate", shown);
        long space = check(Hdf5.sCreateSimple(g.length, longs(a, g), MemorySegment.NULL), "H5Screate_simple", shown);
        long type = fileType(t);
        try {
            check(Hdf5.pSetCreateIntermediateGroup(lcpl, 1), "H5Pset_create_intermediate_group", shown);
            if (gzip > 0 && g.length > 0 && Shapes.size(g) > 0) {
                check(Hdf5.pSetChunk(dcpl, g.length, longs(a, chunks(g, t.itemSize()))), "H5Pset_chunk", shown);
                check(Hdf5.pSetDeflate(dcpl, gzip), "H5Pset_deflate", shown);
            }
            return check(Hdf5.dCreate(file, cname, type, space, lcpl, dcpl, Hdf5.P_DEFAULT), "H5Dcreate2 of '" + name + "'", shown);
        } finally {
            if (ownsMemType(t)) Hdf5.tClose(type);
            Hdf5.sClose(space);
            Hdf5.pClose(dcpl);
            Hdf5.pClose(lcpl);
        }
    }

    /** h5py's bool type: an enum of exactly the members FALSE and TRUE (another 1-byte enum is no bool: [0 1 2] stayed 2). */
    private static boolean boolEnum(long type) {
        if (Hdf5.tGetNmembers(type) != 2) return false;
        String a = Hdf5.tGetMemberName(type, 0), b = Hdf5.tGetMemberName(type, 1);
        return "FALSE".equals(a) && "TRUE".equals(b) || "TRUE".equals(a) && "FALSE".equals(b);
    }

    /** True when every component of {@code name} exists (H5Lexists fails on a missing intermediate group). */
    private static boolean exists(Arena a, long file, String name) {
        String[] parts = name.split("/");
        StringBuilder p = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty()) continue;
            if (p.length() > 0) p.append('/');
            p.append(part);
            if (Hdf5.lExists(file, a.allocateFrom(p.toString()), Hdf5.P_DEFAULT) <= 0) return false;
        }
        return true;
    }

    /** Chunks of about 1 MiB: whole trailing axes, leading axes shrunk. */
    static long[] chunks(long[] g, int item) {
        long[] c = g.clone();
        for (int i = 0; i < c.length; i++) c[i] = Math.max(1, c[i]);
        long target = Math.max(1, (1L << 20) / item);
        for (int i = 0; i < c.length && Shapes.size(c) > target; i++) {
            long rest = Shapes.size(c) / c[i];
            c[i] = Math.max(1, target / Math.max(1, rest));
        }
        return c;
    }

    /** The little-endian file type of {@code t}; for bool a new enum, for complex a new compound, like h5py's (caller closes them). */
    private static long fileType(DType t) {
        return switch (t) {
            case BOOL -> boolType();
            case INT8 -> Hdf5.STD_I8LE;
            case UINT8 -> Hdf5.STD_U8LE;
            case INT16 -> Hdf5.STD_I16LE;
            case INT32 -> Hdf5.STD_I32LE;
            case INT64 -> Hdf5.STD_I64LE;
            case FLOAT32 -> Hdf5.IEEE_F32LE;
            case FLOAT64 -> Hdf5.IEEE_F64LE;
            case COMPLEX64, COMPLEX128 -> complexType(H5PY_COMPLEX, t, false);
        };
    }

    private static long boolType() {
        long e = Hdf5.tEnumCreate(Hdf5.NATIVE_INT8);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(1);
            v.set(ValueLayout.JAVA_BYTE, 0, (byte) 0);
            Hdf5.tEnumInsert(e, a.allocateFrom("FALSE", StandardCharsets.US_ASCII), v);
            v.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            Hdf5.tEnumInsert(e, a.allocateFrom("TRUE", StandardCharsets.US_ASCII), v);
        }
        return e;
    }

    /** Writes this process's slab (or selects nothing, as collective writes need every rank to take part). */
    private static void writeSlab(Arena a, long dset, DType t, long[] g, Slab mine, long dxpl, Path shown) {
        long fspace = check(Hdf5.dGetSpace(dset), "H5Dget_space", shown);
        long mspace = -1, mem = t == DType.BOOL ? boolType() : t.isComplex() ? complexType(H5PY_COMPLEX, t, true) : nativeType(t);
        try {
            boolean empty = mine.data == null || mine.data.size() == 0;
            MemorySegment buf = empty ? a.allocate(8) : mine.data.hostSegment();
            if (g.length == 0) {
                mspace = check(Hdf5.sCreateSimple(0, MemorySegment.NULL, MemorySegment.NULL), "H5Screate_simple", shown);
                if (empty) {
                    Hdf5.sSelectNone(fspace);
                    Hdf5.sSelectNone(mspace);
                }
            } else if (empty) {
                mspace = check(Hdf5.sCreateSimple(1, longs(a, new long[] {1}), MemorySegment.NULL), "H5Screate_simple", shown);
                Hdf5.sSelectNone(fspace);
                Hdf5.sSelectNone(mspace);
            } else {
                long[] start = new long[g.length], count = mine.data.shape();
                if (mine.axis >= 0) start[mine.axis] = mine.offset;
                long[] ones = new long[g.length];
                java.util.Arrays.fill(ones, 1);
                check(Hdf5.sSelectHyperslab(fspace, Hdf5.S_SELECT_SET, longs(a, start), longs(a, ones), longs(a, count),
                        MemorySegment.NULL), "H5Sselect_hyperslab", shown);
                mspace = check(Hdf5.sCreateSimple(count.length, longs(a, count), MemorySegment.NULL), "H5Screate_simple", shown);
            }
            check(Hdf5.dWrite(dset, mem, mspace, fspace, dxpl, buf), "H5Dwrite", shown);
        } finally {
            if (ownsMemType(t)) Hdf5.tClose(mem);
            if (mspace >= 0) Hdf5.sClose(mspace);
            Hdf5.sClose(fspace);
        }
    }
}
