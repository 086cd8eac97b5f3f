package org.jheat.io;

/**
 * The one exception type of jheat's file I/O: a missing or unreadable file, a missing dataset or variable, an
 * unsupported or corrupt file, a malformed CSV line, an unwritable path. It is thrown on EVERY process of the
 * communicator with the same message (the processes agree on failures before they go on), so callers may catch
 * it and continue with further collective calls.
 *
 * <pre>{@code
 * try {
 *     DNDarray x = IO.loadHdf5("data.h5", "temperature", 0);
 * } catch (IOFailure e) {
 *     Heat.print0("cannot load: " + e.getMessage());   // e.g. names the datasets that do exist
 * }
 * }</pre>
 */
public class IOFailure extends RuntimeException {
    /** A failure with a message that names the file and what went wrong. <pre>{@code throw new IOFailure("f.npy: truncated"); }</pre> */
    public IOFailure(String message) {
        super(message);
    }

    /** A failure caused by a lower-level exception. <pre>{@code throw new IOFailure("f.csv: " + e.getMessage(), e); }</pre> */
    public IOFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
