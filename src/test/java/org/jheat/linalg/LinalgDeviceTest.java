package org.jheat.linalg;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.testing.OnDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The linear algebra with its operands on a second device ({@link org.jheat.tensor.TestDevice}): every result lives
 * on the operands' device and equals the CPU's bit for bit, so no temporary is made on the CPU. Uneven layouts:
 * 11 or 9 rows over any number of processes (empty slabs at np 4 for the 3-row factors), splits none, 0 and 1.
 */
class LinalgDeviceTest {
    private static final Integer[] SPLITS = {null, 0, 1};

    @AfterEach
    void restore() {
        Eigh.base = 128;
        Device.useDefault(Device.CPU);
    }

    /** An 11×5 float64 matrix of full column rank. */
    private static DNDarray tall(Integer split) {
        double[][] v = new double[11][5];
        for (int i = 0; i < 11; i++) for (int j = 0; j < 5; j++) v[i][j] = ((i * 7 + j * 5) % 13) - 6 + (i == j ? 9 : 0) + 0.25 * j;
        return Factories.array(v, null, split);
    }

    /** A well-conditioned symmetric positive definite 9×9. */
    private static DNDarray spd(Integer split) {
        double[][] v = new double[9][9];
        for (int i = 0; i < 9; i++) for (int j = 0; j < 9; j++) v[i][j] = (i == j ? 12 : 0) + 1.0 / (1 + i + j);
        return Factories.array(v, null, split);
    }

    private static DNDarray vec(int n, Integer split) { return Factories.arange(-3.0, n - 3.0, 1.0, null, split); }

    @Test
    void productsAndNormsStayOnTheDevice() {
        OnDevice d = new OnDevice();
        for (Integer s : SPLITS) {
            for (Integer t : SPLITS) {
                String n = " splits " + s + "," + t;
                d.same("matmul" + n, new DNDarray[] {tall(s), Linalg.transpose(tall(t))},
                        in -> new DNDarray[] {Linalg.matmul(in[0], in[1])});
                d.same("matmul float32" + n, new DNDarray[] {Linalg.transpose(tall(s)).astype(DType.FLOAT32), tall(t).astype(DType.FLOAT32)},
                        in -> new DNDarray[] {Linalg.matmul(in[0], in[1])});
                d.same("matmul int64" + n, new DNDarray[] {tall(s).astype(DType.INT64), Linalg.transpose(tall(t)).astype(DType.INT64)},
                        in -> new DNDarray[] {Linalg.matmul(in[0], in[1])});
            }
            String n = " split " + s;
            Integer vs = s == null ? null : 0;
            d.same("matvec" + n, new DNDarray[] {tall(s), vec(5, vs)}, in -> new DNDarray[] {Linalg.matmul(in[0], in[1])});
            d.same("dot" + n, new DNDarray[] {vec(11, vs), vec(11, vs)}, in -> new DNDarray[] {Linalg.dot(in[0], in[1])});
            d.same("vdot" + n, new DNDarray[] {vec(11, vs), vec(11, vs)}, in -> new DNDarray[] {Linalg.vdot(in[0], in[1])});
            d.same("vecdot" + n, new DNDarray[] {tall(s), tall(s)}, in -> new DNDarray[] {Linalg.vecdot(in[0], in[1])});
            d.same("outer" + n, new DNDarray[] {vec(7, vs), vec(4, null)}, in -> new DNDarray[] {Linalg.outer(in[0], in[1])});
            d.same("tensordot" + n, new DNDarray[] {tall(s), tall(s)}, in -> new DNDarray[] {Linalg.tensordot(in[0], in[1], new int[] {0}, new int[] {0})});
            d.same("einsum" + n, new DNDarray[] {tall(s), tall(s)}, in -> new DNDarray[] {Linalg.einsum("ij,ik->jk", in[0], in[1])});
            d.same("trace" + n, tall(s), Linalg::trace);
            d.same("tril" + n, tall(s), a -> Linalg.tril(a, -1));
            d.same("triu" + n, tall(s), a -> Linalg.triu(a, 1));
            d.same("cross" + n, new DNDarray[] {Factories.array(new double[][] {{1, 2, 3}, {4, 5, 6}, {0, 1, -1}, {2, 2, 9}, {3, 0, 1}}, null, vs),
                    Factories.array(new double[][] {{0, 1, 0}, {1, 0, 2}, {5, 4, 3}, {1, 1, 1}, {2, 0, 0}}, null, vs)},
                    in -> new DNDarray[] {Linalg.cross(in[0], in[1])});
            d.same("projection" + n, new DNDarray[] {vec(6, vs), Factories.arange(1.0, 7.0, 1.0, null, vs)},
                    in -> new DNDarray[] {Linalg.projection(in[0], in[1])});
            d.same("norm" + n, tall(s), Linalg::norm);
            d.same("norm 1" + n, tall(s), a -> Linalg.norm(a, 1));
            d.same("norm inf" + n, tall(s), a -> Linalg.norm(a, Double.POSITIVE_INFINITY));
            d.same("norm fro" + n, tall(s), a -> Linalg.norm(a, "fro"));
            d.same("norm nuc" + n, tall(s), a -> Linalg.norm(a, "nuc"));
            d.same("norm 2" + n, tall(s), a -> Linalg.norm(a, 2));
            d.same("vector norm 3 axis 1" + n, tall(s), a -> Linalg.vectorNorm(a, 3, new int[] {1}, false));
            d.same("matrix norm" + n, tall(s), Linalg::matrixNorm);
        }
        d.check();
    }

    @Test
    void solversAndFactorisationsStayOnTheDevice() {
        OnDevice d = new OnDevice();
        for (Integer s : SPLITS) {
            String n = " split " + s;
            d.same("det" + n, spd(s), Linalg::det);
            d.same("inv" + n, spd(s), Linalg::inv);
            d.same("solve" + n, new DNDarray[] {spd(s), Factories.arange(0.0, 18.0, 1.0, null, null).reshape(9, 2)},
                    in -> new DNDarray[] {Linalg.solve(in[0], in[1])});
            d.same("solve triangular" + n, new DNDarray[] {Linalg.tril(spd(s), 0), Factories.arange(0.0, 9.0, 1.0, null, s == null ? null : 0)},
                    in -> new DNDarray[] {Linalg.solveTriangular(in[0], in[1], true)});
            d.same("condest" + n, spd(s), Linalg::condest);
            d.same("expm" + n, Linalg.transpose(spd(s)), a -> Linalg.matrixExp(org.jheat.core.Arithmetics.mul(a, 0.05)));
            d.same("qr" + n, tall(s), a -> {
                QR q = Linalg.qr(a);
                return new DNDarray[] {q.Q(), q.R()};
            });
            d.same("qr r" + n, tall(s), a -> Linalg.qr(a, "r").R());
            d.same("svd" + n, tall(s), a -> {
                SVD v = Linalg.svd(a);
                return new DNDarray[] {v.U(), v.S(), v.Vh()};
            });
            d.same("svdvals" + n, Linalg.transpose(tall(s)), Linalg::svdvals);
            d.same("hsvd rank" + n, tall(s), a -> truncated(Linalg.hsvdRank(a, 3)));
            d.same("hsvd rtol" + n, tall(s), a -> truncated(Linalg.hsvdRtol(a, 0.1)));
            d.same("rsvd" + n, tall(s), a -> {
                Random.seed(17);
                return truncated(Linalg.rsvd(a, 3, 2, 1));
            });
            d.same("polar" + n, spd(s), a -> {
                PolarResult p = Linalg.polar(a);
                return new DNDarray[] {p.U(), p.H()};
            });
            Eigh.base = 2;
            d.same("eigh" + n, spd(s), a -> {
                EighResult e = Linalg.eigh(a);
                return new DNDarray[] {e.eigenvalues(), e.eigenvectors()};
            });
            d.same("eigvalsh" + n, spd(s), Linalg::eigvalsh);
            Eigh.base = 128;
            d.same("reigh" + n, spd(s), a -> {
                Random.seed(3);
                EighResult e = Linalg.reigh(a, 3, 2, 1);
                return new DNDarray[] {e.eigenvalues(), e.eigenvectors()};
            });
            DNDarray t = tall(s);
            d.same("isvd" + n, new DNDarray[] {t, Linalg.tril(tall(s == null ? null : 1 - s), 1)}, in -> {
                TruncatedSVD first = Linalg.hsvdRank(in[0], 3);
                return truncated(Linalg.isvd(in[1], first.U(), first.S(), first.V(), 4L));
            });
        }
        d.check();
    }

    private static DNDarray[] truncated(TruncatedSVD r) {
        return new DNDarray[] {r.U(), r.S(), r.V(), Factories.array(new double[] {r.errorEstimate()}, null, null).to(r.S().device())};
    }

    @Test
    void galleryFollowsTheDefaultDevice() {
        OnDevice d = new OnDevice();
        for (Integer s : new Integer[] {null, 0, 1}) {
            String n = " split " + s;
            // the gallery makes arrays from nothing: on the default device; the operand is only a trigger here
            DNDarray dummy = Factories.array(new double[] {1}, null, null);
            d.same("parter" + n, dummy, a -> onDeviceOf(a, () -> Linalg.parter(7, DType.FLOAT64, s)));
            d.same("hermitian" + n, dummy, a -> onDeviceOf(a, () -> {
                Random.seed(8);
                return Linalg.hermitian(6, DType.FLOAT64, s, true);
            }));
            d.same("known rank" + n, dummy, a -> onDeviceOf(a, () -> {
                Random.seed(9);
                return Linalg.randomKnownRank(8, 5, 2, DType.FLOAT64, s).A();
            }));
            d.same("known singular values" + n, vec(4, null), a -> onDeviceOf(a, () -> {
                Random.seed(10);
                return Linalg.randomKnownSingularValues(7, 4, org.jheat.core.Arithmetics.add(a, 5.0), DType.FLOAT64, s).A();
            }));
        }
        d.check();
    }

    /** Runs {@code make} with the default device set to {@code like}'s. */
    private static DNDarray onDeviceOf(DNDarray like, java.util.function.Supplier<DNDarray> make) {
        Device.useDefault(like.device());
        try {
            return make.get();
        } finally {
            Device.useDefault(Device.CPU);
        }
    }
}
