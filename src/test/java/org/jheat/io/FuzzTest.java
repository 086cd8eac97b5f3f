package org.jheat.io;

import static org.jheat.io.IoTesting.fixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.jheat.comm.ReduceOp;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Flips bytes of valid files (fixed seeds, so every rank and every run sees the same files) and loads them:
 * each load must either succeed or throw an {@link IOFailure} on every rank — never another exception, a crash
 * or a hang.
 */
class FuzzTest {


    interface Loader {
        void load(String path);
    }

    private static void fuzz(String fixtureName, String ext, int rounds, int flips, long seed, Loader loader) throws Exception {
        Path dir = IoTesting.sharedDir("fuzz");
        byte[] clean = Files.readAllBytes(fixture(fixtureName));
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int round = 0; round < rounds; round++) {
            byte[] b = clean.clone();
            for (int k = 0; k < flips; k++) {
                int at = rnd.nextInt(b.length);
                b[at] ^= (byte) (1 << rnd.nextInt(8));
            }
            Path f = dir.resolve("f" + round + ext);
            if (Dist.comm().rank() == 0) Files.write(f, b);
            Dist.comm().barrier();
            String outcome;
            try {
                loader.load(f.toString());
                outcome = "ok";
            } catch (IOFailure e) {
                outcome = "IOFailure";
            } catch (RuntimeException e) {
                outcome = "unexpected " + e;
            }
            String seen = outcome;
            int r = round;
            Dist.collectively(() -> assertEquals(seen.startsWith("unexpected") ? "ok or IOFailure" : seen, seen,
                    fixtureName + " round " + seed + "/" + r));
            // the same outcome on every rank
            long code = seen.equals("ok") ? 1 : 2;
            assertEquals(code * Dist.comm().size(), Dist.comm().allreduce(code, ReduceOp.SUM), "outcomes differ between ranks");
        }
        IoTesting.remove(dir);
    }

    @Test
    void flippedNpyBytes() throws Exception {
        fuzz("f8_7x5.npy", ".npy", 40, 2, 11, p -> IO.loadNpy(p, 0));
        fuzz("u1_3x4x2.npy", ".npy", 20, 1, 12, p -> IO.loadNpy(p, 1));
    }

    @Test
    void flippedCsvBytes() throws Exception {
        fuzz("header_crlf.csv", ".csv", 40, 2, 21, p -> IO.loadCsv(p, ",", 2, null, 0));
        fuzz("numpy_i8_9x4.csv", ".csv", 20, 1, 22, p -> IO.loadCsv(p, ",", 0, org.jheat.tensor.DType.INT64, 0));
    }

    /**
     * Like {@link #fuzz} for a Zarr store: each round copies the store and flips bits in one of its files (a chunk
     * or the metadata, chosen by the seed), then loads it.
     */
    private static void fuzzZarr(String store, int rounds, int flips, long seed, Loader loader) throws Exception {
        Path dir = IoTesting.sharedDir("fuzzz");
        Path clean = fixture(store);
        List<Path> files;
        try (var w = Files.walk(clean)) {
            files = w.filter(Files::isRegularFile).sorted().toList();
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int round = 0; round < rounds; round++) {
            Path copy = dir.resolve("r" + round + ".zarr");
            Path victim = files.get(rnd.nextInt(files.size()));
            int[] at = new int[flips], bit = new int[flips];
            for (int k = 0; k < flips; k++) {
                at[k] = rnd.nextInt(1 << 20);
                bit[k] = rnd.nextInt(8);
            }
            if (Dist.comm().rank() == 0) {
                ZarrTest.copyTree(clean, copy);
                Path v = copy.resolve(clean.relativize(victim).toString());
                byte[] b = Files.readAllBytes(v);
                for (int k = 0; k < flips && b.length > 0; k++) b[at[k] % b.length] ^= (byte) (1 << bit[k]);
                Files.write(v, b);
            }
            Dist.comm().barrier();
            String outcome;
            try {
                loader.load(copy.toString());
                outcome = "ok";
            } catch (IOFailure e) {
                outcome = "IOFailure";
            } catch (RuntimeException e) {
                outcome = "unexpected " + e;
            }
            String seen = outcome;
            String what = store + " round " + seed + "/" + round + " (" + clean.relativize(victim) + ")";
            Dist.collectively(() -> assertEquals(seen.startsWith("unexpected") ? "ok or IOFailure" : seen, seen, what));
            long code = seen.equals("ok") ? 1 : 2;
            assertEquals(code * Dist.comm().size(), Dist.comm().allreduce(code, ReduceOp.SUM), "outcomes differ between ranks: " + what);
        }
        IoTesting.remove(dir);
    }

    @Test
    void flippedZarrChunksAndMetadata() throws Exception {
        fuzzZarr("zarr/v2_blosc_lz4.zarr", 40, 2, 41, p -> IO.loadZarr(p, 0));
        fuzzZarr("zarr/v2_zstd_3d.zarr", 40, 2, 42, p -> IO.loadZarr(p, 1));
        fuzzZarr("zarr/v2_gzip_F.zarr", 25, 2, 43, p -> IO.loadZarr(p, 0));
        fuzzZarr("zarr/v2_blosc_zstd_bit.zarr", 25, 3, 44, p -> IO.loadZarr(p, 0));
        fuzzZarr("zarr/v3_zstd.zarr", 25, 2, 45, p -> IO.loadZarr(p, 0));
        fuzzZarr("zarr/v3_blosc_F.zarr", 25, 2, 46, p -> IO.loadZarr(p, 2));
        fuzzZarr("zarr/v3_gzip_crc_be.zarr", 20, 1, 47, p -> IO.loadZarr(p, 0));
        // shards (index and inner chunks), filters
        fuzzZarr("zarr_more/shard_end_crc.zarr", 30, 2, 48, p -> IO.loadZarr(p, 0));
        fuzzZarr("zarr_more/shard_start_F.zarr", 30, 2, 49, p -> IO.loadZarr(p, 1));
        fuzzZarr("zarr_more/fso_u2.zarr", 15, 2, 50, p -> IO.loadZarr(p, 0));
        fuzzZarr("zarr_more/two_filters.zarr", 15, 2, 51, p -> IO.loadZarr(p, 1));
    }

    @Test
    void flippedHdf5Bytes() throws Exception {
        fuzz("data.h5", ".h5", 25, 3, 31, p -> IO.loadHdf5(p, "f32_gzip", 0));
        fuzz("data.h5", ".h5", 15, 3, 32, p -> IO.loadHdf5(p, "f64", 1));
    }
}
