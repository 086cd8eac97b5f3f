package org.jheat.tensor;

import java.lang.foreign.MemorySegment;

/**
 * The local kernels of element-wise operations, one block at a time. An operation overrides the block loops of
 * the paths it supports: the double path (floating computation) and/or the long path (exact integer and bool
 * computation). A block is at most {@link Elementwise#BLOCK} elements; {@code b} is null for unary operations.
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

    /** @param name the numpy name, for messages */
    protected ElementFn(String name) {
        this.name = name;
        boolean[] paths = PATHS.get(getClass());
        this.hasDouble = paths[0];
        this.hasLong = paths[1];
    }

    /** Which block loops a kernel class overrides, looked up once per class (parameterised kernels are made per call). */
    private static final ClassValue<boolean[]> PATHS = new ClassValue<>() {
        @Override
        protected boolean[] computeValue(Class<?> c) {
            return new boolean[] {overrides(c, double[].class), overrides(c, long[].class)};
        }
    };

    private static boolean overrides(Class<?> c, Class<?> arr) {
        try {
            return c.getMethod("apply", arr, arr, arr, int.class).getDeclaringClass() != ElementFn.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** True when the floating block loop exists. */
    public boolean hasDoublePath() { return hasDouble; }

    /** True when the exact integer block loop exists. */
    public boolean hasLongPath() { return hasLong; }

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
     * Optional fast path for float64 runs that are contiguous (byte stride 8) or a broadcast scalar (stride 0) in
     * every input and contiguous in the output: the loop works on the memory directly, without the block copies.
     * Returns false when the operation has no such loop (the block path is used then).
     */
    public boolean directF64(MemorySegment a, long ao, long as, MemorySegment b, long bo, long bs, MemorySegment o, long oo, long n) {
        return false;
    }

    @Override
    public String toString() { return name; }
}
