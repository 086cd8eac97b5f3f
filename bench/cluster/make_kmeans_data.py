"""Writes the data of ../shared/bench-reference/sk_kmeans.py (numpy default_rng(0), float32 blobs) to an .npy file,
so that `bin/jheat bench kmeans FILE` clusters exactly the same samples as scikit-learn does.

usage: /usr/bin/python3 bench/cluster/make_kmeans_data.py OUT.npy [N]   (N default 1e6)
"""
import sys

import numpy as np

out = sys.argv[1]
n = int(float(sys.argv[2])) if len(sys.argv) > 2 else 1_000_000
f, k = 32, 8
rng = np.random.default_rng(0)
centers = rng.normal(0, 10, (k, f))
x = (centers[rng.integers(0, k, n)] + rng.normal(0, 1, (n, f))).astype(np.float32)
np.save(out, x)
