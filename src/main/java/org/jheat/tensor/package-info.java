/**
 * Local strided N-d tensors on off-heap memory (the role torch plays in Heat): dtypes and promotion, views, the strided copy kernel, fill, element-wise and reduction kernels, the local sort kernels (SortKernels) and the gather/scatter kernels of indexing (IndexKernels), storage accounting and intra-process threads.
 */
package org.jheat.tensor;
