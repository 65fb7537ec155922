package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@link Clock#system()}: real time, waits that saturate rather than overflow, and threads that keep their interrupt. */
class SystemClockTest {

    private final Clock clock = Clock.system();

    @Test
    void the_monotonic_reading_moves_forward() {
        long first = clock.nanoTime();

        assertThat(Awaiting.until(() -> clock.nanoTime() > first)).as("nanoTime advanced").isTrue();
    }

    @Test
    void the_instant_of_a_reading_two_seconds_ahead_is_two_seconds_after_now() {
        Instant before = Instant.now();
        long now = clock.nanoTime();

        // two seconds past the anchor: the instant is derived from a fresh one
        Instant later = clock.instantAt(now + Duration.ofSeconds(2).toNanos());

        assertThat(later).isBetween(before.plusSeconds(2).minusMillis(100), Instant.now().plusSeconds(2).plusMillis(100));
    }

    @Test
    void a_wait_longer_than_nanoseconds_can_count_still_waits_for_the_stage() throws Exception {
        CompletableFuture<String> stage = new CompletableFuture<>();
        Thread waiter = Thread.currentThread();
        Thread completer = Thread.ofVirtual().start(() -> {
            Awaiting.untilWaitingOr(waiter, () -> false);
            stage.complete("done");
        });

        assertThat(clock.await(stage, Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
        completer.join();
    }

    @Test
    void a_negative_wait_times_out_at_once_and_a_failed_stage_counts_as_completed() throws Exception {
        assertThat(clock.await(new CompletableFuture<>(), Duration.ofMillis(-5))).isFalse();
        assertThat(clock.await(CompletableFuture.failedFuture(new IllegalStateException()), Duration.ZERO)).isTrue();
    }

    @Test
    void uninterruptibly_joining_keeps_an_interrupt_that_came_during_the_join() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().start(release::join);
        AtomicBoolean keptInterrupt = new AtomicBoolean();
        Thread joiner = Thread.ofVirtual().start(() -> {
            Uninterruptibly.join(worker);
            keptInterrupt.set(Thread.currentThread().isInterrupted());
        });
        Awaiting.untilWaitingOr(joiner, () -> false);

        joiner.interrupt();
        release.complete(null);
        joiner.join();

        assertThat(worker.isAlive()).isFalse();
        assertThat(keptInterrupt).isTrue();
    }
}
