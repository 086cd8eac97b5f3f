package org.jheat.linalg;

import org.jheat.core.CheckedCall;
import org.jheat.comm.CollectiveChecker;
import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.comm.SingleProcess;
import org.jheat.core.DNDarray;
import org.jheat.core.Redistribution;
import org.jheat.tensor.DType;
import org.jheat.tensor.LinalgError;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * det, inv, solve, solveTriangular and condest on distributed matrices (and numpy's stacks of them).
 *
 * <p>Distribution: a stack split along a batch axis, or replicated, is solved locally with LAPACK (every process
 * its own matrices; the result split along the same batch axis). A matrix split along one of its two axes is
 * factorised by the distributed {@link Lu} (rows; a column split is handled through the transpose for det and inv,
 * and resplit to rows for solve and condest). Result splits: det → replicated (batch split kept); inv → the split
 * of a; solve / solveTriangular with a split matrix → rows (axis -2 of the solution; axis 0 of a vector solution);
 * with a replicated matrix → the split of b.
 *
 * <p>det, inv and solve take complex64/complex128 for every split (the distributed LU pivots on |re| + |im| as
 * LAPACK's zgetrf); the det of a complex matrix is complex.
 *
 * <p>A singular matrix raises {@link LinalgError} on every process at once: every process sees the same zero pivot
 * in the same column of the factorisation. Shape and dtype errors are raised before any communication.
 *
 * <pre>{@code DNDarray x = Solvers.solve(a, b); }</pre>
 */
final class Solvers {
    private Solvers() { }

    /** The LAPACK dtype of an operation on these dtypes: float32 when all are float32, else float64. */
    static DType floatType(String op, DType... ts) {
        boolean all32 = true;
        for (DType t : ts) {
            if (t.isComplex()) {
                throw new IllegalArgumentException(op + ": complex arrays are not supported (got " + t + "; supported: bool, integers, "
                        + "float32, float64 — qr, svd, eigh, polar, det, solve, inv and solveTriangular also take complex64/complex128)");
            }
            all32 &= t == DType.FLOAT32;
        }
        return all32 ? DType.FLOAT32 : DType.FLOAT64;
    }

    /**
     * The LAPACK dtype of a factorisation that LAPACK also has for complex matrices (qr, svd, eigh, polar, det, solve, inv): the
     * operands' promoted type when it is complex64/complex128, else as {@link #floatType}.
     */
    static DType factorType(String op, DType... ts) {
        DType p = ts[0];
        for (DType t : ts) p = DType.promoteTypes(p, t);
        return p.isComplex() ? p : floatType(op, ts);
    }

    /** The real type of a complex type's parts (singular values, eigenvalues of Hermitian matrices); real types unchanged. */
    static DType realOf(DType t) {
        return t == DType.COMPLEX64 ? DType.FLOAT32 : t == DType.COMPLEX128 ? DType.FLOAT64 : t;
    }

    /** Checks a stack of square matrices. */
    static void square(DNDarray a, String op) {
        if (a.ndim() < 2) {
            throw new IllegalArgumentException(op + ": array must be at least two-dimensional, got shape " + Shapes.str(a.gshape()));
        }
        long[] g = a.gshape();
        if (g[g.length - 1] != g[g.length - 2]) {
            throw new IllegalArgumentException(op + ": last two dimensions must be square, got shape " + Shapes.str(g));
        }
    }

    /** True when the matrices of a are split along one of their own axes on more than one process. */
    static boolean matrixSplit(DNDarray a) {
        return a.splitAxis() >= a.ndim() - 2 && a.comm().size() > 1;
    }

    private static LinalgError singular(String op, long column) {
        return new LinalgError(op + ": singular matrix (U[" + column + "," + column + "] of its LU factorisation is exactly zero)");
    }

    // ------------------------------------------------------------------------------------------------ det

    /** numpy's {@code linalg.det} of a (…, n, n) stack. */
    static DNDarray det(DNDarray a) {
        square(a, "det");
        DType t = factorType("det", a.dtype());
        int nd = a.ndim();
        long[] batch = Arrays.copyOf(a.gshape(), nd - 2);
        if (!matrixSplit(a)) {
            Tensor d = Dnd.agreeLocal(a, () -> LocalLinalg.det(a.larray()));
            if (d.dtype() != t) d = d.astype(t);
            int s = a.splitAxis() < nd - 2 ? a.splitAxis() : -1;
            return Dnd.wrap(d, batch, s, s < 0 ? null : Dnd.counts(a), a);
        }
        DNDarray rows = a.splitAxis() == nd - 1 ? Basics.matrixTranspose(a) : a;   // det(Aᵀ) = det(A)
        long n = a.gshape()[nd - 1];
        long[] counts = Dnd.counts(rows);
        Tensor out = rows.larray().newEmpty(t, batch);
        forEach(batch, idx -> {
            Lu f = Lu.factor(rows.comm(), Blocks.at(rows.larray(), idx), n, counts, t);
            if (t.isComplex()) Blocks.at(out, idx).setComplex(f.detComplex());
            else Blocks.at(out, idx).setDouble(f.det());
            f.lu.storage().free();
        });
        return Dnd.wrap(out, batch, -1, null, a);
    }

    // ------------------------------------------------------------------------------------------------ inv

    /** numpy's {@code linalg.inv} of a (…, n, n) stack; split like a. */
    static DNDarray inv(DNDarray a) {
        square(a, "inv");
        DType t = factorType("inv", a.dtype());
        int nd = a.ndim();
        if (!matrixSplit(a)) {
            Tensor x = Dnd.agreeLocal(a, () -> LocalLinalg.inv(a.larray()));
            if (x.dtype() != t) x = x.astype(t);
            return Dnd.wrap(x, a.gshape(), a.splitAxis(), Dnd.counts(a), a);
        }
        boolean transposed = a.splitAxis() == nd - 1;   // inv(A) = inv(Aᵀ)ᵀ
        DNDarray rows = transposed ? Basics.matrixTranspose(a) : a;
        long n = a.gshape()[nd - 1];
        long[] counts = Dnd.counts(rows);
        Communication comm = a.comm();
        int me = comm.rank();
        long mine = counts[me], d0 = org.jheat.core.Distribution.displs(counts)[me];
        long[] batch = Arrays.copyOf(a.gshape(), nd - 2);
        Tensor out = rows.larray().newEmpty(t, Blocks.concat(batch, mine, n));
        forEach(batch, idx -> {
            Lu f = Lu.factor(comm, Blocks.at(rows.larray(), idx), n, counts, t);
            if (f.firstZero >= 0) throw singular("inv", f.firstZero);
            long[] perm = f.permutation();
            Tensor x = Blocks.at(out, idx);
            x.fill(0.0);
            for (long i = 0; i < mine; i++) x.setDouble(1.0, i, perm[(int) (d0 + i)]);   // rows of P·I
            f.solvePermuted(x);
            f.lu.storage().free();
        });
        DNDarray r = Dnd.wrap(out, rows.gshape(), nd - 2, counts, a);
        return transposed ? Basics.matrixTranspose(r) : r;
    }

    // ------------------------------------------------------------------------------------------------ solve

    /**
     * numpy 2's {@code linalg.solve}: X with A·X = B for a (…, n, n) and b (n,) (a vector: only a 1-D b) or (…, n, k),
     * batch axes broadcast.
     */
    static DNDarray solve(DNDarray a, DNDarray b) {
        square(a, "solve");
        DType t = factorType("solve", a.dtype(), b.dtype());
        if (a.comm() != b.comm()) throw new IllegalArgumentException("solve: operands live on different communicators");
        if (CollectiveChecker.ON) CheckedCall.note("solve", a, b);
        long n = a.gshape()[a.ndim() - 1];
        boolean vector = b.ndim() == 1;
        long bn = vector ? b.gshape()[0] : b.ndim() >= 2 ? b.gshape()[b.ndim() - 2] : -1;
        if (b.ndim() == 0 || bn != n) {
            throw new IllegalArgumentException("solve: b of shape " + Shapes.str(b.gshape()) + " does not match a of shape " + Shapes.str(a.gshape())
                    + ": axis " + (vector ? 0 : b.ndim() - 2) + " of b must have " + n + " elements (b is a vector only when it is 1-D)");
        }
        long[] ab = Arrays.copyOf(a.gshape(), a.ndim() - 2), bb = vector ? new long[0] : Arrays.copyOf(b.gshape(), b.ndim() - 2);
        long[] batch;
        try {
            batch = Shapes.broadcast(ab, bb);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("solve: the batch axes of a " + Shapes.str(a.gshape()) + " and b " + Shapes.str(b.gshape())
                    + " do not broadcast");
        }
        DNDarray x = Dnd.astype(a, t), y = Dnd.astype(b, t);
        int xs = x.splitAxis();
        if (xs >= 0 && xs < ab.length && ab[xs] != batch[xs + batch.length - ab.length]) x = x.resplit(null);   // split along a broadcast axis
        if (vector) y = Dnd.unsqueeze(y, 1);
        long k = y.gshape()[y.ndim() - 1];
        long[] og = Blocks.concat(batch, n, k);
        DNDarray r;
        if (matrixSplit(x)) {
            r = solveDistributed(x, y, batch, og, t);
        } else if (x.splitAxis() >= 0 && x.comm().size() > 1) {
            r = solveBatchSplit(x, y, batch, og);
        } else {
            int ys = y.splitAxis();
            int outSplit = ys < 0 || y.comm().size() == 1 ? -1 : ys + (og.length - y.ndim());
            Tensor local = LocalLinalg.solve(x.larray(), (ys < 0 ? y : y.resplit(null)).larray());
            r = Dnd.wrap(local, og, -1, null, x);
            if (outSplit >= 0) r = r.resplit(outSplit);
        }
        return vector ? Dnd.squeeze(r, r.ndim() - 1) : r;
    }

    /** a split along a batch axis: b follows along its matching axis (or is replicated), local LAPACK solves. */
    private static DNDarray solveBatchSplit(DNDarray a, DNDarray b, long[] batch, long[] og) {
        int ob = batch.length, j = a.splitAxis() + ob - (a.ndim() - 2);
        long[][] cd = a.countsDispls();
        int me = a.comm().rank();
        int bAxis = j - (ob - (b.ndim() - 2));
        boolean has = bAxis >= 0 && b.gshape()[bAxis] == batch[j];
        Tensor bl;
        if (!has) {
            bl = (b.splitAxis() >= 0 ? b.resplit(null) : b).larray();
        } else if (b.splitAxis() < 0) {
            bl = b.larray().narrow(bAxis, cd[1][me], cd[0][me]);
        } else {
            DNDarray o = b.splitAxis() == bAxis ? b : b.resplit(bAxis);
            if (!Dnd.same(Dnd.counts(o), cd[0])) o = o.redistribute(cd[0]);
            bl = o.larray();
        }
        // a's batch axes may be fewer than the broadcast ones: LocalLinalg.solve broadcasts them
        Tensor rhs = bl;
        Tensor x = Dnd.agreeLocal(a, () -> LocalLinalg.solve(a.larray(), rhs));
        return Dnd.wrap(x, og, j, cd[0], a);
    }

    /** a split along a matrix axis: one distributed LU per matrix of a, b brought to a's rows. */
    private static DNDarray solveDistributed(DNDarray a, DNDarray b, long[] batch, long[] og, DType t) {
        int nd = a.ndim();
        DNDarray rows = a.splitAxis() == nd - 1 ? a.resplit(nd - 2) : a;
        long n = a.gshape()[nd - 1];
        long[] counts = Dnd.counts(rows);
        DNDarray y = alignRows(b, counts);
        Communication comm = a.comm();
        int me = comm.rank();
        long k = og[og.length - 1];
        Tensor out = rows.larray().newEmpty(t, Blocks.concat(batch, counts[me], k));
        int ob = batch.length, abn = nd - 2, bbn = y.ndim() - 2;
        boolean oneA = abn == 0 || Shapes.size(Arrays.copyOf(a.gshape(), abn)) == 1;
        Lu[] cached = new Lu[1];
        forEach(batch, idx -> {
            Lu f = cached[0];
            if (f == null) {
                f = Lu.factor(comm, Blocks.at(rows.larray(), sub(idx, ob, abn, a.gshape())), n, counts, t);
                if (f.firstZero >= 0) throw singular("solve", f.firstZero);
                if (oneA) cached[0] = f;   // one matrix for every right side: factorise once
            }
            Tensor rhs = Blocks.at(y.larray(), sub(idx, ob, bbn, y.gshape()));
            Tensor x = Blocks.at(out, idx);
            x.copyFrom(permuteRows(comm, a, rhs, counts, f.permutation()));
            f.solvePermuted(x);
            if (!oneA) f.lu.storage().free();
        });
        return Dnd.wrap(out, og, og.length - 2, counts, a);
    }

    /** The (…, n, k) array b split along its row axis with these counts (resplit / redistribute / local slicing). */
    static DNDarray alignRows(DNDarray b, long[] counts) {
        int ra = b.ndim() - 2;
        Communication comm = b.comm();
        if (b.splitAxis() < 0) {
            long d = org.jheat.core.Distribution.displs(counts)[comm.rank()];
            long[] g = b.gshape();
            return Dnd.wrap(b.larray().narrow(ra, d, counts[comm.rank()]), g, ra, counts, b);
        }
        DNDarray y = b.splitAxis() == ra ? b : b.resplit(ra);
        return Dnd.same(Dnd.counts(y), counts) ? y : y.redistribute(counts);
    }

    /** The index into an operand with {@code nb} batch axes (broadcast to the {@code ob} output batch axes). */
    private static long[] sub(long[] idx, int ob, int nb, long[] shape) {
        long[] r = new long[nb];
        for (int i = 0; i < nb; i++) r[i] = shape[i] == 1 ? 0 : idx[ob - nb + i];
        return r;
    }

    /**
     * Rows i of the result are rows source[i] of the row-distributed (counts, over {@code comm}) matrix whose local
     * rows are {@code local}; two Alltoallv ({@link Redistribution#takeAlongAxis0}). {@code like} gives the device.
     */
    static Tensor permuteRows(Communication comm, DNDarray like, Tensor local, long[] counts, long[] source) {
        int me = comm.rank();
        long n = source.length, d = org.jheat.core.Distribution.displs(counts)[me];
        long[] g = {n, local.shape(1)};
        DNDarray x = new DNDarray(local.contiguous(), g, 0, comm, like.device(), map(g, counts));
        Tensor idx = local.newEmpty(DType.INT64, counts[me]);
        for (long i = 0; i < counts[me]; i++) idx.setLongFlat(source[(int) (d + i)], i);
        DNDarray index = new DNDarray(idx, new long[] {n}, 0, comm, like.device(), map(new long[] {n}, counts));
        return Redistribution.takeAlongAxis0(x, index).larray();
    }

    private static long[][] map(long[] g, long[] counts) {
        long[][] m = new long[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            m[r] = g.clone();
            m[r][0] = counts[r];
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------------ triangular

    /**
     * scipy's {@code solve_triangular(a, b, lower, unit_diagonal)} for a (n, n) and b (n,) or (n, k), real or complex:
     * forward or backward block substitution when a is split (rows; a column split is resplit), a local solve when a is
     * replicated.
     */
    static DNDarray solveTriangular(DNDarray a, DNDarray b, boolean lower, boolean unitDiagonal) {
        if (a.ndim() != 2) throw new IllegalArgumentException("solveTriangular: a must be a matrix (2-D), got shape " + Shapes.str(a.gshape()));
        square(a, "solveTriangular");
        DType t = factorType("solveTriangular", a.dtype(), b.dtype());
        long n = a.gshape()[0];
        if (b.ndim() < 1 || b.ndim() > 2 || b.gshape()[0] != n) {
            throw new IllegalArgumentException("solveTriangular: b must be (n,) or (n, k) with n = " + n + " (a is " + Shapes.str(a.gshape())
                    + "), got shape " + Shapes.str(b.gshape()));
        }
        if (a.comm() != b.comm()) throw new IllegalArgumentException("solveTriangular: operands live on different communicators");
        boolean vector = b.ndim() == 1;
        DNDarray y = b.dtype() == t ? b : b.astype(t);
        if (vector) y = Dnd.unsqueeze(y, 1);
        DNDarray r;
        if (!matrixSplit(a)) {
            int ys = y.splitAxis();
            Tensor x = LocalLinalg.triangularSolve(a.larray(), (ys < 0 ? y : y.resplit(null)).larray(), lower, false, unitDiagonal);
            if (x.dtype() != t) x = x.astype(t);
            r = Dnd.wrap(x, y.gshape(), -1, null, a);
            if (ys >= 0 && a.comm().size() > 1) r = r.resplit(ys);
        } else {
            DNDarray rows = a.splitAxis() == 1 ? a.resplit(0) : a;
            long[] counts = Dnd.counts(rows);
            Communication comm = a.comm();
            int me = comm.rank();
            long d0 = org.jheat.core.Distribution.displs(counts)[me];
            Tensor tl = rows.larray().dtype() == t ? rows.larray().contiguous() : rows.larray().astype(t);
            if (!unitDiagonal) {
                long zero = Long.MAX_VALUE;
                for (long i = 0; i < counts[me] && zero == Long.MAX_VALUE; i++) {
                    if (t.isComplex() ? tl.getComplex(i, d0 + i).abs() == 0 : tl.getDouble(i, d0 + i) == 0) zero = d0 + i;
                }
                zero = comm.allreduce(zero, ReduceOp.MIN);
                if (zero != Long.MAX_VALUE) {
                    throw new LinalgError("solveTriangular: singular matrix: resolution failed at diagonal " + zero);
                }
            }
            DNDarray yr = alignRows(y, counts);
            Tensor x = yr.larray().contiguous() == yr.larray() ? yr.larray().copy() : yr.larray().contiguous();
            Lu.substitute(comm, tl, counts, org.jheat.core.Distribution.displs(counts), x, lower, unitDiagonal);
            r = Dnd.wrap(x, y.gshape(), 0, counts, a);
        }
        return vector ? Dnd.squeeze(r, 1) : r;
    }

    // ------------------------------------------------------------------------------------------------ condest

    /**
     * An estimate of the 1-norm condition number ‖A‖₁·‖A⁻¹‖₁ of a square matrix (MATLAB's and LAPACK's gecon
     * approach): ‖A‖₁ exactly, ‖A⁻¹‖₁ by Hager's method as refined by Higham (LAPACK lacn2) from a handful of solves
     * with A and Aᵀ on the LU factors. A lower bound, in practice within a factor of 3 and usually exact; +inf for a
     * singular matrix. Deterministic; replicated 0-d float64 result.
     */
    static DNDarray condest(DNDarray a) {
        if (a.ndim() != 2) throw new IllegalArgumentException("condest: a must be a matrix (2-D), got shape " + Shapes.str(a.gshape()));
        square(a, "condest");
        DType t = floatType("condest", a.dtype());
        long n = a.gshape()[0];
        double norm = n == 0 ? 0 : Norms.matrixNorm(a, 1.0, new int[] {0, 1}, false).itemDouble();
        DNDarray rows;
        Communication comm;
        long[] counts;
        if (matrixSplit(a)) {
            rows = a.splitAxis() == 1 ? a.resplit(0) : a;
            comm = a.comm();
            counts = Dnd.counts(rows);
        } else {
            rows = a.splitAxis() < 0 ? a : a.resplit(null);
            comm = new SingleProcess();   // every process holds A: the same estimate, computed without messages
            counts = new long[] {n};
        }
        double est = 0;
        if (n > 0) {
            Lu f = Lu.factor(comm, rows.larray(), n, counts, t);
            est = f.firstZero >= 0 ? Double.POSITIVE_INFINITY : norm * Hager.inverseNorm1(f, a);
        }
        Tensor r = a.larray().newEmpty(DType.FLOAT64);
        r.setDouble(est);
        return Dnd.wrap(r, new long[0], -1, null, a);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Calls {@code body} for every multi-index of {@code batch} in C order (once for no batch axes). */
    static void forEach(long[] batch, java.util.function.Consumer<long[]> body) {
        long count = Shapes.size(batch);
        long[] idx = new long[batch.length];
        for (long q = 0; q < count; q++) {
            body.accept(idx.clone());
            for (int d = batch.length - 1; d >= 0; d--) {
                if (++idx[d] < batch[d]) break;
                idx[d] = 0;
            }
        }
    }
}
