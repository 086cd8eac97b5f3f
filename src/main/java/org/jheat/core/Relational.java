package org.jheat.core;

import org.jheat.tensor.Kernels;

/**
 * Element-wise comparisons giving bool arrays (Heat's {@code relational} module), with numpy's names and Heat's
 * short aliases.
 *
 * <pre>{@code DNDarray mask = Relational.gt(x, 0.5); }</pre>
 */
public final class Relational {
    private Relational() { }

    /** a == b. */ public static DNDarray eq(Object a, Object b) { return Operations.binary(Kernels.EQ, TypeRule.BOOL, a, b); }
    /** Alias of eq. */ public static DNDarray equal(Object a, Object b) { return eq(a, b); }
    /** a != b. */ public static DNDarray ne(Object a, Object b) { return Operations.binary(Kernels.NE, TypeRule.BOOL, a, b); }
    /** Alias of ne. */ public static DNDarray notEqual(Object a, Object b) { return ne(a, b); }
    /** a < b. */ public static DNDarray lt(Object a, Object b) { return Operations.binary(Kernels.LT, TypeRule.BOOL, a, b); }
    /** Alias of lt. */ public static DNDarray less(Object a, Object b) { return lt(a, b); }
    /** a <= b. */ public static DNDarray le(Object a, Object b) { return Operations.binary(Kernels.LE, TypeRule.BOOL, a, b); }
    /** Alias of le. */ public static DNDarray lessEqual(Object a, Object b) { return le(a, b); }
    /** a > b. */ public static DNDarray gt(Object a, Object b) { return Operations.binary(Kernels.GT, TypeRule.BOOL, a, b); }
    /** Alias of gt. */ public static DNDarray greater(Object a, Object b) { return gt(a, b); }
    /** a >= b. */ public static DNDarray ge(Object a, Object b) { return Operations.binary(Kernels.GE, TypeRule.BOOL, a, b); }
    /** Alias of ge. */ public static DNDarray greaterEqual(Object a, Object b) { return ge(a, b); }
}
