package org.jheat.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.jheat.comm.CollectiveChecker;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.HasDType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * A distributed N-dimensional array: a global shape, a {@code split} axis (or null when every process holds a
 * full replica) and, on each process, the local {@link Tensor} with its consecutive slab along the split axis.
 * Every method is collective unless it says "local": all processes call it in the same order.
 *
 * <pre>{@code
 * DNDarray x = Heat.arange(10, 0);              // 0..9 split along axis 0
 * long[] ls = x.lshape();                       // this process's slab, e.g. [4] on rank 0 of 3
 * DNDarray y = x.resplit(null);                 // every process holds all 10
 * double[] v = x.toDoubleArray();               // gathered, on every process
 * }</pre>
 */
public final class DNDarray implements HasDType {
    private final long[] gshape;
    private final Communication comm;
    private int split;
    private Tensor larray;
    private long[][] lshapeMap;
    /** {@link #distribution()}, made on first use from the map (reset when the map or split change). */
    private Distribution distribution;
    private Boolean balanced;
    private Tensor haloPrev;
    private Tensor haloNext;

    /**
     * Wraps a local tensor as this process's part of a distributed array (no checks of the data against the other
     * processes — {@link #fromLocal} does those). {@code lshapeMap} holds every process's local shape (row r for
     * rank r); the array keeps it, so that {@link #lshapeMap()}, {@link #countsDispls()} and {@link #isBalanced()}
     * never communicate. It may be null when the array is replicated or the communicator has one process; for a
     * split array on several processes a null map makes this constructor collective (one allgather), so ops pass
     * the map they know.
     * The array lives on the tensor's device.
     * <pre>{@code DNDarray a = new DNDarray(local, gshape, 0, comm, map); }</pre>
     *
     * @throws IllegalArgumentException when {@code lshapeMap} does not fit the global shape, the split axis or this
     *         process's local shape
     */
    public DNDarray(Tensor larray, long[] gshape, Integer split, Communication comm, long[][] lshapeMap) {
        this.gshape = gshape.clone();
        this.split = Sanitation.split(split, gshape.length);
        this.larray = larray;
        this.comm = comm;
        long[] expect = this.split < 0 ? this.gshape : null;
        if (expect != null && !Arrays.equals(expect, larray.shape())) {
            throw new IllegalArgumentException("replicated array: local shape " + Shapes.str(larray.shape())
                    + " differs from global shape " + Shapes.str(this.gshape));
        }
        this.lshapeMap = lshapeMap != null ? checkedMap(lshapeMap) : initialMap();
    }

    /**
     * The local-shape map when the op that made the array did not pass one: known locally when replicated or on one
     * process, else gathered now (the op is collective, so all processes construct its result together) - never
     * later, when a debugger or logger might ask on one process only.
     */
    private long[][] initialMap() {
        int p = comm.size();
        if (split >= 0 && p > 1) return gatherMap();
        long[][] map = new long[p][];
        long[] row = split < 0 ? gshape.clone() : larray.shape();
        java.util.Arrays.fill(map, row);   // one shared row: the map is never modified, and lshapeMap() hands out copies
        return map;
    }

    private long[][] gatherMap() {
        int nd = gshape.length, p = comm.size();
        long[] all = comm.allgather(larray.shape());
        long[][] map = new long[p][nd];
        for (int r = 0; r < p; r++) System.arraycopy(all, r * nd, map[r], 0, nd);
        return map;
    }

    /** A map handed in must describe this array: one row per process, this process's row its local shape. */
    private long[][] checkedMap(long[][] map) {
        int p = comm.size(), nd = gshape.length;
        if (map.length != p) {
            throw new IllegalArgumentException("lshapeMap has " + map.length + " rows, expected one per process (" + p + ")");
        }
        long total = 0;
        for (int r = 0; r < p; r++) {
            if (map[r] == null || map[r].length != nd) {
                throw new IllegalArgumentException("lshapeMap row " + r + " must have " + nd + " entries, got "
                        + (map[r] == null ? "null" : map[r].length));
            }
            for (int d = 0; d < nd; d++) {
                if (d != split && map[r][d] != gshape[d]) {
                    throw new IllegalArgumentException("lshapeMap row " + r + " is " + Shapes.str(map[r]) + " but only the split axis "
                            + (split < 0 ? "(none)" : split) + " may differ from the global shape " + Shapes.str(gshape));
                }
            }
            if (split >= 0) total += map[r][split];
        }
        if (split >= 0 && total != gshape[split]) {
            throw new IllegalArgumentException("lshapeMap: the local extents along the split axis " + split + " sum to " + total
                    + ", the global extent is " + gshape[split]);
        }
        if (!Arrays.equals(map[comm.rank()], larray.shape())) {
            throw new IllegalArgumentException("lshapeMap row " + comm.rank() + " is " + Shapes.str(map[comm.rank()])
                    + " but this process's local shape is " + Shapes.str(larray.shape()));
        }
        return map;
    }

    /**
     * The map of a result with global shape {@code g} split along {@code outSplit} whose slabs along it have the
     * extents of {@code src}'s slabs along its split axis (reductions over other axes, slices of other axes …);
     * the replicated map when {@code outSplit < 0}.
     */
    static long[][] mapLike(DNDarray src, long[] g, int outSplit) {
        int p = src.comm.size();
        if (outSplit < 0 || src.split < 0) return Distribution.of(new long[p]).lshapeMap(g, -1);
        return src.distribution().lshapeMap(g, outSplit);
    }

    /**
     * {@link #DNDarray(Tensor, long[], Integer, Communication, long[][])} naming the device, which must be the local
     * tensor's.
     * <pre>{@code DNDarray a = new DNDarray(local, gshape, 0, comm, local.device(), null); }</pre>
     *
     * @throws IllegalArgumentException when {@code device} is not the tensor's device
     */
    public DNDarray(Tensor larray, long[] gshape, Integer split, Communication comm, Device device, long[][] lshapeMap) {
        // checked before the map is gathered: a bad call throws on every process before any communication
        if (device != null && device != larray.device() && !device.equals(larray.device())) {
            throw new IllegalArgumentException("DNDarray on " + device + " cannot hold a local tensor on " + larray.device()
                    + "; move the tensor with .to(device)");
        }
        this(larray, gshape, split, comm, lshapeMap);
    }

    /**
     * A distributed array from each process's local part along {@code isSplit} (Heat's {@code is_split}); the
     * global shape is the concatenation. Checks that all parts agree on the other extents and the dtype.
     * <pre>{@code DNDarray x = DNDarray.fromLocal(myRows, 0, Communications.world()); }</pre>
     */
    public static DNDarray fromLocal(Tensor local, int isSplit, Communication comm) {
        int nd = local.ndim();
        // first what every process can compare in a message of fixed size: parts of different ranks would make the
        // shape exchange below differ in length (a hang), and an axis valid on some processes only would split them
        long[] head = comm.allgather(new long[] {nd, local.dtype().ordinal()});
        for (int r = 0; r < comm.size(); r++) {
            if (head[2 * r] != head[0]) {
                throw new IllegalArgumentException("fromLocal: local parts differ in their number of dimensions: rank 0 has "
                        + head[0] + ", rank " + r + " has " + head[2 * r]);
            }
            if (head[2 * r + 1] != head[1]) {
                throw new IllegalArgumentException("fromLocal: local dtypes differ: rank 0 has "
                        + DType.values()[(int) head[1]] + ", rank " + r + " has " + DType.values()[(int) head[2 * r + 1]]);
            }
        }
        int ax = Shapes.normalizeAxis(isSplit, nd, "isSplit");
        long[] all = comm.allgather(local.shape());
        long[][] map = new long[comm.size()][nd];
        long[] gshape = local.shape();
        gshape[ax] = 0;
        for (int r = 0; r < comm.size(); r++) {
            System.arraycopy(all, r * nd, map[r], 0, nd);
            for (int d = 0; d < nd; d++) {
                if (d != ax && map[r][d] != map[0][d]) {
                    throw new IllegalArgumentException("fromLocal: local shapes differ outside the split axis " + ax
                            + ": rank 0 has " + Shapes.str(map[0]) + ", rank " + r + " has " + Shapes.str(map[r]));
                }
            }
            gshape[ax] += map[r][ax];
        }
        return new DNDarray(local, gshape, ax, comm, map);
    }

    // ------------------------------------------------------------------------------------------- metadata (local)

    /** Global shape (a copy). <pre>{@code long rows = x.gshape()[0]; }</pre> */
    public long[] gshape() { return gshape.clone(); }

    /** Same as {@link #gshape()} (numpy's name). */
    public long[] shape() { return gshape.clone(); }

    /** This process's local shape. */
    public long[] lshape() { return larray.shape(); }

    /** The split axis, or null when replicated. <pre>{@code if (x.split() == null) … }</pre> */
    public Integer split() { return split < 0 ? null : split; }

    /** The split axis, or -1 when replicated (for internal arithmetic). */
    public int splitAxis() { return split; }

    @Override
    public DType dtype() { return larray.dtype(); }

    /** Where the local data lives: its local tensor's device (the same on every process). */
    public Device device() { return larray.device(); }

    /** The communicator of this array. */
    public Communication comm() { return comm; }

    /** The local tensor (this process's slab; may be a non-contiguous view). */
    public Tensor larray() { return larray; }

    /** Number of dimensions. */
    public int ndim() { return gshape.length; }

    /** Global number of elements. */
    public long size() { return Shapes.size(gshape); }

    /** Global number of elements (Heat's name). */
    public long gnumel() { return size(); }

    /** Local number of elements. */
    public long lnumel() { return larray.size(); }

    /** Global bytes. */
    public long nbytes() { return size() * dtype().itemSize(); }

    /** Global bytes (Heat's name). */
    public long gnbytes() { return nbytes(); }

    /** Local bytes. */
    public long lnbytes() { return larray.nbytes(); }

    /** True when split and run on more than one process. */
    public boolean isDistributed() { return split >= 0 && comm.size() > 1; }

    /** C-order strides of the global array, in elements. */
    public long[] stride() { return Shapes.cStrides(gshape); }

    /** C-order strides of the global array, in bytes (numpy's {@code strides}). */
    public long[] strides() {
        long[] s = stride();
        for (int i = 0; i < s.length; i++) s[i] *= dtype().itemSize();
        return s;
    }

    /** Whether the array is balanced (see {@link #isBalanced()}); local, never null. */
    public Boolean balanced() { return isBalanced(); }

    // ------------------------------------------------------------------------------------------- distribution (local)

    /**
     * Local shapes of all processes, row r for rank r (local: the op that made the array passed it on).
     * <pre>{@code long[][] m = x.lshapeMap(); long rowsOnRank1 = m[1][0]; }</pre>
     */
    public long[][] lshapeMap() {
        return deepCopy(lshapeMap);
    }

    /**
     * Computes the local-shape map afresh with one allgather (collective, unlike {@link #lshapeMap()}); for checking
     * that the recorded map is right.
     * <pre>{@code assert Arrays.deepEquals(x.lshapeMap(), x.createLshapeMap()); }</pre>
     */
    public long[][] createLshapeMap() {
        long[][] map = gatherMap();
        lshapeMap = map;
        distribution = null;
        return deepCopy(map);
    }

    long[][] lshapeMapShared() {
        return lshapeMap;
    }

    private static long[][] deepCopy(long[][] m) {
        long[][] c = new long[m.length][];
        for (int i = 0; i < m.length; i++) c[i] = m[i].clone();
        return c;
    }

    /**
     * Counts and displacements of the entries along the split axis, {@code {counts, displs}} (local).
     * <pre>{@code long[][] cd = x.countsDispls(); long myStart = cd[1][comm.rank()]; }</pre>
     *
     * @throws IllegalStateException for a replicated array
     */
    public long[][] countsDispls() {
        if (split < 0) throw new IllegalStateException("countsDispls: array is not split (split=None)");
        Distribution d = distribution();
        return new long[][] {d.counts(), d.displs()};
    }

    /**
     * How the split axis is dealt to the processes (local: from the carried local-shape map).
     * <pre>{@code Distribution d = x.distribution(); long myStart = d.displ(comm.rank()); }</pre>
     *
     * @throws IllegalStateException for a replicated array
     */
    public Distribution distribution() {
        if (split < 0) throw new IllegalStateException("distribution: array is not split (split=None)");
        Distribution d = distribution;
        if (d == null) {
            // immutable, so made once per array: metadata-only ops (reshape views, squeeze …) ask for it on every call
            long[] c = new long[lshapeMap.length];
            for (int r = 0; r < c.length; r++) c[r] = lshapeMap[r][split];
            distribution = d = Distribution.of(c);
        }
        return d;
    }

    /** True when the split axis is dealt as {@link Distribution#counts} would (always true when replicated; local). */
    public boolean isBalanced() {
        if (balanced == null) {
            if (split < 0 || comm.size() == 1) {
                balanced = true;
            } else {
                balanced = distribution().isBalanced();
            }
        }
        return balanced;
    }

    /**
     * A balanced array with the same values: {@code this} when already balanced, else a redistributed copy.
     * <pre>{@code DNDarray b = x.balance(); }</pre>
     */
    public DNDarray balance() {
        if (isBalanced()) return this;
        return redistribute(Distribution.counts(gshape[split], comm.size()));
    }

    /** Balances this array in place (Heat's {@code balance_}). <pre>{@code x.balanceInPlace(); }</pre> */
    public DNDarray balanceInPlace() {
        if (!isBalanced()) adopt(balance());
        return this;
    }

    /**
     * A copy whose split-axis counts are {@code targetCounts} (one per rank, summing to the split extent).
     * <pre>{@code DNDarray y = x.redistribute(new long[]{10, 0, 0});   // everything on rank 0 }</pre>
     */
    public DNDarray redistribute(long[] targetCounts) {
        if (CollectiveChecker.ON) CheckedCall.note("redistribute", this, targetCounts);
        return Redistribution.redistribute(this, targetCounts);
    }

    /**
     * Heat's form: a target local-shape map (rows per rank, columns per axis); only the split column may differ
     * from the global shape.
     */
    public DNDarray redistribute(long[][] targetMap) {
        if (split < 0) throw new IllegalArgumentException("redistribute: array is not split (split=None)");
        if (targetMap == null || targetMap.length != comm.size()) {
            throw new IllegalArgumentException("redistribute: targetMap must have one row per process (" + comm.size() + ")");
        }
        long[] counts = new long[targetMap.length];
        for (int r = 0; r < targetMap.length; r++) {
            if (targetMap[r].length != gshape.length) {
                throw new IllegalArgumentException("redistribute: targetMap row " + r + " has " + targetMap[r].length
                        + " entries, expected " + gshape.length);
            }
            for (int d = 0; d < gshape.length; d++) {
                if (d != split && targetMap[r][d] != gshape[d]) {
                    throw new IllegalArgumentException("redistribute: targetMap[" + r + "][" + d + "] = " + targetMap[r][d]
                            + " but only the split axis " + split + " may differ from the global shape " + Shapes.str(gshape));
                }
            }
            counts[r] = targetMap[r][split];
        }
        return redistribute(counts);
    }

    /**
     * A copy with all entries along the split axis on process {@code targetRank} (Heat's {@code collect}); the split
     * axis is kept, the other processes hold empty slabs. A replicated array is returned as a copy.
     * <pre>{@code DNDarray onRoot = x.collect(0); }</pre>
     */
    public DNDarray collect(int targetRank) {
        if (targetRank < 0 || targetRank >= comm.size()) {
            throw new IllegalArgumentException("collect: target rank " + targetRank + " is out of range [0, " + comm.size() + ")");
        }
        if (split < 0) return copy();
        long[] counts = new long[comm.size()];
        counts[targetRank] = gshape[split];
        return redistribute(counts);
    }

    /** This array with its local data on the CPU (itself when it is there already; Heat's {@code cpu()}). */
    public DNDarray cpu() { return to(Device.CPU); }

    /**
     * This array with its local data on {@code target} (local: same distribution, no communication); itself when
     * it is there already. Call it on every process alike.
     * <pre>{@code DNDarray h = x.to(Device.CPU); }</pre>
     *
     * @throws IllegalArgumentException when the device is not available
     */
    public DNDarray to(Device target) {
        if (target == null) throw new IllegalArgumentException("to: device must not be null");
        if (target.equals(device())) return this;
        DNDarray r = new DNDarray(larray.to(target), gshape, split(), comm, lshapeMap);
        r.balanced = balanced;
        return r;
    }

    /** The gathered nested Java array (Heat's {@code tolist}); see {@link #toNestedArray()}. */
    public Object tolist() { return toNestedArray(); }

    /**
     * Sets the main diagonal of a 2-d array to {@code value}, in place (numpy's {@code fill_diagonal}); each process
     * writes the diagonal entries of its own slab.
     * <pre>{@code x.fillDiagonal(1.0); }</pre>
     */
    public DNDarray fillDiagonal(double value) {
        if (gshape.length != 2) throw new IllegalArgumentException("fillDiagonal: array must be 2-dimensional, got " + gshape.length + " dimensions");
        long off0 = 0, off1 = 0;
        if (split >= 0) {
            long start = distribution().displ(comm.rank());
            if (split == 0) off0 = start; else off1 = start;
        }
        long rows = larray.shape(0), cols = larray.shape(1);
        for (long i = 0; i < rows; i++) {
            long j = i + off0 - off1;
            if (j >= 0 && j < cols) larray.setDouble(value, i, j);
        }
        return this;
    }

    /** Redistributes in place (Heat's {@code redistribute_}). */
    public DNDarray redistributeInPlace(long[] targetCounts) {
        adopt(redistribute(targetCounts));
        return this;
    }

    /**
     * A copy split along {@code axis} (null: replicated on every process), balanced. Axis to axis is one
     * Alltoallv; null to axis is local slicing; axis to null one Allgatherv.
     * <pre>{@code DNDarray y = x.resplit(1); DNDarray full = x.resplit(null); }</pre>
     */
    public DNDarray resplit(Integer axis) {
        if (CollectiveChecker.ON) CheckedCall.note("resplit", this, axis);
        return Redistribution.resplit(this, axis);
    }

    /** Resplits in place (Heat's {@code resplit_}). <pre>{@code x.resplitInPlace(0); }</pre> */
    public DNDarray resplitInPlace(Integer axis) {
        adopt(resplit(axis));
        return this;
    }

    private void adopt(DNDarray other) {
        this.split = other.split;
        this.larray = other.larray;
        this.lshapeMap = other.lshapeMap;
        this.distribution = other.distribution;
        this.balanced = other.balanced;
        this.haloPrev = null;   // the neighbours changed with the distribution
        this.haloNext = null;
    }

    // ------------------------------------------------------------------------------------------- conversions

    /**
     * A copy converted to {@code target} (local, no communication).
     * <pre>{@code DNDarray f = x.astype(DType.FLOAT32); }</pre>
     */
    public DNDarray astype(DType target) {
        Sanitation.dtype(target, "astype");
        DNDarray r = new DNDarray(larray.astype(target), gshape, split(), comm, lshapeMap);
        r.balanced = balanced;
        return r;
    }

    /**
     * An array with the same global shape, split and distribution whose local data is {@code local} (same local
     * shape, any dtype) — the result of a local, element-wise operation.
     */
    DNDarray withLocal(Tensor local) {
        if (!Arrays.equals(local.shape(), larray.shape())) {
            throw new IllegalArgumentException("withLocal: local shape " + Shapes.str(local.shape()) + " differs from "
                    + Shapes.str(larray.shape()));
        }
        DNDarray r = new DNDarray(local, gshape, split(), comm, lshapeMap);
        r.balanced = balanced;
        return r;
    }

    /** A deep copy (local). */
    public DNDarray copy() { return astype(dtype()); }

    /**
     * The whole array as one local tensor on every process (an Allgatherv when split).
     * <pre>{@code Tensor all = x.gatherAll(); }</pre>
     */
    public Tensor gatherAll() {
        return split < 0 ? larray : Redistribution.allgather(this);
    }

    /** All elements in C order as doubles, on every process. <pre>{@code double[] v = x.toDoubleArray(); }</pre> */
    public double[] toDoubleArray() { return gatherAll().toDoubleArray(); }

    /** All elements in C order as longs, on every process. */
    public long[] toLongArray() { return gatherAll().toLongArray(); }

    /** All elements in C order as booleans, on every process. */
    public boolean[] toBooleanArray() { return gatherAll().toBooleanArray(); }

    /**
     * All elements as a nested Java array (double[][] for a 2-d float64 …), on every process.
     * <pre>{@code double[][] m = (double[][]) x.toNestedArray(); }</pre>
     */
    public Object toNestedArray() { return gatherAll().toNestedArray(); }

    /** Same as {@link #toNestedArray()} (the nested Java array). */
    public Object toArray() { return toNestedArray(); }

    /** numpy's name for the gathered nested Java array. */
    public Object numpy() { return toNestedArray(); }

    /**
     * The only element of a one-element array, boxed (Boolean, Byte, Short, Integer, Long, Float, Double),
     * on every process.
     * <pre>{@code double total = (Double) Heat.sum(x).item(); }</pre>
     */
    public Object item() {
        if (size() != 1) {
            throw new IllegalArgumentException("item(): only one-element arrays can be converted to a scalar, this has "
                    + size() + " elements (shape " + Shapes.str(gshape) + ")");
        }
        return gatherAll().getObjectFlat(0);
    }

    /** {@link #item()} as a double. */
    public double itemDouble() { return ((Number) toDoubleArrayItem()).doubleValue(); }

    /** {@link #item()} as a long. */
    public long itemLong() {
        Object o = item();
        return o instanceof Boolean b ? (b ? 1 : 0) : ((Number) o).longValue();
    }

    private Object toDoubleArrayItem() {
        Object o = item();
        return o instanceof Boolean b ? (b ? 1.0 : 0.0) : o;
    }

    // ------------------------------------------------------------------------------------------- views

    /**
     * The transpose with all axes reversed (local view; the split axis moves with its data).
     * <pre>{@code DNDarray t = x.T(); }</pre>
     */
    public DNDarray T() {
        int nd = gshape.length;
        int[] axes = new int[nd];
        for (int i = 0; i < nd; i++) axes[i] = nd - 1 - i;
        return permute(axes);
    }

    /** Axes reordered (local view): output axis i is input axis {@code axes[i]}. */
    public DNDarray permute(int... axes) {
        Tensor t = larray.permute(axes);
        long[] g = new long[axes.length];
        int newSplit = -1;
        for (int i = 0; i < axes.length; i++) {
            int a = Shapes.normalizeAxis(axes[i], gshape.length, "axes[" + i + "]");
            g[i] = gshape[a];
            if (a == split) newSplit = i;
        }
        long[][] map = null;
        if (lshapeMap != null) {
            map = new long[lshapeMap.length][axes.length];
            for (int r = 0; r < map.length; r++) {
                for (int i = 0; i < axes.length; i++) map[r][i] = lshapeMap[r][Shapes.normalizeAxis(axes[i], gshape.length, "axes")];
            }
        }
        DNDarray out = new DNDarray(t, g, newSplit < 0 ? null : newSplit, comm, map);
        out.balanced = balanced;
        return out;
    }

    // ------------------------------------------------------------------------------------------- numpy-style methods
    // (collective like the functions they delegate to; `other` is a DNDarray or a Java scalar)

    /** this + other. <pre>{@code DNDarray z = x.add(y).add(1); }</pre> */
    public DNDarray add(Object other) { return Arithmetics.add(this, other); }
    /** this - other. */
    public DNDarray sub(Object other) { return Arithmetics.sub(this, other); }
    /** this * other. */
    public DNDarray mul(Object other) { return Arithmetics.mul(this, other); }
    /** this / other (true division). */
    public DNDarray div(Object other) { return Arithmetics.div(this, other); }
    /** this // other. */
    public DNDarray floordiv(Object other) { return Arithmetics.floordiv(this, other); }
    /** this % other (Python's modulo). */
    public DNDarray mod(Object other) { return Arithmetics.mod(this, other); }
    /** this ** other. */
    public DNDarray pow(Object other) { return Arithmetics.pow(this, other); }
    /** -this. */
    public DNDarray neg() { return Arithmetics.neg(this); }
    /** |this|. */
    public DNDarray abs() { return Rounding.abs(this); }
    /** numpy's {@code x.real}: a view of the real parts of a complex array (this array when real). <pre>{@code z.real()}</pre> */
    public DNDarray real() { return Complexes.real(this); }
    /** numpy's {@code x.imag}: a view of the imaginary parts of a complex array (zeros when real). <pre>{@code z.imag()}</pre> */
    public DNDarray imag() { return Complexes.imag(this); }
    /** numpy's {@code x.conj()}. <pre>{@code z.conj()}</pre> */
    public DNDarray conj() { return Complexes.conj(this); }

    /** this += other, in place (numpy's out=): the result must cast to this dtype ("same_kind"). <pre>{@code x.addInPlace(1); }</pre> */
    public DNDarray addInPlace(Object other) { return Operations.binaryInPlace(org.jheat.tensor.Kernels.ADD, TypeRule.SAME, this, other); }
    /** this -= other, in place. */
    public DNDarray subInPlace(Object other) { return Operations.binaryInPlace(org.jheat.tensor.Kernels.SUB, TypeRule.SAME, this, other); }
    /** this *= other, in place. */
    public DNDarray mulInPlace(Object other) { return Operations.binaryInPlace(org.jheat.tensor.Kernels.MUL, TypeRule.SAME, this, other); }
    /** this /= other, in place (floating arrays only, as numpy). */
    public DNDarray divInPlace(Object other) { return Operations.binaryInPlace(org.jheat.tensor.Kernels.DIV, TypeRule.TRUE_DIV, this, other); }
    /** this //= other, in place. */
    public DNDarray floordivInPlace(Object other) { return Operations.binaryInPlace(org.jheat.tensor.Kernels.FLOORDIV, TypeRule.SAME_NOBOOL, this, other); }
    /** this %= other, in place. */
    public DNDarray modInPlace(Object other) { return Operations.binaryInPlace(org.jheat.tensor.Kernels.MOD, TypeRule.SAME_NOBOOL, this, other); }
    /** this **= other, in place. */
    public DNDarray powInPlace(Object other) { return Operations.binaryInPlace(org.jheat.tensor.Kernels.POW, TypeRule.SAME_NOBOOL, this, other); }

    /** this == other (bool array). */
    public DNDarray eq(Object other) { return Relational.eq(this, other); }
    /** this != other. */
    public DNDarray ne(Object other) { return Relational.ne(this, other); }
    /** this < other. */
    public DNDarray lt(Object other) { return Relational.lt(this, other); }
    /** this <= other. */
    public DNDarray le(Object other) { return Relational.le(this, other); }
    /** this > other. */
    public DNDarray gt(Object other) { return Relational.gt(this, other); }
    /** this >= other. */
    public DNDarray ge(Object other) { return Relational.ge(this, other); }

    /** Sum of all elements. <pre>{@code double s = x.sum().itemDouble(); }</pre> */
    public DNDarray sum() { return Arithmetics.sum(this, null, false); }
    /** Sum along one axis. <pre>{@code DNDarray colSums = x.sum(0); }</pre> */
    public DNDarray sum(int axis) { return Arithmetics.sum(this, new int[] {axis}, false); }
    /** Sum over axes (null: all). */
    public DNDarray sum(int[] axes, boolean keepDims) { return Arithmetics.sum(this, axes, keepDims); }
    /** Product of all elements. */
    public DNDarray prod() { return Arithmetics.prod(this, null, false); }
    /** Product along one axis. */
    public DNDarray prod(int axis) { return Arithmetics.prod(this, new int[] {axis}, false); }
    /** Product over axes (null: all). */
    public DNDarray prod(int[] axes, boolean keepDims) { return Arithmetics.prod(this, axes, keepDims); }
    /** Mean of all elements. */
    public DNDarray mean() { return Statistics.mean(this, null, false); }
    /** Mean along one axis. */
    public DNDarray mean(int axis) { return Statistics.mean(this, new int[] {axis}, false); }
    /** Mean over axes (null: all). */
    public DNDarray mean(int[] axes, boolean keepDims) { return Statistics.mean(this, axes, keepDims); }
    /** Population variance of all elements. */
    public DNDarray var() { return Statistics.var(this, null, 0, false); }
    /** Variance along one axis with ddof. */
    public DNDarray var(int axis, int ddof) { return Statistics.var(this, new int[] {axis}, ddof, false); }
    /** Variance over axes (null: all). */
    public DNDarray var(int[] axes, int ddof, boolean keepDims) { return Statistics.var(this, axes, ddof, keepDims); }
    /** Population standard deviation of all elements. */
    public DNDarray std() { return Statistics.std(this, null, 0, false); }
    /** Standard deviation along one axis with ddof. */
    public DNDarray std(int axis, int ddof) { return Statistics.std(this, new int[] {axis}, ddof, false); }
    /** Standard deviation over axes (null: all). */
    public DNDarray std(int[] axes, int ddof, boolean keepDims) { return Statistics.std(this, axes, ddof, keepDims); }
    /** Minimum of all elements. */
    public DNDarray min() { return Statistics.min(this, null, false); }
    /** Minimum along one axis. */
    public DNDarray min(int axis) { return Statistics.min(this, new int[] {axis}, false); }
    /** Maximum of all elements. */
    public DNDarray max() { return Statistics.max(this, null, false); }
    /** Maximum along one axis. */
    public DNDarray max(int axis) { return Statistics.max(this, new int[] {axis}, false); }
    /** Range (max - min) of all elements. */
    public DNDarray ptp() { return Statistics.ptp(this, null, false); }
    /** Global flat index of the maximum. */
    public DNDarray argmax() { return Statistics.argmax(this, null, false); }
    /** Indices of the maxima along an axis (global positions). */
    public DNDarray argmax(int axis) { return Statistics.argmax(this, axis, false); }
    /** Global flat index of the minimum. */
    public DNDarray argmin() { return Statistics.argmin(this, null, false); }
    /** Indices of the minima along an axis. */
    public DNDarray argmin(int axis) { return Statistics.argmin(this, axis, false); }
    /** Running sum along an axis. */
    public DNDarray cumsum(int axis) { return Arithmetics.cumsum(this, axis); }
    /** Running product along an axis. */
    public DNDarray cumprod(int axis) { return Arithmetics.cumprod(this, axis); }
    /** True when every element is nonzero (one answer on every process). */
    public boolean all() { return Logical.all(this); }
    /** True when any element is nonzero. */
    public boolean any() { return Logical.any(this); }
    /** Median of all elements (exact, distributed). */
    public DNDarray median() { return Quantiles.median(this); }
    /** Median along an axis. */
    public DNDarray median(int axis) { return Quantiles.median(this, axis, false); }
    /** The q-th percentile (0…100) of all elements, linear interpolation. */
    public DNDarray percentile(double q) { return Quantiles.percentile(this, q); }
    /** Weighted average along an axis (null: all; weights null: unweighted). */
    public DNDarray average(Integer axis, DNDarray weights) { return Moments.average(this, axis, weights); }
    /** Rounded to {@code decimals} digits (half to even). */
    public DNDarray round(int decimals) { return Rounding.round(this, decimals); }
    /** Values limited to [min, max]. */
    public DNDarray clip(double min, double max) { return Rounding.clip(this, min, max); }

    /**
     * numpy indexing {@code x[idx…]}: integers, slices, ellipsis, newaxis, boolean masks and integer arrays (any of
     * them distributed). Basic indexing returns a view. <pre>{@code x.get(slice(0, 10), all(), idx(3))}</pre>
     */
    public DNDarray get(Index... idx) { return Indexing.get(this, idx); }
    /**
     * numpy assignment {@code x[idx…] = value} (a DNDarray or Java scalar, broadcast); in place, returns this.
     * <pre>{@code x.set(0.0, mask(lt(x, 0))); }</pre>
     */
    public DNDarray set(Object value, Index... idx) { return Indexing.set(this, value, idx); }
    /** Global indices of the nonzero elements, one int64 array per axis. */
    public DNDarray[] nonzero() { return Indexing.nonzero(this); }

    /**
     * Heat's {@code lloc}: indexing of this process's local tensor with local indices (no communication).
     * <pre>{@code Tensor firstLocalRow = x.lloc().get(idx(0)); x.lloc().set(0.0, idx(0)); }</pre>
     */
    public LocalIndex lloc() { return new LocalIndex(this); }

    /**
     * Heat's {@code __partitioned__}: the global shape, the tiling (the process count along the split axis, 1
     * elsewhere), every process's tile (start, shape, owner, and the data on the owner) and this process's tile.
     * No communication. {@link Factories#fromPartitioned} builds an array from it.
     * <pre>{@code Tensor mine = x.partitioned().get(x.partitioned().locals().get(0));   // = x.larray() }</pre>
     */
    public Partitioned partitioned() {
        int nd = gshape.length, p = comm.size(), me = comm.rank();
        int[] tiling = new int[nd];
        Arrays.fill(tiling, 1);
        Map<List<Integer>, Partitioned.Part> parts = new LinkedHashMap<>();
        Integer[] key = new Integer[nd];
        Arrays.fill(key, 0);
        if (split < 0) {
            List<Integer> everyone = IntStream.range(0, p).boxed().toList();
            parts.put(List.of(key), new Partitioned.Part(new long[nd], gshape, larray, everyone, dtype()));
            return new Partitioned(gshape, tiling, parts, List.of(List.of(key)));
        }
        tiling[split] = p;
        long[][] map = lshapeMap();
        Distribution dist = distribution();
        for (int r = 0; r < p; r++) {
            long[] st = new long[nd];
            st[split] = dist.displ(r);
            key[split] = r;
            parts.put(List.of(key), new Partitioned.Part(st, map[r], r == me ? larray : null, List.of(r), dtype()));
        }
        key[split] = me;
        return new Partitioned(gshape, tiling, parts, List.of(List.of(key)));
    }

    /** Sorted along the last axis (ascending, NaN last). */
    public DNDarray sort() { return Sorting.sort(this); }
    /** Sorted along {@code axis}. */
    public DNDarray sort(int axis, boolean descending) { return Sorting.sort(this, axis, descending, false); }
    /** Indices (global) that sort along the last axis (stable). */
    public DNDarray argsort() { return Sorting.argsort(this); }

    /**
     * Exchanges {@code width} neighbour rows along the split axis (Heat's {@code get_halo}) and keeps them for
     * {@link #haloPrev()}, {@link #haloNext()}; returns {prev, next}. <pre>{@code x.getHalo(1); Tensor p = x.haloPrev(); }</pre>
     */
    public Tensor[] getHalo(long width) {
        Tensor[] h = Halos.getHalo(this, width);
        haloPrev = h[0];
        haloNext = h[1];
        return h;
    }
    /** The rows before this slab fetched by the last {@link #getHalo}, or null. */
    public Tensor haloPrev() { return haloPrev; }
    /** The rows after this slab fetched by the last {@link #getHalo}, or null. */
    public Tensor haloNext() { return haloNext; }
    /** This slab with {@code width} neighbour rows attached on both sides along the split axis. */
    public Tensor arrayWithHalos(long width) { return Halos.arrayWithHalos(this, width); }

    /** The same elements in a new shape (one extent may be -1); see {@link Shaping#reshape(DNDarray, long...)}. <pre>{@code x.reshape(4, -1)}</pre> */
    public DNDarray reshape(long... shape) { return Shaping.reshape(this, shape); }
    /** A 1-d copy in C order. */
    public DNDarray flatten() { return Shaping.flatten(this); }
    /** A 1-d view when possible, else a copy. */
    public DNDarray ravel() { return Shaping.ravel(this); }
    /** Without the length-1 axes. */
    public DNDarray squeeze() { return Shaping.squeeze(this); }
    /** With a new length-1 axis at {@code axis}. */
    public DNDarray expandDims(int axis) { return Shaping.expandDims(this, axis); }
    /** Two axes exchanged. */
    public DNDarray swapaxes(int a, int b) { return Shaping.swapaxes(this, a, b); }
    /** Axes permuted (numpy's {@code transpose(axes)}). */
    public DNDarray transpose(int... axes) { return Shaping.transpose(this, axes); }
    /** Each element repeated along {@code axis} (null: flattened). */
    public DNDarray repeat(long repeats, Integer axis) { return Manipulations.repeat(this, repeats, axis); }
    /** Reversed along {@code axes} (none: all). */
    public DNDarray flip(int... axes) { return Manipulations.flip(this, axes); }
    /** Rolled by {@code shift} along {@code axis} (null: flattened). */
    public DNDarray roll(long shift, Integer axis) { return Manipulations.roll(this, shift, axis); }
    /** The main diagonal (2-d). */
    public DNDarray diagonal() { return Manipulations.diagonal(this); }
    /** Lower triangle (2-d). */
    public DNDarray tril(long k) { return Manipulations.tril(this, k); }
    /** Upper triangle (2-d). */
    public DNDarray triu(long k) { return Manipulations.triu(this, k); }

    // ------------------------------------------------------------------------------------------- printing

    /**
     * Text for debuggers, loggers and string concatenation: never communicates, so it may be called on one process.
     * On one process, or for a replicated array, the numpy text of the values, e.g.
     * {@code DNDarray([0., 1., 2.], dtype=float64, device=cpu:0, split=0)}; for a split array under MPI the metadata
     * and this process's slab (summarised), marked as a local view (see {@link Printing#describe}). The values of
     * the whole array are printed by the collective {@code Heat.print0(x)} / {@link Printing#format}.
     * <pre>{@code if (rank == 0) System.out.println("x = " + x);   // safe: local }</pre>
     */
    @Override
    public String toString() {
        return Printing.describe(this);
    }

    /** The world communicator (the default for new arrays). */
    static Communication world() { return Communications.world(); }
}
