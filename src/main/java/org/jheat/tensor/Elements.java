package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reading and writing single elements of any {@link DType} at a byte offset, with numpy's conversions
 * (float to int truncates toward zero, anything to bool is {@code != 0}, uint8 reads as 0…255).
 * For scalar access and for conversion loops; same-type bulk paths never go through here.
 *
 * <pre>{@code double v = Elements.readDouble(seg, 8 * i, DType.FLOAT64); }</pre>
 */
final class Elements {
    private static final ValueLayout.OfByte B = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort S = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private Elements() { }

    /** The element at {@code off} as a double (complex: its real part). */
    public static double readDouble(MemorySegment s, long off, DType t) {
        return switch (t) {
            case BOOL, UINT8 -> s.get(B, off) & 0xFF;
            case INT8 -> s.get(B, off);
            case INT16 -> s.get(S, off);
            case INT32 -> s.get(I, off);
            case INT64 -> s.get(L, off);
            case FLOAT32, COMPLEX64 -> s.get(F, off);
            case FLOAT64, COMPLEX128 -> s.get(D, off);
        };
    }

    /** The element at {@code off} as a long (floats truncate toward zero, as numpy's casts). */
    public static long readLong(MemorySegment s, long off, DType t) {
        return switch (t) {
            case BOOL, UINT8 -> s.get(B, off) & 0xFF;
            case INT8 -> s.get(B, off);
            case INT16 -> s.get(S, off);
            case INT32 -> s.get(I, off);
            case INT64 -> s.get(L, off);
            case FLOAT32, COMPLEX64 -> (long) s.get(F, off);
            case FLOAT64, COMPLEX128 -> (long) s.get(D, off);
        };
    }

    /** Writes {@code v} converted to {@code t} (bool: v != 0, NaN is true as in numpy). */
    public static void writeDouble(MemorySegment s, long off, DType t, double v) {
        switch (t) {
            case BOOL -> s.set(B, off, v != 0 ? (byte) 1 : (byte) 0);
            case INT8, UINT8 -> s.set(B, off, (byte) (long) v);
            case INT16 -> s.set(S, off, (short) (long) v);
            case INT32 -> s.set(I, off, (int) (long) v);
            case INT64 -> s.set(L, off, (long) v);
            case FLOAT32 -> s.set(F, off, (float) v);
            case FLOAT64 -> s.set(D, off, v);
            case COMPLEX64 -> { s.set(F, off, (float) v); s.set(F, off + 4, 0f); }
            case COMPLEX128 -> { s.set(D, off, v); s.set(D, off + 8, 0d); }
        }
    }

    /** Writes {@code v} converted to {@code t} (wraps around like a C cast for narrower integers). */
    public static void writeLong(MemorySegment s, long off, DType t, long v) {
        switch (t) {
            case BOOL -> s.set(B, off, v != 0 ? (byte) 1 : (byte) 0);
            case INT8, UINT8 -> s.set(B, off, (byte) v);
            case INT16 -> s.set(S, off, (short) v);
            case INT32 -> s.set(I, off, (int) v);
            case INT64 -> s.set(L, off, v);
            case FLOAT32 -> s.set(F, off, (float) v);
            case FLOAT64 -> s.set(D, off, (double) v);
            case COMPLEX64 -> { s.set(F, off, (float) v); s.set(F, off + 4, 0f); }
            case COMPLEX128 -> { s.set(D, off, (double) v); s.set(D, off + 8, 0d); }
        }
    }

    /** The element as its boxed Java value: Boolean, Byte, Short (uint8), Integer, Long, Float, Double or {@link Complex}. */
    public static Object readObject(MemorySegment s, long off, DType t) {
        return switch (t) {
            case BOOL -> s.get(B, off) != 0;
            case INT8 -> s.get(B, off);
            case UINT8 -> (short) (s.get(B, off) & 0xFF);
            case INT16 -> s.get(S, off);
            case INT32 -> s.get(I, off);
            case INT64 -> s.get(L, off);
            case FLOAT32 -> s.get(F, off);
            case FLOAT64 -> s.get(D, off);
            case COMPLEX64 -> new Complex(s.get(F, off), s.get(F, off + 4));
            case COMPLEX128 -> new Complex(s.get(D, off), s.get(D, off + 8));
        };
    }
}
