package org.jheat.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import ch.randelshofer.fastdoubleparser.JavaFloatParser;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * CSV files of numbers. Reading splits the file's bytes evenly over the processes; each process moves its range
 * start and end to the next line start (so every line belongs to exactly one process, as in Heat), parses only
 * those lines, and one allgather agrees on row counts, field counts and errors; the rows are then balanced.
 * Parsing works on bytes: lines are found in one pass, then parsed in parallel over the process's threads with
 * FastDoubleParser (floats) or an integer parser. Writing formats each process's rows in parallel and writes them
 * at byte offsets from one allgather of the text lengths.
 *
 * <p>Supported: one-character separators (null: runs of blanks and tabs), header lines to skip, LF and CRLF line
 * ends, blank lines (skipped anywhere, including a blank last line), a UTF-8 byte-order mark, blanks around
 * fields, fields enclosed in double quotes (without separators or quotes inside), {@code nan}/{@code inf}/
 * {@code Infinity} in any case, empty fields as NaN for floating types, {@code True}/{@code False}/{@code 1}/
 * {@code 0} for bool, complex numbers as numpy's {@code loadtxt}/{@code savetxt} spell them ({@code 1+2j},
 * {@code (1.5-2j)}). Not supported: separators or quotes inside quoted fields, comment lines, non-numeric columns.
 *
 * <pre>{@code
 * DNDarray x = Csv.load(Path.of("t.csv"), ",", 1, DType.FLOAT64, 0, Communications.world());
 * Csv.save(x, Path.of("out.csv"), ",", "a,b", -1);
 * }</pre>
 */
public final class Csv {
    private Csv() { }

    /** Bytes parsed per block (a block always ends at a line end; a longer line grows the block). */
    static int blockBytes = 64 << 20;

    // ------------------------------------------------------------------------------------------- reading

    /**
     * Loads a CSV file as a 2-d array (rows × fields). Collective.
     * <pre>{@code DNDarray x = Csv.load(Path.of("t.csv"), ",", 0, null, 0, Communications.world()); }</pre>
     *
     * @throws IOFailure on every process for a missing file, a bad argument, or a malformed line (with its number)
     */
    public static DNDarray load(Path path, String sep, int headerLines, DType dtype, Integer split, Communication comm) {
        return load(path, CsvOptions.defaults().sep(sep).headerLines(headerLines), dtype, split, comm);
    }

    /** Everything every line is parsed with: identical on every process. */
    private static final class Spec {
        byte sep, comment;
        DType t;
        CsvOptions.Text text;
        int fields;      // fields per line
        int[] out;       // per field: its output column, or -1
        int cols;        // output columns
    }

    private static byte oneChar(String s, String what, Path path) {
        if (s.length() != 1 || s.charAt(0) > 127 || "\"\r\n0123456789.+-eE".indexOf(s.charAt(0)) >= 0) {
            throw new IOFailure(path + ": " + what + " must be one ASCII character other than quotes, digits, signs, '.', 'e' and"
                    + " line ends" + (what.equals("separator") ? ", or null for blanks" : "") + "; got '" + s + "'");
        }
        return (byte) s.charAt(0);
    }

    /**
     * Loads a CSV file as a 2-d array (rows × selected columns) with {@code options} (quotes, comments, usecols, text
     * rule; see {@link CsvOptions}). Collective.
     * <pre>{@code DNDarray x = Csv.load(Path.of("t.csv"), CsvOptions.defaults().headerLines(1), null, 0, comm); }</pre>
     *
     * @throws IOFailure on every process for a missing file, a bad option, or a malformed line (with its number)
     */
    public static DNDarray load(Path path, CsvOptions options, DType dtype, Integer split, Communication comm) {
        CsvOptions o = options == null ? CsvOptions.defaults() : options;
        DType t = dtype == null ? DType.FLOAT64 : dtype;
        Spec sp = new Spec();
        sp.sep = o.sep() == null ? 0 : oneChar(o.sep(), "separator", path);
        sp.comment = o.comments() == null ? 0 : oneChar(o.comments(), "comment character", path);
        if (sp.comment != 0 && sp.comment == sp.sep) throw new IOFailure(path + ": the comment character and the separator are both '" + o.sep() + "'");
        sp.t = t;
        sp.text = o.text() == null ? CsvOptions.Text.ERROR : o.text();
        if (sp.text == CsvOptions.Text.NAN && !t.isFloat()) {
            throw new IOFailure(path + ": text fields can read as NaN only for float32/float64, not " + t);
        }
        int headerLines = o.headerLines();
        if (headerLines < 0) throw new IOFailure(path + ": headerLines must be >= 0, got " + headerLines);
        if (split != null && (split < -2 || split > 1)) {
            throw new IOFailure(path + ": split must be null, 0 or 1 for a CSV file (2-d), got " + split);
        }
        int s = split == null ? -1 : (split < 0 ? split + 2 : split);
        int p = comm.size(), r = comm.rank();

        // 1. file size and where the data starts (after the header lines): every process, same answer
        long[] meta = Collective.agree(comm, () -> {
            FileSlabs.checkReadable(path);
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                long size = ch.size();
                return new long[] {size, r == 0 ? skipLines(ch, headerLines, path) : 0};
            }
        });
        long size = meta[0];
        long dataStart = comm.allreduce(new long[] {meta[1]}, ReduceOp.MAX)[0];

        // 2. this process's lines: those starting in its share of the bytes; the first data line of the file decides
        //    the number of fields (and, for Text.SKIP, which columns are text)
        long span = size - dataStart;
        long lo = dataStart + (long) ((double) span * r / p), hi = r == p - 1 ? size : dataStart + (long) ((double) span * (r + 1) / p);
        Object[] range = Collective.agree(comm, () -> {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                long begin = r == 0 ? dataStart : lineStart(ch, lo, dataStart, size);
                long end = r == p - 1 ? size : lineStart(ch, hi, dataStart, size);
                begin = Math.min(begin, end);
                if (r == 0 && dataStart == 0) begin = Math.min(end, skipBom(ch, begin));
                return new Object[] {begin, end, firstDataLine(ch, begin, end, sp.comment)};
            }
        });
        byte[] firstLine = (byte[]) range[2];
        long[] has = comm.allgather(firstLine == null ? 0L : 1L);
        int root = -1;
        for (int q = 0; q < p && root < 0; q++) if (has[q] == 1) root = q;
        String shape = root < 0 ? "" : comm.bcast(r == root ? analyse(firstLine, sp) : null, root);
        columns(sp, shape, o.usecols(), path);

        Parsed mine = Collective.agree(comm, () -> {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                return parseRange(ch, (Long) range[0], (Long) range[1], sp);
            }
        });

        // 3. one allgather: rows, physical lines, local line of an error (-1: none); the first bad line wins
        long[] all = comm.allgather(new long[] {mine.rows, mine.lines, mine.errorLine});
        long lineBase = headerLines;   // 0-based physical line index of this process's first line
        for (int q = 0; q < r; q++) lineBase += all[q * 3 + 1];
        for (int q = 0; q < p; q++) {
            if (all[q * 3 + 2] >= 0) {
                String msg = comm.bcast(r == q ? path + " line " + (lineBase + mine.errorLine + 1) + ": " + mine.error : null, q);
                throw new IOFailure(msg);
            }
        }

        // 4. assemble: unbalanced rows → balanced along 0, then the requested split
        long[] counts = new long[p];
        for (int q = 0; q < p; q++) counts[q] = all[q * 3];
        long n = Distribution.total(counts);
        int cols = sp.cols;
        Tensor local = (mine.rows > 0 ? mine.data : Tensor.empty(t, 0, cols)).to(Device.defaultDevice());
        long[] g = {n, cols};
        DNDarray x = new DNDarray(local, g, 0, comm, Distribution.of(counts).lshapeMap(g, 0)).balance();
        return s == 0 ? x : x.resplit(s < 0 ? null : s);
    }

    /** "F:mask": the field count of a data line and, per field, 1 when it holds a number, 0 for text. */
    private static String analyse(byte[] line, Spec sp) {
        int le = line.length;
        // a carriage return inside the line (its CRLF end is already cut): lines end in a lone CR, which would read as
        // one long line (and in blank-separated mode silently as one row)
        for (byte c : line) if (c == '\r') return LONE_CR;
        StringBuilder mask = new StringBuilder();
        int[] f = new int[3];
        int i = 0;
        int n = 0;
        while (true) {
            i = field(line, i, le, sp, f);
            if (i < -1) break;                 // malformed: the parse proper reports it
            if (f[0] < 0) break;               // no more fields (blank separator mode)
            n++;
            boolean number = f[2] == 0 && (f[1] == f[0] || (sp.t != null && sp.t.isComplex()
                    ? parseComplex(line, f[0], f[1], new double[2]) : isNumber(line, f[0], f[1])));
            mask.append(number ? '1' : '0');
            if (i < 0) break;
        }
        return n + ":" + mask;
    }

    private static boolean isNumber(byte[] b, int fs, int fe) {
        try {
            JavaDoubleParser.parseDouble(b, fs, fe - fs);
            return true;
        } catch (NumberFormatException e) {
            return !Double.isNaN(special(b, fs, fe)) || isNan(b, fs, fe);
        }
    }

    private static IOFailure loneCr(Path path) {
        return new IOFailure(path + ": its lines end in a lone carriage return (classic Mac OS line ends), which loadCsv does not"
                + " read; convert them to \\n (or \\r\\n) first, e.g. tr '\\r' '\\n' < in.csv > out.csv");
    }

    /** {@link #analyse}'s answer for a first data line with a carriage return inside. */
    private static final String LONE_CR = "CR";

    /** Resolves the output columns from the first line's shape ("F:mask") and usecols; same on every process. */
    private static void columns(Spec sp, String shape, int[] usecols, Path path) {
        if (shape.equals(LONE_CR)) throw loneCr(path);
        int fields = shape.isEmpty() ? 0 : Integer.parseInt(shape.substring(0, shape.indexOf(':')));
        String mask = shape.isEmpty() ? "" : shape.substring(shape.indexOf(':') + 1);
        sp.fields = fields;
        sp.out = new int[fields];
        java.util.Arrays.fill(sp.out, -1);
        int[] sel;
        if (usecols == null) {
            sel = new int[fields];
            for (int i = 0; i < fields; i++) sel[i] = i;
        } else {
            sel = new int[usecols.length];
            for (int i = 0; i < usecols.length; i++) {
                int c = usecols[i] < 0 ? usecols[i] + fields : usecols[i];
                if (fields > 0 && (c < 0 || c >= fields)) {
                    throw new IOFailure(path + ": usecols index " + usecols[i] + " is out of range for lines of " + fields + " fields");
                }
                for (int j = 0; j < i; j++) if (sel[j] == c) throw new IOFailure(path + ": usecols names column " + usecols[i] + " twice");
                sel[i] = c;
            }
        }
        int k = 0;
        for (int c : sel) {
            if (fields == 0) {
                k++;
                continue;
            }
            if (sp.text == CsvOptions.Text.SKIP && c < mask.length() && mask.charAt(c) == '0') continue;
            sp.out[c] = k++;
        }
        sp.cols = k;
    }

    /**
     * Offset after {@code k} line ends from the start (the file size when it has fewer lines). A file that ends before
     * them with a carriage return inside has lone-CR line ends: all of it would be skipped as header.
     */
    private static long skipLines(FileChannel ch, int k, Path path) throws IOException {
        long pos = 0, size = ch.size();
        boolean cr = false, lastCr = false;   // a lone CR seen; the byte before this one was a CR
        while (k > 0 && pos < size) {
            byte[] b = FileSlabs.readBytes(ch, pos, 1 << 16);
            int i = 0;
            for (; i < b.length && k > 0; i++) {
                if (lastCr && b[i] != '\n') cr = true;
                lastCr = b[i] == '\r';
                if (b[i] == '\n') k--;
            }
            pos += i;
        }
        if (k > 0 && (cr || lastCr)) throw loneCr(path);
        return k > 0 ? size : pos;
    }

    /** Past a UTF-8 byte-order mark at the start of the file. */
    private static long skipBom(FileChannel ch, long pos) throws IOException {
        byte[] b = FileSlabs.readBytes(ch, 0, 3);
        boolean bom = b.length == 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
        return bom && pos == 0 ? 3 : pos;
    }

    /** The first data line (not blank, not a comment) in [begin, end) without its line end, or null. */
    private static byte[] firstDataLine(FileChannel ch, long begin, long end, byte comment) throws IOException {
        long pos = begin;
        while (pos < end) {
            int want = 1 << 16;
            byte[] b;
            int le;
            while (true) {           // one whole line (grow the window for long lines)
                b = FileSlabs.readBytes(ch, pos, (int) Math.min(want, end - pos));
                le = 0;
                while (le < b.length && b[le] != '\n') le++;
                if (le < b.length || pos + b.length >= end || want > (1 << 30)) break;
                want *= 2;
            }
            int e = le;
            if (e > 0 && b[e - 1] == '\r') e--;
            if (isData(b, 0, e, comment)) return java.util.Arrays.copyOf(b, e);
            pos += le + 1;
        }
        return null;
    }

    /** A line with something other than blanks before any comment. */
    private static boolean isData(byte[] b, int ls, int le, byte comment) {
        int q = ls;
        while (q < le && blank(b[q])) q++;
        return q < le && (comment == 0 || b[q] != comment);
    }

    /** The first line start at or after {@code at}: {@code at} itself when the byte before is a line end. */
    private static long lineStart(FileChannel ch, long at, long dataStart, long size) throws IOException {
        if (at <= dataStart) return dataStart;
        long pos = at - 1;
        while (pos < size) {
            byte[] b = FileSlabs.readBytes(ch, pos, 1 << 16);
            for (int i = 0; i < b.length; i++) if (b[i] == '\n') return pos + i + 1;
            pos += b.length;
            if (b.length == 0) break;
        }
        return size;
    }

    /** One process's parse result; {@code error} with {@code errorLine} (local physical line) when a line is bad. */
    private static final class Parsed {
        Tensor data;
        long rows, lines, errorLine = -1;
        String error;
    }

    /** Parses the lines in [begin, end) block by block. */
    private static Parsed parseRange(FileChannel ch, long begin, long end, Spec sp) throws IOException {
        Parsed out = new Parsed();
        List<Tensor> blocks = new ArrayList<>();
        long pos = begin;
        int want = blockBytes;
        while (pos < end && out.error == null) {
            int len = (int) Math.min(want, end - pos);
            byte[] buf = FileSlabs.readBytes(ch, pos, len);
            int usable = buf.length;
            if (pos + usable < end) {
                while (usable > 0 && buf[usable - 1] != '\n') usable--;
                if (usable == 0) {            // a line longer than the block: read a bigger one
                    if (want > Integer.MAX_VALUE / 2 - 16) throw new IOFailure("a line is longer than 1 GB");
                    want *= 2;
                    continue;
                }
            }
            Tensor block = parseBlock(buf, usable, sp, out);
            if (block != null) blocks.add(block);
            pos += usable;
        }
        if (out.rows > 0) {
            Tensor all = blocks.size() == 1 ? blocks.get(0) : Tensor.empty(sp.t, out.rows, sp.cols);
            if (blocks.size() > 1) {
                long at = 0;
                for (Tensor b : blocks) {
                    all.narrow(0, at, b.shape(0)).copyFrom(b);
                    at += b.shape(0);
                    b.free();
                }
            }
            out.data = all;
        }
        return out;
    }

    /**
     * Finds the data lines of {@code buf[0, n)} (sequential: one pass over the bytes), then parses them in parallel
     * into a (lines × columns) tensor. Updates counts in {@code st}; sets its error for the first bad line.
     */
    private static Tensor parseBlock(byte[] buf, int n, Spec sp, Parsed st) {
        int[] starts = new int[1024], ends = new int[1024];
        long[] phys = new long[1024];
        int k = 0;
        long line = st.lines;
        int i = 0;
        while (i < n) {
            int ls = i;
            while (i < n && buf[i] != '\n') i++;
            int le = i;
            if (i < n) i++;                      // past '\n'
            if (le > ls && buf[le - 1] == '\r') le--;
            if (isData(buf, ls, le, sp.comment)) {
                if (k == starts.length) {
                    starts = Arrays.copyOf(starts, k * 2);
                    ends = Arrays.copyOf(ends, k * 2);
                    phys = Arrays.copyOf(phys, k * 2);
                }
                starts[k] = ls;
                ends[k] = le;
                phys[k] = line;
                k++;
            }
            line++;
        }
        st.lines = line;
        if (k == 0) return null;
        final int rows = k, cols = sp.cols;
        final int[] fs = starts, fe = ends;
        Tensor out = Tensor.empty(sp.t, rows, cols);
        MemorySegment seg = out.hostSegment();   // a new CPU tensor: its own memory, filled by the parser
        int[] badRow = new int[] {Integer.MAX_VALUE};
        String[] badMsg = new String[1];
        Parallel.forRange(rows, 2048, (a, b) -> {
            int[] f = new int[3];
            for (int row = (int) a; row < b; row++) {
                String e = parseLine(buf, fs[row], fe[row], sp, seg, (long) row * cols, f);
                if (e != null) {
                    synchronized (badRow) {
                        if (row < badRow[0]) {
                            badRow[0] = row;
                            badMsg[0] = e;
                        }
                    }
                    return;
                }
            }
        });
        if (badMsg[0] != null) {
            st.error = badMsg[0];
            st.errorLine = phys[badRow[0]];
            out.free();
            return null;
        }
        st.rows += rows;
        return out;
    }

    private static boolean blank(byte c) { return c == ' ' || c == '\t'; }

    /**
     * Scans one field starting at {@code i}: {@code f} gets its content {start, end} (quotes removed, blanks trimmed)
     * and whether it holds an escaped quote ({@code f[2]} = 1; such a field is text). Returns the index after the
     * separator when another field follows, -1 when this was the last field, -2 for an unterminated quote, -3 for
     * text after a closing quote. In blank-separated mode {@code f[0]} = -1 means there was no further field.
     */
    private static int field(byte[] b, int i, int le, Spec sp, int[] f) {
        byte sep = sp.sep, cm = sp.comment;
        boolean hc = cm != 0;       // an unquoted comment character ends the line
        while (i < le && blank(b[i])) i++;
        f[2] = 0;
        if (sep == 0 && (i >= le || hc && b[i] == cm)) {
            f[0] = -1;
            return -1;
        }
        if (i < le && b[i] == '"') {
            int cs = ++i;
            while (true) {
                if (i >= le) return -2;
                if (b[i] == '"') {
                    if (i + 1 < le && b[i + 1] == '"') {
                        f[2] = 1;
                        i += 2;
                        continue;
                    }
                    break;
                }
                i++;
            }
            f[0] = cs;
            f[1] = i;
            i++;                                  // past the closing quote
            while (i < le && blank(b[i])) i++;
            if (i >= le || hc && b[i] == cm) return -1;
            if (sep == 0) return i;
            if (b[i] != sep) return -3;
            return i + 1;
        }
        int fs = i;
        if (sep == 0) {
            while (i < le && !blank(b[i]) && !(hc && b[i] == cm)) i++;
        } else {
            while (i < le && b[i] != sep && !(hc && b[i] == cm)) i++;
        }
        int fe = i;
        while (fe > fs && blank(b[fe - 1])) fe--;
        f[0] = fs;
        f[1] = fe;
        if (i >= le || hc && b[i] == cm) return -1;
        return sep == 0 ? i : i + 1;
    }

    /** Parses one line into {@code sp.cols} elements at element index {@code at}; returns an error message or null. */
    private static String parseLine(byte[] b, int ls, int le, Spec sp, MemorySegment out, long at, int[] f) {
        int i = ls, n = 0;
        while (true) {
            i = field(b, i, le, sp, f);
            if (i == -2) return "field " + (n + 1) + ": unterminated quoted field (line breaks inside quotes are not supported)";
            if (i == -3) return "field " + (n + 1) + ": text after the closing quote";
            if (f[0] < 0) break;
            if (n < sp.fields && sp.out[n] >= 0) {
                int c = sp.out[n];
                String e = f[2] != 0 ? "'" + text(b, f[0], f[1]) + "' is text" : store(b, f[0], f[1], sp.t, out, at + c);
                if (e != null) {
                    if (sp.text != CsvOptions.Text.NAN) return "field " + (n + 1) + ": " + e;
                    storeNan(sp.t, out, at + c);
                }
            }
            n++;
            if (i < 0) break;
        }
        if (n != sp.fields) return "expected " + sp.fields + " fields, found " + n;
        return null;
    }

    private static void storeNan(DType t, MemorySegment out, long idx) {
        if (t == DType.FLOAT64) out.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, idx * 8, Double.NaN);
        else out.set(ValueLayout.JAVA_FLOAT_UNALIGNED, idx * 4, Float.NaN);
    }

    private static String store(byte[] b, int fs, int fe, DType t, MemorySegment out, long idx) {
        int len = fe - fs;
        switch (t) {
            case FLOAT64 -> {
                double v;
                try {
                    v = len == 0 ? Double.NaN : JavaDoubleParser.parseDouble(b, fs, len);
                } catch (NumberFormatException e) {
                    v = special(b, fs, fe);
                    if (Double.isNaN(v) && !isNan(b, fs, fe)) return "cannot parse '" + text(b, fs, fe) + "' as float64";
                }
                out.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, idx * 8, v);
            }
            case FLOAT32 -> {
                float v;
                try {
                    v = len == 0 ? Float.NaN : JavaFloatParser.parseFloat(b, fs, len);
                } catch (NumberFormatException e) {
                    double d = special(b, fs, fe);
                    if (Double.isNaN(d) && !isNan(b, fs, fe)) return "cannot parse '" + text(b, fs, fe) + "' as float32";
                    v = (float) d;
                }
                out.set(ValueLayout.JAVA_FLOAT_UNALIGNED, idx * 4, v);
            }
            case COMPLEX64, COMPLEX128 -> {
                double[] v = new double[2];
                if (!parseComplex(b, fs, fe, v)) return "cannot parse '" + text(b, fs, fe) + "' as " + t + " (expected numpy's 1.5-2j or (1.5-2j))";
                if (t == DType.COMPLEX128) {
                    out.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, idx * 16, v[0]);
                    out.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, idx * 16 + 8, v[1]);
                } else {
                    out.set(ValueLayout.JAVA_FLOAT_UNALIGNED, idx * 8, (float) v[0]);
                    out.set(ValueLayout.JAVA_FLOAT_UNALIGNED, idx * 8 + 4, (float) v[1]);
                }
            }
            case BOOL -> {
                String s = text(b, fs, fe);
                int v = switch (s) {
                    case "1", "True", "true", "TRUE" -> 1;
                    case "0", "False", "false", "FALSE" -> 0;
                    default -> -1;
                };
                if (v < 0) return "cannot parse '" + s + "' as bool (expected True, False, 1 or 0)";
                out.set(ValueLayout.JAVA_BYTE, idx, (byte) v);
            }
            default -> {
                long v = 0;
                int i = fs;
                boolean neg = false;
                if (i < fe && (b[i] == '-' || b[i] == '+')) neg = b[i++] == '-';
                if (i == fe) return "cannot parse '" + text(b, fs, fe) + "' as " + t;
                // accumulated negatively, as Long.parseLong, so that int64's minimum (which saveCsv writes) fits
                long limit = neg ? Long.MIN_VALUE : -Long.MAX_VALUE, multmin = limit / 10;
                for (; i < fe; i++) {
                    int d = b[i] - '0';
                    if (d < 0 || d > 9) return "cannot parse '" + text(b, fs, fe) + "' as " + t;
                    if (v < multmin || v * 10 < limit + d) return "'" + text(b, fs, fe) + "' is out of range for " + t;
                    v = v * 10 - d;
                }
                if (!neg) v = -v;
                long min = switch (t) { case INT8 -> Byte.MIN_VALUE; case UINT8 -> 0; case INT16 -> Short.MIN_VALUE;
                    case INT32 -> Integer.MIN_VALUE; default -> Long.MIN_VALUE; };
                long max = switch (t) { case INT8 -> Byte.MAX_VALUE; case UINT8 -> 255; case INT16 -> Short.MAX_VALUE;
                    case INT32 -> Integer.MAX_VALUE; default -> Long.MAX_VALUE; };
                if (v < min || v > max) return "'" + text(b, fs, fe) + "' is out of range for " + t;
                switch (t) {
                    case INT8, UINT8 -> out.set(ValueLayout.JAVA_BYTE, idx, (byte) v);
                    case INT16 -> out.set(ValueLayout.JAVA_SHORT_UNALIGNED, idx * 2, (short) v);
                    case INT32 -> out.set(ValueLayout.JAVA_INT_UNALIGNED, idx * 4, (int) v);
                    default -> out.set(ValueLayout.JAVA_LONG_UNALIGNED, idx * 8, v);
                }
            }
        }
        return null;
    }

    /**
     * Parses a complex number as Python's {@code complex()} and numpy's {@code loadtxt(dtype=complex)} read it:
     * {@code 1.5}, {@code 2j}, {@code 1.5-2j}, {@code -j}, optionally in parentheses ({@code (1.5-2j)}, numpy's
     * {@code savetxt} form), with nan/inf parts; an empty field is NaN (as for floats). {@code v} gets {re, im}.
     */
    static boolean parseComplex(byte[] b, int fs, int fe, double[] v) {
        while (fs < fe && blank(b[fs])) fs++;
        while (fe > fs && blank(b[fe - 1])) fe--;
        if (fe - fs >= 2 && b[fs] == '(' && b[fe - 1] == ')') {
            fs++;
            fe--;
            while (fs < fe && blank(b[fs])) fs++;
            while (fe > fs && blank(b[fe - 1])) fe--;
        }
        if (fs == fe) {
            v[0] = Double.NaN;
            v[1] = 0;
            return true;
        }
        if (b[fe - 1] != 'j' && b[fe - 1] != 'J') {
            v[1] = 0;
            return component(b, fs, fe, v, 0);
        }
        int ie = fe - 1, k = -1;
        // the sign that starts the imaginary part: the last + or - that is not an exponent's sign
        for (int i = ie - 1; i > fs; i--) {
            if ((b[i] == '+' || b[i] == '-') && !((b[i - 1] == 'e' || b[i - 1] == 'E') && i - 2 >= fs && (Character.isDigit(b[i - 2]) || b[i - 2] == '.'))) {
                k = i;
                break;
            }
        }
        int is = k < 0 ? fs : k;
        if (k < 0) v[0] = 0;
        else if (!component(b, fs, k, v, 0)) return false;
        if (ie - is == 0 || ie - is == 1 && (b[is] == '+' || b[is] == '-')) {   // "j", "+j", "-j"
            v[1] = ie > is && b[is] == '-' ? -1 : 1;
            return true;
        }
        return component(b, is, ie, v, 1);
    }

    private static boolean component(byte[] b, int fs, int fe, double[] v, int at) {
        if (fs >= fe) return false;
        try {
            v[at] = JavaDoubleParser.parseDouble(b, fs, fe - fs);
            return true;
        } catch (NumberFormatException e) {
            v[at] = special(b, fs, fe);
            return !Double.isNaN(v[at]) || isNan(b, fs, fe);
        }
    }

    private static String text(byte[] b, int fs, int fe) {
        return new String(b, fs, Math.min(fe - fs, 40), StandardCharsets.UTF_8).replace("\r", "\\r") + (fe - fs > 40 ? "…" : "");
    }

    private static boolean isNan(byte[] b, int fs, int fe) {
        String s = new String(b, fs, fe - fs, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        return s.equals("nan") || s.equals("+nan") || s.equals("-nan");
    }

    /** numpy/C spellings Java's grammar lacks: nan, inf, -inf, infinity in any case; NaN when none matches. */
    private static double special(byte[] b, int fs, int fe) {
        String s = new String(b, fs, fe - fs, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.NaN;
        };
    }

    /**
     * The file as {@link IO#describe} lists it: (lines, fields), counting the non-blank lines that do not start with
     * '#' (a header line counts) and the (quote-aware) fields of the first one, split at ',' (or ';' / tab when the
     * first line has one of those and no comma). Local; reads the whole file once.
     */
    static DatasetInfo describe(Path path) throws IOException {
        FileSlabs.checkReadable(path);
        long lines = 0, fields = 0;
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String l;
            while ((l = r.readLine()) != null) {
                String t = l.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                if (lines++ == 0) {
                    Spec sp = new Spec();
                    sp.sep = (byte) (t.indexOf(',') >= 0 ? ',' : t.indexOf(';') >= 0 ? ';' : t.indexOf('\t') >= 0 ? '\t' : ',');
                    sp.comment = '#';
                    String a = analyse(t.getBytes(StandardCharsets.UTF_8), sp);
                    fields = Long.parseLong(a.substring(0, a.indexOf(':')));
                }
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOFailure(path + ": not a UTF-8 text file");
        }
        return new DatasetInfo("", new long[] {lines, fields}, "text", null, "none", null, java.util.Map.of());
    }

    // ------------------------------------------------------------------------------------------- writing

    /**
     * Saves a 1-d (one value per line) or 2-d array as CSV; {@code decimals} &lt; 0: shortest round-trip text,
     * else fixed-point with that many decimals (correctly rounded, like Python's {@code "%.3f"}). A new file appears
     * atomically. Collective.
     * <pre>{@code Csv.save(x, Path.of("x.csv"), ",", null, 4); }</pre>
     */
    public static void save(DNDarray x, Path path, String sep, String header, int decimals) {
        if (x.ndim() < 1 || x.ndim() > 2) throw new IOFailure(path + ": CSV holds 1-d or 2-d arrays, got shape " + Shapes.str(x.gshape()));
        if (sep == null || sep.isEmpty() || sep.indexOf('\n') >= 0 || sep.indexOf('\r') >= 0) {
            throw new IOFailure(path + ": separator must be a non-empty string without line ends, got '" + sep + "'");
        }
        Communication comm = x.comm();
        FileSlabs.Rows rows = FileSlabs.rows(x);
        Tensor local = rows.local().contiguous();
        MemorySegment host = local.hostSegment();
        long nrows = local.ndim() == 0 ? 0 : local.shape(0);
        long cols = local.ndim() == 2 ? local.shape(1) : 1;
        byte[] sepB = sep.getBytes(StandardCharsets.UTF_8);
        // format in parallel pieces of rows; their order is kept
        int pieces = (int) Math.max(1, Math.min((long) Parallel.threads() * 4, nrows / 4096));
        byte[][] text = new byte[pieces][];
        Parallel.forRange(pieces, 1, (a, b) -> {
            for (long pc = a; pc < b; pc++) {
                long r0 = nrows * pc / pieces, r1 = nrows * (pc + 1) / pieces;
                Sink out = new Sink((int) Math.min(Integer.MAX_VALUE - 64, (r1 - r0) * cols * 12 + 16));
                for (long rr = r0; rr < r1; rr++) {
                    for (long c = 0; c < cols; c++) {
                        if (c > 0) out.add(sepB);
                        format(host, local.dtype(), rr * cols + c, decimals, out);
                    }
                    out.add((byte) '\n');
                }
                text[(int) pc] = out.bytes();
            }
        });
        long mine = 0;
        for (byte[] t : text) mine += t.length;
        byte[] head = header == null ? new byte[0]
                : (header.endsWith("\n") ? header : header + "\n").getBytes(StandardCharsets.UTF_8);
        long[] lens = comm.allgather(mine);
        long offset = head.length;
        for (int q = 0; q < comm.rank(); q++) offset += lens[q];
        final long at0 = offset;
        FileSlabs.atomically(path, comm, tmp -> Collective.agreeRun(comm, () -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                if (comm.rank() == 0 && head.length > 0) FileSlabs.writeFully(ch, 0, MemorySegment.ofArray(head));
                long at = at0;
                for (byte[] t : text) {
                    FileSlabs.writeFully(ch, at, MemorySegment.ofArray(t));
                    at += t.length;
                }
            } catch (IOException e) {
                throw new IOFailure(path + ": write failed (" + Collective.message(e) + ")", e);
            }
        }));
    }

    private static final double[] POW10 = new double[19];
    private static final long[] LPOW10 = new long[19];

    static {
        for (int i = 0; i < 19; i++) {
            LPOW10[i] = i == 0 ? 1 : LPOW10[i - 1] * 10;
            POW10[i] = LPOW10[i];
        }
    }

    /** Appends element {@code i} of the host elements {@code s} of a tensor of {@code type} as text. */
    private static void format(MemorySegment s, DType type, long i, int decimals, Sink out) {
        long base = 0;
        switch (type) {
            case FLOAT64 -> formatDouble(s.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, (base + i) * 8), decimals, false, out);
            case FLOAT32 -> formatDouble(s.get(ValueLayout.JAVA_FLOAT_UNALIGNED, (base + i) * 4), decimals, true, out);
            case COMPLEX128 -> formatComplex(s.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, i * 16), s.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, i * 16 + 8), decimals, false, out);
            case COMPLEX64 -> formatComplex(s.get(ValueLayout.JAVA_FLOAT_UNALIGNED, i * 8), s.get(ValueLayout.JAVA_FLOAT_UNALIGNED, i * 8 + 4), decimals, true, out);
            case BOOL -> out.add((byte) (s.get(ValueLayout.JAVA_BYTE, base + i) != 0 ? '1' : '0'));
            case INT8 -> out.addLong(s.get(ValueLayout.JAVA_BYTE, base + i));
            case UINT8 -> out.addLong(s.get(ValueLayout.JAVA_BYTE, base + i) & 0xff);
            case INT16 -> out.addLong(s.get(ValueLayout.JAVA_SHORT_UNALIGNED, (base + i) * 2));
            case INT32 -> out.addLong(s.get(ValueLayout.JAVA_INT_UNALIGNED, (base + i) * 4));
            default -> out.addLong(s.get(ValueLayout.JAVA_LONG_UNALIGNED, (base + i) * 8));
        }
    }

    /**
     * numpy's {@code savetxt} layout of a complex element, {@code " (re+imj)"} (its format {@code ' (%s+%sj)'} with
     * "+-" turned into "-"), each part written as {@link #formatDouble} writes floats; {@code loadtxt} and Python's
     * {@code complex()} read it back.
     */
    private static void formatComplex(double re, double im, int decimals, boolean single, Sink out) {
        out.ascii(" (");
        formatDouble(re, decimals, single, out);
        int mark = out.n;
        formatDouble(im, decimals, single, out);
        if (out.b[mark] != '-') out.insert(mark, (byte) '+');
        out.ascii("j)");
    }

    private static void formatDouble(double v, int decimals, boolean single, Sink out) {
        if (Double.isNaN(v)) { out.ascii("nan"); return; }
        if (Double.isInfinite(v)) { out.ascii(v > 0 ? "inf" : "-inf"); return; }
        if (decimals < 0) {
            out.ascii(single ? Float.toString((float) v) : Double.toString(v));
            return;
        }
        boolean neg = v < 0 || (v == 0 && 1 / v < 0);
        double a = Math.abs(v);
        if (decimals <= 17 && a * POW10[decimals] < 9e15) {
            double scaled = a * POW10[decimals];
            double fl = Math.floor(scaled), frac = scaled - fl;
            // the product is rounded; only a fraction near one half can round the wrong way: use exact decimals there
            if (Math.abs(frac - 0.5) > 1e-6) {
                long q = (long) fl + (frac > 0.5 ? 1 : 0);
                if (neg) out.add((byte) '-');
                out.addLong(q / LPOW10[decimals]);
                if (decimals > 0) {
                    out.add((byte) '.');
                    long rem = q % LPOW10[decimals];
                    for (int d = decimals - 1; d >= 0; d--) out.add((byte) ('0' + (rem / LPOW10[d]) % 10));
                }
                return;
            }
        }
        String s = new BigDecimal(a).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (neg) out.add((byte) '-');
        out.ascii(s);
    }

    /** A growable byte buffer for formatted text. */
    private static final class Sink {
        private byte[] b;
        private int n;

        Sink(int capacity) { b = new byte[Math.max(16, capacity)]; }

        private void room(int k) {
            if (n + k > b.length) {
                long want = Math.max((long) b.length * 2, (long) n + k);
                if (want > Integer.MAX_VALUE - 16) throw new IOFailure("CSV text of one piece exceeds 2 GB");
                b = Arrays.copyOf(b, (int) want);
            }
        }

        void add(byte c) { room(1); b[n++] = c; }

        void insert(int at, byte c) {
            room(1);
            System.arraycopy(b, at, b, at + 1, n - at);
            b[at] = c;
            n++;
        }

        void add(byte[] s) { room(s.length); System.arraycopy(s, 0, b, n, s.length); n += s.length; }

        void ascii(String s) {
            room(s.length());
            for (int i = 0; i < s.length(); i++) b[n++] = (byte) s.charAt(i);
        }

        void addLong(long v) {
            if (v == Long.MIN_VALUE) { ascii(Long.toString(v)); return; }
            room(20);
            if (v < 0) { b[n++] = '-'; v = -v; }
            int start = n;
            do { b[n++] = (byte) ('0' + v % 10); v /= 10; } while (v > 0);
            for (int i = start, j = n - 1; i < j; i++, j--) { byte t = b[i]; b[i] = b[j]; b[j] = t; }
        }

        byte[] bytes() { return n == b.length ? b : Arrays.copyOf(b, n); }
    }
}
