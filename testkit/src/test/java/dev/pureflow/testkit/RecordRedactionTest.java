package dev.pureflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Redaction;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.FakeProcess;
import dev.pureflow.interpreters.process.FakeProcessExecutor;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessResult;
import dev.pureflow.interpreters.process.Stdin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings and traces follow the one redaction policy, and masked recordings still replay exactly. */
class RecordRedactionTest {

    @TempDir
    Path dir;

    private final VirtualClock clock = VirtualClock.start();

    record Credentials(String user, String password, int pin) {}

    record Login(String service, Credentials credentials, Map<String, String> headers, List<Credentials> more)
            implements Action<String> {}

    /** Refuses a password shorter than 8 characters: it cannot be read back with its password masked. */
    record Strict(String password) implements Action<Void> {
        Strict {
            if (password.length() < 8) {
                throw new IllegalArgumentException("password too short");
            }
        }
    }

    private final Redaction secrets = Redaction.DEFAULT.masking("password", "pin", "token");

    private static Login login(String password) {
        return new Login("db", new Credentials("ci", password, 4711), Map.of("accept", "json", "Token", "hdr-" + password),
                List.of(new Credentials("mirror", "m-" + password, 1234)));
    }

    private final Executor logins = Executor.of(Login.class, login -> "session for " + login.credentials().user());

    private Path record(Program<?> flow, Executor world, Redaction redaction) throws IOException {
        Path file = dir.resolve("run.jsonl");
        try (Recorder recorder = Recorder.to(file, clock, redaction)) {
            Runner.of(world.with(recorder)).with(options -> options.clock(clock)).attempt(flow);
        }
        return file;
    }

    @Test
    void named_secrets_are_not_written_and_the_recording_still_replays() throws IOException {
        Path file = record(Program.perform(login("s3cret-pw")), logins, secrets);

        String text = Files.readString(file);
        assertThat(text).doesNotContain("s3cret-pw", "4711", "1234").contains("\"password\":\"***\"", "\"redacted\"", "sha256:");
        try (Replay replay = Replay.from(file)) {
            assertThat(Runner.of(replay).run(Program.perform(login("s3cret-pw")))).isEqualTo("session for ci");
        }
    }

    @Test
    void a_different_secret_at_a_masked_step_is_a_divergence_whose_message_shows_neither_secret() throws IOException {
        Path file = record(Program.perform(login("s3cret-pw")), logins, secrets);

        Replay replay = Replay.from(file);
        assertThatThrownBy(() -> Runner.of(replay).run(Program.perform(login("other-pw"))))
                .cause()
                .isInstanceOf(ReplayDivergedException.class)
                .hasMessageContaining("password=***")
                .satisfies(diverged -> assertThat(diverged.getMessage()).doesNotContain("s3cret-pw", "other-pw"));
        assertThatThrownBy(replay::verify).isInstanceOf(ReplayDivergedException.class);
    }

    @Test
    void a_different_visible_part_at_a_masked_step_is_a_divergence_too() throws IOException {
        Path file = record(Program.perform(login("s3cret-pw")), logins, secrets);
        Login otherService = new Login("cache", login("s3cret-pw").credentials(), login("s3cret-pw").headers(), login("s3cret-pw").more());

        assertThat(Runner.of(Replay.from(file)).attempt(Program.perform(otherService)).getCause())
                .hasCauseInstanceOf(ReplayDivergedException.class);
    }

    @Test
    void a_commands_environment_values_and_stdin_are_never_written_and_a_replay_checks_them() throws IOException {
        Command command = Command.of("deploy").withEnv("API_TOKEN", "s3cret-env").withVisibleEnv("LANG", "C")
                .withStdin(Stdin.text("s3cret-stdin"));
        FakeProcessExecutor processes = FakeProcessExecutor.builder(clock)
                .on(List.of("deploy"), FakeProcess.exiting(0).printing("deployed").pausing(Duration.ofSeconds(1)))
                .build();
        Program<String> flow = Program.perform(ProcessAction.run(command)).map(ProcessResult::stdoutText);

        Path file = record(flow, processes, Redaction.DEFAULT);

        assertThat(Files.readString(file)).doesNotContain("s3cret").contains("\"LANG\":\"C\"", "\"API_TOKEN\":\"***\"");
        try (Replay replay = Replay.from(file)) {
            assertThat(Runner.of(replay).run(flow)).isEqualTo("deployed\n");
        }
        Program<ProcessResult> otherToken = Program.perform(ProcessAction.run(command.withEnv("API_TOKEN", "other")));
        assertThat(Runner.of(Replay.from(file)).attempt(otherToken).getCause())
                .hasCauseInstanceOf(ReplayDivergedException.class)
                .satisfies(failure -> assertThat(failure.getCause().getMessage()).doesNotContain("s3cret", "other"));
        Program<ProcessResult> otherStdin = Program.perform(ProcessAction.run(command.withStdin(Stdin.text("other"))));
        assertThat(Runner.of(Replay.from(file)).attempt(otherStdin).getCause()).hasCauseInstanceOf(ReplayDivergedException.class);
    }

    @Test
    void an_error_message_is_recorded_with_the_actions_secrets_masked() throws IOException {
        Executor refusing = Executor.of(Login.class, login -> {
            throw new IOException("refused " + login);
        });

        Path file = record(Program.perform(login("s3cret-pw")), refusing, secrets);

        assertThat(Files.readString(file)).doesNotContain("s3cret-pw").contains("refused Login[service=db");
    }

    @Test
    void an_action_that_cannot_be_read_back_with_its_secrets_masked_is_refused_before_it_runs() throws IOException {
        Executor strict = Executor.of(Strict.class, ignored -> null);

        Path file = dir.resolve("strict.jsonl");
        try (Recorder recorder = Recorder.to(file, clock, Redaction.DEFAULT.masking("password"))) {
            assertThatThrownBy(() -> Runner.of(strict.with(recorder)).run(Program.perform(new Strict("long-enough-secret"))))
                    .rootCause()
                    .hasMessageContaining("password too short");
            assertThat(recorder.steps()).isEqualTo(1);
        }
        assertThat(Files.readString(file)).isEmpty();
    }

    @Test
    void a_trace_reports_actions_answers_and_errors_with_its_policy() {
        TraceRecorder recorder = Trace.recorder(clock, secrets);
        Executor echoing = Executor.of(Login.class, login -> {
            if (login.service().equals("db")) {
                throw new IOException("refused " + login);
            }
            return "ok";
        });

        Runner.of(echoing).with(options -> options.clock(clock).listener(recorder)).attempt(Program.perform(login("s3cret-pw")));
        Trace trace = recorder.trace();

        assertThat(trace.toString()).contains("password=***", "failed: IOException: refused Login[service=db")
                .doesNotContain("s3cret-pw", "4711");
        assertThatThrownBy(() -> TraceAssert.assertThat(trace).never(Login.class))
                .isInstanceOf(AssertionError.class)
                .satisfies(error -> assertThat(error.getMessage()).contains("password=***").doesNotContain("s3cret-pw"));
        assertThatThrownBy(() -> TraceAssert.assertThat(trace).performed(login("other-pw")))
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("s3cret-pw", "other-pw"));
    }

    @Test
    void a_default_trace_shows_actions_as_their_toString() {
        TraceRecorder recorder = Trace.recorder(clock);
        Runner.of(logins).with(options -> options.clock(clock).listener(recorder)).run(Program.perform(login("pw")));

        assertThat(recorder.trace().toString()).contains("password=pw").contains("-> session for ci");
    }
}
