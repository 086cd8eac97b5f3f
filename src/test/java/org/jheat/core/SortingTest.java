package org.jheat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * sort / argsort / topk against a reference on the gathered tensor (numpy's semantics: NaN last, ±0 equal, stable
 * ties by index; descending like torch: NaN first, ties by index) and against numpy golden values
 * (src/test/resources/golden/sorting.txt from scripts/golden/sorting.py). Every split, every axis, balanced,
 * unbalanced and empty slabs. Also holds the golden helpers used by SetsTest and SignalTest.
 */
class SortingTest {

    // ------------------------------------------------------------------------------------ golden helpers

    private static Map<String, Tensor> golden;

    /** The golden arrays by key. */
    static synchronized Map<String, Tensor> golden() {
        if (golden == null) {
            Map<String, Tensor> m = new LinkedHashMap<>();
            for (String line : Dist.resourceLines("/golden/sorting.txt")) {
                String[] parts = line.split(" \\| ", -1);
                String[] h = parts[1].split(" ");
                long[] shape = h[1].equals("-") ? new long[0] : Arrays.stream(h[1].split(",")).mapToLong(Long::parseLong).toArray();
                String[] tok = parts[2].isEmpty() ? new String[0] : parts[2].split(" ");
                m.put(parts[0], OpsGoldenTest.parse(DType.of(h[0]), tok, 0, shape));
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

    // ------------------------------------------------------------------------------------ reference

    /** numpy order: NaN last, -0.0 == 0.0. */
    static int cmp(double a, double b) {
        return Double.compare(a == 0 ? 0.0 : a, b == 0 ? 0.0 : b);
    }

    /** Reference {values, indices} along ax: stable, ascending or descending (torch: NaN first), first k (k < 0: all). */
    static Tensor[] reference(Tensor full, int ax, boolean desc, long k) {
        int nd = full.ndim();
        int[] perm = new int[nd];
        for (int d = 0, j = 0; d < nd; d++) if (d != ax) perm[j++] = d;
        perm[nd - 1] = ax;
        Tensor rows = full.permute(perm).contiguous();
        long n = full.shape(ax);
        long m = 1;
        for (int d = 0; d < nd; d++) if (d != ax) m *= full.shape(d);
        long kk = k < 0 ? n : k;
        long[] ps = rows.shape();
        ps[nd - 1] = kk;
        Tensor vals = Tensor.empty(full.dtype(), ps), idx = Tensor.empty(DType.INT64, ps);
        Tensor r2 = rows.reshape(m, n), v2 = vals.reshape(m, kk), i2 = idx.reshape(m, kk);
        for (long i = 0; i < m; i++) {
            final long row = i;
            Integer[] o = new Integer[(int) n];
            for (int j = 0; j < n; j++) o[j] = j;
            Comparator<Integer> c = (a, b) -> cmp(r2.getDouble(row, a), r2.getDouble(row, b));
            Arrays.sort(o, desc ? (a, b) -> c.compare(b, a) : c);
            for (int j = 0; j < kk; j++) {
                v2.select(0, i).select(0, j).copyFrom(r2.select(0, i).select(0, o[j]));
                i2.setLong(o[j], i, j);
            }
        }
        int[] inv = new int[nd];
        for (int i = 0; i < nd; i++) inv[perm[i]] = i;
        return new Tensor[] {vals.permute(inv).contiguous(), idx.permute(inv).contiguous()};
    }

    /** Deterministic data with ties, NaN and signed zeros (floats), or small integers. */
    static Tensor data(DType t, long... shape) {
        Tensor x = Tensor.empty(t, shape);
        for (long i = 0; i < x.size(); i++) {
            long v = (i * 37) % 11 - 5;
            if (t.isFloat()) {
                double d = v * 0.5;
                if (i % 13 == 4) d = Double.NaN;
                if (d == 0 && i % 2 == 1) d = -0.0;
                x.setDoubleFlat(d, i);
            } else if (t == DType.BOOL) {
                x.setLongFlat(v > 0 ? 1 : 0, i);
            } else if (t == DType.UINT8) {
                x.setLongFlat(v + 5, i);
            } else {
                x.setLongFlat(v, i);
            }
        }
        return x;
    }

    /** x as distributed arrays: replicated, and per axis balanced, all on the last rank, all on rank 0, uneven. */
    static List<DNDarray> layouts(Tensor full) {
        List<DNDarray> out = new ArrayList<>();
        out.add(Factories.fromReplicated(full, null));
        int p = Dist.comm().size();
        for (int s = 0; s < full.ndim(); s++) {
            DNDarray b = Factories.fromReplicated(full, s);
            out.add(b);
            if (p == 1) continue;
            long n = full.shape(s);
            long[] last = new long[p], first = new long[p], uneven = new long[p];
            last[p - 1] = n;
            first[0] = n;
            uneven[p - 1] = n / 2;            // rank 0 (and the middle ranks at p > 2) empty
            uneven[p - 2] += n - n / 2;
            out.add(b.redistribute(last));
            out.add(b.redistribute(first));
            out.add(b.redistribute(uneven));
        }
        return out;
    }

    /** Values equal ignoring the sign of zero (a values-only unstable sort may order -0.0 and 0.0 either way). */
    static void assertSameUpToZeroSign(Tensor want, DNDarray got) {
        Tensor g = got.gatherAll();
        Dist.collectively(() -> {
            assertEquals(want.dtype(), g.dtype());
            assertTrue(Arrays.equals(want.shape(), g.shape()), "shape");
            for (long i = 0; i < want.size(); i++) {
                double a = want.getDoubleFlat(i), b = g.getDoubleFlat(i);
                assertTrue(a == b || a != a && b != b, "element " + i + ": " + b + ", expected " + a);
            }
        });
    }

    /** Along the split axis the result is balanced; along another axis it keeps x's distribution. */
    static boolean balancedResult(DNDarray x, int ax) {
        return x.splitAxis() == ax || x.isBalanced();
    }

    // ------------------------------------------------------------------------------------ tests

    @Test
    void argsortAndSortMatchNumpyGolden() {
        for (String name : new String[] {"F", "M", "I"}) {
            Tensor full = gold("in " + name);
            for (int ax = 0; ax < full.ndim(); ax++) {
                Tensor wantI = gold("argsort " + name + " " + ax), wantV = gold("sort " + name + " " + ax);
                Tensor[] ref = reference(full, ax, false, -1);
                final int a = ax;
                Dist.collectively(() -> {
                    Dist.assertSameTensor(wantI, ref[1]);
                    Dist.assertSameTensor(wantV, ref[0]);
                });
                for (DNDarray x : layouts(full)) {
                    boolean bal = balancedResult(x, a);
                    DNDarray[] r = Sorting.sortWithIndices(x, a, false, true);
                    Dist.assertDistributed(wantV, r[0], bal);
                    Dist.assertDistributed(wantI, r[1], bal);
                    Dist.assertDistributed(wantI, Sorting.argsort(x, a, false, true), bal);
                    Dist.assertDistributed(wantV, Sorting.sort(x, a, false, true), bal);
                    assertSameUpToZeroSign(wantV, Sorting.sort(x, a, false, false));
                }
            }
        }
    }

    @Test
    void everySplitAxisAndDtype() {
        long[][] shapes = {{13}, {7, 5}, {2, 9}, {1}, {0}, {3, 0, 4}, {4, 3, 5}, {5, 1}};
        for (DType t : new DType[] {DType.FLOAT64, DType.INT32, DType.FLOAT32, DType.UINT8, DType.INT64, DType.BOOL}) {
            for (long[] shape : shapes) {
                if (t != DType.FLOAT64 && shape.length == 3 && shape[1] == 0) continue;
                Tensor full = data(t, shape);
                for (int ax = 0; ax < shape.length; ax++) {
                    for (boolean desc : new boolean[] {false, true}) {
                        Tensor[] ref = reference(full, ax, desc, -1);
                        for (DNDarray x : layouts(full)) {
                            boolean bal = balancedResult(x, ax);
                            DNDarray[] r = Sorting.sortWithIndices(x, ax, desc, true);
                            Dist.assertDistributed(ref[0], r[0], bal);
                            Dist.assertDistributed(ref[1], r[1], bal);
                            DNDarray v = Sorting.sort(x, ax - shape.length, desc, false);
                            if (t.isFloat()) assertSameUpToZeroSign(ref[0], v); else Dist.assertDistributed(ref[0], v, bal);
                        }
                    }
                }
            }
        }
    }

    @Test
    void largeWithDuplicatesAndAllEqual() {
        int n = 20011;
        Tensor full = Tensor.empty(DType.FLOAT64, n);
        for (int i = 0; i < n; i++) full.setDoubleFlat((double) ((i * 7919L) % 97) - 40, i);
        Tensor same = Tensor.full(DType.INT64, 3, n);
        Tensor ints = Tensor.empty(DType.INT64, n);
        for (int i = 0; i < n; i++) ints.setLongFlat(((i * 104729L) % 1000003) * (i % 2 == 0 ? 1 : -1) * 1_000_000_007L, i);
        for (Tensor t : new Tensor[] {full, same, ints}) {
            for (boolean desc : new boolean[] {false, true}) {
                Tensor[] ref = reference(t, 0, desc, -1);
                for (DNDarray x : layouts(t)) {
                    DNDarray[] r = Sorting.sortWithIndices(x, 0, desc, true);
                    Dist.assertDistributed(ref[0], r[0], true);
                    Dist.assertDistributed(ref[1], r[1], true);
                    Dist.assertDistributed(ref[0], Sorting.sort(x, 0, desc, false), true);
                }
            }
        }
        // a long single fiber inside one process: the parallel run sort and merge
        Tensor big = Tensor.empty(DType.FLOAT64, 200_003);
        for (int i = 0; i < big.size(); i++) big.setDoubleFlat(Math.sin(i * 0.37) * 1000 + (i % 5 == 0 ? 0.0 : 0.25), i);
        Tensor[] ref = reference(big, 0, false, -1);
        DNDarray x = Factories.fromReplicated(big, null);
        Dist.assertDistributed(ref[0], Sorting.sort(x, 0, false, false), true);
        Dist.assertDistributed(ref[1], Sorting.argsort(x, 0, false, true), true);
        DNDarray xs = Factories.fromReplicated(big, 0);
        Dist.assertDistributed(ref[1], Sorting.argsort(xs, 0, false, true), true);
    }

    @Test
    void topkLikeTorch() {
        long[][] shapes = {{13}, {7, 5}, {2, 9}, {0}, {4, 3, 5}};
        for (DType t : new DType[] {DType.FLOAT64, DType.INT32}) {
            for (long[] shape : shapes) {
                Tensor full = data(t, shape);
                for (int ax = 0; ax < shape.length; ax++) {
                    long n = shape[ax];
                    for (long k : new long[] {0, 1, n / 2, n}) {
                        if (k > n) continue;
                        for (boolean largest : new boolean[] {true, false}) {
                            Tensor[] ref = reference(full, ax, largest, k);
                            for (DNDarray x : layouts(full)) {
                                DNDarray[] r = Sorting.topk(x, k, ax, largest, true);
                                Dist.assertDistributed(ref[0], r[0], balancedResult(x, ax));
                                Dist.assertDistributed(ref[1], r[1], balancedResult(x, ax));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void badInputFailsEverywhereBeforeCommunicating() {
        DNDarray x = Factories.fromReplicated(data(DType.FLOAT64, 7, 5), 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Sorting.sort(x, 2, false, false));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Sorting.argsort(x, -3, false, false));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Sorting.topk(x, 8, 0, true, true));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Sorting.topk(x, -1, 1, true, true));
        DNDarray s = Factories.fromReplicated(Tensor.full(DType.FLOAT64, 1, new long[0]), null);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Sorting.sort(s));
    }
}
