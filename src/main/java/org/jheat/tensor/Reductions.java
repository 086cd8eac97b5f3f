package org.jheat.tensor;

/**
 * The reduction kernels: sum and prod (floating folds keep eight partial sums, so blocks vectorise and rounding
 * error grows like a pairwise sum's), min and max (NaN propagates, as numpy), any, all, and the NaN-skipping
 * nansum and nanprod.
 *
 * <pre>{@code Tensor s = x.backend().reduce(Reductions.SUM, false, x, 0, DType.FLOAT64); }</pre>
 */
public final class Reductions {
    private Reductions() { }

    /** float64 in native order, any alignment (a tensor's view may start anywhere). */
    private static final java.lang.foreign.ValueLayout.OfDouble F64 = java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /** Sum. */
    public static final ReduceFn SUM = new ReduceFn("sum", 0.0, 0L) {
        @Override public double fold(double acc, double[] b, int n) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                s0 += b[i]; s1 += b[i + 1]; s2 += b[i + 2]; s3 += b[i + 3];
                s4 += b[i + 4]; s5 += b[i + 5]; s6 += b[i + 6]; s7 += b[i + 7];
            }
            for (; i < n; i++) s0 += b[i];
            return acc + (((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
        }
        @Override public boolean readsF64() { return true; }
        @Override public double foldF64(double acc, java.lang.foreign.MemorySegment s, long off, int n) {
            // fold's eight accumulators read from the tensor's memory: the copy into a block cost as much as the sum
            // (the whole sum of (1e7, 8), one thread: 57 -> 26 ms, numpy 26 ms, torch 21 ms; two 4-lane vector
            // accumulators holding the same eight sums gave no more: the loop is bound by memory)
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                long o = off + 8L * i;
                s0 += s.get(F64, o); s1 += s.get(F64, o + 8); s2 += s.get(F64, o + 16); s3 += s.get(F64, o + 24);
                s4 += s.get(F64, o + 32); s5 += s.get(F64, o + 40); s6 += s.get(F64, o + 48); s7 += s.get(F64, o + 56);
            }
            for (; i < n; i++) s0 += s.get(F64, off + 8L * i);
            return acc + (((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
        }
        @Override public long fold(long acc, long[] b, int n) { for (int i = 0; i < n; i++) acc += b[i]; return acc; }
        @Override public void combine(double[] acc, double[] b, int n) { for (int i = 0; i < n; i++) acc[i] += b[i]; }
        @Override public void combine(long[] acc, long[] b, int n) { for (int i = 0; i < n; i++) acc[i] += b[i]; }
        @Override public void combineRows(double[] acc, double[] rows, int r, int b) {
            // w rows at a time (w·b >= 32 values) into w·b accumulators, one plain loop over the w·b values: one chain
            // of dependent adds per column would stall on the add latency (narrow rows are a few vectors wide)
            int w = (32 + b - 1) / b, wb = w * b, q = 0;
            if (w > 1 && r >= 2 * w) {
                double[] part = new double[wb];
                for (; q + w <= r; q += w) {
                    int o = q * b;
                    for (int i = 0; i < wb; i++) part[i] += rows[o + i];
                }
                for (int k = 0; k < w; k++) for (int j = 0; j < b; j++) acc[j] += part[k * b + j];
            }
            for (int o = q * b; q < r; q++, o += b) for (int j = 0; j < b; j++) acc[j] += rows[o + j];
        }
        @Override public void combineRowsF64(double[] acc, java.lang.foreign.MemorySegment s, long off, int r, int b) {
            // combineRows's loops reading the tensor's memory: the copy into a block cost more than the sums
            // (axis 0 of (1e7, 8), one thread: 93 -> 36 ms in a probe)
            int w = (32 + b - 1) / b, wb = w * b, q = 0;
            if (w > 1 && r >= 2 * w) {
                double[] part = new double[wb];
                for (; q + w <= r; q += w) {
                    long o = off + 8L * q * b;
                    for (int i = 0; i < wb; i++) part[i] += s.get(F64, o + 8L * i);
                }
                for (int k = 0; k < w; k++) for (int j = 0; j < b; j++) acc[j] += part[k * b + j];
            }
            for (long o = off + 8L * q * b; q < r; q++, o += 8L * b) for (int j = 0; j < b; j++) acc[j] += s.get(F64, o + 8L * j);
        }
        @Override public void combineRows(long[] acc, long[] rows, int r, int b) {
            for (int q = 0, o = 0; q < r; q++, o += b) for (int j = 0; j < b; j++) acc[j] += rows[o + j];
        }
        @Override public void foldRuns(double[] runs, int r, int k, double[] out) {
            // fold(0, run, k) of each run in place: the same eight accumulators and the same order, so the same bits
            for (int q = 0, o = 0; q < r; q++, o += k) {
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                int i = o, end = o + k;
                for (; i + 8 <= end; i += 8) {
                    s0 += runs[i]; s1 += runs[i + 1]; s2 += runs[i + 2]; s3 += runs[i + 3];
                    s4 += runs[i + 4]; s5 += runs[i + 5]; s6 += runs[i + 6]; s7 += runs[i + 7];
                }
                for (; i < end; i++) s0 += runs[i];
                out[q] = 0.0 + (((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
            }
        }
    };

    /** Product. */
    public static final ReduceFn PROD = new ReduceFn("prod", 1.0, 1L) {
        @Override public double fold(double acc, double[] b, int n) {
            double p0 = 1, p1 = 1, p2 = 1, p3 = 1;
            int i = 0;
            for (; i + 4 <= n; i += 4) { p0 *= b[i]; p1 *= b[i + 1]; p2 *= b[i + 2]; p3 *= b[i + 3]; }
            for (; i < n; i++) p0 *= b[i];
            return acc * ((p0 * p1) * (p2 * p3));
        }
        @Override public long fold(long acc, long[] b, int n) { for (int i = 0; i < n; i++) acc *= b[i]; return acc; }
        @Override public void combine(double[] acc, double[] b, int n) { for (int i = 0; i < n; i++) acc[i] *= b[i]; }
        @Override public void combine(long[] acc, long[] b, int n) { for (int i = 0; i < n; i++) acc[i] *= b[i]; }
    };

    /** Minimum (NaN wins). */
    public static final ReduceFn MIN = new ReduceFn("min", Double.POSITIVE_INFINITY, Long.MAX_VALUE) {
        @Override public double fold(double acc, double[] b, int n) { for (int i = 0; i < n; i++) acc = Kernels.min(acc, b[i]); return acc; }
        @Override public long fold(long acc, long[] b, int n) { for (int i = 0; i < n; i++) acc = Math.min(acc, b[i]); return acc; }
        @Override public void combine(double[] acc, double[] b, int n) { for (int i = 0; i < n; i++) acc[i] = Kernels.min(acc[i], b[i]); }
        @Override public void combine(long[] acc, long[] b, int n) { for (int i = 0; i < n; i++) acc[i] = Math.min(acc[i], b[i]); }
        @Override public void combineRows(double[] acc, double[] rows, int r, int b) {
            for (int q = 0, o = 0; q < r; q++, o += b) for (int j = 0; j < b; j++) acc[j] = Kernels.min(acc[j], rows[o + j]);
        }
    };

    /** Maximum (NaN wins). */
    public static final ReduceFn MAX = new ReduceFn("max", Double.NEGATIVE_INFINITY, Long.MIN_VALUE) {
        @Override public double fold(double acc, double[] b, int n) { for (int i = 0; i < n; i++) acc = Kernels.max(acc, b[i]); return acc; }
        @Override public long fold(long acc, long[] b, int n) { for (int i = 0; i < n; i++) acc = Math.max(acc, b[i]); return acc; }
        @Override public void combine(double[] acc, double[] b, int n) { for (int i = 0; i < n; i++) acc[i] = Kernels.max(acc[i], b[i]); }
        @Override public void combine(long[] acc, long[] b, int n) { for (int i = 0; i < n; i++) acc[i] = Math.max(acc[i], b[i]); }
        @Override public void combineRows(double[] acc, double[] rows, int r, int b) {
            for (int q = 0, o = 0; q < r; q++, o += b) for (int j = 0; j < b; j++) acc[j] = Kernels.max(acc[j], rows[o + j]);
        }
    };

    /** Any element nonzero (1/0). */
    public static final ReduceFn ANY = new ReduceFn("any", 0.0, 0L) {
        @Override public double fold(double acc, double[] b, int n) { for (int i = 0; i < n && acc == 0; i++) if (b[i] != 0) acc = 1; return acc; }
        @Override public long fold(long acc, long[] b, int n) { for (int i = 0; i < n && acc == 0; i++) if (b[i] != 0) acc = 1; return acc; }
        @Override public void combine(double[] acc, double[] b, int n) { for (int i = 0; i < n; i++) acc[i] = acc[i] != 0 || b[i] != 0 ? 1 : 0; }
        @Override public void combine(long[] acc, long[] b, int n) { for (int i = 0; i < n; i++) acc[i] = acc[i] != 0 || b[i] != 0 ? 1 : 0; }
    };

    /** Every element nonzero (1/0). */
    public static final ReduceFn ALL = new ReduceFn("all", 1.0, 1L) {
        @Override public double fold(double acc, double[] b, int n) { for (int i = 0; i < n && acc != 0; i++) if (b[i] == 0) acc = 0; return acc; }
        @Override public long fold(long acc, long[] b, int n) { for (int i = 0; i < n && acc != 0; i++) if (b[i] == 0) acc = 0; return acc; }
        @Override public void combine(double[] acc, double[] b, int n) { for (int i = 0; i < n; i++) acc[i] = acc[i] != 0 && b[i] != 0 ? 1 : 0; }
        @Override public void combine(long[] acc, long[] b, int n) { for (int i = 0; i < n; i++) acc[i] = acc[i] != 0 && b[i] != 0 ? 1 : 0; }
    };

    /** Sum treating NaN as 0. */
    public static final ReduceFn NANSUM = new ReduceFn("nansum", 0.0, 0L) {
        @Override public double fold(double acc, double[] b, int n) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int i = 0;
            for (; i + 4 <= n; i += 4) {
                s0 += b[i] == b[i] ? b[i] : 0; s1 += b[i + 1] == b[i + 1] ? b[i + 1] : 0;
                s2 += b[i + 2] == b[i + 2] ? b[i + 2] : 0; s3 += b[i + 3] == b[i + 3] ? b[i + 3] : 0;
            }
            for (; i < n; i++) s0 += b[i] == b[i] ? b[i] : 0;
            return acc + ((s0 + s1) + (s2 + s3));
        }
        @Override public long fold(long acc, long[] b, int n) { return SUM.fold(acc, b, n); }
        @Override public void combine(double[] acc, double[] b, int n) { for (int i = 0; i < n; i++) acc[i] += b[i] == b[i] ? b[i] : 0; }
        @Override public void combine(long[] acc, long[] b, int n) { SUM.combine(acc, b, n); }
    };

    /** Product treating NaN as 1. */
    public static final ReduceFn NANPROD = new ReduceFn("nanprod", 1.0, 1L) {
        @Override public double fold(double acc, double[] b, int n) { for (int i = 0; i < n; i++) if (b[i] == b[i]) acc *= b[i]; return acc; }
        @Override public long fold(long acc, long[] b, int n) { return PROD.fold(acc, b, n); }
        @Override public void combine(double[] acc, double[] b, int n) { for (int i = 0; i < n; i++) if (b[i] == b[i]) acc[i] *= b[i]; }
        @Override public void combine(long[] acc, long[] b, int n) { PROD.combine(acc, b, n); }
    };
}
