package org.jheat.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * TensorPrinter against numpy's text (golden file written by scripts/golden/printing.py). Purely local: runs the
 * same on every MPI rank.
 */
@Tag("local")
class TensorPrinterTest {

    /** One golden case: how to build the array, the print options and numpy's text. */
    private record Case(String name, DType dtype, long[] shape, PrintOptions options, String[] values,
                        double[] affine, String expected) {
        Tensor build() {
            int n = (int) Shapes.size(shape);
            Tensor flat;
            if (affine != null) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = i * affine[0] + affine[1];
                flat = Tensor.fromArray(v).astype(dtype);
            } else if (dtype.isFloat()) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = parseDouble(values[i]);
                flat = Tensor.fromArray(v).astype(dtype);
            } else {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = Long.parseLong(values[i]);
                flat = Tensor.fromArray(v).astype(dtype);
            }
            return flat.reshape(shape);
        }
    }

    private static double parseDouble(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static List<Case> readGolden() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = TensorPrinterTest.class.getResourceAsStream("/golden/printing.txt")) {
            assertNotNull(in, "golden/printing.txt is missing; run /usr/bin/python3 scripts/golden/printing.py");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String name = field(line, "case");
                DType dtype = DType.of(field(r.readLine(), "dtype"));
                String shapeText = field(r.readLine(), "shape").trim();
                long[] shape = shapeText.isEmpty() ? new long[0]
                        : Arrays.stream(shapeText.split(" ")).mapToLong(Long::parseLong).toArray();
                String[] o = field(r.readLine(), "options").split(" ");
                Boolean sci = switch (o[4]) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> null;
                };
                PrintOptions opts = new PrintOptions(Integer.parseInt(o[0]), Long.parseLong(o[1]),
                        Integer.parseInt(o[2]), Integer.parseInt(o[3]), sci);
                String data = r.readLine();
                String[] values = null;
                double[] affine = null;
                if (data.startsWith("affine ")) {
                    affine = Arrays.stream(field(data, "affine").split(" ")).mapToDouble(Double::parseDouble).toArray();
                } else {
                    String v = field(data, "values").trim();
                    values = v.isEmpty() ? new String[0] : v.split(" ");
                }
                int k = Integer.parseInt(field(r.readLine(), "expect"));
                StringBuilder expected = new StringBuilder();
                for (int i = 0; i < k; i++) expected.append(i == 0 ? "" : "\n").append(r.readLine());
                cases.add(new Case(name, dtype, shape, opts, values, affine, expected.toString()));
            }
        }
        return cases;
    }

    private static String field(String line, String key) {
        assertNotNull(line, "golden file ends early, expected '" + key + "'");
        assertTrue(line.equals(key) || line.startsWith(key + " "), "expected '" + key + "' in golden line: " + line);
        return line.length() > key.length() ? line.substring(key.length() + 1) : "";
    }

    @TestFactory
    Stream<DynamicTest> matchesNumpy() throws IOException {
        List<Case> cases = readGolden();
        assertTrue(cases.size() >= 60, "golden cases: " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Tensor t = c.build();
            assertArrayEquals(c.shape(), t.shape());
            assertEquals(c.expected(), TensorPrinter.format(t, c.options()), c.name());
        }));
    }

    @Test
    void summarizedAxesFollowNumpy() {
        PrintOptions o = PrintOptions.defaults();
        assertArrayEquals(new boolean[] {false, false}, TensorPrinter.summarizedAxes(new long[] {10, 100}, o));
        assertArrayEquals(new boolean[] {true, false}, TensorPrinter.summarizedAxes(new long[] {1001, 6}, o));
        assertArrayEquals(new boolean[] {true, true, false},
                TensorPrinter.summarizedAxes(new long[] {11, 10, 6}, o.withThreshold(100)));
        assertArrayEquals(new boolean[0], TensorPrinter.summarizedAxes(new long[0], o.withThreshold(0)));
    }

    @Test
    void cornerKeepsTheEdges() {
        double[] v = new double[7 * 5];
        for (int i = 0; i < v.length; i++) v[i] = i;
        Tensor t = Tensor.fromArray(v).reshape(7, 5);
        Tensor c = TensorPrinter.corner(t, new boolean[] {true, false}, 2);
        assertArrayEquals(new long[] {4, 5}, c.shape());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34},
                c.toDoubleArray());
        Tensor both = TensorPrinter.corner(t.transpose(), new boolean[] {true, true}, 1);
        assertArrayEquals(new double[] {0, 30, 4, 34}, both.toDoubleArray());
        Tensor none = TensorPrinter.corner(t, new boolean[] {false, false}, 3);
        assertTrue(none.contentEquals(t));
        assertThrows(IllegalArgumentException.class, () -> TensorPrinter.corner(t, new boolean[] {true}, 2));
        assertThrows(IllegalArgumentException.class, () -> TensorPrinter.corner(t, new boolean[] {false, true}, 3));
    }

    @Test
    void prefixAndLongSuffix() {
        Tensor t = Tensor.fromArray(new double[][] {{0, 1, 2}, {3, 4, 5}});
        PrintOptions o = PrintOptions.defaults();
        boolean[] cut = TensorPrinter.summarizedAxes(t.shape(), o);
        assertFalse(cut[0] || cut[1]);
        String s = TensorPrinter.format(TensorPrinter.corner(t, cut, 3), cut, o, "DNDarray(",
                ", dtype=ht.float64, device=cpu:0, split=0)");
        assertEquals("DNDarray([[0., 1., 2.],\n          [3., 4., 5.]], dtype=ht.float64, device=cpu:0, split=0)", s);
        // the suffix moves to its own line when the last line would overflow
        String narrow = TensorPrinter.format(t, cut, o.withLineWidth(40), "DNDarray(",
                ", dtype=ht.float64, device=cpu:0, split=0)");
        assertEquals("DNDarray([[0., 1., 2.],\n          [3., 4., 5.]],\n         dtype=ht.float64, device=cpu:0, split=0)",
                narrow);
        // a suffix without ", " is appended as it is; an empty one gives numpy's array2string
        assertEquals("x([0, 1])", TensorPrinter.format(Tensor.fromArray(new int[] {0, 1}), new boolean[1], o, "x(", ")"));
        assertEquals("[0, 1]", TensorPrinter.format(Tensor.fromArray(new int[] {0, 1}), new boolean[1], o, "", ""));
    }

    @Test
    void summarisedFormatChecksTheCorner() {
        Tensor t = Tensor.fromArray(new long[] {1, 2, 3, 4});
        PrintOptions o = PrintOptions.defaults().withEdgeItems(1);
        assertThrows(IllegalArgumentException.class, () -> TensorPrinter.format(t, new boolean[] {true}, o, "", ""));
        assertThrows(IllegalArgumentException.class, () -> TensorPrinter.format(t, new boolean[0], o, "", ""));
        assertEquals("[1, ..., 4]", TensorPrinter.format(TensorPrinter.corner(t, new boolean[] {true}, 1),
                new boolean[] {true}, o, "", ""));
    }

    @Test
    void defaultOptions() {
        assertEquals("Tensor([1.5 , 2.25], dtype=float64)",
                TensorPrinter.format(Tensor.fromArray(new double[] {1.5, 2.25}), PrintOptions.defaults()));
        assertEquals("Tensor([  0, 255], dtype=uint8)",
                TensorPrinter.format(Tensor.fromArray(new long[] {0, 255}).astype(DType.UINT8), PrintOptions.defaults()));
    }

    @Test
    void complexPrintsLikeNumpy() {
        // the full table is ComplexGoldenTest's; numpy: repr(np.zeros(2, complex)) == 'array([0.+0.j, 0.+0.j])'
        Tensor c = Tensor.zeros(DType.COMPLEX128, 2);
        assertEquals("Tensor([0.+0.j, 0.+0.j], dtype=complex128)", TensorPrinter.format(c, PrintOptions.defaults()));
    }
}
