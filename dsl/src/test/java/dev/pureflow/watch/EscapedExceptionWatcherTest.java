package dev.pureflow.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link EscapedExceptionWatcher}: each test here plays a test's whole life (before, the escape,
 * after) by calling the watcher itself, so the watcher registered around it sees nothing left.
 */
class EscapedExceptionWatcherTest {

    private final EscapedExceptionWatcher watcher = new EscapedExceptionWatcher();

    record Ping() implements Action<String> {}

    @Test
    void an_exception_that_ends_a_pureflow_thread_fails_the_test_naming_the_thread() throws Exception {
        watcher.beforeEach(null);

        die("pureflow-main-worker", new Quiet("off by one"));

        assertThatThrownBy(() -> watcher.afterEach(null))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("pureflow-main-worker")
                .hasMessageContaining("off by one")
                .hasCauseInstanceOf(Quiet.class);
    }

    @Test
    void an_exception_thrown_by_an_onComplete_callback_on_the_run_thread_fails_the_test() throws Exception {
        java.util.concurrent.CountDownLatch mayAnswer = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Thread> callbackThread = new java.util.concurrent.atomic.AtomicReference<>();
        watcher.beforeEach(null);
        RunHandle<String> handle = Runner.of(Executor.of(Ping.class, ping -> {
            mayAnswer.await();
            return "pong";
        })).start(Program.perform(new Ping()));
        handle.onComplete(outcome -> {
            callbackThread.set(Thread.currentThread());
            throw new AssertionError("an assertion inside a callback");
        });

        mayAnswer.countDown();
        assertThat(handle.await()).isEqualTo("pong");
        // the run's thread reports the callback's exception, then ends
        awaitCallback(callbackThread).join();

        assertThat(callbackThread.get().getName()).startsWith("pureflow-run-");
        assertThatThrownBy(() -> watcher.afterEach(null))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(callbackThread.get().getName())
                .hasMessageContaining("an assertion inside a callback");
    }

    private static Thread awaitCallback(java.util.concurrent.atomic.AtomicReference<Thread> callbackThread) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (callbackThread.get() == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the callback was never called");
            }
            Thread.onSpinWait();
        }
        return callbackThread.get();
    }

    @Test
    void threads_with_a_handler_of_their_own_and_threads_pureflow_did_not_start_are_left_alone() throws Exception {
        List<Throwable> ownHandler = new CopyOnWriteArrayList<>();
        watcher.beforeEach(null);

        Thread handled = Thread.ofVirtual().name("pureflow-run-1").uncaughtExceptionHandler((thread, error) -> ownHandler.add(error))
                .start(() -> {
                    throw new Quiet("expected by its test");
                });
        handled.join();
        die("somebody-elses-thread", new Quiet("not ours"));

        assertThatCode(() -> watcher.afterEach(null)).doesNotThrowAnyException();
        assertThat(ownHandler).singleElement().satisfies(error -> assertThat(error).hasMessage("expected by its test"));
    }

    @Test
    void an_escape_between_two_tests_fails_the_next_one_saying_when_it_happened() throws Exception {
        watcher.beforeEach(null);
        watcher.afterEach(null);

        die("pureflow-run-9", new Quiet("late"));
        watcher.beforeEach(null);

        assertThatThrownBy(() -> watcher.afterEach(null))
                .hasMessageContaining("pureflow-run-9 (after the previous test ended, before this one started)");
    }

    @Property(tries = 5)
    void every_escape_from_a_pureflow_thread_is_reported_and_only_those(
            @ForAll @IntRange(min = 0, max = 5) int ours, @ForAll @IntRange(min = 0, max = 5) int others) throws Exception {
        watcher.beforeEach(null);
        for (int i = 0; i < ours; i++) {
            die("pureflow-worker-" + i, new Quiet("ours " + i));
        }
        for (int i = 0; i < others; i++) {
            die("other-" + i, new Quiet("other " + i));
        }

        List<String> reported = new ArrayList<>();
        try {
            watcher.afterEach(null);
        } catch (AssertionError failure) {
            reported.add(failure.getCause().getMessage());
            for (Throwable suppressed : failure.getSuppressed()) {
                reported.add(suppressed.getMessage());
            }
        }

        assertThat(reported).hasSize(ours).allSatisfy(message -> assertThat(message).startsWith("ours "));
    }

    /** An exception without a stack trace: the watcher hands it on to be printed, and one line is enough here. */
    static final class Quiet extends RuntimeException {
        Quiet(String message) {
            super(message, null, false, false);
        }
    }

    private static void die(String name, RuntimeException error) throws InterruptedException {
        Thread.ofVirtual().name(name).start(() -> {
            throw error;
        }).join();
    }
}
