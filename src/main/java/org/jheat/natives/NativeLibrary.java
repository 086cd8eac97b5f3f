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
     * Loads {@code envVar}'s value when set, else the first of {@code candidates} that opens; {@code beforeOpen} runs
     * on each name first. Throws {@link UnsatisfiedLinkError} naming every attempt and {@code hint}.
     */
    static NativeLibrary load(String what, String envVar, List<String> candidates, String hint, Consumer<String> beforeOpen) {
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

    /** A downcall handle for a function that must exist. */
    MethodHandle fn(String symbol, MemoryLayout ret, MemoryLayout... args) {
        return LINKER.downcallHandle(sym(symbol), FunctionDescriptor.of(ret, args));
    }

    /** A downcall handle for a function that older or serial builds may lack. */
    Optional<MethodHandle> optionalFn(String symbol, MemoryLayout ret, MemoryLayout... args) {
        return symbols.find(symbol).map(s -> LINKER.downcallHandle(s, FunctionDescriptor.of(ret, args)));
    }

    /** What a binding throws when {@code invokeExact} fails: runtime exceptions and errors as they are. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
