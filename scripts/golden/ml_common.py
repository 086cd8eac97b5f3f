"""Shared inputs and file format of the machine-learning goldens (make_preprocessing.py, make_naive_bayes.py,
make_kneighbors.py), from scikit-learn 1.2 as Debian ships it (python3-sklearn; run with /usr/bin/python3).

Every golden file is gzip-compressed text, one array per line:
    <name> | <dtype> | <shape, comma-separated, or - for 0-d> | <values in C order, space-separated>
floats in Python's shortest round-trip repr (so Java's Double.parseDouble gets the same bits), integers decimal.

ml_datasets.txt.gz holds the inputs: scikit-learn's bundled iris, wine, breast cancer and digits (X float64, y int64)
and generated sets (numpy's default_rng with fixed seeds):
    gen       (37, 7) float64, y in {-1, 2, 7}: normal, wide uniform, the constant 0, the constant 1e9 + 0.5 (a
              float mean that is not exact), one outlier in a column of ones, small integers, a tiny-variance column
              around 1e6; labels -1/2/7 to check non-consecutive classes
    blobs     (83, 3) float64, y in {0, 1, 2, 3}: four Gaussian clusters (the kNN / naive Bayes set)
    ties      (12, 2) float64 integers, y in {0, 1}: a grid with many equal distances (kNN tie-breaking)
"""
import gzip
import os

import numpy as np
from sklearn import datasets

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "test", "resources", "golden")


def fmt(v, dt):
    if dt.kind == "f":
        return repr(float(v))
    if dt.kind == "b":
        return "1" if v else "0"
    return str(int(v))


def line(name, a):
    a = np.asarray(a)
    dt = a.dtype
    if dt.kind == "i":
        dt = np.dtype(np.int64)
        a = a.astype(np.int64)
    shape = ",".join(str(s) for s in a.shape) if a.ndim else "-"
    vals = " ".join(fmt(v, dt) for v in a.ravel())
    return "%s | %s | %s | %s\n" % (name, dt.name, shape, vals)


def write(filename, entries, header):
    """entries: list of (name, array). Deterministic output (gzip mtime 0)."""
    path = os.path.join(GOLDEN, filename)
    with open(path, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write(("# " + header.replace("\n", "\n# ") + "\n").encode())
            for name, a in entries:
                gz.write(line(name, a).encode())
    print("wrote", os.path.normpath(path), os.path.getsize(path), "bytes")


def load():
    """name -> (X float64, y int64)."""
    d = {}
    for name, loader in [("iris", datasets.load_iris), ("wine", datasets.load_wine),
                         ("cancer", datasets.load_breast_cancer), ("digits", datasets.load_digits)]:
        X, y = loader(return_X_y=True)
        d[name] = (np.ascontiguousarray(X, dtype=np.float64), y.astype(np.int64))
    rng = np.random.default_rng(20240601)
    n = 37
    g = np.empty((n, 7))
    g[:, 0] = rng.normal(5.0, 3.0, n)
    g[:, 1] = rng.uniform(-1e4, 1e4, n)
    g[:, 2] = 0.0
    g[:, 3] = 1e9 + 0.5
    g[:, 4] = 1.0
    g[17, 4] = 250.0
    g[:, 5] = rng.integers(-3, 4, n)
    g[:, 6] = 1e6 + rng.normal(0, 1e-7, n)
    gy = np.array([-1, 2, 7])[rng.integers(0, 3, n)]
    d["gen"] = (g, gy.astype(np.int64))
    rng = np.random.default_rng(7)
    centers = np.array([[0, 0, 0], [4, 4, 0], [0, 4, 4], [4, 0, 4]], dtype=float)
    by = rng.integers(0, 4, 83)
    bx = centers[by] + rng.normal(0, 1.3, (83, 3))
    d["blobs"] = (bx, by.astype(np.int64))
    tx = np.array([[i % 4, i // 4] for i in range(12)], dtype=float)
    ty = np.array([0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0], dtype=np.int64)
    d["ties"] = (tx, ty)
    return d


def write_datasets():
    d = load()
    entries = []
    for name, (X, y) in d.items():
        entries.append((name + ".X", X))
        entries.append((name + ".y", y))
    write("ml_datasets.txt.gz", entries, __doc__.strip())
    return d


if __name__ == "__main__":
    write_datasets()
