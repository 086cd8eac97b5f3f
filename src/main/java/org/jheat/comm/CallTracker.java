package org.jheat.comm;

import org.jheat.tensor.DType;

/**
 * The communication call this process is in, if any: what {@link HangWatchdog} and {@link ExitGuard} look at from
 * their own threads. jheat serialises communication (MPI_THREAD_SERIALIZED use), so one writer updates these
 * fields; readers take a consistent snapshot with a sequence lock ({@link #seq} is odd while a call is in flight).
 * The cost per call is two volatile writes and a few plain ones, nothing allocated.
 *
 * <pre>{@code
 * CallTracker.begin("MPI_Allreduce", comm, -1, n, DType.FLOAT64, ordinal);
 * try { … } finally { CallTracker.end(); }
 * CallTracker.Snapshot s = CallTracker.snapshot();   // from another thread: null when no call is in flight
 * }</pre>
 */
final class CallTracker {
    private CallTracker() { }

    private static volatile long seq;
    private static String op;
    private static MpiCommunication comm;
    private static int peer;
    private static long count;
    private static DType type;
    private static long ordinal;
    private static Thread thread;
    /** Calls made so far (plain: written by the calling thread only). */
    private static long calls;

    /**
     * A call starts: {@code peer} is the rank (in {@code c}) of a point-to-point partner, -1 for a collective;
     * {@code ordinal} the collective's 1-based position among the collectives on {@code c} (0 for point-to-point).
     */
    static void begin(String op, MpiCommunication c, int peer, long count, DType type, long ordinal) {
        CallTracker.op = op;
        CallTracker.comm = c;
        CallTracker.peer = peer;
        CallTracker.count = count;
        CallTracker.type = type;
        CallTracker.ordinal = ordinal;
        CallTracker.thread = Thread.currentThread();
        calls++;
        seq = seq + 1;   // single writer: a volatile store publishes the fields above
    }

    /** The call returned (or threw). */
    static void end() {
        seq = seq + 1;
    }

    /** Communication calls this process has started (for tests: metadata accessors must make none). */
    static long calls() {
        return calls;
    }

    /** What a call in flight was, as seen from another thread. */
    record Snapshot(long seq, String op, MpiCommunication comm, int peer, long count, DType type, long ordinal, Thread thread) {
        /** E.g. "MPI_Allreduce (1 × float64, collective #12 on a communicator of 3 ranks)". */
        String describe() {
            StringBuilder b = new StringBuilder(op).append(" (");
            if (count >= 0 && type != null) b.append(count).append(" × ").append(type).append(", ");
            if (peer >= 0) b.append("with rank ").append(peer);
            else b.append("collective #").append(ordinal);
            return b.append(" on a communicator of ").append(comm.size()).append(comm.size() == 1 ? " rank)" : " ranks)").toString();
        }
    }

    /** The call in flight, or null when none is (or the call just changed; the caller looks again later). */
    static Snapshot snapshot() {
        for (int attempt = 0; attempt < 8; attempt++) {
            long s = seq;
            if ((s & 1) == 0) return null;
            Snapshot snap = new Snapshot(s, op, comm, peer, count, type, ordinal, thread);
            if (seq == s) return snap;
        }
        return null;
    }
}
