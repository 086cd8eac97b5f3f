package org.jheat.faults;

import static org.jheat.Heat.idx;
import static org.jheat.Heat.slice;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;

import org.jheat.Heat;
import org.jheat.comm.CollectiveMismatchException;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.core.Index;
import org.jheat.linalg.Linalg;
import org.jheat.naivebayes.GaussianNB;
import org.jheat.preprocessing.MinMaxScaler;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * Bad-call fuzzing ({@link NoHangTest} runs it at np=3): random invalid calls - a random operation of the public
 * API on random arrays (1 to 3 dimensions, extents 0 to 7, any split, several dtypes) with one random bad argument.
 * Every rank draws the same calls from the same seed. After each call the ranks agree on what happened (one
 * allgather of a hash of the exception's type and message; the texts when they differ), then a collective must
 * still work. A call that hangs ends the job through the hang watchdog. Rank 0 ends with
 * {@code FUZZ calls=… ops=… threw=… differing=0 accepted=0}.
 * <pre>{@code mpirun -np 3 java … org.jheat.faults.BadCallFuzz 1000 42 }</pre>
 */
public final class BadCallFuzz {
    private BadCallFuzz() { }

    /** One bad call: the operation's name, the bad argument in words, the call. */
    record Bad(String op, String what, Runnable call) { }

    private static final DType[] TYPES = {DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.INT32, DType.BOOL};

    /** {@code args}: number of calls (default 1000), seed (default 1). */
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Communication comm = Communications.world();
        Random r = new Random(seed);
        List<Map.Entry<String, BiFunction<Random, DNDarray, Bad>>> gens = generators();
        Map<String, Integer> perOp = new TreeMap<>();
        int threw = 0, differing = 0, mismatches = 0;
        List<String> accepted = new ArrayList<>(), differ = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            DNDarray x = base(r);
            var g = gens.get(r.nextInt(gens.size()));
            Bad bad = g.getValue().apply(r, x);
            perOp.merge(bad.op(), 1, Integer::sum);
            String outcome;
            boolean threwHere;
            try {
                bad.call().run();
                outcome = "no exception";
                threwHere = false;
            } catch (CollectiveMismatchException e) {
                outcome = "MISMATCH " + e.getMessage();
                threwHere = true;
                mismatches++;
            } catch (RuntimeException e) {
                outcome = e.getClass().getName() + ": " + e.getMessage();
                threwHere = true;
            }
            String[] all = agreeOn(comm, outcome);
            if (all != null) {
                differing++;
                differ.add("call " + i + " " + bad.op() + " [" + bad.what() + "]: " + String.join(" | ", all));
            } else if (!threwHere) {
                accepted.add("call " + i + " " + bad.op() + " [" + bad.what() + "]");
            } else {
                threw++;
            }
            long n = comm.allreduce(1L, ReduceOp.SUM);
            if (n != comm.size()) throw new IllegalStateException("collective after call " + i + " gave " + n);
        }
        if (comm.rank() == 0) {
            for (String d : differ) System.out.println("DIFFER " + d);
            for (String a : accepted) System.out.println("ACCEPTED " + a);
            System.out.println("OPS " + perOp);
            System.out.println("FUZZ calls=" + calls + " ops=" + perOp.size() + " threw=" + threw + " differing=" + differing
                    + " accepted=" + accepted.size() + " mismatches=" + mismatches + " np=" + comm.size());
        }
        System.out.flush();
    }

    /** Null when every rank has the same outcome, else every rank's outcome (identical on all ranks). */
    static String[] agreeOn(Communication comm, String outcome) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < outcome.length(); i++) {
            h ^= outcome.charAt(i);
            h *= 0x100000001b3L;
        }
        long[] hs = comm.allgather(h);
        boolean same = true;
        for (long v : hs) same &= v == hs[0];
        if (same) return null;
        byte[] b = outcome.getBytes(StandardCharsets.UTF_8);
        long[] lens = comm.allgather((long) b.length);
        long[] displs = new long[lens.length];
        long total = 0;
        for (int i = 0; i < lens.length; i++) {
            displs[i] = total;
            total += lens[i];
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(Math.max(1, b.length)), rcv = a.allocate(Math.max(1, total));
            MemorySegment.copy(b, 0, s, ValueLayout.JAVA_BYTE, 0, b.length);
            comm.allgatherv(s, b.length, rcv, lens, displs, DType.UINT8);
            String[] out = new String[lens.length];
            for (int i = 0; i < lens.length; i++) {
                out[i] = "rank " + i + ": " + new String(rcv.asSlice(displs[i], lens[i]).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            }
            return out;
        }
    }

    /**
     * A random valid array: 1-3 dimensions, extents 0-7 (fewer rows than processes happen), any split, a random dtype.
     * Made by {@code full}, which does not communicate, so that the calls under test dominate the run time.
     */
    static DNDarray base(Random r) {
        int nd = 1 + r.nextInt(3);
        long[] shape = new long[nd];
        for (int d = 0; d < nd; d++) shape[d] = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(7);
        Integer split = r.nextInt(nd + 1) == nd ? null : r.nextInt(nd);
        DType t = TYPES[r.nextInt(TYPES.length)];
        return Heat.full(shape, 1 + r.nextInt(3), t, split);
    }

    /** x, or an array like it with extent 2 on axis 0 when every extent is 1 (such a shape broadcasts with anything). */
    private static DNDarray notAllOnes(DNDarray x) {
        for (long e : x.gshape()) if (e != 1) return x;
        return Heat.full(shapeWith(x.gshape(), 0, 2), 1, x.dtype(), x.split());
    }

    private static int badAxis(Random r, int nd) {
        return r.nextBoolean() ? nd + r.nextInt(3) : -nd - 1 - r.nextInt(3);
    }

    private static String s(long[] a) {
        return Arrays.toString(a);
    }

    private static long[] shapeWith(long[] g, int d, long v) {
        long[] s = g.clone();
        s[d] = v;
        return s;
    }

    /** A shape that does not broadcast against {@code g} (not all ones): an axis whose extent is not 1 gets another one, not 1 either. */
    private static long[] nonBroadcastable(Random r, long[] g) {
        int d = r.nextInt(g.length);
        while (g[d] == 1) d = (d + 1) % g.length;
        return shapeWith(g, d, g[d] == 0 ? 2 : g[d] + 1);
    }

    static List<Map.Entry<String, BiFunction<Random, DNDarray, Bad>>> generators() {
        List<Map.Entry<String, BiFunction<Random, DNDarray, Bad>>> g = new ArrayList<>();
        // reductions and scans with an axis outside [-ndim, ndim)
        g.add(Map.entry("sum", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("sum", "axis " + a, () -> Heat.sum(x, new int[] {a}, false)); }));
        g.add(Map.entry("prod", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("prod", "axis " + a, () -> Heat.prod(x, new int[] {a}, r.nextBoolean())); }));
        g.add(Map.entry("mean", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("mean", "axis " + a, () -> Heat.mean(x, new int[] {a}, false)); }));
        g.add(Map.entry("var", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("var", "axis " + a, () -> Heat.var(x, new int[] {a}, 0, false)); }));
        g.add(Map.entry("std", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("std", "axis " + a, () -> Heat.std(x, new int[] {a}, 1, false)); }));
        g.add(Map.entry("max", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("max", "axis " + a, () -> Heat.max(x, new int[] {a}, false)); }));
        g.add(Map.entry("min", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("min", "axis " + a, () -> Heat.min(x, new int[] {a}, false)); }));
        g.add(Map.entry("argmax", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("argmax", "axis " + a, () -> Heat.argmax(x, a, false)); }));
        g.add(Map.entry("argmin", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("argmin", "axis " + a, () -> Heat.argmin(x, a, false)); }));
        g.add(Map.entry("cumsum", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("cumsum", "axis " + a, () -> Heat.cumsum(x, a)); }));
        g.add(Map.entry("cumprod", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("cumprod", "axis " + a, () -> Heat.cumprod(x, a)); }));
        g.add(Map.entry("median", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("median", "axis " + a, () -> Heat.median(x, a, false)); }));
        g.add(Map.entry("percentile", (r, x) -> {
            double q = r.nextBoolean() ? -1 - r.nextInt(50) : 100.5 + r.nextInt(50);
            return new Bad("percentile", "q " + q, () -> Heat.percentile(x.astype(DType.FLOAT64), q));
        }));
        g.add(Map.entry("diff", (r, x) -> { int n = -1 - r.nextInt(3); return new Bad("diff", "n " + n, () -> Heat.diff(x, n, 0)); }));
        // distribution
        g.add(Map.entry("resplit", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("resplit", "axis " + a, () -> Heat.resplit(x, a)); }));
        g.add(Map.entry("redistribute", (r, x) -> {
            long[] counts = new long[Communications.world().size()];
            counts[0] = (x.split() == null ? 0 : x.gshape()[x.splitAxis()]) + 1 + r.nextInt(3);
            return new Bad("redistribute", "counts " + s(counts), () -> Heat.redistribute(x, counts));
        }));
        g.add(Map.entry("collect", (r, x) -> {
            int t = r.nextBoolean() ? -1 - r.nextInt(2) : Communications.world().size() + r.nextInt(2);
            return new Bad("collect", "rank " + t, () -> Heat.collect(x, t));
        }));
        g.add(Map.entry("astype", (r, x) -> new Bad("astype", "dtype null", () -> x.astype(null))));
        g.add(Map.entry("item", (r, x) -> new Bad("item", "size " + x.size(), () -> (x.size() == 1 ? Heat.concatenate(new DNDarray[] {x.reshape(1), x.reshape(1)}, 0) : x).item())));
        // shapes
        g.add(Map.entry("reshape", (r, x) -> {
            long[] t = {x.size() + 1 + r.nextInt(4)};
            return new Bad("reshape", "shape " + s(t), () -> Heat.reshape(x, t));
        }));
        g.add(Map.entry("reshape-2", (r, x) -> new Bad("reshape", "two -1", () -> Heat.reshape(x, -1, -1))));
        g.add(Map.entry("transpose", (r, x) -> {
            int[] axes = new int[x.ndim() + 1];
            for (int i = 0; i < axes.length; i++) axes[i] = i % x.ndim();
            return new Bad("transpose", "axes " + Arrays.toString(axes), () -> Heat.transpose(x, axes));
        }));
        g.add(Map.entry("swapaxes", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("swapaxes", "axis " + a, () -> Heat.swapaxes(x, 0, a)); }));
        g.add(Map.entry("moveaxis", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("moveaxis", "destination " + a, () -> Heat.moveaxis(x, 0, a)); }));
        g.add(Map.entry("expandDims", (r, x) -> {
            int a = r.nextBoolean() ? x.ndim() + 1 + r.nextInt(2) : -x.ndim() - 2 - r.nextInt(2);
            return new Bad("expandDims", "axis " + a, () -> Heat.expandDims(x, a));
        }));
        g.add(Map.entry("squeeze", (r, x) -> {
            long[] sh = x.gshape();
            sh[0] = sh[0] == 1 ? 2 : sh[0];
            DNDarray y = sh[0] == x.gshape()[0] ? x : Heat.zeros(sh, x.dtype(), x.split());
            return new Bad("squeeze", "axis 0 of extent " + sh[0], () -> Heat.squeeze(y, 0));
        }));
        g.add(Map.entry("broadcastTo", (r, x0) -> {
            DNDarray x = notAllOnes(x0);
            long[] t = nonBroadcastable(r, x.gshape());
            return new Bad("broadcastTo", "shape " + s(t), () -> Heat.broadcastTo(x, t));
        }));
        g.add(Map.entry("flip", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("flip", "axis " + a, () -> Heat.flip(x, a)); }));
        g.add(Map.entry("roll", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("roll", "axis " + a, () -> Heat.roll(x, 1, a)); }));
        g.add(Map.entry("rot90", (r, x) -> new Bad("rot90", "equal axes", () -> Heat.rot90(x, 1, 0, 0))));
        g.add(Map.entry("repeat", (r, x) -> { long k = -1 - r.nextInt(3); return new Bad("repeat", "repeats " + k, () -> Heat.repeat(x, k, null)); }));
        g.add(Map.entry("tile", (r, x) -> { long k = -1 - r.nextInt(3); return new Bad("tile", "reps " + k, () -> Heat.tile(x, k)); }));
        g.add(Map.entry("pad", (r, x) -> {
            long[][] w = new long[x.ndim()][2];
            w[r.nextInt(x.ndim())][r.nextInt(2)] = -1 - r.nextInt(3);
            return new Bad("pad", "negative width", () -> Heat.pad(x, w));
        }));
        g.add(Map.entry("pad-mode", (r, x) -> {
            long[][] w = new long[x.ndim()][2];
            return new Bad("pad", "mode 'nope'", () -> Heat.pad(x, w, "nope"));
        }));
        g.add(Map.entry("diagonal", (r, x) -> {
            DNDarray v = x.ndim() == 1 ? x : x.reshape(x.size());
            return new Bad("diagonal", "1-d input", () -> Heat.diagonal(v));
        }));
        g.add(Map.entry("concatenate", (r, x) -> {
            if (x.ndim() == 1) return new Bad("concatenate", "axis 1 of 1-d", () -> Heat.concatenate(new DNDarray[] {x, x}, 1));
            long[] other = shapeWith(x.gshape(), x.ndim() - 1, x.gshape()[x.ndim() - 1] + 1);
            DNDarray y = Heat.zeros(other, x.dtype(), null);
            return new Bad("concatenate", "shapes " + s(x.gshape()) + " and " + s(other) + " along 0", () -> Heat.concatenate(new DNDarray[] {x, y}, 0));
        }));
        g.add(Map.entry("stack", (r, x0) -> {
            DNDarray x = notAllOnes(x0);
            long[] other = nonBroadcastable(r, x.gshape());
            DNDarray y = Heat.zeros(other, x.dtype(), null);
            return new Bad("stack", "shapes " + s(x.gshape()) + " and " + s(other), () -> Heat.stack(new DNDarray[] {x, y}, 0));
        }));
        g.add(Map.entry("split", (r, x) -> {
            long n = x.gshape()[0];
            int k = n == 0 ? 0 : (int) (n + 1 + r.nextInt(3));
            int sections = n > 1 && r.nextBoolean() ? findNonDivisor(n) : k;
            return new Bad("split", "sections " + sections + " of " + n, () -> Heat.split(x, sections, 0));
        }));
        // element-wise
        g.add(Map.entry("add", (r, x0) -> {
            DNDarray x = notAllOnes(x0);
            long[] other = nonBroadcastable(r, x.gshape());
            DNDarray y = Heat.ones(other, DType.FLOAT64, r.nextBoolean() ? null : 0);
            return new Bad("add", "shapes " + s(x.gshape()) + " + " + s(other), () -> Heat.add(x, y));
        }));
        g.add(Map.entry("maximum", (r, x0) -> {
            DNDarray x = notAllOnes(x0);
            long[] other = nonBroadcastable(r, x.gshape());
            DNDarray y = Heat.zeros(other, DType.INT64, null);
            return new Bad("maximum", "shapes " + s(x.gshape()) + ", " + s(other), () -> Heat.maximum(x, y));
        }));
        g.add(Map.entry("where", (r, x0) -> {
            DNDarray x = notAllOnes(x0);
            long[] other = nonBroadcastable(r, x.gshape());
            DNDarray y = Heat.zeros(other, DType.FLOAT64, null);
            return new Bad("where", "shapes " + s(x.gshape()) + ", " + s(other), () -> Heat.where(Heat.gt(x, 1), x, y));
        }));
        g.add(Map.entry("addInPlace", (r, x) -> {
            long[] big = new long[x.ndim() + 1];
            Arrays.fill(big, 2);
            DNDarray y = Heat.ones(big, DType.FLOAT64, null);
            return new Bad("addInPlace", "operand " + s(big) + " into " + s(x.gshape()), () -> x.addInPlace(y));
        }));
        g.add(Map.entry("bitwiseAnd", (r, x) -> {
            DNDarray f = x.astype(r.nextBoolean() ? DType.FLOAT64 : DType.FLOAT32);
            return new Bad("bitwiseAnd", "float operand", () -> Heat.bitwiseAnd(f, 1));
        }));
        g.add(Map.entry("invert", (r, x) -> new Bad("invert", "float operand", () -> Heat.invert(x.astype(DType.FLOAT64)))));
        g.add(Map.entry("gcd", (r, x) -> new Bad("gcd", "float operand", () -> Heat.gcd(x.astype(DType.FLOAT32), 2))));
        g.add(Map.entry("sub-bool", (r, x) -> new Bad("sub", "bool operands", () -> Heat.sub(x.astype(DType.BOOL), x.astype(DType.BOOL)))));
        g.add(Map.entry("divInPlace-int", (r, x) -> new Bad("divInPlace", "int target", () -> x.astype(DType.INT64).divInPlace(2.5))));
        // indexing
        g.add(Map.entry("get", (r, x) -> {
            long i = x.gshape()[0] + r.nextInt(3);
            return new Bad("get", "index " + i + " of " + x.gshape()[0], () -> Heat.get(x, idx(r.nextBoolean() ? i : -i - 1)));
        }));
        g.add(Map.entry("get-many", (r, x) -> {
            Index[] ix = new Index[x.ndim() + 1];
            Arrays.fill(ix, slice(null, null));
            return new Bad("get", (x.ndim() + 1) + " indices", () -> Heat.get(x, ix));
        }));
        g.add(Map.entry("get-step", (r, x) -> new Bad("get", "step 0", () -> Heat.get(x, slice(0, 1, 0)))));
        g.add(Map.entry("set", (r, x0) -> {
            DNDarray x = notAllOnes(x0);
            long[] other = nonBroadcastable(r, x.gshape());
            DNDarray v = Heat.ones(other, x.dtype(), null);
            return new Bad("set", "value " + s(other) + " into " + s(x.gshape()), () -> Heat.set(x, v, slice(null, null)));
        }));
        g.add(Map.entry("mask", (r, x0) -> {
            DNDarray x = notAllOnes(x0);
            long[] other = nonBroadcastable(r, x.gshape());
            DNDarray m = Heat.zeros(other, DType.BOOL, null);
            return new Bad("get", "mask " + s(other) + " for " + s(x.gshape()), () -> Heat.get(x, Heat.mask(m)));
        }));
        g.add(Map.entry("sort", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("sort", "axis " + a, () -> Heat.sort(x, a, false, true)); }));
        g.add(Map.entry("argsort", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("argsort", "axis " + a, () -> Heat.argsort(x, a, false, true)); }));
        g.add(Map.entry("topk", (r, x) -> {
            long k = x.gshape()[x.ndim() - 1] + 1 + r.nextInt(3);
            return new Bad("topk", "k " + k, () -> Heat.topk(x, k));
        }));
        g.add(Map.entry("unique", (r, x) -> { int a = badAxis(r, x.ndim()); return new Bad("unique", "axis " + a, () -> Heat.unique(x, true, false, false, a)); }));
        g.add(Map.entry("nonzero-0d", (r, x) -> new Bad("convolve", "2-d input", () -> Heat.convolve(x.reshape(1, x.size()), x.reshape(x.size())))));
        // statistics with bad parameters
        g.add(Map.entry("histc", (r, x) -> { long b = -r.nextInt(3); return new Bad("histc", "bins " + b, () -> Heat.histc(x.astype(DType.FLOAT64), b, 0, 1)); }));
        g.add(Map.entry("bincount", (r, x) -> new Bad("bincount", "float input", () -> Heat.bincount(x.astype(DType.FLOAT64), null, 0))));
        g.add(Map.entry("digitize", (r, x) -> new Bad("digitize", "bins not monotonic", () -> Heat.digitize(x, new double[] {1, 3, 2}, false))));
        g.add(Map.entry("cov", (r, x) -> new Bad("cov", "3-d input", () -> Heat.cov(x.reshape(1, 1, x.size()).astype(DType.FLOAT64)))));
        // factories and random
        g.add(Map.entry("zeros", (r, x) -> { long[] sh = {3, -1 - r.nextInt(3)}; return new Bad("zeros", "shape " + s(sh), () -> Heat.zeros(sh, DType.FLOAT64, 0)); }));
        g.add(Map.entry("full", (r, x) -> new Bad("full", "split 2 of 2-d", () -> Heat.full(new long[] {2, 2}, 1, DType.INT32, 2))));
        g.add(Map.entry("arange", (r, x) -> new Bad("arange", "step 0", () -> Heat.arange(0, 5, 0, DType.INT64, 0))));
        g.add(Map.entry("linspace", (r, x) -> { long n = -1 - r.nextInt(5); return new Bad("linspace", "num " + n, () -> Heat.linspace(0, 1, n, true, DType.FLOAT64, 0)); }));
        g.add(Map.entry("eye", (r, x) -> { long n = -1 - r.nextInt(5); return new Bad("eye", "n " + n, () -> Heat.eye(n, 3, 0, DType.FLOAT64, 0)); }));
        g.add(Map.entry("randint", (r, x) -> { long lo = r.nextInt(5); return new Bad("randint", "high <= low", () -> Heat.randint(lo, lo - r.nextInt(2), new long[] {4}, null, 0)); }));
        g.add(Map.entry("normal", (r, x) -> new Bad("normal", "std -1", () -> Heat.normal(0, -1, new long[] {4}, DType.FLOAT64, 0))));
        g.add(Map.entry("fromLocal", (r, x) -> {
            Communication c = Communications.world();
            Tensor local = Tensor.zeros(DType.FLOAT64, 1, 2 + (c.rank() == c.size() - 1 ? 1 : 0));
            return new Bad("fromLocal", "other extents differ on the last rank", () -> DNDarray.fromLocal(local, 0, c));
        }));
        // linalg and estimators (main's packages above core): shape and fit checks before any communication
        g.add(Map.entry("linalg.matmul", (r, x) -> {
            DNDarray a = Heat.full(new long[] {3, 2 + r.nextInt(3)}, 1, DType.FLOAT64, r.nextBoolean() ? 0 : null);
            DNDarray b = Heat.full(new long[] {a.gshape()[1] + 1, 2}, 1, DType.FLOAT64, r.nextBoolean() ? 1 : null);
            return new Bad("linalg.matmul", "inner extents " + a.gshape()[1] + " and " + b.gshape()[0], () -> Linalg.matmul(a, b));
        }));
        g.add(Map.entry("linalg.solve", (r, x) -> {
            DNDarray a = Heat.full(new long[] {3, 4}, 1, DType.FLOAT64, r.nextBoolean() ? 0 : null);
            return new Bad("linalg.solve", "non-square (3, 4)", () -> Linalg.solve(a, Heat.full(new long[] {3}, 1, DType.FLOAT64, null)));
        }));
        g.add(Map.entry("linalg.dot", (r, x) -> {
            DNDarray a = Heat.full(new long[] {4}, 1, DType.FLOAT64, 0), b = Heat.full(new long[] {5}, 1, DType.FLOAT64, r.nextBoolean() ? 0 : null);
            return new Bad("linalg.dot", "lengths 4 and 5", () -> Linalg.dot(a, b));
        }));
        g.add(Map.entry("linalg.trace", (r, x) -> new Bad("linalg.trace", "1-d input",
                () -> Linalg.trace(Heat.full(new long[] {5}, 1, DType.FLOAT64, 0)))));
        g.add(Map.entry("GaussianNB.fit", (r, x) -> {
            DNDarray xs = Heat.full(new long[] {6, 2}, 1, DType.FLOAT64, 0), y = Heat.full(new long[] {5}, 0, DType.INT64, 0);
            return new Bad("GaussianNB.fit", "6 samples, 5 labels", () -> new GaussianNB().fit(xs, y));
        }));
        g.add(Map.entry("MinMaxScaler.transform", (r, x) -> new Bad("MinMaxScaler.transform", "not fitted",
                () -> new MinMaxScaler().transform(Heat.full(new long[] {4, 2}, 1, DType.FLOAT64, 0)))));
        // files and communication
        g.add(Map.entry("load", (r, x) -> new Bad("load", "missing file", () -> Heat.load("target/no-such-dir/missing-" + r.nextInt(100) + ".npy", 0))));
        g.add(Map.entry("save", (r, x) -> new Bad("save", "unknown extension", () -> Heat.save(x, "target/x.unknownext"))));
        g.add(Map.entry("comm.allreduce", (r, x) -> {
            Communication c = Communications.world();
            return new Bad("comm.allreduce", "BAND on float64", () -> c.allreduce(2.0, ReduceOp.BAND));
        }));
        g.add(Map.entry("comm.bcast", (r, x) -> {
            Communication c = Communications.world();
            int root = c.size() + r.nextInt(3);
            return new Bad("comm.bcast", "root " + root, () -> c.bcast(new byte[] {1}, root));
        }));
        return g;
    }

    private static int findNonDivisor(long n) {
        for (int k = 2; k <= n; k++) if (n % k != 0) return k;
        return (int) n + 1;
    }
}
