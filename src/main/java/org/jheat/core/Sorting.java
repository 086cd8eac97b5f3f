package org.jheat.core;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.tensor.BlockIO;
import org.jheat.tensor.DType;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Sorting: {@code sort}, {@code argsort} and {@code topk} along any axis of a distributed array (Heat's
 * {@code manipulations.sort} / {@code topk}, numpy's {@code sort} / {@code argsort}).
 *
 * <p><b>Order.</b> Values are ordered like numpy and torch: NaN sorts last in ascending order (first when
 * descending, as in torch, which treats NaN as the largest value); -0.0 and 0.0 are equal. Every element is
 * turned into a 64-bit <em>sortable key</em> (integers: the value; floats: the IEEE bits with the negative range
 * reversed, NaN collapsed to one key; descending: the bitwise complement), so all kernels sort {@code long[]}
 * with primitive code and no per-element virtual call or boxing.
 *
 * <p><b>Kernels.</b> Values only: {@code Arrays.sort(long[])} of the keys (a bijective key, so the values are
 * decoded exactly, -0.0 included). With indices ({@code argsort}, {@code topk}, the combined form, and a
 * {@code stable} sort of floats): a stable LSD radix sort of (key, index) pairs, 8-bit digits, skipping digits
 * that are equal in every key; ties therefore keep their index order, so the result is always stable. There ±0
 * share one key; the sign of a negative zero travels in bit 62 of its index, so sorted values stay exact.
 * Large single fibers are cut into one run per thread, sorted in parallel and merged.
 *
 * <p><b>Distribution.</b> Along a non-split axis (or replicated / one process) every process sorts its own
 * fibers: no communication; the result keeps x's distribution. Along the split axis: for a 1-d array (or when no
 * other axis has at least as many entries as there are processes) a <em>sample sort</em> per fiber — regular,
 * count-weighted samples of the unsorted local keys (16384 in all) in one Allgather; p-1 splitters chosen at the
 * target boundaries of the balanced result; a stable two-pass bucket scatter into an off-heap send buffer; one
 * Alltoallv (keys, and indices when wanted); ONE local sort of what arrived (no local pre-sort and no merge: the
 * received chunks come in rank order, each in its original order, so a stable sort by key keeps ties in global
 * index order); finally only the elements beyond the balanced counts (sampling error, about 1%) shift in one more
 * Alltoallv. Elements are totally ordered by (key, global index) — in the values-only path the index is implicit
 * (global start of the rank + local position) — so equal keys are split across processes deterministically and
 * heavy duplicates do not pile up on one process. For arrays with ≥ 2 dimensions whose sorted axis is split,
 * when another axis has at least p entries the array is resplit to that axis, sorted locally and resplit back
 * (two Alltoallv, all fibers at once) instead of one sample sort per fiber. Results along the split axis are
 * split like {@code x} and balanced; indices are global positions along the axis (int64). topk sends only each
 * process's own k best (per fiber) into the sample sort.
 *
 * <p>Limits: one process's part of a fiber must have fewer than 2^31 elements (Java arrays).
 *
 * <pre>{@code
 * DNDarray x = Heat.array(new double[] {3, Double.NaN, -1, 2, -1}, null, 0);
 * DNDarray s = Sorting.sort(x, 0, false, false);            // [-1, -1, 2, 3, nan]
 * DNDarray i = Sorting.argsort(x, 0, false, true);          // [2, 4, 3, 0, 1] (stable: ties by index)
 * DNDarray[] vi = Sorting.sortWithIndices(x, 0, true, true); // descending: [nan, 3, 2, -1, -1], [1, 0, 3, 2, 4]
 * DNDarray[] top = Sorting.topk(x, 2, 0, true, true);       // torch.topk: values [nan, 3], indices [1, 0]
 * }</pre>
 */
public final class Sorting {
    private Sorting() { }

    /** Flag bit in an index: the value was -0.0 (its key is that of +0.0). */
    static final long NEG_ZERO = 1L << 62;
    /** Mask of the index proper. */
    static final long IDX_MASK = NEG_ZERO - 1;
    private static final long NAN_KEY = floatKey(0x7ff8000000000000L);
    private static final int BLOCK = 1024;
    private static final long LIMIT = Integer.MAX_VALUE - 8;
    private static final int PAR_MIN = 1 << 16;

    // ------------------------------------------------------------------------------------------- public API

    /**
     * Ascending sort along the last axis. <pre>{@code DNDarray s = Sorting.sort(x); }</pre>
     */
    public static DNDarray sort(DNDarray x) { return sort(x, -1, false, false); }

    /**
     * Sorted values along {@code axis} (negative counts from the end); {@code descending} reverses the order
     * (NaN first); {@code stable} keeps equal elements in their original order (visible only for ±0.0 in a
     * values-only sort). Result: x's shape, dtype and split, balanced.
     * <pre>{@code DNDarray s = Sorting.sort(x, 0, true, false);   // columns descending }</pre>
     */
    public static DNDarray sort(DNDarray x, int axis, boolean descending, boolean stable) {
        return run(x, axis, descending, stable, true, false, -1, "sort")[0];
    }

    /**
     * Heat's {@code sort}: {@code {values, indices}}, indices int64 global positions along {@code axis} such that
     * {@code values = take_along_axis(x, indices, axis)}. Stable.
     * <pre>{@code DNDarray[] r = Sorting.sortWithIndices(x, -1, false, true); DNDarray v = r[0], i = r[1]; }</pre>
     */
    public static DNDarray[] sortWithIndices(DNDarray x, int axis, boolean descending, boolean stable) {
        return run(x, axis, descending, stable, true, true, -1, "sort");
    }

    /** Indices that sort along the last axis, ascending. <pre>{@code DNDarray i = Sorting.argsort(x); }</pre> */
    public static DNDarray argsort(DNDarray x) { return argsort(x, -1, false, false); }

    /**
     * numpy's {@code argsort}: int64 global indices along {@code axis} that sort x (always stable: ties in
     * index order, like numpy's {@code kind='stable'}). Same shape and split as x, balanced.
     * <pre>{@code DNDarray order = Sorting.argsort(x, 0, false, true); }</pre>
     */
    public static DNDarray argsort(DNDarray x, int axis, boolean descending, boolean stable) {
        return run(x, axis, descending, stable, false, true, -1, "argsort")[1];
    }

    /** torch.topk along the last axis: the k largest, sorted. <pre>{@code DNDarray[] t = Sorting.topk(x, 3); }</pre> */
    public static DNDarray[] topk(DNDarray x, long k) { return topk(x, k, -1, true, true); }

    /**
     * torch's {@code topk}: {@code {values, indices}} of the k largest ({@code largest}) or smallest elements
     * along {@code axis}; indices are int64 global positions. NaN counts as the largest value. Ties are taken in
     * index order. The result is always sorted ({@code sorted == false} is accepted: torch then leaves the order
     * unspecified). Result split like x, balanced. Along the split axis only each process's own k best travel.
     * <pre>{@code DNDarray[] r = Sorting.topk(x, 5, 0, false, true);   // 5 smallest per column }</pre>
     *
     * @throws IllegalArgumentException when k is negative or larger than the axis (on every rank)
     */
    public static DNDarray[] topk(DNDarray x, long k, int axis, boolean largest, boolean sorted) {
        if (x.ndim() == 0) throw new IllegalArgumentException("topk: x must have at least one dimension");
        int ax = Shapes.normalizeAxis(axis, x.ndim(), "axis");
        long n = x.gshape()[ax];
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("topk: k = " + k + " is out of range for axis " + ax + " of extent " + n);
        }
        return run(x, ax, largest, true, true, true, k, "topk");
    }

    // ------------------------------------------------------------------------------------------- driver

    /** {values or null, indices or null}; k >= 0: only the first k along the axis (topk). */
    private static DNDarray[] run(DNDarray x, int axis, boolean desc, boolean stable, boolean wantVals, boolean wantIdx,
                                  long k, String op) {
        DType t = x.dtype().requireReal(op);
        if (x.ndim() == 0) throw new IllegalArgumentException(op + ": axis " + axis + " is out of bounds for a 0-d array");
        int ax = Shapes.normalizeAxis(axis, x.ndim(), "axis");
        boolean idxPath = wantIdx || k >= 0 || (stable && t.isFloat());
        long[] g = x.gshape();
        Communication comm = x.comm();
        int p = comm.size();
        long outLen = k >= 0 ? k : g[ax];
        long[] outG = g.clone();
        outG[ax] = outLen;
        int s = x.splitAxis();
        if (s != ax || p == 1) {
            if (g[ax] > LIMIT) throw new IllegalArgumentException(op + ": axis of " + g[ax] + " elements is longer than 2^31 on one process");
            Tensor[] r = localSort(x.larray(), ax, desc, idxPath, wantVals, wantIdx, k);
            long[][] map = null;
            if (s >= 0) {
                map = x.lshapeMap();
                for (long[] row : map) row[ax] = outLen;
            }
            return new DNDarray[] {
                r[0] == null ? null : new DNDarray(r[0], outG, x.split(), comm, x.device(), map),
                r[1] == null ? null : new DNDarray(r[1], outG, x.split(), comm, x.device(), map)};
        }
        Distribution cd = x.distribution();
        for (int r = 0; r < p; r++) {
            long c = cd.count(r);
            if (c > LIMIT) throw new IllegalArgumentException(op + ": a process holds " + c + " elements of a fiber (limit 2^31)");
        }
        if (x.ndim() >= 2) {
            int o = -1;
            for (int d = 0; d < g.length; d++) if (d != ax && (o < 0 || g[d] > g[o])) o = d;
            if (g[o] >= p) {
                // every process gets whole fibers: sort locally, then move the split back (two Alltoallv in all)
                DNDarray[] r = run(x.resplit(o), ax, desc, stable, wantVals, wantIdx, k, op);
                return new DNDarray[] {r[0] == null ? null : r[0].resplit(ax), r[1] == null ? null : r[1].resplit(ax)};
            }
        }
        return splitSort(x, ax, desc, idxPath, wantVals, wantIdx, k, cd);
    }

    /** Sorts every local fiber along {@code ax} (no communication); {values or null, indices or null}. */
    private static Tensor[] localSort(Tensor in, int ax, boolean desc, boolean idxPath, boolean wantVals, boolean wantIdx, long k) {
        int n = (int) in.shape(ax);
        int kk = k >= 0 ? (int) k : n;
        long[] os = in.shape();
        os[ax] = kk;
        Tensor vals = wantVals ? Tensor.empty(in.dtype(), os) : null;
        Tensor idx = wantIdx ? Tensor.empty(DType.INT64, os) : null;
        long[] inStarts = fiberStarts(in, ax);
        long[] vStarts = vals == null ? null : fiberStarts(vals, ax);
        long[] iStarts = idx == null ? null : fiberStarts(idx, ax);
        long inStride = in.strides()[ax];
        boolean zeroEq = idxPath && in.dtype().isFloat();
        int m = inStarts.length;
        if (m == 0 || n == 0) return new Tensor[] {vals, idx};
        boolean parallelInside = m < Parallel.threads() && n >= PAR_MIN;
        Parallel.forRange(m, Math.max(1, PAR_MIN / Math.max(1, n)), (a, b) -> {
            long[] keys = new long[n];
            long[] ids = idxPath ? new long[n] : null;
            Buffers buf = new Buffers();
            for (long f = a; f < b; f++) {
                readKeys(in, inStarts[(int) f], inStride, n, desc, zeroEq, keys, ids, 0, buf);
                if (parallelInside) sortLocalParallel(keys, ids, n); else sortLocal(keys, ids, n);
                if (vals != null) writeValues(vals, vStarts[(int) f], vals.strides()[ax], keys, ids, 0, kk, desc, zeroEq, buf);
                if (idx != null) writeIndices(idx, iStarts[(int) f], idx.strides()[ax], ids, 0, kk, buf);
            }
        });
        return new Tensor[] {vals, idx};
    }

    /** Sample sort of every fiber along the split axis {@code ax} (collective; one round per fiber). */
    private static DNDarray[] splitSort(DNDarray x, int ax, boolean desc, boolean idxPath, boolean wantVals, boolean wantIdx,
                                        long k, Distribution cd) {
        Communication comm = x.comm();
        int p = comm.size(), me = comm.rank();
        long[] g = x.gshape();
        long outLen = k >= 0 ? k : g[ax];
        Distribution target = Distribution.balanced(outLen, p);
        long[] os = g.clone();
        os[ax] = target.count(me);
        Tensor vals = wantVals ? Tensor.empty(x.dtype(), os) : null;
        Tensor idx = wantIdx ? Tensor.empty(DType.INT64, os) : null;
        Tensor in = x.larray();
        long[] inStarts = fiberStarts(in, ax);
        long[] vStarts = vals == null ? null : fiberStarts(vals, ax);
        long[] iStarts = idx == null ? null : fiberStarts(idx, ax);
        boolean zeroEq = idxPath && x.dtype().isFloat();
        int nl = (int) cd.count(me);
        long base = cd.displ(me);
        Buffers buf = new Buffers();
        long[] keys = new long[nl];
        long[] ids = idxPath ? new long[nl] : null;
        for (int f = 0; f < inStarts.length; f++) {
            readKeys(in, inStarts[f], in.strides()[ax], nl, desc, zeroEq, keys, ids, base, buf);
            int cand = nl;
            if (k >= 0) {   // topk: only this process's k best can win
                sortAny(keys, ids, nl);
                cand = (int) Math.min(k, nl);
            }
            Part r = sampleSort(comm, keys, ids, cand, base, target);
            if (vals != null) writeValues(vals, vStarts[f], vals.strides()[ax], r.keys(), r.ids(), 0, r.n(), desc, zeroEq, buf);
            if (idx != null) writeIndices(idx, iStarts[f], idx.strides()[ax], r.ids(), 0, r.n(), buf);
            if (r.keys() != keys && r.keys().length >= keys.length) keys = r.keys();   // reuse for the next fiber
            if (ids != null && r.ids() != ids && r.ids().length >= ids.length) ids = r.ids();
        }
        long[] outG = g.clone();
        outG[ax] = outLen;
        return new DNDarray[] {
            vals == null ? null : Redistribution.withMap(vals, outG, ax, comm, x.device()),
            idx == null ? null : Redistribution.withMap(idx, outG, ax, comm, x.device())};
    }

    // ------------------------------------------------------------------------------------------- distributed kernel

    /** This process's part of a distributed sorted sequence. */
    record Part(long[] keys, long[] ids, int n) { }

    /** What arrived at the owners after the partition: runs from every rank, concatenated in rank order. */
    record Received(long[] keys, long[] ids, long[] sendCounts, long[] recvCounts) { }

    /**
     * Sample sort of the unsorted {@code keys[0, n)} (with {@code ids}, or the implicit tiebreak {@code tbBase +
     * position} when ids is null): regular samples (one Allgather), splitters at the target boundaries, a stable
     * bucket pass, one Alltoallv, ONE local sort of what arrived (no pre-sort and no merge: the received chunks come
     * in rank order, each in its original order, so a stable sort by key keeps ties in global index order), then
     * {@link #rebalance}. Returns global positions {@code [target.displ(me), target.end(me))}. Collective.
     */
    static Part sampleSort(Communication comm, long[] keys, long[] ids, int n, long tbBase, Distribution target) {
        int p = comm.size();
        Splitters sp = splitters(comm, keys, ids, n, tbBase, target.displs(), Math.max(4, 16384 / p), false);
        // two passes (count, then scatter) recompute the bucket instead of storing it: no n-sized temporary
        long[] sc = new long[p];
        for (int i = 0; i < n; i++) sc[bucket(sp, keys[i], ids == null ? tbBase + i : ids[i] & IDX_MASK)]++;
        long[] sd = Distribution.displs(sc), fill = sd.clone();
        // the send buffers are off-heap (freed at once): large heap temporaries cost full collections
        Tensor sk = Tensor.empty(DType.INT64, Math.max(1, n)), si = ids == null ? null : Tensor.empty(DType.INT64, Math.max(1, n));
        MemorySegment skd = sk.data(), sid = si == null ? null : si.data();
        for (int i = 0; i < n; i++) {
            long k = keys[i], t = ids == null ? tbBase + i : ids[i] & IDX_MASK;
            long pos = fill[bucket(sp, k, t)]++;
            skd.setAtIndex(ValueLayout.JAVA_LONG, pos, k);
            if (sid != null) sid.setAtIndex(ValueLayout.JAVA_LONG, pos, ids[i]);
        }
        long[] rcounts = Redistribution.alltoallCounts(comm, sc);
        int m = (int) Distribution.total(rcounts);
        // what arrives replaces the input (the caller hands keys/ids over)
        long[] rk = m <= keys.length ? keys : new long[m];
        long[] ri = ids == null ? null : m <= ids.length ? ids : new long[m];
        exchangeInto(comm, sk, sc, sd, rcounts, rk);
        if (si != null) exchangeInto(comm, si, sc, sd, rcounts, ri);
        sk.storage().free();
        if (si != null) si.storage().free();
        sortAny(rk, ri, m);
        return rebalance(comm, rk, ri, m, target);
    }

    /** The number of splitters not above (k, t): the destination rank. */
    private static int bucket(Splitters sp, long k, long t) {
        long[] key = sp.key, tb = sp.tb;
        boolean[] inf = sp.inf;
        int lo = 0, hi = key.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (inf[mid] || key[mid] > k || key[mid] == k && tb[mid] > t) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /** Alltoallv of an off-heap send buffer into the heap array {@code out} (blocks in rank order). */
    private static void exchangeInto(Communication comm, Tensor send, long[] sc, long[] sd, long[] rc, long[] out) {
        long rt = Distribution.total(rc);
        Tensor rb = Tensor.empty(DType.INT64, Math.max(1, rt));
        comm.alltoallv(send.data(), sc, sd, rb.data(), rc, Distribution.displs(rc), DType.INT64);
        if (rt > 0) MemorySegment.copy(rb.data(), ValueLayout.JAVA_LONG, 0, out, 0, (int) rt);
        rb.storage().free();
    }

    /** Sorts keys (with ids: stably by key), with one run per thread when large. */
    static void sortAny(long[] keys, long[] ids, int n) {
        if (n >= PAR_MIN && Parallel.threads() > 1) sortLocalParallel(keys, ids, n); else sortLocal(keys, ids, n);
    }

    /** p-1 splitters (key, tiebreak), sorted; {@code inf[j]}: above everything. */
    record Splitters(long[] key, long[] tb, boolean[] inf) { }

    /**
     * Splitter j+1 (j in [0, p-1)): the first of all processes' count-weighted regular samples (S per process, of
     * sorted or unsorted data) with at least {@code targetStart[j+1]} elements estimated before it. One Allgather.
     */
    static Splitters splitters(Communication comm, long[] keys, long[] ids, int n, long tbBase, long[] targetStart, int sCount,
                               boolean sortedInput) {
        int p = comm.size();
        long[] smp = new long[3 * sCount];
        for (int i = 0; i < sCount; i++) {
            long lo = (long) i * n / sCount, hi = (long) (i + 1) * n / sCount;
            if (hi <= lo) continue;
            long at = sortedInput ? lo : lo + (hi - lo) / 2;
            smp[3 * i] = keys[(int) at];
            smp[3 * i + 1] = ids == null ? tbBase + at : ids[(int) at] & IDX_MASK;
            smp[3 * i + 2] = hi - lo;
        }
        long[] all = comm.allgather(smp);
        int q = 0;
        for (int i = 0; i < all.length / 3; i++) if (all[3 * i + 2] > 0) q++;
        long[] sk = new long[q], st = new long[q], sw = new long[q];
        for (int i = 0, j = 0; i < all.length / 3; i++) {
            if (all[3 * i + 2] == 0) continue;
            sk[j] = all[3 * i];
            st[j] = all[3 * i + 1];
            sw[j++] = all[3 * i + 2];
        }
        int[] order = orderByKeyTb(sk, st, q);
        long total = 0;
        for (long w : sw) total += w;
        long[] key = new long[Math.max(0, p - 1)], tb = new long[Math.max(0, p - 1)];
        boolean[] inf = new boolean[Math.max(0, p - 1)];
        int si = 0;
        long before = 0;
        for (int j = 1; j < p; j++) {
            long want = targetStart[j];
            while (si < q && before < want) before += sw[order[si++]];
            if (want >= total || si >= q) {
                inf[j - 1] = true;
            } else {
                key[j - 1] = sk[order[si]];
                tb[j - 1] = st[order[si]];
            }
        }
        return new Splitters(key, tb, inf);
    }

    /**
     * Samples, splitters at the target boundaries, partition and one Alltoallv: each rank receives the runs (in
     * rank order, each sorted) of the elements between its two splitters. With {@code keyOnly} equal keys always go
     * to the same owner (unique); otherwise elements are ordered by (key, tiebreak).
     */
    static Received toOwners(Communication comm, long[] keys, long[] ids, int n, long tbBase, long[] targetStart,
                             boolean keyOnly) {
        int p = comm.size();
        Splitters sp = splitters(comm, keys, ids, n, tbBase, targetStart, Math.max(4, 4096 / p), true);
        long[] posAt = new long[p + 1];
        posAt[p] = n;
        for (int j = 1; j < p; j++) {
            posAt[j] = sp.inf()[j - 1] ? n
                    : lowerBound(keys, ids, n, tbBase, sp.key()[j - 1], keyOnly ? Long.MIN_VALUE : sp.tb()[j - 1], keyOnly);
            posAt[j] = Math.max(posAt[j], posAt[j - 1]);
        }
        long[] sc = new long[p];
        for (int r = 0; r < p; r++) sc[r] = posAt[r + 1] - posAt[r];
        long[] rcounts = Redistribution.alltoallCounts(comm, sc);
        long[] sd = Distribution.displs(sc);
        long[] rk = alltoallv(comm, keys, sc, sd, rcounts);
        long[] ri = ids == null ? null : alltoallv(comm, ids, sc, sd, rcounts);
        return new Received(rk, ri, sc, rcounts);
    }

    /**
     * Moves the elements of a distributed sequence (this rank: {@code keys[0, n)}, in global order by rank) so that
     * rank r holds global positions {@code [target.displ(r), target.end(r))}; positions beyond the target's total
     * are dropped. One Allgather and one Alltoallv (two with ids).
     */
    static Part rebalance(Communication comm, long[] keys, long[] ids, int n, Distribution target) {
        int me = comm.rank();
        Distribution now = Distribution.of(comm.allgather((long) n));
        // the same decision on every rank: it depends on allgathered counts only
        if (now.equals(target)) return new Part(keys, ids, n);
        ExchangePlan pl = ExchangePlan.overlap(now, target, me);
        long[] sc = pl.sendCount(), sd = pl.sendStart(), rc = pl.recvCount(), rStart = pl.recvStart();
        int want = (int) target.count(me);
        // my own overlap is copied locally; only the parts that change owner travel
        long[] ok = new long[Math.max(want, 0)], oi = ids == null ? null : new long[want];
        if (sc[me] > 0) {
            System.arraycopy(keys, (int) sd[me], ok, (int) rStart[me], (int) sc[me]);
            if (ids != null) System.arraycopy(ids, (int) sd[me], oi, (int) rStart[me], (int) sc[me]);
        }
        long[] xsc = sc.clone(), xrc = rc.clone();
        xsc[me] = 0;
        xrc[me] = 0;
        shift(comm, keys, xsc, sd, xrc, rStart, ok);
        if (ids != null) shift(comm, ids, xsc, sd, xrc, rStart, oi);
        return new Part(ok, oi, want);
    }

    /** Sends {@code src[sd[r], +sc[r])} to rank r and places what rank r sends at {@code dst[rStart[r], …)}. */
    private static void shift(Communication comm, long[] src, long[] sc, long[] sd, long[] rc, long[] rStart, long[] dst) {
        int p = comm.size();
        long st = Distribution.total(sc), rt = Distribution.total(rc);
        Tensor sb = Tensor.empty(DType.INT64, Math.max(1, st)), rb = Tensor.empty(DType.INT64, Math.max(1, rt));
        long[] psd = Distribution.displs(sc), prd = Distribution.displs(rc);
        for (int r = 0; r < p; r++) {
            if (sc[r] > 0) MemorySegment.copy(src, (int) sd[r], sb.data(), ValueLayout.JAVA_LONG, psd[r] * 8, (int) sc[r]);
        }
        comm.alltoallv(sb.data(), sc, psd, rb.data(), rc, prd, DType.INT64);
        for (int r = 0; r < p; r++) {
            if (rc[r] > 0) MemorySegment.copy(rb.data(), ValueLayout.JAVA_LONG, prd[r] * 8, dst, (int) rStart[r], (int) rc[r]);
        }
        sb.storage().free();
        rb.storage().free();
    }

    /** One Alltoallv of long arrays through off-heap buffers; the result holds the received blocks in rank order. */
    static long[] alltoallv(Communication comm, long[] send, long[] sc, long[] sd, long[] rc) {
        int p = comm.size();
        long sendEnd = 0;
        for (int r = 0; r < p; r++) if (sc[r] > 0) sendEnd = Math.max(sendEnd, sd[r] + sc[r]);
        long[] rd = Distribution.displs(rc);
        long rt = Distribution.total(rc);
        Tensor sb = Tensor.empty(DType.INT64, Math.max(1, sendEnd));
        Tensor rb = Tensor.empty(DType.INT64, Math.max(1, rt));
        if (sendEnd > 0) MemorySegment.copy(send, 0, sb.data(), ValueLayout.JAVA_LONG, 0, (int) sendEnd);
        comm.alltoallv(sb.data(), sc, sd, rb.data(), rc, rd, DType.INT64);
        long[] out = new long[(int) rt];
        if (rt > 0) MemorySegment.copy(rb.data(), ValueLayout.JAVA_LONG, 0, out, 0, (int) rt);
        sb.storage().free();
        rb.storage().free();
        return out;
    }

    /** First position i in the sorted keys whose (key, tiebreak) is not below (k, tb). */
    private static long lowerBound(long[] keys, long[] ids, int n, long tbBase, long k, long tb, boolean keyOnly) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long km = keys[mid];
            boolean below;
            if (km != k || keyOnly) {
                below = km < k;
            } else {
                long t = ids == null ? tbBase + mid : ids[mid] & IDX_MASK;
                below = t < tb;
            }
            if (below) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** Permutation sorting (key, tb) pairs: a stable radix sort by tb, then a stable one by key. */
    private static int[] orderByKeyTb(long[] key, long[] tb, int q) {
        long[] a = Arrays.copyOf(tb, q), pay = new long[q];
        for (int i = 0; i < q; i++) pay[i] = i;
        radixSort(a, pay, q, new long[q], new long[q]);
        long[] b = new long[q];
        for (int i = 0; i < q; i++) b[i] = key[(int) pay[i]];
        radixSort(b, pay, q, new long[q], new long[q]);
        int[] o = new int[q];
        for (int i = 0; i < q; i++) o[i] = (int) pay[i];
        return o;
    }

    private static int[] runBounds(long[] counts) {
        int[] b = new int[counts.length + 1];
        for (int i = 0; i < counts.length; i++) b[i + 1] = b[i] + (int) counts[i];
        return b;
    }

    // ------------------------------------------------------------------------------------------- local kernels

    /** Sorts keys[0, n) (values only), or (key, id) pairs stably by key. */
    static void sortLocal(long[] keys, long[] ids, int n) {
        if (ids == null) Arrays.sort(keys, 0, n);
        else radixSort(keys, ids, n, new long[n], new long[n]);
    }

    /** {@link #sortLocal} with one run per thread sorted in parallel, then merged. */
    static void sortLocalParallel(long[] keys, long[] ids, int n) {
        int t = Math.min(Parallel.threads(), Math.max(1, n / PAR_MIN));
        if (t <= 1) {
            sortLocal(keys, ids, n);
            return;
        }
        int[] bounds = new int[t + 1];
        for (int i = 0; i <= t; i++) bounds[i] = (int) ((long) i * n / t);
        long[] tk = ids == null ? null : new long[n], tv = ids == null ? null : new long[n];
        Parallel.forRange(t, 1, (a, b) -> {
            for (long r = a; r < b; r++) {
                int lo = bounds[(int) r], hi = bounds[(int) r + 1];
                if (ids == null) {
                    Arrays.sort(keys, lo, hi);
                } else {
                    radixSortRange(keys, ids, lo, hi, tk, tv);
                }
            }
        });
        mergeRuns(keys, ids, n, bounds);
    }

    /**
     * Merges the sorted runs {@code [bounds[i], bounds[i+1])} of keys (by key; with ids by (key, id without flag))
     * into one sorted run, pairwise (log2(runs) passes).
     */
    static void mergeRuns(long[] keys, long[] ids, int n, int[] bounds) {
        int runs = bounds.length - 1;
        int[] b = bounds.clone();
        int nonEmpty = 0;
        for (int i = 0; i < runs; i++) if (b[i + 1] > b[i]) nonEmpty++;
        if (nonEmpty <= 1) return;
        long[] sk = keys, si = ids, dk = new long[n], di = ids == null ? null : new long[n];
        while (runs > 1) {
            int nr = (runs + 1) / 2;
            int[] nb = new int[nr + 1];
            for (int r = 0; r < nr; r++) {
                int lo = b[2 * r], mid = b[Math.min(2 * r + 1, runs)], hi = b[Math.min(2 * r + 2, runs)];
                merge(sk, si, lo, mid, hi, dk, di);
                nb[r + 1] = hi;
            }
            long[] t = sk; sk = dk; dk = t;
            t = si; si = di; di = t;
            b = nb;
            runs = nr;
        }
        if (sk != keys) {
            System.arraycopy(sk, 0, keys, 0, n);
            if (ids != null) System.arraycopy(si, 0, ids, 0, n);
        }
    }

    private static void merge(long[] k, long[] v, int lo, int mid, int hi, long[] dk, long[] dv) {
        int i = lo, j = mid, o = lo;
        if (v == null) {
            while (i < mid && j < hi) dk[o++] = k[j] < k[i] ? k[j++] : k[i++];
            while (i < mid) dk[o++] = k[i++];
            while (j < hi) dk[o++] = k[j++];
            return;
        }
        while (i < mid && j < hi) {
            long ki = k[i], kj = k[j];
            boolean takeJ = kj < ki || kj == ki && (v[j] & IDX_MASK) < (v[i] & IDX_MASK);
            if (takeJ) { dk[o] = kj; dv[o++] = v[j++]; } else { dk[o] = ki; dv[o++] = v[i++]; }
        }
        while (i < mid) { dk[o] = k[i]; dv[o++] = v[i++]; }
        while (j < hi) { dk[o] = k[j]; dv[o++] = v[j++]; }
    }

    /** Stable LSD radix sort of (k, v) pairs by the signed key, 8-bit digits; tk/tv are scratch of length n. */
    static void radixSort(long[] k, long[] v, int n, long[] tk, long[] tv) {
        radixSortRange(k, v, 0, n, tk, tv);
    }

    private static void radixSortRange(long[] k, long[] v, int from, int to, long[] tk, long[] tv) {
        int n = to - from;
        if (n < 48) {   // insertion sort: stable, cheaper than 8 histograms for tiny fibers
            for (int i = from + 1; i < to; i++) {
                long key = k[i], val = v[i];
                int j = i - 1;
                while (j >= from && k[j] > key) {
                    k[j + 1] = k[j];
                    v[j + 1] = v[j];
                    j--;
                }
                k[j + 1] = key;
                v[j + 1] = val;
            }
            return;
        }
        int[] c = new int[8 * 256];
        for (int i = from; i < to; i++) {
            long u = k[i] ^ Long.MIN_VALUE;
            for (int d = 0; d < 8; d++) c[(d << 8) + (int) ((u >>> (d << 3)) & 255)]++;
        }
        long[] sk = k, sv = v, dk = tk, dv = tv;
        for (int d = 0; d < 8; d++) {
            int base = d << 8;
            boolean trivial = false;   // every key has the same digit here: the pass would not move anything
            for (int bkt = 0; bkt < 256 && !trivial; bkt++) trivial = c[base + bkt] == n;
            if (trivial) continue;
            int sum = from;
            for (int bkt = 0; bkt < 256; bkt++) {
                int t = c[base + bkt];
                c[base + bkt] = sum;
                sum += t;
            }
            int sh = d << 3;
            for (int i = from; i < to; i++) {
                long key = sk[i];
                int pos = c[base + (int) (((key ^ Long.MIN_VALUE) >>> sh) & 255)]++;
                dk[pos] = key;
                dv[pos] = sv[i];
            }
            long[] t = sk; sk = dk; dk = t;
            t = sv; sv = dv; dv = t;
        }
        if (sk != k) {
            System.arraycopy(sk, from, k, from, n);
            System.arraycopy(sv, from, v, from, n);
        }
    }

    // ------------------------------------------------------------------------------------------- keys

    /** The sortable key of IEEE-754 double bits: negative values' bits reversed so signed long order is numeric. */
    static long floatKey(long bits) { return bits ^ ((bits >> 63) & Long.MAX_VALUE); }

    /** The sortable key of a double (NaN: one key above +inf; zeroEq: -0.0 gets the key of 0.0). */
    static long doubleKey(double v, boolean zeroEq) {
        if (v != v) return NAN_KEY;
        if (zeroEq && v == 0) return 0;
        return floatKey(Double.doubleToRawLongBits(v));
    }

    /** Inverse of {@link #doubleKey} (negZero restores the sign of a zero). */
    static double keyDouble(long key, boolean negZero) {
        if (negZero && key == 0) return -0.0;
        return Double.longBitsToDouble(floatKey(key));
    }

    /** Per-thread scratch blocks. */
    static final class Buffers {
        final double[] d = new double[BLOCK];
        final long[] l = new long[BLOCK];
    }

    /**
     * Reads n elements starting at element offset {@code start} with element stride {@code stride} as keys; with ids
     * sets {@code ids[i] = idBase + i} (plus the negative-zero flag when zeroEq).
     */
    static void readKeys(Tensor t, long start, long stride, int n, boolean desc, boolean zeroEq, long[] keys, long[] ids,
                         long idBase, Buffers buf) {
        DType dt = t.dtype();
        int item = dt.itemSize();
        MemorySegment seg = t.segment();
        long strideB = stride * item, base = start * item;
        if (ids != null) for (int i = 0; i < n; i++) ids[i] = idBase + i;
        long flip = desc ? -1L : 0L;
        if (dt.isFloat()) {
            double[] d = buf.d;
            for (int i0 = 0; i0 < n; i0 += BLOCK) {
                int len = Math.min(BLOCK, n - i0);
                BlockIO.load(seg, base + i0 * strideB, strideB, dt, d, len);
                for (int j = 0; j < len; j++) {
                    double v = d[j];
                    if (zeroEq && v == 0 && ids != null && Double.doubleToRawLongBits(v) != 0) ids[i0 + j] |= NEG_ZERO;
                    keys[i0 + j] = doubleKey(v, zeroEq) ^ flip;
                }
            }
        } else {
            if (n > 0) BlockIO.load(seg, base, strideB, dt, keys, n);
            if (desc) for (int i = 0; i < n; i++) keys[i] = ~keys[i];
        }
    }

    /** Writes the values of keys[from, from + n) to a fiber of {@code t}. */
    static void writeValues(Tensor t, long start, long stride, long[] keys, long[] ids, int from, int n, boolean desc,
                            boolean flags, Buffers buf) {
        DType dt = t.dtype();
        int item = dt.itemSize();
        MemorySegment seg = t.segment();
        long strideB = stride * item, base = start * item;
        long flip = desc ? -1L : 0L;
        for (int i0 = 0; i0 < n; i0 += BLOCK) {
            int len = Math.min(BLOCK, n - i0);
            if (dt.isFloat()) {
                double[] d = buf.d;
                for (int j = 0; j < len; j++) {
                    int s = from + i0 + j;
                    d[j] = keyDouble(keys[s] ^ flip, flags && (ids[s] & NEG_ZERO) != 0);
                }
                BlockIO.store(d, seg, base + i0 * strideB, strideB, dt, len);
            } else {
                long[] l = buf.l;
                for (int j = 0; j < len; j++) l[j] = keys[from + i0 + j] ^ flip;
                BlockIO.store(l, seg, base + i0 * strideB, strideB, dt, len);
            }
        }
    }

    /** Writes ids[from, from + n) without flags as int64 to a fiber of {@code t}. */
    static void writeIndices(Tensor t, long start, long stride, long[] ids, int from, int n, Buffers buf) {
        MemorySegment seg = t.segment();
        long strideB = stride * 8, base = start * 8;
        long[] l = buf.l;
        for (int i0 = 0; i0 < n; i0 += BLOCK) {
            int len = Math.min(BLOCK, n - i0);
            for (int j = 0; j < len; j++) l[j] = ids[from + i0 + j] & IDX_MASK;
            BlockIO.store(l, seg, base + i0 * strideB, strideB, DType.INT64, len);
        }
    }

    /** Element offsets of every fiber along {@code ax}, in C order over the other axes. */
    static long[] fiberStarts(Tensor t, int ax) {
        long[] sh = t.shape(), st = t.strides();
        int nd = sh.length;
        long m = 1;
        for (int d = 0; d < nd; d++) if (d != ax) m *= sh[d];
        if (m > LIMIT) throw new IllegalArgumentException("more than 2^31 fibers on one process");
        long[] out = new long[(int) m];
        long[] ctr = new long[nd];
        long off = t.offset();
        for (int f = 0; f < m; f++) {
            out[f] = off;
            for (int d = nd - 1; d >= 0; d--) {
                if (d == ax) continue;
                ctr[d]++;
                off += st[d];
                if (ctr[d] < sh[d]) break;
                off -= st[d] * sh[d];
                ctr[d] = 0;
            }
        }
        return out;
    }
}
