"""Golden values for jheat's spatial, cluster and datasets packages, from scikit-learn 1.2 / scipy 1.10 / numpy 1.24
(Debian's python3-sklearn, python3-scipy, python3-numpy; run with /usr/bin/python3).

Writes src/test/resources/golden/cluster.txt and src/test/resources/golden/spatial.txt, one array per line:
    <key> | <dtype> <shape, comma-separated, or - for a scalar> | <values in C order>
floats in Python's shortest round-trip repr, integers decimal.

cluster.txt, per data set D (iris, wine, breast_cancer, digits300 = the first 300 digits, blobs = numpy blobs):
    D.X            the data (float64), D.k the number of clusters
    D.init         k distinct rows of X picked by numpy's default_rng(1) (the given initial centres)
    D.km.*         sklearn KMeans(k, init=D.init, n_init=1, max_iter=300, tol=0, algorithm="lloyd"):
                   centers, labels, inertia, n_iter
    D.km3.*        the same with max_iter=3 (stopped before convergence: labels from a last E-step)
    D.pp.inertia   sklearn KMeans(k, init="k-means++", n_init=10, random_state=0).inertia_ (the best of 10)
    D.sil.*        sklearn silhouette_samples / silhouette_score (euclidean) of D.km.labels
    D.silcb.score  silhouette_score with metric="cityblock"
    D.kmed.*       k-medians with D.init, tol 0, max_iter 300, written out below in numpy (no scikit-learn
                   estimator): centers, labels, inertia (sum of L1 distances), n_iter
    D.kmedoids.*   k-medoids the same way (Heat's rule: the member closest in L1 to the cluster's median)
The k-medians / k-medoids reference (jheat's documented semantics, sklearn's loop structure):
    labels_old = -1; for it in 1..max_iter: labels = argmin_j L1(x, c_j) (first minimum); new centres = per-cluster
    coordinate-wise median (numpy's median) / the member with the smallest L1 distance to it (first index on ties);
    an empty cluster takes the sample farthest (L1) from its centre (largest first, smaller index on ties);
    stop when labels == labels_old (strict) or the squared centre shift <= tol; without strict convergence the
    labels are recomputed for the final centres; inertia = sum of L1 distances to the assigned centre.

spatial.txt: X (13, 5) and Y (9, 5) from default_rng(7), with a zero row in Y (cosine gives nan there) and
scipy.spatial.distance.cdist(X, Y, metric) for euclidean, sqeuclidean, cityblock, cosine; rbf with sigma 1.5 is
exp(-cdist(X, Y, 'sqeuclidean') / (2 sigma^2)) (Heat's definition); xx.* are cdist(X, X, metric).
"""
import os
import warnings

import numpy as np
from scipy.spatial.distance import cdist
from sklearn.cluster import KMeans
from sklearn.datasets import load_breast_cancer, load_digits, load_iris, load_wine
from sklearn.metrics import silhouette_samples, silhouette_score

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "..", "src", "test", "resources", "golden")


def fmt(v):
    v = np.asarray(v)
    if v.dtype.kind in "iub":
        return "int64", " ".join(str(int(a)) for a in v.ravel())
    return "float64", " ".join(repr(float(a)) for a in v.ravel())


def line(out, key, v):
    v = np.asarray(v)
    dt, vals = fmt(v)
    shape = ",".join(str(s) for s in v.shape) if v.ndim else "-"
    out.append(f"{key} | {dt} {shape} | {vals}")


def kmedx(X, init, medoids, max_iter=300, tol=0.0):
    C = init.copy()
    n, k = X.shape[0], C.shape[0]
    labels_old = np.full(n, -1)
    strict = False
    for it in range(1, max_iter + 1):
        D = np.abs(X[:, None, :] - C[None, :, :]).sum(axis=2)
        labels = D.argmin(axis=1)
        new = np.empty_like(C)
        for c in range(k):
            members = np.flatnonzero(labels == c)
            if members.size == 0:
                continue
            med = np.median(X[members], axis=0)
            if medoids:
                dm = np.abs(X[members] - med).sum(axis=1)
                med = X[members[np.argmin(dm)]]
            new[c] = med
        empty = [c for c in range(k) if not np.any(labels == c)]
        if empty:
            dist = D[np.arange(n), labels]
            order = sorted(range(n), key=lambda i: (-dist[i], i))
            for j, c in enumerate(empty):
                new[c] = X[order[j]]
        shift = ((new - C) ** 2).sum()
        C = new
        if np.array_equal(labels, labels_old):
            strict = True
            break
        if shift <= tol:
            break
        labels_old = labels
    if not strict:
        labels = np.abs(X[:, None, :] - C[None, :, :]).sum(axis=2).argmin(axis=1)
    inertia = np.abs(X - C[labels]).sum()
    return C, labels, inertia, it


def blobs():
    rng = np.random.default_rng(0)
    centers = rng.normal(0, 6, (5, 4))
    lab = rng.integers(0, 5, 300)
    return np.round(centers[lab] + rng.normal(0, 1, (300, 4)), 4)


def datasets():
    return [
        ("iris", load_iris().data, 3),
        ("wine", load_wine().data, 3),
        ("breast_cancer", load_breast_cancer().data, 2),
        ("digits300", load_digits().data[:300].astype(np.float64), 10),
        ("blobs", blobs(), 5),
    ]


def cluster():
    out = ["# scikit-learn 1.2 / numpy 1.24 clustering goldens; see scripts/golden/make_cluster.py"]
    for name, X, k in datasets():
        X = np.ascontiguousarray(X, dtype=np.float64)
        line(out, f"{name}.X", X)
        line(out, f"{name}.k", np.int64(k))
        idx = np.random.default_rng(1).choice(X.shape[0], k, replace=False)
        init = X[idx].copy()
        line(out, f"{name}.init", init)
        for tag, mi in (("km", 300), ("km3", 3)):
            km = KMeans(n_clusters=k, init=init.copy(), n_init=1, max_iter=mi, tol=0.0, algorithm="lloyd").fit(X)
            line(out, f"{name}.{tag}.centers", km.cluster_centers_)
            line(out, f"{name}.{tag}.labels", km.labels_.astype(np.int64))
            line(out, f"{name}.{tag}.inertia", np.float64(km.inertia_))
            line(out, f"{name}.{tag}.n_iter", np.int64(km.n_iter_))
            if tag == "km":
                labels = km.labels_
        pp = KMeans(n_clusters=k, init="k-means++", n_init=10, random_state=0).fit(X)
        line(out, f"{name}.pp.inertia", np.float64(pp.inertia_))
        line(out, f"{name}.sil.samples", silhouette_samples(X, labels))
        line(out, f"{name}.sil.score", np.float64(silhouette_score(X, labels)))
        line(out, f"{name}.silcb.score", np.float64(silhouette_score(X, labels, metric="cityblock")))
        for tag, medoids in (("kmed", False), ("kmedoids", True)):
            C, lab, inertia, it = kmedx(X, init, medoids)
            line(out, f"{name}.{tag}.centers", C)
            line(out, f"{name}.{tag}.labels", lab.astype(np.int64))
            line(out, f"{name}.{tag}.inertia", np.float64(inertia))
            line(out, f"{name}.{tag}.n_iter", np.int64(it))
    with open(os.path.join(GOLDEN, "cluster.txt"), "w") as f:
        f.write("\n".join(out) + "\n")


def spatial():
    out = ["# scipy 1.10 cdist goldens; see scripts/golden/make_cluster.py"]
    rng = np.random.default_rng(7)
    X = np.round(rng.normal(0, 2, (13, 5)), 3)
    Y = np.round(rng.normal(1, 2, (9, 5)), 3)
    Y[4] = 0.0
    line(out, "X", X)
    line(out, "Y", Y)
    for metric in ("euclidean", "sqeuclidean", "cityblock", "cosine"):
        line(out, metric, cdist(X, Y, metric))
        line(out, "xx." + metric, cdist(X, X, metric))
    line(out, "rbf1.5", np.exp(-cdist(X, Y, "sqeuclidean") / (2 * 1.5 ** 2)))
    line(out, "xx.rbf1.5", np.exp(-cdist(X, X, "sqeuclidean") / (2 * 1.5 ** 2)))
    with open(os.path.join(GOLDEN, "spatial.txt"), "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    cluster()
    spatial()
