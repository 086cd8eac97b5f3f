package org.jheat.natives;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * Locates the BLAS/LAPACK library that local linear algebra will call through FFM. {@code JHEAT_BLAS_LIB} names a
 * file or soname to use instead (MKL, BLIS …); otherwise OpenBLAS, then the reference libblas, are tried.
 *
 * <pre>{@code
 * Blas.find().ifPresent(b -> System.out.println(b.name() + " " + b.config()));
 * }</pre>
 */
public final class Blas {
    /** A loaded BLAS library: the name it was found under, its symbols, and OpenBLAS's config text if any. */
    public record Library(String name, SymbolLookup symbols, String config) { }

    private static final String[] CANDIDATES = {"libopenblas.so.0", "libopenblas.so", "libblas.so.3", "libblas.so"};
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
}
