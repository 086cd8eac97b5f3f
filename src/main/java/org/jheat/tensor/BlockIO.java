package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Moves runs of elements of any dtype between (possibly strided or broadcast) memory and small Java arrays, with
 * numpy's conversions. The element-wise and reduction kernels work on these blocks, so each op is one plain
 * array loop and dtype handling lives here only. Byte stride 0 is a broadcast element.
 *
 * <pre>{@code BlockIO.load(seg, off, 8, DType.FLOAT64, buf, n); }</pre>
 */
public final class BlockIO {
    private static final ValueLayout.OfByte B = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort S = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private BlockIO() { }

    /**
     * Per-thread staging for contiguous float32 and int32 runs: one bulk copy and a plain array loop instead of a
     * segment access per element (those sites see heap and native segments, and profiles showed them costing several
     * ns each).
     */
    private static final class Staging {
        float[] f = new float[0];
        int[] i = new int[0];
    }

    private static final ThreadLocal<Staging> STAGING = ThreadLocal.withInitial(Staging::new);

    private static float[] floats(int n) {
        Staging st = STAGING.get();
        if (st.f.length < n) st.f = new float[Math.max(n, 2 * st.f.length)];
        return st.f;
    }

    private static int[] ints(int n) {
        Staging st = STAGING.get();
        if (st.i.length < n) st.i = new int[Math.max(n, 2 * st.i.length)];
        return st.i;
    }

    /** Loads n elements starting at byte {@code off}, {@code stride} bytes apart, as doubles. */
    public static void load(MemorySegment s, long off, long stride, DType t, double[] o, int n) {
        if (stride == 0) {
            Arrays.fill(o, 0, n, Elements.readDouble(s, off, t));
            return;
        }
        switch (t) {
            case FLOAT64 -> {
                if (stride == 8) MemorySegment.copy(s, D, off, o, 0, n);
                else for (int i = 0; i < n; i++) o[i] = s.get(D, off + i * stride);
            }
            case FLOAT32 -> {
                if (stride == 4) {
                    float[] f = floats(n);
                    MemorySegment.copy(s, F, off, f, 0, n);
                    for (int i = 0; i < n; i++) o[i] = f[i];
                } else {
                    for (int i = 0; i < n; i++) o[i] = s.get(F, off + i * stride);
                }
            }
            case INT64 -> { for (int i = 0; i < n; i++) o[i] = s.get(L, off + i * stride); }
            case INT32 -> { for (int i = 0; i < n; i++) o[i] = s.get(I, off + i * stride); }
            case INT16 -> { for (int i = 0; i < n; i++) o[i] = s.get(S, off + i * stride); }
            case INT8 -> { for (int i = 0; i < n; i++) o[i] = s.get(B, off + i * stride); }
            case UINT8, BOOL -> { for (int i = 0; i < n; i++) o[i] = s.get(B, off + i * stride) & 0xFF; }
            default -> throw new UnsupportedOperationException("dtype " + t + " is not supported by element-wise kernels yet");
        }
    }

    /** Loads n elements as longs (floats truncate toward zero). */
    public static void load(MemorySegment s, long off, long stride, DType t, long[] o, int n) {
        if (stride == 0) {
            Arrays.fill(o, 0, n, Elements.readLong(s, off, t));
            return;
        }
        switch (t) {
            case INT64 -> {
                if (stride == 8) MemorySegment.copy(s, L, off, o, 0, n);
                else for (int i = 0; i < n; i++) o[i] = s.get(L, off + i * stride);
            }
            case INT32 -> {
                if (stride == 4) {
                    int[] a = ints(n);
                    MemorySegment.copy(s, I, off, a, 0, n);
                    for (int i = 0; i < n; i++) o[i] = a[i];
                } else {
                    for (int i = 0; i < n; i++) o[i] = s.get(I, off + i * stride);
                }
            }
            case INT16 -> { for (int i = 0; i < n; i++) o[i] = s.get(S, off + i * stride); }
            case INT8 -> { for (int i = 0; i < n; i++) o[i] = s.get(B, off + i * stride); }
            case UINT8, BOOL -> { for (int i = 0; i < n; i++) o[i] = s.get(B, off + i * stride) & 0xFF; }
            case FLOAT64 -> { for (int i = 0; i < n; i++) o[i] = (long) s.get(D, off + i * stride); }
            case FLOAT32 -> { for (int i = 0; i < n; i++) o[i] = (long) s.get(F, off + i * stride); }
            default -> throw new UnsupportedOperationException("dtype " + t + " is not supported by element-wise kernels yet");
        }
    }

    /** Stores n doubles converted to {@code t}. */
    public static void store(double[] v, MemorySegment s, long off, long stride, DType t, int n) {
        switch (t) {
            case FLOAT64 -> {
                if (stride == 8) MemorySegment.copy(v, 0, s, D, off, n);
                else for (int i = 0; i < n; i++) s.set(D, off + i * stride, v[i]);
            }
            case FLOAT32 -> {
                if (stride == 4) {
                    float[] f = floats(n);
                    for (int i = 0; i < n; i++) f[i] = (float) v[i];
                    MemorySegment.copy(f, 0, s, F, off, n);
                } else {
                    for (int i = 0; i < n; i++) s.set(F, off + i * stride, (float) v[i]);
                }
            }
            case BOOL -> { for (int i = 0; i < n; i++) s.set(B, off + i * stride, v[i] != 0 ? (byte) 1 : 0); }
            default -> { for (int i = 0; i < n; i++) Elements.writeDouble(s, off + i * stride, t, v[i]); }
        }
    }

    /** Stores n longs converted to {@code t} (narrower integers wrap like C casts). */
    public static void store(long[] v, MemorySegment s, long off, long stride, DType t, int n) {
        switch (t) {
            case INT64 -> {
                if (stride == 8) MemorySegment.copy(v, 0, s, L, off, n);
                else for (int i = 0; i < n; i++) s.set(L, off + i * stride, v[i]);
            }
            case INT32 -> { for (int i = 0; i < n; i++) s.set(I, off + i * stride, (int) v[i]); }
            case INT16 -> { for (int i = 0; i < n; i++) s.set(S, off + i * stride, (short) v[i]); }
            case INT8, UINT8 -> { for (int i = 0; i < n; i++) s.set(B, off + i * stride, (byte) v[i]); }
            case BOOL -> { for (int i = 0; i < n; i++) s.set(B, off + i * stride, v[i] != 0 ? (byte) 1 : 0); }
            default -> { for (int i = 0; i < n; i++) Elements.writeLong(s, off + i * stride, t, v[i]); }
        }
    }
    /**
     * Loads n elements interleaved as (re, im) pairs into {@code o[0 .. 2n)}: complex types as they are, real types
     * with imaginary part 0 (the complex block loops of {@link ElementFn#applyComplex}).
     * <pre>{@code BlockIO.loadComplex(seg, off, 16, DType.COMPLEX128, buf, n);   // buf[0 .. 2n) }</pre>
     */
    public static void loadComplex(MemorySegment s, long off, long stride, DType t, double[] o, int n) {
        switch (t) {
            case COMPLEX128 -> {
                if (stride == 16) {
                    MemorySegment.copy(s, D, off, o, 0, 2 * n);
                } else {
                    for (int i = 0; i < n; i++) {
                        o[2 * i] = s.get(D, off + i * stride);
                        o[2 * i + 1] = s.get(D, off + i * stride + 8);
                    }
                }
            }
            case COMPLEX64 -> {
                for (int i = 0; i < n; i++) {
                    o[2 * i] = s.get(F, off + i * stride);
                    o[2 * i + 1] = s.get(F, off + i * stride + 4);
                }
            }
            default -> {
                // real operand: load into the upper half, then spread to (re, 0) pairs from the front
                double[] tmp = REAL_STAGE.get();
                if (tmp.length < n) REAL_STAGE.set(tmp = new double[n]);
                load(s, off, stride, t, tmp, n);
                for (int i = 0; i < n; i++) {
                    o[2 * i] = tmp[i];
                    o[2 * i + 1] = 0;
                }
            }
        }
    }

    /** Per-thread staging of real operands of complex loops (a block, reused). */
    private static final ThreadLocal<double[]> REAL_STAGE = ThreadLocal.withInitial(() -> new double[Elementwise.BLOCK]);

    /**
     * Stores n interleaved (re, im) pairs from {@code v[0 .. 2n)} as {@code t}: complex types both parts, real types
     * the real part (converted; this is the path of complex loops with a real result such as absolute or equal).
     * <pre>{@code BlockIO.storeComplex(buf, seg, off, 8, DType.FLOAT64, n);   // |z| into a float64 run }</pre>
     */
    public static void storeComplex(double[] v, MemorySegment s, long off, long stride, DType t, int n) {
        switch (t) {
            case COMPLEX128 -> {
                if (stride == 16) {
                    MemorySegment.copy(v, 0, s, D, off, 2 * n);
                } else {
                    for (int i = 0; i < n; i++) {
                        s.set(D, off + i * stride, v[2 * i]);
                        s.set(D, off + i * stride + 8, v[2 * i + 1]);
                    }
                }
            }
            case COMPLEX64 -> {
                for (int i = 0; i < n; i++) {
                    s.set(F, off + i * stride, (float) v[2 * i]);
                    s.set(F, off + i * stride + 4, (float) v[2 * i + 1]);
                }
            }
            default -> {
                double[] tmp = REAL_STAGE.get();
                if (tmp.length < n) REAL_STAGE.set(tmp = new double[n]);
                for (int i = 0; i < n; i++) tmp[i] = v[2 * i];
                store(tmp, s, off, stride, t, n);
            }
        }
    }
}
