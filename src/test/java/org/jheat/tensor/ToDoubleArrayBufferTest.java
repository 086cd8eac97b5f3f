package org.jheat.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Tensor.toDoubleArray(double[]): reuses a large enough buffer, converts dtypes, follows strides. */
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
}
