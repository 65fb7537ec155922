package dev.pureflow.owner;

import dev.pureflow.Clock;
import dev.pureflow.watch.SystemClockForwarder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * A clock whose timed waits end when the test says the time is up ({@link #expire()}), not when time
 * passes: a timeout then happens exactly where the test puts it, on any machine.
 */
final class GateClock extends SystemClockForwarder {

    private final CompletableFuture<Void> expired = new CompletableFuture<>();
    private final CountDownLatch waiting = new CountDownLatch(1);

    /** Ends every timed wait, now and later. */
    void expire() {
        expired.complete(null);
    }

    /** Blocks until some thread is in a timed wait. */
    void awaitWaiter() throws InterruptedException {
        waiting.await();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Clock.system().await(expired);
    }

    @Override
    public boolean await(CompletionStage<?> stage, Duration timeout) throws InterruptedException {
        CompletableFuture<?> future = stage.toCompletableFuture();
        waiting.countDown();
        Clock.system().await(CompletableFuture.anyOf(future, expired));
        return future.isDone();
    }
}
