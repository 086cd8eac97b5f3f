package org.jheat.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Complex test data written and read as interleaved doubles (real, imaginary), independent of the complex
 * element-wise kernels: a complex tensor is allocated and its memory filled directly.
 * <pre>{@code Tensor z = ComplexTesting.tensor(DType.COMPLEX128, new double[] {1, 2, 3, -4}, 2);   // [1+2j, 3-4j] }</pre>
 */
public final class ComplexTesting {
    private ComplexTesting() { }

    /** A contiguous complex tensor of {@code shape} holding {@code reIm} (2 doubles per element). */
    public static Tensor tensor(DType t, double[] reIm, long... shape) {
        if (!t.isComplex()) throw new IllegalArgumentException("complex dtype expected, got " + t);
        Tensor z = Tensor.empty(t, shape);
        if (reIm.length != 2 * z.size()) throw new IllegalArgumentException(reIm.length + " doubles for shape " + Shapes.str(shape));
        MemorySegment s = z.hostSegment();
        for (int i = 0; i < reIm.length; i++) {
            if (t == DType.COMPLEX64) s.set(ValueLayout.JAVA_FLOAT_UNALIGNED, 4L * i, (float) reIm[i]);
            else s.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, 8L * i, reIm[i]);
        }
        return z;
    }

    /** Element k = (k * 0.5 - 3) + i ((k % 5) - 1.25), as scripts/golden/complex_io_golden.py's cvals. */
    public static Tensor cvals(DType t, long... shape) {
        long n = Shapes.size(shape);
        double[] v = new double[(int) (2 * n)];
        for (int k = 0; k < n; k++) {
            v[2 * k] = k * 0.5 - 3;
            v[2 * k + 1] = (k % 5) - 1.25;
        }
        return tensor(t, v, shape);
    }

    /** The elements of a (local) complex tensor as interleaved doubles in C order. */
    public static double[] reIm(Tensor z) {
        Tensor c = z.contiguous();
        MemorySegment s = c.hostSegment();
        double[] v = new double[(int) (2 * c.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.dtype() == DType.COMPLEX64 ? s.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 4L * i) : s.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, 8L * i);
        }
        return v;
    }

    /** A float64 tensor of shape (..., 2): the real and imaginary parts of {@code z}. */
    public static Tensor asPairs(Tensor z) {
        long[] shape = java.util.Arrays.copyOf(z.shape(), z.ndim() + 1);
        shape[z.ndim()] = 2;
        Tensor out = Tensor.empty(DType.FLOAT64, shape);
        double[] v = reIm(z);
        for (int i = 0; i < v.length; i++) out.setDoubleFlat(v[i], i);
        return out;
    }

    /**
     * The gathered {@code x} has {@code expected}'s dtype, shape and values within {@code tol} (absolute and
     * relative to the largest magnitude); NaNs match NaNs. Collective (gathers x).
     */
    public static void assertClose(Tensor expected, DNDarray x, double tol) {
        Tensor all = x.gatherAll();
        Dist.collectively(() -> assertClose(expected, all, tol));
    }

    /** Local form of {@link #assertClose(Tensor, DNDarray, double)}. */
    public static void assertClose(Tensor expected, Tensor actual, double tol) {
        assertEquals(expected.dtype(), actual.dtype(), "dtype");
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        double[] e = reIm(expected), a = reIm(actual);
        double scale = 1;
        for (double v : e) if (Double.isFinite(v)) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < e.length; i++) {
            boolean ok = Double.isNaN(e[i]) ? Double.isNaN(a[i]) : e[i] == a[i] || Math.abs(e[i] - a[i]) <= tol * scale;
            final int at = i;
            assertTrue(ok, () -> "element " + at / 2 + (at % 2 == 0 ? " real" : " imag") + ": expected " + e[at] + ", got " + a[at]);
        }
    }

    /** A golden entry of complex values (interleaved in the file) as a complex128 tensor of its shape. */
    public static Tensor golden(Golden g, String key) {
        return tensor(DType.COMPLEX128, g.doubles(key), g.shape(key));
    }

    /** The (m, n) product of interleaved complex (m, k) and (k, n) row-major matrices (no conjugation). */
    public static double[] matmul(double[] a, int m, int k, double[] b, int n) {
        double[] c = new double[2 * m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double re = 0, im = 0;
                for (int l = 0; l < k; l++) {
                    double ar = a[2 * (i * k + l)], ai = a[2 * (i * k + l) + 1], br = b[2 * (l * n + j)], bi = b[2 * (l * n + j) + 1];
                    re += ar * br - ai * bi;
                    im += ar * bi + ai * br;
                }
                c[2 * (i * n + j)] = re;
                c[2 * (i * n + j) + 1] = im;
            }
        }
        return c;
    }

    /** The conjugate transpose (n, m) of an interleaved (m, n) matrix. */
    public static double[] conjT(double[] a, int m, int n) {
        double[] t = new double[a.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                t[2 * (j * m + i)] = a[2 * (i * n + j)];
                t[2 * (j * m + i) + 1] = -a[2 * (i * n + j) + 1];
            }
        }
        return t;
    }

    /** The interleaved (n, n) identity. */
    public static double[] eye(int n) {
        double[] e = new double[2 * n * n];
        for (int i = 0; i < n; i++) e[2 * (i * n + i)] = 1;
        return e;
    }

    /** Element-wise |expected - actual| <= tol · max(1, max |expected|) over interleaved or real arrays. */
    public static void assertNear(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1;
        for (double v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            final int at = i;
            final double sc = scale;
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol * sc,
                    () -> what + ": entry " + at + " expected " + expected[at] + ", got " + actual[at] + " (tolerance " + tol * sc + ")");
        }
    }
}
