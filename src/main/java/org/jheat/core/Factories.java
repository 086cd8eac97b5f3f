package org.jheat.core;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jheat.comm.Communication;
import org.jheat.tensor.Backend;
import org.jheat.tensor.Complex;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Generator;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Array creation: every process builds only its own slab, computed from global indices, so no data moves.
 * Reached through {@link org.jheat.Heat}'s static functions ({@code zeros}, {@code arange}, {@code linspace}, …).
 * New arrays live on {@link Device#defaultDevice()}; those made from another array ({@code zerosLike},
 * {@code meshgrid}, an array from a tensor) on that array's device.
 *
 * <pre>{@code
 * DNDarray z = Factories.zeros(new long[]{1000, 4}, DType.FLOAT64, 0);
 * DNDarray r = Factories.arange(0, 10, 1, null, 0);        // int64 0..9, split 0
 * }</pre>
 */
public final class Factories {
    private Factories() { }

    /** The slab of a new balanced array on this process: the global shape with the split extent replaced. */
    static long[] localShape(long[] g, int split, Communication comm) {
        long[] l = g.clone();
        if (split >= 0) l[split] = Distribution.count(g[split], comm.size(), comm.rank());
        return l;
    }

    private static long localStart(long[] g, int split, Communication comm) {
        return split < 0 ? 0 : Distribution.start(g[split], comm.size(), comm.rank());
    }

    private static DNDarray make(long[] shape, DType dtype, Integer split, boolean zero, String op) {
        return make(shape, dtype, split, zero, op, Device.defaultDevice());
    }

    /** dtype null: numpy's default, float64 (empty, zeros, ones). */
    private static DNDarray make(long[] shape, DType dtype, Integer split, boolean zero, String op, Device device) {
        if (device == null) throw new IllegalArgumentException(op + ": device must not be null");
        long[] g = Sanitation.shape(shape);
        if (dtype == null) dtype = DType.FLOAT64;
        int s = Sanitation.split(split, g.length);
        Communication comm = DNDarray.world();
        long[] l = localShape(g, s, comm);
        Backend be = Backend.forDevice(device);
        Tensor t = zero ? be.zeros(dtype, l) : be.empty(dtype, l);
        return Redistribution.withMap(t, g, s, comm, t.device());
    }

    /** Uninitialised array; dtype null gives float64. <pre>{@code DNDarray e = Factories.empty(new long[]{3, 4}, DType.FLOAT32, 0); }</pre> */
    public static DNDarray empty(long[] shape, DType dtype, Integer split) {
        return make(shape, dtype, split, false, "empty");
    }

    /**
     * Uninitialised array on {@code device} (code working on a user's array makes its temporaries on that array's
     * device). <pre>{@code DNDarray e = Factories.empty(new long[]{3, 4}, DType.FLOAT32, 0, x.device()); }</pre>
     */
    public static DNDarray empty(long[] shape, DType dtype, Integer split, Device device) {
        return make(shape, dtype, split, false, "empty", device);
    }

    /** Zeros on {@code device}. <pre>{@code DNDarray z = Factories.zeros(new long[]{3, 4}, DType.FLOAT64, null, x.device()); }</pre> */
    public static DNDarray zeros(long[] shape, DType dtype, Integer split, Device device) {
        return make(shape, dtype, split, true, "zeros", device);
    }

    /** Zeros; dtype null gives float64, as numpy. <pre>{@code DNDarray z = Factories.zeros(new long[]{3, 4}, DType.FLOAT64, null); }</pre> */
    public static DNDarray zeros(long[] shape, DType dtype, Integer split) {
        return make(shape, dtype, split, true, "zeros");
    }

    /** Ones; dtype null gives float64, as numpy. <pre>{@code DNDarray o = Factories.ones(new long[]{5}, DType.INT32, 0); }</pre> */
    public static DNDarray ones(long[] shape, DType dtype, Integer split) {
        return full(shape, 1L, dtype == null ? DType.FLOAT64 : dtype, split);
    }

    /**
     * Filled with {@code value}; dtype null takes numpy's default for the value (int64, float64 or bool).
     * <pre>{@code DNDarray f = Factories.full(new long[]{2, 2}, 7, null, 0);   // int64 }</pre>
     */
    public static DNDarray full(long[] shape, Number value, DType dtype, Integer split) {
        return full(shape, value, dtype, split, Device.defaultDevice());
    }

    /** Filled with {@code value}, on {@code device}. <pre>{@code DNDarray f = Factories.full(new long[]{4}, 0.5, null, 0, x.device()); }</pre> */
    public static DNDarray full(long[] shape, Number value, DType dtype, Integer split, Device device) {
        if (value == null) throw new IllegalArgumentException("full: value must not be null");
        DType t = dtype == null ? DType.ofScalar(value) : dtype;
        DNDarray x = make(shape, t, split, false, "full", device);
        if (value instanceof Double || value instanceof Float) x.larray().fill(value.doubleValue());
        else x.larray().fill(value.longValue());
        return x;
    }

    /**
     * Filled with a complex value; dtype null gives complex128. A real dtype takes the real part (numpy's
     * {@code full} casts unsafely, dropping the imaginary part with a ComplexWarning).
     * <pre>{@code DNDarray f = Factories.full(new long[]{4}, new Complex(1, -2), null, 0); }</pre>
     */
    public static DNDarray full(long[] shape, Complex value, DType dtype, Integer split) {
        if (value == null) throw new IllegalArgumentException("full: value must not be null");
        DNDarray x = make(shape, dtype == null ? DType.COMPLEX128 : dtype, split, false, "full", Device.defaultDevice());
        x.larray().fill(value.re());
        if (x.dtype().isComplex()) x.larray().imag().fill(value.im());
        return x;
    }

    /** Filled with a boolean. */
    public static DNDarray full(long[] shape, boolean value, DType dtype, Integer split) {
        return full(shape, value ? 1L : 0L, dtype == null ? DType.BOOL : dtype, split);
    }

    /** Same shape, dtype and split as {@code x}, uninitialised. */
    public static DNDarray emptyLike(DNDarray x, DType dtype) {
        return empty(x.gshape(), dtype == null ? x.dtype() : dtype, x.split());
    }

    /** Same shape, dtype and split as {@code x}, zeros. <pre>{@code DNDarray z = Factories.zerosLike(x, null); }</pre> */
    public static DNDarray zerosLike(DNDarray x, DType dtype) {
        return zeros(x.gshape(), dtype == null ? x.dtype() : dtype, x.split());
    }

    /** Same shape, dtype and split as {@code x}, ones. */
    public static DNDarray onesLike(DNDarray x, DType dtype) {
        return ones(x.gshape(), dtype == null ? x.dtype() : dtype, x.split());
    }

    /** Same shape, dtype and split as {@code x}, filled with {@code value}. */
    public static DNDarray fullLike(DNDarray x, Number value, DType dtype) {
        return full(x.gshape(), value, dtype == null ? x.dtype() : dtype, x.split());
    }

    /**
     * numpy's {@code arange} over integers: start, start+step, … below stop (above, for negative steps).
     * dtype null gives int64.
     * <pre>{@code DNDarray a = Factories.arange(0, 10, 2, null, 0);   // [0, 2, 4, 6, 8] }</pre>
     */
    public static DNDarray arange(long start, long stop, long step, DType dtype, Integer split) {
        if (step == 0) throw new IllegalArgumentException("arange: step must not be zero");
        long n = step > 0 ? (stop > start ? ceilDiv(stop - start, step) : 0) : (start > stop ? ceilDiv(start - stop, -step) : 0);
        DType t = dtype == null ? DType.INT64 : dtype;
        DNDarray x = make(new long[] {n}, t, split, false, "arange");
        Tensor l = x.larray();
        long s0 = localStart(x.gshape(), x.splitAxis(), x.comm());
        l.backend().generate(new Generator() {
            @Override
            public void longs(long row, long col, long[] out, int m) {
                for (int i = 0; i < m; i++) out[i] = start + (s0 + col + i) * step;
            }
        }, true, l);
        return x;
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

    /**
     * numpy's {@code arange} over reals: {@code ceil((stop - start) / step)} values {@code start + i*step}; dtype
     * null gives float64.
     * <pre>{@code DNDarray a = Factories.arange(0.0, 1.0, 0.25, null, null);   // [0, .25, .5, .75] }</pre>
     */
    public static DNDarray arange(double start, double stop, double step, DType dtype, Integer split) {
        if (step == 0 || Double.isNaN(step)) throw new IllegalArgumentException("arange: step must be a non-zero number, got " + step);
        double len = Math.ceil((stop - start) / step);
        if (Double.isNaN(len) || Double.isInfinite(len)) {
            throw new IllegalArgumentException("arange: cannot compute the length from start=" + start + ", stop=" + stop + ", step=" + step);
        }
        long n = (long) Math.max(0, len);
        DType t = dtype == null ? DType.FLOAT64 : dtype;
        DNDarray x = make(new long[] {n}, t, split, false, "arange");
        long s0 = localStart(x.gshape(), x.splitAxis(), x.comm());
        fillAffine(x.larray(), s0, start, step, -1, 0);
        return x;
    }

    /** Writes start + (s0+i)*step into the 1-d slab; position {@code lastIndex} (global) gets {@code lastValue} exactly. */
    private static void fillAffine(Tensor l, long s0, double start, double step, long lastIndex, double lastValue) {
        l.backend().generate(new Generator() {
            @Override
            public void doubles(long row, long col, double[] out, int m) {
                for (int i = 0; i < m; i++) out[i] = start + (s0 + col + i) * step;
            }
        }, false, l);
        long li = lastIndex - s0;
        if (li >= 0 && li < l.size()) l.setDoubleFlat(lastValue, li);
    }

    /**
     * {@code num} evenly spaced values from start to stop (included when {@code endpoint}); dtype null gives float64.
     * <pre>{@code DNDarray l = Factories.linspace(0, 1, 5, true, null, 0);   // [0, .25, .5, .75, 1] }</pre>
     */
    public static DNDarray linspace(double start, double stop, long num, boolean endpoint, DType dtype, Integer split) {
        Sanitation.nonNegative(num, "linspace: num");
        DType t = dtype == null ? DType.FLOAT64 : dtype;
        DNDarray x = make(new long[] {num}, t, split, false, "linspace");
        long div = endpoint ? num - 1 : num;
        double step = div > 0 ? (stop - start) / div : Double.NaN;
        long s0 = localStart(x.gshape(), x.splitAxis(), x.comm());
        if (div > 0) {
            fillAffine(x.larray(), s0, start, step, endpoint && num > 1 ? num - 1 : -1, stop);
        } else if (num == 1) {
            fillAffine(x.larray(), s0, start, 0, -1, 0);
        }
        return x;
    }

    /**
     * {@code base ** linspace(start, stop, num, endpoint)}; dtype null gives float64.
     * <pre>{@code DNDarray g = Factories.logspace(0, 3, 4, true, 10, null, null);   // [1, 10, 100, 1000] }</pre>
     */
    public static DNDarray logspace(double start, double stop, long num, boolean endpoint, double base, DType dtype, Integer split) {
        DNDarray e = linspace(start, stop, num, endpoint, DType.FLOAT64, split);
        DType t = dtype == null ? DType.FLOAT64 : Sanitation.dtype(dtype, "logspace");
        Tensor src = e.larray();
        Backend be = src.backend();
        Tensor out = be.empty(t, src.shape());
        be.elementwise(Kernels.POW, false, out, src.newFull(DType.FLOAT64, base).broadcastTo(src.shape()), src);
        return Redistribution.withMap(out, e.gshape(), e.splitAxis(), e.comm(), out.device());
    }

    /**
     * An n×m array with ones on the k-th diagonal.
     * <pre>{@code DNDarray i = Factories.eye(4, 4, 0, DType.FLOAT64, 0); }</pre>
     */
    public static DNDarray eye(long n, long m, long k, DType dtype, Integer split) {
        return eye(n, m, k, dtype, split, Device.defaultDevice());
    }

    /** {@link #eye(long, long, long, DType, Integer)} on {@code device}. <pre>{@code Factories.eye(4, 4, 0, null, 0, x.device()) }</pre> */
    public static DNDarray eye(long n, long m, long k, DType dtype, Integer split, Device device) {
        Sanitation.nonNegative(n, "eye: n");
        Sanitation.nonNegative(m, "eye: m");
        DNDarray x = zeros(new long[] {n, m}, dtype == null ? DType.FLOAT64 : dtype, split, device);
        Tensor l = x.larray();
        int s = x.splitAxis();
        long r0 = s == 0 ? localStart(x.gshape(), 0, x.comm()) : 0;
        long c0 = s == 1 ? localStart(x.gshape(), 1, x.comm()) : 0;
        long rows = l.shape(0), cols = l.shape(1);
        for (long i = 0; i < rows; i++) {
            long gc = r0 + i + k - c0;
            if (gc >= 0 && gc < cols) l.setLong(1, i, gc);
        }
        return x;
    }

    /**
     * Coordinate matrices from 1-d coordinate arrays; indexing "xy" (Cartesian, numpy's default) or "ij" (matrix).
     * When one input is split, every output is split along that input's output axis; at most one may be split.
     * <pre>{@code DNDarray[] g = Factories.meshgrid("ij", x, y); }</pre>
     */
    public static DNDarray[] meshgrid(String indexing, DNDarray... xs) {
        if (!"xy".equals(indexing) && !"ij".equals(indexing)) {
            throw new IllegalArgumentException("meshgrid: indexing must be 'xy' or 'ij', got '" + indexing + "'");
        }
        int n = xs.length;
        if (n == 0) return new DNDarray[0];
        int splitInput = -1;
        for (int i = 0; i < n; i++) {
            if (xs[i].ndim() != 1) {
                throw new IllegalArgumentException("meshgrid: input " + i + " must be 1-dimensional, got shape " + Shapes.str(xs[i].gshape()));
            }
            if (xs[i].split() != null) {
                if (splitInput >= 0) throw new IllegalArgumentException("meshgrid: at most one input may be split, inputs "
                        + splitInput + " and " + i + " are");
                splitInput = i;
            }
        }
        int[] axisOf = new int[n];
        for (int i = 0; i < n; i++) axisOf[i] = i;
        if ("xy".equals(indexing) && n >= 2) { axisOf[0] = 1; axisOf[1] = 0; }
        long[] g = new long[n];
        for (int i = 0; i < n; i++) g[axisOf[i]] = xs[i].gshape()[0];
        int outSplit = splitInput < 0 ? -1 : axisOf[splitInput];
        Communication comm = xs[0].comm();
        long[] l = g.clone();
        if (splitInput >= 0) l[outSplit] = xs[splitInput].lshape()[0];
        DNDarray[] out = new DNDarray[n];
        for (int i = 0; i < n; i++) {
            Tensor coords = xs[i].larray();
            long[] vshape = new long[n];
            Arrays.fill(vshape, 1);
            vshape[axisOf[i]] = coords.size();
            Tensor view = coords.reshape(vshape).broadcastTo(l);
            out[i] = new DNDarray(view.copy(), g, outSplit < 0 ? null : outSplit, comm,
                    splitInput < 0 ? null : DNDarray.mapLike(xs[splitInput], g, outSplit));
        }
        return out;
    }

    /**
     * The float64 {@code values} as a replicated array of {@code shape} (none given: 1-d) on {@code like}'s
     * communicator and device — every process passes the same values, so nothing is communicated (estimators
     * return their fitted attributes this way).
     * <pre>{@code DNDarray mean = Factories.replicatedLike(new double[] {1, 2}, x); }</pre>
     */
    public static DNDarray replicatedLike(double[] values, DNDarray like, long... shape) {
        long[] g = shape.length == 0 ? new long[] {values.length} : shape.clone();
        return new DNDarray(Tensor.fromArray(values).reshape(g).to(like.device()), g, null, like.comm(), null);
    }

    /**
     * An array from a (nested, rectangular) Java array present on every process; with a split each process keeps
     * only its slab. dtype null follows the Java element type.
     * <pre>{@code DNDarray a = Factories.array(new double[][]{{1, 2}, {3, 4}}, null, 0); }</pre>
     */
    public static DNDarray array(Object javaArray, DType dtype, Integer split) {
        if (javaArray instanceof DNDarray d) {
            DNDarray c = dtype == null ? d.copy() : d.astype(dtype);
            return split == null || (d.split() != null && d.split().equals(split)) ? c : c.resplit(split);
        }
        if (javaArray instanceof Tensor t) {
            return fromReplicated(dtype == null ? t : t.astype(dtype), split);
        }
        if (javaArray instanceof Number || javaArray instanceof Boolean) {
            Object boxed = javaArray instanceof Boolean b ? new boolean[] {b} : javaArray instanceof Double
                    || javaArray instanceof Float ? new double[] {((Number) javaArray).doubleValue()}
                    : new long[] {((Number) javaArray).longValue()};
            Tensor t = Tensor.fromArray(boxed, dtype).reshape();
            return fromReplicated(t.to(Device.defaultDevice()), split);
        }
        long[] g = Tensor.shapeOf(javaArray);
        int s = Sanitation.split(split, g.length);
        if (dtype != null) Sanitation.dtype(dtype, "array");
        Communication comm = DNDarray.world();
        if (s == 0 && g.length > 0) {
            long start = Distribution.start(g[0], comm.size(), comm.rank());
            long count = Distribution.count(g[0], comm.size(), comm.rank());
            Object rows = Array.newInstance(javaArray.getClass().getComponentType(), (int) count);
            System.arraycopy(javaArray, (int) start, rows, 0, (int) count);
            Tensor t = count == 0 ? Tensor.empty(dtype == null ? Tensor.dtypeOf(javaArray) : dtype, localShape(g, 0, comm))
                    : Tensor.fromArray(rows, dtype);
            t = t.to(Device.defaultDevice());
            return Redistribution.withMap(t, g, 0, comm, t.device());
        }
        return fromReplicated(Tensor.fromArray(javaArray, dtype).to(Device.defaultDevice()), s < 0 ? null : s);
    }

    /** Slices a tensor that every process holds in full into this process's slab (no communication; on the tensor's device). */
    public static DNDarray fromReplicated(Tensor full, Integer split) {
        long[] g = full.shape();
        int s = Sanitation.split(split, g.length);
        Communication comm = DNDarray.world();
        Tensor local = s < 0 ? full : full.narrow(s, Distribution.start(g[s], comm.size(), comm.rank()),
                Distribution.count(g[s], comm.size(), comm.rank())).copy();
        return Redistribution.withMap(local, g, s, comm, local.device());
    }

    /**
     * An array from a partition description (Heat's {@code from_partitioned}; {@link DNDarray#partitioned()} makes
     * one): at most one axis cut into tiles, which becomes the split axis, with tile k held by rank k (one tile per
     * process, in rank order, as a DNDarray keeps them); no axis cut means a replicated array, the one tile held by
     * every process (its values must be the same everywhere, which is not checked); so on one process, where no axis
     * is cut, a split array's description gives a replicated array, as Heat's does. Each process's tile data becomes
     * its local tensor (no copy). The descriptions of all processes must agree; every check runs, and fails on every
     * process, before the array is made.
     * <pre>{@code DNDarray y = Factories.fromPartitioned(x.partitioned(), x.comm());   // x again, sharing its memory }</pre>
     *
     * @throws IllegalArgumentException for a description that is malformed, has several cut axes, a tiling other than
     *         one tile per process, tiles that do not cover the shape in rank order, data of another shape or dtype
     *         than its tile, or that differs between processes (on every process)
     */
    public static DNDarray fromPartitioned(Partitioned p, Communication comm) {
        String who = "fromPartitioned";
        String error = null;
        int split = -1;
        long[][] map = null;
        Tensor data = null;
        long hash = 0;
        try {
            if (p == null) throw new IllegalArgumentException("the description is null");
            long[] g = p.shape();
            int[] tiling = p.partitionTiling();
            if (g == null || tiling == null || p.partitions() == null || p.locals() == null) {
                throw new IllegalArgumentException("shape, partition_tiling, partitions and locals must all be given");
            }
            int nd = g.length;
            for (long e : g) if (e < 0) throw new IllegalArgumentException("shape extents must be >= 0, got " + Shapes.str(g));
            if (tiling.length != nd) {
                throw new IllegalArgumentException("partition_tiling " + Arrays.toString(tiling) + " has " + tiling.length + " entries for a " + nd + "-d shape " + Shapes.str(g));
            }
            for (int d = 0; d < nd; d++) {
                if (tiling[d] < 1) throw new IllegalArgumentException("partition_tiling entries must be >= 1, got " + Arrays.toString(tiling));
                if (tiling[d] > 1) {
                    if (split >= 0) {
                        throw new IllegalArgumentException("partition_tiling " + Arrays.toString(tiling) + " cuts axes " + split + " and " + d
                                + "; a DNDarray is split along one axis at most");
                    }
                    split = d;
                }
            }
            int np = comm.size();
            if (split >= 0 && tiling[split] != np) {
                throw new IllegalArgumentException("partition_tiling " + Arrays.toString(tiling) + " has " + tiling[split] + " tiles along axis " + split
                        + "; a DNDarray has one tile per process (" + np + ")");
            }
            int tiles = split < 0 ? 1 : np;
            if (p.partitions().size() != tiles) {
                throw new IllegalArgumentException("partitions holds " + p.partitions().size() + " tiles, the tiling " + Arrays.toString(tiling) + " has " + tiles);
            }
            if (p.locals().size() != 1) {
                throw new IllegalArgumentException("locals names " + p.locals().size() + " tiles on rank " + comm.rank() + "; exactly one tile per process is supported");
            }
            map = split < 0 ? null : new long[np][];
            long start = 0;
            DType dtype = null;
            for (int k = 0; k < tiles; k++) {
                Integer[] key = new Integer[nd];
                Arrays.fill(key, 0);
                if (split >= 0) key[split] = k;
                List<Integer> tile = List.of(key);
                Partitioned.Part part = p.partitions().get(tile);
                if (part == null) throw new IllegalArgumentException("partitions has no tile " + tile + "; it has " + p.partitions().keySet());
                long[] st = part.start(), sh = part.shape();
                if (st == null || sh == null || st.length != nd || sh.length != nd) {
                    throw new IllegalArgumentException("tile " + tile + " needs a start and a shape of " + nd + " entries each");
                }
                for (int d = 0; d < nd; d++) {
                    long want = d == split ? start : 0, extent = d == split ? sh[d] : g[d];
                    if (st[d] != want || sh[d] != extent || sh[d] < 0) {
                        throw new IllegalArgumentException("tile " + tile + " starts at " + Arrays.toString(st) + " with shape " + Arrays.toString(sh)
                                + "; the tiles must cover the shape " + Shapes.str(g) + " in order, tile " + tile + " starting at " + (split < 0 ? "0" : "index " + start + " of axis " + split));
                    }
                }
                List<Integer> loc = part.location();
                if (split >= 0 && (loc == null || loc.size() != 1 || loc.get(0) != k)) {
                    throw new IllegalArgumentException("tile " + tile + " is held by ranks " + loc + "; a DNDarray's tile " + k + " along its split axis is held by rank " + k + " alone");
                }
                if (part.dtype() != null) {
                    if (dtype != null && dtype != part.dtype()) throw new IllegalArgumentException("tiles have different dtypes: " + dtype + " and " + part.dtype());
                    dtype = part.dtype();
                }
                if (split >= 0) {
                    start += sh[split];
                    map[k] = sh;
                }
                hash = hash * 1_000_003L + Arrays.hashCode(st) * 31L + Arrays.hashCode(sh) + (loc == null ? 0 : loc.hashCode());
            }
            if (split >= 0 && start != g[split]) {
                throw new IllegalArgumentException("the tiles' extents along axis " + split + " add up to " + start + ", the shape " + Shapes.str(g) + " has " + g[split]);
            }
            List<Integer> mine = p.locals().get(0);
            Partitioned.Part own = p.partitions().get(mine);
            if (own == null) throw new IllegalArgumentException("locals names tile " + mine + ", which partitions does not have");
            if (split >= 0 && mine.get(split) != comm.rank()) {
                throw new IllegalArgumentException("rank " + comm.rank() + " names tile " + mine + " as its own; a DNDarray's rank " + comm.rank() + " holds tile " + comm.rank() + " along axis " + split);
            }
            data = own.data();
            if (data == null) throw new IllegalArgumentException("this process's tile " + mine + " has no data");
            if (!Arrays.equals(data.shape(), own.shape())) {
                throw new IllegalArgumentException("tile " + mine + " has shape " + Arrays.toString(own.shape()) + " but its data has shape " + Shapes.str(data.shape()));
            }
            if (dtype != null && data.dtype() != dtype) {
                throw new IllegalArgumentException("tile " + mine + " is described as " + dtype + " but its data is " + data.dtype());
            }
            hash = hash * 1_000_003L + Arrays.hashCode(g) * 31L + Arrays.hashCode(tiling) + data.dtype().ordinal();
        } catch (RuntimeException e) {   // whatever a malformed description raises here, every process raises it
            error = who + ": " + (e instanceof IllegalArgumentException ? e.getMessage() : e.toString());
        }
        Validation.agree(comm, error);
        long[] hashes = comm.allgather(hash);
        for (int r = 1; r < hashes.length; r++) {
            if (hashes[r] != hashes[0]) {
                throw new IllegalArgumentException(who + ": the processes' descriptions differ (rank 0's and rank " + r
                        + "'s shape, tiling, tiles or dtype); every process must describe the same array");
            }
        }
        return new DNDarray(data, p.shape(), split < 0 ? null : split, comm, map);
    }

    /**
     * {@link #fromPartitioned} of a partition dictionary (Heat's {@code from_partition_dict}; the form
     * {@link Partitioned#toMap} writes, read by {@link Partitioned#fromMap}).
     * <pre>{@code DNDarray y = Factories.fromPartitionDict(x.partitioned().toMap(), x.comm()); }</pre>
     *
     * @throws IllegalArgumentException as fromPartitioned, and for a dictionary of the wrong form (on every process)
     */
    public static DNDarray fromPartitionDict(Map<String, ?> dict, Communication comm) {
        Partitioned p = null;
        String error = null;
        try {
            p = Partitioned.fromMap(dict);
        } catch (RuntimeException e) {   // raised on every process below
            error = e instanceof IllegalArgumentException ? e.getMessage() : "fromPartitionDict: " + e;
        }
        Validation.agree(comm, error);
        return fromPartitioned(p, comm);
    }
}
