package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.retried;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import io.vavr.control.Try;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A retried action succeeds exactly when it fails fewer times than the policy's maximum attempts. */
class RetryProperties {

    @Property(tries = 100)
    void retry_succeeds_exactly_when_failures_are_fewer_than_max_attempts(
            @ForAll @IntRange(max = 8) int failures, @ForAll @IntRange(min = 1, max = 8) int maxAttempts) {
        AtomicInteger attempts = new AtomicInteger();
        Executor flaky = Executor.of(Task.class, task -> {
            int attempt = attempts.incrementAndGet();
            if (attempt <= failures) {
                throw new IOException("failure " + attempt);
            }
            return "done after " + attempt;
        });
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(maxAttempts).withBackoff(Backoff.none()).withJitter(0);

        Try<String> outcome = Runner.of(flaky.with(retried(policy))).attempt(Program.perform(new Task.Work("w")));

        assertThat(outcome.isSuccess()).isEqualTo(failures < maxAttempts);
        assertThat(attempts).hasValue(Math.min(failures + 1, maxAttempts));
        if (outcome.isSuccess()) {
            assertThat(outcome.get()).isEqualTo("done after " + (failures + 1));
        } else {
            Throwable last = outcome.getCause();
            assertThat(last).isInstanceOf(ActionFailedException.class);
            assertThat(last.getCause()).hasMessage("failure " + maxAttempts);
            assertThat(Arrays.stream(last.getCause().getSuppressed()).map(Throwable::getMessage))
                    .as("every earlier failure, in order")
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(1, maxAttempts).mapToObj(i -> "failure " + i).toList());
        }
    }
}
