package org.jheat.natives;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * FFM binding to Blosc 1 ({@code libblosc.so.1}, Debian's {@code libblosc1}; {@code JHEAT_BLOSC_LIB} overrides), the
 * meta-compressor of Zarr's {@code blosc} codec. Only the context ({@code _ctx}) functions are bound: they keep no
 * global state, so several threads may compress and decompress at once without {@code blosc_init}.
 *
 * <pre>{@code
 * if (Blosc.validate(src, src.byteSize(), nbytes) < 0) throw new IllegalStateException("not a blosc buffer");
 * int n = Blosc.decompress(src, dst, dst.byteSize(), 1);
 * }</pre>
 */
@SuppressWarnings("restricted")   // binding a native library is what this class is for
public final class Blosc {
    private Blosc() { }

    /** BLOSC_MAX_OVERHEAD: the header bytes a compressed buffer may add to its input. */
    public static final int MAX_OVERHEAD = 16;
    /** BLOSC_MIN_HEADER_LENGTH. */
    public static final int MIN_HEADER_LENGTH = 16;
    /** BLOSC_NOSHUFFLE. */ public static final int NOSHUFFLE = 0;
    /** BLOSC_SHUFFLE (byte shuffle). */ public static final int SHUFFLE = 1;
    /** BLOSC_BITSHUFFLE. */ public static final int BITSHUFFLE = 2;

    /** The library name or path that was loaded. */
    public static final String LIBRARY;
    private static final NativeLibrary LIB;

    static {
        LIB = NativeLibrary.load("the Blosc library", "JHEAT_BLOSC_LIB", List.of("libblosc.so.1", "libblosc.so"),
                "install it (apt-get install -y libblosc1) or set JHEAT_BLOSC_LIB to its path", n -> { });
        LIBRARY = LIB.name();
    }

    private static final MethodHandle COMPRESS_H = LIB.fn("blosc_compress_ctx", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG,
            ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle DECOMPRESS_H = LIB.fn("blosc_decompress_ctx", JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle VALIDATE_H = LIB.fn("blosc_cbuffer_validate", JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
    private static final MethodHandle VERSION_H = LIB.fn("blosc_get_version_string", ADDRESS);

    /**
     * {@code blosc_compress_ctx}: compresses {@code nbytes} of {@code src} with the internal {@code compressor}
     * ("blosclz", "lz4", "lz4hc", "zlib", "zstd" …); returns the compressed size, 0 when it did not fit, negative on error.
     */
    public static int compress(int clevel, int shuffle, long typesize, long nbytes, MemorySegment src, MemorySegment dest,
                               long destsize, MemorySegment compressor, long blocksize, int threads) {
        try {
            return (int) COMPRESS_H.invokeExact(clevel, shuffle, typesize, nbytes, src, dest, destsize, compressor, blocksize, threads);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code blosc_decompress_ctx}: the decompressed size, or a negative code (also when it exceeds {@code destsize}). */
    public static int decompress(MemorySegment src, MemorySegment dest, long destsize, int threads) {
        try {
            return (int) DECOMPRESS_H.invokeExact(src, dest, destsize, threads);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /**
     * {@code blosc_cbuffer_validate}: 0 when the header of {@code cbuffer} is consistent with its length {@code cbytes}
     * (its decompressed size is stored into {@code nbytes}, a {@code size_t}), negative otherwise.
     */
    public static int validate(MemorySegment cbuffer, long cbytes, MemorySegment nbytes) {
        try {
            return (int) VALIDATE_H.invokeExact(cbuffer, cbytes, nbytes);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code blosc_get_version_string}, e.g. "1.21.3". */
    public static String version() {
        try {
            MemorySegment s = (MemorySegment) VERSION_H.invokeExact();
            return s.reinterpret(64).getString(0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }
}
