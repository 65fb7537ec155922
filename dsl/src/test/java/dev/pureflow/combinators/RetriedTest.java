package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.retried;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.UnhandledActionException;
import dev.pureflow.watch.SystemClockForwarder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link Combinators#retried}: how often an action is tried, which errors and actions are retried, what is reported. */
class RetriedTest {

    /** Retry at once, exactly as often as the test says. */
    private static final RetryPolicy AT_ONCE = RetryPolicy.DEFAULT.withBackoff(Backoff.none()).withJitter(0);

    private final Map<Object, AtomicInteger> attempts = new ConcurrentHashMap<>();

    /** Fails each action {@code failures} times with the errors {@code error} makes, then answers with its name. */
    private Executor failingFirst(int failures, Supplier<? extends Exception> error) {
        return Executor.of(Task.class, task -> {
            int attempt = attempts.computeIfAbsent(task, t -> new AtomicInteger()).incrementAndGet();
            if (attempt <= failures) {
                Exception failure = error.get();
                throw withAttempt(failure, attempt);
            }
            return switch (task) {
                case Task.Work work -> work.name();
                case Task.Flaky flaky -> flaky.name();
                case Task.Login login -> login.user();
            };
        });
    }

    private static Exception withAttempt(Exception failure, int attempt) {
        failure.addSuppressed(new Marker(attempt));
        return failure;
    }

    /** Tags an error with the attempt that threw it. */
    static final class Marker extends RuntimeException {
        final int attempt;

        Marker(int attempt) {
            super("attempt " + attempt, null, false, false);
            this.attempt = attempt;
        }
    }

    private int attemptsOf(Object task) {
        return attempts.getOrDefault(task, new AtomicInteger()).get();
    }

    @Test
    void a_failing_action_is_retried_until_it_succeeds() {
        Executor executor = failingFirst(2, () -> new IOException("flaky")).with(retried(AT_ONCE.withMaxAttempts(3)));

        String answer = Runner.of(executor).run(Program.perform(new Task.Flaky("f")));

        assertThat(answer).isEqualTo("f");
        assertThat(attemptsOf(new Task.Flaky("f"))).isEqualTo(3);
    }

    @Test
    void an_action_that_succeeds_at_once_is_tried_once() {
        Executor executor = failingFirst(0, IOException::new).with(retried(AT_ONCE.withMaxAttempts(5)));

        Runner.of(executor).run(Program.perform(new Task.Work("w")));

        assertThat(attemptsOf(new Task.Work("w"))).isEqualTo(1);
    }

    @Test
    void when_attempts_run_out_the_last_error_is_thrown_with_every_earlier_one_suppressed() {
        Executor executor = failingFirst(10, () -> new IOException("down")).with(retried(AT_ONCE.withMaxAttempts(3)));

        Throwable error = Runner.of(executor).attempt(Program.perform(new Task.Flaky("f"))).getCause();

        assertThat(attemptsOf(new Task.Flaky("f"))).isEqualTo(3);
        assertThat(error).isInstanceOf(ActionFailedException.class).hasCauseInstanceOf(IOException.class);
        Throwable last = error.getCause();
        assertThat(attemptOf(last)).isEqualTo(3);
        assertThat(last.getSuppressed())
                .filteredOn(suppressed -> !(suppressed instanceof Marker))
                .extracting(RetriedTest::attemptOf)
                .containsExactly(1, 2);
    }

    private static int attemptOf(Throwable error) {
        for (Throwable suppressed : error.getSuppressed()) {
            if (suppressed instanceof Marker marker) {
                return marker.attempt;
            }
        }
        throw new AssertionError("no attempt marker on " + error);
    }

    @Test
    void the_same_error_thrown_on_every_attempt_is_not_suppressed_in_itself() {
        IOException same = new IOException("same every time");
        Executor executor = Executor.of(Task.class, task -> {
            attempts.computeIfAbsent(task, t -> new AtomicInteger()).incrementAndGet();
            throw same;
        }).with(retried(AT_ONCE.withMaxAttempts(3)));

        Throwable error = Runner.of(executor).attempt(Program.perform(new Task.Work("w"))).getCause();

        assertThat(error.getCause()).isSameAs(same);
        assertThat(same.getSuppressed()).isEmpty();
        assertThat(attemptsOf(new Task.Work("w"))).isEqualTo(3);
    }

    @Test
    void max_attempts_of_one_means_no_retry() {
        Executor executor = failingFirst(1, IOException::new).with(retried(AT_ONCE.withMaxAttempts(1)));

        assertThat(Runner.of(executor).attempt(Program.perform(new Task.Work("w"))).isFailure()).isTrue();
        assertThat(attemptsOf(new Task.Work("w"))).isEqualTo(1);
    }

    @Test
    void retryingOn_error_types_retries_only_those_errors() {
        Executor executor = failingFirst(1, () -> new IllegalStateException("not retryable"))
                .with(retried(AT_ONCE.withMaxAttempts(3).retryingOn(IOException.class)));

        assertThatThrownBy(() -> Runner.of(executor).run(Program.perform(new Task.Work("w"))))
                .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(attemptsOf(new Task.Work("w"))).isEqualTo(1);

        Executor retryable = failingFirst(1, () -> new IOException("retryable"))
                .with(retried(AT_ONCE.withMaxAttempts(3).retryingOn(IOException.class)));
        assertThat(Runner.of(retryable).run(Program.perform(new Task.Work("v")))).isEqualTo("v");
        assertThat(attemptsOf(new Task.Work("v"))).isEqualTo(2);
    }

    @Test
    void retryingOn_a_predicate_decides_per_error() {
        Executor executor = failingFirst(2, () -> new IOException("transient"))
                .with(retried(AT_ONCE.withMaxAttempts(5).retryingOn(error -> error.getMessage().equals("transient"))));

        assertThat(Runner.of(executor).run(Program.perform(new Task.Work("w")))).isEqualTo("w");
        assertThat(attemptsOf(new Task.Work("w"))).isEqualTo(3);
    }

    @Test
    void forActions_retries_only_the_named_actions() {
        Executor executor = failingFirst(1, IOException::new).with(retried(AT_ONCE.withMaxAttempts(3).forActions(Task.Flaky.class)));
        Runner runner = Runner.of(executor);

        assertThat(runner.run(Program.perform(new Task.Flaky("f")))).isEqualTo("f");
        assertThat(runner.attempt(Program.perform(new Task.Work("w"))).isFailure()).isTrue();

        assertThat(attemptsOf(new Task.Flaky("f"))).isEqualTo(2);
        assertThat(attemptsOf(new Task.Work("w"))).isEqualTo(1);
    }

    @Test
    void forActions_accepts_a_whole_generic_action_family() {
        Executor executor = failingFirst(1, IOException::new).with(retried(AT_ONCE.withMaxAttempts(2).forActions(Task.class)));

        assertThat(Runner.of(executor).run(Program.perform(new Task.Work("w")))).isEqualTo("w");
        assertThat(attemptsOf(new Task.Work("w"))).isEqualTo(2);
    }

    @Test
    void an_interrupted_action_is_not_retried() throws Exception {
        Executor executor = failingFirst(5, InterruptedException::new).with(retried(AT_ONCE.withMaxAttempts(5)));

        assertThatThrownBy(() -> executor.execute(new Task.Work("w"))).isInstanceOf(InterruptedException.class);
        assertThat(attemptsOf(new Task.Work("w"))).isEqualTo(1);
    }

    @Test
    void cancellation_and_unhandled_actions_are_not_retried_by_default() throws Exception {
        Executor cancelled = failingFirst(5, CancellationException::new).with(retried(AT_ONCE.withMaxAttempts(5)));
        assertThatThrownBy(() -> cancelled.execute(new Task.Work("c"))).isInstanceOf(CancellationException.class);
        assertThat(attemptsOf(new Task.Work("c"))).isEqualTo(1);

        AtomicInteger tries = new AtomicInteger();
        Executor unhandled = Executor.of(Task.class, task -> {
            tries.incrementAndGet();
            throw new UnhandledActionException(task, "not here");
        }).with(retried(AT_ONCE.withMaxAttempts(5)));
        assertThatThrownBy(() -> unhandled.execute(new Task.Work("u"))).isInstanceOf(UnhandledActionException.class);
        assertThat(tries).hasValue(1);
    }

    @Test
    void retries_wait_as_the_backoff_says_on_the_given_clock() {
        RecordingClock clock = new RecordingClock();
        RetryPolicy policy = RetryPolicy.DEFAULT
                .withMaxAttempts(4)
                .withJitter(0)
                .withBackoff(Backoff.exponential(Duration.ofMillis(100), 2.0, Duration.ofMillis(300)));
        Executor executor = failingFirst(3, IOException::new).with(retried(policy, clock));

        assertThat(Runner.of(executor).run(Program.perform(new Task.Work("w")))).isEqualTo("w");
        assertThat(clock.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
    }

    /** The sleeps of one run of {@code flaky} failing {@code failures} times under {@code policy}. */
    private List<Duration> sleepsOfOneRun(RetryPolicy policy, int failures, Task flaky) {
        attempts.clear();
        RecordingClock clock = new RecordingClock();
        Executor executor = failingFirst(failures, IOException::new).with(retried(policy, clock));
        Runner.of(executor).run(Program.perform(flaky));
        return List.copyOf(clock.sleeps);
    }

    @Test
    void unseeded_jitter_shortens_the_waits_before_retries_within_the_jitter_range() {
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(20).withJitter(0.5).withBackoff(Backoff.fixed(Duration.ofSeconds(1)));

        List<Duration> sleeps = sleepsOfOneRun(policy, 19, new Task.Work("w"));

        assertThat(sleeps).hasSize(19).allSatisfy(sleep -> assertThat(sleep).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1)));
        // 19 draws all at the full delay would be a jitter never applied (odds of chance: none)
        assertThat(sleeps).as("jitter applied").anySatisfy(sleep -> assertThat(sleep).isLessThan(Duration.ofSeconds(1)));
    }

    @Test
    void the_same_jitter_seed_gives_the_same_waits_in_every_run_and_another_seed_other_waits() {
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(6).withJitter(0.5).withBackoff(Backoff.fixed(Duration.ofSeconds(1)));
        Task flaky = new Task.Work("w");

        List<Duration> first = sleepsOfOneRun(policy.withJitterSeed(1), 5, flaky);
        List<Duration> again = sleepsOfOneRun(policy.withJitterSeed(1), 5, flaky);
        List<Duration> otherSeed = sleepsOfOneRun(policy.withJitterSeed(2), 5, flaky);

        assertThat(first).hasSize(5).allSatisfy(sleep -> assertThat(sleep).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1)));
        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).hasSize(5).isNotEqualTo(first);
        assertThat(first).as("one generator for all retries of the action, not a fresh one per retry").doesNotHaveDuplicates();
    }

    @Test
    void with_random_jitter_drops_the_seed_so_two_runs_wait_differently() {
        RetryPolicy seeded = RetryPolicy.DEFAULT.withMaxAttempts(6).withJitter(0.5).withBackoff(Backoff.fixed(Duration.ofSeconds(1))).withJitterSeed(1);
        RetryPolicy random = seeded.withRandomJitter();
        Task flaky = new Task.Work("w");

        assertThat(random.jitterSeed()).isEmpty();
        // five draws, each among some 500 million delays, repeating exactly by chance: negligible odds
        assertThat(sleepsOfOneRun(random, 5, flaky)).isNotEqualTo(sleepsOfOneRun(random, 5, flaky));
    }

    @Test
    void cancelling_the_run_stops_a_retry_waiting_for_its_backoff() throws Exception {
        java.util.concurrent.CountDownLatch failedOnce = new java.util.concurrent.CountDownLatch(1);
        Executor failing = Executor.of(Task.class, task -> {
            attempts.computeIfAbsent(task, t -> new AtomicInteger()).incrementAndGet();
            failedOnce.countDown();
            throw new IOException("down");
        });
        RetryPolicy hourly = RetryPolicy.DEFAULT.withMaxAttempts(3).withJitter(0).withBackoff(Backoff.fixed(Duration.ofHours(1)));
        dev.pureflow.RunHandle<String> handle = Runner.of(failing.with(retried(hourly))).start(Program.perform(new Task.Work("w")));
        assertThat(failedOnce.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        handle.cancel();

        assertThatThrownBy(() -> handle.await(Duration.ofSeconds(10))).isInstanceOf(CancellationException.class);
        assertThat(attemptsOf(new Task.Work("w"))).isEqualTo(1);
    }

    @Test
    void retried_keeps_the_parallelism_of_the_executor_it_wraps() {
        Executor executor = failingFirst(0, IOException::new).with(Combinators.parallelize(3)).with(retried(AT_ONCE));

        assertThat(executor.parallelism()).isEqualTo(3);
    }

    /** The system clock except that sleeps are recorded and return at once. */
    static final class RecordingClock extends SystemClockForwarder {
        final List<Duration> sleeps = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
        }
    }
}
