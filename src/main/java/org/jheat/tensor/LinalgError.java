package org.jheat.tensor;

/**
 * numpy's {@code LinAlgError}: a linear-algebra routine could not complete for numerical reasons (singular matrix,
 * matrix not positive definite, no convergence). Bad shapes and dtypes raise {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * try {
 *     Tensor x = LocalLinalg.inv(a);
 * } catch (LinalgError e) {
 *     System.err.println(e.getMessage());   // "inv: singular matrix (U[2, 2] of its LU factorisation is exactly zero)"
 * }
 * }</pre>
 */
public class LinalgError extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** An error with the message shown to the user. <pre>{@code throw new LinalgError("solve: singular matrix"); }</pre> */
    public LinalgError(String message) {
        super(message);
    }
}
