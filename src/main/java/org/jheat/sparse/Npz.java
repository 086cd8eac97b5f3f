package org.jheat.sparse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.jheat.comm.Communication;
import org.jheat.core.Distribution;
import org.jheat.tensor.Csr;
import org.jheat.tensor.DType;
import org.jheat.tensor.SparseKernels;
import org.jheat.tensor.Tensor;

/**
 * scipy's {@code save_npz} files: a zip (deflated or stored) of {@code .npy} members — {@code format} ("csr", "csc"
 * or "coo"), {@code shape}, and {@code indptr}/{@code indices}/{@code data} or {@code row}/{@code col}/{@code data}.
 * Each process streams through the members and keeps only its share: its rows' pointers and entries for CSR, its
 * columns' for CSC, an equal share of the triplets for COO (then routed to the row owners). The member headers are
 * parsed from the stream here, since {@code io.Npy} reads whole files by path.
 * <pre>{@code DCSRMatrix a = Npz.load("a.npz", comm); }</pre>
 */
final class Npz {
    private Npz() { }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** A member's element type (its code, e.g. "<i4"), item size, element count; the stream is left at the first element. */
    private record Member(String name, String descr, int item, long count, InputStream in) { }

    /** The matrix of a save_npz file: DCSR for csr and coo files, DCSC for csc files (returned as Object). */
    static Object load(String path, Communication comm) {
        String err = null;
        String format = null;
        long[] shape = null;
        try (ZipFile z = new ZipFile(path)) {
            format = readString(member(z, "format", path), path);
            shape = readLongs(member(z, "shape", path), 0, 2, path);
            if (!format.equals("csr") && !format.equals("csc") && !format.equals("coo")) {
                err = "loadNpz: " + path + ": format '" + format + "' is not supported (csr, csc, coo)";
            } else if (shape[0] < 0 || shape[1] < 0) {
                err = "loadNpz: " + path + ": negative shape";
            }
        } catch (IOException | IllegalArgumentException e) {
            err = "loadNpz: " + path + ": " + e.getMessage();
        }
        Checks.agree(comm, err);
        int p = comm.size(), me = comm.rank();
        boolean coo = format.equals("coo"), csc = format.equals("csc");
        long major = csc ? shape[1] : shape[0], minor = csc ? shape[0] : shape[1];
        long[] counts = Distribution.counts(major, p);
        // read this process's share; any defect is only recorded, so that all processes agree before going on
        String local = null;
        Tensor rows = null, cols = null, vals = null;
        Csr l = null;
        try (ZipFile z = new ZipFile(path)) {
            if (coo) {
                Member r = member(z, "row", path);
                long n = r.count();
                long lo = Distribution.start(n, p, me), cnt = Distribution.count(n, p, me);
                rows = readTensor(r, lo, cnt, path).astype(DType.INT64);
                cols = readTensor(member(z, "col", path), lo, cnt, path).astype(DType.INT64);
                vals = readTensor(member(z, "data", path), lo, cnt, path);
                local = rangeError(rows, shape[0], "row");
                if (local == null) local = rangeError(cols, shape[1], "col");
            } else {
                long first = Distribution.displs(counts)[me];
                Member ipm = member(z, "indptr", path);
                if (ipm.count() != major + 1) throw new IllegalArgumentException("indptr has " + ipm.count() + " entries, expected " + (major + 1));
                Tensor ip = readTensor(ipm, first, counts[me] + 1, path).astype(DType.INT64);
                long lo = ip.getLongFlat(0), hi = ip.getLongFlat(counts[me]);
                if (lo < 0 || hi < lo) throw new IllegalArgumentException("indptr must not decrease, got " + lo + " then " + hi);
                Tensor idx = readTensor(member(z, "indices", path), lo, hi - lo, path).astype(DType.INT64);
                Tensor val = readTensor(member(z, "data", path), lo, hi - lo, path);
                SparseKernels k = val.backend().sparse();
                Tensor lip = k.shift(ip, -lo);
                local = k.validate(lip, idx, val.size(), counts[me], minor);
                if (local == null) {
                    l = new Csr(lip, idx, val, counts[me], minor);
                    if (!k.isCanonical(l)) l = k.fromCoo(k.rowIndices(l, 0), l.indices(), l.values(), l.rows(), minor);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            local = e.getMessage();
        }
        Checks.agree(comm, local == null ? null : "loadNpz: " + path + ": " + local);
        if (coo) return Exchange.route(rows, cols, vals, shape[0], shape[1], Distribution.counts(shape[0], p), comm);
        DCSRMatrix m = DCSRMatrix.of(l, major, minor, counts, comm);
        return csc ? new DCSCMatrix(m) : m;
    }

    private static String rangeError(Tensor idx, long n, String what) {
        if (idx.size() == 0) return null;
        double[] mm = idx.backend().range(idx);
        return mm[0] < 0 || mm[1] >= n ? what + " index " + (long) (mm[0] < 0 ? mm[0] : mm[1]) + " out of range [0, " + n + ")" : null;
    }

    private static Member member(ZipFile z, String name, String path) throws IOException {
        ZipEntry e = z.getEntry(name + ".npy");
        if (e == null) throw new IllegalArgumentException("no member " + name + ".npy (not a scipy.sparse.save_npz file?)");
        InputStream in = z.getInputStream(e);
        byte[] pre = in.readNBytes(10);
        if (pre.length < 10 || (pre[0] & 0xff) != 0x93 || pre[1] != 'N') throw new IllegalArgumentException(name + ".npy is not a .npy array");
        int major = pre[6] & 0xff;
        long len = (pre[8] & 0xff) | (pre[9] & 0xff) << 8;
        if (major >= 2) {
            byte[] more = in.readNBytes(2);
            len |= (more[0] & 0xffL) << 16 | (more[1] & 0xffL) << 24;
        }
        String text = new String(in.readNBytes((int) len), StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(text), f = FORTRAN.matcher(text), s = SHAPE.matcher(text);
        if (!d.find() || !f.find() || !s.find()) throw new IllegalArgumentException(name + ".npy has a malformed header: " + text.strip());
        long count = 1;
        for (String part : s.group(1).split(",")) {
            String v = part.strip();
            if (!v.isEmpty()) count *= Long.parseLong(v);
        }
        String descr = d.group(1);
        int item;
        if (descr.matches("[<>|=]?[biuf]\\d+")) item = Integer.parseInt(descr.replaceAll("[^0-9]", ""));
        else if (descr.matches("\\|S\\d+")) item = Integer.parseInt(descr.substring(2));
        else throw new IllegalArgumentException(name + ".npy has the unsupported dtype '" + descr + "'");
        if (descr.startsWith(">") && item > 1) throw new IllegalArgumentException(name + ".npy is big-endian ('" + descr + "'); only little-endian files are supported");
        return new Member(name, descr, item, count, in);
    }

    private static String readString(Member m, String path) throws IOException {
        byte[] b = m.in().readNBytes(m.item() * (int) m.count());
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }

    private static long[] readLongs(Member m, long from, int n, String path) throws IOException {
        Tensor t = readTensor(m, from, n, path).astype(DType.INT64);
        return t.toLongArray();
    }

    /** Elements [from, from + n) of a member (the stream skips the rest). */
    private static Tensor readTensor(Member m, long from, long n, String path) throws IOException {
        if (from < 0 || from + n > m.count()) {
            throw new IllegalArgumentException(m.name() + ".npy has " + m.count() + " elements, elements [" + from + ", " + (from + n) + ") were needed");
        }
        m.in().skipNBytes(from * m.item());
        byte[] b = m.in().readNBytes(Math.toIntExact(n * m.item()));
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        String code = m.descr().replaceAll("^[<>|=]", "");
        int len = (int) n;
        return switch (code) {
            case "f8" -> { double[] a = new double[len]; bb.asDoubleBuffer().get(a); yield Tensor.fromArray(a); }
            case "f4" -> { float[] a = new float[len]; bb.asFloatBuffer().get(a); yield Tensor.fromArray(a); }
            case "i8" -> { long[] a = new long[len]; bb.asLongBuffer().get(a); yield Tensor.fromArray(a); }
            case "i4" -> { int[] a = new int[len]; bb.asIntBuffer().get(a); yield Tensor.fromArray(a); }
            case "i2" -> { short[] a = new short[len]; bb.asShortBuffer().get(a); yield Tensor.fromArray(a); }
            case "i1" -> Tensor.fromArray(b, DType.INT8);
            case "u1" -> Tensor.fromArray(b, DType.UINT8);
            case "b1" -> { boolean[] a = new boolean[len]; for (int i = 0; i < len; i++) a[i] = b[i] != 0; yield Tensor.fromArray(a); }
            default -> throw new IllegalArgumentException(m.name() + ".npy has the unsupported dtype '" + m.descr() + "' (b1, i1, u1, i2, i4, i8, f4, f8)");
        };
    }
}
