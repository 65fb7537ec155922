package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Try;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;

/**
 * Whatever callbacks a run has, registered before or after it ends, some of them throwing: each is
 * called exactly once with the run's outcome, each exception is reported once to an
 * uncaught-exception handler, and the outcome stays what the flow made it.
 */
class OnCompleteProperties {

    /** One callback: registered while the run goes on or after it ended; throws or not. */
    record Callback(boolean beforeTheEnd, boolean throwing) {}

    @Property(tries = 60)
    void every_callback_is_called_once_and_every_exception_reported_once_without_changing_the_outcome(
            @ForAll("callbacks") List<Callback> callbacks, @ForAll boolean flowFails) throws Exception {
        World world = new World();
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler report = (thread, error) -> reported.add(error);
        Clock clock = new ThreadStartingClock((name, task) -> Thread.ofVirtual().name(name).uncaughtExceptionHandler(report).start(task));
        Program<String> flow = Program.perform(new Cmd.Gate("g"))
                .flatMap(value -> flowFails ? Program.fail(new IllegalStateException("flow failed")) : Program.pure(value));
        List<String> calls = new CopyOnWriteArrayList<>();
        RunHandle<String> handle = Runner.of(world.executor()).with(options -> options.clock(clock)).start(flow);
        world.awaitAtGate(1);

        for (int i = 0; i < callbacks.size(); i++) {
            if (callbacks.get(i).beforeTheEnd()) {
                register(handle, i, callbacks.get(i), calls);
            }
        }
        world.openGate();
        Try<String> outcome = handle.awaitOutcome();
        Thread caller = Thread.currentThread();
        Thread.UncaughtExceptionHandler before = caller.getUncaughtExceptionHandler();
        caller.setUncaughtExceptionHandler(report);
        try {
            for (int i = 0; i < callbacks.size(); i++) {
                if (!callbacks.get(i).beforeTheEnd()) {
                    register(handle, i, callbacks.get(i), calls);
                }
            }
        } finally {
            caller.setUncaughtExceptionHandler(before == caller.getThreadGroup() ? null : before);
        }
        awaitSize(calls, callbacks.size());

        assertThat(calls).hasSize(callbacks.size()).doesNotHaveDuplicates();
        long throwing = callbacks.stream().filter(Callback::throwing).count();
        awaitSize(reported, (int) throwing);
        assertThat(reported).hasSize((int) throwing).allSatisfy(error -> assertThat(error).hasMessageStartingWith("callback "));
        assertThat(outcome.isFailure()).isEqualTo(flowFails);
        assertThat(handle.outcome().get()).isSameAs(outcome);
        if (!flowFails) {
            assertThat(handle.await(java.time.Duration.ofSeconds(World.PATIENCE_SECONDS))).isEqualTo("g");
        }
    }

    @Provide
    Arbitrary<List<Callback>> callbacks() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Callback::new)
                .list().ofMaxSize(6);
    }

    private static void register(RunHandle<String> handle, int index, Callback callback, List<String> calls) {
        RunHandle<String> returned = handle.onComplete(outcome -> {
            calls.add("callback " + index);
            if (callback.throwing()) {
                throw new IllegalStateException("callback " + index + " failed");
            }
        });
        assertThat(returned).isSameAs(handle);
    }

    /** Callbacks registered before the end run on the run's thread, maybe after await returned. */
    private static void awaitSize(List<?> list, int size) throws TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(World.PATIENCE_SECONDS);
        while (list.size() < size) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("only " + list.size() + " of " + size + " after " + World.PATIENCE_SECONDS + " s");
            }
            Thread.onSpinWait();
        }
    }
}
