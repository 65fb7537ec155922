package dev.pureflow.interpreters.process;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process executor's JVM shutdown hook: runs a task when the JVM exits in order
 * ({@code System.exit}, the last non-daemon thread ending, SIGTERM, SIGINT, SIGHUP), until it is
 * removed. One per executor, removed when the executor closes, so hooks do not pile up with the
 * executors (or the jobs) a long-lived JVM makes. The JVM runs no hook when it is killed with
 * SIGKILL or crashes. Thread-safe.
 */
final class ExitHook {

    private static final Logger LOG = LoggerFactory.getLogger(ExitHook.class);

    /** Unstarted until the JVM exits; then it runs {@code onExit}. Null if the JVM was exiting already. */
    private final Thread hook;

    private ExitHook(Thread hook) {
        this.hook = hook;
    }

    /** Registers {@code onExit} to run when the JVM exits in order. */
    static ExitHook install(String name, Runnable onExit) {
        Thread hook = Thread.ofPlatform().name(name).unstarted(() -> {
            try {
                onExit.run();
            } catch (RuntimeException | Error failed) {
                LOG.warn("{} failed while the JVM was exiting", name, failed);
            }
        });
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return new ExitHook(hook);
        } catch (IllegalStateException exiting) {
            return new ExitHook(null); // the JVM is exiting already: no hook can be added or would run
        }
    }

    /** Unregisters the hook; does nothing once the JVM has begun to exit (then it runs, or ran). */
    void remove() {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // the hooks are running: ours runs too, and finds nothing left once close has killed it all
        }
    }

    /** The hook's thread, as registered with the runtime: for tests that check it is (un)registered. */
    Optional<Thread> thread() {
        return Optional.ofNullable(hook);
    }
}
