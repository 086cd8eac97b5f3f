"""Golden values for org.jheat.naivebayes.GaussianNB from scikit-learn 1.2 (Debian's python3-sklearn; /usr/bin/python3).

Writes src/test/resources/golden/naive_bayes.txt.gz (format: see ml_common.py) and refreshes ml_datasets.txt.gz.
For every data set D of ml_common (iris, wine, cancer, digits, gen, blobs) with train rows i % 3 != 0 and test rows
i % 3 == 0:
    D.train, D.test              the row indices
    D.<case>.classes / theta / var / class_prior / class_count / epsilon
    D.<case>.pred / score            on the test rows
    D.<case>.logproba                on the first 120 test rows (predict_proba is exp(logproba); iris.fit.jll also)
Cases: fit (GaussianNB().fit on the training rows); partial (partial_fit over the training rows in three batches
D.batches = [0, a, b, nTrain], classes = np.unique(y) on the first call); sortedpartial (the training rows sorted
by label, stable, then three batches — early batches lack classes); priors (iris, gen and blobs only: priors
D.priors.given, var_smoothing=1e-5).
"""
import numpy as np
from sklearn.naive_bayes import GaussianNB

import ml_common


def put(e, prefix, nb, Xt, yt, lp):
    for a in ["classes", "theta", "var", "class_prior", "class_count"]:
        e.append((prefix + "." + a, getattr(nb, a + "_")))
    e.append((prefix + ".epsilon", np.array(nb.epsilon_)))
    if prefix == "iris.fit":
        e.append((prefix + ".jll", nb.predict_joint_log_proba(Xt)))
    e.append((prefix + ".logproba", nb.predict_log_proba(Xt)[:lp]))
    e.append((prefix + ".pred", nb.predict(Xt)))
    e.append((prefix + ".score", np.array(nb.score(Xt, yt))))


def main():
    data = ml_common.write_datasets()
    e = []
    for name in ["iris", "wine", "cancer", "digits", "gen", "blobs"]:
        X, y = data[name]
        idx = np.arange(len(X))
        tr, te = idx[idx % 3 != 0], idx[idx % 3 == 0]
        e.append((name + ".train", tr))
        e.append((name + ".test", te))
        Xr, yr, Xt, yt = X[tr], y[tr], X[te], y[te]
        lp = min(len(te), 120)
        put(e, name + ".fit", GaussianNB().fit(Xr, yr), Xt, yt, lp)
        n = len(tr)
        b = [0, n // 3, 2 * n // 3, n]
        e.append((name + ".batches", np.array(b)))
        nb = GaussianNB()
        for i in range(3):
            nb.partial_fit(Xr[b[i]:b[i + 1]], yr[b[i]:b[i + 1]], classes=np.unique(y) if i == 0 else None)
        put(e, name + ".partial", nb, Xt, yt, lp)
        order = np.argsort(yr, kind="stable")
        e.append((name + ".sortedorder", order))
        nb = GaussianNB()
        for i in range(3):
            sel = order[b[i]:b[i + 1]]
            nb.partial_fit(Xr[sel], yr[sel], classes=np.unique(y))
        put(e, name + ".sortedpartial", nb, Xt, yt, lp)
        if name in ("iris", "gen", "blobs"):
            k = len(np.unique(y))
            pri = np.arange(1, k + 1, dtype=float)
            pri /= pri.sum()
            e.append((name + ".priors.given", pri))
            put(e, name + ".priors", GaussianNB(priors=pri, var_smoothing=1e-5).fit(Xr, yr), Xt, yt, lp)
    ml_common.write("naive_bayes.txt.gz", e, __doc__.strip())


if __name__ == "__main__":
    main()
