package org.jheat.io;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;

/**
 * Benchmark entry point for parallel I/O (compare: bench/io/*.py). Each run loads the file {@code reps} times,
 * split along 0, and prints on rank 0 {@code name seconds GB/s} (best and median) — the first repeat
 * included, so with a cold page cache the first figure is the disk's.
 *
 * <pre>{@code
 * java -cp … org.jheat.io.IOBench hdf5 /tmp/big.h5 data 3
 * mpirun -np 2 java -cp … org.jheat.io.IOBench csv /tmp/t.csv 3
 * }</pre>
 */
public final class IOBench {
    private IOBench() { }

    /**
     * {@code hdf5 FILE DATASET [REPS]}, {@code netcdf FILE VARIABLE [REPS]}, {@code multi-hdf5 FOLDER|GLOB DATASET
     * [REPS]}, {@code npy FILE [REPS]}, {@code csv FILE [REPS]} or {@code zarr STORE [REPS]}.
     * <pre>{@code IOBench.main(new String[] {"npy", "/tmp/x.npy", "3"}); }</pre>
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: IOBench hdf5|netcdf FILE NAME [REPS] | multi-hdf5 FOLDER|GLOB NAME [REPS] | npy|csv|zarr FILE [REPS]");
            System.exit(2);
        }
        Communication comm = Communications.world();
        boolean named = args[0].equals("hdf5") || args[0].equals("netcdf") || args[0].equals("multi-hdf5");
        int reps = args.length > (named ? 3 : 2) ? Integer.parseInt(args[named ? 3 : 2]) : 3;
        double[] secs = new double[reps];
        long bytes = 0, rows = 0;
        for (int i = 0; i < reps; i++) {
            comm.barrier();
            long t0 = System.nanoTime();
            DNDarray x = switch (args[0]) {
                case "hdf5" -> IO.loadHdf5(args[1], args[2], 0);
                case "netcdf" -> IO.loadNetcdf(args[1], args[2], 0);
                case "npy" -> IO.loadNpy(args[1], 0);
                case "zarr" -> IO.loadZarr(args[1], 0);
                case "multi-hdf5" -> IO.loadMultipleHdf5(args[1], args[2]);
                case "csv" -> IO.loadCsv(args[1], ",", 0, DType.FLOAT64, 0);
                default -> throw new IllegalArgumentException("unknown format " + args[0]);
            };
            comm.barrier();
            secs[i] = (System.nanoTime() - t0) / 1e9;
            bytes = x.nbytes();
            rows = x.gshape()[0];
            x.larray().free();
        }
        double[] sorted = secs.clone();
        Arrays.sort(sorted);
        if (comm.rank() == 0) {
            double best = sorted[0], med = sorted[reps / 2];
            System.out.printf("%s-read np=%d bytes=%d rows=%d best %.3f s (%.2f GB/s, %.0f rows/s) median %.3f s (%.2f GB/s) all %s%n",
                    args[0], comm.size(), bytes, rows, best, bytes / best / 1e9, rows / best, med, bytes / med / 1e9, Arrays.toString(secs));
        }
    }
}
