package org.jheat.tensor;

/**
 * A complex number as a Java scalar: the element type of complex64/complex128 arrays when read one by one, and a
 * "weak" scalar operand of element-wise operations, like Python's {@code complex} under numpy's NEP 50
 * ({@code complex64 array * new Complex(0, 1)} stays complex64, a float32 array plus a Complex gives complex64,
 * float64 and integer arrays give complex128).
 *
 * <pre>{@code
 * Complex z = new Complex(1, 2);                      // 1+2j
 * DNDarray y = Heat.mul(x, Complex.I);                // x * 1j
 * Complex w = z.times(z.conj());                      // |z|^2 = 5+0j
 * }</pre>
 *
 * <p>Kernels never box: arrays hold interleaved (re, im) pairs and the block loops work on {@code double[]}.
 *
 * @param re the real part
 * @param im the imaginary part
 */
public record Complex(double re, double im) {
    /** The imaginary unit {@code 1j}. */
    public static final Complex I = new Complex(0, 1);
    /** {@code 0j}. */
    public static final Complex ZERO = new Complex(0, 0);
    /** {@code 1+0j}. */
    public static final Complex ONE = new Complex(1, 0);

    /** A complex number with imaginary part 0. <pre>{@code Complex.of(2.5)   // 2.5+0j}</pre> */
    public static Complex of(double re) { return new Complex(re, 0); }

    /** The complex conjugate. <pre>{@code new Complex(1, 2).conj()   // 1-2j}</pre> */
    public Complex conj() { return new Complex(re, -im); }

    /** The product. <pre>{@code Complex.I.times(Complex.I)   // -1+0j}</pre> */
    public Complex times(Complex o) { return new Complex(re * o.re - im * o.im, re * o.im + im * o.re); }

    /** The sum. <pre>{@code new Complex(1, 2).plus(Complex.ONE)   // 2+2j}</pre> */
    public Complex plus(Complex o) { return new Complex(re + o.re, im + o.im); }

    /** The modulus |z| (hypot, no overflow). <pre>{@code new Complex(3, 4).abs() == 5.0}</pre> */
    public double abs() { return Math.hypot(re, im); }

    /** The argument in radians, in (-π, π]. <pre>{@code Complex.I.angle() == Math.PI / 2}</pre> */
    public double angle() { return Math.atan2(im, re); }

    /** Python-like text: {@code (1+2j)}, {@code 3j}, {@code (1.5-infj)}, {@code (nan+0j)} (parts in Java's double text). */
    @Override
    public String toString() {
        String i = part(im);
        if (re == 0 && Double.doubleToRawLongBits(re) == 0) return i + "j";
        String r = part(re);
        String sign = Double.doubleToRawLongBits(im) < 0 && !Double.isNaN(im) ? "" : "+";
        return "(" + r + sign + i + "j)";
    }

    private static String part(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e16) return (v == 0 && 1 / v < 0 ? "-" : "") + Long.toString((long) v);
        return Double.toString(v);
    }
}
