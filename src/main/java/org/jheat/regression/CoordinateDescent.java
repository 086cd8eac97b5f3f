package org.jheat.regression;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.tensor.DType;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;

/**
 * scikit-learn's elastic-net coordinate descent ({@code enet_coordinate_descent} and its Gram form), with the rows of
 * the centred X and y split across processes. The objective is
 * {@code 1/(2n)·‖y − Xw‖² + α·ρ·‖w‖₁ + α(1−ρ)/2·‖w‖²}; the loop, the stopping rule (largest coefficient change
 * relative to the largest coefficient below tol, then the duality gap below {@code tol·‖y‖²}) and the gap are
 * scikit-learn's, so coefficients and iteration counts agree with it.
 *
 * <p>Gram form (up to {@link #GRAM_MAX} features): each process forms its rows' {@code XᵀX} (BLAS syrk), {@code Xᵀy},
 * {@code yᵀy} and the column sums of the UNcentred X and y (no copy of X), ONE Allreduce sums them, the intercept's
 * centring is applied to the (p, p) statistics ({@link #centre}), and every epoch then runs on the replicated system
 * with no communication. Residual form (wider X): the residual vector stays split like the rows; each coordinate update
 * costs one column dot product (BLAS) and one Allreduce of a scalar, each gap check one Allreduce of p + 2 values.
 */
final class CoordinateDescent {
    private CoordinateDescent() { }

    /** The widest X solved in the Gram form (its (p, p) matrix is 512 MiB at this size). */
    static final int GRAM_MAX = 8192;
    /** {@link #GRAM_MAX}, lowered by tests to exercise the residual form. */
    static volatile int gramMax = GRAM_MAX;

    /** The solution: coefficients, epochs run, the last duality gap, and whether it met the tolerance. */
    record Result(double[] w, int nIter, double gap, boolean converged) { }

    /**
     * The replicated sufficient statistics of the Gram form, {@code [XᵀX (p·p) | Xᵀy (p) | yᵀy]} and, with
     * {@code sums}, {@code [… | Xᵀ1 (p) | Σy]}, for this process's rows x (nLocal, p) and y (nLocal,), float64: XᵀX
     * and Xᵀ·[y 1] by {@link LocalLinalg#gramWith} (one pass over x, no copy of it), then ONE Allreduce when {@code distributed}.
     * Temporaries live on x's device. Non-finite input shows as non-finite statistics (x² on the diagonal).
     */
    static double[] gramStats(Communication comm, boolean distributed, Tensor x, Tensor y, boolean sums) {
        long p = x.shape(1), nl = x.shape(0);
        long len = p * p + p + 1 + (sums ? p + 1 : 0);
        Tensor buf = x.newZeros(DType.FLOAT64, len);
        if (nl > 0) {
            // [y 1] (nLocal, 2): XᵀX and Xᵀ[y 1] (Xᵀy and the column sums) in one pass over x, [y 1]ᵀy gives yᵀy and Σy
            int c = sums ? 2 : 1;
            Tensor yb = x.newEmpty(DType.FLOAT64, nl, c);
            yb.narrow(1, 0, 1).copyFrom(y.reshape(nl, 1));
            if (sums) yb.narrow(1, 1, 1).fill(1.0);
            Tensor[] g = LocalLinalg.gramWith(x, yb);
            buf.narrow(0, 0, p * p).reshape(p, p).copyFrom(g[0]);
            Tensor xty = g[1], yty = x.newEmpty(DType.FLOAT64, c);
            g[0].free();
            LocalLinalg.gemv(1.0, yb.transpose(), y, 0.0, yty);
            buf.narrow(0, p * p, p).copyFrom(xty.narrow(1, 0, 1).reshape(p));
            buf.narrow(0, p * p + p, 1).copyFrom(yty.narrow(0, 0, 1));
            if (sums) {
                buf.narrow(0, p * p + p + 1, p).copyFrom(xty.narrow(1, 1, 1).reshape(p));
                buf.narrow(0, len - 1, 1).copyFrom(yty.narrow(0, 1, 1));
            }
            for (Tensor t : new Tensor[] {yb, xty, yty}) t.free();
        }
        if (distributed) comm.allreduce(buf, ReduceOp.SUM);
        double[] all = buf.toDoubleArray();
        buf.free();
        return all;
    }

    /** Whether every statistic is finite (NaN or infinity in X or y, or an overflow of XᵀX, makes one non-finite). */
    static boolean finite(double[] stats) {
        double s = 0;
        for (double v : stats) s += v * 0;   // NaN for a NaN or an infinity, else 0
        return s == 0;
    }

    /**
     * Centres the statistics of {@link #gramStats} (with sums) in place for n samples — X̄ᵀX̄ = XᵀX − s·sᵀ/n,
     * X̄ᵀȳ = Xᵀy − s·Σy/n, ȳᵀȳ = yᵀy − (Σy)²/n — and returns false when that cancels too much to be trusted: a
     * column (or y) whose centred sum of squares is below {@link #CANCEL} of its raw one (a mean more than ~100
     * standard deviations away from 0, or a constant non-zero column); the caller then centres the data instead.
     * Rounding in the raw sums is amplified by at most 1/CANCEL in the centred ones.
     */
    static boolean centre(double[] st, int p, long n) {
        int sx = p * p + p + 1;
        double sy = st[st.length - 1];
        boolean ok = true;
        for (int i = 0; i < p; i++) {
            double si = st[sx + i], raw = st[i * p + i];
            for (int j = 0; j < p; j++) st[i * p + j] -= si * st[sx + j] / n;
            st[p * p + i] -= si * sy / n;
            if (raw > 0 && !(st[i * p + i] >= CANCEL * raw)) ok = false;
        }
        double rawY = st[p * p + p];
        st[p * p + p] -= sy * sy / n;
        if (rawY > 0 && !(st[p * p + p] >= CANCEL * rawY)) ok = false;
        return ok;
    }

    /** The share of a raw sum of squares its centred value must keep for the uncentred Gram form to be used. */
    static final double CANCEL = 1e-4;

    /** The Gram-form loop on replicated statistics {@code [XᵀX | Xᵀy | yᵀy …]} of the (centred) data. */
    static Result gramSolve(double[] all, double l1, double l2, double[] w, int maxIter, double tol, boolean positive) {
        int p = w.length;
        double[] q = new double[p];
        System.arraycopy(all, p * p, q, 0, p);
        double yNorm2 = all[p * p + p];
        double tolAbs = tol * yNorm2;
        // H = Q·w, kept up to date as coordinates move
        double[] h = new double[p];
        for (int i = 0; i < p; i++) {
            double wi = w[i];
            if (wi != 0) for (int j = 0; j < p; j++) h[j] += wi * all[i * p + j];
        }
        double gap = tolAbs + 1;
        int iter = 0;
        boolean converged = false;
        for (iter = 0; iter < maxIter; iter++) {
            double wMax = 0, dwMax = 0;
            for (int ii = 0; ii < p; ii++) {
                double qii = all[ii * p + ii];
                if (qii == 0) continue;
                double wOld = w[ii];
                int row = ii * p;
                if (wOld != 0) for (int j = 0; j < p; j++) h[j] -= wOld * all[row + j];
                double tmp = q[ii] - h[ii];
                double wNew = positive && tmp < 0 ? 0 : Math.signum(tmp) * Math.max(Math.abs(tmp) - l1, 0) / (qii + l2);
                w[ii] = wNew;
                if (wNew != 0) for (int j = 0; j < p; j++) h[j] += wNew * all[row + j];
                dwMax = Math.max(dwMax, Math.abs(wNew - wOld));
                wMax = Math.max(wMax, Math.abs(wNew));
            }
            if (wMax == 0 || dwMax / wMax < tol || iter == maxIter - 1) {
                double qDotW = 0, wHw = 0, wNorm2 = 0, l1Norm = 0, dual = 0;
                for (int j = 0; j < p; j++) {
                    qDotW += w[j] * q[j];
                    wHw += w[j] * h[j];
                    wNorm2 += w[j] * w[j];
                    l1Norm += Math.abs(w[j]);
                    double xta = q[j] - h[j] - l2 * w[j];
                    dual = Math.max(dual, positive ? xta : Math.abs(xta));
                }
                double rNorm2 = yNorm2 + wHw - 2 * qDotW;
                gap = dualityGap(rNorm2, yNorm2 - qDotW, dual, l1Norm, wNorm2, l1, l2);
                if (gap < tolAbs) {
                    converged = true;
                    iter++;
                    break;
                }
            }
        }
        return new Result(w, Math.min(iter, maxIter), gap, converged);
    }

    /**
     * The residual form for this process's rows {@code x} (nLocal, p) and {@code y} (nLocal,), float64, centred when
     * the model has an intercept; {@code l1 = α·ρ·n}, {@code l2 = α(1−ρ)·n}; {@code w} is the start (updated in
     * place). Collective when {@code distributed}.
     */
    static Result residual(Communication comm, boolean distributed, Tensor x, Tensor y, double l1, double l2, double[] w,
                                   int maxIter, double tol, boolean positive) {
        int p = w.length;
        long nl = x.shape(0);
        // column norms, yᵀy and the starting residual R = y − Xw
        Tensor colsq = x.newZeros(DType.FLOAT64, p + 1);
        Tensor r = y.copy();
        Tensor wt = Tensor.fromArray(w).to(x.device());
        if (nl > 0) {
            Tensor sq = x.newEmpty(DType.FLOAT64, x.shape());
            x.backend().elementwise(Kernels.SQUARE, false, sq, x);
            Tensor ones = x.newFull(DType.FLOAT64, 1.0, nl);
            LocalLinalg.gemv(1.0, sq.transpose(), ones, 0.0, colsq.narrow(0, 0, p));
            sq.free();
            ones.free();
            colsq.setDoubleFlat(LocalLinalg.dot(y, y).getDouble(), p);
            LocalLinalg.gemv(-1.0, x, wt, 1.0, r);
        }
        if (distributed) comm.allreduce(colsq, ReduceOp.SUM);
        double[] cs = colsq.toDoubleArray();
        double yNorm2 = cs[p], tolAbs = tol * yNorm2;
        Tensor one = x.newFull(DType.FLOAT64, 1.0, 1);
        Tensor xtr = x.newZeros(DType.FLOAT64, p + 2);
        double gap = tolAbs + 1;
        int iter;
        boolean converged = false;
        for (iter = 0; iter < maxIter; iter++) {
            double wMax = 0, dwMax = 0;
            for (int ii = 0; ii < p; ii++) {
                if (cs[ii] == 0) continue;
                double wOld = w[ii];
                Tensor col = x.narrow(1, ii, 1);
                double tmp = nl > 0 ? LocalLinalg.dot(col.reshape(nl), r).getDouble() : 0;
                if (distributed) tmp = comm.allreduce(tmp, ReduceOp.SUM);
                tmp += wOld * cs[ii];   // the column's own share, as if wOld were added back to R
                double wNew = positive && tmp < 0 ? 0 : Math.signum(tmp) * Math.max(Math.abs(tmp) - l1, 0) / (cs[ii] + l2);
                if (wNew != wOld && nl > 0) LocalLinalg.gemv(wOld - wNew, col, one, 1.0, r);
                w[ii] = wNew;
                dwMax = Math.max(dwMax, Math.abs(wNew - wOld));
                wMax = Math.max(wMax, Math.abs(wNew));
            }
            if (wMax == 0 || dwMax / wMax < tol || iter == maxIter - 1) {
                xtr.fill(0.0);
                if (nl > 0) {
                    LocalLinalg.gemv(1.0, x.transpose(), r, 0.0, xtr.narrow(0, 0, p));
                    xtr.setDoubleFlat(LocalLinalg.dot(r, r).getDouble(), p);
                    xtr.setDoubleFlat(LocalLinalg.dot(r, y).getDouble(), p + 1);
                }
                if (distributed) comm.allreduce(xtr, ReduceOp.SUM);
                double[] a = xtr.toDoubleArray();
                double wNorm2 = 0, l1Norm = 0, dual = 0;
                for (int j = 0; j < p; j++) {
                    wNorm2 += w[j] * w[j];
                    l1Norm += Math.abs(w[j]);
                    double xta = a[j] - l2 * w[j];
                    dual = Math.max(dual, positive ? xta : Math.abs(xta));
                }
                gap = dualityGap(a[p], a[p + 1], dual, l1Norm, wNorm2, l1, l2);
                if (gap < tolAbs) {
                    converged = true;
                    iter++;
                    break;
                }
            }
        }
        for (Tensor t : new Tensor[] {colsq, r, wt, one, xtr}) t.free();
        return new Result(w, Math.min(iter, maxIter), gap, converged);
    }

    /** scikit-learn's elastic-net duality gap from ‖R‖², Rᵀy, max|XᵀR − l2·w|, ‖w‖₁ and ‖w‖². */
    static double dualityGap(double rNorm2, double rDotY, double dualNorm, double l1Norm, double wNorm2, double l1, double l2) {
        double cnst, gap;
        // l1 = 0 (alpha 0): the limit l1/dualNorm -> 0, also when XᵀR came out exactly 0, which only the rounding of one
        // layout's sums gives: that declared convergence at one process count and ran maxIter epochs at another
        if (l1 == 0) {
            cnst = 0.0;
            gap = 0.5 * rNorm2;
        } else if (dualNorm > l1) {
            cnst = l1 / dualNorm;
            gap = 0.5 * (rNorm2 + rNorm2 * cnst * cnst);
        } else {
            cnst = 1.0;
            gap = rNorm2;
        }
        return gap + l1 * l1Norm - cnst * rDotY + 0.5 * l2 * (1 + cnst * cnst) * wNorm2;
    }
}
