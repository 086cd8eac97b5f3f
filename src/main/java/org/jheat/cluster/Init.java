package org.jheat.cluster;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jheat.spatial.Metric;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * Initial centres. Every choice is a function of the random key and of global sample indices, so the same
 * centres come out for any number of processes and any split.
 * <ul>
 *   <li>{@link #random}: k distinct samples (Floyd's sampling), fetched with one Allreduce.</li>
 *   <li>{@link #scalable}: Heat's k-means‖ (Bahmani et al. 2012): a first sample at random, then {@code rounds}
 *   oversampling rounds in which every sample joins the candidates independently with probability
 *   {@code ℓ·d(x)/ψ} (d: squared distance to the nearest candidate — L1 distance for the median estimators —, ψ its
 *   sum), then each candidate weighted by the number of samples nearest to it and the weighted candidates
 *   reclustered into k centres on one process (weighted k-means++ seeding followed, for k-means, by weighted Lloyd
 *   iterations). Passes over the data: 2 per round plus 1; collectives: one Allgatherv of the new candidates and one
 *   Allreduce per round.</li>
 * </ul>
 */
final class Init {
    private Init() { }

    /** The rows with the given global indices, in that order, on every process (one Allreduce). */
    static double[] fetch(Samples s, long[] idx) {
        int f = s.f;
        double[] buf = new double[idx.length * f];
        s.forEach((rows, g0, l0) -> {
            long r = rows.shape(0);
            for (int q = 0; q < idx.length; q++) {
                if (idx[q] >= g0 && idx[q] < g0 + r) rows.select(0, idx[q] - g0).toDoubleArray(buf, q * f);
            }
        });
        Comms.allreduceSum(s.comm, buf);
        return buf;
    }

    /** k distinct random samples (scikit-learn's init="random"). */
    static double[] random(Samples s, int k, Rng rng, long run) {
        long n = s.n;
        Set<Long> chosen = new LinkedHashSet<>();
        long stream = Rng.stream(Rng.RANDOM, run, 0);
        for (long j = n - k; j < n; j++) {
            long t = rng.below(stream, j, j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        long[] idx = chosen.stream().mapToLong(Long::longValue).toArray();
        return fetch(s, idx);
    }

    /** k-means‖ (see the class comment). {@code ell} is the expected number of candidates per round. */
    static double[] scalable(Samples s, int k, boolean l1, Rng rng, long run, double ell, int rounds, int maxIter, double tol) {
        int f = s.f;
        long n = s.n;
        long first = rng.below(Rng.stream(Rng.FIRST, run, 0), 0, n);
        double[] cand = fetch(s, new long[] {first});
        long[] candIdx = {first};
        Tensor dmin = s.backend().empty(DType.FLOAT64, s.localRows).fill(Double.POSITIVE_INFINITY);
        try {
            double psi = updateDistances(s, l1, dmin, cand, 1);
            for (int r = 1; r <= rounds && psi > 0; r++) {
                double[] picked = select(s, dmin, ell, psi, rng, Rng.stream(Rng.ROUND, run, r));
                double[] all = Comms.allgatherv(s.comm, picked);
                int m = all.length / (f + 1);
                if (m == 0) continue;
                Integer[] order = new Integer[m];
                for (int i = 0; i < m; i++) order[i] = i;
                Arrays.sort(order, (a, b) -> Double.compare(all[a * (f + 1)], all[b * (f + 1)]));
                double[] rowsNew = new double[m * f];
                long[] idxNew = new long[m];
                for (int i = 0; i < m; i++) {
                    int o = order[i] * (f + 1);
                    idxNew[i] = (long) all[o];
                    System.arraycopy(all, o + 1, rowsNew, i * f, f);
                }
                cand = concat(cand, rowsNew);
                candIdx = concat(candIdx, idxNew);
                psi = updateDistances(s, l1, dmin, rowsNew, m);
            }
        } finally {
            dmin.storage().free();
        }
        if (candIdx.length < k) {
            Set<Long> have = new LinkedHashSet<>();
            for (long c : candIdx) have.add(c);
            long[] extra = new long[k - candIdx.length];
            long stream = Rng.stream(Rng.TOPUP, run, 0);
            for (long t = 0, e = 0; e < extra.length; t++) {
                long c = rng.below(stream, t, n);
                if (have.add(c)) extra[(int) e++] = c;
            }
            cand = concat(cand, fetch(s, extra));
            candIdx = concat(candIdx, extra);
        }
        int m = candIdx.length;
        Centres ce = new Centres(cand, m, f, s);
        double[] w;
        try {
            w = Engine.merge(new Engine.AssignPass(s, ce, l1, null, false).run(), m + 2);
        } finally {
            ce.free();
        }
        Comms.allreduceSum(s.comm, w);
        double[] out = new double[k * f];
        if (s.comm.rank() == 0) {
            Tensor ct = Engine.tensor(cand, m, f, DType.FLOAT64, s.device);
            double[] weights = Arrays.copyOf(w, m);
            double[] seeds = plusPlus(ct, weights, k, l1, rng, Rng.stream(Rng.PLUSPLUS, run, 0));
            if (l1) {
                out = seeds;
            } else {
                Samples cs = Samples.local(ct);
                ((Samples.InMemory) cs).weights = weights;
                cs.scan("KMeans", tol > 0);
                Engine e = new Engine(cs, k, Engine.Update.MEAN, maxIter, tol * cs.meanVariance);
                e.run(seeds);
                out = e.centres;
                e.free();
            }
            ct.storage().free();
        }
        Comms.bcast(s.comm, out, 0);
        return out;
    }

    /** d_i = min(d_i, distance of sample i to the new candidates); returns the global sum of d. */
    private static double updateDistances(Samples s, boolean l1, Tensor dmin, double[] rows, int m) {
        Centres ce = new Centres(rows, m, s.f, s);
        double[] sum;
        try {
            sum = Engine.merge(new Pass<double[]>(s, ce, l1, true) {
                @Override double[] newState() { return new double[1]; }

                @Override boolean needsD() { return true; }

                @Override boolean needsNearest() { return true; }

                @Override boolean needsNorms() { return !l1; }

                @Override void block(double[] st, Block b) {
                    int n = b.n;
                    long local = b.local;
                    double[] nrm = b.norms, cur = b.dist;
                    int[] near = b.nearest;
                    Tensor dv = dmin.narrow(0, local, n);
                    dv.toDoubleArray(cur);
                    double acc = 0;
                    for (int i = 0; i < n; i++) {
                        int j = near[i];
                        double v = l1 ? b.d(i, j) : Math.max(0, nrm[i] + b.d(i, j));
                        if (v < cur[i]) cur[i] = v;
                        acc += weight(local + i) * cur[i];
                    }
                    dv.copyFrom(cur, 0);
                    st[0] += acc;
                }
            }.run(), 1);
        } finally {
            ce.free();
        }
        Comms.allreduceSum(s.comm, sum);
        return sum[0];
    }

    /** This process's picks of one oversampling round: records {global index, x…}. */
    private static double[] select(Samples s, Tensor dmin, double ell, double psi, Rng rng, long stream) {
        int f = s.f;
        // sequential in local order: drawing is cheap next to the distance passes
        double[][] acc = {new double[16]};
        int[] len = {0};
        int block = 4096;
        double[] dist = new double[block], u = new double[block];
        long[] bits = new long[2 * block];
        s.forEach((rows, g0, l0) -> {
            long r = rows.shape(0);
            for (long i0 = 0; i0 < r; i0 += block) {
                int nb = (int) Math.min(block, r - i0);
                dmin.narrow(0, l0 + i0, nb).toDoubleArray(dist);
                rng.uniforms(stream, g0 + i0, nb, u, bits);
                for (int q = 0; q < nb; q++) {
                    long i = i0 + q;
                    double p = ell * dist[q] / psi;
                    if (u[q] < p) {
                        if (len[0] + f + 1 > acc[0].length) acc[0] = Arrays.copyOf(acc[0], Math.max(2 * acc[0].length, len[0] + f + 1));
                        acc[0][len[0]] = g0 + i;
                        rows.select(0, i).toDoubleArray(acc[0], len[0] + 1);
                        len[0] += f + 1;
                    }
                }
            }
        });
        return Arrays.copyOf(acc[0], len[0]);
    }

    /**
     * scikit-learn's greedy k-means++ on local weighted rows: the first centre drawn with probability ∝ weight, each
     * next one the best of {@code 2 + ln k} draws with probability ∝ weight·D (D the squared euclidean, or for the
     * median estimators the L1, distance to the nearest chosen centre), best meaning the smallest resulting
     * potential Σ weight·D.
     */
    static double[] plusPlus(Tensor x, double[] w, int k, boolean l1, Rng rng, long stream) {
        int m = Math.toIntExact(x.shape(0)), f = Math.toIntExact(x.shape(1));
        int trials = 2 + (int) Math.log(k);
        Metric metric = l1 ? Metric.cityblock() : Metric.sqeuclidean(true);
        double[] out = new double[k * f];
        double[] cum = new double[m];
        long ctr = 0;
        double tw = 0;
        for (int i = 0; i < m; i++) cum[i] = tw += w == null ? 1 : w[i];
        int first = searchsorted(cum, rng.uniform(stream, ctr++) * tw);
        x.select(0, first).toDoubleArray(out, 0);
        double[] closest = distancesTo(x, new int[] {first}, metric)[0];
        double pot = 0;
        for (int i = 0; i < m; i++) pot += wt(w, i) * closest[i];
        for (int c = 1; c < k; c++) {
            double run = 0;
            for (int i = 0; i < m; i++) cum[i] = run += wt(w, i) * closest[i];
            int[] ids = new int[trials];
            for (int t = 0; t < trials; t++) ids[t] = searchsorted(cum, rng.uniform(stream, ctr++) * pot);
            double[][] dist = distancesTo(x, ids, metric);
            int best = 0;
            double bestPot = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double p = 0;
                for (int i = 0; i < m; i++) {
                    double v = Math.min(closest[i], dist[t][i]);
                    dist[t][i] = v;
                    p += wt(w, i) * v;
                }
                if (p < bestPot) {
                    bestPot = p;
                    best = t;
                }
            }
            closest = dist[best];
            pot = bestPot;
            x.select(0, ids[best]).toDoubleArray(out, c * f);
        }
        return out;
    }

    private static double wt(double[] w, int i) { return w == null ? 1 : w[i]; }

    /** numpy's searchsorted(side='left') clipped to the last index. */
    private static int searchsorted(double[] cum, double v) {
        int lo = 0, hi = cum.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] < v) lo = mid + 1; else hi = mid;
        }
        return Math.min(lo, cum.length - 1);
    }

    private static double[][] distancesTo(Tensor x, int[] ids, Metric metric) {
        int m = Math.toIntExact(x.shape(0)), f = Math.toIntExact(x.shape(1));
        Tensor pts = x.newEmpty(x.dtype(), ids.length, f);
        for (int t = 0; t < ids.length; t++) pts.select(0, t).copyFrom(x.select(0, ids[t]));
        Tensor d = x.newEmpty(DType.FLOAT64, ids.length, m);
        metric.compute(pts, x, d);
        double[][] out = new double[ids.length][m];
        for (int t = 0; t < ids.length; t++) d.select(0, t).toDoubleArray(out[t], 0);
        pts.free();
        d.free();
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
