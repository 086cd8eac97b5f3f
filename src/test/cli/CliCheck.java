import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.jheat.classification.KNeighborsClassifier;
import org.jheat.cluster.KMeans;
import org.jheat.cluster.KMedians;
import org.jheat.cluster.Spectral;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.decomposition.PCA;
import org.jheat.io.IO;
import org.jheat.naivebayes.GaussianNB;
import org.jheat.regression.Lasso;
import org.jheat.tensor.DType;

/**
 * bin/cli-test's data and checks, run through `bin/jheat run`:
 *   make DIR     writes DIR/d.h5 (X (61, 3) float64 blobs, y (61,) int64 labels, t (61,) float64 = X w + 0.5),
 *                DIR/X.npy and DIR/X.csv (the same X), DIR/test.h5 (X, y: 17 other samples)
 *   verify DIR   checks the outputs that bin/cli-test's commands wrote into DIR/out (one process) and DIR/out2
 *                (two processes) against the library's own estimators run here with the same options, and the
 *                stats against values computed here from the raw numbers; prints "verified N outputs".
 */
public class CliCheck {
    static int checked;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("make")) make(dir);
        else verify(dir);
    }

    static double[][] blobs(long seed, int n) {
        java.util.Random r = new java.util.Random(seed);
        double[][] c = {{0, 0, 0}, {6, 6, 6}, {0, 9, -5}};
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) for (int j = 0; j < 3; j++) x[i][j] = c[i % 3][j] + r.nextGaussian();
        return x;
    }

    static void make(Path dir) {
        int n = 61;
        double[][] x = blobs(7, n);
        long[] y = new long[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            t[i] = 1.5 * x[i][0] - 2.0 * x[i][1] + 0.5 * x[i][2] + 0.5;
        }
        DNDarray xa = Factories.array(x, DType.FLOAT64, 0);
        IO.save(xa, dir.resolve("d.h5").toString(), "X", "w");
        IO.save(Factories.array(y, DType.INT64, 0), dir.resolve("d.h5").toString(), "y", "a");
        IO.save(Factories.array(t, DType.FLOAT64, 0), dir.resolve("d.h5").toString(), "t", "a");
        IO.save(xa, dir.resolve("X.npy").toString());
        IO.save(xa, dir.resolve("X.csv").toString());
        double[][] tx = blobs(8, 17);
        long[] ty = new long[17];
        for (int i = 0; i < 17; i++) ty[i] = i % 3;
        IO.save(Factories.array(tx, DType.FLOAT64, 0), dir.resolve("test.h5").toString(), "X", "w");
        IO.save(Factories.array(ty, DType.INT64, 0), dir.resolve("test.h5").toString(), "y", "a");
    }

    static void same(String what, DNDarray expected, DNDarray got, double tol) {
        if (!Arrays.equals(expected.gshape(), got.gshape())) {
            throw new AssertionError(what + ": shape " + Arrays.toString(got.gshape()) + ", expected " + Arrays.toString(expected.gshape()));
        }
        double[] e = expected.toDoubleArray(), g = got.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - g[i]) <= tol * (1 + Math.abs(e[i])))) {
                throw new AssertionError(what + ": element " + i + " is " + g[i] + ", expected " + e[i]);
            }
        }
        checked++;
    }

    static DNDarray load(Path f, String name) { return IO.load(f.toString(), name, 0, null); }

    static void verify(Path dir) throws Exception {
        DNDarray x = load(dir.resolve("d.h5"), "X"), y = load(dir.resolve("d.h5"), "y"), t = load(dir.resolve("d.h5"), "t");
        DNDarray tx = load(dir.resolve("test.h5"), "X");
        KMeans km = new KMeans(3).randomState(1L).fit(x);
        KMedians kmed = new KMedians(3).init(x.get(org.jheat.core.Index.slice(0, 3), org.jheat.core.Index.all())).fit(x);
        PCA pca = new PCA(2).svdSolver("full").fit(x);
        Lasso lasso = new Lasso(0.01).fit(x, t);
        GaussianNB gnb = new GaussianNB().fit(x, y);
        KNeighborsClassifier knn = new KNeighborsClassifier(3).fit(x, y);
        DNDarray sp = new Spectral(3).gamma(0.05).randomState(0L).fit(x).labels();
        for (String sub : new String[] {"out", "out2"}) {
            Path o = dir.resolve(sub);
            double tol = sub.equals("out") ? 1e-12 : 1e-8;   // two processes sum in another order
            same(sub + " kmeans labels", km.labels(), load(o.resolve("km.h5"), "labels"), 0);
            same(sub + " kmeans centers", km.clusterCenters(), load(o.resolve("km.h5"), "centers"), tol);
            same(sub + " kmedians labels", kmed.labels(), IO.load(o.resolve("kmed.npy").toString(), 0), 0);
            same(sub + " kmedians centers", kmed.clusterCenters(), IO.load(o.resolve("kmed.centers.npy").toString(), 0), tol);
            // components are unique up to sign: compare |values|
            same(sub + " pca components", org.jheat.core.Rounding.abs(pca.components()), org.jheat.core.Rounding.abs(load(o.resolve("pca.nc"), "components")), 1e-8);
            same(sub + " pca explained variance", pca.explainedVariance(), load(o.resolve("pca.nc"), "explained_variance"), 1e-8);
            same(sub + " lasso coef", lasso.coef(), load(o.resolve("lasso.zarr"), "coef"), 1e-8);
            same(sub + " lasso predictions", lasso.predict(x), load(o.resolve("lasso.zarr"), "predictions"), 1e-8);
            same(sub + " gnb predictions", gnb.predict(tx), load(o.resolve("gnb.h5"), "predictions"), 0);
            same(sub + " gnb theta", gnb.theta(), load(o.resolve("gnb.h5"), "theta"), tol);
            // a 1-D array saved as CSV reads back as one column
            same(sub + " knn predictions", knn.predict(x), IO.load(o.resolve("knn.csv").toString(), 0).astype(DType.INT64).reshape(x.gshape()[0]), 0);
            same(sub + " spectral labels", sp, load(o.resolve("sp.h5"), "labels"), 0);
            same(sub + " convert", x, load(o.resolve("conv.zarr"), "X"), 0);
            same(sub + " convert back", x, IO.load(o.resolve("conv.npy").toString(), 0), 0);
            checkStats(sub, x, load(o.resolve("stats.h5"), "describe"));
        }
        System.out.println("verified " + checked + " outputs");
    }

    /** pandas' describe computed here from the raw numbers: count, mean, std (ddof 1), min, 25/50/75% (linear), max. */
    static void checkStats(String sub, DNDarray x, DNDarray got) {
        double[] v = x.toDoubleArray();
        int n = (int) x.gshape()[0], f = (int) x.gshape()[1];
        double[] e = new double[8 * f];
        for (int j = 0; j < f; j++) {
            double[] c = new double[n];
            for (int i = 0; i < n; i++) c[i] = v[i * f + j];
            double mean = Arrays.stream(c).average().orElseThrow(), ss = 0;
            for (double a : c) ss += (a - mean) * (a - mean);
            Arrays.sort(c);
            double[] row = {n, mean, Math.sqrt(ss / (n - 1)), c[0], pct(c, 25), pct(c, 50), pct(c, 75), c[n - 1]};
            for (int r = 0; r < 8; r++) e[r * f + j] = row[r];
        }
        same(sub + " stats", Factories.array(e, DType.FLOAT64, null).reshape(8, f), got, 1e-10);
    }

    static double pct(double[] sorted, double q) {
        double pos = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
