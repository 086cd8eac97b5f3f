/**
 * Local strided N-d tensors on off-heap memory (the role torch plays in Heat): dtypes and promotion, views, the strided copy kernel, fill, storage accounting and intra-process threads.
 */
package org.jheat.tensor;
