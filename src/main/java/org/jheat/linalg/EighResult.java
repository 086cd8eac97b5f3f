package org.jheat.linalg;

import org.jheat.core.DNDarray;

/**
 * Eigenvalues and eigenvectors of a symmetric matrix ({@link Linalg#eigh}, {@link Linalg#reigh}); numpy's
 * {@code eigh} result.
 *
 * <pre>{@code EighResult e = Linalg.eigh(a); DNDarray w = e.eigenvalues(); }</pre>
 *
 * @param eigenvalues ascending, replicated
 * @param eigenvectors the eigenvectors as columns (column i for eigenvalue i)
 */
public record EighResult(DNDarray eigenvalues, DNDarray eigenvectors) { }
