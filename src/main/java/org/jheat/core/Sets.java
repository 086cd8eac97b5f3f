package org.jheat.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jheat.comm.Communication;
import org.jheat.tensor.Complex;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.SortKeys;
import org.jheat.tensor.Tensor;

/**
 * Set operations: {@code unique} (numpy's {@code unique} / Heat's {@code unique}) of a distributed array, without
 * gathering the array anywhere (Heat's open issue #749).
 *
 * <p><b>Algorithm.</b> (1) Every process sorts its local elements as 64-bit keys (see {@link Sorting}: NaN
 * collapse to one value, numpy 1.24's {@code equal_nan=True}; -0.0 and 0.0 are one value, reported as 0.0) and
 * reduces them to its local unique values with counts. (2) The local unique values are partitioned by value with
 * sample-sort splitters (equal values always go to the same owner) and sent to their owners in one Alltoallv;
 * each owner merges the runs it received, merging equal values and summing their counts: the owners now hold
 * consecutive, disjoint ranges of the global unique values. (3) One Allgather of the owners' counts gives each
 * owner the global position of its first unique value; values and counts are then shifted to a balanced
 * distribution (one Alltoallv each). (4) For {@code returnInverse}, each owner answers, in the order received,
 * the global position of every value a process sent it (one Alltoallv back, the reverse of step 2), and each
 * process maps its elements through its local unique values to those positions. Data moved: local unique values
 * only (and their positions), never the array; memory per process is bounded by its local data plus its share of
 * the unique values.
 *
 * <p><b>Result.</b> {@code {values, inverse, counts}} (null for the parts not asked for): values sorted ascending,
 * 1-d, split along 0 and balanced when x is split (replicated when x is); counts int64 aligned with values;
 * inverse int64 with x's shape and distribution (torch/Heat; numpy 1.24 returns it flattened, which
 * {@code inverse.flatten()} gives) such that {@code values[inverse] == x}. {@code sorted == false} is accepted and
 * still gives sorted values. With an {@code axis}, the unique slices along it (numpy's {@code unique(x, axis=…)}):
 * values keep x's other extents, inverse and counts are 1-d (see {@code uniqueAlongAxis}).
 *
 * <pre>{@code
 * DNDarray x = Heat.array(new long[] {3, 1, 3, 2, 1, 3}, null, 0);
 * DNDarray u = Sets.unique(x);                                       // [1, 2, 3]
 * DNDarray[] r = Sets.unique(x, true, true, true, null);
 * // r[0] = [1, 2, 3], r[1] (inverse) = [2, 0, 2, 1, 0, 2], r[2] (counts) = [2, 1, 3]
 * }</pre>
 */
public final class Sets {
    private Sets() { }

    /**
     * numpy's {@code unique(x, axis=ax)}: the distinct slices along ax, in lexicographic order of their elements (C
     * order of the other axes). The slices become the rows of an (n, m) array split along its rows (or replicated);
     * a stable distributed argsort by each column, last to first (least significant digit first: m sorts, each moving
     * one column and the order, never the rows), orders them; the rows are then moved once into that order, and a
     * row starts a group where it differs from the one before it (a roll by one row) — numerically, as numpy compares
     * the slices: -0.0 equals 0.0, and a slice holding NaN equals no other. Values: the group starts, moved back to
     * axis ax (split along ax and balanced when x is split); counts and inverse (1-d, length n) as for the flattened
     * form. Complex elements sort by real, then imaginary part.
     */
    private static DNDarray[] uniqueAlongAxis(DNDarray x, int ax, boolean returnInverse, boolean returnCounts) {
        long[] g = x.gshape();
        long n = g[ax], m = 1;
        for (int d = 0; d < g.length; d++) if (d != ax) m *= g[d];
        Integer split = x.split() == null ? null : 0;
        DNDarray rows = Shaping.reshape(Shaping.moveaxis(x, ax, 0), new long[] {n, m}, split);
        // the key columns, least significant last: element j's real part, then its imaginary part
        List<DNDarray> cols = new ArrayList<>();
        DNDarray re = x.dtype().isComplex() ? Complexes.real(rows) : rows, im = x.dtype().isComplex() ? Complexes.imag(rows) : null;
        for (long j = 0; j < m; j++) {
            cols.add(Indexing.get(re, Index.all(), Index.idx(j)));
            if (im != null) cols.add(Indexing.get(im, Index.all(), Index.idx(j)));
        }
        DNDarray order = Factories.arange(0, n, 1, DType.INT64, split);
        if (split != null) order = order.redistribute(rows.countsDispls()[0]);
        for (int c = cols.size() - 1; c >= 0; c--) {
            DNDarray key = Redistribution.takeAlongAxis0(cols.get(c), order);
            order = Redistribution.takeAlongAxis0(order, Sorting.argsort(key, 0, false, true));
        }
        DNDarray sorted = Redistribution.takeAlongAxis0(rows, order);
        // a row starts a group where some element differs from the row before (the first row always does)
        DNDarray prev = Manipulations.roll(sorted, 1, 0);
        DNDarray differs = Logical.any(Relational.ne(sorted, prev), new int[] {1}, false);
        DNDarray pos = Factories.arange(0, n, 1, DType.INT64, split);
        if (split != null) pos = pos.redistribute(differs.countsDispls()[0]);
        DNDarray keep = Logical.logicalOr(differs, Relational.eq(pos, 0));
        DNDarray u = Indexing.get(sorted, Index.mask(keep));
        if (u.splitAxis() == 0) u = u.balance();
        long nu = u.gshape()[0];
        long[] moved = new long[g.length];
        moved[0] = nu;
        for (int d = 0, k = 1; d < g.length; d++) if (d != ax) moved[k++] = g[d];
        DNDarray values = Shaping.moveaxis(Shaping.reshape(u, moved, split), 0, ax);
        DNDarray counts = null, inverse = null;
        if (returnCounts) {
            DNDarray ends = Manipulations.roll(keep, -1, 0);
            DNDarray first = Indexing.get(pos, Index.mask(keep)), last = Indexing.get(pos, Index.mask(ends));
            if (first.splitAxis() == 0) { first = first.balance(); last = last.balance(); }
            counts = Arithmetics.add(Arithmetics.sub(last, first), 1);
        }
        if (returnInverse) {
            DNDarray gid = Arithmetics.sub(Arithmetics.cumsum(keep.astype(DType.INT64), 0), 1);
            inverse = Redistribution.takeAlongAxis0(gid, Sorting.argsort(order, 0, false, false));
        }
        return new DNDarray[] {values, inverse, counts};
    }

    /**
     * {@code {values, inverse or null, counts or null}} of complex x: numpy's complex sort ({@link Sorting}, a stable
     * argsort when inverse or counts are asked for), then each sorted value that differs from its predecessor starts
     * a group (the predecessor of a slab's first value is the last value of the nearest non-empty slab before it,
     * one allgather), all values with a NaN part counting as one (numpy's {@code equal_nan=True}). Values: the group
     * starts, split 0 (balanced) when x is split, else replicated. Counts: last minus first position of each group
     * plus one, the last positions being the next group's starts (a roll by one). Inverse: the group number (a
     * cumulative sum of the starts) sent back to each element's original position (the inverse permutation of the
     * argsort), with x's shape and distribution. Every step is a distributed operation: nothing is gathered.
     */
    private static DNDarray[] uniqueComplex(DNDarray x, boolean returnInverse, boolean returnCounts) {
        DNDarray f = x.ndim() == 1 ? x : Shaping.flatten(x);
        boolean groups = returnInverse || returnCounts;
        DNDarray order = groups ? Sorting.argsort(f, 0, false, true) : null;
        DNDarray s = groups ? Redistribution.takeAlongAxis0(f, order) : Sorting.sort(f, 0, false, false);
        Tensor l = s.larray();
        long n = l.size();
        Communication comm = s.comm();
        Complex prev = null;
        if (s.splitAxis() == 0 && comm.size() > 1) {
            Tensor mine = l.newZeros(DType.FLOAT64, 3), all = l.newEmpty(DType.FLOAT64, 3L * comm.size());
            if (n > 0) {
                Complex last = l.getComplexFlat(n - 1);
                mine.copyFrom(new double[] {1, last.re(), last.im()}, 0);
            }
            comm.allgather(mine, all);
            double[] a = all.toDoubleArray();
            for (int r = 0; r < comm.rank(); r++) if (a[3 * r] != 0) prev = new Complex(a[3 * r + 1], a[3 * r + 2]);
        }
        Tensor shifted = l.newEmpty(l.dtype(), n);
        if (n > 1) shifted.narrow(0, 1, n - 1).copyFrom(l.narrow(0, 0, n - 1));
        if (n > 0) shifted.setComplex(prev == null ? Complex.ZERO : prev, 0);
        DNDarray sh = s.withLocal(shifted);
        DNDarray keep = Logical.logicalAnd(Relational.ne(s, sh),
                Logical.logicalNot(Logical.logicalAnd(Logical.isnan(s), Logical.isnan(sh))));
        if (n > 0 && prev == null) keep.larray().setLongFlat(1, 0);
        DNDarray u = s.get(Index.mask(keep));
        DNDarray values = u.splitAxis() == 0 ? u.balance() : u;
        DNDarray counts = null, inverse = null;
        if (returnCounts) {
            // the global positions of this slab's sorted elements
            long off = 0;
            if (s.splitAxis() == 0) for (int r = 0; r < comm.rank(); r++) off += s.lshapeMap()[r][0];
            long[] pos = new long[(int) n];
            for (int i = 0; i < n; i++) pos[i] = off + i;
            DNDarray p = s.withLocal(Tensor.fromArray(pos).to(l.device()));
            // a group ends where the next one starts (the first element always starts one, so the roll's wrap-around
            // marks the last element as an end)
            DNDarray ends = Manipulations.roll(keep, -1, 0);
            DNDarray first = p.get(Index.mask(keep)), last = p.get(Index.mask(ends));
            if (first.splitAxis() == 0) { first = first.balance(); last = last.balance(); }
            counts = Arithmetics.add(Arithmetics.sub(last, first), 1);
        }
        if (returnInverse) {
            DNDarray gid = Arithmetics.sub(Arithmetics.cumsum(keep.astype(DType.INT64), 0), 1);
            DNDarray back = Sorting.argsort(order, 0, false, false);
            DNDarray inv = Redistribution.takeAlongAxis0(gid, back);
            inv = x.ndim() == 1 ? inv : Shaping.reshape(inv, x.gshape(), x.split());
            if (x.splitAxis() >= 0 && comm.size() > 1) inv = inv.redistribute(x.lshapeMap());
            inverse = inv;
        }
        return new DNDarray[] {values, inverse, counts};
    }

    /** The sorted unique values of x (flattened). <pre>{@code DNDarray u = Sets.unique(x); }</pre> */
    public static DNDarray unique(DNDarray x) { return unique(x, true, false, false, null)[0]; }

    /**
     * numpy/Heat {@code unique}: {@code {values, inverse or null, counts or null}} (see the class comment). Collective.
     * <pre>{@code DNDarray[] r = Sets.unique(x, true, false, true, null); DNDarray counts = r[2]; }</pre>
     *
     * Complex values: numpy's lexicographic order, all values with a NaN part one value (numpy 1.24's
     * {@code equal_nan=True}); inverse and counts as for real values.
     *
     * @throws IllegalArgumentException for an axis out of range — on every rank, before any communication
     */
    public static DNDarray[] unique(DNDarray x, boolean sorted, boolean returnInverse, boolean returnCounts, Integer axis) {
        DType t = x.dtype();
        if (axis != null) return uniqueAlongAxis(x, Shapes.normalizeAxis(axis, x.ndim(), "axis"), returnInverse, returnCounts);
        if (t.isComplex()) {
            return uniqueComplex(x, returnInverse, returnCounts);
        }
        Communication comm = x.comm();
        int p = comm.size();
        boolean dist = x.splitAxis() >= 0 && p > 1;
        long lsize = x.larray().size();
        if (lsize > Integer.MAX_VALUE - 8) throw new IllegalStateException("unique: local part of more than 2^31 elements");
        int n = (int) lsize;

        // (1) local unique values with counts (and each element's local unique id)
        Tensor flat = x.larray().contiguous().reshape(lsize);
        long[] keys = new long[n];
        long[] ids = returnInverse ? new long[n] : null;
        flat.backend().readSortKeys(flat, false, true, keys, ids, 0);
        if (ids != null) for (int i = 0; i < n; i++) ids[i] &= SortKeys.IDX_MASK;   // the sign of zero is not kept
        SortKeys.sortLocal(keys, ids, n);
        int u = 0;
        long[] ucnt = new long[n];
        int[] localUid = returnInverse ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) keys[u++] = keys[i];
            ucnt[u - 1]++;
            if (localUid != null) localUid[(int) ids[i]] = u - 1;
        }
        long[] ukeys = keys;

        DNDarray values, counts, inverse = null;
        long[] globalUid;
        if (!dist) {
            long[] vShape = {u};
            Tensor vt = decode(ukeys, u, t).to(x.device());
            Tensor ct = Tensor.fromArray(Arrays.copyOf(ucnt, u)).to(x.device());
            Integer sp = x.split() == null ? null : 0;
            values = sp == null ? new DNDarray(vt, vShape, null, comm, null)
                    : Redistribution.withMap(vt, vShape, 0, comm, vt.device());
            counts = sp == null ? new DNDarray(ct, vShape, null, comm, null)
                    : Redistribution.withMap(ct, vShape, 0, comm, ct.device());
            globalUid = new long[u];
            for (int i = 0; i < u; i++) globalUid[i] = i;
        } else {
            // (2) local unique values to their owners, by value
            long[] all = comm.allgather((long) u);
            long total = Distribution.total(all);
            long[] ts = new long[p];
            for (int r = 0; r < p; r++) ts[r] = total * r / p;
            Sorting.Received rc = Sorting.toOwners(comm, ukeys, ucnt, u, 0, ts, true);
            int m = rc.keys().length;
            long[] mk = rc.keys().clone(), mc = rc.ids().clone();
            int[] bounds = new int[p + 1];
            for (int r = 0; r < p; r++) bounds[r + 1] = bounds[r] + (int) rc.recvCounts()[r];
            SortKeys.mergeRuns(mk, mc, m, bounds);
            int v = 0;
            for (int i = 0; i < m; i++) {
                if (i == 0 || mk[i] != mk[i - 1]) {
                    mk[v] = mk[i];
                    mc[v++] = mc[i];
                } else {
                    mc[v - 1] += mc[i];
                }
            }
            // (3) global positions, balanced values and counts
            long[] owned = comm.allgather((long) v);
            long nu = Distribution.total(owned);
            long myOff = Distribution.displs(owned)[comm.rank()];
            Sorting.Part bal = Sorting.rebalance(comm, mk, returnCounts ? mc : null, v, Distribution.balanced(nu, p));
            long[] g = {nu};
            values = Redistribution.withMap(decode(bal.keys(), bal.n(), t).to(x.device()), g, 0, comm, x.device());
            counts = returnCounts ? Redistribution.withMap(Tensor.fromArray(Arrays.copyOf(bal.ids(), bal.n())).to(x.device()), g, 0, comm,
                    x.device()) : null;
            // (4) positions back to the senders, in the order they sent
            globalUid = null;
            if (returnInverse) {
                long[] pos = new long[m];
                for (int i = 0; i < m; i++) pos[i] = myOff + Arrays.binarySearch(mk, 0, v, rc.keys()[i]);
                globalUid = Sorting.alltoallv(comm, pos, rc.recvCounts(), Distribution.displs(rc.recvCounts()), rc.sendCounts());
            }
        }
        if (returnInverse) {
            long[] iv = new long[n];
            for (int i = 0; i < n; i++) iv[i] = globalUid[localUid[i]];
            Tensor inv = Tensor.fromArray(iv).reshape(x.lshape()).to(x.device());
            inverse = new DNDarray(inv, x.gshape(), x.split(), comm, x.splitAxis() >= 0 ? x.lshapeMap() : null);
        }
        return new DNDarray[] {values, inverse, returnCounts ? counts : null};
    }

    /** Keys (ascending, not complemented) back to values of dtype t. */
    private static Tensor decode(long[] keys, int n, DType t) {
        Tensor out = Tensor.empty(t, n);
        if (n > 0) out.backend().writeSortValues(out, keys, null, 0, false, false);
        return out;
    }
}
