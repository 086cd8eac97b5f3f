package org.jheat.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.comm.ReduceOp;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * Choosing the MPI binding: {@link MpiAbi#detect} tells Open MPI from the MPICH family by the library itself and
 * refuses anything else by name; the environment checks refuse a library of another family than {@code JHEAT_MPI} or
 * the launcher; and, end to end, a bad {@code JHEAT_MPI_LIB} ends every process with that one message instead of a
 * crash or a hang. The checks on this process's own binding run on every rank (the same family everywhere); the
 * end-to-end runs start their own JVMs and launchers, from the single-process pass only.
 */
class MpiAbiTest {
    private static final String OMPI = "libmpi.so.40", MPICH = "libmpich.so.12";

    private static boolean loadable(String file) {
        try {
            MpiAbi.detect(file);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    @Test
    void openMpiIsDetectedAsOpenMpi() {
        MpiAbi.Detected d = MpiAbi.detect(OMPI);
        assertEquals(MpiAbi.OPEN_MPI, d.abi());
        assertTrue(d.version().startsWith("Open MPI"), d.version());
    }

    @Test
    void mpichIsDetectedAsMpich() {
        assumeTrue(loadable(MPICH), "MPICH is not installed (apt-get install -y mpich libmpich-dev)");
        MpiAbi.Detected d = MpiAbi.detect(MPICH);
        assertEquals(MpiAbi.MPICH, d.abi());
        assertTrue(d.version().startsWith("MPICH Version"), d.version());
    }

    @Test
    void aNonMpiLibraryIsRefusedByName() {
        UnsatisfiedLinkError e = assertThrows(UnsatisfiedLinkError.class, () -> MpiAbi.detect("libz.so.1"));
        assertTrue(e.getMessage().startsWith("libz.so.1 is not an MPI library"), e.getMessage());
        assertTrue(e.getMessage().contains("expected Open MPI's libmpi.so.40"), e.getMessage());
        assertTrue(e.getMessage().contains("libmpich.so.12"), e.getMessage());
    }

    @Test
    void aMissingFileIsRefusedByName() {
        UnsatisfiedLinkError e = assertThrows(UnsatisfiedLinkError.class, () -> MpiAbi.detect("/no/such/dir/libmpi.so.40"));
        assertTrue(e.getMessage().startsWith("cannot load /no/such/dir/libmpi.so.40"), e.getMessage());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void thisProcessBindsTheLaunchersFamily() {
        Communication comm = Dist.comm();
        if (!Communications.isMpi()) return;   // single process: no MPI loaded, nothing to compare
        Map<String, String> env = System.getenv();
        MpiAbi.Family want = MpiAbi.wanted(env).orElse(MpiAbi.Family.OPEN_MPI);
        assertEquals(want, Mpi.FAMILY, Mpi.LIBRARY);
        // the predefined handles are the values of the family's mpi.h
        if (Mpi.FAMILY == MpiAbi.Family.MPICH) {
            assertEquals(0x44000000L, Mpi.COMM_WORLD.address());
            assertEquals(0x4c00080bL, Mpi.DOUBLE.address());
            assertEquals(0x58000003L, Mpi.OP_SUM.address());
            assertEquals(4, Mpi.HANDLE_BYTES);
            assertEquals(20, Mpi.STATUS_BYTES);
            assertEquals(-1L, Mpi.IN_PLACE.address());
        } else {
            assertEquals(8, Mpi.HANDLE_BYTES);
            assertEquals(24, Mpi.STATUS_BYTES);
        }
        // one real collective through the chosen binding
        assertEquals((long) comm.size() * (comm.size() - 1) / 2, comm.allreduce(comm.rank(), ReduceOp.SUM));
    }

    @Test
    void handleSlotsRoundTripHandlesOfTheLoadedWidth() {
        if (!Communications.isMpi()) return;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment slots = Mpi.allocateHandles(a, 3);
            Mpi.setHandle(slots, 2, Mpi.COMM_WORLD);
            Mpi.setHandle(slots, 1, Mpi.REQUEST_NULL);
            assertEquals(Mpi.COMM_WORLD.address(), Mpi.handleAt(slots, 2).address());
            assertEquals(Mpi.REQUEST_NULL.address(), Mpi.handleAt(slots, 1).address());
            // MPICH handles with the top bit set (dynamic communicators such as 0x84000002) stay positive
            if (Mpi.HANDLE_BYTES == 4) {
                Mpi.setHandle(slots, 0, MemorySegment.ofAddress(0x84000002L));
                assertEquals(0x84000002L, Mpi.handleAt(slots, 0).address());
            }
        }
    }

    @Test
    void launcherAndJheatMpiChooseTheFamily() {
        assertEquals(MpiAbi.Family.OPEN_MPI, MpiAbi.wanted(Map.of("OMPI_COMM_WORLD_SIZE", "2")).orElseThrow());
        assertEquals(MpiAbi.Family.MPICH, MpiAbi.wanted(Map.of("MPI_LOCALNRANKS", "2", "PMI_FD", "6")).orElseThrow());
        assertEquals(MpiAbi.Family.MPICH, MpiAbi.wanted(Map.of("JHEAT_MPI", "MPICH", "OMPI_COMM_WORLD_SIZE", "2")).orElseThrow());
        // srun serves both families: PMI_FD under SLURM says nothing
        assertTrue(MpiAbi.wanted(Map.of("PMI_FD", "6", "SLURM_STEP_ID", "0")).isEmpty());
        assertTrue(MpiAbi.wanted(Map.of()).isEmpty());
        assertEquals(MpiAbi.Family.MPICH.files, MpiAbi.candidates(Map.of("JHEAT_MPI", "mpich")));
        assertEquals(OMPI, MpiAbi.candidates(Map.of()).get(0));
        assertTrue(MpiAbi.candidates(Map.of()).contains(MPICH));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MpiAbi.wanted(Map.of("JHEAT_MPI", "lam")));
        assertEquals("JHEAT_MPI must be 'openmpi' or 'mpich', got 'lam'", e.getMessage());
    }

    @Test
    void aLibraryOfAnotherFamilyThanTheLauncherIsRefused() {
        MpiAbi.Detected mpich = new MpiAbi.Detected(MpiAbi.MPICH, "MPICH Version: 4.0.2");
        MpiAbi.Detected ompi = new MpiAbi.Detected(MpiAbi.OPEN_MPI, "Open MPI v4.1.4");
        UnsatisfiedLinkError e = assertThrows(UnsatisfiedLinkError.class,
                () -> MpiAbi.checkEnvironment("/x/libmpich.so.12", mpich, Map.of("OMPI_COMM_WORLD_SIZE", "2")));
        assertTrue(e.getMessage().startsWith("/x/libmpich.so.12 is the MPICH family"), e.getMessage());
        assertTrue(e.getMessage().contains("started by Open MPI's mpirun"), e.getMessage());
        assertTrue(e.getMessage().contains("expected Open MPI (libmpi.so.40"), e.getMessage());
        e = assertThrows(UnsatisfiedLinkError.class,
                () -> MpiAbi.checkEnvironment("libmpi.so.40", ompi, Map.of("MPI_LOCALNRANKS", "2", "PMI_FD", "6")));
        assertTrue(e.getMessage().contains("started by MPICH's mpiexec"), e.getMessage());
        e = assertThrows(UnsatisfiedLinkError.class,
                () -> MpiAbi.checkEnvironment("libmpi.so.40", ompi, Map.of("JHEAT_MPI", "mpich")));
        assertTrue(e.getMessage().contains("JHEAT_MPI=mpich asks for the MPICH family"), e.getMessage());
        // JHEAT_MPI agrees with the library but the launcher does not: still refused
        assertThrows(UnsatisfiedLinkError.class,
                () -> MpiAbi.checkEnvironment("libmpi.so.40", ompi, Map.of("JHEAT_MPI", "openmpi", "MPI_LOCALNRANKS", "2")));
        // matching, or nothing known: accepted
        MpiAbi.checkEnvironment("libmpi.so.40", ompi, Map.of("OMPI_COMM_WORLD_SIZE", "2"));
        MpiAbi.checkEnvironment("libmpich.so.12", mpich, Map.of("MPI_LOCALNRANKS", "2"));
        MpiAbi.checkEnvironment("libmpich.so.12", mpich, Map.of("PMIX_RANK", "0"));
        MpiAbi.checkEnvironment("libmpi.so.40", ompi, Map.of());
    }

    // ---------------------------------------------------------------- end to end: separate JVMs and launchers

    /** Started in its own JVM: asks for the world communicator (which loads and checks the MPI library). */
    static final class Probe {
        public static void main(String[] args) {
            Communication c = Communications.world();
            System.out.println("PROBE rank " + c.rank() + " of " + c.size() + " " + Mpi.FAMILY);
        }
    }

    /** Started in its own JVM: loads HDF5 and netCDF (no MPI) and says which libraries it took. */
    static final class IoProbe {
        public static void main(String[] args) {
            System.out.println("IO hdf5=" + Hdf5.LIBRARY + " parallel=" + Hdf5.PARALLEL + " netcdf=" + NetCdf.LIBRARY
                    + " parallel=" + NetCdf.PARALLEL);
        }
    }

    private record Run(int exit, String out) { }

    private static Run run(List<String> launcher, Map<String, String> env) throws Exception {
        return run(launcher, env, Probe.class);
    }

    private static Run run(List<String> launcher, Map<String, String> env, Class<?> main) throws Exception {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--enable-native-access") || a.startsWith("-XX:") || a.startsWith("-Xss")) cmd.add(a);
        }
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                main.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("OMPI_") || k.startsWith("PMIX_") || k.startsWith("PMI_")
                || k.startsWith("MPI_LOCAL") || k.startsWith("HYDRA_") || k.equals("JHEAT_MPI") || k.equals("JHEAT_MPI_LIB"));
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("did not end within 120 s (a hang): " + String.join(" ", cmd));
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, name))) return Path.of(d, name).toString();
        }
        return null;
    }

    private static void standalone() {
        assumeTrue(Dist.comm().size() == 1, "starts its own JVMs only from the single-process pass");
    }

    @Test
    void badJheatMpiLibEndsTheProcessWithOneClearMessage() throws Exception {
        standalone();
        Run r = run(List.of(), Map.of("JHEAT_COMM", "mpi", "JHEAT_MPI_LIB", "libz.so.1"));
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("libz.so.1 is not an MPI library"), r.out());
        r = run(List.of(), Map.of("JHEAT_COMM", "mpi", "JHEAT_MPI_LIB", "/no/such/libmpi.so"));
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("/no/such/libmpi.so"), r.out());
        r = run(List.of(), Map.of("JHEAT_COMM", "mpi", "JHEAT_MPI", "lam"));
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("JHEAT_MPI must be 'openmpi' or 'mpich', got 'lam'"), r.out());
    }

    @Test
    void everyRankOfAMismatchedJobFailsWithTheMessage() throws Exception {
        standalone();
        String hydra = onPath("mpiexec.hydra"), ompi = onPath("mpirun.openmpi");
        assumeTrue(hydra != null && ompi != null && loadable(MPICH), "needs both Open MPI and MPICH");
        // Open MPI loaded under MPICH's launcher
        Run r = run(List.of(hydra, "-n", "2"), Map.of("JHEAT_MPI_LIB", OMPI));
        assertNotEquals(0, r.exit(), r.out());
        assertEquals(2, count(r.out(), "CommException: this process runs under an MPI launcher (or JHEAT_COMM=mpi) but no usable"
                + " MPI library could be loaded: libmpi.so.40 is Open MPI"), r.out());
        assertTrue(r.out().contains("started by MPICH's mpiexec"), r.out());
        // MPICH loaded under Open MPI's launcher
        r = run(List.of(ompi, "--allow-run-as-root", "--oversubscribe", "-np", "2"), Map.of("JHEAT_MPI_LIB", MPICH));
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(count(r.out(), "libmpich.so.12 is the MPICH family") >= 1, r.out());
        // and the right pairing runs
        r = run(List.of(hydra, "-n", "2"), Map.of());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("PROBE rank 1 of 2 MPICH"), r.out());
    }

    @Test
    void underMpichTheOpenMpiParallelIoLibrariesAreNotLoaded() throws Exception {
        standalone();
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libhdf5_serial.so.103"))
                && Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libnetcdf.so.19")), "serial HDF5 or netCDF is not installed"
                + " (apt-get install -y libhdf5-103-1 libnetcdf19; bin/test does when root)");
        Run r = run(List.of(), Map.of("JHEAT_MPI", "mpich"), IoProbe.class);
        assertEquals(0, r.exit(), r.out());
        // Debian's MPICH HDF5 when installed, else the serial one; never the Open MPI builds
        assertTrue(r.out().contains("IO hdf5=libhdf5_mpich.so.103 parallel=true")
                || r.out().contains("IO hdf5=libhdf5_serial.so.103 parallel=false"), r.out());
        assertTrue(r.out().contains("netcdf=libnetcdf.so.19 parallel=false"), r.out());
        r = run(List.of(), Map.of("JHEAT_MPI", "mpich", "JHEAT_HDF5_LIB", "libhdf5_openmpi.so.103"), IoProbe.class);
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("libhdf5_openmpi.so.103 is built on Open MPI but this process uses the MPICH family"), r.out());
        // and with Open MPI the parallel builds stay the choice
        r = run(List.of(), Map.of("JHEAT_MPI", "openmpi"), IoProbe.class);
        assertTrue(r.out().contains("IO hdf5=libhdf5_openmpi.so.103 parallel=true netcdf=libnetcdf_mpi.so.19 parallel=true"), r.out());
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
