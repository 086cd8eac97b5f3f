package org.jheat.cli.bench;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Tensor;

/**
 * Local dgemm through jheat ({@link LocalLinalg#gemm} on n×n float64 tensors), timed like the C reference
 * {@code bench-reference/dgemm.c}: uniform [0, 1) A and B (a plain LCG, as cheap as the reference's rand()), one untimed call, then the best of REPS calls as
 * GFLOP/s (2n³ flops per call). Every process runs its own product (threads per process: JHEAT_NUM_THREADS).
 *
 * <pre>{@code
 * JHEAT_NUM_THREADS=1 bin/jheat bench dgemm 4000 3
 * }</pre>
 */
public final class DgemmBench {
    private DgemmBench() { }

    /**
     * An n×n matrix of uniform [0, 1) values from a 64-bit LCG, in blocks of rows: as cheap as the reference's rand() loop,
     * so that whole-process times compare the products, not the generators.
     */
    private static Tensor uniform(int m, int n, long seed) {
        Tensor t = Tensor.empty(DType.FLOAT64, m, n);
        int rows = Math.max(1, Math.min(m, (1 << 18) / n));   // about 2 MB per block
        double[] block = new double[rows * n];
        long x = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < m; i += rows) {
            int r = Math.min(rows, m - i);
            for (int j = 0; j < r * n; j++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                block[j] = (x >>> 11) * 0x1.0p-53;
            }
            Tensor src = Tensor.fromArray(r == rows ? block : java.util.Arrays.copyOf(block, r * n)).reshape(r, n);
            t.narrow(0, i, r).copyFrom(src);
            src.storage().free();
        }
        return t;
    }

    /**
     * Entry point: {@code N} (default 4000) and {@code REPS} (default 3), or {@code M K N REPS} for an (M×K)·(K×N)
     * product into a contiguous row-major C (tall and skinny C goes through the column-major temporary of
     * CpuLinalg.gemmFloat; {@code bench/core/numpy_matmul.py M K N REPS} is numpy's {@code A @ B}). Prints the best
     * and median GFLOP/s on rank 0 (milliseconds too for a shape).
     */
    public static void main(String[] args) {
        if (args.length >= 3) {
            shape(args);
            return;
        }
        int n = args.length > 0 ? (int) Double.parseDouble(args[0]) : 4000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (n <= 0 || reps <= 0) throw new IllegalArgumentException("bench dgemm: N and REPS must be positive, got " + n + " and " + reps);
        Communication comm = Communications.world();
        double jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;   // JVM start to here
        long s0 = System.nanoTime();
        Tensor a = uniform(n, n, 1), b = uniform(n, n, 2);
        Tensor c = Tensor.zeros(DType.FLOAT64, n, n);
        double setup = (System.nanoTime() - s0) / 1e9;
        LocalLinalg.gemm(1.0, a, b, 0.0, c);   // untimed, as the reference's first call
        double[] gflops = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            LocalLinalg.gemm(1.0, a, b, 0.0, c);
            gflops[r] = 2.0 * n * n * (double) n / (System.nanoTime() - t0);
        }
        double[] s = gflops.clone();
        Arrays.sort(s);
        if (comm.rank() == 0) {
            System.out.printf("dgemm_n %d GFLOPs %.1f  (best of %d; median %.1f; %d thread(s) per process, np=%d; "
                    + "start-up %.2f s, random A and B %.2f s)%n", n, s[reps - 1], reps, s[reps / 2], Parallel.threads(),
                    comm.size(), jvm, setup);
        }
    }

    /** {@code M K N [REPS]}: one untimed product, then the best and median of REPS (default 5). */
    private static void shape(String[] args) {
        int m = (int) Double.parseDouble(args[0]), k = (int) Double.parseDouble(args[1]), n = (int) Double.parseDouble(args[2]);
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        if (m <= 0 || k <= 0 || n <= 0 || reps <= 0) {
            throw new IllegalArgumentException("bench dgemm: M, K, N and REPS must be positive, got " + m + ", " + k + ", " + n + " and " + reps);
        }
        Communication comm = Communications.world();
        Tensor a = uniform(m, k, 1), b = uniform(k, n, 2);
        Tensor c = Tensor.zeros(DType.FLOAT64, m, n);
        LocalLinalg.gemm(1.0, a, b, 0.0, c);
        double[] ms = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            LocalLinalg.gemm(1.0, a, b, 0.0, c);
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        if (comm.rank() == 0) {
            double flops = 2.0 * m * k * (double) n;
            System.out.printf("dgemm %d x %d x %d: best %.1f ms (%.1f GFLOPs), median %.1f ms; %d thread(s) per process, np=%d%n", m, k, n,
                    ms[0], flops / ms[0] / 1e6, ms[reps / 2], Parallel.threads(), comm.size());
        }
    }
}
