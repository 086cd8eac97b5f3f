package org.jheat.natives;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One loaded native library and the downcall plumbing every binding of this package shares: loading with an
 * environment override and a list of candidate names, symbol lookup, downcall handles, and turning a
 * {@code invokeExact} failure into an unchecked exception.
 *
 * <pre>{@code
 * NativeLibrary lib = NativeLibrary.load("the HDF5 library", "JHEAT_HDF5_LIB", List.of("libhdf5.so"), "install it", n -> { });
 * MethodHandle close = lib.fn("H5Fclose", JAVA_INT, JAVA_LONG);
 * }</pre>
 *
 * @param name the file name or path that was loaded
 * @param symbols the library's symbols
 */
@SuppressWarnings("restricted")   // binding native libraries is what this package is for
record NativeLibrary(String name, SymbolLookup symbols) {
    static final Linker LINKER = Linker.nativeLinker();

    /**
     * UCX (the transport of Debian's MPICH, ch4:ucx, and an optional one of Open MPI) installs handlers for SIGSEGV,
     * SIGBUS, SIGILL and SIGFPE that report and abort. The JVM raises SIGSEGV on purpose (implicit null checks,
     * safepoint polls) and handles it itself, so with UCX's handler the first such fault kills the process. Unless the
     * user set {@code UCX_ERROR_SIGNALS}, it is emptied before the MPI library loads: UCX reads it and installs its
     * handlers in its load-time constructor.
     */
    static void keepJvmSignals() {
        Optional<MemorySegment> setenv = LINKER.defaultLookup().find("setenv");
        if (setenv.isEmpty()) return;
        MethodHandle h = LINKER.downcallHandle(setenv.get(), FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.ADDRESS,
                java.lang.foreign.ValueLayout.ADDRESS, java.lang.foreign.ValueLayout.JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            int ignored = (int) h.invokeExact(a.allocateFrom("UCX_ERROR_SIGNALS"), a.allocateFrom(""), 0);   // 0: keep a user's value
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Loads {@code envVar}'s value when set, else the first of {@code candidates} that opens; {@code beforeOpen} runs
     * on each name first. Throws {@link UnsatisfiedLinkError} naming every attempt and {@code hint}.
     */
    static NativeLibrary load(String what, String envVar, List<String> candidates, String hint, Consumer<String> beforeOpen) {
        keepJvmSignals();   // an HDF5/netCDF build may pull in an MPI library and with it UCX
        String env = System.getenv(envVar);
        List<String> names = env != null && !env.isBlank() ? List.of(env.trim()) : candidates;
        List<String> errors = new ArrayList<>();
        for (String n : names) {
            try {
                beforeOpen.accept(n);
                return new NativeLibrary(n, SymbolLookup.libraryLookup(n, Arena.global()));
            } catch (RuntimeException e) {
                errors.add(n + ": " + e.getMessage());
            }
        }
        throw new UnsatisfiedLinkError("cannot load " + what + " (" + String.join("; ", errors) + "); " + hint);
    }

    /** The address of a symbol, which must exist. */
    MemorySegment sym(String symbol) {
        return symbols.find(symbol).orElseThrow(() -> new UnsatisfiedLinkError(name + ": missing symbol " + symbol));
    }

    /** A downcall handle for a function that must exist ({@code ret} null: a void function). */
    MethodHandle fn(String symbol, MemoryLayout ret, MemoryLayout... args) {
        return LINKER.downcallHandle(sym(symbol), descriptor(ret, args));
    }

    /** A downcall handle for a function that older or serial builds may lack ({@code ret} null: void). */
    Optional<MethodHandle> optionalFn(String symbol, MemoryLayout ret, MemoryLayout... args) {
        return symbols.find(symbol).map(s -> LINKER.downcallHandle(s, descriptor(ret, args)));
    }

    private static FunctionDescriptor descriptor(MemoryLayout ret, MemoryLayout... args) {
        return ret == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(ret, args);
    }

    /** What a binding throws when {@code invokeExact} fails: runtime exceptions and errors as they are. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
