package org.jheat.tensor;

import java.lang.foreign.MemorySegment;

/**
 * The local kernels of element-wise operations, one block at a time. An operation overrides the block loops of
 * the paths it supports: the double path (floating computation) and/or the long path (exact integer and bool
 * computation), or the complex path (complex64/complex128 operands; see {@link ComplexKernels}). A block is at most
 * {@link Elementwise#BLOCK} elements; {@code b} is null for unary operations.
 *
 * <pre>{@code
 * static final ElementFn ADD = new ElementFn("add") {
 *     public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] + b[i]; }
 *     public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] + b[i]; }
 * };
 * }</pre>
 */
public abstract class ElementFn {
    private final String name;
    private final boolean hasDouble;
    private final boolean hasLong;
    private final boolean hasComplex;

    /** @param name the numpy name, for messages */
    protected ElementFn(String name) {
        this.name = name;
        boolean[] paths = PATHS.get(getClass());
        this.hasDouble = paths[0];
        this.hasLong = paths[1];
        this.hasComplex = paths[2];
    }

    /** Which block loops a kernel class overrides, looked up once per class (parameterised kernels are made per call). */
    private static final ClassValue<boolean[]> PATHS = new ClassValue<>() {
        @Override
        protected boolean[] computeValue(Class<?> c) {
            return new boolean[] {overrides(c, "apply", double[].class), overrides(c, "apply", long[].class),
                    overrides(c, "applyComplex", double[].class)};
        }
    };

    private static boolean overrides(Class<?> c, String method, Class<?> arr) {
        try {
            return c.getMethod(method, arr, arr, arr, int.class).getDeclaringClass() != ElementFn.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** True when the floating block loop exists. */
    public boolean hasDoublePath() { return hasDouble; }

    /** True when the exact integer block loop exists. */
    public boolean hasLongPath() { return hasLong; }

    /**
     * True when the complex block loop exists. A kernel with a complex path is chosen by the drivers when the operands
     * promote to a complex type ({@link ComplexKernels#of(ElementFn)}); every load and store then goes through it.
     * <pre>{@code ComplexKernels.MUL.hasComplexPath() == true}</pre>
     */
    public boolean hasComplexPath() { return hasComplex; }

    /** The numpy name of the operation. */
    public String name() { return name; }

    /** The floating block loop: {@code o[i] = f(a[i], b[i])} for i < n. */
    public void apply(double[] a, double[] b, double[] o, int n) {
        throw new UnsupportedOperationException(name + " has no floating-point kernel");
    }

    /** The integer block loop: {@code o[i] = f(a[i], b[i])} for i < n. */
    public void apply(long[] a, long[] b, long[] o, int n) {
        throw new UnsupportedOperationException(name + " has no integer kernel");
    }

    /**
     * The complex block loop on interleaved blocks: element i of an operand is {@code (a[2i], a[2i+1])} = (re, im),
     * and the loop writes {@code (o[2i], o[2i+1])} for i < n. Real operands arrive with imaginary part 0; a real
     * output dtype (absolute, angle, comparisons) stores {@code o[2i]} and ignores {@code o[2i+1]}.
     * <pre>{@code
     * public void applyComplex(double[] a, double[] b, double[] o, int n) {   // conjugate
     *     for (int i = 0; i < n; i++) { o[2 * i] = a[2 * i]; o[2 * i + 1] = -a[2 * i + 1]; }
     * }
     * }</pre>
     */
    public void applyComplex(double[] a, double[] b, double[] o, int n) {
        throw new UnsupportedOperationException(name + " is not supported for complex operands");
    }

    /**
     * Optional fast path for float64 runs that are contiguous (byte stride 8) or a broadcast scalar (stride 0) in
     * every input and contiguous in the output: the loop works on the memory directly, without the block copies.
     * Returns false when the operation has no such loop (the block path is used then).
     */
    public boolean directF64(MemorySegment a, long ao, long as, MemorySegment b, long bo, long bs, MemorySegment o, long oo, long n) {
        return false;
    }

    /**
     * {@code o = fn(a)} on n float64 contiguous in a (byte offset ao) and in o (byte offset oo): the loop works on the
     * memory directly, without the block copies. Returns false when the operation has no such loop (the block path
     * is used then).
     * <pre>{@code if (!fn.directUnaryF64(a, 0, o, 0, n)) { ... } }</pre>
     */
    public boolean directUnaryF64(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
        return false;
    }

    @Override
    public String toString() { return name; }
}
