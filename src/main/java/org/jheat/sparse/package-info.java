/**
 * Distributed sparse matrices, Heat's {@code ht.sparse} and the parts of {@code scipy.sparse} around them: the
 * static facade {@link org.jheat.sparse.Sparse}, the row-split {@link org.jheat.sparse.DCSRMatrix} and the
 * column-split {@link org.jheat.sparse.DCSCMatrix} (held as the DCSR matrix of its transpose, so every CSC operation is
 * a CSR one and {@code T()} moves no data). Local kernels (conversions, merges, SpMV/SpMM, SpGEMM, reductions) are
 * {@link org.jheat.tensor.SparseKernels} behind {@link org.jheat.tensor.Backend#sparse()}; the classes here decide
 * what moves: COO triplets to the owners of their rows (one Alltoallv; COO input, redistribution, CSR↔CSC), and for
 * products only the rows of the other operand that a process's distinct columns touch (one Alltoallv of indices,
 * one of rows), a plan cached on the matrix for repeated products. Nothing is gathered whole.
 *
 * <pre>{@code
 * import static org.jheat.sparse.Sparse.*;
 * DCSRMatrix a = sparseCsrMatrix(dense);          // or fromCoo, random, loadMtx, loadNpz
 * DNDarray y = matmul(a, x);                      // SpMV / SpMM
 * DCSRMatrix c = matmul(a, a.transpose());        // SpGEMM
 * DNDarray s = a.add(c).sum(1);
 * }</pre>
 */
package org.jheat.sparse;
