package org.jheat.decomposition;

import org.jheat.Heat;
import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.core.Index;
import org.jheat.core.Validation;
import org.jheat.linalg.Linalg;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;

/**
 * Heat's {@code DMDc}: dynamic mode decomposition with control (Proctor, Brunton and Kutz 2016, Sects. 3.3–3.4) for
 * x_{k+1} ≈ A·x_k + B·c_k with unknown B. States X (n_state, n_timesteps) and controls C (n_control, n_timesteps)
 * are snapshot matrices as in Heat, split along space (0), time (1) or replicated.
 *
 * <p>fit takes the SVD of X' = X[:, 1:] (basis U, truncated to r) and of Ω = [X; C][:, :-1] (Ũ, S̃, Ṽ, truncated to
 * r + n_control when svdRank is given, as Heat and pykoopman do), and forms Ã = Uᵀ·X'·Ṽ·S̃⁻¹·Ũ₁ᵀ·U,
 * B̃ = Uᵀ·X'·Ṽ·S̃⁻¹·Ũ₂ᵀ (Ũ₁, Ũ₂: Ũ's state and control rows), the eigenvalues λ and vectors W of Ã and the modes
 * Φ = X'·Ṽ·S̃⁻¹·Ũ₁ᵀ·U·W. Eigenvalues and modes come as complex arrays ({@link #eigenvalues()}, {@link #modes()})
 * or as real and imaginary parts.
 *
 * <pre>{@code
 * DMDc m = new DMDc().svdRank(4).fit(x, c);
 * DNDarray traj = m.predict(x0, cFuture);   // (n_batch, n_state, n_steps)
 * }</pre>
 */
public final class DMDc {
    private static final String NAME = "DMDc";
    private String svdSolver = "full";
    private Integer svdRank;
    private Double svdTol;

    private DNDarray basis, transfer, control, eigRe, eigIm, modesRe, modesIm;
    private Tensor transferLocal, controlLocal;
    private long nModes = -1, nModesSystem = -1, nState = -1, nControl = -1;

    /** Heat's defaults: full SVDs, no truncation. <pre>{@code DMDc m = new DMDc(); }</pre> */
    public DMDc() { }

    /**
     * Heat's constructor (see {@link DMD#DMD(String, Integer, Double)}). <pre>{@code new DMDc("randomized", 5, null)}</pre>
     *
     * @throws IllegalArgumentException for an unknown solver or a combination of rank/tol the solver does not take
     */
    public DMDc(String svdSolver, Integer svdRank, Double svdTol) {
        Snapshots.checkSolver(NAME, svdSolver, svdRank, svdTol);
        this.svdSolver = svdSolver;
        this.svdRank = svdRank;
        this.svdTol = svdTol;
    }

    /** The SVD algorithm, as {@link DMD#svdSolver(String)}. <pre>{@code m.svdSolver("hierarchical").svdTol(1e-3); }</pre> */
    public DMDc svdSolver(String solver) {
        this.svdSolver = solver;
        return this;
    }

    /** The rank r of the state basis; Ω's SVD keeps r + n_control. <pre>{@code m.svdRank(4); }</pre> */
    public DMDc svdRank(Integer rank) {
        this.svdRank = rank;
        return this;
    }

    /** Truncation by relative tolerance, applied to both SVDs. <pre>{@code m.svdTol(1e-4); }</pre> */
    public DMDc svdTol(Double tol) {
        this.svdTol = tol;
        return this;
    }

    /** The SVD algorithm. <pre>{@code m.svdSolver()}</pre> */
    public String svdSolver() { return svdSolver; }

    /** The truncation rank, or null. <pre>{@code m.svdRank()}</pre> */
    public Integer svdRank() { return svdRank; }

    /** The truncation tolerance, or null. <pre>{@code m.svdTol()}</pre> */
    public Double svdTol() { return svdTol; }

    /**
     * Fits the model to states x (n_state, n_timesteps ≥ 2) and controls c (n_control, n_timesteps). Collective.
     * <pre>{@code m.fit(x, c); }</pre>
     *
     * @throws IllegalArgumentException on every process: not 2-d, fewer than 2 time steps, different numbers of
     *         time steps, svdRank &gt; min(n_state, n_timesteps − 1) or svdRank + n_control &gt;
     *         min(n_state + n_control, n_timesteps − 1), bad solver options, NaN or infinity
     */
    public DMDc fit(DNDarray x, DNDarray c) {
        Snapshots.checkSolver(NAME, svdSolver, svdRank, svdTol);
        Snapshots.checkSnapshots(x, NAME + ".fit", "X", 2);
        Snapshots.checkSnapshots(c, NAME + ".fit", "C", 2);
        long n = x.gshape()[0], t = x.gshape()[1], q = c.gshape()[0];
        if (c.gshape()[1] != t) {
            throw new IllegalArgumentException(NAME + ".fit: X has " + t + " time steps (columns) but C has " + c.gshape()[1]
                    + "; they must have the same number");
        }
        if (svdRank != null) {
            if (svdRank > Math.min(n, t - 1)) {
                throw new IllegalArgumentException(NAME + ".fit: svdRank=" + svdRank + " exceeds min(n_state, n_timesteps - 1) = "
                        + Math.min(n, t - 1));
            }
            if (svdRank + q > Math.min(n + q, t - 1)) {
                throw new IllegalArgumentException(NAME + ".fit: svdRank + n_control = " + (svdRank + q)
                        + " exceeds min(n_state + n_control, n_timesteps - 1) = " + Math.min(n + q, t - 1)
                        + "; use a smaller svdRank or more time steps");
            }
        }
        Validation.checkFinite(x, NAME + ".fit", "X");
        Validation.checkFinite(c, NAME + ".fit", "C");
        DNDarray xf = Snapshots.floating(x), cf = Snapshots.floating(c).astype(xf.dtype());
        DNDarray xPlus = Snapshots.columns(xf, 1, t);
        DNDarray omega = Snapshots.columns(Heat.concatenate(new DNDarray[] {xf, cf}, 0), 0, t - 1);
        Snapshots.Factors f = Snapshots.svd(xPlus, svdSolver, svdRank, svdTol);
        Snapshots.Factors g = Snapshots.svd(omega, svdSolver, svdRank == null ? null : svdRank + (int) q, svdTol);
        Communication comm = x.comm();
        DNDarray u = f.U();
        Tensor ut1 = Snapshots.local(rows(g.U(), 0, n));
        Tensor ut2 = Snapshots.local(rows(g.U(), n, n + q));
        // K = X'·Ṽ·S̃⁻¹ (n × p) is the only product of snapshot size; the rest is p × r or smaller
        DNDarray k = Linalg.matmul(xPlus, g.V()).div(g.S());
        Tensor h = Snapshots.local(Linalg.matmul(u.T(), k));                   // r × p
        Tensor m = Snapshots.local(Linalg.matmul(Snapshots.replicated(ut1.transpose(), comm), u));   // p × r
        Tensor a = LocalLinalg.matmul(h, m);
        Tensor b = LocalLinalg.matmul(h, ut2.transpose());
        LocalLinalg.Eig eig = LocalLinalg.eig(a);
        DNDarray mw = Snapshots.replicated(LocalLinalg.matmul(m, eig.vectorsReal().astype(m.dtype())), comm);
        DNDarray mwi = Snapshots.replicated(LocalLinalg.matmul(m, eig.vectorsImag().astype(m.dtype())), comm);
        modesRe = Linalg.matmul(k, mw);
        modesIm = Linalg.matmul(k, mwi);
        basis = u;
        transferLocal = a;
        controlLocal = b;
        transfer = Snapshots.replicated(a, comm);
        control = Snapshots.replicated(b, comm);
        eigRe = Snapshots.replicated(eig.valuesReal(), comm);
        eigIm = Snapshots.replicated(eig.valuesImag(), comm);
        nModes = f.rank();
        nModesSystem = g.rank();
        nState = n;
        nControl = q;
        return this;
    }

    private static DNDarray rows(DNDarray x, long start, long stop) {
        DNDarray r = x.get(Index.slice(start, stop), Index.all());
        return r.splitAxis() >= 0 ? r.balance() : r;
    }

    /**
     * The trajectories from the current state(s) x under the controls c: x_0 = x, x_{k+1} = A·x_k + B·c_k in the
     * reduced model, lifted by U. x is (n_state,) or (n_batch, n_state); c is (n_control, n_steps) or (n_control,)
     * for one step; the result is (n_batch, n_state, n_steps) (n_batch = 1 for a 1-d x), as Heat's predict: column
     * k is the state after k steps, using c's columns 0 … k − 1. Collective.
     * <pre>{@code DNDarray traj = m.predict(x0, cFuture); }</pre>
     *
     * @throws IllegalStateException before fit
     * @throws IllegalArgumentException for wrong shapes or feature counts, NaN in x or c
     */
    public DNDarray predict(DNDarray x, DNDarray c) {
        Snapshots.checkFitted(basis, NAME);
        String who = NAME + ".predict";
        if (x == null || c == null) throw new IllegalArgumentException(who + ": X and C must not be null");
        if (x.ndim() != 1 && x.ndim() != 2) {
            throw new IllegalArgumentException(who + ": X must have shape (n_state,) or (n_batch, n_state), got "
                    + java.util.Arrays.toString(x.gshape()));
        }
        if (c.ndim() != 1 && c.ndim() != 2) {
            throw new IllegalArgumentException(who + ": C must have shape (n_control,) or (n_control, n_steps), got "
                    + java.util.Arrays.toString(c.gshape()));
        }
        if (x.dtype().isComplex() || c.dtype().isComplex()) throw new IllegalArgumentException(who + ": complex data is not supported");
        long xf = x.gshape()[x.ndim() - 1];
        if (xf != nState) {
            throw new IllegalArgumentException(who + ": X has " + xf + " state features, but DMDc was fitted with " + nState);
        }
        if (c.gshape()[0] != nControl) {
            throw new IllegalArgumentException(who + ": C has " + c.gshape()[0] + " control features (rows), but DMDc was fitted with " + nControl);
        }
        if (c.gshape()[c.ndim() - 1] < 1 && c.ndim() == 2) throw new IllegalArgumentException(who + ": C has no time steps");
        Validation.checkFinite(x, who, "X");
        Validation.checkFinite(c, who, "C");
        DNDarray x2 = x.astype(basis.dtype());
        if (x.ndim() == 1) x2 = x2.reshape(1, nState);
        DNDarray c2 = c.astype(basis.dtype());
        if (c.ndim() == 1) c2 = c2.reshape(nControl, 1);
        long batch = x2.gshape()[0], steps = c2.gshape()[1];
        Tensor cl = Snapshots.local(c2);
        Tensor xr = Snapshots.local(Linalg.matmul(basis.T(), x2.T()));            // r × batch
        Tensor z = xr.newEmpty(xr.dtype(), nModes, batch, steps);
        Tensor cur = xr.contiguous(), ones = xr.newFull(xr.dtype(), 1.0, 1, batch);
        z.select(2, 0).copyFrom(cur);
        for (long s = 1; s < steps; s++) {
            // x_s = Ã·x_{s-1} + B̃·c_{s-1}, the control added to every batch column by broadcasting
            Tensor next = LocalLinalg.matmul(transferLocal, cur);
            Tensor bc = LocalLinalg.matmul(controlLocal, cl.select(1, s - 1).contiguous().reshape(nControl, 1));
            LocalLinalg.gemm(1.0, bc, ones, 1.0, next);
            z.select(2, s).copyFrom(next);
            cur = next;
        }
        DNDarray out = Linalg.matmul(basis, Snapshots.replicated(z.reshape(nModes, batch * steps), x.comm()));
        return out.reshape(nState, batch, steps).transpose(1, 0, 2);
    }

    private <T> T fitted(T v) {
        Snapshots.checkFitted(basis, NAME);
        return v;
    }

    /** The reduced-order basis U (n_state, r) (Heat's rom_basis_). <pre>{@code m.romBasis()}</pre> */
    public DNDarray romBasis() { return fitted(basis); }

    /** Ã (r, r), replicated (Heat's rom_transfer_matrix_). <pre>{@code m.romTransferMatrix()}</pre> */
    public DNDarray romTransferMatrix() { return fitted(transfer); }

    /** B̃ (r, n_control), replicated (Heat's rom_control_matrix_). <pre>{@code m.romControlMatrix()}</pre> */
    public DNDarray romControlMatrix() { return fitted(control); }

    /** Real parts of the eigenvalues of Ã (r,). <pre>{@code m.eigenvaluesReal()}</pre> */
    public DNDarray eigenvaluesReal() { return fitted(eigRe); }

    /** Imaginary parts of the eigenvalues of Ã (r,). <pre>{@code m.eigenvaluesImag()}</pre> */
    public DNDarray eigenvaluesImag() { return fitted(eigIm); }

    /** Real parts of the DMD modes (n_state, r) (Heat's dmdmodes_). <pre>{@code m.modesReal()}</pre> */
    public DNDarray modesReal() { return fitted(modesRe); }

    /** Imaginary parts of the DMD modes (n_state, r). <pre>{@code m.modesImag()}</pre> */
    public DNDarray modesImag() { return fitted(modesIm); }

    /**
     * The eigenvalues λ of Ã (r,) as one complex array (complex128; complex64 for float32 data), replicated, in
     * LAPACK's order (Heat's rom_eigenvalues_). <pre>{@code DNDarray lambda = m.eigenvalues(); }</pre>
     */
    public DNDarray eigenvalues() { return Snapshots.complexOf(basis, NAME, eigRe, eigIm); }

    /**
     * The DMD modes Φ (n_state, r) as one complex array, split like the basis (Heat's dmdmodes_).
     * <pre>{@code DNDarray phi = m.modes(); }</pre>
     */
    public DNDarray modes() { return Snapshots.complexOf(basis, NAME, modesRe, modesIm); }

    /** r, the rank of the state basis (Heat's n_modes_). <pre>{@code m.nModes()}</pre> */
    public long nModes() { return fitted(nModes); }

    /** p, the rank kept of Ω's SVD (Heat's n_modes_system_). <pre>{@code m.nModesSystem()}</pre> */
    public long nModesSystem() { return fitted(nModesSystem); }
}
