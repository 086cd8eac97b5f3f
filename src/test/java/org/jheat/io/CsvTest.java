package org.jheat.io;

import static org.jheat.io.IoTesting.data;
import static org.jheat.io.IoTesting.distribute;
import static org.jheat.io.IoTesting.fixture;
import static org.jheat.testing.Dist.assertDistributed;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

class CsvTest {
    private static final Integer[] SPLITS = {null, 0, 1};

    private static void write(Path f, String text) throws Exception {
        if (Dist.comm().rank() == 0) Files.writeString(f, text, StandardCharsets.UTF_8);
        Dist.comm().barrier();
    }

    @Test
    void roundTripEveryDtypeAndSplit() {
        Path dir = IoTesting.sharedDir("csv");
        Path f = dir.resolve("x.csv");
        for (DType t : IoTesting.DTYPES) {
            for (long[] shape : new long[][] {{7, 5}, {2, 3}, {13, 1}}) {
                Tensor full = data(t, shape);
                for (Integer s : SPLITS) {
                    IO.saveCsv(distribute(full, s), f.toString(), ",", "h1,h2", -1);
                    for (Integer back : SPLITS) assertDistributed(full, IO.loadCsv(f.toString(), ",", 1, t, back), true);
                }
            }
        }
        // 1-d arrays are written one value per line and read back as one column
        Tensor v = data(DType.INT64, 9);
        IO.saveCsv(distribute(v, 0), f.toString());
        assertDistributed(v.reshape(9, 1), IO.loadCsv(f.toString(), ",", 0, DType.INT64, 0), true);
        IoTesting.remove(dir);
    }

    @Test
    void manyLinesInSmallBlocksAndEveryRankBoundary() throws Exception {
        Path dir = IoTesting.sharedDir("csvb");
        Path f = dir.resolve("m.csv");
        int old = Csv.blockBytes;
        try {
            Csv.blockBytes = 37;     // forces many blocks and lines longer than a block
            Tensor full = Dist.iota(61, 4);
            IO.saveCsv(distribute(full, 0), f.toString(), ";", null, -1);
            for (Integer s : SPLITS) assertDistributed(full, IO.loadCsv(f.toString(), ";", 0, DType.FLOAT64, s), true);
            write(f, "1\n2\n\n\n3\n");
            assertDistributed(Tensor.fromArray(new double[][] {{1}, {2}, {3}}), IO.loadCsv(f.toString(), 0), true);
        } finally {
            Csv.blockBytes = old;
        }
        write(f, "");
        assertEquals(0, IO.loadCsv(f.toString(), 0).gshape()[0]);
        write(f, "a,b\n");
        assertEquals(0, IO.loadCsv(f.toString(), ",", 1, null, 0).gshape()[0]);
        IoTesting.remove(dir);
    }

    @Test
    void readsQuirkyAndNumpyWrittenFiles() {
        double inf = Double.POSITIVE_INFINITY;
        Tensor want = Tensor.fromArray(new double[][] {{1.5, 2, -300}, {4, 5.25, Double.NaN}, {7, inf, -inf}});
        for (Integer s : SPLITS) assertDistributed(want, IO.loadCsv(fixture("header_crlf.csv").toString(), ",", 2, null, s), true);
        assertDistributed(want.astype(DType.FLOAT32), IO.loadCsv(fixture("header_crlf.csv").toString(), ",", 2, DType.FLOAT32, 0), true);
        Tensor blanks = Tensor.fromArray(new long[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        assertDistributed(blanks, IO.loadCsv(fixture("blanks.csv").toString(), null, 0, DType.INT64, 0), true);
        Tensor i8 = Tensor.empty(DType.INT64, 9, 4);
        for (int i = 0; i < 36; i++) i8.setLongFlat(i - 10, i);
        assertDistributed(i8, IO.loadCsv(fixture("numpy_i8_9x4.csv").toString(), ",", 0, DType.INT64, 1), true);
        assertDistributed(Dist.iota(10, 3), IO.loadCsv(fixture("numpy_f8_10x3.csv").toString(), ",", 0, null, 0), true);
    }

    @Test
    void fixedDecimalsAndHeader() throws Exception {
        Path dir = IoTesting.sharedDir("csvd");
        Path f = dir.resolve("d.csv");
        Tensor t = Tensor.fromArray(new double[][] {{1.005, -0.001, 2.5}, {1e20, Double.NaN, -3.14159}, {0.125, 0.375, 99.995}});
        IO.saveCsv(distribute(t, 0), f.toString(), ", ", "# a, b, c", 2);
        String text = Files.readString(f);
        // like Python's "%.2f": the binary value correctly rounded, half-even on exact ties
        String expect = "# a, b, c\n1.00, -0.00, 2.50\n100000000000000000000.00, nan, -3.14\n0.12, 0.38, 100.00\n";
        Dist.collectively(() -> assertEquals(expect, text));
        IoTesting.remove(dir);
    }

    /** int64's extremes read back (saveCsv writes Long.MIN_VALUE; its parse overflowed); one beyond is out of range. */
    @Test
    void int64ExtremesRoundTrip() throws Exception {
        Path dir = IoTesting.sharedDir("csvi");
        Path f = dir.resolve("i.csv");
        Tensor t = Tensor.fromArray(new long[][] {{Long.MIN_VALUE, Long.MAX_VALUE}, {-1, 9007199254740993L}});
        IO.saveCsv(distribute(t, 0), f.toString(), ",", null, -1);
        assertDistributed(t, IO.loadCsv(f.toString(), ",", 0, DType.INT64, 0), true);
        write(f, "-9223372036854775809,1\n");
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(f.toString(), ",", 0, DType.INT64, 0));
        assertTrue(e.getMessage().contains("out of range for int64"), e.getMessage());
        IoTesting.remove(dir);
    }

    @Test
    void badInputNamesFileAndLine() throws Exception {
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(fixture("bad_fields.csv").toString(), ",", 1, null, 0));
        assertTrue(e.getMessage().contains("bad_fields.csv line 4: expected 3 fields"), e.getMessage());
        Path dir = IoTesting.sharedDir("csvbad");
        Path f = dir.resolve("b.csv");
        // the rank that finds the bad field is rarely rank 0: the message still names the global line
        StringBuilder sb = new StringBuilder("h\n");
        for (int i = 0; i < 40; i++) sb.append(i).append(',').append(i == 33 ? "x1" : "2").append('\n');
        write(f, sb.toString());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(f.toString(), ",", 1, null, 0));
        assertTrue(e.getMessage().contains("b.csv line 35: field 2: cannot parse 'x1' as float64"), e.getMessage());
        write(f, "1,2\n3,4\n5,6,7\n8,9\n");
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(f.toString(), ",", 0, DType.INT32, 1));
        assertTrue(e.getMessage().contains("line 3: expected 2 fields"), e.getMessage());
        write(f, "1,300\n");
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(f.toString(), ",", 0, DType.INT8, 0));
        assertTrue(e.getMessage().contains("out of range for int8"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(f.toString(), "ab", 0, null, 0));
        assertTrue(e.getMessage().contains("separator"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(dir.resolve("missing.csv").toString(), 0));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.saveCsv(distribute(Dist.iota(2, 2, 2), 0), f.toString()));
        assertTrue(e.getMessage().contains("1-d or 2-d"), e.getMessage());
        IoTesting.remove(dir);
    }
}
