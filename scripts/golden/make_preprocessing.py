"""Golden values for org.jheat.preprocessing from scikit-learn 1.2 (Debian's python3-sklearn; /usr/bin/python3).

Writes src/test/resources/golden/preprocessing.txt.gz (format: see ml_common.py) and refreshes ml_datasets.txt.gz.
For every data set D of ml_common (iris, wine, cancer, digits, gen, blobs):
    D.rows                 the rows whose transforms are stored (24 spread over the set, first and last included)
    D.batches              batch boundaries [0, a, b, n] for the partial_fit cases
    D.<case>.<attribute>   fitted attributes (mean_, var_, scale_, data_min_, data_max_, min_, max_abs_, center_,
                           n_samples_seen_)
    D.<case>.T             transform(X)[rows]
Cases: std (StandardScaler()), stdnomean (with_mean=False), stdpartial (partial_fit over the three batches),
minmax (MinMaxScaler()), minmaxclip (feature_range=(-3, 2), clip=True, fitted on the first half, T of all rows),
minmaxpartial, maxabs, maxabspartial, robust (RobustScaler()), robust1090 (quantile_range=(10, 90),
unit_variance=True), robustnocenter (with_centering=False, quantile_range=(0, 100)), robustequal
(quantile_range=(25, 25): every range is 0, scale 1), l1 / l2 / max (Normalizer).
Also ppf.<q> = scipy.stats.norm.ppf(q) for RobustScaler's unit variance.
"""
import numpy as np
from scipy import stats
from sklearn.preprocessing import MaxAbsScaler, MinMaxScaler, Normalizer, RobustScaler, StandardScaler

import ml_common


def main():
    data = ml_common.write_datasets()
    e = []
    for name in ["iris", "wine", "cancer", "digits", "gen", "blobs"]:
        X, _ = data[name]
        n = X.shape[0]
        rows = np.unique(np.linspace(0, n - 1, 24).astype(np.int64))
        b = [0, n // 3, 2 * n // 3, n]
        e.append((name + ".rows", rows))
        e.append((name + ".batches", np.array(b)))

        def put(case, est, attrs, T=None):
            for a in attrs:
                e.append(("%s.%s.%s" % (name, case, a), np.asarray(getattr(est, a + "_"), dtype=np.float64)))
            if T is not None:
                e.append(("%s.%s.T" % (name, case), T[rows]))

        s = StandardScaler().fit(X)
        put("std", s, ["mean", "var", "scale", "n_samples_seen"], s.transform(X))
        s = StandardScaler(with_mean=False).fit(X)
        put("stdnomean", s, ["mean", "var", "scale"], s.transform(X))
        s = StandardScaler()
        for i in range(3):
            s.partial_fit(X[b[i]:b[i + 1]])
        put("stdpartial", s, ["mean", "var", "scale", "n_samples_seen"], s.transform(X))

        s = MinMaxScaler().fit(X)
        put("minmax", s, ["data_min", "data_max", "scale", "min"], s.transform(X))
        s = MinMaxScaler(feature_range=(-3, 2), clip=True).fit(X[: n // 2])
        put("minmaxclip", s, ["data_min", "data_max", "scale", "min"], s.transform(X))
        s = MinMaxScaler()
        for i in range(3):
            s.partial_fit(X[b[i]:b[i + 1]])
        put("minmaxpartial", s, ["data_min", "data_max", "scale", "min", "n_samples_seen"], s.transform(X))

        s = MaxAbsScaler().fit(X)
        put("maxabs", s, ["max_abs", "scale"], s.transform(X))
        s = MaxAbsScaler()
        for i in range(3):
            s.partial_fit(X[b[i]:b[i + 1]])
        put("maxabspartial", s, ["max_abs", "scale", "n_samples_seen"], s.transform(X))

        s = RobustScaler().fit(X)
        put("robust", s, ["center", "scale"], s.transform(X))
        s = RobustScaler(quantile_range=(10, 90), unit_variance=True).fit(X)
        put("robust1090", s, ["center", "scale"], s.transform(X))
        s = RobustScaler(with_centering=False, quantile_range=(0, 100)).fit(X)
        put("robustnocenter", s, ["scale"], s.transform(X))
        s = RobustScaler(quantile_range=(25, 25)).fit(X)
        put("robustequal", s, ["center", "scale"], s.transform(X))

        for norm in ["l1", "l2", "max"]:
            e.append(("%s.%s.T" % (name, norm), Normalizer(norm=norm).fit_transform(X)[rows]))
    for q in [0.0001, 0.01, 0.1, 0.25, 0.3, 0.5, 0.75, 0.9, 0.975, 0.999999]:
        e.append(("ppf.%r" % q, np.array(stats.norm.ppf(q))))
    ml_common.write("preprocessing.txt.gz", e, __doc__.strip())


if __name__ == "__main__":
    main()
