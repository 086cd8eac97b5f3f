package org.jheat.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * numpy-compatible text of arrays: the layout of numpy's {@code array_repr}/{@code array2string} (legacy=False,
 * floatmode 'maxprec', separator ", "), including summarisation with "...", line wrapping and numpy's choice of
 * positional or scientific notation for floats.
 *
 * <p>Printing happens in two steps so that a distributed array only has to gather what is printed:
 * {@link #summarizedAxes} decides which axes are cut, {@link #corner} extracts the printed entries (the first and
 * last {@code edgeItems} along every cut axis), and {@link #format(Tensor, boolean[], PrintOptions, String, String)}
 * lays the corner out. All formatting decisions (widths, digits, notation) are made over the corner's elements
 * only, as numpy does for summarised arrays.
 *
 * <pre>{@code
 * Tensor t = Tensor.fromArray(new double[]{1.5, 2.25});
 * TensorPrinter.format(t, PrintOptions.defaults());   // "Tensor([1.5 , 2.25], dtype=float64)"
 * }</pre>
 */
public final class TensorPrinter {
    private static final String SUMMARY = "...";
    private static final String SEPARATOR = ", ";

    private TensorPrinter() { }

    // ------------------------------------------------------------------------------------------- public API

    /**
     * The axes numpy summarises: none when the total size is at most {@code o.threshold()}, otherwise every axis
     * longer than {@code 2 * o.edgeItems()}.
     * <pre>{@code
     * boolean[] cut = TensorPrinter.summarizedAxes(new long[]{2000, 4}, PrintOptions.defaults());   // {true, false}
     * }</pre>
     */
    public static boolean[] summarizedAxes(long[] shape, PrintOptions o) {
        boolean[] cut = new boolean[shape.length];
        if (Shapes.size(shape) <= o.threshold()) return cut;
        for (int i = 0; i < shape.length; i++) cut[i] = shape[i] > 2L * o.edgeItems();
        return cut;
    }

    /**
     * A new contiguous tensor with only the printed entries of {@code t}: along every cut axis its first and last
     * {@code edgeItems} entries (length {@code 2 * edgeItems}), other axes whole.
     * <pre>{@code
     * Tensor c = TensorPrinter.corner(t, new boolean[]{true, false}, 3);   // shape (6, t.shape(1))
     * }</pre>
     */
    public static Tensor corner(Tensor t, boolean[] cut, int edgeItems) {
        int nd = t.ndim();
        if (cut.length != nd) {
            throw new IllegalArgumentException("corner: cut has " + cut.length + " entries for a " + nd + "-d tensor");
        }
        if (edgeItems < 1) throw new IllegalArgumentException("corner: edgeItems must be >= 1, got " + edgeItems);
        long[] shape = t.shape();
        int[] cutAxes = new int[nd];
        int k = 0;
        for (int ax = 0; ax < nd; ax++) {
            if (!cut[ax]) continue;
            if (shape[ax] <= 2L * edgeItems) {
                throw new IllegalArgumentException("corner: axis " + ax + " of length " + shape[ax]
                        + " cannot be cut with edgeItems " + edgeItems);
            }
            shape[ax] = 2L * edgeItems;
            cutAxes[k++] = ax;
        }
        Tensor out = Tensor.empty(t.dtype(), shape);
        for (int block = 0; block < (1 << k); block++) {
            Tensor src = t, dst = out;
            for (int j = 0; j < k; j++) {
                int ax = cutAxes[j];
                boolean trailing = (block >> j & 1) != 0;
                src = src.narrow(ax, trailing ? t.shape(ax) - edgeItems : 0, edgeItems);
                dst = dst.narrow(ax, trailing ? edgeItems : 0, edgeItems);
            }
            dst.copyFrom(src);
        }
        return out;
    }

    /**
     * numpy's repr of an already-cornered tensor: {@code prefix}, the nested rows with "..." after the first
     * {@code o.edgeItems()} entries of every cut axis, then {@code suffix}. Continuation lines are indented by
     * {@code prefix.length()}; rows wrap at {@code o.lineWidth()} counting the prefix, one column being reserved
     * for the suffix's first character (numpy's "," or ")"). A suffix starting with ", " moves its remainder to a
     * new line when it would overflow the last line, as numpy does with {@code dtype=…}. Empty tensors print
     * {@code []} (with numpy's {@code , shape=(…)} unless 1-d).
     * <pre>{@code
     * String s = TensorPrinter.format(c, cut, o, "DNDarray(", ", dtype=float64, device=cpu:0, split=0)");
     * }</pre>
     *
     * @param corner the printed entries (see {@link #corner}); cut axes have length {@code 2 * o.edgeItems()}
     * @param cut    the summarised axes (see {@link #summarizedAxes})
     */
    public static String format(Tensor corner, boolean[] cut, PrintOptions o, String prefix, String suffix) {
        if (cut.length != corner.ndim()) {
            throw new IllegalArgumentException("format: cut has " + cut.length + " entries for a " + corner.ndim()
                    + "-d tensor");
        }
        for (int ax = 0; ax < cut.length; ax++) {
            if (cut[ax] && corner.shape(ax) != 2L * o.edgeItems()) {
                throw new IllegalArgumentException("format: cut axis " + ax + " has length " + corner.shape(ax)
                        + ", expected 2 * edgeItems = " + 2L * o.edgeItems());
            }
        }
        String body;
        if (corner.size() == 0) {
            body = corner.ndim() == 1 ? "[]" : "[], shape=" + pythonTuple(corner.shape());
        } else {
            int width = o.lineWidth() - (suffix.isEmpty() ? 0 : 1);
            ElementFormat f = elementFormat(corner, o);
            body = new Layout(corner, cut, o.edgeItems(), f, " ".repeat(prefix.length() + 1)).format(width);
        }
        String head = prefix + body;
        if (!suffix.startsWith(", ")) return head + suffix;
        // numpy's array_repr: "," closes the data, then " dtype=…)" or a new line when the last line would overflow
        String rest = suffix.substring(2);
        String withComma = head + ",";
        int lastLine = withComma.length() - (withComma.lastIndexOf('\n') + 1);
        boolean newLine = lastLine + rest.length() + 1 > o.lineWidth();
        return withComma + (newLine ? "\n" + " ".repeat(prefix.length()) : " ") + rest;
    }

    /**
     * The whole local tensor as numpy prints it, with prefix {@code "Tensor("} and the dtype always shown.
     * <pre>{@code
     * TensorPrinter.format(Tensor.fromArray(new int[]{1, 2}), PrintOptions.get());   // "Tensor([1, 2], dtype=int32)"
     * }</pre>
     */
    public static String format(Tensor t, PrintOptions o) {
        boolean[] cut = summarizedAxes(t.shape(), o);
        return format(corner(t, cut, o.edgeItems()), cut, o, "Tensor(", ", dtype=" + t.dtype() + ")");
    }

    // ------------------------------------------------------------------------------------------- layout

    private static String pythonTuple(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) b.append(i == 0 ? "" : ", ").append(shape[i]);
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** numpy's {@code _formatArray} (legacy=False) over a contiguous corner. */
    private static final class Layout {
        private final long[] shape;
        private final long[] strides;
        private final boolean[] cut;
        private final int edge;
        private final ElementFormat f;
        private final String nextLinePrefix;

        Layout(Tensor corner, boolean[] cut, int edge, ElementFormat f, String nextLinePrefix) {
            this.shape = corner.shape();
            this.strides = Shapes.cStrides(shape);
            this.cut = cut;
            this.edge = edge;
            this.f = f;
            this.nextLinePrefix = nextLinePrefix;
        }

        String format(int lineWidth) {
            return recurse(0, 0, nextLinePrefix, lineWidth);
        }

        private String recurse(int axis, long base, String hangingIndent, int currWidth) {
            int axesLeft = shape.length - axis;
            if (axesLeft == 0) return f.format(base);
            String nextHanging = hangingIndent + " ";
            int nextWidth = currWidth - 1;
            long len = shape[axis];
            boolean summary = cut[axis];
            long leading = summary ? edge : 0;
            long trailing = summary ? edge : len;
            long st = strides[axis];
            StringBuilder s = new StringBuilder();
            if (axesLeft == 1) {
                int elemWidth = currWidth - Math.max(SEPARATOR.stripTrailing().length(), 1);
                StringBuilder line = new StringBuilder(hangingIndent);
                for (long i = 0; i < leading; i++) {
                    extendLine(s, line, recurse(axis + 1, base + i * st, nextHanging, nextWidth), elemWidth, hangingIndent);
                    line.append(SEPARATOR);
                }
                if (summary) {
                    extendLine(s, line, SUMMARY, elemWidth, hangingIndent);
                    line.append(SEPARATOR);
                }
                for (long i = trailing; i > 1; i--) {
                    extendLine(s, line, recurse(axis + 1, base + (len - i) * st, nextHanging, nextWidth), elemWidth,
                            hangingIndent);
                    line.append(SEPARATOR);
                }
                extendLine(s, line, recurse(axis + 1, base + (len - 1) * st, nextHanging, nextWidth), elemWidth,
                        hangingIndent);
                s.append(line);
            } else {
                String lineSep = SEPARATOR.stripTrailing() + "\n".repeat(axesLeft - 1);
                for (long i = 0; i < leading; i++) {
                    s.append(hangingIndent).append(recurse(axis + 1, base + i * st, nextHanging, nextWidth)).append(lineSep);
                }
                if (summary) s.append(hangingIndent).append(SUMMARY).append(lineSep);
                for (long i = trailing; i > 1; i--) {
                    s.append(hangingIndent).append(recurse(axis + 1, base + (len - i) * st, nextHanging, nextWidth))
                            .append(lineSep);
                }
                s.append(hangingIndent).append(recurse(axis + 1, base + (len - 1) * st, nextHanging, nextWidth));
            }
            return "[" + s.substring(hangingIndent.length()) + "]";
        }

        /** numpy's {@code _extendLine}: wrap before {@code word} unless the line holds only the indent. */
        private static void extendLine(StringBuilder s, StringBuilder line, String word, int lineWidth, String indent) {
            boolean wrap = line.length() + word.length() > lineWidth && line.length() > indent.length();
            if (wrap) {
                s.append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
                line.append(indent);
            }
            line.append(word);
        }
    }

    // ------------------------------------------------------------------------------------------- elements

    /** Formats the element at a C-order flat index of the corner; all results share one width. */
    private interface ElementFormat {
        String format(long flat);
    }

    private static ElementFormat elementFormat(Tensor c, PrintOptions o) {
        DType t = c.dtype();
        if (t.isComplex()) {
            // numpy's ComplexFloatingFormat: the real parts and the imaginary parts (sign '+') each get their own
            // widths, and the 'j' goes before the imaginary part's trailing padding
            Tensor re = c.real(), im = c.imag();
            FloatFormat rf = new FloatFormat(re, o, false), jf = new FloatFormat(im, o, true);
            return i -> {
                String js = jf.format(im.getDoubleFlat(i));
                int sp = js.stripTrailing().length();
                return rf.format(re.getDoubleFlat(i)) + js.substring(0, sp) + "j" + js.substring(sp);
            };
        }
        if (t.isBool()) {
            String trueStr = c.ndim() == 0 ? "True" : " True";
            return i -> c.getLongFlat(i) != 0 ? trueStr : "False";
        }
        if (t.isInteger()) {
            long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
            for (long i = 0; i < c.size(); i++) {
                long v = c.getLongFlat(i);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            int width = Math.max(Long.toString(min).length(), Long.toString(max).length());
            return i -> padLeft(Long.toString(c.getLongFlat(i)), width);
        }
        FloatFormat ff = new FloatFormat(c, o, false);
        return i -> ff.format(c.getDoubleFlat(i));
    }

    private static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** numpy's {@code FloatingFormat} with floatmode 'maxprec', sign '-' (or '+' with {@code plus}), legacy=False. */
    private static final class FloatFormat {
        private final boolean f32;
        /** numpy's sign='+' (imaginary parts): non-negative values carry a '+'. */
        private final boolean plus;
        private final int precision;
        private boolean exp;
        private int padLeft;
        private int padRight;
        private int expDigits;
        private int expPrecision;

        FloatFormat(Tensor c, PrintOptions o, boolean plus) {
            this.f32 = c.dtype() == DType.FLOAT32;
            this.plus = plus;
            this.precision = o.precision();
            long n = c.size();
            double max = 0, min = Double.POSITIVE_INFINITY;
            long finite = 0;
            boolean negInf = false;
            for (long i = 0; i < n; i++) {
                double v = c.getDoubleFlat(i);
                if (Double.isFinite(v)) {
                    finite++;
                    double a = Math.abs(v);
                    if (a != 0) {
                        max = Math.max(max, a);
                        min = Math.min(min, a);
                    }
                } else if (v == Double.NEGATIVE_INFINITY) {
                    negInf = true;
                }
            }
            if (Boolean.TRUE.equals(o.sciMode())) {
                exp = true;
            } else if (max > 0) {
                // numpy 1.24 compares the (float32 or float64) extremes with Python floats in double precision;
                // the ratio is computed in the array's precision
                double ratio = f32 ? (double) ((float) max / (float) min) : max / min;
                exp = max >= 1e8 || (!Boolean.FALSE.equals(o.sciMode()) && (min < 1e-4 || ratio > 1000.0));
            }
            if (finite > 0) {
                for (long i = 0; i < n; i++) {
                    double v = c.getDoubleFlat(i);
                    if (!Double.isFinite(v)) continue;
                    if (exp) {
                        Sci s = scientific(v, precision, -1);
                        padLeft = Math.max(padLeft, s.intPart().length());
                        expPrecision = Math.max(expPrecision, s.fraction().length());
                        expDigits = Math.max(expDigits, s.exponentDigits().length());
                    } else {
                        String[] p = positional(v, false);
                        padLeft = Math.max(padLeft, p[0].length());
                        padRight = Math.max(padRight, p[1].length());
                    }
                }
                if (exp) padRight = expDigits + 2 + expPrecision;
            }
            if (finite < n) {
                int offset = padRight + 1;
                padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negInf || plus ? 1 : 0) - offset));
            }
        }

        String format(double v) {
            if (!Double.isFinite(v)) {
                String r = Double.isNaN(v) ? (plus ? "+nan" : "nan") : v > 0 ? (plus ? "+inf" : "inf") : "-inf";
                return padLeft(r, padLeft + padRight + 1);
            }
            if (exp) {
                Sci s = scientific(v, expPrecision, expPrecision);
                String e = s.exponentDigits();
                if (e.length() < expDigits) e = "0".repeat(expDigits - e.length()) + e;
                return padLeft(s.intPart(), padLeft) + "." + s.fraction() + "e" + s.exponentSign() + e;
            }
            String[] p = positional(v, true);
            String frac = p[1];
            return padLeft(p[0], padLeft) + "." + frac + " ".repeat(padRight - frac.length());
        }

        /**
         * Integer and fraction digits ({@code "-12"}, {@code "5"}) of numpy's positional 'maxprec' text. With
         * {@code allIntegerDigits} (numpy's min_digits=0, used for the printed elements but not when measuring
         * widths) the integer part is exact: float32 36894688 prints "36894688." although its shortest repr is
         * 36894690.
         */
        private String[] positional(double v, boolean allIntegerDigits) {
            boolean neg = Double.doubleToRawLongBits(v) < 0;
            double a = Math.abs(v);
            BigDecimal d = shortest(a, f32);
            if (d.scale() > precision) d = new BigDecimal(a).setScale(precision, RoundingMode.HALF_EVEN);
            else if (d.scale() < 0 && allIntegerDigits) d = new BigDecimal(a);   // an integer (ulp >= 1)
            String plain = d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            int dot = plain.indexOf('.');
            String ip = dot < 0 ? plain : plain.substring(0, dot);
            String fp = dot < 0 ? "" : plain.substring(dot + 1);
            return new String[] {(neg ? "-" : plus ? "+" : "") + ip, fp};
        }

        /**
         * numpy's unique scientific digits: at most {@code maxFrac} mantissa fraction digits, trailing zeros trimmed;
         * with {@code exactFrac >= 0} exactly that many (the value rounded to them, as numpy's min_digits does).
         */
        private Sci scientific(double v, int maxFrac, int exactFrac) {
            boolean neg = Double.doubleToRawLongBits(v) < 0;
            double a = Math.abs(v);
            String digits;
            int exponent;
            if (a == 0) {
                digits = "0";
                exponent = 0;
            } else {
                BigDecimal d = shortest(a, f32);
                int frac = d.precision() - 1;
                int want = exactFrac >= 0 ? (frac == exactFrac ? -1 : exactFrac) : (frac > maxFrac ? maxFrac : -1);
                if (want >= 0) d = new BigDecimal(a).round(new MathContext(want + 1, RoundingMode.HALF_EVEN));
                digits = d.unscaledValue().toString();
                exponent = d.precision() - d.scale() - 1;
            }
            if (exactFrac >= 0) {
                digits = digits.length() > exactFrac + 1 ? digits.substring(0, exactFrac + 1)
                        : digits + "0".repeat(exactFrac + 1 - digits.length());
            } else {
                int end = digits.length();
                while (end > 1 && digits.charAt(end - 1) == '0') end--;
                digits = digits.substring(0, end);
            }
            return new Sci((neg ? "-" : plus ? "+" : "") + digits.charAt(0), digits.substring(1), exponent < 0 ? '-' : '+',
                    Integer.toString(Math.abs(exponent)));
        }
    }

    private record Sci(String intPart, String fraction, char exponentSign, String exponentDigits) {
        Sci {
            if (exponentDigits.length() < 2) exponentDigits = "0" + exponentDigits;
        }
    }

    /**
     * The shortest decimal that reads back as {@code a} (a positive finite value) in its own precision, the one
     * closest to {@code a} among the shortest: Java's {@code toString}, except that Java never uses fewer than two
     * digits (4.9E-324 where numpy and Python print 5e-324).
     */
    private static BigDecimal shortest(double a, boolean f32) {
        BigDecimal d = new BigDecimal(f32 ? Float.toString((float) a) : Double.toString(a)).stripTrailingZeros();
        if (d.precision() != 2) return d;
        BigDecimal exact = new BigDecimal(a);
        BigDecimal best = null;
        for (RoundingMode m : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal c = exact.round(new MathContext(1, m));
            if (readsBack(c, a, f32)) {
                best = c;
                break;
            }
        }
        return best == null ? d : best.stripTrailingZeros();
    }

    private static boolean readsBack(BigDecimal c, double a, boolean f32) {
        String s = c.toString();
        return f32 ? Float.parseFloat(s) == (float) a : Double.parseDouble(s) == a;
    }
}
