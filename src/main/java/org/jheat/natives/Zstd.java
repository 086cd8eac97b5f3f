package org.jheat.natives;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * FFM binding to Zstandard ({@code libzstd.so.1}, Debian's {@code libzstd1}; {@code JHEAT_ZSTD_LIB} overrides): the
 * one-shot frame functions that Zarr's {@code zstd} codec needs. Sizes are {@code size_t}; a result is an error
 * when {@link #isError} says so, and {@link #errorName} explains it.
 *
 * <pre>{@code
 * long n = Zstd.decompress(dst, dst.byteSize(), src, src.byteSize());
 * if (Zstd.isError(n)) throw new IllegalStateException(Zstd.errorName(n));
 * }</pre>
 */
@SuppressWarnings("restricted")   // binding a native library is what this class is for
public final class Zstd {
    private Zstd() { }

    /** ZSTD_CONTENTSIZE_UNKNOWN: the frame does not record its decompressed size. */
    public static final long CONTENTSIZE_UNKNOWN = -1L;
    /** ZSTD_CONTENTSIZE_ERROR: not a valid frame header. */
    public static final long CONTENTSIZE_ERROR = -2L;

    /** The library name or path that was loaded. */
    public static final String LIBRARY;
    private static final NativeLibrary LIB;

    static {
        LIB = NativeLibrary.load("the Zstandard library", "JHEAT_ZSTD_LIB", List.of("libzstd.so.1", "libzstd.so"),
                "install it (apt-get install -y libzstd1) or set JHEAT_ZSTD_LIB to its path", n -> { });
        LIBRARY = LIB.name();
    }

    private static final MethodHandle COMPRESS_H = LIB.fn("ZSTD_compress", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle DECOMPRESS_H = LIB.fn("ZSTD_decompress", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
    private static final MethodHandle FRAMESIZE_H = LIB.fn("ZSTD_getFrameContentSize", JAVA_LONG, ADDRESS, JAVA_LONG);
    private static final MethodHandle BOUND_H = LIB.fn("ZSTD_compressBound", JAVA_LONG, JAVA_LONG);
    private static final MethodHandle ISERROR_H = LIB.fn("ZSTD_isError", JAVA_INT, JAVA_LONG);
    private static final MethodHandle ERRORNAME_H = LIB.fn("ZSTD_getErrorName", ADDRESS, JAVA_LONG);
    private static final MethodHandle VERSION_H = LIB.fn("ZSTD_versionString", ADDRESS);

    /** {@code ZSTD_compress}: the compressed size or an error code. */
    public static long compress(MemorySegment dst, long dstCapacity, MemorySegment src, long srcSize, int level) {
        try {
            return (long) COMPRESS_H.invokeExact(dst, dstCapacity, src, srcSize, level);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code ZSTD_decompress}: the decompressed size or an error code (all frames of {@code src}). */
    public static long decompress(MemorySegment dst, long dstCapacity, MemorySegment src, long srcSize) {
        try {
            return (long) DECOMPRESS_H.invokeExact(dst, dstCapacity, src, srcSize);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code ZSTD_getFrameContentSize}: the first frame's decompressed size, {@link #CONTENTSIZE_UNKNOWN} or {@link #CONTENTSIZE_ERROR}. */
    public static long frameContentSize(MemorySegment src, long srcSize) {
        try {
            return (long) FRAMESIZE_H.invokeExact(src, srcSize);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code ZSTD_compressBound}: the largest compressed size of {@code srcSize} bytes. */
    public static long compressBound(long srcSize) {
        try {
            return (long) BOUND_H.invokeExact(srcSize);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code ZSTD_isError}. */
    public static boolean isError(long code) {
        try {
            return (int) ISERROR_H.invokeExact(code) != 0;
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code ZSTD_getErrorName}: the library's text for an error code. */
    public static String errorName(long code) {
        try {
            MemorySegment s = (MemorySegment) ERRORNAME_H.invokeExact(code);
            return s.equals(MemorySegment.NULL) ? "zstd error" : s.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code ZSTD_versionString}, e.g. "1.5.4". */
    public static String version() {
        try {
            MemorySegment s = (MemorySegment) VERSION_H.invokeExact();
            return s.reinterpret(64).getString(0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }
}
