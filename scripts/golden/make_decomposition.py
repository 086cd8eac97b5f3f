"""Golden values for org.jheat.decomposition.PCA from scikit-learn 1.2 (Debian's python3-sklearn; /usr/bin/python3).
Writes src/test/resources/golden/decomposition.txt.gz (format: see ml_common.py); inputs from ml_datasets.txt.gz.

For D in iris, wine, cancer, digits, blobs and case C:
    D.C.components / explained_variance / explained_variance_ratio / singular_values / mean / noise_variance /
    n_components   (svd_solver="full"; components with scikit-learn's svd_flip signs)
    D.C.z          transform of the first 20 rows;  D.C.back  inverse_transform of D.C.z
Cases: k (n_components = K[D]), all (None), frac (0.9), white (K[D], whiten=True).

Also writes src/test/resources/golden/incremental_pca.txt.gz: scikit-learn's IncrementalPCA on iris, digits and a
generated low-rank set "gen" (90, 30) (stored as gen.X; mean offsets of 1e3 so the mean correction matters):
    C.components / explained_variance / explained_variance_ratio / singular_values / mean / var / noise_variance /
    n_components / n_samples_seen / batch_size   (of fit with the case's n_components, batch_size, whiten)
    C.z  transform of the first 20 rows;  C.back  inverse_transform of C.z
Cases C (IPCA below): several batch sizes, each with a last short batch; "gen.merge" has a last batch shorter than
n_components, which gen_batches merges into the one before; "gen.wide" batches narrower than the features (n < p);
"*.partial" are partial_fit calls on the row blocks listed in PARTIAL (no fit).
"""
import numpy as np
from sklearn.decomposition import PCA, IncrementalPCA

import ml_common

K = {"iris": 2, "wine": 5, "cancer": 6, "digits": 10, "blobs": 2}


def main():
    data = ml_common.load()
    e = []
    for name, k in K.items():
        X = data[name][0]
        for case, kw in [("k", dict(n_components=k)), ("all", dict(n_components=None)), ("frac", dict(n_components=0.9)),
                         ("white", dict(n_components=k, whiten=True))]:
            p = PCA(svd_solver="full", **kw).fit(X)
            q = name + "." + case
            for a in ["components", "explained_variance", "explained_variance_ratio", "singular_values", "mean"]:
                e.append((q + "." + a, getattr(p, a + "_")))
            e.append((q + ".noise_variance", np.array(float(p.noise_variance_))))
            e.append((q + ".n_components", np.array(p.n_components_)))
            z = p.transform(X[:20])
            e.append((q + ".z", z))
            e.append((q + ".back", p.inverse_transform(z)))
    ml_common.write("decomposition.txt.gz", e, __doc__.strip())
    incremental(data)


# name -> (data set, n_components, batch_size, whiten)
IPCA = {
    "iris.b40": ("iris", 2, 40, False),          # 40, 40, 40, 30
    "iris.b16.white": ("iris", 2, 16, True),     # nine of 16, then 6
    "iris.all": ("iris", None, 50, False),       # n_components = min(50, 4): no noise variance
    "digits.b300": ("digits", 10, 300, False),   # five of 300, then 297
    "digits.b100.white": ("digits", 10, 100, True),
    "gen.default": ("gen", 5, None, False),      # batch_size 5 * 30 = 150 > 90: one batch
    "gen.wide": ("gen", 5, 20, False),           # 20, 20, 20, 20, 10 rows of 30 features
    "gen.merge": ("gen", 12, 20, False),         # 20, 20, then 50 (a last 10 < 12 is merged)
    "gen.none": ("gen", None, 25, True),         # n_components = 25 from the first batch
}
# name -> (data set, n_components, row block sizes)
PARTIAL = {
    "gen.partial": ("gen", 5, [8, 25, 6, 30, 21]),
    "gen.partial.none": ("gen", None, [9, 40, 12, 29]),
    "iris.partial": ("iris", 3, [3, 70, 5, 72]),
}


def gen():
    rng = np.random.default_rng(1301)
    a = rng.normal(size=(90, 6)) @ rng.normal(size=(6, 30)) * np.linspace(3, 0.5, 6)[rng.integers(0, 6, 30)]
    return a + 0.05 * rng.normal(size=(90, 30)) + rng.uniform(-1e3, 1e3, 30)


def ipca_entries(q, p, X):
    e = []
    for a in ["components", "explained_variance", "explained_variance_ratio", "singular_values", "mean", "var"]:
        e.append((q + "." + a, getattr(p, a + "_")))
    e.append((q + ".noise_variance", np.array(float(p.noise_variance_))))
    e.append((q + ".n_components", np.array(p.n_components_)))
    e.append((q + ".n_samples_seen", np.array(int(p.n_samples_seen_))))
    z = p.transform(X[:20])
    e.append((q + ".z", z))
    e.append((q + ".back", p.inverse_transform(z)))
    return e


def incremental(data):
    sets = {"iris": data["iris"][0], "digits": data["digits"][0], "gen": gen()}
    e = [("gen.X", sets["gen"])]
    for q, (name, k, b, white) in IPCA.items():
        X = sets[name]
        p = IncrementalPCA(n_components=k, batch_size=b, whiten=white).fit(X)
        e += ipca_entries(q, p, X)
        e.append((q + ".batch_size", np.array(p.batch_size_)))
    for q, (name, k, blocks) in PARTIAL.items():
        X = sets[name]
        p = IncrementalPCA(n_components=k)
        start = 0
        for b in blocks:
            p.partial_fit(X[start:start + b])
            start += b
        e += ipca_entries(q, p, X)
    ml_common.write("incremental_pca.txt.gz", e, __doc__.strip())


if __name__ == "__main__":
    main()
