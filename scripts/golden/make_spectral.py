"""Goldens for DMD / DMDc (numpy, exact DMD as Heat 1.6 computes it), the graph Laplacian (as Heat's
ht.graph.Laplacian plus the random-walk form) and spectral clustering (scikit-learn 1.2's SpectralClustering labels).
Run with /usr/bin/python3; writes src/test/resources/golden/spectral.txt.gz (format: ml_common.py).

dmd.X       (13, 10) snapshots of a damped oscillating linear system x_{k+1} = A x_k with small noise
dmdc.X/C    (11, 12) states and (2, 12) controls of x_{k+1} = A x_k + B c_k
lap.X       (11, 3) points; L for rbf (sigma 1.2) fully connected sym / rw / simple, eps-neighbourhood upper / lower,
            unweighted (no self-loops: the diagonal of A is zero after the threshold)
spec.X      (90, 2) three well-separated blobs; labels of SpectralClustering(3, affinity='rbf', gamma=0.5)
"""
import numpy as np
from sklearn.cluster import SpectralClustering
from sklearn.datasets import make_blobs

from ml_common import write


def dmd_full(X, rank=None, tol=None):
    X0, X1 = X[:, :-1], X[:, 1:]
    U, S, Vh = np.linalg.svd(X0, full_matrices=False)
    r = len(S)
    if tol is not None:
        c = np.cumsum(S ** 2)
        r = min(int(np.sum(c <= (1 - tol) * c[-1])) + 1, len(S))
    elif rank is not None:
        r = rank
    U, S, V = U[:, :r], S[:r], Vh[:r].T
    A = U.T @ X1 @ V / S
    lam, W = np.linalg.eig(A)
    return U, A, lam, U @ W


def order(lam):
    return np.lexsort((lam.imag, lam.real))


entries = []
rng = np.random.default_rng(7)
n, T = 13, 10
Q, _ = np.linalg.qr(rng.standard_normal((n, n)))
D = np.diag(np.r_[0.9, 0.5, -0.3, 0.1 * np.ones(n - 3)])
Ab = Q @ D @ Q.T
th = 0.4
R = np.eye(n)
R[3:5, 3:5] = 0.95 * np.array([[np.cos(th), -np.sin(th)], [np.sin(th), np.cos(th)]])
Ab = Ab @ R
X = np.empty((n, T))
X[:, 0] = rng.standard_normal(n)
for k in range(1, T):
    X[:, k] = Ab @ X[:, k - 1] + 1e-3 * rng.standard_normal(n)
entries.append(("dmd.X", X))
x0 = X[:, 0]
xb = rng.standard_normal((n, 3))
for case, kw in [("full", {}), ("rank4", {"rank": 4}), ("tol", {"tol": 1e-3})]:
    U, A, lam, Phi = dmd_full(X, **kw)
    o = order(lam)
    entries += [("dmd.%s.lam_re" % case, lam.real[o]), ("dmd.%s.lam_im" % case, lam.imag[o]),
                ("dmd.%s.modes_re" % case, Phi.real[:, o]), ("dmd.%s.modes_im" % case, Phi.imag[:, o]),
                ("dmd.%s.nmodes" % case, np.array(A.shape[0]))]
    steps = [0, 1, 2, 5, 7]
    pred = np.stack([U @ np.linalg.matrix_power(A, s) @ U.T @ x0 for s in range(6)], axis=1)   # (n, 6)
    predb = np.stack([U @ np.linalg.matrix_power(A, s) @ U.T @ xb for s in steps], axis=2)       # (n, 3, 5)
    entries += [("dmd.%s.pred" % case, pred), ("dmd.%s.predb" % case, predb.transpose(1, 0, 2)),
                ("dmd.%s.next3" % case, U @ np.linalg.matrix_power(A, 3) @ U.T @ xb)]
entries.append(("dmd.xb", xb))

# DMDc: Proctor et al. Sect. 3.3/3.4 with Heat's truncation (Omega to rank + n_control)
n, T, q = 11, 12, 2
Ac = 0.8 * np.linalg.qr(rng.standard_normal((n, n)))[0]
Bc = rng.standard_normal((n, q))
X = np.empty((n, T))
C = rng.standard_normal((q, T))
X[:, 0] = rng.standard_normal(n)
for k in range(1, T):
    X[:, k] = Ac @ X[:, k - 1] + Bc @ C[:, k - 1]
entries += [("dmdc.X", X), ("dmdc.C", C)]
xs = rng.standard_normal((2, n))
cs = rng.standard_normal((q, 6))
entries += [("dmdc.xs", xs), ("dmdc.cs", cs)]
for case, rank in [("full", None), ("rank3", 3)]:
    Xp = X[:, 1:]
    Om = np.vstack([X, C])[:, :-1]
    U, S, Vh = np.linalg.svd(Xp, full_matrices=False)
    Ut, St, Vth = np.linalg.svd(Om, full_matrices=False)
    r = len(S) if rank is None else rank
    p = len(St) if rank is None else rank + q
    U = U[:, :r]
    Ut, St, Vt = Ut[:, :p], St[:p], Vth[:p].T
    U1, U2 = Ut[:n], Ut[n:]
    A = U.T @ Xp @ (Vt / St) @ U1.T @ U
    B = U.T @ Xp @ (Vt / St) @ U2.T
    lam, W = np.linalg.eig(A)
    Phi = Xp @ (Vt / St) @ U1.T @ U @ W
    o = order(lam)
    z = U.T @ xs.T
    traj = [z]
    for s in range(1, cs.shape[1]):
        z = A @ z + (B @ cs[:, s - 1])[:, None]
        traj.append(z)
    pred = np.stack([U @ t for t in traj], axis=2).transpose(1, 0, 2)   # (batch, n, steps)
    entries += [("dmdc.%s.lam_re" % case, lam.real[o]), ("dmdc.%s.lam_im" % case, lam.imag[o]),
                ("dmdc.%s.modes_re" % case, Phi.real[:, o]), ("dmdc.%s.modes_im" % case, Phi.imag[:, o]),
                ("dmdc.%s.pred" % case, pred), ("dmdc.%s.nmodes" % case, np.array([r, p]))]

# graph Laplacian (Heat: similarity with zero diagonal, eps-neighbourhood filter, then the normalisation)
Xl = rng.standard_normal((11, 3))
entries.append(("lap.X", Xl))
sigma = 1.2
D2 = ((Xl[:, None, :] - Xl[None, :, :]) ** 2).sum(-1)
S = np.exp(-D2 / (2 * sigma ** 2))
Dist = np.sqrt(D2)


def laplacians(A):
    d = A.sum(1)
    d = np.where(d == 0, 1.0, d)
    sym = -A / np.sqrt(d)[:, None] / np.sqrt(d)[None, :]
    np.fill_diagonal(sym, 1.0)
    rw = -A / d[:, None]
    np.fill_diagonal(rw, 1.0)
    simple = np.diag(A.sum(1)) - A
    return sym, rw, simple


for name, A in [("rbf_full", S.copy()),
                ("rbf_upper", np.where(S < 0.5, S, 0.0)),
                ("rbf_lower", np.where(S > 0.5, S, 0.0)),
                ("rbf_lower_unweighted", (S > 0.5).astype(float)),
                ("euclid_upper", np.where(Dist < 1.5, Dist, 0.0)),
                ("euclid_upper_unweighted", (Dist < 1.5).astype(float))]:
    np.fill_diagonal(A, 0.0)
    sym, rw, simple = laplacians(A)
    entries += [("lap.%s.sym" % name, sym), ("lap.%s.rw" % name, rw), ("lap.%s.simple" % name, simple)]

# spectral clustering on well-separated blobs
Xs, ys = make_blobs(n_samples=90, centers=[[0, 0], [6, 6], [-6, 6]], cluster_std=0.7, random_state=3)
sc = SpectralClustering(n_clusters=3, affinity="rbf", gamma=0.5, random_state=0).fit(Xs)
entries += [("spec.X", Xs), ("spec.labels", sc.labels_), ("spec.truth", ys)]

write("spectral.txt.gz", entries, __doc__.strip())
