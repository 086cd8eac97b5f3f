package org.jheat.tensor;

/**
 * CPU kernels of counting and binning (histc, histogram, bincount, searchsorted, the data range): each streams
 * the local elements block by block (converted to double or long by {@link BlockIO}) through one plain loop. The
 * distributed parts (summing counts over processes, agreeing on a range) are {@code org.jheat.core.Histograms}'.
 *
 * <pre>{@code Tensor counts = Binning.histc(x, 10, 0.0, 1.0); }</pre>
 */
final class Binning {
    private static final int BLOCK = Elementwise.BLOCK;

    private Binning() { }

    /** Receives consecutive blocks of elements (a prefix of length n of the buffers is valid). */
    interface DoubleBlocks { void accept(double[] v, double[] w, int n); }

    /** Receives consecutive blocks of elements as longs. */
    interface LongBlocks { void accept(long[] v, double[] w, int n); }

    /** Streams the elements of t (and, in lock-step, w when not null; same shape) as doubles in blocks. */
    static void scan(Tensor t, Tensor w, DoubleBlocks f) {
        Tensor c = t.contiguous(), cw = w == null ? null : w.contiguous();
        long n = c.size();
        double[] buf = new double[BLOCK], wbuf = cw == null ? null : new double[BLOCK];
        for (long i = 0; i < n; i += BLOCK) {
            int len = (int) Math.min(BLOCK, n - i);
            load(c, i, buf, len);
            if (cw != null) load(cw, i, wbuf, len);
            f.accept(buf, wbuf, len);
        }
    }

    /** Streams the elements of an integral tensor as longs (exact for int64). */
    static void scanLong(Tensor t, Tensor w, LongBlocks f) {
        Tensor c = t.contiguous(), cw = w == null ? null : w.contiguous();
        long n = c.size();
        long[] buf = new long[BLOCK];
        double[] wbuf = cw == null ? null : new double[BLOCK];
        int item = c.dtype().itemSize();
        for (long i = 0; i < n; i += BLOCK) {
            int len = (int) Math.min(BLOCK, n - i);
            BlockIO.load(c.segment(), (c.offset() + i) * item, item, c.dtype(), buf, len);
            if (cw != null) load(cw, i, wbuf, len);
            f.accept(buf, wbuf, len);
        }
    }

    private static void load(Tensor c, long from, double[] buf, int len) {
        int item = c.dtype().itemSize();
        BlockIO.load(c.segment(), (c.offset() + from) * item, item, c.dtype(), buf, len);
    }

    /** {min, max} (NaN, NaN when any element is NaN; +inf, -inf when empty). */
    static double[] range(Tensor t) {
        final double[] mm = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0};
        scan(t, null, (v, w, n) -> {
            for (int i = 0; i < n; i++) {
                double e = v[i];
                if (e != e) mm[2] = 1;
                if (e < mm[0]) mm[0] = e;
                if (e > mm[1]) mm[1] = e;
            }
        });
        return mm[2] != 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {mm[0], mm[1]};
    }

    /** {max, ~min} of an integer tensor. */
    static long[] integerRange(Tensor t) {
        long[] mm = {Long.MIN_VALUE, Long.MIN_VALUE};
        scanLong(t, null, (v, w, n) -> {
            for (int i = 0; i < n; i++) {
                if (v[i] > mm[0]) mm[0] = v[i];
                if (~v[i] > mm[1]) mm[1] = ~v[i];
            }
        });
        return mm;
    }

    /** torch.histc's counts (positions computed in float32 for float32 input, as torch does). */
    static Tensor histc(Tensor x, int bins, double lo, double hi) {
        boolean single = x.dtype() == DType.FLOAT32;
        long[] counts = new long[bins];
        final double l = single ? (float) lo : lo, h = single ? (float) hi : hi;
        final int nb = bins;
        scan(x, null, (v, w, n) -> {
            for (int i = 0; i < n; i++) {
                double e = v[i];
                if (!(e >= l && e <= h)) continue;
                long pos = single ? (long) ((float) ((float) (e - l) * nb) / (float) (h - l)) : (long) ((e - l) * nb / (h - l));
                if (pos >= nb) pos = nb - 1;
                counts[(int) pos]++;
            }
        });
        return Tensor.fromArray(counts);
    }

    /**
     * numpy.histogram's counts (or weight sums) over increasing edges made from [first, last] (rounded to float32
     * for float32 data): the range check uses the edges, the bin estimate the unrounded ends, as numpy does.
     */
    static Tensor histogram(Tensor x, Tensor weights, double[] edges, double first, double last) {
        int nb = edges.length - 1;
        final double lo = edges[0], hi = edges[nb];
        final double norm = nb / (last - first);
        long[] counts = weights == null ? new long[nb] : null;
        double[] wsum = weights == null ? null : new double[nb];
        scan(x, weights, (v, w, n) -> {
            for (int i = 0; i < n; i++) {
                double e = v[i];
                if (!(e >= lo && e <= hi)) continue;
                // numpy's fast path: an estimate from the linear map, then corrected against the actual edges
                int idx = (int) Math.min(nb, (long) ((e - first) * norm));
                if (idx == nb) idx--;
                if (e < edges[idx]) idx--;
                else if (idx != nb - 1 && e >= edges[idx + 1]) idx++;
                if (counts != null) counts[idx]++; else wsum[idx] += w[i];
            }
        });
        return counts != null ? Tensor.fromArray(counts) : Tensor.fromArray(wsum);
    }

    /** numpy.bincount's counts (or weight sums). */
    static Tensor bincount(Tensor x, Tensor weights, int length) {
        if (weights == null) {
            long[] counts = new long[length];
            scanLong(x, null, (v, w, n) -> {
                for (int i = 0; i < n; i++) counts[(int) v[i]]++;
            });
            return Tensor.fromArray(counts);
        }
        double[] sums = new double[length];
        scanLong(x, weights, (v, w, n) -> {
            for (int i = 0; i < n; i++) sums[(int) v[i]] += w[i];
        });
        return Tensor.fromArray(sums);
    }

    /** numpy's sort order for floats: NaN after everything. */
    private static boolean lt(double a, double b) { return a < b || (b != b && a == a); }

    /** numpy.searchsorted of every element of x into the int64 {@code out} (x's shape). */
    static void searchsorted(Tensor x, double[] sorted, boolean sideRight, boolean mirror, Tensor out) {
        Tensor res = out.isContiguous() ? out : Tensor.empty(DType.INT64, out.shape());
        long[] idx = new long[BLOCK];
        long[] pos = {0};
        int nb = sorted.length;
        scan(x, null, (v, w, n) -> {
            for (int i = 0; i < n; i++) {
                double e = v[i];
                int lo = 0, hi = nb;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    // left: first index with !(sorted[mid] < e); right: first index with e < sorted[mid]
                    boolean goRight = sideRight ? !lt(e, sorted[mid]) : lt(sorted[mid], e);
                    if (goRight) lo = mid + 1; else hi = mid;
                }
                idx[i] = mirror ? nb - lo : lo;
            }
            BlockIO.store(idx, res.segment(), (res.offset() + pos[0]) * 8, 8, DType.INT64, n);
            pos[0] += n;
        });
        if (res != out) StridedCopy.copy(res, out);
    }
}
