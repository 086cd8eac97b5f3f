package org.jheat.sparse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

import org.jheat.comm.Communication;
import org.jheat.core.Distribution;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * Matrix Market coordinate files ({@code .mtx}, the format of scipy.io.mmread/mmwrite and the SuiteSparse
 * collection). Reading is parallel: each process reads the header, then parses the lines that start in its share of
 * the entry bytes; the line numbers of errors are made global with one exchange of line counts, and all processes
 * agree on the first error before anything else is communicated. Writing goes through rank 0 (the format is one
 * text stream), slab after slab, to a temporary name that is renamed at the end.
 * <pre>{@code DCSRMatrix a = MatrixMarket.load("a.mtx", comm); }</pre>
 */
final class MatrixMarket {
    private MatrixMarket() { }

    /** The header: field (real, integer, pattern), symmetry, shape, declared entries, first byte of the entries and the line there. */
    private record Header(String field, String symmetry, long rows, long cols, long entries, long dataStart, long firstLine) { }

    static DCSRMatrix load(String path, Communication comm) {
        Path p = Path.of(path);
        Header h;
        String err = null;
        long size = 0;
        try {
            size = Files.size(p);
            h = header(p);
        } catch (IOException e) {
            h = null;
            err = "loadMtx: cannot read " + path + ": " + e.getMessage();
        } catch (IllegalArgumentException e) {
            h = null;
            err = "loadMtx: " + path + ": " + e.getMessage();
        }
        Checks.agree(comm, err);
        int r = comm.rank(), np = comm.size();
        long span = size - h.dataStart;
        long from = h.dataStart + span * r / np, to = h.dataStart + span * (r + 1) / np;
        boolean pattern = h.field.equals("pattern"), integer = h.field.equals("integer");
        boolean sym = !h.symmetry.equals("general"), skew = h.symmetry.equals("skew-symmetric");
        long[] rr = new long[16], cc = new long[16];
        double[] vd = integer ? null : new double[16];
        long[] vl = integer ? new long[16] : null;
        int n = 0;
        long lines = 0, entries = 0;
        String localErr = null;
        long errLine = -1;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            byte[] buf = chunk(ch, from, to, h.dataStart, size);
            int pos = 0;
            while (pos < buf.length) {
                int end = pos;
                while (end < buf.length && buf[end] != '\n') end++;
                String line = new String(buf, pos, end - pos, StandardCharsets.US_ASCII).trim();
                pos = end + 1;
                lines++;
                if (line.isEmpty() || line.startsWith("%")) continue;
                String[] t = line.split("\\s+");
                int want = pattern ? 2 : 3;
                try {
                    if (t.length != want) throw new IllegalArgumentException("expected " + want + " fields (row column" + (pattern ? "" : " value") + "), got " + t.length);
                    long i = Long.parseLong(t[0]) - 1, j = Long.parseLong(t[1]) - 1;
                    if (i < 0 || i >= h.rows || j < 0 || j >= h.cols) {
                        throw new IllegalArgumentException("entry (" + (i + 1) + ", " + (j + 1) + ") outside the declared shape " + h.rows + " x " + h.cols + " (indices are 1-based)");
                    }
                    double dv = 0;
                    long lv = 0;
                    if (integer) lv = Long.parseLong(t[2]);
                    else if (!pattern) dv = Double.parseDouble(t[2]);
                    else dv = 1;
                    entries++;
                    int add = sym && i != j ? 2 : 1;
                    if (n + add > rr.length) {
                        int cap = rr.length * 2;
                        rr = Arrays.copyOf(rr, cap);
                        cc = Arrays.copyOf(cc, cap);
                        if (integer) vl = Arrays.copyOf(vl, cap);
                        else vd = Arrays.copyOf(vd, cap);
                    }
                    rr[n] = i;
                    cc[n] = j;
                    if (integer) vl[n] = lv;
                    else vd[n] = dv;
                    n++;
                    if (add == 2) {
                        rr[n] = j;
                        cc[n] = i;
                        if (integer) vl[n] = skew ? -lv : lv;
                        else vd[n] = skew ? -dv : dv;
                        n++;
                    }
                } catch (NumberFormatException e) {
                    localErr = "not a number: " + e.getMessage();
                    errLine = lines - 1;
                    break;
                } catch (IllegalArgumentException e) {
                    localErr = e.getMessage();
                    errLine = lines - 1;
                    break;
                }
            }
        } catch (IOException e) {
            localErr = "cannot read: " + e.getMessage();
        }
        long[] all = comm.allgather(new long[] {lines, entries});
        long base = h.firstLine;
        for (int q = 0; q < r; q++) base += all[2 * q];
        Checks.agree(comm, localErr == null ? null : "loadMtx: " + path + (errLine >= 0 ? ", line " + (base + errLine) : "") + ": " + localErr);
        long total = 0;
        for (int q = 0; q < np; q++) total += all[2 * q + 1];
        if (total != h.entries) throw new IllegalArgumentException("loadMtx: " + path + ": the header declares " + h.entries + " entries, the file has " + total);
        Tensor tr = Tensor.fromArray(Arrays.copyOf(rr, n)), tc = Tensor.fromArray(Arrays.copyOf(cc, n));
        Tensor tv = integer ? Tensor.fromArray(Arrays.copyOf(vl, n)) : Tensor.fromArray(Arrays.copyOf(vd, n));
        return Exchange.route(tr, tc, tv, h.rows, h.cols, Distribution.counts(h.rows, np), comm);
    }

    /** The bytes of the lines that start in [from, to) of the entry section [dataStart, size). */
    private static byte[] chunk(FileChannel ch, long from, long to, long dataStart, long size) throws IOException {
        long s = from;
        if (s > dataStart) {
            // a line belongs to the range holding its first byte: skip the rest of a line begun before `from`
            s = from - 1;
            while (s < size && readByte(ch, s) != '\n') s++;
            s++;
        }
        long e = to;
        if (e > dataStart && e < size) {
            e = to - 1;
            while (e < size && readByte(ch, e) != '\n') e++;
            e = Math.min(size, e + 1);
        }
        if (e <= s) return new byte[0];
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(e - s));
        while (b.hasRemaining()) {
            if (ch.read(b, s + b.position()) < 0) break;
        }
        return b.array();
    }

    private static byte readByte(FileChannel ch, long pos) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        ch.read(b, pos);
        return b.get(0);
    }

    private static Header header(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long pos = 0, line = 0;
            String first = null;
            String[] banner = null;
            long[] dims = null;
            StringBuilder sb = new StringBuilder();
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            long size = ch.size();
            while (pos < size && dims == null) {
                b.clear();
                int got = ch.read(b, pos);
                if (got <= 0) break;
                for (int q = 0; q < got && dims == null; q++) {
                    byte c = b.get(q);
                    pos++;
                    if (c != '\n') {
                        sb.append((char) (c & 0xFF));
                        continue;
                    }
                    line++;
                    String l = sb.toString().trim();
                    sb.setLength(0);
                    if (first == null) {
                        first = l;
                        banner = bannerTokens(first);
                        continue;
                    }
                    if (l.isEmpty() || l.startsWith("%")) continue;
                    String[] t = l.split("\\s+");
                    if (t.length != 3) throw new IllegalArgumentException("line " + line + ": expected 'rows columns entries', got '" + l + "'");
                    try {
                        dims = new long[] {Long.parseLong(t[0]), Long.parseLong(t[1]), Long.parseLong(t[2])};
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("line " + line + ": expected 'rows columns entries', got '" + l + "'");
                    }
                    if (dims[0] < 0 || dims[1] < 0 || dims[2] < 0) throw new IllegalArgumentException("line " + line + ": negative size in '" + l + "'");
                }
            }
            if (first == null || dims == null) throw new IllegalArgumentException("not a Matrix Market file: no size line");
            return new Header(banner[3], banner[4], dims[0], dims[1], dims[2], pos, line + 1);
        }
    }

    /** The banner's five tokens (lower case), checked before the size line is read, so that a dense (array) file is named as such. */
    private static String[] bannerTokens(String first) {
        String[] t = first.toLowerCase(Locale.ROOT).split("\\s+");
        if (t.length != 5 || !t[0].equals("%%matrixmarket") || !t[1].equals("matrix")) {
            throw new IllegalArgumentException("line 1: expected '%%MatrixMarket matrix coordinate <field> <symmetry>', got '" + first + "'");
        }
        if (!t[2].equals("coordinate")) throw new IllegalArgumentException("line 1: only the coordinate format is supported (sparse matrices), got '" + t[2] + "'"
                + (t[2].equals("array") ? " (a dense matrix: load it as a DNDarray and convert it with sparseCsrMatrix)" : ""));
        if (!t[3].equals("real") && !t[3].equals("integer") && !t[3].equals("pattern")) {
            throw new IllegalArgumentException("line 1: field must be real, integer or pattern, got '" + t[3] + "'");
        }
        if (!t[4].equals("general") && !t[4].equals("symmetric") && !t[4].equals("skew-symmetric")) {
            throw new IllegalArgumentException("line 1: symmetry must be general, symmetric or skew-symmetric, got '" + t[4] + "'");
        }
        return t;
    }

    static void save(DCSRMatrix a, String path) {
        Communication comm = a.comm();
        DType t = a.dtype();
        boolean integer = t.isIntegral();
        Tensor[] tr = Exchange.triplets(a);
        long[] r = tr[0].toLongArray(), c = tr[1].toLongArray();
        StringBuilder sb = new StringBuilder();
        if (integer) {
            long[] v = tr[2].toLongArray();
            for (int k = 0; k < r.length; k++) sb.append(r[k] + 1).append(' ').append(c[k] + 1).append(' ').append(v[k]).append('\n');
        } else {
            double[] v = tr[2].toDoubleArray();
            for (int k = 0; k < r.length; k++) sb.append(r[k] + 1).append(' ').append(c[k] + 1).append(' ').append(repr(v[k])).append('\n');
        }
        byte[] mine = sb.toString().getBytes(StandardCharsets.US_ASCII);
        long[] lens = comm.allgather((long) mine.length);
        String err = null;
        Path target = Path.of(path), tmp = Path.of(path + ".tmp" + ProcessHandle.current().pid());
        if (comm.rank() == 0) {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                long[] g = a.shape();
                String head = "%%MatrixMarket matrix coordinate " + (integer ? "integer" : "real") + " general\n%\n" + g[0] + " " + g[1] + " " + a.nnz() + "\n";
                write(ch, head.getBytes(StandardCharsets.US_ASCII));
                write(ch, mine);
                for (int q = 1; q < comm.size(); q++) {
                    if (lens[q] == 0) continue;
                    Tensor in = Tensor.empty(DType.UINT8, lens[q]);   // host: rank 0's staging buffer for the file's text
                    comm.recv(in, q, 77);
                    int[] v = in.toIntArray();
                    byte[] bytes = new byte[v.length];
                    for (int k = 0; k < v.length; k++) bytes[k] = (byte) v[k];
                    write(ch, bytes);
                }
            } catch (IOException e) {
                err = "saveMtx: cannot write " + path + ": " + e.getMessage();
            }
        } else if (mine.length > 0) {
            comm.send(Tensor.fromArray(mine, DType.UINT8), 0, 77);
        }
        if (comm.rank() == 0 && err == null) {
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                err = "saveMtx: cannot rename to " + path + ": " + e.getMessage();
            }
        }
        Checks.agree(comm, err);
    }

    private static String repr(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return Double.toString(v);
    }

    private static void write(FileChannel ch, byte[] b) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b);
        while (bb.hasRemaining()) ch.write(bb);
    }
}
