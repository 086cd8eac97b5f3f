package org.jheat.testing;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the JUnit suite on every rank of an MPI job ({@code mpirun -np 3 java … org.jheat.testing.MpiTestMain}).
 * Tests and classes run in name order on all ranks; rank 0 reports failures and ends with one line
 * {@code RESULT np=3 passed=… failed=… skipped=…}. Arguments, if any, are fully-qualified test class names.
 * {@code JHEAT_TEST_LOCAL=0} leaves out the classes tagged {@code "local"} (process-local code, nothing to check
 * across ranks); rank 0 prints each class's wall time as {@code TIME <s> s <class>}.
 */
public final class MpiTestMain {
    private MpiTestMain() { }

    /** Entry point; exits 0 when every test passed. */
    public static void main(String[] args) {
        Communication comm = Communications.world();
        boolean root = comm.rank() == 0;
        LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request();
        if (args.length == 0) {
            b.selectors(DiscoverySelectors.selectPackage("org.jheat"));
        } else {
            for (String c : args) b.selectors(DiscoverySelectors.selectClass(c));
        }
        // classes tagged "local" test process-local code only (no communication): the same on every rank, so a pass
        // may leave them out (bin/test runs them in the single-process pass and in one MPI pass, JHEAT_TEST_LOCAL=0
        // in the others)
        if ("0".equals(System.getenv("JHEAT_TEST_LOCAL"))) b.filters(TagFilter.excludeTags("local"));
        LauncherDiscoveryRequest request = b.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        List<String> failures = new ArrayList<>();
        boolean verbose = System.getenv("JHEAT_TEST_VERBOSE") != null;
        Map<String, Long> started = new HashMap<>();
        TestExecutionListener progress = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                if (id.isContainer() || verbose) started.put(id.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                Long t0 = started.remove(id.getUniqueId());
                // per-class wall times in the log, so that a slow pass can be traced to its classes
                if (t0 != null && root && id.getSource().filter(src -> src instanceof ClassSource).isPresent()) {
                    System.out.printf("TIME %.1f s %s%n", (System.nanoTime() - t0) / 1e9, id.getLegacyReportingName());
                }
                if (!id.isTest()) return;
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    String msg = result.getThrowable().map(String::valueOf).orElse("");
                    failures.add(id.getUniqueId() + "\n    " + msg);
                    if (root) System.out.println("FAILED " + id.getLegacyReportingName() + " [" + id.getUniqueId() + "]: " + msg);
                } else if (verbose && root) {
                    System.out.printf("%s %.2f s %s%n", result.getStatus(), (System.nanoTime() - t0) / 1e9, id.getUniqueId());
                }
            }
        };
        launcher.execute(request, summary, progress);
        TestExecutionSummary s = summary.getSummary();
        long failed = s.getTotalFailureCount();
        long passed = s.getTestsSucceededCount();
        long skipped = s.getTestsSkippedCount() + s.getTestsAbortedCount();
        if (root && failed > 0) s.printFailuresTo(new PrintWriter(System.out), 25);
        if (root) {
            System.out.println("RESULT np=" + comm.size() + " passed=" + passed + " failed=" + failed + " skipped=" + skipped);
        }
        System.out.flush();
        comm.barrier();
        System.exit(failed > 0 ? 1 : 0);
    }
}
