package org.jheat.preprocessing;

/**
 * The standard normal quantile function Φ⁻¹ (scipy's {@code stats.norm.ppf}), for {@link RobustScaler}'s
 * {@code unitVariance}. Newton's method on Φ(x) = erfc(-x/√2)/2 from the Abramowitz–Stegun 26.2.23 starting value;
 * erfc comes from its positive power series below 1 and its continued fraction above, both accurate to a few
 * units in the last place, so the quantile agrees with scipy's to about 1e-15 relative.
 */
final class NormalQuantile {
    private NormalQuantile() { }

    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double SQRT_PI = Math.sqrt(Math.PI);
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    /** Φ⁻¹(p): -∞ at 0, +∞ at 1, NaN outside [0, 1]. <pre>{@code double z = NormalQuantile.ppf(0.75); // 0.6744897501960817 }</pre> */
    static double ppf(double p) {
        if (!(p >= 0 && p <= 1)) return Double.NaN;
        if (p == 0) return Double.NEGATIVE_INFINITY;
        if (p == 1) return Double.POSITIVE_INFINITY;
        if (p == 0.5) return 0.0;
        return p < 0.5 ? lower(p) : -lower(1 - p);   // the lower tail keeps relative accuracy
    }

    /** Φ⁻¹(p) for 0 &lt; p &lt; 0.5 (a negative x). */
    private static double lower(double p) {
        double t = Math.sqrt(-2 * Math.log(p));
        double x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
        for (int it = 0; it < 100; it++) {
            double density = Math.exp(-0.5 * x * x) / SQRT_2PI;
            if (density == 0) break;
            double dx = (cdf(x) - p) / density;
            x -= dx;
            if (Math.abs(dx) <= 1e-17 * Math.abs(x)) break;
        }
        return x;
    }

    /** Φ(x) for x &lt;= 0. */
    private static double cdf(double x) { return 0.5 * erfc(-x / SQRT2); }

    /** erfc(z) for z >= 0. */
    static double erfc(double z) {
        if (z < 1) {
            // erf(z) = 2/√π · e^{-z²} · Σ z (2z²)^n / (1·3·…·(2n+1)): positive terms, no cancellation
            double term = z, sum = z, q = 2 * z * z;
            for (int n = 1; n < 200 && term > 1e-18 * sum; n++) {
                term *= q / (2 * n + 1);
                sum += term;
            }
            return 1 - 2 / SQRT_PI * Math.exp(-z * z) * sum;
        }
        // erfc(z) = e^{-z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))), modified Lentz
        double tiny = 1e-300, f = z, c = z, d = 0;
        for (int n = 1; n < 500; n++) {
            double a = n / 2.0;
            d = z + a * d;
            d = d == 0 ? tiny : d;
            c = z + a / c;
            c = c == 0 ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-17) break;
        }
        return Math.exp(-z * z) / SQRT_PI / f;
    }
}
