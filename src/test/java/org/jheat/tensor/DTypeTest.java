package org.jheat.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jheat.testing.Dist;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("local")
class DTypeTest {
    @Test
    void promotionAndCastingMatchNumpy() {
        int n = 0;
        for (String line : Dist.resourceLines("/golden/dtypes.txt")) {
            String[] f = line.split(" ");
            DType a = DType.of(f[0]), b = DType.of(f[1]);
            assertEquals(DType.of(f[2]), DType.promoteTypes(a, b), "promote_types(" + f[0] + ", " + f[1] + ")");
            assertEquals(f[3].equals("1"), DType.canCast(a, b, "safe"), "can_cast safe " + line);
            assertEquals(f[4].equals("1"), DType.canCast(a, b, "same_kind"), "can_cast same_kind " + line);
            n++;
        }
        assertEquals(100, n);
    }

    @Test
    void resultTypeTreatsJavaScalarsAsWeak() {
        assertEquals(DType.FLOAT32, DType.resultType(DType.FLOAT32, 2.0));
        assertEquals(DType.FLOAT64, DType.resultType(DType.INT8, 2.5));
        assertEquals(DType.INT8, DType.resultType(DType.INT8, 100));
        assertEquals(DType.INT16, DType.resultType(DType.INT8, DType.UINT8, 1));
        assertEquals(DType.BOOL, DType.resultType(DType.BOOL, true));
        assertEquals(DType.INT64, DType.resultType(DType.BOOL, 3));
        assertEquals(DType.INT64, DType.resultType(3));
        assertEquals(DType.FLOAT64, DType.resultType(3, 2.0f));
        assertEquals(DType.FLOAT32, DType.resultType(Tensor.zeros(DType.FLOAT32, 2), 1L));
        assertThrows(IllegalArgumentException.class, () -> DType.resultType("x"));
        assertThrows(IllegalArgumentException.class, DType::resultType);
    }

    @Test
    void namesAndKinds() {
        assertEquals(DType.FLOAT64, DType.of("f8"));
        assertEquals(DType.INT32, DType.of("ht.int32"));
        assertEquals("float32", DType.FLOAT32.toString());
        assertEquals(true, DType.issubdtype(DType.UINT8, "integer"));
        assertEquals(false, DType.issubdtype(DType.UINT8, "signedinteger"));
        assertEquals(true, DType.issubdtype(DType.FLOAT32, "inexact"));
        assertEquals(true, DType.canCast(DType.FLOAT64, DType.INT8, "unsafe"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DType.of("float16"));
        assertEquals(true, e.getMessage().contains("allowed"));
        assertThrows(IllegalArgumentException.class, () -> DType.canCast(DType.INT8, DType.INT8, "sometimes"));
        assertThrows(UnsupportedOperationException.class, () -> DType.COMPLEX64.requireReal("op"));
    }
}
