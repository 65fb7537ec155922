package dev.pureflow.watch;

import dev.pureflow.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * The system clock, for a test clock that changes one thing about it (counts its waits, starts its
 * threads its own way) and overrides only that: what it does not override reads and waits as
 * {@link Clock#system()} does. Thread-safe; subclasses say whether they are.
 */
public abstract class SystemClockForwarder implements Clock {

    @Override
    public Instant instant() {
        return Clock.system().instant();
    }

    @Override
    public long nanoTime() {
        return Clock.system().nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Clock.system().sleep(duration);
    }

    @Override
    public void await(CompletionStage<?> stage) throws InterruptedException {
        Clock.system().await(stage);
    }

    @Override
    public boolean await(CompletionStage<?> stage, Duration timeout) throws InterruptedException {
        return Clock.system().await(stage, timeout);
    }

    @Override
    public Thread startThread(String name, Runnable task) {
        return Clock.system().startThread(name, task);
    }
}
