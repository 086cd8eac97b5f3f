package org.jheat.cluster;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Tensor;

/**
 * Exact coordinate-wise medians of every cluster (numpy's median: the mean of the two middle values for an even
 * count), without gathering any cluster. Each process sorts its members' values per (cluster, feature); then a
 * distributed selection finds every needed order statistic of every (cluster, feature) at once: each process
 * proposes the middle of its candidate window, all agree on the count-weighted median of the proposals (one
 * Allgather), count the candidates below and equal to it (one Allreduce) and keep the side that holds the wanted
 * rank. A round discards at least a quarter of the candidates, so O(log n) rounds of two small collectives. One
 * process (or the weighted local reclustering) reads the order statistics directly.
 */
final class Medians {
    private Medians() { }

    /**
     * The (k, f) medians, row-major; NaN for clusters with no member. {@code counts} are the clusters' global
     * weights (member counts when unweighted).
     */
    static double[] compute(Samples s, Labels labels, double[] counts, int k) {
        if (!s.inMemory()) throw new UnsupportedOperationException("median updates need the samples in memory");
        int f = s.f;
        Tensor rows = s.rows();
        int nl = Math.toIntExact(rows.shape(0));
        double[] w = s instanceof Samples.InMemory im ? im.weights : null;
        int[] lab = labels.all();
        int[] mc = new int[k];
        for (int i = 0; i < nl; i++) mc[lab[i]]++;
        double[][] vals = new double[k * f][];
        double[][] wts = w == null ? null : new double[k * f][];
        for (int c = 0; c < k; c++) {
            for (int t = 0; t < f; t++) {
                vals[c * f + t] = new double[mc[c]];
                if (wts != null) wts[c * f + t] = new double[mc[c]];
            }
        }
        int[] pos = new int[k];
        int block = Math.max(1, 65536 / Math.max(1, f));
        double[] buf = new double[block * f];
        for (int i0 = 0; i0 < nl; i0 += block) {
            int m = Math.min(block, nl - i0);
            rows.narrow(0, i0, m).toDoubleArray(buf);
            for (int q = 0; q < m; q++) {
                int i = i0 + q, c = lab[i];
                int p = pos[c]++;
                for (int t = 0; t < f; t++) {
                    vals[c * f + t][p] = buf[q * f + t];
                    if (wts != null) wts[c * f + t][p] = w[i];
                }
            }
        }
        double[] out = new double[k * f];
        if (wts != null) {
            for (int q = 0; q < k * f; q++) out[q] = weightedMedian(vals[q], wts[q]);
            return out;
        }
        Parallel.forRange(k * f, 1, (a, b) -> {
            for (long q = a; q < b; q++) Arrays.sort(vals[(int) q]);
        });
        Communication comm = s.comm;
        // problems: for each non-empty cluster and feature, the lower and (for an even count) upper middle rank
        int[] prob = new int[2 * k * f];
        long[] target = new long[2 * k * f];
        int nq = 0;
        for (int c = 0; c < k; c++) {
            long n = Math.round(counts[c]);
            if (n <= 0) continue;
            for (int t = 0; t < f; t++) {
                prob[nq] = c * f + t;
                target[nq++] = (n - 1) / 2;
                if (n % 2 == 0) {
                    prob[nq] = c * f + t;
                    target[nq++] = n / 2;
                }
            }
        }
        double[] value = comm.size() == 1 ? direct(vals, prob, target, nq) : select(comm, vals, prob, target, nq);
        Arrays.fill(out, Double.NaN);
        for (int q = 0; q < nq; q++) {
            int pq = prob[q];
            boolean pair = q + 1 < nq && prob[q + 1] == pq && target[q + 1] == target[q] + 1;
            out[pq] = pair ? (value[q] + value[q + 1]) / 2 : value[q];
            if (pair) q++;
        }
        return out;
    }

    private static double[] direct(double[][] vals, int[] prob, long[] target, int nq) {
        double[] v = new double[nq];
        for (int q = 0; q < nq; q++) v[q] = vals[prob[q]][(int) target[q]];
        return v;
    }

    /** The distributed selection described in the class comment, vectorised over all problems. */
    private static double[] select(Communication comm, double[][] vals, int[] prob, long[] target, int nq) {
        int[] lo = new int[nq], hi = new int[nq];
        long[] below = new long[nq];
        boolean[] done = new boolean[nq];
        double[] value = new double[nq];
        for (int q = 0; q < nq; q++) hi[q] = vals[prob[q]].length;
        int p = comm.size();
        int active = nq;
        while (active > 0) {
            double[] prop = new double[2 * nq];
            for (int q = 0; q < nq; q++) {
                if (done[q]) continue;
                int wdt = hi[q] - lo[q];
                if (wdt > 0) {
                    prop[2 * q] = vals[prob[q]][lo[q] + (wdt - 1) / 2];
                    prop[2 * q + 1] = wdt;
                }
            }
            double[] all = Comms.allgather(comm, prop);
            double[] pivot = new double[nq];
            long[] cnt = new long[2 * nq];
            int[] a = new int[nq], b = new int[nq];
            double[] pv = new double[p], pw = new double[p];
            Integer[] order = new Integer[p];
            for (int q = 0; q < nq; q++) {
                if (done[q]) continue;
                int m = 0;
                double tot = 0;
                for (int r = 0; r < p; r++) {
                    double wr = all[r * 2 * nq + 2 * q + 1];
                    if (wr > 0) {
                        pv[m] = all[r * 2 * nq + 2 * q];
                        pw[m] = wr;
                        order[m] = m;
                        tot += wr;
                        m++;
                    }
                }
                Arrays.sort(order, 0, m, (i, j) -> Double.compare(pv[i], pv[j]));
                double cum = 0;
                double piv = pv[order[m - 1]];
                for (int i = 0; i < m; i++) {
                    cum += pw[order[i]];
                    if (cum >= tot / 2) {
                        piv = pv[order[i]];
                        break;
                    }
                }
                pivot[q] = piv;
                double[] arr = vals[prob[q]];
                a[q] = lowerBound(arr, lo[q], hi[q], piv);
                b[q] = upperBound(arr, a[q], hi[q], piv);
                cnt[2 * q] = a[q] - lo[q];
                cnt[2 * q + 1] = b[q] - a[q];
            }
            comm.allreduce(cnt, ReduceOp.SUM);
            for (int q = 0; q < nq; q++) {
                if (done[q]) continue;
                long lt = cnt[2 * q], eq = cnt[2 * q + 1], t = target[q] - below[q];
                if (t < lt) {
                    hi[q] = a[q];
                } else if (t < lt + eq) {
                    done[q] = true;
                    value[q] = pivot[q];
                    active--;
                } else {
                    below[q] += lt + eq;
                    lo[q] = b[q];
                }
            }
        }
        return value;
    }

    private static int lowerBound(double[] a, int lo, int hi, double v) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int upperBound(double[] a, int lo, int hi, double v) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /**
     * The weighted median: the value where the cumulative weight reaches half the total, the mean of the two
     * neighbours when it lands exactly on half (so unit weights give numpy's median). Zero weights are ignored.
     */
    static double weightedMedian(double[] v, double[] w) {
        int m = 0;
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) if (w[i] > 0) idx[m++] = i;
        if (m == 0) return Double.NaN;
        Arrays.sort(idx, 0, m, (i, j) -> Double.compare(v[i], v[j]));
        double tot = 0;
        for (int i = 0; i < m; i++) tot += w[idx[i]];
        double cum = 0;
        for (int i = 0; i < m; i++) {
            cum += w[idx[i]];
            if (cum >= tot / 2) {
                if (cum == tot / 2 && i + 1 < m) return (v[idx[i]] + v[idx[i + 1]]) / 2;
                return v[idx[i]];
            }
        }
        return v[idx[m - 1]];
    }
}
