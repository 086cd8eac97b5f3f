package org.jheat.natives;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * FFM binding to BLAS (the CBLAS interface, row- or column-major) and LAPACK (the Fortran interface, column-major,
 * every argument by reference) for local dense linear algebra. {@code JHEAT_BLAS_LIB} names a file or soname to use
 * instead of OpenBLAS (MKL, BLIS …); otherwise OpenBLAS, then the reference libblas, are tried. LAPACK symbols are
 * taken from the BLAS library when it has them (OpenBLAS does), else from {@code JHEAT_LAPACK_LIB} or
 * {@code liblapack.so.3}.
 *
 * <p>Handles are looked up once, on first use, and called with {@code invokeExact}. A missing library raises
 * {@link UnsatisfiedLinkError} naming the install command ({@link #installHint()}). The LAPACK wrappers return
 * LAPACK's {@code INFO} unchanged (0 success, {@code -i} bad argument i, {@code > 0} routine-specific); the
 * layers above turn it into exceptions. {@code s…}/{@code d…} variants share one method with a {@code dbl} flag
 * where the Fortran signatures are identical (every argument is a pointer there).
 *
 * <pre>{@code
 * Blas.find().ifPresent(b -> System.out.println(b.name() + " " + b.config()));
 * Blas.dgemm(Blas.ROW_MAJOR, Blas.NO_TRANS, Blas.NO_TRANS, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
 * int info = Blas.getrf(true, n, n, a, n, ipiv);   // dgetrf_
 * }</pre>
 */
@SuppressWarnings("restricted")   // binding a native library is what this class is for
public final class Blas {
    /** A loaded BLAS library: the name it was found under, its symbols, and OpenBLAS's config text if any. */
    public record Library(String name, SymbolLookup symbols, String config) { }

    /** CblasRowMajor. */
    public static final int ROW_MAJOR = 101;
    /** CblasColMajor. */
    public static final int COL_MAJOR = 102;
    /** CblasNoTrans. */
    public static final int NO_TRANS = 111;
    /** CblasTrans. */
    public static final int TRANS = 112;
    /** CblasUpper. */
    public static final int UPPER = 121;
    /** CblasLower. */
    public static final int LOWER = 122;
    /** CblasNonUnit. */
    public static final int NON_UNIT = 131;
    /** CblasUnit. */
    public static final int UNIT = 132;
    /** CblasLeft. */
    public static final int LEFT = 141;
    /** CblasRight. */
    public static final int RIGHT = 142;

    private static final String[] CANDIDATES = {"libopenblas.so.0", "libopenblas.so", "libblas.so.3", "libblas.so"};
    private static final String[] LAPACK_CANDIDATES = {"liblapack.so.3", "liblapack.so"};
    private static volatile Optional<Library> found;

    private Blas() { }

    /** The BLAS library, loaded once; empty when none is installed. <pre>{@code Blas.find().isPresent()}</pre> */
    public static Optional<Library> find() {
        Optional<Library> f = found;
        if (f == null) {
            synchronized (Blas.class) {
                if (found == null) found = load();
                f = found;
            }
        }
        return f;
    }

    private static Optional<Library> load() {
        String env = System.getenv("JHEAT_BLAS_LIB");
        String[] names = env != null && !env.isBlank() ? new String[] {env.trim()} : CANDIDATES;
        for (String n : names) {
            try {
                SymbolLookup l = SymbolLookup.libraryLookup(n, Arena.global());
                if (l.find("dgemm_").isEmpty() && l.find("cblas_dgemm").isEmpty()) continue;
                return Optional.of(new Library(n, l, config(l)));
            } catch (IllegalArgumentException notFound) {
                // try the next candidate
            }
        }
        return Optional.empty();
    }

    private static String config(SymbolLookup l) {
        Optional<MemorySegment> f = l.find("openblas_get_config");
        if (f.isEmpty()) return "";
        try {
            var h = Linker.nativeLinker().downcallHandle(f.get(), FunctionDescriptor.of(ValueLayout.ADDRESS));
            MemorySegment s = (MemorySegment) h.invokeExact();
            return s.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "";
        }
    }

    /** The command that installs OpenBLAS on Debian, for messages. */
    public static String installHint() { return "apt-get install -y libopenblas0-pthread"; }

    /**
     * The BLAS library or an {@link UnsatisfiedLinkError} naming the install command.
     * <pre>{@code Library lib = Blas.require(); }</pre>
     */
    public static Library require() {
        return find().orElseThrow(() -> new UnsatisfiedLinkError("no BLAS library found (tried "
                + (System.getenv("JHEAT_BLAS_LIB") != null ? "JHEAT_BLAS_LIB=" + System.getenv("JHEAT_BLAS_LIB")
                : String.join(", ", CANDIDATES)) + "); install OpenBLAS: " + installHint()
                + " (or set JHEAT_BLAS_LIB to a BLAS library with CBLAS symbols)"));
    }

    // ------------------------------------------------------------------------------------------- handles

    /** Handle lookup, on first use of any function (loading the library then). */
    private static final class Sym {
        private Sym() { }

        /** Null when no library is installed: every function then raises {@link #require()}'s error. */
        static final SymbolLookup BLAS = find().map(Library::symbols).orElse(null);
        static final Linker LINKER = Linker.nativeLinker();

        static MethodHandle fn(SymbolLookup l, String name, MemoryLayout ret, MemoryLayout... args) {
            MemorySegment s = l == null ? null : l.find(name).orElse(null);
            if (s == null) return null;
            FunctionDescriptor d = ret == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(ret, args);
            return LINKER.downcallHandle(s, d);
        }
    }

    /** CBLAS and OpenBLAS's own functions. */
    private static final class C {
        private C() { }

        static final MethodHandle DGEMM = Sym.fn(Sym.BLAS, "cblas_dgemm", null, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_DOUBLE, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_DOUBLE, ADDRESS, JAVA_INT);
        static final MethodHandle SGEMM = Sym.fn(Sym.BLAS, "cblas_sgemm", null, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT);
        static final MethodHandle DGEMV = Sym.fn(Sym.BLAS, "cblas_dgemv", null, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_DOUBLE, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_DOUBLE, ADDRESS, JAVA_INT);
        static final MethodHandle SGEMV = Sym.fn(Sym.BLAS, "cblas_sgemv", null, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT);
        static final MethodHandle DDOT = Sym.fn(Sym.BLAS, "cblas_ddot", JAVA_DOUBLE, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle SDOT = Sym.fn(Sym.BLAS, "cblas_sdot", JAVA_FLOAT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle DSYRK = Sym.fn(Sym.BLAS, "cblas_dsyrk", null, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_DOUBLE, ADDRESS, JAVA_INT, JAVA_DOUBLE, ADDRESS, JAVA_INT);
        static final MethodHandle SSYRK = Sym.fn(Sym.BLAS, "cblas_ssyrk", null, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT);
        static final MethodHandle DTRSM = Sym.fn(Sym.BLAS, "cblas_dtrsm", null, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_DOUBLE, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle STRSM = Sym.fn(Sym.BLAS, "cblas_strsm", null, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle CGEMM = Sym.fn(Sym.BLAS, "cblas_cgemm", null, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
        static final MethodHandle ZGEMM = Sym.fn(Sym.BLAS, "cblas_zgemm", null, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
        static final MethodHandle CTRSM = Sym.fn(Sym.BLAS, "cblas_ctrsm", null, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle ZTRSM = Sym.fn(Sym.BLAS, "cblas_ztrsm", null, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle CDOTU = Sym.fn(Sym.BLAS, "cblas_cdotu_sub", null, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        static final MethodHandle ZDOTU = Sym.fn(Sym.BLAS, "cblas_zdotu_sub", null, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        static final MethodHandle CDOTC = Sym.fn(Sym.BLAS, "cblas_cdotc_sub", null, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        static final MethodHandle ZDOTC = Sym.fn(Sym.BLAS, "cblas_zdotc_sub", null, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        static final MethodHandle SET_THREADS = Sym.fn(Sym.BLAS, "openblas_set_num_threads", null, JAVA_INT);
        static final MethodHandle GET_THREADS = Sym.fn(Sym.BLAS, "openblas_get_num_threads", JAVA_INT);
    }

    /** LAPACK's Fortran interface: every argument a pointer, then one hidden length per CHARACTER argument. */
    private static final class F {
        private F() { }

        static final SymbolLookup LAPACK = lapackLookup();

        private static SymbolLookup lapackLookup() {
            if (Sym.BLAS == null || Sym.BLAS.find("dgetrf_").isPresent()) return Sym.BLAS;
            String env = System.getenv("JHEAT_LAPACK_LIB");
            String[] names = env != null && !env.isBlank() ? new String[] {env.trim()} : LAPACK_CANDIDATES;
            for (String n : names) {
                try {
                    return SymbolLookup.libraryLookup(n, Arena.global());
                } catch (IllegalArgumentException notFound) {
                    // next candidate
                }
            }
            return null;
        }

        static MethodHandle f(String name, int pointers, int charLengths) {
            if (LAPACK == null) return null;
            MemoryLayout[] args = new MemoryLayout[pointers + charLengths];
            for (int i = 0; i < args.length; i++) args[i] = i < pointers ? ADDRESS : JAVA_LONG;
            return Sym.fn(LAPACK, name, null, args);
        }

        static final MethodHandle DGETRF = f("dgetrf_", 6, 0), SGETRF = f("sgetrf_", 6, 0);
        static final MethodHandle DGETRS = f("dgetrs_", 9, 1), SGETRS = f("sgetrs_", 9, 1);
        static final MethodHandle DGETRI = f("dgetri_", 7, 0), SGETRI = f("sgetri_", 7, 0);
        static final MethodHandle DPOTRF = f("dpotrf_", 5, 1), SPOTRF = f("spotrf_", 5, 1);
        static final MethodHandle DGEQRF = f("dgeqrf_", 8, 0), SGEQRF = f("sgeqrf_", 8, 0);
        static final MethodHandle DORGQR = f("dorgqr_", 9, 0), SORGQR = f("sorgqr_", 9, 0);
        static final MethodHandle DLARFT = f("dlarft_", 9, 2), SLARFT = f("slarft_", 9, 2);
        static final MethodHandle ZLARFT = f("zlarft_", 9, 2), CLARFT = f("clarft_", 9, 2);
        static final MethodHandle DGESDD = f("dgesdd_", 14, 1), SGESDD = f("sgesdd_", 14, 1);
        static final MethodHandle DSYEVD = f("dsyevd_", 11, 2), SSYEVD = f("ssyevd_", 11, 2);
        static final MethodHandle DGEEV = f("dgeev_", 14, 2), SGEEV = f("sgeev_", 14, 2);
        static final MethodHandle DGELS = f("dgels_", 11, 1), SGELS = f("sgels_", 11, 1);
        static final MethodHandle DGELSD = f("dgelsd_", 14, 0), SGELSD = f("sgelsd_", 14, 0);
        static final MethodHandle ZGETRF = f("zgetrf_", 6, 0), CGETRF = f("cgetrf_", 6, 0);
        static final MethodHandle ZGETRS = f("zgetrs_", 9, 1), CGETRS = f("cgetrs_", 9, 1);
        static final MethodHandle ZGETRI = f("zgetri_", 7, 0), CGETRI = f("cgetri_", 7, 0);
        static final MethodHandle ZGEQRF = f("zgeqrf_", 8, 0), CGEQRF = f("cgeqrf_", 8, 0);
        static final MethodHandle ZUNGQR = f("zungqr_", 9, 0), CUNGQR = f("cungqr_", 9, 0);
        static final MethodHandle ZGESDD = f("zgesdd_", 15, 1), CGESDD = f("cgesdd_", 15, 1);
        static final MethodHandle ZHEEVD = f("zheevd_", 13, 2), CHEEVD = f("cheevd_", 13, 2);
        static final MethodHandle ZPOTRF = f("zpotrf_", 5, 1), CPOTRF = f("cpotrf_", 5, 1);
        static final MethodHandle ZGELS = f("zgels_", 11, 1), CGELS = f("cgels_", 11, 1);
        static final MethodHandle ZGELSD = f("zgelsd_", 15, 0), CGELSD = f("cgelsd_", 15, 0);
    }

    private static MethodHandle need(MethodHandle h, String name) {
        if (h != null) return h;
        boolean lapack = name.endsWith("_");
        throw new UnsatisfiedLinkError("the " + (lapack ? "LAPACK" : "BLAS") + " library " + require().name()
                + (lapack && F.LAPACK != Sym.BLAS ? " (with " + (F.LAPACK == null ? "no LAPACK library found" : "liblapack") + ")" : "")
                + " lacks " + name + "; install OpenBLAS (" + installHint() + (lapack ? " liblapack3" : "")
                + ") or point JHEAT_BLAS_LIB" + (lapack ? "/JHEAT_LAPACK_LIB" : "") + " at a complete library");
    }

    private static RuntimeException rethrow(Throwable t) { return NativeLibrary.rethrow(t); }

    /** The LAPACK routine {@code name} (without its precision letter) of precision p: 's', 'd', 'c' or 'z'. */
    private static MethodHandle pick(char p, String name, MethodHandle s, MethodHandle d, MethodHandle c, MethodHandle z) {
        return switch (p) {
            case 's' -> need(s, "s" + name);
            case 'd' -> need(d, "d" + name);
            case 'c' -> need(c, "c" + name);
            case 'z' -> need(z, "z" + name);
            default -> throw new IllegalArgumentException("LAPACK precision must be s, d, c or z, got '" + p + "'");
        };
    }

    // ------------------------------------------------------------------------------------------- threads

    /**
     * Sets OpenBLAS's thread count ({@code openblas_set_num_threads}); returns false when the library has no such
     * function (reference BLAS, MKL: they are configured through their own environment variables).
     * <pre>{@code Blas.setNumThreads(2); }</pre>
     */
    public static boolean setNumThreads(int threads) {
        if (C.SET_THREADS == null) return false;
        try {
            C.SET_THREADS.invokeExact(threads);
            return true;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** OpenBLAS's current thread count, or -1 when the library does not say. <pre>{@code Blas.numThreads()}</pre> */
    public static int numThreads() {
        if (C.GET_THREADS == null) return -1;
        try {
            return (int) C.GET_THREADS.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ------------------------------------------------------------------------------------------- BLAS (CBLAS)

    /** {@code cblas_dgemm}: C = alpha·op(A)·op(B) + beta·C. */
    public static void dgemm(int order, int transA, int transB, int m, int n, int k, double alpha, MemorySegment a,
                             int lda, MemorySegment b, int ldb, double beta, MemorySegment c, int ldc) {
        MethodHandle h = need(C.DGEMM, "cblas_dgemm");
        try {
            h.invokeExact(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code cblas_sgemm}. */
    public static void sgemm(int order, int transA, int transB, int m, int n, int k, float alpha, MemorySegment a,
                             int lda, MemorySegment b, int ldb, float beta, MemorySegment c, int ldc) {
        MethodHandle h = need(C.SGEMM, "cblas_sgemm");
        try {
            h.invokeExact(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code cblas_dgemv}: y = alpha·op(A)·x + beta·y. */
    public static void dgemv(int order, int trans, int m, int n, double alpha, MemorySegment a, int lda,
                             MemorySegment x, int incx, double beta, MemorySegment y, int incy) {
        MethodHandle h = need(C.DGEMV, "cblas_dgemv");
        try {
            h.invokeExact(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code cblas_sgemv}. */
    public static void sgemv(int order, int trans, int m, int n, float alpha, MemorySegment a, int lda,
                             MemorySegment x, int incx, float beta, MemorySegment y, int incy) {
        MethodHandle h = need(C.SGEMV, "cblas_sgemv");
        try {
            h.invokeExact(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code cblas_cgemm}/{@code cblas_zgemm}: C = alpha·op(A)·op(B) + beta·C on interleaved complex matrices; alpha
     * and beta point to one complex scalar each (two floats or two doubles). TRANS is the plain transpose.
     */
    public static void gemmComplex(boolean dbl, int order, int transA, int transB, int m, int n, int k, MemorySegment alpha,
                                   MemorySegment a, int lda, MemorySegment b, int ldb, MemorySegment beta, MemorySegment c, int ldc) {
        MethodHandle h = dbl ? need(C.ZGEMM, "cblas_zgemm") : need(C.CGEMM, "cblas_cgemm");
        try {
            h.invokeExact(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code cblas_?dotu_sub} (conj false: Σ xᵢ·yᵢ) or {@code cblas_?dotc_sub} (conj true: Σ conj(xᵢ)·yᵢ) of
     * interleaved complex vectors; the complex result is written to {@code result}.
     */
    public static void dotComplex(boolean dbl, boolean conj, int n, MemorySegment x, int incx, MemorySegment y, int incy,
                                  MemorySegment result) {
        MethodHandle h = conj ? (dbl ? need(C.ZDOTC, "cblas_zdotc_sub") : need(C.CDOTC, "cblas_cdotc_sub"))
                : (dbl ? need(C.ZDOTU, "cblas_zdotu_sub") : need(C.CDOTU, "cblas_cdotu_sub"));
        try {
            h.invokeExact(n, x, incx, y, incy, result);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code cblas_ddot}. A negative increment starts at the lowest address, as BLAS defines it. */
    public static double ddot(int n, MemorySegment x, int incx, MemorySegment y, int incy) {
        MethodHandle h = need(C.DDOT, "cblas_ddot");
        try {
            return (double) h.invokeExact(n, x, incx, y, incy);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code cblas_sdot}. */
    public static float sdot(int n, MemorySegment x, int incx, MemorySegment y, int incy) {
        MethodHandle h = need(C.SDOT, "cblas_sdot");
        try {
            return (float) h.invokeExact(n, x, incx, y, incy);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code cblas_dsyrk}: C = alpha·A·Aᵀ + beta·C (or Aᵀ·A), one triangle of C. */
    public static void dsyrk(int order, int uplo, int trans, int n, int k, double alpha, MemorySegment a, int lda,
                             double beta, MemorySegment c, int ldc) {
        MethodHandle h = need(C.DSYRK, "cblas_dsyrk");
        try {
            h.invokeExact(order, uplo, trans, n, k, alpha, a, lda, beta, c, ldc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code cblas_ssyrk}. */
    public static void ssyrk(int order, int uplo, int trans, int n, int k, float alpha, MemorySegment a, int lda,
                             float beta, MemorySegment c, int ldc) {
        MethodHandle h = need(C.SSYRK, "cblas_ssyrk");
        try {
            h.invokeExact(order, uplo, trans, n, k, alpha, a, lda, beta, c, ldc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code cblas_dtrsm}: B = alpha·op(A)⁻¹·B (side LEFT) or alpha·B·op(A)⁻¹ (RIGHT), A triangular. */
    public static void dtrsm(int order, int side, int uplo, int transA, int diag, int m, int n, double alpha,
                             MemorySegment a, int lda, MemorySegment b, int ldb) {
        MethodHandle h = need(C.DTRSM, "cblas_dtrsm");
        try {
            h.invokeExact(order, side, uplo, transA, diag, m, n, alpha, a, lda, b, ldb);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code cblas_strsm}. */
    public static void strsm(int order, int side, int uplo, int transA, int diag, int m, int n, float alpha,
                             MemorySegment a, int lda, MemorySegment b, int ldb) {
        MethodHandle h = need(C.STRSM, "cblas_strsm");
        try {
            h.invokeExact(order, side, uplo, transA, diag, m, n, alpha, a, lda, b, ldb);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code cblas_ctrsm}/{@code cblas_ztrsm}: the complex triangular solve; alpha points to one complex scalar, TRANS
     * is the plain transpose (CONJ_TRANS the conjugate one).
     */
    public static void trsmComplex(boolean dbl, int order, int side, int uplo, int transA, int diag, int m, int n,
                                   MemorySegment alpha, MemorySegment a, int lda, MemorySegment b, int ldb) {
        MethodHandle h = dbl ? need(C.ZTRSM, "cblas_ztrsm") : need(C.CTRSM, "cblas_ctrsm");
        try {
            h.invokeExact(order, side, uplo, transA, diag, m, n, alpha, a, lda, b, ldb);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ------------------------------------------------------------------------------------------- LAPACK (Fortran)

    /** Fortran's by-reference scalars of one call: int cells and one-character strings. */
    private static final class Refs implements AutoCloseable {
        private final Arena arena = Arena.ofConfined();

        MemorySegment i(int v) { return arena.allocateFrom(JAVA_INT, v); }

        MemorySegment ch(char c) { return arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) c); }

        MemorySegment cell() { return arena.allocate(JAVA_INT); }

        @Override
        public void close() { arena.close(); }
    }

    private static int info(MemorySegment cell) { return cell.get(JAVA_INT, 0); }

    /** {@code ?getrf_}: LU with partial pivoting of the column-major m×n {@code a}; ipiv gets min(m,n) 1-based ints. */
    public static int getrf(boolean dbl, int m, int n, MemorySegment a, int lda, MemorySegment ipiv) {
        return getrf(dbl ? 'd' : 's', m, n, a, lda, ipiv);
    }

    /** {@code ?getrf_} of precision {@code p} ('s', 'd', 'c' or 'z'; complex matrices interleave real and imaginary parts). */
    public static int getrf(char p, int m, int n, MemorySegment a, int lda, MemorySegment ipiv) {
        MethodHandle h = pick(p, "getrf_", F.SGETRF, F.DGETRF, F.CGETRF, F.ZGETRF);
        try (Refs r = new Refs()) {
            MemorySegment info = r.cell();
            h.invokeExact(r.i(m), r.i(n), a, r.i(lda), ipiv, info);
            return info(info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ?getrs_}: solves op(A)·X = B with getrf's factors; trans is 'N' or 'T'. */
    public static int getrs(boolean dbl, char trans, int n, int nrhs, MemorySegment a, int lda, MemorySegment ipiv,
                            MemorySegment b, int ldb) {
        return getrs(dbl ? 'd' : 's', trans, n, nrhs, a, lda, ipiv, b, ldb);
    }

    /** {@code ?getrs_} of precision {@code p}; for complex, trans 'T' is the plain transpose and 'C' the conjugate one. */
    public static int getrs(char p, char trans, int n, int nrhs, MemorySegment a, int lda, MemorySegment ipiv,
                            MemorySegment b, int ldb) {
        MethodHandle h = pick(p, "getrs_", F.SGETRS, F.DGETRS, F.CGETRS, F.ZGETRS);
        try (Refs r = new Refs()) {
            MemorySegment info = r.cell();
            h.invokeExact(r.ch(trans), r.i(n), r.i(nrhs), a, r.i(lda), ipiv, b, r.i(ldb), info, 1L);
            return info(info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ?getri_}: inverse from getrf's factors; lwork -1 is a workspace query (optimal size into work[0]). */
    public static int getri(boolean dbl, int n, MemorySegment a, int lda, MemorySegment ipiv, MemorySegment work, int lwork) {
        return getri(dbl ? 'd' : 's', n, a, lda, ipiv, work, lwork);
    }

    /** {@code ?getri_} of precision {@code p} (work of the matrix's element type). */
    public static int getri(char p, int n, MemorySegment a, int lda, MemorySegment ipiv, MemorySegment work, int lwork) {
        MethodHandle h = pick(p, "getri_", F.SGETRI, F.DGETRI, F.CGETRI, F.ZGETRI);
        try (Refs r = new Refs()) {
            MemorySegment info = r.cell();
            h.invokeExact(r.i(n), a, r.i(lda), ipiv, work, r.i(lwork), info);
            return info(info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ?potrf_}: Cholesky factor of the uplo ('U' or 'L') triangle, in place. */
    public static int potrf(boolean dbl, char uplo, int n, MemorySegment a, int lda) {
        return potrf(dbl ? 'd' : 's', uplo, n, a, lda);
    }

    /** {@code ?potrf_} of precision {@code p}; for 'c'/'z' the factor of a Hermitian matrix (A = Uᴴ·U or L·Lᴴ). */
    public static int potrf(char p, char uplo, int n, MemorySegment a, int lda) {
        MethodHandle h = pick(p, "potrf_", F.SPOTRF, F.DPOTRF, F.CPOTRF, F.ZPOTRF);
        try (Refs r = new Refs()) {
            MemorySegment info = r.cell();
            h.invokeExact(r.ch(uplo), r.i(n), a, r.i(lda), info, 1L);
            return info(info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ?geqrf_}: Householder QR in place (R above the diagonal, reflectors below, scalars in tau). */
    public static int geqrf(boolean dbl, int m, int n, MemorySegment a, int lda, MemorySegment tau, MemorySegment work, int lwork) {
        return geqrf(dbl ? 'd' : 's', m, n, a, lda, tau, work, lwork);
    }

    /** {@code ?geqrf_} of precision {@code p} (tau and work of the matrix's element type). */
    public static int geqrf(char p, int m, int n, MemorySegment a, int lda, MemorySegment tau, MemorySegment work, int lwork) {
        MethodHandle h = pick(p, "geqrf_", F.SGEQRF, F.DGEQRF, F.CGEQRF, F.ZGEQRF);
        try (Refs r = new Refs()) {
            MemorySegment info = r.cell();
            h.invokeExact(r.i(m), r.i(n), a, r.i(lda), tau, work, r.i(lwork), info);
            return info(info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code ?larft_} (forward, column-wise): the k×k upper triangular T of the compact WY form
     * H₁·H₂·…·H_k = I − V·T·Vᴴ of geqrf's first k reflectors (V, n×k, unit lower trapezoidal in a, the part above
     * the diagonal not referenced; tau of the matrix's element type).
     */
    public static void larft(char p, int n, int k, MemorySegment v, int ldv, MemorySegment tau, MemorySegment t, int ldt) {
        MethodHandle h = pick(p, "larft_", F.SLARFT, F.DLARFT, F.CLARFT, F.ZLARFT);
        try (Refs r = new Refs()) {
            h.invokeExact(r.ch('F'), r.ch('C'), r.i(n), r.i(k), v, r.i(ldv), tau, t, r.i(ldt), 1L, 1L);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** {@code ?orgqr_}: the m×n Q with orthonormal columns from k of geqrf's reflectors, in place. */
    public static int orgqr(boolean dbl, int m, int n, int k, MemorySegment a, int lda, MemorySegment tau,
                            MemorySegment work, int lwork) {
        return orgqr(dbl ? 'd' : 's', m, n, k, a, lda, tau, work, lwork);
    }

    /** {@code ?orgqr_} of precision {@code p}; for 'c'/'z' LAPACK's unitary counterpart {@code ?ungqr_}. */
    public static int orgqr(char p, int m, int n, int k, MemorySegment a, int lda, MemorySegment tau,
                            MemorySegment work, int lwork) {
        MethodHandle h = pick(p, p == 'c' || p == 'z' ? "ungqr_" : "orgqr_", F.SORGQR, F.DORGQR, F.CUNGQR, F.ZUNGQR);
        try (Refs r = new Refs()) {
            MemorySegment info = r.cell();
            h.invokeExact(r.i(m), r.i(n), r.i(k), a, r.i(lda), tau, work, r.i(lwork), info);
            return info(info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ?gesdd_}: divide-and-conquer SVD; jobz 'A' (full U, Vᵀ), 'S' (reduced) or 'N' (values only). */
    public static int gesdd(boolean dbl, char jobz, int m, int n, MemorySegment a, int lda, MemorySegment s,
                            MemorySegment u, int ldu, MemorySegment vt, int ldvt, MemorySegment work, int lwork,
                            MemorySegment iwork) {
        MethodHandle h = dbl ? need(F.DGESDD, "dgesdd_") : need(F.SGESDD, "sgesdd_");
        try (Refs r = new Refs()) {
            MemorySegment info = r.cell();
            h.invokeExact(r.ch(jobz), r.i(m), r.i(n), a, r.i(lda), s, u, r.i(ldu), vt, r.i(ldvt), work, r.i(lwork),
                    iwork, info, 1L);
            return info(info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code cgesdd_}/{@code zgesdd_}: the complex divide-and-conquer SVD; s (real), rwork (real, at least
     * 5·min(m,n)² + 7·min(m,n) for jobz 'A'/'S', 7·min(m,n) for 'N') and iwork (8·min(m,n)) as LAPACK documents.
     */
    public static int gesddComplex(boolean dbl, char jobz, int m, int n, MemorySegment a, int lda, MemorySegment s,
                                   MemorySegment u, int ldu, MemorySegment vt, int ldvt, MemorySegment work, int lwork,
                                   MemorySegment rwork, MemorySegment iwork) {
        MethodHandle h = dbl ? need(F.ZGESDD, "zgesdd_") : need(F.CGESDD, "cgesdd_");
        try (Refs r = new Refs()) {
            MemorySegment info = r.cell();
            h.invokeExact(r.ch(jobz), r.i(m), r.i(n), a, r.i(lda), s, u, r.i(ldu), vt, r.i(ldvt), work, r.i(lwork),
                    rwork, iwork, info, 1L);
            return info(info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code cheevd_}/{@code zheevd_}: eigenvalues (real, ascending) and, for jobz 'V', eigenvectors of the uplo
     * triangle of a Hermitian matrix; lwork/lrwork/liwork -1 together are a workspace query.
     */
    public static int heevd(boolean dbl, char jobz, char uplo, int n, MemorySegment a, int lda, MemorySegment w,
                            MemorySegment work, int lwork, MemorySegment rwork, int lrwork, MemorySegment iwork, int liwork) {
        MethodHandle h = dbl ? need(F.ZHEEVD, "zheevd_") : need(F.CHEEVD, "cheevd_");
        try (Refs r = new Refs()) {
            MemorySegment info = r.cell();
            h.invokeExact(r.ch(jobz), r.ch(uplo), r.i(n), a, r.i(lda), w, work, r.i(lwork), rwork, r.i(lrwork), iwork,
                    r.i(liwork), info, 1L, 1L);
            return info(info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ?syevd_}: eigenvalues (ascending) and, for jobz 'V', eigenvectors of the uplo triangle. */
    public static int syevd(boolean dbl, char jobz, char uplo, int n, MemorySegment a, int lda, MemorySegment w,
                            MemorySegment work, int lwork, MemorySegment iwork, int liwork) {
        MethodHandle h = dbl ? need(F.DSYEVD, "dsyevd_") : need(F.SSYEVD, "ssyevd_");
        try (Refs r = new Refs()) {
            MemorySegment info = r.cell();
            h.invokeExact(r.ch(jobz), r.ch(uplo), r.i(n), a, r.i(lda), w, work, r.i(lwork), iwork, r.i(liwork), info, 1L, 1L);
            return info(info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code ?geev_}: eigenvalues (wr + i·wi) and, for jobvr 'V', right eigenvectors of a general square matrix
     * (column-major); a complex pair j, j+1 has its vectors packed as vr(:, j) ± i·vr(:, j+1).
     */
    public static int geev(boolean dbl, char jobvl, char jobvr, int n, MemorySegment a, int lda, MemorySegment wr,
                           MemorySegment wi, MemorySegment vl, int ldvl, MemorySegment vr, int ldvr,
                           MemorySegment work, int lwork) {
        MethodHandle h = dbl ? need(F.DGEEV, "dgeev_") : need(F.SGEEV, "sgeev_");
        try (Refs r = new Refs()) {
            MemorySegment info = r.cell();
            h.invokeExact(r.ch(jobvl), r.ch(jobvr), r.i(n), a, r.i(lda), wr, wi, vl, r.i(ldvl), vr, r.i(ldvr), work,
                    r.i(lwork), info, 1L, 1L);
            return info(info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ?gels_}: least squares / minimum norm of a full-rank system by QR or LQ; trans 'N' or 'T'. */
    public static int gels(boolean dbl, char trans, int m, int n, int nrhs, MemorySegment a, int lda, MemorySegment b,
                           int ldb, MemorySegment work, int lwork) {
        return gels(dbl ? 'd' : 's', trans, m, n, nrhs, a, lda, b, ldb, work, lwork);
    }

    /** {@code ?gels_} of precision {@code p}; for 'c'/'z' trans is 'N' or 'C' (conjugate transpose). */
    public static int gels(char p, char trans, int m, int n, int nrhs, MemorySegment a, int lda, MemorySegment b,
                           int ldb, MemorySegment work, int lwork) {
        MethodHandle h = pick(p, "gels_", F.SGELS, F.DGELS, F.CGELS, F.ZGELS);
        try (Refs r = new Refs()) {
            MemorySegment info = r.cell();
            h.invokeExact(r.ch(trans), r.i(m), r.i(n), r.i(nrhs), a, r.i(lda), b, r.i(ldb), work, r.i(lwork), info, 1L);
            return info(info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code ?gelsd_}: minimum-norm least squares of any rank through the SVD (what numpy's lstsq uses); singular
     * values into s, the effective rank (values above rcond·s[0]) into rank[0].
     */
    public static int gelsd(boolean dbl, int m, int n, int nrhs, MemorySegment a, int lda, MemorySegment b, int ldb,
                            MemorySegment s, double rcond, MemorySegment rank, MemorySegment work, int lwork,
                            MemorySegment iwork) {
        MethodHandle h = dbl ? need(F.DGELSD, "dgelsd_") : need(F.SGELSD, "sgelsd_");
        try (Refs r = new Refs()) {
            MemorySegment info = r.cell();
            MemorySegment rc = dbl ? r.arena.allocateFrom(JAVA_DOUBLE, rcond) : r.arena.allocateFrom(JAVA_FLOAT, (float) rcond);
            h.invokeExact(r.i(m), r.i(n), r.i(nrhs), a, r.i(lda), b, r.i(ldb), s, rc, rank, work, r.i(lwork), iwork, info);
            return info(info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code cgelsd_}/{@code zgelsd_}: the complex minimum-norm least squares of any rank through the SVD; s and rcond
     * real, rwork real and iwork int of the sizes the workspace query (lwork -1) writes into rwork[0] and iwork[0].
     */
    public static int gelsdComplex(boolean dbl, int m, int n, int nrhs, MemorySegment a, int lda, MemorySegment b, int ldb,
                                   MemorySegment s, double rcond, MemorySegment rank, MemorySegment work, int lwork,
                                   MemorySegment rwork, MemorySegment iwork) {
        MethodHandle h = dbl ? need(F.ZGELSD, "zgelsd_") : need(F.CGELSD, "cgelsd_");
        try (Refs r = new Refs()) {
            MemorySegment info = r.cell();
            MemorySegment rc = dbl ? r.arena.allocateFrom(JAVA_DOUBLE, rcond) : r.arena.allocateFrom(JAVA_FLOAT, (float) rcond);
            h.invokeExact(r.i(m), r.i(n), r.i(nrhs), a, r.i(lda), b, r.i(ldb), s, rc, rank, work, r.i(lwork), rwork, iwork, info);
            return info(info);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
