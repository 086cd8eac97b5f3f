package org.jheat.core;

import org.jheat.tensor.ComplexKernels;
import org.jheat.tensor.DType;
import org.jheat.tensor.Kernels;

/**
 * Rounding, absolute values, signs and clipping (Heat's {@code rounding} module).
 *
 * <pre>{@code DNDarray r = Rounding.round(x, 2); DNDarray c = Rounding.clip(x, 0, 1); }</pre>
 */
public final class Rounding {
    private Rounding() { }

    /** |x| (same dtype; the most negative integer stays itself, as numpy; complex: the modulus, of the component type). */
    public static DNDarray abs(DNDarray x) { return Operations.unary(Kernels.ABS, TypeRule.REAL, x); }
    /** Alias of {@link #abs}. */
    public static DNDarray absolute(DNDarray x) { return abs(x); }
    /** |x| as floating point. */
    public static DNDarray fabs(DNDarray x) {
        if (x.dtype().isComplex()) throw Operations.complexUnsupported("fabs", x.dtype());
        return Operations.unary(Kernels.ABS, TypeRule.FLOAT, x);
    }
    /** Round up (integers give floats, as numpy). */
    public static DNDarray ceil(DNDarray x) { return Operations.unary(Kernels.CEIL, TypeRule.FLOAT, x); }
    /** Round down. */
    public static DNDarray floor(DNDarray x) { return Operations.unary(Kernels.FLOOR, TypeRule.FLOAT, x); }
    /** Round toward zero. */
    public static DNDarray trunc(DNDarray x) { return Operations.unary(Kernels.TRUNC, TypeRule.FLOAT, x); }
    /** Round half to even to 0 decimals. */
    public static DNDarray round(DNDarray x) { return round(x, 0); }

    /**
     * Round half to even to {@code decimals} digits (negative: to tens, hundreds …); integers keep their dtype.
     * <pre>{@code round(x, 2)}</pre>
     */
    public static DNDarray round(DNDarray x, int decimals) {
        return Operations.unary(Kernels.round(decimals), x.dtype() == DType.BOOL ? TypeRule.FLOAT : TypeRule.SAME, x);
    }

    /**
     * Limits values to [min, max] (NaN stays NaN): numpy's {@code minimum(maximum(x, min), max)}, so min &gt; max gives
     * max everywhere, as numpy and torch. Bounds are Python scalars to numpy: an integer array keeps its dtype for
     * whole-number bounds and becomes float64 for others ({@code clip(i, 0.5, 3.5)}, ±inf), as numpy's result.
     * <pre>{@code clip(x, -1, 1)}</pre>
     */
    public static DNDarray clip(DNDarray x, double min, double max) {
        boolean whole = min == Math.rint(min) && max == Math.rint(max) && !Double.isInfinite(min) && !Double.isInfinite(max);
        return Operations.unary(Kernels.clip(min, max), whole ? TypeRule.SAME_NOBOOL : TypeRule.TRUE_DIV, x);
    }

    /**
     * -1, 0 or 1 (NaN stays NaN). Complex numbers as numpy: the sign of the real part, of the imaginary part when
     * the real part is 0, as a complex number with imaginary part 0 (NaN + 0j when a part is NaN).
     * <pre>{@code sign(x)   // [-2, 0, 3+1j, 0-2j] -> [-1, 0, 1, -1] (complex)}</pre>
     */
    public static DNDarray sign(DNDarray x) { return Operations.unary(Kernels.SIGN, TypeRule.SAME_NOBOOL, x); }

    /**
     * The sign as Heat/torch define it: for real arrays identical to {@link #sign}, for complex ones x / |x|
     * (0 for 0), the point of the unit circle in x's direction.
     * <pre>{@code sgn(x)   // 3+4j -> 0.6+0.8j}</pre>
     */
    public static DNDarray sgn(DNDarray x) {
        return x.dtype().isComplex() ? Operations.unary(ComplexKernels.SGN, TypeRule.SAME, x) : sign(x);
    }

    /**
     * {fractional part, integral part}, both with x's sign.
     * <pre>{@code DNDarray[] fi = modf(x); }</pre>
     */
    public static DNDarray[] modf(DNDarray x) {
        return new DNDarray[] {Operations.unary(Kernels.MODF_FRAC, TypeRule.FLOAT, x), trunc(x)};
    }
}
