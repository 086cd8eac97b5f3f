"""Data for the spectral clustering benchmark: N points (default 20000) in 8 dimensions around 4 well-separated
centres (scikit-learn's make_blobs, seed 0), written to DIR/X.npy and the true labels to DIR/y.npy.

    /usr/bin/python3 bench/ml/spectral_data.py /tmp/spec 20000
"""
import os
import sys

import numpy as np
from sklearn.datasets import make_blobs

d = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
os.makedirs(d, exist_ok=True)
X, y = make_blobs(n_samples=n, n_features=8, centers=4, cluster_std=1.0, center_box=(-10, 10), random_state=0)
np.save(os.path.join(d, "X.npy"), X)
np.save(os.path.join(d, "y.npy"), y)
