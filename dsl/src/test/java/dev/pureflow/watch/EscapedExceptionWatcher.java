package dev.pureflow.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when an exception escapes a thread pureflow started (a thread whose name starts
 * with {@code pureflow-}: a run, its deadline, a parallel block's worker, a direct-style body, a
 * timeout's worker, a process job's supervisor or pump) while the test ran. Such an exception
 * never reaches the test's own thread: without this watcher a bug that throws there (or an
 * assertion inside an {@code onComplete} callback) is printed and forgotten, and the test passes.
 *
 * <p>It sees what reaches the JVM's default uncaught-exception handler, which it wraps (the
 * handler it replaced still runs, so the stack trace is still printed). A thread given its own
 * handler never reaches it: a test that provokes an escape on purpose (a throwing
 * {@code onComplete} callback, say) gives the run's threads a handler of its own, as
 * {@code ThreadStartingClock} lets it, and checks what that handler received.
 *
 * <p>Registered for every JUnit Jupiter test by extension autodetection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension} plus
 * {@code junit.jupiter.extensions.autodetection.enabled=true} in each module's
 * {@code junit-platform.properties}) and for every jqwik property as a global lifecycle hook
 * ({@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}). Other modules' tests get it
 * from this module's test-jar. An exception that escapes between two tests fails the next one,
 * with a message saying so. Thread-safe; tests of one JVM must run one at a time for the
 * attribution to a test to be right.
 */
public final class EscapedExceptionWatcher implements BeforeEachCallback, AfterEachCallback, AroundPropertyHook {

    /** The prefix of the name of every thread pureflow starts. */
    public static final String THREAD_PREFIX = "pureflow-";

    private static final ConcurrentLinkedQueue<Escape> ESCAPED = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<Escape> BETWEEN_TESTS = new ConcurrentLinkedQueue<>();

    /** One exception that ended (or was reported on) a pureflow thread, and when. */
    private record Escape(String threadName, Throwable error, String when) {

        Escape betweenTests() {
            return new Escape(threadName, error, " (after the previous test ended, before this one started)");
        }

        @Override
        public String toString() {
            return "thread " + threadName + when + ": " + error;
        }
    }

    /** Wraps the default uncaught-exception handler once per JVM; safe to call again. */
    static synchronized void install() {
        Thread.UncaughtExceptionHandler current = Thread.getDefaultUncaughtExceptionHandler();
        if (!(current instanceof Recorder)) {
            Thread.setDefaultUncaughtExceptionHandler(new Recorder(current));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Optional<AssertionError> escaped = failure(finish());
        if (escaped.isPresent()) {
            throw escaped.get();
        }
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        start();
        PropertyExecutionResult result = property.execute();
        Optional<AssertionError> escaped = failure(finish());
        if (escaped.isEmpty()) {
            return result;
        }
        if (result.status() == PropertyExecutionResult.Status.FAILED && result.throwable().isPresent()) {
            result.throwable().get().addSuppressed(escaped.get());
            return result;
        }
        return result.mapToFailed(escaped.get());
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    /** Starts watching for one test; what escaped since the last test ended goes in its report, marked so. */
    private static void start() {
        install();
        Escape escape;
        while ((escape = ESCAPED.poll()) != null) {
            BETWEEN_TESTS.add(escape.betweenTests());
        }
    }

    /** What escaped since the last test ended. */
    private static List<Escape> finish() {
        List<Escape> escapes = new ArrayList<>();
        for (ConcurrentLinkedQueue<Escape> queue : List.of(BETWEEN_TESTS, ESCAPED)) {
            Escape escape;
            while ((escape = queue.poll()) != null) {
                escapes.add(escape);
            }
        }
        return escapes;
    }

    private static Optional<AssertionError> failure(List<Escape> escapes) {
        if (escapes.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = escapes.stream().map(Escape::toString).toList();
        AssertionError failure = new AssertionError(
                "an exception escaped a thread pureflow started:\n  " + String.join("\n  ", lines), escapes.get(0).error());
        escapes.stream().skip(1).forEach(escape -> failure.addSuppressed(escape.error()));
        return Optional.of(failure);
    }

    /** The default handler while tests run: notes pureflow's threads, then hands on as before. */
    private record Recorder(Thread.UncaughtExceptionHandler next) implements Thread.UncaughtExceptionHandler {

        @Override
        public void uncaughtException(Thread thread, Throwable error) {
            if (thread.getName().startsWith(THREAD_PREFIX)) {
                ESCAPED.add(new Escape(thread.getName(), error, ""));
            }
            if (next != null) {
                next.uncaughtException(thread, error);
            } else {
                // what ThreadGroup.uncaughtException prints when no default handler is set
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                error.printStackTrace(System.err);
            }
        }
    }
}
