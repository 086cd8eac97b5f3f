/**
 * Heat's {@code ht.spatial}: distributed pairwise distances ({@link org.jheat.spatial.Spatial#cdist}, manhattan,
 * the rbf kernel) and the local distance kernels ({@link org.jheat.tensor.LocalDistances}, behind the backend) that the clustering
 * estimators share.
 *
 * <pre>{@code
 * DNDarray d = Spatial.cdist(x, y, "cityblock");
 * }</pre>
 */
package org.jheat.spatial;
