package org.jheat.testing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * A golden file of lines {@code key | dtype shape | values} (shape comma-separated, "-" for a scalar), as written
 * by scripts/golden/make_cluster.py.
 */
public final class Golden {
    private final Map<String, String[]> entries = new LinkedHashMap<>();

    private Golden(String resource) {
        for (String line : Dist.resourceLines(resource)) {
            String[] p = line.split(" \\| ", -1);
            entries.put(p[0], new String[] {p[1], p[2]});
        }
    }

    /** Loads a resource such as "/golden/cluster.txt". */
    public static Golden load(String resource) { return new Golden(resource); }

    private String[] entry(String key) {
        String[] e = entries.get(key);
        if (e == null) throw new IllegalArgumentException("no golden entry '" + key + "'");
        return e;
    }

    /** The shape of an entry. */
    public long[] shape(String key) {
        String s = entry(key)[0].split(" ")[1];
        return s.equals("-") ? new long[0] : Arrays.stream(s.split(",")).mapToLong(Long::parseLong).toArray();
    }

    /** The values as doubles. */
    public double[] doubles(String key) {
        String v = entry(key)[1];
        return v.isEmpty() ? new double[0] : Arrays.stream(v.split(" ")).mapToDouble(Golden::parse).toArray();
    }

    private static double parse(String t) {
        return switch (t) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t);
        };
    }

    /** The values as longs. */
    public long[] longs(String key) {
        String v = entry(key)[1];
        return v.isEmpty() ? new long[0] : Arrays.stream(v.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    /** A scalar. */
    public double scalar(String key) { return doubles(key)[0]; }

    /** A 2-D entry as a Java array. */
    public double[][] matrix(String key) {
        long[] s = shape(key);
        double[] v = doubles(key);
        double[][] m = new double[(int) s[0]][(int) s[1]];
        for (int i = 0; i < m.length; i++) System.arraycopy(v, i * m[i].length, m[i], 0, m[i].length);
        return m;
    }

    /** An entry as a float64 tensor of its shape. */
    public Tensor tensor(String key) {
        return Tensor.fromArray(doubles(key)).reshape(shape(key)).astype(DType.FLOAT64);
    }
}
