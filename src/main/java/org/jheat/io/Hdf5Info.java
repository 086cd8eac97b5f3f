package org.jheat.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jheat.natives.Hdf5;

/**
 * Metadata of HDF5 files without reading data: every dataset with shape, stored type, chunking and filters
 * ({@link IO#describe}), and the attributes of a dataset or group as a map ({@link IO#attributes}). Local calls;
 * the {@link IO} entry points agree on failures.
 *
 * <pre>{@code
 * List<DatasetInfo> l = Hdf5Info.describe(Path.of("d.h5"));
 * Map<String, Object> units = Hdf5Info.attributes(Path.of("d.h5"), "temp");
 * }</pre>
 */
final class Hdf5Info {
    private Hdf5Info() { }

    /** Largest attribute (elements) whose value is read; larger ones show as a placeholder text. */
    private static final long MAX_ATTRIBUTE = 1 << 20;

    private static long open(Arena a, Path path) {
        Hdf5Files.library(path);
        FileSlabs.checkReadable(path);
        if (Hdf5.fIsHdf5(a.allocateFrom(path.toString())) <= 0) throw new IOFailure(path + ": not an HDF5 file");
        return Hdf5Files.check(Hdf5.fOpen(a.allocateFrom(path.toString()), Hdf5.F_ACC_RDONLY, Hdf5.P_DEFAULT), "H5Fopen", path);
    }

    /** Every dataset of the file (recursively, at most 10000), in name order per group. */
    static List<DatasetInfo> describe(Path path) {
        try (Arena a = Arena.ofConfined()) {
            long f = open(a, path);
            try {
                List<String> names = new ArrayList<>();
                Hdf5Files.collect(a, f, "", names, 0, 10000);
                List<DatasetInfo> out = new ArrayList<>();
                for (String n : names) out.add(dataset(a, f, n, path));
                return out;
            } finally {
                Hdf5.fClose(f);
            }
        }
    }

    private static DatasetInfo dataset(Arena a, long f, String name, Path path) {
        long d = Hdf5Files.check(Hdf5.dOpen(f, a.allocateFrom(name), Hdf5.P_DEFAULT), "H5Dopen2 of '" + name + "'", path);
        long space = -1, type = -1, plist = -1;
        try {
            space = Hdf5Files.check(Hdf5.dGetSpace(d), "H5Dget_space", path);
            type = Hdf5Files.check(Hdf5.dGetType(d), "H5Dget_type", path);
            plist = Hdf5Files.check(Hdf5.dGetCreatePlist(d), "H5Dget_create_plist", path);
            int nd = Math.max(0, Hdf5.sGetSimpleExtentNdims(space));
            MemorySegment dims = a.allocate(ValueLayout.JAVA_LONG, Math.max(1, nd));
            Hdf5.sGetSimpleExtentDims(space, dims, MemorySegment.NULL);
            long[] shape = new long[nd];
            for (int i = 0; i < nd; i++) shape[i] = dims.getAtIndex(ValueLayout.JAVA_LONG, i);
            long[] chunks = null;
            if (Hdf5.pGetLayout(plist) == Hdf5.D_CHUNKED && nd > 0) {
                MemorySegment c = a.allocate(ValueLayout.JAVA_LONG, nd);
                if (Hdf5.pGetChunk(plist, nd, c) == nd) {
                    chunks = new long[nd];
                    for (int i = 0; i < nd; i++) chunks[i] = c.getAtIndex(ValueLayout.JAVA_LONG, i);
                }
            }
            return new DatasetInfo(name, shape, typeName(type), chunks, filters(a, plist), null, readAttributes(a, f, name, path));
        } finally {
            if (plist >= 0) Hdf5.pClose(plist);
            if (type >= 0) Hdf5.tClose(type);
            if (space >= 0) Hdf5.sClose(space);
            Hdf5.dClose(d);
        }
    }

    /** numpy's name of an HDF5 type ("float32", "uint16", h5py's enum bool as "bool", "string", "compound" …). */
    static String typeName(long type) {
        int cls = Hdf5.tGetClass(type);
        long size = Hdf5.tGetSize(type);
        String be = (cls == Hdf5.T_INTEGER || cls == Hdf5.T_FLOAT) && size > 1 && Hdf5.tGetOrder(type) == Hdf5.T_ORDER_BE ? " (big-endian)" : "";
        return switch (cls) {
            case Hdf5.T_INTEGER -> (Hdf5.tGetSign(type) == Hdf5.T_SGN_NONE ? "uint" : "int") + size * 8 + be;
            case Hdf5.T_FLOAT -> "float" + size * 8 + be;
            case Hdf5.T_ENUM -> size == 1 ? "bool" : "enum";
            case Hdf5.T_STRING -> "string";
            case Hdf5.T_COMPOUND -> Hdf5Files.complexMembers(type) != null ? (size == 8 ? "complex64" : "complex128") : "compound";
            default -> "HDF5 type class " + cls;
        };
    }

    /** The filter pipeline, e.g. "shuffle + gzip(level 4)", or "none". */
    private static String filters(Arena a, long plist) {
        int n = Hdf5.pGetNfilters(plist);
        if (n <= 0) return "none";
        List<String> out = new ArrayList<>();
        MemorySegment flags = a.allocate(ValueLayout.JAVA_INT), nelmts = a.allocate(ValueLayout.JAVA_LONG),
                values = a.allocate(ValueLayout.JAVA_INT, 8), name = a.allocate(256), config = a.allocate(ValueLayout.JAVA_INT);
        for (int i = 0; i < n; i++) {
            nelmts.set(ValueLayout.JAVA_LONG, 0, 8);
            int id = Hdf5.pGetFilter(plist, i, flags, nelmts, values, 256, name, config);
            if (id < 0) continue;
            long k = nelmts.get(ValueLayout.JAVA_LONG, 0);
            out.add(switch (id) {
                case 1 -> "gzip(level " + (k > 0 ? values.get(ValueLayout.JAVA_INT, 0) : 6) + ")";
                case 2 -> "shuffle";
                case 3 -> "fletcher32";
                case 4 -> "szip";
                default -> {
                    String s = name.getString(0);
                    yield s.isEmpty() ? "filter " + id : s + " (filter " + id + ")";
                }
            });
        }
        return String.join(" + ", out);
    }

    /**
     * The attributes of dataset or group {@code name} ("" or "/": the root group) as name → value: {@code String},
     * {@code Long}, {@code Double}, {@code Boolean}, or arrays of those ({@code long[]}, {@code double[]},
     * {@code String[]}, {@code boolean[]}) for non-scalar attributes.
     */
    static Map<String, Object> attributes(Path path, String name) {
        try (Arena a = Arena.ofConfined()) {
            long f = open(a, path);
            try {
                String n = name == null || name.isEmpty() ? "/" : name;
                long o = Hdf5.oOpen(f, a.allocateFrom(n), Hdf5.P_DEFAULT);
                if (o < 0) throw new IOFailure(path + ": no dataset or group '" + n + "'; the file has " + Hdf5Files.datasetList(a, f));
                Hdf5.oClose(o);
                return readAttributes(a, f, n, path);
            } finally {
                Hdf5.fClose(f);
            }
        }
    }

    private static Map<String, Object> readAttributes(Arena a, long f, String obj, Path path) {
        Map<String, Object> out = new LinkedHashMap<>();
        MemorySegment on = a.allocateFrom(obj);
        for (long i = 0; i < 10000; i++) {
            long attr = Hdf5.aOpenByIdx(f, on, Hdf5.INDEX_NAME, Hdf5.ITER_INC, i, Hdf5.P_DEFAULT, Hdf5.P_DEFAULT);
            if (attr < 0) break;
            try {
                long len = Hdf5.aGetName(attr, 0, MemorySegment.NULL);
                if (len < 0 || len > 65536) continue;
                MemorySegment nb = a.allocate(len + 1);
                Hdf5.aGetName(attr, len + 1, nb);
                out.put(nb.getString(0), value(attr));
            } finally {
                Hdf5.aClose(attr);
            }
        }
        return out;
    }

    @SuppressWarnings("restricted")   // C strings the library allocated: their length is found by the terminating NUL
    private static Object value(long attr) {
        long type = Hdf5.aGetType(attr), space = Hdf5.aGetSpace(attr);
        try (Arena a = Arena.ofConfined()) {
            long n = Hdf5.sGetSimpleExtentNpoints(space);
            boolean scalar = Hdf5.sGetSimpleExtentNdims(space) == 0;
            if (n < 0) return "(unreadable attribute)";
            if (n > MAX_ATTRIBUTE) return "(" + n + " elements)";
            int cls = Hdf5.tGetClass(type);
            int k = (int) n;
            switch (cls) {
                case Hdf5.T_INTEGER -> {
                    MemorySegment b = a.allocate(ValueLayout.JAVA_LONG, Math.max(1, k));
                    if (Hdf5.aRead(attr, Hdf5.NATIVE_INT64, b) < 0) return "(unreadable attribute)";
                    long[] v = k == 0 ? new long[0] : b.asSlice(0, 8L * k).toArray(ValueLayout.JAVA_LONG);
                    return scalar && k == 1 ? (Object) v[0] : v;
                }
                case Hdf5.T_FLOAT -> {
                    MemorySegment b = a.allocate(ValueLayout.JAVA_DOUBLE, Math.max(1, k));
                    if (Hdf5.aRead(attr, Hdf5.NATIVE_DOUBLE, b) < 0) return "(unreadable attribute)";
                    double[] v = k == 0 ? new double[0] : b.asSlice(0, 8L * k).toArray(ValueLayout.JAVA_DOUBLE);
                    return scalar && k == 1 ? (Object) v[0] : v;
                }
                case Hdf5.T_ENUM -> {
                    if (Hdf5.tGetSize(type) != 1) return "(enum attribute)";
                    MemorySegment b = a.allocate(Math.max(1, k));
                    if (Hdf5.aRead(attr, type, b) < 0) return "(unreadable attribute)";
                    boolean[] v = new boolean[k];
                    for (int i = 0; i < k; i++) v[i] = b.get(ValueLayout.JAVA_BYTE, i) != 0;
                    return scalar && k == 1 ? (Object) v[0] : v;
                }
                case Hdf5.T_STRING -> {
                    String[] v = new String[k];
                    if (Hdf5.tIsVariableStr(type) > 0) {
                        MemorySegment ptrs = a.allocate(ValueLayout.ADDRESS, Math.max(1, k));
                        if (Hdf5.aRead(attr, type, ptrs) < 0) return "(unreadable attribute)";
                        for (int i = 0; i < k; i++) {
                            MemorySegment s = ptrs.getAtIndex(ValueLayout.ADDRESS, i);
                            v[i] = s.equals(MemorySegment.NULL) ? "" : s.reinterpret(Integer.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
                            if (!s.equals(MemorySegment.NULL)) Hdf5.freeMemory(s);
                        }
                    } else {
                        long size = Hdf5.tGetSize(type);
                        MemorySegment b = a.allocate(Math.max(1, size * k));
                        if (Hdf5.aRead(attr, type, b) < 0) return "(unreadable attribute)";
                        for (int i = 0; i < k; i++) {
                            byte[] raw = b.asSlice(i * size, size).toArray(ValueLayout.JAVA_BYTE);
                            int end = 0;
                            while (end < raw.length && raw[end] != 0) end++;
                            v[i] = new String(raw, 0, end, StandardCharsets.UTF_8);
                        }
                    }
                    return scalar && k == 1 ? (Object) v[0] : v;
                }
                default -> {
                    return "(" + typeName(type) + " attribute)";
                }
            }
        } finally {
            Hdf5.sClose(space);
            Hdf5.tClose(type);
        }
    }
}
