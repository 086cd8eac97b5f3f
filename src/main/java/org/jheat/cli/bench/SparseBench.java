package org.jheat.cli.bench;

import java.util.Arrays;

import org.jheat.cli.ResidentMemory;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.sparse.DCSRMatrix;
import org.jheat.sparse.Sparse;
import org.jheat.tensor.DType;

/**
 * Benchmark of the distributed sparse products on {@code Sparse.random} matrices (uniform columns, float64):
 * SpMV ({@code N x N} with {@code NNZ} entries times a vector), SpMM (times {@code K} dense columns) and SpGEMM
 * ({@code A · A}). Prints on rank 0 the median milliseconds over repetitions after five warm-up runs (which also make
 * the cached fetch plan, as an iterative solver would), the SpMV bandwidth (bytes of the CSR arrays and vectors over
 * time), and the set-up time. bench/sparse/scipy_sparse.py times scipy on a matrix of the same kind.
 *
 * <pre>{@code
 * bin/jheat bench sparse spmv 1e6 2e7 5
 * mpirun -np 2 bin/jheat bench sparse spmm 1e6 2e7 5 16
 * bin/jheat bench sparse spgemm 1e5 1e6 3
 * }</pre>
 */
public final class SparseBench {
    /** Untimed runs first: the JIT compiles the kernels, and the first product makes the cached fetch plan. */
    private static final int WARMUP = 5;

    private SparseBench() { }

    /** Entry point: {@code spmv|spmm|spgemm N NNZ [REPS] [K]}. */
    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "spmv";
        long n = args.length > 1 ? (long) Double.parseDouble(args[1]) : 1_000_000L;
        long nnz = args.length > 2 ? (long) Double.parseDouble(args[2]) : 20_000_000L;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        long k = args.length > 4 ? Long.parseLong(args[4]) : 16;
        Communication comm = Communications.world();
        long t0 = System.nanoTime();
        DCSRMatrix a = Sparse.random(n, n, (double) nnz / ((double) n * n), 42);
        DNDarray x = what.equals("spmm") ? Factories.ones(new long[] {n, k}, DType.FLOAT64, 0) : Factories.ones(new long[] {n}, DType.FLOAT64, 0);
        comm.barrier();
        double setup = (System.nanoTime() - t0) / 1e6;
        double[] ms = new double[reps];
        long outNnz = 0;
        for (int r = -WARMUP; r < reps; r++) {
            comm.barrier();
            long s = System.nanoTime();
            if (what.equals("spgemm")) {
                DCSRMatrix c = a.matmul(a);
                outNnz = c.nnz();
            } else {
                DNDarray y = a.matmul(x);
                y.larray().free();
            }
            comm.barrier();
            if (r >= 0) ms[r] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        double med = ms[reps / 2];
        if (comm.rank() == 0) {
            System.out.printf("%s n=%d nnz=%d np=%d setup_ms %.1f%n", what, n, a.nnz(), comm.size(), setup);
            System.out.printf("%s_ms %.3f (min %.3f max %.3f)%n", what, med, ms[0], ms[reps - 1]);
            if (what.equals("spmv")) {
                double bytes = a.nnz() * 16.0 + (n + 1) * 8.0 + 2 * n * 8.0;   // indices, values, indptr, x, y
                System.out.printf("spmv_GBps %.2f%n", bytes / (med * 1e6));
            }
            if (what.equals("spgemm")) System.out.printf("spgemm_nnz %d%n", outNnz);
        }
        long[] rss = comm.allgather(Math.max(0, ResidentMemory.peakBytes()) / 1024);
        if (comm.rank() == 0) System.out.printf("peak_rss_mib_per_process %s%n", Arrays.toString(Arrays.stream(rss).map(v -> v / 1024).toArray()));
    }
}
