package dev.pureflow;

import dev.pureflow.watch.SystemClockForwarder;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The system clock with a test's own way of starting the run's threads, so a test can capture
 * them or give them an uncaught-exception handler. Thread-safe if {@code starter} is.
 */
class ThreadStartingClock extends SystemClockForwarder {

    private final BiFunction<String, Runnable, Thread> starter;

    ThreadStartingClock(BiFunction<String, Runnable, Thread> starter) {
        this.starter = Objects.requireNonNull(starter, "starter");
    }

    /** The system clock, adding each thread it starts to {@code started} (a thread-safe list). */
    static ThreadStartingClock noting(java.util.List<Thread> started) {
        Objects.requireNonNull(started, "started");
        return new ThreadStartingClock((name, task) -> {
            Thread thread = Clock.system().startThread(name, task);
            started.add(thread);
            return thread;
        });
    }

    @Override
    public Thread startThread(String name, Runnable task) {
        return starter.apply(name, task);
    }
}
