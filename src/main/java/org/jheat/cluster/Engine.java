package org.jheat.cluster;

import java.util.Arrays;
import java.util.List;

import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Tensor;

/**
 * One run of Lloyd-style iterations from given centres, with scikit-learn's loop: assign every sample to its
 * nearest centre, move the centres (mean, coordinate-wise median, or the medoid nearest the median), stop on strict
 * convergence (no label changed) or when the squared centre shift is within the tolerance, and — when stopped
 * without strict convergence — assign once more so that the labels match the final centres. The result's inertia
 * is the true objective of the final centres and labels (sum of squared distances, or of L1 distances for the
 * median-based updates), computed exactly, not by the quadratic expansion.
 *
 * <p>Communication per iteration of k-means: one Allreduce of k·f sums, k weights and the count of changed labels
 * (plus, only when a cluster ran empty, one Allgather of the farthest samples). The median updates add the
 * distributed selection of {@link Medians} (and for medoids one Allgather and one Allreduce).
 */
final class Engine {
    /** How the centres move. */
    enum Update { MEAN, MEDIAN, MEDOID }

    final Samples s;
    final int k, f;
    final boolean l1;
    final Update update;
    final int maxIter;
    final double tolAbs;

    /** Told after each iteration (null: nobody); see {@link KCluster.IterationListener}. */
    interface Step { void done(int iter, long changed, double shift); }

    Step listener;
    double[] centres;
    Labels labels;
    double inertia;
    int nIter;

    Engine(Samples s, int k, Update update, int maxIter, double tolAbs) {
        this.s = s;
        this.k = k;
        this.f = s.f;
        this.update = update;
        this.l1 = update != Update.MEAN;
        this.maxIter = maxIter;
        this.tolAbs = tolAbs;
    }

    void run(double[] init) {
        labels = new Labels(s, -1);
        Labels ls = labels;
        double[] c = init.clone();
        double[] sums = new double[k * f + k + 1];   // this process's sums and weights by the current labels (k-means)
        boolean strict = false;
        int it;
        for (it = 1; ; it++) {
            Centres ce = new Centres(c, k, f, s);
            double[] next;
            long changed;
            if (update == Update.MEAN) {
                for (Tensor st : new MeanPass(s, ce, ls).run()) {
                    double[] part = st.toDoubleArray();
                    st.free();
                    for (int i = 0; i < sums.length; i++) sums[i] += part[i];
                }
                double[] acc = Arrays.copyOf(sums, k * f + k + 1);
                acc[k * f + k] = sums[k * f + k];
                sums[k * f + k] = 0;
                Comms.allreduceSum(s.comm, acc);
                changed = (long) acc[k * f + k];
                relocateMeans(acc, ce, ls);
                next = new double[k * f];
                for (int j = 0; j < k; j++) {
                    double w = acc[k * f + j];
                    for (int t = 0; t < f; t++) next[j * f + t] = w > 0 ? acc[j * f + t] / w : acc[j * f + t];
                }
            } else {
                double[] acc = merge(new AssignPass(s, ce, true, ls, true).run(), k + 2);
                Comms.allreduceSum(s.comm, acc);
                changed = (long) acc[k];
                double[] counts = Arrays.copyOf(acc, k);
                next = Medians.compute(s, ls, counts, k);
                if (update == Update.MEDOID) next = medoids(next, counts, ls);
                relocateCopies(next, counts, ce, ls);
            }
            double shift = 0;
            for (int i = 0; i < next.length; i++) shift += (next[i] - c[i]) * (next[i] - c[i]);
            ce.free();
            c = next;
            if (listener != null) listener.done(it, changed, shift);
            if (changed == 0) {
                strict = true;
                break;
            }
            if (shift <= tolAbs || it >= maxIter) break;
        }
        Centres ce = new Centres(c, k, f, s);
        double[] obj = merge(new FinalPass(s, ce, l1, ls, !strict).run(), 1);
        ce.free();
        Comms.allreduceSum(s.comm, obj);
        centres = c;
        inertia = obj[0];
        nIter = it;
    }

    void free() {
        if (labels != null) labels.free();
        labels = null;
    }

    /** Sums the pieces' accumulators in piece order. */
    static double[] merge(List<double[]> parts, int len) {
        double[] out = new double[len];
        for (double[] p : parts) for (int i = 0; i < len; i++) out[i] += p[i];
        return out;
    }

    // ------------------------------------------------------------------------------------------- empty clusters

    /**
     * scikit-learn's relocation: each empty cluster takes one of the samples farthest from their centre (largest
     * first); the sample leaves its old cluster's sums. Nothing moves when every sample sits on its centre.
     */
    private void relocateMeans(double[] acc, Centres old, Labels ls) {
        int[] empty = empties(acc, k * f);
        if (empty.length == 0) return;
        double[][] far = farthest(old, ls, empty.length);
        if (far.length == 0 || far[0][0] == 0) return;
        for (int e = 0; e < empty.length && e < far.length; e++) {
            double[] r = far[e];
            int j = empty[e], o = (int) r[2];
            double w = r[3];
            for (int t = 0; t < f; t++) {
                acc[o * f + t] -= r[4 + t] * w;
                acc[j * f + t] = r[4 + t] * w;
            }
            acc[k * f + j] = w;
            acc[k * f + o] -= w;
        }
    }

    /** Median updates: an empty cluster's centre becomes a sample farthest (L1) from its own centre. */
    private void relocateCopies(double[] next, double[] counts, Centres old, Labels ls) {
        int[] empty = empties(counts, 0);
        if (empty.length == 0) return;
        double[][] far = farthest(old, ls, empty.length);
        for (int e = 0; e < empty.length; e++) {
            int j = empty[e];
            if (e < far.length && far[e][0] > 0) System.arraycopy(far[e], 4, next, j * f, f);
            else System.arraycopy(old.c, j * f, next, j * f, f);
        }
    }

    private int[] empties(double[] weights, int off) {
        int m = 0;
        int[] e = new int[k];
        for (int j = 0; j < k; j++) if (weights[off + j] <= 0) e[m++] = j;
        return Arrays.copyOf(e, m);
    }

    /**
     * The m samples farthest from their assigned centre, globally, largest first (smaller global index on ties):
     * each record is {distance, global index, label, weight, x…}. One Allgather of m records per process.
     */
    private double[][] farthest(Centres old, Labels ls, int m) {
        int rec = f + 4;
        List<double[]> parts = new RecordPass(old, l1, old.t64, ls, m, rec, -1) {
            @Override void row(double[] st, int i, Block b, double dist, int lab) {
                insert(st, m, rec, dist, b.global + i, lab, weight(b.local + i), b.x, i * f, f);
            }
        }.run();
        double[] mine = new double[m * rec];
        for (int q = 0; q < m; q++) mine[q * rec] = -1;
        for (double[] p : parts) for (int q = 0; q < m; q++) if (p[q * rec] >= 0) insertRecord(mine, m, rec, p, q * rec);
        double[] all = Comms.allgather(s.comm, mine);
        double[] best = new double[m * rec];
        for (int q = 0; q < m; q++) best[q * rec] = -1;
        for (int q = 0; q < all.length / rec; q++) if (all[q * rec] >= 0) insertRecord(best, m, rec, all, q * rec);
        int cnt = 0;
        while (cnt < m && best[cnt * rec] >= 0) cnt++;
        double[][] out = new double[cnt][];
        for (int q = 0; q < cnt; q++) out[q] = Arrays.copyOfRange(best, q * rec, (q + 1) * rec);
        return out;
    }

    /**
     * A pass whose state is {@code slots} records of {@code rec} doubles, each starting with {@code empty} (unused),
     * that visits every row with its exact distance to its assigned row of {@code centres} (L1 with {@code l1}) and
     * its label: the farthest-samples and the medoid searches.
     */
    private abstract class RecordPass extends Pass<double[]> {
        private final Tensor centres;
        private final Labels ls;
        private final int slots, rec;
        private final double empty;

        RecordPass(Centres ce, boolean l1, Tensor centres, Labels ls, int slots, int rec, double empty) {
            super(Engine.this.s, ce, l1, false);
            this.centres = centres;
            this.ls = ls;
            this.slots = slots;
            this.rec = rec;
            this.empty = empty;
        }

        /** Row i of block b (its values in {@code b.x}). */
        abstract void row(double[] st, int i, Block b, double dist, int lab);

        @Override double[] newState() {
            double[] st = new double[slots * rec];
            for (int q = 0; q < slots; q++) st[q * rec] = empty;
            return st;
        }

        @Override boolean needsX() { return true; }

        @Override void block(double[] st, Block b) {
            double[] dist = assigned(b, centres, ls.view(b.local, b.n));
            int[] lab = ls.read(b.local, b.n, b.lab);
            for (int i = 0; i < b.n; i++) row(st, i, b, dist[i], lab[i]);
        }
    }

    private static boolean before(double da, double ga, double db, double gb) { return da > db || (da == db && ga < gb); }

    private static void insert(double[] st, int m, int rec, double dist, long g, int lab, double w, double[] x, int xo, int f) {
        int last = (m - 1) * rec;
        if (st[last] >= 0 && !before(dist, g, st[last], st[last + 1])) return;
        int pos = m - 1;
        while (pos > 0 && (st[(pos - 1) * rec] < 0 || before(dist, g, st[(pos - 1) * rec], st[(pos - 1) * rec + 1]))) pos--;
        System.arraycopy(st, pos * rec, st, (pos + 1) * rec, (m - 1 - pos) * rec);
        int o = pos * rec;
        st[o] = dist;
        st[o + 1] = g;
        st[o + 2] = lab;
        st[o + 3] = w;
        System.arraycopy(x, xo, st, o + 4, f);
    }

    private static void insertRecord(double[] st, int m, int rec, double[] src, int so) {
        int last = (m - 1) * rec;
        double dist = src[so], g = src[so + 1];
        if (st[last] >= 0 && !before(dist, g, st[last], st[last + 1])) return;
        int pos = m - 1;
        while (pos > 0 && (st[(pos - 1) * rec] < 0 || before(dist, g, st[(pos - 1) * rec], st[(pos - 1) * rec + 1]))) pos--;
        System.arraycopy(st, pos * rec, st, (pos + 1) * rec, (m - 1 - pos) * rec);
        System.arraycopy(src, so, st, pos * rec, rec);
    }

    // ------------------------------------------------------------------------------------------- medoids

    /**
     * Heat's medoid rule: for each cluster, the member with the smallest L1 distance to the cluster's median (the
     * smaller global index on ties). Per process the best member of each cluster, one Allgather of (distance, index)
     * pairs to agree on the winners, one Allreduce in which each winner's owner contributes its row.
     */
    private double[] medoids(double[] med, double[] counts, Labels ls) {
        int rec = f + 2;
        Tensor medT = tensor(med, k, f, DType.FLOAT64, s.device);
        List<double[]> parts;
        try {
            parts = new RecordPass(null, true, medT, ls, k, rec, Double.POSITIVE_INFINITY) {
                @Override void row(double[] st, int i, Block b, double dist, int lab) {
                    int o = lab * rec;
                    long g = b.global + i;
                    if (dist < st[o] || (dist == st[o] && g < st[o + 1])) {
                        st[o] = dist;
                        st[o + 1] = g;
                        System.arraycopy(b.x, i * f, st, o + 2, f);
                    }
                }
            }.run();
        } finally {
            medT.free();
        }
        double[] mine = parts.get(0).clone();
        for (int p = 1; p < parts.size(); p++) {
            for (int j = 0; j < k; j++) {
                int o = j * rec;
                double[] q = parts.get(p);
                if (q[o] < mine[o] || (q[o] == mine[o] && q[o + 1] < mine[o + 1])) System.arraycopy(q, o, mine, o, rec);
            }
        }
        double[] pairs = new double[2 * k];
        for (int j = 0; j < k; j++) {
            pairs[2 * j] = mine[j * rec];
            pairs[2 * j + 1] = mine[j * rec + 1];
        }
        double[] all = Comms.allgather(s.comm, pairs);
        double[] out = new double[k * f];
        for (int j = 0; j < k; j++) {
            if (counts[j] <= 0) continue;
            int win = 0;
            for (int q = 1; q < s.comm.size(); q++) {
                double dq = all[q * 2 * k + 2 * j], dw = all[win * 2 * k + 2 * j];
                if (dq < dw || (dq == dw && all[q * 2 * k + 2 * j + 1] < all[win * 2 * k + 2 * j + 1])) win = q;
            }
            if (win == s.comm.rank()) System.arraycopy(mine, j * rec + 2, out, j * f, f);
        }
        Comms.allreduceSum(s.comm, out);
        return out;
    }

    // ------------------------------------------------------------------------------------------- passes

    /**
     * k-means step: the nearest centre of every row and, for the rows whose label changed, the update of the
     * per-cluster sums (the row leaves its old cluster's sum and joins the new one) — one backend kernel per block,
     * {@link org.jheat.tensor.ClusterKernels#meanStep} (argmin and update in one call). The sums of a process are thus
     * kept up to date instead of recomputed: the first iteration adds every row, later ones only the few that move,
     * so after the gemm and the argmin almost nothing is left to do. The result is the same exact Lloyd step (the
     * sums differ from fresh ones only by rounding). State: a float64 tensor {sums (k·f), weights (k), moved rows}.
     */
    static final class MeanPass extends Pass<Tensor> {
        private final Labels ls;

        MeanPass(Samples s, Centres ce, Labels ls) {
            super(s, ce, false, true);
            this.ls = ls;
        }

        @Override Tensor newState() { return s.backend().zeros(DType.FLOAT64, (long) k * f + k + 1); }

        @Override boolean fusedArgmin() { return true; }

        @Override void block(Tensor acc, Block b) {
            Tensor w = weightsT == null ? null : weightsT.narrow(0, b.local, b.n);
            if (fused) b.rows.backend().cluster().lloydStep(b.rows, ce.t, ls.view(b.local, b.n), w, acc);
            else b.rows.backend().cluster().meanStep(b.g.narrow(0, 0, b.n), b.rows, ls.view(b.local, b.n), w, acc);
        }
    }

    /**
     * Assignment only: labels (stored when {@code ls} is given, counting changes), weights per cluster and the
     * objective of the assignment. State: weights (k), changes, objective.
     */
    static final class AssignPass extends Pass<double[]> {
        private final Labels ls;
        private final boolean countChanges;

        AssignPass(Samples s, Centres ce, boolean l1, Labels ls, boolean countChanges) {
            super(s, ce, l1, true);
            this.ls = ls;
            this.countChanges = countChanges;
        }

        @Override double[] newState() { return new double[k + 2]; }

        @Override boolean needsD() { return true; }

        @Override boolean needsNearest() { return true; }

        @Override boolean needsNorms() { return !l1; }

        @Override void block(double[] acc, Block b) {
            int rows = b.n;
            long local = b.local;
            double[] nrm = b.norms;
            int[] near = b.nearest;
            int[] old = ls != null && countChanges ? ls.read(local, rows, b.lab) : null;
            for (int i = 0; i < rows; i++) {
                int j = near[i];
                double w = weight(local + i);
                acc[j] += w;
                if (old != null && old[i] != j) acc[k] += 1;
                double dist = l1 ? b.d(i, j) : Math.max(0, nrm[i] + b.d(i, j));
                acc[k + 1] += w * dist;
            }
            if (ls != null) ls.view(local, rows).copyFrom(b.nearestView());
        }
    }

    /**
     * The exact objective of the final centres: relabels first when asked (stopped without strict convergence, or
     * predicting new data), then sums the weighted exact distance of every sample to its centre. State: {objective}.
     */
    static final class FinalPass extends Pass<double[]> {
        private final Labels ls;
        private final boolean relabel;

        FinalPass(Samples s, Centres ce, boolean l1, Labels ls, boolean relabel) {
            super(s, ce, l1, relabel);
            this.ls = ls;
            this.relabel = relabel;
        }

        @Override double[] newState() { return new double[1]; }

        @Override void block(double[] acc, Block b) {
            int rows = b.n;
            long local = b.local;
            Tensor lab = ls.view(local, rows);
            if (relabel) lab.copyFrom(b.nearestView());
            double[] dist = assigned(b, ce.t64, lab);
            double sum = 0;
            for (int i = 0; i < rows; i++) sum += weight(local + i) * dist[i];
            acc[0] += sum;
        }
    }

    /** The (k, f) centres of a row-major double array as a tensor of {@code dtype}. */
    static Tensor tensor(double[] c, int k, int f, DType dtype, Device device) {
        return Tensor.fromArray(c, dtype).reshape(k, f).to(device);
    }
}
