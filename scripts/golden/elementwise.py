"""Golden values for jheat's element-wise kernels, from numpy (run with Debian's /usr/bin/python3).

Writes src/test/resources/golden/elementwise.txt, one case per line:
  U op dtype | inputs | expected            (unary)
  B op dtypeA dtypeB | a | b | expected     (binary, element by element)
Values: integers in decimal, floats as float.hex (nan, inf, -inf spelled out), bools as 0/1; the expected
dtype is written first in the expected field. jheat computes float16 results of numpy in float32, so for inputs
that numpy would send to float16 the reference is computed from float32 inputs.
"""
import os
import warnings
import numpy as np

warnings.simplefilter("ignore")
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "golden", "elementwise.txt")

VALUES = {
    "float64": [0.0, -0.0, 1.0, -1.0, 2.5, -3.7, 0.5, 1e-3, 100.0, 7.25, float("nan"), float("inf"), float("-inf")],
    "float32": [0.0, -0.0, 1.0, -1.0, 2.5, -3.7, 0.5, 1e-3, 100.0, 7.25, float("nan"), float("inf"), float("-inf")],
    "int64": [0, 1, -1, 7, -8, 100, 2 ** 40, -(2 ** 62)],
    "int32": [0, 1, -1, 7, -8, 100, 2 ** 31 - 1, -(2 ** 31)],
    "int16": [0, 1, -1, 7, -8, 100, 32767, -32768],
    "int8": [0, 1, -1, 7, -8, 100, 127, -128],
    "uint8": [0, 1, 7, 100, 200, 255],
    "bool": [True, False],
}
FLOAT_UNARY = ["exp", "expm1", "exp2", "log", "log2", "log10", "log1p", "sqrt", "sin", "cos", "tan", "arcsin", "arccos",
               "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "deg2rad", "rad2deg", "ceil", "floor",
               "trunc", "fabs"]
SAME_UNARY = ["negative", "positive", "absolute", "sign", "square", "round", "reciprocal"]
BOOL_UNARY = ["isfinite", "isinf", "isnan", "isposinf", "isneginf", "signbit", "logical_not"]
INT_UNARY = ["invert"]
BINARY = ["add", "subtract", "multiply", "true_divide", "floor_divide", "remainder", "fmod", "power", "maximum",
          "minimum", "copysign", "hypot", "arctan2", "logaddexp", "logaddexp2", "equal", "not_equal", "less",
          "less_equal", "greater", "greater_equal", "logical_and", "logical_or", "logical_xor"]
INT_BINARY = ["bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift", "gcd", "lcm"]
SMALL = {"bool", "int8", "uint8", "int16"}


def fmt(v, dt):
    if dt == "bool":
        return str(int(v))
    if dt.startswith("float"):
        v = float(v)
        if v != v:
            return "nan"
        if v in (float("inf"), float("-inf")):
            return "inf" if v > 0 else "-inf"
        return float.hex(v)
    return str(int(v))


def line(parts):
    return " | ".join(parts)


def ufunc(name):
    return getattr(np, name) if hasattr(np, name) else getattr(np, {"isposinf": "isposinf"}[name])


rows = []
for dt, vals in VALUES.items():
    x = np.array(vals, dtype=dt)
    for op in FLOAT_UNARY + SAME_UNARY + BOOL_UNARY + INT_UNARY:
        if op in INT_UNARY and dt.startswith("float"):
            continue
        if op in ("negative", "sign", "square") and dt == "bool":
            continue
        if op in ("isposinf", "isneginf", "signbit") and dt == "bool":
            continue
        if op == "reciprocal" and not dt.startswith("float"):
            continue   # integer 1/0 is undefined behaviour in numpy's C loop
        src = x
        if (op in FLOAT_UNARY or (op == "round" and dt == "bool")) and dt in SMALL:
            src = x.astype(np.float32)
        try:
            y = getattr(np, op)(src)
        except TypeError:
            continue
        if op == "square" and dt in SMALL and dt != "bool":
            y = np.square(x)
        rows.append(line(["U " + op + " " + dt, " ".join(fmt(v, dt) for v in x),
                          y.dtype.name + " " + " ".join(fmt(v, y.dtype.name) for v in y.ravel())]))

PAIRS = [("float64", "float64"), ("float32", "float32"), ("int64", "int64"), ("int32", "int32"), ("int8", "int8"),
         ("uint8", "uint8"), ("bool", "bool"), ("int32", "float32"), ("int8", "uint8"), ("int64", "float64"),
         ("bool", "int8"), ("int16", "float64")]
BIN_VALUES = {
    "float64": [0.0, -0.0, 1.0, -3.7, 2.5, float("nan"), float("inf"), float("-inf")],
    "float32": [0.0, -0.0, 1.0, -3.7, 2.5, float("nan"), float("inf"), float("-inf")],
    "int64": [0, 1, -1, 7, -8, -(2 ** 62)],
    "int32": [0, 1, -1, 7, -8, 2 ** 31 - 1],
    "int16": [0, 1, -8, 32767],
    "int8": [0, 1, -1, 7, -8, 127],
    "uint8": [0, 1, 7, 200, 255],
    "bool": [True, False],
}
for da, db in PAIRS:
    va, vb = BIN_VALUES[da], BIN_VALUES[db]
    a = np.array([p for p in va for _ in vb], dtype=da)
    b = np.array([q for _ in va for q in vb], dtype=db)
    for op in BINARY + INT_BINARY:
        isint = not (da.startswith("float") or db.startswith("float"))
        if op in INT_BINARY and not isint:
            continue
        if op in ("gcd", "lcm", "left_shift", "right_shift") and "bool" in (da, db):
            continue
        if op == "subtract" and da == db == "bool":
            continue
        aa, bb = a, b
        if op == "power" and isint:
            keep = bb >= 0
            aa, bb = a[keep], b[keep]
        if op in ("left_shift", "right_shift"):
            keep = (bb >= 0) & (bb < 64)
            aa, bb = a[keep], b[keep]
        res_small = np.result_type(aa, bb).name in SMALL
        float_op = op in ("true_divide", "copysign", "hypot", "arctan2", "logaddexp", "logaddexp2")
        if float_op and res_small and op != "true_divide":
            y = getattr(np, op)(aa.astype(np.float32), bb.astype(np.float32))
        else:
            try:
                y = getattr(np, op)(aa, bb)
            except TypeError:
                continue
        rows.append(line(["B " + op + " " + da + " " + db, " ".join(fmt(v, da) for v in aa), " ".join(fmt(v, db) for v in bb),
                          y.dtype.name + " " + " ".join(fmt(v, y.dtype.name) for v in y.ravel())]))

with open(OUT, "w") as f:
    f.write("# numpy %s element-wise golden values; see scripts/golden/elementwise.py\n" % np.__version__)
    f.write("\n".join(rows) + "\n")
print(len(rows), "cases")
