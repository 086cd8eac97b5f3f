"""scikit-learn reference timings for `bin/jheat bench ml` (same sizes, numpy random data; /usr/bin/python3).

    /usr/bin/python3 bench/ml/sklearn_ml.py knn 50000 5000 32 5
    /usr/bin/python3 bench/ml/sklearn_ml.py nb 1000000 32 10
    /usr/bin/python3 bench/ml/sklearn_ml.py scaler 10000000 8
    /usr/bin/python3 bench/ml/sklearn_ml.py lasso DIR [EPOCHS] [REPS]   (DIR from bench/ml/lasso_data.py, as `bench ml lasso DIR`)
    /usr/bin/python3 bench/ml/sklearn_ml.py pca FILE [SOLVER] [K] [REPS]  (FILE from bench/ml/pca_data.py, as `bench ml pca FILE`)
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
    if what == "pca":
        from sklearn.decomposition import PCA
        x = np.load(sys.argv[2])
        solver = sys.argv[3] if len(sys.argv) > 3 else "randomized"
        k, reps = int(sys.argv[4]) if len(sys.argv) > 4 else 10, int(sys.argv[5]) if len(sys.argv) > 5 else 3
        p = [None]

        def fit():
            p[0] = PCA(k, svd_solver=solver, random_state=0).fit(x)
        ms = median_ms(fit, reps)
        print("sklearn_pca_%s_fit_ms %.1f (%d x %d, rank %d) pca_captured_variance %.6f"
              % (solver, ms, x.shape[0], x.shape[1], k, p[0].explained_variance_.sum()))
        return
    if what == "lasso":
        import warnings
        from sklearn.linear_model import Lasso
        warnings.simplefilter("ignore")   # tol 0 never converges: exactly EPOCHS epochs
        d = sys.argv[2]
        epochs, reps = int(sys.argv[3]) if len(sys.argv) > 3 else 50, int(sys.argv[4]) if len(sys.argv) > 4 else 5
        x, y = np.load(d + "/X.npy"), np.load(d + "/y.npy")
        ms = median_ms(lambda: Lasso(alpha=0.1, max_iter=epochs, tol=0.0).fit(x, y), reps)
        cpu = []   # the fit's CPU time (one BLAS thread): robust to a loaded machine
        for _ in range(reps):
            c0 = time.process_time()
            Lasso(alpha=0.1, max_iter=epochs, tol=0.0).fit(x, y)
            cpu.append((time.process_time() - c0) * 1e3)
        m = Lasso(alpha=0.1, max_iter=epochs, tol=0.0).fit(x, y)
        obj = 0.5 * np.mean((y - x @ m.coef_ - m.intercept_) ** 2) + 0.1 * np.abs(m.coef_).sum()
        print("sklearn lasso_fit_ms %.1f cpu_ms %.1f (%d x %d, %d epochs) lasso_objective %.9f" % (ms, sorted(cpu)[reps // 2], x.shape[0], x.shape[1], m.n_iter_, obj))
        return
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
