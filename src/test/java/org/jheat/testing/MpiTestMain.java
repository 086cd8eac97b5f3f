package org.jheat.testing;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the JUnit suite on every rank of an MPI job ({@code mpirun -np 3 java … org.jheat.testing.MpiTestMain}).
 * Tests and classes run in name order on all ranks; rank 0 reports failures and ends with one line
 * {@code RESULT np=3 passed=… failed=… skipped=…}. Arguments, if any, are fully-qualified test class names.
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
        LauncherDiscoveryRequest request = b.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        List<String> failures = new ArrayList<>();
        boolean verbose = System.getenv("JHEAT_TEST_VERBOSE") != null;
        TestExecutionListener progress = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) return;
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    String msg = result.getThrowable().map(String::valueOf).orElse("");
                    failures.add(id.getUniqueId() + "\n    " + msg);
                    if (root) System.out.println("FAILED " + id.getLegacyReportingName() + " [" + id.getUniqueId() + "]: " + msg);
                } else if (verbose && root) {
                    System.out.println(result.getStatus() + " " + id.getUniqueId());
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
