package org.jheat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jheat.Heat;
import org.jheat.tensor.Complex;
import org.jheat.tensor.DType;
import org.jheat.tensor.PrintOptions;
import org.jheat.tensor.Tensor;
import org.jheat.tensor.TensorPrinter;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * complex64/complex128 against numpy (scripts/golden/complex_golden.py): promotion, element-wise ops including
 * non-finite values, reductions, sort order and printing, distributed over every split at the running process count.
 */
class ComplexGoldenTest {
    /** key -> {dtype, shape, values}. */
    static final Map<String, String[]> G = new LinkedHashMap<>();
    static final Map<String, Function<DNDarray, DNDarray>> UNARY = new HashMap<>(OpsGoldenTest.UNARY);
    static final Map<String, BiFunction<Object, Object, DNDarray>> BINARY = new HashMap<>(OpsGoldenTest.BINARY);

    static {
        for (String line : Dist.resourceLines("/golden/complex.txt")) {
            String[] p = line.split(" \\| ", -1);
            String[] ts = p[1].split(" ");
            G.put(p[0], new String[] {ts[0], ts[1], p[2]});
        }
        UNARY.put("conjugate", Complexes::conj);
        UNARY.put("angle", x -> Complexes.angle(x, false));
        BINARY.put("divide", Arithmetics::div);
        UNARY.put("sgn", Rounding::sgn);
        UNARY.put("round2", x -> Rounding.round(x, 2));
        UNARY.put("round-1", x -> Rounding.round(x, -1));
        UNARY.put("nan_to_num", Arithmetics::nanToNum);
        UNARY.put("nan_to_num_args", x -> Arithmetics.nanToNum(x, 1.5, 7, -9));
    }

    /** The golden entry as a tensor of its dtype and shape. */
    static Tensor golden(String key) {
        String[] e = G.get(key);
        if (e == null) throw new IllegalArgumentException("no golden entry " + key);
        DType t = DType.of(e[0]);
        long[] shape = e[1].equals("-") ? new long[0] : java.util.Arrays.stream(e[1].split(",")).mapToLong(Long::parseLong).toArray();
        String[] tok = e[2].isEmpty() ? new String[0] : e[2].split(" ");
        Tensor x = Tensor.empty(t, shape);
        for (int i = 0; i < x.size(); i++) {
            if (t.isComplex()) x.setComplex(new Complex(OpsGoldenTest.parseD(tok[2 * i]), OpsGoldenTest.parseD(tok[2 * i + 1])), flat(shape, i));
            else if (t.isFloat()) x.setDoubleFlat(OpsGoldenTest.parseD(tok[i]), i);
            else x.setLongFlat(Long.parseLong(tok[i]), i);
        }
        return x;
    }

    private static long[] flat(long[] shape, long i) {
        long[] idx = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = i % shape[d];
            i /= shape[d];
        }
        return idx;
    }

    /** null when equal within {@code tol} (relative to the modulus, at least 1), NaN parts where NaN, infinities equal. */
    static String compare(Tensor want, Tensor got, double tol) {
        if (want.dtype() != got.dtype()) return "dtype " + got.dtype() + ", expected " + want.dtype();
        if (!java.util.Arrays.equals(want.shape(), got.shape())) return "shape differs";
        for (long i = 0; i < want.size(); i++) {
            Complex w = want.getComplexFlat(i), g = got.getComplexFlat(i);
            double mod = Math.hypot(w.re(), w.im());
            double scale = Double.isFinite(mod) ? Math.max(1, mod) : 1;
            if (!close(w.re(), g.re(), tol * scale) || !close(w.im(), g.im(), tol * scale)) {
                return "element " + i + ": " + g + ", expected " + w;
            }
        }
        return null;
    }

    private static boolean close(double w, double g, double tol) {
        if (w != w || g != g) return w != w && g != g;
        if (Double.isInfinite(w) || Double.isInfinite(g)) return w == g;
        return Math.abs(w - g) <= tol;
    }

    static double tol(DType t) { return t == DType.COMPLEX64 || t == DType.FLOAT32 ? 5e-6 : 1e-13; }

    /** The same op at split null and split 0 (n = 10: uneven or empty slabs at 3, 4 processes), gathered. */
    static void checkSplits(String key, Tensor want, Function<Integer, DNDarray> op, List<String> failures) {
        for (Integer split : new Integer[] {null, 0}) {
            Tensor got = op.apply(split).gatherAll();
            String err = compare(want, got, tol(want.dtype()));
            if (err != null) failures.add(key + " split " + split + ": " + err);
        }
    }

    @Test
    void promotionMatchesNumpy() {
        int n = 0;
        for (Map.Entry<String, String[]> e : G.entrySet()) {
            String[] k = e.getKey().split(" ");
            DType want = DType.of(e.getValue()[0]);
            if (k[0].equals("promote")) {
                DType a = DType.of(k[1]), b = DType.of(k[2]);
                assertEquals(want, DType.promoteTypes(a, b), e.getKey());
                DNDarray x = Heat.ones(new long[] {3}, a, 0), y = Heat.ones(new long[] {3}, b, null);
                assertEquals(want, Heat.add(x, y).dtype(), e.getKey() + " (add)");
                n++;
            } else if (k[0].equals("scalar")) {
                DType a = DType.of(k[1]);
                Object s = switch (k[2]) {
                    case "bool" -> Boolean.TRUE;
                    case "int" -> 2L;
                    case "float" -> 2.5;
                    default -> new Complex(1, 2);
                };
                assertEquals(want, DType.resultType(a, s), e.getKey());
                assertEquals(want, Heat.mul(Heat.ones(new long[] {5}, a, 0), s).dtype(), e.getKey() + " (mul)");
                n++;
            }
        }
        assertEquals(52, n, "promotion cases read");
    }

    @Test
    void elementwiseMatchesNumpy() {
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (String key : G.keySet()) {
            String[] k = key.split(" ");
            if (k[0].equals("u") || k[0].equals("ug") || k[0].equals("uh")) {
                Tensor in = golden("in " + (k[0].equals("ug") ? "g " : k[0].equals("uh") ? "h " : k.length > 3 ? "e " : "a ") + k[2]);
                Function<DNDarray, DNDarray> f = UNARY.get(k[1]);
                Tensor x = k[1].startsWith("round") ? in.astype(DType.of(k[2])) : in;
                Function<DNDarray, DNDarray> g = k[1].equals("round2") ? d -> f.apply(Arithmetics.mul(d, Heat.full(new long[0], 1.23456, DType.of(k[2]), null)))
                        : k[1].equals("round-1") ? d -> f.apply(Arithmetics.mul(d, 37)) : f;
                checkSplits(key, golden(key), s -> g.apply(Heat.array(x, null, s)), failures);
                n++;
            } else if (k[0].equals("ut")) {
                // tiny arguments: every part within a few ulps of its own size, not of max(1, |z|)
                Tensor in = golden("in t " + k[2]);
                Function<DNDarray, DNDarray> f = UNARY.get(k[1]);
                Tensor want = golden(key);
                // the inverse functions: a few ulps (their general formula serves the two moderate arguments), which
                // still tells apart the 1e-7 relative error of log(z + sqrt(z² + 1)) at |z| = 1e-10
                double tol = k[2].equals("complex64") ? 4e-7 : k[1].startsWith("arc") ? 2e-15 : 4e-16;
                for (Integer split : new Integer[] {null, 0}) {
                    Tensor got = f.apply(Heat.array(in, null, split)).gatherAll();
                    for (long i = 0; i < want.size(); i++) {
                        Complex w = want.getComplexFlat(i), v = got.getComplexFlat(i);
                        if (Math.abs(w.re() - v.re()) > tol * Math.abs(w.re()) + Double.MIN_NORMAL
                                || Math.abs(w.im() - v.im()) > tol * Math.abs(w.im()) + Double.MIN_NORMAL) {
                            failures.add(key + " split " + split + " element " + i + ": " + v + ", expected " + w);
                        }
                    }
                }
                n++;
            } else if (k[0].equals("b") || k[0].equals("powi")) {
                String dt = k[2];
                Tensor a = golden("in " + (k[1].contains("edge") ? "e " : "a ") + dt);
                Tensor b = golden("in b " + dt);
                BiFunction<Object, Object, DNDarray> f = switch (k[1]) {
                    case "isclose" -> (x, y) -> Logical.isclose((DNDarray) x, Arithmetics.mul(x, 1 + 1e-9), 1e-5, 1e-8, false);
                    case "isclose_edge" -> (x, y) -> Logical.isclose((DNDarray) x, (DNDarray) x, 1e-5, 1e-8, false);
                    case "isclose_edge_nan" -> (x, y) -> Logical.isclose((DNDarray) x, (DNDarray) x, 1e-5, 1e-8, true);
                    case "power_zero" -> (x, y) -> Arithmetics.pow(Heat.zeros(new long[] {4}, DType.of(dt), null), Heat.array(new Complex[] {Complex.ZERO,
                            new Complex(2, 0), Complex.I, new Complex(-1, 0)}, DType.of(dt), 0));
                    case "divide_zero" -> (x, y) -> Arithmetics.div(Heat.array(new Complex[] {new Complex(1, 1), Complex.ZERO,
                            new Complex(-1, 0)}, DType.of(dt), 0), Heat.zeros(new long[] {3}, DType.of(dt), null));
                    default -> k[0].equals("powi")
                            ? (x, y) -> Arithmetics.pow(x, Heat.full(new long[0], Long.parseLong(k[1]), DType.of(dt), null))
                            : BINARY.get(k[1]);
                };
                Tensor bb = b;
                checkSplits(key, golden(key), s -> f.apply(Heat.array(a, null, s), Heat.array(bb, null, s)), failures);
                n++;
            }
        }
        assertTrue(n > 100, "element-wise cases read: " + n);
        assertTrue(failures.isEmpty(), failures.size() + " mismatches:\n" + String.join("\n", failures));
    }

    @Test
    void sgnOfZeroIsZeroAndRealSgnIsSign() {
        for (DType t : new DType[] {DType.COMPLEX64, DType.COMPLEX128}) {
            DNDarray z = Heat.array(new Complex[] {Complex.ZERO, new Complex(-0.0, 0), new Complex(0, -2), new Complex(3, 4)}, t, 0);
            Tensor got = Rounding.sgn(z).gatherAll();
            Tensor want = Tensor.fromArray(new Complex[] {Complex.ZERO, Complex.ZERO, new Complex(0, -1), new Complex(0.6, 0.8)}, t);
            String err = compare(want, got, tol(t));
            Dist.collectively(() -> assertEquals(null, err, t.toString()));
        }
        DNDarray r = Heat.array(new double[] {-2, 0, 3}, null, 0);
        Tensor s = Rounding.sgn(r).gatherAll();
        Dist.collectively(() -> assertTrue(Rounding.sign(r).gatherAll().contentEquals(s)));
    }

    @Test
    void reductionsMatchNumpy() {
        Tensor m = golden("in m");
        List<String> failures = new ArrayList<>();
        for (String key : G.keySet()) {
            String[] k = key.split(" ");
            if (!k[0].equals("r") && !k[0].equals("rn")) continue;
            int[] axes = k[2].equals("all") ? null : new int[] {Integer.parseInt(k[2])};
            for (Integer split : new Integer[] {null, 0, 1}) {
                DNDarray x = Heat.array(k[0].equals("rn") ? golden("in mn") : m, null, split);
                DNDarray r = switch (k[1]) {
                    case "sum" -> Arithmetics.sum(x, axes, false);
                    case "prod" -> Arithmetics.prod(x, axes, false);
                    case "nansum" -> Arithmetics.nansum(x, axes, false);
                    case "nanprod" -> Arithmetics.nanprod(x, axes, false);
                    case "mean" -> Statistics.mean(x, axes, false);
                    case "var" -> Statistics.var(x, axes, 0, false);
                    case "var1" -> Statistics.var(x, axes, 1, false);
                    case "std" -> Statistics.std(x, axes, 0, false);
                    case "cumsum" -> Arithmetics.cumsum(x, axes[0]);
                    case "cumprod" -> Arithmetics.cumprod(x, axes[0]);
                    default -> throw new IllegalStateException(key);
                };
                String err = compare(golden(key), r.gatherAll(), 1e-12);
                if (err != null) failures.add(key + " split " + split + ": " + err);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void sortIsNumpysLexicographicOrder() {
        Tensor s = golden("in s");
        for (Integer split : new Integer[] {null, 0}) {
            DNDarray sorted = Sorting.sort(Heat.array(s, null, split), 0, false, false);
            String err = compare(golden("sort"), sorted.gatherAll(), 0);
            Dist.collectively(() -> assertEquals(null, err, "split " + split));
            Tensor order = Sorting.argsort(Heat.array(s, null, split), 0, false, true).gatherAll();
            Tensor wantOrder = golden("argsort").astype(DType.INT64);
            Dist.collectively(() -> assertTrue(wantOrder.contentEquals(order), "argsort split " + split + ": " + order));
        }
        Tensor su = golden("in su");
        for (Integer split : new Integer[] {null, 0}) {
            Tensor u = Sets.unique(Heat.array(su, null, split)).gatherAll();
            String err = compare(golden("unique"), u, 0);
            Dist.collectively(() -> assertEquals(null, err, "unique split " + split));
            Tensor u2 = Sets.unique(Heat.array(su.reshape(2, 11), null, split)).gatherAll();
            String err2 = compare(golden("unique"), u2, 0);
            Dist.collectively(() -> assertEquals(null, err2, "unique 2-d split " + split));
        }
        Tensor s2 = s.reshape(7, 2);
        for (int axis = 0; axis < 2; axis++) {
            for (Integer split : new Integer[] {null, 0, 1}) {
                Tensor got = Sorting.sort(Heat.array(s2, null, split), axis, false, false).gatherAll();
                String err = compare(golden("sort2d " + axis), got, 0);
                int ax = axis;
                Dist.collectively(() -> assertEquals(null, err, "2-d axis " + ax + " split " + split));
            }
        }
    }

    @Test
    void uniqueWithInverseAndCountsMatchesNumpy() {
        List<String> failures = new ArrayList<>();
        for (String dt : new String[] {"complex128", "complex64"}) {
            for (String name : new String[] {"su", "tiny"}) {
                Tensor in = golden("in " + name + " " + dt);
                String k = " " + name + " " + dt;
                Tensor wantInv = golden("unique_inverse" + k).astype(DType.INT64), wantCnt = golden("unique_counts" + k).astype(DType.INT64);
                long n = in.size();
                // 1-d, and 2-d (inverse in x's shape: numpy 1.24 flattens it) along either axis
                Tensor[] shapes = n % 2 == 0 ? new Tensor[] {in, in.reshape(2, n / 2)} : new Tensor[] {in};
                for (Tensor x : shapes) {
                    for (int split = -1; split < x.ndim(); split++) {
                        Integer sp = split < 0 ? null : split;
                        DNDarray dx = Heat.array(x, null, sp);
                        DNDarray[] r = Sets.unique(dx, true, true, true, null);
                        String where = k + " shape " + java.util.Arrays.toString(x.shape()) + " split " + sp + ": ";
                        String err = compare(golden("unique_values" + k), r[0].gatherAll(), 0);
                        if (err != null) failures.add("values" + where + err);
                        Tensor inv = r[1].gatherAll();
                        if (!java.util.Arrays.equals(inv.shape(), x.shape()) || !java.util.Objects.equals(r[1].split(), dx.split())) {
                            failures.add("inverse" + where + "shape " + java.util.Arrays.toString(inv.shape()) + " split " + r[1].split());
                        } else if (!wantInv.contentEquals(inv.reshape(n))) failures.add("inverse" + where + inv);
                        if (!wantCnt.contentEquals(r[2].gatherAll())) failures.add("counts" + where + r[2].gatherAll());
                        if (!java.util.Objects.equals(r[0].split(), r[2].split())) failures.add("counts" + where + "split " + r[2].split());
                        if (sp != null && !java.util.Arrays.deepEquals(r[1].lshapeMap(), dx.lshapeMap())) failures.add("inverse" + where + "distribution");
                    }
                }
            }
        }
        // empty input
        DNDarray[] e = Sets.unique(Heat.zeros(new long[] {0}, DType.COMPLEX128, 0), true, true, true, null);
        if (e[0].size() != 0 || e[1].size() != 0 || e[2].size() != 0) failures.add("empty: sizes " + e[0].size() + " " + e[1].size() + " " + e[2].size());
        Dist.collectively(() -> assertTrue(failures.isEmpty(), String.join("\n", failures)));
    }

    @Test
    void averageOfComplexDataMatchesNumpy() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        Tensor m = golden("in m");
        for (String key : G.keySet()) {
            String[] k = key.split(" ");
            if (!k[0].startsWith("avg")) continue;
            cases++;
            Integer axis = k[1].equals("all") ? null : Integer.valueOf(k[1]);
            Tensor w = k[2].equals("-") ? null : golden("in " + k[2]);
            Tensor x = k[0].equals("avg64") ? m.astype(DType.COMPLEX64) : m;
            Tensor ww = w != null && k[0].equals("avg64") ? w.astype(DType.FLOAT32) : w;
            for (int split = -1; split < 2; split++) {
                Integer sp = split < 0 ? null : split;
                DNDarray dx = Heat.array(x, null, sp);
                // weights of x's shape take x's split; 1-d weights are split when their axis is x's split
                Integer wsp = ww == null ? null : ww.ndim() == 2 ? sp : (sp != null && sp.equals(axis) ? Integer.valueOf(0) : null);
                DNDarray dw = ww == null ? null : Heat.array(ww, null, wsp);
                DNDarray[] r = Moments.average(dx, axis, dw, true);
                String err = compare(golden(key), r[k[0].equals("avgsum") ? 1 : 0].gatherAll(), tol(x.dtype()));
                if (err != null) failures.add(key + " split " + sp + ": " + err);
            }
        }
        assertEquals(11, cases, "golden cases read");
        Dist.collectively(() -> assertTrue(failures.isEmpty(), String.join("\n", failures)));
    }

    @Test
    void covOfComplexDataMatchesNumpy() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        Tensor m = golden("in m"), yr = golden("in yr");
        for (String key : G.keySet()) {
            String[] k = key.split(" ");
            if (!k[0].startsWith("cov")) continue;
            cases++;
            Tensor x = k[0].equals("cov64") ? m.astype(DType.COMPLEX64) : m;
            for (int split = -1; split < 2; split++) {
                Integer sp = split < 0 ? null : split;
                DNDarray dx = Heat.array(x, null, sp);
                String c = k[1] + (k.length > 2 ? " " + k[2] : "");
                DNDarray r = switch (c) {
                    case "rows" -> Moments.cov(dx);
                    case "cols" -> Moments.cov(dx, null, false, false, null);
                    case "cols bias" -> Moments.cov(dx, null, false, true, null);
                    case "cols ddof2" -> Moments.cov(dx, null, false, false, 2);
                    case "cols yr" -> Moments.cov(dx, Heat.array(yr.transpose().contiguous(), null, sp), false, false, null);
                    case "1d" -> Moments.cov(Heat.array(m.select(1, 1).contiguous(), null, sp == null ? null : 0));
                    default -> throw new IllegalStateException(key);
                };
                String err = compare(golden(key), r.gatherAll(), 1e-12);
                if (err != null) failures.add(key + " split " + sp + ": " + err);
            }
        }
        assertEquals(7, cases, "golden cases read");
        Dist.collectively(() -> assertTrue(failures.isEmpty(), String.join("\n", failures)));
    }

    /** "ca2" is the first 2 values of "in ca"; the real kernel of "conv ca ra" is ra's first 3. */
    private static Tensor convOperand(String name, boolean kernelOfCa) {
        String base = name.replaceAll("[0-9]+$", "");
        Tensor t = golden("in " + base);
        if (!base.equals(name)) return t.narrow(0, 0, Long.parseLong(name.substring(base.length()))).contiguous();
        return kernelOfCa && base.equals("ra") ? t.narrow(0, 0, 3).contiguous() : t;
    }

    @Test
    void convolveOfComplexArraysMatchesNumpy() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (String key : G.keySet()) {
            String[] k = key.split(" ");
            if (!k[0].startsWith("conv")) continue;
            cases++;
            Tensor a = convOperand(k[1], false), v = convOperand(k[2], k[1].equals("ca"));
            if (k[0].equals("conv64")) {
                a = a.astype(DType.COMPLEX64);
                v = v.astype(DType.COMPLEX64);
            }
            for (Integer sa : new Integer[] {null, 0}) {
                for (Integer sv : new Integer[] {null, 0}) {
                    Tensor got = Signal.convolve(Heat.array(a, null, sa), Heat.array(v, null, sv), k[3]).gatherAll();
                    String err = compare(golden(key), got, tol(got.dtype()));
                    if (err != null) failures.add(key + " splits " + sa + "/" + sv + ": " + err);
                }
            }
        }
        assertEquals(18, cases, "golden cases read");
        Dist.collectively(() -> assertTrue(failures.isEmpty(), String.join("\n", failures)));
    }

    @Test
    void printingMatchesNumpy() {
        List<String> lines = Dist.resourceLines("/golden/complex_printing.txt");
        int cases = 0;
        for (int i = 0; i < lines.size(); ) {
            String[] head = lines.get(i++).split(" ");
            DType t = DType.of(head[2]);
            String[] v = lines.get(i++).substring("values ".length()).split(" ");
            int k = Integer.parseInt(lines.get(i++).split(" ")[1]);
            String want = String.join("\n", lines.subList(i, i + k));
            i += k;
            Complex[] zs = new Complex[v.length / 2];
            for (int j = 0; j < zs.length; j++) zs[j] = new Complex(OpsGoldenTest.parseD(v[2 * j]), OpsGoldenTest.parseD(v[2 * j + 1]));
            Tensor x = Tensor.fromArray(zs, t);
            if (head[3].equals("-")) x = x.reshape();
            assertEquals(want, TensorPrinter.format(x, PrintOptions.defaults()), head[1]);
            cases++;
        }
        assertEquals(9, cases);
    }
}
