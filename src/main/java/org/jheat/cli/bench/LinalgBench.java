package org.jheat.cli.bench;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.linalg.Linalg;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Storage;

/**
 * Benchmarks of the distributed products (not tests): {@code matmul} of two n×n float64 matrices with given splits —
 * median seconds, GFLOP/s (2n³ flops) and the peak extra off-heap memory of any process beyond the operands — and
 * {@code einsum} ("ij,jk->ik" and "bij,bjk->bik") against {@code matmul} on the same data, and {@code solve} (the
 * distributed LU, real or complex).
 *
 * <pre>{@code
 * JHEAT_NUM_THREADS=1 jheat_mpirun -np 2 bin/jheat bench matmul 4000 0 1
 * bin/jheat bench einsum 2000
 * }</pre>
 */
public final class LinalgBench {
    private LinalgBench() { }

    private static Integer split(String s) {
        return s.equalsIgnoreCase("none") || s.equals("-") ? null : Integer.valueOf(s);
    }

    /**
     * {@code solve [N] [SPLIT] [DTYPE] [REPS]}: defaults 2000, 0, complex128, 3. Times {@code Linalg.solve(a, b)} for an
     * n×n a (uniform random plus n·I) with the given split and an n×8 right side split 0 (a split matrix: the
     * distributed LU; none: LAPACK on every process) and prints the median seconds and GFLOP/s of the factorisation
     * (2n³/3 real flops, four times that for complex) on rank 0. Compare with numpy:
     * {@code /usr/bin/python3 scripts/bench/solve_numpy.py N DTYPE REPS}.
     * <pre>{@code jheat_mpirun -np 2 bin/jheat bench solve 2000 0 complex128 }</pre>
     */
    public static void solve(String[] args) {
        long n = args.length > 0 ? (long) Double.parseDouble(args[0]) : 2000;
        Integer sa = args.length > 1 ? split(args[1]) : Integer.valueOf(0);
        DType t = args.length > 2 ? DType.of(args[2]) : DType.COMPLEX128;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Communication comm = Communications.world();
        Random.seed(7);
        DNDarray a = Random.rand(new long[] {n, n}, DType.FLOAT64, sa);
        if (t.isComplex()) a = org.jheat.core.Complexes.complex(a, Random.rand(new long[] {n, n}, DType.FLOAT64, sa));
        a = a.add(org.jheat.core.Factories.eye(n, n, 0, DType.FLOAT64, sa).mul((double) n)).astype(t);
        DNDarray b = Random.rand(new long[] {n, 8}, DType.FLOAT64, 0).astype(t);
        Linalg.solve(a, b).larray().storage().free();   // warm-up
        double[] sec = new double[reps];
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            DNDarray x = Linalg.solve(a, b);
            comm.barrier();
            sec[r] = (System.nanoTime() - t0) / 1e9;
            x.larray().storage().free();
        }
        double s = median(sec);
        if (comm.rank() == 0) {
            double flops = 2.0 * n * n * n / 3 * (t.isComplex() ? 4 : 1);
            System.out.printf("solve n=%d %s split %s, np=%d, threads/process=%d: %.3f s, %.1f GFLOP/s%n",
                    n, t, sa, comm.size(), Parallel.threads(), s, flops / s / 1e9);
        }
    }

    /** {@code matmul [N] [SPLIT_A] [SPLIT_B] [REPS]}: defaults 4000, 0, 0, 3. Prints one line on rank 0. */
    public static void matmul(String[] args) {
        long n = args.length > 0 ? (long) Double.parseDouble(args[0]) : 4000;
        Integer sa = args.length > 1 ? split(args[1]) : Integer.valueOf(0), sb = args.length > 2 ? split(args[2]) : Integer.valueOf(0);
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Communication comm = Communications.world();
        Random.seed(7);
        DNDarray a = Random.rand(new long[] {n, n}, DType.FLOAT64, sa), b = Random.rand(new long[] {n, n}, DType.FLOAT64, sb);
        Linalg.matmul(a, b).larray().storage().free();   // warm-up: JIT, BLAS threads, freed-block cache
        double[] sec = new double[reps];
        long peak = 0;
        String outSplit = "";
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long live = Storage.liveBytes();
            Storage.resetPeak();
            long t0 = System.nanoTime();
            DNDarray c = Linalg.matmul(a, b);
            comm.barrier();
            sec[r] = (System.nanoTime() - t0) / 1e9;
            peak = Math.max(peak, Storage.peakBytes() - live);
            outSplit = String.valueOf(c.split());
            c.larray().storage().free();
        }
        long maxPeak = comm.allreduce(peak, ReduceOp.MAX);
        double s = median(sec);
        if (comm.rank() == 0) {
            double slabMiB = (double) n * n * 8 / comm.size() / (1 << 20);
            System.out.printf("matmul n=%d float64 split (%s, %s) -> %s, np=%d, threads/process=%d: %.3f s, %.1f GFLOP/s,"
                    + " peak extra %.1f MiB per process (result slab %.1f MiB, full result %.1f MiB)%n",
                    n, sa, sb, outSplit, comm.size(), Parallel.threads(), s, 2.0 * n * n * n / s / 1e9,
                    maxPeak / 1048576.0, slabMiB, (double) n * n * 8 / (1 << 20));
        }
    }

    /** {@code einsum [N] [REPS]}: "ij,jk->ik" on n×n and "bij,bjk->bik" on (8, n/2, n/2), split 0, vs matmul. */
    public static void einsum(String[] args) {
        long n = args.length > 0 ? (long) Double.parseDouble(args[0]) : 2000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Communication comm = Communications.world();
        Random.seed(11);
        DNDarray a = Random.rand(new long[] {n, n}, DType.FLOAT64, 0), b = Random.rand(new long[] {n, n}, DType.FLOAT64, 0);
        report(comm, "ij,jk->ik", n, time(comm, reps, () -> Linalg.einsum("ij,jk->ik", a, b)), time(comm, reps, () -> Linalg.matmul(a, b)),
                2.0 * n * n * n);
        long h = n / 2, bt = 8;
        DNDarray x = Random.rand(new long[] {bt, h, h}, DType.FLOAT64, 0), y = Random.rand(new long[] {bt, h, h}, DType.FLOAT64, 0);
        report(comm, "bij,bjk->bik", n, time(comm, reps, () -> Linalg.einsum("bij,bjk->bik", x, y)), time(comm, reps, () -> Linalg.matmul(x, y)),
                2.0 * bt * h * h * h);
    }

    private static void report(Communication comm, String sub, long n, double te, double tm, double flops) {
        if (comm.rank() == 0) {
            System.out.printf("einsum %-14s n=%d np=%d: einsum %.3f s (%.1f GFLOP/s), matmul %.3f s (%.1f GFLOP/s), ratio %.2f%n",
                    sub, n, comm.size(), te, flops / te / 1e9, tm, flops / tm / 1e9, tm / te);
        }
    }

    private static double time(Communication comm, int reps, java.util.function.Supplier<DNDarray> op) {
        op.get().larray().storage().free();
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long t0 = System.nanoTime();
            DNDarray c = op.get();
            comm.barrier();
            t[r] = (System.nanoTime() - t0) / 1e9;
            if (c.larray().storage() != null) c.larray().storage().free();
        }
        return median(t);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
