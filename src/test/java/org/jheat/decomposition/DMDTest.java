package org.jheat.decomposition;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.testing.Dist;
import org.jheat.testing.MlGolden;
import org.jheat.testing.MlGolden.Layout;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DMD and DMDc against numpy's exact DMD (src/test/resources/golden/spectral.txt.gz from
 * scripts/golden/make_spectral.py): eigenvalues (as a set), modes (up to a complex phase per mode), predictions,
 * for snapshots replicated, split along space, split along time and piled on the last process.
 */
class DMDTest {
    static final MlGolden G = MlGolden.of("spectral.txt.gz");

    static void close(List<String> fails, String what, double[] want, double[] got, double tol) {
        if (want.length != got.length) {
            fails.add(what + ": " + got.length + " values, expected " + want.length);
            return;
        }
        double scale = 1e-300;
        for (double w : want) scale = Math.max(scale, Math.abs(w));
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(want[i] - got[i]) <= tol * scale)) {
                fails.add(what + ": element " + i + " is " + got[i] + ", expected " + want[i]);
                return;
            }
        }
    }

    /** For each golden eigenvalue the index of the nearest computed one (each used once), or fails. */
    static int[] match(List<String> fails, String what, double[] wr, double[] wi, double[] gr, double[] gi, double tol) {
        int r = wr.length;
        int[] at = new int[r];
        boolean[] used = new boolean[gr.length];
        if (gr.length != r) {
            fails.add(what + ": " + gr.length + " eigenvalues, expected " + r);
            return null;
        }
        for (int i = 0; i < r; i++) {
            int best = -1;
            double bd = Double.MAX_VALUE;
            for (int j = 0; j < r; j++) {
                double d = Math.hypot(wr[i] - gr[j], wi[i] - gi[j]);
                if (!used[j] && d < bd) {
                    bd = d;
                    best = j;
                }
            }
            if (bd > tol) {
                fails.add(what + ": eigenvalue " + wr[i] + "+" + wi[i] + "i not found (nearest off by " + bd + ")");
                return null;
            }
            used[best] = true;
            at[i] = best;
        }
        return at;
    }

    /** Column j of (re + i·im) (n × r, C order) equals a unit-modulus multiple of the golden column. */
    static void modesClose(List<String> fails, String what, Tensor wRe, Tensor wIm, double[] gRe, double[] gIm, int[] at, double tol) {
        if (at == null) return;
        double[] ar = wRe.toDoubleArray(), ai = wIm.toDoubleArray();
        int n = (int) wRe.shape(0), r = (int) wRe.shape(1);
        for (int k = 0; k < r; k++) {
            int j = at[k];   // golden mode k is column j here
            double pr = 0, pi = 0, nw = 0, ng = 0;   // p = <golden, mine>
            for (int i = 0; i < n; i++) {
                double xr = ar[i * r + j], xi = ai[i * r + j], yr = gRe[i * r + k], yi = gIm[i * r + k];
                pr += xr * yr + xi * yi;
                pi += xr * yi - xi * yr;
                nw += xr * xr + xi * xi;
                ng += yr * yr + yi * yi;
            }
            double m = Math.hypot(pr, pi), cr = pr / m, ci = pi / m, err = 0;
            for (int i = 0; i < n; i++) {
                double xr = ar[i * r + j], xi = ai[i * r + j], yr = gRe[i * r + k], yi = gIm[i * r + k];
                double er = yr * cr - yi * ci - xr, ei = yr * ci + yi * cr - xi;
                err += er * er + ei * ei;
            }
            if (!(Math.sqrt(err) <= tol * Math.sqrt(nw))) {
                fails.add(what + ": mode " + k + " differs by " + Math.sqrt(err) + " (norm " + Math.sqrt(nw) + ", golden " + Math.sqrt(ng) + ")");
                return;
            }
        }
    }

    static List<Layout> layouts(Tensor x) { return MlGolden.layouts(x, true); }

    @Test
    void dmdMatchesNumpy() {
        List<String> fails = new ArrayList<>();
        Tensor x = G.get("dmd.X"), xb = G.get("dmd.xb");
        for (Layout l : layouts(x)) {
            for (String c : new String[] {"full", "rank4", "tol"}) {
                String what = "dmd " + c + " " + l.name();
                DMD d = switch (c) {
                    case "full" -> new DMD();
                    case "rank4" -> new DMD().svdRank(4);
                    default -> new DMD().svdTol(1e-3);
                };
                d.fit(l.x());
                String p = "dmd." + c + ".";
                if (d.nModes() != G.get(p + "nmodes").getLong()) fails.add(what + ": nModes " + d.nModes());
                int[] at = match(fails, what, G.get(p + "lam_re").toDoubleArray(), G.get(p + "lam_im").toDoubleArray(),
                        d.eigenvaluesReal().toDoubleArray(), d.eigenvaluesImag().toDoubleArray(), 1e-8);
                if (!c.equals("full")) {
                    modesClose(fails, what + " modes", d.modesReal().gatherAll(), d.modesImag().gatherAll(),
                            G.get(p + "modes_re").toDoubleArray(), G.get(p + "modes_im").toDoubleArray(), at, 1e-6);
                }
                for (Integer sx : new Integer[] {null, 0}) {
                    DNDarray x0 = Heat.array(x.select(1, 0).contiguous(), null, sx);
                    DNDarray pr = d.predict(x0, 6);
                    assertEquals(2, pr.ndim());
                    close(fails, what + " predict x0 split " + sx, G.get(p + "pred").toDoubleArray(), pr.toDoubleArray(), 1e-8);
                    DNDarray b = Heat.array(xb, null, sx == null ? null : 1);
                    DNDarray pb = d.predict(b, new long[] {0, 1, 2, 5, 7});
                    close(fails, what + " predict batch split " + sx, G.get(p + "predb").toDoubleArray(), pb.toDoubleArray(), 1e-8);
                    close(fails, what + " predictNext", G.get(p + "next3").toDoubleArray(), d.predictNext(b, 3).toDoubleArray(), 1e-8);
                }
            }
            // the distributed solvers with a rank reach the full SVD's rank-4 model where X is split
            for (String s : new String[] {"hierarchical", "randomized"}) {
                DMD d = new DMD(s, 4, null).fit(l.x());
                DNDarray pr = d.predict(Heat.array(x.select(1, 0).contiguous(), null, null), 6);
                close(fails, "dmd " + s + " " + l.name() + " predict", G.get("dmd.rank4.pred").toDoubleArray(), pr.toDoubleArray(), 0.05);
            }
        }
        assertTrue(fails.isEmpty(), String.join("\n", fails));
    }

    @Test
    void dmdcMatchesNumpy() {
        List<String> fails = new ArrayList<>();
        Tensor x = G.get("dmdc.X"), cc = G.get("dmdc.C");
        for (Layout l : layouts(x)) {
            for (Integer cs : new Integer[] {null, l.x().split()}) {
                DNDarray c = Heat.array(cc, null, cs);
                for (String k : new String[] {"full", "rank3"}) {
                    String what = "dmdc " + k + " " + l.name() + " C split " + cs;
                    DMDc m = k.equals("full") ? new DMDc() : new DMDc().svdRank(3);
                    m.fit(l.x(), c);
                    String p = "dmdc." + k + ".";
                    long[] nm = G.get(p + "nmodes").toLongArray();
                    if (m.nModes() != nm[0] || m.nModesSystem() != nm[1]) fails.add(what + ": nModes " + m.nModes() + "/" + m.nModesSystem());
                    int[] at = match(fails, what, G.get(p + "lam_re").toDoubleArray(), G.get(p + "lam_im").toDoubleArray(),
                            m.eigenvaluesReal().toDoubleArray(), m.eigenvaluesImag().toDoubleArray(), 1e-8);
                    modesClose(fails, what + " modes", m.modesReal().gatherAll(), m.modesImag().gatherAll(),
                            G.get(p + "modes_re").toDoubleArray(), G.get(p + "modes_im").toDoubleArray(), at, 1e-6);
                    DNDarray pr = m.predict(Heat.array(G.get("dmdc.xs"), null, l.x().split() == null ? null : 0),
                            Heat.array(G.get("dmdc.cs"), null, null));
                    close(fails, what + " predict", G.get(p + "pred").toDoubleArray(), pr.toDoubleArray(), 1e-8);
                }
            }
        }
        assertTrue(fails.isEmpty(), String.join("\n", fails));
    }

    /** eigenvalues() and modes() are the complex arrays of the real and imaginary parts, split like them. */
    @Test
    void complexEigenvaluesAndModes() {
        Tensor cc = G.get("dmdc.C");
        for (String k : new String[] {"dmd", "dmdc"}) {
            for (Layout l : layouts(G.get(k + ".X"))) {
                for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                    DNDarray xl = l.x().astype(t);
                    DNDarray[][] got;
                    if (k.equals("dmd")) {
                        DMD d = new DMD().svdRank(4).fit(xl);
                        got = new DNDarray[][] {{d.eigenvalues(), d.eigenvaluesReal(), d.eigenvaluesImag()}, {d.modes(), d.modesReal(), d.modesImag()}};
                    } else {
                        DMDc m = new DMDc().svdRank(3).fit(xl, Heat.array(cc, null, null).astype(t));
                        got = new DNDarray[][] {{m.eigenvalues(), m.eigenvaluesReal(), m.eigenvaluesImag()}, {m.modes(), m.modesReal(), m.modesImag()}};
                    }
                    for (DNDarray[] g : got) {
                        String what = k + " " + l.name() + " " + t + " " + java.util.Arrays.toString(g[1].gshape());
                        assertEquals(t == DType.FLOAT32 ? DType.COMPLEX64 : DType.COMPLEX128, g[0].dtype(), what);
                        assertEquals(g[1].split(), g[0].split(), what);
                        assertTrue(Heat.all(Heat.eq(Heat.real(g[0]), g[1])) && Heat.all(Heat.eq(Heat.imag(g[0]), g[2])), what);
                    }
                }
            }
        }
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new DMD().eigenvalues());
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new DMDc().modes());
    }

    /** Fewer features or time steps than processes (empty slabs): every layout gives the replicated result. */
    @Test
    void tinySnapshotsAgreeAcrossLayouts() {
        List<String> fails = new ArrayList<>();
        Tensor x = G.get("dmd.X").narrow(0, 0, 3).narrow(1, 0, 4).contiguous();   // (3, 4): 3 time-step pairs
        Tensor c = G.get("dmdc.C").narrow(1, 0, 4).contiguous();
        DNDarray x0 = Heat.array(x.select(1, 0).contiguous(), null, null);
        DMD ref = new DMD().fit(Heat.array(x, null, null));
        DMDc refc = new DMDc().svdRank(1).fit(Heat.array(x, null, null), Heat.array(c, null, null));
        double[] want = ref.predict(x0, 5).toDoubleArray();
        double[] wantc = refc.predict(x0, Heat.array(c, null, null)).toDoubleArray();
        for (Integer s : new Integer[] {0, 1}) {
            DNDarray xs = Heat.array(x, null, s);
            close(fails, "dmd split " + s, want, new DMD().fit(xs).predict(x0, 5).toDoubleArray(), 1e-10);
            close(fails, "dmdc split " + s, wantc, new DMDc().svdRank(1).fit(xs, Heat.array(c, null, s)).predict(x0, Heat.array(c, null, null)).toDoubleArray(), 1e-10);
        }
        assertTrue(fails.isEmpty(), String.join("\n", fails));
    }

    @Test
    void badInputFailsOnEveryRank() {
        Tensor x = G.get("dmd.X");
        DNDarray xd = Heat.array(x, null, 0), xt = Heat.array(x, null, 1);
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new DMD().predict(xd.get(org.jheat.core.Index.all(), org.jheat.core.Index.idx(0)), 3));
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new DMD().eigenvaluesReal());
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new DMD().svdRank(10).fit(xt));   // 13 x 9 → at most 9
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new DMD().fit(Heat.array(x.narrow(1, 0, 1).contiguous(), null, 1)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new DMD("hierarchical", null, null));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new DMD("randomized", 3, 0.1));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new DMD("qr", 3, null));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new DMD().svdRank(0).fit(xd));
        Tensor bad = x.copy();
        bad.setDouble(Double.NaN, 12, 8);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new DMD().fit(Heat.array(bad, null, 0)));
        DMD d = new DMD().svdRank(3).fit(xd);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> d.predict(Heat.zeros(new long[] {12}), 3));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> d.predict(Heat.zeros(new long[] {13}), 0));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> d.predict(Heat.zeros(new long[] {13}), new long[] {-1}));
        // still in step: a collective call works after the failures
        assertEquals(13, d.predictNext(Heat.array(x.select(1, 0).contiguous(), null, 0)).gshape()[0]);

        Tensor xc = G.get("dmdc.X"), cc = G.get("dmdc.C");
        DNDarray xcd = Heat.array(xc, null, 1), ccd = Heat.array(cc, null, 1);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new DMDc().fit(xcd, Heat.array(cc.narrow(1, 0, 5).contiguous(), null, 1)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new DMDc().svdRank(10).fit(xcd, ccd));   // 10 + 2 > 11
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new DMDc().predict(xcd, ccd));
        DMDc m = new DMDc().svdRank(3).fit(xcd, ccd);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> m.predict(Heat.zeros(new long[] {2, 11}), Heat.zeros(new long[] {3, 4})));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> m.predict(Heat.zeros(new long[] {2, 10}), Heat.zeros(new long[] {2, 4})));
        assertEquals(3, m.predict(Heat.zeros(new long[] {11}), Heat.zeros(new long[] {2, 4})).ndim());
    }
}
