package dev.pureflow.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.combinators.Backoff;
import dev.pureflow.combinators.RetryPolicy;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** A retry policy means the same to Temporal: as many attempts, the same delays before each retry. */
class TemporalOptionsProperties {

    @Property(tries = 200)
    void exponential_policy_becomes_retry_options_with_the_same_attempts_and_delays(
            @ForAll @IntRange(min = 1, max = 20) int attempts,
            @ForAll @LongRange(min = 1, max = 60_000) long initialMillis,
            @ForAll @DoubleRange(min = 1.0, max = 4.0) double multiplier,
            @ForAll @IntRange(min = 1, max = 50) int capFactor) {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(initialMillis), multiplier, Duration.ofMillis(initialMillis * capFactor));
        RetryOptions options = TemporalOptions.DEFAULT.withRetries(RetryPolicy.DEFAULT.withMaxAttempts(attempts).withBackoff(backoff))
                .retryOptions();

        assertThat(options.getMaximumAttempts()).isEqualTo(attempts);
        for (int retry = 1; retry < attempts; retry++) {
            assertThat(temporalDelayBefore(options, retry).toMillis())
                    .isCloseTo(backoff.delayBefore(retry).toMillis(), org.assertj.core.data.Offset.offset(1L));
        }
    }

    @Property(tries = 200)
    void fixed_policy_waits_the_same_delay_before_every_retry(
            @ForAll @IntRange(min = 1, max = 20) int attempts, @ForAll @LongRange(min = 1, max = 600_000) long delayMillis) {
        RetryOptions options = TemporalOptions.DEFAULT
                .withRetries(RetryPolicy.DEFAULT.withMaxAttempts(attempts).withBackoff(Backoff.fixed(Duration.ofMillis(delayMillis))))
                .retryOptions();

        assertThat(options.getMaximumAttempts()).isEqualTo(attempts);
        for (int retry = 1; retry < attempts; retry++) {
            assertThat(temporalDelayBefore(options, retry)).isEqualTo(Duration.ofMillis(delayMillis));
        }
    }

    @Property(tries = 20)
    void without_a_policy_every_action_gets_exactly_one_attempt(@ForAll @IntRange(min = 1, max = 600) int timeoutSeconds) {
        TemporalOptions options = TemporalOptions.DEFAULT.withActionTimeout(Duration.ofSeconds(timeoutSeconds));

        assertThat(options.retryOptions().getMaximumAttempts()).isEqualTo(1);
        assertThat(options.activityOptions().getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(timeoutSeconds));
    }

    /** The delay Temporal waits before retry {@code retry} (from 1): initial × coefficient^(retry-1), capped. */
    private static Duration temporalDelayBefore(RetryOptions options, int retry) {
        double millis = options.getInitialInterval().toMillis() * Math.pow(options.getBackoffCoefficient(), retry - 1);
        return Duration.ofMillis((long) Math.min(millis, options.getMaximumInterval().toMillis()));
    }
}
