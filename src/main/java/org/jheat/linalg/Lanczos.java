package org.jheat.linalg;

import org.jheat.core.DNDarray;

/**
 * The result of {@link Linalg#lanczos}: A·V ≈ V·T (Heat's {@code V, T}).
 *
 * <pre>{@code Lanczos l = Linalg.lanczos(a, 30); DNDarray ritz = Linalg.eigh(l.T()).eigenvalues(); }</pre>
 *
 * @param V (n, m) orthonormal Lanczos vectors as columns, split like A's rows (replicated for a replicated A)
 * @param T (m, m) symmetric tridiagonal, replicated
 */
public record Lanczos(DNDarray V, DNDarray T) { }
