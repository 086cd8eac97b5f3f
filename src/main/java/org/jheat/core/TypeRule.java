package org.jheat.core;

import org.jheat.tensor.DType;

/**
 * How an element-wise operation's result dtype follows from its operands' (numpy's loop selection, with float32
 * standing in for numpy's float16, which jheat does not have).
 *
 * <pre>{@code DType t = TypeRule.TRUE_DIV.result(DType.INT32);   // FLOAT64 }</pre>
 */
public enum TypeRule {
    /** The promoted type (add, multiply, maximum …; bool stays bool). */
    SAME,
    /** The promoted type, bool computed as int8 (floor_divide, remainder, power, square …). */
    SAME_NOBOOL,
    /** Floating: integers and bool give float64 (true division). */
    TRUE_DIV,
    /** Floating: bool, int8, uint8 and int16 give float32, wider integers float64 (sqrt, exp, sin, floor …). */
    FLOAT,
    /** bool (comparisons, logical functions, predicates such as isnan). */
    BOOL,
    /** Integer or bool operands only, the promoted type (bitwise operations, shifts). */
    INTEGER,
    /** Integer operands only (gcd, lcm); bool counts as int8. */
    INTEGER_STRICT,
    /** The promoted type for real operands, the component type for complex ones (absolute: |complex128| is float64). */
    REAL,
    /** A complex type: complex64 for float32 (and complex64), complex128 otherwise (numpy's {@code x + 1j*y}). */
    COMPLEX;

    /** The result dtype for operands promoted to {@code t} (complex types stay complex except for BOOL and REAL). */
    public DType result(DType t) {
        return switch (this) {
            case SAME -> t;
            case SAME_NOBOOL, INTEGER_STRICT -> t == DType.BOOL ? DType.INT8 : t;
            case TRUE_DIV -> t.isFloat() || t.isComplex() ? t : DType.FLOAT64;
            case FLOAT -> t.isFloat() || t.isComplex() ? t : (t.itemSize() <= 2 ? DType.FLOAT32 : DType.FLOAT64);
            case REAL -> t.componentType();
            case COMPLEX -> t == DType.FLOAT32 || t == DType.COMPLEX64 ? DType.COMPLEX64 : DType.COMPLEX128;
            case BOOL -> DType.BOOL;
            case INTEGER -> t;
        };
    }

    /**
     * Throws when operands of promoted type {@code t} are not allowed, naming the operation. Whether an operation
     * exists for complex operands is its kernel's matter ({@code Operations} looks for the complex kernel).
     */
    public void check(String op, DType t) {
        if ((this == INTEGER || this == INTEGER_STRICT) && !t.isIntegral()) {
            throw new IllegalArgumentException(op + " is only defined for integer and bool operands, got " + t);
        }
    }
}
