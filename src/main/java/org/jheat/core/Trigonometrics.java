package org.jheat.core;

import org.jheat.tensor.Kernels;

/**
 * Trigonometric and hyperbolic functions (Heat's {@code trigonometrics} module), with numpy's names and aliases.
 *
 * <pre>{@code DNDarray s = Trigonometrics.sin(Trigonometrics.deg2rad(angles)); }</pre>
 */
public final class Trigonometrics {
    private Trigonometrics() { }

    /** sin. */ public static DNDarray sin(DNDarray x) { return Operations.unary(Kernels.SIN, TypeRule.FLOAT, x); }
    /** cos. */ public static DNDarray cos(DNDarray x) { return Operations.unary(Kernels.COS, TypeRule.FLOAT, x); }
    /** tan. */ public static DNDarray tan(DNDarray x) { return Operations.unary(Kernels.TAN, TypeRule.FLOAT, x); }
    /** arcsin. */ public static DNDarray arcsin(DNDarray x) { return Operations.unary(Kernels.ARCSIN, TypeRule.FLOAT, x); }
    /** Alias of arcsin. */ public static DNDarray asin(DNDarray x) { return arcsin(x); }
    /** arccos. */ public static DNDarray arccos(DNDarray x) { return Operations.unary(Kernels.ARCCOS, TypeRule.FLOAT, x); }
    /** Alias of arccos. */ public static DNDarray acos(DNDarray x) { return arccos(x); }
    /** arctan. */ public static DNDarray arctan(DNDarray x) { return Operations.unary(Kernels.ARCTAN, TypeRule.FLOAT, x); }
    /** Alias of arctan. */ public static DNDarray atan(DNDarray x) { return arctan(x); }
    /** atan2(a, b), the angle of the point (b, a). */ public static DNDarray arctan2(Object a, Object b) { return Operations.binary(Kernels.ARCTAN2, TypeRule.FLOAT, a, b); }
    /** Alias of arctan2. */ public static DNDarray atan2(Object a, Object b) { return arctan2(a, b); }
    /** sinh. */ public static DNDarray sinh(DNDarray x) { return Operations.unary(Kernels.SINH, TypeRule.FLOAT, x); }
    /** cosh. */ public static DNDarray cosh(DNDarray x) { return Operations.unary(Kernels.COSH, TypeRule.FLOAT, x); }
    /** tanh. */ public static DNDarray tanh(DNDarray x) { return Operations.unary(Kernels.TANH, TypeRule.FLOAT, x); }
    /** arsinh. */ public static DNDarray arcsinh(DNDarray x) { return Operations.unary(Kernels.ARCSINH, TypeRule.FLOAT, x); }
    /** Alias of arcsinh. */ public static DNDarray asinh(DNDarray x) { return arcsinh(x); }
    /** arcosh. */ public static DNDarray arccosh(DNDarray x) { return Operations.unary(Kernels.ARCCOSH, TypeRule.FLOAT, x); }
    /** Alias of arccosh. */ public static DNDarray acosh(DNDarray x) { return arccosh(x); }
    /** artanh. */ public static DNDarray arctanh(DNDarray x) { return Operations.unary(Kernels.ARCTANH, TypeRule.FLOAT, x); }
    /** Alias of arctanh. */ public static DNDarray atanh(DNDarray x) { return arctanh(x); }
    /** Degrees to radians. */ public static DNDarray deg2rad(DNDarray x) { return Operations.unary(Kernels.DEG2RAD, TypeRule.FLOAT, x); }
    /** Alias of deg2rad. */ public static DNDarray radians(DNDarray x) { return deg2rad(x); }
    /** Radians to degrees. */ public static DNDarray rad2deg(DNDarray x) { return Operations.unary(Kernels.RAD2DEG, TypeRule.FLOAT, x); }
    /** Alias of rad2deg. */ public static DNDarray degrees(DNDarray x) { return rad2deg(x); }
}
