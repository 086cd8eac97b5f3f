package org.jheat.cli;

import org.jheat.comm.Communication;

/**
 * A progress line on stderr for long stages (k-means iterations, reading and writing, bench runs), rewritten in place.
 * Shown only on rank 0, only when stderr is a terminal (bin/jheat looks once and tells the JVM through
 * {@code JHEAT_STDERR_TTY}, also across a relaunch under mpirun, where the ranks' stderr is a pipe), and never with
 * {@code --quiet}.
 *
 * <pre>{@code
 * Progress p = Progress.of(comm, quiet);
 * p.show("k-means iteration 3: 120 labels changed");
 * p.done();   // clears the line
 * }</pre>
 */
final class Progress {
    private final boolean on;
    private boolean shown;
    private long last;

    private Progress(boolean on) { this.on = on; }

    /** Progress for this process: silent unless rank 0, on a terminal and not {@code quiet}. */
    static Progress of(Communication comm, boolean quiet) {
        return new Progress(!quiet && comm.rank() == 0 && stderrIsTerminal());
    }

    /** Whether this process's stderr is a terminal, as bin/jheat saw it, else as the JVM sees it. */
    static boolean stderrIsTerminal() {
        String env = System.getenv("JHEAT_STDERR_TTY");
        if (env != null) return env.equals("1");
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    /** Replaces the line with {@code text} (at most ten times a second, so that fast loops cost nothing). */
    void show(String text) {
        if (!on) return;
        long now = System.nanoTime();
        if (shown && now - last < 100_000_000L) return;
        last = now;
        shown = true;
        System.err.print("\r\033[K" + text);
        System.err.flush();
    }

    /** Clears the line, if one was shown. */
    void done() {
        if (on && shown) {
            System.err.print("\r\033[K");
            System.err.flush();
        }
        shown = false;
    }
}
