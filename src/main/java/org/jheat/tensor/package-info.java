/**
 * Local strided N-d tensors on off-heap memory (the role torch plays in Heat): dtypes and promotion, views, the strided copy kernel, fill, storage accounting, intra-process threads, and local dense linear algebra ({@link org.jheat.tensor.LocalLinalg}: BLAS/LAPACK through FFM).
 */
package org.jheat.tensor;
