package org.jheat.linalg;

import org.jheat.core.DNDarray;

/**
 * The polar decomposition A = U·H of {@link Linalg#polar}.
 *
 * <pre>{@code PolarResult p = Linalg.polar(a); DNDarray back = Linalg.matmul(p.U(), p.H()); }</pre>
 *
 * @param U orthogonal factor
 * @param H symmetric positive semi-definite factor
 */
public record PolarResult(DNDarray U, DNDarray H) { }
