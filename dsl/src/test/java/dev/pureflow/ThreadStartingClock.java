package dev.pureflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * The system clock with a test's own way of starting the run's threads, so a test can capture
 * them or give them an uncaught-exception handler. Thread-safe if {@code starter} is.
 */
class ThreadStartingClock implements Clock {

    private final BiFunction<String, Runnable, Thread> starter;

    ThreadStartingClock(BiFunction<String, Runnable, Thread> starter) {
        this.starter = Objects.requireNonNull(starter, "starter");
    }

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
        return starter.apply(name, task);
    }
}
