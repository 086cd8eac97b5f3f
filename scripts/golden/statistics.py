"""Golden values for jheat's Quantiles, Histograms and Moments, from numpy (Debian's /usr/bin/python3).

Writes src/test/resources/golden/statistics.txt, one case per line:
    <op> <input> <axis|None> <params...> | <dtype> <shape or -> | <values>
Floats in Python's shortest round-trip repr (nan, inf), integers decimal. The inputs are exactly representable formulas,
rebuilt identically by the Java tests (StatisticsGolden.input):
    A   (7, 5)  float64  ((i*37) % 101) * 0.25 - 12         (ties included)
    B   (13, 4) float64  ((i*53) % 97) * 0.5 - 20
    N   (7, 5)  float64  A with element 8 = nan
    I   (7, 5)  int32    (i*37) % 23 - 11
    C   (2, 3)  float64  i * 1.5 - 2                        (2 rows: empty slabs at np 3, 4)
    D   (11,)   float64  ((i*7) % 11) * 0.75 - 3
    E   (7, 5)  float64  ((i*11) % 29) * 0.5                 (second operand of cov)
    V   (40,)   int64    (i*7) % 11                          (bincount)
    W   (7, 5)  float64  (i % 3) * 0.5 + 0.25                (weights)
skew/kurtosis follow scipy.stats (not installed here), written out with numpy:
    m_k = mean((a - mean(a))**k);  zero = m2 <= (finfo.resolution * mean)**2
    skew g1 = m3 / m2**1.5 (nan where zero); unbiased (bias=False, n > 2): sqrt(n(n-1))/(n-2) * g1
    kurtosis b2 = m4 / m2**2 (nan where zero); unbiased (n > 3): ((n^2-1) m4/m2^2 - 3(n-1)^2)/((n-2)(n-3)) + 3;
    fisher subtracts 3.
histc follows torch: bin = floor((x - min) * bins / (max - min)), x == max in the last bin, outside ignored;
min == max uses the data's min/max (and min == max widens by 1 on each side).
"""
import math
import os
import warnings

import numpy as np

warnings.simplefilter("ignore")
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "golden", "statistics.txt")


def gen(n, f, dt=np.float64):
    return np.array([f(i) for i in range(n)], dtype=dt)


IN = {
    "A": gen(35, lambda i: ((i * 37) % 101) * 0.25 - 12).reshape(7, 5),
    "B": gen(52, lambda i: ((i * 53) % 97) * 0.5 - 20).reshape(13, 4),
    "I": gen(35, lambda i: (i * 37) % 23 - 11, np.int32).reshape(7, 5),
    "C": gen(6, lambda i: i * 1.5 - 2).reshape(2, 3),
    "D": gen(11, lambda i: ((i * 7) % 11) * 0.75 - 3),
    "E": gen(35, lambda i: ((i * 11) % 29) * 0.5).reshape(7, 5),
    "V": gen(40, lambda i: (i * 7) % 11, np.int64),
    "W": gen(35, lambda i: (i % 3) * 0.5 + 0.25).reshape(7, 5),
}
nan = IN["A"].copy().ravel()
nan[8] = np.nan
IN["N"] = nan.reshape(7, 5)


def fmt(v, dt):
    if dt.startswith("float"):
        v = float(v)
        return repr(v)   # shortest round-trip text: Java's Double.parseDouble reads back the same bits
    return str(int(v))


rows = []


def emit(key, y):
    y = np.asarray(y)
    rows.append("%s | %s %s | %s" % (key, y.dtype.name, ",".join(map(str, y.shape)) or "-",
                                     " ".join(fmt(v, y.dtype.name) for v in y.ravel())))


def axes_of(a):
    return [None] + list(range(a.ndim))


QS = [0, 12.5, 33.3, 50, 90, 100]
for name in ["A", "B", "N", "I", "C", "D"]:
    a = IN[name]
    for ax in axes_of(a):
        emit("median %s %s" % (name, ax), np.median(a, axis=ax))
        for m in {"A": ["linear", "lower", "higher", "nearest", "midpoint"], "D": ["linear", "nearest", "midpoint"],
                  "B": []}.get(name, ["linear"]):
            emit("percentile %s %s %s" % (name, ax, m), np.percentile(a, QS, axis=ax, method=m))


def moments(a, ax):
    mean = a.mean(axis=ax, keepdims=True)
    d = a - mean
    m2, m3, m4 = (d ** 2).mean(axis=ax), (d ** 3).mean(axis=ax), (d ** 4).mean(axis=ax)
    n = a.size if ax is None else a.shape[ax]
    zero = m2 <= (np.finfo(np.float64).resolution * (mean.squeeze() if ax is None else mean.squeeze(ax))) ** 2
    return n, m2, m3, m4, zero


def skew(a, ax, unbiased):
    n, m2, m3, m4, zero = moments(a.astype(np.float64), ax)
    v = np.where(zero, np.nan, m3 / m2 ** 1.5)
    if unbiased and n > 2:
        v = np.where(zero, np.nan, np.sqrt((n - 1.0) * n) / (n - 2.0) * m3 / m2 ** 1.5)
    return v


def kurtosis(a, ax, fisher, unbiased):
    n, m2, m3, m4, zero = moments(a.astype(np.float64), ax)
    v = np.where(zero, np.nan, m4 / m2 ** 2.0)
    if unbiased and n > 3:
        v = np.where(zero, np.nan, 1.0 / (n - 2) / (n - 3) * ((n ** 2 - 1.0) * m4 / m2 ** 2.0 - 3 * (n - 1) ** 2.0) + 3.0)
    return v - 3 if fisher else v


for name in ["A", "N", "I", "C", "D"]:
    a = IN[name]
    for ax in axes_of(a):
        for ub in [0, 1]:
            emit("skew %s %s %d" % (name, ax, ub), skew(a, ax, ub))
            for fi in ([0, 1] if name == "A" else [1]):
                emit("kurtosis %s %s %d %d" % (name, ax, fi, ub), kurtosis(a, ax, fi, ub))
        avg, scl = np.average(a, axis=ax, returned=True)
        emit("average %s %s none" % (name, ax), avg)
        emit("averagesum %s %s none" % (name, ax), scl)
        if name in ("A", "N", "I"):
            w = IN["W"]
            avg, scl = np.average(a, axis=ax, weights=w, returned=True)
            emit("average %s %s full" % (name, ax), avg)
            emit("averagesum %s %s full" % (name, ax), scl)
            if ax is not None:
                w1 = gen(a.shape[ax], lambda i: i + 0.5)
                avg, scl = np.average(a, axis=ax, weights=w1, returned=True)
                emit("average %s %s 1d" % (name, ax), avg)
                emit("averagesum %s %s 1d" % (name, ax), scl)

# cov <m> <y|none> <rowvar> <bias> <ddof|None>
for name, y, rowvars in [("A", None, [1, 0]), ("A", "E", [0]), ("B", None, [0]), ("D", None, [1]), ("I", None, [0]),
                         ("N", None, [0]), ("C", None, [1, 0])]:
    for rowvar in rowvars:
        for bias, ddof in ({"D": [(0, None), (1, None), (0, 2)], "C": [(0, None), (1, None)]}.get(name, [(0, None)])):
            m = IN[name]
            yy = None if y is None else IN[y]
            emit("cov %s %s %d %d %s" % (name, y or "none", rowvar, bias, ddof),
                 np.cov(m, yy, rowvar=bool(rowvar), bias=bool(bias), ddof=ddof))

# histogram <x> <bins> <range lo,hi|none> <weights none|W> <density>
for name in ["A", "B", "I", "D"]:
    a = IN[name]
    for bins in [1, 5]:
        for rng in [None, (-5.0, 5.0)]:
            for wname in ["none", "W"]:
                if wname == "W" and a.shape != IN["W"].shape:
                    continue
                for dens in [0, 1]:
                    h, e = np.histogram(a, bins, range=rng, weights=None if wname == "none" else IN["W"], density=bool(dens))
                    key = "%s %d %s %s %d" % (name, bins, "none" if rng is None else "%r,%r" % rng, wname, dens)
                    emit("histogram " + key, h)
                    if wname == "none" and not dens:
                        emit("histedges " + key, e)


def histc(a, bins, lo, hi):
    a = a.astype(np.float64).ravel()
    if lo == hi:
        lo, hi = (a.min(), a.max()) if a.size else (lo, hi)
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    h = np.zeros(bins)
    for x in a:
        if lo <= x <= hi:
            pos = int((x - lo) * bins / (hi - lo))
            h[min(pos, bins - 1)] += 1
    return h


for name in ["A", "B", "D", "I"]:
    for bins, lo, hi in [(4, 0.0, 0.0), (7, -5.0, 5.0), (3, 2.0, 2.0)]:
        r = histc(IN[name], bins, lo, hi)
        emit("histc %s %d %r %r" % (name, bins, lo, hi), r.astype(np.float64))

for wname in ["none", "W"]:
    for minlength in [0, 5, 20]:
        w = None if wname == "none" else gen(40, lambda i: (i % 5) * 0.5 - 0.25)
        emit("bincount V %s %d" % (wname, minlength), np.bincount(IN["V"], weights=w, minlength=minlength))

BINS = np.array([-10.0, -3.0, 0.0, 0.0, 4.5, 10.0])
for name in ["A", "N", "I", "D"]:
    for right in [0, 1]:
        emit("digitize %s inc %d" % (name, right), np.digitize(IN[name], BINS, right=bool(right)))
        emit("digitize %s dec %d" % (name, right), np.digitize(IN[name], BINS[::-1], right=bool(right)))
        # torch.bucketize(right=r) == searchsorted(side='right' if r else 'left')
        emit("bucketize %s inc %d" % (name, right),
             np.searchsorted(BINS, IN[name], side="right" if right else "left"))

with open(OUT, "w") as fh:
    fh.write("# numpy %s statistics goldens; see scripts/golden/statistics.py\n" % np.__version__)
    fh.write("\n".join(rows) + "\n")
print(len(rows), "cases")
