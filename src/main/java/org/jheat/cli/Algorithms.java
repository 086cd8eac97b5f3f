package org.jheat.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jheat.classification.KNeighborsClassifier;
import org.jheat.cluster.KCluster;
import org.jheat.cluster.KMeans;
import org.jheat.cluster.KMedians;
import org.jheat.cluster.Spectral;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.core.Histograms;
import org.jheat.core.Index;
import org.jheat.core.Joining;
import org.jheat.core.Quantiles;
import org.jheat.core.Statistics;
import org.jheat.decomposition.PCA;
import org.jheat.naivebayes.GaussianNB;
import org.jheat.regression.Lasso;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One command per algorithm on a user's file: {@code kmeans}, {@code kmedians}, {@code pca}, {@code lasso},
 * {@code gnb}, {@code knn}, {@code spectral}, {@code stats} and {@code convert}. Each reads {@code --input F
 * [--dataset D] [--split 0]}, runs the estimator of the library, writes its results to {@code --output G} (format by
 * extension, dataset names listed in each command's help and in the README) and prints a short summary on stdout, or
 * one JSON object with {@code --json}. Under {@code mpirun} every process runs the command and rank 0 prints.
 *
 * <pre>{@code
 * bin/jheat kmeans --input data.h5 --dataset X --k 8 --output clusters.h5
 * bin/jheat --np 4 pca --input data.h5 --dataset X --n-components 0.95 --output pca.h5 --json
 * }</pre>
 */
final class Algorithms {
    private Algorithms() { }

    /** The options and steps shared by the commands: load, compute, save, print. */
    abstract static class DataCommand implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "FILE", description = "input file: .h5, .nc, .zarr, .npy or .csv (comma-separated, no header)")
        String input;

        @Option(names = "--dataset", paramLabel = "NAME", description = "dataset/variable/array in the input (needed when it holds more than one)")
        String dataset;

        @Option(names = "--split", paramLabel = "AXIS", description = "axis the data is distributed along: 0 (rows, default), 1 or none")
        String split = "0";

        @Option(names = "--output", paramLabel = "FILE", description = "where the results go; format by extension (.h5, .nc, .zarr hold named datasets; "
                + ".npy/.csv get the first result, the others go to STEM.NAME.EXT)")
        String output;

        @Option(names = "--json", description = "print one JSON object instead of the summary")
        boolean json;

        @Option(names = "--quiet", description = "no progress line on stderr")
        boolean quiet;

        Progress progress;

        /** Runs the algorithm on {@code x}: puts summary values into {@code summary}, returns the arrays to save, in order. */
        abstract Map<String, DNDarray> compute(Communication comm, DNDarray x, Map<String, Object> summary);

        /** Checks of the options alone, before anything is read. */
        void checkOptions() { }

        /** Whether x must be a 2-D (samples, features) array. */
        boolean needsMatrix() { return true; }

        @Override
        public Integer call() {
            Communication comm = Communications.world();
            progress = Progress.of(comm, quiet);
            Integer axis = switch (split.toLowerCase(Locale.ROOT)) {
                case "none", "null" -> null;
                case "0" -> 0;
                case "1" -> 1;
                default -> throw new IllegalArgumentException("--split must be 0, 1 or none, got '" + split + "'");
            };
            DataFiles.checkOutput(output);
            checkOptions();
            long t0 = System.nanoTime();
            progress.show("reading " + input + "…");
            DNDarray x = DataFiles.load(input, dataset, axis);
            progress.done();
            if (needsMatrix() && x.ndim() != 2) {
                throw new IllegalArgumentException(input + (dataset == null ? "" : ":" + dataset) + " has shape " + Shapes.str(x.gshape())
                        + "; this command needs a 2-D (samples, features) array");
            }
            if (axis != null && axis >= x.ndim()) throw new IllegalArgumentException("--split " + axis + " is not an axis of a " + x.ndim() + "-D array");
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("command", name());
            summary.put("input", input);
            summary.put("dataset", dataset);
            summary.put("shape", x.gshape());
            summary.put("dtype", x.dtype().toString());
            summary.put("processes", comm.size());
            Map<String, Object> results = new LinkedHashMap<>();
            Map<String, DNDarray> arrays = compute(comm, x, results);
            List<String> written = new ArrayList<>();
            if (output != null && !arrays.isEmpty()) {
                progress.show("writing " + output + "…");
                written = DataFiles.save(comm, output, arrays);
                progress.done();
            }
            summary.putAll(results);
            summary.put("outputs", written);
            summary.put("seconds", (System.nanoTime() - t0) / 1e9);
            print(comm, summary, arrays);
            return 0;
        }

        String name() { return getClass().getAnnotation(Command.class).name(); }

        private void print(Communication comm, Map<String, Object> summary, Map<String, DNDarray> arrays) {
            if (comm.rank() != 0) return;
            if (json) {
                System.out.println(JsonWriter.write(summary));
                return;
            }
            System.out.printf("jheat %s: %s%s %s %s, %d process(es)%n", name(), input, dataset == null ? "" : ":" + dataset,
                    Shapes.str((long[]) summary.get("shape")), summary.get("dtype"), comm.size());
            for (Map.Entry<String, Object> e : summary.entrySet()) {
                if (List.of("command", "input", "dataset", "shape", "dtype", "processes", "outputs", "seconds").contains(e.getKey())) continue;
                System.out.println(e.getKey().equals("table") ? "  statistics per column:" + e.getValue() : "  " + e.getKey() + ": " + text(e.getValue()));
            }
            @SuppressWarnings("unchecked")
            List<String> written = (List<String>) summary.get("outputs");
            if (!written.isEmpty()) {
                List<String> parts = new ArrayList<>();
                int i = 0;
                List<DNDarray> as = new ArrayList<>(arrays.values());
                for (String w : written) parts.add(w + " " + Shapes.str(as.get(i++).gshape()));
                System.out.println("  wrote: " + String.join(", ", parts));
            }
            System.out.printf("  seconds: %.3f%n", (Double) summary.get("seconds"));
        }

        private static String text(Object v) {
            if (v instanceof double[] a) {
                StringBuilder b = new StringBuilder("[");
                for (int i = 0; i < a.length && i < 10; i++) b.append(i > 0 ? ", " : "").append(String.format("%.6g", a[i]));
                return b.append(a.length > 10 ? ", … (" + a.length + ")]" : "]").toString();
            }
            if (v instanceof long[] a) return a.length > 10 ? java.util.Arrays.toString(java.util.Arrays.copyOf(a, 10)).replace("]", ", …]") : java.util.Arrays.toString(a);
            if (v instanceof Double d) return String.format("%.6g", d);
            return String.valueOf(v);
        }

        /** Fails with one line when the data has fewer rows than {@code k}. */
        void checkRows(DNDarray x, long k, String option) {
            long n = x.gshape()[0];
            if (k > n) throw new IllegalArgumentException(option + " " + k + " is larger than the " + n + " rows of " + input + (dataset == null ? "" : ":" + dataset));
        }
    }

    /** Options of k-means and k-medians, and their common run. */
    abstract static class KClusterCommand extends DataCommand {
        @Option(names = "--k", required = true, description = "number of clusters")
        int k;

        @Option(names = "--init", description = "k-means++ (default; the scalable k-means||), random, first (the first k rows) or batchparallel")
        String init = "k-means++";

        @Option(names = "--max-iter", description = "iterations of one run (default ${DEFAULT-VALUE})")
        int maxIter = 300;

        @Option(names = "--tol", description = "relative tolerance on the centre shift (default ${DEFAULT-VALUE})")
        double tol = 1e-4;

        @Option(names = "--n-init", description = "restarts, the best kept (default: 10 for random, else 1)")
        Integer nInit;

        @Option(names = "--seed", description = "random seed of the initialisation (default: jheat's global generator)")
        Long seed;

        abstract KCluster<?> estimator();

        @Override
        void checkOptions() {
            if (k < 1) throw new IllegalArgumentException("--k must be >= 1, got " + k);
            if (!List.of("k-means++", "kmeans++", "random", "first", "batchparallel").contains(init)) {
                throw new IllegalArgumentException("--init must be k-means++, random, first or batchparallel, got '" + init + "'");
            }
        }

        @Override
        Map<String, DNDarray> compute(Communication comm, DNDarray x, Map<String, Object> summary) {
            checkRows(x, k, "--k");
            KCluster<?> est = estimator().maxIter(maxIter).tol(tol).randomState(seed);
            if (nInit != null) est.nInit(nInit);
            if (init.equals("first")) est.init(x.get(Index.slice(0, k), Index.all()));
            else est.init(init);
            est.listener((run, it, changed, shift) -> progress.show(String.format("%s run %d iteration %d: %d labels changed, centre shift %.3g",
                    name(), run + 1, it, changed, shift)));
            est.fit(x);
            progress.done();
            DNDarray labels = est.labels();
            summary.put("k", k);
            summary.put("inertia", est.inertia());
            summary.put("n_iter", est.nIter());
            summary.put("cluster_sizes", sizes(labels, k));
            Map<String, DNDarray> out = new LinkedHashMap<>();
            out.put("labels", labels);
            out.put("centers", est.clusterCenters());
            return out;
        }
    }

    static long[] sizes(DNDarray labels, int k) {
        double[] c = Histograms.bincount(labels.astype(DType.INT64), null, k).astype(DType.FLOAT64).toDoubleArray();
        long[] s = new long[c.length];
        for (int i = 0; i < c.length; i++) s[i] = (long) c[i];
        return s;
    }

    /** {@code jheat kmeans}. */
    @Command(name = "kmeans", description = "k-means clustering (Lloyd). Writes 'labels' (n,) int64 and 'centers' (k, f). Prints inertia, iterations, cluster sizes.")
    static final class KMeansCommand extends KClusterCommand {
        @Override KCluster<?> estimator() { return new KMeans(k); }
    }

    /** {@code jheat kmedians}. */
    @Command(name = "kmedians", description = "k-medians clustering (L1 distance, coordinate-wise medians). Writes 'labels' (n,) int64 and 'centers' (k, f).")
    static final class KMediansCommand extends KClusterCommand {
        @Override KCluster<?> estimator() { return new KMedians(k); }
    }

    /** {@code jheat pca}. */
    @Command(name = "pca", description = "Principal component analysis. Writes 'transformed' (n, c), 'components' (c, f), 'explained_variance', "
            + "'explained_variance_ratio', 'singular_values' (c,) and 'mean' (f,).")
    static final class PcaCommand extends DataCommand {
        @Option(names = "--n-components", paramLabel = "N|FRACTION", description = "components to keep: a whole number, or a fraction in (0, 1) of the variance to explain (default: all)")
        String nComponents;

        @Option(names = "--solver", description = "hierarchical (default), full or randomized")
        String solver = "hierarchical";

        @Option(names = "--whiten", description = "scale the projections to unit variance")
        boolean whiten;

        @Option(names = "--seed", description = "seed of the randomized solver")
        Long seed;

        private Integer count;
        private Double fraction;

        @Override
        void checkOptions() {
            if (!List.of("hierarchical", "full", "randomized").contains(solver)) {
                throw new IllegalArgumentException("--solver must be hierarchical, full or randomized, got '" + solver + "'");
            }
            if (nComponents == null) return;
            if (nComponents.matches("[0-9]+")) {
                count = Integer.valueOf(nComponents);
                if (count < 1) throw new IllegalArgumentException("--n-components must be >= 1 or a fraction in (0, 1), got " + nComponents);
            } else {
                try {
                    fraction = Double.valueOf(nComponents);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--n-components must be a whole number or a fraction in (0, 1), got '" + nComponents + "'");
                }
                if (!(fraction > 0 && fraction < 1)) throw new IllegalArgumentException("--n-components fraction must be in (0, 1), got " + nComponents);
            }
        }

        @Override
        Map<String, DNDarray> compute(Communication comm, DNDarray x, Map<String, Object> summary) {
            long m = Math.min(x.gshape()[0], x.gshape()[1]);
            if (count != null && count > m) {
                throw new IllegalArgumentException("--n-components " + count + " exceeds min(rows, columns) = " + m + " of " + input);
            }
            PCA pca = (count != null ? new PCA(count) : fraction != null ? new PCA(fraction) : new PCA()).svdSolver(solver).whiten(whiten).randomState(seed);
            progress.show("pca: fitting (" + solver + ")…");
            pca.fit(x);
            DNDarray z = pca.transform(x);
            progress.done();
            double[] ratio = pca.explainedVarianceRatio().toDoubleArray();
            double total = 0;
            for (double r : ratio) total += r;
            summary.put("n_components", pca.nComponents());
            summary.put("solver", solver);
            summary.put("explained_variance_ratio", ratio);
            summary.put("explained_variance_ratio_total", total);
            summary.put("explained_variance", pca.explainedVariance().toDoubleArray());
            if (solver.equals("hierarchical")) summary.put("error_estimate", pca.errorEstimate());
            Map<String, DNDarray> out = new LinkedHashMap<>();
            out.put("transformed", z);
            out.put("components", pca.components());
            out.put("explained_variance", pca.explainedVariance());
            out.put("explained_variance_ratio", pca.explainedVarianceRatio());
            out.put("singular_values", pca.singularValues());
            out.put("mean", pca.mean());
            return out;
        }
    }

    /** {@code jheat lasso}. */
    @Command(name = "lasso", description = "Lasso regression (coordinate descent) of --target on the other data. Writes 'coef' (f,), 'intercept' (1,) and "
            + "'predictions' (n,). Prints coefficients, R², iterations.")
    static final class LassoCommand extends DataCommand {
        @Option(names = "--target", required = true, paramLabel = "COLUMN|NAME|FILE[:NAME]", description = "y: a column index of the input (taken out of the features), "
                + "a dataset of the input, or another file")
        String target;

        @Option(names = "--alpha", description = "L1 penalty (default ${DEFAULT-VALUE})")
        double alpha = 1.0;

        @Option(names = "--max-iter", description = "coordinate descent sweeps (default ${DEFAULT-VALUE})")
        int maxIter = 1000;

        @Option(names = "--tol", description = "tolerance on the duality gap (default ${DEFAULT-VALUE})")
        double tol = 1e-4;

        @Option(names = "--no-intercept", description = "fit without an intercept")
        boolean noIntercept;

        @Override
        void checkOptions() {
            if (!(alpha >= 0) || Double.isInfinite(alpha)) throw new IllegalArgumentException("--alpha must be a finite number >= 0, got " + alpha);
        }

        @Override
        Map<String, DNDarray> compute(Communication comm, DNDarray x, Map<String, Object> summary) {
            DataFiles.XY xy = DataFiles.vector(x, input, target, "--target");
            Lasso m = new Lasso(alpha).maxIter(maxIter).tol(tol).fitIntercept(!noIntercept);
            progress.show("lasso: fitting…");
            m.fit(xy.x(), xy.y());
            progress.done();
            DNDarray pred = m.predict(xy.x());
            summary.put("alpha", alpha);
            summary.put("coef", m.coefArray());
            summary.put("intercept", m.intercept());
            summary.put("r2", m.score(xy.x(), xy.y()));
            summary.put("n_iter", m.nIter());
            summary.put("dual_gap", m.dualGap());
            summary.put("converged", m.converged());
            Map<String, DNDarray> out = new LinkedHashMap<>();
            out.put("coef", m.coef());
            out.put("intercept", Factories.array(new double[] {m.intercept()}, DType.FLOAT64, null));
            out.put("predictions", pred);
            return out;
        }
    }

    /** The options of the classifiers: labels, and an optional test set. */
    abstract static class ClassifierCommand extends DataCommand {
        @Option(names = "--labels", required = true, paramLabel = "COLUMN|NAME|FILE[:NAME]", description = "the training labels: a column index of the input "
                + "(taken out of the features), a dataset of the input, or another file")
        String labels;

        @Option(names = "--test", paramLabel = "FILE", description = "predict for this file's samples (default: the training samples)")
        String test;

        @Option(names = "--test-dataset", paramLabel = "NAME", description = "dataset of --test")
        String testDataset;

        @Option(names = "--test-labels", paramLabel = "COLUMN|NAME|FILE[:NAME]", description = "true labels of --test, to print the accuracy (a column is taken out of the test features)")
        String testLabels;

        /** Fits, then returns the predictions for {@code test}; puts the fitted attributes into {@code out}. */
        abstract DNDarray fitPredict(DNDarray x, DNDarray y, DNDarray test, Map<String, Object> summary, Map<String, DNDarray> out);

        abstract double score(DNDarray x, DNDarray y);

        /** The fitted model's classes. */
        abstract DNDarray classes();

        @Override
        Map<String, DNDarray> compute(Communication comm, DNDarray x, Map<String, Object> summary) {
            DataFiles.XY xy = DataFiles.vector(x, input, labels, "--labels");
            DNDarray tx = xy.x(), ty = null;
            if (test != null) {
                tx = DataFiles.load(test, testDataset, x.split());
                if (tx.ndim() != 2) throw new IllegalArgumentException("--test " + test + " must be 2-D, has shape " + Shapes.str(tx.gshape()));
                if (testLabels != null) {
                    DataFiles.XY t = DataFiles.vector(tx, test, testLabels, "--test-labels");
                    tx = t.x();
                    ty = t.y();
                }
                if (tx.gshape()[1] != xy.x().gshape()[1]) {
                    throw new IllegalArgumentException("--test " + test + " has " + tx.gshape()[1] + " features, the training data " + xy.x().gshape()[1]);
                }
            } else if (testLabels != null) {
                throw new IllegalArgumentException("--test-labels needs --test");
            }
            Map<String, DNDarray> out = new LinkedHashMap<>();
            progress.show(name() + ": fitting and predicting…");
            DNDarray pred = fitPredict(xy.x(), xy.y(), tx, summary, out);
            progress.done();
            summary.put("classes", classes().astype(DType.FLOAT64).toDoubleArray());
            out.put("classes", classes());
            summary.put("predicted", tx.gshape()[0]);
            summary.put("training_accuracy", score(xy.x(), xy.y()));
            if (ty != null) summary.put("test_accuracy", score(tx, ty));
            Map<String, DNDarray> all = new LinkedHashMap<>();
            all.put("predictions", pred);
            all.put("classes", out.remove("classes"));
            all.putAll(out);
            return all;
        }
    }

    /** {@code jheat gnb}. */
    @Command(name = "gnb", description = "Gaussian naive Bayes: fit on the input with --labels, predict on --test (or the input). "
            + "Writes 'predictions', 'classes', 'theta', 'var', 'class_prior'.")
    static final class GnbCommand extends ClassifierCommand {
        @Option(names = "--var-smoothing", description = "added to the variances, times the largest variance (default ${DEFAULT-VALUE})")
        double varSmoothing = 1e-9;

        private GaussianNB model;

        @Override
        DNDarray fitPredict(DNDarray x, DNDarray y, DNDarray test, Map<String, Object> summary, Map<String, DNDarray> out) {
            model = new GaussianNB().varSmoothing(varSmoothing).fit(x, y);
            summary.put("class_prior", model.classPrior().toDoubleArray());
            out.put("theta", model.theta());
            out.put("var", model.var());
            out.put("class_prior", model.classPrior());
            return model.predict(test);
        }

        @Override double score(DNDarray x, DNDarray y) { return model.score(x, y); }

        @Override DNDarray classes() { return model.classes(); }
    }

    /** {@code jheat knn}. */
    @Command(name = "knn", description = "k-nearest-neighbours classifier: fit on the input with --labels, predict on --test (or the input). "
            + "Writes 'predictions' and 'classes'.")
    static final class KnnCommand extends ClassifierCommand {
        @Option(names = "--k", description = "neighbours (default ${DEFAULT-VALUE})")
        int k = 5;

        @Option(names = "--weights", description = "uniform (default) or distance")
        String weights = "uniform";

        private KNeighborsClassifier model;

        @Override
        void checkOptions() {
            if (k < 1) throw new IllegalArgumentException("--k must be >= 1, got " + k);
            if (!weights.equals("uniform") && !weights.equals("distance")) throw new IllegalArgumentException("--weights must be uniform or distance, got '" + weights + "'");
        }

        @Override
        DNDarray fitPredict(DNDarray x, DNDarray y, DNDarray test, Map<String, Object> summary, Map<String, DNDarray> out) {
            checkRows(x, k, "--k");
            model = new KNeighborsClassifier(k, weights).fit(x, y);
            summary.put("k", k);
            return model.predict(test);
        }

        @Override double score(DNDarray x, DNDarray y) { return model.score(x, y); }

        @Override DNDarray classes() { return model.classes(); }
    }

    /** {@code jheat spectral}. */
    @Command(name = "spectral", description = "Spectral clustering (graph Laplacian, Lanczos, k-means on the embedding). Writes 'labels' (n,) int64. "
            + "Quadratic in the rows: for data up to some ten thousand rows.")
    static final class SpectralCommand extends DataCommand {
        @Option(names = "--k", description = "clusters (default: from the largest eigenvalue gap)")
        Integer k;

        @Option(names = "--gamma", description = "rbf coefficient in exp(-gamma |x - y|^2) (default ${DEFAULT-VALUE})")
        double gamma = 1.0;

        @Option(names = "--metric", description = "rbf (default) or euclidean")
        String metric = "rbf";

        @Option(names = "--laplacian", description = "fully_connected (default) or eNeighbour")
        String laplacian = "fully_connected";

        @Option(names = "--threshold", description = "the eNeighbour threshold (default ${DEFAULT-VALUE})")
        double threshold = 1.0;

        @Option(names = "--seed", description = "seed of Lanczos' start vector and of k-means")
        Long seed;

        @Override
        void checkOptions() {
            if (k != null && k < 1) throw new IllegalArgumentException("--k must be >= 1, got " + k);
            if (!(gamma > 0) || Double.isInfinite(gamma)) throw new IllegalArgumentException("--gamma must be a positive number, got " + gamma);
            if (!List.of("rbf", "euclidean").contains(metric)) throw new IllegalArgumentException("--metric must be rbf or euclidean, got '" + metric + "'");
            if (!List.of("fully_connected", "eNeighbour").contains(laplacian)) {
                throw new IllegalArgumentException("--laplacian must be fully_connected or eNeighbour, got '" + laplacian + "'");
            }
        }

        @Override
        Map<String, DNDarray> compute(Communication comm, DNDarray x, Map<String, Object> summary) {
            if (k != null) checkRows(x, k, "--k");
            Spectral sc = new Spectral().nClusters(k).gamma(gamma).metric(metric).laplacian(laplacian).threshold(threshold).randomState(seed);
            progress.show("spectral: fitting…");
            sc.fit(x);
            progress.done();
            DNDarray labels = sc.labels();
            int kk = sc.nClustersFitted();
            summary.put("k", kk);
            summary.put("cluster_sizes", sizes(labels, kk));
            Map<String, DNDarray> out = new LinkedHashMap<>();
            out.put("labels", labels);
            return out;
        }
    }

    /** The rows of {@code stats}' table, in order. */
    static final List<String> STATS_ROWS = List.of("count", "mean", "std", "min", "25%", "50%", "75%", "max");

    /** {@code jheat stats}. */
    @Command(name = "stats", description = "Per-column statistics like pandas' describe: count, mean, std (ddof 1), min, 25%%, 50%%, 75%% (linear), max. "
            + "Writes 'describe' (8, f) float64 with the rows in that order.")
    static final class StatsCommand extends DataCommand {
        @Override boolean needsMatrix() { return false; }

        @Override
        Map<String, DNDarray> compute(Communication comm, DNDarray x, Map<String, Object> summary) {
            if (x.ndim() == 1) x = x.reshape(x.gshape()[0], 1);
            if (x.ndim() != 2) throw new IllegalArgumentException(input + " has shape " + Shapes.str(x.gshape()) + "; stats takes 1-D or 2-D data");
            if (x.gshape()[0] == 0) throw new IllegalArgumentException(input + " has no rows");
            long n = x.gshape()[0], f = x.gshape()[1];
            DNDarray xf = x.dtype() == DType.FLOAT64 || x.dtype() == DType.FLOAT32 ? x : x.astype(DType.FLOAT64);
            int[] rows = {0};
            progress.show("stats: reductions…");
            DNDarray count = Factories.full(new long[] {1, f}, (double) n, DType.FLOAT64, null);
            // keepDims=false and a reshape: var/std with keepDims over the split axis at np=1 build a wrong lshape map (core bug, reported)
            DNDarray mean = row(Statistics.mean(xf, rows, false), f);
            DNDarray std = n > 1 ? row(Statistics.std(xf, rows, 1, false), f) : Factories.full(new long[] {1, f}, Double.NaN, DType.FLOAT64, null);
            DNDarray min = row(Statistics.min(xf, rows, false), f);
            DNDarray q = Quantiles.percentile(xf, new double[] {25, 50, 75}, 0, "linear", false).astype(DType.FLOAT64);
            DNDarray max = row(Statistics.max(xf, rows, false), f);
            progress.done();
            DNDarray[] parts = {count, mean, std, min, q, max};
            for (int i = 0; i < parts.length; i++) parts[i] = parts[i].resplit(null);
            DNDarray table = Joining.concatenate(parts, 0);
            double[] v = table.toDoubleArray();
            List<Map<String, Object>> columns = new ArrayList<>();
            for (int j = 0; j < f; j++) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("column", j);
                for (int r = 0; r < STATS_ROWS.size(); r++) c.put(STATS_ROWS.get(r), v[r * (int) f + j]);
                columns.add(c);
            }
            if (json) {
                summary.put("columns", columns);
            } else {
                StringBuilder b = new StringBuilder("\n");
                b.append(String.format("    %-8s", "column"));
                for (String r : STATS_ROWS) b.append(String.format(" %13s", r));
                for (int j = 0; j < f; j++) {
                    b.append(String.format("%n    %-8d", j));
                    for (int r = 0; r < STATS_ROWS.size(); r++) b.append(String.format(" %13.6g", v[r * (int) f + j]));
                }
                summary.put("table", b.toString());
            }
            Map<String, DNDarray> out = new LinkedHashMap<>();
            out.put("describe", table);
            return out;
        }
    }

    /** A per-column reduction as one replicated float64 row (1, f). */
    private static DNDarray row(DNDarray v, long f) {
        return v.resplit(null).astype(DType.FLOAT64).reshape(1, f);
    }

    /** {@code jheat convert}. */
    @Command(name = "convert", description = "Copy an array between HDF5, netCDF, CSV, npy and Zarr (format by extension), read and written in parallel.")
    static final class ConvertCommand extends DataCommand {
        @Option(names = "--output-dataset", paramLabel = "NAME", description = "dataset/variable name in an .h5/.nc/.zarr output (default: the input's dataset name, else 'data')")
        String outputDataset;

        @Override boolean needsMatrix() { return false; }

        @Override
        void checkOptions() {
            if (output == null) throw new IllegalArgumentException("convert needs --output FILE");
            if (java.nio.file.Path.of(output).toAbsolutePath().equals(java.nio.file.Path.of(input).toAbsolutePath())) {
                throw new IllegalArgumentException("--output must differ from --input");
            }
        }

        @Override
        Map<String, DNDarray> compute(Communication comm, DNDarray x, Map<String, Object> summary) {
            String name = outputDataset != null ? outputDataset : dataset != null ? dataset.replaceFirst("^/", "") : "data";
            if (x.ndim() > 2 && DataFiles.format(output, "--output") == org.jheat.io.IO.Format.CSV) {
                throw new IllegalArgumentException("--output " + output + ": CSV holds 1-D or 2-D data, the input is " + x.ndim() + "-D");
            }
            summary.put("output_dataset", name);
            Map<String, DNDarray> out = new LinkedHashMap<>();
            out.put(name, x);
            return out;
        }
    }
}
