/**
 * jheat: distributed N-dimensional arrays for the JVM, Heat (the Helmholtz Analytics Toolkit) rebuilt in Java.
 * {@link org.jheat.Heat} holds the numpy-like functions; {@link org.jheat.core.DNDarray} is the distributed array.
 * <pre>{@code
 * import static org.jheat.Heat.*;
 * DNDarray x = rand(new long[]{1000, 4}, FLOAT64, 0);
 * }</pre>
 */
package org.jheat;
