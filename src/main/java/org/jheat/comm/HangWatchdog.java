package org.jheat.comm;

import java.util.Locale;

/**
 * Ends a job that hangs in communication: a daemon thread looks at the call this process is in
 * ({@link CallTracker}); when one call has been blocked longer than {@code JHEAT_HANG_TIMEOUT} seconds (default
 * {@value #DEFAULT_TIMEOUT_S}; 0 turns the watchdog off) it prints {@code rank R: blocked for N s in <call>} with
 * the stack of the waiting thread and aborts the job (MPI_Abort, exit code {@value #EXIT_CODE}). Legitimate waits
 * longer than the timeout (one rank computing alone for many minutes while the others wait) need a larger value.
 *
 * <p>With MPI_THREAD_MULTIPLE the same thread also receives the exit notices of other ranks ({@link ExitGuard}),
 * every {@value #POLL_MS} ms. Started by {@link Communications#world()} under MPI.
 *
 * <pre>{@code
 * // JHEAT_HANG_TIMEOUT=60 mpirun -np 3 java … Example
 * // rank 0: blocked for 60 s in MPI_Recv (1 × float64, with rank 1 on a communicator of 3 ranks) - …
 * }</pre>
 */
final class HangWatchdog {
    private HangWatchdog() { }

    /** Seconds a call may block before the job ends, when {@code JHEAT_HANG_TIMEOUT} is not set. */
    static final long DEFAULT_TIMEOUT_S = 600;
    /** MPI_Abort code of a hang (mpirun's exit status), as coreutils' timeout. */
    static final int EXIT_CODE = 124;
    static final long POLL_MS = 100;

    private static Thread thread;
    private static volatile boolean stop;

    /**
     * {@code JHEAT_HANG_TIMEOUT} in seconds (default {@value #DEFAULT_TIMEOUT_S}, 0 = off).
     * @throws CommException when it is not a non-negative number
     */
    static long timeoutSeconds() {
        return seconds("JHEAT_HANG_TIMEOUT", DEFAULT_TIMEOUT_S);
    }

    /** A non-negative number of seconds from the environment (fractions allowed), else {@code dflt}. */
    static long seconds(String var, long dflt) {
        String v = System.getenv(var);
        if (v == null || v.isBlank()) return dflt;
        try {
            double d = Double.parseDouble(v.trim().toLowerCase(Locale.ROOT));
            if (d < 0 || Double.isNaN(d)) throw new NumberFormatException();
            return d == 0 ? 0 : Math.max(1, (long) Math.ceil(d));
        } catch (NumberFormatException e) {
            throw new CommException(var + " must be a number of seconds >= 0 (0 = off), got '" + v + "'");
        }
    }

    /** Starts the daemon thread (once); {@code pollNotices}: also receive other ranks' exit notices. */
    static synchronized void start(MpiCommunication world, boolean pollNotices) {
        long timeout = timeoutSeconds();
        if (thread != null || (timeout == 0 && !pollNotices)) return;
        long tickMs = pollNotices ? POLL_MS : Math.max(POLL_MS, Math.min(1000, timeout * 100));
        thread = new Thread(() -> loop(world, timeout * 1_000_000_000L, tickMs, pollNotices), "jheat-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread and waits for it (the exit guard then owns the notice receive). */
    static void stop() {
        Thread t;
        synchronized (HangWatchdog.class) {
            t = thread;
        }
        if (t == null || t == Thread.currentThread()) return;
        stop = true;
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void loop(MpiCommunication world, long timeoutNanos, long tickMs, boolean pollNotices) {
        long lastSeq = -1, since = 0;
        while (!stop) {
            try {
                Thread.sleep(tickMs);
            } catch (InterruptedException e) {
                return;
            }
            if (stop) return;
            if (pollNotices) ExitGuard.poll();
            CallTracker.Snapshot s = CallTracker.snapshot();
            long now = System.nanoTime();
            if (s == null) {
                lastSeq = -1;
                continue;
            }
            if (s.seq() != lastSeq) {
                lastSeq = s.seq();
                since = now;
            }
            ExitGuard.checkInFlight(s, since, now);
            if (timeoutNanos > 0 && now - since >= timeoutNanos && CallTracker.snapshot() != null) {
                String msg = "rank " + world.rank() + ": blocked for " + (now - since) / 1_000_000_000L + " s in " + s.describe()
                        + ", longer than JHEAT_HANG_TIMEOUT=" + timeoutNanos / 1_000_000_000L + " s; ending the job."
                        + " The other ranks' lines say where they are. Stack of thread \"" + s.thread().getName() + "\":"
                        + stack(s.thread(), 40);
                ExitGuard.endJob(msg, EXIT_CODE);
            }
        }
    }

    /** The thread's current stack, one "\n\tat frame" per line, at most {@code max} frames. */
    static String stack(Thread t, int max) {
        StringBuilder b = new StringBuilder();
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(max, st.length); i++) b.append("\n\tat ").append(st[i]);
        if (st.length > max) b.append("\n\t... ").append(st.length - max).append(" more");
        return b.toString();
    }
}
