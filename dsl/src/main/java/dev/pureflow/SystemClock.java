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

    /** How long an anchor is used: the wall clock's slew in that time (NTP's is at most 0.5 ms a second) is the error of a derived instant. */
    private static final long ANCHOR_NANOS = 1_000_000_000L;

    /** A wall-clock instant and the monotonic reading taken with it. Immutable, so published through a volatile field alone. */
    private record Anchor(Instant wall, long nanos) {
        static Anchor now() {
            return new Anchor(Instant.now(), System.nanoTime());
        }
    }

    // Reading the time costs tens of nanoseconds, hundreds on some virtual machines: a listened step
    // reads it twice (start and end) and derives its start instant from the first reading
    private volatile Anchor anchor = Anchor.now();

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    /**
     * The wall-clock instant of {@code nanoTime}, derived from an anchor taken at most a second
     * earlier (a wall clock set back or forward shows within a second), without reading the time.
     */
    @Override
    public Instant instantAt(long nanoTime) {
        Anchor current = anchor;
        long since = nanoTime - current.nanos();
        if (since >= ANCHOR_NANOS) {
            current = Anchor.now();
            anchor = current;
            since = nanoTime - current.nanos();
        }
        return current.wall().plusNanos(since);
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
