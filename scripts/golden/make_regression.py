"""Golden values for org.jheat.regression (Lasso, ElasticNet) from scikit-learn 1.2 (Debian's python3-sklearn;
run with /usr/bin/python3). Writes src/test/resources/golden/regression.txt.gz (format: see ml_common.py).

Data sets (inputs stored in the file as <set>.X, <set>.y):
    diabetes  scikit-learn's bundled diabetes data (442, 10)
    gen       (203, 31) float64 from numpy's default_rng(5): normal features on different scales, a constant
              column, a sparse true coefficient vector, noise; y has a large offset (intercept)
    wide      (37, 90) float64 from default_rng(6): more features than samples
Cases <set>.<case>: coef, intercept, n_iter, pred (on X), score (R² on X), with the parameters in the case table.
"""
import numpy as np
from sklearn import datasets
from sklearn.linear_model import ElasticNet, Lasso

import ml_common

CASES = [
    # name, estimator, kwargs
    ("lasso", Lasso, dict(alpha=0.1)),
    ("lasso_a1", Lasso, dict(alpha=1.0)),
    ("lasso_tight", Lasso, dict(alpha=0.05, tol=1e-10, max_iter=100000)),
    ("lasso_noint", Lasso, dict(alpha=0.1, fit_intercept=False)),
    ("lasso_pos", Lasso, dict(alpha=0.1, positive=True)),
    ("lasso_short", Lasso, dict(alpha=0.01, max_iter=3, tol=0.0)),
    ("enet", ElasticNet, dict(alpha=0.1, l1_ratio=0.3)),
    ("enet_ridge", ElasticNet, dict(alpha=0.5, l1_ratio=0.0, tol=1e-10, max_iter=500)),
]


def data():
    d = {}
    X, y = datasets.load_diabetes(return_X_y=True)
    d["diabetes"] = (X, y)
    rng = np.random.default_rng(5)
    X = rng.normal(size=(203, 31)) * rng.uniform(0.1, 10, size=31)
    X[:, 7] = 3.0
    w = np.zeros(31)
    w[[0, 3, 11, 20, 29]] = [2.0, -1.5, 0.7, 4.0, -0.2]
    y = X @ w + 1000.0 + rng.normal(scale=0.5, size=203)
    d["gen"] = (X, y)
    rng = np.random.default_rng(6)
    X = rng.normal(size=(37, 90))
    w = np.zeros(90)
    w[[1, 5, 44]] = [3.0, -2.0, 1.0]
    y = X @ w + rng.normal(scale=0.1, size=37)
    d["wide"] = (X, y)
    return d


def main():
    e = []
    for name, (X, y) in data().items():
        e.append((name + ".X", X))
        e.append((name + ".y", y))
        for case, est, kw in CASES:
            m = est(**kw).fit(X, y)
            p = name + "." + case
            e.append((p + ".coef", m.coef_))
            e.append((p + ".intercept", np.array(float(m.intercept_))))
            e.append((p + ".n_iter", np.array(m.n_iter_)))
            e.append((p + ".pred", m.predict(X)))
            e.append((p + ".score", np.array(m.score(X, y))))
    ml_common.write("regression.txt.gz", e, __doc__.strip())


if __name__ == "__main__":
    main()
