# Shared by bin/jheat and bin/test: find JDK 25 and Maven, install Open MPI or MPICH when asked. Sourced, not run.

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

# The MPI family the launchers use: JHEAT_MPI=openmpi|mpich, else Open MPI when installed, else MPICH when installed,
# else Open MPI (installed by jheat_ensure_mpi). The Java side reads the same variable (natives/MpiAbi).
jheat_mpi_family() {
  case "${JHEAT_MPI:-}" in
    openmpi|mpich) echo "$JHEAT_MPI" ;;
    "") if command -v mpirun.openmpi >/dev/null 2>&1 || ls /usr/lib/*/libmpi.so.40 >/dev/null 2>&1; then echo openmpi
        elif command -v mpiexec.hydra >/dev/null 2>&1; then echo mpich
        else echo openmpi; fi ;;
    *) jheat_die "JHEAT_MPI must be 'openmpi' or 'mpich', got '$JHEAT_MPI'" ;;
  esac
}

jheat_mpich_installed() {
  command -v mpiexec.hydra >/dev/null 2>&1 && ls /usr/lib/*/libmpich.so.12 >/dev/null 2>&1
}

# Installs the chosen family's runtime and launcher (Debian: openmpi-bin libopenmpi-dev, or mpich libmpich-dev; both
# can be installed side by side, Debian's alternatives keep `mpirun` on Open MPI)
jheat_ensure_mpi() {
  local family; family=$(jheat_mpi_family) || exit 1
  if [ "$family" = mpich ]; then
    jheat_mpich_installed || jheat_as_root_install mpich libmpich-dev
  elif ! command -v mpirun >/dev/null 2>&1 || ! ls /usr/lib/*/libmpi.so.40 >/dev/null 2>&1; then
    jheat_as_root_install openmpi-bin libopenmpi-dev
  fi
}

# HDF5 and netCDF-4 for org.jheat.io: Debian's parallel (Open MPI) builds; Zstandard and Blosc for Zarr's codecs;
# all loaded through FFM
jheat_ensure_io_libs() {
  local need=()
  if [ "$(jheat_mpi_family)" = mpich ]; then
    # Debian's parallel HDF5/netCDF link Open MPI: under MPICH jheat uses the serial builds (independent I/O)
    ls /usr/lib/*/libhdf5_serial.so.103 >/dev/null 2>&1 || need+=(libhdf5-103-1)
    ls /usr/lib/*/libnetcdf.so.19 >/dev/null 2>&1 || need+=(libnetcdf19)
  else
    ls /usr/lib/*/libhdf5_openmpi.so.103 >/dev/null 2>&1 || need+=(libhdf5-openmpi-103-1)
    ls /usr/lib/*/libnetcdf_mpi.so.19 >/dev/null 2>&1 || need+=(libnetcdf-mpi-19)
  fi
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

# FFTW 3 (double and single precision, with their threads libraries) for org.jheat.fft, loaded through FFM
jheat_ensure_fftw() {
  local need=()
  ls /usr/lib/*/libfftw3.so.3 /usr/lib/*/libfftw3_threads.so.3 >/dev/null 2>&1 || need+=(libfftw3-double3)
  ls /usr/lib/*/libfftw3f.so.3 /usr/lib/*/libfftw3f_threads.so.3 >/dev/null 2>&1 || need+=(libfftw3-single3)
  [ ${#need[@]} -eq 0 ] || jheat_as_root_install "${need[@]}"
}

# For the tests only: zarr-python (with numcodecs) reads back the Zarr stores jheat writes (ZarrTest; skipped without it)
jheat_ensure_test_tools() {
  /usr/bin/python3 -c "import zarr, numcodecs" >/dev/null 2>&1 || jheat_as_root_install python3-zarr
}

# The launcher of the chosen family with what this project needs everywhere. Open MPI: root allowed, more ranks than
# cores, no binding (Open MPI binds each of up to 2 ranks to ONE core, so `--np 1` ran one thread on a 2-core machine
# and `--np 2` on 16 cores two; unbound, each rank takes cores / ranks threads, tensor.Parallel), ranks yield when
# idle (mpirun.openmpi where Debian installs it, so that an MPICH `mpirun` alternative does not get these options). MPICH: Hydra's mpiexec allows root and more ranks than cores as it is; JHEAT_MPI=mpich tells the
# ranks which library to load. MPICH has no setting that makes a waiting rank yield (Debian's ch4:ucx build), so with
# more ranks than cores the ranks' own waits yield instead (natives.Mpi's yielding wait, JHEAT_MPI_YIELD).
jheat_mpirun() {
  local family; family=$(jheat_mpi_family) || exit 1
  if [ "$family" = mpich ]; then
    local hydra=mpiexec.hydra
    command -v "$hydra" >/dev/null 2>&1 || hydra=mpiexec
    JHEAT_MPI=mpich "$hydra" "$@"
  else
    local run=mpirun.openmpi
    command -v "$run" >/dev/null 2>&1 || run=mpirun
    JHEAT_MPI=openmpi "$run" --allow-run-as-root --oversubscribe --bind-to none --mca mpi_yield_when_idle 1 --mca btl ^openib "$@"
  fi
}

# The kernels written with the Vector API run very slowly until C2 compiles them (the interpreter and C1 box every
# vector), so they are compiled after 1 % of the usual call and loop counts: a program's first randn of 2e6x8
# values took 430-490 ms with the default thresholds, 310-350 ms with these. Not tensor.UnaryVector: its math
# operators are SVML calls once compiled and Math calls before, 1 ulp apart at times, and compiling it in the middle
# of a program's first calls made one array's elements come from both.
JHEAT_VECTOR_JIT=""
for c in random.PhiloxVector tensor.RowVector tensor.ClusterVector tensor.LloydVector tensor.ReproSumVector; do
  JHEAT_VECTOR_JIT+=" -XX:CompileCommand=CompileThresholdScaling,org.jheat.$c::*,0.01"
done
JHEAT_JVM_OPTS="--enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -XX:+UseSerialGC -Xss4m -XX:CompileCommand=quiet$JHEAT_VECTOR_JIT"
