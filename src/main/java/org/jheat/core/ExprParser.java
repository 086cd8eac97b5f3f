package org.jheat.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of numexpr-style expressions into {@link Expr} trees, with Python's precedence (lowest
 * first): comparisons (not chained), {@code |}, {@code ^}, {@code &}, {@code << >>}, {@code + -}, {@code * / // %},
 * unary {@code - + ~}, {@code **} (right-associative; {@code -x**2} is {@code -(x**2)}, {@code 2**-1} is allowed).
 * So {@code i & 1 == 0} is {@code (i & 1) == 0}, and {@code x > 0 & y > 0} is the chained comparison
 * {@code x > (0 & y) > 0}, refused: as in Python, comparisons combined with {@code & | ^} need parentheses. Errors
 * name the position (0-based) and show the text with a caret.
 *
 * <pre>{@code Expr e = ExprParser.parse("3*x + y"); }</pre>
 */
final class ExprParser {
    private final String src;
    private int p;

    private ExprParser(String src) { this.src = src; }

    /** Parses {@code text}; see {@link Expr#parse}. */
    static Expr parse(String text) {
        if (text == null) throw new IllegalArgumentException("expression text must not be null");
        ExprParser ps = new ExprParser(text);
        ps.skip();
        if (ps.p >= text.length()) throw ps.error("empty expression", ps.p);
        Expr e = ps.comparison();
        ps.skip();
        if (ps.p < text.length()) throw ps.error("unexpected '" + text.charAt(ps.p) + "'", ps.p);
        return e;
    }

    /** True for a Python-like identifier. */
    static boolean isName(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0)) || s.charAt(0) == '$') return false;
        for (int i = 1; i < s.length(); i++) if (!Character.isJavaIdentifierPart(s.charAt(i)) || s.charAt(i) == '$') return false;
        return true;
    }

    /** An error at {@code at}, with the expression and a caret under the position. */
    static IllegalArgumentException error(String src, String msg, int at) {
        return new IllegalArgumentException(msg + " at position " + at + " in expression\n  " + src + "\n  " + " ".repeat(Math.max(0, at)) + "^");
    }

    private IllegalArgumentException error(String msg, int at) { return error(src, msg, at); }

    private void skip() {
        while (p < src.length() && Character.isWhitespace(src.charAt(p))) p++;
    }

    /** Consumes {@code op} if it comes next and is not the start of a longer operator in {@code longer}. */
    private boolean eat(String op, String... longer) {
        skip();
        for (String l : longer) if (src.startsWith(l, p)) return false;
        if (src.startsWith(op, p)) {
            p += op.length();
            return true;
        }
        return false;
    }

    /** The lowest level: one comparison of two bitwise-or operands (Python's precedence; chains are refused). */
    private Expr comparison() {
        Expr e = or();
        int at = pos();
        String fn = comparisonOp();
        if (fn == null) return e;
        e = Expr.call(fn, at, src, e, or());
        int again = pos();
        if (comparisonOp() != null) throw error("chained comparisons are not supported; combine them with & and parentheses", again);
        return e;
    }

    private static final String[][] COMPARISONS = {
        {"<=", "less_equal"}, {">=", "greater_equal"}, {"==", "equal"}, {"!=", "not_equal"}, {"<", "less"}, {">", "greater"}};

    private String comparisonOp() {
        skip();
        if (src.startsWith("<<", p) || src.startsWith(">>", p)) return null;
        for (String[] c : COMPARISONS) {
            if (src.startsWith(c[0], p)) {
                p += c[0].length();
                return c[1];
            }
        }
        return null;
    }

    /** One left-associative level: operands from {@code next}, joined by the operators of {@code ops}. */
    private Expr level(java.util.function.Supplier<Expr> next, Op... ops) {
        Expr e = next.get();
        while (true) {
            int at = pos();
            Op hit = null;
            for (Op o : ops) {
                if (eat(o.text(), o.unless())) {
                    hit = o;
                    break;
                }
            }
            if (hit == null) return e;
            e = Expr.call(hit.fn(), at, src, e, next.get());
        }
    }

    /** An operator, its numpy function and the longer operators it must not be read from ("*" is not "**"). */
    private record Op(String text, String fn, String... unless) { }

    private static final Op[] OR = {new Op("|", "bitwise_or")}, XOR = {new Op("^", "bitwise_xor")}, AND = {new Op("&", "bitwise_and")},
        SHIFT = {new Op("<<", "left_shift"), new Op(">>", "right_shift")}, SUM = {new Op("+", "add"), new Op("-", "subtract")},
        TERM = {new Op("//", "floor_divide"), new Op("/", "divide"), new Op("*", "multiply", "**"), new Op("%", "remainder")};

    private Expr or() { return level(this::xor, OR); }

    private Expr xor() { return level(this::and, XOR); }

    private Expr and() { return level(this::shift, AND); }

    private Expr shift() { return level(this::sum, SHIFT); }

    private Expr sum() { return level(this::term, SUM); }

    private Expr term() { return level(this::unary, TERM); }

    private Expr unary() {
        int at = pos();
        if (eat("-")) return Expr.call("negative", at, src, unary());
        if (eat("+")) return Expr.call("positive", at, src, unary());
        if (eat("~")) return Expr.call("invert", at, src, unary());
        return power();
    }

    private Expr power() {
        Expr base = atom();
        int at = pos();
        if (eat("**")) return Expr.call("power", at, src, base, unary());
        return base;
    }

    private int pos() {
        skip();
        return p;
    }

    private Expr atom() {
        int at = pos();
        if (p >= src.length()) throw error("unexpected end of expression", at);
        char c = src.charAt(p);
        if (c == '(') {
            p++;
            Expr e = comparison();
            if (!eat(")")) throw error("missing ')' for the '(' at position " + at, pos());
            return e;
        }
        if (Character.isDigit(c) || (c == '.' && p + 1 < src.length() && Character.isDigit(src.charAt(p + 1)))) return number(at);
        if (Character.isJavaIdentifierStart(c) && c != '$') {
            int s = p;
            while (p < src.length() && Character.isJavaIdentifierPart(src.charAt(p)) && src.charAt(p) != '$') p++;
            String name = src.substring(s, p);
            if (name.equals("True")) return Expr.literal(Boolean.TRUE, at, src);
            if (name.equals("False")) return Expr.literal(Boolean.FALSE, at, src);
            if (eat("(")) {
                List<Expr> args = new ArrayList<>();
                if (!eat(")")) {
                    do args.add(comparison()); while (eat(","));
                    if (!eat(")")) throw error("expected ',' or ')' in the arguments of " + name, pos());
                }
                Expressions.checkCall(name, args.size(), at, src);
                return Expr.call(name, at, src, args.toArray(new Expr[0]));
            }
            return Expr.variable(name, at, src);
        }
        throw error("unexpected '" + c + "'", at);
    }

    private Expr number(int at) {
        int s = p;
        boolean isFloat = false;
        while (p < src.length() && Character.isDigit(src.charAt(p))) p++;
        if (p < src.length() && src.charAt(p) == '.') {
            isFloat = true;
            p++;
            while (p < src.length() && Character.isDigit(src.charAt(p))) p++;
        }
        if (p < src.length() && (src.charAt(p) == 'e' || src.charAt(p) == 'E')) {
            int q = p + 1;
            if (q < src.length() && (src.charAt(q) == '+' || src.charAt(q) == '-')) q++;
            if (q < src.length() && Character.isDigit(src.charAt(q))) {
                isFloat = true;
                p = q;
                while (p < src.length() && Character.isDigit(src.charAt(p))) p++;
            } else {
                throw error("malformed number exponent", p);
            }
        }
        String t = src.substring(s, p);
        // Python's imaginary literal: 2j, 1.5e3J
        boolean imaginary = p < src.length() && (src.charAt(p) == 'j' || src.charAt(p) == 'J');
        if (imaginary) p++;
        if (p < src.length() && (Character.isJavaIdentifierPart(src.charAt(p)) && src.charAt(p) != '$')) {
            throw error("malformed number", at);
        }
        if (imaginary) return Expr.literal(new org.jheat.tensor.Complex(0, Double.parseDouble(t)), at, src);
        if (isFloat) return Expr.literal(Double.parseDouble(t), at, src);
        try {
            return Expr.literal(Long.parseLong(t), at, src);
        } catch (NumberFormatException e) {
            throw error("integer literal " + t + " does not fit in 64 bits", at);
        }
    }
}
