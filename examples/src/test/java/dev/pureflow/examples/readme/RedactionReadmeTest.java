package dev.pureflow.examples.readme;

import static dev.pureflow.combinators.Combinators.logged;
import static dev.pureflow.combinators.Combinators.timed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Redaction;
import dev.pureflow.Runner;
import dev.pureflow.combinators.Timing;
import dev.pureflow.examples.readme.Account.Login;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.testkit.Recorder;
import dev.pureflow.testkit.Replay;
import dev.pureflow.testkit.Trace;
import dev.pureflow.testkit.TraceRecorder;
import dev.pureflow.watch.RecordingLogger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's redaction paragraph under "logged": one policy given to every rendering. */
class RedactionReadmeTest {

    @TempDir
    Path directory;

    private final RecordingLogger log = new RecordingLogger();
    private final VirtualClock clock = VirtualClock.start();
    private final Executor accounts = Executor.of(Account.class, account -> switch (account) {
        case Login login -> "token-for-" + login.user();
    });

    @Test
    void one_policy_given_to_every_rendering_keeps_a_secret_out_of_all_of_them() throws IOException {
        Path file = directory.resolve("login.jsonl");
        // README: redaction-everywhere
        Redaction secrets = Redaction.DEFAULT.masking("password");
        List<Timing> timings = new CopyOnWriteArrayList<>();
        TraceRecorder traced = Trace.recorder(clock, secrets);
        try (Recorder recorder = Recorder.to(file, clock, secrets)) {
            Executor watched = accounts.with(recorder)
                    .with(timed(timings::add, clock, secrets))
                    .with(logged(options -> options.logger(log).clock(clock).redaction(secrets)));
            Runner.of(watched).with(options -> options.clock(clock).redaction(secrets).listener(traced))
                    .run(Program.perform(new Login("ada", "s3cret")));
        }
        assertThat(log.lines() + " " + timings + " " + traced.trace() + " " + Files.readString(file))
                .contains("Login[user=ada, password=***]", "\"password\":\"***\"")
                .doesNotContain("s3cret");
        // END README
        try (Replay replay = Replay.from(file)) {
            assertThat(Runner.of(replay).run(Program.perform(new Login("ada", "s3cret")))).isEqualTo("token-for-ada");
        }
    }
}
