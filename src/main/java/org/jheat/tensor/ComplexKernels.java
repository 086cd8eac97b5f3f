package org.jheat.tensor;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The complex element-wise kernels: one block loop each over interleaved (re, im) blocks
 * ({@link ElementFn#applyComplex}), with numpy's formulas (Smith's division, integer powers by repeated squaring,
 * C99's branch cuts for sqrt and log). The drivers in {@code org.jheat.core} swap a real kernel of
 * {@link Kernels} for its complex partner ({@link #of(ElementFn)}) when the operands promote to a complex type; a
 * kernel without a partner (ordering comparisons, maximum, floor …) is refused before any communication.
 *
 * <pre>{@code
 * ElementFn f = ComplexKernels.of(Kernels.MUL);                 // complex multiply
 * out.backend().elementwise(f, false, out, a, b);              // a, b, out: complex (or real) tensors
 * }</pre>
 */
public final class ComplexKernels {
    private ComplexKernels() { }

    private static final double LN2 = Math.log(2), LN10 = Math.log(10);

    // ------------------------------------------------------------------------------------ arithmetic

    /** a + b. */
    public static final ElementFn ADD = new ElementFn("add") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < 2 * n; i++) o[i] = a[i] + b[i]; }
    };
    /** a - b. */
    public static final ElementFn SUB = new ElementFn("subtract") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < 2 * n; i++) o[i] = a[i] - b[i]; }
    };
    /** a · b (numpy's plain formula: (ac − bd) + (ad + bc)i). */
    public static final ElementFn MUL = new ElementFn("multiply") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) {
                double ar = a[2 * i], ai = a[2 * i + 1], br = b[2 * i], bi = b[2 * i + 1];
                o[2 * i] = ar * br - ai * bi;
                o[2 * i + 1] = ar * bi + ai * br;
            }
        }
    };
    /** a / b by Smith's algorithm, as numpy (division by 0 gives inf/nan parts). */
    public static final ElementFn DIV = new ElementFn("divide") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) div(a[2 * i], a[2 * i + 1], b[2 * i], b[2 * i + 1], o, 2 * i);
        }
    };

    static void div(double ar, double ai, double br, double bi, double[] o, int k) {
        double abr = Math.abs(br), abi = Math.abs(bi);
        if (abr >= abi) {
            if (abr == 0 && abi == 0) {
                o[k] = ar / abr;
                o[k + 1] = ai / abr;
            } else {
                double rat = bi / br, scl = 1.0 / (br + bi * rat);
                o[k] = (ar + ai * rat) * scl;
                o[k + 1] = (ai - ar * rat) * scl;
            }
        } else {
            double rat = br / bi, scl = 1.0 / (bi + br * rat);
            o[k] = (ar * rat + ai) * scl;
            o[k + 1] = (ai * rat - ar) * scl;
        }
    }

    /** a ** b: numpy's npy_cpow (integer exponents |n| < 100 by repeated squaring, else exp(b·log a)). */
    public static final ElementFn POW = new ElementFn("power") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) pow(a[2 * i], a[2 * i + 1], b[2 * i], b[2 * i + 1], o, 2 * i);
        }
    };

    static void pow(double ar, double ai, double br, double bi, double[] o, int k) {
        if (br == 0 && bi == 0) {
            o[k] = 1;
            o[k + 1] = 0;
            return;
        }
        if (ar == 0 && ai == 0) {
            boolean zero = br > 0 && bi == 0;
            o[k] = zero ? 0 : Double.NaN;
            o[k + 1] = zero ? 0 : Double.NaN;
            return;
        }
        if (bi == 0 && br == Math.rint(br) && Math.abs(br) < 100) {
            long e = (long) Math.abs(br);
            double rr = 1, ri = 0, pr = ar, pi = ai;
            if (e == 1) { rr = ar; ri = ai; }
            else if (e == 2) { rr = ar * ar - ai * ai; ri = ar * ai + ai * ar; }
            else if (e == 3) {
                double sr = ar * ar - ai * ai, si = ar * ai + ai * ar;
                rr = ar * sr - ai * si;
                ri = ar * si + ai * sr;
            } else {
                for (long mask = 1; ; mask <<= 1) {
                    if ((e & mask) != 0) {
                        double t = rr * pr - ri * pi;
                        ri = rr * pi + ri * pr;
                        rr = t;
                    }
                    if (e < (mask << 1)) break;
                    double t = pr * pr - pi * pi;
                    pi = pr * pi + pi * pr;
                    pr = t;
                }
            }
            if (br < 0) div(1, 0, rr, ri, o, k);
            else { o[k] = rr; o[k + 1] = ri; }
            return;
        }
        // exp(b · log a)
        double lr = Math.log(Math.hypot(ar, ai)), li = Math.atan2(ai, ar);
        double xr = br * lr - bi * li, xi = br * li + bi * lr;
        exp(xr, xi, o, k);
    }

    /** -a. */
    public static final ElementFn NEG = new ElementFn("negative") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < 2 * n; i++) o[i] = -a[i]; }
    };
    /** +a (a copy). */
    public static final ElementFn POS = new ElementFn("positive") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { System.arraycopy(a, 0, o, 0, 2 * n); }
    };
    /** The complex conjugate re − im·i. */
    public static final ElementFn CONJ = new ElementFn("conjugate") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) {
                o[2 * i] = a[2 * i];
                o[2 * i + 1] = -a[2 * i + 1];
            }
        }
    };
    /** a². */
    public static final ElementFn SQUARE = new ElementFn("square") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) {
                double r = a[2 * i], m = a[2 * i + 1];
                o[2 * i] = r * r - m * m;
                o[2 * i + 1] = r * m + m * r;
            }
        }
    };
    /** |a| = hypot(re, im), a real result. */
    public static final ElementFn ABS = new ElementFn("absolute") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) o[2 * i] = Math.hypot(a[2 * i], a[2 * i + 1]);
        }
    };
    /** The argument atan2(im, re) in radians, a real result (numpy's {@code angle}). */
    public static final ElementFn ANGLE = new ElementFn("angle") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) o[2 * i] = Math.atan2(a[2 * i + 1], a[2 * i]);
        }
    };

    /** re + im·i from two real operands (numpy's {@code re + 1j*im} without the inf·0 NaNs of the product). */
    public static final ElementFn COMPOSE = new ElementFn("complex") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) {
                o[2 * i] = a[2 * i];
                o[2 * i + 1] = b[2 * i];
            }
        }
    };

    // ------------------------------------------------------------------------------------ comparisons and predicates

    /** Both parts equal (bool result). */
    public static final ElementFn EQ = new ElementFn("equal") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) o[2 * i] = a[2 * i] == b[2 * i] && a[2 * i + 1] == b[2 * i + 1] ? 1 : 0;
        }
    };
    /** Either part differs (bool result; NaN differs from everything). */
    public static final ElementFn NE = new ElementFn("not_equal") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) o[2 * i] = a[2 * i] != b[2 * i] || a[2 * i + 1] != b[2 * i + 1] ? 1 : 0;
        }
    };
    /** Logical and: a complex value is true when either part is non-zero (NaN counts as non-zero). */
    public static final ElementFn LOGICAL_AND = new ElementFn("logical_and") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) o[2 * i] = (a[2 * i] != 0 || a[2 * i + 1] != 0) && (b[2 * i] != 0 || b[2 * i + 1] != 0) ? 1 : 0;
        }
    };
    /** Logical or of the truth values. */
    public static final ElementFn LOGICAL_OR = new ElementFn("logical_or") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) o[2 * i] = a[2 * i] != 0 || a[2 * i + 1] != 0 || b[2 * i] != 0 || b[2 * i + 1] != 0 ? 1 : 0;
        }
    };
    /** Logical exclusive or of the truth values. */
    public static final ElementFn LOGICAL_XOR = new ElementFn("logical_xor") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) o[2 * i] = (a[2 * i] != 0 || a[2 * i + 1] != 0) != (b[2 * i] != 0 || b[2 * i + 1] != 0) ? 1 : 0;
        }
    };
    /** Logical not: true for 0j only. */
    public static final ElementFn LOGICAL_NOT = new ElementFn("logical_not") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) o[2 * i] = a[2 * i] == 0 && a[2 * i + 1] == 0 ? 1 : 0;
        }
    };
    /** Either part is NaN. */
    public static final ElementFn ISNAN = new ElementFn("isnan") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) o[2 * i] = Double.isNaN(a[2 * i]) || Double.isNaN(a[2 * i + 1]) ? 1 : 0;
        }
    };
    /** Either part is infinite. */
    public static final ElementFn ISINF = new ElementFn("isinf") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) o[2 * i] = Double.isInfinite(a[2 * i]) || Double.isInfinite(a[2 * i + 1]) ? 1 : 0;
        }
    };
    /** Both parts are finite. */
    public static final ElementFn ISFINITE = new ElementFn("isfinite") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) o[2 * i] = Double.isFinite(a[2 * i]) && Double.isFinite(a[2 * i + 1]) ? 1 : 0;
        }
    };
    /**
     * numpy's {@code isclose} for complex values: |a − b| <= atol + rtol·|b| with the modulus, non-finite values
     * equal only when both parts are equal, NaN equal to NaN only when {@code equalNan}.
     * <pre>{@code ElementFn f = ComplexKernels.isclose(1e-5, 1e-8, false); }</pre>
     */
    public static ElementFn isclose(double rtol, double atol, boolean equalNan) {
        return new ElementFn("isclose") {
            @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
                for (int i = 0; i < n; i++) {
                    double xr = a[2 * i], xi = a[2 * i + 1], yr = b[2 * i], yi = b[2 * i + 1];
                    // numpy multiplies non-finite operands by (1+0j) before comparing them (x * ones_like(cond)),
                    // which turns inf+0j into inf+nanj: the same product here keeps its answers
                    double t = xr * 1 - xi * 0;
                    xi = xr * 0 + xi * 1;
                    xr = t;
                    t = yr * 1 - yi * 0;
                    yi = yr * 0 + yi * 1;
                    yr = t;
                    boolean r;
                    boolean xf = Double.isFinite(xr) && Double.isFinite(xi), yf = Double.isFinite(yr) && Double.isFinite(yi);
                    if (xf && yf) r = Math.hypot(xr - yr, xi - yi) <= atol + rtol * Math.hypot(yr, yi);
                    else r = (xr == yr && xi == yi)
                            || (equalNan && (xr != xr || xi != xi) && (yr != yr || yi != yi));
                    o[2 * i] = r ? 1 : 0;
                }
            }
        };
    }

    // ------------------------------------------------------------------------------------ exponential and logarithmic

    static void exp(double x, double y, double[] o, int k) {
        if (y == 0) {
            o[k] = Math.exp(x);
            o[k + 1] = y;
            return;
        }
        double e = Math.exp(x);
        if (x == Double.NEGATIVE_INFINITY) {   // C99: ±0 ± 0i, the signs of cos y and sin y where y is finite
            boolean f = Double.isFinite(y);
            o[k] = f ? Math.copySign(0, Math.cos(y)) : 0;
            o[k + 1] = f ? Math.copySign(0, Math.sin(y)) : 0;
            return;
        }
        if (x == Double.POSITIVE_INFINITY && !Double.isFinite(y)) {   // C99: ±inf + NaN·i
            o[k] = x;
            o[k + 1] = Double.NaN;
            return;
        }
        o[k] = e * Math.cos(y);
        o[k + 1] = e * Math.sin(y);
    }

    static void log(double x, double y, double[] o, int k) {
        double h = Math.hypot(x, y);
        o[k] = h > 0.5 && h < 2 ? 0.5 * Math.log1p(x2y2m1(x, y)) : Math.log(h);
        o[k + 1] = Math.atan2(y, x);
    }

    /**
     * x² + y² − 1 for |z| near 1, where log|z| is small and log(hypot) would return the rounding of hypot instead
     * (log(1 + 1e-10i) has the real part 5e-21, not 0): the squares as exact two-term products, the −1 taken where
     * it is exact (Sterbenz, the larger square in [0.25, 4]), the small parts added last.
     */
    private static double x2y2m1(double x, double y) {
        double a = Math.max(Math.abs(x), Math.abs(y)), b = Math.min(Math.abs(x), Math.abs(y));
        double p = a * a, pe = Math.fma(a, a, -p), r = b * b, re = Math.fma(b, b, -r);
        return ((p - 1) + r) + (pe + re);
    }

    /** C99's csqrt (principal branch, the cut along the negative real axis; the sign of a zero imaginary part picks the side). */
    static void sqrt(double a, double b, double[] o, int k) {
        if (a == 0 && b == 0) { o[k] = 0; o[k + 1] = b; return; }
        if (Double.isInfinite(b)) { o[k] = Double.POSITIVE_INFINITY; o[k + 1] = b; return; }
        if (Double.isNaN(a)) { o[k] = a; o[k + 1] = Double.NaN; return; }
        if (Double.isInfinite(a)) {
            if (a < 0) { o[k] = Math.abs(b - b); o[k + 1] = Math.copySign(a, b); }
            else { o[k] = a; o[k + 1] = Math.copySign(b - b, b); }
            return;
        }
        // scale huge values by 1/4 so that hypot and the sum cannot overflow
        double scale = 1;
        if (Math.abs(a) > 0x1p1020 || Math.abs(b) > 0x1p1020) { a *= 0.25; b *= 0.25; scale = 2; }
        if (a >= 0) {
            double t = Math.sqrt((a + Math.hypot(a, b)) * 0.5);
            o[k] = t * scale;
            o[k + 1] = b / (2 * t) * scale;
        } else {
            double t = Math.sqrt((-a + Math.hypot(a, b)) * 0.5);
            o[k] = Math.abs(b) / (2 * t) * scale;
            o[k + 1] = Math.copySign(t, b) * scale;
        }
    }

    /** e^a. */
    public static final ElementFn EXP = new ElementFn("exp") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) exp(a[2 * i], a[2 * i + 1], o, 2 * i); }
    };
    /** Principal natural logarithm (imaginary part in (−π, π]). */
    public static final ElementFn LOG = new ElementFn("log") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) log(a[2 * i], a[2 * i + 1], o, 2 * i); }
    };
    /** log(a) / ln 2. */
    public static final ElementFn LOG2 = new ElementFn("log2") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { logScaled(a, o, n, 1 / LN2); }
    };
    /** log(a) / ln 10. */
    public static final ElementFn LOG10 = new ElementFn("log10") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { logScaled(a, o, n, 1 / LN10); }
    };

    /** log(a) · scale, both parts (numpy's log2/log10 of complex numbers). */
    private static void logScaled(double[] a, double[] o, int n, double scale) {
        for (int i = 0; i < n; i++) {
            log(a[2 * i], a[2 * i + 1], o, 2 * i);
            o[2 * i] *= scale;
            o[2 * i + 1] *= scale;
        }
    }
    /**
     * e^a − 1 by numpy's formula: (expm1(x)·cos y − 2·sin²(y/2)) + i·e^x·sin y, so that small |a| keeps its digits.
     */
    public static final ElementFn EXPM1 = new ElementFn("expm1") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) {
                double x = a[2 * i], y = a[2 * i + 1], h = Math.sin(y / 2);
                o[2 * i] = Math.expm1(x) * Math.cos(y) - 2 * h * h;
                o[2 * i + 1] = Math.exp(x) * Math.sin(y);
            }
        }
    };
    /**
     * ln(1 + a): the argument atan2(y, 1 + x) as numpy, the modulus part as ½·log1p(x(2 + x) + y²), which keeps
     * the digits of small |a| that numpy's log(hypot(1 + x, y)) loses (both agree to rounding elsewhere).
     */
    public static final ElementFn LOG1P = new ElementFn("log1p") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) {
                double x = a[2 * i], y = a[2 * i + 1];
                double ax = Math.abs(x), ay = Math.abs(y);
                // near 0 the expansion is exact; far from 0 (or non-finite) the squares could overflow, and
                // numpy's formula loses nothing there
                o[2 * i] = ax < 0.5 && ay < 0.5 ? 0.5 * Math.log1p(x * (2 + x) + y * y) : Math.log(Math.hypot(1 + x, y));
                o[2 * i + 1] = Math.atan2(y, 1 + x);
            }
        }
    };
    /** 2^a = e^(a·ln 2) (numpy's nc_exp2). */
    public static final ElementFn EXP2 = new ElementFn("exp2") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) exp(a[2 * i] * LN2, a[2 * i + 1] * LN2, o, 2 * i);
        }
    };
    /**
     * numpy's complex sign: the sign of the real part (of the imaginary part when the real part is 0) as a complex
     * number with imaginary part 0; NaN + 0j when either part is NaN.
     */
    public static final ElementFn SIGN = new ElementFn("sign") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) {
                double x = a[2 * i], y = a[2 * i + 1];
                o[2 * i] = x != x || y != y ? Double.NaN : x > 0 ? 1 : x < 0 ? -1 : y > 0 ? 1 : y < 0 ? -1 : 0;
                o[2 * i + 1] = 0;
            }
        }
    };
    /** torch's sgn (Heat's {@code sgn}): a / |a|, 0 for 0 (NaN parts where |a| is NaN or infinite). */
    public static final ElementFn SGN = new ElementFn("sgn") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) {
                double x = a[2 * i], y = a[2 * i + 1], m = Math.hypot(x, y);
                o[2 * i] = m == 0 ? 0 : x / m;
                o[2 * i + 1] = m == 0 ? 0 : y / m;
            }
        }
    };
    /** 1 / a by numpy's reciprocal loop (Smith's division with numerator 1; 0 gives NaN + NaN·i as numpy). */
    public static final ElementFn RECIPROCAL = new ElementFn("reciprocal") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) {
                double x = a[2 * i], y = a[2 * i + 1];
                if (Math.abs(y) <= Math.abs(x)) {
                    double r = y / x, d = x + y * r;
                    o[2 * i] = 1 / d;
                    o[2 * i + 1] = -r / d;
                } else {
                    double r = x / y, d = x * r + y;
                    o[2 * i] = r / d;
                    o[2 * i + 1] = -1 / d;
                }
            }
        }
    };

    /** Principal square root (real part >= 0). */
    public static final ElementFn SQRT = new ElementFn("sqrt") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) sqrt(a[2 * i], a[2 * i + 1], o, 2 * i); }
    };

    // ------------------------------------------------------------------------------------ trigonometric and hyperbolic

    static void sinh(double x, double y, double[] o, int k) {
        if (y == 0) { o[k] = Math.sinh(x); o[k + 1] = y; return; }
        if (!Double.isFinite(y)) {   // C99's csinh (glibc's signs): ±0 + NaN·i on the imaginary axis, +inf + NaN·i for infinite x
            o[k] = x == 0 ? x : Double.isInfinite(x) ? Double.POSITIVE_INFINITY : Double.NaN;
            o[k + 1] = Double.NaN;
            return;
        }
        o[k] = Math.sinh(x) * Math.cos(y);
        o[k + 1] = Math.cosh(x) * Math.sin(y);
    }

    static void cosh(double x, double y, double[] o, int k) {
        if (y == 0) { o[k] = Math.cosh(x); o[k + 1] = Math.copySign(0.0, x) * y; return; }
        if (!Double.isFinite(y)) {   // C99's ccosh: NaN ± 0i on the imaginary axis, +inf + NaN·i for infinite x
            o[k] = Double.isInfinite(x) ? Double.POSITIVE_INFINITY : Double.NaN;
            o[k + 1] = x == 0 ? 0 : Double.NaN;
            return;
        }
        o[k] = Math.cosh(x) * Math.cos(y);
        o[k + 1] = Math.sinh(x) * Math.sin(y);
    }

    /** Kahan's tanh (FreeBSD's ctanh): no overflow for large |x|. */
    static void tanh(double x, double y, double[] o, int k) {
        if (!Double.isFinite(x)) {
            if (Double.isNaN(x)) { o[k] = x; o[k + 1] = y == 0 ? y : x; return; }
            o[k] = Math.copySign(1, x);
            o[k + 1] = Double.isFinite(y) ? Math.copySign(0, Math.sin(y) * Math.cos(y)) : Math.copySign(0, y);
            return;
        }
        if (!Double.isFinite(y)) { o[k] = x == 0 ? x : Double.NaN; o[k + 1] = Double.NaN; return; }
        if (Math.abs(x) >= 22) {
            double em = Math.exp(-Math.abs(x));
            o[k] = Math.copySign(1, x);
            o[k + 1] = 4 * Math.sin(y) * Math.cos(y) * em * em;
            return;
        }
        double t = Math.tan(y), beta = 1 + t * t, s = Math.sinh(x), rho = Math.sqrt(1 + s * s), den = 1 + beta * s * s;
        o[k] = beta * rho * s / den;
        o[k + 1] = t / den;
    }

    /** asinh(z) = log(z + sqrt(z² + 1)), evaluated on the right half plane (asinh is odd) to avoid cancellation. */
    static void asinh(double x, double y, double[] o, int k) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) { asinhSpecial(x, y, o, k); return; }
        if (x == 0) {
            // the imaginary axis exactly, with the signs of zero C99 gives (asinh(-0 + 0i) = -0 + 0i): the general path's
            // products turned -0·1 + 0·0 into +0 and left 4e-17 of real part behind (asin(-0.5) got -4e-17i)
            if (Math.abs(y) <= 1) {
                o[k] = x;
                o[k + 1] = Math.asin(y);
            } else {
                o[k] = Math.copySign(Kernels.acosh(Math.abs(y)), x);
                o[k + 1] = Math.copySign(Math.PI / 2, y);
            }
            return;
        }
        boolean neg = x < 0;   // x == 0 (either sign) returned above
        double ax = neg ? -x : x, ay = neg ? -y : y;
        if (ax > 1e150 || Math.abs(ay) > 1e150) {   // z² would overflow: asinh z = log 2z to rounding
            log(ax, ay, o, k);
            o[k] += LN2;
            if (neg) { o[k] = -o[k]; o[k + 1] = -o[k + 1]; }
            return;
        }
        if (Math.hypot(ax, ay) < 1e-2) {   // the series: log(z + sqrt(z² + 1)) would return log(1 + rounding) for small z
            asinhSeries(ax, ay, o, k);
            if (neg) { o[k] = -o[k]; o[k + 1] = -o[k + 1]; }
            return;
        }
        // z² + 1
        double wr = ax * ax - ay * ay + 1, wi = 2 * ax * ay;
        sqrt(wr, wi, o, k);
        log(ax + o[k], ay + o[k + 1], o, k);
        if (neg) { o[k] = -o[k]; o[k + 1] = -o[k + 1]; }
    }

    /** The series' coefficients, highest power first. */
    private static final double[] ASINH_SERIES = {105.0 / 3456, -15.0 / 336, 3.0 / 40, -1.0 / 6, 1};

    /**
     * asinh z = z (1 − z²/6 + 3z⁴/40 − 15z⁶/336 + 105z⁸/3456) for |z| < 1e-2 (the next term is below 1e-21 of the
     * sum); each part of the result is its part of z times a factor near 1, so both stay accurate.
     */
    private static void asinhSeries(double x, double y, double[] o, int k) {
        double qr = x * x - y * y, qi = 2 * x * y;   // z²
        double[] c = ASINH_SERIES;
        double sr = c[0], si = 0;
        for (int j = 1; j < c.length; j++) {   // Horner in z²
            double t = sr * qr - si * qi;
            si = sr * qi + si * qr;
            sr = t + c[j];
        }
        o[k] = x * sr - y * si;
        o[k + 1] = x * si + y * sr;
    }

    /** C99's casinh for a non-finite part (Annex G.6.2.2). */
    private static void asinhSpecial(double x, double y, double[] o, int k) {
        if (Double.isInfinite(x)) {
            o[k] = x;
            o[k + 1] = y != y ? y : Double.isInfinite(y) ? Math.copySign(Math.PI / 4, y) : Math.copySign(0, y);
        } else if (Double.isInfinite(y)) {
            o[k] = Math.copySign(Double.POSITIVE_INFINITY, x);   // a NaN's sign bit too, as glibc
            o[k + 1] = x != x ? Double.NaN : Math.copySign(Math.PI / 2, y);
        } else {   // a NaN part and no infinite one
            o[k] = Double.NaN;
            o[k + 1] = x != x && y == 0 ? y : Double.NaN;
        }
    }

    /** C99's catanh for a non-finite part (Annex G.6.2.3): ±0 + ±π/2·i towards an infinity. */
    private static void atanhSpecial(double x, double y, double[] o, int k) {
        if (Double.isInfinite(y)) {
            o[k] = x != x ? 0 : Math.copySign(0, x);
            o[k + 1] = Math.copySign(Math.PI / 2, y);
        } else if (Double.isInfinite(x)) {
            o[k] = Math.copySign(0, x);
            o[k + 1] = y != y ? y : Math.copySign(Math.PI / 2, y);
        } else {   // a NaN part and no infinite one
            o[k] = x == 0 ? x : Double.NaN;
            o[k + 1] = Double.NaN;
        }
    }

    /** atanh(z) = (log(1 + z) − log(1 − z)) / 2, the real part through log1p. */
    static void atanh(double x, double y, double[] o, int k) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) { atanhSpecial(x, y, o, k); return; }
        // real part log|1 + z| − log|1 − z| as log1p(4x / |1 − z|²) / 2 (glibc's form): the difference of logs loses
        // everything for small x; beyond 1e150 the square would overflow and the real part is x / |z|², scaled
        double r;
        double ax = Math.abs(x), ay = Math.abs(y);
        if (ax > 1e150 || ay > 1e150) {
            double m = Math.max(ax, ay), xs = x / m, ys = y / m;
            r = 2 * (xs / (xs * xs + ys * ys)) / m;
        } else {
            // for |x| (the real part is odd in x): a negative x near -1 would take log1p of -1 + rounding
            double d = (1 - ax) * (1 - ax) + y * y;
            // next to z = 1 the square underflows; the logs differ so much there that their difference is exact enough
            r = d < 1e-200 ? Math.log(Math.hypot(1 + ax, y)) - Math.log(Math.hypot(1 - ax, y)) : 0.5 * Math.log1p(4 * ax / d);
            r = Math.copySign(r, x);
        }
        double i = Math.atan2(y, 1 + x) - Math.atan2(-y, 1 - x);
        o[k] = r * 0.5;
        o[k + 1] = i * 0.5;
    }

    /** sin. */
    public static final ElementFn SIN = new ElementFn("sin") {
        // sin z = −i sinh(iz); an infinite imaginary part with a non-finite real part gives NaN + inf·i (glibc's sign)
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) {
                sinh(-a[2 * i + 1], a[2 * i], o, 2 * i);
                rotateMinusI(o, 2 * i);
                if (Double.isInfinite(a[2 * i + 1]) && !Double.isFinite(a[2 * i])) o[2 * i + 1] = Double.POSITIVE_INFINITY;
            }
        }
    };
    /** cos. */
    public static final ElementFn COS = new ElementFn("cos") {
        // cos z = cosh(iz)
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) cosh(-a[2 * i + 1], a[2 * i], o, 2 * i);
        }
    };
    /** tan. */
    public static final ElementFn TAN = new ElementFn("tan") {
        // tan z = −i tanh(iz)
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) { tanh(-a[2 * i + 1], a[2 * i], o, 2 * i); rotateMinusI(o, 2 * i); }
        }
    };
    /** sinh. */
    public static final ElementFn SINH = new ElementFn("sinh") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) sinh(a[2 * i], a[2 * i + 1], o, 2 * i); }
    };
    /** cosh. */
    public static final ElementFn COSH = new ElementFn("cosh") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) cosh(a[2 * i], a[2 * i + 1], o, 2 * i); }
    };
    /** tanh. */
    public static final ElementFn TANH = new ElementFn("tanh") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) tanh(a[2 * i], a[2 * i + 1], o, 2 * i); }
    };
    /** asinh. */
    public static final ElementFn ARCSINH = new ElementFn("arcsinh") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) asinh(a[2 * i], a[2 * i + 1], o, 2 * i); }
    };
    /** atanh. */
    public static final ElementFn ARCTANH = new ElementFn("arctanh") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) { for (int i = 0; i < n; i++) atanh(a[2 * i], a[2 * i + 1], o, 2 * i); }
    };
    /** asin z = −i asinh(iz). */
    public static final ElementFn ARCSIN = new ElementFn("arcsin") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) { asinh(-a[2 * i + 1], a[2 * i], o, 2 * i); rotateMinusI(o, 2 * i); }
        }
    };
    /** acos z = π/2 − asin z. */
    public static final ElementFn ARCCOS = new ElementFn("arccos") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) {
                asinh(-a[2 * i + 1], a[2 * i], o, 2 * i);
                rotateMinusI(o, 2 * i);
                o[2 * i] = Math.PI / 2 - o[2 * i];
                o[2 * i + 1] = -o[2 * i + 1];
            }
        }
    };
    /** atan z = −i atanh(iz). */
    public static final ElementFn ARCTAN = new ElementFn("arctan") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            for (int i = 0; i < n; i++) { atanh(-a[2 * i + 1], a[2 * i], o, 2 * i); rotateMinusI(o, 2 * i); }
        }
    };
    /**
     * acosh z by Kahan's formula ("Branch cuts for complex elementary functions"): with ξ = sqrt(z − 1), η = sqrt(z + 1),
     * acosh z = asinh(Re(conj(ξ)·η)) + 2i·atan2(Im ξ, Re η). log(z + sqrt(z + 1)·sqrt(z − 1)) lost the real part for
     * small |z| (log of 1 + rounding), overflowed for large |z| and came out slightly negative on the cut (−0.5 + 0i).
     */
    public static final ElementFn ARCCOSH = new ElementFn("arccosh") {
        @Override public void applyComplex(double[] a, double[] b, double[] o, int n) {
            double[] p = new double[2], q = new double[2];
            for (int i = 0; i < n; i++) {
                double x = a[2 * i], y = a[2 * i + 1];
                if (!Double.isFinite(x) || !Double.isFinite(y)) { acoshSpecial(x, y, o, 2 * i); continue; }
                if (Math.abs(x) > 1e150 || Math.abs(y) > 1e150) {   // the products would overflow: acosh z = log 2z to rounding
                    log(x, y, o, 2 * i);
                    o[2 * i] += LN2;
                    continue;
                }
                sqrt(x - 1, y, p, 0);   // ξ
                sqrt(x + 1, y, q, 0);   // η
                o[2 * i] = Kernels.asinh(p[0] * q[0] + p[1] * q[1]);
                o[2 * i + 1] = 2 * Math.atan2(p[1], q[0]);
            }
        }
    };

    /** C99's cacosh for a non-finite part (Annex G.6.2.1): real part +inf towards an infinity. */
    private static void acoshSpecial(double x, double y, double[] o, int k) {
        if (Double.isInfinite(x)) {
            o[k] = Double.POSITIVE_INFINITY;
            o[k + 1] = y != y ? y : Math.copySign(Double.isInfinite(y) ? (x > 0 ? Math.PI / 4 : 3 * Math.PI / 4) : (x > 0 ? 0 : Math.PI), y);
        } else if (Double.isInfinite(y)) {
            o[k] = Double.POSITIVE_INFINITY;
            o[k + 1] = x != x ? Double.NaN : Math.copySign(Math.PI / 2, y);
        } else {   // a NaN part and no infinite one; ±0 + NaN·i lies on the cut's perpendicular: NaN + π/2·i
            o[k] = Double.NaN;
            o[k + 1] = x == 0 && y != y ? Math.PI / 2 : Double.NaN;
        }
    }

    /** (u + vi) · (−i) = v − ui, in place. */
    private static void rotateMinusI(double[] o, int k) {
        double u = o[k];
        o[k] = o[k + 1];
        o[k + 1] = -u;
    }

    // ------------------------------------------------------------------------------------ partners of the real kernels

    private static final Map<ElementFn, ElementFn> PARTNERS = new IdentityHashMap<>();

    static {
        Object[][] pairs = {
            {Kernels.ADD, ADD}, {Kernels.SUB, SUB}, {Kernels.MUL, MUL}, {Kernels.DIV, DIV}, {Kernels.POW, POW},
            {Kernels.NEG, NEG}, {Kernels.POS, POS}, {Kernels.SQUARE, SQUARE}, {Kernels.ABS, ABS},
            {Kernels.EQ, EQ}, {Kernels.NE, NE}, {Kernels.LOGICAL_AND, LOGICAL_AND}, {Kernels.LOGICAL_OR, LOGICAL_OR},
            {Kernels.LOGICAL_XOR, LOGICAL_XOR}, {Kernels.LOGICAL_NOT, LOGICAL_NOT}, {Kernels.ISNAN, ISNAN}, {Kernels.ISINF, ISINF}, {Kernels.ISFINITE, ISFINITE},
            {Kernels.EXP, EXP}, {Kernels.EXPM1, EXPM1}, {Kernels.EXP2, EXP2}, {Kernels.LOG1P, LOG1P},
            {Kernels.SIGN, SIGN}, {Kernels.RECIPROCAL, RECIPROCAL}, {Kernels.LOG, LOG}, {Kernels.LOG2, LOG2}, {Kernels.LOG10, LOG10}, {Kernels.SQRT, SQRT},
            {Kernels.SIN, SIN}, {Kernels.COS, COS}, {Kernels.TAN, TAN}, {Kernels.SINH, SINH}, {Kernels.COSH, COSH},
            {Kernels.TANH, TANH}, {Kernels.ARCSIN, ARCSIN}, {Kernels.ARCCOS, ARCCOS}, {Kernels.ARCTAN, ARCTAN},
            {Kernels.ARCSINH, ARCSINH}, {Kernels.ARCCOSH, ARCCOSH}, {Kernels.ARCTANH, ARCTANH},
        };
        for (Object[] p : pairs) PARTNERS.put((ElementFn) p[0], (ElementFn) p[1]);
    }

    /**
     * The complex kernel for a real kernel of {@link Kernels} (itself when it already has a complex path), or null
     * when the operation is not defined for complex numbers here (ordering comparisons, maximum, floor, bitwise …).
     * <pre>{@code ElementFn f = ComplexKernels.of(Kernels.EXP); }</pre>
     */
    public static ElementFn of(ElementFn real) {
        return real.hasComplexPath() ? real : PARTNERS.get(real);
    }
}
