package org.jheat.decomposition;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.core.Validation;
import org.jheat.linalg.Linalg;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;

/**
 * Heat's {@code DMD}: exact dynamic mode decomposition (Proctor, Brunton and Kutz 2016, Sect. 2.2) of a time series
 * given as a snapshot matrix X of shape (n_features, n_timesteps) — one column per time step, unlike the usual
 * (n_samples, n_features) orientation, as in Heat. X may be split along space (0), time (1) or replicated.
 *
 * <p>fit computes a (truncated) SVD X[:, :-1] ≈ U·diag(S)·Vᵀ, the reduced transfer matrix Ã = Uᵀ·X[:, 1:]·V·diag(S)⁻¹
 * (r × r, replicated), its eigenvalues λ and eigenvectors W (LAPACK geev on every process) and the DMD modes Φ = U·W,
 * split like U. Eigenvalues and modes are complex in general: {@link #eigenvalues()} and {@link #modes()} give them as
 * complex arrays, {@code eigenvaluesReal()} etc. as real and imaginary parts. Only the r × r matrices are
 * replicated; the snapshots are never gathered.
 *
 * <pre>{@code
 * DMD dmd = new DMD().svdRank(10).fit(x);               // x: (n_features, n_timesteps)
 * DNDarray lambda = dmd.eigenvalues();                   // complex (r,)
 * DNDarray future = dmd.predict(x0, 50);                  // (n_features, 50): steps 0..49 from state x0
 * }</pre>
 */
public final class DMD {
    private static final String NAME = "DMD";
    private String svdSolver = "full";
    private Integer svdRank;
    private Double svdTol;

    private DNDarray basis, transfer, eigRe, eigIm, modesRe, modesIm;
    private Tensor transferLocal;
    private long nModes = -1, nFeatures = -1;

    /** Heat's defaults: full SVD, no truncation. <pre>{@code DMD dmd = new DMD(); }</pre> */
    public DMD() { }

    /**
     * Heat's constructor: solver "full", "hierarchical" or "randomized"; rank and tol may be null (see
     * {@link #svdSolver}). <pre>{@code DMD dmd = new DMD("hierarchical", 8, null); }</pre>
     *
     * @throws IllegalArgumentException for an unknown solver or a combination of rank/tol the solver does not take
     */
    public DMD(String svdSolver, Integer svdRank, Double svdTol) {
        Snapshots.checkSolver(NAME, svdSolver, svdRank, svdTol);
        this.svdSolver = svdSolver;
        this.svdRank = svdRank;
        this.svdTol = svdTol;
    }

    /**
     * The SVD algorithm: "full" (default; truncated by svdRank or svdTol if one is set), "hierarchical" (hSVD; exactly
     * one of svdRank, svdTol) or "randomized" (rSVD; svdRank required). A non-distributed X always takes the full
     * SVD, as in Heat. Checked again at fit. <pre>{@code dmd.svdSolver("randomized").svdRank(5); }</pre>
     */
    public DMD svdSolver(String solver) {
        this.svdSolver = solver;
        return this;
    }

    /** The rank r the SVD is truncated to (null: no rank given). <pre>{@code dmd.svdRank(10); }</pre> */
    public DMD svdRank(Integer rank) {
        this.svdRank = rank;
        return this;
    }

    /**
     * Truncation by relative tolerance (null: none): the full SVD keeps the fewest leading singular values whose
     * squares hold more than 1 − tol of the total; hSVD bounds its relative error by tol.
     * <pre>{@code dmd.svdTol(1e-3); }</pre>
     */
    public DMD svdTol(Double tol) {
        this.svdTol = tol;
        return this;
    }

    /** The SVD algorithm. <pre>{@code String s = dmd.svdSolver(); }</pre> */
    public String svdSolver() { return svdSolver; }

    /** The truncation rank, or null. <pre>{@code Integer r = dmd.svdRank(); }</pre> */
    public Integer svdRank() { return svdRank; }

    /** The truncation tolerance, or null. <pre>{@code Double t = dmd.svdTol(); }</pre> */
    public Double svdTol() { return svdTol; }

    /**
     * Fits the model to the snapshots x (n_features, n_timesteps ≥ 2). Collective.
     * <pre>{@code dmd.fit(x); }</pre>
     *
     * @throws IllegalArgumentException on every process: x not 2-d, fewer than 2 time steps, svdRank larger than
     *         min(n_features, n_timesteps − 1), bad solver options, NaN or infinity in x
     */
    public DMD fit(DNDarray x) {
        Snapshots.checkSolver(NAME, svdSolver, svdRank, svdTol);
        Snapshots.checkSnapshots(x, NAME + ".fit", "X", 2);
        long n = x.gshape()[0], t = x.gshape()[1];
        if (svdRank != null && svdRank > Math.min(n, t - 1)) {
            throw new IllegalArgumentException(NAME + ".fit: svdRank=" + svdRank + " exceeds min(n_features, n_timesteps - 1) = "
                    + Math.min(n, t - 1) + " for X of shape (" + n + ", " + t + ")");
        }
        Validation.checkFinite(x, NAME + ".fit");
        DNDarray xf = Snapshots.floating(x);
        DNDarray x0 = Snapshots.columns(xf, 0, t - 1), x1 = Snapshots.columns(xf, 1, t);
        Snapshots.Factors f = Snapshots.svd(x0, svdSolver, svdRank, svdTol);
        // Ã = Uᵀ·X'·V·diag(S)⁻¹: (r × (t-1))·((t-1) × r) keeps every intermediate small
        DNDarray a = Linalg.matmul(Linalg.matmul(f.U().T(), x1), f.V()).div(f.S());
        Tensor al = Snapshots.local(a);
        Communication comm = x.comm();
        LocalLinalg.Eig eig = LocalLinalg.eig(al);
        DNDarray[] phi = Snapshots.modes(f.U(), eig, comm);
        basis = f.U();
        transferLocal = al;
        transfer = Snapshots.replicated(al, comm);
        eigRe = Snapshots.replicated(eig.valuesReal(), comm);
        eigIm = Snapshots.replicated(eig.valuesImag(), comm);
        modesRe = phi[0];
        modesIm = phi[1];
        nModes = f.rank();
        nFeatures = n;
        return this;
    }

    /**
     * The states after each of the steps 0, 1, …, nSteps − 1 from the current state(s) x: U·Ãᵏ·Uᵀ·x. A 1-d x of
     * length n_features gives (n_features, nSteps); a batch x of shape (n_features, n_batch) gives
     * (n_batch, n_features, nSteps), as Heat's predict. Collective.
     * <pre>{@code DNDarray traj = dmd.predict(x0, 100); }</pre>
     *
     * @throws IllegalStateException before fit
     * @throws IllegalArgumentException for a wrong number of features, nSteps &lt; 1, NaN in x
     */
    public DNDarray predict(DNDarray x, int nSteps) {
        if (nSteps < 1) throw new IllegalArgumentException(NAME + ".predict: nSteps must be >= 1, got " + nSteps);
        long[] steps = new long[nSteps];
        for (int i = 0; i < nSteps; i++) steps[i] = i;
        return predict(x, steps);
    }

    /**
     * The states at the given time steps (each ≥ 0) from the current state(s) x; shapes as
     * {@link #predict(DNDarray, int)} with len(steps) in place of nSteps. <pre>{@code dmd.predict(x0, new long[]{1, 10, 100}); }</pre>
     *
     * @throws IllegalStateException before fit
     * @throws IllegalArgumentException for a wrong number of features, no or negative steps, NaN in x
     */
    public DNDarray predict(DNDarray x, long[] steps) {
        Snapshots.checkFitted(basis, NAME);
        if (steps == null || steps.length == 0) throw new IllegalArgumentException(NAME + ".predict: steps must not be empty");
        for (long s : steps) if (s < 0) throw new IllegalArgumentException(NAME + ".predict: steps must be >= 0, got " + s);
        DNDarray x2 = states(x, NAME + ".predict");
        long batch = x2.gshape()[1], k = steps.length;
        Tensor xr = Snapshots.local(Linalg.matmul(basis.T(), x2));
        Tensor z = xr.newEmpty(xr.dtype(), nModes, batch, k);
        for (int j = 0; j < k; j++) z.select(2, j).copyFrom(LocalLinalg.matmul(Snapshots.power(transferLocal, steps[j]), xr));
        DNDarray out = Linalg.matmul(basis, Snapshots.replicated(z.reshape(nModes, batch * k), x.comm()));
        if (x.ndim() == 1) return out.reshape(nFeatures, k);
        return out.reshape(nFeatures, batch, k).transpose(1, 0, 2);
    }

    /**
     * The state(s) nSteps time steps after x: U·Ã^nSteps·Uᵀ·x, of x's shape ((n_features,) or (n_features, n_batch)).
     * Collective. <pre>{@code DNDarray next = dmd.predictNext(x0, 1); }</pre>
     *
     * @throws IllegalStateException before fit
     * @throws IllegalArgumentException for a wrong number of features, nSteps &lt; 0, NaN in x
     */
    public DNDarray predictNext(DNDarray x, int nSteps) {
        Snapshots.checkFitted(basis, NAME);
        if (nSteps < 0) throw new IllegalArgumentException(NAME + ".predictNext: nSteps must be >= 0, got " + nSteps);
        DNDarray x2 = states(x, NAME + ".predictNext");
        Tensor xr = Snapshots.local(Linalg.matmul(basis.T(), x2));
        Tensor y = LocalLinalg.matmul(Snapshots.power(transferLocal, nSteps), xr);
        DNDarray out = Linalg.matmul(basis, Snapshots.replicated(y, x.comm()));
        return x.ndim() == 1 ? out.reshape(nFeatures) : out;
    }

    /** {@link #predictNext(DNDarray, int)} one step ahead. <pre>{@code DNDarray next = dmd.predictNext(x0); }</pre> */
    public DNDarray predictNext(DNDarray x) { return predictNext(x, 1); }

    private DNDarray states(DNDarray x, String who) {
        if (x == null) throw new IllegalArgumentException(who + ": X must not be null");
        if (x.ndim() != 1 && x.ndim() != 2) {
            throw new IllegalArgumentException(who + ": X must have shape (n_features,) or (n_features, n_batch), got "
                    + java.util.Arrays.toString(x.gshape()));
        }
        if (x.dtype().isComplex()) throw new IllegalArgumentException(who + ": complex data is not supported, got " + x.dtype());
        if (x.gshape()[0] != nFeatures) {
            throw new IllegalArgumentException(who + ": X has " + x.gshape()[0] + " features (rows), but DMD was fitted with "
                    + nFeatures + " features");
        }
        Validation.checkFinite(x, who);
        DNDarray xf = x.astype(basis.dtype());
        return x.ndim() == 1 ? xf.reshape(nFeatures, 1) : xf;
    }

    private <T> T fitted(T v) {
        Snapshots.checkFitted(basis, NAME);
        return v;
    }

    /** The reduced-order basis U (n_features, r), split like the SVD gives it (Heat's rom_basis_). <pre>{@code dmd.romBasis()}</pre> */
    public DNDarray romBasis() { return fitted(basis); }

    /** The reduced transfer matrix Ã (r, r), replicated (Heat's rom_transfer_matrix_). <pre>{@code dmd.romTransferMatrix()}</pre> */
    public DNDarray romTransferMatrix() { return fitted(transfer); }

    /** Real parts of the DMD eigenvalues (r,), replicated, in LAPACK's order. <pre>{@code dmd.eigenvaluesReal()}</pre> */
    public DNDarray eigenvaluesReal() { return fitted(eigRe); }

    /** Imaginary parts of the DMD eigenvalues (r,), replicated. <pre>{@code dmd.eigenvaluesImag()}</pre> */
    public DNDarray eigenvaluesImag() { return fitted(eigIm); }

    /** Real parts of the DMD modes Φ = U·W (n_features, r), split like U (Heat's dmdmodes_). <pre>{@code dmd.modesReal()}</pre> */
    public DNDarray modesReal() { return fitted(modesRe); }

    /** Imaginary parts of the DMD modes (n_features, r). <pre>{@code dmd.modesImag()}</pre> */
    public DNDarray modesImag() { return fitted(modesIm); }

    /**
     * The eigenvalues λ of Ã (r,) as one complex array (complex128; complex64 for float32 data), replicated, in
     * LAPACK's order (Heat's rom_eigenvalues_). <pre>{@code DNDarray lambda = dmd.eigenvalues(); }</pre>
     */
    public DNDarray eigenvalues() { return Snapshots.complexOf(basis, NAME, eigRe, eigIm); }

    /**
     * The DMD modes Φ (n_features, r) as one complex array, split like the basis (Heat's dmdmodes_).
     * <pre>{@code DNDarray phi = dmd.modes(); }</pre>
     */
    public DNDarray modes() { return Snapshots.complexOf(basis, NAME, modesRe, modesIm); }

    /** The number of modes r after truncation (Heat's n_modes_). <pre>{@code long r = dmd.nModes(); }</pre> */
    public long nModes() { return fitted(nModes); }

    /** The number of state features seen by fit. <pre>{@code long n = dmd.nFeaturesIn(); }</pre> */
    public long nFeaturesIn() { return fitted(nFeatures); }
}
