"""Golden values for org.jheat.classification.KNeighborsClassifier from scikit-learn 1.2 (Debian's python3-sklearn;
/usr/bin/python3).

Writes src/test/resources/golden/kneighbors.txt.gz (format: see ml_common.py) and refreshes ml_datasets.txt.gz.
For the data sets iris, wine, cancer, digits, gen and blobs of ml_common, training rows i % 3 != 0, queries i % 3 == 0:
    D.train, D.test                    the row indices
    D.k<k>.<weights>.pred              predict(queries) for k in 1, 3, 5, 8 and weights uniform / distance
    D.k5.<weights>.proba               predict_proba of the first 40 queries
    D.k5.dist                          kneighbors distances of the first 40 queries (sorted; the same for any
                                       tie-breaking)
scikit-learn's choice among training points at the same distance from a query depends on its thread count (its
heaps are merged per thread); jheat keeps the lowest training indices. The script applies that rule to exact
distances and compares with scikit-learn's predictions: where they differ it asserts that the k-th and (k+1)-th
nearest distances are equal (a genuine tie at the boundary) and stores
    D.k<k>.<weights>.tieq / .tiepred   those queries and the lowest-index rule's prediction for them.
"""
import numpy as np
from sklearn.neighbors import KNeighborsClassifier

import ml_common


def lowest_index_predict(Xr, yr, Xt, k, weights, classes):
    d2 = ((Xt[:, None, :] - Xr[None, :, :]) ** 2).sum(-1)
    idx = np.broadcast_to(np.arange(len(Xr)), d2.shape)
    nn = np.lexsort((idx, d2), axis=1)[:, :k]
    codes = np.searchsorted(classes, yr[nn])
    out = []
    for i in range(len(Xt)):
        d = np.sqrt(d2[i, nn[i]])
        if weights == "uniform":
            w = np.ones(k)
        elif (d == 0).any():
            w = (d == 0).astype(float)
        else:
            w = 1.0 / d
        score = np.zeros(len(classes))
        for j in range(k):
            score[codes[i, j]] += w[j]
        out.append(classes[np.argmax(score)])
    return np.array(out)


def main():
    data = ml_common.write_datasets()
    e = []
    for name in ["iris", "wine", "cancer", "digits", "gen", "blobs"]:
        X, y = data[name]
        idx = np.arange(len(X))
        tr, te = idx[idx % 3 != 0], idx[idx % 3 == 0]
        e.append((name + ".train", tr))
        e.append((name + ".test", te))
        Xr, yr, Xt = X[tr], y[tr], X[te]
        classes = np.unique(yr)
        for k in [1, 3, 5, 8]:
            for w in ["uniform", "distance"]:
                clf = KNeighborsClassifier(n_neighbors=k, weights=w).fit(Xr, yr)
                pred = clf.predict(Xt)
                mine = lowest_index_predict(Xr, yr, Xt, k, w, classes)
                bad = np.flatnonzero(pred != mine)
                for q in bad:
                    d2 = np.sort(((Xt[q] - Xr) ** 2).sum(1))
                    assert k < len(d2) and d2[k - 1] == d2[k], (name, k, w, q, "differs without a tie")
                e.append(("%s.k%d.%s.pred" % (name, k, w), pred))
                if len(bad):
                    e.append(("%s.k%d.%s.tieq" % (name, k, w), bad))
                    e.append(("%s.k%d.%s.tiepred" % (name, k, w), mine[bad]))
                if k == 5:
                    e.append(("%s.k5.%s.proba" % (name, w), clf.predict_proba(Xt[:40])))
                    if w == "uniform":
                        e.append(("%s.k5.dist" % name, clf.kneighbors(Xt[:40])[0]))
    ml_common.write("kneighbors.txt.gz", e, __doc__.strip())


if __name__ == "__main__":
    main()
