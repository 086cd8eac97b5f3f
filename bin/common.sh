# Shared by bin/jheat and bin/test: find JDK 25 and Maven, install Open MPI when asked. Sourced, not run.

jheat_die() { echo "jheat: $*" >&2; exit 1; }

jheat_as_root_install() {
  # $@: Debian packages
  if [ "$(id -u)" = "0" ]; then
    echo "jheat: installing $* with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq "$@" >&2 || jheat_die "apt-get install $* failed"
  else
    jheat_die "missing $*; run: sudo apt-get update && sudo apt-get install -y $*"
  fi
}

jheat_java_ok() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; }

jheat_find_java() {
  if [ -n "${JAVA_HOME:-}" ] && jheat_java_ok "$JAVA_HOME"; then return; fi
  for j in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25*; do
    if jheat_java_ok "$j"; then export JAVA_HOME="$j"; return; fi
  done
  jheat_die "JDK 25 not found; install it (e.g. apt-get install -y temurin-25-jdk from Adoptium's repository) and set JAVA_HOME"
}

jheat_find_mvn() {
  command -v mvn >/dev/null 2>&1 || jheat_as_root_install maven
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
}

jheat_ensure_mpi() {
  if ! command -v mpirun >/dev/null 2>&1 || ! ls /usr/lib/x86_64-linux-gnu/libmpi.so.40 /usr/lib/*/libmpi.so.40 >/dev/null 2>&1; then
    jheat_as_root_install openmpi-bin libopenmpi-dev
  fi
}

# HDF5 and netCDF-4 for org.jheat.io: Debian's parallel (Open MPI) builds; Zstandard and Blosc for Zarr's codecs;
# all loaded through FFM
jheat_ensure_io_libs() {
  local need=()
  ls /usr/lib/*/libhdf5_openmpi.so.103 >/dev/null 2>&1 || need+=(libhdf5-openmpi-103-1)
  ls /usr/lib/*/libnetcdf_mpi.so.19 >/dev/null 2>&1 || need+=(libnetcdf-mpi-19)
  ls /usr/lib/*/libzstd.so.1 /lib/*/libzstd.so.1 >/dev/null 2>&1 || need+=(libzstd1)
  ls /usr/lib/*/libblosc.so.1 >/dev/null 2>&1 || need+=(libblosc1)
  [ ${#need[@]} -eq 0 ] || jheat_as_root_install "${need[@]}"
}

# OpenBLAS (BLAS + LAPACK in one library) for local linear algebra, loaded through FFM. JHEAT_BLAS_LIB names another
# BLAS (MKL, BLIS …): then only a LAPACK library is made sure of, for BLAS builds without LAPACK symbols.
jheat_ensure_blas() {
  if [ -n "${JHEAT_BLAS_LIB:-}" ]; then
    ls /usr/lib/*/liblapack.so.3 >/dev/null 2>&1 || jheat_as_root_install liblapack3
  elif ! ls /usr/lib/*/libopenblas.so.0 >/dev/null 2>&1; then
    jheat_as_root_install libopenblas0-pthread
  fi
}

# For the tests only: zarr-python (with numcodecs) reads back the Zarr stores jheat writes (ZarrTest; skipped without it)
jheat_ensure_test_tools() {
  /usr/bin/python3 -c "import zarr, numcodecs" >/dev/null 2>&1 || jheat_as_root_install python3-zarr
}

# mpirun with what this project needs everywhere: root allowed, more ranks than cores, ranks yield when idle
jheat_mpirun() {
  mpirun --allow-run-as-root --oversubscribe --mca mpi_yield_when_idle 1 --mca btl ^openib "$@"
}

JHEAT_JVM_OPTS="--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xss4m"
