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
}
