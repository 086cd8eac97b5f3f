package org.jheat.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jheat.natives.Blas;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** LocalLinalg against numpy/scipy (golden file from scripts/golden/make_linalg_local.py), on many memory layouts. */
@Tag("local")
class LocalLinalgTest {
    private static final Map<String, Tensor> G = load();

    private static Map<String, Tensor> load() {
        Map<String, Tensor> m = new HashMap<>();
        for (String line : Dist.resourceLines("/golden/linalg_local.txt")) {
            String[] p = line.split(" \\| ", -1);
            String[] head = p[1].split(" ");
            DType t = DType.of(head[0]);
            long[] shape = head[1].equals("-") ? new long[0]
                    : java.util.Arrays.stream(head[1].split(",")).mapToLong(Long::parseLong).toArray();
            String[] v = p[2].isEmpty() ? new String[0] : p[2].split(" ");
            Tensor x = Tensor.empty(t, shape);
            for (int i = 0; i < x.size(); i++) {
                if (t.isFloat()) x.setDoubleFlat(parse(v[i]), i);
                else x.setLongFlat(Long.parseLong(v[i]), i);
            }
            m.put(p[0], x);
        }
        return m;
    }

    private static double parse(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static Tensor g(String key) {
        Tensor t = G.get(key);
        if (t == null) throw new AssertionError("golden key missing: " + key);
        return t;
    }

    private static Tensor in(String name) { return g("in " + name); }

    /** Same dtype and shape; values within tol relative to the largest |want| (exact for integers). */
    private static void close(Tensor want, Tensor got, double tol, String what) {
        assertEquals(want.dtype(), got.dtype(), what + ": dtype");
        assertArrayEquals(want.shape(), got.shape(), () -> what + ": shape " + Shapes.str(got.shape()) + ", expected " + Shapes.str(want.shape()));
        if (!want.dtype().isFloat()) {
            assertTrue(want.contentEquals(got), () -> what + ":\nexpected " + want + "\ngot      " + got);
            return;
        }
        double scale = 1;
        for (long i = 0; i < want.size(); i++) if (Double.isFinite(want.getDoubleFlat(i))) scale = Math.max(scale, Math.abs(want.getDoubleFlat(i)));
        for (long i = 0; i < want.size(); i++) {
            double w = want.getDoubleFlat(i), v = got.getDoubleFlat(i);
            if (w == v || (Double.isNaN(w) && Double.isNaN(v))) continue;
            if (!(Math.abs(w - v) <= tol * scale)) fail(what + ": element " + i + " is " + v + ", expected " + w + "\nexpected " + want + "\ngot " + got);
        }
    }

    private static double tol(DType t) { return t == DType.FLOAT32 ? 2e-5 : 1e-11; }

    /** want and got equal up to one sign per column (axis 1) or per row (axis 0) of the last two axes. */
    private static void closeUpToSign(Tensor want, Tensor got, int axis, double tol, String what) {
        assertArrayEquals(want.shape(), got.shape(), what + ": shape");
        close(normaliseSigns(want, axis), normaliseSigns(got, axis), tol, what);
    }

    private static Tensor normaliseSigns(Tensor x, int axis) {
        Tensor y = x.copy();
        long batch = y.size() / Math.max(1, y.shape(-1) * y.shape(-2));
        Tensor flat = y.reshape(batch, y.shape(-2), y.shape(-1));
        for (long b = 0; b < batch; b++) {
            Tensor m = flat.select(0, b);
            for (long j = 0; j < m.shape(axis); j++) {
                Tensor v = m.select(axis, j);
                long best = 0;
                for (long i = 0; i < v.size(); i++) if (Math.abs(v.getDouble(i)) > Math.abs(v.getDouble(best)) + 1e-6) best = i;
                if (v.size() > 0 && v.getDouble(best) < 0) for (long i = 0; i < v.size(); i++) v.setDouble(-v.getDouble(i), i);
            }
        }
        return y;
    }

    private static Tensor mm(Tensor a, Tensor b) { return LocalLinalg.matmul(a, b); }

    /** A column-major copy of a 2-D tensor, as a view with the same values. */
    private static Tensor fortran(Tensor a) { return a.transpose().contiguous().transpose(); }

    /** The same values, stored every other row and column of a larger matrix (no BLAS layout fits). */
    private static Tensor strided(Tensor a) {
        Tensor big = Tensor.full(a.dtype(), Double.NaN, a.shape(0) * 2, a.shape(1) * 3);
        Tensor v = big.slice(0, null, null, 2).slice(1, null, null, 3);
        v.copyFrom(a);
        return v;
    }

    /** The same values, column-major with a leading dimension larger than the row count. */
    private static Tensor paddedFortran(Tensor a) {
        Tensor big = Tensor.full(a.dtype(), Double.NaN, a.shape(1), a.shape(0) + 3);
        big.narrow(1, 1, a.shape(0)).copyFrom(a.transpose());
        return big.narrow(1, 1, a.shape(0)).transpose();
    }

    /** The same values through a view with negative strides on both axes. */
    private static Tensor reversed(Tensor a) {
        Tensor r = a.slice(0, null, null, -1).slice(1, null, null, -1).contiguous();
        return r.slice(0, null, null, -1).slice(1, null, null, -1);
    }

    private static List<Function<Tensor, Tensor>> layouts() {
        return List.of(Tensor::copy, LocalLinalgTest::fortran, LocalLinalgTest::strided, LocalLinalgTest::paddedFortran, LocalLinalgTest::reversed);
    }

    // ------------------------------------------------------------------------------------------- gemm / matmul

    @Test
    void gemmAcceptsEveryLayoutOfEveryOperand() {
        for (String[] k : new String[][] {{"A", "B", "C"}, {"A32", "B32", "C32"}}) {
            Tensor a = in(k[0]), b = in(k[1]), c = in(k[2]), want = g("gemm " + k[0] + " " + k[1] + " " + k[2]);
            double tol = tol(c.dtype());
            int ia = 0;
            for (var la : layouts()) {
                int ib = 0;
                for (var lb : layouts()) {
                    int ic = 0;
                    for (var lc : layouts()) {
                        Tensor cv = lc.apply(c);
                        LocalLinalg.gemm(1.5, la.apply(a), lb.apply(b), -0.5, cv);
                        close(want, cv.contiguous(), tol, "gemm " + k[0] + " layouts " + ia + "/" + ib + "/" + ic);
                        ic++;
                    }
                    ib++;
                }
                ia++;
            }
        }
    }

    /**
     * Tall and skinny outputs are computed column-major into a temporary and copied over (OpenBLAS is faster that way):
     * the values of every operand layout against a plain double loop, a contiguous result, and beta ≠ 0 (which keeps
     * the direct path) unchanged.
     */
    @Test
    void tallSkinnyProductsMatchAPlainLoopThroughEveryPath() {
        long m = 20_001, k = 300, n = 7;
        assertTrue(CpuLinalg.tallOutput(m, n, k), "the shape takes the column-major temporary");
        java.util.Random rnd = new java.util.Random(11);
        Tensor a = Tensor.empty(DType.FLOAT64, m, k), b = Tensor.empty(DType.FLOAT64, k, n), c0 = Tensor.empty(DType.FLOAT64, m, n);
        for (Tensor t : new Tensor[] {a, b, c0}) for (long i = 0; i < t.size(); i++) t.setDoubleFlat(rnd.nextGaussian(), i);
        double[] want = new double[(int) (m * n)];
        for (long i = 0; i < m; i++) {
            for (long p = 0; p < k; p++) {
                double av = a.getDouble(i, p);
                for (long j = 0; j < n; j++) want[(int) (i * n + j)] += av * b.getDouble(p, j);
            }
        }
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            double tol = t == DType.FLOAT64 ? 1e-12 : 1e-4;
            Tensor at = a.astype(t), bt = b.astype(t);
            for (var la : List.<Function<Tensor, Tensor>>of(Tensor::copy, LocalLinalgTest::fortran)) {
                for (var lb : List.<Function<Tensor, Tensor>>of(Tensor::copy, LocalLinalgTest::fortran)) {
                    Tensor got = mm(la.apply(at), lb.apply(bt));
                    assertTrue(got.isContiguous(), "matmul returns a contiguous result");
                    Tensor into = Tensor.full(t, Double.NaN, m, n);
                    LocalLinalg.gemm(1.0, la.apply(at), lb.apply(bt), 0.0, into);
                    Tensor acc = c0.astype(t);
                    LocalLinalg.gemm(2.0, la.apply(at), lb.apply(bt), -1.0, acc);
                    for (long i = 0; i < m * n; i++) {
                        double w = want[(int) i], sc = tol * (1 + Math.abs(w)) * Math.sqrt(k);
                        assertEquals(w, got.getDoubleFlat(i), sc, t + " matmul element " + i);
                        assertEquals(w, into.getDoubleFlat(i), sc, t + " gemm (beta 0) element " + i);
                        assertEquals(2 * w - c0.getDoubleFlat(i), acc.getDoubleFlat(i), 3 * sc, t + " gemm (beta -1) element " + i);
                    }
                }
            }
        }
        assertFalse(CpuLinalg.tallOutput(m, 1, k), "a single column stays a plain call");
        assertFalse(CpuLinalg.tallOutput(30, 7, 300), "a small product stays a plain call");
        assertFalse(CpuLinalg.tallOutput(1_000_000, 8, 8), "a short inner extent (bound by memory) stays a plain call");
    }

    @Test
    void gemmIntoAColumnBlockLeavesTheRestAlone() {
        Tensor a = in("A"), b = in("B"), c = in("C");
        Tensor big = Tensor.full(DType.FLOAT64, 7.0, 5, 10);
        Tensor block = big.narrow(1, 3, 6);
        block.copyFrom(c);
        LocalLinalg.gemm(1.5, a, b, -0.5, block);
        close(g("gemm A B C"), block.contiguous(), 1e-12, "column block");
        for (long i = 0; i < 5; i++) {
            for (long j : new long[] {0, 1, 2, 9}) assertEquals(7.0, big.getDouble(i, j), "outside the block");
        }
        // a row block of a transposed (column-major) big matrix
        Tensor bigT = Tensor.full(DType.FLOAT64, 7.0, 10, 5).transpose();
        Tensor blockT = bigT.narrow(1, 2, 6);
        LocalLinalg.gemm(1.0, a, b, 0.0, blockT);
        close(g("matmul A B"), blockT.contiguous(), 1e-12, "block of a column-major matrix");
        assertEquals(7.0, bigT.getDouble(0, 1));
    }

    @Test
    void gemmConvertsOperandsToTheOutputTypeAndIgnoresOldValuesWhenBetaIsZero() {
        Tensor c = in("C32").copy();
        LocalLinalg.gemm(1.5, in("A32").astype(DType.FLOAT64), in("B32"), -0.5, c);
        close(g("gemm A32 B32 C32"), c, 2e-5, "float64 a into float32 c");
        Tensor nan = Tensor.full(DType.FLOAT64, Double.NaN, 5, 6);
        LocalLinalg.gemm(1.0, in("A"), in("B"), 0.0, nan);
        close(g("matmul A B"), nan, 1e-12, "beta 0 over NaN");
        Tensor c0 = Tensor.full(DType.FLOAT64, 3.0, 5, 6);
        LocalLinalg.gemm(1.0, Tensor.empty(DType.FLOAT64, 5, 0), Tensor.empty(DType.FLOAT64, 0, 6), 2.0, c0);
        assertEquals(6.0, c0.getDouble(4, 5), "k = 0 scales c by beta");
        LocalLinalg.gemm(1.0, Tensor.empty(DType.FLOAT64, 5, 0), Tensor.empty(DType.FLOAT64, 0, 6), 0.0, c0);
        assertEquals(0.0, c0.getDouble(2, 3), "k = 0 and beta 0 zero c");
        LocalLinalg.gemm(1.0, Tensor.empty(DType.FLOAT64, 0, 3), Tensor.empty(DType.FLOAT64, 3, 6), 0.0, Tensor.empty(DType.FLOAT64, 0, 6));
    }

    @Test
    void gemmWithAnOutputThatAliasesAnInputIsComputedOnACopy() {
        Tensor x = in("G").copy();
        Tensor id = Tensor.zeros(DType.FLOAT64, 5, 5);
        for (int i = 0; i < 5; i++) id.setDouble(1.0, i, i);
        LocalLinalg.gemm(1.0, x, x, 0.0, x);   // x = x·x in place
        close(mm(in("G"), in("G")), x, 1e-12, "x = x·x");
        Tensor y = in("G").copy();
        LocalLinalg.gemm(2.0, id, y.transpose(), 0.0, y);   // y = 2·yᵀ: y is read while it is written
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) assertEquals(2 * in("G").getDouble(j, i), y.getDouble(i, j), 1e-12);
    }

    @Test
    void matmulMatchesNumpyIncludingIntegersBoolsBatchesAndVectors() {
        int cases = 0;
        for (var e : G.entrySet()) {
            if (!e.getKey().startsWith("matmul ")) continue;
            String[] k = e.getKey().split(" ");
            Tensor a = in(k[1]);
            Tensor b = k[2].equals("A32[:3,:2]") ? in("A32").narrow(0, 0, 3).narrow(1, 0, 2) : in(k[2]);
            Tensor want = e.getValue();
            double tol = want.dtype() == DType.FLOAT32 ? 2e-5 : 1e-12;
            close(want, mm(a, b), tol, e.getKey());
            if (a.ndim() == 2 && b.ndim() == 2) close(want, mm(fortran(a), strided(b)), tol, e.getKey() + " (views)");
            cases++;
        }
        assertTrue(cases >= 14, "matmul cases: " + cases);
    }

    /** Plain triple loop over longs: the reference for the blocked kernel on sizes across its block edges. */
    private static long[][] naive(Tensor a, Tensor b) {
        int m = (int) a.shape(0), k = (int) a.shape(1), n = (int) b.shape(1);
        long[][] c = new long[m][n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
            long s = 0;
            for (int p = 0; p < k; p++) s += a.getLong(i, p) * b.getLong(p, j);
            c[i][j] = s;
        }
        return c;
    }

    private static Tensor pattern(DType t, long r, long c, long mul, long mod) {
        Tensor x = Tensor.empty(t, r, c);
        for (long i = 0; i < x.size(); i++) x.setLongFlat((i * mul) % mod - mod / 2, i);
        return x;
    }

    @Test
    void integerKernelAcrossBlockEdgesWrapsLikeNumpy() {
        Tensor a = pattern(DType.INT64, 130, 300, 7919, 201), b = pattern(DType.INT64, 300, 270, 104729, 199);
        long[][] want = naive(a, b);
        for (var lb : layouts()) {
            Tensor c = mm(a, lb.apply(b));
            assertEquals(DType.INT64, c.dtype());
            for (int i = 0; i < 130; i += 7) for (int j = 0; j < 270; j += 5) assertEquals(want[i][j], c.getLong(i, j));
            assertEquals(want[129][269], c.getLong(129, 269));
        }
        // int32 result: the 64-bit sums wrapped to 32 bits, as numpy's int32 arithmetic gives
        Tensor a32 = pattern(DType.INT32, 70, 260, 1_000_003, 400_001), b32 = pattern(DType.INT32, 260, 65, 999_983, 300_007);
        long[][] w32 = naive(a32, b32);
        Tensor c32 = mm(a32, b32);
        assertEquals(DType.INT32, c32.dtype());
        for (int i = 0; i < 70; i++) for (int j = 0; j < 65; j++) assertEquals((int) w32[i][j], c32.getLong(i, j));
        // alpha, beta and a strided output block
        Tensor big = Tensor.full(DType.INT64, 5.0, 130, 280);
        Tensor blk = big.narrow(1, 5, 270);
        LocalLinalg.gemm(2, a, b, -3, blk);
        for (int i = 0; i < 130; i += 11) for (int j = 0; j < 270; j += 13) assertEquals(2 * want[i][j] - 15, blk.getLong(i, j));
        assertEquals(5, big.getLong(0, 0));
        // bool: or of ands, also past the block edges
        Tensor ba = Tensor.empty(DType.BOOL, 70, 300), bb = Tensor.empty(DType.BOOL, 300, 3);
        for (long i = 0; i < ba.size(); i++) ba.setLongFlat(i % 97 == 0 ? 1 : 0, i);
        for (long i = 0; i < bb.size(); i++) bb.setLongFlat(i % 89 == 0 ? 1 : 0, i);
        long[][] wb = naive(ba, bb);
        Tensor cb = mm(ba, bb);
        assertEquals(DType.BOOL, cb.dtype());
        for (int i = 0; i < 70; i++) for (int j = 0; j < 3; j++) assertEquals(wb[i][j] > 0 ? 1 : 0, cb.getLong(i, j));
    }

    @Test
    void matmulShapesAndBadInput() {
        assertArrayEquals(new long[] {2, 3, 3, 2}, mm(in("X3"), in("Y3")).shape());
        assertArrayEquals(new long[] {}, mm(in("v4"), in("w4")).shape());
        assertArrayEquals(new long[] {0, 6}, mm(Tensor.zeros(DType.FLOAT64, 0, 4), in("B")).shape());
        Tensor z = mm(Tensor.zeros(DType.INT32, 3, 0), Tensor.zeros(DType.INT64, 0, 2));
        assertEquals(DType.INT64, z.dtype());
        assertTrue(z.contentEquals(Tensor.zeros(DType.INT64, 3, 2)));
        Tensor zf = mm(Tensor.zeros(DType.FLOAT64, 3, 0), Tensor.zeros(DType.FLOAT64, 0, 2));
        assertTrue(zf.contentEquals(Tensor.zeros(DType.FLOAT64, 3, 2)), "k = 0 gives zeros");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mm(in("A"), in("A")));
        assertTrue(e.getMessage().contains("(5, 4)") && e.getMessage().contains("not align"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> mm(in("X3"), Tensor.zeros(DType.FLOAT64, 3, 1, 4, 2)));
        assertTrue(e.getMessage().contains("(2, 1, 3, 4)") && e.getMessage().contains("(3, 1, 4, 2)"), e.getMessage());
        assertArrayEquals(new long[] {2, 5, 3, 2}, mm(in("X3"), Tensor.zeros(DType.FLOAT64, 5, 4, 2)).shape());
        assertThrows(IllegalArgumentException.class, () -> mm(Tensor.zeros(DType.FLOAT64), in("A")));
        assertThrows(IllegalArgumentException.class, () -> mm(in("v5"), in("v4")));
        assertThrows(IllegalArgumentException.class, () -> LocalLinalg.gemm(1.5, in("I32a"), in("I32b"), 0, Tensor.zeros(DType.INT32, 3, 2)));
        assertThrows(IllegalArgumentException.class, () -> LocalLinalg.gemm(2, in("Ba"), in("Bb"), 0, Tensor.zeros(DType.BOOL, 3, 2)));
        assertThrows(IllegalArgumentException.class, () -> LocalLinalg.gemm(1, in("A"), in("B"), 0, Tensor.zeros(DType.FLOAT64, 6, 5)));
        assertThrows(IllegalArgumentException.class, () -> LocalLinalg.gemm(1, in("X3"), in("B"), 0, Tensor.zeros(DType.FLOAT64, 6, 5)));
    }

    @Test
    void dotMatchesNumpy() {
        int cases = 0;
        for (var e : G.entrySet()) {
            if (!e.getKey().startsWith("dot ")) continue;
            String[] k = e.getKey().split(" ");
            close(e.getValue(), LocalLinalg.dot(in(k[1]), in(k[2])), 1e-12, e.getKey());
            cases++;
        }
        assertEquals(5, cases);
        // strided and reversed 1-D operands, float32, integers, scalars
        Tensor v = in("v4"), w = in("w4");
        Tensor want = g("dot v4 w4");
        close(want, LocalLinalg.dot(v.slice(0, null, null, -1).contiguous().slice(0, null, null, -1), w), 1e-12, "reversed");
        Tensor padded = Tensor.zeros(DType.FLOAT64, 12);
        padded.slice(0, 1L, null, 3).copyFrom(w);
        close(want, LocalLinalg.dot(v, padded.slice(0, 1L, null, 3)), 1e-12, "stride 3");
        Tensor f32 = LocalLinalg.dot(v.astype(DType.FLOAT32), w.astype(DType.FLOAT32));
        assertEquals(DType.FLOAT32, f32.dtype());
        assertEquals(want.getDouble(), f32.getDouble(), 1e-5);
        Tensor ints = LocalLinalg.dot(Tensor.fromArray(new int[] {1, 2, 3}), Tensor.fromArray(new long[] {4, 5, 6}));
        assertEquals(DType.INT64, ints.dtype());
        assertEquals(32, ints.getLong());
        Tensor scaled = LocalLinalg.dot(Tensor.full(DType.INT64, 3.0), v);
        close(v.copy().astype(DType.FLOAT64), LocalLinalg.dot(Tensor.full(DType.FLOAT64, 1.0), v), 0, "scalar 1");
        assertEquals(3 * v.getDouble(2), scaled.getDouble(2), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> LocalLinalg.dot(in("v4"), in("v5")));
    }

    @Test
    void gemvSyrkAndGramOnViews() {
        Tensor a = in("A"), v = in("v4");
        Tensor want = g("matmul A v4");
        for (var la : layouts()) {
            Tensor big = Tensor.full(DType.FLOAT64, 9.0, 5, 3);
            Tensor y = big.select(1, 1);   // a strided output column
            LocalLinalg.gemv(1.0, la.apply(a), v.slice(0, null, null, -1).contiguous().slice(0, null, null, -1), 0.0, y);
            close(want, y.contiguous(), 1e-12, "gemv");
            assertEquals(9.0, big.getDouble(2, 0));
        }
        Tensor y = Tensor.full(DType.FLOAT64, 1.0, 5);
        LocalLinalg.gemv(2.0, a, v, 3.0, y);
        for (int i = 0; i < 5; i++) assertEquals(2 * want.getDouble(i) + 3, y.getDouble(i), 1e-12);
        Tensor yi = Tensor.zeros(DType.INT64, 3);
        LocalLinalg.gemv(1, in("I32a"), Tensor.fromArray(new long[] {1, 1, 1}), 0, yi);
        assertEquals(70000 - 3 + 12, yi.getLong(0));
        Tensor ata = mm(a.transpose(), a);
        close(ata, LocalLinalg.gram(a), 1e-12, "gram");
        close(ata, LocalLinalg.gram(fortran(a)), 1e-12, "gram of a column-major view");
        // tall and narrow: row groups on the threads (when there are several), summed in a fixed order
        java.util.Random rnd = new java.util.Random(5);
        Tensor tall = Tensor.empty(DType.FLOAT64, 40_001, 17);
        for (long i = 0; i < tall.size(); i++) tall.setDoubleFlat(rnd.nextGaussian(), i);
        Tensor gt = LocalLinalg.gram(tall), wantTall = mm(tall.transpose(), tall);
        double scale = wantTall.getDouble(0, 0);
        for (int i = 0; i < 17; i++) {
            for (int j = 0; j < 17; j++) {
                assertEquals(wantTall.getDouble(i, j), gt.getDouble(i, j), 1e-12 * scale, "tall gram (" + i + ", " + j + ")");
                assertEquals(gt.getDouble(i, j), gt.getDouble(j, i), 0.0, "tall gram symmetric");
            }
        }
        close(gt, LocalLinalg.gram(tall.astype(DType.FLOAT32)).astype(DType.FLOAT64), 1e-4 * scale, "tall float32 gram");
        // both products in one pass over the rows (cache-sized chunks of the row groups), and the small-input fallback
        Tensor rhs = Tensor.empty(DType.FLOAT64, 40_001, 2);
        for (long i = 0; i < rhs.size(); i++) rhs.setDoubleFlat(i % 2 == 1 ? 1.0 : rnd.nextGaussian(), i);
        Tensor wantRhs = mm(tall.transpose(), rhs);
        for (Tensor[] pair : new Tensor[][] {{tall, rhs}, {tall.narrow(0, 3, 1000), rhs.narrow(0, 3, 1000)}}) {
            Tensor[] g = LocalLinalg.gramWith(pair[0], pair[1]);
            long rows = pair[0].shape(0);
            String what = "gramWith of " + rows + " rows";
            close(rows == 40_001 ? wantTall : mm(pair[0].transpose(), pair[0]), g[0], 1e-12 * scale, what + ": aᵀa");
            close(rows == 40_001 ? wantRhs : mm(pair[0].transpose(), pair[1]), g[1], 1e-12 * scale, what + ": aᵀb");
            for (int i = 0; i < 17; i++) {
                for (int j = 0; j < 17; j++) assertEquals(g[0].getDouble(i, j), g[0].getDouble(j, i), 0.0, what + ": symmetric");
            }
            Tensor[] g32 = LocalLinalg.gramWith(pair[0].astype(DType.FLOAT32), pair[1].astype(DType.FLOAT32));
            close(g[1], g32[1].astype(DType.FLOAT64), 1e-4 * scale, what + " float32: aᵀb");
        }
        assertThrows(IllegalArgumentException.class, () -> LocalLinalg.gramWith(tall, rhs.narrow(0, 0, 10)));
        Tensor ints = tall.narrow(0, 0, 10).astype(DType.INT64);
        IllegalArgumentException notFloat = assertThrows(IllegalArgumentException.class, () -> LocalLinalg.gramWith(ints, ints));
        assertTrue(notFloat.getMessage().contains("float32 or float64"), notFloat.getMessage());
        for (var lc : layouts()) {
            Tensor c = lc.apply(Tensor.full(DType.FLOAT64, 100.0, 4, 4));
            LocalLinalg.syrk(1.0, strided(a), true, 0.5, c, true);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    double exp = j <= i ? ata.getDouble(i, j) + 50 : 100.0;
                    assertEquals(exp, c.getDouble(i, j), 1e-12, "syrk lower, (" + i + ", " + j + ")");
                }
            }
        }
        Tensor aat = mm(a, a.transpose());
        Tensor c = Tensor.zeros(DType.FLOAT32, 5, 5);
        LocalLinalg.syrk(1.0, a, false, 0.0, c, false);
        for (int i = 0; i < 5; i++) for (int j = i; j < 5; j++) assertEquals(aat.getDouble(i, j), c.getDouble(i, j), 1e-4);
        assertThrows(IllegalArgumentException.class, () -> LocalLinalg.syrk(1, a, false, 0, Tensor.zeros(DType.FLOAT64, 4, 4), true));
        assertThrows(IllegalArgumentException.class, () -> LocalLinalg.gemv(1, a, in("v5"), 0, Tensor.zeros(DType.FLOAT64, 5)));
    }

    // ------------------------------------------------------------------------------------------- LAPACK

    /** Runs f and checks it left its input untouched. */
    private static <T> T pure(Tensor input, Function<Tensor, T> f) {
        Tensor before = input.copy();
        T r = f.apply(input);
        assertTrue(before.contentEquals(input.contiguous()), "the input was modified");
        return r;
    }

    private static double tolFor(String name, DType t) {
        if (name.startsWith("Hilb")) return 1e-6;
        return t == DType.FLOAT32 ? 5e-4 : 1e-10;
    }

    @Test
    void detSlogdetInvMatchNumpy() {
        for (String a : new String[] {"G", "G32", "G3", "Sing", "Hilb", "Ints"}) {
            Tensor x = in(a);
            Tensor want = g("det " + a);
            double tol = tolFor(a, want.dtype());
            close(want, pure(x, LocalLinalg::det), a.equals("Hilb") ? 1e-20 : tol, "det " + a);
            LocalLinalg.SlogDet s = pure(x, LocalLinalg::slogdet);
            close(g("slogdet " + a + " sign"), s.sign(), 0, "slogdet sign " + a);
            close(g("slogdet " + a + " log"), s.logabsdet(), tol, "slogdet log " + a);
            if (x.ndim() == 2) close(want, LocalLinalg.det(fortran(x)), a.equals("Hilb") ? 1e-20 : tol, "det of a column-major view " + a);
        }
        for (String a : new String[] {"G", "G32", "G3", "Hilb", "Ints"}) {
            Tensor want = g("inv " + a);
            Tensor got = pure(in(a), LocalLinalg::inv);
            close(want, got, tolFor(a, want.dtype()), "inv " + a);
            if (in(a).ndim() == 2) close(want, LocalLinalg.inv(strided(in(a))), tolFor(a, want.dtype()), "inv of a strided view " + a);
        }
        close(mm(in("G"), LocalLinalg.inv(in("G"))), eye(5), 1e-12, "A·inv(A) = I");
        assertEquals(1.0, LocalLinalg.det(Tensor.zeros(DType.FLOAT64, 0, 0)).getDouble());
        assertArrayEquals(new long[] {0, 0}, LocalLinalg.inv(Tensor.zeros(DType.FLOAT64, 0, 0)).shape());
        assertArrayEquals(new long[] {0, 3, 3}, LocalLinalg.inv(Tensor.zeros(DType.FLOAT64, 0, 3, 3)).shape());
        assertArrayEquals(new long[] {2, 0}, LocalLinalg.det(Tensor.zeros(DType.FLOAT32, 2, 0, 4, 4)).shape());
    }

    private static Tensor eye(long n) {
        Tensor e = Tensor.zeros(DType.FLOAT64, n, n);
        for (long i = 0; i < n; i++) e.setDouble(1.0, i, i);
        return e;
    }

    @Test
    void solveMatchesNumpyForVectorsMatricesAndBatches() {
        for (String[] k : new String[][] {{"G", "b5"}, {"G", "B52"}, {"G32", "b5"}, {"G3", "B42"}, {"G3", "b4"}, {"Hilb", "b6"}}) {
            Tensor want = g("solve " + k[0] + " " + k[1]);
            Tensor b = in(k[1]);
            Tensor got = pure(b, bb -> pure(in(k[0]), a -> LocalLinalg.solve(a, bb)));
            close(want, got, tolFor(k[0], want.dtype()), "solve " + k[0] + " " + k[1]);
            if (in(k[0]).ndim() == 2) {
                close(want, LocalLinalg.solve(reversed(in(k[0])), b.ndim() == 2 ? fortran(b) : b), tolFor(k[0], want.dtype()), "solve on views");
            }
        }
        // b batched against one a (batch axes broadcast)
        Tensor bs = Tensor.empty(DType.FLOAT64, 3, 5, 2);
        for (int i = 0; i < 3; i++) bs.select(0, i).copyFrom(in("B52"));
        Tensor xs = LocalLinalg.solve(in("G"), bs);
        for (int i = 0; i < 3; i++) close(g("solve G B52"), xs.select(0, i).contiguous(), 1e-10, "broadcast batch " + i);
    }

    @Test
    void choleskyQrMatchNumpyAndReconstruct() {
        for (String a : new String[] {"S", "S32", "Ints"}) {
            Tensor want = g("cholesky " + a);
            Tensor l = pure(in(a), LocalLinalg::cholesky);
            close(want, l, tolFor(a, want.dtype()), "cholesky " + a);
            close(want, LocalLinalg.cholesky(paddedFortran(in(a))), tolFor(a, want.dtype()), "cholesky of a view " + a);
            Tensor u = LocalLinalg.cholesky(in(a), true);
            close(want.transpose().contiguous(), u, tolFor(a, want.dtype()), "upper cholesky " + a);
        }
        for (String a : new String[] {"R64", "W35", "R32", "G3"}) {
            Tensor x = in(a);
            for (String mode : new String[] {"reduced", "complete"}) {
                LocalLinalg.QR f = pure(x, t -> LocalLinalg.qr(t, mode));
                double tol = tolFor(a, x.dtype());
                // R's rows and Q's columns are unique up to a common sign
                closeUpToSign(g("qr " + a + " " + mode + " r"), f.r(), 0, tol, "qr r " + a + " " + mode);
                closeUpToSign(g("qr " + a + " " + mode + " q"), f.q(), 1, tol, "qr q " + a + " " + mode);
                close(x, mm(f.q(), f.r()), tol * 10, "q·r = a " + a + " " + mode);
            }
            LocalLinalg.QR r = LocalLinalg.qr(x, "r");
            assertNull(r.q());
            closeUpToSign(g("qr " + a + " r r"), r.r(), 0, tolFor(a, x.dtype()), "qr mode r " + a);
        }
        LocalLinalg.QR e = LocalLinalg.qr(Tensor.zeros(DType.FLOAT64, 3, 0), "complete");
        close(eye(3), e.q(), 0, "complete q of a (3, 0) matrix");
        assertArrayEquals(new long[] {3, 0}, e.r().shape());
        assertThrows(IllegalArgumentException.class, () -> LocalLinalg.qr(in("A"), "raw"));
    }

    @Test
    void svdEighMatchNumpyAndReconstruct() {
        for (String a : new String[] {"R64", "W35", "R32", "G3", "Rank3"}) {
            Tensor x = in(a);
            double tol = tolFor(a, x.dtype());
            for (boolean full : new boolean[] {true, false}) {
                String tag = full ? "full" : "reduced";
                LocalLinalg.SVD d = pure(x, t -> LocalLinalg.svd(t, full, true));
                close(g("svd " + a + " s " + tag), d.s(), tol, "svd s " + a);
                if (!a.equals("Rank3")) {   // a zero singular value leaves its vectors arbitrary
                    closeUpToSign(g("svd " + a + " u " + tag), d.u(), 1, tol * 10, "svd u " + a + " " + tag);
                    closeUpToSign(g("svd " + a + " vh " + tag), d.vh(), 0, tol * 10, "svd vh " + a + " " + tag);
                }
                long k = d.s().shape(-1);
                Tensor us = mm(d.u().narrow(-1, 0, k), diagStack(d.s()));
                close(x, mm(us, d.vh().narrow(-2, 0, k)), tol * 10, "u·s·vh = a " + a + " " + tag);
            }
            LocalLinalg.SVD v = LocalLinalg.svd(fortran2(x), false, false);
            assertNull(v.u());
            close(g("svd " + a + " s full"), v.s(), tol, "svd values only " + a);
        }
        LocalLinalg.SVD e = LocalLinalg.svd(Tensor.zeros(DType.FLOAT64, 3, 0));
        close(eye(3), e.u(), 0, "svd of (3, 0): u");
        assertArrayEquals(new long[] {0, 0}, e.vh().shape());
        for (String a : new String[] {"S", "S32", "Asym", "Ints"}) {
            for (String uplo : new String[] {"L", "U"}) {
                Tensor x = in(a);
                double tol = tolFor(a, x.dtype().isFloat() ? x.dtype() : DType.FLOAT64);
                LocalLinalg.Eigh h = pure(x, t -> LocalLinalg.eigh(t, uplo.equals("L")));
                close(g("eigh " + a + " " + uplo + " w"), h.eigenvalues(), tol, "eigh w " + a + " " + uplo);
                closeUpToSign(g("eigh " + a + " " + uplo + " v"), h.eigenvectors(), 1, tol * 10, "eigh v " + a + " " + uplo);
                close(g("eigh " + a + " " + uplo + " w"), LocalLinalg.eigvalsh(strided(x), uplo.equals("L")), tol, "eigvalsh " + a);
            }
        }
    }

    /** diag(s) as (..., k, k) for s (..., k). */
    private static Tensor diagStack(Tensor s) {
        long k = s.shape(-1);
        long[] shape = java.util.Arrays.copyOf(s.shape(), s.ndim() + 1);
        shape[s.ndim()] = k;
        Tensor d = Tensor.zeros(s.dtype(), shape);
        Tensor flat = d.reshape(-1, k, k), sf = s.reshape(-1, k);
        for (long b = 0; b < flat.shape(0); b++) for (long i = 0; i < k; i++) flat.setDouble(sf.getDouble(b, i), b, i, i);
        return d;
    }

    /** A column-major view of each matrix of a stack. */
    private static Tensor fortran2(Tensor x) {
        return x.swapaxes(-1, -2).contiguous().swapaxes(-1, -2);
    }

    @Test
    void lstsqLuTriangularMatchNumpyAndScipy() {
        for (String[] k : new String[][] {{"R64", "b6"}, {"R64", "B62"}, {"W35", "b3"}, {"Rank3", "b6"}, {"R32", "b6"}}) {
            String key = "lstsq " + k[0] + " " + k[1] + " ";
            Tensor a = in(k[0]), b = k[0].equals("R32") ? in(k[1]).astype(DType.FLOAT32) : in(k[1]);
            LocalLinalg.Lstsq r = pure(a, t -> LocalLinalg.lstsq(t, b));
            double tol = tolFor(k[0], a.dtype());
            close(g(key + "x"), r.x(), tol, key + "x");
            close(g(key + "res"), r.residuals(), tol, key + "residuals");
            assertEquals(g(key + "rank").getLong(), r.rank(), key + "rank");
            close(g(key + "s"), r.singularValues(), tol, key + "s");
            if (r.rank() == Math.min(a.shape(0), a.shape(1))) {
                close(g(key + "x"), LocalLinalg.lstsqFullRank(fortran(a), b), tol, key + "x by gels");
            }
        }
        LocalLinalg.Lstsq e = LocalLinalg.lstsq(Tensor.full(DType.FLOAT64, 1.0, 3, 0), Tensor.full(DType.FLOAT64, 1.0, 3));
        assertEquals(3.0, e.residuals().getDouble(0), 0.0);
        assertEquals(0, e.rank());
        Tensor zeroColumn = in("R64").copy();
        zeroColumn.select(1, 2).fill(0.0);   // exactly rank-deficient: R gets an exact zero on its diagonal
        assertThrows(LinalgError.class, () -> LocalLinalg.lstsqFullRank(zeroColumn, in("b6")));
        assertEquals(3, LocalLinalg.lstsq(zeroColumn, in("b6")).rank());
        assertThrows(IllegalArgumentException.class, () -> LocalLinalg.lstsq(in("R64"), in("b5")));
        for (String a : new String[] {"G", "R64", "W35", "Sing", "G32"}) {
            LocalLinalg.Lu f = pure(in(a), LocalLinalg::lu);
            close(g("lu " + a + " lu"), f.lu(), tolFor(a, in(a).dtype()), "lu " + a);
            close(g("lu " + a + " piv"), f.pivots(), 0, "lu pivots " + a);
        }
        LocalLinalg.Lu f = LocalLinalg.lu(in("G"));
        for (String b : new String[] {"b5", "B52"}) {
            close(g("lusolve G " + b + " N"), LocalLinalg.luSolve(f, in(b)), 1e-10, "luSolve " + b);
            close(g("lusolve G " + b + " T"), LocalLinalg.luSolve(f, in(b), true), 1e-10, "luSolve trans " + b);
        }
        int cases = 0;
        for (var en : G.entrySet()) {
            if (!en.getKey().startsWith("trisolve ")) continue;
            String[] k = en.getKey().split(" ");
            boolean lower = k[3].equals("L"), trans = k[4].equals("T"), unit = k[5].equals("u");
            for (var la : layouts()) {
                Tensor got = pure(in(k[2]), bb -> LocalLinalg.triangularSolve(la.apply(in(k[1])), bb, lower, trans, unit));
                close(en.getValue(), got, 1e-11, en.getKey());
            }
            cases++;
        }
        assertEquals(12, cases);
        LinalgError z = assertThrows(LinalgError.class, () -> LocalLinalg.triangularSolve(in("Lz"), in("b3"), true, false, false));
        assertTrue(z.getMessage().contains("diagonal 1"), z.getMessage());
        LocalLinalg.triangularSolve(in("Lz"), in("b3"), true, false, true);   // unit diagonal: the zero is not read
    }

    @Test
    void singularNotPositiveDefiniteAndBadShapesRaiseClearErrors() {
        LinalgError e = assertThrows(LinalgError.class, () -> LocalLinalg.inv(in("Sing")));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        e = assertThrows(LinalgError.class, () -> LocalLinalg.solve(in("Sing"), in("b3")));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        e = assertThrows(LinalgError.class, () -> LocalLinalg.cholesky(in("NotPD")));
        assertTrue(e.getMessage().contains("positive definite"), e.getMessage());
        List<Runnable> nonSquare = new ArrayList<>();
        nonSquare.add(() -> LocalLinalg.inv(in("A")));
        nonSquare.add(() -> LocalLinalg.det(in("A")));
        nonSquare.add(() -> LocalLinalg.cholesky(in("A")));
        nonSquare.add(() -> LocalLinalg.eigh(in("A")));
        nonSquare.add(() -> LocalLinalg.solve(in("A"), in("b5")));
        for (Runnable r : nonSquare) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, r::run);
            assertTrue(x.getMessage().contains("(5, 4)") && x.getMessage().contains("square"), x.getMessage());
        }
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> LocalLinalg.inv(in("v4")));
        assertTrue(x.getMessage().contains("(4,)"), x.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LocalLinalg.solve(in("G"), in("b6")));
        assertThrows(IllegalArgumentException.class, () -> LocalLinalg.svd(in("v4")));
        // complex zeros are Hermitian but not positive definite (numpy: LinAlgError); eig stays real-only
        assertThrows(LinalgError.class, () -> LocalLinalg.cholesky(Tensor.zeros(DType.COMPLEX128, 2, 2)));
        assertThrows(UnsupportedOperationException.class, () -> LocalLinalg.eig(Tensor.zeros(DType.COMPLEX128, 2, 2)));
        assertTrue(Blas.find().isPresent());
        assertTrue(Blas.numThreads() == -1 || Blas.numThreads() == Parallel.threads(), "OpenBLAS threads = the process budget");
    }
}
