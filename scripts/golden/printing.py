#!/usr/bin/python3
"""Golden values for TensorPrinter: numpy's repr of arrays, with prefix "Tensor(" and the dtype always shown.

Run with a python that has numpy (Debian: /usr/bin/python3):
    /usr/bin/python3 scripts/golden/printing.py
It writes src/test/resources/golden/printing.txt, read by TensorPrinterTest. Each case is

    case <name>
    dtype <numpy dtype name>
    shape <extents...>
    options <precision> <threshold> <edgeitems> <linewidth> <auto|true|false>   (sci mode; false = suppress)
    values <v...>        explicit C-order values (floats as Python repr, bools as 0/1)
      or   affine <a> <b>  value i = i*a + b computed in float64, then cast to dtype
    expect <k>
    <k lines of numpy's text>
"""
import os
import sys

import numpy as np
from numpy.core import arrayprint as ap

PREFIX = "Tensor("
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "src", "test", "resources", "golden", "printing.txt")


class Tensor(np.ndarray):
    """Subclass so that np.array_repr prints "Tensor(" (used to cross-check non-implied dtypes)."""


class ForcedSci(ap.FloatingFormat):
    """numpy's FloatingFormat with scientific notation forced (jheat's sciMode=true)."""
    exp_format = property(lambda self: True, lambda self, v: None)


def numpy_text(a, prec, thr, edge, lw, sci):
    """numpy's array_repr (legacy=False) with prefix Tensor( and the dtype never implied."""
    kwargs = dict(max_line_width=lw, precision=prec, threshold=thr, edgeitems=edge,
                  suppress_small=(sci is False), separator=", ", prefix=PREFIX, suffix=",")
    if sci is True and a.dtype.kind == "f":
        data = ap._leading_trailing(a, edge) if a.size > thr else a
        kwargs["formatter"] = {"float_kind": ForcedSci(data, prec, "maxprec", False, legacy=sys.maxsize)}
    if a.size > 0 or a.shape == (0,):
        lst = np.array2string(a, **kwargs)
    else:
        lst = "[], shape=%s" % (repr(a.shape),)
    arr_str = PREFIX + lst + ","
    dtype_str = "dtype=%s)" % a.dtype.name
    last_line_len = len(arr_str) - (arr_str.rfind("\n") + 1)
    spacer = "\n" + " " * len(PREFIX) if last_line_len + len(dtype_str) + 1 > lw else " "
    text = arr_str + spacer + dtype_str
    if sci is not True and not ap.dtype_is_implied(a.dtype):
        with np.printoptions(precision=prec, threshold=thr, edgeitems=edge, linewidth=lw,
                             suppress=(sci is False)):
            check = np.array_repr(a.view(Tensor))
        assert check == text, (check, text)
    return text


CASES = []


def case(name, dtype, shape, values=None, affine=None, precision=8, threshold=1000, edgeitems=3,
         linewidth=75, sci=None):
    CASES.append(dict(name=name, dtype=dtype, shape=tuple(shape), values=values, affine=affine,
                      opts=(precision, threshold, edgeitems, linewidth, sci)))


nan, inf = float("nan"), float("inf")

# float64, positional
case("f64_whole", "float64", [2], [1.0, 2.0])
case("f64_pad_right", "float64", [2], [1.5, 2.25])
case("f64_negative", "float64", [5], [-1.5, 2.25, -3.125, 0.0, 10.0])
case("f64_neg_zero", "float64", [2], [-0.0, 1.0])
case("f64_thirds", "float64", [4], [1 / 3, 2 / 3, 3.141592653589793, -2.718281828459045])
case("f64_precision3", "float64", [5], [1 / 3, 2.675, 1.0005, 9.9996, -0.0004], precision=3)
case("f64_precision3_positional", "float64", [5], [1 / 3, 2.675, 1.0005, 9.9996, -0.25], precision=3)
case("f64_precision0", "float64", [4], [0.5, 1.5, 2.5, 0.125], precision=0)
case("f64_large_positional", "float64", [3], [12345678.5, 1e5, 99999.0])
case("f64_zeros", "float64", [3], [0.0, 0.0, 0.0])
case("f64_round_to_zero_suppress", "float64", [2], [-1e-9, 1.0], sci=False)
# float64, scientific
case("f64_sci_large", "float64", [3], [1.2345e8, 1.0, -2.5])
case("f64_sci_small", "float64", [2], [1e-5, 1.0])
case("f64_sci_ratio", "float64", [2], [1.0, 1001.5])
case("f64_sci_ratio_suppressed", "float64", [2], [1.0, 1001.5], sci=False)
case("f64_sci_large_suppressed", "float64", [2], [1e9, 1.0], sci=False)
case("f64_sci_digits", "float64", [3], [0.3, 1e-5, 1.23456789012])
case("f64_sci_exp3", "float64", [3], [1e-100, 1e200, -3.5])
case("f64_subnormal", "float64", [2], [5e-324, 1.0])
case("f64_sci_forced", "float64", [3], [1.0, 2.5, -300.0], sci=True)
case("f64_sci_forced_zeros", "float64", [2], [0.0, 0.0], sci=True)
case("f64_sci_precision3", "float64", [3], [1.23456e-7, 3.0, 123456.0], precision=3)
# nan / inf
case("f64_nan_inf", "float64", [3], [nan, inf, -inf])
case("f64_nan_positional", "float64", [4], [nan, 1.5, inf, -2.0])
case("f64_nan_sci", "float64", [4], [nan, 1.5, -inf, 1e10])
case("f64_nan_short", "float64", [2], [nan, 1.0])
# float32
case("f32_tenths", "float32", [3], [float(np.float32(x)) for x in (0.1, 0.2, 0.3)])
case("f32_sci_mixed", "float32", [3], [float(np.float32(x)) for x in (0.1, 1e-5, 1.2345678)])
case("f32_ratio", "float32", [2], [1.0, float(np.float32(1000.0001))])
case("f32_1e-4", "float32", [1], [float(np.float32(1e-4))])
case("f32_subnormal", "float32", [2], [float(np.float32(1.4e-45)), 1.0])
case("f32_thirds", "float32", [3], [float(np.float32(x)) for x in (1 / 3, 2 / 3, -7.1)])
case("f32_exact_integer", "float32", [3], [36894688.0, 33554434.0, 1.5], sci=False)
case("f32_large", "float32", [3], [float(np.float32(x)) for x in (1 / 3, 2 / 3, 16777217.0)])
# integers and bools
case("int32_mixed", "int32", [5], [1, -20, 300, 0, 7])
case("int64_extremes", "int64", [3], [-9223372036854775808, 0, 9223372036854775807])
case("int8", "int8", [4], [-128, 127, 0, -1])
case("int16", "int16", [3], [-32768, 5, 32767])
case("uint8", "uint8", [4], [0, 255, 128, 7])
case("bool_1d", "bool", [3], [1, 0, 1])
case("bool_2d", "bool", [2, 2], [0, 0, 1, 0])
# n-d
case("f64_2d", "float64", [3, 4], affine=(0.25, -1.0))
case("int32_3d", "int32", [2, 3, 4], affine=(1, -5))
case("f64_4d", "float64", [2, 2, 2, 3], affine=(1.5, 0.0))
case("f32_2d_sci", "float32", [2, 2], [1e-6, 1.0, 2.0, 3.5])
# summarised
case("sum_1d_default", "int64", [2000], affine=(1, 0))
case("sum_1d_edge1", "float64", [20], affine=(0.5, 0.0), threshold=10, edgeitems=1)
case("sum_1d_float_hidden_values", "float64", [20], [1.5, 2.0, 3.0] + [1e12] * 14 + [4.0, 5.0, 6.25],
     threshold=10)
case("sum_2d_edge3", "float64", [10, 12], affine=(0.37, -5.0), threshold=100)
case("sum_2d_edge1", "int32", [10, 12], affine=(3, -100), threshold=100, edgeitems=1)
case("sum_2d_rows_only", "int32", [50, 3], affine=(1, 0), threshold=10)
case("sum_2d_cols_only", "int32", [3, 50], affine=(1, 0), threshold=10)
case("sum_3d_edge1", "float64", [6, 7, 8], affine=(1.0, 0.0), threshold=100, edgeitems=1)
case("sum_3d_edge2", "int64", [6, 7, 8], affine=(1, 0), threshold=100, edgeitems=2)
case("sum_3d_mixed", "float32", [2, 9, 10], affine=(0.1, 0.0), threshold=50, edgeitems=2)
case("sum_4d_edge1", "int32", [3, 4, 3, 5], affine=(1, 0), threshold=20, edgeitems=1)
case("sum_bool", "bool", [30], affine=(1, 0), threshold=10, edgeitems=2)
# line wrapping
case("wrap_1d_float", "float64", [30], affine=(0.123456789, 0.0))
case("wrap_1d_int", "int64", [40], affine=(123, -2000))
case("wrap_2d", "float64", [2, 12], affine=(1.0 / 7, 0.0))
case("wrap_narrow", "int32", [25], affine=(7, 0), linewidth=30)
case("wrap_summarised", "float64", [200], affine=(1.0 / 3, 0.0), threshold=100, edgeitems=10)
case("dtype_new_line", "int32", [17], affine=(1000, 0))
case("dtype_same_line", "int32", [16], affine=(1000, 0))
case("dtype_new_line_2d", "int16", [2, 9], affine=(1000, -9000))
# 0-d and empty
case("zero_d_float", "float64", [], [5.0])
case("zero_d_int", "int32", [], [-7])
case("zero_d_bool", "bool", [], [1])
case("zero_d_nan", "float64", [], [nan])
case("zero_d_f32", "float32", [], [float(np.float32(0.1))])
case("empty_1d", "float64", [0], [])
case("empty_2d", "float64", [0, 3], [])
case("empty_3d_int", "int32", [2, 0, 4], [])


def build(c):
    n = int(np.prod(c["shape"], dtype=np.int64))
    if c["affine"] is not None:
        a, b = c["affine"]
        arr = (np.arange(n, dtype=np.float64) * a + b).astype(c["dtype"])
    else:
        arr = np.array(c["values"], dtype=c["dtype"])
    return arr.reshape(c["shape"])


def fmt_value(v, kind):
    if kind == "f":
        return repr(float(v))
    return str(int(v))


def main():
    lines = ["# numpy %s reprs for TensorPrinterTest; generated by scripts/golden/printing.py, do not edit"
             % np.__version__]
    for c in CASES:
        arr = build(c)
        prec, thr, edge, lw, sci = c["opts"]
        text = numpy_text(arr, prec, thr, edge, lw, sci)
        lines.append("case " + c["name"])
        lines.append("dtype " + arr.dtype.name)
        lines.append(" ".join(["shape"] + [str(s) for s in c["shape"]]))
        lines.append("options %d %d %d %d %s" % (prec, thr, edge, lw,
                                                 {None: "auto", True: "true", False: "false"}[sci]))
        if c["affine"] is not None:
            lines.append("affine %r %r" % (float(c["affine"][0]), float(c["affine"][1])))
        else:
            lines.append(" ".join(["values"] + [fmt_value(v, arr.dtype.kind) for v in arr.ravel()]))
        body = text.split("\n")
        lines.append("expect %d" % len(body))
        lines.extend(body)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %d cases to %s" % (len(CASES), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
