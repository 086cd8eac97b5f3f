"""Writes DIR/X.npy and DIR/y.npy with the Lasso recipe of ../shared/bench-reference/sk_linalg_ml.py (same rng draws,
so `sk_linalg_ml.py lasso` fits the same data): bin/jheat bench ml lasso DIR times jheat on it.
usage: /usr/bin/python3 bench/ml/lasso_data.py DIR"""
import os
import sys

import numpy as np

d = sys.argv[1]
os.makedirs(d, exist_ok=True)
g = np.random.default_rng(0)
X = g.standard_normal((100_000, 64)); w = g.standard_normal(64) * (g.random(64) < 0.3); y = X @ w + 0.1 * g.standard_normal(100_000)
X = (X - X.mean(0)) / X.std(0)
np.save(os.path.join(d, "X.npy"), X)
np.save(os.path.join(d, "y.npy"), y)
