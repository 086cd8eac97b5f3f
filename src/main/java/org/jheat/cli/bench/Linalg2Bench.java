package org.jheat.cli.bench;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.linalg.Linalg;
import org.jheat.random.Random;
import org.jheat.sparse.DCSRMatrix;
import org.jheat.sparse.Sparse;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.tensor.Storage;

/**
 * Benchmarks of linear algebra II (not tests): {@code qr}, {@code svd}, {@code hsvd} (hsvdRank), {@code rsvd} (10
 * oversamples and scikit-learn's {@code randomized_svd} power-iteration count: 7 below a tenth of the smaller extent,
 * else 4) and {@code lanczos} on float64 data made by the random generator; the median seconds of the operation alone (data
 * generation excluded) and the peak extra off-heap memory of any process beyond the input. The Python counterpart
 * is scripts/bench/linalg2_ref.py (the same shapes, numpy / scikit-learn / scipy).
 *
 * <pre>{@code
 * bin/jheat bench linalg2 qr 1000000 50 0 3        # op m n split reps
 * bin/jheat bench linalg2 qr 3000 3000 0 3          # square: Householder panels at np ≥ 2 (-Djheat.linalg.panels=false: TSQR)
 * bin/jheat bench linalg2 polar 2000 2000 0 3       # also: eigh (of A + Aᵀ)
 * jheat_mpirun -np 2 bin/jheat bench linalg2 hsvd 200000 1000 0 3 10
 * bin/jheat bench linalg2 rsvd 200000 1000 0 3 10  # against sklearn.utils.extmath.randomized_svd(a, 10)
 * bin/jheat bench linalg2 lanczos 20000 0 0 1 50   # band matrix n×n stored dense, 50 steps
 * bin/jheat bench linalg2 lanczos-sparse 100000 0 0 3 50   # the same band as a DCSR matrix (1e5² dense is 80 GB)
 * }</pre>
 */
public final class Linalg2Bench {
    private Linalg2Bench() { }

    /** {@code OP M N SPLIT REPS [RANK|STEPS]}; prints one line on rank 0. */
    public static void main(String[] args) {
        String op = args[0];
        long m = (long) Double.parseDouble(args[1]), n = (long) Double.parseDouble(args[2]);
        Integer split = args[3].equalsIgnoreCase("none") ? null : Integer.valueOf(args[3]);
        int reps = Integer.parseInt(args[4]);
        long k = args.length > 5 ? Long.parseLong(args[5]) : 10;
        Communication comm = Communications.world();
        Random.seed(1);
        DNDarray a = null;
        DCSRMatrix sp = null;
        if (op.equals("lanczos-sparse")) {
            sp = sparseBand(m, comm);
        } else if (op.equals("lanczos")) {
            // a symmetric band matrix (bandwidth 5) stored dense: n×n
            a = band(m, split, comm);
        } else {
            a = Random.rand(new long[] {m, n}, DType.FLOAT64, split);
            if (op.equals("eigh")) a = org.jheat.core.Arithmetics.add(a, a.T());   // symmetric
        }
        double[] sec = new double[reps];
        long peak = 0;
        for (int r = 0; r < reps; r++) {
            comm.barrier();
            long live = Storage.liveBytes();
            Storage.resetPeak();
            long t0 = System.nanoTime();
            if (sp != null) Linalg.lanczos(sp, k, null);
            else run(op, a, k);
            comm.barrier();
            sec[r] = (System.nanoTime() - t0) / 1e9;
            peak = Math.max(peak, Storage.peakBytes() - live);
        }
        long maxPeak = comm.allreduce(peak, ReduceOp.MAX);
        Arrays.sort(sec);
        if (comm.rank() == 0) {
            System.out.printf("%s m=%d n=%d split=%s np=%d: median %.3f s (min %.3f), peak extra off-heap per process %.1f MiB%n", op, m, n, split,
                    comm.size(), sec[reps / 2], sec[0], maxPeak / 1048576.0);
        }
    }

    private static void run(String op, DNDarray a, long k) {
        switch (op) {
            case "qr" -> Linalg.qr(a);
            case "svd" -> Linalg.svd(a);
            case "polar" -> Linalg.polar(a);
            case "eigh" -> Linalg.eigh(a);
            case "hsvd" -> Linalg.hsvdRank(a, k);
            case "rsvd" -> Linalg.rsvd(a, k, 10, k < 0.1 * Math.min(a.gshape()[0], a.gshape()[1]) ? 7 : 4);
            case "lanczos" -> Linalg.lanczos(a, k);
            default -> throw new IllegalArgumentException("linalg2 bench: unknown op '" + op + "'; allowed: qr, svd, hsvd, rsvd, lanczos");
        }
    }

    /**
     * The symmetric n×n band matrix with 2 on the diagonal and −1/d on the first 5 off-diagonals, as a DCSR matrix:
     * each process passes the triplets of its block of rows.
     */
    private static DCSRMatrix sparseBand(long n, Communication comm) {
        long lo = n * comm.rank() / comm.size(), hi = n * (comm.rank() + 1) / comm.size();
        int cap = (int) ((hi - lo) * 11), c = 0;
        long[] r = new long[cap], col = new long[cap];
        double[] v = new double[cap];
        for (long i = lo; i < hi; i++) {
            for (long d = -5; d <= 5; d++) {
                long j = i + d;
                if (j < 0 || j >= n) continue;
                r[c] = i;
                col[c] = j;
                v[c++] = d == 0 ? 2.0 : -1.0 / Math.abs(d);
            }
        }
        return Sparse.fromCoo(Tensor.fromArray(Arrays.copyOf(r, c)), Tensor.fromArray(Arrays.copyOf(col, c)),
                Tensor.fromArray(Arrays.copyOf(v, c)), new long[] {n, n});
    }

    /** {@link #sparseBand} stored dense, split along {@code split} (null: replicated). */
    private static DNDarray band(long n, Integer split, Communication comm) {
        DNDarray rows = sparseBand(n, comm).toDense();
        return split != null && split == 0 ? rows : rows.resplit(split);
    }
}
