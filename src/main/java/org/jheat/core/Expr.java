package org.jheat.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A fused element-wise expression: a tree of numpy's element-wise functions over arrays, named variables and Java
 * scalars, evaluated in one pass over the data ({@link Expressions}) — no full-size temporaries, each input read
 * once, the result written once. Built with the methods below or parsed from text ({@link #parse}); immutable, so a
 * parsed expression can be kept and evaluated many times on different arrays.
 *
 * <p>Semantics are the eager operations', node by node: {@code Expr.of(x).mul(3).add(y).eval()} is bit-identical to
 * {@code add(mul(x, 3), y)} — numpy broadcasting, numpy 2 type promotion with Java scalars (and literals) as weak
 * operands, float32 rounding after every node, integer wrap-around, and the eager operations' distribution of the
 * result (see {@link Expressions}).
 *
 * <pre>{@code
 * DNDarray z = Expr.of(x).mul(3).add(y).eval();                 // 3*x + y
 * DNDarray r = Expr.where(Expr.of(x).gt(0), x, 0.0).eval();      // relu
 * Expr e = Expr.parse("sqrt(a**2 + b**2)");
 * DNDarray h = e.eval(Map.of("a", a, "b", b));
 * e.evalInto(h, Map.of("a", a2, "b", b2));                       // reuses h's memory
 * }</pre>
 */
public final class Expr {
    /** What a node is. */
    enum Kind { ARRAY, VAR, CONST, CALL }

    final Kind kind;
    /** Variable or function name (VAR, CALL). */
    final String name;
    /** The array (ARRAY) or the Java scalar (CONST). */
    final Object value;
    final Expr[] args;
    /** Position in the parsed text (0-based), -1 for built expressions. */
    final int pos;
    /** The parsed text (null for built expressions), for error messages with a caret. */
    final String src;

    private Expr(Kind kind, String name, Object value, Expr[] args, int pos, String src) {
        this.kind = kind;
        this.name = name;
        this.value = value;
        this.args = args;
        this.pos = pos;
        this.src = src;
    }

    static Expr variable(String name, int pos, String src) { return new Expr(Kind.VAR, name, null, new Expr[0], pos, src); }

    static Expr literal(Object scalar, int pos, String src) { return new Expr(Kind.CONST, null, scalar, new Expr[0], pos, src); }

    static Expr call(String fn, int pos, String src, Expr... args) { return new Expr(Kind.CALL, fn, null, args, pos, src); }

    // ------------------------------------------------------------------------------------ building

    /** The array x as an expression leaf. <pre>{@code Expr.of(x).mul(2)}</pre> */
    public static Expr of(DNDarray x) {
        if (x == null) throw new IllegalArgumentException("Expr.of: array must not be null");
        return new Expr(Kind.ARRAY, null, x, new Expr[0], -1, null);
    }

    /** A named variable, bound when the expression is evaluated. <pre>{@code Expr.var("x").add(1).eval(Map.of("x", x))}</pre> */
    public static Expr var(String name) {
        if (name == null || !ExprParser.isName(name)) throw new IllegalArgumentException("Expr.var: not a valid name: " + name);
        return variable(name, -1, null);
    }

    /**
     * An expression, array or Java scalar as an expression.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Expr lift(Object o) {
        if (o instanceof Expr e) return e;
        if (o instanceof DNDarray d) return of(d);
        if (o instanceof Boolean || o instanceof Byte || o instanceof Short || o instanceof Integer || o instanceof Long
                || o instanceof Float || o instanceof Double || o instanceof org.jheat.tensor.Complex) {
            return literal(o, -1, null);
        }
        throw new IllegalArgumentException("expression operand must be an Expr, a DNDarray or a Java scalar (Boolean, Integer, Long, Float, "
                + "Double, Complex), got " + (o == null ? "null" : o.getClass().getName()));
    }

    /**
     * numpy's element-wise function {@code fn} (its numpy name, e.g. "exp", "maximum", "where"; see
     * {@link Expressions#functions()}) applied to expressions, arrays or scalars.
     * <pre>{@code Expr.apply("hypot", x, y)}</pre>
     *
     * @throws IllegalArgumentException for an unknown name or a wrong number of arguments
     */
    public static Expr apply(String fn, Object... args) {
        Expressions.checkCall(fn, args.length, -1, null);
        Expr[] a = new Expr[args.length];
        for (int i = 0; i < a.length; i++) a[i] = lift(args[i]);
        return call(fn, -1, null, a);
    }

    /** numpy's {@code where(cond, a, b)}. <pre>{@code Expr.where(Expr.of(x).lt(0), 0.0, x)}</pre> */
    public static Expr where(Object cond, Object a, Object b) { return apply("where", cond, a, b); }

    /** this + o. */ public Expr add(Object o) { return apply("add", this, o); }
    /** this - o. */ public Expr sub(Object o) { return apply("subtract", this, o); }
    /** this * o. */ public Expr mul(Object o) { return apply("multiply", this, o); }
    /** this / o (true division). */ public Expr div(Object o) { return apply("divide", this, o); }
    /** this // o. */ public Expr floordiv(Object o) { return apply("floor_divide", this, o); }
    /** this % o (Python's remainder). */ public Expr mod(Object o) { return apply("remainder", this, o); }
    /** this ** o. */ public Expr pow(Object o) { return apply("power", this, o); }
    /** -this. */ public Expr neg() { return apply("negative", this); }
    /** this < o. */ public Expr lt(Object o) { return apply("less", this, o); }
    /** this <= o. */ public Expr le(Object o) { return apply("less_equal", this, o); }
    /** this > o. */ public Expr gt(Object o) { return apply("greater", this, o); }
    /** this >= o. */ public Expr ge(Object o) { return apply("greater_equal", this, o); }
    /** this == o. */ public Expr eq(Object o) { return apply("equal", this, o); }
    /** this != o. */ public Expr ne(Object o) { return apply("not_equal", this, o); }
    /** The element-wise function fn of this (e.g. "exp", "sqrt", "abs"). <pre>{@code Expr.of(x).call("exp")}</pre> */
    public Expr call(String fn) { return apply(fn, this); }

    // ------------------------------------------------------------------------------------ parsing and evaluation

    /**
     * Parses numexpr-style text: numbers, variable names, {@code + - * / // % **}, unary {@code - + ~}, comparisons
     * {@code < <= > >= == !=}, {@code & | ^ << >>}, parentheses and calls of numpy's element-wise functions
     * ({@link Expressions#functions()}); Python's precedence (comparisons loosest: {@code (x > 0) & (y > 0)} needs its
     * parentheses). Integer literals are Java longs, others doubles, {@code True} and {@code False} booleans — all weak,
     * as Python scalars are in numpy 2; a literal integer to a negative integer power is Python's float ({@code 2**-1}).
     * <pre>{@code Expr e = Expr.parse("where(x > 0, x, 0.1 * x)"); }</pre>
     *
     * @throws IllegalArgumentException for a syntax error, an unknown function or a wrong argument count, naming the position
     */
    public static Expr parse(String text) { return ExprParser.parse(text); }

    /**
     * The variable names of the expression in alphabetical order (the order positional values bind in, as numexpr's
     * {@code NumExpr} without a signature). <pre>{@code Expr.parse("y + 3*x").variables()  // [x, y]}</pre>
     */
    public List<String> variables() {
        Set<String> s = new TreeSet<>();
        collect(s);
        return new ArrayList<>(s);
    }

    private void collect(Set<String> s) {
        if (kind == Kind.VAR) s.add(name);
        for (Expr a : args) a.collect(s);
    }

    /** Evaluates an expression without named variables (built from arrays). <pre>{@code Expr.of(x).mul(3).add(y).eval()}</pre> */
    public DNDarray eval() { return Expressions.evaluate(this, Map.of(), null); }

    /** Evaluates with named variables bound to arrays or Java scalars. <pre>{@code e.eval(Map.of("x", x, "y", y))}</pre> */
    public DNDarray eval(Map<String, ?> vars) { return Expressions.evaluate(this, vars, null); }

    /**
     * Evaluates into {@code out} (numpy's {@code out=}): the result must broadcast to out's shape and cast to its dtype
     * under "same_kind"; out keeps its distribution and no new array is allocated for the result. out may be one of the
     * operands (in place). Returns out.
     * <pre>{@code Expr.of(x).mul(3).add(y).evalInto(x)   // x = 3*x + y in place}</pre>
     */
    public DNDarray evalInto(DNDarray out) { return Expressions.evaluate(this, Map.of(), out); }

    /** {@link #evalInto(DNDarray)} with named variables. */
    public DNDarray evalInto(DNDarray out, Map<String, ?> vars) { return Expressions.evaluate(this, vars, out); }

    /** The expression as text (arrays shown by shape and dtype). */
    @Override
    public String toString() {
        return switch (kind) {
            case ARRAY -> {
                DNDarray d = (DNDarray) value;
                yield "array" + Arrays.toString(d.gshape()) + ":" + d.dtype();
            }
            case VAR -> name;
            case CONST -> value instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(value);
            case CALL -> {
                StringBuilder b = new StringBuilder(name).append('(');
                for (int i = 0; i < args.length; i++) b.append(i > 0 ? ", " : "").append(args[i]);
                yield b.append(')').toString();
            }
        };
    }
}
