package org.jheat.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.io.IO;
import org.jheat.tensor.DType;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * "Never hang": every scenario launches its own small {@code mpirun} job ({@link Scenario}, {@link BadCallFuzz}) with
 * the class path and JVM options of this test, a time limit, and asserts on the exit code, the time from the fault
 * to the end of the job, and the message. They run in the single-process pass only (under mpirun they skip, so that
 * the np=2,3,4 passes do not start nested jobs) and when mpirun is installed.
 */
class NoHangTest {
    /** The fault must end the job within this many seconds (on an idle machine it takes well under 2 s). */
    private static final double BOUND_S = 20;

    /** A finished job: exit status, seconds from start and from the READY line to the end, output, rank pids. */
    record Job(int exit, double seconds, double afterReady, String out, Map<Integer, Long> pids) {
        boolean has(String s) {
            return out.contains(s);
        }
    }

    /** A job that is running, for actions at the fault (signals). */
    record Running(Process launcher, Map<Integer, Long> pids) { }

    private static void standalone() {
        assumeTrue(Dist.comm().size() == 1, "launches its own mpirun only from the single-process pass");
        assumeTrue(mpirun() != null, "mpirun is not installed");
    }

    private static String mpirun() {
        // Open MPI's launcher (these jobs pass its options); Debian names it mpirun.openmpi beside an MPICH mpirun
        for (String name : new String[] {"mpirun.openmpi", "mpirun"}) {
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) return p.toString();
            }
        }
        return null;
    }

    /** Runs {@code main} on {@code np} ranks; {@code atFault} (may be null) runs once READY was printed. */
    static Job run(int np, Map<String, String> env, long timeoutS, Consumer<Running> atFault, String main, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(mpirun(), "--allow-run-as-root", "--oversubscribe", "--mca",
                "mpi_yield_when_idle", "1", "--mca", "btl", "^openib", "-np", String.valueOf(np),
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--enable-native-access") || a.startsWith("-XX:") || a.startsWith("-Xss") || a.startsWith("-Xmx")) cmd.add(a);
        }
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        cmd.addAll(List.of("-cp", cp, main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("OMPI_") || k.startsWith("PMIX_") || k.startsWith("PMI_")
                || k.equals("JHEAT_MPI") || k.equals("JHEAT_MPI_LIB") || k.startsWith("MPI_LOCAL"));
        pb.environment().put("JHEAT_HANG_TIMEOUT", "60");   // a scenario that hangs unexpectedly ends soon
        pb.environment().put("JHEAT_CHECK", "0");           // the default configuration, unless a scenario asks
        pb.environment().remove("JHEAT_EXIT_TIMEOUT");
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        StringBuffer out = new StringBuffer();
        Map<Integer, Long> pids = new ConcurrentHashMap<>();
        CountDownLatch ready = new CountDownLatch(1);
        long[] readyAt = {0};
        Pattern pid = Pattern.compile("^PID (\\d+) (\\d+)$");
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.append(line).append('\n');
                    Matcher m = pid.matcher(line);
                    if (m.matches()) pids.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
                    if (line.equals("READY") && ready.getCount() > 0) {
                        readyAt[0] = System.nanoTime();
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the job ended
            }
        });
        reader.start();
        if (atFault != null) {
            if (!ready.await(timeoutS, TimeUnit.SECONDS)) kill(p, pids, "never became READY", out);
            while (pids.size() < np && p.isAlive()) Thread.sleep(10);
            atFault.accept(new Running(p, pids));
        }
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) kill(p, pids, "did not end within " + timeoutS + " s (a hang)", out);
        long t1 = System.nanoTime();
        reader.join(10_000);
        double after = readyAt[0] == 0 ? Double.NaN : (t1 - readyAt[0]) / 1e9;
        Job j = new Job(p.exitValue(), (t1 - t0) / 1e9, after, out.toString(), pids);
        System.out.printf("NOHANG %s %s: exit %d, fault to end %.2f s, whole job %.2f s%n", main.substring(main.lastIndexOf('.') + 1),
                String.join(" ", args), j.exit(), after, j.seconds());
        return j;
    }

    private static void kill(Process p, Map<Integer, Long> pids, String why, StringBuffer out) {
        for (long pid : pids.values()) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        fail("the job " + why + "; output:\n" + out);
    }

    private static Job scenario(int np, Map<String, String> env, String... args) throws Exception {
        return run(np, env, 90, null, Scenario.class.getName(), args);
    }

    private static void endsSoon(Job j) {
        assertTrue(j.afterReady() < BOUND_S, () -> "the job took " + j.afterReady() + " s after the fault to end:\n" + j.out());
        // mpirun may return while its ranks are still being torn down: give them a moment, then none may be left
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (long pid : j.pids().values()) {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "rank process " + pid + " still runs");
        }
    }

    @Test
    void toStringAndMetadataOnOneRankDoNotCommunicate() throws Exception {
        standalone();
        Job j = scenario(3, Map.of(), "tostring");
        assertEquals(0, j.exit(), j::out);
        assertTrue(j.has("x = DNDarray(shape=(1000, 10), dtype=float64, device=cpu:0, split=0, balanced=True,\n"
                + "         local slab of rank 0 of 3: [0:334] along axis 0, lshape=(334, 10)"), j::out);
        assertTrue(j.has("map rows 3 counts 3 balanced true true"), j::out);
        for (int r = 0; r < 3; r++) assertTrue(j.has("CALLS rank " + r + " 0\n"), j::out);
        assertTrue(j.has("sum = DNDarray(49995000., dtype=float64"), j::out);
        for (int r = 0; r < 3; r++) assertTrue(j.has("END rank " + r), j::out);
    }

    @Test
    void uncaughtExceptionOnOneRankEndsTheJob() throws Exception {
        standalone();
        Job j = scenario(3, Map.of(), "exception");
        assertNotEquals(0, j.exit(), j::out);
        assertTrue(j.has("rank 1: Exception in thread \"main\" java.lang.IllegalStateException: boom on rank 1"), j::out);
        endsSoon(j);
    }

    @Test
    void systemExitOnOneRankEndsTheJob() throws Exception {
        standalone();
        // with the checker on, the others wait in its agreement before the collective: that must end the job too
        Job j = scenario(3, Map.of("JHEAT_CHECK", "1"), "exit");
        assertEquals(3, j.exit(), j::out);
        assertTrue(j.has(": rank 1 ended (System.exit(3) at org.jheat.faults.Scenario.main(Scenario.java:"), j::out);
        assertTrue(j.has("which rank 1 never joined; ending the job") || j.has("which rank 1 can never join; ending the job"), j::out);
        endsSoon(j);
    }

    @Test
    void leavingMainOnOneRankEndsTheJob() throws Exception {
        standalone();
        Job j = scenario(2, Map.of(), "return");
        assertEquals(1, j.exit(), j::out);
        assertTrue(j.has("rank 0: rank 1 ended (returned from main, after "), j::out);
        assertTrue(j.has("while this rank waits in MPI_Allreduce") || j.has("which rank 1 can never join"), j::out);
        endsSoon(j);
    }

    @Test
    void ranksEndingAtDifferentTimesFinalizeCleanly() throws Exception {
        standalone();
        Job j = scenario(2, Map.of(), "slow-end", "3000");
        assertEquals(0, j.exit(), j::out);
        for (int r = 0; r < 2; r++) assertTrue(j.has("END rank " + r), j::out);
        assertFalse(j.has("ending the job"), j::out);
        // the same with an exit timeout shorter than rank 0's extra work: the others give up, naming rank 0
        Job k = scenario(2, Map.of("JHEAT_EXIT_TIMEOUT", "1"), "slow-end", "8000");
        assertNotEquals(0, k.exit(), k::out);
        assertTrue(k.has("but rank(s) [0] did not end within 1 s (JHEAT_EXIT_TIMEOUT); ending the job"), k::out);
    }

    @Test
    void sigtermFromTheLauncherEndsTheJob() throws Exception {
        standalone();
        Job j = run(2, Map.of(), 90, job -> job.launcher().destroy(), Scenario.class.getName(), "sigterm");
        assertNotEquals(0, j.exit(), j::out);
        // mpirun forwards the signal and soon after kills what is left: a rank may not get to say so, but none is left
        endsSoon(j);
    }

    @Test
    void sigtermToTheRanksEndsTheJob() throws Exception {
        standalone();
        // as SLURM does it (scancel, time limit): the signal goes to the tasks themselves
        Job j = run(2, Map.of(), 90, job -> job.pids().values().forEach(pid -> signal("TERM", pid)), Scenario.class.getName(), "sigterm");
        assertEquals(143, j.exit(), j::out);
        assertTrue(j.has("received SIGTERM"), j::out);
        endsSoon(j);
    }

    private static void signal(String sig, long pid) {
        try {
            new ProcessBuilder("kill", "-" + sig, String.valueOf(pid)).start().waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void collectiveMismatchRaisesTheSameExceptionEverywhere() throws Exception {
        standalone();
        Job j = scenario(3, Map.of("JHEAT_CHECK", "1"), "mismatch");
        assertEquals(0, j.exit(), j::out);
        Matcher m = Pattern.compile("MISMATCH rank (\\d) (-?\\d+)").matcher(j.out());
        Map<String, String> hashes = new HashMap<>();
        while (m.find()) hashes.put(m.group(1), m.group(2));
        assertEquals(3, hashes.size(), j::out);
        assertEquals(1, new java.util.HashSet<>(hashes.values()).size(), () -> "messages differ: " + j.out());
        assertTrue(j.has("collective call mismatch (JHEAT_CHECK=1)"), j::out);
        assertTrue(j.has("rank 0: MPI_Allreduce(float64, count 1, SUM) in DNDarray.sum at org.jheat.faults.Scenario.main(Scenario.java:"), j::out);
        assertTrue(j.has("rank 1: MPI_Allreduce(float64, count 1, SUM) in DNDarray.mean at org.jheat.faults.Scenario.main(Scenario.java:"), j::out);
        for (int r = 0; r < 3; r++) assertTrue(j.has("AFTER rank " + r + " 3"), j::out);
    }

    @Test
    void hangWatchdogEndsABlockedJob() throws Exception {
        standalone();
        Job j = scenario(2, Map.of("JHEAT_HANG_TIMEOUT", "2"), "hang");
        // on a loaded machine the ranks' JVMs may start more than 2 s apart, and the watchdog then (rightly) ends the
        // job in the setup barrier, before the fault: try again, the fault must come after READY
        for (int retry = 0; retry < 3 && !j.has("READY"); retry++) j = scenario(2, Map.of("JHEAT_HANG_TIMEOUT", "2"), "hang");
        assertEquals(124, j.exit(), j::out);
        assertTrue(j.has("blocked for 2 s in MPI_"), j::out);
        assertTrue(j.has("longer than JHEAT_HANG_TIMEOUT=2 s; ending the job"), j::out);
        assertTrue(j.has("at org.jheat.faults.Scenario.main(Scenario.java:"), j::out);
        assertTrue(j.afterReady() >= 2, j::out);
        endsSoon(j);
    }

    @Test
    void outOfMemoryOnOneRankEndsTheJob() throws Exception {
        standalone();
        Job j = scenario(2, Map.of(), "oom");
        assertEquals(1, j.exit(), j::out);
        assertTrue(j.has("rank 1: out of memory: cannot allocate 1125899906842624 bytes (1.0 PiB) off-heap; "), j::out);
        assertTrue(j.has("are live in jheat arrays on this process"), j::out);
        endsSoon(j);
    }

    @Test
    void writerKilledMidSaveLeavesNoPartialFile() throws Exception {
        standalone();
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "faults").toAbsolutePath()), "save");
        Path old = dir.resolve("old.npy"), fresh = dir.resolve("new.npy");
        DNDarray small = Heat.arange(0, 10, 1, DType.INT64, 0);
        IO.save(small, old.toString());
        byte[] before = Files.readAllBytes(old);
        for (Path target : new Path[] {old, fresh}) {
            Job j = run(2, Map.of(), 90, job -> killWhenWriting(job, dir, target), Scenario.class.getName(), "save", target.toString(), "200000");
            assertNotEquals(0, j.exit(), j::out);
            endsSoon(j);
        }
        assertArrayEquals(before, Files.readAllBytes(old), "the old file changed");
        assertFalse(Files.exists(fresh), "a partial new file appeared under the final name");
        // a Zarr store is a directory: replaced by one atomic swap (renameat2), never removed first
        Path oldStore = dir.resolve("old.zarr"), freshStore = dir.resolve("new.zarr");
        IO.save(small, oldStore.toString());
        for (Path target : new Path[] {oldStore, freshStore}) {
            Job j = run(2, Map.of(), 90, job -> killWhenWriting(job, dir, target), Scenario.class.getName(), "save", target.toString(), "200000");
            assertNotEquals(0, j.exit(), j::out);
            endsSoon(j);
        }
        assertTrue(small.gatherAll().contentEquals(IO.load(oldStore.toString(), null).gatherAll()), "the old store changed");
        assertFalse(Files.exists(freshStore), "a partial new store appeared under the final name");
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(f -> f.getFileName().toString().contains(".tmp-")).forEach(NoHangTest::delete);
        }
    }

    private static void delete(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL to rank 1 as soon as the temporary file of the save has data in it (a temporary store: a chunk file). */
    private static void killWhenWriting(Running job, Path dir, Path target) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String prefix = target.getFileName() + ".tmp-";
        while (System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.anyMatch(f -> f.getFileName().toString().startsWith(prefix) && hasData(f))) break;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread.onSpinWait();
        }
        ProcessHandle.of(job.pids().get(1)).ifPresent(ProcessHandle::destroyForcibly);
    }

    private static boolean hasData(Path f) {
        if (!Files.isDirectory(f)) return f.toFile().length() > 0;
        try (Stream<Path> s = Files.walk(f)) {
            return s.anyMatch(c -> Files.isRegularFile(c) && !c.getFileName().toString().startsWith(".z")
                    && !c.getFileName().toString().equals("zarr.json") && c.toFile().length() > 0);
        } catch (IOException e) {
            return false;   // the writer renamed or removed it meanwhile
        }
    }

    @Test
    void badCallFuzzAtThreeProcesses() throws Exception {
        standalone();
        Job j = run(3, Map.of("JHEAT_CHECK", "1", "JHEAT_HANG_TIMEOUT", "30"), 300, null, BadCallFuzz.class.getName(), "1000", "20251129");
        assertEquals(0, j.exit(), j::out);
        Matcher m = Pattern.compile("FUZZ calls=(\\d+) ops=(\\d+) threw=(\\d+) differing=(\\d+) accepted=(\\d+) mismatches=(\\d+)").matcher(j.out());
        assertTrue(m.find(), j::out);
        assertEquals(1000, Integer.parseInt(m.group(1)));
        assertTrue(Integer.parseInt(m.group(2)) >= 50, "distinct operations: " + m.group(2));
        assertEquals(0, Integer.parseInt(m.group(4)), () -> "ranks raised different exceptions:\n" + j.out());
        assertEquals(0, Integer.parseInt(m.group(5)), () -> "bad calls that did not raise:\n" + j.out());
        assertEquals(0, Integer.parseInt(m.group(6)), () -> "collective mismatches:\n" + j.out());
        assertEquals(1000, Integer.parseInt(m.group(3)));
    }
}
