package org.jheat.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The numcodecs filters of Zarr v2 arrays ({@code .zarray}'s {@code "filters"}) that jheat decodes: {@code delta},
 * {@code fixedscaleoffset}, {@code quantize}, {@code astype}, {@code bitround}, {@code shuffle} and
 * {@code packbits}, with numcodecs' semantics (numpy's casts and arithmetic, e.g. delta's running sum wraps like
 * numpy's {@code cumsum} in the stored integer type). A filter is a codec whose decoded size is fixed by the
 * chunk's element count, so the codec chain knows every stage's size ({@link #encodedSize}). Only decoding is
 * needed: jheat writes no filters.
 *
 * <pre>{@code
 * ZarrCodec f = ZarrFilter.parse(Map.of("id", "delta", "dtype", "<i4"), ZarrMetadata.Stored.INT32, false, path);
 * MemorySegment raw = f.decode(encoded, 4 * n, null, arena);     // the chunk's int32 values
 * }</pre>
 */
final class ZarrFilter implements ZarrCodec {

    /** Filter ids jheat decodes, for messages. */
    static final List<String> SUPPORTED = List.of("delta", "fixedscaleoffset", "quantize", "astype", "bitround", "shuffle", "packbits");

    /** A numpy element type as a filter names it ("<i4", "|u1", ">f8"). */
    record Elem(char kind, int size, boolean big) {
        static Elem parse(Object v, String what, Path f) {
            if (v instanceof String s && s.length() >= 2) {
                char o = s.charAt(0);
                String code = "<>|=".indexOf(o) >= 0 ? s.substring(1) : s;
                if (code.length() >= 2 && "biuf".indexOf(code.charAt(0)) >= 0) {
                    try {
                        int n = Integer.parseInt(code.substring(1));
                        boolean ok = switch (code.charAt(0)) {
                            case 'b' -> n == 1;
                            case 'f' -> n == 2 || n == 4 || n == 8;
                            default -> n == 1 || n == 2 || n == 4 || n == 8;
                        };
                        if (ok) return new Elem(code.charAt(0), n, o == '>' && n > 1);
                    } catch (NumberFormatException e) {
                        // refused below
                    }
                }
            }
            throw new IOFailure(f + ": filter " + what + " has unsupported dtype " + Json.describe(v) + " (supported: bool, int, uint and float types)");
        }

        String code() { return (size == 1 ? "|" : big ? ">" : "<") + kind + size; }

        boolean isFloat() { return kind == 'f'; }

        /** Element i as a long (floats truncate toward zero, as numpy's casts; uint64 as its bits). */
        long getLong(MemorySegment s, long i) {
            return switch (kind) {
                case 'f' -> (long) getDouble(s, i);
                case 'u' -> raw(s, i);
                default -> size == 8 ? raw(s, i) : signExtend(raw(s, i));
            };
        }

        /** Element i as a double (uint64 unsigned, as numpy). */
        double getDouble(MemorySegment s, long i) {
            long r = raw(s, i);
            return switch (kind) {
                case 'f' -> size == 2 ? Float.float16ToFloat((short) r) : size == 4 ? Float.intBitsToFloat((int) r) : Double.longBitsToDouble(r);
                case 'u' -> size == 8 && r < 0 ? ((double) ((r >>> 1) | (r & 1))) * 2.0 : (double) r;
                default -> size == 8 ? (double) r : (double) signExtend(r);
            };
        }

        void setLong(MemorySegment s, long i, long v) {
            if (kind == 'f') setDouble(s, i, (double) v);
            else if (kind == 'b') put(s, i, v != 0 ? 1 : 0);
            else put(s, i, v);
        }

        /** Stores v converted as numpy's astype (float to int truncates toward zero and wraps). */
        void setDouble(MemorySegment s, long i, double v) {
            switch (kind) {
                case 'f' -> put(s, i, size == 2 ? Float.floatToFloat16((float) v) : size == 4 ? Float.floatToRawIntBits((float) v) : Double.doubleToRawLongBits(v));
                case 'b' -> put(s, i, v != 0 ? 1 : 0);
                case 'u' -> put(s, i, size == 8 && v >= 0x1p63 ? (long) (v - 0x1p63) ^ Long.MIN_VALUE : (long) v);
                default -> put(s, i, (long) v);
            }
        }

        private long signExtend(long r) { return r << (64 - 8 * size) >> (64 - 8 * size); }

        private long raw(MemorySegment s, long i) {
            ByteOrder o = big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            return switch (size) {
                case 1 -> s.get(ValueLayout.JAVA_BYTE, i) & 0xffL;
                case 2 -> s.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(o), i * 2) & 0xffffL;
                case 4 -> s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(o), i * 4) & 0xffffffffL;
                default -> s.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(o), i * 8);
            };
        }

        private void put(MemorySegment s, long i, long v) {
            ByteOrder o = big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            switch (size) {
                case 1 -> s.set(ValueLayout.JAVA_BYTE, i, (byte) v);
                case 2 -> s.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(o), i * 2, (short) v);
                case 4 -> s.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(o), i * 4, (int) v);
                default -> s.set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(o), i * 8, v);
            }
        }
    }

    private final String id;
    private final Elem dec, enc;     // decoded and encoded element types (null for byte-level filters)
    private final double scale, offset;
    private final int elementSize;   // shuffle
    private final String shown;

    private ZarrFilter(String id, Elem dec, Elem enc, double scale, double offset, int elementSize, String shown) {
        this.id = id;
        this.dec = dec;
        this.enc = enc;
        this.scale = scale;
        this.offset = offset;
        this.elementSize = elementSize;
        this.shown = shown;
    }

    /**
     * The filter described by {@code m} (numcodecs' config) for an array of stored type {@code t} (byte order
     * {@code big}); an unsupported id, or a filter whose decoded type is not the array's, is an {@link IOFailure}
     * naming it.
     */
    static ZarrFilter parse(Map<String, Object> m, ZarrMetadata.Stored t, boolean big, Path f) {
        String id = String.valueOf(m.get("id"));
        Elem arrayType = new Elem(t.kind, t.size, big);
        switch (id) {
            case "delta", "fixedscaleoffset", "quantize", "astype" -> {
                boolean at = id.equals("astype");
                Elem d = Elem.parse(m.get(at ? "decode_dtype" : "dtype"), "'" + id + "'", f);
                Object ev = m.get(at ? "encode_dtype" : "astype");
                Elem e = ev == null ? d : Elem.parse(ev, "'" + id + "'", f);
                if (d.kind != t.kind || d.size != t.size) {
                    throw new IOFailure(f + ": filter '" + id + "' decodes to " + d.code() + " but the array's dtype is " + t.v2code(big));
                }
                if (id.equals("quantize") && !(d.isFloat() && e.isFloat())) throw new IOFailure(f + ": filter 'quantize' needs float dtypes");
                double sc = 1, off = 0;
                if (id.equals("fixedscaleoffset")) {
                    sc = number(m, "scale", f);
                    off = number(m, "offset", f);
                }
                String s = id + "(" + d.code() + (e.equals(d) ? "" : " as " + e.code()) + (id.equals("fixedscaleoffset") ? ", scale " + sc + ", offset " + off : "") + ")";
                return new ZarrFilter(id, d, e, sc, off, 0, s);
            }
            case "bitround" -> {
                if (t.kind != 'f') throw new IOFailure(f + ": filter 'bitround' needs a float array, the array's dtype is " + t.v2code(big));
                return new ZarrFilter(id, arrayType, arrayType, 1, 0, 0, "bitround");
            }
            case "shuffle" -> {
                long es = m.get("elementsize") instanceof Long l ? l : 4;
                if (es < 1 || es > 1 << 16) throw new IOFailure(f + ": filter 'shuffle' has elementsize " + es);
                return new ZarrFilter(id, null, null, 1, 0, (int) es, "shuffle(" + es + ")");
            }
            case "packbits" -> {
                if (t != ZarrMetadata.Stored.BOOL) throw new IOFailure(f + ": filter 'packbits' needs a bool array, the array's dtype is " + t.v2code(big));
                return new ZarrFilter(id, arrayType, arrayType, 1, 0, 0, "packbits");
            }
            default -> throw new IOFailure(f + ": unsupported Zarr filter '" + id + "' (supported: " + String.join(", ", SUPPORTED) + ")");
        }
    }

    private static double number(Map<String, Object> m, String k, Path f) {
        if (m.get(k) instanceof Number n) return n.doubleValue();
        throw new IOFailure(f + ": filter 'fixedscaleoffset' needs a number '" + k + "', got " + Json.describe(m.get(k)));
    }

    @Override
    public long encodedSize(long decoded) {
        if (decoded < 0) return -1;
        return switch (id) {
            case "shuffle", "bitround" -> decoded;
            case "packbits" -> 1 + Math.ceilDiv(decoded, 8);
            default -> decoded / dec.size * enc.size;
        };
    }

    @Override
    public MemorySegment decode(MemorySegment src, long expected, MemorySegment dst, Arena arena) {
        if (expected < 0) throw new Corrupt("filter '" + id + "' after a codec of unknown output size is not supported");
        long want = encodedSize(expected);
        if (src.byteSize() != want) throw new Corrupt("filter '" + id + "' input has " + src.byteSize() + " bytes, expected " + want);
        MemorySegment o;
        if (dst != null) {
            if (dst.byteSize() < expected) throw new Corrupt("decoded size " + expected + " exceeds the chunk's " + dst.byteSize() + " bytes");
            o = dst.asSlice(0, expected);
        } else {
            o = arena.allocate(Math.max(1, expected)).asSlice(0, expected);
        }
        switch (id) {
            case "bitround" -> MemorySegment.copy(src, 0, o, 0, expected);
            case "shuffle" -> unshuffle(src, o);
            case "packbits" -> unpack(src, o);
            case "delta" -> runningSum(src, o, expected / dec.size);
            case "fixedscaleoffset" -> scaleOffset(src, o, expected / dec.size);
            default -> convert(src, o, expected / dec.size);     // quantize, astype: the encoded values cast back
        }
        return o;
    }

    /** numpy's {@code cumsum(enc, out=dec)}: integers wrap in the decoded type, floats add in the decoded precision. */
    private void runningSum(MemorySegment src, MemorySegment o, long n) {
        if (dec.isFloat()) {
            double acc = 0;
            for (long i = 0; i < n; i++) {
                double v = enc.getDouble(src, i);
                acc = dec.size == 8 ? acc + v : dec.size == 4 ? (float) ((float) acc + (float) v) : Float.float16ToFloat(Float.floatToFloat16((float) (acc + v)));
                dec.setDouble(o, i, acc);
            }
        } else {
            long acc = 0;
            for (long i = 0; i < n; i++) {
                acc += enc.getLong(src, i);
                dec.setLong(o, i, acc);
            }
        }
    }

    /**
     * {@code (enc / scale + offset).astype(dtype)}: numpy computes in float64 for integer encodings and, by its
     * value-based casting of the Python scalars, in the encoding's own precision for float ones.
     */
    private void scaleOffset(MemorySegment src, MemorySegment o, long n) {
        for (long i = 0; i < n; i++) {
            double v = enc.getDouble(src, i), r;
            if (!enc.isFloat() || enc.size == 8) r = v / scale + offset;
            else if (enc.size == 4) r = (float) ((float) v / (float) scale) + (float) offset;
            else r = half(half(half(v) / half(scale)) + half(offset));
            if (dec.isFloat()) dec.setDouble(o, i, r);
            else dec.setLong(o, i, (long) r);
        }
    }

    private static double half(double v) { return Float.float16ToFloat(Float.floatToFloat16((float) v)); }

    /** {@code enc.astype(dtype)}. */
    private void convert(MemorySegment src, MemorySegment o, long n) {
        boolean viaDouble = enc.isFloat() || dec.isFloat();
        for (long i = 0; i < n; i++) {
            if (viaDouble) dec.setDouble(o, i, enc.getDouble(src, i));
            else dec.setLong(o, i, enc.getLong(src, i));
        }
    }

    /** numcodecs' Shuffle: byte b of every element stored together; a trailing partial element is kept as is. */
    private void unshuffle(MemorySegment src, MemorySegment o) {
        long es = elementSize, count = src.byteSize() / es, body = count * es;
        for (long b = 0; b < es; b++) {
            for (long i = 0; i < count; i++) o.set(ValueLayout.JAVA_BYTE, i * es + b, src.get(ValueLayout.JAVA_BYTE, b * count + i));
        }
        MemorySegment.copy(src, body, o, body, src.byteSize() - body);
    }

    /** numcodecs' PackBits: a byte with the padding bit count, then the bits most significant first. */
    private static void unpack(MemorySegment src, MemorySegment o) {
        long n = o.byteSize();
        int pad = src.get(ValueLayout.JAVA_BYTE, 0) & 0xff;
        if (pad != (8 - n % 8) % 8) throw new Corrupt("packbits padding " + pad + " does not match " + n + " elements");
        for (long i = 0; i < n; i++) {
            int byt = src.get(ValueLayout.JAVA_BYTE, 1 + i / 8) & 0xff;
            o.set(ValueLayout.JAVA_BYTE, i, (byte) ((byt >>> (7 - (int) (i % 8))) & 1));
        }
    }

    @Override
    public MemorySegment encode(MemorySegment src, int typesize, Arena arena) {
        throw new IllegalStateException("jheat does not write Zarr filters");
    }

    @Override
    public String describe() { return shown; }

    @Override
    public Map<String, Object> v2() { throw new IllegalStateException("jheat does not write Zarr filters"); }

    @Override
    public Map<String, Object> v3() { throw new IllegalStateException("jheat does not write Zarr filters"); }
}
