/**
 * The bin/jheat command line: info, demo, the pipeline bench with plots and the micro-benchmarks, and one command
 * per algorithm on a user's file (kmeans, kmedians, pca, lasso, gnb, knn, spectral, stats, convert).
 *
 * <pre>{@code
 * bin/jheat --np 2 kmeans --input data.h5 --dataset X --k 8 --output clusters.h5 --json
 * }</pre>
 */
package org.jheat.cli;
