package org.jheat.cli.bench;

import java.util.Arrays;

import org.jheat.classification.KNeighborsClassifier;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Exponential;
import org.jheat.core.Statistics;
import org.jheat.decomposition.PCA;
import org.jheat.io.IO;
import org.jheat.naivebayes.GaussianNB;
import org.jheat.preprocessing.StandardScaler;
import org.jheat.random.Random;
import org.jheat.regression.Lasso;
import org.jheat.tensor.DType;

/**
 * Benchmarks of the estimators on random data (split along the rows), medians over repetitions, printed on rank 0;
 * {@code bench/ml/sklearn_ml.py} times scikit-learn on the same sizes for comparison.
 * <ul>
 *   <li>{@code knn [NTRAIN] [NQUERY] [F] [K] [REPS]}: KNeighborsClassifier fit + predict (defaults 50000, 5000, 32, 5, 3);</li>
 *   <li>{@code nb [N] [F] [C] [REPS]}: GaussianNB fit + predictProba (defaults 1e6, 32, 10, 5);</li>
 *   <li>{@code scaler [N] [F] [REPS]}: StandardScaler fit + transform (defaults 1e7, 8, 5);</li>
 *   <li>{@code lasso DIR [EPOCHS] [REPS] [WARMUP]}: Lasso(alpha 0.1, exactly EPOCHS epochs, tol 0) on DIR/X.npy and
 *       DIR/y.npy (written by {@code bench/ml/lasso_data.py} with the reference's recipe), prints the fit time and the
 *       objective (defaults 50 epochs, 15 repetitions after 20 warm-up fits: at np=2 two JVMs compile on two cores
 *       at once, and the first fits ran 2-3x the steady time).</li>
 *   <li>{@code pca FILE.npy SOLVER [K] [REPS]}: PCA(K) with svdSolver SOLVER (hierarchical, randomized or full) on the
 *       rows of FILE.npy (written by {@code bench/ml/pca_data.py} with the reference's recipe), prints the fit time
 *       and the captured variance (the sum of explainedVariance; defaults K 10, 3 repetitions).</li>
 * </ul>
 * <pre>{@code
 * bin/jheat bench ml knn 50000 5000 32 5
 * mpirun -np 2 bin/jheat bench ml scaler 1e7 8
 * }</pre>
 */
public final class MlBench {
    private MlBench() { }

    /** Entry point: {@code knn|nb|scaler [sizes…]}. */
    public static void main(String[] args) {
        Communication comm = Communications.world();
        String what = args.length > 0 ? args[0] : "knn";
        if (what.equals("lasso")) {
            lasso(comm, args);
            return;
        }
        if (what.equals("pca")) {
            pca(comm, args);
            return;
        }
        double[] a = Arrays.stream(args).skip(1).mapToDouble(Double::parseDouble).toArray();
        Random.seed(7);
        switch (what) {
            case "knn" -> {
                long nt = (long) arg(a, 0, 50_000), nq = (long) arg(a, 1, 5_000), f = (long) arg(a, 2, 32);
                int k = (int) arg(a, 3, 5), reps = (int) arg(a, 4, 3);
                DNDarray xt = Random.randn(new long[] {nt, f}, DType.FLOAT64, 0), xq = Random.randn(new long[] {nq, f}, DType.FLOAT64, 0);
                DNDarray y = Random.randint(0, 10, new long[] {nt}, DType.INT64, 0);
                double ms = median(comm, reps, () -> new KNeighborsClassifier(k).fit(xt, y).predict(xq));
                print(comm, String.format("knn_fit_predict_ms %.1f (train %d x %d, queries %d, k %d, np %d)", ms, nt, f, nq, k, comm.size()));
            }
            case "nb" -> {
                long n = (long) arg(a, 0, 1_000_000), f = (long) arg(a, 1, 32);
                int c = (int) arg(a, 2, 10), reps = (int) arg(a, 3, 5);
                DNDarray x = Random.randn(new long[] {n, f}, DType.FLOAT64, 0);
                DNDarray y = Random.randint(0, c, new long[] {n}, DType.INT64, 0);
                double fit = median(comm, reps, () -> new GaussianNB().fit(x, y));
                GaussianNB nb = new GaussianNB().fit(x, y);
                double pred = median(comm, reps, () -> nb.predictProba(x).larray().storage().free());
                print(comm, String.format("gaussiannb_fit_ms %.1f predict_proba_ms %.1f (%d x %d, %d classes, np %d)", fit, pred, n, f, c, comm.size()));
            }
            case "scaler" -> {
                long n = (long) arg(a, 0, 10_000_000), f = (long) arg(a, 1, 8);
                int reps = (int) arg(a, 2, 5);
                DNDarray x = Random.randn(new long[] {n, f}, DType.FLOAT64, 0);
                double fit = median(comm, reps, () -> new StandardScaler().fit(x));
                StandardScaler s = new StandardScaler().fit(x);
                double tr = median(comm, reps, () -> s.transform(x).larray().storage().free());   // freed: fresh pages would be timed
                print(comm, String.format("standardscaler_fit_ms %.1f transform_ms %.1f (%d x %d, np %d)", fit, tr, n, f, comm.size()));
            }
            default -> print(comm, "usage: bench ml knn|nb|scaler [sizes…] | lasso DIR [EPOCHS] [REPS] | pca FILE.npy SOLVER [K] [REPS]");
        }
    }

    private static void lasso(Communication comm, String[] args) {
        if (args.length < 2) throw new IllegalArgumentException("usage: bench ml lasso DIR [EPOCHS] [REPS] [WARMUP] (DIR holds X.npy and y.npy)");
        String dir = args[1];
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 50, reps = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        if (epochs < 1 || reps < 1 || warmup < 0) {
            throw new IllegalArgumentException("bench ml lasso: EPOCHS and REPS must be >= 1 and WARMUP >= 0, got " + epochs + ", " + reps + ", " + warmup);
        }
        DNDarray x = IO.loadNpy(dir + "/X.npy", 0), y = IO.loadNpy(dir + "/y.npy", 0);
        double ms = median(comm, reps, warmup, () -> new Lasso(0.1).maxIter(epochs).tol(0).fit(x, y));
        // the fit's CPU time on this thread (BLAS runs in it with one thread): robust to a loaded machine
        java.lang.management.ThreadMXBean tb = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] cpu = new double[reps];
        for (int i = 0; i < reps; i++) {
            long c0 = tb.getCurrentThreadCpuTime();
            new Lasso(0.1).maxIter(epochs).tol(0).fit(x, y);
            cpu[i] = (tb.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(cpu);
        Lasso m = new Lasso(0.1).maxIter(epochs).tol(0).fit(x, y);
        DNDarray r = Arithmetics.sub(y, m.predict(x));
        double obj = 0.5 * Statistics.mean(Exponential.square(r), null, false).itemDouble();
        for (double w : m.coefArray()) obj += 0.1 * Math.abs(w);
        long[] g = x.gshape();
        print(comm, String.format("lasso_fit_ms %.1f cpu_ms %.1f (%d x %d, %d epochs, np %d) lasso_objective %.9f", ms, cpu[reps / 2], g[0], g[1], m.nIter(),
                comm.size(), obj));
    }

    private static void pca(Communication comm, String[] args) {
        if (args.length < 3) throw new IllegalArgumentException("usage: bench ml pca FILE.npy hierarchical|randomized|full [K] [REPS]");
        String solver = args[2];
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 10, reps = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        DNDarray x = IO.loadNpy(args[1], 0);
        double ms = median(comm, reps, () -> new PCA(k).svdSolver(solver).randomState(0L).fit(x));
        PCA p = new PCA(k).svdSolver(solver).randomState(0L).fit(x);
        double captured = Arithmetics.sum(p.explainedVariance()).itemDouble();
        long[] g = x.gshape();
        print(comm, String.format("pca_%s_fit_ms %.1f (%d x %d, rank %d, np %d) pca_captured_variance %.6f", solver, ms, g[0], g[1], k, comm.size(), captured));
    }

    private static double arg(double[] a, int i, double dflt) { return i < a.length ? a[i] : dflt; }

    private static double median(Communication comm, int reps, Runnable r) {
        return median(comm, reps, 1, r);
    }

    private static double median(Communication comm, int reps, int warmup, Runnable r) {
        for (int i = 0; i < warmup; i++) r.run();   // JIT
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            comm.barrier();
            long t0 = System.nanoTime();
            r.run();
            comm.barrier();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    private static void print(Communication comm, String s) {
        if (comm.rank() == 0) System.out.println(s);
    }
}
