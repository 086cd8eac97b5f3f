package org.jheat.core;


import org.jheat.comm.CollectiveChecker;
import org.jheat.comm.Communication;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Backend;
import org.jheat.tensor.SortKeys;
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
 * <p><b>Kernels</b> ({@link SortKeys}, run by the backend). Values only: {@code Arrays.sort(long[])} of the keys. With indices
 * ({@code argsort}, {@code topk}, the combined form, and a {@code stable} sort of floats): a stable radix sort of
 * (key, index) pairs, so the result is always stable; ±0 share one key and the sign of a negative zero travels in
 * the index, so sorted values stay exact.
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

    // ------------------------------------------------------------------------------------------- complex

    /**
     * numpy's order of complex numbers: finite-or-infinite values lexicographically (real part, then imaginary
     * part), then those with a NaN imaginary part by real part, then those with a NaN real part by imaginary part,
     * then NaN+NaNj ({@code [R + Rj, R + nanj, nan + Rj, nan + nanj]}). Three stable passes of the real sort, least
     * significant key first: the imaginary parts, the real parts, then the NaN group (0…3); the composed permutation
     * sorts the values. Along the split axis of a 1-d array the passes are the distributed sample sort and
     * {@link Redistribution#takeAlongAxis0}; an n-d array sorted along its split axis is resplit along another axis
     * first (as the real sort does), so that the passes are local.
     */
    private static DNDarray[] complexSort(DNDarray x, int ax, boolean desc, boolean wantVals, boolean wantIdx, String op) {
        Communication comm = x.comm();
        int s = x.splitAxis();
        long[] g = x.gshape();
        if (s == ax && comm.size() > 1 && x.ndim() >= 2) {
            int o = -1;
            for (int d = 0; d < g.length; d++) if (d != ax && (o < 0 || g[d] > g[o])) o = d;
            DNDarray[] r = complexSort(x.resplit(o), ax, desc, wantVals, wantIdx, op);
            return new DNDarray[] {r[0] == null ? null : r[0].resplit(ax), r[1] == null ? null : r[1].resplit(ax)};
        }
        DNDarray re = Complexes.real(x), im = Complexes.imag(x);
        DNDarray group = Arithmetics.add(Arithmetics.mul(Logical.isnan(re), 2L), Logical.isnan(im));
        DNDarray[] keys = {im, re, group};
        if (s == ax && comm.size() > 1) {
            DNDarray perm = null;
            for (DNDarray key : keys) {
                DNDarray k = perm == null ? key : Redistribution.takeAlongAxis0(key, perm);
                DNDarray i = run(k, 0, desc, true, false, true, -1, op)[1];
                perm = perm == null ? i : Redistribution.takeAlongAxis0(perm, i);
            }
            return new DNDarray[] {wantVals ? Redistribution.takeAlongAxis0(x, perm) : null, wantIdx ? perm : null};
        }
        Backend be = x.larray().backend();
        Tensor perm = null;
        for (DNDarray key : keys) {
            Tensor k = perm == null ? key.larray() : takeAlong(key.larray(), perm, ax);
            Tensor i = be.sort(k, ax, desc, true, false, true, -1)[1];
            perm = perm == null ? i : takeAlong(perm, i, ax);
        }
        Tensor vals = wantVals ? takeAlong(x.larray(), perm, ax) : null;
        return new DNDarray[] {vals == null ? null : x.withLocal(vals), wantIdx ? x.withLocal(perm) : null};
    }

    /** numpy's {@code take_along_axis} of a local tensor: {@code out[..., j, ...] = src[..., idx[..., j, ...], ...]}. */
    private static Tensor takeAlong(Tensor src, Tensor idx, int ax) {
        long[] shape = idx.shape();
        int nd = shape.length;
        long n = idx.size();
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("sort: a local slab of " + n + " complex elements is too large");
        long[] along = idx.contiguous().toLongArray();
        long[][] index = new long[nd][(int) n];
        long[] pos = new long[nd];
        for (int j = 0; j < n; j++) {
            for (int d = 0; d < nd; d++) index[d][j] = d == ax ? along[j] : pos[d];
            for (int d = nd - 1; d >= 0 && ++pos[d] == shape[d]; d--) pos[d] = 0;
        }
        int[] axes = new int[nd];
        for (int d = 0; d < nd; d++) axes[d] = d;
        Tensor out = src.newEmpty(src.dtype(), n);
        src.backend().gatherRows(src, axes, index, n, out);
        return out.reshape(shape);
    }

    // ------------------------------------------------------------------------------------------- driver

    /** {values or null, indices or null}; k >= 0: only the first k along the axis (topk). */
    private static DNDarray[] run(DNDarray x, int axis, boolean desc, boolean stable, boolean wantVals, boolean wantIdx,
                                  long k, String op) {
        DType t = x.dtype();
        if (x.ndim() == 0) throw new IllegalArgumentException(op + ": axis " + axis + " is out of bounds for a 0-d array");
        if (t.isComplex()) {
            if (k >= 0) throw Operations.complexUnsupported(op, t);
            return complexSort(x, Shapes.normalizeAxis(axis, x.ndim(), "axis"), desc, wantVals, wantIdx, op);
        }
        if (CollectiveChecker.ON) CheckedCall.note(op, x, axis, desc, k);
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
            if (g[ax] > SortKeys.LIMIT) throw new IllegalArgumentException(op + ": axis of " + g[ax] + " elements is longer than 2^31 on one process");
            Tensor[] r = x.larray().backend().sort(x.larray(), ax, desc, stable, wantVals, wantIdx, k);
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
            if (c > SortKeys.LIMIT) throw new IllegalArgumentException(op + ": a process holds " + c + " elements of a fiber (limit 2^31)");
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
        Tensor in = x.larray();
        Backend be = in.backend();
        Tensor vals = wantVals ? in.newEmpty(x.dtype(), os) : null;
        Tensor idx = wantIdx ? in.newEmpty(DType.INT64, os) : null;
        Tensor[] inF = in.fibers(ax);
        Tensor[] vF = vals == null ? null : vals.fibers(ax);
        Tensor[] iF = idx == null ? null : idx.fibers(ax);
        boolean zeroEq = idxPath && x.dtype().isFloat();
        int nl = (int) cd.count(me);
        long base = cd.displ(me);
        long[] keys = new long[nl];
        long[] ids = idxPath ? new long[nl] : null;
        for (int f = 0; f < inF.length; f++) {
            be.readSortKeys(inF[f], desc, zeroEq, keys, ids, base);
            int cand = nl;
            if (k >= 0) {   // topk: only this process's k best can win
                SortKeys.sortAny(keys, ids, nl);
                cand = (int) Math.min(k, nl);
            }
            Part r = sampleSort(comm, keys, ids, cand, base, target);
            if (vals != null) be.writeSortValues(vF[f], r.keys(), r.ids(), 0, desc, zeroEq);
            if (idx != null) be.writeSortIndices(iF[f], r.ids(), 0);
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
        for (int i = 0; i < n; i++) sc[bucket(sp, keys[i], ids == null ? tbBase + i : ids[i] & SortKeys.IDX_MASK)]++;
        long[] rcounts = Redistribution.alltoallCounts(comm, sc);
        int m = (int) Distribution.total(rcounts);
        long[] rd = Distribution.displs(rcounts), seen = new long[p];
        // what arrives replaces the input (the caller hands keys/ids over) when it all moves in one round; in rounds
        // the input is still scanned for the later rounds, so the output is a new array
        long[][] out = new long[2][];
        int w = ids == null ? 1 : 2;
        Rounds.alltoallv(comm, DType.INT64, w, sc, rcounts, null,
                (from, len, buf, at, round, rounds) -> {
                    long[] hi = new long[p];
                    for (int r = 0; r < p; r++) hi[r] = from[r] + len[r];
                    buf.backend().scatterBucketWindow(keys, ids, n, tbBase, (k, t) -> bucket(sp, k, t), from, hi, at, seen, buf);
                },
                (from, len, buf, at, round, rounds) -> {
                    if (out[0] == null) {
                        out[0] = rounds == 1 && m <= keys.length ? keys : new long[m];
                        out[1] = ids == null ? null : rounds == 1 && m <= ids.length ? ids : new long[m];
                    }
                    unpackRows(buf, at, len, rd, from, out[0], out[1]);
                });
        if (out[0] == null) {
            out[0] = m <= keys.length ? keys : new long[m];
            out[1] = ids == null ? null : m <= ids.length ? ids : new long[m];
        }
        long[] rk = out[0], ri = out[1];
        SortKeys.sortAny(rk, ri, m);
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

    /**
     * Copies the rows of one round out of the flat int64 buffer: rank r's {@code len[r]} rows at row {@code at[r]}
     * belong at {@code rd[r] + from[r]} of {@code keys} (and of {@code ids}, interleaved as (key, id) rows, when not null).
     */
    private static void unpackRows(Tensor buf, long[] at, long[] len, long[] rd, long[] from, long[] keys, long[] ids) {
        for (int r = 0; r < at.length; r++) {
            int l = (int) len[r], to = (int) (rd[r] + from[r]);
            if (l == 0) continue;
            if (ids == null) {
                buf.readLongs(at[r], keys, to, l);
            } else {
                long[] pairs = new long[2 * Math.min(l, 4096)];   // chunked: no temporary of the block's size
                for (int j0 = 0; j0 < l; j0 += 4096) {
                    int c = Math.min(4096, l - j0);
                    buf.readLongs(2 * (at[r] + j0), pairs, 0, 2 * c);
                    for (int j = 0; j < c; j++) {
                        keys[to + j0 + j] = pairs[2 * j];
                        ids[to + j0 + j] = pairs[2 * j + 1];
                    }
                }
            }
        }
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
            smp[3 * i + 1] = ids == null ? tbBase + at : ids[(int) at] & SortKeys.IDX_MASK;
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
        int[] order = SortKeys.orderByKeyTb(sk, st, q);
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
                    : SortKeys.lowerBound(keys, ids, n, tbBase, sp.key()[j - 1], keyOnly ? Long.MIN_VALUE : sp.tb()[j - 1], keyOnly);
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

    /**
     * Sends {@code src[sd[r], +sc[r])} to rank r and places what rank r sends at {@code dst[rStart[r], …)}, in rounds
     * within the {@link ExchangeBudget}.
     */
    private static void shift(Communication comm, long[] src, long[] sc, long[] sd, long[] rc, long[] rStart, long[] dst) {
        int p = comm.size();
        Rounds.alltoallv(comm, DType.INT64, 1, sc, rc, null,
                (from, len, buf, at, round, rounds) -> {
                    for (int r = 0; r < p; r++) if (len[r] > 0) buf.writeLongs(at[r], src, (int) (sd[r] + from[r]), (int) len[r]);
                },
                (from, len, buf, at, round, rounds) -> {
                    for (int r = 0; r < p; r++) if (len[r] > 0) buf.readLongs(at[r], dst, (int) (rStart[r] + from[r]), (int) len[r]);
                });
    }

    /** One Alltoallv of long arrays (in rounds within the budget); the result holds the received blocks in rank order. */
    static long[] alltoallv(Communication comm, long[] send, long[] sc, long[] sd, long[] rc) {
        long[] out = new long[(int) Distribution.total(rc)];
        shift(comm, send, sc, sd, rc, Distribution.displs(rc), out);
        return out;
    }
}
