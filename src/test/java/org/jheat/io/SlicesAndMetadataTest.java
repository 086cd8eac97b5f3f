package org.jheat.io;

import static org.jheat.io.IoTesting.data;
import static org.jheat.io.IoTesting.distribute;
import static org.jheat.io.IoTesting.fixture;
import static org.jheat.testing.Dist.assertDistributed;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/** Slices on npy and netCDF (HDF5 and Zarr have theirs in their own tests), unlimited dimensions, attributes, describe. */
class SlicesAndMetadataTest {

    static final Slice[][] CASES = {
        {Slice.of(2, 6)},
        {Slice.of(1L, null, 3), Slice.of(-4L, null, 2)},
        {Slice.of(0L, null, 10), Slice.of(4L, 5L, 1)},
        {Slice.of(3, 3)},
        {Slice.all(), Slice.of(0L, null, 4)},
    };

    @Test
    void npySlicesEveryLayoutAndSplit() {
        Tensor f8 = Dist.iota(7, 5);
        Tensor f4 = Dist.iota(4, 3).astype(DType.FLOAT32);
        Tensor big = Tensor.empty(DType.INT64, 5);
        for (int i = 0; i < 5; i++) big.setLongFlat(i * 1000003L, i);
        for (Slice[] c : CASES) {
            for (Integer s : IoTesting.splits(2)) {
                assertDistributed(ZarrTest.sliced(f8, c), IO.loadNpy(fixture("f8_7x5.npy").toString(), s, null, c), true);
                Slice[] c2 = c.length > 1 ? new Slice[] {c[0], Slice.of(c[1].start(), c[1].stop() == null ? null : Math.min(3L, c[1].stop()), c[1].step())} : c;
                if (c2[0].stop() != null && c2[0].stop() > 4) c2[0] = Slice.of(c2[0].start(), 4L, c2[0].step());
                assertDistributed(ZarrTest.sliced(f4, c2), IO.loadNpy(fixture("f4_fortran_4x3.npy").toString(), s, null, c2), true);   // Fortran order
            }
        }
        assertDistributed(big.slice(0, 1L, null, 2).contiguous(), IO.loadNpy(fixture("i8_big_5.npy").toString(), 0, null, Slice.of(1L, null, 2)), true);
        Tensor u1 = Tensor.empty(DType.UINT8, 3, 4, 2);
        for (int i = 0; i < 24; i++) u1.setLongFlat(i, i);
        Slice[] c3 = {Slice.of(-2L, null, 1), Slice.of(0L, null, 3), Slice.of(1, 2)};
        for (Integer s : IoTesting.splits(3)) assertDistributed(ZarrTest.sliced(u1, c3), IO.loadNpy(fixture("u1_3x4x2.npy").toString(), s, null, c3), true);
        assertDistributed(ZarrTest.sliced(f8, CASES[1]).astype(DType.FLOAT32),
                IO.loadNpy(fixture("f8_7x5.npy").toString(), 1, DType.FLOAT32, CASES[1]), true);
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadNpy(fixture("f8_7x5.npy").toString(), 0, null, Slice.all(), Slice.all(), Slice.all()));
        assertTrue(e.getMessage().contains("3 slices"), e.getMessage());
    }

    @Test
    void netcdfSlicesEveryAxisAndSplit() {
        String nc = fixture("data.nc").toString();
        Tensor temp = Dist.iota(7, 5);
        for (Slice[] c : CASES) {
            for (Integer s : IoTesting.splits(2)) assertDistributed(ZarrTest.sliced(temp, c), IO.loadNetcdf(nc, "temp", s, null, c), true);
        }
        Tensor cube = Dist.iota(4, 3, 2).astype(DType.FLOAT32);
        Slice[] c3 = {Slice.of(1L, null, 2), Slice.of(-1L, null, 1), Slice.all()};
        for (Integer s : IoTesting.splits(3)) assertDistributed(ZarrTest.sliced(cube, c3), IO.loadNetcdf(nc, "cube", s, null, c3), true);
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadNetcdf(nc, "temp", 0, null, Slice.all(), Slice.all(), Slice.all()));
        assertTrue(e.getMessage().contains("3 slices"), e.getMessage());
    }

    @Test
    void netcdfUnlimitedDimensionsReadAndWritten() {
        String nc = fixture("unlimited.nc").toString();
        Tensor series = Dist.iota(9, 4).astype(DType.FLOAT32);
        for (Integer s : IoTesting.splits(2)) assertDistributed(series, IO.loadNetcdf(nc, "series", s), true);
        assertDistributed(ZarrTest.sliced(series, Slice.of(-3L, null, 1)), IO.loadNetcdf(nc, "series", 0, null, Slice.of(-3L, null, 1)), true);
        Path dir = IoTesting.sharedDir("ncu");
        String f = dir.resolve("u.nc").toString();
        for (Integer s : IoTesting.splits(2)) {
            Tensor x = data(DType.INT32, 6, 3);
            IO.saveNetcdf(distribute(x, s), f, "v", new String[] {"time", "k"}, "w", true);
            assertDistributed(x, IO.loadNetcdf(f, "v", 0), true);
            DatasetInfo d = IO.describe(f).get(0);
            assertArrayEquals(new String[] {"time (unlimited)", "k (unlimited)"}, d.dimensions());
        }
        // a second variable along the same unlimited dimension, longer: the dimension grows
        Tensor y = data(DType.FLOAT64, 8, 3);
        IO.saveNetcdf(distribute(y, 0), f, "w", new String[] {"time", "k"}, "a", false);
        assertDistributed(y, IO.loadNetcdf(f, "w", 1), true);
        IoTesting.remove(dir);
    }

    @Test
    void attributesAsMaps() {
        Map<String, Object> a = IO.attributes(fixture("attrs.h5").toString(), "t");
        assertEquals("K", a.get("units"));
        assertEquals(12L, a.get("count"));
        assertEquals(0.25, a.get("scale"));
        assertArrayEquals(new double[] {1.5, 2.5}, (double[]) a.get("range"));
        assertEquals("abc", a.get("fixed"));
        assertEquals(true, a.get("flag"));
        assertEquals("jheat fixture", IO.attributes(fixture("attrs.h5").toString(), null).get("title"));
        assertEquals("K", IO.attributes(fixture("data.h5").toString(), "f64").get("units"));
        Map<String, Object> n = IO.attributes(fixture("unlimited.nc").toString(), "series");
        assertEquals("K", n.get("units"));
        assertEquals(0.5, n.get("scale"));
        assertArrayEquals(new double[] {-10, 10}, (double[]) n.get("valid_range"));   // netCDF4-python stores valid_range as the variable's type
        Map<String, Object> g = IO.attributes(fixture("unlimited.nc").toString(), null);
        assertEquals("jheat fixture", g.get("title"));
        assertEquals(3L, g.get("version"));
        assertEquals("types", IO.attributes(fixture("zarr/v2_types.zarr").toString(), null).get("title"));
        assertEquals(0.5, IO.attributes(fixture("zarr/v2_types.zarr").toString(), "float64").get("scale"));
        assertTrue(IO.attributes(fixture("f8_7x5.npy").toString(), null).isEmpty());
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.attributes(fixture("attrs.h5").toString(), "nope"));
        assertTrue(e.getMessage().contains("no dataset or group 'nope'") && e.getMessage().contains("t"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.attributes(fixture("unlimited.nc").toString(), "nope"));
        assertTrue(e.getMessage().contains("no variable 'nope'") && e.getMessage().contains("series"), e.getMessage());
    }

    @Test
    void describeEveryFormat() {
        List<DatasetInfo> h = IO.describe(fixture("data.h5").toString());
        List<String> names = h.stream().map(DatasetInfo::name).toList();
        assertEquals(List.of("bool", "f32_gzip", "f64", "grp/i32", "i64_3d", "names", "scalar", "u8_be"), names);
        DatasetInfo gz = h.get(1);
        assertArrayEquals(new long[] {10, 6}, gz.shape());
        assertEquals("float32", gz.dtype());
        assertArrayEquals(new long[] {3, 4}, gz.chunks());
        assertEquals("gzip(level 6)", gz.compression());
        assertEquals("uint16 (big-endian)", h.get(7).dtype());
        assertEquals("string", h.get(5).dtype());
        assertNull(h.get(2).chunks());
        DatasetInfo t = IO.describe(fixture("attrs.h5").toString()).get(0);
        assertEquals("shuffle + gzip(level 4)", t.compression());
        List<DatasetInfo> n = IO.describe(fixture("data.nc").toString());
        assertEquals(List.of("temp", "counts", "cube", "small"), n.stream().map(DatasetInfo::name).toList());
        assertArrayEquals(new String[] {"x", "y", "z"}, n.get(2).dimensions());
        assertTrue(n.get(2).compression().contains("gzip"), n.get(2).compression());
        DatasetInfo u = IO.describe(fixture("unlimited.nc").toString()).get(0);
        assertArrayEquals(new String[] {"time (unlimited)", "x"}, u.dimensions());
        assertArrayEquals(new long[] {2, 4}, u.chunks());
        DatasetInfo npy = IO.describe(fixture("f4_fortran_4x3.npy").toString()).get(0);
        assertEquals("float32", npy.dtype());
        assertEquals("none, F order", npy.compression());
        DatasetInfo csv = IO.describe(fixture("quoted.csv").toString()).get(0);
        assertArrayEquals(new long[] {5, 4}, csv.shape());
        assertTrue(IO.describe(fixture("data.h5").toString()).get(0).toString().startsWith("bool  (5,)  bool  contiguous  none"));
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.describe("/nonexistent.h5"));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
