package org.jheat.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * The partition interface of a distributed array (Heat's {@code __partitioned__}, after the data-apis "partitioned"
 * protocol): the global shape, how many tiles each axis is cut into, every tile's start, shape and owning ranks, and
 * which tiles this process holds, with their local data. {@link DNDarray#partitioned()} describes an array this way;
 * {@link Factories#fromPartitioned} builds an array from such a description (one written by another library as well,
 * through {@link #fromMap}). A DNDarray has at most one axis cut into more than one tile (its split axis, one tile
 * per rank); a replicated array is one tile held by every rank.
 *
 * <pre>{@code
 * Partitioned p = x.partitioned();                    // x split 0 on 3 processes: tiling (3, 1)
 * Partitioned.Part mine = p.partitions().get(p.locals().get(0));
 * Tensor myRows = mine.data();                        // this process's slab; other ranks' tiles have data null
 * DNDarray y = Heat.fromPartitioned(p);               // the same array again
 * }</pre>
 *
 * @param shape           the global shape
 * @param partitionTiling the number of tiles along each axis
 * @param partitions      every tile by its tile index (a list of one int per axis), in tile order
 * @param locals          the tile indices this process holds (one for a DNDarray)
 */
public record Partitioned(long[] shape, int[] partitionTiling, Map<List<Integer>, Part> partitions, List<List<Integer>> locals) {

    /**
     * One tile: where it starts, its shape, its data where this process holds it (null elsewhere), the ranks that
     * hold it and its dtype.
     * <pre>{@code long firstRow = p.partitions().get(List.of(1, 0)).start()[0]; }</pre>
     *
     * @param start    the global index of the tile's first element, one per axis
     * @param shape    the tile's extent along each axis
     * @param data     the tile's elements on this process, or null when another process holds it
     * @param location the ranks that hold the tile
     * @param dtype    the element type
     */
    public record Part(long[] start, long[] shape, Tensor data, List<Integer> location, DType dtype) {
        /** Copies the arrays, so that the record cannot be changed through them. */
        public Part {
            start = start == null ? null : start.clone();
            shape = shape == null ? null : shape.clone();
            location = location == null ? null : List.copyOf(location);
        }

        /** The tile's first global index per axis (a copy). <pre>{@code long row0 = part.start()[0]; }</pre> */
        @Override public long[] start() { return start == null ? null : start.clone(); }

        /** The tile's extents (a copy). <pre>{@code long rows = part.shape()[0]; }</pre> */
        @Override public long[] shape() { return shape == null ? null : shape.clone(); }

        /** Equal starts, shapes, locations and dtypes, and the same data tensor (or both null). */
        @Override public boolean equals(Object o) {
            return o instanceof Part p && Arrays.equals(start, p.start) && Arrays.equals(shape, p.shape) && data == p.data
                    && java.util.Objects.equals(location, p.location) && dtype == p.dtype;
        }

        @Override public int hashCode() {
            return Arrays.hashCode(start) * 31 + Arrays.hashCode(shape);
        }

        @Override public String toString() {
            return "Part[start=" + Arrays.toString(start) + ", shape=" + Arrays.toString(shape) + ", data="
                    + (data == null ? "null" : "local") + ", location=" + location + ", dtype=" + dtype + "]";
        }
    }

    /** Copies the arrays and collections, so that the record cannot be changed through them. */
    public Partitioned {
        shape = shape == null ? null : shape.clone();
        partitionTiling = partitionTiling == null ? null : partitionTiling.clone();
        partitions = partitions == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(partitions));
        locals = locals == null ? null : locals.stream().map(List::copyOf).toList();
    }

    /** The global shape (a copy). <pre>{@code long n = p.shape()[0]; }</pre> */
    @Override public long[] shape() { return shape == null ? null : shape.clone(); }

    /** Tiles per axis (a copy). <pre>{@code int cuts = p.partitionTiling()[0]; }</pre> */
    @Override public int[] partitionTiling() { return partitionTiling == null ? null : partitionTiling.clone(); }

    /**
     * Heat's {@code get}: the data of a tile this process holds.
     * <pre>{@code Tensor t = p.get(p.locals().get(0)); }</pre>
     *
     * @throws IllegalArgumentException when there is no such tile or this process does not hold it
     */
    public Tensor get(List<Integer> tile) {
        Part part = partitions.get(tile);
        if (part == null) throw new IllegalArgumentException("partitioned: no tile " + tile + "; tiles are " + partitions.keySet());
        if (part.data() == null) throw new IllegalArgumentException("partitioned: tile " + tile + " is held by ranks " + part.location() + ", not by this process");
        return part.data();
    }

    /**
     * The description as the dictionary Heat's {@code __partitioned__} is: keys {@code shape} (long[]),
     * {@code partition_tiling} (int[]), {@code partitions} (tile index → map with {@code start}, {@code shape},
     * {@code data}, {@code location}, {@code dtype}) and {@code locals}. {@link #fromMap} reads it back.
     * <pre>{@code Map<String, Object> d = x.partitioned().toMap(); }</pre>
     */
    public Map<String, Object> toMap() {
        Map<List<Integer>, Map<String, Object>> parts = new LinkedHashMap<>();
        for (Map.Entry<List<Integer>, Part> e : partitions.entrySet()) {
            Part p = e.getValue();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", p.start());
            m.put("shape", p.shape());
            m.put("data", p.data());
            m.put("location", p.location());
            m.put("dtype", p.dtype());
            parts.put(e.getKey(), m);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("shape", shape());
        d.put("partition_tiling", partitionTiling());
        d.put("partitions", parts);
        d.put("locals", locals);
        return d;
    }

    /**
     * Reads a partition dictionary (Heat's {@code from_partition_dict} input; what {@link #toMap} writes): shapes,
     * starts and tiling as Java arrays or lists of numbers, tile indices as lists of integers, {@code data} a
     * {@link Tensor} (or absent/null for other ranks' tiles), {@code dtype} a {@link DType} or its name (optional:
     * taken from the data). Only the form is checked here; {@link Factories#fromPartitioned} checks the content.
     * <pre>{@code Partitioned p = Partitioned.fromMap(dict); }</pre>
     *
     * @throws IllegalArgumentException for a missing key or a value of the wrong kind, naming it
     */
    public static Partitioned fromMap(Map<String, ?> d) {
        if (d == null) throw new IllegalArgumentException("fromPartitionDict: the dictionary is null");
        long[] shape = longs(need(d, "shape", "the dictionary"), "shape");
        Object tilingObj = need(d, "partition_tiling", "the dictionary");
        long[] tl = longs(tilingObj, "partition_tiling");
        int[] tiling = new int[tl.length];
        for (int i = 0; i < tl.length; i++) {
            if (tl[i] < 1 || tl[i] > Integer.MAX_VALUE) throw new IllegalArgumentException("fromPartitionDict: partition_tiling entries must be >= 1, got " + Arrays.toString(tl));
            tiling[i] = (int) tl[i];
        }
        if (!(need(d, "partitions", "the dictionary") instanceof Map<?, ?> pm)) {
            throw new IllegalArgumentException("fromPartitionDict: 'partitions' must be a map from tile index to tile, got " + d.get("partitions").getClass().getSimpleName());
        }
        Map<List<Integer>, Part> parts = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : pm.entrySet()) {
            List<Integer> key = tile(e.getKey(), "a key of 'partitions'");
            if (!(e.getValue() instanceof Map<?, ?> m)) throw new IllegalArgumentException("fromPartitionDict: tile " + key + " must be a map, got " + (e.getValue() == null ? "null" : e.getValue().getClass().getSimpleName()));
            String where = "tile " + key;
            Object data = m.get("data");
            if (data != null && !(data instanceof Tensor)) throw new IllegalArgumentException("fromPartitionDict: " + where + ": 'data' must be a Tensor, got " + data.getClass().getSimpleName());
            Object loc = need(m, "location", where);
            List<Integer> location = new ArrayList<>();
            for (long r : longs(loc, where + " location")) location.add(Math.toIntExact(r));
            Object dt = m.get("dtype");
            DType dtype = dt == null ? (data == null ? null : ((Tensor) data).dtype())
                    : dt instanceof DType t ? t : DType.of(dt.toString());
            parts.put(key, new Part(longs(need(m, "start", where), where + " start"), longs(need(m, "shape", where), where + " shape"), (Tensor) data, location, dtype));
        }
        if (!(need(d, "locals", "the dictionary") instanceof Collection<?> lc)) {
            throw new IllegalArgumentException("fromPartitionDict: 'locals' must be a list of tile indices, got " + d.get("locals").getClass().getSimpleName());
        }
        List<List<Integer>> locals = new ArrayList<>();
        for (Object o : lc) locals.add(tile(o, "an entry of 'locals'"));
        return new Partitioned(shape, tiling, parts, locals);
    }

    private static Object need(Map<?, ?> m, String key, String where) {
        Object v = m.get(key);
        if (v == null) throw new IllegalArgumentException("fromPartitionDict: " + where + " has no '" + key + "'");
        return v;
    }

    /** A tile index: a list (or array) of integers. */
    private static List<Integer> tile(Object o, String what) {
        List<Integer> out = new ArrayList<>();
        for (long v : longs(o, what)) out.add(Math.toIntExact(v));
        return List.copyOf(out);
    }

    /** long[], int[] or a collection of whole numbers as long[]. */
    private static long[] longs(Object o, String what) {
        if (o instanceof long[] a) return a.clone();
        if (o instanceof int[] a) return Arrays.stream(a).asLongStream().toArray();
        if (o instanceof Collection<?> c) {
            long[] out = new long[c.size()];
            int i = 0;
            for (Object v : c) {
                if (!(v instanceof Number n) || v instanceof Double || v instanceof Float) {
                    throw new IllegalArgumentException("fromPartitionDict: " + what + " must hold whole numbers, got " + c);
                }
                out[i++] = n.longValue();
            }
            return out;
        }
        throw new IllegalArgumentException("fromPartitionDict: " + what + " must be a long[], int[] or a list of integers, got "
                + (o == null ? "null" : o.getClass().getSimpleName()));
    }

    @Override public String toString() {
        return "Partitioned[shape=" + Shapes.str(shape) + ", partition_tiling=" + Arrays.toString(partitionTiling)
                + ", partitions=" + partitions + ", locals=" + locals + "]";
    }

    /** Equal shapes, tilings, tiles and locals. */
    @Override public boolean equals(Object o) {
        return o instanceof Partitioned p && Arrays.equals(shape, p.shape) && Arrays.equals(partitionTiling, p.partitionTiling)
                && partitions.equals(p.partitions) && locals.equals(p.locals);
    }

    @Override public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(partitionTiling);
    }
}
