package org.jheat.comm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.Locale;
import java.util.Set;

import org.jheat.natives.Mpi;
import org.jheat.tensor.DType;

/**
 * The collective-call checker ({@code JHEAT_CHECK=1}; {@code bin/test} turns it on). Before each collective call
 * the processes of the communicator agree, with one allgather of a 64-bit hash, on what they are about to do: the
 * collective and its arguments that must match (dtype, count, root, reduce op), the jheat operation that makes it,
 * the caller's source line (a {@link StackWalker} walk) and, where the operation noted them, the shapes, dtypes and
 * splits of its operands. When the hashes differ, every process throws the same {@link CollectiveMismatchException}
 * naming what each rank called where - instead of a hang or silently mixed data - and the next collective works.
 *
 * <p>Off (the default) it costs nothing: {@link #ON} is a {@code static final} constant, so the JIT removes the
 * checks. On, it costs one stack walk and one small allgather per collective call.
 *
 * <pre>{@code
 * // JHEAT_CHECK=1 mpirun -np 2 java … Example
 * if (rank == 0) x.sum(); else x.mean();   // → CollectiveMismatchException on both ranks:
 * //   rank 0: MPI_Allreduce(float64, count 1, SUM) in Heat.sum at Example.main(Example.java:12)
 * //   rank 1: MPI_Allreduce(float64, count 3, SUM) in Heat.mean at Example.main(Example.java:13)
 * }</pre>
 */
public final class CollectiveChecker {
    private CollectiveChecker() { }

    /** True when {@code JHEAT_CHECK} is 1/true/yes/on when the class loads (fixed for the life of the process). */
    public static final boolean ON = parse(System.getenv("JHEAT_CHECK"));

    private static final StackWalker WALKER = StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE));
    private static final String MAIN_LOCATION = location(CollectiveChecker.class);
    /** jheat's own classes: in package org.jheat and loaded from where this class was (not the user's or tests'). */
    private static final ClassValue<Boolean> JHEAT = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            return c.getName().startsWith("org.jheat.") && MAIN_LOCATION != null && MAIN_LOCATION.equals(location(c));
        }
    };

    /** The operands of the jheat operation in progress, and the caller's frame it was noted for. */
    private static String noteText;
    private static String noteSite;
    /** The frame that made the note (the noting driver): the note holds only while that frame is on the stack. */
    private static String noteFrame;

    static boolean parse(String v) {
        if (v == null) return false;
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            default -> false;
        };
    }

    /** Whether the checker is on. <pre>{@code if (CollectiveChecker.enabled()) … }</pre> */
    public static boolean enabled() {
        return ON;
    }

    private static String location(Class<?> c) {
        try {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            URL u = cs == null ? null : cs.getLocation();
            return u == null ? null : u.toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Records the operands of the jheat operation that is starting (shapes, dtypes, splits as text), so that the
     * checks of its collectives include them. Call only when {@link #ON}:
     * <pre>{@code if (CollectiveChecker.ON) CollectiveChecker.note("float64(1000, 10) split=0, 2.0"); }</pre>
     */
    public static void note(String operands) {
        Site s = site();
        noteText = operands;
        noteSite = s.caller;
        noteFrame = WALKER.walk(st -> st.filter(f -> !f.getClassName().equals(CollectiveChecker.class.getName())
                        && !f.getClassName().endsWith(".CheckedCall"))
                .findFirst().map(CollectiveChecker::frameKey).orElse(null));
    }

    private static String frameKey(StackWalker.StackFrame f) {
        return f.getClassName() + "#" + f.getMethodName();
    }

    /**
     * Whether the noted operation is still in progress: its noting frame is on the stack. A note left behind by an
     * operation that has returned (say a local multiply on one rank only, inside a larger operation) must not be
     * compared with the other ranks'.
     */
    private static boolean noteLive() {
        String k = noteFrame;
        return k != null && WALKER.walk(st -> st.anyMatch(f -> k.equals(frameKey(f))));
    }

    /**
     * The jheat operation being called and its caller's source line, as the checker sees them (one stack walk), e.g.
     * {@code "DNDarray.sum at Main.main(Main.java:12)"}.
     * <pre>{@code String where = CollectiveChecker.callSite(); }</pre>
     */
    public static String callSite() {
        Site s = site();
        return s.operation + " at " + s.caller;
    }

    /** Where a collective comes from: the jheat operation the caller called, the caller's line, the innermost op. */
    record Site(String operation, String caller, String inner) { }

    static Site site() {
        return WALKER.walk(frames -> {
            String entry = null, inner = null, caller = null;
            for (var it = frames.iterator(); it.hasNext(); ) {
                StackWalker.StackFrame f = it.next();
                Class<?> c = f.getDeclaringClass();
                if (Boolean.TRUE.equals(JHEAT.get(c))) {
                    String pkg = c.getPackageName();
                    if (inner == null && !pkg.equals("org.jheat.comm")) inner = shortName(f);
                    entry = shortName(f);
                    continue;
                }
                if (isPlatform(c)) continue;
                caller = f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
                break;
            }
            return new Site(entry == null ? "?" : entry, caller == null ? "(no caller outside jheat)" : caller,
                    inner == null ? "?" : inner);
        });
    }

    private static boolean isPlatform(Class<?> c) {
        ClassLoader l = c.getClassLoader();
        return l == null || l == ClassLoader.getPlatformClassLoader();
    }

    private static String shortName(StackWalker.StackFrame f) {
        String cn = f.getClassName();
        return cn.substring(cn.lastIndexOf('.') + 1) + "." + f.getMethodName();
    }

    /**
     * Agrees with the other ranks of {@code c} on the collective about to start; throws the same
     * {@link CollectiveMismatchException} everywhere when they differ. {@code count < 0}: not required to match
     * (the v-variants); {@code root < 0}: no root; {@code op == null}: no reduction; {@code vectorHash}: a hash of
     * arguments that must be equal on every rank (allgatherv's counts), 0 when none; {@code ordinal}: the position of
     * the collective on {@code c}, under which the agreement's own calls are tracked.
     */
    static void check(MpiCommunication c, String collective, DType type, long count, int root, ReduceOp op, long vectorHash,
                      long ordinal) {
        if (c.size() == 1) return;
        Site s = site();
        StringBuilder sig = new StringBuilder(collective).append('(');
        if (type != null) sig.append(type);
        if (count >= 0) sig.append(", count ").append(count);
        if (root >= 0) sig.append(", root ").append(root);
        if (op != null) sig.append(", ").append(op);
        sig.append(") in ").append(s.operation).append(" at ").append(s.caller);
        if (noteText != null && s.caller.equals(noteSite) && noteLive()) sig.append(" on ").append(noteText);
        String mine = sig.toString();
        long h = hash(mine) ^ (vectorHash * 0x9E3779B97F4A7C15L);
        long[] all = gatherLongs(c, h, "JHEAT_CHECK agreement before " + collective, ordinal);
        boolean same = true;
        for (long v : all) same &= v == all[0];
        if (same) return;
        String[] texts = gatherTexts(c, mine + (s.inner.equals(s.operation) || s.inner.equals("?") ? "" : " (via " + s.inner + ")"),
                ordinal);
        StringBuilder m = new StringBuilder("collective call mismatch (JHEAT_CHECK=1): the ").append(c.size())
                .append(" ranks of a communicator called different collective operations, which would hang or mix data:");
        for (int r = 0; r < texts.length; r++) m.append("\n  rank ").append(r).append(": ").append(texts[r]);
        throw new CollectiveMismatchException(m.toString());
    }

    /** FNV-1a over the UTF-16 units, mixed: the same text gives the same hash in every JVM (unlike identity hashes). */
    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h ^ (h >>> 29);
    }

    private static long[] gatherLongs(MpiCommunication c, long value, String what, long ordinal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(JAVA_LONG);
            MemorySegment r = a.allocate(JAVA_LONG, c.size());
            s.set(JAVA_LONG, 0, value);
            CallTracker.begin(what, c, -1, 1, DType.INT64, ordinal);
            try {
                c.rawCheck(Mpi.allgather(s, 1, Mpi.INT64, r, 1, Mpi.INT64, c.handle()), "MPI_Allgather (JHEAT_CHECK)");
            } finally {
                CallTracker.end();
            }
            return r.toArray(JAVA_LONG);
        }
    }

    /** Every rank's text (only after a mismatch): lengths, then the bytes, with raw MPI calls on the same communicator. */
    private static String[] gatherTexts(MpiCommunication c, String text, long ordinal) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int p = c.size();
        long[] lens = gatherLongs(c, b.length, "JHEAT_CHECK report", ordinal);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment counts = a.allocate(JAVA_INT, p), displs = a.allocate(JAVA_INT, p);
            int total = 0;
            for (int r = 0; r < p; r++) {
                counts.setAtIndex(JAVA_INT, r, (int) lens[r]);
                displs.setAtIndex(JAVA_INT, r, total);
                total += (int) lens[r];
            }
            MemorySegment send = a.allocate(Math.max(1, b.length));
            MemorySegment.copy(b, 0, send, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, b.length);
            MemorySegment recv = a.allocate(Math.max(1, total));
            CallTracker.begin("JHEAT_CHECK report", c, -1, total, DType.UINT8, ordinal);
            try {
                c.rawCheck(Mpi.allgatherv(send, b.length, Mpi.UINT8, recv, counts, displs, Mpi.UINT8, c.handle()),
                        "MPI_Allgatherv (JHEAT_CHECK)");
            } finally {
                CallTracker.end();
            }
            String[] out = new String[p];
            for (int r = 0; r < p; r++) {
                byte[] t = recv.asSlice(displs.getAtIndex(JAVA_INT, r), lens[r]).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                out[r] = new String(t, StandardCharsets.UTF_8);
            }
            return out;
        }
    }
}
