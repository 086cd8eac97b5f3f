package org.jheat.core;

import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;

/**
 * Argument checks shared by all operations. They look only at global metadata (shapes, split, dtype), never at
 * local data, so they fail identically on every process, before any communication.
 *
 * <pre>{@code int s = Sanitation.split(split, shape.length);   // -1 for null }</pre>
 */
public final class Sanitation {
    private Sanitation() { }

    /** Normalises a split axis: null → -1, negative axes count from the end; out of range → exception. */
    public static int split(Integer split, int ndim) {
        if (split == null) return -1;
        if (split < -ndim || split >= ndim) {
            throw new IllegalArgumentException("split axis " + split + " is out of range for a " + ndim
                    + "-dimensional array; allowed: null" + (ndim > 0 ? " or [" + (-ndim) + ", " + (ndim - 1) + "]" : " (0-d array)"));
        }
        return split < 0 ? split + ndim : split;
    }

    /** Checks a shape (no negative extents). */
    public static long[] shape(long[] shape) {
        return Shapes.check(shape, "shape");
    }

    /** Checks a dtype is given (every dtype, complex included). */
    public static DType dtype(DType dtype, String op) {
        if (dtype == null) throw new IllegalArgumentException(op + ": dtype must not be null");
        return dtype;
    }

    /** Checks a non-negative size-like integer argument. */
    public static long nonNegative(long v, String what) {
        if (v < 0) throw new IllegalArgumentException(what + " must be >= 0, got " + v);
        return v;
    }
}
