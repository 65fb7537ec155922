package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.logged;
import static dev.pureflow.combinators.Combinators.parallelize;
import static dev.pureflow.combinators.Combinators.retried;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.watch.RecordingLogger;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LoggedInVirtualTimeTest {

    sealed interface Cmd<R> extends Action<R> {}

    /** Sleeps {@code millis} on the clock, then answers "done". */
    record Nap(long millis) implements Cmd<String> {}

    /** Sleeps {@code millis} on the clock, then fails. */
    record Crash(long millis) implements Cmd<String> {}

    /** Logs in; the password must never reach a log line. */
    record Login(String user, String password) implements Cmd<String> {}

    /** Answered by {@link Flaky}. */
    record Fetch(String what) implements Action<String> {}

    private final VirtualClock clock = VirtualClock.start();
    private final RecordingLogger logger = new RecordingLogger();

    private final Executor world = Executor.of(Cmd.class, cmd -> switch (cmd) {
        case Nap nap -> {
            clock.sleep(Duration.ofMillis(nap.millis()));
            yield "done";
        }
        case Crash crash -> {
            clock.sleep(Duration.ofMillis(crash.millis()));
            throw new IOException("boom");
        }
        case Login login -> "welcome " + login.user();
    });

    private Runner runnerOf(Executor executor) {
        return Runner.of(executor).with(options -> options.clock(clock));
    }

    @Test
    void logged_with_the_virtual_clock_shows_the_virtual_duration() {
        runnerOf(world.with(logged(options -> options.logger(logger).clock(clock)))).run(Program.perform(new Nap(1_500)));

        assertThat(logger.lines()).containsExactly(
                "INFO start Nap[millis=1500]",
                "INFO done Nap[millis=1500] in PT1.5S");
    }

    @Test
    void a_failure_is_logged_at_warn_with_its_virtual_duration_and_error() {
        assertThatThrownBy(() -> runnerOf(world.with(logged(options -> options.logger(logger).clock(clock))))
                .run(Program.perform(new Crash(300)))).isInstanceOf(ActionFailedException.class);

        assertThat(logger.lines()).containsExactly(
                "INFO start Crash[millis=300]",
                "WARN failed Crash[millis=300] after PT0.3S: java.io.IOException: boom");
    }

    @Test
    void redacted_components_never_reach_a_line() {
        runnerOf(world.with(logged(options -> options.logger(logger).clock(clock).redacting("password"))))
                .run(Program.perform(new Login("ada", "s3cret")));

        assertThat(logger.lines()).containsExactly(
                "INFO start Login[user=ada, password=***]",
                "INFO done Login[user=ada, password=***] in PT0S");
        assertThat(String.join("\n", logger.lines())).doesNotContain("s3cret");
    }

    @Test
    void with_info_off_only_failures_are_logged() {
        RecordingLogger warnOnly = new RecordingLogger(Level.WARN);
        Runner runner = runnerOf(world.with(logged(options -> options.logger(warnOnly).clock(clock))));

        runner.run(Program.perform(new Nap(10)));
        runner.attempt(Program.perform(new Crash(20)));

        assertThat(warnOnly.lines()).containsExactly("WARN failed Crash[millis=20] after PT0.02S: java.io.IOException: boom");
    }

    @Test
    void logged_outside_retried_shows_one_action_taking_the_attempts_and_delays_together() {
        Flaky flaky = Flaky.failingFirst(2, clock);
        RetryPolicy policy = RetryPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofMillis(250))).withJitter(0);

        runnerOf(flaky.with(retried(policy, clock)).with(logged(options -> options.logger(logger).clock(clock))))
                .run(Program.perform(new Fetch("users")));

        assertThat(logger.lines()).containsExactly(
                "INFO start Fetch[what=users]",
                "INFO done Fetch[what=users] in PT0.5S");
    }

    @Test
    void logged_keeps_parallelism_and_rejects_a_configuration_that_returns_nothing() {
        assertThat(world.with(parallelize(5)).with(logged(options -> options.logger(logger))).parallelism()).isEqualTo(5);
        assertThatThrownBy(() -> logged(options -> null)).isInstanceOf(NullPointerException.class);
    }
}
