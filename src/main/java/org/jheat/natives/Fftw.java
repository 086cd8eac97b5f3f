package org.jheat.natives;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * FFM binding to FFTW 3: the guru64 planners (any rank, any strides, a "howmany" loop over the other axes, so no
 * transposes are needed), new-array execution and the threads library. One instance per precision:
 * {@link #doublePrecision()} ({@code libfftw3.so.3}, Debian's {@code libfftw3-double3}; {@code JHEAT_FFTW_LIB}
 * overrides) and {@link #singlePrecision()} ({@code libfftw3f.so.3}, {@code libfftw3-single3};
 * {@code JHEAT_FFTWF_LIB}). The threads library ({@code libfftw3_threads.so.3}, in the same packages) is optional:
 * without it plans run on one thread.
 *
 * <p>Planning is not thread-safe in FFTW (execution is): callers serialise {@code plan*} and {@link #destroy}
 * themselves. A missing library raises {@link UnsatisfiedLinkError} naming the apt-get command.
 *
 * <pre>{@code
 * Fftw f = Fftw.doublePrecision();
 * MemorySegment dims = Fftw.iodims(arena, new long[] {n}, new long[] {1}, new long[] {1});
 * MemorySegment plan = f.planDft(1, dims, 0, MemorySegment.NULL, in, out, Fftw.FORWARD, Fftw.ESTIMATE);
 * f.executeDft(plan, in, out);
 * }</pre>
 */
@SuppressWarnings("restricted")   // binding a native library is what this class is for
public final class Fftw {
    /** FFTW_FORWARD: exponent sign -1. */
    public static final int FORWARD = -1;
    /** FFTW_BACKWARD: exponent sign +1. */
    public static final int BACKWARD = 1;
    /** FFTW_ESTIMATE: plan from heuristics, without running or touching the arrays. */
    public static final int ESTIMATE = 1 << 6;
    /** FFTW_PRESERVE_INPUT. */
    public static final int PRESERVE_INPUT = 1 << 4;
    /** FFTW_DESTROY_INPUT. */
    public static final int DESTROY_INPUT = 1;
    /** Bytes of one {@code fftw_iodim64} ({@code ptrdiff_t n, is, os}). */
    public static final long IODIM_BYTES = 24;

    private static volatile Fftw dbl;
    private static volatile Fftw sgl;

    private final String library;
    private final boolean threads;
    private final MethodHandle planDft;
    private final MethodHandle planR2c;
    private final MethodHandle planC2r;
    private final MethodHandle execDft;
    private final MethodHandle execR2c;
    private final MethodHandle execC2r;
    private final MethodHandle destroy;
    private final MethodHandle alignmentOf;
    private final MethodHandle planWithNthreads;

    private Fftw(boolean single) {
        String p = single ? "fftwf_" : "fftw_";
        String so = single ? "libfftw3f" : "libfftw3";
        String pkg = single ? "libfftw3-single3" : "libfftw3-double3";
        String env = single ? "JHEAT_FFTWF_LIB" : "JHEAT_FFTW_LIB";
        String hint = "install FFTW 3 (apt-get install -y " + pkg + ") or set " + env + " to its path";
        NativeLibrary lib = NativeLibrary.load("FFTW 3 (" + (single ? "single" : "double") + " precision)", env,
                List.of(so + ".so.3", so + ".so"), hint, n -> { });
        library = lib.name();
        planDft = lib.fn(p + "plan_guru64_dft", ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT);
        planR2c = lib.fn(p + "plan_guru64_dft_r2c", ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT);
        planC2r = lib.fn(p + "plan_guru64_dft_c2r", ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT);
        execDft = lib.fn(p + "execute_dft", null, ADDRESS, ADDRESS, ADDRESS);
        execR2c = lib.fn(p + "execute_dft_r2c", null, ADDRESS, ADDRESS, ADDRESS);
        execC2r = lib.fn(p + "execute_dft_c2r", null, ADDRESS, ADDRESS, ADDRESS);
        destroy = lib.fn(p + "destroy_plan", null, ADDRESS);
        alignmentOf = lib.fn(p + "alignment_of", JAVA_INT, ADDRESS);
        // the threads library depends on the serial one, which is loaded by now; a build without it plans serially
        MethodHandle with = null;
        boolean ok = false;
        try {
            NativeLibrary t = NativeLibrary.load("FFTW 3 threads", env + "_THREADS", List.of(so + "_threads.so.3", so + "_threads.so"), hint, n -> { });
            Optional<MethodHandle> init = t.optionalFn(p + "init_threads", JAVA_INT);
            with = t.optionalFn(p + "plan_with_nthreads", null, JAVA_INT).orElse(null);
            ok = init.isPresent() && with != null && (int) init.get().invokeExact() != 0;
        } catch (UnsatisfiedLinkError noThreads) {
            ok = false;   // a build without the threads library: plans run on the calling thread
        } catch (Throwable e) {
            throw NativeLibrary.rethrow(e);
        }
        threads = ok;
        planWithNthreads = ok ? with : null;
    }

    /**
     * The double-precision library (complex128), loaded once.
     * <pre>{@code Fftw f = Fftw.doublePrecision(); }</pre>
     *
     * @throws UnsatisfiedLinkError when FFTW is not installed, naming the apt-get command
     */
    public static Fftw doublePrecision() {
        Fftw f = dbl;
        if (f == null) {
            synchronized (Fftw.class) {
                if (dbl == null) dbl = new Fftw(false);
                f = dbl;
            }
        }
        return f;
    }

    /**
     * The single-precision library (complex64), loaded once.
     * <pre>{@code Fftw f = Fftw.singlePrecision(); }</pre>
     *
     * @throws UnsatisfiedLinkError when FFTW is not installed, naming the apt-get command
     */
    public static Fftw singlePrecision() {
        Fftw f = sgl;
        if (f == null) {
            synchronized (Fftw.class) {
                if (sgl == null) sgl = new Fftw(true);
                f = sgl;
            }
        }
        return f;
    }

    /** The library name or path that was loaded. <pre>{@code String so = Fftw.doublePrecision().library(); }</pre> */
    public String library() { return library; }

    /** True when the threads library was found and initialised. <pre>{@code if (f.hasThreads()) … }</pre> */
    public boolean hasThreads() { return threads; }

    /**
     * {@code fftw_plan_with_nthreads}: threads of the plans made from now on (ignored without the threads library).
     * <pre>{@code f.planWithNthreads(2); }</pre>
     */
    public void planWithNthreads(int n) {
        if (planWithNthreads == null) return;
        try {
            planWithNthreads.invokeExact(n);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /**
     * Writes {@code fftw_iodim64} records {@code (n[i], is[i], os[i])} (strides in elements) into {@code dst}.
     * <pre>{@code Fftw.iodims(seg, new long[] {8}, new long[] {1}, new long[] {1}); }</pre>
     */
    public static MemorySegment iodims(MemorySegment dst, long[] n, long[] is, long[] os) {
        for (int i = 0; i < n.length; i++) {
            dst.set(JAVA_LONG, i * IODIM_BYTES, n[i]);
            dst.set(JAVA_LONG, i * IODIM_BYTES + 8, is[i]);
            dst.set(JAVA_LONG, i * IODIM_BYTES + 16, os[i]);
        }
        return dst;
    }

    /** {@code fftw_plan_guru64_dft}: a complex-to-complex plan, or NULL when FFTW has none. */
    public MemorySegment planDft(int rank, MemorySegment dims, int howmanyRank, MemorySegment howmanyDims,
                                 MemorySegment in, MemorySegment out, int sign, int flags) {
        try {
            return (MemorySegment) planDft.invokeExact(rank, dims, howmanyRank, howmanyDims, in, out, sign, flags);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code fftw_plan_guru64_dft_r2c}: real input, the last of {@code dims} halved in the complex output. */
    public MemorySegment planR2c(int rank, MemorySegment dims, int howmanyRank, MemorySegment howmanyDims,
                                 MemorySegment in, MemorySegment out, int flags) {
        try {
            return (MemorySegment) planR2c.invokeExact(rank, dims, howmanyRank, howmanyDims, in, out, flags);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code fftw_plan_guru64_dft_c2r}: Hermitian half input (destroyed on execution), real output. */
    public MemorySegment planC2r(int rank, MemorySegment dims, int howmanyRank, MemorySegment howmanyDims,
                                 MemorySegment in, MemorySegment out, int flags) {
        try {
            return (MemorySegment) planC2r.invokeExact(rank, dims, howmanyRank, howmanyDims, in, out, flags);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code fftw_execute_dft}: runs a c2c plan on new arrays of the planned layout and alignment. */
    public void executeDft(MemorySegment plan, MemorySegment in, MemorySegment out) {
        try {
            execDft.invokeExact(plan, in, out);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code fftw_execute_dft_r2c}. */
    public void executeR2c(MemorySegment plan, MemorySegment in, MemorySegment out) {
        try {
            execR2c.invokeExact(plan, in, out);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code fftw_execute_dft_c2r}. */
    public void executeC2r(MemorySegment plan, MemorySegment in, MemorySegment out) {
        try {
            execC2r.invokeExact(plan, in, out);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code fftw_destroy_plan}. */
    public void destroy(MemorySegment plan) {
        try {
            destroy.invokeExact(plan);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code fftw_alignment_of}: the address's offset from FFTW's SIMD alignment (plans need equal values). */
    public int alignmentOf(MemorySegment p) {
        try {
            return (int) alignmentOf.invokeExact(p);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }
}
