package org.jheat.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;

/** Data, layouts and tolerant comparisons shared by the linalg tests. */
final class LinalgTesting {
    private LinalgTesting() { }

    private static Map<String, Tensor> golden;

    /** The arrays of src/test/resources/golden/linalg.txt (scripts/golden/make_linalg.py) by key. */
    static synchronized Map<String, Tensor> golden() {
        if (golden == null) {
            Map<String, Tensor> m = new LinkedHashMap<>();
            for (String line : Dist.resourceLines("/golden/linalg.txt")) {
                String[] parts = line.split(" \\| ", -1);
                String[] h = parts[1].split(" ");
                long[] shape = h[1].equals("-") ? new long[0] : Arrays.stream(h[1].split(",")).mapToLong(Long::parseLong).toArray();
                String[] tok = parts[2].isEmpty() ? new String[0] : parts[2].split(" ");
                DType t = DType.of(h[0]);
                Tensor x = Tensor.empty(t, shape);
                for (int i = 0; i < x.size(); i++) {
                    if (t.isFloat()) x.setDoubleFlat(switch (tok[i]) {
                        case "nan" -> Double.NaN;
                        case "inf" -> Double.POSITIVE_INFINITY;
                        case "-inf" -> Double.NEGATIVE_INFINITY;
                        default -> Double.parseDouble(tok[i]);
                    }, i);
                    else x.setLongFlat(Long.parseLong(tok[i]), i);
                }
                m.put(parts[0], x);
            }
            golden = m;
        }
        return golden;
    }

    /** One golden array. */
    static Tensor gold(String key) {
        Tensor t = golden().get(key);
        if (t == null) throw new IllegalStateException("no golden entry '" + key + "'");
        return t;
    }

    /** The golden keys starting with {@code prefix}. */
    static List<String> keys(String prefix) {
        return golden().keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    /** Fewer layouts for cross products of several operands: replicated, each axis balanced, axis 0 on the last rank. */
    static List<DNDarray> someLayouts(Tensor full) {
        List<DNDarray> out = new ArrayList<>();
        out.add(Factories.fromReplicated(full, null));
        int p = Dist.comm().size();
        for (int s = 0; s < full.ndim(); s++) out.add(Factories.fromReplicated(full, s));
        if (p > 1 && full.ndim() > 0) {
            long[] last = new long[p];
            last[p - 1] = full.shape(0);
            out.add(Factories.fromReplicated(full, 0).redistribute(last));
        }
        return out;
    }

    /**
     * Layout combinations growing linearly with the operands: all replicated; each operand alone in each of its
     * {@link #someLayouts} (the others replicated); all split along their first axis; all along their last axis.
     */
    static List<DNDarray[]> linearCombinations(Tensor... full) {
        int n = full.length;
        List<DNDarray[]> out = new ArrayList<>();
        DNDarray[] rep = new DNDarray[n];
        for (int i = 0; i < n; i++) rep[i] = Factories.fromReplicated(full[i], null);
        out.add(rep);
        for (int i = 0; i < n; i++) {
            List<DNDarray> l = someLayouts(full[i]);
            for (int j = 1; j < l.size(); j++) {
                DNDarray[] c = rep.clone();
                c[i] = l.get(j);
                out.add(c);
            }
        }
        if (n > 1) {
            for (boolean first : new boolean[] {true, false}) {
                DNDarray[] c = new DNDarray[n];
                for (int i = 0; i < n; i++) c[i] = Factories.fromReplicated(full[i], full[i].ndim() == 0 ? null : first ? 0 : full[i].ndim() - 1);
                out.add(c);
            }
        }
        return out;
    }

    /** Every combination of one layout per operand. */
    static List<DNDarray[]> combinations(List<List<DNDarray>> perOperand) {
        List<DNDarray[]> out = new ArrayList<>();
        int n = perOperand.size();
        int[] idx = new int[n];
        while (true) {
            DNDarray[] c = new DNDarray[n];
            for (int i = 0; i < n; i++) c[i] = perOperand.get(i).get(idx[i]);
            out.add(c);
            int d = n - 1;
            while (d >= 0 && ++idx[d] == perOperand.get(d).size()) idx[d--] = 0;
            if (d < 0) return out;
        }
    }

    /** Deterministic values of {@code t}: small integers (exact in every dtype), distinct enough to catch misplaced blocks. */
    static Tensor data(DType t, long seed, long... shape) {
        Tensor x = Tensor.empty(t, shape);
        for (long i = 0; i < x.size(); i++) {
            long v = ((i + 3) * (seed * 2 + 7) + seed * 13) % 11 - 5;
            if (t == DType.BOOL) v = v > 0 ? 1 : 0;
            else if (t == DType.UINT8) v = v + 5;
            if (t.isFloat()) x.setDoubleFlat(v * 0.5 + (i % 3) * 0.125, i);
            else x.setLongFlat(v, i);
        }
        return x;
    }

    /** The layouts of {@code full} to test: replicated, and per axis balanced, everything on the last rank, an uneven split with empty ranks. */
    static List<DNDarray> layouts(Tensor full) {
        List<DNDarray> out = new ArrayList<>();
        out.add(Factories.fromReplicated(full, null));
        int p = Dist.comm().size();
        for (int s = 0; s < full.ndim(); s++) {
            DNDarray b = Factories.fromReplicated(full, s);
            out.add(b);
            if (p == 1) continue;
            long n = full.shape(s);
            long[] last = new long[p], uneven = new long[p];
            last[p - 1] = n;
            uneven[p - 1] = n / 2;
            uneven[p - 2] += n - n / 2;
            out.add(b.redistribute(last));
            out.add(b.redistribute(uneven));
        }
        return out;
    }

    /** Split axis names for messages. */
    static String desc(DNDarray x) {
        String s = x.split() == null ? "None" : String.valueOf(x.split());
        return Shapes.str(x.gshape()) + " split=" + s + (x.isBalanced() ? "" : " unbalanced");
    }

    /** Tolerance for a dtype (relative to the scale of the values). */
    static double tol(DType t) {
        return t == DType.FLOAT32 ? 2e-5 : t == DType.FLOAT64 ? 1e-12 : 0;
    }

    /** The gathered x equals {@code want} (same dtype, shape; values within the dtype's tolerance), checked on every rank. */
    static void assertClose(Tensor want, DNDarray x, String what) {
        assertClose(want, x, what, tol(want.dtype()));
    }

    static void assertClose(Tensor want, DNDarray x, String what, double rtol) {
        Tensor got = x.gatherAll();
        long[][] map = x.lshapeMap();
        int me = x.comm().rank();
        Dist.collectively(() -> {
            assertArrayEquals(x.lshape(), map[me], what + ": lshape map row");
            assertCloseLocal(want, got, what, rtol);
        });
    }

    static void assertCloseLocal(Tensor want, Tensor got, String what, double rtol) {
        assertEquals(want.dtype(), got.dtype(), what + ": dtype");
        assertArrayEquals(want.shape(), got.shape(), () -> what + ": shape " + Shapes.str(got.shape()) + ", expected " + Shapes.str(want.shape()));
        if (rtol == 0) {
            assertTrue(want.contentEquals(got), () -> what + ": values differ:\nexpected " + want + "\nactual   " + got);
            return;
        }
        double scale = 0;
        for (long i = 0; i < want.size(); i++) {
            double v = Math.abs(want.getDoubleFlat(i));
            if (Double.isFinite(v)) scale = Math.max(scale, v);
        }
        double atol = rtol * Math.max(1, scale);
        for (long i = 0; i < want.size(); i++) {
            double a = want.getDoubleFlat(i), b = got.getDoubleFlat(i);
            boolean ok = a == b || Double.isNaN(a) && Double.isNaN(b) || Math.abs(a - b) <= atol + rtol * Math.abs(a);
            final long at = i;
            assertTrue(ok, () -> what + ": element " + at + " is " + b + ", expected " + a + "\nexpected " + want + "\nactual   " + got);
        }
    }
}
