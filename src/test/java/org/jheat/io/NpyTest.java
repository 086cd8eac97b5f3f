package org.jheat.io;

import static org.jheat.io.IoTesting.data;
import static org.jheat.io.IoTesting.distribute;
import static org.jheat.io.IoTesting.fixture;
import static org.jheat.testing.Dist.assertDistributed;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

class NpyTest {

    @Test
    void roundTripEveryDtypeSplitAndUnevenShape() {
        Path dir = IoTesting.sharedDir("npy");
        for (long[] shape : new long[][] {{7, 5}, {11}, {2, 3}, {0, 4}, {3, 4, 2}}) {
            for (DType t : IoTesting.DTYPES) {
                Tensor full = data(t, shape);
                for (Integer s : IoTesting.splits(shape.length)) {
                    Path f = dir.resolve("x.npy");
                    IO.saveNpy(distribute(full, s), f.toString());
                    Integer back = s == null ? Integer.valueOf(0) : (s + 1 < shape.length ? Integer.valueOf(s + 1) : null);
                    assertDistributed(full, IO.loadNpy(f.toString(), back), true);
                }
            }
        }
        IoTesting.remove(dir);
    }

    @Test
    void readsFilesWrittenByNumpy() {
        assertDistributed(Dist.iota(7, 5), IO.loadNpy(fixture("f8_7x5.npy").toString(), 1), true);
        Tensor i4 = Tensor.empty(DType.INT32, 11);
        for (int i = 0; i < 11; i++) i4.setLongFlat(i, i);
        assertDistributed(i4, IO.loadNpy(fixture("i4_11.npy").toString(), 0), true);
        assertDistributed(i4.astype(DType.FLOAT32), IO.loadNpy(fixture("i4_11.npy").toString(), DType.FLOAT32, 0), true);
        assertDistributed(Tensor.fromArray(new boolean[] {true, false, true, true, false, false}),
                IO.loadNpy(fixture("b1_6.npy").toString(), 0), true);
        Tensor u1 = Tensor.empty(DType.UINT8, 3, 4, 2);
        for (int i = 0; i < 24; i++) u1.setLongFlat(i, i);
        for (Integer s : IoTesting.splits(3)) assertDistributed(u1, IO.loadNpy(fixture("u1_3x4x2.npy").toString(), s), true);
        for (Integer s : IoTesting.splits(2)) {
            assertDistributed(Dist.iota(4, 3).astype(DType.FLOAT32), IO.loadNpy(fixture("f4_fortran_4x3.npy").toString(), s), true);
        }
        Tensor big = Tensor.empty(DType.INT64, 5);
        for (int i = 0; i < 5; i++) big.setLongFlat(i * 1000003L, i);
        assertDistributed(big, IO.loadNpy(fixture("i8_big_5.npy").toString(), 0), true);
        DNDarray sc = IO.loadNpy(fixture("f8_scalar.npy").toString(), null);
        assertEquals(2.5, sc.itemDouble());
    }

    @Test
    void writesWhatNumpyWrites() throws Exception {
        // byte-identical to numpy's np.save of the same array (header layout, padding, data)
        Path dir = IoTesting.sharedDir("npyb");
        Path f = dir.resolve("f.npy");
        IO.saveNpy(distribute(Dist.iota(7, 5), 1), f.toString());
        byte[] ours = Files.readAllBytes(f), numpys = Files.readAllBytes(fixture("f8_7x5.npy"));
        Dist.collectively(() -> assertArrayEquals(numpys, ours));
        IoTesting.remove(dir);
    }

    @Test
    void loadsADirectoryOfFiles() {
        Tensor all = Tensor.empty(DType.INT32, 10, 3);
        for (int i = 0; i < 30; i++) all.setLongFlat(i, i);
        DNDarray x = IO.loadNpyFromPath(fixture("npy_dir").toString(), null, 0);
        assertDistributed(all, x, false);
        assertDistributed(all.astype(DType.FLOAT64), IO.loadNpyFromPath(fixture("npy_dir").toString(), DType.FLOAT64, 0), false);
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadNpyFromPath(fixture("npy_dir").toString(), null, 1));
        assertTrue(e.getMessage().contains("only axis 1 may differ"), e.getMessage());
    }

    @Test
    void badInputFailsEverywhereAndLeavesNoFile() throws Exception {
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadNpy("/nonexistent/x.npy", 0));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadNpy(fixture("header_crlf.csv").toString(), 0));
        assertTrue(e.getMessage().contains("not a .npy file"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadNpy(fixture("f8_7x5.npy").toString(), 2));
        assertTrue(e.getMessage().contains("split 2 is out of range"), e.getMessage());

        Path dir = IoTesting.sharedDir("npybad");
        // truncated: the last bytes missing, found by the rank(s) whose slab runs past the end
        byte[] whole = Files.readAllBytes(fixture("f8_7x5.npy"));
        Path cut = dir.resolve("cut.npy");
        if (Dist.comm().rank() == 0) Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 9));
        Dist.comm().barrier();
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadNpy(cut.toString(), 0));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        // unwritable: a missing directory, and a directory in place of the file; nothing left behind
        DNDarray x = distribute(Dist.iota(5, 2), 0);
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveNpy(x, dir.resolve("no/such/dir/x.npy").toString()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        Path sub = dir.resolve("sub.npy");
        if (Dist.comm().rank() == 0) Files.createDirectory(sub);
        Dist.comm().barrier();
        assertThrowsEverywhere(IOFailure.class, () -> IO.saveNpy(x, sub.toString()));
        try (var s = Files.list(dir)) {
            long temps = s.filter(p -> p.getFileName().toString().contains(".tmp-")).count();
            Dist.collectively(() -> assertEquals(0, temps, "temporary files left"));
        }
        Dist.collectively(() -> assertFalse(Files.exists(dir.resolve("no"))));
        IoTesting.remove(dir);
    }
}
