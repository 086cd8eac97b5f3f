package org.jheat.decomposition;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.tensor.Device;
import org.jheat.tensor.Tensor;
import org.jheat.tensor.TestDevice;
import org.jheat.testing.Dist;
import org.jheat.testing.MlGolden;
import org.junit.jupiter.api.Test;

/**
 * PCA (full, hierarchical, randomized), IncrementalPCA (fit in batches, partialFit) and DMD/DMDc with their operands
 * on a second device ({@link TestDevice}, registered like a GPU backend): every fitted attribute and result stays
 * on that device and equals the CPU's bit for bit, for X replicated and split along each axis (uneven slabs).
 */
class DecompositionDeviceTest {
    private static final Device TEST = TestDevice.DEVICE;

    /** op on the device copy of x: every returned array lives on the device and equals op on the CPU array. */
    static void same(String name, DNDarray cpuIn, Function<DNDarray, DNDarray[]> op, List<String> bad) {
        DNDarray[] want = op.apply(cpuIn), got = op.apply(cpuIn.to(TEST));
        for (int i = 0; i < want.length; i++) {
            if (!got[i].device().equals(TEST)) {
                bad.add(name + " result " + i + ": on " + got[i].device());
                continue;
            }
            Tensor w = want[i].gatherAll(), g = got[i].cpu().gatherAll();
            if (!(w.dtype() == g.dtype() && java.util.Arrays.equals(w.shape(), g.shape()) && w.contentEquals(g))) {
                bad.add(name + " result " + i + ": expected " + w + " got " + g);
            }
        }
    }

    @Test
    void pcaAndIncrementalPcaStayOnTheDevice() {
        List<String> bad = new ArrayList<>();
        long before = TestDevice.KERNELS.get();
        Tensor iris = MlGolden.dataset("iris").x();
        for (Integer split : new Integer[] {null, 0, 1}) {
            DNDarray x = Heat.array(iris, null, split);
            String s = " split " + split;
            for (String solver : new String[] {"full", "hierarchical", "randomized"}) {
                same("PCA " + solver + s, x, a -> {
                    PCA p = new PCA(2).svdSolver(solver).whiten(true).randomState(3L).fit(a);
                    DNDarray z = p.transform(a);
                    return new DNDarray[] {p.components(), p.explainedVariance(), p.mean(), z, p.inverseTransform(z)};
                }, bad);
            }
            same("IncrementalPCA fit" + s, x, a -> {
                IncrementalPCA p = new IncrementalPCA(3).batchSize(40L).fit(a);
                DNDarray z = p.transform(a);
                return new DNDarray[] {p.components(), p.singularValues(), p.mean(), p.var(), z, p.inverseTransform(z)};
            }, bad);
            same("IncrementalPCA partialFit" + s, x, a -> {
                IncrementalPCA p = new IncrementalPCA(2).whiten(true);
                p.partialFit(Heat.array(iris.narrow(0, 0, 3).contiguous(), null, split).to(a.device()));
                p.partialFit(a);
                return new DNDarray[] {p.components(), p.explainedVarianceRatio(), p.transform(a)};
            }, bad);
        }
        long used = TestDevice.KERNELS.get() - before;
        Dist.collectively(() -> {
            assertTrue(bad.isEmpty(), String.join("\n", bad));
            assertTrue(used > 50, "kernels run on the test device: " + used);
        });
    }

    @Test
    void dmdAndDmdcStayOnTheDevice() {
        List<String> bad = new ArrayList<>();
        MlGolden g = MlGolden.of("spectral.txt.gz");
        Tensor xd = g.get("dmd.X"), xc = g.get("dmdc.X"), cc = g.get("dmdc.C");
        for (Integer split : new Integer[] {null, 0, 1}) {
            String s = " split " + split;
            same("DMD" + s, Heat.array(xd, null, split), a -> {
                DMD d = new DMD().svdRank(4).fit(a);
                DNDarray x0 = Heat.array(xd.select(1, 0).contiguous(), null, null).to(a.device());
                return new DNDarray[] {d.eigenvaluesReal(), d.modesReal(), d.predict(x0, 5), d.predictNext(x0, 2)};
            }, bad);
            same("DMDc" + s, Heat.array(xc, null, split), a -> {
                DNDarray c = Heat.array(cc, null, null).to(a.device());
                DMDc d = new DMDc().svdRank(3).fit(a, c);
                DNDarray xs = Heat.array(g.get("dmdc.xs"), null, null).to(a.device()), cs = Heat.array(g.get("dmdc.cs"), null, null).to(a.device());
                return new DNDarray[] {d.eigenvaluesReal(), d.modesImag(), d.romControlMatrix(), d.predict(xs, cs)};
            }, bad);
        }
        Dist.collectively(() -> assertTrue(bad.isEmpty(), String.join("\n", bad)));
    }
}
