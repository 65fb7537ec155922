package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import io.vavr.control.Try;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A step whose executor throws an {@link InterruptedException} while nobody cancelled the run (an
 * interrupt from elsewhere, or a library that throws one of its own): a listener is told the step
 * ended with a {@link CancellationException} saying the step's thread was interrupted, caused by
 * that very exception (vavr's {@code Try} will not hold an {@code InterruptedException}); the run
 * itself fails with an {@link ActionFailedException} caused by the interrupt, as for any failed
 * step. Both listened paths, {@link StepListener} and {@link StepTimingListener}, have their own
 * call (issue 15: telling the listener nothing of the kind survived every test).
 */
class InterruptedStepTest {

    private final InterruptedException interrupt = new InterruptedException("test: interrupted by nobody's cancellation");
    private final Executor interrupted = action -> {
        throw interrupt;
    };

    private Try<Integer> attempt(StepListener listener) throws Exception {
        RunHandle<Integer> handle = Runner.of(interrupted).with(options -> options.listener(listener)).start(Program.perform(new Cmd.Get(1)));
        CompletableFuture<Try<Integer>> ended = new CompletableFuture<>();
        handle.onComplete(ended::complete);
        return ended.get(World.PATIENCE_SECONDS, TimeUnit.SECONDS); // a hang detector only
    }

    private void assertShownAsTheInterruptsCancellation(Throwable told) {
        assertThat(told).isInstanceOf(CancellationException.class).hasMessage("the step's thread was interrupted");
        assertThat(told.getCause()).isSameAs(interrupt);
    }

    /** The run fails as with any failing action: its step named, the interrupt itself the cause. */
    private void assertTheRunFailedWithTheInterrupt(Try<Integer> outcome) {
        assertThat(outcome.getCause()).isInstanceOfSatisfying(ActionFailedException.class, failed -> {
            assertThat(failed.action()).isEqualTo(new Cmd.Get(1));
            assertThat(failed).hasCause(interrupt);
        });
    }

    @Test
    void a_step_listener_is_told_an_interrupted_step_ended_with_a_cancellation_caused_by_the_interrupt() throws Exception {
        AtomicReference<Try<Object>> told = new AtomicReference<>();

        Try<Integer> outcome = attempt(StepListener.onFinished((step, result, took) -> told.set(result)));

        assertThat(told.get()).isNotNull();
        assertThat(told.get().isFailure()).isTrue();
        assertShownAsTheInterruptsCancellation(told.get().getCause());
        assertTheRunFailedWithTheInterrupt(outcome);
    }

    @Test
    void a_timing_listener_is_told_an_interrupted_step_ended_with_a_cancellation_caused_by_the_interrupt() throws Exception {
        AtomicReference<Option<Throwable>> told = new AtomicReference<>();
        StepTimingListener timing = new StepTimingListener() {
            @Override
            public void stepStarted(Action<?> action) {}

            @Override
            public void stepFinished(Action<?> action, Option<Throwable> failure, long nanos) {
                told.set(failure);
            }
        };

        Try<Integer> outcome = attempt(timing);

        assertThat(told.get()).isNotNull();
        assertThat(told.get().isDefined()).isTrue();
        assertShownAsTheInterruptsCancellation(told.get().get());
        assertTheRunFailedWithTheInterrupt(outcome);
    }
}
