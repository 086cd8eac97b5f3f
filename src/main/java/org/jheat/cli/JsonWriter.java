package org.jheat.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one JSON object a command prints with {@code --json} (and the bench's results.json): maps, lists, strings,
 * numbers, booleans, {@code double[]}/{@code long[]}/{@code double[][]} and null. Non-finite numbers become null,
 * as JSON has none.
 *
 * <pre>{@code
 * Map<String, Object> m = new LinkedHashMap<>();
 * m.put("inertia", 12.5);
 * String text = JsonWriter.write(m);   // {"inertia": 12.5}
 * }</pre>
 */
final class JsonWriter {
    private JsonWriter() { }

    /** {@code value} as JSON text on one line. */
    static String write(Object value) {
        StringBuilder b = new StringBuilder();
        append(b, value);
        return b.toString();
    }

    private static void append(StringBuilder b, Object v) {
        switch (v) {
            case null -> b.append("null");
            case String s -> string(b, s);
            case Boolean t -> b.append(t);
            case Double d -> number(b, d);
            case Float f -> number(b, f);
            case Number n -> b.append(n.longValue());
            case double[] a -> {
                b.append('[');
                for (int i = 0; i < a.length; i++) {
                    if (i > 0) b.append(", ");
                    number(b, a[i]);
                }
                b.append(']');
            }
            case long[] a -> {
                b.append('[');
                for (int i = 0; i < a.length; i++) b.append(i > 0 ? ", " : "").append(a[i]);
                b.append(']');
            }
            case Object[] a -> append(b, List.of(a));
            case Map<?, ?> m -> {
                b.append('{');
                Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<?, ?> e = it.next();
                    string(b, String.valueOf(e.getKey()));
                    b.append(": ");
                    append(b, e.getValue());
                    if (it.hasNext()) b.append(", ");
                }
                b.append('}');
            }
            case Iterable<?> l -> {
                b.append('[');
                boolean first = true;
                for (Object o : l) {
                    if (!first) b.append(", ");
                    first = false;
                    append(b, o);
                }
                b.append(']');
            }
            default -> string(b, v.toString());
        }
    }

    private static void number(StringBuilder b, double d) {
        if (!Double.isFinite(d)) b.append("null");
        else if (d == Math.rint(d) && Math.abs(d) < 1e15) b.append((long) d).append(".0");
        else b.append(d);
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
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
