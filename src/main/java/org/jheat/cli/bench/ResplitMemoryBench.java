package org.jheat.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.core.ExchangeBudget;
import org.jheat.core.Factories;
import org.jheat.tensor.DType;
import org.jheat.tensor.Storage;

/**
 * Peak memory of a resplit 0 → 1 of a float64 array of a given fraction of the node's memory, with the exchange
 * budget in force ({@code JHEAT_COMM_BUFFER_BYTES}; 0 = unlimited, one round). Every rank prints its slab, its
 * resident memory before the resplit and the high-water mark after it (VmRSS, VmHWM of /proc/self/status) and the
 * peak of jheat's off-heap bytes.
 *
 * <pre>{@code
 * JHEAT_COMM_BUFFER_BYTES=0 mpirun -np 2 bin/jheat bench resplit-memory 0.1
 * JHEAT_COMM_BUFFER_BYTES=67108864 mpirun -np 2 bin/jheat bench resplit-memory 0.1
 * }</pre>
 */
public final class ResplitMemoryBench {
    private ResplitMemoryBench() { }

    /** {@code args[0]}: fraction of the node's physical memory the whole array takes (default 0.4). */
    public static void main(String[] args) {
        double frac = args.length > 0 ? Double.parseDouble(args[0]) : 0.4;
        Communication comm = Communications.world();
        long total = Storage.memoryPerProcess() * Math.max(1, org.jheat.tensor.Parallel.localProcesses());
        long cols = 1024;
        long rows = (long) (frac * total / 8 / cols);
        DNDarray x = Factories.full(new long[] {rows, cols}, 1.0, DType.FLOAT64, 0);
        Storage.emptyCache();
        comm.barrier();
        long rssBefore = status("VmRSS"), live = Storage.liveBytes();
        Storage.resetPeak();
        long t0 = System.nanoTime();
        DNDarray y = x.resplit(1);
        comm.barrier();
        double s = (System.nanoTime() - t0) / 1e9;
        long hwm = status("VmHWM");
        String line = String.format("rank %d: array %.2f GiB (%d x %d float64), budget %s, slab %.2f GiB, out slab %.2f GiB,"
                        + " RSS before %.2f GiB, peak RSS %.2f GiB (+%.2f GiB), peak off-heap +%.2f GiB, %.1f s",
                comm.rank(), rows * cols * 8 / 1073741824.0, rows, cols,
                ExchangeBudget.bytes() == 0 ? "unlimited" : String.format("%.0f MiB", ExchangeBudget.bytes() / 1048576.0),
                x.lnbytes() / 1073741824.0, y.lnbytes() / 1073741824.0, rssBefore / 1073741824.0, hwm / 1073741824.0,
                (hwm - rssBefore) / 1073741824.0, (Storage.peakBytes() - live) / 1073741824.0, s);
        for (int r = 0; r < comm.size(); r++) {
            if (r == comm.rank()) {
                System.out.println(line);
                System.out.flush();
            }
            comm.barrier();
        }
    }

    /** A field of /proc/self/status in bytes (0 where there is none). */
    static long status(String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(field + ":")) return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
