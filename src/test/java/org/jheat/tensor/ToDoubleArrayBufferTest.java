package org.jheat.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Tensor.toDoubleArray(double[]): reuses a large enough buffer, converts dtypes, follows strides. */
@Tag("local")
class ToDoubleArrayBufferTest {
    @Test
    void reusesLargeEnoughBuffersAndCopiesStridedViews() {
        Tensor t = Tensor.fromArray(new int[][] {{1, 2, 3}, {4, 5, 6}});
        double[] buf = new double[8];
        double[] r = t.transpose().toDoubleArray(buf);
        assertSame(buf, r);
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6, 0, 0}, r);
        double[] small = new double[2];
        double[] r2 = t.narrow(1, 1, 2).toDoubleArray(small);
        assertNotSame(small, r2);
        assertArrayEquals(new double[] {2, 3, 5, 6}, r2);
        assertEquals(0, Tensor.empty(DType.FLOAT64, 0, 3).toDoubleArray(null).length);
    }

    @Test
    void contiguousConversionsAcrossChunksMatchTheElementCasts() {
        // the chunked float32 <-> float64 and int32 -> int64 runs (2048 per chunk): lengths around the chunk size,
        // native to native, native to heap and heap to native, special values kept
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int n : new int[] {1, 2047, 2048, 2049, 5000}) {
            double[] v = new double[n];
            int[] iv = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = r.nextDouble(-1e6, 1e6);
                iv[i] = r.nextInt();
            }
            v[0] = -0.0;
            if (n > 3) { v[1] = Double.NaN; v[2] = Double.NEGATIVE_INFINITY; v[3] = 1e300; }
            Tensor d = Tensor.fromArray(v);
            Tensor f = d.astype(DType.FLOAT32);
            float[] fe = new float[n];
            for (int i = 0; i < n; i++) fe[i] = (float) v[i];
            float[] fg = f.toFloatArray(null);
            for (int i = 0; i < n; i++) assertEquals(Float.floatToRawIntBits(fe[i]), Float.floatToRawIntBits(fg[i]), "f64->f32 " + i);
            double[] back = f.toDoubleArray(null);
            Tensor back2 = f.astype(DType.FLOAT64);
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(fe[i]), Double.doubleToRawLongBits(back[i]), "f32->f64 heap " + i);
                assertEquals(Double.doubleToRawLongBits(fe[i]), Double.doubleToRawLongBits(back2.getDouble(i)), "f32->f64 " + i);
            }
            Tensor l = Tensor.fromArray(iv).astype(DType.INT64);
            for (int i = 0; i < n; i++) assertEquals(iv[i], l.getLongFlat(i), "i32->i64 " + i);
            Tensor into = Tensor.empty(DType.FLOAT64, n);
            into.copyFrom(v, 0);
            Tensor f2 = Tensor.empty(DType.FLOAT32, n);
            f2.copyFrom(into);
            assertArrayEquals(fg, f2.toFloatArray(null));
        }
    }
}
