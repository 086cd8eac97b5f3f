package org.jheat.core;

import org.jheat.comm.ReduceOp;
import org.jheat.tensor.DType;
import org.jheat.tensor.ComplexKernels;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.Reductions;

/**
 * Logical functions and predicates (Heat's {@code logical} module): element-wise results are bool arrays,
 * {@link #all}/{@link #any} reduce, {@link #allclose} answers one boolean on every process.
 *
 * <pre>{@code boolean same = Logical.allclose(x, y, 1e-5, 1e-8, false); }</pre>
 */
public final class Logical {
    private Logical() { }

    /** Every element nonzero, over {@code axes} (null: all). */
    public static DNDarray all(DNDarray x, int[] axes, boolean keepDims) {
        return Operations.reduce(x, axes, keepDims, Reductions.ALL, DType.BOOL);
    }
    /** Every element nonzero (one boolean on every process). */
    public static boolean all(DNDarray x) { return all(x, null, false).itemLong() != 0; }
    /** Any element nonzero, over {@code axes} (null: all). */
    public static DNDarray any(DNDarray x, int[] axes, boolean keepDims) {
        return Operations.reduce(x, axes, keepDims, Reductions.ANY, DType.BOOL);
    }
    /** Any element nonzero (one boolean on every process). */
    public static boolean any(DNDarray x) { return any(x, null, false).itemLong() != 0; }

    /**
     * numpy's {@code isclose}: |a - b| <= atol + rtol·|b| element-wise (complex: with the modulus).
     * <pre>{@code isclose(x, y, 1e-5, 1e-8, false)}</pre>
     */
    public static DNDarray isclose(Object a, Object b, double rtol, double atol, boolean equalNan) {
        if (!(rtol >= 0) || !(atol >= 0)) throw new IllegalArgumentException("isclose: rtol and atol must be >= 0, got " + rtol + ", " + atol);
        boolean complex = DType.resultType(a, b).isComplex();
        return Operations.binary(complex ? ComplexKernels.isclose(rtol, atol, equalNan) : Kernels.isclose(rtol, atol, equalNan),
                TypeRule.BOOL, a, b);
    }
    /** isclose with numpy's defaults (rtol 1e-5, atol 1e-8). */
    public static DNDarray isclose(Object a, Object b) { return isclose(a, b, 1e-5, 1e-8, false); }
    /** True when isclose holds everywhere (collective; the same answer on every process). */
    public static boolean allclose(Object a, Object b, double rtol, double atol, boolean equalNan) {
        DNDarray c = isclose(a, b, rtol, atol, equalNan);
        boolean local = Reductions.ALL.fold(1L, c.larray().contiguous().toLongArray(), (int) c.lnumel()) != 0;
        return c.comm().allreduce(local ? 1L : 0L, ReduceOp.MIN) == 1;
    }
    /** allclose with numpy's defaults. */
    public static boolean allclose(Object a, Object b) { return allclose(a, b, 1e-5, 1e-8, false); }
    /** Finite elements. */ public static DNDarray isfinite(DNDarray x) { return Operations.unary(Kernels.ISFINITE, TypeRule.BOOL, x); }
    /** ±inf elements. */ public static DNDarray isinf(DNDarray x) { return Operations.unary(Kernels.ISINF, TypeRule.BOOL, x); }
    /** NaN elements. */ public static DNDarray isnan(DNDarray x) { return Operations.unary(Kernels.ISNAN, TypeRule.BOOL, x); }
    /** +inf elements. */ public static DNDarray isposinf(DNDarray x) { return Operations.unary(Kernels.ISPOSINF, TypeRule.BOOL, x); }
    /** -inf elements. */ public static DNDarray isneginf(DNDarray x) { return Operations.unary(Kernels.ISNEGINF, TypeRule.BOOL, x); }
    /** Elements with the sign bit set. */ public static DNDarray signbit(DNDarray x) { return Operations.unary(Kernels.SIGNBIT, TypeRule.BOOL, x); }
    /** a and b. */ public static DNDarray logicalAnd(Object a, Object b) { return Operations.binary(Kernels.LOGICAL_AND, TypeRule.BOOL, a, b); }
    /** a or b. */ public static DNDarray logicalOr(Object a, Object b) { return Operations.binary(Kernels.LOGICAL_OR, TypeRule.BOOL, a, b); }
    /** a xor b. */ public static DNDarray logicalXor(Object a, Object b) { return Operations.binary(Kernels.LOGICAL_XOR, TypeRule.BOOL, a, b); }
    /** not x. */ public static DNDarray logicalNot(DNDarray x) { return Operations.unary(Kernels.LOGICAL_NOT, TypeRule.BOOL, x); }
}
