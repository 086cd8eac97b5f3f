package org.jheat.cli.bench;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.fft.FFT;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.Parallel;

/**
 * Benchmark of {@link FFT}: fft2 of an N x N complex128 array split along axis 0 (at np &gt; 1 the transform along
 * axis 0 resplits there and back) and a 1-d fft of M complex128 points split 0 (the four-step algorithm at np &gt; 1).
 * Prints the median time over REPS after a warm-up. Compare with bench/fft/numpy_fft.py and bench/fft/fftw_fft.c.
 *
 * <pre>{@code
 * bin/jheat bench fft 4096 16777216 5
 * mpirun -np 2 bin/jheat bench fft
 * }</pre>
 */
public final class FftBench {
    private FftBench() { }

    /** Entry point: {@code [N] [M] [REPS]} (defaults 4096, 2^24, 5). */
    public static void main(String[] args) {
        long n = args.length > 0 ? (long) Double.parseDouble(args[0]) : 4096;
        long m = args.length > 1 ? (long) Double.parseDouble(args[1]) : 1L << 24;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Communication comm = Communications.world();
        Random.seed(1);
        StringBuilder out = new StringBuilder(String.format("fft bench: np=%d, threads/process=%d%n", comm.size(), Parallel.threads()));
        DNDarray x2 = Random.randn(new long[] {n, n}, DType.COMPLEX128, 0);
        out.append(String.format("  fft2 %dx%d complex128 split 0: median %.1f ms%n", n, n, medianMs(comm, () -> FFT.fft2(x2), reps)));
        x2.larray().free();
        DNDarray x1 = Random.randn(new long[] {m}, DType.COMPLEX128, 0);
        out.append(String.format("  fft1d %d complex128 split 0: median %.1f ms%n", m, medianMs(comm, () -> FFT.fft(x1), reps)));
        if (comm.rank() == 0) System.out.print(out);
        comm.barrier();
    }

    private static double medianMs(Communication comm, java.util.function.Supplier<DNDarray> op, int reps) {
        op.get().larray().free();   // warm-up: plans, JIT
        double[] ms = new double[reps];
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            DNDarray y = op.get();
            comm.barrier();
            ms[r] = (System.nanoTime() - t0) / 1e6;
            y.larray().free();
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }
}
