package org.jheat.io;

import java.util.Arrays;

/**
 * How {@link IO#saveZarr(org.jheat.core.DNDarray, String, String, String, ZarrOptions)} writes an array: Zarr
 * format 2 or 3, chunk shape (null: about 4 MiB chunks, with at least one chunk per process along the split axis),
 * compressor ({@code "blosc:lz4"} — zarr-python's default —, {@code "blosc:zstd"}, {@code "zstd"}, {@code "gzip"},
 * {@code "zlib"} (v2 only) or {@code "none"}), its level (-1: the codec's default), Blosc's shuffle (0 none, 1 byte,
 * 2 bit), C or F order inside chunks, the fill value (what missing chunks and the padding of edge chunks hold), and
 * for format 3 optionally shards (v3's {@code sharding_indexed}: each file holds a shard of several chunks and an
 * index of them, little-endian with a crc32c, at the end — zarr-python 3's default layout).
 *
 * <pre>{@code
 * ZarrOptions o = ZarrOptions.defaults().format(3).compressor("zstd", 3).chunks(1000, 64);
 * IO.saveZarr(x, "out.zarr", null, "w", o);
 * }</pre>
 *
 * @param format     2 or 3
 * @param chunks     chunk shape, one entry per dimension, or null for automatic
 * @param compressor codec name, see above
 * @param level      compression level, -1 for the codec's default
 * @param shuffle    Blosc shuffle: 0 none, 1 byte, 2 bit
 * @param order      'C' or 'F'
 * @param fillValue  the array's fill value (converted to its dtype)
 * @param shards     shard shape (format 3 only; a multiple of the chunk shape, which must then be given), or null
 */
public record ZarrOptions(int format, long[] chunks, String compressor, int level, int shuffle, char order, double fillValue, long[] shards) {

    /** zarr-python's defaults: format 2, automatic chunks, Blosc with LZ4 at level 5 and byte shuffle, C order, fill 0. */
    public static ZarrOptions defaults() {
        return new ZarrOptions(2, null, "blosc:lz4", 5, 1, 'C', 0, null);
    }

    /** The same options with Zarr format {@code f} (2 or 3). <pre>{@code ZarrOptions.defaults().format(3)}</pre> */
    public ZarrOptions format(int f) { return new ZarrOptions(f, chunks, compressor, level, shuffle, order, fillValue, shards); }

    /** The same options with this chunk shape. <pre>{@code ZarrOptions.defaults().chunks(100, 10)}</pre> */
    public ZarrOptions chunks(long... c) { return new ZarrOptions(format, c == null ? null : c.clone(), compressor, level, shuffle, order, fillValue, shards); }

    /** The same options with compressor {@code name} at {@code lvl} (-1: default). <pre>{@code o.compressor("blosc:zstd", 3)}</pre> */
    public ZarrOptions compressor(String name, int lvl) { return new ZarrOptions(format, chunks, name, lvl, shuffle, order, fillValue, shards); }

    /** The same options with Blosc shuffle {@code s}. <pre>{@code o.shuffle(2)}</pre> */
    public ZarrOptions shuffle(int s) { return new ZarrOptions(format, chunks, compressor, level, s, order, fillValue, shards); }

    /** The same options with order 'C' or 'F'. <pre>{@code o.order('F')}</pre> */
    public ZarrOptions order(char o) { return new ZarrOptions(format, chunks, compressor, level, shuffle, o, fillValue, shards); }

    /** The same options with fill value {@code v}. <pre>{@code o.fillValue(Double.NaN)}</pre> */
    public ZarrOptions fillValue(double v) { return new ZarrOptions(format, chunks, compressor, level, shuffle, order, v, shards); }

    /**
     * The same options with shards of this shape (format 3; each a multiple of the chunk shape; null: none).
     * <pre>{@code ZarrOptions.defaults().format(3).chunks(100, 10).shards(1000, 10)}</pre>
     */
    public ZarrOptions shards(long... s) {
        return new ZarrOptions(format, chunks, compressor, level, shuffle, order, fillValue, s == null ? null : s.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZarrOptions z && z.format == format && Arrays.equals(z.chunks, chunks) && java.util.Objects.equals(z.compressor, compressor)
                && z.level == level && z.shuffle == shuffle && z.order == order && Double.compare(z.fillValue, fillValue) == 0
                && Arrays.equals(z.shards, shards);
    }

    @Override
    public int hashCode() { return java.util.Objects.hash(format, Arrays.hashCode(chunks), compressor, level, shuffle, order, fillValue); }

    @Override
    public String toString() {
        return "ZarrOptions[format=" + format + ", chunks=" + Arrays.toString(chunks) + ", compressor=" + compressor + ", level=" + level
                + ", shuffle=" + shuffle + ", order=" + order + ", fillValue=" + fillValue + (shards == null ? "" : ", shards=" + Arrays.toString(shards)) + "]";
    }
}
