package org.jheat.comm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jheat.natives.Mpi;
import org.jheat.tensor.Storage;

/**
 * Makes every way out of a process end the whole MPI job within a bound, with a line naming the rank and why,
 * instead of leaving the other ranks waiting forever in a collective.
 *
 * <ul>
 * <li><b>Leaving {@code main} or {@code System.exit}.</b> The shutdown hook sends every other rank a notice
 *     ("rank 1 ended: System.exit(3) at Main.main(Main.java:12), after 41 collectives on the world communicator")
 *     and waits in a non-blocking barrier for the others to end too. When all ranks end, MPI is finalized cleanly.
 *     A rank that receives a notice while it waits in a collective that the ended rank never joined (or that
 *     starts one later) prints {@code rank R: rank X ended (…) while this rank waits in …} and aborts the job
 *     at once; so does a rank blocked in a point-to-point call with the ended rank for {@value #GRACE_S} s. If the
 *     others neither end nor communicate within {@code JHEAT_EXIT_TIMEOUT} seconds (default: the hang timeout,
 *     0 = wait indefinitely), the ending rank aborts the job with the list of ranks that did not end.</li>
 * <li><b>SIGTERM / SIGINT</b> (from mpirun, SLURM's scancel or time limit): the rank prints
 *     {@code rank R: received SIGTERM …} and exits at once with 128 + signal number, without MPI calls (another
 *     thread may be inside one); the launcher ends the rest of the job.</li>
 * <li><b>Off-heap memory exhausted</b>: {@code rank R: out of memory: cannot allocate N bytes …} and MPI_Abort,
 *     since the other ranks would wait for this one forever.</li>
 * </ul>
 * Notices are received by the {@link HangWatchdog} thread, which needs MPI_THREAD_MULTIPLE (Open MPI provides it);
 * with a lower thread level the ending rank's timeout is what ends the job. Installed by
 * {@link Communications#world()} under MPI.
 *
 * <pre>{@code
 * if (comm.rank() == 1) System.exit(3);   // rank 1 ends; the others are about to call a collective
 * x.sum();                                // → "rank 0: rank 1 ended (System.exit(3) at …) …", job ends at once
 * }</pre>
 */
final class ExitGuard {
    private ExitGuard() { }

    /** Seconds a point-to-point call (or a collective on a sub-communicator) with an ended rank may still block. */
    static final long GRACE_S = 5;
    private static final int NOTICE_BYTES = 4096;
    private static final int HEADER = 24;
    private static final int TAG = 7;

    /** True once any rank's exit notice arrived (read at the entry of every collective). */
    static volatile boolean peerExited;

    private static MpiCommunication world;
    private static int rank, size;
    private static boolean multiple;
    /** The dup of the world that carries exit notices; 8 bytes hold a handle of either MPI family (loads no MPI here). */
    private static final MemorySegment EXIT_COMM = Arena.global().allocate(8, 8);
    // receiving notices: owned by the watchdog thread, then (after it stopped) by the shutdown hook
    private static MemorySegment rbuf, rreq, rflag, rstatus, rcount;
    private static boolean posted;
    private static int received;
    private static long[] exitedAfter;
    private static int[] exitedCode;
    private static String[] exitedHow;
    private static long[] noticeAt;
    private static volatile long minExitedAfter = Long.MAX_VALUE;
    private static volatile int minExitedRank = -1;
    // this process's way out
    private static volatile int exitCode;
    private static volatile String exitHow;
    private static volatile String signal;
    private static volatile boolean shuttingDown;
    /** Strong reference: java.util.logging holds loggers weakly. */
    private static Logger runtimeLogger;

    /** Sets everything up once MPI is initialised with {@code provided} as thread level (collective: dups the world). */
    static void install(MpiCommunication w, int provided) {
        world = w;
        rank = w.rank();
        size = w.size();
        multiple = provided >= Mpi.THREAD_MULTIPLE;
        int rc = Mpi.commDup(Mpi.COMM_WORLD, EXIT_COMM);
        if (rc != Mpi.SUCCESS) throw new CommException("MPI_Comm_dup (exit notices) failed: " + Mpi.errorString(rc));
        Arena a = Arena.global();
        rbuf = a.allocate(NOTICE_BYTES, 8);
        rreq = Mpi.allocateHandles(a, 1);
        rflag = a.allocate(JAVA_INT);
        rstatus = a.allocate(Mpi.STATUS_BYTES, 8);
        rcount = a.allocate(JAVA_INT);
        exitedAfter = new long[size];
        java.util.Arrays.fill(exitedAfter, -1);
        exitedCode = new int[size];
        exitedHow = new String[size];
        noticeAt = new long[size];
        captureExitStatus();
        installSignalHandlers();
        Storage.onAllocationFailure((asked, live, cached) -> endJob("rank " + rank + ": out of memory: cannot allocate " + asked
                + " bytes (" + human(asked) + ") off-heap; " + live + " bytes (" + human(live) + ") are live in jheat arrays on this"
                + " process and " + cached + " bytes (" + human(cached) + ") cached; ending the job. Stack:"
                + HangWatchdog.stack(Thread.currentThread(), 25), 1));
        Runtime.getRuntime().addShutdownHook(new Thread(ExitGuard::onShutdown, "jheat-exit"));
        if (multiple) post();
        HangWatchdog.start(w, multiple);
    }

    static String human(long bytes) {
        String[] u = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int i = 0;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(java.util.Locale.ROOT, i == 0 ? "%.0f %s" : "%.1f %s", v, u[i]);
    }

    /** Prints {@code message} (one write, so that ranks' lines do not interleave) and aborts the whole job. */
    static void endJob(String message, int code) {
        System.out.flush();
        System.err.println(message);
        System.err.flush();
        world.abort(code);
    }

    // ------------------------------------------------------------------------------------------- how we end

    /** System.exit's status and caller, through the JDK's own logging of Runtime.exit (java.lang.Runtime at DEBUG). */
    private static void captureExitStatus() {
        try {
            Logger l = Logger.getLogger("java.lang.Runtime");
            l.setLevel(Level.FINE);
            l.setUseParentHandlers(false);
            l.addHandler(new Handler() {
                @Override
                public void publish(LogRecord r) {
                    Throwable t = r.getThrown();
                    if (t == null || t.getMessage() == null || !t.getMessage().startsWith("Runtime.exit(")) return;
                    String m = t.getMessage();
                    try {
                        exitCode = Integer.parseInt(m.substring("Runtime.exit(".length(), m.length() - 1));
                    } catch (NumberFormatException e) {
                        return;
                    }
                    String at = "";
                    for (StackTraceElement e : t.getStackTrace()) {
                        String c = e.getClassName();
                        if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                            at = " at " + e;
                            break;
                        }
                    }
                    exitHow = "System.exit(" + exitCode + ")" + at;
                }

                @Override
                public void flush() { }

                @Override
                public void close() { }
            });
            runtimeLogger = l;
        } catch (RuntimeException | LinkageError e) {
            // without java.logging the exit code is simply not known
        }
    }

    /** SIGTERM/SIGINT: say so and exit without MPI calls (sun.misc.Signal, by reflection: it is not a public API). */
    private static void installSignalHandlers() {
        try {
            Class<?> sig = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Method handle = sig.getMethod("handle", sig, handlerType);
            Method name = sig.getMethod("getName");
            Method number = sig.getMethod("getNumber");
            Object handler = Proxy.newProxyInstance(ExitGuard.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, m, args) -> switch (m.getName()) {
                        case "handle" -> {
                            onSignal((String) name.invoke(args[0]), (Integer) number.invoke(args[0]));
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "jheat signal handler";
                    });
            for (String s : new String[] {"TERM", "INT"}) {
                try {
                    handle.invoke(null, sig.getConstructor(String.class).newInstance(s), handler);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // -Xrs or a signal the VM reserves: keep the JVM's default (shutdown hooks run)
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no sun.misc.Signal in this runtime: the JVM's default handling runs the shutdown hook
        }
    }

    private static void onSignal(String name, int number) {
        if (MpiCommunication.aborted || shuttingDown) {
            // the job is already ending (this process aborted it, or waits in the exit hook): just go
            Runtime.getRuntime().halt(128 + number);
        }
        signal = name;
        CallTracker.Snapshot s = CallTracker.snapshot();
        System.out.flush();
        System.err.println("rank " + rank + ": received SIG" + name + (s == null ? "" : " while in " + s.describe())
                + "; ending this process (exit code " + (128 + number) + ") without finalizing MPI, so the launcher ends the job");
        System.err.flush();
        System.exit(128 + number);
    }

    // ------------------------------------------------------------------------------------------- notices of others

    private static void post() {
        int rc = Mpi.irecv(rbuf, NOTICE_BYTES, Mpi.UINT8, Mpi.ANY_SOURCE, TAG, comm(), rreq);
        posted = rc == Mpi.SUCCESS;
    }

    private static MemorySegment comm() {
        return Mpi.handleAt(EXIT_COMM, 0);
    }

    /** Takes in the notices that arrived (watchdog thread every tick; the shutdown hook after it stopped the watchdog). */
    static void poll() {
        while (posted) {
            if (Mpi.test(rreq, rflag, rstatus) != Mpi.SUCCESS || rflag.get(JAVA_INT, 0) == 0) return;
            posted = false;
            take();
            if (received < size - 1) post();
        }
    }

    private static void take() {
        int src = rstatus.get(JAVA_INT, Mpi.STATUS_SOURCE);
        Mpi.getCount(rstatus, Mpi.UINT8, rcount);
        int n = rcount.get(JAVA_INT, 0);
        received++;
        if (src < 0 || src >= size || n < HEADER) return;
        long after = rbuf.get(JAVA_LONG, 16);
        exitedCode[src] = (int) rbuf.get(JAVA_LONG, 0);
        byte[] text = rbuf.asSlice(HEADER, n - HEADER).toArray(JAVA_BYTE);
        exitedHow[src] = new String(text, StandardCharsets.UTF_8);
        noticeAt[src] = System.nanoTime();
        exitedAfter[src] = after;
        if (after < minExitedAfter) {
            minExitedRank = src;
            minExitedAfter = after;
        }
        peerExited = true;
    }

    /** At the entry of a collective (only after a notice): a world collective that an ended rank never joins ends the job. */
    static void beforeCollective(MpiCommunication c, String op, long ordinal) {
        if (!c.isWorld() || ordinal <= minExitedAfter) return;
        int x = minExitedRank;
        endJob("rank " + rank + ": rank " + x + " ended (" + exitedHow[x] + ", after " + exitedAfter[x]
                + " collective calls on the world communicator) and this rank now starts " + op + " (collective #" + ordinal
                + "), which rank " + x + " can never join; ending the job. Stack:" + HangWatchdog.stack(Thread.currentThread(), 25),
                codeOf(x));
    }

    /** From the watchdog: does the call in flight wait for a rank that ended? */
    static void checkInFlight(CallTracker.Snapshot s, long blockedSince, long now) {
        if (!peerExited) return;
        MpiCommunication c = s.comm();
        int culprit = -1;
        if (s.peer() < 0 && c.isWorld()) {
            if (s.ordinal() > minExitedAfter) culprit = minExitedRank;
        } else {
            long grace = GRACE_S * 1_000_000_000L;
            int[] involved = s.peer() >= 0 ? new int[] {c.worldRank(s.peer())} : members(c);
            for (int w : involved) {
                if (w >= 0 && w < size && exitedAfter[w] >= 0 && now - Math.max(blockedSince, noticeAt[w]) >= grace) {
                    culprit = w;
                    break;
                }
            }
        }
        if (culprit < 0 || CallTracker.snapshot() == null) return;
        endJob("rank " + rank + ": rank " + culprit + " ended (" + exitedHow[culprit] + ", after " + exitedAfter[culprit]
                + " collective calls on the world communicator) while this rank waits in " + s.describe() + ", which rank "
                + culprit + " never joined; ending the job. Stack of thread \"" + s.thread().getName() + "\":"
                + HangWatchdog.stack(s.thread(), 25), codeOf(culprit));
    }

    /** The job's exit status when rank x's end ends it: x's own status, or 1 when that was 0. */
    private static int codeOf(int x) {
        return exitedCode[x] != 0 ? exitedCode[x] : 1;
    }

    private static int[] members(MpiCommunication c) {
        int[] m = new int[c.size()];
        for (int r = 0; r < m.length; r++) m[r] = c.worldRank(r);
        return m;
    }

    // ------------------------------------------------------------------------------------------- the shutdown hook

    private static void onShutdown() {
        try {
            if (MpiCommunication.aborted || !Mpi.isInitialized() || Mpi.isFinalized()) return;
        } catch (Throwable t) {
            return;
        }
        shuttingDown = true;
        HangWatchdog.stop();
        if (signal != null) return;   // the handler said why; no MPI call while another thread may be inside one
        int code = exitCode;
        String how = exitHow != null ? exitHow : "returned from main";
        CallTracker.Snapshot s = CallTracker.snapshot();
        if (s != null) {
            endJob("rank " + rank + ": the process ends (" + how + ") while thread \"" + s.thread().getName() + "\" is still in "
                    + s.describe() + "; ending the job", code != 0 ? code : 1);
        }
        if (size == 1) {
            finish(List.of());
            return;
        }
        try (Arena a = Arena.ofConfined()) {
            List<MemorySegment> sends = new ArrayList<>();
            byte[] text = how.getBytes(StandardCharsets.UTF_8);
            int n = Math.min(NOTICE_BYTES, HEADER + text.length);
            MemorySegment msg = a.allocate(n, 8);
            msg.set(JAVA_LONG, 0, code);
            msg.set(JAVA_LONG, 8, 0);
            msg.set(JAVA_LONG, 16, world.collectives());
            MemorySegment.copy(text, 0, msg, JAVA_BYTE, HEADER, n - HEADER);
            for (int p = 0; p < size; p++) {
                if (p == rank) continue;
                MemorySegment req = Mpi.allocateHandles(a, 1);
                if (Mpi.isend(msg, n, Mpi.UINT8, p, TAG, comm(), req) == Mpi.SUCCESS) sends.add(req);
            }
            if (!posted && received < size - 1) post();
            MemorySegment barrier = Mpi.allocateHandles(a, 1), flag = a.allocate(JAVA_INT);
            long timeout = HangWatchdog.seconds("JHEAT_EXIT_TIMEOUT", HangWatchdog.timeoutSeconds());
            long start = System.nanoTime();
            boolean done = Mpi.ibarrier(comm(), barrier) != Mpi.SUCCESS;
            while (!done) {
                poll();
                if (Mpi.test(barrier, flag, Mpi.STATUS_IGNORE) != Mpi.SUCCESS || flag.get(JAVA_INT, 0) != 0) break;
                if (timeout > 0 && System.nanoTime() - start > timeout * 1_000_000_000L) {
                    List<Integer> running = new ArrayList<>();
                    for (int p = 0; p < size; p++) if (p != rank && exitedAfter[p] < 0) running.add(p);
                    endJob("rank " + rank + ": ended (" + how + ") but rank(s) " + running + " did not end within " + timeout
                            + " s (JHEAT_EXIT_TIMEOUT); ending the job", code != 0 ? code : 1);
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // everyone is here: every notice was sent, so take the rest in and finalize
            while (received < size - 1) {
                if (!posted) post();
                if (!posted || Mpi.wait(rreq, rstatus) != Mpi.SUCCESS) break;
                posted = false;
                take();
            }
            finish(sends);
        }
    }

    private static void finish(List<MemorySegment> sends) {
        try {
            for (MemorySegment r : sends) Mpi.wait(r, Mpi.STATUS_IGNORE);
            if (posted) {
                Mpi.cancel(rreq);
                Mpi.wait(rreq, Mpi.STATUS_IGNORE);
                posted = false;
            }
            Mpi.commFree(EXIT_COMM);
            Mpi.finalizeMpi();
        } catch (Throwable ignored) {
            // the JVM is exiting; nothing useful can be done about a failing MPI_Finalize
        }
    }
}
