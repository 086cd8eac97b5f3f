package org.jheat.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.tensor.Device;
import org.jheat.core.Distribution;
import org.jheat.core.Redistribution;
import org.jheat.tensor.DType;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Zarr v2 and v3 arrays in a directory store, read and written in parallel without a Zarr library (metadata in
 * {@link ZarrMetadata}, codecs in {@link ZarrCodec}).
 *
 * <p>Reading: every process parses the metadata, then reads and decodes only the chunks that intersect its slab
 * of the (sliced) array, over its threads; a chunk that lies whole and contiguous in the slab is decoded straight
 * into the array's memory. A missing chunk holds the fill value. Writing: along the split axis each chunk is
 * written by exactly one process — the one whose slab holds the chunk's first element —, so the array is first
 * redistributed (one exchange of the boundary rows) until every process holds whole chunks; a replicated array's
 * chunk rows are dealt to the processes. A new store or array is written under a temporary name and renamed into
 * place when every process has finished, so a failure leaves nothing under the final name.
 *
 * <pre>{@code
 * DNDarray x = Zarr.load(Path.of("x.zarr"), null, 0, null, new Slice[0], Communications.world());
 * Zarr.save(x, Path.of("y.zarr"), null, "w", ZarrOptions.defaults().compressor("zstd", 3));
 * }</pre>
 */
public final class Zarr {
    private Zarr() { }

    /** The chunks jheat picks when none are given hold about this many bytes. */
    static final long AUTO_CHUNK_BYTES = 4L << 20;

    // ------------------------------------------------------------------------------------------- reading

    /**
     * Loads array {@code name} of the store (null: the store is the array) split along {@code split} (null:
     * replicated), optionally only {@code slices} of it (one per leading axis, positive steps), converted to
     * {@code dtype} (null: the stored type; uint16/uint32 widen to int32/int64, float16 to float32, uint64 reads as
     * int64 — a value of 2^63 or more fails, naming its chunk — or as float64 when a float dtype is asked for). A
     * {@code name} with {@code *} loads every matching array concatenated ({@link #loadMatching}). Collective.
     * <pre>{@code DNDarray t = Zarr.load(Path.of("c.zarr"), "temp", 0, null, new Slice[] {Slice.of(0, 100)}, comm); }</pre>
     *
     * @throws IOFailure on every process: missing store or array (listing the arrays), unsupported codec or dtype
     *                   (named), bad slice or split, a corrupt or truncated chunk (its key named)
     */
    public static DNDarray load(Path store, String name, Integer split, DType dtype, Slice[] slices, Communication comm) {
        if (name != null && name.contains("*")) return loadMatching(store, name, split, dtype, slices, comm);
        ZarrMetadata.Array a = Collective.agree(comm, () -> {
            ZarrMetadata.Array m = ZarrMetadata.open(store, name);
            for (ZarrCodec c : m.codecs()) library(c, store);
            return m;
        });
        long[] dims = a.shape();
        int nd = dims.length;
        String shown = a.name().isEmpty() ? "the array" : "'" + a.name() + "'";
        if (slices.length > nd) throw new IOFailure(store + ": " + slices.length + " slices given for " + shown + " of " + nd + " dimensions");
        long[] start = new long[nd], step = new long[nd], g = new long[nd];
        for (int d = 0; d < nd; d++) {
            long[] r = d < slices.length && slices[d] != null ? slices[d].resolve(dims[d], store) : new long[] {0, 1, dims[d]};
            start[d] = r[0];
            step[d] = r[1];
            g[d] = r[2];
        }
        if (split != null && (split < -nd || split >= nd)) {
            throw new IOFailure(store + ": split " + split + " is out of range for " + shown + " of " + nd + " dimensions");
        }
        int s = split == null ? -1 : (split < 0 ? split + nd : split);
        long[] lshape = g.clone(), fstart = start.clone();
        if (s >= 0) {
            long first = Distribution.start(g[s], comm.size(), comm.rank());
            lshape[s] = Distribution.count(g[s], comm.size(), comm.rank());
            fstart[s] = start[s] + first * step[s];
        }
        Tensor local = Tensor.empty(readType(a, dtype), lshape);
        Collective.agreeRun(comm, () -> readRegion(a, store, fstart, step, lshape, local));
        DNDarray out = Redistribution.withMap(local, g, s, comm, Device.CPU);
        return IO.convert(out, dtype);
    }

    /**
     * Heat's wildcard {@code load_zarr}: every array whose path matches {@code pattern} (see
     * {@link ZarrMetadata#matching}; name order), concatenated along {@code split} — which is therefore required —
     * and balanced. The arrays must agree in every dimension but {@code split}; the result has {@code dtype}, or
     * numpy's promotion of their types. Each process reads from each array only the part that falls into its slab.
     * As in Heat, slices are refused. Collective.
     * <pre>{@code DNDarray d = Zarr.loadMatching(Path.of("run.zarr"), "part_*", 0, null, new Slice[0], comm); }</pre>
     *
     * @throws IOFailure on every process: no split, slices, no match (listing the arrays), a match that is a group,
     *                   arrays of other shapes (named), and whatever loading one array may throw
     */
    static DNDarray loadMatching(Path store, String pattern, Integer split, DType dtype, Slice[] slices, Communication comm) {
        if (split == null) {
            throw new IOFailure(store + ": loading with the wildcard '" + pattern + "' concatenates the matching arrays and needs an axis; pass split=<axis>");
        }
        if (slices.length > 0) throw new IOFailure(store + ": slices are not supported when loading with the wildcard '" + pattern + "' (as in Heat)");
        String listed = Collective.onRoot(comm, 0, () -> String.join("\n", ZarrMetadata.matching(store, pattern)));
        List<String> names = List.of(comm.bcast(comm.rank() == 0 ? listed : null, 0).split("\n"));
        List<ZarrMetadata.Array> arrays = Collective.agree(comm, () -> {
            List<ZarrMetadata.Array> l = new ArrayList<>();
            for (String n : names) {
                ZarrMetadata.Array m = ZarrMetadata.open(store, n);
                for (ZarrCodec c : m.codecs()) library(c, store);
                l.add(m);
            }
            return l;
        });
        ZarrMetadata.Array first = arrays.get(0);
        int nd = first.shape().length, n = arrays.size();
        if (split < -nd || split >= nd) {
            throw new IOFailure(store + ": split " + split + " is out of range for '" + first.name() + "' of " + nd + " dimensions");
        }
        int s = split < 0 ? split + nd : split;
        long[] offsets = new long[n + 1];
        DType t = null;
        for (int i = 0; i < n; i++) {
            long[] sh = arrays.get(i).shape();
            boolean same = sh.length == nd;
            for (int d = 0; same && d < nd; d++) same = d == s || sh[d] == first.shape()[d];
            if (!same) {
                throw new IOFailure(store + ": array '" + arrays.get(i).name() + "' has shape " + Shapes.str(sh) + ", but '" + first.name() + "' has "
                        + Shapes.str(first.shape()) + " (matches of '" + pattern + "' are concatenated along axis " + s + "; only that axis may differ)");
            }
            DType ti = readType(arrays.get(i), dtype);
            t = t == null ? ti : DType.promoteTypes(t, ti);
            offsets[i + 1] = offsets[i] + sh[s];
        }
        DType out = dtype == null ? t : dtype;
        long[] g = first.shape().clone();
        g[s] = offsets[n];
        long lstart = Distribution.start(g[s], comm.size(), comm.rank());
        long[] lshape = g.clone();
        lshape[s] = Distribution.count(g[s], comm.size(), comm.rank());
        Tensor local = Tensor.empty(out, lshape);
        Collective.agreeRun(comm, () -> {
            for (int i = 0; i < n; i++) {
                long lo = Math.max(offsets[i], lstart), hi = Math.min(offsets[i + 1], lstart + lshape[s]);
                if (hi <= lo) continue;
                ZarrMetadata.Array a = arrays.get(i);
                long[] start = new long[nd], ones = new long[nd], count = lshape.clone();
                Arrays.fill(ones, 1);
                start[s] = lo - offsets[i];
                count[s] = hi - lo;
                Tensor part = local.narrow(s, lo - lstart, hi - lo);
                DType rt = readType(a, out);
                if (rt == out) {
                    readRegion(a, store, start, ones, count, part);
                } else {
                    Tensor tmp = Tensor.empty(rt, count);
                    readRegion(a, store, start, ones, count, tmp);
                    part.copyFrom(tmp);
                    tmp.storage().free();
                }
            }
        });
        return Redistribution.withMap(local, g, s, comm, Device.CPU);
    }

    /** The dtype chunks are decoded into: the stored type's, except uint64 asked for as a float type (float64, exact rounding). */
    static DType readType(ZarrMetadata.Array a, DType asked) {
        return a.type() == ZarrMetadata.Stored.UINT64 && asked != null && asked.isFloat() ? DType.FLOAT64 : a.type().dtype;
    }

    /** Fails (as an IOFailure) when the native library a codec needs is missing. */
    private static void library(ZarrCodec c, Object what) {
        try {
            if (c instanceof ZarrCodec.Zstd && org.jheat.natives.Zstd.LIBRARY == null) throw new IllegalStateException();
            if (c instanceof ZarrCodec.Blosc && org.jheat.natives.Blosc.LIBRARY == null) throw new IllegalStateException();
        } catch (LinkageError e) {
            throw new IOFailure(what + ": codec " + c.describe() + " is not available: " + e.getMessage(), e);
        }
    }

    /** One chunk index along one axis and the part of it that the region selects. */
    private record Seg(long chunk, long k0, long kn, long off) { }

    /** The chunks along one axis holding the selected indices start + k*step, k in [0, n). */
    private static List<Seg> segments(long start, long step, long n, long c, long len) {
        List<Seg> out = new ArrayList<>();
        if (n == 0) return out;
        if (step >= c) {
            for (long k = 0; k < n; k++) {
                long i = start + k * step;
                out.add(new Seg(i / c, k, 1, i % c));
            }
            return out;
        }
        long last = start + (n - 1) * step;
        for (long j = start / c; j <= last / c; j++) {
            long lo = j * c, hi = Math.min(lo + c, len) - 1;
            long k0 = lo <= start ? 0 : Math.ceilDiv(lo - start, step);
            long k1 = Math.min(n - 1, Math.floorDiv(hi - start, step));
            if (k0 <= k1) out.add(new Seg(j, k0, k1 - k0 + 1, start + k0 * step - lo));
        }
        return out;
    }

    /** Per-thread buffers, reused across the chunks a thread decodes. */
    private static final class Buffers implements AutoCloseable {
        final Arena arena = Arena.ofConfined();
        MemorySegment comp, raw, conv;

        MemorySegment comp(long n) {
            if (comp == null || comp.byteSize() < n) comp = arena.allocate(Math.max(n, comp == null ? 0 : comp.byteSize() * 2));
            return comp.asSlice(0, n);
        }

        @Override
        public void close() { arena.close(); }
    }

    /** Reads the region {start + k*step, k < count} of the array into {@code local} (C-contiguous, that shape). */
    static void readRegion(ZarrMetadata.Array a, Path store, long[] start, long[] step, long[] count, Tensor local) {
        if (local.size() == 0) return;
        int nd = count.length;
        long[] c = a.chunks();
        List<List<Seg>> per = new ArrayList<>();
        long total = 1;
        for (int d = 0; d < nd; d++) {
            List<Seg> l = segments(start[d], step[d], count[d], c[d], a.shape()[d]);
            per.add(l);
            total *= l.size();
        }
        // the failure of the first chunk in C order is reported, whichever thread met it first (the same text every run)
        AtomicReference<Failed> failure = new AtomicReference<>();
        Map<String, long[]> shardIndex = new ConcurrentHashMap<>();
        Parallel.forRange(total, 1, (from, to) -> {
            try (Buffers buf = new Buffers()) {
                Seg[] segs = new Seg[nd];
                for (long t = from; t < to; t++) {
                    Failed f = failure.get();
                    if (f != null && f.task < t) break;
                    long rest = t;
                    for (int d = nd - 1; d >= 0; d--) {
                        List<Seg> l = per.get(d);
                        segs[d] = l.get((int) (rest % l.size()));
                        rest /= l.size();
                    }
                    try {
                        readChunk(a, store, segs, step, local, buf, shardIndex);
                    } catch (RuntimeException e) {
                        Failed mine = new Failed(t, e);
                        failure.accumulateAndGet(mine, (x, y) -> x == null || y.task < x.task ? y : x);
                        break;
                    }
                }
            }
        });
        if (failure.get() != null) throw failure.get().error;
    }

    private record Failed(long task, RuntimeException error) { }

    /** The empty entry of a shard index (offset and nbytes both 2^64-1). */
    private static final long[] EMPTY = new long[0];

    private static void readChunk(ZarrMetadata.Array a, Path store, Seg[] segs, long[] step, Tensor local, Buffers buf,
                                  Map<String, long[]> shardIndex) {
        int nd = segs.length;
        long[] idx = new long[nd], c = a.chunks();
        Tensor region = local;
        boolean whole = true;
        for (int d = 0; d < nd; d++) {
            idx[d] = segs[d].chunk;
            region = region.narrow(d, segs[d].k0, segs[d].kn);
            whole &= segs[d].off == 0 && segs[d].kn == c[d] && (step[d] == 1 || c[d] == 1);
        }
        String key = a.chunkKey(idx);
        Path f = a.dir().resolve(key);
        String where = store + ": chunk '" + (a.name().isEmpty() ? "" : a.name() + "/") + key + "'"
                + (a.shard() == null ? "" : " (inner chunk " + a.innerIndex(idx) + ")");
        long bytes = a.chunkBytes();
        DType t = local.dtype();
        MemorySegment dst;
        boolean direct = whole && !a.type().converts() && (!a.fortran() || nd < 2) && region.isContiguous();
        if (direct) {
            dst = region.data();
        } else {
            if (buf.raw == null) buf.raw = buf.arena.allocate(Math.max(1, bytes));
            dst = buf.raw.asSlice(0, bytes);
        }
        // sizes[i]: what codec i decodes to (-1: only its own header knows)
        List<ZarrCodec> codecs = a.codecs();
        long[] sizes = new long[codecs.size() + 1];
        sizes[0] = bytes;
        long most = bytes;
        for (int i = 0; i < codecs.size(); i++) {
            sizes[i + 1] = codecs.get(i).encodedSize(sizes[i]);
            most = Math.max(most, sizes[i + 1]);
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long from = 0, size = ch.size();
            if (a.shard() != null) {
                long[] index = shardIndex.get(key);
                if (index == null) {
                    index = readShardIndex(a, ch, f, store + ": chunk '" + (a.name().isEmpty() ? "" : a.name() + "/") + key + "'");
                    shardIndex.put(key, index);
                }
                if (index == EMPTY) {
                    fill(region, a.fill(), where, t);
                    return;
                }
                long i = a.innerIndex(idx);
                from = index[(int) (2 * i)];
                size = index[(int) (2 * i + 1)];
                if (from < 0) {
                    fill(region, a.fill(), where, t);
                    return;
                }
            }
            if (codecs.isEmpty()) {
                if (size != bytes) throw new IOFailure(where + " has " + size + " bytes, an uncompressed chunk has " + bytes);
                FileSlabs.readFully(ch, from, dst, f);
            } else {
                long exact = sizes[codecs.size()];
                if (exact >= 0 && size != exact) throw new IOFailure(where + " is corrupt: it has " + size + " bytes, its codecs make " + exact);
                if (exact < 0 && size > most + (most >> 3) + (1 << 20)) {
                    throw new IOFailure(where + " is corrupt: " + size + " bytes is more than a compressed chunk of " + bytes + " bytes can be");
                }
                MemorySegment cur = buf.comp(size);
                FileSlabs.readFully(ch, from, cur, f);
                try (Arena tmp = Arena.ofConfined()) {
                    for (int i = codecs.size() - 1; i >= 0; i--) {
                        cur = codecs.get(i).decode(cur, sizes[i], i == 0 ? dst : null, tmp);
                    }
                }
            }
        } catch (NoSuchFileException missing) {
            fill(region, a.fill(), where, t);
            return;
        } catch (ZarrCodec.Corrupt e) {
            throw new IOFailure(where + " is corrupt: " + e.getMessage(), e);
        } catch (IOFailure e) {
            throw e.getMessage().startsWith(store.toString()) ? e : new IOFailure(where + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOFailure(where + ": cannot read (" + Collective.message(e) + ")", e);
        }
        if (a.bigEndian()) Npy.swapBytes(dst, a.type().scalarSize());
        if (direct) return;
        MemorySegment src = dst;
        if (a.type().converts()) {
            long n = Shapes.size(c);
            if (buf.conv == null) buf.conv = buf.arena.allocate(Math.max(1, n * 8));
            src = buf.conv;
            widen(a.type(), dst, src, n, t, where);
        }
        Tensor view;
        if (a.fortran() && nd > 1) {
            long[] rev = new long[nd];
            int[] perm = new int[nd];
            for (int d = 0; d < nd; d++) {
                rev[d] = c[nd - 1 - d];
                perm[d] = nd - 1 - d;
            }
            view = Tensor.wrap(src, t, rev).permute(perm);
        } else {
            view = Tensor.wrap(src, t, c);
        }
        for (int d = 0; d < nd; d++) view = view.slice(d, segs[d].off, segs[d].off + (segs[d].kn - 1) * step[d] + 1, step[d]);
        region.copyFrom(view);
    }

    /**
     * The (offset, nbytes) pairs of a shard's index, checked (checksum, entries inside the shard and clear of the
     * index), or {@link #EMPTY} when the shard holds no chunk; an empty chunk's pair is (-1, -1).
     */
    private static long[] readShardIndex(ZarrMetadata.Array a, FileChannel ch, Path f, String where) throws IOException {
        ZarrMetadata.Shard sh = a.shard();
        long n = sh.chunksPerShard(a.chunks()), ib = sh.indexBytes(a.chunks()), size = ch.size();
        if (size < ib) throw new IOFailure(where + " is corrupt: a shard of " + size + " bytes cannot hold its " + ib + "-byte index");
        long at = sh.atEnd() ? size - ib : 0;
        long[] out = new long[(int) (2 * n)];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(ib);
            FileSlabs.readFully(ch, at, seg, f);
            if (sh.crc()) {
                try {
                    seg = new ZarrCodec.Crc32c().decode(seg, ib - 4, null, arena);
                } catch (ZarrCodec.Corrupt e) {
                    throw new IOFailure(where + " is corrupt: shard index " + e.getMessage(), e);
                }
            }
            var layout = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(sh.big() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            long dataFrom = sh.atEnd() ? 0 : ib, dataTo = sh.atEnd() ? size - ib : size;
            boolean any = false;
            for (int i = 0; i < 2 * n; i += 2) {
                long off = seg.get(layout, 8L * i), len = seg.get(layout, 8L * i + 8);
                if (off == -1 && len == -1) {
                    out[i] = out[i + 1] = -1;
                    continue;
                }
                if (off < dataFrom || len < 0 || off > dataTo || len > dataTo - off) {
                    throw new IOFailure(where + " is corrupt: shard index entry " + (i / 2) + " (offset " + Long.toUnsignedString(off) + ", "
                            + Long.toUnsignedString(len) + " bytes) lies outside the shard's " + size + " bytes");
                }
                out[i] = off;
                out[i + 1] = len;
                any = true;
            }
            return any ? out : EMPTY;
        }
    }

    private static void fill(Tensor region, Number v) {
        if (v instanceof ZarrMetadata.ComplexFill c) fillComplex(region, c.re, c.im);
        else if (v instanceof Double d) region.fill(d.doubleValue());
        else region.fill(v.longValue());
    }

    /** Fills a complex region with re + im·j: one contiguous pattern, copied into the (possibly strided) region. */
    private static void fillComplex(Tensor region, double re, double im) {
        if (region.size() == 0) return;
        DType t = region.dtype();
        Tensor tmp = Tensor.empty(t, region.shape());
        MemorySegment m = tmp.hostSegment();
        for (long i = 0; i < tmp.size(); i++) {
            if (t == DType.COMPLEX64) {
                m.set(ValueLayout.JAVA_FLOAT_UNALIGNED, i * 8, (float) re);
                m.set(ValueLayout.JAVA_FLOAT_UNALIGNED, i * 8 + 4, (float) im);
            } else {
                m.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, i * 16, re);
                m.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, i * 16 + 8, im);
            }
        }
        region.copyFrom(tmp);
        tmp.free();
    }

    /** A missing chunk's fill value; a uint64 fill of 2^63 or more fits no int64. */
    private static void fill(Tensor region, Number v, String where, DType t) {
        if (t == DType.INT64 && v instanceof Double d) {
            throw new IOFailure(where + " is missing and reads as the uint64 fill value " + new java.math.BigDecimal(d).toBigInteger()
                    + ", which int64 cannot hold (load with dtype float64)");
        }
        fill(region, v);
    }

    /** uint16 → int32, uint32 → int64, uint64 → int64 (range-checked) or float64, float16 → float32, little-endian. */
    private static void widen(ZarrMetadata.Stored t, MemorySegment in, MemorySegment out, long n, DType to, String where) {
        var s16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        var i32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        var i64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        switch (t) {
            case UINT16 -> { for (long i = 0; i < n; i++) out.set(ValueLayout.JAVA_INT_UNALIGNED, i * 4, in.get(s16, i * 2) & 0xffff); }
            case UINT32 -> { for (long i = 0; i < n; i++) out.set(ValueLayout.JAVA_LONG_UNALIGNED, i * 8, in.get(i32, i * 4) & 0xffffffffL); }
            case FLOAT16 -> { for (long i = 0; i < n; i++) out.set(ValueLayout.JAVA_FLOAT_UNALIGNED, i * 4, Float.float16ToFloat(in.get(s16, i * 2))); }
            case UINT64 -> {
                if (to == DType.FLOAT64) {
                    for (long i = 0; i < n; i++) {
                        long v = in.get(i64, i * 8);
                        // unsigned to double, rounded to nearest as numpy: halve (keeping the sticky bit), convert, double
                        out.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, i * 8, v >= 0 ? (double) v : (double) ((v >>> 1) | (v & 1)) * 2.0);
                    }
                } else {
                    for (long i = 0; i < n; i++) {
                        long v = in.get(i64, i * 8);
                        if (v < 0) {
                            throw new IOFailure(where + " holds the uint64 value " + Long.toUnsignedString(v) + ", which int64 cannot hold "
                                    + "(jheat has no uint64 type; load with dtype float64)");
                        }
                        out.set(ValueLayout.JAVA_LONG_UNALIGNED, i * 8, v);
                    }
                }
            }
            default -> throw new IllegalStateException(t.name);
        }
    }

    // ------------------------------------------------------------------------------------------- writing

    /**
     * Saves {@code x} as a Zarr array. {@code name} null: the store itself is the array; otherwise the array at that
     * path inside a store that is a group. {@code mode}: "w-" fails when the target exists (Heat's default), "w"
     * replaces it, "a" adds the array {@code name} to an existing store (replacing an array of that name; a missing
     * store is created). Collective.
     * <pre>{@code Zarr.save(x, Path.of("out.zarr"), null, "w", ZarrOptions.defaults()); }</pre>
     *
     * @throws IOFailure on every process for bad options (named), an existing target in mode "w-", an unwritable
     *                   path or a failed write; nothing appears under the final name unless every process succeeded
     */
    public static void save(DNDarray x, Path store, String name, String mode, ZarrOptions o) {
        Communication comm = x.comm();
        ZarrOptions opt = o == null ? ZarrOptions.defaults() : o;
        String m = mode == null ? "w-" : mode.toLowerCase(Locale.ROOT);
        if (!m.equals("w") && !m.equals("w-") && !m.equals("a")) {
            throw new IOFailure(store + ": mode must be \"w-\" (new), \"w\" (replace) or \"a\" (add an array to a store), got \"" + mode + "\"");
        }
        String n = name == null ? "" : name.replaceAll("^/+|/+$", "");
        if (n.contains("..") || n.contains("\\")) throw new IOFailure(store + ": bad array name '" + name + "'");
        if (m.equals("a") && n.isEmpty()) throw new IOFailure(store + ": mode \"a\" adds a named array to a store; give its name");
        ZarrMetadata.Array meta = layout(x, store, n, opt);
        for (ZarrCodec c : meta.codecs()) Collective.agreeRun(comm, () -> library(c, store));

        // rank 0's view of the file system decides, so that every process takes the same branch
        String state = comm.bcast(comm.rank() == 0 ? targetState(store, n) : null, 0);
        boolean storeExists = !state.startsWith("none");
        Path abs = store.toAbsolutePath().normalize();
        if (m.equals("w-") && storeExists && (n.isEmpty() || !state.startsWith("group-without"))) {
            throw new IOFailure(store + (n.isEmpty() || !state.startsWith("group") ? ": exists; use mode \"w\" to replace it"
                    : ": array '" + n + "' exists; use mode \"a\" to replace it or \"w\" to replace the store"));
        }
        if (m.equals("a") && storeExists && !state.startsWith("group")) {
            throw new IOFailure(store + ": is not a Zarr group, cannot add array '" + n + "' to it");
        }
        if (storeExists && state.startsWith("group") && !m.equals("w") && !state.endsWith(":" + meta.format())) {
            throw new IOFailure(store + ": the store is Zarr v" + state.substring(state.length() - 1) + ", cannot add a v" + meta.format()
                    + " array to it (use ZarrOptions.format(" + state.substring(state.length() - 1) + "))");
        }
        String suffix = comm.bcast(comm.rank() == 0 ? Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) : null, 0);
        boolean intoStore = m.equals("a") && storeExists || m.equals("w-") && storeExists;
        // the directory written under a temporary name: the whole store, or (adding to a store) the array's directory
        Path target = intoStore ? abs.resolve(n) : abs;
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + suffix);
        Collective.onRoot(comm, 0, () -> {
            Path dir = target.getParent();
            if (intoStore) makeGroups(abs, n, meta.format());
            if (dir == null || !Files.isDirectory(dir)) throw new IOFailure(store + ": cannot write, directory " + dir + " does not exist");
            try {
                Files.createDirectory(tmp);
                Path arrayDir = tmp;
                if (!intoStore && !n.isEmpty()) {
                    Files.writeString(tmp.resolve(meta.format() == 2 ? ".zgroup" : "zarr.json"), ZarrMetadata.groupJson(meta.format()));
                    makeGroups(tmp, n, meta.format());
                    arrayDir = tmp.resolve(n);
                    Files.createDirectories(arrayDir);
                }
                Files.writeString(arrayDir.resolve(meta.format() == 2 ? ".zarray" : "zarr.json"), Json.write(meta.json()), StandardCharsets.UTF_8);
                if (meta.format() == 2) Files.writeString(arrayDir.resolve(".zattrs"), Json.write(new LinkedHashMap<>()));
            } catch (IOException e) {
                throw new IOFailure(store + ": cannot write (" + Collective.message(e) + ")", e);
            }
            return null;
        });
        Path arrayDir = intoStore || n.isEmpty() ? tmp : tmp.resolve(n);
        try {
            writeChunks(x, meta, arrayDir, store);
        } catch (IOFailure e) {
            comm.barrier();
            if (comm.rank() == 0) deleteTree(tmp);
            throw e;
        }
        Collective.onRoot(comm, 0, () -> {
            Path old = target.resolveSibling(target.getFileName() + ".old-" + suffix);
            try {
                syncTree(tmp);
                boolean had = Files.exists(target);
                if (had && FileSlabs.exchange(tmp, target)) {
                    // one atomic swap: the old store stays whole under its name until the new one replaces it
                    FileSlabs.syncDirectory(target.getParent());
                    deleteTree(tmp);
                    return null;
                }
                if (had) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    if (had) Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    throw e;
                }
                FileSlabs.syncDirectory(target.getParent());
                if (had) deleteTree(old);
            } catch (IOException e) {
                deleteTree(tmp);
                throw new IOFailure(store + ": cannot move the finished array into place (" + Collective.message(e) + ")", e);
            }
            return null;
        });
    }

    /**
     * Flushes the metadata files and the directories of a finished temporary store to disk (each process flushed
     * its chunks when it wrote them), so that the rename that follows never exposes a store with missing entries.
     */
    private static void syncTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                if (Files.isDirectory(f)) {
                    FileSlabs.syncDirectory(f);
                } else if (f.getFileName().toString().startsWith(".z") || f.getFileName().toString().equals("zarr.json")) {
                    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
            }
        }
    }

    /** "none", "array", "group-with:F" (has {@code name}; F: the format), "group-without:F", "other". */
    private static String targetState(Path store, String name) {
        if (!Files.exists(store)) return "none";
        ZarrMetadata.Node k = Files.isDirectory(store) ? ZarrMetadata.node(store) : ZarrMetadata.Node.NONE;
        if (k == ZarrMetadata.Node.GROUP2 || k == ZarrMetadata.Node.GROUP3) {
            return (!name.isEmpty() && Files.exists(store.resolve(name)) ? "group-with" : "group-without") + ":" + (k == ZarrMetadata.Node.GROUP2 ? 2 : 3);
        }
        return k == ZarrMetadata.Node.NONE ? "other" : "array";
    }

    /** Creates the groups above {@code name} inside {@code root} (not the array's own directory). */
    private static void makeGroups(Path root, String name, int format) {
        String[] parts = name.split("/");
        Path p = root;
        try {
            for (int i = 0; i < parts.length - 1; i++) {
                p = p.resolve(parts[i]);
                if (Files.isDirectory(p)) {
                    ZarrMetadata.Node k = ZarrMetadata.node(p);
                    if (k == ZarrMetadata.Node.ARRAY2 || k == ZarrMetadata.Node.ARRAY3) {
                        throw new IOFailure(root + ": '" + root.relativize(p) + "' is an array, not a group");
                    }
                    if (k != ZarrMetadata.Node.NONE) continue;
                }
                Files.createDirectories(p);
                Files.writeString(p.resolve(format == 2 ? ".zgroup" : "zarr.json"), ZarrMetadata.groupJson(format));
            }
        } catch (IOException e) {
            throw new IOFailure(root + ": cannot create group (" + Collective.message(e) + ")", e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the failure being reported matters more
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** The metadata of the array {@code x} will be written as (checks the options; same on every process). */
    static ZarrMetadata.Array layout(DNDarray x, Path store, String name, ZarrOptions o) {
        if (o.format() != 2 && o.format() != 3) throw new IOFailure(store + ": Zarr format must be 2 or 3, got " + o.format());
        if (o.order() != 'C' && o.order() != 'F') throw new IOFailure(store + ": order must be 'C' or 'F', got '" + o.order() + "'");
        ZarrMetadata.Stored t = ZarrMetadata.Stored.of(x.dtype());
        long[] g = x.gshape();
        long[] chunks = o.chunks();
        if (chunks != null) {
            if (chunks.length != g.length) {
                throw new IOFailure(store + ": chunk shape " + Arrays.toString(chunks) + " has " + chunks.length + " entries, the array has "
                        + g.length + " dimensions");
            }
            for (long c : chunks) if (c < 1) throw new IOFailure(store + ": chunk sizes must be positive, got " + Arrays.toString(chunks));
            if (Shapes.size(chunks) * t.size > (Integer.MAX_VALUE - 64) && !"none".equalsIgnoreCase(String.valueOf(o.compressor()))) {
                throw new IOFailure(store + ": compressed chunks of more than 2 GiB are not supported (chunk shape " + Arrays.toString(chunks) + ")");
            }
        } else {
            chunks = autoChunks(g, t.size, x.splitAxis(), x.comm().size());
        }
        ZarrCodec c = ZarrCodec.forWriting(o.compressor(), o.level(), o.shuffle(), t.size, store);
        if (c instanceof ZarrCodec.Zlib && o.format() == 3) throw new IOFailure(store + ": Zarr v3 has no zlib codec; use gzip");
        Number fill = t.kind == 'c' ? new ZarrMetadata.ComplexFill(o.fillValue(), 0)
                : t.kind == 'f' ? (Number) o.fillValue() : (Number) (long) o.fillValue();
        if (t.kind != 'f' && t.kind != 'c' && (o.fillValue() != Math.rint(o.fillValue()) || Double.isNaN(o.fillValue()))) {
            throw new IOFailure(store + ": fill value " + o.fillValue() + " is not a " + t.name);
        }
        ZarrMetadata.Shard shard = null;
        if (o.shards() != null) {
            long[] sh = o.shards();
            if (o.format() != 3) throw new IOFailure(store + ": shards need Zarr format 3 (ZarrOptions.format(3))");
            if (o.chunks() == null) throw new IOFailure(store + ": shards need an explicit chunk shape (ZarrOptions.chunks), of which they are multiples");
            if (sh.length != g.length) {
                throw new IOFailure(store + ": shard shape " + Arrays.toString(sh) + " has " + sh.length + " entries, the array has " + g.length + " dimensions");
            }
            for (int d = 0; d < sh.length; d++) {
                if (sh[d] < 1 || sh[d] % chunks[d] != 0) {
                    throw new IOFailure(store + ": shard shape " + Arrays.toString(sh) + " must be a positive multiple of the chunk shape " + Arrays.toString(chunks));
                }
            }
            shard = new ZarrMetadata.Shard(sh.clone(), true, false, true);
            if (shard.chunksPerShard(chunks) > (1 << 24) || Shapes.size(sh) * t.size > (1L << 40)) {
                throw new IOFailure(store + ": shard shape " + Arrays.toString(sh) + " is too large");
            }
        }
        return new ZarrMetadata.Array(null, name, o.format(), g, chunks, t, false, o.order() == 'F', c == null ? List.of() : List.of(c),
                fill, o.format() == 3, o.format() == 3 ? '/' : '.', new LinkedHashMap<>(), shard);
    }

    /** About {@link #AUTO_CHUNK_BYTES} per chunk: whole trailing axes, leading axes shrunk; at least p chunks along the split axis. */
    static long[] autoChunks(long[] g, int item, int split, int p) {
        long[] c = new long[g.length];
        for (int i = 0; i < c.length; i++) c[i] = Math.max(1, g[i]);
        long target = Math.max(1, AUTO_CHUNK_BYTES / item);
        for (int i = 0; i < c.length && Shapes.size(c) > target; i++) {
            long rest = Shapes.size(c) / c[i];
            c[i] = Math.max(1, target / Math.max(1, rest));
        }
        if (split >= 0 && p > 1) c[split] = Math.max(1, Math.min(c[split], Math.ceilDiv(Math.max(1, g[split]), p)));
        return c;
    }

    /** Each process writes its chunks (see the class comment for who writes which). */
    private static void writeChunks(DNDarray x, ZarrMetadata.Array meta, Path dir, Path store) {
        Communication comm = x.comm();
        int p = comm.size(), r = comm.rank(), nd = x.ndim();
        long[] g = x.gshape(), c = meta.gridCell();     // the unit one process writes: a chunk, or a whole shard
        if (Shapes.size(g) == 0) return;
        Tensor local;
        int axis;                 // the axis along which this process's chunk range is restricted (-1: none)
        long firstChunk, chunkCount, offset;   // along that axis: chunk range and the local index of global 0
        if (nd == 0) {
            local = x.larray();
            axis = -1;
            firstChunk = 0;
            chunkCount = r == 0 ? 1 : 0;
            offset = 0;
        } else if (x.splitAxis() < 0) {
            local = x.larray();
            axis = 0;
            long nc = Math.ceilDiv(g[0], c[0]);
            firstChunk = Distribution.start(nc, p, r);
            chunkCount = Distribution.count(nc, p, r);
            offset = 0;
        } else {
            axis = x.splitAxis();
            long cs = c[axis], nc = Math.ceilDiv(g[axis], cs);
            long[][] cd = x.countsDispls();
            // the owner of a chunk is the process whose slab holds the chunk's first element
            long[] target = new long[p], first = new long[p];
            Arrays.fill(first, -1);
            int q = 0;
            for (long j = 0; j < nc; j++) {
                long at = j * cs;
                while (q < p && (cd[0][q] == 0 || at >= cd[1][q] + cd[0][q])) q++;
                if (first[q] < 0) first[q] = j;
                target[q] += Math.min(cs, g[axis] - at);
            }
            DNDarray y = Arrays.equals(target, cd[0]) ? x : x.redistribute(target);
            local = y.larray();
            firstChunk = Math.max(0, first[r]);
            chunkCount = first[r] < 0 ? 0 : Math.ceilDiv(target[r], cs);
            offset = firstChunk * cs;
        }
        long[] nchunks = new long[nd];
        long tasks = chunkCount;
        for (int d = 0; d < nd; d++) {
            nchunks[d] = d == axis ? chunkCount : Math.ceilDiv(g[d], c[d]);
            if (d != axis) tasks *= nchunks[d];
        }
        final long total = tasks;
        final Tensor src = local;
        final long base = firstChunk, off = offset;
        final int ax = axis;
        Collective.agreeRun(comm, () -> {
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            Parallel.forRange(total, 1, (from, to) -> {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment raw = arena.allocate(Math.max(1, meta.chunkBytes()));
                    long[] idx = new long[nd];
                    for (long t = from; t < to && failure.get() == null; t++) {
                        long rest = t;
                        for (int d = nd - 1; d >= 0; d--) {
                            idx[d] = rest % nchunks[d];
                            rest /= nchunks[d];
                        }
                        if (ax >= 0) idx[ax] += base;
                        if (meta.shard() == null) writeChunk(meta, dir, store, src, idx, ax, off, raw);
                        else writeShard(meta, dir, store, src, idx, ax, off, raw);
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            });
            if (failure.get() != null) throw failure.get();
        });
    }

    private static void writeChunk(ZarrMetadata.Array meta, Path dir, Path store, Tensor local, long[] idx, int axis, long offset,
                                   MemorySegment raw) {
        String key = meta.chunkKey(idx);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = encodeChunk(meta, local, idx, axis, offset, raw, a);
            writeFile(dir.resolve(key), key, out);
        } catch (IOException e) {
            throw new IOFailure(store + ": cannot write chunk '" + key + "' (" + Collective.message(e) + ")", e);
        } catch (IllegalStateException e) {
            throw new IOFailure(store + ": cannot encode chunk '" + key + "' (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes shard {@code sidx}: its inner chunks that hold array elements, encoded one after the other, then the
     * index — (offset, nbytes) little-endian per inner chunk in C order, 2^64-1 twice for a chunk wholly outside the
     * array — and its crc32c.
     */
    private static void writeShard(ZarrMetadata.Array meta, Path dir, Path store, Tensor local, long[] sidx, int axis, long offset,
                                   MemorySegment raw) {
        int nd = sidx.length;
        long[] c = meta.chunks(), g = meta.shape(), per = new long[nd];
        for (int d = 0; d < nd; d++) per[d] = meta.shard().shape()[d] / c[d];
        long n = meta.shard().chunksPerShard(c);
        long[] first = new long[nd];
        for (int d = 0; d < nd; d++) first[d] = sidx[d] * per[d];
        String key = meta.chunkKey(first);
        try (Arena a = Arena.ofConfined()) {
            List<MemorySegment> parts = new ArrayList<>();
            MemorySegment index = a.allocate(16 * n + 4);
            var le = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            long at = 0;
            long[] idx = new long[nd];
            for (long i = 0; i < n; i++) {
                long rest = i;
                boolean inside = true;
                for (int d = nd - 1; d >= 0; d--) {
                    idx[d] = first[d] + rest % per[d];
                    rest /= per[d];
                    inside &= idx[d] * c[d] < g[d];
                }
                if (!inside) {
                    index.set(le, 16 * i, -1L);
                    index.set(le, 16 * i + 8, -1L);
                    continue;
                }
                MemorySegment enc = encodeChunk(meta, local, idx, axis, offset, raw, a);
                // raw is reused by the next chunk: keep a copy when the encoding is raw's own memory
                if (enc.address() >= raw.address() && enc.address() < raw.address() + raw.byteSize()) enc = a.allocate(enc.byteSize()).copyFrom(enc);
                parts.add(enc);
                index.set(le, 16 * i, at);
                index.set(le, 16 * i + 8, enc.byteSize());
                at += enc.byteSize();
            }
            MemorySegment idxOut = new ZarrCodec.Crc32c().encode(index.asSlice(0, 16 * n), 8, a);
            parts.add(idxOut);
            MemorySegment all = a.allocate(Math.max(1, at + idxOut.byteSize()));
            long pos = 0;
            for (MemorySegment m : parts) {
                MemorySegment.copy(m, 0, all, pos, m.byteSize());
                pos += m.byteSize();
            }
            writeFile(dir.resolve(key), key, all.asSlice(0, pos));
        } catch (IOException e) {
            throw new IOFailure(store + ": cannot write shard '" + key + "' (" + Collective.message(e) + ")", e);
        } catch (IllegalStateException e) {
            throw new IOFailure(store + ": cannot encode shard '" + key + "' (" + e.getMessage() + ")", e);
        }
    }

    private static void writeFile(Path f, String key, MemorySegment bytes) throws IOException {
        if (key.indexOf('/') >= 0) Files.createDirectories(f.getParent());
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            FileSlabs.writeFully(ch, 0, bytes);
            ch.force(true);   // on disk before the store is renamed into place (crash-safe writes)
        }
    }

    /** Chunk {@code idx} of the array (its part of {@code local}, padded with the fill value) through the codecs. */
    private static MemorySegment encodeChunk(ZarrMetadata.Array meta, Tensor local, long[] idx, int axis, long offset, MemorySegment raw,
                                             Arena arena) {
        int nd = idx.length;
        long[] c = meta.chunks(), g = meta.shape();
        Tensor region = local;
        boolean full = true;
        for (int d = 0; d < nd; d++) {
            long lo = idx[d] * c[d], len = Math.min(c[d], g[d] - lo);
            full &= len == c[d];
            region = region.narrow(d, lo - (d == axis ? offset : 0), len);
        }
        DType t = local.dtype();
        MemorySegment bytes;
        if (full && (!meta.fortran() || nd < 2) && region.isContiguous()) {
            bytes = region.data();
        } else {
            Tensor chunk;
            if (meta.fortran() && nd > 1) {
                long[] rev = new long[nd];
                int[] perm = new int[nd];
                for (int d = 0; d < nd; d++) {
                    rev[d] = c[nd - 1 - d];
                    perm[d] = nd - 1 - d;
                }
                chunk = Tensor.wrap(raw, t, rev).permute(perm);
            } else {
                chunk = Tensor.wrap(raw, t, c);
            }
            if (!full) fill(chunk, meta.fill());
            Tensor part = chunk;
            for (int d = 0; d < nd; d++) part = part.narrow(d, 0, region.shape(d));
            part.copyFrom(region);
            bytes = raw.asSlice(0, meta.chunkBytes());
        }
        MemorySegment out = bytes;
        for (ZarrCodec codec : meta.codecs()) out = codec.encode(out, meta.type().size, arena);
        return out;
    }

    // ------------------------------------------------------------------------------------------- listing

    /** The attributes of array or group {@code name} (null: the root). Local. */
    static java.util.Map<String, Object> attributes(Path store, String name) throws IOException {
        String n = name == null ? "" : name.replaceAll("^/+|/+$", "");
        Path dir = n.isEmpty() ? store : store.resolve(n);
        ZarrMetadata.Node k = Files.isDirectory(dir) ? ZarrMetadata.node(dir) : ZarrMetadata.Node.NONE;
        return switch (k) {
            case ARRAY2, ARRAY3 -> ZarrMetadata.open(store, n).attributes();
            case GROUP2 -> Files.isRegularFile(dir.resolve(".zattrs"))
                    ? Json.object(Json.parse(Files.readString(dir.resolve(".zattrs")), dir.resolve(".zattrs")), dir) : new LinkedHashMap<>();
            case GROUP3 -> {
                Object at = Json.object(Json.parse(Files.readString(dir.resolve("zarr.json")), dir), dir).get("attributes");
                yield at == null ? new LinkedHashMap<>() : Json.object(at, dir.resolve("zarr.json"));
            }
            case NONE -> {
                ZarrMetadata.open(store, n);   // fails with the right message
                yield new LinkedHashMap<>();
            }
        };
    }

    /** The arrays of a store (recursively), for {@link IO#describe}. Local. */
    static List<DatasetInfo> describe(Path store) throws IOException {
        if (!Files.isDirectory(store)) throw new IOFailure(store + ": not a Zarr store (a Zarr store is a directory)");
        if (ZarrMetadata.node(store) == ZarrMetadata.Node.NONE) throw new IOFailure(store + ": not a Zarr store (no .zarray, .zgroup or zarr.json)");
        List<String> names = new ArrayList<>();
        ZarrMetadata.collect(store, "", names, 0);
        List<DatasetInfo> out = new ArrayList<>();
        for (String n : names) {
            try {
                ZarrMetadata.Array a = ZarrMetadata.open(store, n);
                String comp = a.compression() + ", zarr v" + a.format() + (a.fortran() ? ", F order" : "");
                out.add(new DatasetInfo(n, a.shape(), a.type().name, a.chunks(), comp, null, a.attributes()));
            } catch (IOFailure unreadable) {
                out.add(ZarrMetadata.raw(store, n, unreadable.getMessage()));
            }
        }
        return out;
    }
}
