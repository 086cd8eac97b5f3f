package org.jheat.comm;

/**
 * A failed communication call (an MPI error code turned into an exception, or a misuse such as an invalid rank).
 * <pre>{@code try { comm.send(buf, n, t, 99, 0); } catch (CommException e) { … } }</pre>
 */
public class CommException extends RuntimeException {
    /** @param message what failed and why */
    public CommException(String message) { super(message); }

    /** @param message what failed and why @param cause the underlying error */
    public CommException(String message, Throwable cause) { super(message, cause); }
}
