package org.jheat.regression;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jheat.Heat;
import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.tensor.Device;
import org.jheat.tensor.Tensor;
import org.jheat.tensor.TestDevice;
import org.jheat.testing.Dist;
import org.jheat.testing.MlGolden;
import org.junit.jupiter.api.Test;

/**
 * Lasso and ElasticNet with X and y on a second device ({@link TestDevice}, registered like a GPU backend): the
 * Gram form (also with means large enough to centre the data), the residual form and no intercept give the CPU's
 * coefficients, intercept and iteration count bit for bit, predictions stay on the device, and NaN is refused on
 * every process — for X replicated and split along each axis.
 */
class RegressionDeviceTest {
    private static final Device TEST = TestDevice.DEVICE;

    @Test
    void lassoAndElasticNetStayOnTheDevice() {
        MlGolden g = MlGolden.of("regression.txt.gz");
        Tensor x = g.get("diabetes.X"), y = g.get("diabetes.y");
        List<String> bad = new ArrayList<>();
        long before = TestDevice.KERNELS.get();
        int saved = CoordinateDescent.gramMax;
        try {
            for (Integer split : new Integer[] {null, 0, 1}) {
                for (String form : new String[] {"gram", "gram shifted", "residual", "no intercept"}) {
                    CoordinateDescent.gramMax = form.equals("residual") ? 0 : saved;
                    DNDarray xc = Heat.array(x, null, split), yc = Heat.array(y, null, 0);
                    if (form.equals("gram shifted")) xc = Arithmetics.add(xc, 1e7);
                    String what = form + " split " + split;
                    {
                        LinearModelCD<?> cpu = form.equals("no intercept") ? new ElasticNet(0.05, 0.6).fitIntercept(false) : new Lasso(0.05);
                        LinearModelCD<?> dev = form.equals("no intercept") ? new ElasticNet(0.05, 0.6).fitIntercept(false) : new Lasso(0.05);
                        cpu.fit(xc, yc);
                        DNDarray xt = xc.to(TEST);
                        dev.fit(xt, yc.to(TEST));
                        if (!Arrays.equals(cpu.coefArray(), dev.coefArray()) || cpu.intercept() != dev.intercept() || cpu.nIter() != dev.nIter()) {
                            bad.add(what + ": coef " + Arrays.toString(dev.coefArray()) + " intercept " + dev.intercept() + " nIter " + dev.nIter()
                                    + ", CPU " + Arrays.toString(cpu.coefArray()) + " " + cpu.intercept() + " " + cpu.nIter());
                        }
                        DNDarray pred = dev.predict(xt);
                        if (!pred.device().equals(TEST)) bad.add(what + ": predict on " + pred.device());
                        else if (!pred.cpu().gatherAll().contentEquals(cpu.predict(xc).gatherAll())) bad.add(what + ": predictions differ");
                        if (!dev.coef().device().equals(TEST)) bad.add(what + ": coef on " + dev.coef().device());
                    }
                }
            }
        } finally {
            CoordinateDescent.gramMax = saved;
        }
        long used = TestDevice.KERNELS.get() - before;
        Dist.collectively(() -> {
            assertTrue(bad.isEmpty(), String.join("\n", bad));
            assertTrue(used > 20, "kernels run on the test device: " + used);
        });
        double[][] nan = new double[6][2];
        nan[4][0] = Double.NaN;
        IllegalArgumentException e = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> new Lasso(0.1).fit(Heat.array(nan, null, 0).to(TEST), Heat.array(new double[] {1, 2, 3, 4, 5, 6}, null, 0).to(TEST)));
        assertTrue(e.getMessage().contains("X contains NaN"), e.getMessage());
    }
}
