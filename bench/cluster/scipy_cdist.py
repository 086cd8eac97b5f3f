"""scipy's cdist of N x F uniform float64 rows with themselves (one process), for `bin/jheat bench cdist`.

usage: /usr/bin/python3 bench/cluster/scipy_cdist.py [N] [F] [METRIC]   (defaults 20000 100 euclidean)
"""
import json
import resource
import sys
import time

import numpy as np
from scipy.spatial.distance import cdist

n = int(float(sys.argv[1])) if len(sys.argv) > 1 else 20000
f = int(sys.argv[2]) if len(sys.argv) > 2 else 100
metric = sys.argv[3] if len(sys.argv) > 3 else "euclidean"
x = np.random.default_rng(0).random((n, f))
t0 = time.perf_counter()
d = cdist(x, x, metric)
t = time.perf_counter() - t0
print(json.dumps({"system": "scipy", "metric": metric, "n": n, "f": f, "seconds": round(t, 3), "check": float(d[n // 2].sum()),
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
