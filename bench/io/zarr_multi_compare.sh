#!/bin/bash
# Whole-process comparison for issue 19's measurements: jheat's Zarr read (np 1 and 2) vs zarr-python, and
# loadMultipleHdf5 vs h5py in a loop, run alternately (A B A B ...) with /usr/bin/time; prints wall seconds and
# peak memory of each run. Needs the stores/files of bench/io/make_big_zarr.py and bench/io/make_multi_h5.py and a
# test-compiled tree (mvn test-compile; CP = classes + dependencies).
# usage: CP=... bench/io/zarr_multi_compare.sh /tmp/jheat-big /tmp/jheat-multi [RUNS]
# Delete the 4 GB of stores and 2 GB of files afterwards.
set -u
big=$1 multi=$2 runs=${3:-3}
. "$(dirname "$0")/../../bin/common.sh"; jheat_find_java
J="$JAVA_HOME/bin/java $JHEAT_JVM_OPTS -cp $CP org.jheat.io.IOBench"
t() { /usr/bin/time -f "  %e s wall, %M KiB peak: $1" "${@:2}" >/dev/null; }
for i in $(seq "$runs"); do
  for c in blosc zstd; do
    t "jheat np=1 zarr $c" $J zarr "$big-$c.zarr" 1
    t "zarr-python zarr $c" /usr/bin/python3 "$(dirname "$0")/zarr_read.py" "$big-$c.zarr" 1
    t "jheat np=2 zarr $c" mpirun --allow-run-as-root --oversubscribe --mca mpi_yield_when_idle 1 -np 2 $J zarr "$big-$c.zarr" 1
  done
  t "jheat np=1 multi-hdf5" $J multi-hdf5 "$multi" data 1
  t "h5py loop multi-hdf5" /usr/bin/python3 "$(dirname "$0")/h5_multi_read.py" "$multi" data 1
done
