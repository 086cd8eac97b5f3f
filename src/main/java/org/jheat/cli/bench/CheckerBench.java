package org.jheat.cli.bench;

import java.util.Arrays;

import org.jheat.comm.CollectiveChecker;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.tensor.DType;

/**
 * Cost per operation of the collective-call checker: run it once with {@code JHEAT_CHECK=0} and once with
 * {@code JHEAT_CHECK=1} and compare. Each operation is timed in batches of 100 calls (after a warm-up), median of
 * the batches, in microseconds per call: an allreduce of one double (one collective), {@code x.sum()} and
 * {@code x.sum(0)} of a (1000, 10) float64 array split along 0 (one allreduce each), {@code x.resplit(1)}
 * (one Alltoallv), and the checker's stack walk alone.
 *
 * <pre>{@code
 * JHEAT_CHECK=1 mpirun -np 3 bin/jheat bench check
 * // rank 0 prints: check=on np=3 allreduce_1_us 9.1 …
 * }</pre>
 */
public final class CheckerBench {
    private CheckerBench() { }

    /** {@code CheckerBench [batches=21]}: prints one line on rank 0. */
    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        Communication comm = Communications.world();
        DNDarray x = Factories.arange(0, 10_000, 1, DType.FLOAT64, 0).reshape(1000, 10);
        StringBuilder b = new StringBuilder("check=" + (CollectiveChecker.enabled() ? "on" : "off") + " np=" + comm.size());
        b.append(String.format(" allreduce_1_us %.2f", micros(comm, batches, () -> comm.allreduce(1.0, ReduceOp.SUM))));
        b.append(String.format(" sum_us %.2f", micros(comm, batches, x::sum)));
        b.append(String.format(" sum0_us %.2f", micros(comm, batches, () -> x.sum(0))));
        b.append(String.format(" resplit_us %.2f", micros(comm, batches, () -> x.resplit(1))));
        // the checker's local part (a stack walk from a few jheat frames deep), without its allgather
        String[] sink = new String[1];
        b.append(String.format(" stackwalk_us %.2f", micros(comm, batches, () -> sink[0] = CollectiveChecker.callSite())));
        if (comm.rank() == 0) System.out.println(b);
    }

    private static double micros(Communication comm, int batches, Runnable op) {
        for (int i = 0; i < 300; i++) op.run();
        double[] t = new double[batches];
        for (int k = 0; k < batches; k++) {
            comm.barrier();
            long t0 = System.nanoTime();
            for (int i = 0; i < 100; i++) op.run();
            t[k] = (System.nanoTime() - t0) / 1e3 / 100;
        }
        Arrays.sort(t);
        return t[batches / 2];
    }
}
