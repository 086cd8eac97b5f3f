"""scikit-learn's side of the spectral clustering benchmark (jheat: org.jheat.cli.bench.SpectralBench): one fit
of SpectralClustering(K, affinity='rbf', gamma=G, eigen_solver='arpack', random_state=0) on DIR/X.npy, prints the
fit time, writes DIR/labels_sklearn.npy. With "compare" instead of K: the adjusted Rand index of both label files
against each other and against DIR/y.npy.

    /usr/bin/python3 bench/ml/spectral_sklearn.py /tmp/spec 4 0.5
    /usr/bin/python3 bench/ml/spectral_sklearn.py /tmp/spec compare
"""
import os
import sys
import time

import numpy as np
from sklearn.cluster import SpectralClustering
from sklearn.metrics import adjusted_rand_score

d = sys.argv[1]
if len(sys.argv) > 2 and sys.argv[2] == "compare":
    y = np.load(os.path.join(d, "y.npy"))
    a = np.load(os.path.join(d, "labels_jheat.npy"))
    b = np.load(os.path.join(d, "labels_sklearn.npy"))
    print("ARI jheat-sklearn %.6f jheat-truth %.6f sklearn-truth %.6f"
          % (adjusted_rand_score(a, b), adjusted_rand_score(a, y), adjusted_rand_score(b, y)))
    sys.exit(0)
k = int(sys.argv[2]) if len(sys.argv) > 2 else 4
g = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
X = np.load(os.path.join(d, "X.npy"))
t0 = time.perf_counter()
labels = SpectralClustering(n_clusters=k, affinity="rbf", gamma=g, eigen_solver="arpack", random_state=0).fit(X).labels_
ms = (time.perf_counter() - t0) * 1e3
np.save(os.path.join(d, "labels_sklearn.npy"), labels)
print("sklearn spectral_fit_ms %.1f (%d x %d, k %d)" % (ms, X.shape[0], X.shape[1], k))
