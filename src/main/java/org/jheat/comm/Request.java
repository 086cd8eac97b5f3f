package org.jheat.comm;

/**
 * A pending non-blocking transfer started by {@link Communication#isend} or {@link Communication#irecv}.
 * <pre>{@code
 * Request r = comm.irecv(buf, n, DType.FLOAT64, 0, 7);
 * // … overlap work …
 * r.waitFor();
 * }</pre>
 */
public interface Request {
    /** Blocks until the transfer is complete; the buffer may then be reused. */
    void waitFor();

    /** True when the transfer is complete (then {@link #waitFor()} returns at once). */
    boolean test();

    /** Waits for all requests, in order. <pre>{@code Request.waitAll(a, b); }</pre> */
    static void waitAll(Request... requests) {
        for (Request r : requests) r.waitFor();
    }
}
