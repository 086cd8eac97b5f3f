package org.jheat.io;

import java.util.Arrays;

/**
 * How {@link IO#loadCsv(String, CsvOptions, org.jheat.tensor.DType, Integer)} reads a CSV file: the separator (one
 * character; null: runs of blanks and tabs), header lines to skip, the comment prefix (from an unquoted comment
 * character to the end of the line is ignored, like numpy's {@code loadtxt}; null: none), the columns to keep
 * ({@code usecols}, in the given order, negative counting from the end; null: all) and what to do with text.
 *
 * <p>Fields may be quoted as in RFC 4180: {@code "Smith, J."} holds a separator, {@code "O""Brien"} a quote; a line
 * break inside quotes is not supported (each process must be able to find line starts on its own). Text rule:
 * <ul>
 *   <li>{@link Text#ERROR} (default): a field that is not a number is an error naming the line and field;</li>
 *   <li>{@link Text#NAN}: such a field reads as NaN (float dtypes only);</li>
 *   <li>{@link Text#SKIP}: a column is dropped when its field in the first data line is not a number (so a text
 *   column is recognised by its first value); a non-number later in a kept column is still an error.</li>
 * </ul>
 * An empty field reads as NaN for float dtypes in every mode.
 *
 * <pre>{@code
 * CsvOptions o = CsvOptions.defaults().headerLines(1).usecols(0, 2, -1).text(CsvOptions.Text.SKIP);
 * DNDarray x = IO.loadCsv("people.csv", o, DType.FLOAT64, 0);
 * }</pre>
 *
 * @param sep         separator, one ASCII character, or null for blanks
 * @param headerLines lines at the start to skip
 * @param comments    comment prefix (one ASCII character) or null
 * @param usecols     the columns to read, or null for all
 * @param text        what non-numeric fields do
 */
public record CsvOptions(String sep, int headerLines, String comments, int[] usecols, Text text) {

    /** What happens to fields that are not numbers; see the class comment. */
    public enum Text {
        /** A non-numeric field is an error (with file, line and field). */ ERROR,
        /** A non-numeric field reads as NaN (float dtypes only). */ NAN,
        /** Columns whose first data field is not numeric are dropped. */ SKIP
    }

    /** ',' separated, no header, '#' comments, all columns, text is an error. <pre>{@code CsvOptions.defaults()}</pre> */
    public static CsvOptions defaults() {
        return new CsvOptions(",", 0, "#", null, Text.ERROR);
    }

    /** With separator {@code s} (null: blanks). <pre>{@code CsvOptions.defaults().sep(";")}</pre> */
    public CsvOptions sep(String s) { return new CsvOptions(s, headerLines, comments, usecols, text); }

    /** Skipping {@code n} header lines. <pre>{@code CsvOptions.defaults().headerLines(1)}</pre> */
    public CsvOptions headerLines(int n) { return new CsvOptions(sep, n, comments, usecols, text); }

    /** With comment prefix {@code c} (null: none). <pre>{@code CsvOptions.defaults().comments("%")}</pre> */
    public CsvOptions comments(String c) { return new CsvOptions(sep, headerLines, c, usecols, text); }

    /** Reading only these columns, in this order. <pre>{@code CsvOptions.defaults().usecols(0, 3)}</pre> */
    public CsvOptions usecols(int... cols) { return new CsvOptions(sep, headerLines, comments, cols == null ? null : cols.clone(), text); }

    /** With text rule {@code t}. <pre>{@code CsvOptions.defaults().text(CsvOptions.Text.NAN)}</pre> */
    public CsvOptions text(Text t) { return new CsvOptions(sep, headerLines, comments, usecols, t); }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsvOptions c && java.util.Objects.equals(c.sep, sep) && c.headerLines == headerLines
                && java.util.Objects.equals(c.comments, comments) && Arrays.equals(c.usecols, usecols) && c.text == text;
    }

    @Override
    public int hashCode() { return java.util.Objects.hash(sep, headerLines, comments, Arrays.hashCode(usecols), text); }

    @Override
    public String toString() {
        return "CsvOptions[sep=" + sep + ", headerLines=" + headerLines + ", comments=" + comments + ", usecols="
                + Arrays.toString(usecols) + ", text=" + text + "]";
    }
}
