package org.jheat.cli.bench;

import org.jheat.Heat;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;

/**
 * What a user's program pays the first time it runs an operation: the stages of a short analysis, {@code randn} of
 * ROWS × 8 float64 (split 0), {@code mean}, {@code std} and {@code max} of it, {@code 2*x + 1}, and 6,000 adds of
 * 1-element arrays, timed in round 1 (a fresh JVM: class loading, JIT tiers, fresh memory) and again in later rounds
 * (warm). The figures to compare are round 1 against the warm median, and round 1 against numpy's first call of the
 * same operation ({@code bench/core/numpy_first_call.py}). Each round's arrays are dropped, as a user's would be.
 *
 * <pre>{@code
 * bin/jheat bench first-call              # 2e6 x 8, 5 rounds
 * bin/jheat bench first-call 2000000 8    # rows, rounds
 * }</pre>
 */
public final class FirstCallBench {
    private FirstCallBench() { }

    /** The stage names, in the order they run and print. */
    static final String[] STAGES = {"randn", "mean,std,max", "2*x + 1", "add 1-elem x6000 (us/call)"};

    /** Entry point: ROWS (default 2e6) and ROUNDS (default 5). Prints one line per round and the ratios, on rank 0. */
    public static void main(String[] args) {
        long rows = args.length > 0 ? (long) Double.parseDouble(args[0]) : 2_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (rows < 1 || rounds < 2) throw new IllegalArgumentException("bench first-call: ROWS must be >= 1 and ROUNDS >= 2, got " + rows + " and " + rounds);
        Communication comm = Communications.world();
        double[][] t = new double[rounds][STAGES.length];
        double check = 0;
        for (int r = 0; r < rounds; r++) {
            Heat.seed(r);
            comm.barrier();
            long t0 = System.nanoTime();
            DNDarray x = Heat.randn(new long[] {rows, 8}, DType.FLOAT64, 0);
            comm.barrier();
            long t1 = System.nanoTime();
            double m = x.mean().itemDouble(), s = x.std().itemDouble(), mx = x.max().itemDouble();
            long t2 = System.nanoTime();
            DNDarray z = Heat.add(Heat.mul(x, 2.0), 1.0);
            comm.barrier();
            long t3 = System.nanoTime();
            DNDarray o = Heat.ones(new long[] {1}, DType.FLOAT64, null);
            DNDarray acc = o;
            for (int i = 0; i < 6000; i++) acc = Heat.add(o, o);
            long t4 = System.nanoTime();
            t[r] = new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e3 / 6000};
            check += m + s + mx + z.gshape()[0] + acc.itemDouble();
        }
        if (comm.rank() != 0) return;
        System.out.printf("first-call bench: randn (%d, 8) float64 split 0, np=%d, %d rounds (ms; the add in us per call)%n", rows, comm.size(), rounds);
        StringBuilder head = new StringBuilder(String.format("%-8s", "round"));
        for (String s : STAGES) head.append(String.format(" %28s", s));
        System.out.println(head);
        for (int r = 0; r < rounds; r++) {
            StringBuilder line = new StringBuilder(String.format("%-8d", r + 1));
            for (double v : t[r]) line.append(String.format(" %28.3f", v));
            System.out.println(line);
        }
        StringBuilder warm = new StringBuilder(String.format("%-8s", "warm"));
        StringBuilder ratio = new StringBuilder(String.format("%-8s", "1st/warm"));
        for (int j = 0; j < STAGES.length; j++) {
            double[] later = new double[rounds - 1];
            for (int r = 1; r < rounds; r++) later[r - 1] = t[r][j];
            java.util.Arrays.sort(later);
            double w = later[later.length / 2];
            warm.append(String.format(" %28.3f", w));
            ratio.append(String.format(" %28.2f", t[0][j] / w));
        }
        System.out.println(warm);
        System.out.println(ratio);
        System.out.printf("(check %.3f)%n", check);
    }
}
