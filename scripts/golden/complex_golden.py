#!/usr/bin/python3
"""Golden values for jheat's complex dtypes, from numpy (run with Debian's /usr/bin/python3):

    /usr/bin/python3 scripts/golden/complex_golden.py

Writes two files under src/test/resources/golden/, read by org.jheat.core.ComplexGoldenTest:

complex.txt, lines ``key | dtype shape | values`` (the format of org.jheat.testing.Golden): complex values as
interleaved ``re im`` pairs in Python's repr (nan, inf, -inf spelled out), real values one each, bools 0/1.
  promote <a> <b>            | <result dtype> - |          numpy's promote_types
  scalar <dtype> <kind>      | <result dtype> - |          array of dtype (op) a Python scalar of kind bool/int/float/complex
  in <name>                  | <dtype> <shape> | ...       inputs
  u <op> <dtype> [edge]      | <dtype> <shape> | ...       unary op on "in a <dtype>" (or "in e <dtype>")
  ut <op> <dtype>            | ...                         unary op on "in t <dtype>" (tiny arguments, relative check)
  ug <op> <dtype>            | ...                         unary op on "in g <dtype>" (all pairs of 0, ±1, ±inf, nan)
  uh <op> <dtype>            | ...                         unary op on "in h <dtype>" (huge finite values)
  b <op> <dtype>             | ...                         binary op on "in a <dtype>", "in b <dtype>"
  r <op> <axis>              | ...                         reductions of "in m"
  sort                       | ...                         np.sort of "in s"
  unique_<part> <name> <dt>  | ...                         np.unique(.., return_inverse, return_counts) of "in <name> <dt>"
  avg <axis> <weights>       | ...                         np.average of "in m" (avgsum: returned's sum of weights)
  cov <case>                 | ...                         np.cov of "in m" (and "in yr")
  conv <a> <v> <mode>        | ...                         np.convolve of "in <a>" (ca2 = ca[:2], ...) and "in <v>"
complex_printing.txt: ``case <name> <dtype> <n>`` / ``values re im ...`` / ``expect <k>`` / k lines of numpy's repr
with prefix "Tensor(" (the format of TensorPrinter).
"""
import os
import sys
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from printing import numpy_text  # noqa: E402  (the same repr rules as printing.txt)

warnings.simplefilter("ignore")
DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "test", "resources", "golden")
DTYPES = ["bool", "int8", "uint8", "int16", "int32", "int64", "float32", "float64", "complex64", "complex128"]
nan, inf = float("nan"), float("inf")

lines = ["# numpy %s complex golden values; see scripts/golden/complex_golden.py" % np.__version__]


def fmt(v):
    if v != v:
        return "nan"
    if v in (inf, -inf):
        return "inf" if v > 0 else "-inf"
    return repr(float(v))


def put(key, a):
    a = np.asarray(a)
    shape = ",".join(str(s) for s in a.shape) if a.ndim else "-"
    flat = a.ravel()
    if a.dtype.kind == "c":
        vals = " ".join(fmt(x.real) + " " + fmt(x.imag) for x in flat)
    elif a.dtype.kind == "b":
        vals = " ".join("1" if x else "0" for x in flat)
    elif a.dtype.kind in "iu":
        vals = " ".join(str(int(x)) for x in flat)
    else:
        vals = " ".join(fmt(x) for x in flat)
    lines.append("%s | %s %s | %s" % (key, a.dtype.name, shape, vals))


# ---- promotion: array-array and array-scalar
for a in DTYPES:
    for b in DTYPES:
        if "complex" in a or "complex" in b:
            lines.append("promote %s %s | %s - | " % (a, b, np.promote_types(a, b).name))
for a in DTYPES:
    for kind, s in (("bool", True), ("int", 2), ("float", 2.5), ("complex", 1 + 2j)):
        if "complex" in a or kind == "complex":
            r = (np.ones(2, dtype=a) * s).dtype.name
            lines.append("scalar %s %s | %s - | " % (a, kind, r))

# ---- element-wise
GENERIC = [1 + 2j, -1.5 + 0.5j, 3 - 4j, -2 - 1e-3j, 0.5j, -0.25 - 0.75j, 10 + 0j, -10 + 0.1j, 0.3 + 0.2j, -0.7 - 3j]
EDGE = [0j, complex(-0.0, 0.0), complex(inf, 0), complex(-inf, 1), complex(1, inf), complex(nan, 0), complex(0, nan),
        complex(nan, nan), complex(2, -inf), complex(inf, inf)]
B = [2 - 1j, 0.5 + 0.5j, -1 + 0j, 1e-3 + 2j, -3j, 1.25 - 0.5j, 2 + 0j, -0.5 - 0.5j, 4 + 1j, 0.1 + 0.3j]
TINY = [1e-10 + 1e-10j, -3e-12 + 2e-9j, 1e-300 - 1e-300j, -1e-8 - 0j, 2.5e-7j, 1e-5 + 1e-4j, -0.25 + 0.3j,
        0.4 - 0.1j]


def log1p_ref(z):
    """ln(1 + z) with the modulus part from 60-digit decimals."""
    from decimal import Decimal, getcontext
    getcontext().prec = 60
    x, y = Decimal(z.real), Decimal(z.imag)
    u = 2 * x + x * x + y * y   # |1 + z|^2 - 1, exact in decimals
    # the series where 1 + u would round away u's digits, the logarithm elsewhere
    re = float(u / 2 - u * u / 4 + u * u * u / 6) if abs(u) < Decimal("1e-15") else float((1 + u).ln() / 2)
    return complex(re, np.arctan2(z.imag, 1 + z.real))


for dt in ("complex128", "complex64"):
    a = np.array(GENERIC, dtype=dt)
    e = np.array(EDGE, dtype=dt)
    b = np.array(B, dtype=dt)
    put("in a " + dt, a)
    put("in e " + dt, e)
    put("in b " + dt, b)
    for op in ["negative", "conjugate", "absolute", "angle", "exp", "log", "log2", "log10", "sqrt", "sin", "cos",
               "tan", "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "square",
               "isnan", "isinf", "isfinite", "expm1", "log1p", "exp2", "sign", "reciprocal"]:
        f = np.angle if op == "angle" else getattr(np, op)
        put("u %s %s" % (op, dt), f(a))
    # non-finite inputs where numpy's results are fixed by C99 (no branch cut or sign ambiguity)
    for op in ["negative", "conjugate", "absolute", "isnan", "isinf", "isfinite", "square"]:
        put("u %s %s edge" % (op, dt), getattr(np, op)(e))
    put("u logical_not %s edge" % dt, np.logical_not(e))
    # expm1 and sign follow numpy's own formulas, also for non-finite parts; reciprocal is numpy's Smith loop
    for op in ["expm1", "sign", "reciprocal", "log1p", "exp2", "exp", "log", "sqrt", "sinh", "cosh", "tanh", "sin", "cos", "tan", "arcsinh", "arctanh", "arcsin", "arccos", "arctan", "arccosh", "log2", "log10"]:
        put("u %s %s edge" % (op, dt), getattr(np, op)(e))
    put("u sgn %s" % dt, np.where(a == 0, 0, a / np.where(a == 0, 1, np.abs(a))).astype(dt))
    put("u round2 %s" % dt, np.round(a * np.array(1.23456, dtype=dt), 2))
    put("u round-1 %s" % dt, np.round(a * 37, -1))
    put("u nan_to_num %s edge" % dt, np.nan_to_num(e))
    put("u nan_to_num_args %s edge" % dt, np.nan_to_num(e, nan=1.5, posinf=7, neginf=-9))
    # every pair of special parts (C99 Annex G); the test compares zeros without their sign, which C99 leaves
    # unspecified in places
    sp = [0.0, -0.0, 1.0, -1.0, inf, -inf, nan]
    g = np.array([complex(r, i) for r in sp for i in sp], dtype=dt)
    put("in g " + dt, g)
    for op in ["exp", "exp2", "expm1", "log", "log1p", "sqrt", "sin", "cos", "tan", "sinh", "cosh", "tanh", "arcsin",
               "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "sign", "reciprocal", "square", "absolute"]:
        put("ug %s %s" % (op, dt), getattr(np, op)(g))
    # huge and overflow-prone finite arguments (complex128 only: complex64 overflows in numpy's float32 arithmetic
    # where jheat's double arithmetic does not)
    if dt == "complex128":
        h = np.array([1e200 + 1e200j, -1e300 + 1j, 1e-200 + 1e300j, 700 + 1j, -710 + 0.5j, 3e-320 + 1e-310j,
                      1e154 - 1e154j, -5e307 - 5e307j], dtype=dt)
        put("in h " + dt, h)
        for op in ["exp", "expm1", "log", "log1p", "sqrt", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh",
                   "arcsin", "arccos", "arctan", "reciprocal", "absolute", "log10"]:
            put("uh %s %s" % (op, dt), getattr(np, op)(h))
    # tiny arguments: expm1 and log1p must keep their digits (log1p's reference in 60-digit decimals, since
    # numpy's own log(hypot(1 + x, y)) rounds the real part of ln(1 + z) for |z| ~ 1e-10 to ~1e-16 absolute)
    t = np.array(TINY, dtype=dt)
    put("in t " + dt, t)
    put("ut expm1 " + dt, np.expm1(t))
    put("ut log1p " + dt, np.array([log1p_ref(complex(z)) for z in t], dtype=dt))
    # glibc's casinh/catanh (numpy's) keep every part's digits for small z, as the inverse functions must
    for op in ["arcsinh", "arctanh", "arcsin", "arctan"]:
        put("ut %s %s" % (op, dt), getattr(np, op)(t))
    for op in ["add", "subtract", "multiply", "divide", "power", "equal", "not_equal", "logical_and", "logical_or",
               "logical_xor"]:
        put("b %s %s" % (op, dt), getattr(np, op)(a, b))
    put("b isclose " + dt, np.isclose(a, a * (1 + 1e-9)))
    put("b isclose_edge " + dt, np.isclose(e, e))
    put("b isclose_edge_nan " + dt, np.isclose(e, e, equal_nan=True))
    for k in (0, 1, 2, 3, -1, -2, 5, 17):
        put("powi %d %s" % (k, dt), np.power(a, np.array(k, dtype=dt)))
    # complex zero to complex powers (numpy's npy_cpow: 1 for exponent 0, 0 for a positive real exponent, else NaN)
    put("b power_zero " + dt, np.power(np.zeros(4, dtype=dt), np.array([0j, 2 + 0j, 1j, -1 + 0j], dtype=dt)))
    put("b divide_zero " + dt, np.divide(np.array([1 + 1j, 0j, -1 + 0j], dtype=dt), np.zeros(3, dtype=dt)))

# ---- reductions of a 7x3 complex128 matrix
m = np.array([[complex(0.5 * i - 1, 0.25 * j - 0.3 * i) for j in range(3)] for i in range(7)], dtype=np.complex128)
put("in m", m)
for name, f in [("sum", np.sum), ("prod", np.prod), ("mean", np.mean), ("var", np.var), ("std", np.std)]:
    put("r %s all" % name, f(m))
    put("r %s 0" % name, f(m, axis=0))
    put("r %s 1" % name, f(m, axis=1))
put("r var1 0", np.var(m, axis=0, ddof=1))
mn = m.copy()
mn[1, 1] = complex(nan, 1)
mn[3, 0] = complex(2, nan)
put("in mn", mn)
for name, f in [("nansum", np.nansum), ("nanprod", np.nanprod)]:
    put("rn %s all" % name, f(mn))
    put("rn %s 0" % name, f(mn, axis=0))
    put("rn %s 1" % name, f(mn, axis=1))
for name, f in [("cumsum", np.cumsum), ("cumprod", np.cumprod)]:
    put("r %s 0" % name, f(m, axis=0))
    put("r %s 1" % name, f(m, axis=1))

# ---- sort: numpy's lexicographic order, NaNs last ([R + Rj, R + nanj, nan + Rj, nan + nanj])
s = np.array([2 + 1j, 1 - 1j, complex(nan, 0), 1 + 1j, complex(0, nan), -3 + 5j, complex(nan, nan), 1 - 2j,
              complex(1, nan), 2 + 0j, complex(nan, -1), -3 + 4j, complex(-inf, 0), complex(1, -inf)])
put("in s", s)
put("sort", np.sort(s))
put("argsort", np.argsort(s, kind="stable"))
su = np.concatenate([s, s[::3], np.array([2 + 1j, complex(nan, 5), 1 - 1j])])
put("in su", su)
put("unique", np.unique(su))
# unique with inverse and counts, both dtypes; "tiny" (2 values) leaves slabs empty at 3 and 4 processes
for dt in ("complex128", "complex64"):
    for name, arr in (("su", su), ("tiny", su[[4, 1]])):
        arr = arr.astype(dt)
        put("in %s %s" % (name, dt), arr)
        uv, ui, uc = np.unique(arr, return_inverse=True, return_counts=True)
        put("unique_values %s %s" % (name, dt), uv)
        put("unique_inverse %s %s" % (name, dt), ui)
        put("unique_counts %s %s" % (name, dt), uc)
put("sort2d 0", np.sort(s.reshape(7, 2), axis=0))
put("sort2d 1", np.sort(s.reshape(7, 2), axis=1))

# ---- average, cov, convolve of complex data ("in m" is 7x3 complex128)
wr = np.array([[0.5 + i + 0.25 * j for j in range(3)] for i in range(7)])          # real, m's shape
wc = (wr - 2j * np.cos(wr)).astype(np.complex128)                                  # complex, m's shape
wr1 = np.array([1.0, 2.0, 0.5, 3.0, 1.5, 0.25, 2.0])                               # 1-d along axis 0
wc1 = np.array([1 - 1j, 0.5 + 2j, 2 + 0j])                                         # 1-d complex along axis 1
for name, arr in (("wr", wr), ("wc", wc), ("wr1", wr1), ("wc1", wc1)):
    put("in " + name, arr)
put("avg all -", np.average(m))
put("avg 0 -", np.average(m, axis=0))
put("avg 1 -", np.average(m, axis=1))
put("avg all wr", np.average(m, weights=wr))
put("avg 0 wc", np.average(m, axis=0, weights=wc))
put("avg 1 wr", np.average(m, axis=1, weights=wr))
put("avg 0 wr1", np.average(m, axis=0, weights=wr1))
put("avg 1 wc1", np.average(m, axis=1, weights=wc1))
put("avgsum 0 wc", np.average(m, axis=0, weights=wc, returned=True)[1])
put("avgsum 1 wc1", np.average(m, axis=1, weights=wc1, returned=True)[1])
put("avg64 0 wr1", np.average(m.astype(np.complex64), axis=0, weights=wr1.astype(np.float32)))
yr = np.array([[np.sin(i + 2 * j) for j in range(7)] for i in range(2)])           # 2 real variables, 7 observations
put("in yr", yr)
put("cov rows", np.cov(m))
put("cov cols", np.cov(m, rowvar=False))
put("cov cols bias", np.cov(m, rowvar=False, bias=True))
put("cov cols ddof2", np.cov(m, rowvar=False, ddof=2))
put("cov cols yr", np.cov(m, yr.T, rowvar=False))
put("cov 1d", np.cov(m[:, 1]))
put("cov64 cols", np.cov(m.astype(np.complex64), rowvar=False))
ca = np.array([complex(np.cos(0.7 * i), 0.3 * i - 1) for i in range(11)])
cv = np.array([1 - 0.5j, 0.25 + 1j, -2 + 0j, 0.5j])
ra = np.array([0.5 * i - 2 for i in range(11)])
for name, arr in (("ca", ca), ("cv", cv), ("ra", ra)):
    put("in " + name, arr)
for mode in ("full", "same", "valid"):
    put("conv ca cv " + mode, np.convolve(ca, cv, mode))
    put("conv cv ca " + mode, np.convolve(cv, ca, mode))       # numpy swaps: v is the longer one
    put("conv ra cv " + mode, np.convolve(ra, cv, mode))       # real signal, complex kernel
    put("conv ca ra " + mode, np.convolve(ca, ra[:3], mode))   # complex signal, real kernel
    put("conv64 ca cv " + mode, np.convolve(ca.astype(np.complex64), cv.astype(np.complex64), mode))
    put("conv ca2 cv1 " + mode, np.convolve(ca[:2], cv[:1], mode))   # n < p: empty slabs

with open(os.path.join(DIR, "complex.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")

# ---- printing
cases = [
    ("c128_basic", "complex128", [1 + 2j, -1j]),
    ("c128_frac", "complex128", [1.5 + 2.25j, -0.125 - 3j, 10 + 0j]),
    ("c128_thirds", "complex128", [1 / 3 + 2j / 3, -3.141592653589793 + 1j]),
    ("c128_sci", "complex128", [1e-5 + 1j, 1e5 - 2j, 3 + 4e9j]),
    ("c128_nonfinite", "complex128", [complex(nan, 1), complex(1, inf), complex(-inf, -inf), 2 + 0j]),
    ("c128_zero", "complex128", [0j, complex(-0.0, -0.0)]),
    ("c64_basic", "complex64", [0.1 + 0.2j, 1 - 1j, -2.5 + 1e-3j]),
    ("c64_large", "complex64", [1e10 + 1j, 2 + 3j]),
    ("c128_scalar", "complex128", [2.5 - 1j]),
]
out = []
for name, dt, vals in cases:
    a = np.array(vals, dtype=dt)
    if name.endswith("scalar"):
        a = a.reshape(())
    text = numpy_text(a, 8, 1000, 3, 75, None)
    out.append("case %s %s %s" % (name, dt, "-" if a.ndim == 0 else a.size))
    out.append("values " + " ".join(fmt(v.real) + " " + fmt(v.imag) for v in a.ravel()))
    tl = text.split("\n")
    out.append("expect %d" % len(tl))
    out.extend(tl)
with open(os.path.join(DIR, "complex_printing.txt"), "w") as f:
    f.write("\n".join(out) + "\n")
