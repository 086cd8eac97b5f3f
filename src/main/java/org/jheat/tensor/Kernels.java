package org.jheat.tensor;

import java.lang.foreign.MemorySegment;

/**
 * The element-wise kernels of jheat, one block loop each, with numpy's semantics: integer division and modulo
 * by zero give 0, Python-style modulo takes the divisor's sign, shifts past the width give 0 (or -1), NaN
 * propagates through maximum/minimum, comparisons give 0/1 (stored as bool). The drivers in
 * {@code org.jheat.core} pick the kernel, the path (double or long) and the result dtype.
 *
 * <pre>{@code out.backend().elementwise(Kernels.ADD, false, out, a, b); }</pre>
 */
public final class Kernels {
    private Kernels() { }

    private static final double LN2 = Math.log(2);
    private static final java.lang.foreign.ValueLayout.OfDouble D = java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /*
     * Direct float64 loops for the four arithmetic operators: vector-vector, vector-scalar, scalar-vector, one small
     * method per loop. They were one method with twelve loops: C1 expanded it to ~300 KB of profiled code, 60-90 ms
     * per compile, recompiled four times while a program's first operations ran (each new operator or operand pattern
     * met compiled code that had not seen it) -- on a 2-core machine that compile time comes out of the program's first
     * calls. A loop per method compiles in a few ms, only when used, and a new pattern does not discard the others.
     */

    /** The operator of a direct float64 loop. */
    private enum Arith { ADD, SUB, MUL, DIV }

    /** o = a op b over n elements, a and b contiguous (stride 8) or one of them a scalar (stride 0); false otherwise. */
    private static boolean arith(Arith op, MemorySegment a, long ao, long as, MemorySegment b, long bo, long bs, MemorySegment o, long oo, long n) {
        int form = as == 8 && bs == 8 ? 0 : as == 8 && bs == 0 ? 1 : as == 0 && bs == 8 ? 2 : -1;
        if (form < 0) return false;
        double s = form == 1 ? b.get(D, bo) : form == 2 ? a.get(D, ao) : 0;
        switch (op.ordinal() * 3 + form) {
            case 0 -> addVV(a, ao, b, bo, o, oo, n);
            case 1 -> addVS(a, ao, s, o, oo, n);
            case 2 -> addSV(s, b, bo, o, oo, n);
            case 3 -> subVV(a, ao, b, bo, o, oo, n);
            case 4 -> subVS(a, ao, s, o, oo, n);
            case 5 -> subSV(s, b, bo, o, oo, n);
            case 6 -> mulVV(a, ao, b, bo, o, oo, n);
            case 7 -> mulVS(a, ao, s, o, oo, n);
            case 8 -> mulSV(s, b, bo, o, oo, n);
            case 9 -> divVV(a, ao, b, bo, o, oo, n);
            case 10 -> divVS(a, ao, s, o, oo, n);
            default -> divSV(s, b, bo, o, oo, n);
        }
        return true;
    }

    private static void addVV(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), a.get(D, ao + (i << 3)) + b.get(D, bo + (i << 3)));
    }

    private static void addVS(MemorySegment a, long ao, double s, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), a.get(D, ao + (i << 3)) + s);
    }

    private static void addSV(double s, MemorySegment b, long bo, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), s + b.get(D, bo + (i << 3)));
    }

    private static void subVV(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), a.get(D, ao + (i << 3)) - b.get(D, bo + (i << 3)));
    }

    private static void subVS(MemorySegment a, long ao, double s, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), a.get(D, ao + (i << 3)) - s);
    }

    private static void subSV(double s, MemorySegment b, long bo, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), s - b.get(D, bo + (i << 3)));
    }

    private static void mulVV(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), a.get(D, ao + (i << 3)) * b.get(D, bo + (i << 3)));
    }

    private static void mulVS(MemorySegment a, long ao, double s, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), a.get(D, ao + (i << 3)) * s);
    }

    private static void mulSV(double s, MemorySegment b, long bo, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), s * b.get(D, bo + (i << 3)));
    }

    private static void divVV(MemorySegment a, long ao, MemorySegment b, long bo, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), a.get(D, ao + (i << 3)) / b.get(D, bo + (i << 3)));
    }

    private static void divVS(MemorySegment a, long ao, double s, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), a.get(D, ao + (i << 3)) / s);
    }

    private static void divSV(double s, MemorySegment b, long bo, MemorySegment o, long oo, long n) {
        for (long i = 0; i < n; i++) o.set(D, oo + (i << 3), s / b.get(D, bo + (i << 3)));
    }

    // ------------------------------------------------------------------------------------ arithmetic

    /** a + b. */
    public static final ElementFn ADD = new ElementFn("add") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] + b[i]; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] + b[i]; }
        @Override public boolean directF64(java.lang.foreign.MemorySegment a, long ao, long as, java.lang.foreign.MemorySegment b, long bo, long bs,
                                           java.lang.foreign.MemorySegment o, long oo, long n) { return arith(Arith.ADD, a, ao, as, b, bo, bs, o, oo, n); }
    };
    /** a - b. */
    public static final ElementFn SUB = new ElementFn("subtract") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] - b[i]; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] - b[i]; }
        @Override public boolean directF64(java.lang.foreign.MemorySegment a, long ao, long as, java.lang.foreign.MemorySegment b, long bo, long bs,
                                           java.lang.foreign.MemorySegment o, long oo, long n) { return arith(Arith.SUB, a, ao, as, b, bo, bs, o, oo, n); }
    };
    /** a * b. */
    public static final ElementFn MUL = new ElementFn("multiply") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] * b[i]; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] * b[i]; }
        @Override public boolean directF64(java.lang.foreign.MemorySegment a, long ao, long as, java.lang.foreign.MemorySegment b, long bo, long bs,
                                           java.lang.foreign.MemorySegment o, long oo, long n) { return arith(Arith.MUL, a, ao, as, b, bo, bs, o, oo, n); }
    };
    /** a / b (true division). */
    public static final ElementFn DIV = new ElementFn("divide") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] / b[i]; }
        @Override public boolean directF64(java.lang.foreign.MemorySegment a, long ao, long as, java.lang.foreign.MemorySegment b, long bo, long bs,
                                           java.lang.foreign.MemorySegment o, long oo, long n) { return arith(Arith.DIV, a, ao, as, b, bo, bs, o, oo, n); }
    };

    /** numpy's npy_divmod: the floor quotient of doubles. */
    static double floorDiv(double a, double b) {
        if (b == 0) return a / b;
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) div -= 1.0;
        if (div == 0) return Math.copySign(0.0, a / b);
        double fl = Math.floor(div);
        if (div - fl > 0.5) fl += 1.0;
        return fl;
    }

    /** numpy's remainder of doubles: the result has the divisor's sign. */
    static double pyMod(double a, double b) {
        if (b == 0) return a % b;
        double mod = a % b;
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) mod += b;
        } else {
            mod = Math.copySign(0.0, b);
        }
        return mod;
    }

    /** floor(a / b); integer division by zero gives 0. */
    public static final ElementFn FLOORDIV = new ElementFn("floor_divide") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = floorDiv(a[i], b[i]); }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = b[i] == 0 ? 0 : Math.floorDiv(a[i], b[i]); }
    };
    /** Python's modulo (sign of the divisor); integer modulo by zero gives 0. */
    public static final ElementFn MOD = new ElementFn("remainder") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = pyMod(a[i], b[i]); }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = b[i] == 0 ? 0 : Math.floorMod(a[i], b[i]); }
    };
    /** C's fmod (sign of the dividend); integer fmod by zero gives 0. */
    public static final ElementFn FMOD = new ElementFn("fmod") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] % b[i]; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = b[i] == 0 ? 0 : a[i] % b[i]; }
    };

    static long ipow(long base, long exp) {
        if (exp < 0) return base == 1 ? 1 : base == -1 ? ((exp & 1) == 0 ? 1 : -1) : 0;
        long r = 1;
        while (exp > 0) {
            if ((exp & 1) != 0) r *= base;
            base *= base;
            exp >>= 1;
        }
        return r;
    }

    /** C's pow where Java's differs: 1 ** anything and (-1) ** ±inf are 1. */
    static double pow(double a, double b) {
        if (a == 1.0 || (a == -1.0 && Double.isInfinite(b))) return 1.0;
        return Math.pow(a, b);
    }

    /** a ** b (integers wrap; a negative integer exponent truncates: 0 unless |a| is 1). */
    public static final ElementFn POW = new ElementFn("power") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = pow(a[i], b[i]); }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = ipow(a[i], b[i]); }
    };
    /** numpy's maximum: NaN wins, and of two equal values (-0.0, 0.0) the second, as numpy's SIMD loops. */
    public static double max(double a, double b) { return a > b || a != a ? a : b; }

    /** numpy's minimum: NaN wins, and of two equal values the second. */
    public static double min(double a, double b) { return a < b || a != a ? a : b; }

    /** The larger, NaN if either is NaN. */
    public static final ElementFn MAXIMUM = new ElementFn("maximum") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = max(a[i], b[i]); }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.max(a[i], b[i]); }
    };
    /** The smaller, NaN if either is NaN. */
    public static final ElementFn MINIMUM = new ElementFn("minimum") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = min(a[i], b[i]); }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.min(a[i], b[i]); }
    };
    /** |a| with the sign of b. */
    public static final ElementFn COPYSIGN = new ElementFn("copysign") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.copySign(a[i], b[i]); }
    };
    /** sqrt(a² + b²) without overflow. */
    public static final ElementFn HYPOT = new ElementFn("hypot") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.hypot(a[i], b[i]); }
    };
    /** atan2(a, b). */
    public static final ElementFn ARCTAN2 = new ElementFn("arctan2") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.atan2(a[i], b[i]); }
    };

    static long gcd(long a, long b) {
        a = Math.abs(a);
        b = Math.abs(b);
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Greatest common divisor (integers). */
    public static final ElementFn GCD = new ElementFn("gcd") {
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = gcd(a[i], b[i]); }
    };
    /** Least common multiple (integers). */
    public static final ElementFn LCM = new ElementFn("lcm") {
        @Override public void apply(long[] a, long[] b, long[] o, int n) {
            for (int i = 0; i < n; i++) {
                long g = gcd(a[i], b[i]);
                o[i] = g == 0 ? 0 : Math.abs(a[i] / g) * Math.abs(b[i]);   // wraps like numpy's
            }
        }
    };

    static double logaddexp(double a, double b) {
        if (a == b) return a + LN2;
        double t = a - b;
        if (t > 0) return a + Math.log1p(Math.exp(-t));
        if (t <= 0) return b + Math.log1p(Math.exp(t));
        return t;   // NaN
    }

    /** log(exp(a) + exp(b)) without overflow. */
    public static final ElementFn LOGADDEXP = new ElementFn("logaddexp") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = logaddexp(a[i], b[i]); }
    };
    /** log2(2^a + 2^b) without overflow. */
    public static final ElementFn LOGADDEXP2 = new ElementFn("logaddexp2") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) o[i] = logaddexp(a[i] * LN2, b[i] * LN2) / LN2;
        }
    };

    // ------------------------------------------------------------------------------------ bitwise (integers and bool)

    /** a & b. */
    public static final ElementFn BITWISE_AND = new ElementFn("bitwise_and") {
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] & b[i]; }
    };
    /** a | b. */
    public static final ElementFn BITWISE_OR = new ElementFn("bitwise_or") {
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] | b[i]; }
    };
    /** a ^ b. */
    public static final ElementFn BITWISE_XOR = new ElementFn("bitwise_xor") {
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] ^ b[i]; }
    };
    /** ~a. */
    public static final ElementFn INVERT = new ElementFn("invert") {
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = ~a[i]; }
    };
    /** a << b (0 for shifts outside [0, 63]). */
    public static final ElementFn LEFT_SHIFT = new ElementFn("left_shift") {
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = b[i] < 0 || b[i] > 63 ? 0 : a[i] << b[i]; }
    };
    /** a >> b, arithmetic (0 or -1 for shifts outside [0, 63]). */
    public static final ElementFn RIGHT_SHIFT = new ElementFn("right_shift") {
        @Override public void apply(long[] a, long[] b, long[] o, int n) {
            for (int i = 0; i < n; i++) o[i] = b[i] < 0 || b[i] > 63 ? (a[i] < 0 ? -1 : 0) : a[i] >> b[i];
        }
    };

    // ------------------------------------------------------------------------------------ comparison and logic (0/1)

    /** a == b. */
    public static final ElementFn EQ = new ElementFn("equal") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] == b[i] ? 1 : 0; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] == b[i] ? 1 : 0; }
    };
    /** a != b. */
    public static final ElementFn NE = new ElementFn("not_equal") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] != b[i] ? 1 : 0; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] != b[i] ? 1 : 0; }
    };
    /** a < b. */
    public static final ElementFn LT = new ElementFn("less") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] < b[i] ? 1 : 0; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] < b[i] ? 1 : 0; }
    };
    /** a <= b. */
    public static final ElementFn LE = new ElementFn("less_equal") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] <= b[i] ? 1 : 0; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] <= b[i] ? 1 : 0; }
    };
    /** a > b. */
    public static final ElementFn GT = new ElementFn("greater") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] > b[i] ? 1 : 0; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] > b[i] ? 1 : 0; }
    };
    /** a >= b. */
    public static final ElementFn GE = new ElementFn("greater_equal") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] >= b[i] ? 1 : 0; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] >= b[i] ? 1 : 0; }
    };
    /** a and b (nonzero is true). */
    public static final ElementFn LOGICAL_AND = new ElementFn("logical_and") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] != 0 && b[i] != 0 ? 1 : 0; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] != 0 && b[i] != 0 ? 1 : 0; }
    };
    /** a or b. */
    public static final ElementFn LOGICAL_OR = new ElementFn("logical_or") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] != 0 || b[i] != 0 ? 1 : 0; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] != 0 || b[i] != 0 ? 1 : 0; }
    };
    /** a xor b. */
    public static final ElementFn LOGICAL_XOR = new ElementFn("logical_xor") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = (a[i] != 0) != (b[i] != 0) ? 1 : 0; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = (a[i] != 0) != (b[i] != 0) ? 1 : 0; }
    };
    /** not a. */
    public static final ElementFn LOGICAL_NOT = new ElementFn("logical_not") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] == 0 ? 1 : 0; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] == 0 ? 1 : 0; }
    };
    /** Finite (not NaN, not ±inf). */
    public static final ElementFn ISFINITE = new ElementFn("isfinite") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Double.isFinite(a[i]) ? 1 : 0; }
    };
    /** ±inf. */
    public static final ElementFn ISINF = new ElementFn("isinf") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Double.isInfinite(a[i]) ? 1 : 0; }
    };
    /** NaN. */
    public static final ElementFn ISNAN = new ElementFn("isnan") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] != a[i] ? 1 : 0; }
    };
    /** +inf. */
    public static final ElementFn ISPOSINF = new ElementFn("isposinf") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] == Double.POSITIVE_INFINITY ? 1 : 0; }
    };
    /** -inf. */
    public static final ElementFn ISNEGINF = new ElementFn("isneginf") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] == Double.NEGATIVE_INFINITY ? 1 : 0; }
    };
    /** The sign bit is set (true for -0.0 and negative NaNs). */
    public static final ElementFn SIGNBIT = new ElementFn("signbit") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Double.doubleToRawLongBits(a[i]) < 0 ? 1 : 0; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] < 0 ? 1 : 0; }
    };

    // ------------------------------------------------------------------------------------ unary arithmetic and rounding

    /** -a. */
    public static final ElementFn NEG = new ElementFn("negative") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = -a[i]; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = -a[i]; }
    };
    /** +a (a copy). */
    public static final ElementFn POS = new ElementFn("positive") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { System.arraycopy(a, 0, o, 0, n); }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { System.arraycopy(a, 0, o, 0, n); }
    };
    /** |a|. */
    public static final ElementFn ABS = new ElementFn("absolute") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.abs(a[i]); }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.abs(a[i]); }
    };
    /** -1, 0 or 1 (NaN stays NaN; -0.0 gives 0). */
    public static final ElementFn SIGN = new ElementFn("sign") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) o[i] = a[i] > 0 ? 1 : a[i] < 0 ? -1 : a[i] == 0 ? 0 : a[i];
        }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = Long.signum(a[i]); }
    };
    /**
     * 1 / a. Integers as numpy: 1 / a truncated toward zero (so 0 except for ±1); 1/0 is undefined behaviour in
     * numpy's C loop, here the int64 minimum (numpy's value on x86-64 for int64), wrapped to narrower dtypes.
     */
    public static final ElementFn RECIPROCAL = new ElementFn("reciprocal") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = 1 / a[i]; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) {
            for (int i = 0; i < n; i++) o[i] = a[i] == 0 ? Long.MIN_VALUE : a[i] == 1 || a[i] == -1 ? a[i] : 0;
        }
    };
    /** a². */
    public static final ElementFn SQUARE = new ElementFn("square") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] * a[i]; }
        @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] * a[i]; }
    };
    /** Round up. */
    public static final ElementFn CEIL = new ElementFn("ceil") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.ceil(a[i]); }
    };
    /** Round down. */
    public static final ElementFn FLOOR = new ElementFn("floor") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.floor(a[i]); }
    };
    /** Round toward zero. */
    public static final ElementFn TRUNC = new ElementFn("trunc") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] < 0 ? Math.ceil(a[i]) : Math.floor(a[i]); }
    };
    /** Round half to even. */
    public static final ElementFn RINT = new ElementFn("rint") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.rint(a[i]); }
    };

    /**
     * numpy's {@code round(a, decimals)}: scale by 10^decimals, round half to even, scale back.
     * <pre>{@code ElementFn r = Kernels.round(2); }</pre>
     */
    public static ElementFn round(int decimals) {
        double f = Math.pow(10, Math.abs(decimals));
        boolean neg = decimals < 0;
        return new ElementFn("round") {
            @Override public void apply(double[] a, double[] b, double[] o, int n) {
                for (int i = 0; i < n; i++) o[i] = neg ? Math.rint(a[i] / f) * f : Math.rint(a[i] * f) / f;
            }
            // numpy rounds both parts of a complex number
            @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
                for (int i = 0; i < 2 * n; i++) o[i] = neg ? Math.rint(a[i] / f) * f : Math.rint(a[i] * f) / f;
            }
            @Override public void apply(long[] a, long[] b, long[] o, int n) {
                long m = (long) f;
                for (int i = 0; i < n; i++) {
                    if (!neg) { o[i] = a[i]; continue; }
                    long q = Math.floorDiv(a[i], m), r = a[i] - q * m;
                    o[i] = (2 * r > m || (2 * r == m && (q & 1) != 0)) ? (q + 1) * m : q * m;
                }
            }
        };
    }

    /**
     * numpy's {@code clip}: minimum(maximum(a, lo), hi) with scalar bounds (NaN propagates).
     * <pre>{@code ElementFn c = Kernels.clip(0, 1); }</pre>
     */
    public static ElementFn clip(double lo, double hi) {
        long llo = (long) Math.ceil(lo), lhi = (long) Math.floor(hi);
        return new ElementFn("clip") {
            @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.min(Math.max(a[i], lo), hi); }
            @Override public void apply(long[] a, long[] b, long[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.min(Math.max(a[i], llo), lhi); }
        };
    }

    /**
     * numpy's {@code nan_to_num}: NaN → nan, +inf → posinf, -inf → neginf.
     * <pre>{@code ElementFn f = Kernels.nanToNum(0, Double.MAX_VALUE, -Double.MAX_VALUE); }</pre>
     */
    public static ElementFn nanToNum(double nan, double posinf, double neginf) {
        return new ElementFn("nan_to_num") {
            @Override public void apply(double[] a, double[] b, double[] o, int n) {
                for (int i = 0; i < n; i++) {
                    double v = a[i];
                    o[i] = v != v ? nan : v == Double.POSITIVE_INFINITY ? posinf : v == Double.NEGATIVE_INFINITY ? neginf : v;
                }
            }
            // numpy replaces in the real and the imaginary part independently
            @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { apply(a, b, o, 2 * n); }
            @Override public void apply(long[] a, long[] b, long[] o, int n) { System.arraycopy(a, 0, o, 0, n); }
        };
    }

    /** The fractional part of modf (sign of a, also when it is zero: modf(-2.0) is (-0.0, -2.0) as numpy's; ±0 for ±inf). */
    public static final ElementFn MODF_FRAC = new ElementFn("modf") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) {
                double v = a[i];
                o[i] = Math.copySign(Double.isInfinite(v) ? 0.0 : v - (v < 0 ? Math.ceil(v) : Math.floor(v)), v);
            }
        }
    };

    /**
     * numpy's {@code isclose}: |a - b| <= atol + rtol·|b|, infinities equal only to themselves, NaN equal to NaN
     * only when {@code equalNan}.
     */
    public static ElementFn isclose(double rtol, double atol, boolean equalNan) {
        return new ElementFn("isclose") {
            @Override public void apply(double[] a, double[] b, double[] o, int n) {
                for (int i = 0; i < n; i++) {
                    double x = a[i], y = b[i];
                    boolean r;
                    if (x != x || y != y) r = equalNan && x != x && y != y;
                    else if (Double.isInfinite(x) || Double.isInfinite(y)) r = x == y;
                    else r = Math.abs(x - y) <= atol + rtol * Math.abs(y);
                    o[i] = r ? 1 : 0;
                }
            }
        };
    }

    // ------------------------------------------------------------------------------------ exponential, logarithmic, trigonometric

    /**
     * Whether the transcendental functions run on vectors ({@link UnaryVector}: SVML through the Vector API, ~6x the
     * scalar speed); without {@code jdk.incubator.vector}, or without 256-bit vectors (where the JDK computes the
     * vector operators lane by lane), they call {@code Math} per element.
     */
    static final boolean SIMD_MATH = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && UnaryVector.usable();

    /**
     * A float64 function with a vector loop ({@link UnaryVector}) and a scalar {@code Math} fallback. Each kernel writes
     * its own scalar loop, so the fallback makes no per-element virtual call; the vector method is reached only when
     * {@link #SIMD_MATH} holds, so {@code UnaryVector} is never loaded without the vector module.
     */
    private abstract static class Transcendental extends ElementFn {
        Transcendental(String name) { super(name); }

        /** The vector loop over {@code n} doubles at byte offsets {@code ao}/{@code oo} (returns true). */
        abstract boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n);

        /** The {@code Math} loop. */
        abstract void scalar(double[] a, double[] o, int n);

        @Override public final void apply(double[] a, double[] b, double[] o, int n) {
            if (SIMD_MATH) vector(MemorySegment.ofArray(a), 0, MemorySegment.ofArray(o), 0, n);
            else scalar(a, o, n);
        }

        @Override public final boolean directUnaryF64(MemorySegment a, long ao, MemorySegment o, long oo, long n) {
            return SIMD_MATH && vector(a, ao, o, oo, n);
        }
    }

    /** e^a. */
    public static final ElementFn EXP = new Transcendental("exp") {
        @Override boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n) { return UnaryVector.exp(a, ao, o, oo, n); }
        @Override void scalar(double[] a, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.exp(a[i]); }
    };
    /** e^a - 1. */
    public static final ElementFn EXPM1 = new Transcendental("expm1") {
        @Override boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n) { return UnaryVector.expm1(a, ao, o, oo, n); }
        @Override void scalar(double[] a, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.expm1(a[i]); }
    };
    /** 2^a. */
    public static final ElementFn EXP2 = new ElementFn("exp2") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.pow(2, a[i]); }
    };
    /** ln a. */
    public static final ElementFn LOG = new Transcendental("log") {
        @Override boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n) { return UnaryVector.log(a, ao, o, oo, n); }
        @Override void scalar(double[] a, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.log(a[i]); }
    };

    static double log2(double x) {
        long bits = Double.doubleToRawLongBits(x);
        if (x > 0 && x < Double.POSITIVE_INFINITY && (bits & 0x000FFFFFFFFFFFFFL) == 0 && Math.getExponent(x) >= Double.MIN_EXPONENT) {
            return Math.getExponent(x);   // exact for powers of two, as numpy's log2
        }
        return Math.log(x) / LN2;
    }

    /** log2 a (exact for powers of two). */
    public static final ElementFn LOG2 = new ElementFn("log2") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = log2(a[i]); }
    };
    /** log10 a. */
    public static final ElementFn LOG10 = new Transcendental("log10") {
        @Override boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n) { return UnaryVector.log10(a, ao, o, oo, n); }
        @Override void scalar(double[] a, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.log10(a[i]); }
    };
    /** ln(1 + a). */
    public static final ElementFn LOG1P = new Transcendental("log1p") {
        @Override boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n) { return UnaryVector.log1p(a, ao, o, oo, n); }
        @Override void scalar(double[] a, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.log1p(a[i]); }
    };
    /** √a. */
    public static final ElementFn SQRT = new ElementFn("sqrt") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.sqrt(a[i]); }
    };
    /** sin a. */
    public static final ElementFn SIN = new Transcendental("sin") {
        @Override boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n) { return UnaryVector.sin(a, ao, o, oo, n); }
        @Override void scalar(double[] a, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.sin(a[i]); }
    };
    /** cos a. */
    public static final ElementFn COS = new Transcendental("cos") {
        @Override boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n) { return UnaryVector.cos(a, ao, o, oo, n); }
        @Override void scalar(double[] a, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.cos(a[i]); }
    };
    /** tan a. */
    public static final ElementFn TAN = new Transcendental("tan") {
        @Override boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n) { return UnaryVector.tan(a, ao, o, oo, n); }
        @Override void scalar(double[] a, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.tan(a[i]); }
    };
    /** arcsin a. */
    public static final ElementFn ARCSIN = new Transcendental("arcsin") {
        @Override boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n) { return UnaryVector.asin(a, ao, o, oo, n); }
        @Override void scalar(double[] a, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.asin(a[i]); }
    };
    /** arccos a. */
    public static final ElementFn ARCCOS = new Transcendental("arccos") {
        @Override boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n) { return UnaryVector.acos(a, ao, o, oo, n); }
        @Override void scalar(double[] a, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.acos(a[i]); }
    };
    /** arctan a. */
    public static final ElementFn ARCTAN = new Transcendental("arctan") {
        @Override boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n) { return UnaryVector.atan(a, ao, o, oo, n); }
        @Override void scalar(double[] a, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.atan(a[i]); }
    };
    /** sinh a. */
    public static final ElementFn SINH = new Transcendental("sinh") {
        @Override boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n) { return UnaryVector.sinh(a, ao, o, oo, n); }
        @Override void scalar(double[] a, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.sinh(a[i]); }
    };
    /** cosh a. */
    public static final ElementFn COSH = new Transcendental("cosh") {
        @Override boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n) { return UnaryVector.cosh(a, ao, o, oo, n); }
        @Override void scalar(double[] a, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.cosh(a[i]); }
    };
    /** tanh a. */
    public static final ElementFn TANH = new Transcendental("tanh") {
        @Override boolean vector(MemorySegment a, long ao, MemorySegment o, long oo, long n) { return UnaryVector.tanh(a, ao, o, oo, n); }
        @Override void scalar(double[] a, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = Math.tanh(a[i]); }
    };

    static double asinh(double x) {
        double ax = Math.abs(x);
        double r = ax > 1e8 ? Math.log(ax) + LN2 : Math.log1p(ax + ax * ax / (1 + Math.sqrt(1 + ax * ax)));
        return Math.copySign(r, x);
    }

    static double acosh(double x) {
        if (x < 1) return Double.NaN;
        if (x > 1e8) return Math.log(x) + LN2;
        double t = x - 1;
        return Math.log1p(t + Math.sqrt(2 * t + t * t));
    }

    /** arsinh a. */
    public static final ElementFn ARCSINH = new ElementFn("arcsinh") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = asinh(a[i]); }
    };
    /** arcosh a (NaN below 1). */
    public static final ElementFn ARCCOSH = new ElementFn("arccosh") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = acosh(a[i]); }
    };
    /** artanh a. */
    public static final ElementFn ARCTANH = new ElementFn("arctanh") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) o[i] = atanh(a[i]);
        }
    };

    /**
     * artanh through log1p of |x| (as glibc): log1p(2x / (1 - x)) for a negative x near -1 takes the log of 1 minus
     * almost 1, rounded (14,000 ulp off at -0.9999999999).
     */
    static double atanh(double x) {
        double ax = Math.abs(x);
        double r = ax < 0.5 ? 0.5 * Math.log1p(2 * ax + 2 * ax * ax / (1 - ax)) : 0.5 * Math.log1p(2 * ax / (1 - ax));
        return Math.copySign(r, x);
    }
    /** Degrees to radians. */
    public static final ElementFn DEG2RAD = new ElementFn("deg2rad") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] * (Math.PI / 180); }
    };
    /** Radians to degrees. */
    public static final ElementFn RAD2DEG = new ElementFn("rad2deg") {
        @Override public void apply(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) o[i] = a[i] * (180 / Math.PI); }
    };
}
