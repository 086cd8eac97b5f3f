package org.jheat.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jheat.Heat;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.tensor.DType;
import org.jheat.tensor.PrintOptions;
import org.jheat.tensor.Tensor;
import org.jheat.tensor.TensorPrinter;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * Nothing a debugger, logger or {@code toString()} may call is collective: the results of many operations, at
 * every split and with uneven and empty slabs, answer {@code lshapeMap}, {@code countsDispls}, {@code isBalanced},
 * {@code balanced} and {@code toString} without a single communication call (counted by
 * {@link Communications#callCount()}), and the map they carry is the real one (compared with the collective
 * {@link DNDarray#createLshapeMap()}).
 */
class LocalMetadataTest {

    private static List<Integer> splits(int nd) {
        List<Integer> s = new ArrayList<>();
        s.add(null);
        for (int d = 0; d < nd; d++) s.add(d);
        return s;
    }

    /** Operations whose results must carry their distribution; 7 rows over 2-4 processes are uneven, 2 rows leave slabs empty. */
    private static Map<String, Function<DNDarray, DNDarray>> ops() {
        Map<String, Function<DNDarray, DNDarray>> m = new LinkedHashMap<>();
        m.put("add", x -> x.add(1));
        m.put("sqrt", x -> Heat.sqrt(x));
        m.put("sum0", x -> x.sum(0));
        m.put("sum1", x -> x.sum(1));
        m.put("sumKeep", x -> x.sum(new int[] {1}, true));
        m.put("mean1", x -> x.mean(1));
        m.put("var1", x -> x.var(1, 0));
        m.put("argmax1", x -> x.argmax(1));
        // keepDims over axis 0 (the split axis when split 0): replicated, also on one process
        m.put("var0Keep", x -> Statistics.var(x, new int[] {0}, 0, true));
        m.put("std1Keep", x -> Statistics.std(x, new int[] {1}, 1, true));
        m.put("mean0Keep", x -> Statistics.mean(x, new int[] {0}, true));
        m.put("argmax0Keep", x -> Statistics.argmax(x, 0, true));
        m.put("median1", x -> x.median(1));
        m.put("cumsum0", x -> x.cumsum(0));
        m.put("slice", x -> x.get(Heat.slice(1, null), Heat.slice(0, 2)));
        m.put("mask", x -> x.get(Heat.mask(x.gt(3))));
        m.put("resplit1", x -> x.resplit(1));
        m.put("resplitNone", x -> x.resplit(null));
        m.put("T", DNDarray::T);
        m.put("reshape", x -> x.reshape(-1));
        m.put("sort0", x -> x.sort(0, false));
        m.put("concat", x -> Heat.concatenate(new DNDarray[] {x, x}, 0));
        m.put("flip0", x -> x.flip(0));
        m.put("astype", x -> x.astype(DType.INT32));
        m.put("minimum", x -> Heat.minimum(x, x.T().T()));
        m.put("meshgrid", x -> Heat.meshgrid(x.sum(1), Heat.arange(0, 3, 1, DType.FLOAT64, null))[0]);
        return m;
    }

    @Test
    void metadataAccessorsAndToStringNeverCommunicate() {
        Communication c = Dist.comm();
        for (long rows : new long[] {7, 2}) {
            Tensor full = Dist.iota(rows, 3);
            for (Integer s : splits(2)) {
                DNDarray x = Heat.array(full, null, s);
                for (Map.Entry<String, Function<DNDarray, DNDarray>> op : ops().entrySet()) {
                    DNDarray y = op.getValue().apply(x);
                    long before = Communications.callCount();
                    long[][] map = y.lshapeMap();
                    long[][] cd = y.splitAxis() < 0 ? null : y.countsDispls();
                    boolean bal = y.isBalanced();
                    Boolean bal2 = y.balanced();
                    String text = y.toString();
                    long made = Communications.callCount() - before;
                    long[][] real = y.createLshapeMap();
                    String where = op.getKey() + " of " + rows + " rows split " + s;
                    Dist.collectively(() -> {
                        assertEquals(0, made, where + ": metadata/toString made communication calls");
                        assertTrue(Arrays.deepEquals(real, map), where + ": carried map " + Arrays.deepToString(map)
                                + " but the real one is " + Arrays.deepToString(real));
                        assertEquals(bal, bal2, where);
                        if (cd != null) assertArrayEquals(Distribution.displs(cd[0]), cd[1], where);
                        assertTrue(text.startsWith("DNDarray("), where);
                    });
                }
            }
        }
    }

    @Test
    void toStringIsLocalAndSaysSo() {
        Communication c = Dist.comm();
        Tensor full = Dist.iota(7, 3);
        PrintOptions o = PrintOptions.get();
        for (Integer s : splits(2)) {
            DNDarray x = Heat.array(full, null, s);
            String global = Printing.format(x);
            String local = x.toString();
            boolean[] cut = TensorPrinter.summarizedAxes(full.shape(), o);
            String numpy = TensorPrinter.format(TensorPrinter.corner(full, cut, o.edgeItems()), cut, o, "DNDarray(",
                    ", dtype=float64, device=cpu:0, split=" + s + ")");
            Dist.collectively(() -> {
                assertEquals(numpy, global);
                if (s == null || c.size() == 1) {
                    assertEquals(numpy, local);
                } else {
                    long[][] cd = x.countsDispls();
                    long lo = cd[1][c.rank()], hi = lo + cd[0][c.rank()];
                    assertTrue(local.startsWith("DNDarray(shape=(7, 3), dtype=float64, device=cpu:0, split=" + s + ", balanced=True,\n"
                            + "         local slab of rank " + c.rank() + " of " + c.size() + ": [" + lo + ":" + hi + "] along axis " + s),
                            local);
                    assertTrue(local.contains("(local view; print0(x) prints all values):\n         local="), local);
                }
            });
        }
    }
}
