package org.jheat.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The bytes-to-bytes codecs of Zarr chunks that jheat reads and writes: gzip and zlib (Java's own zlib), zstd and
 * blosc (the native libraries through {@link org.jheat.natives.Zstd} and {@link org.jheat.natives.Blosc}), and
 * Zarr v3's crc32c checksum. Decoding checks everything it can (sizes, checksums, headers) and throws
 * {@link Corrupt} with a short reason; the caller adds the chunk key.
 *
 * <pre>{@code
 * ZarrCodec c = new ZarrCodec.Zstd(3);
 * MemorySegment packed = c.encode(raw, 8, arena);
 * MemorySegment back = c.decode(packed, raw.byteSize(), null, arena);
 * }</pre>
 */
sealed interface ZarrCodec permits ZarrCodec.Zlib, ZarrCodec.Gzip, ZarrCodec.Zstd, ZarrCodec.Blosc, ZarrCodec.Crc32c, ZarrFilter {

    /** A chunk that cannot be decoded; the message says why. */
    final class Corrupt extends RuntimeException {
        Corrupt(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * Decodes {@code src}. {@code expected} >= 0 is the exact size the result must have (else the size comes from the
     * codec's own header); the result goes into {@code dst} when given (capacity >= expected), else into
     * {@code arena}.
     */
    MemorySegment decode(MemorySegment src, long expected, MemorySegment dst, Arena arena);

    /** Encodes {@code src} (elements of {@code typesize} bytes) into a new segment of {@code arena}. */
    MemorySegment encode(MemorySegment src, int typesize, Arena arena);

    /**
     * Bytes that {@code decoded} bytes encode to when the codec fixes it (filters, checksums), else -1; lets the
     * chain tell every stage the exact size it must decode to.
     */
    default long encodedSize(long decoded) { return -1; }

    /** Human-readable, e.g. "blosc(lz4, clevel 5, shuffle)". */
    String describe();

    /** The Zarr v2 {@code compressor} object (numcodecs' form). */
    Map<String, Object> v2();

    /** The Zarr v3 codec object {@code {"name": …, "configuration": …}}. */
    Map<String, Object> v3();

    private static MemorySegment out(long n, MemorySegment dst, Arena arena) {
        if (dst != null) {
            if (dst.byteSize() < n) throw new Corrupt("decoded size " + n + " exceeds the chunk's " + dst.byteSize() + " bytes");
            return dst.asSlice(0, n);
        }
        return arena.allocate(Math.max(1, n)).asSlice(0, n);
    }

    private static void checkSize(long got, long expected) {
        if (expected >= 0 && got != expected) throw new Corrupt("decodes to " + got + " bytes, expected " + expected);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    long INT_LIMIT = Integer.MAX_VALUE - 64;

    private static void intLimit(long n, String what) {
        if (n > INT_LIMIT) throw new Corrupt(what + " chunks larger than 2 GiB are not supported");
    }

    /** Runs a (raw or zlib-wrapped) inflater over all of {@code src}; returns the bytes consumed from src. */
    private static long inflate(Inflater inf, MemorySegment src, MemorySegment out) {
        intLimit(src.byteSize(), "deflate");
        intLimit(out.byteSize(), "deflate");
        ByteBuffer in = src.asByteBuffer(), o = out.asByteBuffer();
        inf.setInput(in);
        try {
            while (!inf.finished()) {
                int n = inf.inflate(o);
                if (n == 0) {
                    if (inf.needsDictionary()) throw new Corrupt("deflate stream needs a preset dictionary");
                    if (!o.hasRemaining()) throw new Corrupt("decodes to more than the expected " + out.byteSize() + " bytes");
                    if (inf.needsInput()) throw new Corrupt("deflate stream is truncated");
                }
            }
        } catch (DataFormatException e) {
            throw new Corrupt("invalid deflate data (" + e.getMessage() + ")");
        }
        if (o.position() != out.byteSize()) throw new Corrupt("decodes to " + o.position() + " bytes, expected " + out.byteSize());
        return src.byteSize() - inf.getRemaining();
    }

    private static MemorySegment deflate(MemorySegment src, int level, boolean raw, Arena arena, int headroom) {
        intLimit(src.byteSize(), "deflate");
        Deflater d = new Deflater(level, raw);
        try {
            long cap = src.byteSize() + src.byteSize() / 1000 + 64 + headroom;
            MemorySegment dst = arena.allocate(cap);
            ByteBuffer o = dst.asSlice(headroom).asByteBuffer();
            d.setInput(src.asByteBuffer());
            d.finish();
            while (!d.finished()) {
                if (!o.hasRemaining()) throw new IllegalStateException("deflate output exceeded its bound");
                d.deflate(o);
            }
            return dst.asSlice(0, headroom + o.position());
        } finally {
            d.end();
        }
    }

    // ------------------------------------------------------------------------------------------- zlib

    /** numcodecs' {@code zlib}: a zlib stream (RFC 1950, Adler-32 checked). v2 only. */
    record Zlib(int level) implements ZarrCodec {
        public MemorySegment decode(MemorySegment src, long expected, MemorySegment dst, Arena arena) {
            if (expected < 0) throw new Corrupt("zlib inside another codec is not supported");
            MemorySegment o = out(expected, dst, arena);
            Inflater inf = new Inflater(false);
            try {
                inflate(inf, src, o);
            } finally {
                inf.end();
            }
            return o;
        }

        public MemorySegment encode(MemorySegment src, int typesize, Arena arena) { return deflate(src, level, false, arena, 0); }

        public String describe() { return "zlib(level " + level + ")"; }

        public Map<String, Object> v2() { return map("id", "zlib", "level", (long) level); }

        public Map<String, Object> v3() { throw new IOFailure("Zarr v3 has no zlib codec; use gzip"); }
    }

    // ------------------------------------------------------------------------------------------- gzip

    /** gzip (RFC 1952: header, raw deflate, CRC-32 and size trailer), numcodecs' and Zarr v3's {@code gzip}. */
    record Gzip(int level) implements ZarrCodec {
        public MemorySegment decode(MemorySegment src, long expected, MemorySegment dst, Arena arena) {
            long n = src.byteSize();
            if (n < 18) throw new Corrupt("gzip stream of " + n + " bytes is too short");
            if ((src.get(ValueLayout.JAVA_BYTE, 0) & 0xff) != 0x1f || (src.get(ValueLayout.JAVA_BYTE, 1) & 0xff) != 0x8b
                    || src.get(ValueLayout.JAVA_BYTE, 2) != 8) {
                throw new Corrupt("not a gzip stream (bad magic bytes)");
            }
            int flags = src.get(ValueLayout.JAVA_BYTE, 3) & 0xff;
            long pos = 10;
            if ((flags & 4) != 0) pos += 2 + (src.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 10) & 0xffff);
            for (int f : new int[] {8, 16}) {
                if ((flags & f) != 0) {
                    while (pos < n && src.get(ValueLayout.JAVA_BYTE, pos) != 0) pos++;
                    pos++;
                }
            }
            if ((flags & 2) != 0) pos += 2;
            if (pos + 8 > n) throw new Corrupt("gzip header runs past the end of the chunk");
            long isize = src.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), n - 4) & 0xffffffffL;
            long size = expected >= 0 ? expected : isize;
            if ((size & 0xffffffffL) != isize) throw new Corrupt("gzip trailer says " + isize + " bytes, expected " + size);
            MemorySegment o = out(size, dst, arena);
            Inflater inf = new Inflater(true);
            long used;
            try {
                used = inflate(inf, src.asSlice(pos), o);
            } finally {
                inf.end();
            }
            long trailer = pos + used;
            if (trailer + 8 > n) throw new Corrupt("gzip trailer is missing");
            CRC32 crc = new CRC32();
            crc.update(o.asByteBuffer());
            long want = src.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), trailer) & 0xffffffffL;
            if (crc.getValue() != want) throw new Corrupt("gzip CRC-32 mismatch");
            return o;
        }

        public MemorySegment encode(MemorySegment src, int typesize, Arena arena) {
            MemorySegment body = deflate(src, level, true, arena, 10);
            MemorySegment all = arena.allocate(body.byteSize() + 8);
            MemorySegment.copy(body, 0, all, 0, body.byteSize());
            byte[] head = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
            MemorySegment.copy(MemorySegment.ofArray(head), 0, all, 0, 10);
            CRC32 crc = new CRC32();
            crc.update(src.asByteBuffer());
            all.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), body.byteSize(), (int) crc.getValue());
            all.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), body.byteSize() + 4, (int) src.byteSize());
            return all;
        }

        public String describe() { return "gzip(level " + level + ")"; }

        public Map<String, Object> v2() { return map("id", "gzip", "level", (long) level); }

        public Map<String, Object> v3() { return map("name", "gzip", "configuration", map("level", (long) level)); }
    }

    // ------------------------------------------------------------------------------------------- zstd

    /** Zstandard frames ({@code libzstd}). */
    record Zstd(int level) implements ZarrCodec {
        public MemorySegment decode(MemorySegment src, long expected, MemorySegment dst, Arena arena) {
            long size = expected;
            if (size < 0) {
                size = org.jheat.natives.Zstd.frameContentSize(src, src.byteSize());
                if (size < 0) throw new Corrupt("zstd frame without a content size inside another codec");
            }
            MemorySegment o = out(size, dst, arena);
            long n = org.jheat.natives.Zstd.decompress(o, size, src, src.byteSize());
            if (org.jheat.natives.Zstd.isError(n)) throw new Corrupt("zstd: " + org.jheat.natives.Zstd.errorName(n));
            checkSize(n, size);
            return o;
        }

        public MemorySegment encode(MemorySegment src, int typesize, Arena arena) {
            long cap = org.jheat.natives.Zstd.compressBound(src.byteSize());
            MemorySegment dst = arena.allocate(Math.max(1, cap));
            long n = org.jheat.natives.Zstd.compress(dst, cap, src, src.byteSize(), level);
            if (org.jheat.natives.Zstd.isError(n)) throw new IllegalStateException("zstd: " + org.jheat.natives.Zstd.errorName(n));
            return dst.asSlice(0, n);
        }

        public String describe() { return "zstd(level " + level + ")"; }

        public Map<String, Object> v2() { return map("id", "zstd", "level", (long) level); }

        public Map<String, Object> v3() { return map("name", "zstd", "configuration", map("level", (long) level, "checksum", false)); }
    }

    // ------------------------------------------------------------------------------------------- blosc

    /** Blosc 1 with an internal compressor {@code cname}, level 0..9 and shuffle 0 (none), 1 (byte), 2 (bit). */
    record Blosc(String cname, int clevel, int shuffle, int typesize, long blocksize) implements ZarrCodec {
        static final List<String> CNAMES = List.of("blosclz", "lz4", "lz4hc", "zlib", "zstd", "snappy");
        static final List<String> SHUFFLES = List.of("noshuffle", "shuffle", "bitshuffle");

        public MemorySegment decode(MemorySegment src, long expected, MemorySegment dst, Arena arena) {
            long n = src.byteSize();
            if (n < org.jheat.natives.Blosc.MIN_HEADER_LENGTH) throw new Corrupt("blosc buffer of " + n + " bytes is too short");
            intLimit(n, "blosc");
            long nbytes;
            try (Arena a = Arena.ofConfined()) {
                MemorySegment nb = a.allocate(ValueLayout.JAVA_LONG);
                if (org.jheat.natives.Blosc.validate(src, n, nb) < 0) throw new Corrupt("blosc header does not match the chunk's " + n + " bytes");
                nbytes = nb.get(ValueLayout.JAVA_LONG, 0);
            }
            if (expected >= 0) checkSize(nbytes, expected);
            intLimit(nbytes, "blosc");
            MemorySegment o = out(nbytes, dst, arena);
            if (nbytes == 0) return o;
            int r = org.jheat.natives.Blosc.decompress(src, o, nbytes, 1);
            if (r < 0) throw new Corrupt("blosc decompression failed (code " + r + ")");
            checkSize(r, nbytes);
            return o;
        }

        public MemorySegment encode(MemorySegment src, int typesize, Arena arena) {
            intLimit(src.byteSize(), "blosc");
            long cap = src.byteSize() + org.jheat.natives.Blosc.MAX_OVERHEAD;
            MemorySegment dst = arena.allocate(cap);
            int n;
            try (Arena a = Arena.ofConfined()) {
                n = org.jheat.natives.Blosc.compress(clevel, shuffle, typesize, src.byteSize(), src, dst, cap, a.allocateFrom(cname), blocksize, 1);
            }
            if (n <= 0) throw new IllegalStateException("blosc compression failed (code " + n + ")");
            return dst.asSlice(0, n);
        }

        public String describe() { return "blosc(" + cname + ", clevel " + clevel + ", " + SHUFFLES.get(shuffle) + ")"; }

        public Map<String, Object> v2() {
            return map("id", "blosc", "cname", cname, "clevel", (long) clevel, "shuffle", (long) shuffle, "blocksize", blocksize);
        }

        public Map<String, Object> v3() {
            return map("name", "blosc", "configuration", map("cname", cname, "clevel", (long) clevel, "shuffle", SHUFFLES.get(shuffle),
                    "typesize", (long) typesize, "blocksize", blocksize));
        }
    }

    // ------------------------------------------------------------------------------------------- crc32c

    /** Zarr v3's {@code crc32c}: the data followed by its CRC-32C, 4 bytes little-endian. */
    record Crc32c() implements ZarrCodec {
        public MemorySegment decode(MemorySegment src, long expected, MemorySegment dst, Arena arena) {
            long n = src.byteSize();
            if (n < 4) throw new Corrupt("crc32c chunk of " + n + " bytes has no checksum");
            MemorySegment body = src.asSlice(0, n - 4);
            intLimit(body.byteSize(), "crc32c");
            CRC32C c = new CRC32C();
            c.update(body.asByteBuffer());
            long want = src.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), n - 4) & 0xffffffffL;
            if (c.getValue() != want) throw new Corrupt("crc32c checksum mismatch");
            if (expected >= 0) checkSize(body.byteSize(), expected);
            if (dst == null) return body;
            MemorySegment o = out(body.byteSize(), dst, arena);
            MemorySegment.copy(body, 0, o, 0, body.byteSize());
            return o;
        }

        public MemorySegment encode(MemorySegment src, int typesize, Arena arena) {
            intLimit(src.byteSize(), "crc32c");
            MemorySegment all = arena.allocate(src.byteSize() + 4);
            MemorySegment.copy(src, 0, all, 0, src.byteSize());
            CRC32C c = new CRC32C();
            c.update(src.asByteBuffer());
            all.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), src.byteSize(), (int) c.getValue());
            return all;
        }

        @Override
        public long encodedSize(long decoded) { return decoded < 0 ? -1 : decoded + 4; }

        public String describe() { return "crc32c"; }

        public Map<String, Object> v2() { throw new IOFailure("Zarr v2 has no crc32c compressor"); }

        public Map<String, Object> v3() { return map("name", "crc32c"); }
    }

    // ------------------------------------------------------------------------------------------- construction

    /**
     * A codec to write with: "zstd", "blosc" (optionally "blosc:zstd" … naming the internal compressor), "gzip",
     * "zlib"; level -1 takes the codec's usual default. Null or "none": no compression.
     */
    static ZarrCodec forWriting(String name, int level, int shuffle, int typesize, Object what) {
        if (name == null || name.equalsIgnoreCase("none")) return null;
        String n = name.toLowerCase(Locale.ROOT);
        String cname = "lz4";
        if (n.startsWith("blosc:")) {
            cname = n.substring(6);
            n = "blosc";
        }
        switch (n) {
            case "zstd" -> {
                if (level < -1 || level > 22) throw new IOFailure(what + ": zstd level must be 1..22, got " + level);
                return new Zstd(level == -1 ? 1 : level);
            }
            case "gzip", "zlib" -> {
                if (level < -1 || level > 9) throw new IOFailure(what + ": " + n + " level must be 0..9, got " + level);
                int l = level == -1 ? (n.equals("gzip") ? 5 : 1) : level;
                return n.equals("gzip") ? new Gzip(l) : new Zlib(l);
            }
            case "blosc" -> {
                if (!CNAMES_WRITABLE.contains(cname)) {
                    throw new IOFailure(what + ": unsupported blosc compressor '" + cname + "' (supported: " + String.join(", ", CNAMES_WRITABLE) + ")");
                }
                if (level < -1 || level > 9) throw new IOFailure(what + ": blosc clevel must be 0..9, got " + level);
                if (shuffle < 0 || shuffle > 2) throw new IOFailure(what + ": blosc shuffle must be 0 (none), 1 (byte) or 2 (bit), got " + shuffle);
                return new Blosc(cname, level == -1 ? 5 : level, shuffle, typesize, 0);
            }
            default -> throw new IOFailure(what + ": unsupported compressor '" + name + "' (supported: none, zstd, blosc, blosc:CNAME, gzip, zlib)");
        }
    }

    /** Internal Blosc compressors writable with Debian's libblosc1. */
    List<String> CNAMES_WRITABLE = List.of("blosclz", "lz4", "lz4hc", "zlib", "zstd");
}
