package org.jheat.sparse;

import org.jheat.comm.Communication;
import org.jheat.core.Validation;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;

/**
 * Argument checks of the sparse package. Checks of global metadata throw at once (every process sees the same
 * metadata); checks of what each process passes itself (local CSR parts, COO triplets, file chunks) end in
 * {@link #agree}, the first collective call of the operation, so that a defect found on one process raises the same
 * exception on all of them and no process waits in a later collective.
 * <pre>{@code Checks.agree(comm, localProblemOrNull); }</pre>
 */
final class Checks {
    private Checks() { }

    /**
     * Throws on every process when any process's {@code localError} is non-null (the lowest such rank's message,
     * prefixed with its rank when there are several processes). Collective.
     */
    static void agree(Communication comm, String localError) {
        Validation.agree(comm, localError);
    }

    /** Sparse values are real numbers or bool. */
    static void realDType(DType t, String what) {
        if (t == null) throw new IllegalArgumentException(what + ": dtype must not be null");
        if (t.isComplex()) throw new IllegalArgumentException(what + ": sparse values must be real (bool, integer or float), got " + t);
    }

    /** A 2-D global shape of non-negative extents. */
    static long[] shape2(long[] shape, String what) {
        if (shape == null || shape.length != 2) {
            throw new IllegalArgumentException(what + ": a sparse matrix needs a 2-D shape, got " + (shape == null ? "null" : Shapes.str(shape)));
        }
        if (shape[0] < 0 || shape[1] < 0) throw new IllegalArgumentException(what + ": shape extents must be >= 0, got " + Shapes.str(shape));
        return shape.clone();
    }

    /** Same global shape for an element-wise operation (names both). */
    static void sameShape(long[] a, long[] b, String op) {
        if (a[0] != b[0] || a[1] != b[1]) {
            throw new IllegalArgumentException(op + ": shapes " + Shapes.str(a) + " and " + Shapes.str(b) + " differ; element-wise operations on sparse matrices need equal shapes");
        }
    }
}
