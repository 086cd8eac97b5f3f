/**
 * Distributed linear algebra, numpy's {@code np.linalg} and the products of {@code np} ({@code matmul}, {@code dot},
 * {@code tensordot}, {@code einsum} …) on {@link org.jheat.core.DNDarray}s: the static facade
 * {@link org.jheat.linalg.Linalg}. Local blocks go to BLAS/LAPACK through {@link org.jheat.tensor.LocalLinalg}; the
 * classes here decide which blocks meet where (rings of blocks, reduce-scatters, block substitutions).
 *
 * <pre>{@code
 * DNDarray c = Linalg.matmul(a, b);
 * DNDarray t = Linalg.einsum("bij,bjk->bik", x, y);
 * }</pre>
 */
package org.jheat.linalg;
