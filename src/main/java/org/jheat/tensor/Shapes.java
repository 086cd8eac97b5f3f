package org.jheat.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic shared by tensors and distributed arrays: validation, sizes, C-order strides,
 * numpy broadcasting, axis normalisation. All checks throw {@link IllegalArgumentException} naming the
 * argument and the allowed range.
 *
 * <pre>{@code
 * long[] s = Shapes.broadcast(new long[]{5, 1, 3}, new long[]{4, 3});   // [5, 4, 3]
 * int ax = Shapes.normalizeAxis(-1, 3, "axis");                          // 2
 * }</pre>
 */
public final class Shapes {
    private Shapes() { }

    /** Checks every extent is >= 0 and returns a copy. <pre>{@code long[] s = Shapes.check(shape, "shape"); }</pre> */
    public static long[] check(long[] shape, String what) {
        if (shape == null) throw new IllegalArgumentException(what + " must not be null");
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + shape[i]
                        + " is negative; extents must be >= 0 (shape " + str(shape) + ")");
            }
        }
        size(shape);
        return shape.clone();
    }

    /** Number of elements; throws when it overflows a long. <pre>{@code Shapes.size(new long[]{2, 3}) == 6}</pre> */
    public static long size(long[] shape) {
        long n = 1;
        for (long s : shape) {
            try {
                n = Math.multiplyExact(n, s);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more than 2^63-1 elements");
            }
        }
        return n;
    }

    /** C-order (row-major) strides in elements. <pre>{@code Shapes.cStrides(new long[]{2, 3}) == [3, 1]}</pre> */
    public static long[] cStrides(long[] shape) {
        long[] st = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = acc;
            acc *= Math.max(shape[i], 1);
        }
        return st;
    }

    /**
     * Normalises a possibly negative axis into [0, ndim).
     * <pre>{@code Shapes.normalizeAxis(-1, 2, "axis") == 1}</pre>
     */
    public static int normalizeAxis(long axis, int ndim, String what) {
        if (axis < -ndim || axis >= ndim) {
            throw new IllegalArgumentException(what + " " + axis + " is out of range for " + ndim
                    + "-dimensional array; allowed: " + (ndim == 0 ? "none (0-d array)" : "[" + (-ndim) + ", " + (ndim - 1) + "]"));
        }
        return (int) (axis < 0 ? axis + ndim : axis);
    }

    /**
     * numpy broadcasting of two shapes.
     * <pre>{@code Shapes.broadcast(new long[]{5, 1, 3}, new long[]{4, 3}) == [5, 4, 3]}</pre>
     */
    public static long[] broadcast(long[] a, long[] b) {
        int n = Math.max(a.length, b.length);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long x = i < n - a.length ? 1 : a[i - (n - a.length)];
            long y = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (x != y && x != 1 && y != 1) {
                throw new IllegalArgumentException("shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast together (axis " + i + ": " + x + " vs " + y + ")");
            }
            out[i] = x == 1 ? y : x;
        }
        return out;
    }

    /**
     * Resolves one -1 extent in a reshape target and checks the sizes match.
     * <pre>{@code Shapes.inferReshape(12, new long[]{-1, 4}) == [3, 4]}</pre>
     */
    public static long[] inferReshape(long size, long[] target) {
        long[] out = target.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException("reshape: only one extent may be -1, got " + str(target));
                unknown = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("reshape: extent " + out[i] + " at position " + i
                        + " is invalid; extents must be >= 0 or a single -1");
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape array of size " + size + " into shape " + str(target));
            }
            out[unknown] = size / known;
        } else if (known != size) {
            throw new IllegalArgumentException("cannot reshape array of size " + size + " into shape " + str(target));
        }
        return out;
    }

    /** numpy-style shape text: {@code (3, 4)}, {@code (5,)}, {@code ()}. */
    public static String str(long[] shape) {
        if (shape == null) return "null";
        if (shape.length == 1) return "(" + shape[0] + ",)";
        String s = Arrays.toString(shape);
        return "(" + s.substring(1, s.length() - 1) + ")";
    }
}
