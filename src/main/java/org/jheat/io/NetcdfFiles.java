package org.jheat.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jheat.comm.Communication;
import org.jheat.comm.MpiCommunication;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.core.Redistribution;
import org.jheat.natives.Hdf5;
import org.jheat.natives.NetCdf;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Tensor;

/**
 * netCDF-4 variables through libnetcdf (FFM binding {@link NetCdf}). Reading: every process opens the file
 * read-only and reads only its hyperslab ({@code nc_get_vara}) along the split axis. Writing: rank 0 defines the
 * dimensions and the variable (so a failing definition cannot leave the others inside a collective call), then
 * with parallel netCDF every process writes its slab collectively through MPI-IO ({@code nc_open_par},
 * {@code nc_var_par_access(NC_COLLECTIVE)}); without it, the processes write in turn. A new file is written under a
 * temporary name and renamed when complete.
 *
 * <p>Types: byte, ubyte, short, ushort (as int32), int, uint (as int64), int64, float, double; bool is stored as
 * byte with the attribute {@code jheat_dtype = "bool"} and read back as bool. netCDF cannot delete variables: in
 * mode "a" an existing variable is overwritten when its shape and type match, otherwise refused.
 *
 * <pre>{@code
 * DNDarray t = NetcdfFiles.load(Path.of("climate.nc"), "temp", 0, null, Communications.world());
 * NetcdfFiles.save(t, Path.of("out.nc"), "temp", new String[] {"time", "lat"}, "w");
 * }</pre>
 */
public final class NetcdfFiles {
    private NetcdfFiles() { }

    private static final String BOOL_ATTR = "jheat_dtype";

    private static void library(Object file) {
        try {
            if (NetCdf.LIBRARY == null) throw new IllegalStateException();
        } catch (LinkageError e) {
            throw new IOFailure(file + ": netCDF is not available: " + e.getMessage(), e);
        }
    }

    private static void check(int rc, String call, Object file) {
        if (rc != NetCdf.NOERR) throw new IOFailure(file + ": " + call + " failed: " + NetCdf.strerror(rc));
    }

    // ------------------------------------------------------------------------------------------- reading

    /**
     * Loads {@code variable} split along {@code split} (null: replicated), converted to {@code dtype} (null: the
     * variable's type). Collective.
     * <pre>{@code DNDarray t = NetcdfFiles.load(Path.of("d.nc"), "temp", 1, DType.FLOAT32, comm); }</pre>
     *
     * @throws IOFailure on every process for a missing file or variable (listing those that exist), an unsupported
     *                   type, a bad split, or a read error
     */
    public static DNDarray load(Path path, String variable, Integer split, DType dtype, Communication comm) {
        return load(path, variable, split, dtype, new Slice[0], comm);
    }

    /**
     * Loads {@code slices} of {@code variable} (one per leading axis, positive steps; fewer: whole trailing axes)
     * split along {@code split}, converted to {@code dtype}; each process reads its part with {@code nc_get_vars}.
     * Collective.
     * <pre>{@code DNDarray t = NetcdfFiles.load(Path.of("d.nc"), "temp", 0, null, new Slice[] {Slice.of(0L, null, 2)}, comm); }</pre>
     */
    public static DNDarray load(Path path, String variable, Integer split, DType dtype, Slice[] slices, Communication comm) {
        if (variable == null || variable.isEmpty()) throw new IOFailure(path + ": no variable name given");
        try (Arena a = Arena.ofConfined()) {
            int[] nc = {-1};
            try {
                Object[] meta = Collective.agree(comm, () -> {
                    library(path);
                    FileSlabs.checkReadable(path);
                    MemorySegment id = a.allocate(ValueLayout.JAVA_INT);
                    int rc = NetCdf.open(a.allocateFrom(path.toString()), NetCdf.NOWRITE, id);
                    if (rc != NetCdf.NOERR) throw new IOFailure(path + ": not a readable netCDF file (" + NetCdf.strerror(rc) + ")");
                    nc[0] = id.get(ValueLayout.JAVA_INT, 0);
                    return describe(a, nc[0], variable, path);
                });
                int varid = (Integer) meta[0];
                long[] dims = (long[]) meta[1];
                DType t = (DType) meta[2];
                int nd = dims.length;
                if (slices.length > nd) {
                    throw new IOFailure(path + ": " + slices.length + " slices given for variable '" + variable + "' of " + nd + " dimensions");
                }
                long[] first = new long[nd], stride = new long[nd], g = new long[nd];
                for (int d = 0; d < nd; d++) {
                    long[] r = d < slices.length && slices[d] != null ? slices[d].resolve(dims[d], path) : new long[] {0, 1, dims[d]};
                    first[d] = r[0];
                    stride[d] = r[1];
                    g[d] = r[2];
                }
                int s;
                if (split == null) {
                    s = -1;
                } else if (split < -nd || split >= nd) {
                    throw new IOFailure(path + ": split " + split + " is out of range for '" + variable + "' of " + nd + " dimensions");
                } else {
                    s = split < 0 ? split + nd : split;
                }
                long[] lshape = g.clone(), start = first.clone();
                if (s >= 0) {
                    start[s] = first[s] + Distribution.start(g[s], comm.size(), comm.rank()) * stride[s];
                    lshape[s] = Distribution.count(g[s], comm.size(), comm.rank());
                }
                Tensor local = Tensor.empty(t, lshape);
                boolean unit = java.util.Arrays.stream(stride).allMatch(x -> x == 1);
                Collective.agreeRun(comm, () -> {
                    if (local.size() == 0) return;
                    if (unit) {
                        check(access(false, t, nc[0], varid, sizes(a, start), sizes(a, lshape), local.hostSegment()),
                                "nc_get_vara of '" + variable + "'", path);
                    } else {
                        check(strided(t, nc[0], varid, sizes(a, start), sizes(a, lshape), sizes(a, stride), local.hostSegment()),
                                "nc_get_vars of '" + variable + "'", path);
                    }
                });
                DNDarray out = Redistribution.withMap(local, g, s, comm, local.device()).to(Device.defaultDevice());
                return IO.convert(out, dtype);
            } finally {
                if (nc[0] >= 0) NetCdf.close(nc[0]);
            }
        }
    }

    /** {varid, shape, dtype} of a variable, or a failure listing the variables that exist. */
    private static Object[] describe(Arena a, int nc, String name, Path path) {
        MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
        if (NetCdf.inqVarid(nc, a.allocateFrom(name), v) != NetCdf.NOERR) {
            throw new IOFailure(path + ": no variable '" + name + "'; the file has " + variables(a, nc));
        }
        int varid = v.get(ValueLayout.JAVA_INT, 0);
        check(NetCdf.inqVarndims(nc, varid, v), "nc_inq_varndims", path);
        int nd = v.get(ValueLayout.JAVA_INT, 0);
        MemorySegment dimids = a.allocate(ValueLayout.JAVA_INT, Math.max(1, nd));
        check(NetCdf.inqVardimid(nc, varid, dimids), "nc_inq_vardimid", path);
        long[] g = new long[nd];
        MemorySegment len = a.allocate(ValueLayout.JAVA_LONG);
        for (int i = 0; i < nd; i++) {
            check(NetCdf.inqDimlen(nc, dimids.getAtIndex(ValueLayout.JAVA_INT, i), len), "nc_inq_dimlen", path);
            g[i] = len.get(ValueLayout.JAVA_LONG, 0);
        }
        check(NetCdf.inqVartype(nc, varid, v), "nc_inq_vartype", path);
        int xt = v.get(ValueLayout.JAVA_INT, 0);
        DType t = switch (xt) {
            case NetCdf.BYTE -> isBool(a, nc, varid) ? DType.BOOL : DType.INT8;
            case NetCdf.UBYTE -> DType.UINT8;
            case NetCdf.SHORT -> DType.INT16;
            case NetCdf.USHORT, NetCdf.INT -> DType.INT32;
            case NetCdf.UINT, NetCdf.INT64 -> DType.INT64;
            case NetCdf.FLOAT -> DType.FLOAT32;
            case NetCdf.DOUBLE -> DType.FLOAT64;
            default -> {
                DType c = xt >= NetCdf.FIRSTUSERTYPEID ? complexOf(a, nc, xt) : null;
                if (c != null) yield c;
                throw new IOFailure(path + ": variable '" + name + "' has an unsupported type ("
                        + switch (xt) { case NetCdf.CHAR -> "char"; case NetCdf.STRING -> "string"; case NetCdf.UINT64 -> "uint64";
                                        default -> xt >= NetCdf.FIRSTUSERTYPEID ? "a user-defined type that is not a complex compound {r, i}" : "netCDF type " + xt; }
                        + "); supported: byte, ubyte, short, ushort, int, uint, int64, float, double, and complex as a compound"
                        + " type of two float or two double members {r, i} (netCDF4-python's auto_complex)");
            }
        };
        return new Object[] {varid, g, t};
    }

    /**
     * COMPLEX64 or COMPLEX128 when user type {@code xt} is a complex compound as nc-complex (netCDF4-python's
     * {@code auto_complex}) recognises it: two scalar members of the same float type, named r… and i… (any case),
     * laid out as the real then the imaginary part with no padding; null otherwise.
     */
    static DType complexOf(Arena a, int nc, int xt) {
        MemorySegment size = a.allocate(ValueLayout.JAVA_LONG), nfields = a.allocate(ValueLayout.JAVA_LONG), cls = a.allocate(ValueLayout.JAVA_INT);
        if (NetCdf.inqUserType(nc, xt, MemorySegment.NULL, size, MemorySegment.NULL, nfields, cls) != NetCdf.NOERR
                || cls.get(ValueLayout.JAVA_INT, 0) != NetCdf.COMPOUND || nfields.get(ValueLayout.JAVA_LONG, 0) != 2) {
            return null;
        }
        MemorySegment name = a.allocate(NetCdf.MAX_NAME + 1), off = a.allocate(ValueLayout.JAVA_LONG);
        MemorySegment ft = a.allocate(ValueLayout.JAVA_INT), nd = a.allocate(ValueLayout.JAVA_INT);
        int base = -1;
        for (int f = 0; f < 2; f++) {
            if (NetCdf.inqCompoundField(nc, xt, f, name, off, ft, nd, MemorySegment.NULL) != NetCdf.NOERR) return null;
            int type = ft.get(ValueLayout.JAVA_INT, 0);
            String n = name.getString(0);
            if ((type != NetCdf.FLOAT && type != NetCdf.DOUBLE) || nd.get(ValueLayout.JAVA_INT, 0) != 0 || (f == 1 && type != base)) return null;
            if (n.isEmpty() || Character.toLowerCase(n.charAt(0)) != (f == 0 ? 'r' : 'i')) return null;
            long half = type == NetCdf.FLOAT ? 4 : 8;
            if (off.get(ValueLayout.JAVA_LONG, 0) != f * half) return null;
            base = type;
        }
        DType t = base == NetCdf.FLOAT ? DType.COMPLEX64 : DType.COMPLEX128;
        return size.get(ValueLayout.JAVA_LONG, 0) == t.itemSize() ? t : null;
    }

    /**
     * The id of nc-complex's compound type for {@code t} in the file ({@code _PFNC_DOUBLE_COMPLEX_TYPE} or
     * {@code _PFNC_FLOAT_COMPLEX_TYPE} with members r, i — what netCDF4-python writes with {@code auto_complex}),
     * defined when the file lacks it. The file must be in define mode.
     */
    private static int complexTypeId(Arena a, int nc, DType t, Path shown) {
        boolean single = t == DType.COMPLEX64;
        MemorySegment name = a.allocateFrom(single ? "_PFNC_FLOAT_COMPLEX_TYPE" : "_PFNC_DOUBLE_COMPLEX_TYPE");
        MemorySegment id = a.allocate(ValueLayout.JAVA_INT);
        if (NetCdf.inqTypeid(nc, name, id) == NetCdf.NOERR && complexOf(a, nc, id.get(ValueLayout.JAVA_INT, 0)) == t) {
            return id.get(ValueLayout.JAVA_INT, 0);
        }
        check(NetCdf.defCompound(nc, t.itemSize(), name, id), "nc_def_compound", shown);
        int xt = id.get(ValueLayout.JAVA_INT, 0);
        int base = single ? NetCdf.FLOAT : NetCdf.DOUBLE;
        check(NetCdf.insertCompound(nc, xt, a.allocateFrom("r"), 0, base), "nc_insert_compound", shown);
        check(NetCdf.insertCompound(nc, xt, a.allocateFrom("i"), t.itemSize() / 2, base), "nc_insert_compound", shown);
        return xt;
    }

    private static boolean isBool(Arena a, int nc, int varid) {
        MemorySegment name = a.allocateFrom(BOOL_ATTR), len = a.allocate(ValueLayout.JAVA_LONG);
        if (NetCdf.inqAttlen(nc, varid, name, len) != NetCdf.NOERR) return false;
        long n = len.get(ValueLayout.JAVA_LONG, 0);
        if (n != 4) return false;
        MemorySegment text = a.allocate(n + 1);
        return NetCdf.getAttText(nc, varid, name, text) == NetCdf.NOERR && text.getString(0).startsWith("bool");
    }

    private static String variables(Arena a, int nc) {
        MemorySegment n = a.allocate(ValueLayout.JAVA_INT);
        if (NetCdf.inqNvars(nc, n) != NetCdf.NOERR) return "no readable variables";
        List<String> names = new ArrayList<>();
        MemorySegment buf = a.allocate(NetCdf.MAX_NAME + 1);
        for (int i = 0; i < n.get(ValueLayout.JAVA_INT, 0) && names.size() < 50; i++) {
            if (NetCdf.inqVarname(nc, i, buf) == NetCdf.NOERR) names.add(buf.getString(0));
        }
        return names.isEmpty() ? "no variables" : "variables: " + String.join(", ", names);
    }

    private static MemorySegment sizes(Arena a, long[] v) {
        return a.allocateFrom(ValueLayout.JAVA_LONG, v.length == 0 ? new long[1] : v);
    }

    /** nc_get_vara_T / nc_put_vara_T for the memory type of {@code t}. */
    private static int access(boolean put, DType t, int nc, int varid, MemorySegment start, MemorySegment count, MemorySegment buf) {
        return switch (t) {
            case BOOL, INT8 -> put ? NetCdf.putVaraSchar(nc, varid, start, count, buf) : NetCdf.getVaraSchar(nc, varid, start, count, buf);
            case UINT8 -> put ? NetCdf.putVaraUchar(nc, varid, start, count, buf) : NetCdf.getVaraUchar(nc, varid, start, count, buf);
            case INT16 -> put ? NetCdf.putVaraShort(nc, varid, start, count, buf) : NetCdf.getVaraShort(nc, varid, start, count, buf);
            case INT32 -> put ? NetCdf.putVaraInt(nc, varid, start, count, buf) : NetCdf.getVaraInt(nc, varid, start, count, buf);
            case INT64 -> put ? NetCdf.putVaraLonglong(nc, varid, start, count, buf) : NetCdf.getVaraLonglong(nc, varid, start, count, buf);
            case FLOAT32 -> put ? NetCdf.putVaraFloat(nc, varid, start, count, buf) : NetCdf.getVaraFloat(nc, varid, start, count, buf);
            case FLOAT64 -> put ? NetCdf.putVaraDouble(nc, varid, start, count, buf) : NetCdf.getVaraDouble(nc, varid, start, count, buf);
            // the variable's compound type has exactly the interleaved (re, im) layout: no conversion
            case COMPLEX64, COMPLEX128 -> put ? NetCdf.putVara(nc, varid, start, count, buf) : NetCdf.getVara(nc, varid, start, count, buf);
        };
    }

    /** nc_get_vars_T (a strided read) for the memory type of {@code t}. */
    private static int strided(DType t, int nc, int varid, MemorySegment start, MemorySegment count, MemorySegment stride, MemorySegment buf) {
        return switch (t) {
            case BOOL, INT8 -> NetCdf.getVarsSchar(nc, varid, start, count, stride, buf);
            case UINT8 -> NetCdf.getVarsUchar(nc, varid, start, count, stride, buf);
            case INT16 -> NetCdf.getVarsShort(nc, varid, start, count, stride, buf);
            case INT32 -> NetCdf.getVarsInt(nc, varid, start, count, stride, buf);
            case INT64 -> NetCdf.getVarsLonglong(nc, varid, start, count, stride, buf);
            case FLOAT32 -> NetCdf.getVarsFloat(nc, varid, start, count, stride, buf);
            case FLOAT64 -> NetCdf.getVarsDouble(nc, varid, start, count, stride, buf);
            case COMPLEX64, COMPLEX128 -> NetCdf.getVars(nc, varid, start, count, stride, buf);
        };
    }

    private static int xtype(DType t) {
        return switch (t) {
            case BOOL, INT8 -> NetCdf.BYTE;
            case UINT8 -> NetCdf.UBYTE;
            case INT16 -> NetCdf.SHORT;
            case INT32 -> NetCdf.INT;
            case INT64 -> NetCdf.INT64;
            case FLOAT32 -> NetCdf.FLOAT;
            case FLOAT64 -> NetCdf.DOUBLE;
            default -> throw new IOFailure("netCDF: " + t + " is not supported");
        };
    }

    // ------------------------------------------------------------------------------------------- writing

    /**
     * Saves {@code x} as {@code variable} with the given dimension names (null: {@code dim_0}, {@code dim_1}, …);
     * mode "w" (new file, atomic) or "a" (add to an existing netCDF-4 file; existing dimensions of the same name
     * and length are reused). Collective.
     * <pre>{@code NetcdfFiles.save(x, Path.of("out.nc"), "temp", new String[] {"time", "lat"}, "w"); }</pre>
     *
     * @throws IOFailure on every process for a bad mode or names, an unwritable path, a conflicting dimension or
     *                   variable, or a write error
     */
    public static void save(DNDarray x, Path path, String variable, String[] dimensionNames, String mode) {
        save(x, path, variable, dimensionNames, mode, false);
    }

    /**
     * {@link #save(DNDarray, Path, String, String[], String)}; with {@code unlimited} every dimension this call
     * creates is unlimited (Heat's {@code is_unlimited}: the variable can grow along it later); existing dimensions
     * keep what they are. Collective.
     * <pre>{@code NetcdfFiles.save(x, Path.of("out.nc"), "temp", new String[] {"time", "lat"}, "w", true); }</pre>
     */
    public static void save(DNDarray x, Path path, String variable, String[] dimensionNames, String mode, boolean unlimited) {
        Communication comm = x.comm();
        String m = mode == null ? "w" : mode.toLowerCase(Locale.ROOT);
        if (!m.equals("w") && !m.equals("a")) throw new IOFailure(path + ": mode must be \"w\" or \"a\", got \"" + mode + "\"");
        if (variable == null || variable.isEmpty()) throw new IOFailure(path + ": no variable name given");
        int nd = x.ndim();
        String[] dims = new String[nd];
        if (dimensionNames != null && dimensionNames.length != nd) {
            throw new IOFailure(path + ": " + dimensionNames.length + " dimension names given for an array of " + nd + " dimensions");
        }
        for (int i = 0; i < nd; i++) dims[i] = dimensionNames == null ? "dim_" + i : dimensionNames[i];
        Collective.agreeRun(comm, () -> library(path));
        boolean exists = comm.allreduce(comm.rank() == 0 && Files.exists(path) ? 1L : 0L, ReduceOp.MAX) == 1;
        if (m.equals("a") && exists) {
            write(x, path, path, variable, dims, false, unlimited);
        } else {
            FileSlabs.atomically(path, comm, tmp -> write(x, tmp, path, variable, dims, true, unlimited));
        }
    }

    private static void write(DNDarray x, Path file, Path shown, String variable, String[] dims, boolean fresh, boolean unlimited) {
        Communication comm = x.comm();
        long[] g = x.gshape();
        // 1. rank 0 defines (or checks) the dimensions and the variable
        Integer defined = Collective.onRoot(comm, 0, () -> define(x.dtype(), g, file, shown, variable, dims, fresh, unlimited));
        long code = comm.allreduce(defined != null ? (long) defined : Long.MIN_VALUE, ReduceOp.MAX);
        int varid = (int) (code >> 1);
        // a variable along an unlimited dimension is written rank by rank: extending it through parallel HDF5 fails
        // ("HDF error") or hangs in the netCDF-C 4.9 of Debian 12
        boolean grows = (code & 1) != 0;
        // 2. the slabs
        long[] lshape = x.lshape(), start = new long[g.length];
        Tensor local;
        if (x.splitAxis() >= 0) {
            start[x.splitAxis()] = x.distribution().displ(comm.rank());
            local = x.larray().contiguous();
        } else if (g.length > 0) {
            FileSlabs.Rows r = FileSlabs.rows(x);
            local = r.local().contiguous();
            start[0] = r.start();
            lshape = local.shape();
        } else {
            local = comm.rank() == 0 ? x.larray().contiguous() : Tensor.empty(x.dtype(), 0);
        }
        final long[] ls = lshape;
        final int vid = varid;
        boolean par = comm.size() > 1 && comm instanceof MpiCommunication && NetCdf.PARALLEL && !grows;
        if (par) {
            MemorySegment mpi = ((MpiCommunication) comm).handle();
            try (Arena a = Arena.ofConfined()) {
                int[] nc = {-1};
                try {
                    Collective.agreeRun(comm, () -> {
                        MemorySegment id = a.allocate(ValueLayout.JAVA_INT);
                        check(NetCdf.openPar(a.allocateFrom(file.toString()), NetCdf.WRITE, mpi, Hdf5.mpiInfoNull(), id), "nc_open_par", shown);
                        nc[0] = id.get(ValueLayout.JAVA_INT, 0);
                        check(NetCdf.varParAccess(nc[0], vid, NetCdf.COLLECTIVE), "nc_var_par_access", shown);
                    });
                    if (x.size() > 0) {
                        // collective: every process calls, those without data with a zero count; a scalar variable
                        // ignores the count, so there every process writes the (replicated) value itself: a dummy
                        // buffer raced rank 0's value and the file held 0 about half the time at np=2
                        long[] cnt = local.size() == 0 ? new long[g.length] : ls;
                        Tensor mine = g.length == 0 ? x.larray().contiguous() : local;
                        Collective.agreeRun(comm, () -> check(access(true, x.dtype(), nc[0], vid, sizes(a, start), sizes(a, cnt),
                                mine.size() == 0 ? a.allocate(8) : mine.hostSegment()), "nc_put_vara", shown));
                    }
                } finally {
                    int rc = nc[0] >= 0 ? NetCdf.close(nc[0]) : NetCdf.NOERR;
                    Collective.agreeRun(comm, () -> check(rc, "nc_close", shown));
                }
            }
            return;
        }
        for (int q = 0; q < comm.size(); q++) {
            final int turn = q;
            Collective.agreeRun(comm, () -> {
                if (comm.rank() != turn || local.size() == 0) return;
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment id = a.allocate(ValueLayout.JAVA_INT);
                    check(NetCdf.open(a.allocateFrom(file.toString()), NetCdf.WRITE, id), "nc_open", shown);
                    int nc = id.get(ValueLayout.JAVA_INT, 0);
                    int rc = access(true, x.dtype(), nc, vid, sizes(a, start), sizes(a, ls), local.hostSegment());
                    int rc2 = NetCdf.close(nc);
                    check(rc, "nc_put_vara", shown);
                    check(rc2, "nc_close", shown);
                }
            });
        }
    }

    /** True when variable {@code varid} lies along an unlimited dimension. */
    private static boolean usesUnlimited(Arena a, int nc, int varid) {
        java.util.Set<Integer> unlim = NetcdfInfo.unlimited(a, nc);
        if (unlim.isEmpty()) return false;
        MemorySegment n = a.allocate(ValueLayout.JAVA_INT);
        if (NetCdf.inqVarndims(nc, varid, n) != NetCdf.NOERR) return true;
        int nd = n.get(ValueLayout.JAVA_INT, 0);
        MemorySegment ids = a.allocate(ValueLayout.JAVA_INT, Math.max(1, nd));
        if (NetCdf.inqVardimid(nc, varid, ids) != NetCdf.NOERR) return true;
        for (int i = 0; i < nd; i++) if (unlim.contains(ids.getAtIndex(ValueLayout.JAVA_INT, i))) return true;
        return false;
    }

    /** Defines dims and the variable on rank 0 (closing the file again); returns 2 * varid + (1 if it lies along an unlimited dimension). */
    private static int define(DType t, long[] g, Path file, Path shown, String variable, String[] dims, boolean fresh, boolean unlimited) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment id = a.allocate(ValueLayout.JAVA_INT), v = a.allocate(ValueLayout.JAVA_INT);
            if (fresh) {
                check(NetCdf.create(a.allocateFrom(file.toString()), NetCdf.NETCDF4 | NetCdf.CLOBBER, id), "nc_create", shown);
            } else {
                int rc = NetCdf.open(a.allocateFrom(file.toString()), NetCdf.WRITE, id);
                if (rc != NetCdf.NOERR) throw new IOFailure(shown + ": cannot open for appending (" + NetCdf.strerror(rc) + ")");
            }
            int nc = id.get(ValueLayout.JAVA_INT, 0);
            try {
                if (!fresh) check(NetCdf.redef(nc), "nc_redef", shown);
                if (NetCdf.inqVarid(nc, a.allocateFrom(variable), v) == NetCdf.NOERR) {
                    // netCDF cannot delete a variable: overwrite it when it has the same shape and type
                    int varid = v.get(ValueLayout.JAVA_INT, 0);
                    Object[] d = describe(a, nc, variable, shown);
                    DType had = (DType) d[2];
                    boolean sameType = had.isComplex() || t.isComplex() ? had == t : xtype(had) == xtype(t);
                    if (!java.util.Arrays.equals((long[]) d[1], g) || !sameType) {
                        throw new IOFailure(shown + ": variable '" + variable + "' exists with shape "
                                + org.jheat.tensor.Shapes.str((long[]) d[1]) + " and type " + d[2]
                                + "; netCDF cannot delete variables, so only the same shape and type can be overwritten");
                    }
                    check(NetCdf.enddef(nc), "nc_enddef", shown);
                    return varid * 2 + (usesUnlimited(a, nc, varid) ? 1 : 0);
                }
                MemorySegment dimids = a.allocate(ValueLayout.JAVA_INT, Math.max(1, g.length));
                MemorySegment len = a.allocate(ValueLayout.JAVA_LONG);
                for (int i = 0; i < g.length; i++) {
                    MemorySegment name = a.allocateFrom(dims[i]);
                    if (NetCdf.inqDimid(nc, name, v) == NetCdf.NOERR) {
                        check(NetCdf.inqDimlen(nc, v.get(ValueLayout.JAVA_INT, 0), len), "nc_inq_dimlen", shown);
                        boolean grows = NetcdfInfo.unlimited(a, nc).contains(v.get(ValueLayout.JAVA_INT, 0));
                        if (len.get(ValueLayout.JAVA_LONG, 0) != g[i] && !grows) {
                            throw new IOFailure(shown + ": dimension '" + dims[i] + "' exists with length "
                                    + len.get(ValueLayout.JAVA_LONG, 0) + ", the array needs " + g[i]);
                        }
                    } else {
                        check(NetCdf.defDim(nc, name, unlimited ? NetCdf.UNLIMITED : g[i], v), "nc_def_dim of '" + dims[i] + "'", shown);
                    }
                    dimids.setAtIndex(ValueLayout.JAVA_INT, i, v.get(ValueLayout.JAVA_INT, 0));
                }
                int xt = t.isComplex() ? complexTypeId(a, nc, t, shown) : xtype(t);
                check(NetCdf.defVar(nc, a.allocateFrom(variable), xt, g.length, dimids, v), "nc_def_var of '" + variable + "'", shown);
                int varid = v.get(ValueLayout.JAVA_INT, 0);
                if (t == DType.BOOL) {
                    check(NetCdf.putAttText(nc, varid, a.allocateFrom(BOOL_ATTR), 4, a.allocateFrom("bool")), "nc_put_att_text", shown);
                }
                check(NetCdf.enddef(nc), "nc_enddef", shown);
                return varid * 2 + (usesUnlimited(a, nc, varid) ? 1 : 0);
            } finally {
                NetCdf.close(nc);
            }
        }
    }
}
