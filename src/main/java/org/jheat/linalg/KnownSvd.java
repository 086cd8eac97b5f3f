package org.jheat.linalg;

import org.jheat.core.DNDarray;

/**
 * A gallery matrix with its construction A = U·diag(S)·Vᵀ (Heat's {@code A, (U, S, V)}).
 *
 * <pre>{@code KnownSvd k = Linalg.randomKnownRank(100, 40, 5, DType.FLOAT64, 0); DNDarray a = k.A(); }</pre>
 *
 * @param A the (m, n) matrix, split as requested
 * @param U (m, r) orthonormal columns, split 0
 * @param S (r,) the singular values used, replicated
 * @param V (n, r) orthonormal columns, split 0
 */
public record KnownSvd(DNDarray A, DNDarray U, DNDarray S, DNDarray V) { }
