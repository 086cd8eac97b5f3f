package org.jheat.io;

import static org.jheat.io.IoTesting.fixture;
import static org.jheat.testing.Dist.assertDistributed;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/** RFC 4180 quotes, comments, usecols and the text rule, checked against numpy/pandas semantics of the same files. */
class CsvOptionsTest {
    private static final Integer[] SPLITS = {null, 0, 1};
    private static final double NAN = Double.NaN;

    private static void write(Path f, String text) throws Exception {
        if (Dist.comm().rank() == 0) Files.writeString(f, text, StandardCharsets.UTF_8);
        Dist.comm().barrier();
    }

    @Test
    void quotesCommentsUsecolsAndText() {
        String q = fixture("quoted.csv").toString();
        CsvOptions o = CsvOptions.defaults().headerLines(2);
        // text columns dropped: 'name' (field 2) and 'flag' (field 4) are text in the first data line
        Tensor skip = Tensor.fromArray(new double[][] {{1, 3.5}, {2, -1000}, {3, NAN}, {4, NAN}});
        for (Integer s : SPLITS) assertDistributed(skip, IO.loadCsv(q, o.text(CsvOptions.Text.SKIP), null, s), true);
        // text as NaN: every column kept
        Tensor nan = Tensor.fromArray(new double[][] {{1, NAN, 3.5, NAN}, {2, NAN, -1000, NAN}, {3, NAN, NAN, NAN}, {4, NAN, NAN, NAN}});
        for (Integer s : SPLITS) assertDistributed(nan, IO.loadCsv(q, o.text(CsvOptions.Text.NAN), null, s), true);
        // usecols in the given order, negative from the end
        Tensor cols = Tensor.fromArray(new double[][] {{3.5, 1}, {-1000, 2}, {NAN, 3}, {NAN, 4}}).astype(DType.FLOAT32);
        for (Integer s : SPLITS) assertDistributed(cols, IO.loadCsv(q, o.usecols(-2, 0), DType.FLOAT32, s), true);
        Tensor ids = Tensor.fromArray(new long[][] {{1}, {2}, {3}, {4}});
        assertDistributed(ids, IO.loadCsv(q, o.usecols(0), DType.INT64, 0), true);
        // the default text rule is an error naming line and field; the quoted separator does not split the field
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(q, o, null, 0));
        assertTrue(e.getMessage().contains("quoted.csv line 3: field 2: cannot parse 'Smith, J.' as float64"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(q, o.usecols(0, 1).text(CsvOptions.Text.ERROR), null, 0));
        assertTrue(e.getMessage().contains("line 3: field 2"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(q, o.usecols(0, 4), null, 0));
        assertTrue(e.getMessage().contains("usecols index 4 is out of range for lines of 4 fields"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(q, o.text(CsvOptions.Text.NAN), DType.INT32, 0));
        assertTrue(e.getMessage().contains("only for float32/float64"), e.getMessage());
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(q, o.comments(","), null, 0));
        assertTrue(e.getMessage().contains("comment character and the separator"), e.getMessage());
    }

    @Test
    void quotingEdgeCasesAtEveryRankBoundary() throws Exception {
        Path dir = IoTesting.sharedDir("csvq");
        Path f = dir.resolve("q.csv");
        StringBuilder sb = new StringBuilder("a;b;c\n");
        Tensor want = Tensor.empty(DType.FLOAT64, 30, 2);
        for (int i = 0; i < 30; i++) {
            // quoted numbers, a quoted text field with separators and doubled quotes, comments
            sb.append('"').append(i).append("\"; \"t;\"\"x\"\"; y\" ;").append(i * 0.25);
            sb.append(i % 7 == 0 ? "  # note; \"not a field\"\n" : "\n");
            if (i % 5 == 0) sb.append("   # a comment line\n\n");
            want.setDouble(i, i, 0);
            want.setDouble(i * 0.25, i, 1);
        }
        write(f, sb.toString());
        int old = Csv.blockBytes;
        try {
            Csv.blockBytes = 41;
            for (Integer s : SPLITS) {
                assertDistributed(want, IO.loadCsv(f.toString(), CsvOptions.defaults().sep(";").headerLines(1).text(CsvOptions.Text.SKIP), null, s), true);
            }
        } finally {
            Csv.blockBytes = old;
        }
        write(f, "1,\"2\n3\",4\n");
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(f.toString(), CsvOptions.defaults(), null, 0));
        assertTrue(e.getMessage().contains("line 1: field 2: unterminated quoted field (line breaks inside quotes are not supported)"), e.getMessage());
        write(f, "1,\"2\"x,3\n");
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(f.toString(), CsvOptions.defaults(), null, 0));
        assertTrue(e.getMessage().contains("line 1: field 2: text after the closing quote"), e.getMessage());
        // SKIP decides by the first data line: later text in a dropped column is fine, in a kept column an error
        write(f, "x,1\ny,2\n3,z\n");
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(f.toString(), CsvOptions.defaults().text(CsvOptions.Text.SKIP), null, 0));
        assertTrue(e.getMessage().contains("line 3: field 2: cannot parse 'z' as float64"), e.getMessage());
        write(f, "x,1\ny,2\n3,3\n");
        assertDistributed(Tensor.fromArray(new double[][] {{1}, {2}, {3}}), IO.loadCsv(f.toString(), CsvOptions.defaults().text(CsvOptions.Text.SKIP), null, 0), true);
        // the default options of the old loadCsv also skip '#' comment lines now
        write(f, "# c\n1,2\n#\n3,4 # x\n");
        assertDistributed(Tensor.fromArray(new double[][] {{1, 2}, {3, 4}}), IO.loadCsv(f.toString(), 0), true);
        IoTesting.remove(dir);
    }

    @Test
    void loneCarriageReturnLineEndsAreRefusedCrlfRead() throws Exception {
        Path dir = IoTesting.sharedDir("csvcr");
        Path f = dir.resolve("cr.csv");
        // classic Mac OS line ends: without the check, "1,2\r3,4" parsed as one line and, blank-separated, as one row
        write(f, "1,2\r3,4\r5,6\r");
        IOFailure e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(f.toString(), CsvOptions.defaults(), null, 0));
        assertTrue(e.getMessage().contains("lone carriage return"), e.getMessage());
        write(f, "1 2\r3 4\r");
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(f.toString(), CsvOptions.defaults().sep(null), null, null));
        assertTrue(e.getMessage().contains("tr '\\r' '\\n'"), e.getMessage());
        // with header lines, such a file has fewer line ends than them: it was read as empty
        write(f, "a,b\r1,2\r3,4\r");
        e = assertThrowsEverywhere(IOFailure.class, () -> IO.loadCsv(f.toString(), CsvOptions.defaults().headerLines(1), null, 0));
        assertTrue(e.getMessage().contains("lone carriage return"), e.getMessage());
        write(f, "a,b\r\n");   // a header line only (CRLF): an empty array, no error
        assertTrue(IO.loadCsv(f.toString(), CsvOptions.defaults().headerLines(2), null, 0).gnumel() == 0);
        write(f, "1,2\r\n3,4\r\n5,6");
        for (Integer s : SPLITS) assertDistributed(Tensor.fromArray(new double[][] {{1, 2}, {3, 4}, {5, 6}}), IO.loadCsv(f.toString(), CsvOptions.defaults(), null, s), true);
        IoTesting.remove(dir);
    }
}
