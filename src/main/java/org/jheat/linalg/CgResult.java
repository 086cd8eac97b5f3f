package org.jheat.linalg;

import org.jheat.core.DNDarray;

/**
 * The result of {@link Linalg#cg}.
 *
 * <pre>{@code CgResult r = Linalg.cg(a, b); if (!r.converged()) System.out.println(r.residuals().length); }</pre>
 *
 * @param x the solution (split like A's rows; replicated for a replicated A)
 * @param residuals ‖b − A·x_k‖₂ for k = 0 … iterations (the residual history)
 * @param iterations the iterations run
 * @param converged whether ‖r‖ ≤ tol·‖b‖ was reached within maxIter
 */
public record CgResult(DNDarray x, double[] residuals, long iterations, boolean converged) { }
