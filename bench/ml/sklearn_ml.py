"""scikit-learn reference timings for `bin/jheat bench ml` (same sizes, numpy random data; /usr/bin/python3).

    /usr/bin/python3 bench/ml/sklearn_ml.py knn 50000 5000 32 5
    /usr/bin/python3 bench/ml/sklearn_ml.py nb 1000000 32 10
    /usr/bin/python3 bench/ml/sklearn_ml.py scaler 10000000 8
Prints the median of 3 runs after one warm-up, in milliseconds.
"""
import sys
import time

import numpy as np
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler


def median_ms(f, reps=3):
    f()
    t = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        t.append((time.perf_counter() - t0) * 1e3)
    return sorted(t)[reps // 2]


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "knn"
    a = [float(v) for v in sys.argv[2:]]
    rng = np.random.default_rng(7)
    if what == "knn":
        nt, nq, f, k = int(a[0]) if a else 50000, int(a[1]) if len(a) > 1 else 5000, int(a[2]) if len(a) > 2 else 32, int(a[3]) if len(a) > 3 else 5
        xt, xq = rng.standard_normal((nt, f)), rng.standard_normal((nq, f))
        y = rng.integers(0, 10, nt)
        ms = median_ms(lambda: KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(xt, y).predict(xq))
        print("sklearn knn_fit_predict_ms %.1f" % ms)
    elif what == "nb":
        n, f, c = int(a[0]) if a else 1000000, int(a[1]) if len(a) > 1 else 32, int(a[2]) if len(a) > 2 else 10
        x, y = rng.standard_normal((n, f)), rng.integers(0, c, n)
        nb = GaussianNB().fit(x, y)
        print("sklearn gaussiannb_fit_ms %.1f predict_proba_ms %.1f" % (median_ms(lambda: GaussianNB().fit(x, y)), median_ms(lambda: nb.predict_proba(x))))
    else:
        n, f = int(a[0]) if a else 10000000, int(a[1]) if len(a) > 1 else 8
        x = rng.standard_normal((n, f))
        s = StandardScaler().fit(x)
        print("sklearn standardscaler_fit_ms %.1f transform_ms %.1f" % (median_ms(lambda: StandardScaler().fit(x)), median_ms(lambda: s.transform(x))))


if __name__ == "__main__":
    main()
