#!/usr/bin/env python3
"""The stages of `bin/jheat bench` with numpy, scikit-learn and h5py on one process, for `bench --compare`.

Writes "stage<TAB>median seconds" lines (the stage names are jheat's) and a "#versions" line to --out.
Usage: pipeline_reference.py --rows 200000 --cols 16 --k 4 --components 4 --matmul-n 1000 --sort-n 2000000 --repeats 3 --warmup 1 --out ref.tsv
"""
import argparse
import os
import statistics
import tempfile
import time

import h5py
import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler


def main():
    ap = argparse.ArgumentParser()
    for name, typ in [("rows", int), ("cols", int), ("k", int), ("components", int), ("matmul-n", int), ("sort-n", int), ("repeats", int), ("warmup", int)]:
        ap.add_argument("--" + name, type=typ, required=True)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    times = {}

    counting = [False]

    def stage(name, fn):
        t0 = time.perf_counter()
        r = fn()
        if counting[0]:
            times.setdefault(name, []).append(time.perf_counter() - t0)
        return r

    with tempfile.TemporaryDirectory() as d:
        data, out = os.path.join(d, "blobs.h5"), os.path.join(d, "results.h5")
        for rep in range(-a.warmup, a.repeats):
            counting[0] = rep >= 0
            rng = np.random.default_rng(a.seed)
            means = rng.uniform(-10, 10, size=(a.k, a.cols))

            def blobs():
                lab = rng.integers(0, a.k, size=a.rows)
                return (means[lab] + rng.standard_normal((a.rows, a.cols))).astype(np.float32), lab

            x0, _ = stage("make blobs", blobs)

            def save():
                with h5py.File(data, "w") as f:
                    f["data"] = x0

            stage("save HDF5", save)

            def load():
                with h5py.File(data, "r") as f:
                    return f["data"][...]

            x = stage("load HDF5", load)
            xs = stage("StandardScaler", lambda: StandardScaler().fit_transform(x))
            km = stage("KMeans fit (k-means++)", lambda: KMeans(a.k, init="k-means++", n_init=1, random_state=a.seed).fit(xs))
            labels = stage("KMeans predict", lambda: km.predict(xs))
            pca = stage("PCA (hierarchical)", lambda: PCA(a.components, svd_solver="full").fit(xs))
            z = stage("PCA transform", lambda: pca.transform(xs))
            noise = stage("randn", lambda: rng.standard_normal((a.rows, a.cols), dtype=np.float32))

            def save_results():
                with h5py.File(out, "w") as f:
                    f["labels"] = labels
                    f["pca"] = z
                    f["randn"] = noise

            stage("save results HDF5", save_results)
            n = a.matmul_n
            ma, mb = rng.standard_normal((n, n)), rng.standard_normal((n, n))
            stage("matmul", lambda: ma @ mb)
            tall = rng.standard_normal((a.rows, a.cols))
            stage("qr", lambda: np.linalg.qr(tall))
            stage("hsvd", lambda: np.linalg.svd(tall, full_matrices=False))
            stage("resplit", lambda: np.ascontiguousarray(tall.T))
            v = rng.standard_normal(a.sort_n)
            stage("sort", lambda: np.sort(v))
    with open(a.out, "w") as f:
        f.write("#versions\tnumpy %s, scikit-learn %s, h5py %s\n" % (np.__version__, sklearn.__version__, h5py.__version__))
        for name, ts in times.items():
            f.write("%s\t%r\n" % (name, statistics.median(ts)))


if __name__ == "__main__":
    main()
