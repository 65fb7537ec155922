package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.retried;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import io.vavr.control.Try;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RetryProperties {

    record Fetch(String what) implements Action<String> {}

    @Property(tries = 200)
    void an_action_failing_f_times_succeeds_exactly_when_f_is_below_max_attempts_after_min_f_and_m_minus_1_delays(
            @ForAll @IntRange(min = 0, max = 8) int failures,
            @ForAll @IntRange(min = 1, max = 8) int maxAttempts,
            @ForAll @IntRange(min = 1, max = 60_000) int delayMillis) {
        VirtualClock clock = VirtualClock.start();
        Flaky flaky = Flaky.failingFirst(failures, clock);
        Duration delay = Duration.ofMillis(delayMillis);
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(maxAttempts).withBackoff(Backoff.fixed(delay)).withJitter(0);

        Try<String> outcome = Runner.of(flaky.with(retried(policy, clock))).with(options -> options.clock(clock))
                .attempt(Program.perform(new Fetch("users")));

        int delays = Math.min(failures, maxAttempts - 1);
        assertThat(outcome.isSuccess()).isEqualTo(failures < maxAttempts);
        if (outcome.isFailure()) {
            assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class)
                    .cause().isInstanceOf(IOException.class).hasMessage("attempt " + maxAttempts);
        }
        assertThat(flaky.attempts()).isEqualTo(delays + 1);
        assertThat(flaky.gaps()).isEqualTo(Collections.nCopies(delays, delay));
        assertThat(clock.elapsed()).isEqualTo(delay.multipliedBy(delays));
    }

    @Property(tries = 100)
    void exponential_retry_delays_double_up_to_the_cap_in_virtual_time(
            @ForAll @IntRange(min = 0, max = 10) int failures,
            @ForAll @IntRange(min = 1, max = 10) int maxAttempts,
            @ForAll @IntRange(min = 1, max = 5_000) int initialMillis,
            @ForAll @IntRange(min = 0, max = 100_000) int extraCapMillis) {
        VirtualClock clock = VirtualClock.start();
        Flaky flaky = Flaky.failingFirst(failures, clock);
        long capMillis = (long) initialMillis + extraCapMillis;
        RetryPolicy policy = RetryPolicy.DEFAULT
                .withMaxAttempts(maxAttempts)
                .withBackoff(Backoff.exponential(Duration.ofMillis(initialMillis), 2.0, Duration.ofMillis(capMillis)))
                .withJitter(0);

        Runner.of(flaky.with(retried(policy, clock))).with(options -> options.clock(clock)).attempt(Program.perform(new Fetch("x")));

        int delays = Math.min(failures, maxAttempts - 1);
        long expectedMillis = 0;
        for (int retry = 1; retry <= delays; retry++) {
            expectedMillis += Math.min((long) initialMillis << (retry - 1), capMillis);
        }
        assertThat(flaky.gaps()).hasSize(delays);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @Property(tries = 300)
    void jitter_keeps_every_delay_between_d_times_1_minus_j_and_d(
            @ForAll @LongRange(min = 0, max = 86_400_000_000_000L) long baseNanos,
            @ForAll @DoubleRange(min = 0, max = 1) double jitter,
            @ForAll @IntRange(min = 1, max = 20) int retry,
            @ForAll long seed) {
        RetryPolicy policy = RetryPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofNanos(baseNanos))).withJitter(jitter);
        SplittableRandom random = new SplittableRandom(seed);

        for (int draw = 0; draw < 20; draw++) {
            long delay = policy.delayBefore(retry, random).toNanos();

            long lowest = (long) Math.floor(baseNanos * (1 - jitter)) - 1; // 1 ns for rounding of the factor
            assertThat(delay).isBetween(Math.max(0, lowest), baseNanos);
        }
    }

    @Property(tries = 100)
    void without_jitter_the_delay_is_exactly_the_backoff(
            @ForAll @LongRange(min = 0, max = 86_400_000L) long initialMillis,
            @ForAll @DoubleRange(min = 1, max = 4) double multiplier,
            @ForAll @IntRange(min = 1, max = 30) int retry,
            @ForAll long seed) {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(initialMillis), multiplier, Duration.ofDays(2));
        RetryPolicy policy = RetryPolicy.DEFAULT.withBackoff(backoff).withJitter(0);

        assertThat(policy.delayBefore(retry, new SplittableRandom(seed))).isEqualTo(backoff.delayBefore(retry));
    }

    @Property(tries = 200)
    void exponential_delays_never_shrink_and_never_pass_the_cap(
            @ForAll @LongRange(min = 0, max = 60_000) long initialMillis,
            @ForAll @DoubleRange(min = 1, max = 10) double multiplier,
            @ForAll @LongRange(min = 0, max = 3_600_000) long extraCapMillis) {
        Duration cap = Duration.ofMillis(initialMillis + extraCapMillis);
        Backoff backoff = Backoff.exponential(Duration.ofMillis(initialMillis), multiplier, cap);

        Duration previous = Duration.ZERO;
        for (int retry = 1; retry <= 64; retry++) {
            Duration delay = backoff.delayBefore(retry);
            assertThat(delay).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(cap);
            previous = delay;
        }
        assertThat(backoff.delayBefore(1)).isEqualTo(Duration.ofMillis(initialMillis));
    }

    @Property(tries = 200)
    void a_policy_never_retries_past_max_attempts_nor_after_interruption_or_cancellation(
            @ForAll @IntRange(min = 1, max = 10) int maxAttempts,
            @ForAll @IntRange(min = 1, max = 12) int attempt) {
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(maxAttempts);
        Fetch action = new Fetch("x");

        assertThat(policy.shouldRetry(action, attempt, new IOException("weather"))).isEqualTo(attempt < maxAttempts);
        assertThat(policy.shouldRetry(action, attempt, new InterruptedException())).isFalse();
        assertThat(policy.shouldRetry(action, attempt, new CancellationException())).isFalse();
    }
}
