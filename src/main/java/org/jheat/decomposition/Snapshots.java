package org.jheat.decomposition;

import org.jheat.comm.Communication;
import org.jheat.core.Complexes;
import org.jheat.core.DNDarray;
import org.jheat.core.Index;
import org.jheat.core.Validation;
import org.jheat.linalg.Linalg;
import org.jheat.linalg.SVD;
import org.jheat.linalg.TruncatedSVD;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;

/**
 * What {@link DMD} and {@link DMDc} share: argument checks of the SVD options, the truncated SVD of a snapshot
 * matrix by the chosen solver, and small replicated matrix algebra (powers of the reduced transfer matrix).
 * Snapshot matrices are (n_features, n_timesteps) as in Heat, split along space (0), time (1) or replicated.
 */
final class Snapshots {
    private Snapshots() { }

    /** A truncated SVD in Heat's U, S, V order (V's columns are the right singular vectors). */
    record Factors(DNDarray U, DNDarray S, DNDarray V) {
        long rank() { return S.gshape()[0]; }
    }

    static void checkSolver(String who, String solver, Integer rank, Double tol) {
        if (solver == null || !(solver.equals("full") || solver.equals("hierarchical") || solver.equals("randomized"))) {
            throw new IllegalArgumentException(who + ": invalid svdSolver '" + solver + "'; allowed: 'full', 'hierarchical', 'randomized'");
        }
        if (rank != null && rank < 1) throw new IllegalArgumentException(who + ": svdRank must be a positive integer, got " + rank);
        if (tol != null && !(tol > 0 && tol < 1)) throw new IllegalArgumentException(who + ": svdTol must lie in (0, 1), got " + tol);
        switch (solver) {
            case "full" -> {
                if (rank != null && tol != null) throw new IllegalArgumentException(who + ": for svdSolver 'full' at most one of svdRank and svdTol may be set");
            }
            case "hierarchical" -> {
                if ((rank == null) == (tol == null)) {
                    throw new IllegalArgumentException(who + ": for svdSolver 'hierarchical' exactly one of svdRank and svdTol must be set, "
                            + (rank == null ? "none is" : "both are"));
                }
            }
            default -> {
                if (rank == null) throw new IllegalArgumentException(who + ": for svdSolver 'randomized' svdRank must be set");
                if (tol != null) throw new IllegalArgumentException(who + ": for svdSolver 'randomized' svdTol must not be set");
            }
        }
    }

    /** A 2-d real snapshot matrix with at least {@code minSteps} time steps (global metadata only). */
    static void checkSnapshots(DNDarray x, String who, String name, long minSteps) {
        if (x == null) throw new IllegalArgumentException(who + ": " + name + " must not be null");
        if (x.ndim() != 2) {
            throw new IllegalArgumentException(who + ": " + name + " must be a 2-d array of shape (n_features, n_timesteps), got shape "
                    + java.util.Arrays.toString(x.gshape()));
        }
        if (x.dtype().isComplex()) throw new IllegalArgumentException(who + ": complex data is not supported, got " + x.dtype());
        if (x.gshape()[0] < 1) throw new IllegalArgumentException(who + ": " + name + " has no features (shape " + java.util.Arrays.toString(x.gshape()) + ")");
        if (x.gshape()[1] < minSteps) {
            throw new IllegalArgumentException(who + ": " + name + " has " + x.gshape()[1] + " time steps (columns); at least "
                    + minSteps + " are required (shape (n_features, n_timesteps))");
        }
    }

    /** Integers and bools become float64; float32 and float64 stay. */
    static DNDarray floating(DNDarray x) {
        return x.dtype() == DType.FLOAT32 || x.dtype() == DType.FLOAT64 ? x : x.astype(DType.FLOAT64);
    }

    /** Columns [start, stop) of x, balanced when that slice is split along the columns. */
    static DNDarray columns(DNDarray x, long start, long stop) {
        DNDarray c = x.get(Index.all(), Index.slice(start, stop));
        return c.splitAxis() >= 0 ? c.balance() : c;
    }

    /**
     * The truncated SVD of a: Heat's rule — the full SVD (truncated to {@code rank}, to the variance fraction
     * {@code 1 - tol}, or not at all) for "full" or a non-distributed a, else hSVD / rSVD.
     */
    static Factors svd(DNDarray a, String solver, Integer rank, Double tol) {
        if (solver.equals("full") || !a.isDistributed()) {
            SVD d = Linalg.svd(a, false, true);
            double[] s = d.S().toDoubleArray();
            long r = s.length;
            if (tol != null) {
                double total = 0;
                for (double v : s) total += v * v;
                double threshold = (1 - tol) * total, cum = 0;
                r = 0;
                for (double v : s) {
                    cum += v * v;
                    if (cum <= threshold) r++;
                }
                r = Math.min(r + 1, s.length);
            } else if (rank != null) {
                r = Math.min(rank, s.length);
            }
            DNDarray u = r == s.length ? d.U() : d.U().get(Index.all(), Index.slice(0, r));
            DNDarray vh = r == s.length ? d.Vh() : d.Vh().get(Index.slice(0, r), Index.all());
            DNDarray sr = r == s.length ? d.S() : d.S().get(Index.slice(0, r));
            return new Factors(balanced(u), sr, balanced(vh.T()));
        }
        TruncatedSVD t = solver.equals("hierarchical")
                ? (tol != null ? Linalg.hsvdRtol(a, tol) : Linalg.hsvdRank(a, rank))
                : Linalg.rsvd(a, rank);
        return new Factors(balanced(t.U()), t.S(), balanced(t.V()));
    }

    private static DNDarray balanced(DNDarray x) {
        return x.splitAxis() >= 0 ? x.balance() : x;
    }

    /** A replicated array holding t on every process. */
    static DNDarray replicated(Tensor t, Communication comm) {
        return new DNDarray(t, t.shape(), null, comm, null);
    }

    /** The replicated local copy of a small array (Allgather when it is split). */
    static Tensor local(DNDarray x) {
        return x.splitAxis() >= 0 && x.comm().size() > 1 ? x.resplit(null).larray().contiguous() : x.larray().contiguous();
    }

    /** a^k for a small square matrix by repeated squaring (gemm), k ≥ 0. */
    static Tensor power(Tensor a, long k) {
        long n = a.shape(0);
        Tensor result = null, base = a.contiguous();
        if (k == 0) {
            Tensor id = a.newZeros(a.dtype(), n, n);
            for (long i = 0; i < n; i++) id.setDouble(1.0, i, i);
            return id;
        }
        while (k > 0) {
            if ((k & 1) == 1) result = result == null ? base.copy() : LocalLinalg.matmul(result, base);
            k >>= 1;
            if (k > 0) base = LocalLinalg.matmul(base, base);
        }
        return result;
    }

    /** The real and imaginary parts of Φ = U·W, split like U. */
    static DNDarray[] modes(DNDarray basis, LocalLinalg.Eig eig, Communication comm) {
        DType t = basis.dtype();
        return new DNDarray[] {
            Linalg.matmul(basis, replicated(eig.vectorsReal().astype(t), comm)),
            Linalg.matmul(basis, replicated(eig.vectorsImag().astype(t), comm))
        };
    }

    static void checkFitted(Object fitted, String who) {
        if (fitted == null) throw Validation.notFitted(who);
    }

    /** re + i·im of a fitted model's real and imaginary parts (eigenvalues, modes), after the fitted check. */
    static DNDarray complexOf(Object fitted, String who, DNDarray re, DNDarray im) {
        checkFitted(fitted, who);
        return Complexes.complex(re, im);
    }
}
