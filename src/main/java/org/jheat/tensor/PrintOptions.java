package org.jheat.tensor;

/**
 * numpy's print options: digits after the point, the size above which arrays are summarised with "...",
 * items kept at each edge when summarising, line width, and scientific notation (null: numpy's automatic choice).
 *
 * <pre>{@code
 * PrintOptions.set(PrintOptions.get().withPrecision(4).withThreshold(100));
 * }</pre>
 *
 * @param precision digits after the decimal point (numpy's default 8)
 * @param threshold total elements above which output is summarised (numpy's default 1000)
 * @param edgeItems items at the start and end of each summarised axis (default 3)
 * @param lineWidth characters per line before wrapping (default 75)
 * @param sciMode true forces scientific notation, false forbids it (numpy's suppress), null chooses per array
 */
public record PrintOptions(int precision, long threshold, int edgeItems, int lineWidth, Boolean sciMode) {
    private static volatile PrintOptions current = defaults();

    /** Validates the fields. */
    public PrintOptions {
        if (precision < 0) throw new IllegalArgumentException("precision must be >= 0, got " + precision);
        if (threshold < 0) throw new IllegalArgumentException("threshold must be >= 0, got " + threshold);
        if (edgeItems < 1) throw new IllegalArgumentException("edgeItems must be >= 1, got " + edgeItems);
        if (lineWidth < 10) throw new IllegalArgumentException("lineWidth must be >= 10, got " + lineWidth);
    }

    /** numpy's defaults: precision 8, threshold 1000, 3 edge items, 75 columns, automatic notation. */
    public static PrintOptions defaults() { return new PrintOptions(8, 1000, 3, 75, null); }

    /** The options in force. <pre>{@code int p = PrintOptions.get().precision(); }</pre> */
    public static PrintOptions get() { return current; }

    /** Replaces the options in force (process-wide). <pre>{@code PrintOptions.set(PrintOptions.defaults()); }</pre> */
    public static void set(PrintOptions options) {
        if (options == null) throw new IllegalArgumentException("options must not be null");
        current = options;
    }

    /** A copy with another precision. */
    public PrintOptions withPrecision(int p) { return new PrintOptions(p, threshold, edgeItems, lineWidth, sciMode); }

    /** A copy with another threshold. */
    public PrintOptions withThreshold(long t) { return new PrintOptions(precision, t, edgeItems, lineWidth, sciMode); }

    /** A copy with another number of edge items. */
    public PrintOptions withEdgeItems(int e) { return new PrintOptions(precision, threshold, e, lineWidth, sciMode); }

    /** A copy with another line width. */
    public PrintOptions withLineWidth(int w) { return new PrintOptions(precision, threshold, edgeItems, w, sciMode); }

    /** A copy with scientific notation forced (true), suppressed (false) or automatic (null). */
    public PrintOptions withSciMode(Boolean s) { return new PrintOptions(precision, threshold, edgeItems, lineWidth, s); }
}
