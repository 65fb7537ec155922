package dev.pureflow.interpreters.fake;

import static dev.pureflow.combinators.Combinators.parallelize;
import static dev.pureflow.interpreters.fake.Participants.DEADLINE;
import static dev.pureflow.interpreters.fake.Participants.awaitParked;
import static dev.pureflow.interpreters.fake.Participants.onParticipant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    /** Sleeps {@code length} on the clock and answers with the clock's elapsed time when it woke. */
    record Nap(Duration length) implements Action<Duration> {}

    private final VirtualClock clock = VirtualClock.start();

    private Executor napping() {
        return Executor.of(Nap.class, nap -> {
            clock.sleep(nap.length());
            return clock.elapsed();
        });
    }

    /** What a thread saw when its wait on the clock ended. */
    record WaitEnd(boolean interrupted, Duration at, boolean flagStillSet) {}

    /** A participant thread sleeping on the clock, and what it will have seen when it wakes. */
    record Sleeping(Thread thread, CompletableFuture<WaitEnd> end) {}

    private Sleeping sleepOnParticipant(String name, Duration length) {
        CompletableFuture<WaitEnd> end = new CompletableFuture<>();
        Thread thread = clock.startThread(name, () -> {
            try {
                clock.sleep(length);
                end.complete(new WaitEnd(false, clock.elapsed(), Thread.currentThread().isInterrupted()));
            } catch (InterruptedException interrupted) {
                end.complete(new WaitEnd(true, clock.elapsed(), Thread.currentThread().isInterrupted()));
            }
        });
        return new Sleeping(thread, end);
    }

    /** How a wait on a stage ended. */
    record AwaitEnd(boolean inTime, Duration at) {}

    // ---------------------------------------------------------------------------------------------
    // Reading the time

    @Test
    void instant_starts_at_the_origin_and_moves_with_elapsed_time() throws InterruptedException {
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(clock.elapsed()).isZero();
        assertThat(clock.nanoTime()).isZero();

        clock.sleep(Duration.ofSeconds(90));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:30Z"));
    }

    @Test
    void a_clock_started_at_a_given_origin_reads_that_origin_first() {
        Instant origin = Instant.parse("1999-12-31T23:59:59.999999999Z");

        VirtualClock custom = VirtualClock.startingAt(origin);

        assertThat(custom.instant()).isEqualTo(origin);
        assertThat(custom.elapsed()).isZero();
    }

    // ---------------------------------------------------------------------------------------------
    // Sleeping

    @Test
    void sleep_on_an_unregistered_thread_advances_at_once_and_elapsed_is_exact() throws InterruptedException {
        // an hour: slept in real time, it would trip the hang detector
        Duration oddLength = Duration.ofHours(1).plusNanos(1);

        clock.sleep(oddLength);

        assertThat(clock.elapsed()).isEqualTo(oddLength);
    }

    @Test
    void sequential_sleeps_add_up() throws InterruptedException {
        clock.sleep(Duration.ofMillis(1));
        clock.sleep(Duration.ofSeconds(2));
        clock.sleep(Duration.ZERO);
        clock.sleep(Duration.ofMinutes(3));

        assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(3).plusSeconds(2).plusMillis(1));
    }

    @Test
    void a_zero_sleep_or_timeout_returns_at_once_while_another_participant_holds_time() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        clock.startThread("waits-for-the-zero-sleeper", () -> awaitQuietly(release));
        CompletableFuture<Boolean> zeroAwait = new CompletableFuture<>();
        clock.startThread("zero-sleeper", () -> {
            try {
                clock.sleep(Duration.ZERO);
                zeroAwait.complete(clock.await(new CompletableFuture<Void>(), Duration.ZERO));
            } catch (InterruptedException unexpected) {
                zeroAwait.completeExceptionally(unexpected);
            } finally {
                release.countDown();
            }
        });

        // the holder gives up after DEADLINE, so a zero sleep that waits for it shows as a timeout here
        assertThat(zeroAwait.get(DEADLINE.toSeconds() / 4, TimeUnit.SECONDS)).as("in time").isFalse();
        assertThat(clock.elapsed()).isZero();
    }

    @Test
    void a_timeout_too_long_to_count_in_nanoseconds_means_no_timeout_rather_than_one_in_the_past() throws Exception {
        clock.sleep(Duration.ofSeconds(1)); // so that "now + timeout" would overflow
        CompletableFuture<String> stage = new CompletableFuture<>();

        AwaitEnd end = onParticipant(clock, () -> {
            clock.startThread("completer", () -> {
                try {
                    clock.sleep(Duration.ofDays(400));
                    stage.complete("done");
                } catch (InterruptedException unexpected) {
                    stage.completeExceptionally(unexpected);
                }
            });
            boolean inTime = clock.await(stage, ChronoUnit.FOREVER.getDuration());
            return new AwaitEnd(inTime, clock.elapsed());
        });

        assertThat(end).isEqualTo(new AwaitEnd(true, Duration.ofDays(400).plusSeconds(1)));
    }

    @Test
    void advance_wakes_the_sleepers_that_fall_due_and_no_others() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        clock.startThread("holds-time", () -> awaitQuietly(release));
        Sleeping shortNap = sleepOnParticipant("short", Duration.ofSeconds(5));
        Sleeping longNap = sleepOnParticipant("long", Duration.ofSeconds(9));
        awaitParked(shortNap.thread());
        awaitParked(longNap.thread());

        clock.advance(Duration.ofSeconds(4));
        assertThat(shortNap.end()).isNotDone();

        clock.advance(Duration.ofSeconds(1));
        assertThat(shortNap.end().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new WaitEnd(false, Duration.ofSeconds(5), false));
        assertThat(longNap.end()).isNotDone();

        release.countDown();
        assertThat(longNap.end().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new WaitEnd(false, Duration.ofSeconds(9), false));
    }

    @Test
    void advance_refuses_to_move_time_back() {
        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-0.001S");
        assertThat(clock.elapsed()).isZero();
    }

    // ---------------------------------------------------------------------------------------------
    // Several threads

    @Test
    void parallel_branches_under_the_runner_end_after_the_longest_sleep() {
        Runner runner = Runner.of(napping().with(parallelize(3))).with(options -> options.clock(clock));

        var wokeAt = runner.run(Program.parallel(
                Program.perform(new Nap(Duration.ofSeconds(1))),
                Program.perform(new Nap(Duration.ofSeconds(3))),
                Program.perform(new Nap(Duration.ofSeconds(2)))));

        assertThat(wokeAt).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(2));
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void branches_of_a_sequential_executor_sleep_one_after_another() {
        Runner runner = Runner.of(napping()).with(options -> options.clock(clock));

        var wokeAt = runner.run(Program.parallel(
                Program.perform(new Nap(Duration.ofSeconds(1))),
                Program.perform(new Nap(Duration.ofSeconds(3)))));

        assertThat(wokeAt).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(4));
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void a_participant_blocked_on_a_latch_holds_time_still_until_released() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        clock.startThread("busy-elsewhere", () -> awaitQuietly(release));
        Sleeping nap = sleepOnParticipant("sleeper", Duration.ofSeconds(1));
        awaitParked(nap.thread());

        assertThat(clock.elapsed()).isZero();
        assertThat(nap.end()).isNotDone();

        release.countDown();

        assertThat(nap.end().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new WaitEnd(false, Duration.ofSeconds(1), false));
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(1));
    }

    // ---------------------------------------------------------------------------------------------
    // Awaiting a stage

    @Test
    void await_returns_true_when_the_stage_completes_first_in_virtual_time() throws Exception {
        CompletableFuture<String> stage = new CompletableFuture<>();

        AwaitEnd end = onParticipant(clock, () -> {
            clock.startThread("completer", () -> {
                try {
                    clock.sleep(Duration.ofSeconds(2));
                    stage.complete("done");
                } catch (InterruptedException unexpected) {
                    stage.completeExceptionally(unexpected);
                }
            });
            boolean inTime = clock.await(stage, Duration.ofSeconds(5));
            return new AwaitEnd(inTime, clock.elapsed());
        });

        assertThat(end).isEqualTo(new AwaitEnd(true, Duration.ofSeconds(2)));
        assertThat(stage).isCompletedWithValue("done");
    }

    @Test
    void await_returns_false_when_the_timeout_passes_first_in_virtual_time() throws Exception {
        CompletableFuture<String> stage = new CompletableFuture<>();

        AwaitEnd end = onParticipant(clock, () -> {
            clock.startThread("late-completer", () -> {
                try {
                    clock.sleep(Duration.ofSeconds(10));
                    stage.complete("late");
                } catch (InterruptedException unexpected) {
                    stage.completeExceptionally(unexpected);
                }
            });
            boolean inTime = clock.await(stage, Duration.ofSeconds(5));
            return new AwaitEnd(inTime, clock.elapsed());
        });

        assertThat(end).isEqualTo(new AwaitEnd(false, Duration.ofSeconds(5)));
        assertThat(stage.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("late");
    }

    @Test
    void await_on_a_stage_that_never_completes_times_out_at_once_on_an_unregistered_thread() throws InterruptedException {
        boolean inTime = clock.await(new CompletableFuture<Void>(), Duration.ofSeconds(3));

        assertThat(inTime).isFalse();
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void await_of_a_completed_stage_returns_true_without_moving_time() throws InterruptedException {
        assertThat(clock.await(CompletableFuture.completedFuture("x"), Duration.ofSeconds(3))).isTrue();
        clock.await(CompletableFuture.failedFuture(new IllegalStateException("failed is completed too")));

        assertThat(clock.elapsed()).isZero();
    }

    @Test
    void await_without_a_timeout_ends_when_the_stage_completes_exceptionally() throws Exception {
        CompletableFuture<String> stage = new CompletableFuture<>();

        Duration endedAt = onParticipant(clock, () -> {
            clock.startThread("failer", () -> {
                try {
                    clock.sleep(Duration.ofMillis(700));
                    stage.completeExceptionally(new IllegalStateException("broken"));
                } catch (InterruptedException unexpected) {
                    stage.completeExceptionally(unexpected);
                }
            });
            clock.await(stage);
            return clock.elapsed();
        });

        assertThat(endedAt).isEqualTo(Duration.ofMillis(700));
        assertThat(stage).isCompletedExceptionally();
    }

    // ---------------------------------------------------------------------------------------------
    // Interruption

    @Test
    void interrupting_a_sleeping_thread_wakes_it_with_InterruptedException_while_time_is_held() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        clock.startThread("holds-time", () -> awaitQuietly(release));
        Sleeping nap = sleepOnParticipant("sleeper", Duration.ofSeconds(10));
        awaitParked(nap.thread());

        nap.thread().interrupt();

        assertThat(nap.end().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new WaitEnd(true, Duration.ZERO, false));
        release.countDown();
        assertThat(clock.elapsed()).isZero();
    }

    @Test
    void interrupting_a_sleeping_thread_wakes_it_at_that_moment_of_virtual_time_every_time() throws Exception {
        // Regression: the clock used to lose sight of an interrupt while the woken thread queued for
        // its lock, and could jump to the sleeper's own wake-up (about 1 run in 2000).
        for (int run = 0; run < 1500; run++) {
            VirtualClock fresh = VirtualClock.start();
            WaitEnd end = onParticipant(fresh, () -> {
                CompletableFuture<WaitEnd> nap = new CompletableFuture<>();
                Thread sleeper = fresh.startThread("sleeper", () -> {
                    try {
                        fresh.sleep(Duration.ofSeconds(10));
                        nap.complete(new WaitEnd(false, fresh.elapsed(), Thread.currentThread().isInterrupted()));
                    } catch (InterruptedException interrupted) {
                        nap.complete(new WaitEnd(true, fresh.elapsed(), Thread.currentThread().isInterrupted()));
                    }
                });
                fresh.sleep(Duration.ofSeconds(3));
                sleeper.interrupt();
                return nap; // the scenario's thread ends here: the clock must not jump to 10 s now
            }).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(end).as("run %d", run).isEqualTo(new WaitEnd(true, Duration.ofSeconds(3), false));
        }
    }

    @Test
    void a_thread_interrupted_before_it_sleeps_throws_at_once_without_moving_time() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> clock.sleep(Duration.ofHours(1))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).as("interrupt flag after the exception").isFalse();
        assertThat(clock.elapsed()).isZero();
    }

    @Test
    void an_unregistered_thread_interrupted_while_awaiting_leaves_time_free_to_move() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        clock.startThread("holds-time", () -> awaitQuietly(release));
        CompletableFuture<Boolean> interruptedAwait = new CompletableFuture<>();
        Thread outsider = Thread.ofVirtual().start(() -> {
            try {
                clock.await(new CompletableFuture<Void>());
                interruptedAwait.complete(false);
            } catch (InterruptedException expected) {
                interruptedAwait.complete(true);
            }
        });
        awaitParked(outsider);
        outsider.interrupt();
        assertThat(interruptedAwait.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        release.countDown();

        clock.sleep(Duration.ofSeconds(2)); // would hang if the outsider still counted as busy

        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(2));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the test never released the latch");
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }
}
