package org.jheat.linalg;

import org.jheat.core.DNDarray;

/**
 * The factors of {@link Linalg#qr}: A = Q·R (Heat's and numpy's {@code QR} named tuple).
 *
 * <pre>{@code QR f = Linalg.qr(a); DNDarray back = Linalg.matmul(f.Q(), f.R()); }</pre>
 *
 * @param Q orthonormal columns (null for mode "r"), split like A
 * @param R upper triangular (trapezoidal for wide A); replicated for a tall matrix split along rows
 */
public record QR(DNDarray Q, DNDarray R) { }
