"""scikit-learn's k-means on the data of make_kmeans_data.py (first 8 rows as init, 30 iterations, tol 0): prints the
fit time, inertia and iterations, for comparing with `bin/jheat bench kmeans FILE`.

usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/cluster/sk_kmeans_inertia.py FILE.npy
"""
import json
import resource
import sys
import time

import numpy as np
from sklearn.cluster import KMeans

x = np.load(sys.argv[1])
init = x[:8].copy()
km = KMeans(n_clusters=8, init=init, n_init=1, max_iter=30, tol=0.0, algorithm="lloyd")
t0, c0 = time.perf_counter(), time.process_time()
km.fit(x)
t, c = time.perf_counter() - t0, time.process_time() - c0
# the exact (float64) objective of scikit-learn's centres and labels; scikit-learn sums float32 data in float32
exact = float(((x.astype(np.float64) - km.cluster_centers_.astype(np.float64)[km.labels_]) ** 2).sum())
print(json.dumps({"seconds": round(t, 3), "cpu_seconds": round(c, 3), "inertia": float(km.inertia_), "inertia_float64": exact,
                  "iters": int(km.n_iter_),
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
