package org.jheat.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.core.Redistribution;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * numpy's {@code .npy} format (versions 1.0, 2.0 and 3.0): a small text header, then the elements in C (or
 * Fortran) order. Every process reads the header, then only the bytes of its own slab (memory-mapped, so for a
 * split other than 0 only the pages holding its columns are touched); writing puts each process's rows at their
 * offset in one shared file. Supported element types: bool, int8, uint8, int16, int32, int64, float32, float64,
 * complex64, complex128 (numpy's {@code c8}/{@code c16}: real and imaginary part interleaved), little- or big-endian.
 *
 * <pre>{@code
 * DNDarray x = Npy.load(Path.of("x.npy"), null, 0, Communications.world());
 * Npy.save(x, Path.of("copy.npy"));
 * }</pre>
 */
public final class Npy {
    private Npy() { }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** A parsed header: element type, byte order, layout, shape and where the data starts. */
    record Header(DType dtype, boolean bigEndian, boolean fortran, long[] shape, long dataOffset) {
        long dataBytes() { return Shapes.size(shape) * dtype.itemSize(); }
    }

    // ------------------------------------------------------------------------------------------- reading

    /**
     * Loads one {@code .npy} file split along {@code split} (null: every process holds all of it), converted to
     * {@code dtype} when not null. Collective.
     * <pre>{@code DNDarray x = Npy.load(Path.of("x.npy"), DType.FLOAT32, 0, Communications.world()); }</pre>
     *
     * @throws IOFailure on every process for a missing, truncated or malformed file, or an unsupported element type
     */
    public static DNDarray load(Path path, DType dtype, Integer split, Communication comm) {
        Header h = Collective.agree(comm, () -> readHeader(path));
        int nd = h.shape.length;
        if (split != null && (split < -nd || split >= nd)) {
            throw new IOFailure(path + ": split " + split + " is out of range for an array of " + nd + " dimensions (shape "
                    + Shapes.str(h.shape) + ")");
        }
        int s = split == null ? -1 : (split < 0 ? split + nd : split);
        DNDarray out;
        if (h.fortran && nd > 1) {
            // Fortran order is the C-order array of the reversed shape: read that and transpose the view
            long[] rev = new long[nd];
            for (int i = 0; i < nd; i++) rev[i] = h.shape[nd - 1 - i];
            Header c = new Header(h.dtype, h.bigEndian, false, rev, h.dataOffset);
            out = read(path, c, s < 0 ? -1 : nd - 1 - s, comm).T();
        } else {
            out = read(path, h, s, comm);
        }
        return IO.convert(out, dtype);
    }

    /**
     * Loads {@code slices} of a {@code .npy} file (one per leading axis, positive steps; none: the whole array) split
     * along {@code split}, converted to {@code dtype}. The file is memory-mapped: each process copies only its part
     * of the selection, touching only the pages that hold it. Collective.
     * <pre>{@code DNDarray x = Npy.load(Path.of("x.npy"), null, 0, new Slice[] {Slice.of(0L, null, 2)}, comm); }</pre>
     */
    public static DNDarray load(Path path, DType dtype, Integer split, Slice[] slices, Communication comm) {
        if (slices == null || slices.length == 0) return load(path, dtype, split, comm);
        Header h = Collective.agree(comm, () -> readHeader(path));
        int nd = h.shape.length;
        if (slices.length > nd) throw new IOFailure(path + ": " + slices.length + " slices given for an array of " + nd + " dimensions");
        if (split != null && (split < -nd || split >= nd)) {
            throw new IOFailure(path + ": split " + split + " is out of range for an array of " + nd + " dimensions (shape "
                    + Shapes.str(h.shape) + ")");
        }
        int s = split == null ? -1 : (split < 0 ? split + nd : split);
        long[] start = new long[nd], step = new long[nd], g = new long[nd];
        for (int d = 0; d < nd; d++) {
            long[] r = d < slices.length && slices[d] != null ? slices[d].resolve(h.shape[d], path) : new long[] {0, 1, h.shape[d]};
            start[d] = r[0];
            step[d] = r[1];
            g[d] = r[2];
        }
        long[] lshape = g.clone();
        if (s >= 0) {
            start[s] += Distribution.start(g[s], comm.size(), comm.rank()) * step[s];
            lshape[s] = Distribution.count(g[s], comm.size(), comm.rank());
        }
        Tensor local = Tensor.empty(h.dtype, lshape);
        Collective.agreeRun(comm, () -> {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ); Arena a = Arena.ofConfined()) {
                if (ch.size() < h.dataOffset + h.dataBytes()) {
                    throw new IOFailure(path + ": file is truncated: shape " + Shapes.str(h.shape) + " of " + h.dtype + " needs "
                            + h.dataBytes() + " data bytes after the " + h.dataOffset + "-byte header, the file has " + (ch.size() - h.dataOffset));
                }
                if (local.size() == 0) return;
                MemorySegment m = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset, h.dataBytes(), a);
                Tensor view;
                if (h.fortran && nd > 1) {
                    long[] rev = new long[nd];
                    int[] perm = new int[nd];
                    for (int i = 0; i < nd; i++) {
                        rev[i] = h.shape[nd - 1 - i];
                        perm[i] = nd - 1 - i;
                    }
                    view = Tensor.wrap(m, h.dtype, rev).permute(perm);
                } else {
                    view = Tensor.wrap(m, h.dtype, h.shape);
                }
                for (int d = 0; d < nd; d++) view = view.slice(d, start[d], start[d] + (lshape[d] - 1) * step[d] + 1, step[d]);
                local.copyFrom(view);
            } catch (IOException e) {
                throw new IOFailure(path + ": cannot read (" + Collective.message(e) + ")", e);
            }
            if (h.bigEndian) swapBytes(local.data(), scalarSize(h.dtype));
        });
        DNDarray out = Redistribution.withMap(local, g, s, comm, Device.CPU);
        return IO.convert(out, dtype);
    }

    private static DNDarray read(Path path, Header h, int split, Communication comm) {
        long[] g = h.shape;
        int nd = g.length, p = comm.size(), r = comm.rank();
        long[] lshape = g.clone();
        long start = 0;
        if (split >= 0) {
            start = Distribution.start(g[split], p, r);
            lshape[split] = Distribution.count(g[split], p, r);
        }
        Tensor local = Tensor.empty(h.dtype, lshape);
        final long first = start;
        Collective.agreeRun(comm, () -> {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size < h.dataOffset + h.dataBytes()) {
                    throw new IOFailure(path + ": file is truncated: shape " + Shapes.str(g) + " of " + h.dtype + " needs "
                            + h.dataBytes() + " data bytes after the " + h.dataOffset + "-byte header, the file has "
                            + (size - h.dataOffset));
                }
                if (local.size() == 0) return;
                int item = h.dtype.itemSize();
                if (split <= 0) {
                    // rows are contiguous in the file: one positional read straight into the tensor's memory
                    long rowBytes = split < 0 ? 0 : Shapes.size(g) / Math.max(1, g[0]) * item;
                    FileSlabs.readFully(ch, h.dataOffset + first * rowBytes, local.hostSegment(), path);
                } else {
                    // a column slab: map the data (virtual; only the pages holding this slab are read) and copy
                    // the strided view of the whole array
                    try (Arena a = Arena.ofConfined()) {
                        MemorySegment m = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset, h.dataBytes(), a);
                        local.copyFrom(Tensor.wrap(m, h.dtype, g).narrow(split, first, lshape[split]));
                    }
                }
            } catch (IOException e) {
                throw new IOFailure(path + ": cannot read (" + Collective.message(e) + ")", e);
            }
            if (h.bigEndian) swapBytes(local.hostSegment(), scalarSize(h.dtype));
        });
        return Redistribution.withMap(local, g, split, comm, local.device()).to(Device.defaultDevice());
    }

    /** The size of the numbers a byte swap reverses: the element, or each of a complex element's two parts. */
    static int scalarSize(DType t) {
        return t.isComplex() ? t.itemSize() / 2 : t.itemSize();
    }

    /** Reverses the bytes of every {@code item}-byte number (big-endian files on a little-endian machine). */
    static void swapBytes(MemorySegment s, int item) {
        long n = s.byteSize() / item;
        switch (item) {
            case 2 -> { for (long i = 0; i < n; i++) s.set(ValueLayout.JAVA_SHORT_UNALIGNED, i * 2, Short.reverseBytes(s.get(ValueLayout.JAVA_SHORT_UNALIGNED, i * 2))); }
            case 4 -> { for (long i = 0; i < n; i++) s.set(ValueLayout.JAVA_INT_UNALIGNED, i * 4, Integer.reverseBytes(s.get(ValueLayout.JAVA_INT_UNALIGNED, i * 4))); }
            case 8 -> { for (long i = 0; i < n; i++) s.set(ValueLayout.JAVA_LONG_UNALIGNED, i * 8, Long.reverseBytes(s.get(ValueLayout.JAVA_LONG_UNALIGNED, i * 8))); }
            default -> { }
        }
    }

    /** The file's one array, for {@link IO#describe}: shape, stored dtype (numpy's name), layout. Local. */
    static DatasetInfo describe(Path path) throws IOException {
        Header h = readHeader(path);
        String layout = "none" + (h.fortran && h.shape.length > 1 ? ", F order" : "") + (h.bigEndian ? ", big-endian" : "");
        return new DatasetInfo("", h.shape, h.dtype.numpyName(), null, layout, null, java.util.Map.of());
    }

    // ------------------------------------------------------------------------------------------- header

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Parses the header of {@code path} (local; every process parses the same bytes). */
    static Header readHeader(Path path) throws IOException {
        FileSlabs.checkReadable(path);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            byte[] pre = FileSlabs.readBytes(ch, 0, 12);
            if (pre.length < 10 || !Arrays.equals(Arrays.copyOf(pre, 6), MAGIC)) {
                throw new IOFailure(path + ": not a .npy file (no \\x93NUMPY magic at the start)");
            }
            int major = pre[6] & 0xff;
            long len, off;
            if (major == 1) {
                len = (pre[8] & 0xff) | (pre[9] & 0xff) << 8;
                off = 10;
            } else if (major == 2 || major == 3) {
                if (pre.length < 12) throw new IOFailure(path + ": .npy header is truncated");
                len = (pre[8] & 0xffL) | (pre[9] & 0xffL) << 8 | (pre[10] & 0xffL) << 16 | (pre[11] & 0xffL) << 24;
                off = 12;
            } else {
                throw new IOFailure(path + ": unsupported .npy format version " + major + "." + (pre[7] & 0xff) + " (supported: 1.0, 2.0, 3.0)");
            }
            if (len > (1 << 24) || off + len > ch.size()) throw new IOFailure(path + ": .npy header is truncated or corrupt (header length " + len + ")");
            String text = new String(FileSlabs.readBytes(ch, off, (int) len), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            return parseHeader(path, text, off + len);
        }
    }

    private static Header parseHeader(Path path, String text, long dataOffset) {
        Matcher d = DESCR.matcher(text), f = FORTRAN.matcher(text), sh = SHAPE.matcher(text);
        if (!d.find() || !f.find() || !sh.find()) {
            throw new IOFailure(path + ": malformed .npy header (expected 'descr', 'fortran_order' and 'shape'): " + text.strip());
        }
        String descr = d.group(1);
        if (descr.length() < 2) throw new IOFailure(path + ": unsupported .npy dtype '" + descr + "'");
        char order = descr.charAt(0);
        String code = "<>|=".indexOf(order) >= 0 ? descr.substring(1) : descr;
        DType t = switch (code) {
            case "b1" -> DType.BOOL;
            case "i1" -> DType.INT8;
            case "u1" -> DType.UINT8;
            case "i2" -> DType.INT16;
            case "i4" -> DType.INT32;
            case "i8" -> DType.INT64;
            case "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            case "c8" -> DType.COMPLEX64;
            case "c16" -> DType.COMPLEX128;
            default -> throw new IOFailure(path + ": unsupported .npy dtype '" + descr
                    + "' (supported: b1, i1, u1, i2, i4, i8, f4, f8, c8, c16 in either byte order)");
        };
        boolean big = order == '>' && t.itemSize() > 1;
        List<Long> dims = new ArrayList<>();
        for (String part : sh.group(1).split(",")) {
            String v = part.strip();
            if (v.isEmpty()) continue;
            if (v.endsWith("L")) v = v.substring(0, v.length() - 1);   // Python 2 longs
            try {
                long n = Long.parseLong(v);
                if (n < 0) throw new NumberFormatException();
                dims.add(n);
            } catch (NumberFormatException e) {
                throw new IOFailure(path + ": malformed shape in .npy header: (" + sh.group(1) + ")");
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        try {
            long total = t.itemSize();
            for (long n : shape) total = Math.multiplyExact(total, n);
        } catch (ArithmeticException e) {
            throw new IOFailure(path + ": shape " + Shapes.str(shape) + " in the .npy header is too large");
        }
        return new Header(t, big, f.group(1).equals("True"), shape, dataOffset);
    }

    private static String descr(DType t) {
        return switch (t) {
            case BOOL -> "|b1";
            case INT8 -> "|i1";
            case UINT8 -> "|u1";
            case INT16 -> "<i2";
            case INT32 -> "<i4";
            case INT64 -> "<i8";
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case COMPLEX64 -> "<c8";
            case COMPLEX128 -> "<c16";
        };
    }

    /** The header bytes numpy writes: version 1.0 (2.0 when longer than 65535), padded to a multiple of 64 with a newline. */
    static byte[] header(DType t, long[] shape) {
        StringBuilder sb = new StringBuilder("{'descr': '").append(descr(t)).append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) sb.append(shape[i]).append(shape.length == 1 ? "," : (i + 1 < shape.length ? ", " : ""));
        sb.append("), }");
        int pre = 10;
        if (sb.length() + 1 + pre > 65535) pre = 12;
        int total = pre + sb.length() + 1;
        int pad = (64 - total % 64) % 64;
        sb.append(" ".repeat(pad)).append('\n');
        byte[] body = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[pre + body.length];
        System.arraycopy(MAGIC, 0, out, 0, 6);
        out[6] = (byte) (pre == 10 ? 1 : 2);
        out[7] = 0;
        int len = body.length;
        out[8] = (byte) len;
        out[9] = (byte) (len >> 8);
        if (pre == 12) {
            out[10] = (byte) (len >> 16);
            out[11] = (byte) (len >> 24);
        }
        System.arraycopy(body, 0, out, pre, body.length);
        return out;
    }

    // ------------------------------------------------------------------------------------------- writing

    /**
     * Saves {@code x} as one {@code .npy} file (C order, little-endian): rank 0 writes the header, every process
     * its rows at their offset. A new file appears atomically (written under a temporary name, then renamed).
     * Collective.
     * <pre>{@code Npy.save(x, Path.of("x.npy")); }</pre>
     *
     * @throws IOFailure on every process when the path cannot be written (nothing is left under its name)
     */
    public static void save(DNDarray x, Path path) {
        Communication comm = x.comm();
        byte[] head = header(x.dtype(), x.gshape());
        FileSlabs.Rows rows = FileSlabs.rows(x);
        Tensor local = rows.local().contiguous();
        long rowBytes = x.ndim() == 0 ? x.dtype().itemSize()
                : Shapes.size(x.gshape()) / Math.max(1, x.gshape()[0]) * x.dtype().itemSize();
        FileSlabs.atomically(path, comm, tmp -> Collective.agreeRun(comm, () -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                if (comm.rank() == 0) FileSlabs.writeFully(ch, 0, MemorySegment.ofArray(head));
                if (local.size() > 0) FileSlabs.writeFully(ch, head.length + rows.start() * rowBytes, local.hostSegment());
            } catch (IOException e) {
                throw new IOFailure(path + ": write failed (" + Collective.message(e) + ")", e);
            }
        }));
    }

    // ------------------------------------------------------------------------------------------- a directory of files

    /**
     * Loads every {@code .npy} file of a directory (in name order) as one array, concatenated along {@code split}:
     * the files are dealt to the processes like rows ({@code Distribution.counts(files, p)}), each process reads
     * only its files, so the result is split along {@code split} (and may be unbalanced, like Heat's). All files
     * must have the same dtype and the same shape outside {@code split}. Collective.
     * <pre>{@code DNDarray x = Npy.loadFromPath(Path.of("shards/"), null, 0, Communications.world()); }</pre>
     */
    public static DNDarray loadFromPath(Path dir, DType dtype, int split, Communication comm) {
        List<Path> files = Collective.agree(comm, () -> {
            if (!Files.isDirectory(dir)) throw new IOFailure(dir + ": no such directory");
            List<Path> l = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.npy")) {
                for (Path f : ds) if (Files.isRegularFile(f)) l.add(f);
            }
            if (l.isEmpty()) throw new IOFailure(dir + ": no .npy files in the directory");
            l.sort(null);
            return l;
        });
        // the listing is agreed: every process uses rank 0's view of the directory
        String joined = comm.bcast(comm.rank() == 0 ? String.join("\n", files.stream().map(Path::toString).toList()) : null, 0);
        List<Path> all = Arrays.stream(joined.split("\n")).map(Path::of).toList();
        int p = comm.size(), r = comm.rank();
        long from = Distribution.start(all.size(), p, r), cnt = Distribution.count(all.size(), p, r);
        List<Header> headers = Collective.agree(comm, () -> {
            List<Header> hs = new ArrayList<>();
            for (long i = from; i < from + cnt; i++) hs.add(readHeader(all.get((int) i)));
            return hs;
        });
        // every process tells the others its files' dtype, ndim and shape so that all check the same facts
        Header first = Collective.agree(comm, () -> readHeader(all.get(0)));
        int nd = first.shape.length;
        if (split < 0 || split >= nd) throw new IOFailure(dir + ": split " + split + " is out of range for " + nd + "-d arrays");
        // each process checks its own files against the first one; the verdict is agreed before any data moves
        Collective.agreeRun(comm, () -> {
            for (int i = 0; i < headers.size(); i++) {
                Header h = headers.get(i);
                Path f = all.get((int) (from + i));
                if (h.dtype != first.dtype) throw new IOFailure(dir + ": " + f + " has dtype " + h.dtype + ", " + all.get(0) + " has " + first.dtype);
                if (h.shape.length != nd) throw new IOFailure(dir + ": " + f + " has " + h.shape.length + " dimensions, " + all.get(0) + " has " + nd);
                for (int d = 0; d < nd; d++) {
                    if (d != split && h.shape[d] != first.shape[d]) {
                        throw new IOFailure(dir + ": " + f + " has shape " + Shapes.str(h.shape) + ", " + all.get(0) + " has "
                                + Shapes.str(first.shape) + " (only axis " + split + " may differ)");
                    }
                }
            }
        });
        long[] lshape = first.shape.clone();
        lshape[split] = headers.stream().mapToLong(h -> h.shape[split]).sum();
        Tensor local = Device.defaultDevice().backend().empty(first.dtype, lshape);
        Collective.agreeRun(comm, () -> {
            long at = 0;
            for (int i = 0; i < headers.size(); i++) {
                // a whole file on this process alone: the same reader with a one-process communicator
                Header h = headers.get(i);
                DNDarray one = h.fortran ? load(all.get((int) (from + i)), null, null, SELF) : read(all.get((int) (from + i)), h, -1, SELF);
                long n = h.shape[split];
                local.narrow(split, at, n).copyFrom(one.larray());
                at += n;
            }
        });
        long[] counts = comm.allgather(lshape[split]);
        long[] g = first.shape.clone();
        g[split] = Distribution.total(counts);
        DNDarray out = new DNDarray(local, g, split, comm, Distribution.of(counts).lshapeMap(g, split));
        return IO.convert(out, dtype);
    }

    private static final Communication SELF = new org.jheat.comm.SingleProcess();
}
