package org.jheat.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/** LabelEncoder: sorted classes from a distributed unique, codes and labels at every split, unseen labels on one rank. */
class LabelEncoderTest {
    static final long[] Y = {7, -1, 2, 7, 7, -1, 2, 2, 9, -1, 7};

    @Test
    void encodesAndDecodesAtEverySplit() {
        for (Integer split : new Integer[] {null, 0}) {
            DNDarray y = Heat.array(Y, null, split);
            LabelEncoder le = new LabelEncoder().fit(y);
            assertArrayEquals(new long[] {-1, 2, 7, 9}, le.classes().toLongArray());
            assertEquals(DType.INT64, le.classes().dtype());
            DNDarray codes = le.transform(y);
            assertEquals(split, codes.split());
            assertArrayEquals(new long[] {2, 0, 1, 2, 2, 0, 1, 1, 3, 0, 2}, codes.toLongArray());
            assertArrayEquals(Y, le.inverseTransform(codes).toLongArray());
            // float labels, -0.0 is the class 0.0, (n, 1) columns are flattened
            DNDarray f = Heat.array(new double[][] {{0.5}, {-0.0}, {0.0}, {0.5}, {-3.25}}, null, split);
            LabelEncoder lf = new LabelEncoder().fit(f);
            assertArrayEquals(new double[] {-3.25, 0.0, 0.5}, lf.classes().toDoubleArray());
            assertArrayEquals(new long[] {2, 1, 1, 2, 0}, lf.fitTransform(f).toLongArray());
        }
    }

    @Test
    void unseenLabelsAndBadCodesFailOnEveryProcess() {
        LabelEncoder le = new LabelEncoder().fit(Heat.array(Y, null, 0));
        // the unseen label sits in the last element: on the last process only
        DNDarray y = Heat.array(new long[] {7, -1, 2, 7, 7, -1, 2, 2, 9, -1, 4}, null, 0);
        IllegalArgumentException e = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> le.transform(y));
        assertTrue(e.getMessage().contains("previously unseen labels") && e.getMessage().contains("smallest 4"), e.getMessage());
        DNDarray bad = Heat.array(new long[] {0, 1, 2, 3, 3, 3, 4}, null, 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> le.inverseTransform(bad));
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new LabelEncoder().transform(y));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> new LabelEncoder().fit(Heat.array(new double[] {1, 2, Double.NaN}, null, 0)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new LabelEncoder().fit(Heat.array(new long[0], null, 0)));
    }
}
