package org.jheat.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.jheat.core.DNDarray;
import org.jheat.tensor.Device;
import org.jheat.tensor.Tensor;
import org.jheat.tensor.TestDevice;

/**
 * Runs an operation twice, on CPU operands and on their copies on the {@link TestDevice}, and collects what differs:
 * every result must live on the test device and equal the CPU's bit for bit (same dtype, shape, split, values). The
 * test device runs the CPU's kernels, so any difference is a temporary or a result made on the wrong device.
 *
 * <pre>{@code
 * OnDevice d = new OnDevice();
 * d.same("matmul", new DNDarray[] {a, b}, in -> new DNDarray[] {Linalg.matmul(in[0], in[1])});
 * d.check();                                    // collective: fails on every rank when anything differed
 * }</pre>
 */
public final class OnDevice {
    /** The test device. */
    public static final Device TEST = TestDevice.DEVICE;

    private final List<String> bad = new ArrayList<>();
    private final long kernelsBefore = TestDevice.KERNELS.get();

    /** One operand; {@code op} returns one DNDarray or a DNDarray[]. */
    public void same(String name, DNDarray in, Function<DNDarray, ?> op) {
        same(name, new DNDarray[] {in}, a -> {
            Object r = op.apply(a[0]);
            return r instanceof DNDarray[] many ? many : new DNDarray[] {(DNDarray) r};
        });
    }

    /**
     * {@code op} on the CPU operands and on their device copies: results (nulls skipped) on the test device and equal
     * to the CPU's. An exception on the device run (e.g. "operands on different devices") is recorded; it must be
     * raised on every process alike, as every device error in jheat is.
     */
    public void same(String name, DNDarray[] cpuIn, Function<DNDarray[], DNDarray[]> op) {
        DNDarray[] want = op.apply(cpuIn);
        DNDarray[] devIn = new DNDarray[cpuIn.length];
        for (int i = 0; i < cpuIn.length; i++) devIn[i] = cpuIn[i] == null ? null : cpuIn[i].to(TEST);
        DNDarray[] got;
        try {
            got = op.apply(devIn);
        } catch (RuntimeException e) {
            bad.add(name + ": " + e + where(e));
            return;
        }
        for (int r = 0; r < want.length; r++) {
            String n = name + (want.length > 1 ? "[" + r + "]" : "");
            if (want[r] == null) continue;
            if (!got[r].device().equals(TEST)) bad.add(n + ": result on " + got[r].device());
            Tensor w = want[r].gatherAll(), g = got[r].cpu().gatherAll();
            if (!(w.dtype() == g.dtype() && Arrays.equals(w.shape(), g.shape()) && w.contentEquals(g))) {
                bad.add(n + ": expected " + w + " got " + g);
            }
            if (want[r].split() == null ? got[r].split() != null : !want[r].split().equals(got[r].split())) {
                bad.add(n + ": split " + got[r].split() + ", expected " + want[r].split());
            }
        }
    }

    /** The first frames of jheat's code under the exception (where the foreign-device operand was made or met). */
    private static String where(Throwable e) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (StackTraceElement f : e.getStackTrace()) {
            if (!f.getClassName().startsWith("org.jheat.") || f.getClassName().startsWith("org.jheat.testing.")) continue;
            b.append(shown == 0 ? " at " : " < ").append(f.getClassName().substring(10)).append(':').append(f.getLineNumber());
            if (++shown == 6) break;
        }
        return b.toString();
    }

    /** Records a failed local check (e.g. an estimator attribute on the wrong device). */
    public void fail(String what) { bad.add(what); }

    /** Collective: nothing differed on any process, and kernels ran on the test device. */
    public void check() {
        long used = TestDevice.KERNELS.get() - kernelsBefore;
        Dist.collectively(() -> {
            assertTrue(bad.isEmpty(), bad.size() + " differences:\n" + String.join("\n", bad));
            assertTrue(used > 0, "kernels run on the test device: " + used);
        });
    }
}
