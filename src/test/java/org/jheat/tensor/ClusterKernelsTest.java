package org.jheat.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The backend's clustering kernels against their definitions evaluated directly in Java: exact argmin with ties to
 * the first column (float32 keys, float64 exact and windowed keys, strided and narrowed views), the k-means update of
 * sums by label (only moved rows, unassigned labels, weights), exact distances to assigned centres, row norms, and
 * the distance blocks of every kind against the textbook formulas.
 */
@Tag("local")
class ClusterKernelsTest {
    static final ClusterKernels CK = Backend.cpu().cluster();

    static double[] random(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble(-3, 3);
        return v;
    }

    static int[] argminRef(double[] d, int n, int k) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int b = 0;
            for (int j = 1; j < k; j++) if (d[i * k + j] < d[i * k + b]) b = j;
            out[i] = b;
        }
        return out;
    }

    @Test
    void argminIsTheFirstMinimumOfEveryRow() {
        SplittableRandom r = new SplittableRandom(3);
        for (int k : new int[] {1, 2, 3, 8, 17}) {
            int n = 37;
            double[] d = random(r, n * k);
            for (int i = 0; i < n; i += 5) d[i * k + k - 1] = d[i * k];           // ties: the first column wins
            for (int i = 2; i < n; i += 7) d[i * k] = -0.0;                      // -0 and +0 tie too (numpy)
            for (int i = 2; i < n; i += 7) if (k > 1) d[i * k + 1] = 0.0;
            for (int i = 3; i < n; i += 7) if (k > 1) {
                d[i * k] = 0.0;
                d[i * k + 1] = -0.0;
                for (int j = 2; j < k; j++) d[i * k + j] = Math.abs(d[i * k + j]) + 0.5;
            }
            for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                Tensor dt = Tensor.fromArray(d, t).reshape(n, k);
                double[] rounded = dt.toDoubleArray();
                Tensor out = Tensor.empty(DType.INT32, n);
                CK.argminRows(dt, out, true);
                int[] ref = argminRef(rounded, n, k);
                assertArrayEquals(ref, out.toIntArray(), "exact " + t + " k=" + k);
                if (t == DType.FLOAT64) {
                    CK.argminRows(dt, out, false);
                    int[] got = out.toIntArray();
                    for (int i = 0; i < n; i++) {
                        assertEquals(rounded[i * k + ref[i]], rounded[i * k + got[i]], 1e-12, "windowed argmin row " + i);
                    }
                }
                // a column block of a wider matrix (rows not back to back), into a strided output
                Tensor wide = Tensor.zeros(t, n, k + 3);
                wide.narrow(1, 1, k).copyFrom(dt);
                Tensor out2 = Tensor.zeros(DType.INT32, n, 2);
                CK.argminRows(wide.narrow(1, 1, k), out2.select(1, 1), true);
                assertArrayEquals(ref, out2.select(1, 1).contiguous().toIntArray(), "view " + t + " k=" + k);
            }
        }
    }

    /** The definition: least order-preserving key (float32 exact, float64 windowed to the column bits), first column. */
    static int[] keyArgmin(double[] d, int n, int k, boolean f32) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, k - 1));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            long best = Long.MAX_VALUE;
            for (int j = 0; j < k; j++) {
                long key;
                if (f32) {
                    int b = Float.floatToRawIntBits((float) d[i * k + j] + 0.0f);
                    key = ((long) (b ^ ((b >> 31) & 0x7fffffff)) << 32) | j;
                } else {
                    long b = Double.doubleToRawLongBits(d[i * k + j] + 0.0);
                    key = ((b ^ ((b >> 63) & 0x7fffffffffffffffL)) & ~((1L << bits) - 1)) | j;
                }
                if (key < best) best = key;
            }
            out[i] = (int) (f32 ? best : best & ((1L << bits) - 1));
        }
        return out;
    }

    @Test
    void vectorAndScalarArgminAgreeOnEveryLayout() {
        // the vector loop (lanes = rows, 8 or 16 at a time) and the scalar tail must pick exactly the columns of the
        // plain definition, also for a block that is not row-major: same keys, ties, -0 = +0, NaN, ±inf
        SplittableRandom r = new SplittableRandom(11);
        for (int k : new int[] {1, 2, 3, 8, 17}) {
            for (int n : new int[] {1, 7, 16, 37, 100}) {
                double[] d = random(r, n * k);
                for (int i = 0; i < n; i += 5) d[i * k + k - 1] = d[i * k];
                for (int i = 2; i < n; i += 7) d[i * k] = -0.0;
                for (int i = 2; i < n && k > 1; i += 7) d[i * k + 1] = 0.0;
                for (int i = 4; i < n && k > 2; i += 9) d[i * k + 2] = Double.NEGATIVE_INFINITY;
                for (int i = 6; i < n; i += 11) d[i * k] = Double.NaN;
                for (int i = 8; i < n && k > 1; i += 13) d[i * k + 1] = Double.POSITIVE_INFINITY;
                for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                    Tensor rowMajor = Tensor.fromArray(d, t).reshape(n, k);
                    Tensor ref = Tensor.fromArray(keyArgmin(rowMajor.toDoubleArray(), n, k, t == DType.FLOAT32));
                    Tensor got0 = Tensor.empty(DType.INT32, n);
                    CK.argminRows(rowMajor, got0, false);
                    assertArrayEquals(ref.toIntArray(), got0.toIntArray(), "row-major " + t + " k=" + k + " n=" + n);
                    // (n, k) with strides (1, n + 5): column j at j·(n + 5), as Pass lays out its blocks
                    Tensor store = Tensor.zeros(t, k, n + 5);
                    Tensor colMajor = store.narrow(1, 0, n).transpose();
                    colMajor.copyFrom(rowMajor);
                    Tensor got = Tensor.empty(DType.INT32, n);
                    CK.argminRows(colMajor, got, false);
                    assertArrayEquals(ref.toIntArray(), got.toIntArray(), "column-major " + t + " k=" + k + " n=" + n);
                    long moved = CK.meanStep(colMajor, Tensor.zeros(t, n, 1), Tensor.full(DType.INT32, -1, n), null, Tensor.zeros(DType.FLOAT64, 2 * k + 1));
                    assertEquals(n, moved, "meanStep on a column-major block moves every unassigned row");
                }
            }
        }
    }

    @Test
    void meanUpdateMovesOnlyChangedRows() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 50, f = 3, k = 4;
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (boolean weighted : new boolean[] {false, true}) {
                Tensor x = Tensor.fromArray(random(r, n * f), t).reshape(n, f);
                double[] xv = x.toDoubleArray();
                int[] old = new int[n], near = new int[n];
                double[] w = new double[n];
                for (int i = 0; i < n; i++) {
                    old[i] = i % 3 == 0 ? -1 : r.nextInt(k);
                    near[i] = i % 2 == 0 ? old[i] < 0 ? 1 : old[i] : r.nextInt(k);
                    w[i] = weighted ? r.nextDouble(0.5, 2) : 1;
                }
                double[] acc0 = random(r, k * f + k + 1);
                Tensor acc = Tensor.fromArray(acc0), labels = Tensor.fromArray(old.clone());
                long moved = CK.meanUpdate(x, Tensor.fromArray(near), labels, weighted ? Tensor.fromArray(w) : null, acc);
                double[] expect = acc0.clone();
                long m = 0;
                for (int i = 0; i < n; i++) {
                    if (old[i] == near[i]) continue;
                    m++;
                    for (int c = 0; c < f; c++) expect[near[i] * f + c] += w[i] * xv[i * f + c];
                    expect[k * f + near[i]] += w[i];
                    if (old[i] >= 0) {
                        for (int c = 0; c < f; c++) expect[old[i] * f + c] -= w[i] * xv[i * f + c];
                        expect[k * f + old[i]] -= w[i];
                    }
                }
                expect[k * f + k] += m;
                assertEquals(m, moved);
                assertArrayEquals(near, labels.toIntArray());
                assertArrayEquals(expect, acc.toDoubleArray(), 1e-12);
            }
        }
    }

    @Test
    void meanStepIsArgminThenUpdate() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 40, f = 3, k = 5;
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor x = Tensor.fromArray(random(r, n * f), t).reshape(n, f);
            Tensor d = Tensor.fromArray(random(r, n * k), t).reshape(n, k);
            int[] old = new int[n];
            for (int i = 0; i < n; i++) old[i] = i % 4 == 0 ? -1 : r.nextInt(k);
            double[] acc0 = random(r, k * f + k + 1);
            Tensor near = Tensor.empty(DType.INT32, n), l1 = Tensor.fromArray(old.clone()), l2 = Tensor.fromArray(old.clone());
            Tensor a1 = Tensor.fromArray(acc0), a2 = Tensor.fromArray(acc0);
            CK.argminRows(d, near, false);
            long m1 = CK.meanUpdate(x, near, l1, null, a1);
            long m2 = CK.meanStep(d, x, l2, null, a2);
            assertEquals(m1, m2);
            assertArrayEquals(l1.toIntArray(), l2.toIntArray());
            assertArrayEquals(a1.toDoubleArray(), a2.toDoubleArray(), 0.0);
        }
    }

    /** The gemm path's nearest centres: the block |c|² - 2·x·cᵀ from one gemm (in x's dtype), then the argmin. */
    static int[] gemmNearest(Tensor x, Tensor c) {
        int n = (int) x.shape(0), k = (int) c.shape(0);
        double[] cn = LocalDistances.squaredNorms(c);
        double[] g0 = new double[n * k];
        for (int i = 0; i < n; i++) System.arraycopy(cn, 0, g0, i * k, k);
        Tensor g = Tensor.fromArray(g0, x.dtype()).reshape(n, k);
        LocalLinalg.gemm(-2.0, x, c.transpose(), 1.0, g);
        Tensor out = Tensor.empty(DType.INT32, n);
        CK.argminRows(g, out, false);
        return out.toIntArray();
    }

    @Test
    void fusedNearestCentresMatchTheGemmBlockAndTheScalarLoops() {
        SplittableRandom r = new SplittableRandom(13);
        int n = 203;   // not a multiple of the eight rows the vector loop takes together
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int f : new int[] {1, 5, 13, 32}) {
                for (int k : new int[] {1, 3, 8, 11, 20}) {
                    Tensor x = Tensor.fromArray(random(r, n * f), t).reshape(n, f);
                    Tensor c = Tensor.fromArray(random(r, k * f), t).reshape(k, f);
                    String what = t + " f=" + f + " k=" + k;
                    int[] vec = CpuCluster.nearestCentres(x, c, true);
                    assertArrayEquals(CpuCluster.nearestCentres(x, c, false), vec, "vector vs scalar " + what);
                    assertArrayEquals(gemmNearest(x, c), vec, "fused vs gemm " + what);
                    Tensor out = Tensor.empty(DType.INT32, n);
                    CK.nearestCentres(x, c, out);
                    assertArrayEquals(vec, out.toIntArray(), "kernel " + what);
                    // the rows as a column block of a wider matrix (not back to back), into a strided output
                    Tensor wide = Tensor.zeros(t, n, f + 2);
                    wide.narrow(1, 1, f).copyFrom(x);
                    Tensor out2 = Tensor.zeros(DType.INT32, n, 2);
                    CK.nearestCentres(wide.narrow(1, 1, f), c, out2.select(1, 1));
                    assertArrayEquals(vec, out2.select(1, 1).contiguous().toIntArray(), "view " + what);
                }
            }
        }
    }

    @Test
    void fusedNearestCentresBreakTiesToTheFirstCentre() {
        SplittableRandom r = new SplittableRandom(17);
        int n = 19, f = 7, k = 12;
        double[] c = random(r, k * f);
        System.arraycopy(c, 2 * f, c, 9 * f, f);       // centre 9 repeats centre 2
        System.arraycopy(c, 0, c, 11 * f, f);          // centre 11 repeats centre 0
        double[] xv = new double[n * f];
        for (int i = 0; i < n; i++) {
            int j = i % 3 == 0 ? 9 : i % 3 == 1 ? 11 : 2;
            for (int q = 0; q < f; q++) xv[i * f + q] = c[j * f + q] + (i % 5 == 0 ? 0 : 1e-3 * (q - 3));
        }
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor x = Tensor.fromArray(xv, t).reshape(n, f), ct = Tensor.fromArray(c, t).reshape(k, f);
            for (boolean vector : new boolean[] {true, false}) {
                int[] got = CpuCluster.nearestCentres(x, ct, vector);
                for (int i = 0; i < n; i++) assertEquals(i % 3 == 1 ? 0 : 2, got[i], t + " vector=" + vector + " row " + i);
            }
        }
    }

    @Test
    void lloydStepIsNearestCentresThenUpdate() {
        SplittableRandom r = new SplittableRandom(19);
        int f = 6, k = 9;
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int n : new int[] {0, 1, 45}) {
                for (boolean weighted : new boolean[] {false, true}) {
                    Tensor x = Tensor.fromArray(random(r, n * f), t).reshape(n, f);
                    Tensor c = Tensor.fromArray(random(r, k * f), t).reshape(k, f);
                    int[] old = new int[n];
                    for (int i = 0; i < n; i++) old[i] = i % 4 == 0 ? -1 : r.nextInt(k);
                    double[] w = random(r, n);
                    for (int i = 0; i < n; i++) w[i] = Math.abs(w[i]) + 0.5;
                    Tensor wt = weighted ? Tensor.fromArray(w) : null;
                    double[] acc0 = random(r, k * f + k + 1);
                    Tensor near = Tensor.empty(DType.INT32, n), l1 = Tensor.fromArray(old.clone()), l2 = Tensor.fromArray(old.clone());
                    Tensor a1 = Tensor.fromArray(acc0), a2 = Tensor.fromArray(acc0);
                    CK.nearestCentres(x, c, near);
                    long m1 = CK.meanUpdate(x, near, l1, wt, a1);
                    long m2 = CK.lloydStep(x, c, l2, wt, a2);
                    String what = t + " n=" + n + " weighted=" + weighted;
                    assertEquals(m1, m2, what);
                    assertArrayEquals(l1.toIntArray(), l2.toIntArray(), what);
                    assertArrayEquals(a1.toDoubleArray(), a2.toDoubleArray(), 0.0, what);
                }
            }
        }
    }

    @Test
    void distancesToAssignedCentresAndRowNorms() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 21, f = 5, k = 3;
        double[] c = random(r, k * f);
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor x = Tensor.fromArray(random(r, n * f), t).reshape(n, f);
            double[] xv = x.toDoubleArray();
            int[] lab = new int[n];
            for (int i = 0; i < n; i++) lab[i] = r.nextInt(k);
            for (boolean l1 : new boolean[] {false, true}) {
                Tensor out = Tensor.empty(DType.FLOAT64, n);
                CK.assignedDistances(x, Tensor.fromArray(c).reshape(k, f), Tensor.fromArray(lab), l1, out);
                double[] got = out.toDoubleArray();
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int q = 0; q < f; q++) {
                        double d = xv[i * f + q] - c[lab[i] * f + q];
                        s += l1 ? Math.abs(d) : d * d;
                    }
                    assertEquals(s, got[i], 1e-12 * (1 + s), "row " + i + " l1=" + l1);
                }
            }
            Tensor norms = Tensor.empty(DType.FLOAT64, n);
            CK.rowSquaredNorms(x, norms);
            double[] nv = norms.toDoubleArray();
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int q = 0; q < f; q++) s += xv[i * f + q] * xv[i * f + q];
                assertEquals(s, nv[i], 1e-12 * (1 + s));
            }
        }
    }

    @Test
    void distanceBlocksOfEveryKind() {
        SplittableRandom r = new SplittableRandom(11);
        int a = 9, b = 70, f = 4;
        double[] xv = random(r, a * f), yv = random(r, b * f);
        Tensor x = Tensor.fromArray(xv).reshape(a, f), y = Tensor.fromArray(yv).reshape(b, f);
        double sigma = 1.5;
        for (DistanceKind kind : DistanceKind.values()) {
            for (boolean gemm : new boolean[] {false, true}) {
                if (gemm && (kind == DistanceKind.CITYBLOCK || kind == DistanceKind.COSINE)) continue;
                Tensor out = Tensor.empty(DType.FLOAT64, a, b);
                LocalDistances.compute(kind, gemm, sigma, x, y, out);
                double[] got = out.toDoubleArray();
                for (int i = 0; i < a; i++) {
                    for (int j = 0; j < b; j++) {
                        double s2 = 0, s1 = 0, dot = 0, nx = 0, ny = 0;
                        for (int q = 0; q < f; q++) {
                            double u = xv[i * f + q], v = yv[j * f + q];
                            s2 += (u - v) * (u - v);
                            s1 += Math.abs(u - v);
                            dot += u * v;
                            nx += u * u;
                            ny += v * v;
                        }
                        double e = switch (kind) {
                            case EUCLIDEAN -> Math.sqrt(s2);
                            case SQEUCLIDEAN -> s2;
                            case CITYBLOCK -> s1;
                            case COSINE -> 1 - dot / Math.sqrt(nx * ny);
                            case RBF -> Math.exp(-s2 / (2 * sigma * sigma));
                        };
                        assertEquals(e, got[i * b + j], (gemm || kind == DistanceKind.COSINE ? 1e-9 : 1e-13) * (1 + Math.abs(e)),
                                kind + " gemm=" + gemm + " (" + i + ", " + j + ")");
                    }
                }
            }
        }
    }
}
