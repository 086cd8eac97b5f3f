package org.jheat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.jheat.Heat;
import org.jheat.linalg.Linalg;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reproducible reductions: every split, every axis set and (run under mpirun at np 1–4) every process count give
 * the bits of the replicated array's reduction, which involves no communication — so the same bits as one process.
 * Uneven and empty slabs come from extents 2 and 3 at np 3 and 4.
 */
class ReproducibleTest {
    @BeforeEach
    void on() { Heat.setReproducible(true); }

    @AfterEach
    void off() { Heat.setReproducible(false); }

    @Test
    void sumsBeyondTheBinLimitAreRefusedFromTheGlobalShape() {
        // decided from the global shape, the same on every process: (2^16, 2^15) summed whole is 2^31 elements
        boolean[] all = {true, true}, rows = {true, false};
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> Reproducible.checkCount(new long[] {1L << 16, (1L << 15) - 1}, all));
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> Reproducible.checkCount(new long[] {1L << 16, 1L << 40}, rows));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Reproducible.checkCount(new long[] {1L << 16, 1L << 15}, all));
        assertTrue(e.getMessage().contains("at most 2^31 - 1"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Reproducible.checkCount(new long[] {1L << 40, 1L << 40, 3}, new boolean[] {true, true, false}));
    }

    /** Values over ~60 binary orders of magnitude with both signs, so that the order of additions matters. */
    private static Tensor data(long seed, DType t, long... shape) {
        Tensor d = Tensor.empty(DType.FLOAT64, shape);
        Random r = new Random(seed);
        for (long i = 0; i < d.size(); i++) d.setDoubleFlat((r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(60) - 30), i);
        return d.astype(t);
    }

    private static List<int[]> axisSets(int nd) {
        List<int[]> a = new ArrayList<>();
        a.add(null);
        for (int m = 1; m < (1 << nd); m++) {
            int[] s = new int[Integer.bitCount(m)];
            int k = 0;
            for (int d = 0; d < nd; d++) if ((m & (1 << d)) != 0) s[k++] = d;
            a.add(s);
        }
        return a;
    }

    private static List<Integer> splits(int nd) {
        List<Integer> s = new ArrayList<>();
        s.add(null);
        for (int d = 0; d < nd; d++) s.add(d);
        return s;
    }

    private static void sameBits(String what, DNDarray want, DNDarray got) {
        assertEquals(want.dtype(), got.dtype(), what + ": dtype");
        org.junit.jupiter.api.Assertions.assertArrayEquals(want.gshape(), got.gshape(), what + ": shape");
        Tensor w = want.gatherAll(), g = got.gatherAll();
        assertTrue(w.contentEquals(g), () -> what + ": bits differ\nwant " + w + "\ngot  " + g);
    }

    private static void everySplit(Tensor full, String name, Function<DNDarray, DNDarray> op) {
        DNDarray want = op.apply(Heat.array(full, null, null));
        for (Integer s : splits(full.ndim())) sameBits(name + " split " + s, want, op.apply(Heat.array(full, null, s)));
    }

    @Test
    void sumAndMeanOverEveryAxisSetAndSplit() {
        for (long[] shape : new long[][] {{13, 7, 5}, {2, 3, 2049}, {3, 2}}) {
            for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                Tensor full = data(shape[0] * 31 + shape.length, t, shape);
                for (int[] ax : axisSets(shape.length)) {
                    String a = ax == null ? "all" : java.util.Arrays.toString(ax);
                    everySplit(full, "sum " + t + " " + a, x -> Arithmetics.sum(x, ax, false));
                    everySplit(full, "mean keepdims " + a, x -> Statistics.mean(x, ax, true));
                    everySplit(full, "nansum " + a, x -> Arithmetics.nansum(x, ax, false));
                }
            }
        }
    }

    @Test
    void theFullSumIsTheCorrectlyRoundedSum() {
        Tensor full = data(5, DType.FLOAT64, 10_007);
        BigDecimal exact = BigDecimal.ZERO;
        for (long i = 0; i < full.size(); i++) exact = exact.add(new BigDecimal(full.getDouble(i)));
        double want = exact.doubleValue();
        for (Integer s : splits(1)) assertEquals(want, Arithmetics.sum(Heat.array(full, null, s)).itemDouble(), "split " + s);
    }

    @Test
    void varStdNormAndDotAreReproducibleToo() {
        Tensor full = data(9, DType.FLOAT64, 11, 6);
        for (int[] ax : axisSets(2)) {
            String a = ax == null ? "all" : java.util.Arrays.toString(ax);
            everySplit(full, "var " + a, x -> Statistics.var(x, ax, 1, false));
            everySplit(full, "std " + a, x -> Statistics.std(x, ax, 0, true));
            everySplit(full, "vectorNorm " + a, x -> Linalg.vectorNorm(x, 2, ax, false));
        }
        everySplit(full, "frobenius", Linalg::norm);
        everySplit(full, "matrix 1-norm", x -> Linalg.norm(x, 1.0));
        Tensor u = data(10, DType.FLOAT64, 1001), v = data(11, DType.FLOAT32, 1001);
        DNDarray want = Linalg.dot(Heat.array(u, null, null), Heat.array(v, null, null));
        for (Integer su : splits(1)) {
            for (Integer sv : splits(1)) sameBits("dot " + su + "/" + sv, want, Linalg.dot(Heat.array(u, null, su), Heat.array(v, null, sv)));
        }
    }

    @Test
    void nanInfinitiesAndIntegersKeepNumpysMeaning() {
        Tensor full = data(3, DType.FLOAT64, 9, 4);
        full.setDoubleFlat(Double.NaN, 5);
        full.setDoubleFlat(Double.POSITIVE_INFINITY, 10);
        full.setDoubleFlat(Double.NEGATIVE_INFINITY, 14);
        for (int[] ax : axisSets(2)) everySplit(full, "sum with nan/inf", x -> Arithmetics.sum(x, ax, false));
        DNDarray s = Arithmetics.sum(Heat.array(full, null, 0), new int[] {0}, false);
        Tensor g = s.gatherAll();
        assertTrue(Double.isNaN(g.getDouble(1)), "NaN column");
        assertTrue(Double.isNaN(g.getDouble(2)), "+inf and -inf column");
        Tensor ints = Tensor.fromArray(new long[] {1, 2, 3, 4, 5, 6, 7});
        DNDarray m = Statistics.mean(Heat.array(ints, null, 0), null, false);
        assertEquals(4.0, m.itemDouble());
        assertEquals(DType.FLOAT64, m.dtype());
        assertEquals(DType.INT64, Arithmetics.sum(Heat.array(ints, null, 0)).dtype());
    }
}
