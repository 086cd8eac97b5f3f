package org.jheat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.jheat.cluster.KMeans;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.comm.ReduceOp;
import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Histograms;
import org.jheat.core.Rounding;
import org.jheat.core.Statistics;
import org.jheat.datasets.Datasets;
import org.jheat.decomposition.PCA;
import org.jheat.io.IO;
import org.jheat.preprocessing.StandardScaler;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.Parallel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jheat demo}: Heat's pipeline, stage by stage — blobs with known centres written to HDF5 with the parallel
 * writer, then load → StandardScaler → KMeans (k-means++, fit + predict) → PCA → randn → save — printing per stage
 * the seconds, the peak resident memory of the busiest process during the stage, and a check value.
 *
 * <pre>{@code
 * bin/jheat demo
 * bin/jheat --np 2 demo --rows 2000000
 * }</pre>
 */
@Command(name = "demo", description = "Heat's pipeline on generated blobs: HDF5 write/load, StandardScaler, KMeans (k-means++), PCA, randn, save; "
        + "prints seconds, peak RSS per process and a check value per stage.")
final class Demo implements Callable<Integer> {
    @Option(names = "--rows", description = "samples (default ${DEFAULT-VALUE})")
    long rows = 1_000_000;

    @Option(names = "--cols", description = "features (default ${DEFAULT-VALUE})")
    int cols = 32;

    @Option(names = "--k", description = "clusters of the data and of k-means (default ${DEFAULT-VALUE})")
    int k = 8;

    @Option(names = "--components", description = "PCA components (default ${DEFAULT-VALUE})")
    int components = 8;

    @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--quiet", description = "no progress line on stderr")
    boolean quiet;

    @Option(names = "--dir", description = "directory for the HDF5 files (default: a new one under java.io.tmpdir, removed at the end)")
    Path dir;

    /** One row of the table. */
    record Row(String stage, double seconds, double peakMb, String check) { }

    @Override
    public Integer call() throws IOException {
        Communication comm = Communications.world();
        checkSizes(rows, cols, k, components);
        boolean temp = dir == null;
        Path d = dir;
        if (temp) {
            // one directory for all processes: rank 0 names it, everyone learns it (ranks share the file system)
            long stamp = comm.allreduce(comm.rank() == 0 ? System.currentTimeMillis() * 1000 + ProcessHandle.current().pid() % 1000 : 0L, ReduceOp.SUM);
            d = Path.of(System.getProperty("java.io.tmpdir"), "jheat-demo-" + stamp);
        }
        if (comm.rank() == 0) Files.createDirectories(d);
        comm.barrier();
        String data = d.resolve("blobs.h5").toString(), out = d.resolve("results.h5").toString();
        Main.out(comm, String.format("jheat demo: %d x %d float32 blobs, k = %d, %d PCA components; %d process(es), %d thread(s) each",
                rows, cols, k, components, comm.size(), Parallel.threads()));
        List<Row> table = pipeline(comm, rows, cols, k, components, seed, d, Progress.of(comm, quiet));
        Main.out(comm, String.format("%-24s %9s %14s  %s", "stage", "seconds", "peak RSS MB", "check"));
        double total = 0;
        for (Row row : table) {
            total += row.seconds();
            String peak = row.peakMb() < 0 ? "n/a" : String.format("%.1f", row.peakMb());
            Main.out(comm, String.format("%-24s %9.3f %14s  %s", row.stage(), row.seconds(), peak, row.check()));
        }
        Main.out(comm, String.format("%-24s %9.3f", "total", total));
        comm.barrier();
        if (temp && comm.rank() == 0) {
            Files.deleteIfExists(Path.of(data));
            Files.deleteIfExists(Path.of(out));
            Files.deleteIfExists(d);
        } else {
            Main.out(comm, "files: " + data + ", " + out);
        }
        return 0;
    }

    /** The pipeline's sizes checked (demo and bench): one line naming the option when one is out of range. */
    static void checkSizes(long rows, int cols, int k, int components) {
        if (rows < 2 || cols < 1 || k < 1 || components < 1) {
            throw new IllegalArgumentException("--rows must be >= 2 and --cols, --k, --components >= 1; got rows " + rows
                    + ", cols " + cols + ", k " + k + ", components " + components);
        }
        if (k > rows) throw new IllegalArgumentException("--k " + k + " is larger than --rows " + rows);
        if (components > Math.min(rows, cols)) {
            throw new IllegalArgumentException("--components " + components + " exceeds min(rows, cols) = " + Math.min(rows, cols));
        }
    }

    /**
     * Heat's pipeline on generated blobs in directory {@code d} (blobs.h5 and results.h5 are written there): one row
     * per stage. Also the first stages of {@code bench}. Collective.
     */
    static List<Row> pipeline(Communication comm, long rows, int cols, int k, int components, long seed, Path d, Progress progress) {
        String data = d.resolve("blobs.h5").toString(), out = d.resolve("results.h5").toString();
        List<Row> table = new ArrayList<>();
        Random.seed(seed);
        double[][] means = new double[k][cols];
        java.util.Random r = new java.util.Random(seed);
        for (double[] m : means) for (int j = 0; j < cols; j++) m[j] = r.nextDouble() * 20 - 10;
        double[] std = new double[k];
        java.util.Arrays.fill(std, 1.0);

        Datasets.Clusters blobs = stage(comm, progress, table, "make blobs", () -> Datasets.createClustersWithLabels(rows, cols, k, means, std, null, DType.FLOAT32, seed),
                c -> String.format("%d rows", c.data().gshape()[0]));
        stage(comm, progress, table, "save HDF5", () -> {
            IO.saveHdf5(blobs.data(), data, "data", "w");
            return data;
        }, f -> String.format("%.1f MB written", rows * cols * 4 / 1e6));
        DNDarray x = stage(comm, progress, table, "load HDF5", () -> IO.loadHdf5(data, "data", 0),
                y -> "max |loaded - written| = " + Statistics.max(Rounding.abs(Arithmetics.sub(y, blobs.data())), null, false).itemDouble());
        DNDarray xs = stage(comm, progress, table, "StandardScaler", () -> new StandardScaler().fitTransform(x),
                y -> String.format("max |column mean| = %.1e", Statistics.max(Rounding.abs(Statistics.mean(y, new int[] {0}, false)), null, false).itemDouble()));
        KMeans km = stage(comm, progress, table, "KMeans fit (k-means++)", () -> new KMeans(k).init("k-means++").randomState(seed)
                        .listener((run, it, changed, shift) -> progress.show(String.format("KMeans iteration %d: %d labels changed", it, changed))).fit(xs),
                m -> String.format("inertia %.6g, %d iterations", m.inertia(), m.nIter()));
        DNDarray labels = stage(comm, progress, table, "KMeans predict", () -> km.predict(xs), lab -> String.format("purity vs true clusters %.4f", purity(lab, blobs.labels(), k)));
        PCA pca = stage(comm, progress, table, "PCA (hierarchical)", () -> new PCA(components).fit(xs),
                p -> String.format("explained variance ratio %.6f", java.util.Arrays.stream(p.explainedVarianceRatio().toDoubleArray()).sum()));
        DNDarray z = stage(comm, progress, table, "PCA transform", () -> pca.transform(xs), t -> String.format("%d x %d", t.gshape()[0], t.gshape()[1]));
        DNDarray noise = stage(comm, progress, table, "randn", () -> Random.randn(new long[] {rows, cols}, DType.FLOAT32, 0),
                t -> String.format("mean %.1e, std %.4f", Statistics.mean(t, null, false).itemDouble(), Statistics.std(t, null, 0, false).itemDouble()));
        stage(comm, progress, table, "save results HDF5", () -> {
            IO.saveHdf5(labels, out, "labels", "w");
            IO.saveHdf5(z, out, "pca", "a");
            IO.saveHdf5(noise, out, "randn", "a");
            return out;
        }, f -> String.format("labels, %d-d projection, randn", components));
        return table;
    }

    /** Share of samples whose predicted cluster's majority true cluster is their own (1 = perfect up to relabelling). */
    private static double purity(DNDarray pred, DNDarray truth, int k) {
        DNDarray pair = Arithmetics.add(Arithmetics.mul(pred.astype(DType.INT64), (long) k), truth.astype(DType.INT64));
        double[] counts = Histograms.bincount(pair, null, (long) k * k).astype(DType.FLOAT64).toDoubleArray();
        double hit = 0, n = 0;
        for (int c = 0; c < k; c++) {
            double best = 0;
            for (int t = 0; t < k; t++) {
                best = Math.max(best, counts[c * k + t]);
                n += counts[c * k + t];
            }
            hit += best;
        }
        return hit / n;
    }

    /** Runs one stage between barriers, with the peak RSS of the stage (the most of any process) and its check value. */
    static <T> T stage(Communication comm, Progress progress, List<Row> table, String name, Supplier<T> work, java.util.function.Function<T, String> check) {
        progress.show(name + "…");
        ResidentMemory.resetPeak();
        comm.barrier();
        long t0 = System.nanoTime();
        T result = work.get();
        comm.barrier();
        double s = (System.nanoTime() - t0) / 1e9;
        progress.done();
        double peak = comm.allreduce((double) ResidentMemory.peakBytes(), ReduceOp.MAX) / 1e6;
        table.add(new Row(name, s, peak, check.apply(result)));
        return result;
    }
}
