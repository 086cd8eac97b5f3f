package org.jheat.io;

import static org.jheat.io.IoTesting.data;
import static org.jheat.io.IoTesting.distribute;
import static org.jheat.io.IoTesting.fixture;
import static org.jheat.testing.Dist.assertDistributed;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

class ZarrTest {

    static String z(String name) {
        return fixture("zarr/" + name).toString();
    }

    static Tensor arange(DType t, long n, long scale, long... shape) {
        Tensor x = Tensor.empty(t, shape);
        for (long i = 0; i < x.size(); i++) x.setLongFlat(i * scale + n, i);
        return x;
    }

    /** {@code full} sliced like numpy's {@code full[s0, s1, ...]} with Slice semantics. */
    static Tensor sliced(Tensor full, Slice... s) {
        Tensor v = full;
        for (int d = 0; d < s.length; d++) v = v.slice(d, s[d].start(), s[d].stop(), s[d].step());
        return v.contiguous();
    }

    @Test
    void readsV2StoresWrittenByZarrPython() {
        for (Integer s : IoTesting.splits(2)) {
            assertDistributed(Dist.iota(10, 7), IO.loadZarr(z("v2_blosc_lz4.zarr"), s), true);
            assertDistributed(Dist.iota(9, 6).astype(DType.FLOAT32), IO.loadZarr(z("v2_gzip_F.zarr"), s), true);
            assertDistributed(arange(DType.INT64, 0, 1000003, 6, 4), IO.loadZarr(z("v2_none_be.zarr"), s), true);
            assertDistributed(arange(DType.INT32, 0, 1500, 8, 5), IO.loadZarr(z("v2_blosc_zstd_bit.zarr"), s), true);   // uint16
            assertDistributed(arange(DType.INT64, 0, 300000000, 3, 4), IO.loadZarr(z("v2_lz4hc.zarr"), s), true);       // uint32
        }
        for (Integer s : IoTesting.splits(3)) assertDistributed(arange(DType.INT32, 0, 1, 7, 5, 3), IO.loadZarr(z("v2_zstd_3d.zarr"), s), true);
        assertDistributed(arange(DType.INT16, -5, 1, 11), IO.loadZarr(z("v2_zlib_slash.zarr"), 0), true);
        assertDistributed(Dist.iota(13).astype(DType.FLOAT32), IO.loadZarr(z("v2_blosclz.zarr"), 0), true);
        assertEquals(0, IO.loadZarr(z("v2_empty.zarr"), 0).gshape()[0]);
        assertEquals(6.25, IO.loadZarr(z("v2_scalar.zarr"), null).itemDouble());
        // fill values of missing chunks
        Tensor nan = Tensor.full(DType.FLOAT64, Double.NaN, 10, 4);
        nan.narrow(0, 0, 3).copyFrom(Dist.iota(3, 4));
        for (Integer s : IoTesting.splits(2)) assertDistributed(nan, IO.loadZarr(z("v2_fill_nan.zarr"), s), true);
        Tensor seven = Tensor.full(DType.INT16, 7, 5, 5);
        seven.narrow(0, 0, 2).narrow(1, 0, 2).copyFrom(Tensor.fromArray(new short[][] {{1, 2}, {3, 4}}));
        assertDistributed(seven, IO.loadZarr(z("v2_fill_int.zarr"), null, 1), true);
        // every real dtype; unsigned 16/32-bit widen, float16 reads as float32
        long[] vals = {0, 1, 2, 3, 100, 127, 5, 6, 7};
        for (String t : List.of("int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "float16", "float32", "float64")) {
            DType want = switch (t) {
                case "uint16" -> DType.INT32;
                case "uint32" -> DType.INT64;
                case "float16" -> DType.FLOAT32;
                default -> DType.of(t);
            };
            assertDistributed(Tensor.fromArray(vals).astype(want), IO.loadZarr(z("v2_types.zarr"), t, 0), true);
        }
        Tensor b = Tensor.fromArray(vals).astype(DType.BOOL);
        assertDistributed(b, IO.loadZarr(z("v2_types.zarr"), "bool", 0), true);
        assertDistributed(Tensor.fromArray(vals).astype(DType.FLOAT32), IO.loadZarr(z("v2_types.zarr"), "int64", 0, DType.FLOAT32), true);
    }

    @Test
    void readsV3StoresWrittenFromTheSpecification() {
        Tensor want = Dist.iota(10, 7);
        want.narrow(0, 4, 4).narrow(1, 3, 3).fill(Double.NaN);    // chunk c/1/1 is missing: fill value NaN
        for (Integer s : IoTesting.splits(2)) assertDistributed(want, IO.loadZarr(z("v3_zstd.zarr"), s), true);
        for (Integer s : IoTesting.splits(3)) assertDistributed(arange(DType.INT32, 0, 1, 5, 6, 4), IO.loadZarr(z("v3_blosc_F.zarr"), s), true);
        assertDistributed(arange(DType.INT32, 0, 7000, 9), IO.loadZarr(z("v3_gzip_crc_be.zarr"), 0), true);
        assertDistributed(Dist.iota(6, 2).astype(DType.FLOAT32), IO.loadZarr(z("v3_group.zarr"), "a/b", 1), true);
        assertDistributed(Dist.iota(6, 2).astype(DType.FLOAT32), IO.load(z("v3_group.zarr"), "/a/b/", 0), true);
    }

    @Test
    void slicesWithStepsOnEveryAxisAndSplit() {
        Tensor full = Dist.iota(10, 7);
        Slice[][] cases = {
            {Slice.of(2, 9)},
            {Slice.of(1L, null, 3), Slice.of(-5L, null, 2)},
            {Slice.of(0L, null, 4), Slice.of(0L, null, 5)},        // steps larger than the chunks
            {Slice.of(9, 10), Slice.of(6, 7)},
            {Slice.of(5, 5)},                                      // empty
            {Slice.all(), Slice.of(3L, 4L, 1)},
        };
        for (Slice[] c : cases) {
            for (Integer s : IoTesting.splits(2)) {
                assertDistributed(sliced(full, c), IO.loadZarr(z("v2_blosc_lz4.zarr"), null, s, null, c), true);
                Tensor f = Dist.iota(9, 6).astype(DType.FLOAT32);
                Slice[] c2 = {c[0].stop() != null && c[0].stop() > 9 ? Slice.of(c[0].start(), 9L, c[0].step()) : c[0]};
                assertDistributed(sliced(f, c2), IO.loadZarr(z("v2_gzip_F.zarr"), null, s, null, c2), true);
            }
        }
        Tensor cube = arange(DType.INT32, 0, 1, 5, 6, 4);
        Slice[] c3 = {Slice.of(1L, null, 2), Slice.of(-1L, null, 1), Slice.of(1L, 4L, 2)};
        for (Integer s : IoTesting.splits(3)) assertDistributed(sliced(cube, c3), IO.loadZarr(z("v3_blosc_F.zarr"), null, s, null, c3), true);
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("v2_blosc_lz4.zarr"), null, 0, null, Slice.all(), Slice.all(), Slice.all()));
        assertTrue(e.getMessage().contains("3 slices"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("v2_blosc_lz4.zarr"), null, 0, null, Slice.of(null, null, -1)));
        assertTrue(e.getMessage().contains("step must be positive"), e.getMessage());
    }

    @Test
    void roundTripEveryDtypeSplitAndFormat() {
        Path dir = IoTesting.sharedDir("zarr");
        String f = dir.resolve("x.zarr").toString();
        ZarrOptions[] opts = {
            ZarrOptions.defaults().chunks(null),
            ZarrOptions.defaults().format(3).compressor("zstd", 3),
            ZarrOptions.defaults().compressor("gzip", 1).order('F'),
            ZarrOptions.defaults().format(3).compressor("blosc:zstd", 3).shuffle(2).order('F'),
            ZarrOptions.defaults().compressor("none", -1),
            ZarrOptions.defaults().compressor("zlib", 6),
        };
        int k = 0;
        for (long[] shape : new long[][] {{7, 5}, {11}, {0, 3}, {3, 4, 2}, {}}) {
            for (DType t : IoTesting.DTYPES) {
                Tensor full = data(t, shape);
                for (Integer s : IoTesting.splits(shape.length)) {
                    ZarrOptions o = opts[k++ % opts.length];
                    // small chunks so that every process writes several, and chunk boundaries fall inside slabs
                    if (shape.length > 0 && k % 2 == 0) {
                        long[] c = shape.clone();
                        for (int d = 0; d < c.length; d++) c[d] = Math.max(1, (c[d] + 1) / 3);
                        o = o.chunks(c);
                    }
                    IO.saveZarr(distribute(full, s), f, null, "w", o);
                    Integer back = s == null ? (shape.length > 0 ? Integer.valueOf(0) : null) : (s + 1 < shape.length ? Integer.valueOf(s + 1) : null);
                    DNDarray got = IO.loadZarr(f, back);
                    assertDistributed(full, got, true);
                }
            }
        }
        IoTesting.remove(dir);
    }

    /**
     * Runs scripts/io/check_zarr.py once on rank 0 for every (store, .npy, array name or null) triple (zarr-python /
     * numcodecs read the store, numpy the .npy); its output, one line per triple ("OK" or what differs).
     */
    static List<String> checkWithPython(List<String[]> triples) {
        String out = null;
        if (Dist.comm().rank() == 0) {
            try {
                List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/python3", "scripts/io/check_zarr.py", "--each"));
                for (String[] t : triples) cmd.addAll(List.of(t[0], t[1], t[2] == null ? "-" : t[2]));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                out = new String(p.getInputStream().readAllBytes()).strip();
                p.waitFor();
            } catch (Exception e) {
                out = "cannot run python: " + e;
            }
        }
        return List.of(Dist.comm().bcast(out, 0).split("\n"));
    }

    static boolean pythonZarrAvailable() {
        boolean ok = false;
        if (Dist.comm().rank() == 0) {
            try {
                ok = Files.isRegularFile(Path.of("scripts/io/check_zarr.py"))
                        && new ProcessBuilder("/usr/bin/python3", "-c", "import zarr, numcodecs").start().waitFor() == 0;
            } catch (Exception e) {
                ok = false;
            }
        }
        return Dist.comm().allreduce(ok ? 1L : 0L, org.jheat.comm.ReduceOp.MAX) == 1;
    }

    @Test
    void zarrPythonReadsWhatJheatWrites() {
        org.junit.jupiter.api.Assumptions.assumeTrue(pythonZarrAvailable(), "needs /usr/bin/python3 with zarr (apt-get install -y python3-zarr)");
        Path dir = IoTesting.sharedDir("zarrpy");
        ZarrOptions[] opts = {
            ZarrOptions.defaults(),
            ZarrOptions.defaults().compressor("zstd", 5).order('F').chunks(3, 2),
            ZarrOptions.defaults().compressor("gzip", 3).fillValue(Double.NaN),
            ZarrOptions.defaults().compressor("blosc:zstd", 3).shuffle(2).chunks(4, 5),
            ZarrOptions.defaults().format(3).compressor("zstd", 2).chunks(2, 2),
            ZarrOptions.defaults().format(3).compressor("gzip", 1).order('F').chunks(5, 3),
            ZarrOptions.defaults().format(3).compressor("none", -1),
        };
        // every store and its .npy first, then one Python run reads them all
        List<String[]> triples = new java.util.ArrayList<>();
        List<String> cases = new java.util.ArrayList<>();
        int k = 0;
        for (DType t : IoTesting.DTYPES) {
            for (Integer s : new Integer[] {0, 1, null}) {
                ZarrOptions o = opts[k % opts.length];
                if (!t.isFloat() && Double.isNaN(o.fillValue())) o = o.fillValue(0);
                Tensor full = data(t, 11, 6);
                DNDarray x = distribute(full, s);
                Path store = dir.resolve("x" + k + ".zarr"), npy = dir.resolve("x" + k + ".npy");
                IO.saveZarr(x, store.toString(), null, "w", o);
                IO.saveNpy(x, npy.toString());
                triples.add(new String[] {store.toString(), npy.toString(), null});
                cases.add(t + " split " + s + " " + o);
                k++;
            }
        }
        // an array inside a group
        Path store = dir.resolve("g.zarr"), npy = dir.resolve("g.npy");
        IO.saveZarr(distribute(data(DType.FLOAT32, 5, 3), 0), store.toString(), "grp/a", "w", null);
        IO.saveNpy(distribute(data(DType.FLOAT32, 5, 3), 0), npy.toString());
        triples.add(new String[] {store.toString(), npy.toString(), "grp/a"});
        cases.add("grp/a in a group");
        List<String> got = checkWithPython(triples);
        Dist.collectively(() -> {
            assertEquals(cases.size(), got.size(), "one line per store: " + got);
            for (int i = 0; i < cases.size(); i++) assertEquals("OK", got.get(i), cases.get(i));
        });
        IoTesting.remove(dir);
    }

    @Test
    void groupsModesAndAtomicity() throws Exception {
        Path dir = IoTesting.sharedDir("zarrg");
        String f = dir.resolve("g.zarr").toString();
        Tensor a = data(DType.FLOAT64, 9, 4), b = data(DType.INT32, 5);
        IO.saveZarr(distribute(a, 0), f, "grp/a", "w", null);
        IO.saveZarr(distribute(b, null), f, "b", "a", ZarrOptions.defaults().format(2).compressor("zstd", 1));
        assertDistributed(a, IO.load(f, "grp/a", 0), true);
        assertDistributed(b, IO.load(f, "b", 0), true);
        // replace one array in place; the other stays
        IO.saveZarr(distribute(a.astype(DType.FLOAT32), 1), f, "grp/a", "a", null);
        assertDistributed(a.astype(DType.FLOAT32), IO.load(f, "grp/a", 1), true);
        assertDistributed(b, IO.load(f, "b", 0), true);
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveZarr(distribute(b, 0), f, "b", "w-", null));
        assertTrue(e.getMessage().contains("array 'b' exists"), e.getMessage());
        IO.saveZarr(distribute(b, 0), f, "c", "w-", null);              // "w-" adds an array that does not exist yet
        assertDistributed(b, IO.load(f, "c", 0), true);
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveZarr(distribute(b, 0), f, "d", "a", ZarrOptions.defaults().format(3)));
        assertTrue(e.getMessage().contains("the store is Zarr v2, cannot add a v3 array"), e.getMessage());
        String single = dir.resolve("one.zarr").toString();
        IO.saveZarr(distribute(b, 0), single, false);
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveZarr(distribute(b, 0), single, false));
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
        IO.save(distribute(a, 0), single, null, "w");
        assertDistributed(a, IO.load(single, 0), true);
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveZarr(distribute(b, 0), single, "x", "a", null));
        assertTrue(e.getMessage().contains("not a Zarr group"), e.getMessage());
        // bad options are refused before anything is written
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveZarr(distribute(b, 0), dir.resolve("o.zarr").toString(), null, "w",
                ZarrOptions.defaults().compressor("lzma", 1)));
        assertTrue(e.getMessage().contains("unsupported compressor 'lzma'"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveZarr(distribute(a, 0), dir.resolve("o.zarr").toString(), null, "w",
                ZarrOptions.defaults().chunks(3)));
        assertTrue(e.getMessage().contains("chunk shape"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveZarr(distribute(a, 0), dir.resolve("o.zarr").toString(), null, "w",
                ZarrOptions.defaults().format(3).compressor("zlib", 1)));
        assertTrue(e.getMessage().contains("no zlib"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveZarr(distribute(a, 0), dir.resolve("no/such/o.zarr").toString(), null, "w", null));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            List<String> left = s.map(p -> p.getFileName().toString()).sorted().toList();
            Dist.collectively(() -> assertEquals(List.of("g.zarr", "one.zarr"), left, "temporary or partial stores left"));
        }
        IoTesting.remove(dir);
    }

    @Test
    void badInputNamesWhatIsWrong() throws Exception {
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("v2_types.zarr"), "nope", 0));
        assertTrue(e.getMessage().contains("no array 'nope'") && e.getMessage().contains("float64") && e.getMessage().contains("sub/strings"),
                e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("v2_types.zarr"), 0));
        assertTrue(e.getMessage().contains("is a group"), e.getMessage());
        assertDistributed(Tensor.fromArray(new long[] {0, 1, 2, 3, 100, 127, 5, 6, 7}), IO.loadZarr(z("v2_types.zarr"), "uint64", 0), true);
        // complex128 (zarr-python's <c16) reads: real parts the values, imaginary parts zero
        double[] reIm = new double[18];
        long[] vals = {0, 1, 2, 3, 100, 127, 5, 6, 7};
        for (int i = 0; i < 9; i++) reIm[2 * i] = vals[i];
        assertDistributed(org.jheat.testing.ComplexTesting.tensor(DType.COMPLEX128, reIm, 9), IO.loadZarr(z("v2_types.zarr"), "complex128", 0), true);
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("v2_types.zarr"), "sub/strings", 0));
        assertTrue(e.getMessage().contains("string"), e.getMessage());
        assertDistributed(arange(DType.INT32, 0, 1, 10), IO.loadZarr(z("v2_delta.zarr"), 0), true);     // numcodecs' delta filter
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("v2_lz4codec.zarr"), 0));
        assertTrue(e.getMessage().contains("unsupported Zarr codec 'lz4'"), e.getMessage());
        assertDistributed(Tensor.zeros(DType.INT32, 8), IO.loadZarr(z("v3_sharded.zarr"), 0), true);     // no shard written: all fill
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr("/nonexistent.zarr", 0));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(fixture("f8_7x5.npy").toString(), 0));
        assertTrue(e.getMessage().contains("not a Zarr store"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(z("v2_blosc_lz4.zarr"), 2));
        assertTrue(e.getMessage().contains("split 2 is out of range"), e.getMessage());

        // a corrupt chunk is named, whichever rank reads it
        Path dir = IoTesting.sharedDir("zarrbad");
        Path copy = dir.resolve("c.zarr");
        if (Dist.comm().rank() == 0) {
            copyTree(Path.of(z("v2_zstd_3d.zarr")), copy);
            Files.write(copy.resolve("3.1.0"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17});
            Path v3 = dir.resolve("v3.zarr");
            copyTree(Path.of(z("v3_gzip_crc_be.zarr")), v3);
            byte[] c1 = Files.readAllBytes(v3.resolve("1"));
            c1[c1.length - 6] ^= 0x10;
            Files.write(v3.resolve("1"), c1);
        }
        Dist.comm().barrier();
        for (Integer s : IoTesting.splits(3)) {
            e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(copy.toString(), s));
            assertTrue(e.getMessage().contains("chunk '3.1.0' is corrupt"), e.getMessage());
        }
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadZarr(dir.resolve("v3.zarr").toString(), 0));
        assertTrue(e.getMessage().contains("chunk '1' is corrupt"), e.getMessage());
        // a slice that avoids the bad chunk reads fine
        assertDistributed(arange(DType.INT32, 0, 1, 7, 5, 3).narrow(0, 0, 6).contiguous(), IO.loadZarr(copy.toString(), null, 0, null, Slice.of(0, 6)), true);
        IoTesting.remove(dir);
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    @Test
    void describeListsArrays() {
        List<DatasetInfo> l = IO.describe(z("v2_types.zarr"));
        assertTrue(l.stream().anyMatch(d -> d.name().equals("uint16") && d.dtype().equals("uint16") && d.chunks()[0] == 4
                && d.compression().startsWith("blosc(lz4, clevel 5, shuffle)")), l.toString());
        assertEquals("K", l.stream().filter(d -> d.name().equals("float64")).findFirst().orElseThrow().attributes().get("units"));
        List<DatasetInfo> v3 = IO.describe(z("v3_zstd.zarr"));
        assertEquals(1, v3.size());
        assertEquals("zstd(level 3), zarr v3", v3.get(0).compression());
        assertEquals("m", v3.get(0).attributes().get("units"));
        assertFalse(IO.describe(z("v3_group.zarr")).isEmpty());
    }
}
