package org.jheat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Tensor;
import org.jheat.tensor.TestDevice;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * Distributed operations on a second device ({@link TestDevice}, registered like a GPU backend would be): results
 * stay on their operands' device and equal the CPU's, communication of device data works (allreduce, exscan,
 * allgather and halos through host staging), new arrays follow the default device, and mixing devices fails on
 * every process before any communication. Uneven splits: 11 rows over any number of processes.
 */
class DeviceTest {
    private static final Device TEST = TestDevice.DEVICE;

    private static DNDarray data(Integer split) {
        double[][] v = new double[11][3];
        for (int i = 0; i < 11; i++) for (int j = 0; j < 3; j++) v[i][j] = ((i * 7 + j * 5) % 13) - 6 + (i == 4 && j == 1 ? 0.5 : 0);
        return Factories.array(v, null, split);
    }

    /** op on the device copy: lives on the device, and equals op on the CPU array. */
    private static void same(String name, DNDarray cpuIn, Function<DNDarray, DNDarray> op, List<String> bad) {
        DNDarray want = op.apply(cpuIn);
        DNDarray got = op.apply(cpuIn.to(TEST));
        if (!got.device().equals(TEST)) {
            bad.add(name + ": result on " + got.device());
            return;
        }
        Tensor w = want.gatherAll(), g = got.cpu().gatherAll();
        if (!(w.dtype() == g.dtype() && java.util.Arrays.equals(w.shape(), g.shape()) && w.contentEquals(g))) {
            bad.add(name + ": expected " + w + " got " + g);
        }
        if (want.split() == null ? got.split() != null : !want.split().equals(got.split())) bad.add(name + ": split " + got.split());
    }

    @Test
    void operationsKeepTheirOperandsDeviceAndMatchTheCpu() {
        List<String> bad = new ArrayList<>();
        long before = TestDevice.KERNELS.get();
        for (Integer split : new Integer[] {null, 0, 1}) {
            DNDarray x = data(split);
            String s = " split " + split;
            same("add" + s, x, a -> Arithmetics.add(a, a), bad);
            same("mul scalar" + s, x, a -> Arithmetics.mul(a, 2.5), bad);
            same("sqrt" + s, x, a -> Exponential.sqrt(Rounding.abs(a)), bad);
            same("sum all" + s, x, a -> Arithmetics.sum(a), bad);
            same("sum 0" + s, x, a -> Arithmetics.sum(a, new int[] {0}, false), bad);
            same("max 1 keep" + s, x, a -> Statistics.max(a, new int[] {1}, true), bad);
            same("min all" + s, x, a -> Statistics.min(a, null, false), bad);
            same("cumsum 0" + s, x, a -> Arithmetics.cumsum(a, 0), bad);
            same("cumsum 1" + s, x, a -> Arithmetics.cumsum(a, 1), bad);
            same("var 0" + s, x, a -> Statistics.var(a, new int[] {0}, 1, false), bad);
            same("std all" + s, x, a -> Statistics.std(a, null, 0, false), bad);
            same("argmax all" + s, x, a -> Statistics.argmax(a, null, false), bad);
            same("argmin 0" + s, x, a -> Statistics.argmin(a, 0, false), bad);
            same("histogram" + s, x, a -> Histograms.histogram(a, 4, null, null, true)[0], bad);
            same("histedges" + s, x, a -> Histograms.histogram(a, 4, null, null, false)[1], bad);
            same("histc" + s, x, a -> Histograms.histc(a, 5, 0, 0), bad);
            same("digitize" + s, x, a -> Histograms.digitize(a, new double[] {-3, 0, 2.5}, false), bad);
            same("skew" + s, x, a -> Moments.skew(a, 0, true), bad);
            same("astype" + s, x, a -> a.astype(DType.INT32), bad);
        }
        for (Integer split : new Integer[] {null, 0}) {
            DNDarray v = Factories.array(new long[] {3, 0, 7, 3, 3, 1, 0, 9, 2, 2, 5}, null, split);
            same("bincount split " + split, v, a -> Histograms.bincount(a, null, 0), bad);
            DNDarray sig = Factories.arange(0.0, 11.0, 1.0, null, split);
            DNDarray ker = Factories.array(new double[] {1, -2, 0.5}, null, null).to(TEST);
            for (String mode : new String[] {"full", "same", "valid"}) {
                same("convolve " + mode + " split " + split, sig, a -> Signal.convolve(a, a.device().equals(TEST) ? ker : ker.cpu(), mode), bad);
            }
        }
        long used = TestDevice.KERNELS.get() - before;
        Dist.collectively(() -> {
            assertTrue(bad.isEmpty(), String.join("\n", bad));
            assertTrue(used > 50, "kernels run on the test device: " + used);
        });
    }

    @Test
    void mixingDevicesFailsOnEveryProcessBeforeCommunicating() {
        DNDarray x = data(0), y = data(1).to(TEST);
        String msg = "operands on different devices: cpu:0 and test:0; move one with .to(device)";
        // y is split along another axis: without the device check this would resplit (communicate) first
        Dist.collectively(() -> {
            assertEquals(msg, assertThrows(IllegalArgumentException.class, () -> Arithmetics.add(x, y)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> Operations.binaryInPlace(org.jheat.tensor.Kernels.ADD, TypeRule.SAME, x, y));
            assertThrows(IllegalArgumentException.class, () -> Joining.concatenate(new DNDarray[] {x, data(0).to(TEST)}, 0));
            assertThrows(IllegalArgumentException.class, () -> Histograms.histogram(x, 3, null, data(0).to(TEST), false));
            assertThrows(IllegalArgumentException.class, () -> Signal.convolve(Factories.arange(0.0, 5.0, 1.0, null, 0),
                    Factories.array(new double[] {1, 2}, null, null).to(TEST)));
            assertThrows(IllegalArgumentException.class, () -> new DNDarray(x.larray(), x.gshape(), 0, x.comm(), TEST, null));
        });
        // the communicator is still in step
        assertEquals(0.0, Arithmetics.sum(Arithmetics.sub(x, x)).itemDouble());
        assertSame(x, x.cpu());
        assertEquals(Device.CPU, y.cpu().device());
    }

    @Test
    void newArraysFollowTheDefaultDevice() {
        Random.seed(5);
        DNDarray cpuRand = Random.randn(new long[] {9, 4}, DType.FLOAT32, 0);
        DNDarray cpuPerm = Random.permutation(13, 0);
        DNDarray cpuRange = Factories.linspace(-1, 1, 9, true, DType.FLOAT32, 0);
        DNDarray cpuInts = Factories.arange(-4, 20, 3, DType.INT16, 0);
        Device.useDefault(TEST);
        try {
            Random.seed(5);
            DNDarray r = Random.randn(new long[] {9, 4}, DType.FLOAT32, 0);
            DNDarray p = Random.permutation(13, 0);
            DNDarray l = Factories.linspace(-1, 1, 9, true, DType.FLOAT32, 0);
            DNDarray i = Factories.arange(-4, 20, 3, DType.INT16, 0);
            DNDarray z = Factories.zeros(new long[] {5, 2}, DType.INT64, 1);
            DNDarray a = Factories.array(new double[][] {{1, 2}, {3, 4}, {5, 6}}, null, 0);
            DNDarray s = Arithmetics.add(3, 4);
            Dist.collectively(() -> {
                for (DNDarray d : new DNDarray[] {r, p, l, i, z, a, s}) assertEquals(TEST, d.device());
                assertTrue(cpuRand.gatherAll().contentEquals(r.cpu().gatherAll()), "randn on the device equals the CPU's");
                assertTrue(cpuPerm.gatherAll().contentEquals(p.cpu().gatherAll()), "permutation");
                assertTrue(cpuRange.gatherAll().contentEquals(l.cpu().gatherAll()), "linspace");
                assertTrue(cpuInts.gatherAll().contentEquals(i.cpu().gatherAll()), "arange");
                assertEquals(7L, s.cpu().itemLong());
            });
        } finally {
            Device.useDefault(Device.CPU);
        }
        assertEquals(Device.CPU, Factories.zeros(new long[] {2}, DType.INT64, null).device());
    }
}
