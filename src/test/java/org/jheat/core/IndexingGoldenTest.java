package org.jheat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * numpy's indexing rules, from scripts/golden/indexing.py: every case for every split of x, with the index arrays
 * replicated, split along their first or along their last axis (rotating), gathered and compared with numpy's
 * result; the claimed local-shape map of every result is checked against the real one.
 */
class IndexingGoldenTest {

    static long[] shape(String s) {
        s = s.trim();
        if (s.isEmpty()) return new long[0];
        return Arrays.stream(s.split(",")).mapToLong(Long::parseLong).toArray();
    }

    static Tensor arange(long[] shape) {
        Tensor t = Tensor.empty(DType.INT64, shape);
        for (long i = 0; i < t.size(); i++) t.setLongFlat(i, i);
        return t;
    }

    /** A full tensor distributed: variant 0 replicated, 1 split along 0, 2 split along the last axis. */
    static DNDarray distribute(Tensor t, int variant) {
        if (t.ndim() == 0 || variant == 0) return Factories.fromReplicated(t, null);
        return Factories.fromReplicated(t, variant == 1 ? 0 : t.ndim() - 1);
    }

    static Index[] parseExpr(String expr, int variant) {
        expr = expr.trim();
        if (expr.isEmpty()) return new Index[0];
        String[] tok = expr.split(";");
        Index[] out = new Index[tok.length];
        for (int i = 0; i < tok.length; i++) {
            String t = tok[i];
            char k = t.charAt(0);
            String body = t.substring(1);
            out[i] = switch (k) {
                case 'i' -> Index.idx(Long.parseLong(body));
                case 'n' -> Index.newaxis();
                case 'e' -> Index.ellipsis();
                case 's' -> {
                    String[] p = body.split(":", -1);
                    yield Index.slice(p[0].isEmpty() ? null : Long.parseLong(p[0]), p[1].isEmpty() ? null : Long.parseLong(p[1]),
                            p[2].isEmpty() ? 1 : Long.parseLong(p[2]));
                }
                case 'a', 'm' -> {
                    String[] p = body.split("=", -1);
                    long[] s = shape(p[0]);
                    Tensor v = Tensor.empty(k == 'a' ? DType.INT64 : DType.BOOL, s);
                    long[] vals = p[1].isEmpty() ? new long[0] : shape(p[1]);
                    for (int j = 0; j < vals.length; j++) v.setLongFlat(vals[j], j);
                    yield Index.of(distribute(v, variant));
                }
                default -> throw new IllegalStateException("bad token " + t);
            };
        }
        return out;
    }

    static Integer[] splits(int nd) {
        Integer[] s = new Integer[nd + 1];
        for (int i = 0; i < nd; i++) s[i + 1] = i;
        return s;
    }

    /** The map the result claims equals the real local shapes (one allgather), and the values match. */
    static String check(DNDarray r, long[] wantShape, long[] want) {
        long[][] claimed = r.lshapeMap();
        long[][] real = r.createLshapeMap();
        Tensor all = r.gatherAll();
        if (!Arrays.equals(wantShape, r.gshape())) return "shape " + Shapes.str(r.gshape()) + ", expected " + Shapes.str(wantShape);
        if (!Arrays.deepEquals(claimed, real)) return "lshapeMap " + Arrays.deepToString(claimed) + " but real " + Arrays.deepToString(real);
        if (r.dtype() != DType.INT64) return "dtype " + r.dtype();
        long[] got = all.toLongArray();
        if (!Arrays.equals(want, got)) return "values " + Arrays.toString(got) + ", expected " + Arrays.toString(want);
        return null;
    }

    @Test
    void getMatchesNumpy() {
        List<String> failures = new ArrayList<>();
        int cases = 0, n = 0;
        for (String line : Dist.resourceLines("/golden/indexing.txt")) {
            if (!line.startsWith("G ")) continue;
            String[] p = line.substring(2).split("\\|", -1);
            long[] xs = shape(p[0]);
            long[] rs = shape(p[2]);
            long[] want = p[3].trim().isEmpty() ? new long[0] : shape(p[3]);
            Tensor full = arange(xs);
            Integer[] sp = splits(xs.length);
            for (int si = 0; si < sp.length; si++) {
                DNDarray x = Factories.fromReplicated(full, sp[si]);
                int variant = (n + si) % 3;
                String err;
                try {
                    err = check(Indexing.get(x, parseExpr(p[1], variant)), rs, want);
                } catch (RuntimeException e) {
                    err = "threw " + e;
                }
                if (err != null) failures.add(line + " [split " + sp[si] + ", arrays " + variant + "]: " + err);
                cases++;
            }
            n++;
        }
        int total = cases;
        Dist.collectively(() -> {
            assertTrue(total > 500, "cases run: " + total);
            assertEquals(List.of(), failures);
        });
    }

    @Test
    void setMatchesNumpy() {
        List<String> failures = new ArrayList<>();
        int cases = 0, n = 0;
        for (String line : Dist.resourceLines("/golden/indexing.txt")) {
            if (!line.startsWith("S ")) continue;
            String[] p = line.substring(2).split("\\|", -1);
            long[] xs = shape(p[0]);
            long[] vs = shape(p[2]);
            long[] vv = p[3].trim().isEmpty() ? new long[0] : shape(p[3]);
            long[] want = p[4].trim().isEmpty() ? new long[0] : shape(p[4]);
            Tensor full = arange(xs);
            Integer[] sp = splits(xs.length);
            for (int si = 0; si < sp.length; si++) {
                DNDarray x = Factories.fromReplicated(full, sp[si]);
                long[] before = x.lshape();
                int variant = (n + si) % 3;
                Object value;
                if (vs.length == 0 && variant != 0) {
                    value = vv[0];   // a Java scalar
                } else {
                    Tensor v = Tensor.empty(DType.INT64, vs);
                    for (int j = 0; j < vv.length; j++) v.setLongFlat(vv[j], j);
                    value = distribute(v, (variant + 1) % 3);
                }
                String err;
                try {
                    DNDarray r = Indexing.set(x, value, parseExpr(p[1], variant));
                    err = r == x ? check(x, xs, want) : "set did not return x";
                    if (err == null && !Arrays.equals(before, x.lshape())) err = "distribution changed";
                } catch (RuntimeException e) {
                    err = "threw " + e;
                }
                if (err != null) failures.add(line + " [split " + sp[si] + ", arrays " + variant + "]: " + err);
                cases++;
            }
            n++;
        }
        int total = cases;
        Dist.collectively(() -> {
            assertTrue(total > 200, "cases run: " + total);
            assertEquals(List.of(), failures);
        });
    }
}
