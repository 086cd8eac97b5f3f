/**
 * Distributed linear algebra, numpy's {@code np.linalg} and the products of {@code np} ({@code matmul}, {@code dot},
 * {@code tensordot}, {@code einsum} …) on {@link org.jheat.core.DNDarray}s: the static facade
 * {@link org.jheat.linalg.Linalg}. Local blocks go to BLAS/LAPACK through {@link org.jheat.tensor.LocalLinalg}; the
 * classes here decide which blocks meet where (rings of blocks, reduce-scatters, block substitutions, the TSQR tree).
 * Factorisations ({@code qr}, {@code svd}, {@code polar}, {@code eigh}), truncated SVDs ({@code hsvd*}, {@code rsvd},
 * {@code isvd}), Krylov methods ({@code lanczos}, {@code cg}) and Heat's matrix gallery are on the same facade.
 *
 * <pre>{@code
 * DNDarray c = Linalg.matmul(a, b);
 * DNDarray t = Linalg.einsum("bij,bjk->bik", x, y);
 * QR f = Linalg.qr(tall);                       // TSQR: Q split like tall, R replicated
 * TruncatedSVD h = Linalg.hsvdRank(x, 10);      // U, S, V and the error estimate
 * }</pre>
 */
package org.jheat.linalg;
