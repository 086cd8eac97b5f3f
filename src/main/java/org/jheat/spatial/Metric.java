package org.jheat.spatial;

import java.util.Locale;

import org.jheat.tensor.DistanceKind;
import org.jheat.tensor.LocalDistances;
import org.jheat.tensor.Tensor;

/**
 * A pairwise distance (or kernel) between rows: scipy's metric names plus Heat's Gaussian kernel, each with the
 * way it is computed. {@code quadraticExpansion} computes {@code |x|² + |y|² - 2·x·y} with one matrix product
 * (BLAS) instead of the differences: much faster, but with cancellation when the points lie far from the origin
 * relative to their distances (Heat's {@code quadratic_expansion}).
 *
 * <pre>{@code
 * Metric m = Metric.of("cityblock");                 // scipy's names: euclidean, sqeuclidean, cityblock, manhattan, cosine
 * Metric fast = Metric.euclidean(true);              // through the matrix product
 * Metric k = Metric.rbf(2.0, false);                 // exp(-|x-y|² / (2·2²))
 * }</pre>
 *
 * @param kind               the distance
 * @param quadraticExpansion compute squared distances by the matrix product (euclidean, sqeuclidean, rbf only)
 * @param sigma              the Gaussian kernel's width (rbf only; NaN otherwise)
 */
public record Metric(Kind kind, boolean quadraticExpansion, double sigma) {

    /** The distances available. */
    public enum Kind {
        /** {@code sqrt(Σ (x-y)²)}. */ EUCLIDEAN,
        /** {@code Σ (x-y)²}. */ SQEUCLIDEAN,
        /** {@code Σ |x-y|} (manhattan, L1). */ CITYBLOCK,
        /** {@code 1 - x·y / (|x| |y|)}, clipped to [0, 2]; NaN for a zero row, as scipy. */ COSINE,
        /** The Gaussian kernel {@code exp(-|x-y|² / (2σ²))} (Heat's {@code rbf}). */ RBF
    }

    /** The metric names {@link #of} accepts. */
    public static final String NAMES = "euclidean, sqeuclidean, cityblock, manhattan, cosine";

    /**
     * Validates the combination. <pre>{@code new Metric(Metric.Kind.EUCLIDEAN, true, Double.NaN) }</pre>
     *
     * @throws IllegalArgumentException for a null kind, quadratic expansion with cityblock/cosine, or a sigma of an
     *         rbf kernel that is not a positive finite number
     */
    public Metric {
        if (kind == null) throw new IllegalArgumentException("metric kind must not be null; allowed: " + NAMES + ", rbf");
        if (quadraticExpansion && (kind == Kind.CITYBLOCK || kind == Kind.COSINE)) {
            throw new IllegalArgumentException("quadratic expansion applies to euclidean, sqeuclidean and rbf only, not "
                    + kind.name().toLowerCase(Locale.ROOT));
        }
        if (kind == Kind.RBF && !(sigma > 0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException("rbf: sigma must be a positive finite number, got " + sigma);
        }
        if (kind != Kind.RBF) sigma = Double.NaN;
    }

    /**
     * The metric of a scipy name (case-insensitive): euclidean, sqeuclidean, cityblock, manhattan (= cityblock),
     * cosine; computed exactly (no quadratic expansion).
     * <pre>{@code Metric m = Metric.of("sqeuclidean"); }</pre>
     *
     * @throws IllegalArgumentException for null or an unknown name, listing the allowed ones
     */
    public static Metric of(String name) {
        if (name == null) throw new IllegalArgumentException("metric must not be null; allowed: " + NAMES);
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "euclidean" -> euclidean(false);
            case "sqeuclidean" -> sqeuclidean(false);
            case "cityblock", "manhattan" -> cityblock();
            case "cosine" -> cosine();
            default -> throw new IllegalArgumentException("unknown metric '" + name + "'; allowed: " + NAMES);
        };
    }

    /** Euclidean distance, exact or by quadratic expansion. <pre>{@code Metric.euclidean(true)}</pre> */
    public static Metric euclidean(boolean quadraticExpansion) { return new Metric(Kind.EUCLIDEAN, quadraticExpansion, Double.NaN); }

    /** Squared euclidean distance. <pre>{@code Metric.sqeuclidean(false)}</pre> */
    public static Metric sqeuclidean(boolean quadraticExpansion) { return new Metric(Kind.SQEUCLIDEAN, quadraticExpansion, Double.NaN); }

    /** Manhattan (L1) distance. <pre>{@code Metric.cityblock()}</pre> */
    public static Metric cityblock() { return new Metric(Kind.CITYBLOCK, false, Double.NaN); }

    /** Cosine distance (always through the matrix product). <pre>{@code Metric.cosine()}</pre> */
    public static Metric cosine() { return new Metric(Kind.COSINE, false, Double.NaN); }

    /** Gaussian kernel of width {@code sigma}. <pre>{@code Metric.rbf(1.0, false)}</pre> */
    public static Metric rbf(double sigma, boolean quadraticExpansion) { return new Metric(Kind.RBF, quadraticExpansion, sigma); }

    /** True when the values come from one matrix product (BLAS) plus a per-element correction. */
    public boolean usesGemm() { return quadraticExpansion || kind == Kind.COSINE; }

    /**
     * {@code out[i, j] = this(x[i], y[j])} for local 2-D tensors (x (a, f), y (b, f), out (a, b) float32/float64 with
     * contiguous rows), on their backend with the process's threads. <pre>{@code Metric.cityblock().compute(x, y, d); }</pre>
     *
     * @throws IllegalArgumentException for shapes that do not fit or a non-float out
     */
    public void compute(Tensor x, Tensor y, Tensor out) {
        LocalDistances.compute(DistanceKind.valueOf(kind.name()), quadraticExpansion, sigma, x, y, out);
    }

    /** {@link #compute} on the calling thread only. <pre>{@code Metric.cityblock().computeSerial(block, centres, d); }</pre> */
    public void computeSerial(Tensor x, Tensor y, Tensor out) {
        LocalDistances.computeSerial(DistanceKind.valueOf(kind.name()), quadraticExpansion, sigma, x, y, out);
    }

    @Override
    public String toString() {
        String n = kind.name().toLowerCase(Locale.ROOT);
        if (kind == Kind.RBF) n += "(sigma=" + sigma + ")";
        return quadraticExpansion ? n + " (quadratic expansion)" : n;
    }
}
