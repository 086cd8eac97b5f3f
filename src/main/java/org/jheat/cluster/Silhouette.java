package org.jheat.cluster;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.Request;
import org.jheat.core.DNDarray;
import org.jheat.spatial.Metric;
import org.jheat.tensor.DType;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Silhouette coefficients (scikit-learn's {@code silhouette_samples}), distributed without any process holding
 * the distance matrix: each process keeps, for its own samples, the sum of distances to every cluster
 * ({@code n_local × n_labels}); the other processes' rows pass by on a ring (rank r sends its current block to
 * r+1 while computing against it), and the distances are made tile by tile (at most 1024 × 1024 at a time). The
 * labels are replicated (one value per sample; they set which cluster each passing row adds to). With
 * {@code "precomputed"} x is the distance matrix itself and each process sums its own rows.
 */
final class Silhouette {
    private static final int TAG = 7521;
    private static final int TILE = 1024;

    private Silhouette() { }

    static DNDarray samples(DNDarray x, DNDarray labels, String metric) {
        String who = "silhouetteSamples";
        boolean pre = "precomputed".equals(metric);
        Metric m = pre ? null : Metric.of(metric);
        if (x == null || labels == null) throw new IllegalArgumentException(who + ": X and labels must not be null");
        if (x.ndim() != 2) throw new IllegalArgumentException(who + ": X must be 2-D, got shape " + Shapes.str(x.gshape()));
        long n = x.gshape()[0];
        boolean column = labels.ndim() == 2 && labels.gshape()[1] == 1;
        if (labels.ndim() != 1 && !column) {
            throw new IllegalArgumentException(who + ": labels must be 1-D (or a column vector), got shape " + Shapes.str(labels.gshape()));
        }
        if (labels.gshape()[0] != n) {
            throw new IllegalArgumentException(who + ": Found input variables with inconsistent numbers of samples: [" + n + ", "
                    + labels.gshape()[0] + "]");
        }
        if (!labels.dtype().isIntegral()) throw new IllegalArgumentException(who + ": labels must be integers, got " + labels.dtype());
        if (pre && x.gshape()[1] != n) {
            throw new IllegalArgumentException(who + ": a precomputed distance matrix must be square, got shape " + Shapes.str(x.gshape()));
        }
        long[] lab = (column ? labels.reshape(n) : labels).resplit(null).larray().toLongArray();
        long[] uniq = Arrays.stream(lab).distinct().sorted().toArray();
        int nl = uniq.length;
        if (nl < 2 || nl > n - 1) {
            throw new IllegalArgumentException(who + ": Number of labels is " + nl + ". Valid values are 2 to n_samples - 1 (inclusive)");
        }
        int[] enc = new int[lab.length];
        double[] freq = new double[nl];
        for (int i = 0; i < lab.length; i++) {
            enc[i] = Arrays.binarySearch(uniq, lab[i]);
            freq[enc[i]]++;
        }
        Samples s = Samples.of(x, who);
        s.scan(who, false);
        int rows = Math.toIntExact(s.localRows);
        double[] sums = new double[rows * nl];
        Tensor mine = s.rows();
        long g0 = s.globalStart();
        if (pre) {
            accumulate(mine, enc, nl, sums, 0, n);
        } else if (s instanceof Samples.InMemory im && im.rowMap != null && s.comm.size() > 1) {
            ring(s, m, enc, nl, sums);
        } else {
            Tensor all = x.larray().dtype() == s.dtype ? x.larray().contiguous() : x.larray().astype(s.dtype);
            addDistances(m, mine, all, 0, enc, nl, sums);
        }
        Tensor out = mine.newEmpty(DType.FLOAT64, rows);
        double[] sil = new double[rows];
        for (int i = 0; i < rows; i++) {
            int own = enc[(int) (g0 + i)];
            double a = sums[i * nl + own] / (freq[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < nl; c++) if (c != own) b = Math.min(b, sums[i * nl + c] / freq[c]);
            double v = (b - a) / Math.max(a, b);
            sil[i] = Double.isNaN(v) ? 0 : v;
        }
        for (int i = 0; i < rows; i++) out.setDoubleFlat(sil[i], i);
        return s.assemble(out);
    }

    /** Precomputed distances: the local rows of the matrix summed per cluster of the column. */
    private static void accumulate(Tensor rowsOfD, int[] enc, int nl, double[] sums, int from, long n) {
        int rows = Math.toIntExact(rowsOfD.shape(0));
        Parallel.forRange(rows, 16, (a, b) -> {
            double[] row = new double[(int) n];
            for (long i = a; i < b; i++) {
                rowsOfD.select(0, i).toDoubleArray(row, 0);
                int o = (int) i * nl;
                for (int j = 0; j < n; j++) sums[o + enc[j]] += row[j];
            }
        });
    }

    /** sums[i, c] += Σ over rows j of {@code other} in cluster c of d(mine_i, other_j); other starts at global row g. */
    private static void addDistances(Metric m, Tensor mine, Tensor other, long g, int[] enc, int nl, double[] sums) {
        long rows = mine.shape(0), cols = other.shape(0);
        if (rows == 0 || cols == 0) return;
        int tr = (int) Math.min(TILE, rows), tc = (int) Math.min(TILE, cols);
        Tensor d = mine.newEmpty(DType.FLOAT64, tr, tc);
        double[] buf = new double[tr * tc];
        try {
            for (long i0 = 0; i0 < rows; i0 += tr) {
                int r = (int) Math.min(tr, rows - i0);
                for (long j0 = 0; j0 < cols; j0 += tc) {
                    int c = (int) Math.min(tc, cols - j0);
                    Tensor dv = d.narrow(0, 0, r).narrow(1, 0, c);
                    m.compute(mine.narrow(0, i0, r), other.narrow(0, j0, c), dv);
                    dv.toDoubleArray(buf, 0);
                    for (int i = 0; i < r; i++) {
                        int o = (int) (i0 + i) * nl;
                        long gj = g + j0;
                        for (int j = 0; j < c; j++) sums[o + enc[(int) (gj + j)]] += buf[i * c + j];
                    }
                }
            }
        } finally {
            d.storage().free();
        }
    }

    /** The other processes' rows travel around the ring; each process adds its rows' distances to every block. */
    private static void ring(Samples s, Metric m, int[] enc, int nl, double[] sums) {
        Communication comm = s.comm;
        int p = comm.size(), r = comm.rank();
        long[][] map = ((Samples.InMemory) s).rowMap;
        long[] counts = new long[p], starts = new long[p];
        for (int q = 0, acc = 0; q < p; q++) {
            counts[q] = map[q][0];
            starts[q] = acc;
            acc += counts[q];
        }
        long f = s.f, max = 1;
        for (long c : counts) max = Math.max(max, c);
        Tensor mine = s.rows();
        Tensor cur = mine.newEmpty(s.dtype, max, f), next = mine.newEmpty(s.dtype, max, f);
        if (mine.shape(0) > 0) cur.narrow(0, 0, mine.shape(0)).copyFrom(mine);
        try {
            for (int st = 0; st < p; st++) {
                int owner = (r - st + p) % p;
                Request send = null, recv = null;
                if (st < p - 1) {
                    int incoming = (r - st - 1 + p) % p;
                    recv = comm.irecv(next.narrow(0, 0, counts[incoming]), (r - 1 + p) % p, TAG);
                    send = comm.isend(cur.narrow(0, 0, counts[owner]), (r + 1) % p, TAG);
                }
                addDistances(m, mine, cur.narrow(0, 0, counts[owner]), starts[owner], enc, nl, sums);
                if (recv != null) Request.waitAll(send, recv);
                Tensor t = cur;
                cur = next;
                next = t;
            }
        } finally {
            cur.storage().free();
            next.storage().free();
        }
    }
}
