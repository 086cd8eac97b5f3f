package org.jheat.cli.bench;

import org.jheat.cluster.Spectral;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.io.IO;

/**
 * Spectral clustering timing (issue "Machine learning II": spectral clustering of 20000 points): fits
 * {@code Spectral(K).gamma(G)} (Heat's defaults otherwise: fully connected rbf, 300 Lanczos steps) once on DIR/X.npy
 * (split along the rows; written by {@code bench/ml/spectral_data.py}), prints the fit time and writes the labels
 * to DIR/labels_jheat.npy; {@code bench/ml/spectral_sklearn.py} does the same with scikit-learn.
 * <pre>{@code
 * java -cp … org.jheat.cli.bench.SpectralBench /tmp/spec 4 0.5
 * mpirun -np 2 java -cp … org.jheat.cli.bench.SpectralBench /tmp/spec 4 0.5
 * }</pre>
 */
public final class SpectralBench {
    private SpectralBench() { }

    /** Entry point: {@code DIR [K] [GAMMA]}. */
    public static void main(String[] args) {
        Communication comm = Communications.world();
        String dir = args[0];
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        double gamma = args.length > 2 ? Double.parseDouble(args[2]) : 0.5;
        DNDarray x = IO.loadNpy(dir + "/X.npy", 0);
        comm.barrier();
        long t0 = System.nanoTime();
        DNDarray labels = new Spectral(k).gamma(gamma).randomState(0L).fitPredict(x);
        comm.barrier();
        double ms = (System.nanoTime() - t0) / 1e6;
        IO.saveNpy(labels, dir + "/labels_jheat.npy");
        if (comm.rank() == 0) {
            System.out.printf("spectral_fit_ms %.1f (%d x %d, k %d, np %d)%n", ms, x.gshape()[0], x.gshape()[1], k, comm.size());
        }
    }
}
