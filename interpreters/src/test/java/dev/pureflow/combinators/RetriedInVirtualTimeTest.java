package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.retried;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Combinator;
import dev.pureflow.Executor;
import dev.pureflow.FlowTimeoutException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.UnhandledActionException;
import dev.pureflow.interpreters.fake.VirtualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriedInVirtualTimeTest {

    record Fetch(String what) implements Action<String> {}

    record Greet(String name) implements Action<String> {}

    private final VirtualClock clock = VirtualClock.start();

    private Runner retrying(Executor executor, RetryPolicy policy) {
        return Runner.of(executor.with(retried(policy, clock))).with(options -> options.clock(clock));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    // ---------------------------------------------------------------------------------------------
    // Delays

    @Test
    void retry_delays_are_constant_with_fixed_backoff_and_no_jitter() {
        Flaky flaky = Flaky.failingFirst(3, clock);
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(4).withBackoff(Backoff.fixed(ms(250))).withJitter(0);

        String answer = retrying(flaky, policy).run(Program.perform(new Fetch("users")));

        assertThat(answer).isEqualTo("ok");
        assertThat(flaky.attemptsAt()).containsExactly(ms(0), ms(250), ms(500), ms(750));
        assertThat(clock.elapsed()).isEqualTo(ms(750));
    }

    @Test
    void retry_delays_follow_exponential_backoff_in_virtual_time_up_to_the_cap() {
        Flaky flaky = Flaky.failingFirst(5, clock);
        RetryPolicy policy = RetryPolicy.DEFAULT
                .withMaxAttempts(6)
                .withBackoff(Backoff.exponential(ms(100), 2.0, ms(400)))
                .withJitter(0);

        retrying(flaky, policy).run(Program.perform(new Fetch("users")));

        assertThat(flaky.gaps()).containsExactly(ms(100), ms(200), ms(400), ms(400), ms(400));
        assertThat(clock.elapsed()).isEqualTo(ms(1500));
    }

    @Test
    void the_default_policy_without_jitter_waits_100ms_then_200ms_and_gives_up_after_3_attempts() {
        Flaky flaky = Flaky.alwaysFailing(clock);

        ActionFailedException failed = catchThrowableOfType(ActionFailedException.class,
                () -> retrying(flaky, RetryPolicy.DEFAULT.withJitter(0)).run(Program.perform(new Fetch("users"))));

        assertThat(flaky.attemptsAt()).containsExactly(ms(0), ms(100), ms(300));
        assertThat(clock.elapsed()).isEqualTo(ms(300));
        assertThat(failed.action()).isEqualTo(new Fetch("users"));
        assertThat(failed.getCause()).isInstanceOf(IOException.class).hasMessage("attempt 3");
    }

    @Test
    void when_attempts_run_out_the_last_error_carries_the_earlier_ones_as_suppressed_in_order() {
        Flaky flaky = Flaky.alwaysFailing(clock);
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(4).withBackoff(Backoff.none());

        ActionFailedException failed = catchThrowableOfType(ActionFailedException.class,
                () -> retrying(flaky, policy).run(Program.perform(new Fetch("users"))));

        Throwable last = failed.getCause();
        assertThat(last).hasMessage("attempt 4");
        assertThat(last.getSuppressed()).extracting(Throwable::getMessage).containsExactly("attempt 1", "attempt 2", "attempt 3");
        assertThat(last.getSuppressed()).allSatisfy(earlier -> assertThat(earlier.getSuppressed()).isEmpty());
    }

    @Test
    void the_same_error_instance_thrown_on_every_attempt_is_not_suppressed_into_itself() {
        IOException same = new IOException("always the same");
        Flaky flaky = Flaky.failingFirst(Integer.MAX_VALUE, clock, attempt -> same);

        ActionFailedException failed = catchThrowableOfType(ActionFailedException.class,
                () -> retrying(flaky, RetryPolicy.DEFAULT.withBackoff(Backoff.none())).run(Program.perform(new Fetch("users"))));

        assertThat(failed.getCause()).isSameAs(same);
        assertThat(same.getSuppressed()).isEmpty();
        assertThat(flaky.attempts()).isEqualTo(3);
    }

    @Test
    void jitter_keeps_each_delay_between_its_lower_bound_and_the_full_delay() {
        Flaky flaky = Flaky.alwaysFailing(clock);
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(12).withBackoff(Backoff.fixed(Duration.ofSeconds(1))).withJitter(0.5);

        assertThatThrownBy(() -> retrying(flaky, policy).run(Program.perform(new Fetch("users"))))
                .isInstanceOf(ActionFailedException.class);

        assertThat(flaky.gaps()).hasSize(11).allSatisfy(gap -> assertThat(gap).isBetween(ms(500), ms(1000)));
        assertThat(flaky.gaps().stream().distinct().count()).as("distinct delays: jitter was applied").isGreaterThan(1);
        assertThat(clock.elapsed()).isEqualTo(flaky.attemptsAt().getLast());
    }

    @Test
    void a_single_attempt_policy_does_not_retry_or_wait() {
        Flaky flaky = Flaky.failingFirst(1, clock);

        assertThatThrownBy(() -> retrying(flaky, RetryPolicy.DEFAULT.withMaxAttempts(1)).run(Program.perform(new Fetch("users"))))
                .isInstanceOf(ActionFailedException.class);

        assertThat(flaky.attempts()).isEqualTo(1);
        assertThat(clock.elapsed()).isZero();
    }

    // ---------------------------------------------------------------------------------------------
    // Which errors and actions

    @Test
    void retryingOn_an_error_type_retries_only_errors_of_that_type() {
        RetryPolicy onlyIo = RetryPolicy.DEFAULT.withBackoff(Backoff.fixed(ms(50))).withJitter(0).retryingOn(IOException.class);
        Flaky io = Flaky.failingFirst(1, clock);
        Flaky broken = Flaky.failingFirst(1, clock, attempt -> new IllegalStateException("bug, not weather"));

        assertThat(retrying(io, onlyIo).run(Program.perform(new Fetch("users")))).isEqualTo("ok");
        assertThat(io.attempts()).isEqualTo(2);
        assertThat(clock.elapsed()).isEqualTo(ms(50));

        assertThatThrownBy(() -> retrying(broken, onlyIo).run(Program.perform(new Fetch("users"))))
                .isInstanceOf(ActionFailedException.class)
                .cause().isInstanceOf(IllegalStateException.class);
        assertThat(broken.attempts()).isEqualTo(1);
        assertThat(clock.elapsed()).as("no delay for an error not retried").isEqualTo(ms(50));
    }

    @Test
    void retryingOn_a_predicate_retries_only_the_errors_it_accepts() {
        RetryPolicy onlyTransient = RetryPolicy.DEFAULT.withBackoff(Backoff.none())
                .retryingOn(error -> error.getMessage().startsWith("transient"));
        Flaky transientFailures = Flaky.failingFirst(2, clock, attempt -> new IOException("transient " + attempt));
        Flaky permanentFailures = Flaky.failingFirst(2, clock, attempt -> new IOException("permanent " + attempt));

        assertThat(retrying(transientFailures, onlyTransient).run(Program.perform(new Fetch("x")))).isEqualTo("ok");
        assertThat(transientFailures.attempts()).isEqualTo(3);
        assertThat(retrying(permanentFailures, onlyTransient).attempt(Program.perform(new Fetch("x"))).isFailure()).isTrue();
        assertThat(permanentFailures.attempts()).isEqualTo(1);
    }

    @Test
    void forActions_retries_only_the_given_action_types() {
        RetryPolicy onlyFetches = RetryPolicy.DEFAULT.withBackoff(Backoff.fixed(ms(10))).withJitter(0).forActions(Fetch.class);
        Flaky fetches = Flaky.failingFirst(2, clock);
        Flaky greetings = Flaky.failingFirst(2, clock);

        assertThat(retrying(fetches, onlyFetches).run(Program.perform(new Fetch("users")))).isEqualTo("ok");
        assertThat(fetches.attempts()).isEqualTo(3);

        assertThatThrownBy(() -> retrying(greetings, onlyFetches).run(Program.perform(new Greet("User0"))))
                .isInstanceOf(ActionFailedException.class);
        assertThat(greetings.attempts()).isEqualTo(1);
        assertThat(clock.elapsed()).isEqualTo(ms(20));
    }

    @Test
    void forActions_with_a_predicate_retries_only_the_actions_it_accepts() {
        RetryPolicy onlyUsers = RetryPolicy.DEFAULT.withBackoff(Backoff.none())
                .forActions(action -> action instanceof Fetch fetch && fetch.what().equals("users"));
        Flaky users = Flaky.failingFirst(1, clock);
        Flaky orders = Flaky.failingFirst(1, clock);

        assertThat(retrying(users, onlyUsers).run(Program.perform(new Fetch("users")))).isEqualTo("ok");
        assertThat(retrying(orders, onlyUsers).attempt(Program.perform(new Fetch("orders"))).isFailure()).isTrue();
        assertThat(orders.attempts()).isEqualTo(1);
    }

    @Test
    void the_default_policy_does_not_retry_an_action_nobody_handles() {
        AtomicInteger attempts = new AtomicInteger();
        Executor fetchesOnly = Executor.of(Fetch.class, fetch -> "ok")
                .with(Combinator.around((action, next) -> {
                    attempts.incrementAndGet();
                    return next.execute(action);
                }));

        assertThatThrownBy(() -> retrying(fetchesOnly, RetryPolicy.DEFAULT).run(Program.perform(new Greet("User0"))))
                .isInstanceOf(ActionFailedException.class)
                .cause().isInstanceOf(UnhandledActionException.class);
        assertThat(attempts).hasValue(1);
        assertThat(clock.elapsed()).isZero();
    }

    // ---------------------------------------------------------------------------------------------
    // Cancellation and bad input

    @Test
    void a_run_deadline_interrupts_a_retry_delay_at_the_deadline() {
        Flaky flaky = Flaky.alwaysFailing(clock);
        Runner runner = Runner.of(flaky.with(retried(RetryPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofSeconds(10))), clock)))
                .with(options -> options.clock(clock).timeout(Duration.ofSeconds(1)));

        assertThatThrownBy(() -> runner.run(Program.perform(new Fetch("users"))))
                .isInstanceOf(FlowTimeoutException.class);

        assertThat(flaky.attempts()).isEqualTo(1);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retry_policies_reject_impossible_settings() {
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withJitter(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.withJitter(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> Backoff.exponential(ms(500), 2.0, ms(100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cap");
        assertThatThrownBy(() -> Backoff.exponential(ms(100), 0.5, ms(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> Backoff.fixed(ms(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
        assertThatThrownBy(() -> Backoff.none().delayBefore(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retry numbers start at 1");
        assertThatThrownBy(() -> retried(RetryPolicy.DEFAULT, null)).isInstanceOf(NullPointerException.class).hasMessage("clock");
    }

    @Test
    void retried_keeps_the_wrapped_executor_parallelism() {
        Executor wide = Flaky.failingFirst(0, clock).with(Combinators.parallelize(6));

        assertThat(wide.with(retried(RetryPolicy.DEFAULT, clock)).parallelism()).isEqualTo(6);
        assertThat(List.of(wide.with(retried(RetryPolicy.DEFAULT)).parallelism())).containsExactly(6);
    }
}
