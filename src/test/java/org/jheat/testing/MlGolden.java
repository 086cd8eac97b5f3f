package org.jheat.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * The gzip golden files of the machine-learning tests (scripts/golden/ml_common.py): one array per line,
 * {@code name | dtype | shape | values}. Files are parsed once per JVM and cached.
 *
 * <pre>{@code
 * MlGolden g = MlGolden.of("preprocessing.txt.gz");
 * Tensor mean = g.get("iris.std.mean");
 * Tensor x = MlGolden.dataset("iris").x();
 * }</pre>
 */
public final class MlGolden {
    private static final Map<String, MlGolden> CACHE = new ConcurrentHashMap<>();

    private final String file;
    private final Map<String, Tensor> arrays;

    private MlGolden(String file, Map<String, Tensor> arrays) {
        this.file = file;
        this.arrays = arrays;
    }

    /** The golden file {@code /golden/<file>}, parsed. */
    public static MlGolden of(String file) {
        return CACHE.computeIfAbsent(file, MlGolden::load);
    }

    /** A data set of ml_datasets.txt.gz. */
    public record Dataset(String name, Tensor x, Tensor y) {
        /** Rows {@code from .. to-1} of X. */
        public Tensor rowsX(long from, long to) { return x.narrow(0, from, to - from).contiguous(); }
        /** Labels {@code from .. to-1}. */
        public Tensor rowsY(long from, long to) { return y.narrow(0, from, to - from).contiguous(); }
    }

    /** The data set {@code name} (iris, wine, cancer, digits, gen, blobs, ties). */
    public static Dataset dataset(String name) {
        MlGolden d = of("ml_datasets.txt.gz");
        return new Dataset(name, d.get(name + ".X"), d.get(name + ".y"));
    }

    /** The array {@code name}; throws when the file lacks it. */
    public Tensor get(String name) {
        Tensor t = arrays.get(name);
        if (t == null) throw new IllegalArgumentException(file + " has no entry " + name);
        return t;
    }

    /** True when the file has {@code name}. */
    public boolean has(String name) { return arrays.containsKey(name); }

    /** Every entry name with this prefix. */
    public List<String> names(String prefix) {
        List<String> r = new ArrayList<>();
        for (String k : arrays.keySet()) if (k.startsWith(prefix)) r.add(k);
        r.sort(null);
        return r;
    }

    private static MlGolden load(String file) {
        Map<String, Tensor> m = new HashMap<>();
        try (InputStream raw = MlGolden.class.getResourceAsStream("/golden/" + file)) {
            if (raw == null) throw new IllegalStateException("missing test resource /golden/" + file);
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.split(" \\| ", -1);
                DType t = DType.of(parts[1]);
                long[] shape = parts[2].equals("-") ? new long[0]
                        : java.util.Arrays.stream(parts[2].split(",")).mapToLong(Long::parseLong).toArray();
                String[] tok = parts[3].isEmpty() ? new String[0] : parts[3].split(" ");
                Tensor x = Tensor.empty(t, shape);
                if (tok.length != x.size()) throw new IllegalStateException(file + ": " + parts[0] + " has " + tok.length + " values for shape " + parts[2]);
                for (int i = 0; i < tok.length; i++) {
                    if (t.isFloat()) x.setDoubleFlat(parseDouble(tok[i]), i);
                    else x.setLongFlat(Long.parseLong(tok[i]), i);
                }
                m.put(parts[0], x);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new MlGolden(file, m);
    }

    private static double parseDouble(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** A distributed array with the name of its layout (for failure messages). */
    public record Layout(String name, DNDarray x) { }

    /**
     * The layouts every estimator test runs on: replicated, split along the rows (balanced: n not divisible by p
     * in the data sets), split along the rows with everything on the last process (empty slabs elsewhere), and —
     * when {@code withColumns} — split along the columns.
     */
    public static List<Layout> layouts(Tensor full, boolean withColumns) {
        List<Layout> out = new ArrayList<>();
        out.add(new Layout("split=None", Heat.array(full, null, null)));
        out.add(new Layout("split=0", Heat.array(full, null, 0)));
        int p = Dist.comm().size();
        if (p > 1) {
            long[] counts = new long[p];
            counts[p - 1] = full.shape(0);
            out.add(new Layout("split=0 all on the last rank", Heat.array(full, null, 0).redistribute(counts)));
        }
        if (withColumns && full.ndim() == 2) out.add(new Layout("split=1", Heat.array(full, null, 1)));
        return out;
    }
}
