package org.jheat.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;

/**
 * Agreement on local outcomes before anyone communicates again: a file operation may fail on one process only
 * (its slab is truncated, its disk is full), and a process that throws while the others go on into the next
 * collective would hang the job. Every I/O step therefore runs through {@link #agree}: one allreduce of the
 * lowest failing rank, then that rank's message is broadcast and every process throws the same {@link IOFailure}
 * (the same text everywhere, ending with "(reported by rank R)").
 */
final class Collective {
    private Collective() { }

    /** A local step that may throw anything. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code step} here; when it failed on any rank, throws the first failing rank's message on every rank.
     * <pre>{@code long size = Collective.agree(comm, () -> Files.size(p)); }</pre>
     */
    static <T> T agree(Communication comm, Step<T> step) {
        T value = null;
        Throwable error = null;
        try {
            value = step.run();
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            error = e;
        }
        int size = comm.size();
        if (size == 1) {
            if (error != null) throw asFailure(error);
            return value;
        }
        long first = comm.allreduce(error == null ? (long) size : (long) comm.rank(), ReduceOp.MIN);
        if (first == size) return value;
        String msg = comm.bcast(comm.rank() == first ? message(error) : null, (int) first);
        // the same text on every rank (the failing rank's own exception stays the cause)
        throw new IOFailure(msg + " (reported by rank " + first + ")", error);
    }

    /** {@link #agree} for a step without a result. */
    static void agreeRun(Communication comm, Runnable step) {
        agree(comm, () -> {
            step.run();
            return null;
        });
    }

    /** Same as {@link #agree} but with a step that is only run on {@code root} (the others contribute success). */
    static <T> T onRoot(Communication comm, int root, Step<T> step) {
        return agree(comm, () -> comm.rank() == root ? step.run() : null);
    }

    private static IOFailure asFailure(Throwable t) {
        return t instanceof IOFailure f ? f : new IOFailure(message(t), t);
    }

    /** A readable message for a low-level exception (Java's NIO messages are often just the path). */
    static String message(Throwable t) {
        if (t instanceof IOFailure) return t.getMessage();
        if (t instanceof UncheckedIOException u && u.getCause() != null) t = u.getCause();
        if (t instanceof NoSuchFileException n) return "no such file or directory: " + n.getFile();
        if (t instanceof AccessDeniedException a) return "permission denied: " + a.getFile();
        if (t instanceof IOException) return t.getClass().getSimpleName() + ": " + t.getMessage();
        if (t instanceof OutOfMemoryError) return "out of memory: " + t.getMessage();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
