package org.jheat.spatial;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Tensor;

/**
 * Pairwise distances between the rows of two local 2-D tensors: the kernels under {@link Spatial#cdist} and the
 * clustering estimators. Metrics with a matrix-product form (quadratic expansion, cosine) are one BLAS gemm plus
 * a per-element correction; the exact metrics (differences) run a Java kernel that keeps a transposed tile of
 * {@code y} in cache and vectorises over its rows. Values are computed in double and stored in {@code out}'s dtype.
 *
 * <pre>{@code
 * Tensor d = Tensor.empty(DType.FLOAT64, x.shape(0), y.shape(0));
 * LocalDistances.compute(Metric.euclidean(false), x, y, d);
 * }</pre>
 */
public final class LocalDistances {
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** Rows of x kept together while a tile of y is swept. */
    private static final int ROW_BLOCK = 32;

    private LocalDistances() { }

    /**
     * {@code out[i, j] = metric(x[i], y[j])} using the process's threads. x is (a, f), y is (b, f), out is (a, b) of
     * float32 or float64 (a view is fine; its rows must be contiguous). For the gemm-based metrics x and y should
     * already have out's dtype (else they are converted).
     * <pre>{@code LocalDistances.compute(Metric.cityblock(), x, y, out); }</pre>
     *
     * @throws IllegalArgumentException for shapes that do not fit or a non-float out
     */
    public static void compute(Metric metric, Tensor x, Tensor y, Tensor out) { compute(metric, x, y, out, true); }

    /**
     * {@link #compute} on the calling thread only (for callers that already run one task per thread; BLAS may still
     * use its own threads for large products).
     * <pre>{@code LocalDistances.computeSerial(Metric.cityblock(), block, centres, d); }</pre>
     */
    public static void computeSerial(Metric metric, Tensor x, Tensor y, Tensor out) { compute(metric, x, y, out, false); }

    private static void compute(Metric metric, Tensor x, Tensor y, Tensor out, boolean parallel) {
        check(x, y, out);
        if (x.shape(0) == 0 || y.shape(0) == 0) return;
        if (metric.usesGemm()) gemmBased(metric, x, y, out, parallel);
        else exact(metric, x, y, out, parallel);
    }

    private static void check(Tensor x, Tensor y, Tensor out) {
        if (x.ndim() != 2 || y.ndim() != 2 || out.ndim() != 2) {
            throw new IllegalArgumentException("distances: x, y and out must be 2-D");
        }
        if (x.shape(1) != y.shape(1) || out.shape(0) != x.shape(0) || out.shape(1) != y.shape(0)) {
            throw new IllegalArgumentException("distances: shapes do not fit: x (" + x.shape(0) + ", " + x.shape(1) + "), y ("
                    + y.shape(0) + ", " + y.shape(1) + "), out (" + out.shape(0) + ", " + out.shape(1) + ")");
        }
        if (!out.dtype().isFloat()) throw new IllegalArgumentException("distances: out must be float32 or float64, got " + out.dtype());
        if (out.shape(1) > 1 && out.strides()[1] != 1) throw new IllegalArgumentException("distances: out rows must be contiguous");
    }

    // ------------------------------------------------------------------------------------------- gemm-based

    private static void gemmBased(Metric m, Tensor x, Tensor y, Tensor out, boolean parallel) {
        long a = x.shape(0), b = y.shape(0);
        double[] xn = squaredNorms(x), yn = squaredNorms(y);
        LocalLinalg.gemm(1.0, x, y.transpose(), 0.0, out);
        Metric.Kind kind = m.kind();
        double inv = kind == Metric.Kind.RBF ? 1.0 / (2 * m.sigma() * m.sigma()) : 0;
        double[] ys = kind == Metric.Kind.COSINE ? sqrtAll(yn) : null;
        Parallel.RangeBody body = (r0, r1) -> {
            double[] row = new double[(int) b];
            for (long i = r0; i < r1; i++) {
                readRow(out, i, 0, row, 0, (int) b);
                double xi = xn[(int) i];
                if (kind == Metric.Kind.COSINE) {
                    double xs = Math.sqrt(xi);
                    for (int j = 0; j < b; j++) row[j] = Math.min(2.0, Math.max(0.0, 1.0 - row[j] / (xs * ys[j])));
                } else {
                    for (int j = 0; j < b; j++) row[j] = Math.max(0.0, xi + yn[j] - 2.0 * row[j]);
                    finish(kind, inv, row, (int) b);
                }
                writeRow(out, i, 0, row, 0, (int) b);
            }
        };
        if (parallel) Parallel.forRange(a, Math.max(1, 16384 / Math.max(1, b)), body);
        else body.run(0, a);
    }

    private static double[] sqrtAll(double[] v) {
        double[] s = new double[v.length];
        for (int i = 0; i < v.length; i++) s[i] = Math.sqrt(v[i]);
        return s;
    }

    private static void finish(Metric.Kind kind, double inv, double[] acc, int w) {
        switch (kind) {
            case EUCLIDEAN -> { for (int j = 0; j < w; j++) acc[j] = Math.sqrt(acc[j]); }
            case RBF -> { for (int j = 0; j < w; j++) acc[j] = Math.exp(-acc[j] * inv); }
            default -> { }
        }
    }

    // ------------------------------------------------------------------------------------------- exact

    private static void exact(Metric m, Tensor x, Tensor y, Tensor out, boolean parallel) {
        long a = x.shape(0);
        int b = Math.toIntExact(y.shape(0)), f = Math.toIntExact(x.shape(1));
        boolean l1 = m.kind() == Metric.Kind.CITYBLOCK;
        double inv = m.kind() == Metric.Kind.RBF ? 1.0 / (2 * m.sigma() * m.sigma()) : 0;
        int jb = (int) Math.max(16, Math.min(1024, 32768 / Math.max(1, f)));
        int tiles = (b + jb - 1) / jb;
        // y transposed tile by tile: within tile t (width w), feature c of column j is at t*jb*f + c*w + j
        double[] yT = new double[Math.multiplyExact(b, f)];
        double[] yr = new double[f];
        for (int j = 0; j < b; j++) {
            readRow(y, j, 0, yr, 0, f);
            int t = j / jb, w = Math.min(jb, b - t * jb), base = t * jb * f, jj = j - t * jb;
            for (int c = 0; c < f; c++) yT[base + c * w + jj] = yr[c];
        }
        Parallel.RangeBody body = (r0, r1) -> {
            double[] xr = new double[ROW_BLOCK * f];
            double[] acc = new double[jb];
            for (long i0 = r0; i0 < r1; i0 += ROW_BLOCK) {
                int rows = (int) Math.min(ROW_BLOCK, r1 - i0);
                for (int i = 0; i < rows; i++) readRow(x, i0 + i, 0, xr, i * f, f);
                for (int t = 0; t < tiles; t++) {
                    int w = Math.min(jb, b - t * jb), base = t * jb * f;
                    for (int i = 0; i < rows; i++) {
                        java.util.Arrays.fill(acc, 0, w, 0.0);
                        int xo = i * f;
                        if (l1) {
                            for (int c = 0; c < f; c++) {
                                double xv = xr[xo + c];
                                int o = base + c * w;
                                for (int j = 0; j < w; j++) acc[j] += Math.abs(xv - yT[o + j]);
                            }
                        } else {
                            for (int c = 0; c < f; c++) {
                                double xv = xr[xo + c];
                                int o = base + c * w;
                                for (int j = 0; j < w; j++) {
                                    double d = xv - yT[o + j];
                                    acc[j] += d * d;
                                }
                            }
                            finish(m.kind(), inv, acc, w);
                        }
                        writeRow(out, i0 + i, (long) t * jb, acc, 0, w);
                    }
                }
            }
        };
        if (parallel) Parallel.forRange(a, Math.max(1, 65536 / Math.max(1, (long) b * Math.max(1, f))), body);
        else body.run(0, a);
    }

    // ------------------------------------------------------------------------------------------- row access

    /**
     * Squared euclidean norms of the rows of a 2-D float tensor, in double.
     * <pre>{@code double[] n2 = LocalDistances.squaredNorms(x); }</pre>
     */
    public static double[] squaredNorms(Tensor x) {
        int rows = Math.toIntExact(x.shape(0)), f = Math.toIntExact(x.shape(1));
        double[] out = new double[rows], r = new double[f];
        for (int i = 0; i < rows; i++) {
            readRow(x, i, 0, r, 0, f);
            double s0 = 0, s1 = 0;
            int c = 0;
            for (; c + 1 < f; c += 2) {
                s0 += r[c] * r[c];
                s1 += r[c + 1] * r[c + 1];
            }
            if (c < f) s0 += r[c] * r[c];
            out[i] = s0 + s1;
        }
        return out;
    }

    /**
     * Copies {@code len} elements of row {@code row} of a 2-D tensor, from column {@code col0}, into {@code dst}
     * as doubles (any real dtype, any strides).
     * <pre>{@code LocalDistances.readRow(x, i, 0, buf, 0, f); }</pre>
     */
    public static void readRow(Tensor t, long row, long col0, double[] dst, int dstOff, int len) {
        if (len == 0) return;
        MemorySegment s = t.segment();
        long[] st = t.strides();
        long e = t.offset() + row * st[0] + col0 * st[1];
        DType dt = t.dtype();
        if (dt == DType.FLOAT64 && st[1] == 1) {
            MemorySegment.copy(s, F64, e * 8, dst, dstOff, len);
        } else if (dt == DType.FLOAT32) {
            long s1 = st[1] * 4, b = e * 4;
            for (int j = 0; j < len; j++) dst[dstOff + j] = s.get(F32, b + j * s1);
        } else if (dt == DType.FLOAT64) {
            long s1 = st[1] * 8, b = e * 8;
            for (int j = 0; j < len; j++) dst[dstOff + j] = s.get(F64, b + j * s1);
        } else {
            for (int j = 0; j < len; j++) dst[dstOff + j] = t.getDouble(row, col0 + j);
        }
    }

    /**
     * Writes {@code len} doubles into row {@code row} of a 2-D float tensor from column {@code col0}, converting to
     * its dtype. <pre>{@code LocalDistances.writeRow(out, i, 0, buf, 0, n); }</pre>
     */
    public static void writeRow(Tensor t, long row, long col0, double[] src, int srcOff, int len) {
        if (len == 0) return;
        MemorySegment s = t.segment();
        long[] st = t.strides();
        long e = t.offset() + row * st[0] + col0 * st[1];
        DType dt = t.dtype();
        if (dt == DType.FLOAT64 && st[1] == 1) {
            MemorySegment.copy(src, srcOff, s, F64, e * 8, len);
        } else if (dt == DType.FLOAT32) {
            long s1 = st[1] * 4, b = e * 4;
            for (int j = 0; j < len; j++) s.set(F32, b + j * s1, (float) src[srcOff + j]);
        } else if (dt == DType.FLOAT64) {
            long s1 = st[1] * 8, b = e * 8;
            for (int j = 0; j < len; j++) s.set(F64, b + j * s1, src[srcOff + j]);
        } else {
            for (int j = 0; j < len; j++) t.setDouble(src[srcOff + j], row, col0 + j);
        }
    }
}
