package org.jheat.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;

/**
 * The metadata of a Zarr array, v2 ({@code .zarray} + {@code .zattrs}) or v3 ({@code zarr.json}), read into one
 * {@link Array} record and written back: shape, chunk shape, stored element type and byte order, C or F order
 * inside chunks, the codecs, the fill value, and how chunk keys are spelled. Anything jheat cannot decode (another
 * codec, a structured dtype, filters on complex arrays) is refused with an {@link IOFailure} that names it.
 *
 * <pre>{@code
 * ZarrMetadata.Array a = ZarrMetadata.open(Path.of("x.zarr"), "grp/temp");
 * String key = a.chunkKey(new long[] {0, 3});      // "0.3" (v2) or "c/0/3" (v3)
 * }</pre>
 */
final class ZarrMetadata {
    private ZarrMetadata() { }

    /**
     * Element types a Zarr array may store, and the jheat dtype each is read as: uint16/uint32 widen, float16 reads
     * as float32, and uint64 — jheat has no uint64 — reads as int64 with a range check (a value of 2^63 or more is an
     * {@link IOFailure} naming the chunk), or as float64 when a float dtype is asked for.
     */
    enum Stored {
        BOOL("bool", 'b', 1, DType.BOOL), INT8("int8", 'i', 1, DType.INT8), UINT8("uint8", 'u', 1, DType.UINT8),
        INT16("int16", 'i', 2, DType.INT16), UINT16("uint16", 'u', 2, DType.INT32), INT32("int32", 'i', 4, DType.INT32),
        UINT32("uint32", 'u', 4, DType.INT64), INT64("int64", 'i', 8, DType.INT64), UINT64("uint64", 'u', 8, DType.INT64),
        FLOAT16("float16", 'f', 2, DType.FLOAT32),
        FLOAT32("float32", 'f', 4, DType.FLOAT32), FLOAT64("float64", 'f', 8, DType.FLOAT64),
        COMPLEX64("complex64", 'c', 8, DType.COMPLEX64), COMPLEX128("complex128", 'c', 16, DType.COMPLEX128);

        final String name;
        final char kind;
        final int size;
        final DType dtype;

        Stored(String name, char kind, int size, DType dtype) {
            this.name = name;
            this.kind = kind;
            this.size = size;
            this.dtype = dtype;
        }

        /** True when reading converts (the stored element differs from the jheat dtype's). */
        boolean converts() { return this == UINT16 || this == UINT32 || this == UINT64 || this == FLOAT16; }

        /** numpy's type string of this type in little-endian order, e.g. {@code <f8}, {@code |b1}. */
        String v2code(boolean big) { return (size == 1 ? "|" : big ? ">" : "<") + kind + size; }

        static Stored of(DType t) {
            return switch (t) {
                case BOOL -> BOOL;
                case INT8 -> INT8;
                case UINT8 -> UINT8;
                case INT16 -> INT16;
                case INT32 -> INT32;
                case INT64 -> INT64;
                case FLOAT32 -> FLOAT32;
                case FLOAT64 -> FLOAT64;
                case COMPLEX64 -> COMPLEX64;
                case COMPLEX128 -> COMPLEX128;
            };
        }

        /** The size of the numbers a byte swap reverses: the element, or each part of a complex one. */
        int scalarSize() { return kind == 'c' ? size / 2 : size; }

        static Stored byName(String n) {
            for (Stored s : values()) if (s.name.equals(n)) return s;
            return null;
        }
    }

    /** Supported types, for messages. */
    static final String SUPPORTED = "bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float16, float32, float64, complex64, complex128";

    /**
     * A complex fill value: Zarr writes it as the list [real, imaginary] (v2 as zarr-python does, v3 as the
     * specification says); {@link #doubleValue()} is the real part.
     */
    static final class ComplexFill extends Number {
        private static final long serialVersionUID = 1L;
        final double re;
        final double im;

        ComplexFill(double re, double im) {
            this.re = re;
            this.im = im;
        }

        @Override public int intValue() { return (int) re; }
        @Override public long longValue() { return (long) re; }
        @Override public float floatValue() { return (float) re; }
        @Override public double doubleValue() { return re; }
        @Override public String toString() { return "(" + re + (im < 0 || 1 / im < 0 ? "" : "+") + im + "j)"; }
    }

    /**
     * One Zarr array. {@code fill} is a {@code Double} for float types, a {@code Long} otherwise (bool: 0/1).
     * {@code v3Keys}: chunk keys start with "c" (v3's default encoding); {@code separator} joins the indices.
     * {@code codecs}: the bytes-to-bytes stages in encoding order (v2: the filters, then the compressor).
     * Sharded (v3 {@code sharding_indexed}, {@code shard} not null): {@code chunks} is the inner chunk shape, and
     * {@code bigEndian}, {@code fortran} and {@code codecs} describe the inner chunks; a key names a shard file.
     */
    record Array(Path dir, String name, int format, long[] shape, long[] chunks, Stored type, boolean bigEndian, boolean fortran,
                 List<ZarrCodec> codecs, Number fill, boolean v3Keys, char separator, Map<String, Object> attributes, Shard shard) {

        /** The key (file path relative to the array directory) of the chunk — or, sharded, of the shard holding it. */
        String chunkKey(long[] idx) {
            long[] k = idx;
            if (shard != null) {
                k = new long[idx.length];
                for (int d = 0; d < k.length; d++) k[d] = idx[d] / (shard.shape[d] / chunks[d]);
            }
            StringBuilder b = new StringBuilder(v3Keys ? "c" : "");
            if (k.length == 0 && !v3Keys) return "0";
            for (int d = 0; d < k.length; d++) {
                if (d > 0 || v3Keys) b.append(separator);
                b.append(k[d]);
            }
            return b.toString();
        }

        /** Sharded: the position of inner chunk {@code idx} in its shard's index (C order over the shard's chunks). */
        long innerIndex(long[] idx) {
            long at = 0;
            for (int d = 0; d < idx.length; d++) {
                long per = shard.shape[d] / chunks[d];
                at = at * per + idx[d] % per;
            }
            return at;
        }

        /** The chunk grid's cell: the chunk shape, or the shard shape when sharded. */
        long[] gridCell() { return shard == null ? chunks : shard.shape; }

        /** Bytes of one decoded chunk (stored type). */
        long chunkBytes() { return Shapes.size(chunks) * type.size; }

        /** "blosc(lz4, clevel 5, shuffle)" or "none". */
        String compression() {
            String c = codecs.isEmpty() ? "none" : String.join(" + ", codecs.stream().map(ZarrCodec::describe).toList());
            return shard == null ? c : "sharded(shards " + Shapes.str(shard.shape) + ", index at " + (shard.atEnd ? "end" : "start")
                    + (shard.crc ? " with crc32c" : "") + "; inner chunks " + c + ")";
        }

        /** The metadata document: {@code .zarray} (v2) or {@code zarr.json} (v3). */
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (format == 2) {
                m.put("chunks", longs(chunks));
                m.put("compressor", codecs.isEmpty() ? null : codecs.get(0).v2());
                m.put("dimension_separator", String.valueOf(separator));
                m.put("dtype", type.v2code(bigEndian));
                m.put("fill_value", fillJson());
                m.put("filters", null);
                m.put("order", fortran ? "F" : "C");
                m.put("shape", longs(shape));
                m.put("zarr_format", 2L);
                return m;
            }
            m.put("zarr_format", 3L);
            m.put("node_type", "array");
            m.put("shape", longs(shape));
            m.put("data_type", type.name);
            m.put("chunk_grid", map("name", "regular", "configuration", map("chunk_shape", longs(gridCell()))));
            m.put("chunk_key_encoding", map("name", v3Keys ? "default" : "v2", "configuration", map("separator", String.valueOf(separator))));
            m.put("fill_value", fillJson());
            List<Object> cs = new ArrayList<>();
            if (fortran && shape.length > 1) {
                List<Object> order = new ArrayList<>();
                for (int d = shape.length - 1; d >= 0; d--) order.add((long) d);
                cs.add(map("name", "transpose", "configuration", map("order", order)));
            }
            cs.add(map("name", "bytes", "configuration", map("endian", bigEndian ? "big" : "little")));
            for (ZarrCodec c : codecs) cs.add(c.v3());
            if (shard != null) {
                List<Object> index = new ArrayList<>();
                index.add(map("name", "bytes", "configuration", map("endian", shard.big ? "big" : "little")));
                if (shard.crc) index.add(map("name", "crc32c"));
                cs = List.of(map("name", "sharding_indexed", "configuration", map("chunk_shape", longs(chunks), "codecs", cs,
                        "index_codecs", index, "index_location", shard.atEnd ? "end" : "start")));
            }
            m.put("codecs", cs);
            m.put("attributes", attributes == null ? new LinkedHashMap<>() : attributes);
            return m;
        }

        private Object fillJson() {
            if (type == Stored.BOOL) return fill.longValue() != 0;
            if (fill instanceof ComplexFill c) return List.of(c.re, c.im);
            return fill;
        }
    }

    /**
     * Zarr v3's {@code sharding_indexed}: shards of {@code shape} hold the inner chunks and an index of (offset,
     * nbytes) uint64 pairs, one per inner chunk in C order (both 2^64-1: the chunk is empty), encoded with
     * {@code bytes} in {@code big} or little endianness and optionally followed by a crc32c, at the shard's end or
     * start.
     */
    record Shard(long[] shape, boolean atEnd, boolean big, boolean crc) {
        /** Inner chunks per shard. */
        long chunksPerShard(long[] chunks) {
            long n = 1;
            for (int d = 0; d < chunks.length; d++) n *= shape[d] / chunks[d];
            return n;
        }

        /** Bytes of the encoded index. */
        long indexBytes(long[] chunks) { return 16 * chunksPerShard(chunks) + (crc ? 4 : 0); }
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static List<Object> longs(long[] v) {
        List<Object> l = new ArrayList<>();
        for (long x : v) l.add(x);
        return l;
    }

    // ------------------------------------------------------------------------------------------- opening

    /** What a directory is: a v2/v3 array, a v2/v3 group, or nothing Zarr. */
    enum Node { ARRAY2, ARRAY3, GROUP2, GROUP3, NONE }

    static Node node(Path dir) {
        if (Files.isRegularFile(dir.resolve(".zarray"))) return Node.ARRAY2;
        if (Files.isRegularFile(dir.resolve(".zgroup"))) return Node.GROUP2;
        Path j = dir.resolve("zarr.json");
        if (Files.isRegularFile(j)) {
            try {
                Object t = Json.object(Json.parse(Files.readString(j, StandardCharsets.UTF_8), j), j).get("node_type");
                if ("array".equals(t)) return Node.ARRAY3;
                if ("group".equals(t)) return Node.GROUP3;
            } catch (IOException | IOFailure e) {
                return Node.NONE;
            }
        }
        return Node.NONE;
    }

    /**
     * Opens array {@code name} (a path inside the store; null or "" for the store itself) of the store at
     * {@code store}; fails naming what exists when it is missing or a group.
     */
    static Array open(Path store, String name) throws IOException {
        if (!Files.exists(store)) throw new IOFailure(store + ": no such file or directory");
        if (!Files.isDirectory(store)) throw new IOFailure(store + ": not a Zarr store (a Zarr store is a directory)");
        String n = name == null ? "" : name.replaceAll("^/+|/+$", "");
        Path dir = n.isEmpty() ? store : store.resolve(n).normalize();
        if (!dir.startsWith(store.normalize())) throw new IOFailure(store + ": array name '" + name + "' leaves the store");
        Node kind = Files.isDirectory(dir) ? node(dir) : Node.NONE;
        switch (kind) {
            case ARRAY2 -> { return parseV2(dir, n, store); }
            case ARRAY3 -> { return parseV3(dir, n, store); }
            case GROUP2, GROUP3 -> throw new IOFailure(store + ": " + (n.isEmpty() ? "the store" : "'" + n + "'") + " is a group, not an array; "
                    + "give the array's name (" + arrayList(store) + ")");
            default -> {
                if (n.isEmpty() && node(store) == Node.NONE) {
                    throw new IOFailure(store + ": not a Zarr store (no .zarray, .zgroup or zarr.json)");
                }
                throw new IOFailure(store + ": no array '" + n + "'; the store has " + arrayList(store));
            }
        }
    }

    /** "arrays: a, grp/b" (at most 50) for messages. */
    static String arrayList(Path store) {
        List<String> names = new ArrayList<>();
        collect(store, "", names, 0);
        if (names.isEmpty()) return "no arrays";
        return "arrays: " + String.join(", ", names.stream().map(s -> s.isEmpty() ? "(the root)" : s).toList())
                + (names.size() >= 50 ? ", …" : "");
    }

    /** Array paths under {@code dir} (recursively, depth <= 8, at most 50), in name order. */
    static void collect(Path dir, String prefix, List<String> out, int depth) {
        if (depth > 8 || out.size() >= 50) return;
        Node k = node(dir);
        if (k == Node.ARRAY2 || k == Node.ARRAY3) {
            out.add(prefix);
            return;
        }
        List<Path> subs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : ds) subs.add(p);
        } catch (IOException e) {
            return;
        }
        subs.sort(null);
        for (Path p : subs) collect(p, prefix.isEmpty() ? p.getFileName().toString() : prefix + "/" + p.getFileName(), out, depth + 1);
    }

    /**
     * The arrays of {@code store} whose paths match {@code pattern} (e.g. {@code "RECEIVER_*"} then {@code "DATA"} below each), in name order, with
     * Python's {@code glob} rules per path component: {@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}, never
     * across "/", and a leading "." only matched literally. Files are passed over (an array is a directory); a
     * matching group or plain directory is an {@link IOFailure} naming it, and so is no match at all (listing the
     * arrays that exist).
     */
    static List<String> matching(Path store, String pattern) throws IOException {
        if (!Files.isDirectory(store)) {
            throw new IOFailure(store + (Files.exists(store) ? ": not a Zarr store (a Zarr store is a directory)" : ": no such file or directory"));
        }
        List<String> found = new ArrayList<>(List.of(""));
        for (String part : pattern.replaceAll("^/+|/+$", "").split("/+")) {
            List<String> next = new ArrayList<>();
            boolean glob = part.matches(".*[*?\\[].*");
            java.util.regex.Pattern re = glob ? java.util.regex.Pattern.compile(globRegex(part)) : null;
            for (String prefix : found) {
                Path dir = prefix.isEmpty() ? store : store.resolve(prefix);
                if (!glob) {
                    if (part.equals("..") || part.equals(".")) throw new IOFailure(store + ": pattern '" + pattern + "' may not contain '" + part + "'");
                    if (Files.isDirectory(dir.resolve(part))) next.add(prefix.isEmpty() ? part : prefix + "/" + part);
                    continue;
                }
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
                    for (Path q : ds) {
                        String n = q.getFileName().toString();
                        if (n.startsWith(".") && !part.startsWith(".")) continue;
                        if (re.matcher(n).matches()) next.add(prefix.isEmpty() ? n : prefix + "/" + n);
                    }
                }
            }
            found = next;
        }
        found.sort(null);
        if (found.isEmpty()) throw new IOFailure(store + ": pattern '" + pattern + "' matches no array; the store has " + arrayList(store));
        for (String n : found) {
            Node k = node(store.resolve(n));
            if (k != Node.ARRAY2 && k != Node.ARRAY3) {
                throw new IOFailure(store + ": pattern '" + pattern + "' matches '" + n + "', which is " + (k == Node.NONE ? "not a Zarr node" : "a group")
                        + ", not an array; the store has " + arrayList(store));
            }
        }
        return found;
    }

    /** Python's fnmatch translation of one glob component into a regex. */
    private static String globRegex(String g) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char ch = g.charAt(i);
            if (ch == '*') {
                b.append(".*");
            } else if (ch == '?') {
                b.append('.');
            } else if (ch == '[') {
                int j = i + 1;
                if (j < g.length() && g.charAt(j) == '!') j++;
                if (j < g.length() && g.charAt(j) == ']') j++;
                while (j < g.length() && g.charAt(j) != ']') j++;
                if (j >= g.length()) {
                    b.append("\\[");
                } else {
                    String set = g.substring(i + 1, j);
                    boolean neg = set.startsWith("!");
                    if (neg) set = set.substring(1);
                    b.append('[').append(neg ? "^" : "");
                    for (char x : set.toCharArray()) {
                        if (x == '\\' || x == '[' || x == ']' || x == '^' || x == '&') b.append('\\');
                        b.append(x);
                    }
                    b.append(']');
                    i = j;
                }
            } else {
                b.append(java.util.regex.Pattern.quote(String.valueOf(ch)));
            }
        }
        return b.toString();
    }

    private static Map<String, Object> readJson(Path f) throws IOException {
        if (Files.size(f) > (16 << 20)) throw new IOFailure(f + ": metadata file is larger than 16 MiB");
        return Json.object(Json.parse(Files.readString(f, StandardCharsets.UTF_8), f), f);
    }

    private static long[] shapeOf(Object v, String key, Path f, boolean positive) {
        if (!(v instanceof List<?> l)) throw new IOFailure(f + ": '" + key + "' must be a list of integers, got " + Json.describe(v));
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Long x) || x < (positive ? 1 : 0)) {
                throw new IOFailure(f + ": '" + key + "' must hold " + (positive ? "positive" : "non-negative") + " integers, got " + l);
            }
            out[i] = x;
        }
        if (out.length > 32) throw new IOFailure(f + ": '" + key + "' has " + out.length + " dimensions (at most 32 supported)");
        return out;
    }

    private static void checkSizes(long[] shape, long[] chunks, Stored t, Path f) {
        if (chunks.length != shape.length) {
            throw new IOFailure(f + ": chunk shape " + Shapes.str(chunks) + " has " + chunks.length + " dimensions, shape "
                    + Shapes.str(shape) + " has " + shape.length);
        }
        try {
            long n = t.size;
            for (long c : chunks) n = Math.multiplyExact(n, c);
            long m = t.size;
            for (long s : shape) m = Math.multiplyExact(m, s);
            if (n > (1L << 40)) throw new ArithmeticException();
        } catch (ArithmeticException e) {
            throw new IOFailure(f + ": shape " + Shapes.str(shape) + " or chunk shape " + Shapes.str(chunks) + " is too large");
        }
    }

    private static Number fill(Object v, Stored t, Path f) {
        if (t.kind == 'c') {
            // [re, im], each part a float fill value ("NaN", "Infinity", hex bits …); a plain number: a real value
            Stored part = t == Stored.COMPLEX64 ? Stored.FLOAT32 : Stored.FLOAT64;
            if (v == null) return new ComplexFill(0, 0);
            if (v instanceof List<?> l && l.size() == 2) return new ComplexFill(fill(l.get(0), part, f).doubleValue(), fill(l.get(1), part, f).doubleValue());
            if (v instanceof List<?>) throw new IOFailure(f + ": a complex fill_value must be [real, imaginary], got " + Json.describe(v));
            return new ComplexFill(fill(v, part, f).doubleValue(), 0);
        }
        if (v == null) return t.kind == 'f' ? (Number) 0.0 : (Number) 0L;   // "no fill value": zarr-python reads zeros
        if (v instanceof Boolean b) return b ? 1L : 0L;
        if (v instanceof String s) {
            if (t.kind == 'f') {
                switch (s) {
                    case "NaN": return Double.NaN;
                    case "Infinity": return Double.POSITIVE_INFINITY;
                    case "-Infinity": return Double.NEGATIVE_INFINITY;
                    default:
                        if (s.startsWith("0x")) {
                            try {
                                long bits = Long.parseUnsignedLong(s.substring(2), 16);
                                return switch (t.size) {
                                    case 2 -> (double) Float.float16ToFloat((short) bits);
                                    case 4 -> (double) Float.intBitsToFloat((int) bits);
                                    default -> Double.longBitsToDouble(bits);
                                };
                            } catch (NumberFormatException e) {
                                // falls through to the failure below
                            }
                        }
                }
            }
            throw new IOFailure(f + ": unsupported fill_value \"" + s + "\" for " + t.name);
        }
        if (v instanceof Number x) {
            if (t.kind == 'f') return x.doubleValue();
            // a uint64 fill of 2^63 or more stays a Double: it fits no int64 (reading such a missing chunk as int64 fails)
            if (t == Stored.UINT64 && x instanceof Double d && d >= 0x1p63 && d <= 0x1p64) return d;
            if (x instanceof Double d && d != Math.rint(d)) throw new IOFailure(f + ": fill_value " + d + " is not an integer for " + t.name);
            return x.longValue();
        }
        throw new IOFailure(f + ": unsupported fill_value " + Json.describe(v));
    }

    private static Map<String, Object> attributes(Path f) throws IOException {
        return Files.isRegularFile(f) ? readJson(f) : new LinkedHashMap<>();
    }

    /** numpy's type string, e.g. "<f8", "|u1", ">i4"; {byteorder big?, type} or a failure naming it. */
    private static Object[] v2dtype(Object v, Path f) {
        if (!(v instanceof String s)) {
            throw new IOFailure(f + ": unsupported dtype " + Json.describe(v) + " (structured dtypes are not supported; supported: " + SUPPORTED + ")");
        }
        String code = s;
        char order = '<';
        if (!code.isEmpty() && "<>|=".indexOf(code.charAt(0)) >= 0) {
            order = code.charAt(0);
            code = code.substring(1);
        }
        Stored t = null;
        for (Stored x : Stored.values()) if (code.equals("" + x.kind + x.size)) t = x;
        if (t == null) {
            String what = switch (code) {
                default -> code.startsWith("S") || code.startsWith("U") ? "string" : code.startsWith("M") || code.startsWith("m") ? "datetime" : code;
            };
            throw new IOFailure(f + ": unsupported dtype '" + s + "' (" + what + "); supported: " + SUPPORTED);
        }
        return new Object[] {order == '>' && t.size > 1, t};
    }

    /** numcodecs compressors jheat decodes. */
    private static final List<String> COMPRESSORS = List.of("blosc", "zstd", "gzip", "zlib");

    private static ZarrCodec v2codec(Object v, Path f) {
        if (v == null) return null;
        Map<String, Object> m = Json.object(v, f + " 'compressor'");
        Object id = m.get("id");
        String s = id instanceof String x ? x : String.valueOf(id);
        return switch (s) {
            case "zstd" -> new ZarrCodec.Zstd((int) num(m, "level", 1, f));
            case "gzip" -> new ZarrCodec.Gzip((int) num(m, "level", 1, f));
            case "zlib" -> new ZarrCodec.Zlib((int) num(m, "level", 1, f));
            case "blosc" -> {
                long sh = num(m, "shuffle", 1, f);
                yield new ZarrCodec.Blosc(String.valueOf(m.getOrDefault("cname", "lz4")), (int) num(m, "clevel", 5, f),
                        sh < 0 ? 1 : (int) Math.min(2, sh), 1, num(m, "blocksize", 0, f));
            }
            default -> throw new IOFailure(f + ": unsupported Zarr codec '" + s + "' (supported: " + String.join(", ", COMPRESSORS) + ")");
        };
    }

    private static long num(Map<String, Object> m, String k, long dflt, Path f) {
        Object v = m.get(k);
        if (v == null) return dflt;
        if (v instanceof Long x) return x;
        throw new IOFailure(f + ": codec setting '" + k + "' must be an integer, got " + Json.describe(v));
    }

    static Array parseV2(Path dir, String name, Path store) throws IOException {
        Path f = dir.resolve(".zarray");
        Map<String, Object> m = readJson(f);
        if (!Long.valueOf(2).equals(m.get("zarr_format"))) throw new IOFailure(f + ": zarr_format must be 2, got " + Json.describe(m.get("zarr_format")));
        long[] shape = shapeOf(m.get("shape"), "shape", f, false);
        long[] chunks = shapeOf(m.get("chunks"), "chunks", f, true);
        Object[] dt = v2dtype(m.get("dtype"), f);
        Stored t = (Stored) dt[1];
        checkSizes(shape, chunks, t, f);
        List<ZarrCodec> codecs = new ArrayList<>();
        Object filters = m.get("filters");
        if (filters != null && !(filters instanceof List<?>)) throw new IOFailure(f + ": 'filters' must be a list or null, got " + Json.describe(filters));
        if (filters instanceof List<?> l) {
            for (Object o : l) {
                Map<String, Object> fm = Json.object(o, f + " filter");
                // numcodecs lets any codec be a filter; compressors are then one more bytes-to-bytes stage
                boolean compressor = COMPRESSORS.contains(String.valueOf(fm.get("id")));
                if (!compressor && t.kind == 'c') {
                    throw new IOFailure(f + ": filter '" + fm.get("id") + "' on a complex array is not supported (only compressors as filters)");
                }
                codecs.add(compressor ? v2codec(fm, f) : ZarrFilter.parse(fm, t, (Boolean) dt[0], f));
            }
        }
        Object order = m.getOrDefault("order", "C");
        if (!"C".equals(order) && !"F".equals(order)) throw new IOFailure(f + ": order must be \"C\" or \"F\", got " + Json.describe(order));
        Object sep = m.getOrDefault("dimension_separator", ".");
        if (!".".equals(sep) && !"/".equals(sep)) throw new IOFailure(f + ": dimension_separator must be \".\" or \"/\", got " + Json.describe(sep));
        ZarrCodec c = v2codec(m.get("compressor"), f);
        if (c != null) codecs.add(c);
        return new Array(dir, name, 2, shape, chunks, t, (Boolean) dt[0], "F".equals(order), List.copyOf(codecs),
                fill(m.get("fill_value"), t, f), false, ((String) sep).charAt(0), attributes(dir.resolve(".zattrs")), null);
    }

    static Array parseV3(Path dir, String name, Path store) throws IOException {
        Path f = dir.resolve("zarr.json");
        Map<String, Object> m = readJson(f);
        if (!Long.valueOf(3).equals(m.get("zarr_format"))) throw new IOFailure(f + ": zarr_format must be 3, got " + Json.describe(m.get("zarr_format")));
        long[] shape = shapeOf(m.get("shape"), "shape", f, false);
        Object dtv = m.get("data_type");
        Stored t = dtv instanceof String s ? Stored.byName(s) : null;
        if (t == null) throw new IOFailure(f + ": unsupported data_type " + Json.describe(dtv) + "; supported: " + SUPPORTED);
        Map<String, Object> grid = Json.object(m.get("chunk_grid"), f + " 'chunk_grid'");
        if (!"regular".equals(grid.get("name"))) throw new IOFailure(f + ": unsupported chunk grid " + Json.describe(grid.get("name")) + " (supported: regular)");
        long[] chunks = shapeOf(Json.object(grid.get("configuration"), f + " chunk grid").get("chunk_shape"), "chunk_shape", f, true);
        checkSizes(shape, chunks, t, f);
        Map<String, Object> keys = m.get("chunk_key_encoding") == null ? map("name", "default") : Json.object(m.get("chunk_key_encoding"), f);
        boolean v3Keys = !"v2".equals(keys.get("name"));
        if (v3Keys && !"default".equals(keys.get("name"))) {
            throw new IOFailure(f + ": unsupported chunk_key_encoding " + Json.describe(keys.get("name")) + " (supported: default, v2)");
        }
        Object sepv = keys.get("configuration") instanceof Map<?, ?> kc ? kc.get("separator") : null;
        String sep = sepv == null ? (v3Keys ? "/" : ".") : String.valueOf(sepv);
        if (!sep.equals("/") && !sep.equals(".")) throw new IOFailure(f + ": chunk key separator must be \"/\" or \".\", got \"" + sep + "\"");
        if (m.get("storage_transformers") instanceof List<?> st && !st.isEmpty()) throw new IOFailure(f + ": storage transformers are not supported");
        if (!(m.get("codecs") instanceof List<?> codecs)) throw new IOFailure(f + ": 'codecs' must be a list");
        Chain c = chain(codecs, shape.length, t, f, false);
        long[] inner = chunks;
        if (c.shard != null) {
            inner = c.inner;
            if (inner.length != shape.length) {
                throw new IOFailure(f + ": sharding_indexed chunk_shape " + Shapes.str(inner) + " has " + inner.length + " dimensions, the array has " + shape.length);
            }
            for (int d = 0; d < inner.length; d++) {
                if (chunks[d] % inner[d] != 0) {
                    throw new IOFailure(f + ": shard shape " + Shapes.str(chunks) + " is not a multiple of the inner chunk shape " + Shapes.str(inner));
                }
            }
            if (Shapes.size(chunks) / Shapes.size(inner) > (1 << 24)) throw new IOFailure(f + ": more than 2^24 inner chunks per shard");
        }
        Map<String, Object> attrs = m.get("attributes") instanceof Map<?, ?> ? Json.object(m.get("attributes"), f) : new LinkedHashMap<>();
        Shard shard = c.shard == null ? null : new Shard(chunks, c.shard.atEnd, c.shard.big, c.shard.crc);
        return new Array(dir, name, 3, shape, inner, t, c.big, c.fortran, c.bytes, fill(m.get("fill_value"), t, f), v3Keys,
                sep.charAt(0), attrs, shard);
    }

    /** A v3 codec list, read: C/F order, endianness, the bytes-to-bytes codecs; or the sharding codec and its inner shape. */
    private record Chain(boolean fortran, boolean big, List<ZarrCodec> bytes, Shard shard, long[] inner) { }

    private static final String V3_CODECS = "transpose, bytes, blosc, zstd, gzip, crc32c, sharding_indexed";

    /** Reads one v3 codec list ({@code inner}: the inner codecs of a shard, where sharding may not nest). */
    private static Chain chain(List<?> codecs, int nd, Stored t, Path f, boolean inner) {
        boolean fortran = false, big = false, sawBytes = false;
        Chain sharded = null;
        List<ZarrCodec> bytes = new ArrayList<>();
        for (Object o : codecs) {
            Map<String, Object> c = Json.object(o, f + " codec");
            String cn = String.valueOf(c.get("name"));
            Map<String, Object> cfg = c.get("configuration") instanceof Map<?, ?> ? Json.object(c.get("configuration"), f) : Map.of();
            if (sharded != null) throw new IOFailure(f + ": codec '" + cn + "' after 'sharding_indexed' is not supported (it would need whole shards)");
            switch (cn) {
                case "transpose" -> {
                    if (sawBytes) throw new IOFailure(f + ": codec 'transpose' after 'bytes'");
                    fortran = transposeIsF(cfg.get("order"), nd, f) != fortran;
                }
                case "sharding_indexed" -> {
                    if (inner) throw new IOFailure(f + ": nested 'sharding_indexed' codecs are not supported");
                    if (sawBytes) throw new IOFailure(f + ": two array-to-bytes codecs");
                    if (fortran) throw new IOFailure(f + ": a 'transpose' before 'sharding_indexed' is not supported (transpose the inner chunks instead)");
                    sawBytes = true;
                    long[] in = shapeOf(cfg.get("chunk_shape"), "sharding_indexed chunk_shape", f, true);
                    if (!(cfg.get("codecs") instanceof List<?> ic)) throw new IOFailure(f + ": sharding_indexed needs a 'codecs' list");
                    Chain ch = chain(ic, nd, t, f, true);
                    Object loc = cfg.getOrDefault("index_location", "end");
                    if (!"end".equals(loc) && !"start".equals(loc)) throw new IOFailure(f + ": index_location must be \"end\" or \"start\", got " + Json.describe(loc));
                    boolean ibig = false, crc = false, ibytes = false;
                    if (!(cfg.get("index_codecs") instanceof List<?> xl)) throw new IOFailure(f + ": sharding_indexed needs an 'index_codecs' list");
                    for (Object x : xl) {
                        Map<String, Object> xc = Json.object(x, f + " index codec");
                        String xn = String.valueOf(xc.get("name"));
                        Object e = xc.get("configuration") instanceof Map<?, ?> xm ? xm.get("endian") : null;
                        if (xn.equals("bytes") && !ibytes && !crc) {
                            ibytes = true;
                            ibig = "big".equals(e);
                        } else if (xn.equals("crc32c") && ibytes && !crc) {
                            crc = true;
                        } else {
                            throw new IOFailure(f + ": unsupported sharding index codecs " + Json.describe(xl) + " (supported: bytes, optionally followed by crc32c)");
                        }
                    }
                    if (!ibytes) throw new IOFailure(f + ": sharding index codecs without 'bytes'");
                    sharded = new Chain(ch.fortran, ch.big, ch.bytes, new Shard(in, "end".equals(loc), ibig, crc), in);
                }
                case "bytes", "endian" -> {
                    if (sawBytes) throw new IOFailure(f + ": two array-to-bytes codecs");
                    sawBytes = true;
                    Object e = cfg.get("endian");
                    if (e != null && !"little".equals(e) && !"big".equals(e)) throw new IOFailure(f + ": endian must be \"little\" or \"big\", got " + Json.describe(e));
                    big = "big".equals(e) && t.size > 1;
                }
                case "gzip", "zstd", "blosc", "crc32c" -> {
                    if (!sawBytes) throw new IOFailure(f + ": codec '" + cn + "' before the 'bytes' codec");
                    bytes.add(switch (cn) {
                        case "gzip" -> new ZarrCodec.Gzip((int) num(cfg, "level", 5, f));
                        case "zstd" -> new ZarrCodec.Zstd((int) num(cfg, "level", 0, f));
                        case "crc32c" -> new ZarrCodec.Crc32c();
                        default -> {
                            Object sh = cfg.getOrDefault("shuffle", "noshuffle");
                            int shuffle = ZarrCodec.Blosc.SHUFFLES.indexOf(String.valueOf(sh));
                            if (shuffle < 0) throw new IOFailure(f + ": unsupported blosc shuffle " + Json.describe(sh));
                            yield new ZarrCodec.Blosc(String.valueOf(cfg.getOrDefault("cname", "zstd")), (int) num(cfg, "clevel", 5, f), shuffle,
                                    (int) num(cfg, "typesize", t.size, f), num(cfg, "blocksize", 0, f));
                        }
                    });
                }
                default -> throw new IOFailure(f + ": unsupported Zarr codec '" + cn + "' (supported: " + V3_CODECS + ")");
            }
        }
        if (sharded != null) return sharded;
        if (!sawBytes) throw new IOFailure(f + ": no 'bytes' codec in " + (inner ? "the shard's inner 'codecs'" : "'codecs'"));
        return new Chain(fortran, big, List.copyOf(bytes), null, null);
    }

    /** True when a transpose order reverses the axes (F order); identity is C; any other permutation is refused. */
    private static boolean transposeIsF(Object order, int nd, Path f) {
        if ("C".equals(order)) return false;
        if ("F".equals(order)) return true;
        if (order instanceof List<?> l && l.size() == nd) {
            boolean id = true, rev = true;
            for (int i = 0; i < nd; i++) {
                Object x = l.get(i);
                id &= Long.valueOf(i).equals(x);
                rev &= Long.valueOf(nd - 1 - i).equals(x);
            }
            if (id) return false;
            if (rev) return true;
        }
        throw new IOFailure(f + ": unsupported transpose order " + Json.describe(order) + " (only C or F order, i.e. identity or reversal)");
    }

    /**
     * What the metadata of an array jheat cannot load says, for listings: shape, chunks and the type as written,
     * the reason in place of the compression.
     */
    static DatasetInfo raw(Path store, String name, String why) {
        Path dir = name.isEmpty() ? store : store.resolve(name);
        long[] shape = new long[0], chunks = null;
        String type = "?";
        try {
            boolean v2 = Files.isRegularFile(dir.resolve(".zarray"));
            Map<String, Object> m = readJson(dir.resolve(v2 ? ".zarray" : "zarr.json"));
            shape = shapeOf(m.get("shape"), "shape", dir, false);
            Object c = v2 ? m.get("chunks") : m.get("chunk_grid") instanceof Map<?, ?> g && g.get("configuration") instanceof Map<?, ?> cfg
                    ? cfg.get("chunk_shape") : null;
            chunks = c == null ? null : shapeOf(c, "chunks", dir, true);
            type = String.valueOf(m.get(v2 ? "dtype" : "data_type"));
        } catch (IOException | IOFailure | ClassCastException e) {
            // keep what was found; the reason below says what is wrong
        }
        String reason = why.startsWith(store.toString()) ? why.substring(store.toString().length()).replaceFirst("^[^:]*: ", "") : why;
        return new DatasetInfo(name, shape, type, chunks, "not loadable: " + reason, null, Map.of());
    }

    /** Text of v3 group metadata, or v2's {@code .zgroup}. */
    static String groupJson(int format) {
        return format == 2 ? Json.write(map("zarr_format", 2L))
                : Json.write(map("zarr_format", 3L, "node_type", "group", "attributes", new LinkedHashMap<>()));
    }

    static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
