package org.jheat.core;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.tensor.DType;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.Reductions;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Input checks of estimators (scikit-learn's {@code utils.validation}): shapes, feature counts, labels and finite
 * values. The shape checks look only at global metadata, so they throw the same exception on every process before
 * any communication; {@link #checkFinite} looks at the data and agrees on the verdict with one small Allreduce, so
 * it too throws on every process or on none.
 *
 * <pre>{@code
 * Validation.check2d(x, "StandardScaler.fit");
 * Validation.checkFinite(x, "StandardScaler.fit");        // collective
 * DNDarray yy = Validation.labelsLike(y, x, "GaussianNB.fit");   // y distributed like x's rows
 * }</pre>
 */
public final class Validation {
    private Validation() { }

    /**
     * For checks of what each process passes itself (local parts, descriptions, file chunks): throws the same
     * IllegalArgumentException on every process when any process's {@code localError} is non-null (the lowest such
     * rank's message, prefixed with its rank when there are several processes), so that none waits in a later
     * collective. Collective: one allgather, and a bcast of the message when one failed.
     * <pre>{@code Validation.agree(comm, mine.ndim() == 2 ? null : "fromParts: a part must be 2-d"); }</pre>
     */
    public static void agree(Communication comm, String localError) {
        agreeOn(comm, () -> {
            if (localError != null) throw new IllegalArgumentException(localError);
            return null;
        });
    }

    /**
     * Runs a process-local step whose outcome depends on this process's own data (LAPACK on the matrices of a stack
     * split along a batch axis, a check of a local part) and agrees on it: when the step throws on any process, every
     * process throws an exception of the lowest failing rank's kind ({@link org.jheat.tensor.LinalgError},
     * IllegalArgumentException, otherwise IllegalStateException) with that rank's message, prefixed with its rank when
     * there are several processes, so that none goes on into a later collective. Collective: one allgather, and a
     * bcast of the message when one failed (nothing at one process).
     * <pre>{@code Tensor inv = Validation.agreeOn(comm, () -> LocalLinalg.inv(mine)); }</pre>
     */
    public static <T> T agreeOn(Communication comm, java.util.function.Supplier<T> step) {
        T value = null;
        RuntimeException error = null;
        try {
            value = step.get();
        } catch (RuntimeException e) {
            error = e;
        }
        if (comm.size() == 1) {
            if (error != null) throw error;
            return value;
        }
        long kind = error == null ? 0 : error instanceof org.jheat.tensor.LinalgError ? 1 : error instanceof IllegalArgumentException ? 2 : 3;
        long[] kinds = comm.allgather(kind);
        for (int r = 0; r < kinds.length; r++) {
            if (kinds[r] == 0) continue;
            String m = comm.bcast(comm.rank() == r ? (error.getMessage() != null ? error.getMessage() : error.toString()) : null, r);
            m = "rank " + r + ": " + m;
            RuntimeException agreed = kinds[r] == 1 ? new org.jheat.tensor.LinalgError(m) : kinds[r] == 2 ? new IllegalArgumentException(m) : new IllegalStateException(m);
            if (comm.rank() == r) agreed.initCause(error);   // the failing process keeps where it failed
            throw agreed;
        }
        return value;
    }

    /**
     * X must be a 2-d real array with at least one sample and one feature (scikit-learn's {@code check_array}).
     * <pre>{@code Validation.check2d(x, "MinMaxScaler.fit"); }</pre>
     *
     * @throws IllegalArgumentException naming {@code who}, on every process
     */
    public static void check2d(DNDarray x, String who) {
        if (x == null) throw new IllegalArgumentException(who + ": X must not be null");
        if (x.ndim() != 2) {
            throw new IllegalArgumentException(who + ": expected a 2-d array X of shape (n_samples, n_features), got "
                    + x.ndim() + "-d shape " + Shapes.str(x.gshape()) + "; reshape 1-d data with x.reshape(-1, 1) (one feature) or x.reshape(1, -1) (one sample)");
        }
        if (x.dtype().isComplex()) throw new IllegalArgumentException(who + ": complex data is not supported, got " + x.dtype());
        long[] g = x.gshape();
        if (g[0] < 1) throw new IllegalArgumentException(who + ": found an array with 0 samples (shape " + Shapes.str(g) + "); a minimum of 1 is required");
        if (g[1] < 1) throw new IllegalArgumentException(who + ": found an array with 0 features (shape " + Shapes.str(g) + "); a minimum of 1 is required");
    }

    /**
     * X has the number of features the estimator was fitted with.
     * <pre>{@code Validation.checkFeatures(x, nFeaturesIn, "StandardScaler.transform"); }</pre>
     */
    public static void checkFeatures(DNDarray x, long expected, String who) {
        long got = x.gshape()[1];
        if (got != expected) {
            throw new IllegalArgumentException(who + ": X has " + got + " features, but the estimator was fitted with "
                    + expected + " features");
        }
    }

    /**
     * Throws when any element of x is NaN or infinite, on every process alike (collective: one Allreduce of a flag
     * when x is distributed). Integer and bool arrays pass without a look at the data. Each process first sums its
     * elements (one fast pass; a finite sum proves every element finite) and inspects them one by one only when
     * the sum is not finite, which also tells NaN from infinity.
     * <pre>{@code Validation.checkFinite(x, "GaussianNB.fit"); }</pre>
     *
     * @throws IllegalArgumentException "X contains NaN" or "X contains infinity"
     */
    public static void checkFinite(DNDarray x, String who) { checkFinite(x, who, "X"); }

    /**
     * {@link #checkFinite(DNDarray, String)} naming the array {@code name} in the message ("y contains NaN").
     * <pre>{@code Validation.checkFinite(y, "GaussianNB.fit", "y"); }</pre>
     */
    public static void checkFinite(DNDarray x, String who, String name) {
        if (!x.dtype().isFloat()) return;
        raiseNonFinite(x, localNonFinite(x.larray()), who, name);
    }

    /**
     * {@link #checkFinite(DNDarray, String)} for an X (n, f) whose means along axis 0 the caller computes anyway
     * ({@code Statistics.mean(x, {0})}: replicated, or split like X's columns): a finite mean proves its column finite,
     * so X itself is read only where a mean is not finite (NaN, infinity, or an overflowed sum) — one pass over X fewer.
     * Collective like checkFinite.
     * <pre>{@code DNDarray mu = Statistics.mean(x, new int[] {0}, false); Validation.checkFinite(x, mu, "PCA.fit"); }</pre>
     *
     * @throws IllegalArgumentException "X contains NaN" or "X contains infinity"
     */
    public static void checkFinite(DNDarray x, DNDarray columnMeans, String who) {
        if (!x.dtype().isFloat()) return;
        if (x.ndim() != 2 || columnMeans.ndim() != 1 || columnMeans.gshape()[0] != x.gshape()[1]) {
            throw new IllegalArgumentException(who + ": the column means of X must have shape (" + (x.ndim() == 2 ? x.gshape()[1] : "f")
                    + ",), got " + Shapes.str(columnMeans.gshape()) + " for X " + Shapes.str(x.gshape()));
        }
        boolean finite = localNonFinite(columnMeans.larray()) == 0;
        raiseNonFinite(x, finite ? 0 : localNonFinite(x.larray()), who, "X");
    }

    /** The processes' flags of {@link #localNonFinite} combined, and the error for the worst of them. */
    private static void raiseNonFinite(DNDarray x, long flag, String who, String name) {
        if (x.isDistributed()) flag = x.comm().allreduce(flag, ReduceOp.MAX);
        if (flag == 2) throw new IllegalArgumentException(who + ": " + name + " contains NaN; NaN and infinity are not allowed");
        if (flag == 1) throw new IllegalArgumentException(who + ": " + name + " contains infinity; NaN and infinity are not allowed");
    }

    /** 0 when every element is finite, 1 when some is infinite (and none NaN), 2 when some is NaN. */
    private static long localNonFinite(Tensor t) {
        if (t.size() == 0) return 0;
        Tensor flat = t.contiguous().reshape(t.size());
        Tensor s = flat.backend().reduce(Reductions.SUM, false, flat, 0, DType.FLOAT64);
        double sum = s.getDouble();
        s.storage().free();
        if (Double.isFinite(sum)) return 0;
        if (any(Kernels.ISNAN, flat)) return 2;
        return any(Kernels.ISINF, flat) ? 1 : 0;   // a finite overflow of the sum is not an error
    }

    private static boolean any(org.jheat.tensor.ElementFn predicate, Tensor flat) {
        Tensor b = flat.backend().empty(DType.BOOL, flat.shape());
        flat.backend().elementwise(predicate, false, b, flat);
        Tensor r = flat.backend().reduce(Reductions.ANY, true, b, 0, DType.BOOL);
        boolean hit = r.getLong() != 0;
        b.storage().free();
        r.storage().free();
        return hit;
    }

    /**
     * X with its rows whole on each process: a row-split (split 0) or replicated array as it is, a column-split one
     * resplit along the rows (one Alltoallv). Row-wise estimators (classifiers) work on this form.
     * <pre>{@code DNDarray rows = Validation.rowsLocal(x); }</pre>
     */
    public static DNDarray rowsLocal(DNDarray x) {
        return x.splitAxis() > 0 ? x.resplit(0) : x;
    }

    /**
     * Target labels y distributed like X's rows: y must be 1-d (a column vector (n, 1) is accepted, as scikit-learn
     * accepts it with a warning), real, with one label per sample of X. X must be split along the rows or
     * replicated (see {@link #rowsLocal}). The result holds, on each process, the labels of exactly its local rows
     * of X: y as it is when it already lies so, else y narrowed (replicated y), redistributed (y split with other
     * counts) or gathered (X replicated, y split).
     * <pre>{@code Tensor myLabels = Validation.labelsLike(y, x, "GaussianNB.fit").larray(); }</pre>
     *
     * @throws IllegalArgumentException for y null, not 1-d, complex, or of another length than X has rows — on every process
     */
    public static DNDarray labelsLike(DNDarray y, DNDarray x, String who) {
        DNDarray yy = checkLabels(y, x.gshape()[0], who);
        if (x.splitAxis() > 0) throw new IllegalArgumentException(who + ": X must be split along the rows or replicated (see rowsLocal)");
        if (x.splitAxis() < 0) return yy.splitAxis() < 0 ? yy : yy.resplit(null);
        long[][] cd = x.countsDispls();
        if (yy.splitAxis() < 0) {
            int r = x.comm().rank();
            Tensor local = yy.larray().narrow(0, cd[1][r], cd[0][r]);
            long[][] map = new long[cd[0].length][];
            for (int i = 0; i < map.length; i++) map[i] = new long[] {cd[0][i]};
            return new DNDarray(local, yy.gshape(), 0, x.comm(), x.device(), map);
        }
        return Arrays.equals(yy.countsDispls()[0], cd[0]) ? yy : yy.redistribute(cd[0]);
    }

    /**
     * y as a 1-d label array of {@code nSamples} entries ((n, 1) is flattened).
     * <pre>{@code DNDarray labels = Validation.checkLabels(y, 150, "KNeighborsClassifier.fit"); }</pre>
     */
    public static DNDarray checkLabels(DNDarray y, long nSamples, String who) {
        if (y == null) throw new IllegalArgumentException(who + ": y must not be null");
        long[] g = y.gshape();
        DNDarray yy = y;
        if (g.length == 2 && g[1] == 1) {
            yy = y.reshape(g[0]);
        } else if (g.length != 1) {
            throw new IllegalArgumentException(who + ": y should be a 1-d array of labels, got an array of shape " + Shapes.str(g));
        }
        if (yy.dtype().isComplex()) throw new IllegalArgumentException(who + ": complex labels are not supported, got " + y.dtype());
        if (yy.gshape()[0] != nSamples) {
            throw new IllegalArgumentException(who + ": found input variables with inconsistent numbers of samples: X has "
                    + nSamples + " rows, y has " + yy.gshape()[0] + " labels");
        }
        return yy;
    }

    /**
     * The exception for an estimator used before {@code fit} (scikit-learn's NotFittedError).
     * <pre>{@code if (mean == null) throw Validation.notFitted("StandardScaler"); }</pre>
     */
    public static IllegalStateException notFitted(String estimator) {
        return new IllegalStateException("This " + estimator + " instance is not fitted yet. Call 'fit' with appropriate"
                + " arguments before using this estimator.");
    }
}
