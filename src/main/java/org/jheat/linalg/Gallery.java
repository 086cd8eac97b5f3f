package org.jheat.linalg;

import java.util.function.UnaryOperator;

import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Exponential;
import org.jheat.core.Factories;
import org.jheat.core.Sanitation;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;

/**
 * Heat's {@code utils.data.matrixgallery}: test matrices with known structure.
 *
 * <p>Random factors come from jheat's counter-based generator (a pure function of the seed state and the global
 * element index), and their orthonormal bases from {@link Tsqr}, whose R has a non-negative diagonal, which makes Q
 * unique: the same seed gives the same matrices on any number of processes and for any split (up to rounding of
 * the QR tree). A is built as U·diag(S)·Vᵀ with U split along rows (A split 0) or as (V·diag(S)·Uᵀ)ᵀ (A split 1), so
 * nothing is resplit; a replicated A is gathered at the end.
 *
 * <pre>{@code
 * Random.seed(42);
 * KnownSvd k = Gallery.randomKnownRank(1000, 200, 10, null, DType.FLOAT64, 0);   // k.A() has rank 10
 * }</pre>
 */
final class Gallery {
    private Gallery() { }

    /**
     * Heat's {@code parter(n)}: A[i, j] = 1 / (i − j + 1/2), a Toeplitz matrix whose singular values cluster at π.
     */
    static DNDarray parter(long n, DType dtype, Integer split) {
        Sanitation.nonNegative(n, "parter: n");
        DType t = Solvers.floatType("parter", dtype);
        int s = Sanitation.split(split, 2);
        DNDarray i = Dnd.unsqueeze(Factories.arange(0, n, 1, t, s == 0 ? 0 : null), 1);
        DNDarray j = Dnd.unsqueeze(Factories.arange(0, n, 1, t, s == 1 ? 0 : null), 0);
        DNDarray d = Arithmetics.add(Arithmetics.sub(i, j), 0.5);
        return Arithmetics.div(1.0, d);
    }

    /**
     * Heat's {@code hermitian(n, positive_definite)} for real dtypes: (G + Gᵀ)/2 of a standard normal G, or
     * G·Gᵀ/n + I when positive definite (eigenvalues ≥ 1).
     */
    static DNDarray hermitian(long n, DType dtype, Integer split, boolean positiveDefinite) {
        Sanitation.nonNegative(n, "hermitian: n");
        DType t = Solvers.floatType("hermitian", dtype);
        int s = Sanitation.split(split, 2);
        DNDarray g = Random.randn(new long[] {n, n}, t, 0);
        DNDarray h;
        if (positiveDefinite) {
            h = Arithmetics.add(Arithmetics.div(Matmul.matmul(g, g.T()), Math.max(1, n)), Factories.eye(n, n, 0, t, 0));
        } else {
            h = Arithmetics.mul(Arithmetics.add(g, g.T()), 0.5);
        }
        return h.resplit(s < 0 ? null : s);
    }

    /** Checks m, n and a singular-value count r; returns the float dtype. */
    private static DType checkSizes(String op, long m, long n, long r, DType dtype) {
        Sanitation.nonNegative(m, op + ": m");
        Sanitation.nonNegative(n, op + ": n");
        if (r < 0 || r > Math.min(m, n)) {
            throw new IllegalArgumentException(op + ": the number of singular values (rank) must be in [0, min(m, n)] = [0, "
                    + Math.min(m, n) + "], got " + r);
        }
        return Solvers.floatType(op, dtype);
    }

    /**
     * Heat's {@code random_known_singularvalues(m, n, singular_values)}: A = U·diag(S)·Vᵀ with random orthonormal
     * U (m, r), V (n, r); S as given (r = its length; any order and sign are taken as given).
     */
    static KnownSvd randomKnownSingularValues(long m, long n, DNDarray singularValues, DType dtype, Integer split) {
        if (singularValues.ndim() != 1) {
            throw new IllegalArgumentException("randomKnownSingularValues: singular values must be 1-D, got shape " + Shapes.str(singularValues.gshape()));
        }
        DType t = checkSizes("randomKnownSingularValues", m, n, singularValues.gshape()[0], dtype);
        int s = Sanitation.split(split, 2);
        DNDarray sv = singularValues.resplit(null).astype(t);
        return build(m, n, sv, t, s);
    }

    /**
     * Heat's {@code random_known_rank(m, n, r, quantile_function)}: r singular values drawn as quantile(u) of uniform u
     * (default −ln u, an exponential distribution), sorted descending, and random orthonormal factors.
     */
    static KnownSvd randomKnownRank(long m, long n, long r, UnaryOperator<DNDarray> quantile, DType dtype, Integer split) {
        DType t = checkSizes("randomKnownRank", m, n, r, dtype);
        int s = Sanitation.split(split, 2);
        DNDarray u = Random.rand(new long[] {r}, t, null);
        DNDarray sv = quantile == null ? Arithmetics.neg(Exponential.log(u)) : quantile.apply(u).astype(t);
        sv = sv.resplit(null).sort(0, true);
        return build(m, n, sv, t, s);
    }

    private static KnownSvd build(long m, long n, DNDarray sv, DType t, int s) {
        long r = sv.gshape()[0];
        DNDarray gu = Random.randn(new long[] {m, r}, t, 0, sv.device());
        DNDarray gv = Random.randn(new long[] {n, r}, t, 0, sv.device());
        DNDarray u = Qr.tall(gu, true).Q();
        DNDarray v = Qr.tall(gv, true).Q();
        DNDarray a;
        if (s == 1) {
            a = Matmul.matmul(Arithmetics.mul(v, sv), u.T()).T();
        } else {
            a = Matmul.matmul(Arithmetics.mul(u, sv), v.T());
            if (s < 0) a = a.resplit(null);
        }
        return new KnownSvd(a, u, sv, v);
    }
}
