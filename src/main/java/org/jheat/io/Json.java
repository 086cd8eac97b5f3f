package org.jheat.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON reader and writer that Zarr's metadata files ({@code .zarray}, {@code .zattrs}, {@code zarr.json})
 * need: objects become {@code LinkedHashMap<String, Object>} (key order kept), arrays {@code List<Object>}, numbers
 * {@code Long} when integral and in range else {@code Double}, plus {@code String}, {@code Boolean} and null.
 * Malformed text is an {@link IOFailure} that names the position.
 *
 * <pre>{@code
 * Map<String, Object> m = Json.object(Json.parse("{\"shape\": [3, 4]}"), "x/.zarray");
 * String text = Json.write(m);
 * }</pre>
 */
final class Json {
    private Json() { }

    private static final int MAX_DEPTH = 64;

    /** Parses one JSON value; {@code what} names the source in error messages. */
    static Object parse(String text, Object what) {
        Json.Parser p = new Json.Parser(text, what);
        p.blanks();
        Object v = p.value(0);
        p.blanks();
        if (p.i != text.length()) throw p.fail("unexpected text after the value");
        return v;
    }

    /** The value as a JSON object, or a failure naming {@code what}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object v, Object what) {
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new IOFailure(what + ": expected a JSON object, got " + describe(v));
    }

    static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof Map) return "an object";
        if (v instanceof List) return "an array";
        if (v instanceof String s) return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        return v.toString();
    }

    private static final class Parser {
        final String s;
        final Object what;
        int i;

        Parser(String s, Object what) {
            this.s = s;
            this.what = what;
        }

        IOFailure fail(String why) {
            return new IOFailure(what + ": malformed JSON at character " + i + ": " + why);
        }

        void blanks() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n' || s.charAt(i) == '\r' || s.charAt(i) == '\t')) i++;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) throw fail("nested too deeply");
            if (i >= s.length()) throw fail("unexpected end");
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    blanks();
                    if (peek('}')) return m;
                    while (true) {
                        blanks();
                        if (i >= s.length() || s.charAt(i) != '"') throw fail("expected a key in quotes");
                        String k = string();
                        blanks();
                        expect(':');
                        blanks();
                        m.put(k, value(depth + 1));
                        blanks();
                        if (peek('}')) return m;
                        expect(',');
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    blanks();
                    if (peek(']')) return l;
                    while (true) {
                        blanks();
                        l.add(value(depth + 1));
                        blanks();
                        if (peek(']')) return l;
                        expect(',');
                    }
                }
                case '"':
                    return string();
                default:
                    if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
                    if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
                    if (s.startsWith("null", i)) { i += 4; return null; }
                    // Python's json module writes these for non-finite floats
                    if (s.startsWith("NaN", i)) { i += 3; return Double.NaN; }
                    if (s.startsWith("Infinity", i)) { i += 8; return Double.POSITIVE_INFINITY; }
                    if (s.startsWith("-Infinity", i)) { i += 9; return Double.NEGATIVE_INFINITY; }
                    return number();
            }
        }

        boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!peek(c)) throw fail("expected '" + c + "'");
        }

        String string() {
            i++;   // opening quote
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) throw fail("unterminated string");
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c < 0x20) throw fail("control character in a string");
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) throw fail("unterminated escape");
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) throw fail("short \\u escape");
                        try {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException x) {
                            throw fail("bad \\u escape");
                        }
                        i += 4;
                    }
                    default -> throw fail("bad escape \\" + e);
                }
            }
        }

        Object number() {
            int start = i;
            if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) i++;
            boolean integral = true;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    i++;
                } else if (c == '.' || c == 'e' || c == 'E' || ((c == '-' || c == '+') && i > start
                        && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E'))) {
                    integral = false;
                    i++;
                } else {
                    break;
                }
            }
            String t = s.substring(start, i);
            if (t.isEmpty() || t.equals("-") || t.equals("+")) throw fail("expected a value");
            try {
                if (integral) {
                    try {
                        return Long.parseLong(t);
                    } catch (NumberFormatException big) {
                        return Double.parseDouble(t);
                    }
                }
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw fail("bad number '" + t + "'");
            }
        }
    }

    // ------------------------------------------------------------------------------------------- writing

    /** JSON text of a value built from maps, lists, strings, numbers, booleans and null (indented by 4, like zarr-python). */
    static String write(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v, 0);
        return b.append('\n').toString();
    }

    private static void write(StringBuilder b, Object v, int indent) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            quote(b, s);
        } else if (v instanceof Double d) {
            if (d.isNaN()) b.append("\"NaN\"");
            else if (d.isInfinite()) b.append(d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
            else if (d == Math.rint(d) && Math.abs(d) < 1e15) b.append(d.longValue()).append(".0");
            else b.append(d);
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append("{\n");
            int k = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(" ".repeat(indent + 4));
                quote(b, String.valueOf(e.getKey()));
                b.append(": ");
                write(b, e.getValue(), indent + 4);
                b.append(++k < m.size() ? ",\n" : "\n");
            }
            b.append(" ".repeat(indent)).append('}');
        } else if (v instanceof List<?> l) {
            boolean flat = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
            if (flat) {
                b.append('[');
                for (int k = 0; k < l.size(); k++) {
                    if (k > 0) b.append(", ");
                    write(b, l.get(k), indent);
                }
                b.append(']');
                return;
            }
            b.append("[\n");
            for (int k = 0; k < l.size(); k++) {
                b.append(" ".repeat(indent + 4));
                write(b, l.get(k), indent + 4);
                b.append(k + 1 < l.size() ? ",\n" : "\n");
            }
            b.append(" ".repeat(indent)).append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass() + " as JSON");
        }
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }
}
