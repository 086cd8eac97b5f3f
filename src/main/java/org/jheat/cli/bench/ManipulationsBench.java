package org.jheat.cli.bench;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.comm.ReduceOp;
import org.jheat.core.*;
import org.jheat.tensor.DType;
import org.jheat.tensor.Memory;
import org.jheat.tensor.Storage;
import org.jheat.tensor.Tensor;

/**
 * Benchmark of the distributed reshape (issue #4, Heat #874): a (rows, 4) float64 array split along 0 reshaped
 * to (rows / 2, 8), median time over repetitions and peak extra off-heap memory per process relative to the
 * local slab (the largest value over the processes). Cases: the balanced input (slab boundaries stay on the same
 * flat positions: nothing moves), an unbalanced input (3/4 of the rows on rank 0: a quarter of the data moves),
 * an odd number of result rows (boundaries shift slightly), a reshape to split 1 (all data moves), and Heat's
 * method for comparison (gather the whole array on every process, reshape, keep the slab).
 *
 * <pre>{@code
 * mpirun -np 2 java … org.jheat.cli.bench.ManipulationsBench [ROWS] [REPS]
 * }</pre>
 */
public final class ManipulationsBench {
    private static DNDarray[] INPUTS = new DNDarray[0];

    private ManipulationsBench() { }

    /** Entry point: {@code ROWS} (default 8e6) and {@code REPS} (default 7). Prints {@code name ms extra/slab} on rank 0. */
    public static void main(String[] args) {
        long rows = args.length > 0 ? (long) Double.parseDouble(args[0]) : 8_000_000L;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Communication comm = Communications.world();
        DNDarray x = Factories.arange(0.0, rows * 4.0, 1.0, DType.FLOAT64, 0);
        x = Shaping.reshape(x, rows, 4).copy();
        long slab = x.lnbytes();
        out(comm, String.format("reshape bench: (%d, 4) float64 split 0 -> (%d, 8), np=%d, %.1f MB per process",
                rows, rows / 2, comm.size(), slab / 1e6));
        DNDarray bal = x;
        long[] counts = new long[comm.size()];
        counts[0] = comm.size() == 1 ? rows : rows * 3 / 4;
        for (int r = 1; r < comm.size(); r++) counts[r] = (rows - counts[0]) / (comm.size() - 1) + (r <= (rows - counts[0]) % (comm.size() - 1) ? 1 : 0);
        DNDarray unbal = x.redistribute(counts);
        INPUTS = new DNDarray[] {bal, unbal};
        long oddRows = largestOddDivisor(rows * 4);
        run(comm, "reshape_balanced", reps, slab, () -> Shaping.reshape(bal, rows / 2, 8));
        run(comm, "reshape_balanced_copy", reps, slab, () -> Shaping.reshape(bal, rows / 2, 8).copy());
        run(comm, "reshape_unbalanced_input", reps, slab, () -> Shaping.reshape(unbal, rows / 2, 8));
        run(comm, "reshape_odd_rows_" + oddRows, reps, slab, () -> Shaping.reshape(bal, oddRows, rows * 4 / oddRows));
        run(comm, "reshape_to_split1", reps, slab, () -> Shaping.reshape(bal, new long[] {rows / 2, 8}, 1));
        run(comm, "heat_style_gather_reshape", reps, slab, () -> {
            Tensor all = bal.gatherAll().reshape(rows / 2, 8);
            int p = comm.size(), me = comm.rank();
            Tensor mine = all.narrow(0, Distribution.start(rows / 2, p, me), Distribution.count(rows / 2, p, me)).copy();
            all.free();
            return Redistribution.withMap(mine, new long[] {rows / 2, 8}, 0, comm, mine.device());
        });
        // correctness spot check: the reshaped array holds 0, 1, 2, … in C order
        DNDarray y = Shaping.reshape(unbal, rows / 2, 8);
        long start = Distribution.start(rows / 2, comm.size(), comm.rank()) * 8;
        boolean ok = y.lnumel() == 0 || (y.larray().getDoubleFlat(0) == start && y.larray().getDoubleFlat(y.lnumel() - 1) == start + y.lnumel() - 1);
        out(comm, "check " + (comm.allreduce(ok ? 1L : 0L, ReduceOp.MIN) == 1 ? "ok" : "FAILED"));
    }

    private static long largestOddDivisor(long n) {
        while (n % 2 == 0) n /= 2;
        return n;
    }

    private static void run(Communication comm, String name, int reps, long slab, java.util.function.Supplier<DNDarray> op) {
        java.util.Set<Memory> inputs = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (DNDarray in : INPUTS) inputs.add(in.larray().storage());
        double[] ms = new double[reps];
        long extra = 0;
        for (int i = -2; i < reps; i++) {
            System.gc();
            comm.barrier();
            long before = Storage.liveBytes();
            Storage.resetPeak();
            long t0 = System.nanoTime();
            DNDarray r = op.get();
            comm.barrier();
            long t1 = System.nanoTime();
            long e = Storage.peakBytes() - before;
            if (i >= 0) {
                ms[i] = (t1 - t0) / 1e6;
                extra = Math.max(extra, e);
            }
            Memory st = r.larray().storage();
            if (st != null && !inputs.contains(st)) st.free();   // a view of an input stays
        }
        Arrays.sort(ms);
        long maxExtra = comm.allreduce(extra, ReduceOp.MAX);
        out(comm, String.format("%-34s %9.2f ms   peak extra %7.1f MB = %.2f x slab", name, ms[reps / 2], maxExtra / 1e6, (double) maxExtra / slab));
    }

    private static void out(Communication comm, String s) {
        if (comm.rank() == 0) System.out.println(s);
    }
}
