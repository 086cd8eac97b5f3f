package org.jheat.linalg;

import org.jheat.core.DNDarray;

/**
 * A truncated SVD A ≈ U·diag(S)·Vᵀ from the hierarchical, randomized or incremental SVD (Heat's {@code U, S, V}
 * order: V holds the right singular vectors as COLUMNS, unlike numpy's Vh).
 *
 * <pre>{@code TruncatedSVD t = Linalg.hsvdRank(a, 10); DNDarray approx = Linalg.matmul(t.U().mul(t.S()), t.V().T()); }</pre>
 *
 * @param U (m, r) left singular vectors as columns
 * @param S (r,) singular values, descending, replicated; null when not computed (hsvd with computeSV false)
 * @param V (n, r) right singular vectors as columns; null when not computed
 * @param errorEstimate hsvd's a-posteriori estimate of ‖A − U·diag(S)·Vᵀ‖_F / ‖A‖_F (an upper bound up to rounding);
 *        NaN for the methods without one
 */
public record TruncatedSVD(DNDarray U, DNDarray S, DNDarray V, double errorEstimate) { }
