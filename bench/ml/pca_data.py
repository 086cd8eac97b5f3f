"""Data for the PCA benchmark (`bin/jheat bench ml pca FILE SOLVER`): the 2e5 x 1000 float64 standard normal matrix of
../shared/bench-reference/sk_linalg_ml.py (numpy default_rng(0), its first draw), written to FILE as .npy, so that
jheat and scikit-learn fit the same numbers.

    /usr/bin/python3 bench/ml/pca_data.py /tmp/pca.npy
"""
import sys

import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/pca.npy"
np.save(out, np.random.default_rng(0).standard_normal((200_000, 1000)))
