package org.jheat.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.tensor.FftKernels;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.jheat.testing.OnDevice;
import org.junit.jupiter.api.Test;

/**
 * The 22 functions of {@link FFT} against numpy.fft / scipy.fft (src/test/resources/golden/fft.txt, written by
 * scripts/golden/fft_golden.py): every golden call for every split of its input (replicated and each axis, so
 * transforms along the split axis, the 1-d four-step and the prime-length path run at 2–4 processes; the inputs'
 * extents 1…16 leave uneven and empty slabs), in double (float64/complex128) and single (float32/complex64)
 * precision; round trips; integer and bool input; unbalanced input; bad arguments on every process.
 */
class FFTTest {
    /** key → {dtype, shape, values} of the golden file. */
    static final Map<String, String[]> G = new LinkedHashMap<>();

    static {
        for (String line : Dist.resourceLines("/golden/fft.txt")) {
            String[] p = line.split(" \\| ", -1);
            G.put(p[0], new String[] {p[1].split(" ")[0], p[1].split(" ")[1], p[2]});
        }
    }

    static double[] doubles(String key) {
        String v = G.get(key)[2];
        return v.isEmpty() ? new double[0] : Arrays.stream(v.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    static long[] shape(String key) {
        String s = G.get(key)[1];
        return s.equals("-") ? new long[0] : Arrays.stream(s.split(",")).mapToLong(Long::parseLong).toArray();
    }

    static boolean isComplex(String key) { return G.get(key)[0].startsWith("complex"); }

    /** A complex tensor from interleaved (re, im) values. */
    static Tensor complexTensor(double[] interleaved, DType type, long... shape) {
        Tensor c = Tensor.empty(type, shape);
        long[] rs = Arrays.copyOf(shape, shape.length + 1);
        rs[shape.length] = 2;
        FftKernels.viewAsReal(c).copyFrom(Tensor.fromArray(interleaved).reshape(rs));
        return c;
    }

    /** The golden input {@code name} in single or double precision. */
    static Tensor input(String name, boolean single) {
        String key = "in " + name;
        if (isComplex(key)) return complexTensor(doubles(key), single ? DType.COMPLEX64 : DType.COMPLEX128, shape(key));
        return Tensor.fromArray(doubles(key)).reshape(shape(key)).astype(single ? DType.FLOAT32 : DType.FLOAT64);
    }

    /** The gathered values of y as doubles (complex: interleaved). */
    static double[] values(DNDarray y) {
        return (y.dtype().isComplex() ? Transforms.asReal(y) : y).gatherAll().toDoubleArray();
    }

    static void assertClose(double[] e, double[] a, double tol, String what) {
        assertEquals(e.length, a.length, what + ": number of values");
        double scale = 1;
        for (double v : e) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(e[i] - a[i]);
            if (!(err <= tol * scale)) {
                throw new AssertionError(what + ": value " + i + " expected " + e[i] + " got " + a[i] + " (tolerance " + tol * scale + ")");
            }
        }
    }

    static Integer[] splits(int nd) {
        Integer[] s = new Integer[nd + 1];
        for (int i = 0; i < nd; i++) s[i + 1] = i;
        return s;
    }

    static long[] longs(String csv) { return csv.equals("-") ? null : Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray(); }

    static int[] ints(String csv) { return csv.equals("-") ? null : Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray(); }

    /** One golden call: "fn;input;n;axis;s;axes;norm". */
    static DNDarray call(String spec, DNDarray x) {
        String[] p = spec.split(";");
        Integer n = p[2].equals("-") ? null : Integer.valueOf(p[2]);
        int axis = p[3].equals("-") ? -1 : Integer.parseInt(p[3]);
        long[] s = longs(p[4]);
        int[] axes = ints(p[5]);
        String norm = p[6].equals("-") ? null : p[6];
        return switch (p[0]) {
            case "fft" -> FFT.fft(x, n, axis, norm);
            case "ifft" -> FFT.ifft(x, n, axis, norm);
            case "rfft" -> FFT.rfft(x, n, axis, norm);
            case "irfft" -> FFT.irfft(x, n, axis, norm);
            case "hfft" -> FFT.hfft(x, n, axis, norm);
            case "ihfft" -> FFT.ihfft(x, n, axis, norm);
            case "fft2" -> FFT.fft2(x, s, axes, norm);
            case "ifft2" -> FFT.ifft2(x, s, axes, norm);
            case "fftn" -> FFT.fftn(x, s, axes, norm);
            case "ifftn" -> FFT.ifftn(x, s, axes, norm);
            case "rfft2" -> FFT.rfft2(x, s, axes, norm);
            case "irfft2" -> FFT.irfft2(x, s, axes, norm);
            case "rfftn" -> FFT.rfftn(x, s, axes, norm);
            case "irfftn" -> FFT.irfftn(x, s, axes, norm);
            case "hfft2" -> FFT.hfft2(x, s, axes, norm);
            case "ihfft2" -> FFT.ihfft2(x, s, axes, norm);
            case "hfftn" -> FFT.hfftn(x, s, axes, norm);
            case "ihfftn" -> FFT.ihfftn(x, s, axes, norm);
            default -> throw new IllegalArgumentException(p[0]);
        };
    }

    @Test
    void everyFunctionMatchesNumpyForEverySplitAndPrecision() {
        int checked = 0;
        List<String> seen = new ArrayList<>();
        for (String key : G.keySet()) {
            if (!key.startsWith("out ")) continue;
            String spec = key.substring(4);
            String fn = spec.split(";")[0];
            if (!seen.contains(fn)) seen.add(fn);
            String in = spec.split(";")[1];
            boolean complexOut = isComplex(key);
            for (boolean single : new boolean[] {false, true}) {
                Tensor t = input(in, single);
                for (Integer split : splits(t.ndim())) {
                    DNDarray x = Heat.array(t, null, split);
                    DNDarray y = call(spec, x);
                    String what = spec + " split=" + split + (single ? " single" : " double");
                    assertArrayEquals(shape(key), y.gshape(), what + ": shape");
                    DType want = complexOut ? (single ? DType.COMPLEX64 : DType.COMPLEX128) : (single ? DType.FLOAT32 : DType.FLOAT64);
                    assertEquals(want, y.dtype(), what + ": dtype");
                    assertEquals(split, y.split(), what + ": split");
                    assertClose(doubles(key), values(y), single ? 3e-5 : 1e-11, what);
                    checked++;
                }
            }
        }
        assertEquals(18, seen.size(), "transforms covered: " + seen);
        assertTrue(checked > 500, "checked " + checked);
    }

    @Test
    void frequenciesAndShiftsMatchNumpy() {
        for (String key : G.keySet()) {
            String[] p = key.substring(key.indexOf(' ') + 1).split(";");
            if (key.startsWith("freq ")) {
                long n = Long.parseLong(p[1]);
                double d = Double.parseDouble(p[2]);
                for (Integer split : new Integer[] {null, 0}) {
                    DNDarray f = p[0].equals("fftfreq") ? FFT.fftfreq(n, d, null, split, null) : FFT.rfftfreq(n, d, null, split, null);
                    assertEquals(DType.FLOAT64, f.dtype());
                    assertEquals(split, f.split());
                    assertClose(doubles(key), values(f), 0, key + " split=" + split);
                    DNDarray f32 = p[0].equals("fftfreq") ? FFT.fftfreq(n, d, DType.FLOAT32, split, null) : FFT.rfftfreq(n, d, DType.FLOAT32, split, null);
                    assertEquals(DType.FLOAT32, f32.dtype());
                    assertClose(doubles(key), values(f32), 1e-7, key + " float32");
                }
            } else if (key.startsWith("shift ")) {
                int[] axes = ints(p[2]);
                for (boolean single : new boolean[] {false, true}) {
                    Tensor t = input(p[1], single);
                    for (Integer split : splits(t.ndim())) {
                        DNDarray x = Heat.array(t, null, split);
                        DNDarray y = p[0].equals("fftshift") ? (axes == null ? FFT.fftshift(x) : FFT.fftshift(x, axes))
                                : (axes == null ? FFT.ifftshift(x) : FFT.ifftshift(x, axes));
                        assertEquals(split, y.split());
                        assertEquals(x.dtype(), y.dtype());
                        assertClose(doubles(key), values(y), 0, key + " split=" + split);
                    }
                }
            }
        }
        assertClose(new double[] {0, 0.25, -0.5, -0.25}, FFT.fftfreq(4, 1.0).toDoubleArray(), 0, "fftfreq(4)");
        assertClose(new double[] {0, 1, 2}, FFT.rfftfreq(5, 0.2).toDoubleArray(), 1e-15, "rfftfreq(5, 0.2)");
    }

    @Test
    void roundTripsRestoreTheInput() {
        Tensor cube = Dist.iota(5, 4, 6);
        for (Integer split : splits(3)) {
            DNDarray x = Heat.array(cube, null, split);
            double[] want = complexValues(cube);
            assertClose(want, values(FFT.ifftn(FFT.fftn(x))), 1e-12, "ifftn(fftn) split=" + split);
            assertClose(want, values(FFT.ifft2(FFT.fft2(x, null, new int[] {0, 2}), null, new int[] {0, 2})), 1e-12, "ifft2(fft2) split=" + split);
            assertClose(want, values(FFT.ifft(FFT.fft(x, null, 1), null, 1)), 1e-12, "ifft(fft) axis 1 split=" + split);
            assertClose(cube.toDoubleArray(), values(FFT.irfftn(FFT.rfftn(x), new long[] {5, 4, 6}, null, null)), 1e-12, "irfftn(rfftn) split=" + split);
            assertClose(cube.toDoubleArray(), values(FFT.irfft(FFT.rfft(x, null, 0, "ortho"), 5, 0, "ortho")), 1e-12, "irfft(rfft) odd n split=" + split);
            assertClose(cube.toDoubleArray(), values(FFT.hfft(FFT.ihfft(x, null, 0), 5, 0)), 1e-12, "hfft(ihfft) split=" + split);
            DNDarray x32 = x.astype(DType.FLOAT32);
            DNDarray y32 = FFT.ifftn(FFT.fftn(x32));
            assertEquals(DType.COMPLEX64, y32.dtype());
            assertClose(want, values(y32), 1e-5, "float32 round trip split=" + split);
        }
        // 1-d split arrays: composite lengths take the four-step path, primes the gathered one
        for (int n : new int[] {1, 2, 3, 60, 97, 210, 256}) {
            Tensor v = Dist.iota(n);
            for (Integer split : new Integer[] {null, 0}) {
                DNDarray x = Heat.array(v, null, split);
                DNDarray y = FFT.ifft(FFT.fft(x));
                assertEquals(split, y.split());
                assertClose(complexValues(v), values(y), 1e-12, "1-d n=" + n + " split=" + split);
                if (n > 1) assertClose(v.toDoubleArray(), values(FFT.irfft(FFT.rfft(x), n)), 1e-12, "1-d irfft(rfft) n=" + n);
            }
        }
    }

    static double[] complexValues(Tensor real) {
        double[] r = real.toDoubleArray(), c = new double[2 * r.length];
        for (int i = 0; i < r.length; i++) c[2 * i] = r[i];
        return c;
    }

    @Test
    void integerAndBoolInputAreTransformedInDoublePrecision() {
        Tensor iota = Dist.iota(7, 4);
        for (Integer split : splits(2)) {
            DNDarray xi = Heat.array(iota.astype(DType.INT32), null, split), xd = Heat.array(iota.astype(DType.INT32).astype(DType.FLOAT64), null, split);
            DNDarray yi = FFT.fft2(xi);
            assertEquals(DType.COMPLEX128, yi.dtype());
            assertClose(values(FFT.fft2(xd)), values(yi), 1e-14, "int32 split=" + split);
            DNDarray b = xi.gt(0);
            assertEquals(DType.COMPLEX128, FFT.fft(b, null, 0).dtype());
            assertClose(values(FFT.fft(b.astype(DType.FLOAT64), null, 0)), values(FFT.fft(b, null, 0)), 1e-14, "bool");
            assertEquals(DType.FLOAT64, FFT.irfft(xi, null, 0).dtype());
        }
    }

    @Test
    void unbalancedInputAndSplitAxisTransforms() {
        int p = Dist.comm().size();
        Tensor m = Dist.iota(9, 5);
        long[] counts = new long[p];
        counts[p - 1] = 9;   // every row on the last process
        DNDarray x = Heat.array(m, null, 0).redistribute(counts);
        DNDarray ref = Heat.array(m, null, null);
        assertClose(values(FFT.fft(ref, null, 0)), values(FFT.fft(x, null, 0)), 1e-13, "along the split axis");
        assertClose(values(FFT.fft(ref, 7, 1)), values(FFT.fft(x, 7, 1)), 1e-13, "along the other axis");
        assertClose(values(FFT.rfft2(ref)), values(FFT.rfft2(x)), 1e-13, "rfft2");
        assertClose(values(FFT.irfftn(FFT.rfft2(ref), new long[] {9, 5}, null, null)), values(FFT.irfftn(FFT.rfft2(x), new long[] {9, 5}, null, null)), 1e-13, "irfftn");
        DNDarray v = Heat.array(Dist.iota(30), null, 0).redistribute(Arrays.copyOf(new long[] {30}, p));
        assertClose(values(FFT.fft(Heat.array(Dist.iota(30), null, null))), values(FFT.fft(v)), 1e-13, "1-d unbalanced");
    }

    /** Large transforms take the blocked path for strided axes; it must agree with transforms along unit-stride axes. */
    @Test
    void blockedStridedAxesAgreeWithUnitStrideTransforms() {
        Tensor t = Dist.iota(300, 257);
        Tensor c3 = Dist.iota(9, 96, 80);
        for (Integer split : splits(2)) {
            DNDarray x = Heat.array(t, null, split);
            DNDarray ref = FFT.fft(Heat.array(t.transpose().contiguous(), null, null));   // along the unit-stride axis
            assertClose(values(ref), values(FFT.fft(x, null, 0).T()), 1e-11, "axis 0 split=" + split);
            DNDarray both = FFT.fft2(x);
            DNDarray twice = FFT.fft(FFT.fft(Heat.array(t, null, null)).T()).T();
            assertClose(values(twice), values(both), 1e-11, "fft2 split=" + split);
            assertClose(complexValues(t), values(FFT.ifft2(both)), 1e-12, "ifft2(fft2) split=" + split);
        }
        for (Integer split : splits(3)) {
            DNDarray x = Heat.array(c3, null, split).astype(DType.FLOAT32);
            DNDarray ref = FFT.fft(Heat.array(c3.permute(0, 2, 1).contiguous(), null, null));
            assertClose(values(ref.permute(0, 2, 1)), values(FFT.fft(x, null, 1)), 2e-5, "float32 3-d axis 1 split=" + split);
        }
    }

    @Test
    void transformsRunOnTheOperandsDevice() {
        OnDevice d = new OnDevice();
        for (Integer split : splits(2)) {
            DNDarray x = Heat.array(Dist.iota(6, 5), null, split);
            d.same("irfftn(rfftn) split=" + split, x, a -> FFT.irfftn(FFT.rfftn(a), new long[] {6, 5}, null, null));
            d.same("hfft2(fft2) split=" + split, x, a -> FFT.hfft2(FFT.fft2(a)));
            d.same("fft axis 0 split=" + split, x, a -> FFT.fft(a, 8, 0));
        }
        d.same("1-d fft, irfft", Heat.array(Dist.iota(12), null, 0), a -> FFT.irfft(FFT.fft(a), 9));
        d.check();
    }

    @Test
    void badArgumentsRaiseOnEveryProcess() {
        DNDarray x = Heat.array(Dist.iota(4, 6), null, 0);
        DNDarray v = Heat.array(Dist.iota(5), null, 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.fft(x, 0));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.fft(x, -3, 0));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.fft(x, null, 2));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.ifft(x, null, -3));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.fft(x, null, 0, "orth"));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.fft2(x, new long[] {4, 0}));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.fftn(x, null, new int[] {1, -1}));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.fftn(x, new long[] {2, 2}, new int[] {0}));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.fftn(x, new long[] {2, 2, 2}));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.fft2(v));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.rfftn(x, null, new int[] {5}));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.irfft(Heat.array(Dist.iota(1), null, 0)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.rfft(FFT.fft(x)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.ihfft2(FFT.fft(x)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.hfftn(x, null, null, "sideways"));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.fft(Heat.array(Tensor.fromArray(new double[] {1}).reshape(), null, null)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.fftfreq(0));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.rfftfreq(4, 1.0, DType.INT64, null, null));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.fftshift(x, 2));
        IllegalArgumentException e = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> FFT.fftn(x, null, new int[] {0, 0}));
        assertTrue(e.getMessage().contains("repeat"), e.getMessage());
    }
}
