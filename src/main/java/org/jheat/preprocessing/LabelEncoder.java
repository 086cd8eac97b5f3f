package org.jheat.preprocessing;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.core.Sets;
import org.jheat.core.Validation;
import org.jheat.tensor.Tensor;

/**
 * Encodes target labels as 0 … nClasses-1 in sorted order (scikit-learn's {@code LabelEncoder}); the classifiers use
 * it for their {@code classes()}. Labels may be of any real dtype (int, float, bool); the classes keep it.
 *
 * <p>{@link #fit} finds the classes with core's distributed {@code unique} (local uniques partitioned by value, no
 * gather of y); only the (small) sorted class list is then replicated. {@link #transform} maps each process's
 * labels locally by binary search; unseen labels are agreed on with one Allreduce, so every process throws.
 * NaN and infinite labels are rejected (collectively), as scikit-learn's classifiers reject them; -0.0 is the
 * class 0.0. Integer labels are compared exactly; float labels as doubles.
 *
 * <pre>{@code
 * LabelEncoder le = new LabelEncoder().fit(Heat.array(new long[] {7, -1, 2, 7}, null, 0));
 * DNDarray codes = le.transform(y);             // [2, 0, 1, 2]
 * DNDarray back = le.inverseTransform(codes);   // y again
 * long[] cls = le.classes().toLongArray();      // [-1, 2, 7]
 * }</pre>
 */
public final class LabelEncoder {
    private static final String NAME = "LabelEncoder";

    private Tensor classes;
    private DNDarray like;   // carries the communicator and device of the labels (0 elements)
    private long[] keysL;
    private double[] keysD;

    /** An unfitted encoder. <pre>{@code new LabelEncoder()}</pre> */
    public LabelEncoder() { }

    /**
     * Learns the sorted distinct labels of y (1-d, any distribution). Collective.
     * <pre>{@code le.fit(y); }</pre>
     *
     * @throws IllegalArgumentException for y not 1-d, empty, complex, or with NaN/infinity — on every process
     */
    public LabelEncoder fit(DNDarray y) {
        DNDarray yy = checkTargets(y, NAME + ".fit");
        if (yy.gshape()[0] == 0) throw new IllegalArgumentException(NAME + ".fit: y is empty; at least one label is required");
        Tensor u = Sets.unique(yy).gatherAll();
        setClasses(u, yy);
        return this;
    }

    /**
     * Uses the given labels as the classes (sorted and made distinct; gathered when split) — scikit-learn's
     * {@code classes} argument of {@code partial_fit}. Collective when {@code labels} is split.
     * <pre>{@code LabelEncoder le = LabelEncoder.ofClasses(Heat.array(new long[] {0, 1, 2}, null, null)); }</pre>
     *
     * @throws IllegalArgumentException for labels not 1-d, empty, complex, or with NaN/infinity
     */
    public static LabelEncoder ofClasses(DNDarray labels) {
        if (labels == null || labels.ndim() != 1 || labels.gshape()[0] == 0) {
            throw new IllegalArgumentException(NAME + ": classes must be a non-empty 1-d array, got "
                    + (labels == null ? "null" : "shape " + Arrays.toString(labels.gshape())));
        }
        if (labels.dtype().isComplex()) throw new IllegalArgumentException(NAME + ": complex classes are not supported");
        Tensor all = labels.gatherAll();
        LabelEncoder le = new LabelEncoder();
        if (all.dtype().isFloat()) {
            double[] v = all.toDoubleArray();
            for (double d : v) {
                if (!Double.isFinite(d)) throw new IllegalArgumentException(NAME + ": classes contain NaN or infinity");
            }
            for (int i = 0; i < v.length; i++) if (v[i] == 0) v[i] = 0.0;
            double[] s = Arrays.stream(v).sorted().distinct().toArray();
            le.setClasses(Tensor.fromArray(s).astype(all.dtype()), labels);
        } else {
            long[] s = Arrays.stream(all.toLongArray()).sorted().distinct().toArray();
            le.setClasses(Tensor.fromArray(s).astype(all.dtype()), labels);
        }
        return le;
    }

    private void setClasses(Tensor c, DNDarray labels) {
        classes = c;
        like = new DNDarray(labels.larray().newEmpty(c.dtype(), 0), new long[] {0}, null, labels.comm(), null);
        if (c.dtype().isFloat()) {
            keysD = c.toDoubleArray();
            keysL = null;
        } else {
            keysL = c.toLongArray();
            keysD = null;
        }
    }

    /**
     * The codes (int64) of y's labels, with y's distribution. Collective (the unseen-label check).
     * <pre>{@code DNDarray codes = le.transform(y); }</pre>
     *
     * @throws IllegalArgumentException "y contains previously unseen labels" — on every process
     */
    public DNDarray transform(DNDarray y) {
        requireFitted();
        String who = NAME + ".transform";
        DNDarray yy = checkTargets(y, who);
        long[] codes = encodeLocal(yy.larray());
        requireKnown(codes, yy.larray(), yy.isDistributed() ? yy.comm() : null, who, "y contains previously unseen labels");
        Tensor local = Tensor.fromArray(codes);
        return new DNDarray(local.to(yy.device()), yy.gshape(), yy.split(), yy.comm(), yy.splitAxis() < 0 ? null : yy.lshapeMap());
    }

    /** {@link #fit} then {@link #transform}. */
    public DNDarray fitTransform(DNDarray y) { return fit(y).transform(y); }

    /**
     * The labels of codes (any integer array, any distribution); local apart from the range check (one Allreduce).
     * <pre>{@code DNDarray labels = le.inverseTransform(codes); }</pre>
     *
     * @throws IllegalArgumentException for codes outside [0, nClasses) — on every process
     */
    public DNDarray inverseTransform(DNDarray codes) {
        requireFitted();
        if (codes == null || codes.ndim() != 1) throw new IllegalArgumentException(NAME + ".inverseTransform: codes must be a 1-d array");
        if (!codes.dtype().isInteger()) throw new IllegalArgumentException(NAME + ".inverseTransform: codes must be integers, got " + codes.dtype());
        long[] c = codes.larray().contiguous().toLongArray();
        long bad = 0;
        for (long v : c) if (v < 0 || v >= nClasses()) bad++;
        if (codes.isDistributed()) bad = codes.comm().allreduce(bad, ReduceOp.SUM);
        if (bad > 0) {
            throw new IllegalArgumentException(NAME + ".inverseTransform: " + bad + " codes lie outside [0, " + nClasses() + ")");
        }
        return new DNDarray(decodeLocal(c).to(codes.device()), codes.gshape(), codes.split(), codes.comm(),
                codes.splitAxis() < 0 ? null : codes.lshapeMap());
    }

    private void requireFitted() {
        if (classes == null) throw Validation.notFitted(NAME);
    }

    /** The sorted classes as a replicated 1-d array of the labels' dtype. */
    public DNDarray classes() {
        requireFitted();
        return new DNDarray(classes.copy().to(like.device()), classes.shape(), null, like.comm(), null);
    }

    /** The sorted classes as a local tensor (every process holds all). */
    public Tensor classesTensor() {
        requireFitted();
        return classes;
    }

    /** Number of classes. */
    public int nClasses() {
        requireFitted();
        return (int) classes.size();
    }

    /**
     * Local: the code of each element of a 1-d label tensor, -1 where the label is not a class (no communication).
     * <pre>{@code long[] codes = le.encodeLocal(y.larray()); }</pre>
     */
    public long[] encodeLocal(Tensor labels) {
        requireFitted();
        Tensor t = labels.contiguous();
        long[] out = new long[(int) t.size()];
        if (keysL != null) {
            long[] v = t.dtype().isFloat() ? null : t.toLongArray();
            double[] d = v == null ? t.toDoubleArray() : null;
            for (int i = 0; i < out.length; i++) {
                if (d != null && (d[i] != Math.rint(d[i]) || Math.abs(d[i]) >= 0x1p63)) {
                    out[i] = -1;
                    continue;
                }
                long key = v != null ? v[i] : (long) d[i];
                int k = Arrays.binarySearch(keysL, key);
                out[i] = k >= 0 ? k : -1;
            }
        } else {
            double[] v = t.toDoubleArray();
            for (int i = 0; i < out.length; i++) {
                double key = v[i] == 0 ? 0.0 : v[i];
                int k = Arrays.binarySearch(keysD, key);
                out[i] = k >= 0 ? k : -1;
            }
        }
        return out;
    }

    /**
     * Local: the labels of the codes {@code c} (each in [0, nClasses)) as a 1-d tensor of the classes' dtype.
     * <pre>{@code Tensor labels = le.decodeLocal(codes); }</pre>
     */
    public Tensor decodeLocal(long[] c) {
        requireFitted();
        if (keysL != null) {
            long[] out = new long[c.length];
            for (int i = 0; i < c.length; i++) out[i] = keysL[(int) c[i]];
            return Tensor.fromArray(out).astype(classes.dtype());
        }
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) out[i] = keysD[(int) c[i]];
        return Tensor.fromArray(out).astype(classes.dtype());
    }

    /**
     * Collective: throws on every process when any process has a code -1, naming the smallest unknown label.
     * {@code comm} null means the labels are replicated (no communication).
     * <pre>{@code LabelEncoder.requireKnown(codes, y.larray(), y.comm(), "GaussianNB.partialFit", "unknown labels"); }</pre>
     */
    public static void requireKnown(long[] codes, Tensor labels, Communication comm, String who, String message) {
        long unknown = 0;
        double smallest = Double.POSITIVE_INFINITY;
        double[] v = null;
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0) {
                if (v == null) v = labels.contiguous().toDoubleArray();
                unknown++;
                smallest = Math.min(smallest, v[i]);
            }
        }
        if (comm != null) {
            unknown = comm.allreduce(unknown, ReduceOp.SUM);
            if (unknown > 0) smallest = comm.allreduce(smallest, ReduceOp.MIN);
        }
        if (unknown > 0) {
            String s = smallest == Math.rint(smallest) && Math.abs(smallest) < 1e15 ? Long.toString((long) smallest) : Double.toString(smallest);
            throw new IllegalArgumentException(who + ": " + message + " (" + unknown + " of them, the smallest " + s + ")");
        }
    }

    /** y as 1-d labels (an (n, 1) column is flattened), real and finite; collective (the finite check). */
    static DNDarray checkTargets(DNDarray y, String who) {
        if (y == null) throw new IllegalArgumentException(who + ": y must not be null");
        DNDarray yy = Validation.checkLabels(y, y.ndim() >= 1 ? y.gshape()[0] : -1, who);
        Validation.checkFinite(yy, who, "y");
        return yy;
    }
}
