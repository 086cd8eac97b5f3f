import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What a fresh JVM pays before its first loop over off-heap memory runs compiled, without jheat: {@code z = 3*x + y}
 * over N float64 in calls of 65,536 elements (as jheat's direct loops), on memory touched beforehand, three passes,
 * each with the time at which every tenth of it was done. The first pass's excess over the later ones is the JIT's
 * (interpreter and C1 run the FFM accesses far slower than C2 code; the C2 compile waits for the counters and the
 * compiler thread), not jheat's; {@code -XX:-TieredCompilation} or lower thresholds do not remove it.
 *
 * <pre>{@code
 * java bench/core/FfmColdLoop.java 50000000                  # one process
 * (java bench/core/FfmColdLoop.java 50000000 &) ; java bench/core/FfmColdLoop.java 50000000   # two at once, as np=2
 * }</pre>
 */
public class FfmColdLoop {
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private static void triad(MemorySegment x, double s, MemorySegment y, MemorySegment z, long off, long n) {
        for (long i = 0; i < n; i++) z.set(D, off + (i << 3), x.get(D, off + (i << 3)) * s + y.get(D, off + (i << 3)));
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? (long) Double.parseDouble(args[0]) : 50_000_000L, chunk = 1L << 16;
        Arena arena = Arena.ofAuto();
        MemorySegment x = arena.allocate(8 * n, 64), y = arena.allocate(8 * n, 64), z = arena.allocate(8 * n, 64);
        x.fill((byte) 1);
        y.fill((byte) 1);
        z.fill((byte) 1);
        long chunks = (n + chunk - 1) / chunk;
        for (int pass = 0; pass < 3; pass++) {
            StringBuilder tenths = new StringBuilder();
            long t0 = System.nanoTime();
            for (long c = 0; c < chunks; c++) {
                triad(x, 3.0, y, z, c * chunk * 8, Math.min(chunk, n - c * chunk));
                if ((c + 1) * 10 / chunks != c * 10 / chunks) tenths.append(String.format(" %.0f", (System.nanoTime() - t0) / 1e6));
            }
            System.out.printf("pass %d: %.1f ms (done by tenths at%s ms)%n", pass + 1, (System.nanoTime() - t0) / 1e6, tenths);
        }
    }
}
