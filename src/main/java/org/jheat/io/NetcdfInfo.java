package org.jheat.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jheat.natives.NetCdf;
import org.jheat.tensor.DType;

/**
 * Metadata of netCDF files without reading data: every variable with shape, dimension names (unlimited ones
 * marked), stored type, chunking and deflate settings ({@link IO#describe}), and the attributes of a variable or
 * the global ones as a map ({@link IO#attributes}). Local calls; the {@link IO} entry points agree on failures.
 *
 * <pre>{@code
 * List<DatasetInfo> l = NetcdfInfo.describe(Path.of("c.nc"));
 * Map<String, Object> global = NetcdfInfo.attributes(Path.of("c.nc"), null);
 * }</pre>
 */
final class NetcdfInfo {
    private NetcdfInfo() { }

    private static void check(int rc, String call, Object file) {
        if (rc != NetCdf.NOERR) throw new IOFailure(file + ": " + call + " failed: " + NetCdf.strerror(rc));
    }

    private static int open(Arena a, Path path) {
        try {
            if (NetCdf.LIBRARY == null) throw new IllegalStateException();
        } catch (LinkageError e) {
            throw new IOFailure(path + ": netCDF is not available: " + e.getMessage(), e);
        }
        FileSlabs.checkReadable(path);
        MemorySegment id = a.allocate(ValueLayout.JAVA_INT);
        int rc = NetCdf.open(a.allocateFrom(path.toString()), NetCdf.NOWRITE, id);
        if (rc != NetCdf.NOERR) throw new IOFailure(path + ": not a readable netCDF file (" + NetCdf.strerror(rc) + ")");
        return id.get(ValueLayout.JAVA_INT, 0);
    }

    /** The ids of the unlimited dimensions. */
    static Set<Integer> unlimited(Arena a, int nc) {
        MemorySegment n = a.allocate(ValueLayout.JAVA_INT);
        Set<Integer> out = new HashSet<>();
        if (NetCdf.inqUnlimdims(nc, n, MemorySegment.NULL) != NetCdf.NOERR) return out;
        int k = n.get(ValueLayout.JAVA_INT, 0);
        if (k <= 0) return out;
        MemorySegment ids = a.allocate(ValueLayout.JAVA_INT, k);
        if (NetCdf.inqUnlimdims(nc, n, ids) != NetCdf.NOERR) return out;
        for (int i = 0; i < k; i++) out.add(ids.getAtIndex(ValueLayout.JAVA_INT, i));
        return out;
    }

    /** Every variable of the file's root group, in definition order. */
    static List<DatasetInfo> describe(Path path) {
        try (Arena a = Arena.ofConfined()) {
            int nc = open(a, path);
            try {
                MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
                check(NetCdf.inqNvars(nc, v), "nc_inq_nvars", path);
                int nvars = v.get(ValueLayout.JAVA_INT, 0);
                Set<Integer> unlim = unlimited(a, nc);
                List<DatasetInfo> out = new ArrayList<>();
                MemorySegment name = a.allocate(NetCdf.MAX_NAME + 1);
                for (int varid = 0; varid < nvars; varid++) {
                    check(NetCdf.inqVarname(nc, varid, name), "nc_inq_varname", path);
                    String vn = name.getString(0);
                    check(NetCdf.inqVarndims(nc, varid, v), "nc_inq_varndims", path);
                    int nd = v.get(ValueLayout.JAVA_INT, 0);
                    MemorySegment dimids = a.allocate(ValueLayout.JAVA_INT, Math.max(1, nd));
                    check(NetCdf.inqVardimid(nc, varid, dimids), "nc_inq_vardimid", path);
                    long[] shape = new long[nd];
                    String[] dims = new String[nd];
                    MemorySegment len = a.allocate(ValueLayout.JAVA_LONG);
                    for (int i = 0; i < nd; i++) {
                        int d = dimids.getAtIndex(ValueLayout.JAVA_INT, i);
                        check(NetCdf.inqDimlen(nc, d, len), "nc_inq_dimlen", path);
                        shape[i] = len.get(ValueLayout.JAVA_LONG, 0);
                        check(NetCdf.inqDimname(nc, d, name), "nc_inq_dimname", path);
                        dims[i] = name.getString(0) + (unlim.contains(d) ? " (unlimited)" : "");
                    }
                    check(NetCdf.inqVartype(nc, varid, v), "nc_inq_vartype", path);
                    int xt = v.get(ValueLayout.JAVA_INT, 0);
                    DType complex = xt >= NetCdf.FIRSTUSERTYPEID ? NetcdfFiles.complexOf(a, nc, xt) : null;
                    String type = complex != null ? complex.numpyName() : typeName(xt);
                    long[] chunks = null;
                    MemorySegment storage = a.allocate(ValueLayout.JAVA_INT), cs = a.allocate(ValueLayout.JAVA_LONG, Math.max(1, nd));
                    if (nd > 0 && NetCdf.inqVarChunking(nc, varid, storage, cs) == NetCdf.NOERR && storage.get(ValueLayout.JAVA_INT, 0) == NetCdf.CHUNKED) {
                        chunks = cs.asSlice(0, 8L * nd).toArray(ValueLayout.JAVA_LONG);
                    }
                    MemorySegment sh = a.allocate(ValueLayout.JAVA_INT), df = a.allocate(ValueLayout.JAVA_INT), lv = a.allocate(ValueLayout.JAVA_INT);
                    String comp = "none";
                    if (NetCdf.inqVarDeflate(nc, varid, sh, df, lv) == NetCdf.NOERR) {
                        List<String> f = new ArrayList<>();
                        if (sh.get(ValueLayout.JAVA_INT, 0) != 0) f.add("shuffle");
                        if (df.get(ValueLayout.JAVA_INT, 0) != 0) f.add("gzip(level " + lv.get(ValueLayout.JAVA_INT, 0) + ")");
                        if (!f.isEmpty()) comp = String.join(" + ", f);
                    }
                    out.add(new DatasetInfo(vn, shape, type, chunks, comp, dims, read(a, nc, varid, path)));
                }
                return out;
            } finally {
                NetCdf.close(nc);
            }
        }
    }

    static String typeName(int xt) {
        return switch (xt) {
            case NetCdf.BYTE -> "int8";
            case NetCdf.UBYTE -> "uint8";
            case NetCdf.SHORT -> "int16";
            case NetCdf.USHORT -> "uint16";
            case NetCdf.INT -> "int32";
            case NetCdf.UINT -> "uint32";
            case NetCdf.INT64 -> "int64";
            case NetCdf.UINT64 -> "uint64";
            case NetCdf.FLOAT -> "float32";
            case NetCdf.DOUBLE -> "float64";
            case NetCdf.CHAR -> "char";
            case NetCdf.STRING -> "string";
            default -> "netCDF type " + xt;
        };
    }

    /**
     * The attributes of {@code variable} (null or "": the global attributes) as name → value: {@code String} for
     * text, {@code Long}/{@code Double} for one number, {@code long[]}/{@code double[]} for several, {@code String[]}
     * for several strings.
     */
    static Map<String, Object> attributes(Path path, String variable) {
        try (Arena a = Arena.ofConfined()) {
            int nc = open(a, path);
            try {
                int varid = NetCdf.GLOBAL;
                if (variable != null && !variable.isEmpty()) {
                    MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
                    if (NetCdf.inqVarid(nc, a.allocateFrom(variable), v) != NetCdf.NOERR) {
                        throw new IOFailure(path + ": no variable '" + variable + "'; the file has variables: "
                                + String.join(", ", describe(path).stream().map(DatasetInfo::name).toList()));
                    }
                    varid = v.get(ValueLayout.JAVA_INT, 0);
                }
                return read(a, nc, varid, path);
            } finally {
                NetCdf.close(nc);
            }
        }
    }

    @SuppressWarnings("restricted")   // C strings the library allocated: their length is found by the terminating NUL
    private static Map<String, Object> read(Arena a, int nc, int varid, Path path) {
        Map<String, Object> out = new LinkedHashMap<>();
        MemorySegment n = a.allocate(ValueLayout.JAVA_INT);
        check(NetCdf.inqVarnatts(nc, varid, n), "nc_inq_varnatts", path);
        MemorySegment name = a.allocate(NetCdf.MAX_NAME + 1), xt = a.allocate(ValueLayout.JAVA_INT), len = a.allocate(ValueLayout.JAVA_LONG);
        for (int i = 0; i < n.get(ValueLayout.JAVA_INT, 0); i++) {
            check(NetCdf.inqAttname(nc, varid, i, name), "nc_inq_attname", path);
            String an = name.getString(0);
            check(NetCdf.inqAtt(nc, varid, name, xt, len), "nc_inq_att", path);
            int t = xt.get(ValueLayout.JAVA_INT, 0);
            long k = len.get(ValueLayout.JAVA_LONG, 0);
            if (k > (1 << 20)) {
                out.put(an, "(" + k + " elements)");
                continue;
            }
            int kk = (int) k;
            try (Arena b = Arena.ofConfined()) {
                switch (t) {
                    case NetCdf.CHAR -> {
                        MemorySegment txt = b.allocate(kk + 1);
                        check(NetCdf.getAttText(nc, varid, name, txt), "nc_get_att_text", path);
                        byte[] raw = txt.asSlice(0, kk).toArray(ValueLayout.JAVA_BYTE);
                        int end = raw.length;
                        while (end > 0 && raw[end - 1] == 0) end--;
                        out.put(an, new String(raw, 0, end, StandardCharsets.UTF_8));
                    }
                    case NetCdf.STRING -> {
                        MemorySegment ptrs = b.allocate(ValueLayout.ADDRESS, Math.max(1, kk));
                        check(NetCdf.getAttString(nc, varid, name, ptrs), "nc_get_att_string", path);
                        String[] v = new String[kk];
                        for (int j = 0; j < kk; j++) {
                            MemorySegment s = ptrs.getAtIndex(ValueLayout.ADDRESS, j);
                            v[j] = s.equals(MemorySegment.NULL) ? "" : s.reinterpret(Integer.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
                        }
                        NetCdf.freeString(kk, ptrs);
                        out.put(an, kk == 1 ? v[0] : v);
                    }
                    case NetCdf.FLOAT, NetCdf.DOUBLE -> {
                        MemorySegment buf = b.allocate(ValueLayout.JAVA_DOUBLE, Math.max(1, kk));
                        check(NetCdf.getAttDouble(nc, varid, name, buf), "nc_get_att_double", path);
                        double[] v = buf.asSlice(0, 8L * kk).toArray(ValueLayout.JAVA_DOUBLE);
                        out.put(an, kk == 1 ? (Object) v[0] : v);
                    }
                    default -> {
                        MemorySegment buf = b.allocate(ValueLayout.JAVA_LONG, Math.max(1, kk));
                        int rc = NetCdf.getAttLonglong(nc, varid, name, buf);
                        if (rc != NetCdf.NOERR) {
                            out.put(an, "(" + typeName(t) + " attribute)");
                            continue;
                        }
                        long[] v = buf.asSlice(0, 8L * kk).toArray(ValueLayout.JAVA_LONG);
                        out.put(an, kk == 1 ? (Object) v[0] : v);
                    }
                }
            }
        }
        return out;
    }
}
