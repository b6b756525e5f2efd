package org.graalmp.testing;

import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.opentest4j.AssertionFailedError;

/**
 * Fails a test class that leaves a graalmp process, socket or shared-memory file behind (see
 * {@link LeakScope} for what counts as this run's). Registered for every test class, the
 * conformance ITs included, through JUnit's extension autodetection
 * (src/test/resources/junit-platform.properties and META-INF/services), so no class can forget it.
 *
 * <p>Compares against a snapshot taken before the class, so a leftover is blamed on the class
 * that made it; this assumes classes run one at a time (JUnit's default: no parallel execution).
 * Leftover processes are killed once reported, so they do not outlive the run.
 */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback {

    /** How long children may take to exit, and their shutdown hooks to remove their files. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private static final Namespace NAMESPACE = Namespace.create(LeakCheck.class);
    private static final LeakScope SCOPE = LeakScope.ofThisRun();

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(LeakScope.Snapshot.class, SCOPE.snapshot());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        LeakScope.Snapshot before = context.getStore(NAMESPACE).get(LeakScope.Snapshot.class, LeakScope.Snapshot.class);
        failIfAny(context.getDisplayName(), SCOPE.awaitLeftoversSince(before, GRACE));
    }

    /** Throws, naming each leftover, if there is any; kills the leftover processes. */
    static void failIfAny(String testClass, LeakScope.Leftovers left) {
        if (left.isEmpty()) {
            return;
        }
        String leftovers = left.describe();  // before the kill: a dead process has no command line
        left.kill();
        throw new AssertionFailedError(testClass + " left behind (after " + GRACE.toSeconds()
                + " s; processes now killed):\n" + leftovers);
    }
}
