package dev.pureflow;

import io.vavr.control.Try;
import java.time.Duration;

/**
 * Observes every performed step of a run without changing it: how tracing, recording, journaling
 * and test assertions see a run.
 *
 * <p>Called on the thread that performs the step, right around the call of the executor on that
 * same thread ({@link #started} just before, {@link #finished} just after, with
 * {@link Step#current()} set throughout), so a tracing listener can make a span current for the
 * executor; and from several threads at once inside parallel blocks: implementations must be
 * thread-safe. A listener that throws fails the step it was told
 * about (its exception becomes the cause of the step's {@link ActionFailedException}); the run
 * unwinds as for any failed step, so finalizers still run.
 *
 * <p>A listener that needs only each step's action, failure and duration can be a
 * {@link StepTimingListener}, for which the runner makes no {@link Step}.
 */
public interface StepListener {

    /** A listener that ignores everything. */
    StepListener NONE = new StepListener() {};

    /** {@code step} is about to be handed to the executor. */
    default void started(Step step) {}

    /**
     * {@code step} ended with {@code outcome}: the executor's answer, or its exception as thrown
     * (the flow sees it wrapped in {@link ActionFailedException}); an {@link InterruptedException},
     * which a vavr {@code Try} cannot hold, is shown as the run's cancellation that interrupted the
     * step (or a {@link java.util.concurrent.CancellationException} caused by it). {@code duration}
     * is read on the run's clock, from the step's start ({@link Step#startedAt()} comes from the
     * same reading) to the executor's answer or exception, the listeners' {@code started} calls
     * included.
     */
    default void finished(Step step, Try<Object> outcome, Duration duration) {}

    /** A listener told only of steps that started: {@code runner.with(o -> o.listener(StepListener.onStarted(steps::add)))}. */
    static StepListener onStarted(java.util.function.Consumer<? super Step> started) {
        java.util.Objects.requireNonNull(started, "started");
        return new StepListener() {
            @Override
            public void started(Step step) {
                started.accept(step);
            }
        };
    }

    /** A listener told only of steps that ended. */
    static StepListener onFinished(Finished finished) {
        java.util.Objects.requireNonNull(finished, "finished");
        return new StepListener() {
            @Override
            public void finished(Step step, Try<Object> outcome, Duration duration) {
                finished.finished(step, outcome, duration);
            }
        };
    }

    /** What {@link #onFinished} calls for each ended step. */
    @FunctionalInterface
    interface Finished {
        /** {@code step} ended with {@code outcome} after {@code duration}. */
        void finished(Step step, Try<Object> outcome, Duration duration);
    }

    /** This listener, then {@code next}, for every call. */
    default StepListener andThen(StepListener next) {
        java.util.Objects.requireNonNull(next, "next");
        StepListener first = this;
        return new StepListener() {
            @Override
            public void started(Step step) {
                first.started(step);
                next.started(step);
            }

            @Override
            public void finished(Step step, Try<Object> outcome, Duration duration) {
                first.finished(step, outcome, duration);
                next.finished(step, outcome, duration);
            }
        };
    }
}
