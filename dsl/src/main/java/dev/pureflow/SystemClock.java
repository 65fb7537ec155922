package dev.pureflow;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The real clock; see {@link Clock#system()}. */
enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }

    @Override
    public void await(CompletionStage<?> stage) throws InterruptedException {
        try {
            stage.toCompletableFuture().get();
        } catch (ExecutionException | java.util.concurrent.CancellationException completed) {
            // completed exceptionally: that is still completion, and the caller reads the outcome itself
        }
    }

    @Override
    public boolean await(CompletionStage<?> stage, Duration timeout) throws InterruptedException {
        CompletableFuture<?> future = stage.toCompletableFuture();
        try {
            future.get(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS); // convert saturates instead of overflowing
            return true;
        } catch (ExecutionException | java.util.concurrent.CancellationException completed) {
            return true;
        } catch (TimeoutException expired) {
            return false;
        }
    }

    @Override
    public Thread startThread(String name, Runnable task) {
        return Thread.ofVirtual().name(name).start(task);
    }

    @Override
    public String toString() {
        return "Clock.system()";
    }
}
