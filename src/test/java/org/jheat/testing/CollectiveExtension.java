package org.jheat.testing;

import java.lang.reflect.Method;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * Keeps a distributed test suite in lock-step. After every test all ranks agree on its outcome (one allgather
 * of a failure flag): when any rank failed, every rank fails the test, with the first failing rank's message,
 * so no rank runs ahead into the next collective while another is still in an assertion. A watchdog ends the
 * whole job, naming the test, when one test runs longer than {@code JHEAT_TEST_TIMEOUT} seconds (default 300).
 * Registered for every test class through JUnit's extension auto-detection.
 */
public final class CollectiveExtension implements InvocationInterceptor {
    private static final long TIMEOUT_S = timeout();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jheat-test-watchdog");
        t.setDaemon(true);
        return t;
    });

    private static long timeout() {
        String s = System.getenv("JHEAT_TEST_TIMEOUT");
        return s == null || s.isBlank() ? 300 : Long.parseLong(s.trim());
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> ctx,
                                    ExtensionContext ext) throws Throwable {
        run(invocation, ext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> ctx,
                                            ExtensionContext ext) throws Throwable {
        run(invocation, ext);
    }

    private static void run(Invocation<Void> invocation, ExtensionContext ext) throws Throwable {
        String name = ext.getRequiredTestClass().getSimpleName() + "." + ext.getDisplayName();
        Communication comm = Communications.world();
        ScheduledFuture<?> dog = WATCHDOG.schedule(() -> {
            System.err.println("watchdog: test " + name + " on rank " + comm.rank() + " did not finish within "
                    + TIMEOUT_S + " s; ending the job");
            System.err.flush();
            if (Communications.isMpi()) comm.abort(3);
            Runtime.getRuntime().halt(3);
        }, TIMEOUT_S, TimeUnit.SECONDS);
        Throwable error = null;
        try {
            invocation.proceed();
        } catch (Throwable t) {
            error = t;
        } finally {
            dog.cancel(false);
        }
        agree(comm, name, error);
    }

    /** Rethrows this rank's error, or fails with the first failing rank's message when another rank failed. */
    static void agree(Communication comm, String name, Throwable error) throws Throwable {
        if (comm.size() == 1) {
            if (error != null) throw error;
            return;
        }
        boolean failed = error != null && !(error instanceof TestAbortedException);
        long[] flags = comm.allgather(failed ? 1L : 0L);
        int first = -1;
        for (int r = 0; r < flags.length; r++) {
            if (flags[r] != 0) { first = r; break; }
        }
        if (first < 0) {
            if (error != null) throw error;
            return;
        }
        String msg = comm.bcast(comm.rank() == first ? String.valueOf(error) : null, first);
        if (failed) {
            error.addSuppressed(new AssertionError("(failed on rank " + comm.rank() + ")"));
            throw error;
        }
        throw new AssertionError(name + " failed on rank " + first + ": " + msg);
    }
}
