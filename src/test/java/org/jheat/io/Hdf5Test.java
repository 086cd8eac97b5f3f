package org.jheat.io;

import static org.jheat.io.IoTesting.data;
import static org.jheat.io.IoTesting.distribute;
import static org.jheat.io.IoTesting.fixture;
import static org.jheat.testing.Dist.assertDistributed;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

class Hdf5Test {

    private static Tensor arange(DType t, long... shape) {
        Tensor x = Tensor.empty(t, shape);
        for (long i = 0; i < x.size(); i++) x.setLongFlat(i, i);
        return x;
    }

    @Test
    void roundTripEveryDtypeSplitAndGzip() {
        Path dir = IoTesting.sharedDir("h5");
        Path f = dir.resolve("x.h5");
        for (long[] shape : new long[][] {{7, 5}, {11}, {0, 3}, {3, 4, 2}}) {
            for (DType t : IoTesting.DTYPES) {
                Tensor full = data(t, shape);
                for (Integer s : IoTesting.splits(shape.length)) {
                    int gzip = t == DType.FLOAT32 ? 4 : 0;
                    IO.saveHdf5(distribute(full, s), f.toString(), "d", "w", gzip);
                    Integer back = s == null ? Integer.valueOf(0) : (s + 1 < shape.length ? Integer.valueOf(s + 1) : null);
                    assertDistributed(full, IO.loadHdf5(f.toString(), "d", back), true);
                }
            }
        }
        // mode "a": a second dataset in a group, and replacing the first
        Tensor a = data(DType.INT32, 6, 2), b = data(DType.FLOAT64, 5);
        IO.saveHdf5(distribute(a, 0), f.toString(), "d", "w");
        IO.saveHdf5(distribute(b, null), f.toString(), "grp/sub/b", "a");
        IO.saveHdf5(distribute(a.astype(DType.INT64), 1), f.toString(), "d", "a", 9);
        assertDistributed(a.astype(DType.INT64), IO.loadHdf5(f.toString(), "d", 0), true);
        assertDistributed(b, IO.loadHdf5(f.toString(), "grp/sub/b", 0), true);
        IoTesting.remove(dir);
    }

    @Test
    void readsFilesWrittenByH5py() {
        String h5 = fixture("data.h5").toString();
        for (Integer s : IoTesting.splits(2)) {
            assertDistributed(Dist.iota(7, 5), IO.loadHdf5(h5, "f64", s), true);
            assertDistributed(arange(DType.INT32, 6, 4), IO.loadHdf5(h5, "grp/i32", s), true);
            assertDistributed(Dist.iota(10, 6).astype(DType.FLOAT32), IO.loadHdf5(h5, "f32_gzip", s), true);   // chunked + gzip
            assertDistributed(arange(DType.INT32, 4, 3), IO.loadHdf5(h5, "u8_be", s), true);                  // big-endian uint16
        }
        for (Integer s : IoTesting.splits(3)) assertDistributed(arange(DType.INT64, 3, 4, 5), IO.loadHdf5(h5, "i64_3d", s), true);
        assertDistributed(Tensor.fromArray(new boolean[] {true, false, false, true, true}), IO.loadHdf5(h5, "bool", 0), true);
        assertEquals(4.5, IO.loadHdf5(h5, "scalar", null).itemDouble());
        assertDistributed(Dist.iota(7, 5).astype(DType.FLOAT32), IO.loadHdf5(h5, "f64", 0, DType.FLOAT32), true);
    }

    @Test
    void slicesOnLoad() {
        String h5 = fixture("data.h5").toString();
        Tensor full = Dist.iota(10, 6).astype(DType.FLOAT32);
        assertDistributed(full.slice(0, 2L, 9L, 1).contiguous(), IO.loadHdf5(h5, "f32_gzip", 0, null, Slice.of(2, 9)), true);
        assertDistributed(full.slice(0, 1L, null, 3).slice(1, -4L, null, 2).contiguous(),
                IO.loadHdf5(h5, "f32_gzip", 1, null, Slice.of(1L, null, 3), Slice.of(-4L, null, 2)), true);
        assertEquals(0, IO.loadHdf5(h5, "f32_gzip", 0, null, Slice.of(5, 5)).gshape()[0]);
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadHdf5(h5, "f64", 0, null, Slice.all(), Slice.all(), Slice.all()));
        assertTrue(e.getMessage().contains("3 slices"), e.getMessage());
    }

    @Test
    void badInputFailsEverywhere() throws Exception {
        String h5 = fixture("data.h5").toString();
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadHdf5(h5, "nope", 0));
        assertTrue(e.getMessage().contains("no dataset 'nope'") && e.getMessage().contains("grp/i32")
                && e.getMessage().contains("f32_gzip"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadHdf5(h5, "grp", 0));
        assertTrue(e.getMessage().contains("is a group"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadHdf5(h5, "names", 0));
        assertTrue(e.getMessage().contains("unsupported type (string)"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadHdf5("/nonexistent.h5", "f64", 0));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadHdf5(fixture("f8_7x5.npy").toString(), "f64", 0));
        assertTrue(e.getMessage().contains("not an HDF5 file"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadHdf5(h5, "f64", 2));
        assertTrue(e.getMessage().contains("split 2 is out of range"), e.getMessage());

        Path dir = IoTesting.sharedDir("h5bad");
        // truncated file
        byte[] whole = Files.readAllBytes(fixture("data.h5"));
        Path cut = dir.resolve("cut.h5");
        if (Dist.comm().rank() == 0) Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        Dist.comm().barrier();
        assertThrowsEverywhere(IOFailure.class, () -> IO.loadHdf5(cut.toString(), "f32_gzip", 0));
        // unwritable and bad arguments; nothing left behind
        var x = distribute(Dist.iota(4, 2), 0);
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveHdf5(x, dir.resolve("no/dir/x.h5").toString(), "d", "w"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveHdf5(x, dir.resolve("x.h5").toString(), "d", "r"));
        assertTrue(e.getMessage().contains("mode must be"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveHdf5(x, fixture("f8_7x5.npy").toString(), "d", "a"));
        assertTrue(e.getMessage().contains("not an HDF5 file"), e.getMessage());
        try (var s = Files.list(dir)) {
            long n = s.filter(p -> !p.getFileName().toString().equals("cut.h5")).count();
            Dist.collectively(() -> assertEquals(0, n, "files left behind"));
        }
        IoTesting.remove(dir);
    }

    /**
     * Files of h5py's with types jheat must not misread (edge.h5): an enum other than h5py's bool (it read as bool, 2
     * kept as a bool byte) and a null dataspace (it read as a 0-d 0.0) are refused; h5py's bool reads as bool; a save in
     * mode "a" onto a group is refused instead of deleting the group and all it holds.
     */
    @Test
    void typesAndNamesH5pyWritesAreNotMisread() throws Exception {
        String h5 = fixture("edge.h5").toString();
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadHdf5(h5, "colours", 0));
        assertTrue(e.getMessage().contains("enum"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadHdf5(h5, "nothing", null));
        assertTrue(e.getMessage().contains("null dataspace"), e.getMessage());
        DNDarray flags = IO.loadHdf5(h5, "flags", 0);
        long[] f = flags.resplit(null).larray().toLongArray();
        Dist.collectively(() -> {
            assertEquals(DType.BOOL, flags.dtype());
            assertTrue(java.util.Arrays.equals(new long[] {1, 0, 1}, f), java.util.Arrays.toString(f));
        });
        Path dir = IoTesting.sharedDir("h5edge");
        Path copy = dir.resolve("edge.h5");
        if (Dist.comm().rank() == 0) Files.copy(fixture("edge.h5"), copy);
        Dist.comm().barrier();
        var x = distribute(Dist.iota(4, 2), 0);
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveHdf5(x, copy.toString(), "results", "a"));
        assertTrue(e.getMessage().contains("is a group"), e.getMessage());
        assertDistributed(Dist.iota(2, 3), IO.loadHdf5(copy.toString(), "results/run1", 0), true);
        IO.saveHdf5(x, copy.toString(), "results/run1", "a");   // a dataset of that name is replaced, as before
        assertDistributed(Dist.iota(4, 2), IO.loadHdf5(copy.toString(), "results/run1", 0), true);
        IoTesting.remove(dir);
    }
}
