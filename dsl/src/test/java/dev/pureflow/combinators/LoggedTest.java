package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.logged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Redaction;
import dev.pureflow.Runner;
import dev.pureflow.watch.RecordingLogger;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** {@link Combinators#logged}: one start line and one done or failed line per action, secrets redacted. */
class LoggedTest {

    private final RecordingLogger logger = new RecordingLogger();
    private final Executor base = Executor.of(Task.class, task -> switch (task) {
        case Task.Work work -> "did " + work.name();
        case Task.Flaky flaky -> throw new IllegalStateException("flaky " + flaky.name() + " broke");
        case Task.Login login -> "welcome " + login.user();
    });

    @Test
    void a_successful_action_logs_a_start_and_a_done_line_with_its_duration() {
        String answer = Runner.of(base.with(logged(options -> options.logger(logger)))).run(Program.perform(new Task.Work("a")));

        assertThat(answer).isEqualTo("did a");
        assertThat(logger.lines()).hasSize(2);
        assertThat(logger.lines().get(0)).isEqualTo("INFO start Work[name=a]");
        assertThat(logger.lines().get(1)).matches("INFO done Work\\[name=a\\] in PT[0-9.]+S");
    }

    @Test
    void a_failed_action_logs_a_failed_line_at_warn_with_the_error_and_the_failure_goes_on() {
        Runner runner = Runner.of(base.with(logged(options -> options.logger(logger))));

        assertThatThrownBy(() -> runner.run(Program.perform(new Task.Flaky("f"))))
                .hasRootCauseMessage("flaky f broke");
        assertThat(logger.lines()).hasSize(2);
        assertThat(logger.lines().get(0)).isEqualTo("INFO start Flaky[name=f]");
        assertThat(logger.lines().get(1))
                .matches("WARN failed Flaky\\[name=f\\] after PT[0-9.]+S: java.lang.IllegalStateException: flaky f broke");
    }

    @Test
    void redacting_hides_the_named_components_in_every_line() {
        Runner runner = Runner.of(base.with(logged(options -> options.logger(logger).redacting("password"))));

        runner.run(Program.perform(new Task.Login("bob", "hunter2")));

        assertThat(logger.lines()).hasSize(2);
        assertThat(logger.lines().get(0)).isEqualTo("INFO start Login[user=bob, password=***]");
        assertThat(logger.lines()).allSatisfy(line -> assertThat(line).doesNotContain("hunter2").contains("password=***"));
    }

    @Test
    void redaction_leaves_actions_without_the_named_components_as_they_are() {
        Runner runner = Runner.of(base.with(logged(options -> options.logger(logger).redacting("password"))));

        runner.run(Program.perform(new Task.Work("plain")));

        assertThat(logger.lines().get(0)).isEqualTo("INFO start Work[name=plain]");
    }

    @Test
    void redaction_writes_actions_that_are_not_records_as_their_toString() {
        dev.pureflow.Action<String> plain = new dev.pureflow.Action<>() {
            @Override
            public String toString() {
                return "PlainAction(password=visible-by-choice)";
            }
        };

        assertThat(Redaction.DEFAULT.masking("password").render(plain)).isEqualTo("PlainAction(password=visible-by-choice)");
        assertThat(Redaction.DEFAULT.masking("password", "user").render(new Task.Login("bob", "pw"))).isEqualTo("Login[user=***, password=***]");
    }

    @Test
    void a_redaction_made_once_can_be_given_whole_and_redacting_adds_names_to_it() {
        Redaction secrets = Redaction.DEFAULT.masking("password");
        Runner runner = Runner.of(base.with(logged(options -> options.logger(logger).redaction(secrets).redacting("user"))));

        runner.run(Program.perform(new Task.Login("bob", "hunter2")));

        assertThat(logger.lines().get(0)).isEqualTo("INFO start Login[user=***, password=***]");
    }

    @Test
    void a_failure_whose_text_repeats_a_secret_is_logged_with_the_secret_masked() {
        Executor leaky = Executor.of(Task.class, task -> {
            throw new IllegalStateException("rejected " + task);
        });
        Runner runner = Runner.of(leaky.with(logged(options -> options.logger(logger).redacting("password"))));

        runner.attempt(Program.perform(new Task.Login("bob", "hunter2")));

        assertThat(logger.lines()).hasSize(2);
        assertThat(logger.lines().get(1)).startsWith("WARN failed Login[user=bob, password=***] after PT")
                .endsWith("java.lang.IllegalStateException: rejected Login[user=bob, password=***]");
        assertThat(logger.lines()).noneMatch(line -> line.contains("hunter2"));
    }

    @Test
    void with_info_disabled_only_failures_are_logged() {
        RecordingLogger warnOnly = new RecordingLogger(Level.WARN);
        Runner runner = Runner.of(base.with(logged(options -> options.logger(warnOnly))));

        runner.run(Program.perform(new Task.Work("quiet")));
        runner.attempt(Program.perform(new Task.Flaky("loud")));

        assertThat(warnOnly.lines()).singleElement().asString().startsWith("WARN failed Flaky[name=loud]");
    }

    @Test
    void with_logging_disabled_nothing_is_rendered_and_actions_still_run() {
        RecordingLogger silent = new RecordingLogger(Level.ERROR);
        AtomicInteger rendered = new AtomicInteger();
        Executor counting = Executor.of(Counted.class, counted -> "did " + counted.name());
        Runner runner = Runner.of(counting.with(logged(options -> options.logger(silent).redacting("password"))));

        assertThat(runner.run(Program.perform(new Counted("w", rendered)))).isEqualTo("did w");
        assertThat(silent.lines()).isEmpty();
        assertThat(rendered).hasValue(0);
    }

    /** An action that counts how often it is rendered. */
    record Counted(String name, AtomicInteger rendered) implements dev.pureflow.Action<String> {
        @Override
        public String toString() {
            rendered.incrementAndGet();
            return "Counted[" + name + "]";
        }
    }

    @Test
    void the_default_options_log_to_dev_pureflow_actions_showing_each_action_as_its_toString() {
        assertThat(LogOptions.DEFAULT.logger().getName()).isEqualTo("dev.pureflow.actions");
        assertThat(LogOptions.DEFAULT.redaction().render(new Task.Login("u", "p"))).isEqualTo("Login[user=u, password=p]");
        String answer = Runner.of(base.with(logged())).run(Program.perform(new Task.Work("default")));
        assertThat(answer).isEqualTo("did default");
    }

    @Test
    void logged_keeps_the_parallelism_of_the_executor_it_wraps() {
        assertThat(base.with(Combinators.parallelize(5)).with(logged()).parallelism()).isEqualTo(5);
    }

    @Test
    void configure_returning_null_is_rejected() {
        assertThatThrownBy(() -> logged(options -> null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("configure returned null");
    }
}
