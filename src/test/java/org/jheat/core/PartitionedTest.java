package org.jheat.core;

import static org.jheat.core.Index.idx;
import static org.jheat.core.Index.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jheat.Heat;
import org.jheat.comm.Communication;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * Heat's partition interface ({@code __partitioned__}, {@code from_partitioned}, {@code from_partition_dict}) and
 * local indexing ({@code lloc}), on every layout: replicated, split along each axis, piled on one rank, uneven with
 * empty ranks, 0-d and 1-d.
 */
class PartitionedTest {
    private static List<DNDarray> layouts() {
        List<DNDarray> out = new ArrayList<>(SortingTest.layouts(Dist.iota(7, 3)));
        out.addAll(SortingTest.layouts(Dist.iota(5)));
        out.add(Factories.fromReplicated(Tensor.full(DType.FLOAT64, 2.5), null));
        out.add(Factories.fromReplicated(Dist.iota(0, 3), 0));
        return out;
    }

    @Test
    void partitionedDescribesEveryTileAndBuildsTheArrayAgain() {
        Communication comm = Dist.comm();
        int p = comm.size(), me = comm.rank();
        for (DNDarray x : layouts()) {
            String what = "split " + x.split() + " map " + java.util.Arrays.deepToString(x.lshapeMap());
            Partitioned d = x.partitioned();
            int nd = x.ndim();
            assertArrayEquals(x.gshape(), d.shape(), what);
            int[] tiling = new int[nd];
            java.util.Arrays.fill(tiling, 1);
            if (x.split() != null) tiling[x.split()] = p;
            assertArrayEquals(tiling, d.partitionTiling(), what);
            assertEquals(x.split() == null ? 1 : p, d.partitions().size(), what);
            assertEquals(1, d.locals().size(), what);
            assertSame(x.larray(), d.get(d.locals().get(0)), what);
            long start = 0;
            int k = 0;
            for (Map.Entry<List<Integer>, Partitioned.Part> e : d.partitions().entrySet()) {
                Partitioned.Part part = e.getValue();
                assertEquals(DType.FLOAT64, part.dtype(), what);
                if (x.split() == null) {
                    assertArrayEquals(new long[nd], part.start(), what);
                    assertArrayEquals(x.gshape(), part.shape(), what);
                    assertEquals(p, part.location().size(), what);
                    assertSame(x.larray(), part.data(), what);
                    continue;
                }
                int s = x.split();
                assertEquals(k, e.getKey().get(s), what);
                assertEquals(start, part.start()[s], what);
                assertArrayEquals(x.lshapeMap()[k], part.shape(), what);
                assertEquals(List.of(k), part.location(), what);
                if (k == me) assertSame(x.larray(), part.data(), what);
                else assertNull(part.data(), what);
                start += part.shape()[s];
                k++;
            }
            Tensor want = x.gatherAll();
            for (DNDarray y : new DNDarray[] {Heat.fromPartitioned(d), Heat.fromPartitionDict(d.toMap())}) {
                // one process cuts no axis: the array comes back replicated, as Heat's from_partitioned gives it
                assertEquals(p == 1 ? null : x.split(), y.split(), what);
                assertArrayEquals(x.gshape(), y.gshape(), what);
                assertTrue(java.util.Arrays.deepEquals(x.lshapeMap(), y.lshapeMap()), what);
                assertTrue(java.util.Arrays.deepEquals(y.lshapeMap(), y.createLshapeMap()), what);
                assertSame(x.larray(), y.larray(), what + ": the local tensor is taken as it is");
                Dist.assertSameTensor(want, y.gatherAll());
            }
        }
    }

    /** A dictionary as another library writes it: lists of boxed numbers, the dtype by name, other ranks' data absent. */
    @Test
    void aHandWrittenDictionaryOfListsGivesTheArray() {
        Communication comm = Dist.comm();
        int p = comm.size(), me = comm.rank();
        long rows = 2L * p + 1;   // rank r holds rows [start_r, start_r + count_r): uneven, the last rank one more
        Map<List<Integer>, Object> parts = new LinkedHashMap<>();
        long start = 0;
        Tensor mine = null;
        for (int r = 0; r < p; r++) {
            long n = r == p - 1 ? 3 : 2;
            Map<String, Object> t = new HashMap<>();
            t.put("start", List.of(start, 0));
            t.put("shape", List.of(n, 4));
            t.put("location", List.of(r));
            t.put("dtype", "int32");
            if (r == me) {
                mine = Dist.iota(rows, 4).narrow(0, start, n).astype(DType.INT32).contiguous();
                t.put("data", mine);
            }
            parts.put(List.of(r, 0), t);
            start += n;
        }
        Map<String, Object> dict = Map.of("shape", List.of(rows, 4L), "partition_tiling", List.of(p, 1), "partitions", parts,
                "locals", List.of(List.of(me, 0)));
        DNDarray x = Heat.fromPartitionDict(dict);
        assertEquals(p == 1 ? null : 0, x.split());
        assertEquals(DType.INT32, x.dtype());
        assertSame(mine, x.larray());
        Dist.assertSameTensor(Dist.iota(rows, 4).astype(DType.INT32), x.gatherAll());
    }

    @Test
    void badDescriptionsFailOnEveryProcess() {
        Communication comm = Dist.comm();
        int p = comm.size(), me = comm.rank();
        DNDarray x = Factories.fromReplicated(Dist.iota(6, 4), 0);
        Partitioned d = x.partitioned();
        // two cut axes
        String m = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Heat.fromPartitioned(new Partitioned(d.shape(), new int[] {p, 2}, d.partitions(), d.locals()))).getMessage();
        assertTrue(m.contains("one axis at most") || m.contains("one tile per process"), m);
        // a tiling of another process count
        m = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Heat.fromPartitioned(new Partitioned(d.shape(), new int[] {p + 1, 1}, d.partitions(), d.locals()))).getMessage();
        assertTrue(m.contains("one tile per process (" + p + ")"), m);
        // the data of one rank does not fit its tile: every rank raises
        Map<List<Integer>, Partitioned.Part> parts = new LinkedHashMap<>(d.partitions());
        List<Integer> own = d.locals().get(0);
        Partitioned.Part part = parts.get(own);
        if (me == p - 1) parts.put(own, new Partitioned.Part(part.start(), part.shape(), Dist.iota(5, 4), part.location(), part.dtype()));
        m = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Heat.fromPartitioned(new Partitioned(d.shape(), d.partitionTiling(), parts, d.locals()))).getMessage();
        assertTrue(m.contains("its data has shape"), m);
        // tiles out of order: rank 0's tile described as starting at row 1
        Map<List<Integer>, Partitioned.Part> shifted = new LinkedHashMap<>(d.partitions());
        Partitioned.Part first = shifted.get(List.of(0, 0));
        shifted.put(List.of(0, 0), new Partitioned.Part(new long[] {1, 0}, first.shape(), first.data(), first.location(), first.dtype()));
        m = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Heat.fromPartitioned(new Partitioned(d.shape(), d.partitionTiling(), shifted, d.locals()))).getMessage();
        assertTrue(m.contains("in order"), m);
        // two tiles named local
        m = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Heat.fromPartitioned(new Partitioned(d.shape(), d.partitionTiling(), d.partitions(), List.of(own, own)))).getMessage();
        assertTrue(m.contains("exactly one tile per process"), m);
        // a malformed dictionary
        Map<String, Object> dict = new HashMap<>(d.toMap());
        dict.remove("locals");
        m = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.fromPartitionDict(dict)).getMessage();
        assertTrue(m.contains("has no 'locals'"), m);
        Map<String, Object> floats = new HashMap<>(d.toMap());
        floats.put("shape", List.of(6.0, 4.0));
        m = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.fromPartitionDict(floats)).getMessage();
        assertTrue(m.contains("whole numbers"), m);
        if (p > 1) {
            // the processes describe different arrays: the last rank a longer one, consistent in itself
            Partitioned other = me == p - 1 ? Factories.fromReplicated(Dist.iota(7, 4), 0).partitioned() : d;
            m = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.fromPartitioned(other)).getMessage();
            assertTrue(m.contains("descriptions differ"), m);
        }
    }

    @Test
    void llocIndexesTheLocalTensorOnly() {
        for (DNDarray x0 : layouts()) {
            if (x0.ndim() != 2 || Integer.valueOf(1).equals(x0.split())) continue;   // rows of 3 below
            DNDarray x = x0.copy();
            Tensor l = x.larray();
            long rows = l.shape(0);
            String what = "split " + x.split() + " map " + java.util.Arrays.deepToString(x.lshapeMap());
            // no communication below: ranks index their own slabs differently (an empty one not at all)
            Dist.collectively(() -> {
                // basic indexing: a view of the local tensor
                Tensor col = x.lloc().get(slice(null, null), idx(1));
                assertArrayEquals(new long[] {rows}, col.shape(), what);
                for (long i = 0; i < rows; i++) assertEquals(l.getDouble(i, 1), col.getDoubleFlat(i), what);
                if (rows == 0) return;
                Tensor last = x.lloc().get(idx(-1));
                assertArrayEquals(new long[] {3}, last.shape(), what);
                assertEquals(l.getDouble(rows - 1, 2), last.getDoubleFlat(2), what);
                // index arrays: a copy of the chosen rows
                Tensor picked = x.lloc().get(Index.of(new long[] {rows - 1, 0}));
                assertEquals(l.getDouble(0, 0), picked.getDouble(1, 0), what);
                // set: a scalar, a Tensor (broadcast), a replicated DNDarray
                x.lloc().set(-1.0, idx(0), slice(null, 2));
                assertEquals(-1.0, l.getDouble(0, 0), what);
                assertEquals(-1.0, l.getDouble(0, 1), what);
                x.lloc().set(Tensor.fromArray(new double[] {7, 8, 9}), idx(-1));
                assertEquals(8.0, l.getDouble(rows - 1, 1), what);
                x.lloc().set(Heat.array(new double[] {4, 5, 6}), idx(0));
                assertEquals(6.0, l.getDouble(0, 2), what);
                col.fill(0.5);   // the view writes through
                assertEquals(0.5, l.getDouble(rows - 1, 1), what);
            });
        }
        DNDarray x = Factories.fromReplicated(Dist.iota(8, 2), 0);
        DNDarray split = Factories.fromReplicated(Dist.iota(4).astype(DType.INT64), 0);
        if (Dist.comm().size() > 1) {
            String m = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> x.lloc().get(new Index.Array(split))).getMessage();
            assertTrue(m.contains("split along axis 0"), m);
            m = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> x.lloc().set(split, idx(0))).getMessage();
            assertTrue(m.contains("split along axis 0"), m);
        }
    }
}
