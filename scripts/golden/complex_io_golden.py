#!/usr/bin/python3
"""Writes src/test/resources/golden/complex_io: complex64/complex128 files written by numpy, h5py, netCDF4 and
zarr-python, which org.jheat.io.ComplexIoTest reads (values: cvals(shape) below, the same as the test's
ComplexIoTest.cvals), and the expected values of the CSV files as .npy.
usage (Debian 12: apt-get install -y python3-numpy python3-h5py python3-netcdf4 python3-zarr):
    /usr/bin/python3 scripts/golden/complex_io_golden.py"""
import io
import os
import shutil

import h5py
import netCDF4
import numpy as np
import zarr
from numcodecs import Zstd

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "test", "resources", "golden", "complex_io")
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)


def p(name):
    return os.path.join(out, name)


def cvals(*shape):
    """Element k: (k * 0.5 - 3) + 1j * ((k % 5) - 1.25)."""
    k = np.arange(int(np.prod(shape)), dtype=np.float64)
    return ((k * 0.5 - 3) + 1j * ((k % 5) - 1.25)).reshape(shape)


# ---------------------------------------------------------------- npy: both types, both byte orders, Fortran order
np.save(p("c16_7x5.npy"), cvals(7, 5))
np.save(p("c8_11.npy"), cvals(11).astype(np.complex64))
np.save(p("c16_be_4x3.npy"), cvals(4, 3).astype(">c16"))
np.save(p("c8_be_3x4x2.npy"), cvals(3, 4, 2).astype(">c8"))
np.save(p("c16_fortran_4x3.npy"), np.asfortranarray(cvals(4, 3)))

# ---------------------------------------------------------------- HDF5 (h5py's compound {r, i})
with h5py.File(p("complex.h5"), "w") as f:
    f["c16"] = cvals(7, 5)
    f["c8"] = cvals(11).astype(np.complex64)
    f.create_dataset("grp/c16_gzip", data=cvals(9, 4), chunks=(2, 3), compression="gzip")
    f["c16_be"] = cvals(4, 3).astype(">c16")
    # a compound that is not complex: refused with a message
    f["pair"] = np.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")])

# ---------------------------------------------------------------- netCDF-4: nc-complex's compound types
# (netCDF4-python 1.7's auto_complex writes and reads exactly these; 1.6 needs the compound spelled out)
with netCDF4.Dataset(p("complex.nc"), "w") as ds:
    ds.createDimension("row", 7)
    ds.createDimension("col", 5)
    ds.createDimension("n", 11)
    c16 = ds.createCompoundType(np.dtype([("r", "f8"), ("i", "f8")]), "_PFNC_DOUBLE_COMPLEX_TYPE")
    c8 = ds.createCompoundType(np.dtype([("r", "f4"), ("i", "f4")]), "_PFNC_FLOAT_COMPLEX_TYPE")
    # another spelling nc-complex also recognises (real/imag names)
    other = ds.createCompoundType(np.dtype([("real", "f8"), ("imag", "f8")]), "my_complex")
    v = ds.createVariable("c16", c16, ("row", "col"))
    a = cvals(7, 5)
    s = np.empty(a.shape, dtype=c16.dtype)
    s["r"], s["i"] = a.real, a.imag
    v[:] = s
    v = ds.createVariable("c8", c8, ("n",))
    a = cvals(11).astype(np.complex64)
    s = np.empty(a.shape, dtype=c8.dtype)
    s["r"], s["i"] = a.real, a.imag
    v[:] = s
    v = ds.createVariable("other", other, ("n",))
    a = cvals(11)
    s = np.empty(a.shape, dtype=other.dtype)
    s["real"], s["imag"] = a.real, a.imag
    v[:] = s

# ---------------------------------------------------------------- CSV: np.savetxt's layout, and loadtxt's inputs
np.savetxt(p("savetxt_c16_7x5.csv"), cvals(7, 5))                       # blank-separated " (re+imj)"
np.savetxt(p("savetxt_c8_comma_4x3.csv"), cvals(4, 3).astype(np.complex64), delimiter=",")
text = "1+2j,3,(4-5j)\n-1.5e3-2j,4j, ( -j )\ninf-nanj,1e-3+1e+3j,-2.5E-1-0j\n"
with open(p("loadtxt_forms.csv"), "w") as f:
    f.write(text)
np.save(p("loadtxt_forms.npy"), np.loadtxt(io.StringIO(text.replace(" ( -j )", "-1j")), dtype=complex, delimiter=","))
# the exact bytes numpy writes for a few values with a fixed format, for the writer's layout check
a = np.array([[1 + 2j, -3.5 - 0.25j], [np.nan + np.inf * 1j, -0.0 - 1j]])
np.savetxt(p("savetxt_fmt3.csv"), a, fmt="%.3f", delimiter=",")

# ---------------------------------------------------------------- Zarr v2 (zarr-python 2.13): <c16 and <c8
zarr.save_array(p("c16_7x5.zarr"), cvals(7, 5), chunks=(3, 2), compressor=Zstd(level=1))
zarr.save_array(p("c8_11.zarr"), cvals(11).astype(np.complex64), chunks=(4,), compressor=None)
z = zarr.open_array(p("c16_fill.zarr"), mode="w", shape=(6, 4), chunks=(2, 2), dtype="c16",
                    fill_value=1.5 - 2j, compressor=None)
z[0:2, :] = cvals(2, 4)
np.save(p("c16_fill.npy"), z[:])
