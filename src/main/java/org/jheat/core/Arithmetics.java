package org.jheat.core;

import org.jheat.tensor.DType;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.Reductions;
import org.jheat.tensor.Shapes;

/**
 * numpy's arithmetic functions on distributed arrays and Java scalars (Heat's {@code arithmetics} module). Each is
 * one line naming its kernel and type rule; {@link Operations} does broadcasting, promotion and distribution.
 *
 * <pre>{@code
 * DNDarray z = Arithmetics.add(Arithmetics.mul(2.0, x), y);
 * DNDarray c = Arithmetics.cumsum(x, 0);
 * }</pre>
 */
public final class Arithmetics {
    private Arithmetics() { }

    /** a + b. <pre>{@code add(x, 1)}</pre> */
    public static DNDarray add(Object a, Object b) { return Operations.binary(Kernels.ADD, TypeRule.SAME, a, b); }
    /** a - b (not for two bools). */
    public static DNDarray sub(Object a, Object b) { return Operations.binary(Kernels.SUB, TypeRule.SAME, a, b); }
    /** Alias of {@link #sub}. */
    public static DNDarray subtract(Object a, Object b) { return sub(a, b); }
    /** a * b. */
    public static DNDarray mul(Object a, Object b) { return Operations.binary(Kernels.MUL, TypeRule.SAME, a, b); }
    /** Alias of {@link #mul}. */
    public static DNDarray multiply(Object a, Object b) { return mul(a, b); }
    /** True division (integers give float64). */
    public static DNDarray div(Object a, Object b) { return Operations.binary(Kernels.DIV, TypeRule.TRUE_DIV, a, b); }
    /** Alias of {@link #div}. */
    public static DNDarray divide(Object a, Object b) { return div(a, b); }
    /** Floor division (integer division by zero gives 0, as numpy). */
    public static DNDarray floordiv(Object a, Object b) { return Operations.binary(Kernels.FLOORDIV, TypeRule.SAME_NOBOOL, a, b); }
    /** Alias of {@link #floordiv}. */
    public static DNDarray floorDivide(Object a, Object b) { return floordiv(a, b); }
    /** C's fmod: the remainder has the dividend's sign. */
    public static DNDarray fmod(Object a, Object b) { return Operations.binary(Kernels.FMOD, TypeRule.SAME_NOBOOL, a, b); }
    /** Python's modulo: the remainder has the divisor's sign. */
    public static DNDarray remainder(Object a, Object b) { return Operations.binary(Kernels.MOD, TypeRule.SAME_NOBOOL, a, b); }
    /** Alias of {@link #remainder}. */
    public static DNDarray mod(Object a, Object b) { return remainder(a, b); }
    /** {floordiv(a, b), remainder(a, b)}. */
    public static DNDarray[] divmod(Object a, Object b) { return new DNDarray[] {floordiv(a, b), remainder(a, b)}; }
    /**
     * a ** b. Integer powers wrap on overflow. An integer (or boolean) array to a negative Java integer exponent is
     * refused, as numpy does; a negative element of an integer exponent <em>array</em> gives 0 unless |a| = 1 instead
     * (numpy raises there too, but that error would depend on the data of each process).
     * <pre>{@code DNDarray sq = Arithmetics.pow(x, 2); }</pre>
     */
    public static DNDarray pow(Object a, Object b) { return Operations.binary(Kernels.POW, TypeRule.SAME_NOBOOL, a, b); }

    /**
     * Refuses an integral base dtype with a negative Java integer exponent (numpy's "Integers to negative integer
     * powers are not allowed"); a test of the arguments alone, so every process raises it. {@code base} null: not an array.
     * The element-wise drivers call it for every power (eager, in place, fused expressions).
     */
    public static void checkIntegerPower(DType base, Object exponent, String who) {
        if (base == null || !base.isIntegral()) return;
        if (Operations.javaInteger(exponent) && ((Number) exponent).longValue() < 0) {
            throw new IllegalArgumentException(who + ": integers to negative integer powers are not allowed (" + base
                    + " array to the power " + exponent + "); use a float exponent or astype(FLOAT64) first");
        }
    }
    /** Alias of {@link #pow}. */
    public static DNDarray power(Object a, Object b) { return pow(a, b); }
    /**
     * 1 / x element-wise, keeping x's dtype as numpy's {@code reciprocal} (integers truncate: 0 except for ±1;
     * bool counts as int8; complex: 1/0 gives NaN + NaN·i as numpy).
     * <pre>{@code reciprocal(x)   // [2.0, -0.5, 1+1j] -> [0.5, -2.0, 0.5-0.5j]}</pre>
     */
    public static DNDarray reciprocal(DNDarray x) { return Operations.unary(Kernels.RECIPROCAL, TypeRule.SAME_NOBOOL, x); }
    /** -x. */
    public static DNDarray neg(DNDarray x) { return Operations.unary(Kernels.NEG, TypeRule.SAME_NOBOOL, x); }
    /** Alias of {@link #neg}. */
    public static DNDarray negative(DNDarray x) { return neg(x); }
    /** +x (a copy). */
    public static DNDarray pos(DNDarray x) { return Operations.unary(Kernels.POS, TypeRule.SAME, x); }
    /** Alias of {@link #pos}. */
    public static DNDarray positive(DNDarray x) { return pos(x); }
    /** Bitwise and (integers, bool). */
    public static DNDarray bitwiseAnd(Object a, Object b) { return Operations.binary(Kernels.BITWISE_AND, TypeRule.INTEGER, a, b); }
    /** Bitwise or. */
    public static DNDarray bitwiseOr(Object a, Object b) { return Operations.binary(Kernels.BITWISE_OR, TypeRule.INTEGER, a, b); }
    /** Bitwise xor. */
    public static DNDarray bitwiseXor(Object a, Object b) { return Operations.binary(Kernels.BITWISE_XOR, TypeRule.INTEGER, a, b); }
    /** Bitwise not (logical not for bool). */
    public static DNDarray invert(DNDarray x) {
        if (x.dtype() == DType.BOOL) return Logical.logicalNot(x);
        return Operations.unary(Kernels.INVERT, TypeRule.INTEGER, x);
    }
    /** Alias of {@link #invert}. */
    public static DNDarray bitwiseNot(DNDarray x) { return invert(x); }
    /** a << b. */
    public static DNDarray leftShift(Object a, Object b) { return Operations.binary(Kernels.LEFT_SHIFT, TypeRule.INTEGER_STRICT, a, b); }
    /** a >> b (arithmetic). */
    public static DNDarray rightShift(Object a, Object b) { return Operations.binary(Kernels.RIGHT_SHIFT, TypeRule.INTEGER_STRICT, a, b); }
    /** |a| with the sign of b. */
    public static DNDarray copysign(Object a, Object b) { return Operations.binary(Kernels.COPYSIGN, TypeRule.FLOAT, a, b); }
    /** sqrt(a² + b²). */
    public static DNDarray hypot(Object a, Object b) { return Operations.binary(Kernels.HYPOT, TypeRule.FLOAT, a, b); }
    /** Greatest common divisor (integers). */
    public static DNDarray gcd(Object a, Object b) { return Operations.binary(Kernels.GCD, TypeRule.INTEGER_STRICT, a, b); }
    /** Least common multiple (integers). */
    public static DNDarray lcm(Object a, Object b) { return Operations.binary(Kernels.LCM, TypeRule.INTEGER_STRICT, a, b); }

    /** The accumulation dtype of sum/prod/cumsum: int64 for bool and integers, the float type otherwise. */
    static DType accumulation(DType t) { return t.isIntegral() ? DType.INT64 : t; }

    /** Sum over all elements. <pre>{@code double s = sum(x).itemDouble(); }</pre> */
    public static DNDarray sum(DNDarray x) { return sum(x, null, false); }
    /** Sum over {@code axes} (null: all). <pre>{@code sum(x, new int[]{0}, false)}</pre> */
    public static DNDarray sum(DNDarray x, int[] axes, boolean keepDims) {
        return Operations.reduce(x, axes, keepDims, Reductions.SUM, accumulation(x.dtype()));
    }
    /** Product over {@code axes} (null: all). */
    public static DNDarray prod(DNDarray x, int[] axes, boolean keepDims) {
        return Operations.reduce(x, axes, keepDims, Reductions.PROD, accumulation(x.dtype()));
    }
    /** Sum treating NaN as zero. */
    public static DNDarray nansum(DNDarray x, int[] axes, boolean keepDims) {
        return Operations.reduce(x, axes, keepDims, Reductions.NANSUM, accumulation(x.dtype()));
    }
    /** Product treating NaN as one. */
    public static DNDarray nanprod(DNDarray x, int[] axes, boolean keepDims) {
        return Operations.reduce(x, axes, keepDims, Reductions.NANPROD, accumulation(x.dtype()));
    }
    /** Running sum along {@code axis}. <pre>{@code cumsum(x, 0)}</pre> */
    public static DNDarray cumsum(DNDarray x, int axis) {
        return Operations.cumulative(x, axis, Reductions.SUM, Kernels.ADD, accumulation(x.dtype()));
    }
    /** Running product along {@code axis}. */
    public static DNDarray cumprod(DNDarray x, int axis) {
        return Operations.cumulative(x, axis, Reductions.PROD, Kernels.MUL, accumulation(x.dtype()));
    }
    /** Alias of {@link #cumprod}. */
    public static DNDarray cumproduct(DNDarray x, int axis) { return cumprod(x, axis); }

    /**
     * n-th discrete difference along {@code axis}: {@code x[1:] - x[:-1]}, n times. Along the split axis the
     * neighbour rows come from the next process (a shifted redistribution), nothing is gathered.
     * <pre>{@code DNDarray d = diff(x, 1, -1); }</pre>
     */
    public static DNDarray diff(DNDarray x, int n, int axis) {
        if (n < 0) throw new IllegalArgumentException("diff: order n must be non-negative, got " + n);
        int ax = Shapes.normalizeAxis(axis, x.ndim(), "axis");
        DNDarray r = x;
        for (int i = 0; i < n && r.gshape()[ax] > 0; i++) {
            long len = r.gshape()[ax];
            DNDarray hi = Slicing.range(r, ax, 1, len), lo = Slicing.range(r, ax, 0, len - 1);
            r = r.dtype() == DType.BOOL ? Logical.logicalXor(hi, lo) : sub(hi, lo);
        }
        return r;
    }

    /**
     * numpy's {@code nan_to_num}: NaN → nan, +inf → posinf, -inf → neginf (integers unchanged; complex values
     * in each part).
     * <pre>{@code nanToNum(x, 0, Double.MAX_VALUE, -Double.MAX_VALUE)}</pre>
     */
    public static DNDarray nanToNum(DNDarray x, double nan, double posinf, double neginf) {
        return Operations.unary(Kernels.nanToNum(nan, posinf, neginf), TypeRule.SAME, x);
    }

    /** nanToNum with numpy's defaults: 0 and the dtype's largest finite values. */
    public static DNDarray nanToNum(DNDarray x) {
        double big = x.dtype() == DType.FLOAT32 || x.dtype() == DType.COMPLEX64 ? Float.MAX_VALUE : Double.MAX_VALUE;
        return nanToNum(x, 0, big, -big);
    }
}
