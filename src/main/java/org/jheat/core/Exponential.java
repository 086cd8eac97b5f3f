package org.jheat.core;

import org.jheat.tensor.Kernels;

/**
 * Exponential and logarithmic functions (Heat's {@code exponential} module). Integer and bool inputs give floats
 * (float32 up to 16-bit integers, float64 above, as numpy with float32 for its float16).
 *
 * <pre>{@code DNDarray y = Exponential.log1p(Exponential.exp(x)); }</pre>
 */
public final class Exponential {
    private Exponential() { }

    /** e^x. */ public static DNDarray exp(DNDarray x) { return Operations.unary(Kernels.EXP, TypeRule.FLOAT, x); }
    /** e^x - 1. */ public static DNDarray expm1(DNDarray x) { return Operations.unary(Kernels.EXPM1, TypeRule.FLOAT, x); }
    /** 2^x. */ public static DNDarray exp2(DNDarray x) { return Operations.unary(Kernels.EXP2, TypeRule.FLOAT, x); }
    /** ln x. */ public static DNDarray log(DNDarray x) { return Operations.unary(Kernels.LOG, TypeRule.FLOAT, x); }
    /** log2 x. */ public static DNDarray log2(DNDarray x) { return Operations.unary(Kernels.LOG2, TypeRule.FLOAT, x); }
    /** log10 x. */ public static DNDarray log10(DNDarray x) { return Operations.unary(Kernels.LOG10, TypeRule.FLOAT, x); }
    /** ln(1 + x). */ public static DNDarray log1p(DNDarray x) { return Operations.unary(Kernels.LOG1P, TypeRule.FLOAT, x); }
    /** √x. */ public static DNDarray sqrt(DNDarray x) { return Operations.unary(Kernels.SQRT, TypeRule.FLOAT, x); }
    /** x² (same dtype; bool gives int8). */ public static DNDarray square(DNDarray x) { return Operations.unary(Kernels.SQUARE, TypeRule.SAME_NOBOOL, x); }
    /** ln(e^a + e^b). */ public static DNDarray logaddexp(Object a, Object b) { return Operations.binary(Kernels.LOGADDEXP, TypeRule.FLOAT, a, b); }
    /** log2(2^a + 2^b). */ public static DNDarray logaddexp2(Object a, Object b) { return Operations.binary(Kernels.LOGADDEXP2, TypeRule.FLOAT, a, b); }
}
