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

import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

class NetcdfTest {

    @Test
    void roundTripEveryDtypeAndSplit() {
        Path dir = IoTesting.sharedDir("nc");
        Path f = dir.resolve("x.nc");
        for (long[] shape : new long[][] {{7, 5}, {11}, {0, 3}, {3, 4, 2}}) {
            for (DType t : IoTesting.DTYPES) {
                Tensor full = data(t, shape);
                for (Integer s : IoTesting.splits(shape.length)) {
                    IO.saveNetcdf(distribute(full, s), f.toString(), "v", null, "w");
                    Integer back = s == null ? Integer.valueOf(0) : (s + 1 < shape.length ? Integer.valueOf(s + 1) : null);
                    assertDistributed(full, IO.loadNetcdf(f.toString(), "v", back), true);
                }
            }
        }
        // mode "a": a second variable sharing a dimension, then overwriting the first
        Tensor a = data(DType.FLOAT64, 6, 2), b = data(DType.INT32, 6);
        IO.saveNetcdf(distribute(a, 0), f.toString(), "a", new String[] {"time", "k"}, "w");
        IO.saveNetcdf(distribute(b, 0), f.toString(), "b", new String[] {"time"}, "a");
        IO.saveNetcdf(distribute(a.astype(DType.FLOAT32).astype(DType.FLOAT64), 1), f.toString(), "a", new String[] {"time", "k"}, "a");
        assertDistributed(a.astype(DType.FLOAT32).astype(DType.FLOAT64), IO.load(f.toString(), "a", 1), true);
        assertDistributed(b, IO.load(f.toString(), "b", 0), true);
        IOFailure e = assertThrowsEverywhere(IOFailure.class,
                () -> IO.saveNetcdf(distribute(data(DType.FLOAT64, 4), 0), f.toString(), "c", new String[] {"time"}, "a"));
        assertTrue(e.getMessage().contains("dimension 'time' exists with length 6"), e.getMessage());
        IoTesting.remove(dir);
    }

    /**
     * A 0-d array saved at several processes holds its value: the scalar variable ignores the count, and ranks without
     * data wrote a zero dummy that raced rank 0's value (0 about half the time at np=2).
     */
    @Test
    void scalarsKeepTheirValue() {
        Path dir = IoTesting.sharedDir("nc0");
        Path f = dir.resolve("s.nc");
        for (DType t : new DType[] {DType.FLOAT64, DType.INT32, DType.BOOL}) {
            for (int i = 0; i < 8; i++) {
                Tensor v = Tensor.full(DType.FLOAT64, t == DType.BOOL ? 1 : -5.5 - i).astype(t);
                IO.saveNetcdf(distribute(v, null), f.toString(), "v", null, "w");
                assertDistributed(v, IO.loadNetcdf(f.toString(), "v", null), true);
            }
        }
        IoTesting.remove(dir);
    }

    @Test
    void readsFilesWrittenByNetcdf4Python() {
        String nc = fixture("data.nc").toString();
        for (Integer s : IoTesting.splits(2)) assertDistributed(Dist.iota(7, 5), IO.loadNetcdf(nc, "temp", s), true);
        Tensor counts = Tensor.empty(DType.INT32, 7);
        for (int i = 0; i < 7; i++) counts.setLongFlat(3L * i, i);
        assertDistributed(counts, IO.loadNetcdf(nc, "counts", 0), true);
        for (Integer s : IoTesting.splits(3)) assertDistributed(Dist.iota(4, 3, 2).astype(DType.FLOAT32), IO.loadNetcdf(nc, "cube", s), true);
        Tensor small = Tensor.empty(DType.INT16, 3, 2);
        for (int i = 0; i < 6; i++) small.setLongFlat(i - 2, i);
        assertDistributed(small.astype(DType.FLOAT64), IO.loadNetcdf(nc, "small", 1, DType.FLOAT64), true);
    }

    @Test
    void badInputFailsEverywhere() throws Exception {
        String nc = fixture("data.nc").toString();
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadNetcdf(nc, "nope", 0));
        assertTrue(e.getMessage().contains("no variable 'nope'") && e.getMessage().contains("temp, counts, cube, small"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadNetcdf("/nonexistent.nc", "temp", 0));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadNetcdf(fixture("f8_7x5.npy").toString(), "temp", 0));
        assertTrue(e.getMessage().contains("not a readable netCDF file"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadNetcdf(nc, "temp", 5));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        Path dir = IoTesting.sharedDir("ncbad");
        var x = distribute(Dist.iota(4, 2), 0);
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveNetcdf(x, dir.resolve("no/dir/x.nc").toString(), "v", null, "w"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveNetcdf(x, dir.resolve("x.nc").toString(), "v", new String[] {"a"}, "w"));
        assertTrue(e.getMessage().contains("1 dimension names"), e.getMessage());
        try (var s = Files.list(dir)) {
            long n = s.count();
            Dist.collectively(() -> assertEquals(0, n, "files left behind"));
        }
        IoTesting.remove(dir);
    }
}
