package org.jheat.io;

import static org.jheat.io.IoTesting.fixture;
import static org.jheat.testing.Dist.assertDistributed;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

class MultiFileTest {

    /** The files of multi_h5 hold rows 3, 1, 0, 5, 2 of arange(44).reshape(11, 4) (float32). */
    static Tensor rows() {
        Tensor t = Tensor.empty(DType.FLOAT32, 11, 4);
        for (int i = 0; i < 44; i++) t.setLongFlat(i, i);
        return t;
    }

    @Test
    void hdf5FilesConcatenatedAlongEveryAxisAndSplit() {
        String dir = fixture("multi_h5").toString();
        Tensor x = rows();
        for (Integer s : IoTesting.splits(2)) {
            assertDistributed(x, IO.loadMultipleHdf5(dir, "x", 0, s, null), true);
            assertDistributed(x, IO.loadMultipleHdf5(dir + "/part_*.h5", "x", 0, s, null), true);
        }
        assertDistributed(x, IO.loadMultipleHdf5(dir, "x"), true);
        assertDistributed(x.astype(DType.FLOAT64), IO.loadMultipleHdf5(dir, "x", 0, 1, DType.FLOAT64), true);
        // "cols" has 3 rows and the files' counts of columns: concatenated along axis 1
        Tensor cols = Tensor.empty(DType.INT32, 3, 11);
        int[] sizes = {3, 1, 0, 5, 2};
        int at = 0, start = 0;
        for (int n : sizes) {
            for (int r = 0; r < 3; r++) for (int c = 0; c < n; c++) cols.setLong(start + r * n + c, r, at + c);
            at += n;
            start += n * 4;
        }
        for (Integer s : IoTesting.splits(2)) assertDistributed(cols, IO.loadMultipleHdf5(dir, "cols", 1, s, null), true);
        // an explicit list, in the given order
        String a = dir + "/part_3.h5", b = dir + "/part_0.h5";
        Tensor ab = Tensor.empty(DType.FLOAT32, 8, 4);
        ab.narrow(0, 0, 5).copyFrom(x.narrow(0, 4, 5));
        ab.narrow(0, 5, 3).copyFrom(x.narrow(0, 0, 3));
        for (Integer s : IoTesting.splits(2)) assertDistributed(ab, IO.loadMultipleHdf5(List.of(a, b), "x", 0, s, null), true);
    }

    @Test
    void hdf5BadInputNamesTheFile() {
        String bad = fixture("multi_h5_bad").toString();
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadMultipleHdf5(List.of(bad + "/a.h5", bad + "/b.h5"), "x", 0, 0, null));
        assertTrue(e.getMessage().contains("b.h5: dataset 'x' has shape (2, 5), but") && e.getMessage().contains("a.h5 has (3, 4)"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadMultipleHdf5(List.of(bad + "/a.h5", bad + "/c.h5"), "x", 0, 0, null));
        assertTrue(e.getMessage().contains("c.h5: no dataset 'x'; the file has datasets: y"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadMultipleHdf5(bad + "/zz*.h5", "x"));
        assertTrue(e.getMessage().contains("no file matches"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadMultipleHdf5(fixture("multi_h5").toString(), "x", 2, 0, null));
        assertTrue(e.getMessage().contains("axis 2 is out of range"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadMultipleHdf5(List.of(bad + "/a.h5", "/nonexistent.h5"), "x", 0, 0, null));
        assertTrue(e.getMessage().contains("/nonexistent.h5: no such file"), e.getMessage());
    }

    @Test
    void csvFolderInNameOrder() {
        String dir = fixture("csv_dir").toString();
        Tensor all = Tensor.empty(DType.FLOAT64, 6, 3);
        for (int i = 0; i < 18; i++) all.setDoubleFlat(i * 0.5, i);
        for (Integer s : new Integer[] {null, 0, 1}) {
            assertDistributed(all, IO.loadCsvFromFolder(dir, CsvOptions.defaults().headerLines(1), null, s), true);
        }
        assertDistributed(all.astype(DType.FLOAT32), IO.loadCsvFromFolder(dir, CsvOptions.defaults().headerLines(1), DType.FLOAT32, 0), true);
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsvFromFolder(dir, CsvOptions.defaults(), null, 0));
        assertTrue(e.getMessage().contains("a.csv line 1: field 1: cannot parse 'u' as float64"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsvFromFolder(fixture("npy_dir").toString(), null, null, 0));
        assertTrue(e.getMessage().contains("no .csv files"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsvFromFolder("/nonexistent", null, null, 0));
        assertTrue(e.getMessage().contains("no such directory"), e.getMessage());
        Dist.comm().barrier();
    }
}
