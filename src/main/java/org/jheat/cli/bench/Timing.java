package org.jheat.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;

/**
 * Collective timing of an operation that returns a new array: two uncounted rounds (JIT, and a freed block of the
 * result's size for the next round to reuse), then the medians of wall time (between barriers) and of the calling
 * thread's CPU time — the steadier figure on a loaded machine. Each result is freed.
 *
 * <pre>{@code
 * double[] wallCpu = Timing.medianMillis(comm, 9, () -> Random.rand(new long[] {n}, DType.FLOAT64, 0));
 * }</pre>
 */
final class Timing {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private Timing() { }

    /** {wall, cpu} medians in milliseconds over {@code reps} rounds. */
    static double[] medianMillis(Communication comm, int reps, Supplier<DNDarray> op) {
        return medianMillis(comm, 2, reps, op);
    }

    /**
     * {wall, cpu} medians in milliseconds over {@code reps} rounds after {@code warmup} uncounted ones: a kernel
     * reached through a long path (advanced indexing) needs tens of calls before the JIT has compiled all of it.
     */
    static double[] medianMillis(Communication comm, int warmup, int reps, Supplier<DNDarray> op) {
        double[] ms = new double[reps], cpu = new double[reps];
        for (int r = -warmup; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime(), c0 = CPU.getCurrentThreadCpuTime();
            DNDarray y = op.get();
            comm.barrier();
            if (r >= 0) {
                ms[r] = (System.nanoTime() - t0) / 1e6;
                cpu[r] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            y.larray().free();
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        return new double[] {ms[reps / 2], cpu[reps / 2]};
    }
}
