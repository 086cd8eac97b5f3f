package org.jheat.sparse;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

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
 *
 * <p>Writing ({@link #save}) makes the file scipy's {@code save_npz} makes: members {@code indices}, {@code indptr},
 * {@code format}, {@code shape}, {@code data} in that order, int32 index arrays when every index and the entry count
 * fit (scipy's own choice, else int64), deflated ({@code compressed}) or stored. A zip is one sequential stream whose
 * members are global arrays, so rank 0 is the single writer: it writes each member's slabs in rank order, receiving
 * each process's indices, row pointers and values (point to point, one slab at a time, so rank 0 never holds more
 * than one process's part); the other processes only send. A stored member needs its CRC-32 before its bytes: each
 * process computes the CRC of its own part and rank 0 combines them (zlib's crc32_combine), so nothing is sent twice.
 * The file is written under a temporary name next to the target, flushed to disk and renamed into place, so the
 * final name never shows a partial file.
 * <pre>{@code DCSRMatrix a = Npz.load("a.npz", comm); Npz.save(a, "csr", a.shape(), "b.npz", true); }</pre>
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

    // ------------------------------------------------------------------------------------------- writing

    /** Elements converted to bytes at a time (bounds the buffers of a slab of any size). */
    private static final int CHUNK = 1 << 20;

    /** numpy's dtype code of a writable value type ("<f8", "|b1" …), or null where the reader here has none. */
    static String descr(DType t) {
        String code = String.valueOf(t.kind()) + t.itemSize();
        if (!code.matches("b1|i1|u1|i2|i4|i8|f4|f8")) return null;
        return (t.itemSize() == 1 ? "|" : "<") + code;
    }

    /**
     * Writes {@code m}'s rows as a save_npz file of {@code format} "csr" (m itself) or "csc" (m holds the transpose's
     * rows, i.e. the columns), global {@code shape}. Collective; all checks are of global metadata and happen before
     * any communication, and a write failure on rank 0 is raised on every process.
     */
    static void save(DCSRMatrix m, String format, long[] shape, String path, boolean compressed) {
        if (path == null || path.isEmpty()) throw new IllegalArgumentException("saveNpz: path must be a non-empty file name");
        DType vt = m.dtype();
        if (descr(vt) == null) throw new IllegalArgumentException("saveNpz: values of dtype " + vt + " cannot be saved (bool, int8, uint8, int16, int32, int64, float32, float64)");
        Communication comm = m.comm();
        int p = comm.size(), me = comm.rank();
        long nnz = m.nnz();
        long[] rowCounts = m.counts(), nnzCounts = m.nnzCounts();
        boolean small = nnz <= Integer.MAX_VALUE && shape[0] <= Integer.MAX_VALUE && shape[1] <= Integer.MAX_VALUE;
        DType it = small ? DType.INT32 : DType.INT64;
        Csr l = m.local();
        SparseKernels k = l.backend().sparse();
        // this process's parts: its entries' indices, its rows' pointers shifted to global entry numbers, its values
        Tensor idx = l.indices().astype(it);
        Tensor ip = k.shift(l.indptr().narrow(0, 0, l.rows()).contiguous(), Exchange.displs(nnzCounts)[me]).astype(it);
        Tensor val = l.values().contiguous();
        Tensor[] mine = {idx, ip, val};
        long[][] counts = {nnzCounts, rowCounts, nnzCounts};
        long[] crcs = null;
        if (!compressed) {
            long[] c = new long[3];
            for (int j = 0; j < 3; j++) {
                CRC32 crc = new CRC32();
                toBytes(mine[j], null, crc);
                c[j] = crc.getValue();
            }
            crcs = comm.allgather(c);
        }
        String err = null;
        if (me == 0) {
            Path target = Path.of(path).toAbsolutePath();
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
            Writer w = new Writer();
            try (FileOutputStream fos = new FileOutputStream(tmp.toFile()); ZipOutputStream z = new ZipOutputStream(new BufferedOutputStream(fos, 1 << 16))) {
                z.setMethod(compressed ? ZipOutputStream.DEFLATED : ZipOutputStream.STORED);
                w.z = z;
                w.stored = !compressed;
                String[] names = {"indices", "indptr"};
                DType[] types = {it, it};
                for (int j = 0; j < 2; j++) w.member(names[j], types[j], j, mine[j], counts[j], j == 1 ? nnz : -1, crcs, comm);
                w.small("format", "{'descr': '|S3', 'fortran_order': False, 'shape': (), }", format.getBytes(StandardCharsets.US_ASCII));
                ByteBuffer sh = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(shape[0]).putLong(shape[1]);
                w.small("shape", "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", sh.array());
                w.member("data", vt, 2, val, counts[2], -1, crcs, comm);
                z.finish();
                fos.getChannel().force(true);
            } catch (IOException | RuntimeException e) {
                if (w.failure == null) w.failure = e.getMessage();
            }
            err = w.failure;
            if (err == null) {
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    err = "cannot rename the finished temporary file into place (" + e.getMessage() + ")";
                }
            }
            if (err != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write failure is what gets reported
                }
            }
        } else {
            // the same order as rank 0 receives: every member's slab from each process in turn
            for (int j : new int[] {0, 1, 2}) if (mine[j].size() > 0) comm.send(mine[j], 0, 4100 + j);
        }
        Checks.agree(comm, err == null ? null : "saveNpz: cannot write " + path + ": " + err);
    }

    /**
     * Rank 0's side of a write: the zip stream and the first failure. After a failure the bytes are no longer
     * written, but every slab is still received, so that no sending process is left blocked.
     */
    private static final class Writer {
        ZipOutputStream z;
        boolean stored;
        String failure;

        /** A member made of every process's slab in rank order (plus a last element {@code tail} when >= 0). */
        void member(String name, DType t, int j, Tensor mine, long[] counts, long tail, long[] crcs, Communication comm) {
            long total = tail >= 0 ? 1 : 0;
            for (long c : counts) total += c;
            byte[] head = header(descr(t), "(" + total + ",)");
            Tensor last = null;
            if (tail >= 0) {
                last = Tensor.empty(t, 1);   // host: one element written to the file
                last.setLongFlat(tail, 0);
            }
            ZipEntry e = new ZipEntry(name + ".npy");
            if (crcs != null) {
                CRC32 c = new CRC32();
                c.update(head);
                long crc = c.getValue();
                for (int q = 0; q < counts.length; q++) crc = crc32Combine(crc, crcs[q * 3 + j], counts[q] * t.itemSize());
                if (last != null) {
                    CRC32 cl = new CRC32();
                    toBytes(last, null, cl);
                    crc = crc32Combine(crc, cl.getValue(), t.itemSize());
                }
                long size = head.length + total * t.itemSize();
                e.setSize(size);
                e.setCompressedSize(size);
                e.setCrc(crc);
            }
            write(() -> {
                z.putNextEntry(e);
                z.write(head);
            });
            for (int q = 0; q < counts.length; q++) {
                Tensor part = mine;
                if (q > 0) {
                    if (counts[q] == 0) continue;
                    part = Tensor.empty(t, counts[q]);   // host: rank 0's staging buffer for the file
                    comm.recv(part, q, 4100 + j);
                }
                Tensor pt = part;
                write(() -> toBytes(pt, z, null));
                if (q > 0) part.free();
            }
            Tensor lt = last;
            write(() -> {
                if (lt != null) toBytes(lt, z, null);
                z.closeEntry();
            });
        }

        /** A small member written whole (the format string, the shape). */
        void small(String name, String dict, byte[] body) {
            byte[] head = header(null, dict);
            ZipEntry e = new ZipEntry(name + ".npy");
            if (stored) {
                CRC32 c = new CRC32();
                c.update(head);
                c.update(body);
                e.setSize(head.length + body.length);
                e.setCompressedSize(head.length + body.length);
                e.setCrc(c.getValue());
            }
            write(() -> {
                z.putNextEntry(e);
                z.write(head);
                z.write(body);
                z.closeEntry();
            });
        }

        private interface Io {
            void run() throws IOException;
        }

        private void write(Io io) {
            if (failure != null) return;
            try {
                io.run();
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage();
            }
        }
    }

    /**
     * A .npy header as numpy writes it: version 1.0, the dict padded with spaces and a newline to a multiple of 64
     * bytes. {@code descr} null means {@code dictOrShape} is the whole dict, else it is the shape tuple.
     */
    private static byte[] header(String descr, String dictOrShape) {
        String dict = descr == null ? dictOrShape : "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + dictOrShape + ", }";
        int len = 10 + dict.length() + 1;
        int pad = (64 - len % 64) % 64;
        byte[] text = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return b.array();
    }

    /** t's elements as little-endian bytes, chunk by chunk, into {@code out} and/or {@code crc} (either may be null). */
    private static void toBytes(Tensor t, OutputStream out, CRC32 crc) {
        DType d = t.dtype();
        int isz = d.itemSize();
        long n = t.size();
        for (long from = 0; from < n; from += CHUNK) {
            int len = (int) Math.min(CHUNK, n - from);
            Tensor c = t.narrow(0, from, len);
            ByteBuffer b = ByteBuffer.allocate(len * isz).order(ByteOrder.LITTLE_ENDIAN);
            switch (d) {
                case FLOAT64 -> b.asDoubleBuffer().put(c.toDoubleArray());
                case FLOAT32 -> b.asFloatBuffer().put(c.toFloatArray());
                case INT64 -> b.asLongBuffer().put(c.toLongArray());
                case INT32 -> b.asIntBuffer().put(c.toIntArray());
                default -> {
                    // bool, int8, uint8, int16: the integer value's low bytes
                    long[] v = c.astype(DType.INT64).toLongArray();
                    for (long x : v) {
                        if (isz == 2) b.putShort((short) x);
                        else b.put((byte) x);
                    }
                }
            }
            byte[] a = b.array();
            if (crc != null) crc.update(a);
            if (out != null) {
                try {
                    out.write(a);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }

    /** zlib's crc32_combine: the CRC-32 of A followed by B from crc(A), crc(B) and B's length in bytes. */
    static long crc32Combine(long crc1, long crc2, long len2) {
        if (len2 <= 0) return crc1;
        long[] even = new long[32], odd = new long[32];
        odd[0] = 0xedb88320L;   // the CRC-32 polynomial: the operator of one zero bit
        long row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        gf2Square(even, odd);   // two zero bits
        gf2Square(odd, even);   // four zero bits
        long len = len2;
        do {
            // apply len2 zero bytes to crc1, one power-of-two operator per bit of len2
            gf2Square(even, odd);
            if ((len & 1) != 0) crc1 = gf2Times(even, crc1);
            len >>= 1;
            if (len == 0) break;
            gf2Square(odd, even);
            if ((len & 1) != 0) crc1 = gf2Times(odd, crc1);
            len >>= 1;
        } while (len != 0);
        return crc1 ^ crc2;
    }

    private static long gf2Times(long[] mat, long vec) {
        long sum = 0;
        for (int i = 0; vec != 0; i++, vec >>>= 1) if ((vec & 1) != 0) sum ^= mat[i];
        return sum;
    }

    private static void gf2Square(long[] square, long[] mat) {
        for (int n = 0; n < 32; n++) square[n] = gf2Times(mat, mat[n]);
    }
}
