package org.jheat.linalg;

import static org.jheat.linalg.LinalgTesting.assertClose;
import static org.jheat.linalg.LinalgTesting.linearCombinations;
import static org.jheat.linalg.LinalgTesting.data;
import static org.jheat.linalg.LinalgTesting.desc;
import static org.jheat.linalg.LinalgTesting.gold;
import static org.jheat.linalg.LinalgTesting.keys;
import static org.jheat.linalg.LinalgTesting.layouts;
import static org.jheat.linalg.LinalgTesting.someLayouts;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * einsum, tensordot and dot against numpy golden values (scripts/golden/make_linalg.py; the einsum cases include the
 * examples of numpy's einsum documentation) with every operand in several layouts, einsum against matmul on larger
 * data at every layout pair, and bad input (subscript errors with their position, shape mismatches naming both
 * shapes and axes) raised on every rank.
 */
class ContractionsTest {

    private static String names(DNDarray[] ops) {
        StringBuilder b = new StringBuilder();
        for (DNDarray o : ops) b.append(desc(o)).append("; ");
        return b.toString();
    }

    @Test
    void einsumMatchesNumpy() {
        for (String key : keys("einsum:")) {
            String[] parts = key.split(":");
            String subs = parts[1];
            String[] in = parts[2].split(",");
            Tensor[] full = new Tensor[in.length];
            for (int i = 0; i < in.length; i++) full[i] = gold("in " + in[i]);
            Tensor want = gold(key);
            for (DNDarray[] ops : linearCombinations(full)) {
                DNDarray r = Linalg.einsum(subs, ops);
                assertClose(want, r, "einsum(\"" + subs + "\") of " + names(ops));
            }
        }
    }

    @Test
    void tensordotAndDotMatchNumpy() {
        for (String key : keys("tensordot:")) {
            String[] parts = key.split(":");
            String[] in = parts[2].split(",");
            Tensor want = gold(key);
            for (DNDarray[] ops : linearCombinations(gold("in " + in[0]), gold("in " + in[1]))) {
                DNDarray a = ops[0], b = ops[1], r;
                if (parts[1].contains("/")) {
                    String[] ab = parts[1].split("/");
                    r = Linalg.tensordot(a, b, ints(ab[0]), ints(ab[1]));
                } else {
                    r = Linalg.tensordot(a, b, Integer.parseInt(parts[1]));
                }
                assertClose(want, r, key + " of " + desc(a) + ", " + desc(b));
            }
        }
        for (String key : keys("dot:")) {
            String[] in = key.substring(4).split(",");
            Tensor want = gold(key);
            for (DNDarray[] ab : linearCombinations(gold("in " + in[0]), gold("in " + in[1]))) {
                assertClose(want, Linalg.dot(ab[0], ab[1]), key + " of " + desc(ab[0]) + ", " + desc(ab[1]));
            }
        }
    }

    static int[] ints(String s) {
        return Arrays.stream(s.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    @Test
    void einsumEqualsMatmulAtEveryLayoutPair() {
        Tensor a = data(DType.FLOAT64, 1, 7, 5), b = data(DType.FLOAT64, 2, 5, 6);
        Tensor want = LocalLinalg.matmul(a, b);
        Tensor x = data(DType.FLOAT64, 3, 3, 4, 5), y = data(DType.FLOAT64, 4, 3, 5, 2);
        Tensor wantB = LocalLinalg.matmul(x, y);
        for (DNDarray p : layouts(a)) {
            for (DNDarray q : layouts(b)) {
                assertClose(want, Linalg.einsum("ij,jk->ik", p, q), "ij,jk->ik " + desc(p) + " " + desc(q));
                assertClose(want.transpose().contiguous(), Linalg.einsum("ij,jk->ki", p, q), "ij,jk->ki " + desc(p) + " " + desc(q));
            }
        }
        for (DNDarray p : layouts(x)) {
            for (DNDarray q : layouts(y)) {
                assertClose(wantB, Linalg.einsum("bij,bjk->bik", p, q), "bij,bjk->bik " + desc(p) + " " + desc(q));
            }
        }
    }

    @Test
    void contractionOfSplitAxesWithUnevenGroups() {
        // a split along each of its axes against b split along each of its axes, with merged groups of several axes
        Tensor a = data(DType.FLOAT64, 5, 3, 4, 5, 2), b = data(DType.FLOAT64, 6, 5, 4, 3);
        Tensor want = gold2(a, b);
        for (DNDarray x : layouts(a)) {
            for (DNDarray y : someLayouts(b)) {
                assertClose(want, Linalg.tensordot(x, y, new int[] {1, 2}, new int[] {1, 0}), "tensordot of " + desc(x) + ", " + desc(y));
                assertClose(want, Linalg.einsum("ijkl,kjm->ilm", x, y), "einsum of " + desc(x) + ", " + desc(y));
            }
        }
    }

    @Test
    void emptyExtentsInsideMergedGroups() {
        Tensor a = data(DType.FLOAT64, 1, 3, 0, 4), b = data(DType.FLOAT64, 2, 4, 2);
        Tensor want = Tensor.zeros(DType.FLOAT64, 3, 0, 2);
        Tensor c = data(DType.FLOAT64, 3, 2, 0), d = data(DType.FLOAT64, 4, 0, 3);
        Tensor wantZero = Tensor.zeros(DType.FLOAT64, 2, 3);
        for (DNDarray x : layouts(a)) {
            for (DNDarray y : someLayouts(b)) assertClose(want, Linalg.tensordot(x, y, 1), "tensordot of " + desc(x) + ", " + desc(y));
        }
        for (DNDarray x : layouts(c)) {
            for (DNDarray y : layouts(d)) assertClose(wantZero, Linalg.einsum("ij,jk", x, y), "einsum of " + desc(x) + ", " + desc(y));
        }
    }

    /** The reference of contractionOfSplitAxesWithUnevenGroups through one local matmul. */
    private static Tensor gold2(Tensor a, Tensor b) {
        Tensor a2 = a.permute(0, 3, 1, 2).contiguous().reshape(6, 20);       // (i l, j k)
        Tensor b2 = b.permute(1, 0, 2).contiguous().reshape(20, 3);          // (j k, m)
        return LocalLinalg.matmul(a2, b2).reshape(3, 2, 3);
    }

    @Test
    void badSubscriptsNameThePosition() {
        DNDarray a = Factories.zeros(new long[] {2, 3}, DType.FLOAT64, 0), b = Factories.zeros(new long[] {3, 4}, DType.FLOAT64, 1);
        String[][] bad = {
            {"ij,jk->ii", "position 8"}, {"i..j,jk", "position 1"}, {"ij,jk->q", "position 7"}, {"i1,jk", "position 1"},
            {"ij,jk->ik->", "position 9"}, {"ij-jk", "position 2"}, {"i,jk", "operand 0"}, {"ij,jk,kl", "3 operands"},
            {"ij,kk", "different extents"}, {"ij,ij", "extent"}, {"i...j...,jk", "position 5"},
        };
        for (String[] c : bad) {
            IllegalArgumentException e = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.einsum(c[0], a, b));
            Dist.collectively(() -> assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage()));
        }
        DNDarray x = Factories.zeros(new long[] {2, 3, 4}, DType.FLOAT64, 2);
        IllegalArgumentException e = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.einsum("ij...,jk...->ik", x, b));
        Dist.collectively(() -> assertTrue(e.getMessage().contains("'...'"), e.getMessage()));
    }

    @Test
    void shapeMismatchNamesShapesAndAxes() {
        DNDarray a = Factories.zeros(new long[] {2, 3}, DType.FLOAT64, 0), b = Factories.zeros(new long[] {4, 5}, DType.FLOAT64, 1);
        IllegalArgumentException e1 = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.tensordot(a, b, 1));
        IllegalArgumentException e2 = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.dot(a, b));
        IllegalArgumentException e3 = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Linalg.tensordot(a, b, new int[] {0, 1}, new int[] {0}));
        IllegalArgumentException e4 = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Linalg.tensordot(a, b, new int[] {2}, new int[] {0}));
        DNDarray c = Factories.zeros(new long[] {2, 3, 4}, DType.FLOAT64, 0);
        IllegalArgumentException e5 = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.dot(c, c));
        Dist.collectively(() -> {
            for (IllegalArgumentException e : new IllegalArgumentException[] {e1, e2}) {
                assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(4, 5)") && e.getMessage().contains("axis 1")
                        && e.getMessage().contains("axis 0"), e.getMessage());
            }
            assertTrue(e3.getMessage().contains("same length"), e3.getMessage());
            assertTrue(e4.getMessage().contains("out of bounds"), e4.getMessage());
            assertTrue(e5.getMessage().contains("axis 2") && e5.getMessage().contains("axis 1"), e5.getMessage());
        });
    }
}
