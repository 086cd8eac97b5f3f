package org.jheat.core;

import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * One entry of a numpy index expression, for {@link Indexing#get} and {@link Indexing#set}: an integer, a slice
 * {@code start:stop:step}, {@code np.newaxis}, {@code ...}, or an index array (integer: advanced indexing; bool:
 * a mask). Java has no {@code x[…]} syntax, so an expression is a list of these:
 *
 * <pre>{@code
 * import static org.jheat.core.Index.*;
 * DNDarray a = Indexing.get(x, slice(1, null), idx(-1));          // x[1:, -1]
 * DNDarray b = Indexing.get(x, ellipsis(), newaxis());            // x[..., np.newaxis]
 * DNDarray c = Indexing.get(x, slice(null, null, -2), all());     // x[::-2, :]
 * DNDarray d = Indexing.get(x, of(x.gt(0)));                      // x[x > 0]
 * DNDarray e = Indexing.get(x, of(new long[] {0, 2, 2}), idx(1)); // x[[0, 2, 2], 1]
 * }</pre>
 */
public sealed interface Index permits Index.Int, Index.Slice, Index.NewAxis, Index.Ellipsis, Index.Array {

    /** An integer index {@code i} (negative counts from the end); removes its axis. <pre>{@code idx(-1)}</pre> */
    record Int(long index) implements Index {
        @Override public String toString() { return Long.toString(index); }
    }

    /**
     * A slice {@code start:stop:step} with Python semantics (null bounds are omitted ones, negative bounds count from
     * the end, out-of-range bounds are clipped, step != 0). <pre>{@code new Index.Slice(null, 5L, 2)   // :5:2 }</pre>
     */
    record Slice(Long start, Long stop, long step) implements Index {
        /** Checks the step. */
        public Slice {
            if (step == 0) throw new IllegalArgumentException("slice step cannot be zero");
        }

        @Override public String toString() {
            return (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == 1 ? "" : ":" + step);
        }
    }

    /** {@code np.newaxis} ({@code None}): a new axis of length 1. <pre>{@code newaxis()}</pre> */
    record NewAxis() implements Index {
        @Override public String toString() { return "None"; }
    }

    /** {@code ...}: as many full slices as needed (at most one per expression). <pre>{@code ellipsis()}</pre> */
    record Ellipsis() implements Index {
        @Override public String toString() { return "..."; }
    }

    /**
     * An index array: integer (advanced indexing, any shape, any split) or bool (a mask over as many axes as it has,
     * any split; a 0-d bool is numpy's {@code x[True]}). <pre>{@code new Index.Array(Heat.array(new long[]{2, 0}))}</pre>
     */
    record Array(DNDarray array) implements Index {
        /** Checks the array is given. */
        public Array {
            if (array == null) throw new IllegalArgumentException("index array must not be null");
        }

        @Override public String toString() {
            return "array(shape=" + org.jheat.tensor.Shapes.str(array.gshape()) + ", dtype=" + array.dtype() + ")";
        }
    }

    /** Shared instances. */
    Slice ALL = new Slice(null, null, 1);
    NewAxis NEWAXIS = new NewAxis();
    Ellipsis ELLIPSIS = new Ellipsis();

    /** The integer index {@code i}. <pre>{@code Indexing.get(x, idx(3))   // x[3] }</pre> */
    static Index idx(long i) { return new Int(i); }

    /**
     * {@code start:stop} (null: omitted). Integer bounds must be whole numbers (Integer, Long, Short, Byte).
     * <pre>{@code slice(2, null)   // 2: }</pre>
     */
    static Index slice(Number start, Number stop) { return slice(start, stop, 1); }

    /** {@code start:stop:step} (null bounds: omitted). <pre>{@code slice(null, null, -1)   // ::-1 }</pre> */
    static Index slice(Number start, Number stop, long step) {
        return new Slice(bound(start, "start"), bound(stop, "stop"), step);
    }

    private static Long bound(Number n, String what) {
        if (n == null) return null;
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) return n.longValue();
        throw new IllegalArgumentException("slice " + what + " must be an integer or null, got " + n.getClass().getSimpleName() + " " + n);
    }

    /** {@code :} (the whole axis). <pre>{@code Indexing.get(x, all(), idx(0))   // x[:, 0] }</pre> */
    static Index all() { return ALL; }

    /** {@code np.newaxis}. <pre>{@code Indexing.get(v, all(), newaxis())   // v[:, None] }</pre> */
    static Index newaxis() { return NEWAXIS; }

    /** {@code ...}. <pre>{@code Indexing.get(x, ellipsis(), idx(0))   // x[..., 0] }</pre> */
    static Index ellipsis() { return ELLIPSIS; }

    /**
     * An index array (integer or bool DNDarray, any split). <pre>{@code Indexing.get(x, of(x.lt(0)))   // x[x < 0] }</pre>
     */
    static Index of(DNDarray indexArray) { return new Array(indexArray); }

    /** A mask (same as {@link #of(DNDarray)}, for bool arrays). <pre>{@code mask(x.gt(0))}</pre> */
    static Index mask(DNDarray boolArray) {
        if (boolArray != null && boolArray.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("mask: expected a bool array, got " + boolArray.dtype());
        }
        return new Array(boolArray);
    }

    /** A replicated 1-d int64 index array. <pre>{@code of(0, 2, -1)   // x[[0, 2, -1]] }</pre> */
    static Index of(long... indices) {
        return new Array(Factories.fromReplicated(Tensor.fromArray(indices), null));
    }

    /** A replicated 1-d bool mask. <pre>{@code of(true, false, true)   // x[[True, False, True]] }</pre> */
    static Index of(boolean... mask) {
        return new Array(Factories.fromReplicated(Tensor.fromArray(mask), null));
    }

    /**
     * A replicated index array from a nested Java array ({@code long[][]}, {@code int[][]}, {@code boolean[][]} …).
     * <pre>{@code of(new long[][] {{0, 1}, {2, 3}})   // x[[[0, 1], [2, 3]]] }</pre>
     */
    static Index ofArray(Object nestedJavaArray) {
        return new Array(Factories.fromReplicated(Tensor.fromArray(nestedJavaArray), null));
    }
}
