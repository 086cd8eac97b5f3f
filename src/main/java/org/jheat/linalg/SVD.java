package org.jheat.linalg;

import org.jheat.core.DNDarray;

/**
 * The factors of {@link Linalg#svd}: A = U·diag(S)·Vh, numpy's order and meaning (Vh holds the right singular vectors
 * as rows).
 *
 * <pre>{@code SVD d = Linalg.svd(a); double smax = d.S().max().itemDouble(); }</pre>
 *
 * @param U left singular vectors as columns; null when not computed
 * @param S singular values, descending, replicated
 * @param Vh right singular vectors as rows; null when not computed
 */
public record SVD(DNDarray U, DNDarray S, DNDarray Vh) { }
