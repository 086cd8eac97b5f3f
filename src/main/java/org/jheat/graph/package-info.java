/**
 * Graphs built from data (Heat's {@code ht.graph}): {@link org.jheat.graph.Laplacian}, the graph Laplacian of a
 * similarity matrix (fully connected or ε-neighbourhood; unnormalised, symmetric or random-walk normalised), split
 * along its rows like the samples. Used by {@link org.jheat.cluster.Spectral}.
 *
 * <pre>{@code
 * DNDarray l = Laplacian.rbf(0.5).definition("norm_sym").construct(x);
 * }</pre>
 */
package org.jheat.graph;
