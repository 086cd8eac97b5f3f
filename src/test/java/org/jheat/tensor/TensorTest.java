package org.jheat.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jheat.testing.Dist;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("local")
class TensorTest {
    @Test
    void transposeCopiesInStripsMatchElementByElement() {
        // the strip path: inner extent >= 64 and >= 8 rows, partial last strips, outer planes, every element size
        long[][] shapes = {{8, 64}, {13, 200}, {3, 9, 130}, {70, 65}, {1000, 21}, {130, 9, 70}, {65, 3, 100}};
        for (DType t : new DType[] {DType.FLOAT64, DType.INT32, DType.INT8, DType.INT16, DType.COMPLEX128}) {
            for (long[] sh : shapes) {
                long n = 1;
                for (long v : sh) n *= v;
                Tensor x = Tensor.empty(DType.FLOAT64, n);
                for (long i = 0; i < n; i++) x.setDouble((double) (i % 97), i);
                Tensor a = x.reshape(sh).astype(t);
                int nd = sh.length;
                int[] perm = new int[nd];
                for (int d = 0; d < nd; d++) perm[d] = nd - 1 - d;
                Tensor p = a.permute(perm), c = p.contiguous();
                assertTrue(c.isContiguous());
                long[] idx = new long[nd];
                for (long k = 0; k < n; k++) {
                    long r = k;
                    for (int d = nd - 1; d >= 0; d--) {
                        idx[d] = r % c.shape(d);
                        r /= c.shape(d);
                    }
                    long[] src = new long[nd];
                    for (int d = 0; d < nd; d++) src[perm[d]] = idx[d];
                    assertEquals(a.getDouble(src), c.getDouble(idx), t + " " + java.util.Arrays.toString(sh) + " at " + java.util.Arrays.toString(idx));
                }
                // and back: a strided destination
                Tensor back = Tensor.empty(t, sh);
                back.permute(perm).copyFrom(c);
                for (long k = 0; k < n; k++) assertEquals(a.reshape(n).getDouble(k), back.reshape(n).getDouble(k), "copy back " + t);
            }
        }
    }

    @Test
    void fromNestedArraysKeepsShapeTypeAndValues() {
        Tensor t = Tensor.fromArray(new int[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(DType.INT32, t.dtype());
        assertArrayEquals(new long[] {2, 3}, t.shape());
        assertEquals(6, t.getLong(1, 2));
        assertEquals(4, t.getLong(-1, 0));
        assertArrayEquals(new int[][] {{1, 2, 3}, {4, 5, 6}}, (int[][]) t.toNestedArray());
        Tensor b = Tensor.fromArray(new boolean[] {true, false, true});
        assertArrayEquals(new boolean[] {true, false, true}, b.toBooleanArray());
        Tensor f = Tensor.fromArray(new double[][][] {{{1.5}}, {{-2}}}, DType.FLOAT32);
        assertArrayEquals(new float[][][] {{{1.5f}}, {{-2f}}}, (float[][][]) f.toNestedArray());
        assertEquals(0, Tensor.fromArray(new double[0][3]).size());
        assertArrayEquals(new long[] {0, 0}, Tensor.shapeOf(new double[0][3]));
    }

    @Test
    void contentEqualsIsBitwiseButAnyNanEqualsAnyNan() {
        double negNan = Double.longBitsToDouble(0xFFF8000000000000L), payload = Double.longBitsToDouble(0x7FF8000000000123L);
        Tensor a = Tensor.fromArray(new double[] {1, Double.NaN, -0.0, 2}), b = Tensor.fromArray(new double[] {1, negNan, -0.0, 2});
        assertTrue(a.contentEquals(b), "NaN of another sign");
        assertTrue(a.contentEquals(Tensor.fromArray(new double[] {1, payload, -0.0, 2})), "NaN of another payload");
        assertFalse(a.contentEquals(Tensor.fromArray(new double[] {1, Double.NaN, 0.0, 2})), "-0.0 is not 0.0");
        assertFalse(a.contentEquals(Tensor.fromArray(new double[] {1, Double.NaN, -0.0, 3})), "a later element differs");
        assertFalse(a.contentEquals(Tensor.fromArray(new double[] {1, 5, -0.0, 2})), "NaN is not a number");
        Tensor f = a.astype(DType.FLOAT32), g = b.astype(DType.FLOAT32);
        assertTrue(f.contentEquals(g), "float32 NaN of another sign");
        assertFalse(f.contentEquals(Tensor.fromArray(new double[] {1, Double.NaN, 0.0, 2}).astype(DType.FLOAT32)));
        Tensor c = Tensor.fromArray(new double[] {Double.NaN, 1, 2, 3}).astype(DType.COMPLEX128).reshape(2, 2);
        Tensor d = Tensor.fromArray(new double[] {negNan, 1, 2, 3}).astype(DType.COMPLEX128).reshape(2, 2);
        assertTrue(c.contentEquals(d), "complex NaN parts");
        assertFalse(Tensor.fromArray(new long[] {1, 2}).contentEquals(Tensor.fromArray(new long[] {1, 3})));
    }

    @Test
    void raggedOrUnsupportedArraysAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.fromArray(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("mismatched Java array rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.fromArray(new String[] {"a"}));
        assertThrows(IllegalArgumentException.class, () -> Tensor.fromArray(new double[][] {{1}, null}));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(DType.FLOAT64, 3, -1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(DType.FLOAT64, Long.MAX_VALUE, 4));
    }

    @Test
    void slicingFollowsPythonSemantics() {
        for (String line : Dist.resourceLines("/golden/slices.txt")) {
            String[] f = line.split(" ");
            long n = Long.parseLong(f[0]);
            Long start = f[1].equals("None") ? null : Long.valueOf(f[1]);
            Long stop = f[2].equals("None") ? null : Long.valueOf(f[2]);
            long step = Long.parseLong(f[3]);
            Tensor t = Tensor.empty(DType.INT64, n);
            for (long i = 0; i < n; i++) t.setLong(i, i);
            long[] got = t.slice(0, start, stop, step).toLongArray();
            long[] want = f[4].equals("-") ? new long[0] : java.util.Arrays.stream(f[4].split(",")).mapToLong(Long::parseLong).toArray();
            assertArrayEquals(want, got, line);
        }
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(DType.INT8, 3).slice(0, null, null, 0));
    }

    @Test
    void viewsShareMemoryAndCopiesDoNot() {
        Tensor t = Dist.iota(2, 3, 4);
        Tensor p = t.permute(2, 0, 1);
        assertArrayEquals(new long[] {4, 2, 3}, p.shape());
        assertFalse(p.isContiguous());
        Tensor c = p.contiguous();
        assertTrue(c.isContiguous());
        for (long i = 0; i < 4; i++) {
            for (long j = 0; j < 2; j++) {
                for (long k = 0; k < 3; k++) assertEquals(t.getDouble(j, k, i), c.getDouble(i, j, k));
            }
        }
        t.select(0, 1).select(0, 2).setDouble(99, 3);
        assertEquals(99, p.getDouble(3, 1, 2));
        assertEquals(t.getDouble(1, 2, 3), 99);
        assertEquals(23 * 0.5 - 3, c.getDouble(3, 1, 2));   // the copy kept the old value
        Tensor tt = t.transpose();
        assertArrayEquals(new long[] {4, 3, 2}, tt.shape());
        assertEquals(t.getDouble(1, 0, 2), tt.getDouble(2, 0, 1));
        assertEquals(t.getDouble(0, 1, 3), t.swapaxes(0, 2).getDouble(3, 1, 0));
        Tensor r = t.reshape(6, -1);
        assertArrayEquals(new long[] {6, 4}, r.shape());
        assertEquals(t.getDouble(1, 2, 3), r.getDouble(5, 3));
        Tensor pr = p.reshape(-1);
        assertEquals(24, pr.size());
        assertEquals(t.getDouble(1, 2, 0), pr.getDoubleFlat(5));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(5, 5));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> t.permute(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> t.narrow(1, 2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> t.getDouble(2, 0, 0));
    }

    @Test
    void squeezeUnsqueezeBroadcast() {
        Tensor t = Dist.iota(3);
        Tensor u = t.unsqueeze(0);
        assertArrayEquals(new long[] {1, 3}, u.shape());
        assertArrayEquals(new long[] {3, 1}, t.unsqueeze(-1).shape());
        assertArrayEquals(new long[] {3}, u.squeeze().shape());
        assertThrows(IllegalArgumentException.class, () -> t.squeeze(0));
        Tensor b = t.broadcastTo(2, 3).contiguous();
        assertArrayEquals(new double[] {-3, -2.5, -2, -3, -2.5, -2}, b.toDoubleArray());
        Tensor col = t.unsqueeze(1).broadcastTo(3, 2).copy();
        assertArrayEquals(new double[] {-3, -3, -2.5, -2.5, -2, -2}, col.toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> t.broadcastTo(2, 4));
        assertArrayEquals(new long[] {5, 4, 3}, Shapes.broadcast(new long[] {5, 1, 3}, new long[] {4, 3}));
        assertThrows(IllegalArgumentException.class, () -> Shapes.broadcast(new long[] {2}, new long[] {3}));
    }

    @Test
    void conversionsFollowNumpyCasts() {
        Tensor f = Tensor.fromArray(new double[] {-1.7, -0.2, 0, 0.9, 2.5, 300, Double.NaN});
        assertArrayEquals(new long[] {-1, 0, 0, 0, 2, 300, 0}, f.astype(DType.INT64).toLongArray());
        assertArrayEquals(new boolean[] {true, true, false, true, true, true, true}, f.astype(DType.BOOL).toBooleanArray());
        assertEquals(44, f.astype(DType.INT8).getLong(5));   // 300 wraps like a C cast
        Tensor u = Tensor.fromArray(new long[] {255, 256, -1}).astype(DType.UINT8);
        assertArrayEquals(new long[] {255, 0, 255}, u.toLongArray());
        assertArrayEquals(new short[] {255, 0, 255}, (short[]) u.toNestedArray());
        Tensor big = Tensor.fromArray(new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
        assertTrue(big.contentEquals(big.astype(DType.INT64)));
        assertEquals(Long.MAX_VALUE, big.getLong(0));
        Tensor f32 = Tensor.fromArray(new double[] {0.1}).astype(DType.FLOAT32);
        assertEquals(0.1f, f32.toFloatArray()[0]);
        assertEquals(Float.valueOf(0.1f), f32.getObject(0));
        Tensor s = Tensor.fromArray(new int[] {1, 2, 3}).astype(DType.INT16).astype(DType.FLOAT64);
        assertArrayEquals(new double[] {1, 2, 3}, s.toDoubleArray());
    }

    @Test
    void fillEveryDtypeContiguousAndStrided() {
        for (DType t : new DType[] {DType.BOOL, DType.INT8, DType.UINT8, DType.INT16, DType.INT32, DType.INT64, DType.FLOAT32, DType.FLOAT64}) {
            Tensor a = Tensor.zeros(t, 5, 7);
            a.fill(3.0);
            for (double v : a.toDoubleArray()) assertEquals(t == DType.BOOL ? 1 : 3, v, t.toString());
            a.slice(1, 1L, null, 2).fill(0L);
            for (long i = 0; i < 5; i++) {
                for (long j = 0; j < 7; j++) assertEquals(j % 2 == 1 ? 0 : (t == DType.BOOL ? 1 : 3), a.getDouble(i, j), t + " " + i + "," + j);
            }
        }
        Tensor l = Tensor.full(DType.INT64, 0, 3);
        l.fill(Long.MAX_VALUE - 1);
        assertEquals(Long.MAX_VALUE - 1, l.getLong(2));
        Tensor big = Tensor.empty(DType.FLOAT64, 1_000_003);
        big.fill(-2.5);
        assertEquals(-2.5, big.getDoubleFlat(1_000_002));
        assertEquals(-2.5, big.getDoubleFlat(0));
    }

    @Test
    void copyFromBroadcastsAndConverts() {
        Tensor dst = Tensor.zeros(DType.FLOAT32, 2, 3);
        dst.copyFrom(Tensor.fromArray(new long[] {1, 2, 3}));
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, dst.toFloatArray());
        Tensor big = Dist.iota(300, 500);
        Tensor t = big.transpose().copy();
        assertEquals(big.getDouble(123, 456), t.getDouble(456, 123));
        Tensor back = Tensor.empty(DType.FLOAT64, 300, 500);
        back.copyFrom(t.transpose());
        assertTrue(back.contentEquals(big));
    }

    @Test
    void zeroDimensionalAndEmpty() {
        Tensor s = Tensor.full(DType.FLOAT64, 4.5);
        assertEquals(0, s.ndim());
        assertEquals(1, s.size());
        assertEquals(4.5, s.getDouble());
        assertEquals(4.5, s.toNestedArray());
        Tensor e = Tensor.zeros(DType.INT32, 0, 4);
        assertEquals(0, e.size());
        assertEquals(0, e.copy().size());
        assertEquals(0, e.transpose().contiguous().size());
        e.fill(1.0);
    }

    @Test
    void storageIsReclaimedInAllocationLoops() {
        long before = Storage.gcTriggerBytes();
        Storage.setGcTriggerBytes(64L << 20);
        try {
            Storage.resetPeak();
            long start = Storage.liveBytes();
            Tensor x = Tensor.zeros(DType.FLOAT64, 1 << 20);   // 8 MB
            for (int i = 0; i < 250; i++) {
                x = x.astype(DType.FLOAT64);   // a fresh 8 MB temporary each time; 2 GB in all
            }
            assertEquals(0, x.getDoubleFlat(0));
            long peak = Storage.peakBytes() - start;
            assertTrue(peak < (1L << 30), "off-heap peak " + peak + " bytes: temporaries were not reclaimed");
        } finally {
            Storage.setGcTriggerBytes(before);
        }
        Storage s = Storage.allocate(1000, false);
        long live = Storage.liveBytes();
        s.free();
        s.free();
        assertEquals(live - 1000, Storage.liveBytes());
    }

    /**
     * Small blocks (scalars, tiny arrays) are slices of shared slabs: each keeps its own bytes (no overlap with its
     * neighbours), free() leaves the slab to the collector, and the slabs return once their blocks are unreachable.
     */
    @Test
    void smallBlocksShareSlabsAndReturnWithThem() throws InterruptedException {
        long start = Storage.liveBytes();
        Tensor[] keep = new Tensor[5000];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = Tensor.empty(DType.FLOAT64, 1 + i % 5);
            keep[i].fill(i);
        }
        for (int i = 0; i < keep.length; i++) {
            for (long j = 0; j < keep[i].size(); j++) assertEquals(i, keep[i].getDoubleFlat(j), "block " + i);
        }
        keep[7].storage().free();   // a no-op for a slab slice: its neighbours stay intact
        assertEquals(8, keep[8].getDoubleFlat(0));
        assertTrue(Storage.liveBytes() - start >= 5000 * 16, "slabs counted as live: " + (Storage.liveBytes() - start));
        keep = null;
        for (int i = 0; i < 50 && Storage.liveBytes() - start > (256L << 10); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(Storage.liveBytes() - start <= (256L << 10), "slabs of dropped small blocks returned: "
                + (Storage.liveBytes() - start) + " bytes still live");
        Tensor z = Tensor.zeros(DType.INT64, 3);   // zeroed small blocks
        assertEquals(0, z.getLongFlat(2));
    }
    /**
     * A loop that drops large results (a user's {@code z = x*3 + y}) reuses their blocks instead of touching fresh
     * memory each iteration, even far below the general collection trigger: an allocation the cache cannot serve
     * collects first when as many bytes were allocated since the last collection.
     */
    @Test
    void droppedLargeBlocksAreReusedBeforeFreshMemoryIsTaken() {
        Storage.setEagerReclaimBytes(16L << 20);
        try {
            long block = 32L << 20;
            Tensor z = null;
            long fresh0 = 0;
            for (int i = 0; i < 30; i++) {
                if (i == 10) fresh0 = Storage.freshBytes();
                z = Tensor.zeros(DType.FLOAT64, block / 8);   // the previous z becomes garbage
                z.setDoubleFlat(i, 0);
            }
            long fresh = Storage.freshBytes() - fresh0;
            assertEquals(29, z.getDoubleFlat(0));
            assertTrue(fresh <= 6 * block, "20 iterations took " + (fresh >> 20) + " MiB of fresh memory for 32 MiB blocks: dropped blocks were not reused");
        } finally {
            Storage.setEagerReclaimBytes(64L << 20);
        }
    }
}
