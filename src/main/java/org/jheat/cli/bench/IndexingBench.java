package org.jheat.cli.bench;

import static org.jheat.core.Index.all;
import static org.jheat.core.Index.idx;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.core.Index;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.Parallel;

/**
 * Benchmark of advanced indexing on a (ROWS, COLS) float64 array split 0 of standard normals: the boolean-mask
 * selection {@code x[x[:, 0] > 0]} (mask made outside the timing) and the row gather {@code x[idx]} with
 * {@code NIDX} random replicated int64 row indices, median over repetitions after {@value #WARMUP} uncounted calls. Each result is freed, so the next one
 * reuses memory. The CPU time of the calling thread is printed too: on a loaded machine it is the steadier figure
 * (with one thread per process, JHEAT_NUM_THREADS=1). The same operations with torch and numpy: {@code bench/indexing/torch_indexing.py}.
 *
 * <pre>{@code
 * jheat_mpirun -np 2 bin/jheat bench indexing 1e6 8 1e5 9
 * }</pre>
 */
public final class IndexingBench {
    /**
     * Uncounted calls of each operation first: the first ~25 selections ran 1.5-2x the steady time while the JIT
     * compiled the indexing path (2 warm-ups left that in the median; numpy and torch have no such phase).
     */
    private static final int WARMUP = 30;

    private IndexingBench() { }

    /** Entry point: {@code ROWS} (1e6), {@code COLS} (8), {@code NIDX} (1e5), {@code REPS} (9). Prints medians on rank 0. */
    public static void main(String[] args) {
        long rows = args.length > 0 ? (long) Double.parseDouble(args[0]) : 1_000_000L;
        long cols = args.length > 1 ? (long) Double.parseDouble(args[1]) : 8;
        long nidx = args.length > 2 ? (long) Double.parseDouble(args[2]) : 100_000L;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 9;
        Communication comm = Communications.world();
        Random.seed(42);
        DNDarray x = Random.randn(new long[] {rows, cols}, DType.FLOAT64, 0);
        DNDarray mask = x.get(all(), idx(0)).gt(0.0);
        DNDarray ix = Random.randint(0, rows, new long[] {nidx}, DType.INT64, null);
        double[] m = Timing.medianMillis(comm, WARMUP, reps, () -> x.get(Index.mask(mask)));
        double[] g = Timing.medianMillis(comm, WARMUP, reps, () -> x.get(Index.of(ix)));
        if (comm.rank() == 0) {
            System.out.printf("indexing bench: (%d, %d) float64 split 0, np=%d, threads/process=%d, reps=%d%n", rows, cols, comm.size(),
                    Parallel.threads(), reps);
            System.out.printf("  x[x[:, 0] > 0]   %8.2f ms  (cpu of the calling thread %.2f ms)%n", m[0], m[1]);
            System.out.printf("  x[idx] (%d replicated int64) %8.2f ms  (cpu of the calling thread %.2f ms)%n", nidx, g[0], g[1]);
        }
        comm.barrier();
    }
}
