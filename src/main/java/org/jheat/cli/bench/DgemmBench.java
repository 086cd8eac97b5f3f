package org.jheat.cli.bench;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Tensor;

/**
 * Local dgemm through jheat ({@link LocalLinalg#gemm} on n×n float64 tensors), timed like the C reference
 * {@code bench-reference/dgemm.c}: uniform random A and B, one untimed call, then the best of REPS calls as
 * GFLOP/s (2n³ flops per call). Every process runs its own product (threads per process: JHEAT_NUM_THREADS).
 *
 * <pre>{@code
 * JHEAT_NUM_THREADS=1 bin/jheat bench dgemm 4000 3
 * }</pre>
 */
public final class DgemmBench {
    private DgemmBench() { }

    /** Entry point: {@code N} (default 4000) and {@code REPS} (default 3). Prints the best and median GFLOP/s on rank 0. */
    public static void main(String[] args) {
        int n = args.length > 0 ? (int) Double.parseDouble(args[0]) : 4000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (n <= 0 || reps <= 0) throw new IllegalArgumentException("bench dgemm: N and REPS must be positive, got " + n + " and " + reps);
        Communication comm = Communications.world();
        Random.seed(1);
        Tensor a = Random.rand(new long[] {n, n}, DType.FLOAT64, null).larray();
        Tensor b = Random.rand(new long[] {n, n}, DType.FLOAT64, null).larray();
        Tensor c = Tensor.zeros(DType.FLOAT64, n, n);
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
            System.out.printf("dgemm_n %d GFLOPs %.1f  (best of %d; median %.1f; %d thread(s) per process, np=%d)%n",
                    n, s[reps - 1], reps, s[reps / 2], Parallel.threads(), comm.size());
        }
    }
}
