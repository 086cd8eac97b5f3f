package org.jheat.io;

import static org.jheat.io.IoTesting.distribute;
import static org.jheat.testing.ComplexTesting.cvals;
import static org.jheat.testing.Dist.assertDistributed;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.ComplexTesting;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * complex64/complex128 in every file format: files written by numpy, h5py, netCDF4-python and zarr-python
 * (scripts/golden/complex_io_golden.py) read at every split, round trips written by jheat at every split
 * (parallel writes included), and the byte layouts the other programs read.
 */
class ComplexIoTest {

    private static final DType[] CTYPES = {DType.COMPLEX64, DType.COMPLEX128};
    private static final long[][] SHAPES = {{7, 5}, {11}, {2, 3}, {0, 4}, {3, 4, 2}};

    static String golden(String name) {
        try {
            return Path.of(ComplexIoTest.class.getResource("/golden/complex_io/" + name).toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing golden file " + name, e);
        }
    }


    /** Writes one array as {@code save} does, with its split. */
    @FunctionalInterface
    private interface Saver {
        void save(DNDarray x, String path, Integer split);
    }

    /**
     * Every complex type, shape of {@link #SHAPES} and split: written distributed by {@code save} to {@code file} in
     * a shared directory, read back by {@code load} with another split (balanced), equal to the bit.
     */
    private static void roundTrips(String file, Saver save, java.util.function.BiFunction<String, Integer, DNDarray> load) {
        Path dir = IoTesting.sharedDir("c" + file.replace('.', '_'));
        String f = dir.resolve(file).toString();
        for (long[] shape : SHAPES) {
            for (DType t : CTYPES) {
                Tensor full = cvals(t, shape);
                for (Integer s : IoTesting.splits(shape.length)) {
                    save.save(distribute(full, s), f, s);
                    Integer back = s == null ? Integer.valueOf(0) : (s + 1 < shape.length ? Integer.valueOf(s + 1) : null);
                    assertDistributed(full, load.apply(f, back), true);
                }
            }
        }
        IoTesting.remove(dir);
    }

    // ------------------------------------------------------------------------------------------- npy

    @Test
    void npyReadsNumpysFilesInBothByteOrdersAndLayouts() {
        for (Integer s : IoTesting.splits(2)) {
            assertDistributed(cvals(DType.COMPLEX128, 7, 5), IO.loadNpy(golden("c16_7x5.npy"), s), true);
            assertDistributed(cvals(DType.COMPLEX128, 4, 3), IO.loadNpy(golden("c16_be_4x3.npy"), s), true);
            assertDistributed(cvals(DType.COMPLEX128, 4, 3), IO.loadNpy(golden("c16_fortran_4x3.npy"), s), true);
            // the mapped (sliced) path as well
            assertDistributed(cvals(DType.COMPLEX128, 4, 3), IO.load(golden("c16_be_4x3.npy"), s), true);
        }
        for (Integer s : IoTesting.splits(3)) {
            assertDistributed(cvals(DType.COMPLEX64, 3, 4, 2), IO.loadNpy(golden("c8_be_3x4x2.npy"), s), true);
        }
        assertDistributed(cvals(DType.COMPLEX64, 11), IO.loadNpy(golden("c8_11.npy"), 0), true);
        // conversions between the complex types keep both parts; a real file reads as complex with zero imaginary parts
        assertDistributed(cvals(DType.COMPLEX128, 11), IO.loadNpy(golden("c8_11.npy"), DType.COMPLEX128, 0), true);
        assertDistributed(cvals(DType.COMPLEX64, 7, 5), IO.loadNpy(golden("c16_7x5.npy"), DType.COMPLEX64, 1), true);
        double[] re = new double[70];
        for (int k = 0; k < 35; k++) re[2 * k] = k * 0.5 - 3;
        assertDistributed(ComplexTesting.tensor(DType.COMPLEX128, re, 7, 5),
                IO.loadNpy(IoTesting.fixture("f8_7x5.npy").toString(), DType.COMPLEX128, 0), true);
        // a strided slice through the mapped reader
        DNDarray sl = IO.loadNpy(golden("c16_be_4x3.npy"), 1, null, Slice.of(1L, null, 2));
        assertDistributed(cvals(DType.COMPLEX128, 4, 3).slice(0, 1L, 4L, 2).contiguous(), sl, true);
    }

    @Test
    void npyRoundTripsAndWritesNumpysBytes() throws Exception {
        roundTrips("x.npy", (x, f, s) -> IO.saveNpy(x, f), IO::loadNpy);
        Path dir = IoTesting.sharedDir("cnpy");
        Path f = dir.resolve("c.npy");
        IO.saveNpy(distribute(cvals(DType.COMPLEX128, 7, 5), 1), f.toString());
        byte[] ours = Files.readAllBytes(f), numpys = Files.readAllBytes(Path.of(golden("c16_7x5.npy")));
        IO.saveNpy(distribute(cvals(DType.COMPLEX64, 11), 0), f.toString());
        byte[] ours8 = Files.readAllBytes(f), numpys8 = Files.readAllBytes(Path.of(golden("c8_11.npy")));
        Dist.collectively(() -> {
            assertArrayEquals(numpys, ours);
            assertArrayEquals(numpys8, ours8);
        });
        IoTesting.remove(dir);
    }

    // ------------------------------------------------------------------------------------------- HDF5

    @Test
    void hdf5ReadsH5pysCompoundLayout() {
        String h5 = golden("complex.h5");
        for (Integer s : IoTesting.splits(2)) {
            assertDistributed(cvals(DType.COMPLEX128, 7, 5), IO.loadHdf5(h5, "c16", s), true);
            assertDistributed(cvals(DType.COMPLEX128, 9, 4), IO.loadHdf5(h5, "grp/c16_gzip", s), true);
            assertDistributed(cvals(DType.COMPLEX128, 4, 3), IO.loadHdf5(h5, "c16_be", s), true);
        }
        assertDistributed(cvals(DType.COMPLEX64, 11), IO.loadHdf5(h5, "c8", 0), true);
        assertDistributed(cvals(DType.COMPLEX128, 11), IO.loadHdf5(h5, "c8", 0, DType.COMPLEX128), true);
        // hyperslabs with steps
        assertDistributed(cvals(DType.COMPLEX128, 9, 4).slice(0, 1L, 9L, 3).slice(1, 0L, 4L, 2).contiguous(),
                IO.loadHdf5(h5, "grp/c16_gzip", 1, null, Slice.of(1L, null, 3), Slice.of(0L, null, 2)), true);
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadHdf5(h5, "pair", 0));
        assertTrue(e.getMessage().contains("compound") && e.getMessage().contains("complex64/128"), e.getMessage());
        List<DatasetInfo> info = IO.describe(h5);
        Dist.collectively(() -> assertTrue(info.stream().anyMatch(d -> d.toString().contains("complex128")), info.toString()));
    }

    @Test
    void hdf5RoundTripsAtEverySplitAndGzip() {
        roundTrips("x.h5", (x, f, s) -> IO.saveHdf5(x, f, "g/x", "w", s == null ? 0 : 4), (f, s) -> IO.loadHdf5(f, "g/x", s));
        Path dir = IoTesting.sharedDir("ch5");
        // appended next to a real dataset, listed as complex (h5py's member names r, i)
        String f = dir.resolve("a.h5").toString();
        IO.saveHdf5(distribute(Dist.iota(5, 2), 0), f, "real", "w");
        IO.saveHdf5(distribute(cvals(DType.COMPLEX64, 5, 2), 1), f, "cplx", "a");
        assertDistributed(cvals(DType.COMPLEX64, 5, 2), IO.loadHdf5(f, "cplx", 0), true);
        assertDistributed(Dist.iota(5, 2), IO.loadHdf5(f, "real", 0), true);
        List<DatasetInfo> info = IO.describe(f);
        Dist.collectively(() -> assertTrue(info.stream().anyMatch(d -> d.toString().contains("complex64")), info.toString()));
        // several files as one array (rows 0-2 and 3-6 of the same values), at both splits
        Tensor all = cvals(DType.COMPLEX128, 7, 3);
        String p1 = dir.resolve("part_1.h5").toString(), p2 = dir.resolve("part_2.h5").toString();
        IO.saveHdf5(distribute(all.narrow(0, 0, 3).contiguous(), 0), p1, "d", "w");
        IO.saveHdf5(distribute(all.narrow(0, 3, 4).contiguous(), 1), p2, "d", "w");
        for (Integer s : IoTesting.splits(2)) assertDistributed(all, IO.loadMultipleHdf5(List.of(p1, p2), "d", 0, s, null), s != null);
        IoTesting.remove(dir);
    }

    // ------------------------------------------------------------------------------------------- netCDF

    @Test
    void netcdfReadsComplexCompounds() {
        String nc = golden("complex.nc");
        for (Integer s : IoTesting.splits(2)) {
            assertDistributed(cvals(DType.COMPLEX128, 7, 5), IO.loadNetcdf(nc, "c16", s), true);
        }
        assertDistributed(cvals(DType.COMPLEX64, 11), IO.loadNetcdf(nc, "c8", 0), true);
        assertDistributed(cvals(DType.COMPLEX128, 11), IO.loadNetcdf(nc, "other", 0), true);
        assertDistributed(cvals(DType.COMPLEX128, 7, 5).slice(0, 0L, 7L, 2).contiguous(),
                IO.loadNetcdf(nc, "c16", 1, null, Slice.of(0L, null, 2)), true);
        List<DatasetInfo> info = IO.describe(nc);
        Dist.collectively(() -> assertTrue(info.stream().anyMatch(d -> d.toString().contains("complex64")), info.toString()));
    }

    @Test
    void netcdfRoundTripsAtEverySplit() {
        roundTrips("x.nc", (x, f, s) -> IO.saveNetcdf(x, f, "x", null, "w"), (f, s) -> IO.loadNetcdf(f, "x", s));
        Path dir = IoTesting.sharedDir("cnc");
        // both complex types and a real variable in one file; overwriting the complex variable in mode "a"
        String f = dir.resolve("a.nc").toString();
        IO.saveNetcdf(distribute(cvals(DType.COMPLEX128, 7, 5), 0), f, "z", new String[] {"r", "c"}, "w");
        IO.saveNetcdf(distribute(cvals(DType.COMPLEX64, 7), 0), f, "w", new String[] {"r"}, "a");
        IO.saveNetcdf(distribute(Dist.iota(7), 0), f, "v", new String[] {"r"}, "a");
        Tensor twice = cvals(DType.COMPLEX128, 7, 5);
        IO.saveNetcdf(distribute(twice, 1), f, "z", new String[] {"r", "c"}, "a");
        assertDistributed(twice, IO.loadNetcdf(f, "z", 0), true);
        assertDistributed(cvals(DType.COMPLEX64, 7), IO.loadNetcdf(f, "w", 0), true);
        assertDistributed(Dist.iota(7), IO.loadNetcdf(f, "v", 0), true);
        IOFailure e = assertThrowsEverywhere(IOFailure.class,
                () -> IO.saveNetcdf(distribute(cvals(DType.COMPLEX64, 7, 5), 0), f, "z", new String[] {"r", "c"}, "a"));
        assertTrue(e.getMessage().contains("complex128"), e.getMessage());
        IoTesting.remove(dir);
    }

    // ------------------------------------------------------------------------------------------- CSV

    @Test
    void csvReadsSavetxtAndLoadtxtForms() {
        for (Integer s : new Integer[] {null, 0, 1}) {
            assertDistributed(cvals(DType.COMPLEX128, 7, 5), IO.loadCsv(golden("savetxt_c16_7x5.csv"), null, 0, DType.COMPLEX128, s), true);
            assertDistributed(cvals(DType.COMPLEX64, 4, 3), IO.loadCsv(golden("savetxt_c8_comma_4x3.csv"), ",", 0, DType.COMPLEX64, s), true);
        }
        Tensor want = ComplexTesting.tensor(DType.COMPLEX128, ComplexTesting.reIm(
                IO.loadNpy(golden("loadtxt_forms.npy"), null).larray()), 3, 3);
        ComplexTesting.assertClose(want, IO.loadCsv(golden("loadtxt_forms.csv"), ",", 0, DType.COMPLEX128, 0), 0);
        // the imaginary part of "-2.5E-1-0j" is -0.0, as numpy reads it
        double[] z = ComplexTesting.reIm(IO.loadCsv(golden("loadtxt_forms.csv"), ",", 0, DType.COMPLEX128, null).larray());
        Dist.collectively(() -> assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(z[17])));
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(golden("savetxt_fmt3.csv"), ",", 0, DType.FLOAT64, 0));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("float64"), e.getMessage());
    }

    @Test
    void csvBadComplexFieldNamesLineAndField() throws Exception {
        Path dir = IoTesting.sharedDir("ccsvbad");
        Path f = dir.resolve("bad.csv");
        if (Dist.comm().rank() == 0) Files.writeString(f, "1+2j,3\n4,5+jj\n");
        Dist.comm().barrier();
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(f.toString(), ",", 0, DType.COMPLEX128, 0));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("field 2") && e.getMessage().contains("complex128"), e.getMessage());
        IoTesting.remove(dir);
    }

    @Test
    void csvWritesNumpysLayoutAndRoundTrips() throws Exception {
        Path dir = IoTesting.sharedDir("ccsv");
        Path f = dir.resolve("fmt.csv");
        Tensor a = ComplexTesting.tensor(DType.COMPLEX128, new double[] {1, 2, -3.5, -0.25, Double.NaN, Double.POSITIVE_INFINITY, -0.0, -1}, 2, 2);
        IO.saveCsv(distribute(a, 0), f.toString(), ",", null, 3);
        byte[] ours = Files.readAllBytes(f), numpys = Files.readAllBytes(Path.of(golden("savetxt_fmt3.csv")));
        Dist.collectively(() -> assertEquals(new String(numpys), new String(ours)));
        for (DType t : CTYPES) {
            for (long[] shape : new long[][] {{7, 5}, {11}, {2, 3}, {0, 4}}) {
                Tensor full = cvals(t, shape);
                for (Integer s : IoTesting.splits(shape.length)) {
                    Path g = dir.resolve("x.csv");
                    IO.saveCsv(distribute(full, s), g.toString(), ",", null, -1);
                    Tensor want = shape.length == 1 ? full.reshape(shape[0], 1) : full;
                    if (shape[0] > 0) assertDistributed(want, IO.loadCsv(g.toString(), ",", 0, t, 0), true);
                }
            }
        }
        IoTesting.remove(dir);
    }

    // ------------------------------------------------------------------------------------------- Zarr

    @Test
    void zarrReadsZarrPythonsComplexArrays() {
        for (Integer s : IoTesting.splits(2)) {
            assertDistributed(cvals(DType.COMPLEX128, 7, 5), IO.loadZarr(golden("c16_7x5.zarr"), s), true);
            Tensor fill = ComplexTesting.tensor(DType.COMPLEX128, ComplexTesting.reIm(IO.loadNpy(golden("c16_fill.npy"), null).larray()), 6, 4);
            assertDistributed(fill, IO.loadZarr(golden("c16_fill.zarr"), s), true);
        }
        assertDistributed(cvals(DType.COMPLEX64, 11), IO.loadZarr(golden("c8_11.zarr"), 0), true);
        assertDistributed(cvals(DType.COMPLEX128, 7, 5).slice(0, 1L, 7L, 2).contiguous(),
                IO.loadZarr(golden("c16_7x5.zarr"), null, 1, null, Slice.of(1L, null, 2)), true);
    }

    @Test
    void zarrRoundTripsAtEverySplitInBothFormats() {
        for (int format : new int[] {2, 3}) {
            roundTrips("x.zarr", (x, f, s) -> IO.saveZarr(x, f, null, "w", ZarrOptions.defaults().format(format)), IO::loadZarr);
        }
    }
}
