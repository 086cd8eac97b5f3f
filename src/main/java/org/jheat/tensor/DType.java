package org.jheat.tensor;

import java.lang.foreign.ValueLayout;
import java.util.Locale;

/**
 * Element types of jheat arrays, with numpy's names, sizes and type-promotion rules.
 *
 * <pre>{@code
 * DType t = DType.promoteTypes(DType.INT32, DType.FLOAT32);   // FLOAT64, as numpy
 * DType s = DType.resultType(DType.INT8, 1.5);                // FLOAT64 (NEP 50: Java scalars are "weak")
 * }</pre>
 *
 * <p>Complex types store interleaved (real, imaginary) pairs; a {@link Complex} Java scalar is a weak complex operand.
 * {@link #requireReal(String)} raises a clear error where an operation is defined for real types only.
 */
public enum DType {
    /** Boolean, one byte per element (0 or 1). */
    BOOL(1, 'b', "bool", ValueLayout.JAVA_BYTE),
    /** Signed 8-bit integer. */
    INT8(1, 'i', "int8", ValueLayout.JAVA_BYTE),
    /** Unsigned 8-bit integer. */
    UINT8(1, 'u', "uint8", ValueLayout.JAVA_BYTE),
    /** Signed 16-bit integer. */
    INT16(2, 'i', "int16", ValueLayout.JAVA_SHORT_UNALIGNED),
    /** Signed 32-bit integer. */
    INT32(4, 'i', "int32", ValueLayout.JAVA_INT_UNALIGNED),
    /** Signed 64-bit integer. */
    INT64(8, 'i', "int64", ValueLayout.JAVA_LONG_UNALIGNED),
    /** IEEE single precision. */
    FLOAT32(4, 'f', "float32", ValueLayout.JAVA_FLOAT_UNALIGNED),
    /** IEEE double precision (jheat's default floating type, as numpy's). */
    FLOAT64(8, 'f', "float64", ValueLayout.JAVA_DOUBLE_UNALIGNED),
    /** Two float32 (real, imaginary), interleaved. */
    COMPLEX64(8, 'c', "complex64", ValueLayout.JAVA_FLOAT_UNALIGNED),
    /** Two float64 (real, imaginary), interleaved. */
    COMPLEX128(16, 'c', "complex128", ValueLayout.JAVA_DOUBLE_UNALIGNED);

    private final int itemSize;
    private final char kind;
    private final String numpyName;
    private final ValueLayout layout;

    DType(int itemSize, char kind, String numpyName, ValueLayout layout) {
        this.itemSize = itemSize;
        this.kind = kind;
        this.numpyName = numpyName;
        this.layout = layout;
    }

    /** Bytes per element, e.g. {@code FLOAT64.itemSize() == 8}. */
    public int itemSize() { return itemSize; }

    /** numpy's kind character: b (bool), i (signed), u (unsigned), f (float), c (complex). */
    public char kind() { return kind; }

    /** numpy's name, e.g. {@code "float64"}. */
    public String numpyName() { return numpyName; }

    /** The value layout of one element (of one component for complex types). */
    public ValueLayout layout() { return layout; }

    /** True for BOOL. */
    public boolean isBool() { return kind == 'b'; }

    /** True for signed and unsigned integers (not bool). */
    public boolean isInteger() { return kind == 'i' || kind == 'u'; }

    /** True for FLOAT32 and FLOAT64. */
    public boolean isFloat() { return kind == 'f'; }

    /** True for COMPLEX64 and COMPLEX128. */
    public boolean isComplex() { return kind == 'c'; }

    /** True where values are read and written through a Java {@code long} without loss (bool and integers). */
    public boolean isIntegral() { return kind == 'b' || kind == 'i' || kind == 'u'; }

    private int kindRank() {
        return switch (kind) {
            case 'b' -> 0;
            case 'u', 'i' -> 1;
            case 'f' -> 2;
            default -> 3;
        };
    }

    /**
     * Throws {@link UnsupportedOperationException} naming {@code op} when this is a complex type: for operations that
     * need an ordering or are defined on real numbers only (numpy raises there too, or Heat/torch do).
     * <pre>{@code dtype.requireReal("histogram"); }</pre>
     */
    public DType requireReal(String op) {
        if (isComplex()) {
            throw new UnsupportedOperationException(op + " is not defined for complex dtype " + numpyName
                    + " (real dtypes only: bool, int8, uint8, int16, int32, int64, float32, float64)");
        }
        return this;
    }

    /**
     * The type of one component: float32 for complex64, float64 for complex128, the type itself otherwise
     * (numpy's {@code x.real.dtype}). <pre>{@code COMPLEX64.componentType() == FLOAT32}</pre>
     */
    public DType componentType() {
        return this == COMPLEX64 ? FLOAT32 : this == COMPLEX128 ? FLOAT64 : this;
    }

    /**
     * The complex type that holds this type's values: complex64 for float32 and bool, int8, uint8, int16 (numpy's
     * promotion with complex64), complex128 otherwise; complex types themselves.
     * <pre>{@code FLOAT64.toComplex() == COMPLEX128}</pre>
     */
    public DType toComplex() {
        return isComplex() ? this : promoteTypes(this, COMPLEX64);
    }

    /**
     * Parses a numpy-style name ("float32", "f8", "int", "double", "bool" …).
     * <pre>{@code DType.of("float32") == DType.FLOAT32}</pre>
     */
    public static DType of(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("ht.") || n.startsWith("np.")) n = n.substring(3);
        return switch (n) {
            case "bool", "bool_", "boolean", "?" -> BOOL;
            case "int8", "i1", "byte" -> INT8;
            case "uint8", "u1", "ubyte" -> UINT8;
            case "int16", "i2", "short" -> INT16;
            case "int32", "i4", "int", "intc" -> INT32;
            case "int64", "i8", "long" -> INT64;
            case "float32", "f4", "float", "single" -> FLOAT32;
            case "float64", "f8", "double" -> FLOAT64;
            case "complex64", "c8" -> COMPLEX64;
            case "complex128", "c16", "complex" -> COMPLEX128;
            default -> throw new IllegalArgumentException("unknown dtype '" + name
                    + "'; allowed: bool, int8, uint8, int16, int32, int64, float32, float64, complex64, complex128");
        };
    }

    /**
     * numpy's {@code promote_types}: the smallest type both {@code a} and {@code b} cast to safely.
     * <pre>{@code promoteTypes(INT8, UINT8) == INT16; promoteTypes(INT64, FLOAT32) == FLOAT64}</pre>
     */
    public static DType promoteTypes(DType a, DType b) {
        if (a == b) return a;
        if (a.kindRank() > b.kindRank() || (a.kindRank() == b.kindRank() && a.ordinal() > b.ordinal())) {
            DType t = a; a = b; b = t;
        }
        // now a is of lower (or same) kind than b
        if (a == BOOL) return b;
        if (a.isInteger() && b.isInteger()) {
            if (a == UINT8 || b == UINT8) {
                DType signed = a == UINT8 ? b : a;
                return signed == INT8 ? INT16 : signed;
            }
            return a.itemSize >= b.itemSize ? a : b;
        }
        if (a.isInteger() && b.isFloat()) {
            if (b == FLOAT64) return FLOAT64;
            return a.itemSize <= 2 ? FLOAT32 : FLOAT64;
        }
        if (a.isFloat() && b.isFloat()) return a.itemSize >= b.itemSize ? a : b;
        // b is complex
        if (b == COMPLEX128) return COMPLEX128;
        if (a == FLOAT64 || (a.isInteger() && a.itemSize >= 4)) return COMPLEX128;
        return COMPLEX64;
    }

    /**
     * numpy's {@code result_type} under NEP 50 (numpy 2): {@link DType}s are strong, Java scalars
     * ({@link Boolean}, integral and floating {@link Number}s, {@link Complex}) are weak: they only raise the result's kind,
     * to the default type of that kind (int64, float64), never its size within the kind.
     * <pre>{@code resultType(DType.FLOAT32, 2.0) == FLOAT32; resultType(DType.INT8, 2.5) == FLOAT64}</pre>
     *
     * @param operands DTypes, objects implementing {@link HasDType}, or Java scalars
     */
    public static DType resultType(Object... operands) {
        if (operands.length == 0) throw new IllegalArgumentException("resultType: at least one operand is required");
        DType strong = null;
        int weakKind = -1;
        for (Object o : operands) {
            DType t = o instanceof DType d ? d : o instanceof HasDType h ? h.dtype() : null;
            if (t != null) {
                strong = strong == null ? t : promoteTypes(strong, t);
                continue;
            }
            weakKind = Math.max(weakKind, scalarKind(o));
        }
        if (strong == null) return defaultForKind(weakKind);
        if (weakKind > strong.kindRank()) {
            if (weakKind == 3 && strong.isFloat()) return strong == FLOAT32 ? COMPLEX64 : COMPLEX128;
            return promoteTypes(strong, defaultForKind(weakKind));
        }
        return strong;
    }

    /** The dtype of a Java scalar on its own: bool, int64, float64 or complex128. <pre>{@code ofScalar(3) == INT64}</pre> */
    public static DType ofScalar(Object scalar) {
        return defaultForKind(scalarKind(scalar));
    }

    private static int scalarKind(Object o) {
        if (o instanceof Boolean) return 0;
        if (o instanceof Byte || o instanceof Short || o instanceof Integer || o instanceof Long) return 1;
        if (o instanceof Float || o instanceof Double) return 2;
        if (o instanceof Complex) return 3;
        throw new IllegalArgumentException("unsupported operand type " + (o == null ? "null" : o.getClass().getName())
                + "; allowed: DType, arrays, Boolean, Byte, Short, Integer, Long, Float, Double, Complex");
    }

    private static DType defaultForKind(int k) {
        return switch (k) {
            case 0 -> BOOL;
            case 1 -> INT64;
            case 2 -> FLOAT64;
            default -> COMPLEX128;
        };
    }

    /**
     * numpy's {@code can_cast(from, to, casting)} with casting one of "no", "equiv", "safe", "same_kind", "unsafe".
     * <pre>{@code canCast(INT32, FLOAT64, "safe") == true; canCast(FLOAT64, INT32, "same_kind") == false}</pre>
     */
    public static boolean canCast(DType from, DType to, String casting) {
        return switch (casting) {
            case "no", "equiv" -> from == to;
            case "safe" -> promoteTypes(from, to) == to;
            case "same_kind" -> promoteTypes(from, to) == to || sameKindOrder(from) <= sameKindOrder(to);
            case "unsafe" -> true;
            default -> throw new IllegalArgumentException("casting must be one of no, equiv, safe, same_kind, unsafe; got '"
                    + casting + "'");
        };
    }

    private static int sameKindOrder(DType t) {
        return switch (t.kind) {
            case 'b' -> 0;
            case 'u' -> 1;
            case 'i' -> 2;
            case 'f' -> 3;
            default -> 4;
        };
    }

    /**
     * numpy's {@code issubdtype} for the abstract kinds: "bool", "integer", "signedinteger", "unsignedinteger",
     * "floating", "complexfloating", "inexact", "number", "generic", or a concrete name.
     * <pre>{@code issubdtype(FLOAT32, "floating") == true}</pre>
     */
    public static boolean issubdtype(DType t, String kindName) {
        return switch (kindName) {
            case "generic" -> true;
            case "number" -> t != BOOL;
            case "integer" -> t.isInteger();
            case "signedinteger" -> t.kind == 'i';
            case "unsignedinteger" -> t.kind == 'u';
            case "floating" -> t.isFloat();
            case "complexfloating" -> t.isComplex();
            case "inexact" -> t.isFloat() || t.isComplex();
            default -> t == of(kindName);
        };
    }

    /** numpy's name. */
    @Override
    public String toString() { return numpyName; }
}
