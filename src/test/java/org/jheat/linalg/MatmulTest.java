package org.jheat.linalg;

import static org.jheat.linalg.LinalgTesting.assertClose;
import static org.jheat.linalg.LinalgTesting.data;
import static org.jheat.linalg.LinalgTesting.desc;
import static org.jheat.linalg.LinalgTesting.layouts;
import static org.jheat.linalg.LinalgTesting.someLayouts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Storage;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * Distributed matmul against LocalLinalg.matmul (numpy's matmul, checked against numpy by the tensor tests) on the
 * gathered operands: every pair of layouts (replicated, split along every axis balanced, all on the last rank, uneven
 * with empty ranks), tall/square/wide/vector/batched shapes, n < p, empty extents, float32/float64/int64/int32/bool,
 * plus the documented result splits and the memory bound of the (1, 0) case.
 */
class MatmulTest {

    private static void checkAllPairs(DType t, long[] as, long[] bs) {
        check(t, as, bs, true);
    }

    /** Every pair of {@link LinalgTesting#layouts} ({@code all}) or of {@link LinalgTesting#someLayouts}. */
    private static void check(DType t, long[] as, long[] bs, boolean all) {
        Tensor a = data(t, 1, as), b = data(t, 2, bs);
        Tensor want = LocalLinalg.matmul(a, b);
        for (DNDarray x : all ? layouts(a) : someLayouts(a)) {
            for (DNDarray y : all ? layouts(b) : someLayouts(b)) {
                DNDarray c = Linalg.matmul(x, y);
                assertClose(want, c, "matmul " + t + " " + desc(x) + " @ " + desc(y));
            }
        }
    }

    @Test
    void matricesEveryLayoutPair() {
        long[][][] cases = {
            {{7, 5}, {5, 6}},     // uneven everywhere
            {{6, 6}, {6, 6}},     // square
            {{9, 2}, {2, 3}},     // tall, k < p
            {{2, 9}, {9, 7}},     // wide, n < p
            {{1, 4}, {4, 1}},     // single row / column
            {{5, 0}, {0, 3}},     // k = 0: zeros
            {{0, 3}, {3, 2}},     // n = 0
            {{3, 4}, {4, 0}},     // m = 0
        };
        for (int i = 0; i < cases.length; i++) check(DType.FLOAT64, cases[i][0], cases[i][1], i == 0 || i == 3 || i == 5);
        for (DType t : new DType[] {DType.FLOAT32, DType.INT64, DType.INT32, DType.BOOL}) {
            check(t, cases[0][0], cases[0][1], t != DType.BOOL);
            check(t, cases[3][0], cases[3][1], false);
        }
    }

    /**
     * Operands and results small next to the other operand's slabs take the gathered / one-product paths (an operand
     * split along k gathered instead of sent around the ring; a small result reduced from one local product): every
     * layout pair for the first shape (uneven and empty slabs included), a selection of pairs for the others and for
     * float32, and the documented result splits.
     */
    @Test
    void smallSidesOfNarrowProductsEveryLayoutPair() {
        long[][][] cases = {
            {{8, 3000}, {3000, 5}},   // k split on both: a small result
            {{3000, 8}, {8, 5}},      // rows of a, k of a small b
            {{5, 8}, {8, 3000}},      // k of a small a, columns of b
        };
        for (int i = 0; i < cases.length; i++) {
            check(DType.FLOAT64, cases[i][0], cases[i][1], i == 0);
            check(DType.FLOAT32, cases[i][0], cases[i][1], false);
        }
        Tensor a = data(DType.FLOAT64, 1, 8, 3000), b = data(DType.FLOAT64, 2, 3000, 5);
        DNDarray kk = Linalg.matmul(Factories.fromReplicated(a, 1), Factories.fromReplicated(b, 0));
        Tensor t = data(DType.FLOAT64, 3, 3000, 8), s = data(DType.FLOAT64, 4, 8, 5);
        DNDarray rk = Linalg.matmul(Factories.fromReplicated(t, 0), Factories.fromReplicated(s, 0));
        DNDarray km = Linalg.matmul(Factories.fromReplicated(s.transpose().contiguous(), 1), Factories.fromReplicated(t.transpose().contiguous(), 1));
        Dist.collectively(() -> {
            assertEquals(Integer.valueOf(0), kk.split(), "(1, 0) split");
            assertEquals(Integer.valueOf(0), rk.split(), "(0, 0) split");
            assertEquals(Integer.valueOf(1), km.split(), "(1, 1) split");
        });
    }

    @Test
    void vectors() {
        long[][][] cases = {{{5}, {5, 3}}, {{4, 5}, {5}}, {{5}, {5}}, {{1}, {1}}, {{0}, {0}}, {{3}, {3, 0}}, {{2, 7, 3}, {3}}, {{3}, {2, 3, 4}}};
        for (int i = 0; i < cases.length; i++) check(DType.FLOAT64, cases[i][0], cases[i][1], i < 3);
        check(DType.INT64, new long[] {5}, new long[] {5, 3}, false);
        check(DType.FLOAT32, new long[] {7}, new long[] {7}, false);
    }

    @Test
    void batched() {
        long[][][] cases = {
            {{2, 3, 4}, {4, 5}}, {{3, 4}, {2, 4, 5}}, {{2, 3, 4}, {2, 4, 3}}, {{1, 3, 4}, {3, 4, 2}},
            {{2, 1, 3, 4}, {3, 4, 2}}, {{5, 2, 3}, {5, 3, 1}}, {{0, 2, 3}, {3, 2}},
        };
        for (int i = 0; i < cases.length; i++) check(DType.FLOAT64, cases[i][0], cases[i][1], i == 2);
        check(DType.INT64, cases[2][0], cases[2][1], false);
    }

    @Test
    void mixedDtypesPromoteLikeNumpy() {
        Tensor a = data(DType.INT32, 1, 4, 3), b = data(DType.FLOAT32, 2, 3, 5);
        Tensor want = LocalLinalg.matmul(a, b);
        DNDarray c = Linalg.matmul(Factories.fromReplicated(a, 0), Factories.fromReplicated(b, 1));
        assertClose(want, c, "int32 @ float32");
        Dist.collectively(() -> assertEquals(DType.FLOAT64, c.dtype()));
    }

    @Test
    void documentedResultSplits() {
        Tensor a = data(DType.FLOAT64, 1, 6, 5), b = data(DType.FLOAT64, 2, 5, 4);
        Integer[] sp = {null, 0, 1};
        // rows: split of a (None, 0, 1); columns: split of b (None, 0, 1)
        Integer[][] want = {{null, 1, 1}, {0, 0, 0}, {0, 0, 1}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                DNDarray c = Linalg.matmul(Factories.fromReplicated(a, sp[i]), Factories.fromReplicated(b, sp[j]));
                Integer w = want[i][j];
                String what = "split of (" + sp[i] + ", " + sp[j] + ")";
                Dist.collectively(() -> assertEquals(w, c.split(), what));
            }
        }
        // batch split: the result follows it
        Tensor x = data(DType.FLOAT64, 3, 4, 3, 5), y = data(DType.FLOAT64, 4, 4, 5, 2);
        DNDarray c = Linalg.matmul(Factories.fromReplicated(x, 0), Factories.fromReplicated(y, 1));
        Dist.collectively(() -> assertEquals(Integer.valueOf(0), c.split()));
        // vector cases
        Tensor v = data(DType.FLOAT64, 5, 5);
        DNDarray mv = Linalg.matmul(Factories.fromReplicated(a, 1), Factories.fromReplicated(v, 0));
        DNDarray vm = Linalg.matmul(Factories.fromReplicated(v, 0), Factories.fromReplicated(b, 0));
        DNDarray vv = Linalg.matmul(Factories.fromReplicated(v, 0), Factories.fromReplicated(v, 0));
        Dist.collectively(() -> {
            assertEquals(Integer.valueOf(0), mv.split());
            assertEquals(Integer.valueOf(0), vm.split());
            assertEquals(null, vv.split());
        });
    }

    @Test
    void reduceScatterCaseHoldsOnlyItsSlabPlusTwoBlocks() {
        int p = Dist.comm().size();
        long n = 203, k = 64, m = 150;
        DNDarray a = Factories.fromReplicated(data(DType.FLOAT64, 1, n, k), 1), b = Factories.fromReplicated(data(DType.FLOAT64, 2, k, m), 0);
        long live = Storage.liveBytes();
        Storage.resetPeak();
        DNDarray c = Linalg.matmul(a, b);
        long extra = Storage.peakBytes() - live;
        long slab = (n / p + 1) * m * 8;
        long full = n * m * 8;
        // two blocks of at most (n/p + 1) rows, one of which becomes the result; 64 KiB allocation granules
        long bound = 2 * slab + 2 * 65536;
        Dist.collectively(() -> {
            assertTrue(extra <= bound, "peak extra " + extra + " bytes > bound " + bound + " (full result " + full + ")");
            assertTrue(p < 3 || extra < full, "peak extra " + extra + " is the full result");   // at p = 2 two blocks are the whole
        });
        assertClose(LocalLinalg.matmul(a.gatherAll(), b.gatherAll()), c, "(1,0) product");
    }

    @Test
    void badInputFailsOnEveryRankBeforeCommunicating() {
        DNDarray a = Factories.zeros(new long[] {4, 3}, DType.FLOAT64, 0), b = Factories.zeros(new long[] {4, 2}, DType.FLOAT64, 1);
        IllegalArgumentException e = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.matmul(a, b));
        Dist.collectively(() -> assertTrue(e.getMessage().contains("(4, 3)") && e.getMessage().contains("(4, 2)")
                && e.getMessage().contains("axis 1") && e.getMessage().contains("axis 0"), e.getMessage()));
        DNDarray s = Factories.zeros(new long[0], DType.FLOAT64, null);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.matmul(s, b));
        DNDarray x = Factories.zeros(new long[] {2, 3, 4}, DType.FLOAT64, 0), y = Factories.zeros(new long[] {3, 4, 2}, DType.FLOAT64, 0);
        IllegalArgumentException e2 = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.matmul(x, y));
        Dist.collectively(() -> assertTrue(e2.getMessage().contains("batch"), e2.getMessage()));
    }
}
