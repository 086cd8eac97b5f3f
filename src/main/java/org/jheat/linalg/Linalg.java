package org.jheat.linalg;

import org.jheat.core.DNDarray;

/**
 * numpy's {@code np.linalg} and products for distributed arrays.
 * <pre>{@code DNDarray c = Linalg.matmul(a, b); }</pre>
 */
public final class Linalg {
    private Linalg() { }

    /** numpy's matmul. <pre>{@code DNDarray c = Linalg.matmul(a, b); }</pre> */
    public static DNDarray matmul(DNDarray a, DNDarray b) { return Matmul.matmul(a, b); }

    public static DNDarray dot(DNDarray a, DNDarray b) { return Contractions.dot(a, b); }

    public static DNDarray tensordot(DNDarray a, DNDarray b, int axes) { return Contractions.tensordot(a, b, axes); }

    public static DNDarray tensordot(DNDarray a, DNDarray b, int[] axesA, int[] axesB) { return Contractions.tensordot(a, b, axesA, axesB); }

    public static DNDarray einsum(String subscripts, DNDarray... operands) { return Einsum.einsum(subscripts, operands); }
}
