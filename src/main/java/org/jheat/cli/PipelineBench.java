package org.jheat.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.core.Sorting;
import org.jheat.linalg.Linalg;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.Parallel;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code jheat bench} (no name, or {@code pipeline}): the demo's pipeline stages plus matmul, qr, hsvd, resplit and
 * sort at 1 … {@code --max-np} processes, each stage the median of {@code --repeats}; writes {@code results.json}
 * and PNG plots (runtime per stage with the ideal line, speedup or weak-scaling efficiency, peak memory per
 * process) into {@code --out}. The driver runs in one process and starts {@code bin/jheat --np P bench
 * pipeline-run} for each P, so that every process count gets fresh processes; it reads RAPL energy counters around
 * each run when they are readable. {@code --compare} runs bench/cli/pipeline_reference.py (numpy, scikit-learn,
 * h5py) on the same sizes and prints jheat's time over the reference's per stage.
 *
 * <pre>{@code
 * bin/jheat bench --max-np 4 --repeats 3 --out bench-out
 * bin/jheat bench --max-np 2 --weak --compare
 * }</pre>
 */
final class PipelineBench {
    private PipelineBench() { }

    /** Sizes of one run at {@code p} processes: strong scaling keeps them, weak scaling grows them with p. */
    record Sizes(long rows, int cols, int k, int components, long matmulN, long sortN) {
        Sizes at(int p, boolean weak) {
            if (!weak) return this;
            // the same memory per process: rows and sort length times p, matmul's n times √p (n² elements)
            return new Sizes(rows * p, cols, k, components, Math.round(matmulN * Math.sqrt(p)), sortN * p);
        }
    }

    // ------------------------------------------------------------------------------------------- one run (collective)

    /** Runs every stage {@code repeats} times on this communicator and writes "stage\tmedian s\tpeak MB\tcheck" lines to {@code result}. */
    static int runOnce(Communication comm, Sizes s, int warmup, int repeats, long seed, Path result, boolean quiet) throws IOException {
        Progress progress = Progress.of(comm, quiet);
        long stamp = comm.allreduce(comm.rank() == 0 ? System.currentTimeMillis() * 1000 + ProcessHandle.current().pid() % 1000 : 0L, ReduceOp.SUM);
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "jheat-bench-" + stamp);
        if (comm.rank() == 0) Files.createDirectories(dir);
        comm.barrier();
        Map<String, double[]> seconds = new LinkedHashMap<>();
        Map<String, Double> peak = new LinkedHashMap<>();
        Map<String, String> check = new LinkedHashMap<>();
        try {
            for (int r = -warmup; r < repeats; r++) {   // warm-up rounds (JIT) are run and not counted
                List<Demo.Row> rows = Demo.pipeline(comm, s.rows(), s.cols(), s.k(), s.components(), seed, dir, progress);
                rows.addAll(extraStages(comm, s, progress));
                if (r < 0) continue;
                for (Demo.Row row : rows) {
                    seconds.computeIfAbsent(row.stage(), x -> new double[repeats])[r] = row.seconds();
                    peak.merge(row.stage(), row.peakMb(), Math::max);
                    check.put(row.stage(), row.check());
                }
            }
        } finally {
            comm.barrier();
            if (comm.rank() == 0) {
                for (String f : new String[] {"blobs.h5", "results.h5"}) Files.deleteIfExists(dir.resolve(f));
                Files.deleteIfExists(dir);
            }
        }
        if (comm.rank() == 0) {
            StringBuilder b = new StringBuilder();
            b.append("#np\t").append(comm.size()).append('\t').append(Parallel.threads()).append('\n');
            for (String stage : seconds.keySet()) {
                b.append(stage).append('\t').append(Bench.median(seconds.get(stage))).append('\t').append(peak.get(stage)).append('\t')
                        .append(check.get(stage).replace('\t', ' ')).append('\n');
            }
            Files.writeString(result, b.toString());
        }
        return 0;
    }

    private static List<Demo.Row> extraStages(Communication comm, Sizes s, Progress progress) {
        List<Demo.Row> t = new ArrayList<>();
        long n = s.matmulN();
        DNDarray a = Random.randn(new long[] {n, n}, DType.FLOAT64, 0), b = Random.randn(new long[] {n, n}, DType.FLOAT64, 0);
        Demo.stage(comm, progress, t, "matmul", () -> Linalg.matmul(a, b), c -> String.format("%d x %d float64", n, n));
        DNDarray tall = Random.randn(new long[] {s.rows(), s.cols()}, DType.FLOAT64, 0);
        Demo.stage(comm, progress, t, "qr", () -> Linalg.qr(tall), qr -> String.format("R %d x %d", qr.R().gshape()[0], qr.R().gshape()[1]));
        Demo.stage(comm, progress, t, "hsvd", () -> Linalg.hsvdRank(tall, s.components()),
                sv -> String.format("rank %d, error estimate %.3g", sv.S().gshape()[0], sv.errorEstimate()));
        Demo.stage(comm, progress, t, "resplit", () -> tall.resplit(1), y -> String.format("%d x %d split 0 -> 1", s.rows(), s.cols()));
        DNDarray v = Random.randn(new long[] {s.sortN()}, DType.FLOAT64, 0);
        Demo.stage(comm, progress, t, "sort", () -> Sorting.sort(v), y -> String.format("%d float64", s.sortN()));
        return t;
    }

    // ------------------------------------------------------------------------------------------- driver (one process)

    /** What one process count gave: per stage median seconds, peak MB per process, check; and the energy. */
    record Run(int np, int threads, Map<String, double[]> stages, Map<String, String> checks, double joules) { }

    static int drive(Bench o) throws IOException, InterruptedException {
        String home = System.getProperty("jheat.home");
        if (home == null) throw new IllegalArgumentException("bench: run it through bin/jheat (the driver starts bin/jheat --np P for each process count)");
        if (o.maxNp < 1) throw new IllegalArgumentException("--max-np must be >= 1, got " + o.maxNp);
        if (o.warmup < 0) throw new IllegalArgumentException("--warmup must be >= 0, got " + o.warmup);
        if (o.repeats < 1) throw new IllegalArgumentException("--repeats must be >= 1, got " + o.repeats);
        Sizes base = o.sizes();
        Path out = o.out.toAbsolutePath();
        Files.createDirectories(out);
        Progress progress = Progress.of(org.jheat.comm.Communications.world(), o.quiet);
        List<Run> runs = new ArrayList<>();
        for (int p = 1; p <= o.maxNp; p++) {
            Sizes s = base.at(p, o.weak);
            Path tsv = out.resolve("np-" + p + ".tsv"), log = out.resolve("np-" + p + ".log");
            List<String> cmd = new ArrayList<>(List.of(home + "/bin/jheat", "--np", String.valueOf(p), "bench", "pipeline-run",
                    "--rows", String.valueOf(s.rows()), "--cols", String.valueOf(s.cols()), "--k", String.valueOf(s.k()),
                    "--components", String.valueOf(s.components()), "--matmul-n", String.valueOf(s.matmulN()), "--sort-n", String.valueOf(s.sortN()),
                    "--repeats", String.valueOf(o.repeats), "--warmup", String.valueOf(o.warmup), "--seed", String.valueOf(o.seed), "--result", tsv.toString(), "--quiet"));
            progress.show(String.format("bench: np=%d of %d, %d repeat(s)…", p, o.maxNp, o.repeats));
            Files.deleteIfExists(tsv);
            double e0 = Rapl.joules();
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int rc = proc.waitFor();
            double e1 = Rapl.joules();
            progress.done();
            if (rc != 0 || !Files.exists(tsv)) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
                throw new IllegalStateException("bench: the run at np=" + p + " failed (exit " + rc + "; log " + log + "): " + tail);
            }
            runs.add(parse(tsv, Double.isNaN(e0) || Double.isNaN(e1) ? Double.NaN : Rapl.delta(e0, e1)));
            Files.deleteIfExists(log);
        }
        Map<String, Object> compare = o.compare ? Reference.run(home, base, o.warmup, o.repeats, runs.get(0), progress) : null;
        List<String> plots = Plots.write(out, runs, o.weak);
        Map<String, Object> json = results(o, base, runs, compare, plots);
        Path results = out.resolve("results.json");
        Path tmp = out.resolve(".results.json.tmp");
        Files.writeString(tmp, JsonWriter.write(json) + "\n");
        Files.move(tmp, results, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (Run r : runs) Files.deleteIfExists(out.resolve("np-" + r.np() + ".tsv"));
        printTable(runs, o.weak);
        if (compare != null && compare.get("skipped") instanceof String why) System.out.println("compare: skipped, " + why);
        else if (compare != null) printCompare(compare);
        System.out.println("energy: " + energyText(runs));
        System.out.println("files: " + results + ", " + String.join(", ", plots.stream().map(f -> out.resolve(f).toString()).toList()));
        return 0;
    }

    private static Run parse(Path tsv, double joules) throws IOException {
        int np = 0, threads = 0;
        Map<String, double[]> stages = new LinkedHashMap<>();
        Map<String, String> checks = new LinkedHashMap<>();
        for (String line : Files.readAllLines(tsv)) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("#np")) {
                np = Integer.parseInt(f[1]);
                threads = Integer.parseInt(f[2]);
            } else if (f.length >= 3) {
                stages.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
                checks.put(f[0], f.length > 3 ? f[3] : "");
            }
        }
        double total = stages.values().stream().mapToDouble(v -> v[0]).sum();
        double peak = stages.values().stream().mapToDouble(v -> v[1]).max().orElse(-1);
        stages.put("total", new double[] {total, peak});
        return new Run(np, threads, stages, checks, joules);
    }

    private static Map<String, Object> results(Bench o, Sizes base, List<Run> runs, Map<String, Object> compare, List<String> plots) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "jheat-bench-1");
        m.put("jheat", Main.VERSION);
        m.put("date", Instant.now().toString());
        m.put("java", Runtime.version().toString());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("threads_per_process", runs.get(0).threads());
        m.put("scaling", o.weak ? "weak" : "strong");
        m.put("repeats", o.repeats);
        m.put("warmup", o.warmup);
        Map<String, Object> sizes = new LinkedHashMap<>();
        sizes.put("rows", base.rows());
        sizes.put("cols", base.cols());
        sizes.put("k", base.k());
        sizes.put("components", base.components());
        sizes.put("matmul_n", base.matmulN());
        sizes.put("sort_n", base.sortN());
        m.put("sizes_at_np1", sizes);
        long[] nps = runs.stream().mapToLong(Run::np).toArray();
        m.put("processes", nps);
        Map<String, Object> stages = new LinkedHashMap<>();
        for (String stage : runs.get(0).stages().keySet()) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("seconds", runs.stream().mapToDouble(r -> r.stages().get(stage)[0]).toArray());
            st.put("peak_rss_mb_per_process", runs.stream().mapToDouble(r -> r.stages().get(stage)[1]).toArray());
            if (!stage.equals("total")) st.put("check", runs.stream().map(r -> r.checks().get(stage)).toList());
            stages.put(stage, st);
        }
        m.put("stages", stages);
        m.put("energy_joules", runs.stream().allMatch(r -> Double.isNaN(r.joules())) ? "n/a" : runs.stream().mapToDouble(Run::joules).toArray());
        m.put("compare", compare);
        m.put("plots", plots);
        return m;
    }

    private static void printTable(List<Run> runs, boolean weak) {
        StringBuilder h = new StringBuilder(String.format("%-24s", "seconds (median)"));
        for (Run r : runs) h.append(String.format(" %9s", "np=" + r.np()));
        h.append(String.format(" %10s %12s", weak ? "efficiency" : "speedup", "peak MB/proc"));
        System.out.println(h);
        for (String stage : runs.get(0).stages().keySet()) {
            StringBuilder b = new StringBuilder(String.format("%-24s", stage));
            for (Run r : runs) b.append(String.format(" %9.3f", r.stages().get(stage)[0]));
            double t1 = runs.get(0).stages().get(stage)[0], tp = runs.get(runs.size() - 1).stages().get(stage)[0];
            double peak = runs.stream().mapToDouble(r -> r.stages().get(stage)[1]).max().orElse(-1);
            b.append(String.format(" %10.2f %12s", t1 / tp, peak < 0 ? "n/a" : String.format("%.1f", peak)));
            System.out.println(b);
        }
    }

    private static void printCompare(Map<String, Object> compare) {
        System.out.println("compare with " + compare.get("reference") + " (jheat np=1 seconds / reference seconds; < 1: jheat faster; machine shared, indicative only):");
        @SuppressWarnings("unchecked")
        Map<String, Object> ratios = (Map<String, Object>) compare.get("ratio_np1");
        @SuppressWarnings("unchecked")
        Map<String, Object> ref = (Map<String, Object>) compare.get("seconds");
        for (Map.Entry<String, Object> e : ratios.entrySet()) {
            System.out.printf("  %-24s reference %9.3f s   ratio %6.2f%n", e.getKey(), (Double) ref.get(e.getKey()), (Double) e.getValue());
        }
    }

    private static String energyText(List<Run> runs) {
        if (runs.stream().allMatch(r -> Double.isNaN(r.joules()))) return "n/a (RAPL counters under /sys/class/powercap not readable)";
        StringBuilder b = new StringBuilder();
        for (Run r : runs) b.append(String.format("np=%d %.1f J  ", r.np(), r.joules()));
        return b.toString().trim() + " (package energy of the whole run, all repeats)";
    }

    // ------------------------------------------------------------------------------------------- energy

    /** Intel/AMD RAPL package counters (microjoules) under /sys/class/powercap, summed over packages; NaN when unreadable. */
    static final class Rapl {
        private Rapl() { }

        private static List<Path> zones() {
            try (var s = Files.list(Path.of("/sys/class/powercap"))) {
                return s.filter(p -> p.getFileName().toString().matches("intel-rapl:[0-9]+")).sorted().toList();
            } catch (IOException | SecurityException e) {
                return List.of();
            }
        }

        /** The summed counter in joules, or NaN. */
        static double joules() {
            List<Path> z = zones();
            if (z.isEmpty()) return Double.NaN;
            double sum = 0;
            for (Path p : z) {
                try {
                    sum += Long.parseLong(Files.readString(p.resolve("energy_uj")).trim()) / 1e6;
                } catch (IOException | NumberFormatException | SecurityException e) {
                    return Double.NaN;
                }
            }
            return sum;
        }

        /** e1 − e0, adding the counter's range when it wrapped. */
        static double delta(double e0, double e1) {
            if (e1 >= e0) return e1 - e0;
            double range = 0;
            for (Path p : zones()) {
                try {
                    range += Long.parseLong(Files.readString(p.resolve("max_energy_range_uj")).trim()) / 1e6;
                } catch (IOException | NumberFormatException e) {
                    return Double.NaN;
                }
            }
            return e1 + range - e0;
        }
    }

    // ------------------------------------------------------------------------------------------- reference

    /** bench/cli/pipeline_reference.py: the same stages with numpy, scikit-learn and h5py. */
    static final class Reference {
        private Reference() { }

        static Map<String, Object> run(String home, Sizes s, int warmup, int repeats, Run np1, Progress progress) throws IOException, InterruptedException {
            Map<String, Object> m = new LinkedHashMap<>();
            Path script = Path.of(home, "bench", "cli", "pipeline_reference.py");
            String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
            Process probe;
            try {
                probe = new ProcessBuilder(python, "-c", "import numpy, sklearn, h5py").redirectErrorStream(true).start();
            } catch (IOException e) {
                m.put("skipped", "python3 not found");
                return m;
            }
            if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                m.put("skipped", "python3 with numpy, scikit-learn and h5py not installed (apt-get install python3-sklearn python3-h5py)");
                return m;
            }
            progress.show("bench: reference (numpy / scikit-learn)…");
            Path outFile = Files.createTempFile("jheat-ref", ".tsv");
            Process p = new ProcessBuilder(python, script.toString(), "--rows", String.valueOf(s.rows()), "--cols", String.valueOf(s.cols()),
                    "--k", String.valueOf(s.k()), "--components", String.valueOf(s.components()), "--matmul-n", String.valueOf(s.matmulN()),
                    "--sort-n", String.valueOf(s.sortN()), "--repeats", String.valueOf(repeats), "--warmup", String.valueOf(warmup), "--out", outFile.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int rc = p.waitFor();
            progress.done();
            if (rc != 0) {
                m.put("skipped", "the reference script failed (exit " + rc + ")");
                return m;
            }
            Map<String, Object> ref = new LinkedHashMap<>(), ratio = new LinkedHashMap<>();
            String versions = "";
            for (String line : Files.readAllLines(outFile)) {
                String[] f = line.split("\t");
                if (f[0].equals("#versions")) versions = f[1];
                else if (f.length == 2 && np1.stages().containsKey(f[0])) {
                    double sec = Double.parseDouble(f[1]);
                    ref.put(f[0], sec);
                    ratio.put(f[0], np1.stages().get(f[0])[0] / sec);
                }
            }
            Files.deleteIfExists(outFile);
            m.put("reference", versions);
            m.put("seconds", ref);
            m.put("ratio_np1", ratio);
            return m;
        }
    }

    // ------------------------------------------------------------------------------------------- plots

    /** The PNGs: runtime per stage (a grid, measured and ideal), speedup or efficiency of all stages, peak memory. */
    static final class Plots {
        private Plots() { }

        private static final BasicStroke DASH = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

        static List<String> write(Path out, List<Run> runs, boolean weak) throws IOException {
            System.setProperty("java.awt.headless", "true");
            double[] np = runs.stream().mapToDouble(Run::np).toArray();
            List<String> stages = new ArrayList<>(runs.get(0).stages().keySet());
            stages.remove("total");
            stages.add(0, "total");
            String mode = weak ? "weak scaling" : "strong scaling";

            List<XYChart> grid = new ArrayList<>();
            for (String stage : stages) {
                double[] t = runs.stream().mapToDouble(r -> r.stages().get(stage)[0]).toArray();
                XYChart c = chart(420, 300, stage, "processes", "seconds");
                XYSeries m = c.addSeries("measured", np, t);
                m.setMarker(SeriesMarkers.CIRCLE);
                double[] ideal = new double[np.length];
                for (int i = 0; i < np.length; i++) ideal[i] = weak ? t[0] : t[0] / np[i];
                XYSeries id = c.addSeries(weak ? "ideal (constant)" : "ideal (t1 / p)", np, ideal);
                id.setMarker(SeriesMarkers.NONE);
                id.setLineStyle(DASH);
                id.setLineColor(Color.GRAY);
                c.getStyler().setYAxisMin(0.0);
                c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
                c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
                grid.add(c);
            }
            int cols = 4, rows = (grid.size() + cols - 1) / cols;
            BitmapEncoder.saveBitmap(grid, rows, cols, out.resolve("runtime.png").toString(), BitmapEncoder.BitmapFormat.PNG);

            XYChart sp = chart(900, 600, (weak ? "Efficiency t1 / tp" : "Speedup t1 / tp") + " per stage (" + mode + ")",
                    "processes", weak ? "efficiency" : "speedup");
            sp.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            for (String stage : stages) {
                double[] t = runs.stream().mapToDouble(r -> r.stages().get(stage)[0]).toArray();
                double[] v = new double[t.length];
                for (int i = 0; i < t.length; i++) v[i] = t[0] / t[i];
                sp.addSeries(stage, np, v).setMarker(SeriesMarkers.CIRCLE);
            }
            double[] ideal = new double[np.length];
            for (int i = 0; i < np.length; i++) ideal[i] = weak ? 1 : np[i];
            XYSeries id = sp.addSeries("ideal", np, ideal);
            id.setMarker(SeriesMarkers.NONE);
            id.setLineStyle(new BasicStroke(3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
            id.setLineColor(Color.BLACK);
            sp.getStyler().setYAxisMin(0.0);
            BitmapEncoder.saveBitmap(sp, out.resolve(weak ? "efficiency.png" : "speedup.png").toString(), BitmapEncoder.BitmapFormat.PNG);

            XYChart mem = chart(900, 600, "Peak resident memory per process (" + mode + ")", "processes", "peak RSS per process (MB)");
            mem.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            for (String stage : stages) {
                if (stage.equals("total")) continue;
                double[] v = runs.stream().mapToDouble(r -> Math.max(0, r.stages().get(stage)[1])).toArray();
                mem.addSeries(stage, np, v).setMarker(SeriesMarkers.CIRCLE);
            }
            mem.getStyler().setYAxisMin(0.0);
            BitmapEncoder.saveBitmap(mem, out.resolve("memory.png").toString(), BitmapEncoder.BitmapFormat.PNG);
            return List.of("runtime.png", weak ? "efficiency.png" : "speedup.png", "memory.png");
        }

        private static XYChart chart(int w, int h, String title, String x, String y) {
            XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(x).yAxisTitle(y).build();
            c.getStyler().setXAxisDecimalPattern("#");
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            c.getStyler().setChartBackgroundColor(Color.WHITE);
            c.getStyler().setPlotBackgroundColor(Color.WHITE);
            c.getStyler().setPlotGridLinesColor(new Color(220, 220, 220));
            c.getStyler().setLegendBorderColor(new Color(200, 200, 200));
            return c;
        }
    }
}
