package dev.pureflow.combinators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** {@link RetryPolicy} and {@link Backoff} as values: validation, decisions and delays. */
class RetryPolicyTest {

    @Test
    void the_default_policy_is_documented_values() {
        assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(3);
        assertThat(RetryPolicy.DEFAULT.jitter()).isEqualTo(0.2);
        assertThat(RetryPolicy.DEFAULT.backoff()).isEqualTo(Backoff.exponential(Duration.ofMillis(100), 2.0, Duration.ofSeconds(10)));
    }

    @Test
    void shouldRetry_is_true_only_below_max_attempts() {
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(3);
        Task.Work work = new Task.Work("w");

        assertThat(policy.shouldRetry(work, 1, new IOException())).isTrue();
        assertThat(policy.shouldRetry(work, 2, new IOException())).isTrue();
        assertThat(policy.shouldRetry(work, 3, new IOException())).isFalse();
    }

    @Test
    void interruption_and_cancellation_are_never_retried_whatever_retryOn_says() {
        RetryPolicy retryAll = RetryPolicy.DEFAULT.withMaxAttempts(9).retryingOn(error -> true);
        Task.Work work = new Task.Work("w");

        assertThat(retryAll.shouldRetry(work, 1, new InterruptedException())).isFalse();
        assertThat(retryAll.shouldRetry(work, 1, new CancellationException())).isFalse();
        assertThat(retryAll.shouldRetry(work, 1, new IllegalStateException())).isTrue();
    }

    @Test
    void invalid_values_are_rejected_with_their_value() {
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withJitter(1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withJitter(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withBackoff(null)).isInstanceOf(NullPointerException.class).hasMessage("backoff");
        assertThatThrownBy(() -> Backoff.fixed(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cap");
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplier");
    }

    @Test
    void exponential_backoff_multiplies_and_stops_at_the_cap() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), 3.0, Duration.ofSeconds(1));

        assertThat(backoff.delayBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delayBefore(2)).isEqualTo(Duration.ofMillis(300));
        assertThat(backoff.delayBefore(3)).isEqualTo(Duration.ofMillis(900));
        assertThat(backoff.delayBefore(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayBefore(1000)).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> backoff.delayBefore(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fixed_and_no_backoff_wait_the_same_before_every_retry() {
        assertThat(Backoff.fixed(Duration.ofMillis(50)).delayBefore(7)).isEqualTo(Duration.ofMillis(50));
        assertThat(Backoff.none().delayBefore(1)).isZero();
    }

    @Test
    void jitter_draws_each_delay_between_the_reduced_and_the_full_delay() {
        RetryPolicy policy = RetryPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofMillis(1000))).withJitter(0.25);
        Random random = new Random(42);

        for (int i = 0; i < 1000; i++) {
            assertThat(policy.delayBefore(1, random)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
        }
        assertThat(policy.withJitter(0).delayBefore(1, random)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void jitter_shortens_the_delay_by_the_drawn_fraction_of_the_jitter() {
        RetryPolicy policy = RetryPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofMillis(1000))).withJitter(0.25);

        assertThat(policy.delayBefore(1, drawing(0.0))).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.delayBefore(1, drawing(0.5))).isEqualTo(Duration.ofMillis(875));
        assertThat(policy.delayBefore(1, drawing(0.999_999))).isCloseTo(Duration.ofMillis(750), Duration.ofMillis(1));
        assertThat(policy.withJitter(0).delayBefore(1, drawing(0.5))).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.withBackoff(Backoff.none()).delayBefore(1, drawing(0.5))).isZero();
    }

    @Test
    void jittered_delays_spread_over_the_whole_range_rather_than_sitting_at_the_full_delay() {
        RetryPolicy policy = RetryPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofMillis(1000))).withJitter(0.25);
        Random random = new Random(42);

        java.util.List<Duration> delays = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> policy.delayBefore(1, random)).toList();

        assertThat(delays).anySatisfy(delay -> assertThat(delay).isLessThan(Duration.ofMillis(800)));
        assertThat(delays).anySatisfy(delay -> assertThat(delay).isGreaterThan(Duration.ofMillis(950)));
    }

    @Test
    void null_error_and_action_types_are_rejected_when_the_policy_is_built() {
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.retryingOn(IOException.class, null))
                .isInstanceOf(NullPointerException.class).hasMessage("error type");
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.forActions(Task.Work.class, null))
                .isInstanceOf(NullPointerException.class).hasMessage("action type");
    }

    @Test
    void a_policy_built_from_types_retries_instances_of_those_types_only() {
        RetryPolicy policy = RetryPolicy.DEFAULT.retryingOn(IOException.class).forActions(Task.Work.class);

        assertThat(policy.shouldRetry(new Task.Work("w"), 1, new java.io.FileNotFoundException())).isTrue();
        assertThat(policy.shouldRetry(new Task.Work("w"), 1, new IllegalStateException())).isFalse();
        assertThat(policy.shouldRetry(new Task.Flaky("f"), 1, new IOException())).isFalse();
    }

    /** A generator whose every double is {@code draw}. */
    private static java.util.random.RandomGenerator drawing(double draw) {
        return new java.util.random.RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextDouble is drawn");
            }

            @Override
            public double nextDouble() {
                return draw;
            }
        };
    }
}
