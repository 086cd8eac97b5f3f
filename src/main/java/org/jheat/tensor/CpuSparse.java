package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CPU's {@link SparseKernels}: row-parallel loops ({@link Parallel}) straight over the off-heap int64 index
 * arrays and the values, specialised for float64, float32 and int64 where they compute; the structural kernels move
 * values as raw bits of their item size, so they serve every dtype with one loop. Semantics on {@link SparseKernels}.
 * <pre>{@code SparseKernels k = Backend.cpu().sparse(); }</pre>
 */
final class CpuSparse implements SparseKernels {
    static final CpuSparse INSTANCE = new CpuSparse();
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** Rows per parallel piece: enough work to pay for a task. */
    private static final long GRAIN = 2048;

    private CpuSparse() { }

    private static MemorySegment seg(Tensor t) { return t.contiguous().data(); }

    private static long[] longs(Tensor t) {
        long[] a = new long[Math.toIntExact(t.size())];
        if (a.length > 0) MemorySegment.copy(seg(t), L, 0, a, 0, a.length);
        return a;
    }

    private static Tensor fromLongs(Backend be, long[] a, int n) {
        Tensor t = be.empty(DType.INT64, n);
        if (n > 0) MemorySegment.copy(a, 0, t.data(), L, 0, n);
        return t;
    }

    /** Copies element si of src to element di of dst as raw bits of {@code isz} bytes. */
    private static void move(MemorySegment src, long si, MemorySegment dst, long di, int isz) {
        switch (isz) {
            case 8 -> dst.setAtIndex(L, di, src.getAtIndex(L, si));
            case 4 -> dst.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, di, src.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, si));
            case 2 -> dst.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, di, src.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, si));
            case 1 -> dst.set(ValueLayout.JAVA_BYTE, di, src.get(ValueLayout.JAVA_BYTE, si));
            default -> MemorySegment.copy(src, si * isz, dst, di * isz, isz);
        }
    }

    private static boolean nonZero(MemorySegment s, long i, DType t) {
        return switch (t) {
            case FLOAT64 -> s.getAtIndex(D, i) != 0;
            case FLOAT32 -> s.getAtIndex(F, i) != 0;
            default -> Elements.readDouble(s, i * t.itemSize(), t) != 0;
        };
    }

    // ------------------------------------------------------------------------------------------- conversions

    @Override
    public Csr fromDense(Tensor d) {
        Tensor c = d.contiguous();
        long rows = c.shape(0), cols = c.shape(1);
        DType t = c.dtype();
        int isz = t.itemSize();
        MemorySegment s = seg(c);
        Backend be = d.backend();
        Tensor indptr = be.empty(DType.INT64, rows + 1);
        MemorySegment ip = indptr.data();
        ip.setAtIndex(L, 0, 0);
        Parallel.forRange(rows, Math.max(1, GRAIN * 64 / Math.max(1, cols)), (a, b) -> {
            for (long i = a; i < b; i++) {
                long n = 0, base = i * cols;
                for (long j = 0; j < cols; j++) if (nonZero(s, base + j, t)) n++;
                ip.setAtIndex(L, i + 1, n);
            }
        });
        for (long i = 0; i < rows; i++) ip.setAtIndex(L, i + 1, ip.getAtIndex(L, i + 1) + ip.getAtIndex(L, i));
        long nnz = ip.getAtIndex(L, rows);
        Tensor idx = be.empty(DType.INT64, nnz), val = be.empty(t, nnz);
        MemorySegment is = idx.data(), vs = val.data();
        Parallel.forRange(rows, Math.max(1, GRAIN * 64 / Math.max(1, cols)), (a, b) -> {
            for (long i = a; i < b; i++) {
                long k = ip.getAtIndex(L, i), base = i * cols;
                for (long j = 0; j < cols; j++) {
                    if (nonZero(s, base + j, t)) {
                        is.setAtIndex(L, k, j);
                        move(s, base + j, vs, k, isz);
                        k++;
                    }
                }
            }
        });
        return new Csr(indptr, idx, val, rows, cols);
    }

    @Override
    public Csr fromCoo(Tensor r, Tensor c, Tensor v, long rows, long cols) {
        int n = Math.toIntExact(r.size());
        long[] rr = longs(r), cc = longs(c);
        // stable LSD radix sort by column, then a stable counting sort by row: (row, column) order without packing
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        perm = radixByKey(cc, perm, cols);
        int[] cnt = new int[Math.toIntExact(rows) + 1];
        for (int i = 0; i < n; i++) cnt[(int) rr[i] + 1]++;
        for (int i = 0; i < rows; i++) cnt[i + 1] += cnt[i];
        int[] pos = Arrays.copyOf(cnt, cnt.length);
        int[] sorted = new int[n];
        for (int k = 0; k < n; k++) {
            int e = perm[k];
            sorted[pos[(int) rr[e]]++] = e;
        }
        // unique (row, column) pairs
        Backend be = v.backend();
        long[] ip = new long[(int) rows + 1];
        long[] outCols = new long[n];
        int[] first = new int[n + 1];
        int u = 0;
        for (int i = 0; i < rows; i++) {
            ip[i] = u;
            long prev = -1;
            for (int k = cnt[i]; k < cnt[i + 1]; k++) {
                long col = cc[sorted[k]];
                if (col != prev) {
                    outCols[u] = col;
                    first[u++] = k;
                    prev = col;
                }
            }
        }
        ip[(int) rows] = u;
        first[u] = n;
        Tensor vc = v.contiguous();
        MemorySegment vs = seg(vc);
        DType t = v.dtype();
        int isz = t.itemSize();
        Tensor val = be.empty(t, u);
        MemorySegment os = val.data();
        for (int k = 0; k < u; k++) {
            int a = first[k], b = first[k + 1];
            if (b - a == 1) {
                move(vs, sorted[a], os, k, isz);
            } else if (t.isFloat()) {
                double acc = 0;
                for (int j = a; j < b; j++) {
                    acc += Elements.readDouble(vs, (long) sorted[j] * isz, t);
                    if (t == DType.FLOAT32) acc = (float) acc;   // float32 sums round like scipy's
                }
                Elements.writeDouble(os, (long) k * isz, t, acc);
            } else if (t.isBool()) {
                long acc = 0;
                for (int j = a; j < b; j++) acc |= Elements.readLong(vs, (long) sorted[j] * isz, t);
                Elements.writeLong(os, (long) k * isz, t, acc != 0 ? 1 : 0);
            } else {
                long acc = 0;
                for (int j = a; j < b; j++) acc += Elements.readLong(vs, (long) sorted[j] * isz, t);
                Elements.writeLong(os, (long) k * isz, t, acc);
            }
        }
        return new Csr(fromLongs(be, ip, ip.length), fromLongs(be, outCols, u), val, rows, cols);
    }

    /** perm reordered stably by key[perm[i]] (keys in [0, bound)): LSD radix, 16 bits a pass, only the passes needed. */
    private static int[] radixByKey(long[] key, int[] perm, long bound) {
        int n = perm.length;
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, bound - 1));
        int[] tmp = new int[n];
        int[] cnt = new int[1 << 16];
        for (int shift = 0; shift < bits; shift += 16) {
            Arrays.fill(cnt, 0);
            for (int i = 0; i < n; i++) cnt[(int) ((key[perm[i]] >>> shift) & 0xFFFF)]++;
            int sum = 0;
            for (int d = 0; d < cnt.length; d++) {
                int x = cnt[d];
                cnt[d] = sum;
                sum += x;
            }
            for (int i = 0; i < n; i++) tmp[cnt[(int) ((key[perm[i]] >>> shift) & 0xFFFF)]++] = perm[i];
            int[] sw = perm;
            perm = tmp;
            tmp = sw;
        }
        return perm;
    }

    @Override
    public Tensor toDense(Csr a) {
        Tensor out = a.values().newZeros(a.dtype(), a.rows(), a.cols());
        MemorySegment ip = seg(a.indptr()), ix = seg(a.indices()), vs = seg(a.values()), os = out.data();
        int isz = a.dtype().itemSize();
        long cols = a.cols();
        Parallel.forRange(a.rows(), GRAIN, (lo, hi) -> {
            for (long i = lo; i < hi; i++) {
                for (long k = ip.getAtIndex(L, i), e = ip.getAtIndex(L, i + 1); k < e; k++) move(vs, k, os, i * cols + ix.getAtIndex(L, k), isz);
            }
        });
        return out;
    }

    @Override
    public Tensor rowIndices(Csr a, long offset) {
        Tensor out = a.values().newEmpty(DType.INT64, a.nnz());
        MemorySegment ip = seg(a.indptr()), os = out.data();
        Parallel.forRange(a.rows(), GRAIN, (lo, hi) -> {
            for (long i = lo; i < hi; i++) {
                for (long k = ip.getAtIndex(L, i), e = ip.getAtIndex(L, i + 1); k < e; k++) os.setAtIndex(L, k, i + offset);
            }
        });
        return out;
    }

    @Override
    public String validate(Tensor indptr, Tensor indices, long nnzValues, long rows, long cols) {
        if (indptr.ndim() != 1 || indptr.size() != rows + 1) {
            return "indptr must be 1-D with rows + 1 = " + (rows + 1) + " entries, got shape " + Shapes.str(indptr.shape());
        }
        if (indices.ndim() != 1 || indices.size() != nnzValues) {
            return "indices must be 1-D with one entry per value (" + nnzValues + "), got shape " + Shapes.str(indices.shape());
        }
        MemorySegment ip = seg(indptr), ix = seg(indices);
        if (ip.getAtIndex(L, 0) != 0) return "indptr[0] must be 0, got " + ip.getAtIndex(L, 0);
        for (long i = 0; i < rows; i++) {
            if (ip.getAtIndex(L, i + 1) < ip.getAtIndex(L, i)) {
                return "indptr must not decrease: indptr[" + (i + 1) + "] = " + ip.getAtIndex(L, i + 1) + " < indptr[" + i + "] = " + ip.getAtIndex(L, i);
            }
        }
        if (ip.getAtIndex(L, rows) != nnzValues) return "indptr[-1] must equal the number of values " + nnzValues + ", got " + ip.getAtIndex(L, rows);
        for (long k = 0; k < nnzValues; k++) {
            long c = ix.getAtIndex(L, k);
            if (c < 0 || c >= cols) return "column index " + c + " at position " + k + " out of range [0, " + cols + ")";
        }
        return null;
    }

    @Override
    public boolean isCanonical(Csr a) {
        MemorySegment ip = seg(a.indptr()), ix = seg(a.indices());
        for (long i = 0; i < a.rows(); i++) {
            for (long k = ip.getAtIndex(L, i) + 1, e = ip.getAtIndex(L, i + 1); k < e; k++) {
                if (ix.getAtIndex(L, k) <= ix.getAtIndex(L, k - 1)) return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------- element-wise

    @Override
    public Tensor[] merge(Csr a, Csr b, boolean union) {
        long rows = a.rows();
        MemorySegment pa = seg(a.indptr()), xa = seg(a.indices()), pb = seg(b.indptr()), xb = seg(b.indices());
        Backend be = a.values().backend();
        Tensor indptr = be.empty(DType.INT64, rows + 1);
        MemorySegment ip = indptr.data();
        ip.setAtIndex(L, 0, 0);
        Parallel.forRange(rows, GRAIN, (lo, hi) -> {
            for (long i = lo; i < hi; i++) ip.setAtIndex(L, i + 1, mergeRow(pa, xa, pb, xb, i, union, null, null, null, 0));
        });
        for (long i = 0; i < rows; i++) ip.setAtIndex(L, i + 1, ip.getAtIndex(L, i + 1) + ip.getAtIndex(L, i));
        long nnz = ip.getAtIndex(L, rows);
        Tensor idx = be.empty(DType.INT64, nnz), posA = be.empty(DType.INT64, nnz), posB = be.empty(DType.INT64, nnz);
        MemorySegment is = idx.data(), sa = posA.data(), sb = posB.data();
        Parallel.forRange(rows, GRAIN, (lo, hi) -> {
            for (long i = lo; i < hi; i++) mergeRow(pa, xa, pb, xb, i, union, is, sa, sb, ip.getAtIndex(L, i));
        });
        return new Tensor[] {indptr, idx, posA, posB};
    }

    /** Merges row i of a and b; counts only when {@code is} is null, else writes from position {@code at}. */
    private static long mergeRow(MemorySegment pa, MemorySegment xa, MemorySegment pb, MemorySegment xb, long i, boolean union,
                                 MemorySegment is, MemorySegment sa, MemorySegment sb, long at) {
        long ka = pa.getAtIndex(L, i), ea = pa.getAtIndex(L, i + 1), kb = pb.getAtIndex(L, i), eb = pb.getAtIndex(L, i + 1);
        long n = 0;
        while (ka < ea || kb < eb) {
            long ca = ka < ea ? xa.getAtIndex(L, ka) : Long.MAX_VALUE, cb = kb < eb ? xb.getAtIndex(L, kb) : Long.MAX_VALUE;
            long col, ia = -1, ib = -1;
            if (ca == cb) {
                col = ca;
                ia = ka++;
                ib = kb++;
            } else if (ca < cb) {
                col = ca;
                ia = ka++;
                if (!union) continue;
            } else {
                col = cb;
                ib = kb++;
                if (!union) continue;
            }
            if (is != null) {
                is.setAtIndex(L, at + n, col);
                sa.setAtIndex(L, at + n, ia);
                sb.setAtIndex(L, at + n, ib);
            }
            n++;
        }
        return n;
    }

    @Override
    public Tensor gather(Tensor src, Tensor idx) {
        long n = idx.size();
        Tensor out = src.newEmpty(src.dtype(), n);
        MemorySegment s = seg(src), ix = seg(idx), os = out.data();
        int isz = src.dtype().itemSize();
        Parallel.forRange(n, GRAIN * 8, (lo, hi) -> {
            for (long k = lo; k < hi; k++) {
                long j = ix.getAtIndex(L, k);
                if (j < 0) os.asSlice(k * isz, isz).fill((byte) 0);
                else move(s, j, os, k, isz);
            }
        });
        return out;
    }

    @Override
    public Csr eliminateZeros(Csr a) {
        MemorySegment vs = seg(a.values());
        DType t = a.dtype();
        long nnz = a.nnz(), zeros = 0;
        for (long k = 0; k < nnz; k++) if (!nonZero(vs, k, t)) zeros++;
        if (zeros == 0) return a;
        MemorySegment ip = seg(a.indptr()), ix = seg(a.indices());
        Backend be = a.values().backend();
        Tensor indptr = be.empty(DType.INT64, a.rows() + 1), idx = be.empty(DType.INT64, nnz - zeros), val = be.empty(t, nnz - zeros);
        MemorySegment op = indptr.data(), ox = idx.data(), ov = val.data();
        int isz = t.itemSize();
        long n = 0;
        op.setAtIndex(L, 0, 0);
        for (long i = 0; i < a.rows(); i++) {
            for (long k = ip.getAtIndex(L, i), e = ip.getAtIndex(L, i + 1); k < e; k++) {
                if (nonZero(vs, k, t)) {
                    ox.setAtIndex(L, n, ix.getAtIndex(L, k));
                    move(vs, k, ov, n, isz);
                    n++;
                }
            }
            op.setAtIndex(L, i + 1, n);
        }
        return new Csr(indptr, idx, val, a.rows(), a.cols());
    }

    // ------------------------------------------------------------------------------------------- products

    @Override
    public Tensor spmm(Csr a, Tensor b) {
        DType t = a.dtype();
        if (t != DType.FLOAT64 && t != DType.FLOAT32 && t != DType.INT64) {
            throw new IllegalArgumentException("spmm computes in float64, float32 or int64, got " + t);
        }
        long rows = a.rows(), m = b.ndim() == 1 ? 1 : b.shape(1);
        Tensor bt = b.dtype() == t ? b : b.astype(t), bc = bt.contiguous();
        Tensor out = a.values().newEmpty(t, rows, m);
        MemorySegment ip = seg(a.indptr()), ix = seg(a.indices()), vs = seg(a.values()), bs = seg(bc), os = out.data();
        long[] cuts = nnzBalancedCuts(ip, rows, a.nnz() * m);
        // the dense operand is read in place: a Java copy of it (for cheaper random reads) cost a fresh heap block per
        // call, as much as the product itself for SpMM, and capped its size at 2^31 elements
        if (t == DType.INT64) forPieces(cuts, (lo, hi) -> spmmI64(ip, ix, vs, bs, os, m, lo, hi));
        else if (t == DType.FLOAT32 && m == 1) forPieces(cuts, (lo, hi) -> spmvF32(ip, ix, vs, bs, os, lo, hi));
        else if (t == DType.FLOAT32) forPieces(cuts, (lo, hi) -> spmmF32(ip, ix, vs, bs, os, (int) m, lo, hi));
        else if (m == 1) forPieces(cuts, (lo, hi) -> spmvF64(ip, ix, vs, bs, os, lo, hi));
        else forPieces(cuts, (lo, hi) -> spmmF64(ip, ix, vs, bs, os, (int) m, lo, hi));
        if (bc != b) bc.free();
        if (bt != b && bt != bc) bt.free();
        return out;
    }

    /** Pieces per thread of a product: threads claim them one by one, so a thread slowed by anything else on its core
     * (another process, the JIT, a busy neighbour on a shared machine) holds up at most one piece, not half the work. */
    private static final int PIECES_PER_THREAD = 8;

    /**
     * Row boundaries of up to {@link #PIECES_PER_THREAD}·{@link Parallel#threads()} pieces holding about equal numbers
     * of entries (rows of a skewed matrix — power-law graphs — would leave one thread with most of the work if split by
     * row count); {@code {0, rows}} when the work is too small to share.
     */
    private static long[] nnzBalancedCuts(MemorySegment ip, long rows, long work) {
        int threads = Parallel.threads();
        int pieces = (int) Math.max(1, Math.min(threads == 1 ? 1 : (long) threads * PIECES_PER_THREAD, Math.min(rows, work / (GRAIN * 16))));
        long[] cuts = new long[pieces + 1];
        cuts[pieces] = rows;
        long base = rows == 0 ? 0 : ip.getAtIndex(L, 0), nnz = rows == 0 ? 0 : ip.getAtIndex(L, rows) - base;
        for (int q = 1; q < pieces; q++) {
            long target = base + nnz * q / pieces;
            long lo = cuts[q - 1], hi = rows;   // the first row whose start is >= target
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                if (ip.getAtIndex(L, mid) < target) lo = mid + 1;
                else hi = mid;
            }
            cuts[q] = lo;
        }
        return cuts;
    }

    /** body over the row ranges [cuts[q], cuts[q + 1]), claimed one at a time by up to {@link Parallel#threads()} threads. */
    private static void forPieces(long[] cuts, Parallel.RangeBody body) {
        int pieces = cuts.length - 1;
        AtomicInteger next = new AtomicInteger();
        Parallel.forRange(Math.min(pieces, Parallel.threads()), 1, (t0, t1) -> {
            for (int q = next.getAndIncrement(); q < pieces; q = next.getAndIncrement()) {
                if (cuts[q + 1] > cuts[q]) body.run(cuts[q], cuts[q + 1]);
            }
        });
    }

    /**
     * y[lo, hi) of a·x. Each row is summed in two interleaved partial sums (even and odd positions of its stored
     * entries, added at the end): one chain of dependent adds, as scipy's loop, waited on the add latency for every
     * entry (1e6 rows of 20 random entries, one thread: 58 -> 42 ms). The order is fixed by the row's entries alone, so
     * the result does not depend on the process or thread count; it may differ from scipy's in the last bits.
     */
    private static void spmvF64(MemorySegment ip, MemorySegment ix, MemorySegment vs, MemorySegment xs, MemorySegment os, long lo, long hi) {
        long k = ip.getAtIndex(L, lo);
        for (long i = lo; i < hi; i++) {
            double a0 = 0, a1 = 0;
            long e = ip.getAtIndex(L, i + 1);
            for (; k + 1 < e; k += 2) {
                a0 += vs.getAtIndex(D, k) * xs.getAtIndex(D, ix.getAtIndex(L, k));
                a1 += vs.getAtIndex(D, k + 1) * xs.getAtIndex(D, ix.getAtIndex(L, k + 1));
            }
            if (k < e) {
                a0 += vs.getAtIndex(D, k) * xs.getAtIndex(D, ix.getAtIndex(L, k));
                k++;
            }
            os.setAtIndex(D, i, a0 + a1);
        }
    }

    /** float32 {@link #spmvF64}: products and sums in float64, each row rounded once (at least as accurate as scipy's float32 sums). */
    private static void spmvF32(MemorySegment ip, MemorySegment ix, MemorySegment vs, MemorySegment xs, MemorySegment os, long lo, long hi) {
        long k = ip.getAtIndex(L, lo);
        for (long i = lo; i < hi; i++) {
            double a0 = 0, a1 = 0;
            long e = ip.getAtIndex(L, i + 1);
            for (; k + 1 < e; k += 2) {
                a0 += (double) vs.getAtIndex(F, k) * xs.getAtIndex(F, ix.getAtIndex(L, k));
                a1 += (double) vs.getAtIndex(F, k + 1) * xs.getAtIndex(F, ix.getAtIndex(L, k + 1));
            }
            if (k < e) {
                a0 += (double) vs.getAtIndex(F, k) * xs.getAtIndex(F, ix.getAtIndex(L, k));
                k++;
            }
            os.setAtIndex(F, i, (float) (a0 + a1));
        }
    }

    /** Rows [lo, hi) of a·B for B (cols, m) row-major: each entry adds its value times one row of B. */
    private static void spmmF64(MemorySegment ip, MemorySegment ix, MemorySegment vs, MemorySegment bs, MemorySegment os, int m, long lo, long hi) {
        double[] acc = new double[m];
        long k = ip.getAtIndex(L, lo);
        for (long i = lo; i < hi; i++) {
            Arrays.fill(acc, 0);
            for (long e = ip.getAtIndex(L, i + 1); k < e; k++) {
                double v = vs.getAtIndex(D, k);
                long base = ix.getAtIndex(L, k) * m;
                for (int j = 0; j < m; j++) acc[j] += v * bs.getAtIndex(D, base + j);
            }
            MemorySegment.copy(acc, 0, os, D, i * m * 8, m);
        }
    }

    /** float32 {@link #spmmF64}, accumulated in float64 and rounded once per element. */
    private static void spmmF32(MemorySegment ip, MemorySegment ix, MemorySegment vs, MemorySegment bs, MemorySegment os, int m, long lo, long hi) {
        double[] acc = new double[m];
        long k = ip.getAtIndex(L, lo);
        for (long i = lo; i < hi; i++) {
            Arrays.fill(acc, 0);
            for (long e = ip.getAtIndex(L, i + 1); k < e; k++) {
                double v = vs.getAtIndex(F, k);
                long base = ix.getAtIndex(L, k) * m;
                for (int j = 0; j < m; j++) acc[j] += v * bs.getAtIndex(F, base + j);
            }
            for (int j = 0; j < m; j++) os.setAtIndex(F, i * m + j, (float) acc[j]);
        }
    }

    /** Rows [lo, hi) of a·B in int64 (exact, wrapping like numpy), B read in place. */
    private static void spmmI64(MemorySegment ip, MemorySegment ix, MemorySegment vs, MemorySegment bs, MemorySegment os, long m, long lo, long hi) {
        long[] acc = new long[(int) m];
        for (long i = lo; i < hi; i++) {
            Arrays.fill(acc, 0);
            for (long k = ip.getAtIndex(L, i), e = ip.getAtIndex(L, i + 1); k < e; k++) {
                long v = vs.getAtIndex(L, k);
                long base = ix.getAtIndex(L, k) * m;
                for (int j = 0; j < m; j++) acc[j] += v * bs.getAtIndex(L, base + j);
            }
            MemorySegment.copy(acc, 0, os, L, i * m * 8, (int) m);
        }
    }

    @Override
    public Tensor[] compactColumns(Csr a) {
        long nnz = a.nnz(), cols = a.cols();
        MemorySegment ix = seg(a.indices());
        Backend be = a.values().backend();
        Tensor renum = be.empty(DType.INT64, nnz);
        MemorySegment rs = renum.data();
        if (cols <= 8 * nnz + (1L << 22)) {
            // a bitset of the columns and a popcount prefix per word: O(nnz + cols / 64), no sort
            long[] words = new long[(int) ((cols + 63) >>> 6)];
            for (long k = 0; k < nnz; k++) {
                long c = ix.getAtIndex(L, k);
                words[(int) (c >>> 6)] |= 1L << c;
            }
            long[] rank = new long[words.length + 1];
            for (int w = 0; w < words.length; w++) rank[w + 1] = rank[w] + Long.bitCount(words[w]);
            int u = (int) rank[words.length];
            long[] uniq = new long[u];
            int n = 0;
            for (int w = 0; w < words.length; w++) {
                long x = words[w];
                while (x != 0) {
                    uniq[n++] = ((long) w << 6) + Long.numberOfTrailingZeros(x);
                    x &= x - 1;
                }
            }
            Parallel.forRange(nnz, GRAIN * 8, (lo, hi) -> {
                for (long k = lo; k < hi; k++) {
                    long c = ix.getAtIndex(L, k);
                    int w = (int) (c >>> 6);
                    rs.setAtIndex(L, k, rank[w] + Long.bitCount(words[w] & ((1L << c) - 1)));
                }
            });
            return new Tensor[] {fromLongs(be, uniq, u), renum};
        }
        long[] all = longs(a.indices());
        Arrays.parallelSort(all);
        int u = 0;
        for (int k = 0; k < all.length; k++) if (k == 0 || all[k] != all[k - 1]) all[u++] = all[k];
        long[] uniq = Arrays.copyOf(all, u);
        Parallel.forRange(nnz, GRAIN * 8, (lo, hi) -> {
            for (long k = lo; k < hi; k++) rs.setAtIndex(L, k, Arrays.binarySearch(uniq, ix.getAtIndex(L, k)));
        });
        return new Tensor[] {fromLongs(be, uniq, u), renum};
    }

    @Override
    public Csr spgemm(Csr a, Csr b) {
        DType t = a.dtype();
        long rows = a.rows(), cols = b.cols();
        boolean isLong = t == DType.INT64;
        if (!isLong && t != DType.FLOAT64 && t != DType.FLOAT32) throw new IllegalArgumentException("spgemm computes in float64, float32 or int64, got " + t);
        MemorySegment pa = seg(a.indptr()), xa = seg(a.indices()), va = seg(a.values());
        // b's rows are read at random: as Java arrays (one bulk copy each), which C2 reads faster than segments
        long[] pb = longs(b.indptr()), xb = longs(b.indices());
        double[] vbd = isLong ? null : b.values().toDoubleArray();
        long[] vbl = isLong ? longs(b.values()) : null;
        // symbolic pass (as scipy's csr_matmat_maxnnz): entries of each result row, so the result is allocated once
        long[] ip = new long[Math.toIntExact(rows) + 1];
        Parallel.forRange(rows, 256, (lo, hi) -> {
            int[] mark = new int[(int) cols];
            Arrays.fill(mark, -1);
            for (long i = lo; i < hi; i++) {
                long cnt = 0;
                for (long k = pa.getAtIndex(L, i), e = pa.getAtIndex(L, i + 1); k < e; k++) {
                    int r = (int) xa.getAtIndex(L, k);
                    for (int q = (int) pb[r], qe = (int) pb[r + 1]; q < qe; q++) {
                        int c = (int) xb[q];
                        if (mark[c] != (int) i) {
                            mark[c] = (int) i;
                            cnt++;
                        }
                    }
                }
                ip[(int) i + 1] = cnt;
            }
        });
        for (int i = 0; i < rows; i++) ip[i + 1] += ip[i];
        long nnz = ip[(int) rows];
        Backend be = a.values().backend();
        Tensor indptr = fromLongs(be, ip, ip.length), idx = be.empty(DType.INT64, nnz), val = be.empty(t, nnz);
        MemorySegment is = idx.data(), vs = val.data();
        long[] zeros = new long[1];
        // numeric pass: Gustavson with a dense accumulator, each row's columns sorted, written in place; one loop per
        // accumulator type, so that the innermost loop carries no type tests
        Parallel.forRange(rows, 256, (lo, hi) -> {
            long z = isLong ? gustavsonLong(pa, xa, va, pb, xb, vbl, ip, is, vs, (int) cols, lo, hi)
                    : gustavsonDouble(pa, xa, va, t == DType.FLOAT64, pb, xb, vbd, ip, is, vs, (int) cols, lo, hi);
            synchronized (zeros) {
                zeros[0] += z;
            }
        });
        Csr c = new Csr(indptr, idx, val, rows, cols);
        return zeros[0] == 0 ? c : eliminateZeros(c);   // scipy's csr_matmat drops zero sums
    }

    /** Rows [lo, hi) of a·b in float64 (a's values float64 or float32, written back in that type); returns the zero sums written. */
    private static long gustavsonDouble(MemorySegment pa, MemorySegment xa, MemorySegment va, boolean f64, long[] pb, long[] xb,
                                        double[] vb, long[] ip, MemorySegment is, MemorySegment vs, int cols, long lo, long hi) {
        int[] mark = new int[cols];
        Arrays.fill(mark, -1);
        double[] acc = new double[cols];
        int[] list = new int[16];
        long z = 0;
        for (long i = lo; i < hi; i++) {
            int cnt = 0, row = (int) i;
            for (long k = pa.getAtIndex(L, i), e = pa.getAtIndex(L, i + 1); k < e; k++) {
                int r = (int) xa.getAtIndex(L, k);
                double av = f64 ? va.getAtIndex(D, k) : va.getAtIndex(F, k);
                int qe = (int) pb[r + 1];
                if (cnt + qe - (int) pb[r] > list.length) list = Arrays.copyOf(list, Math.max(list.length * 2, cnt + qe - (int) pb[r]));
                for (int q = (int) pb[r]; q < qe; q++) {
                    int c = (int) xb[q];
                    if (mark[c] != row) {
                        mark[c] = row;
                        acc[c] = 0;
                        list[cnt++] = c;
                    }
                    acc[c] += av * vb[q];
                }
            }
            Arrays.sort(list, 0, cnt);
            long at = ip[row];
            for (int j = 0; j < cnt; j++) {
                int c = list[j];
                is.setAtIndex(L, at + j, c);
                if (f64) vs.setAtIndex(D, at + j, acc[c]);
                else vs.setAtIndex(F, at + j, (float) acc[c]);
                if (acc[c] == 0) z++;
            }
        }
        return z;
    }

    /** {@link #gustavsonDouble} in int64 (exact, wrapping like numpy). */
    private static long gustavsonLong(MemorySegment pa, MemorySegment xa, MemorySegment va, long[] pb, long[] xb, long[] vb,
                                      long[] ip, MemorySegment is, MemorySegment vs, int cols, long lo, long hi) {
        int[] mark = new int[cols];
        Arrays.fill(mark, -1);
        long[] acc = new long[cols];
        int[] list = new int[16];
        long z = 0;
        for (long i = lo; i < hi; i++) {
            int cnt = 0, row = (int) i;
            for (long k = pa.getAtIndex(L, i), e = pa.getAtIndex(L, i + 1); k < e; k++) {
                int r = (int) xa.getAtIndex(L, k);
                long av = va.getAtIndex(L, k);
                int qe = (int) pb[r + 1];
                if (cnt + qe - (int) pb[r] > list.length) list = Arrays.copyOf(list, Math.max(list.length * 2, cnt + qe - (int) pb[r]));
                for (int q = (int) pb[r]; q < qe; q++) {
                    int c = (int) xb[q];
                    if (mark[c] != row) {
                        mark[c] = row;
                        acc[c] = 0;
                        list[cnt++] = c;
                    }
                    acc[c] += av * vb[q];
                }
            }
            Arrays.sort(list, 0, cnt);
            long at = ip[row];
            for (int j = 0; j < cnt; j++) {
                int c = list[j];
                is.setAtIndex(L, at + j, c);
                vs.setAtIndex(L, at + j, acc[c]);
                if (acc[c] == 0) z++;
            }
        }
        return z;
    }

    // ------------------------------------------------------------------------------------------- reductions

    @Override
    public Tensor rowSums(Csr a, DType outType) {
        Tensor out = a.values().newEmpty(outType, a.rows());
        MemorySegment ip = seg(a.indptr()), vs = seg(a.values()), os = out.data();
        DType t = a.dtype();
        int isz = t.itemSize();
        boolean lp = outType.isIntegral();
        Parallel.forRange(a.rows(), GRAIN, (lo, hi) -> {
            for (long i = lo; i < hi; i++) {
                long s = ip.getAtIndex(L, i), e = ip.getAtIndex(L, i + 1);
                if (lp) {
                    long acc = 0;
                    for (long k = s; k < e; k++) acc += Elements.readLong(vs, k * isz, t);
                    os.setAtIndex(L, i, acc);
                } else if (t == DType.FLOAT64) {
                    double acc = 0;
                    for (long k = s; k < e; k++) acc += vs.getAtIndex(D, k);
                    os.setAtIndex(D, i, acc);
                } else {
                    double acc = 0;
                    for (long k = s; k < e; k++) acc += Elements.readDouble(vs, k * isz, t);
                    os.setAtIndex(D, i, acc);
                }
            }
        });
        return out;
    }

    @Override
    public Tensor colSums(Csr a, DType outType) {
        Tensor out = a.values().newZeros(outType, a.cols());
        MemorySegment ix = seg(a.indices()), vs = seg(a.values()), os = out.data();
        DType t = a.dtype();
        int isz = t.itemSize();
        long nnz = a.nnz();
        if (outType.isIntegral()) {
            for (long k = 0; k < nnz; k++) {
                long c = ix.getAtIndex(L, k);
                os.setAtIndex(L, c, os.getAtIndex(L, c) + Elements.readLong(vs, k * isz, t));
            }
        } else {
            for (long k = 0; k < nnz; k++) {
                long c = ix.getAtIndex(L, k);
                os.setAtIndex(D, c, os.getAtIndex(D, c) + Elements.readDouble(vs, k * isz, t));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- slicing

    @Override
    public Csr sliceRows(Csr a, long lo, long hi) {
        MemorySegment ip = seg(a.indptr());
        long s = ip.getAtIndex(L, lo), e = ip.getAtIndex(L, hi);
        Backend be = a.values().backend();
        Tensor indptr = be.empty(DType.INT64, hi - lo + 1);
        MemorySegment op = indptr.data();
        for (long i = lo; i <= hi; i++) op.setAtIndex(L, i - lo, ip.getAtIndex(L, i) - s);
        return new Csr(indptr, a.indices().narrow(0, s, e - s).copy(), a.values().narrow(0, s, e - s).copy(), hi - lo, a.cols());
    }

    @Override
    public Csr sliceColumns(Csr a, long lo, long hi) {
        MemorySegment ip = seg(a.indptr()), ix = seg(a.indices()), vs = seg(a.values());
        long n = 0, nnz = a.nnz();
        for (long k = 0; k < nnz; k++) {
            long c = ix.getAtIndex(L, k);
            if (c >= lo && c < hi) n++;
        }
        Backend be = a.values().backend();
        DType t = a.dtype();
        int isz = t.itemSize();
        Tensor indptr = be.empty(DType.INT64, a.rows() + 1), idx = be.empty(DType.INT64, n), val = be.empty(t, n);
        MemorySegment op = indptr.data(), ox = idx.data(), ov = val.data();
        long m = 0;
        op.setAtIndex(L, 0, 0);
        for (long i = 0; i < a.rows(); i++) {
            for (long k = ip.getAtIndex(L, i), e = ip.getAtIndex(L, i + 1); k < e; k++) {
                long c = ix.getAtIndex(L, k);
                if (c >= lo && c < hi) {
                    ox.setAtIndex(L, m, c - lo);
                    move(vs, k, ov, m, isz);
                    m++;
                }
            }
            op.setAtIndex(L, i + 1, m);
        }
        return new Csr(indptr, idx, val, a.rows(), hi - lo);
    }

    // ------------------------------------------------------------------------------------------- random

    /** splitmix64's finaliser: a good 64-bit mix of a counter. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0, 1) from (seed, a, b). */
    private static double uniform(long seed, long a, long b) {
        long h = mix(mix(mix(seed ^ 0x9E3779B97F4A7C15L) + a) + b);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Next stored column after {@code col} in a row, by a geometric gap (each column stored with probability density); past cols: MAX_VALUE. */
    private static long nextColumn(long seed, long row, long col, double logq, double density, long cols) {
        if (density >= 1) return col + 1;
        double u = uniform(seed, row, ~col);
        double gap = Math.log(1 - u) / logq;   // Math.log is an intrinsic, log1p is not; 1 - u is in (0, 1]
        return gap >= cols ? Long.MAX_VALUE : col + 1 + (long) gap;
    }

    @Override
    public Csr random(long rowStart, long rows, long cols, double density, long seed, DType dtype, Backend on) {
        double logq = Math.log1p(-Math.min(density, 1));
        Tensor indptr = on.empty(DType.INT64, rows + 1);
        MemorySegment ip = indptr.data();
        ip.setAtIndex(L, 0, 0);
        boolean none = density <= 0;
        Parallel.forRange(rows, 256, (lo, hi) -> {
            for (long i = lo; i < hi; i++) {
                long n = 0, g = rowStart + i;
                if (!none) for (long c = nextColumn(seed, g, -1, logq, density, cols); c < cols; c = nextColumn(seed, g, c, logq, density, cols)) n++;
                ip.setAtIndex(L, i + 1, n);
            }
        });
        for (long i = 0; i < rows; i++) ip.setAtIndex(L, i + 1, ip.getAtIndex(L, i + 1) + ip.getAtIndex(L, i));
        long nnz = ip.getAtIndex(L, rows);
        Tensor idx = on.empty(DType.INT64, nnz), val = on.empty(DType.FLOAT64, nnz);
        MemorySegment is = idx.data(), vs = val.data();
        Parallel.forRange(rows, 256, (lo, hi) -> {
            for (long i = lo; i < hi; i++) {
                long k = ip.getAtIndex(L, i), g = rowStart + i;
                if (none) continue;
                for (long c = nextColumn(seed, g, -1, logq, density, cols); c < cols; c = nextColumn(seed, g, c, logq, density, cols)) {
                    is.setAtIndex(L, k, c);
                    vs.setAtIndex(D, k, uniform(seed + 1, g, c));
                    k++;
                }
            }
        });
        return new Csr(indptr, idx, dtype == DType.FLOAT64 ? val : val.astype(dtype), rows, cols);
    }

    // ------------------------------------------------------------------------------------------- routing

    @Override
    public Tensor bucket(Tensor keys, long[] bounds, long[] counts) {
        long n = keys.size();
        int nb = bounds.length - 1;
        MemorySegment ks = seg(keys);
        int[] owner = new int[Math.toIntExact(n)];
        Arrays.fill(counts, 0);
        for (int k = 0; k < n; k++) {
            long key = ks.getAtIndex(L, k);
            int b = Arrays.binarySearch(bounds, key);
            b = b >= 0 ? b : -b - 2;
            while (b < nb - 1 && bounds[b + 1] <= key) b++;   // empty buckets share a bound: take the last one starting here
            owner[k] = b;
            counts[b]++;
        }
        long[] pos = new long[nb];
        for (int b = 1; b < nb; b++) pos[b] = pos[b - 1] + counts[b - 1];
        Tensor perm = keys.newEmpty(DType.INT64, n);
        MemorySegment ps = perm.data();
        for (int k = 0; k < n; k++) ps.setAtIndex(L, pos[owner[k]]++, k);
        return perm;
    }

    @Override
    public long[] bucketCountsSorted(Tensor keys, long[] bounds) {
        long n = keys.size();
        MemorySegment ks = seg(keys);
        int nb = bounds.length - 1;
        long[] counts = new long[nb];
        long start = 0;
        for (int b = 0; b < nb; b++) {
            long lo = start, hi = n;   // first position with key >= bounds[b + 1]
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                if (ks.getAtIndex(L, mid) < bounds[b + 1]) lo = mid + 1;
                else hi = mid;
            }
            counts[b] = lo - start;
            start = lo;
        }
        return counts;
    }

    @Override
    public Tensor shift(Tensor t, long delta) {
        Tensor out = t.newEmpty(DType.INT64, t.size());
        MemorySegment s = seg(t), o = out.data();
        for (long k = 0, n = t.size(); k < n; k++) o.setAtIndex(L, k, s.getAtIndex(L, k) + delta);
        return out;
    }

    @Override
    public Csr selectRows(Csr a, Tensor rows) {
        long n = rows.size();
        MemorySegment ip = seg(a.indptr()), ix = seg(a.indices()), vs = seg(a.values()), rs = seg(rows);
        Backend be = a.values().backend();
        Tensor indptr = be.empty(DType.INT64, n + 1);
        MemorySegment op = indptr.data();
        op.setAtIndex(L, 0, 0);
        for (long k = 0; k < n; k++) {
            long r = rs.getAtIndex(L, k);
            op.setAtIndex(L, k + 1, op.getAtIndex(L, k) + ip.getAtIndex(L, r + 1) - ip.getAtIndex(L, r));
        }
        long nnz = op.getAtIndex(L, n);
        DType t = a.dtype();
        long isz = t.itemSize();
        Tensor idx = be.empty(DType.INT64, nnz), val = be.empty(t, nnz);
        MemorySegment ox = idx.data(), ov = val.data();
        Parallel.forRange(n, GRAIN, (lo, hi) -> {
            for (long k = lo; k < hi; k++) {
                long r = rs.getAtIndex(L, k), s0 = ip.getAtIndex(L, r), len = ip.getAtIndex(L, r + 1) - s0, d0 = op.getAtIndex(L, k);
                MemorySegment.copy(ix, s0 * 8, ox, d0 * 8, len * 8);
                MemorySegment.copy(vs, s0 * isz, ov, d0 * isz, len * isz);
            }
        });
        return new Csr(indptr, idx, val, n, a.cols());
    }

    @Override
    public Tensor rowLengths(Csr a) {
        Tensor out = a.values().newEmpty(DType.INT64, a.rows());
        MemorySegment ip = seg(a.indptr()), os = out.data();
        for (long i = 0; i < a.rows(); i++) os.setAtIndex(L, i, ip.getAtIndex(L, i + 1) - ip.getAtIndex(L, i));
        return out;
    }

    @Override
    public Tensor indptrFromLengths(Tensor lengths) {
        long n = lengths.size();
        Tensor out = lengths.newEmpty(DType.INT64, n + 1);
        MemorySegment ls = seg(lengths), os = out.data();
        os.setAtIndex(L, 0, 0);
        for (long i = 0; i < n; i++) os.setAtIndex(L, i + 1, os.getAtIndex(L, i) + ls.getAtIndex(L, i));
        return out;
    }
}
