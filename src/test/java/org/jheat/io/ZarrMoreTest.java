package org.jheat.io;

import static org.jheat.io.IoTesting.fixture;
import static org.jheat.testing.Dist.assertDistributed;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * Zarr filters (numcodecs, written by zarr-python), uint64, Heat's wildcard names and v3 sharding, against the
 * fixtures of scripts/golden/make_zarr_more.py: every split at any process count (the small arrays leave some
 * processes empty at np 3 and 4), and bad input failing alike on every rank.
 */
class ZarrMoreTest {

    static String z(String name) {
        return fixture("zarr_more/" + name).toString();
    }

    /** What numpy reads (the fixture's .npy), replicated. */
    static Tensor want(String npy) {
        return IO.loadNpy(z(npy), null).larray();
    }

    static void assertEverySplit(String store, String name) {
        Tensor w = want(store + ".npy");
        for (Integer s : IoTesting.splits(w.ndim())) assertDistributed(w, IO.loadZarr(z(store), name, s), true);
    }

    @Test
    void filtersWrittenByZarrPython() {
        for (String f : List.of("delta_i8_as_i2.zarr", "delta_i4_2d.zarr", "delta_f4.zarr", "fso_u2.zarr", "fso_f4.zarr", "quantize.zarr",
                "astype.zarr", "bitround.zarr", "shuffle_zlib.zarr", "packbits.zarr", "two_filters.zarr")) {
            assertEverySplit(f, null);
        }
        // a slice reads only some chunks; the filters are undone per chunk
        Tensor w = want("delta_i4_2d.zarr.npy");
        assertDistributed(w.slice(0, 1L, 7L, 2).slice(1, 1L, 5L, 3).contiguous(),
                IO.loadZarr(z("delta_i4_2d.zarr"), null, 0, null, Slice.of(1L, 7L, 2), Slice.of(1L, 5L, 3)), true);
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("bz2_filter.zarr"), 0));
        assertTrue(e.getMessage().contains("unsupported Zarr filter 'bz2'") && e.getMessage().contains("delta"), e.getMessage());
        assertTrue(IO.describe(z("fso_u2.zarr")).get(0).compression().startsWith("fixedscaleoffset(<f8 as <u2, scale 10.0, offset 1000.0) + blosc(zstd"),
                IO.describe(z("fso_u2.zarr")).toString());
    }

    @Test
    void uint64ReadsAsInt64OrFloat64() {
        assertEverySplit("u64.zarr", null);
        for (Integer s : IoTesting.splits(1)) {
            // values of 2^63 and more fit no int64: named with their chunk, on every rank
            IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("u64_big.zarr"), s));
            assertTrue(e.getMessage().contains("chunk '") && e.getMessage().contains("uint64 value 9223372036854775808")
                    && e.getMessage().contains("dtype float64"), e.getMessage());
            // as float64 they round like numpy's astype
            assertDistributed(want("u64_big_f8.npy"), IO.loadZarr(z("u64_big.zarr"), null, s, DType.FLOAT64), true);
            assertDistributed(want("u64_big_f8.npy").astype(DType.FLOAT32), IO.loadZarr(z("u64_big.zarr"), null, s, DType.FLOAT32), true);
        }
        // the chunks that hold small values alone read fine
        assertDistributed(want("u64_big_first3.npy"), IO.loadZarr(z("u64_big.zarr"), null, 0, null, Slice.of(0, 2)), true);
    }

    @Test
    void wildcardNamesConcatenateLikeHeat() {
        // Heat: sorted glob matches, concatenated along split; float32 and int32 promote to float64 as numpy's concatenate
        for (Integer s : new Integer[] {0, -2}) {
            DNDarray d = IO.loadZarr(z("wild.zarr"), "RECEIVER_*/DATA", s);
            assertEquals(DType.FLOAT64, d.dtype());
            assertDistributed(want("wild_DATA.npy"), d, true);
        }
        assertDistributed(want("wild_TIME.npy"), IO.loadZarr(z("wild.zarr"), "/RECEIVER_*/TIME", 0), true);
        assertDistributed(want("wild_R1x_DATA.npy"), IO.loadZarr(z("wild.zarr"), "RECEIVER_1*/DATA", 0), true);
        assertDistributed(want("wild_R1x_DATA.npy"), IO.loadZarr(z("wild.zarr"), "RECEIVER_[!02]*/D?TA", 0), true);
        assertDistributed(want("wild_DATA.npy").astype(DType.FLOAT32), IO.loadZarr(z("wild.zarr"), "RECEIVER_*/DATA", 0, DType.FLOAT32), true);
        // along axis 1: arrays that differ in columns
        assertDistributed(want("wild_cols.npy"), IO.loadZarr(z("wild_cols.zarr"), "c*", 1), true);

        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("wild.zarr"), "RECV_*/DATA", 0));
        assertTrue(e.getMessage().contains("pattern 'RECV_*/DATA' matches no array") && e.getMessage().contains("RECEIVER_10/DATA"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("wild.zarr"), "RECEIVER_*/DATA", null));
        assertTrue(e.getMessage().contains("needs an axis"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("wild.zarr"), "BAD_*/DATA", 0));
        assertTrue(e.getMessage().contains("'BAD_1/DATA' has shape (3, 5)"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("wild.zarr"), "GRP_*", 0));
        assertTrue(e.getMessage().contains("matches 'GRP_a', which is a group"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("wild.zarr"), "RECEIVER_*/DATA", 0, null, Slice.of(0, 2)));
        assertTrue(e.getMessage().contains("slices are not supported"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("wild.zarr"), "RECEIVER_*/DATA", 2));
        assertTrue(e.getMessage().contains("split 2 is out of range"), e.getMessage());
    }

    @Test
    void shardedV3Stores() {
        assertEverySplit("shard_end_crc.zarr", null);
        assertEverySplit("shard_start_F.zarr", null);
        assertEverySplit("shard_small_u2.zarr", null);
        Tensor w = want("shard_end_crc.zarr.npy");
        Slice[] c = {Slice.of(1L, null, 3), Slice.of(2L, 7L, 2)};
        for (Integer s : IoTesting.splits(2)) {
            assertDistributed(w.slice(0, 1L, null, 3).slice(1, 2L, 7L, 2).contiguous(), IO.loadZarr(z("shard_end_crc.zarr"), null, s, null, c), true);
        }
        DatasetInfo d = IO.describe(z("shard_end_crc.zarr")).get(0);
        assertTrue(d.compression().startsWith("sharded(shards (4, 6), index at end with crc32c; inner chunks zstd(level 1))") && d.chunks()[1] == 3,
                d.toString());
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("shard_bad_index_codec.zarr"), 0));
        assertTrue(e.getMessage().contains("unsupported sharding index codecs"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("shard_nested.zarr"), 0));
        assertTrue(e.getMessage().contains("nested 'sharding_indexed'"), e.getMessage());
    }

    @Test
    void shardedWritesRoundTrip() {
        Path dir = IoTesting.sharedDir("zarrshw");
        String f = dir.resolve("s.zarr").toString();
        Object[][] cases = {   // shape, chunks, shards
            {new long[] {7, 5}, new long[] {2, 2}, new long[] {4, 4}},
            {new long[] {11}, new long[] {3}, new long[] {6}},
            {new long[] {3, 4, 2}, new long[] {1, 2, 2}, new long[] {2, 4, 2}},
            {new long[] {2, 9}, new long[] {2, 3}, new long[] {2, 3}},
        };
        String[] comp = {"zstd", "none", "gzip", "blosc:lz4"};
        int k = 0;
        for (Object[] c : cases) {
            long[] shape = (long[]) c[0];
            for (DType t : IoTesting.DTYPES) {
                Tensor full = IoTesting.data(t, shape);
                for (Integer s : IoTesting.splits(shape.length)) {
                    ZarrOptions o = ZarrOptions.defaults().format(3).compressor(comp[k % comp.length], -1).chunks((long[]) c[1]).shards((long[]) c[2])
                            .order(k % 3 == 0 ? 'F' : 'C');
                    k++;
                    IO.saveZarr(IoTesting.distribute(full, s), f, null, "w", o);
                    Integer back = s == null ? Integer.valueOf(0) : (s + 1 < shape.length ? Integer.valueOf(s + 1) : null);
                    assertDistributed(full, IO.loadZarr(f, back), true);
                }
            }
        }
        DatasetInfo d = IO.describe(f).get(0);
        assertTrue(d.compression().startsWith("sharded(shards (2, 3), index at end with crc32c"), d.toString());
        Tensor x = IoTesting.data(DType.FLOAT64, 6, 4);
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveZarr(IoTesting.distribute(x, 0), f, null, "w",
                ZarrOptions.defaults().chunks(2, 2).shards(4, 4)));
        assertTrue(e.getMessage().contains("shards need Zarr format 3"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveZarr(IoTesting.distribute(x, 0), f, null, "w",
                ZarrOptions.defaults().format(3).shards(4, 4)));
        assertTrue(e.getMessage().contains("explicit chunk shape"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveZarr(IoTesting.distribute(x, 0), f, null, "w",
                ZarrOptions.defaults().format(3).chunks(2, 3).shards(4, 4)));
        assertTrue(e.getMessage().contains("multiple of the chunk shape"), e.getMessage());
        IoTesting.remove(dir);
    }

    @Test
    void corruptShardsAreNamedOnEveryRank() throws Exception {
        Path dir = IoTesting.sharedDir("zarrshard");
        Path crc = dir.resolve("crc.zarr"), off = dir.resolve("off.zarr"), inner = dir.resolve("inner.zarr"), cut = dir.resolve("cut.zarr");
        if (Dist.comm().rank() == 0) {
            for (Path p : List.of(crc, off, inner, cut)) ZarrTest.copyTree(Path.of(z("shard_end_crc.zarr")), p);
            byte[] b = Files.readAllBytes(crc.resolve("c/0/1"));
            b[b.length - 10] ^= 1;                          // inside the index: its crc32c no longer matches
            Files.write(crc.resolve("c/0/1"), b);
            b = Files.readAllBytes(off.resolve("c/2/0"));
            // shard index entry 0's offset → past the end; the crc32c recomputed so that only the entry is wrong
            int ib = 16 * 4 + 4, at = b.length - ib;
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(at, 1L << 40);
            java.util.zip.CRC32C c = new java.util.zip.CRC32C();
            c.update(b, at, ib - 4);
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) c.getValue());
            Files.write(off.resolve("c/2/0"), b);
            b = Files.readAllBytes(inner.resolve("c/1/0"));
            for (int i = 0; i < 8; i++) b[i] ^= 0x55;        // the first stored inner chunk: its zstd frame is broken
            Files.write(inner.resolve("c/1/0"), b);
            b = Files.readAllBytes(cut.resolve("c/0/0"));
            Files.write(cut.resolve("c/0/0"), java.util.Arrays.copyOf(b, 20));
        }
        Dist.comm().barrier();
        for (Integer s : IoTesting.splits(2)) {
            IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(crc.toString(), s));
            assertTrue(e.getMessage().contains("chunk 'c/0/1' is corrupt: shard index crc32c checksum mismatch"), e.getMessage());
            e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(off.toString(), s));
            assertTrue(e.getMessage().contains("chunk 'c/2/0' is corrupt: shard index entry 0"), e.getMessage());
            e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(inner.toString(), s));
            assertTrue(e.getMessage().contains("chunk 'c/1/0' (inner chunk ") && e.getMessage().contains("is corrupt: zstd"), e.getMessage());
            e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(cut.toString(), s));
            assertTrue(e.getMessage().contains("chunk 'c/0/0' is corrupt"), e.getMessage());
        }
        // rows 8.. lie in shard row 2 only: the broken shards elsewhere are not read
        assertDistributed(want("shard_end_crc.zarr.npy").narrow(0, 8, 2).contiguous(), IO.loadZarr(crc.toString(), null, 0, null, Slice.of(8, 10)), true);
        IoTesting.remove(dir);
    }
}
