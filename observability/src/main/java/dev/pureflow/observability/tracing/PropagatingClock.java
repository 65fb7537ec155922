package dev.pureflow.observability.tracing;

import dev.pureflow.Clock;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * A clock whose threads start in the OpenTelemetry context of the thread that started them: the
 * runner starts a run's thread and its parallel branches' threads through its clock, so the run's
 * span (and the run's tracing state) reach every thread of the run. Thread-safe as its delegate.
 */
record PropagatingClock(Clock delegate) implements Clock {

    @Override
    public Instant instant() {
        return delegate.instant();
    }

    @Override
    public Instant instantAt(long nanoTime) {
        return delegate.instantAt(nanoTime);
    }

    @Override
    public long nanoTime() {
        return delegate.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        delegate.sleep(duration);
    }

    @Override
    public void await(CompletionStage<?> stage) throws InterruptedException {
        delegate.await(stage);
    }

    @Override
    public boolean await(CompletionStage<?> stage, Duration timeout) throws InterruptedException {
        return delegate.await(stage, timeout);
    }

    @Override
    public Thread startThread(String name, Runnable task) {
        return delegate.startThread(name, Context.current().wrap(task));
    }
}
