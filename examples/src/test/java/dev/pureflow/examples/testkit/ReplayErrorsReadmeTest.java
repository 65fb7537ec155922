package dev.pureflow.examples.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Clock;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessExecutor;
import dev.pureflow.interpreters.process.ProcessFailedException;
import dev.pureflow.testkit.Recorder;
import dev.pureflow.testkit.Replay;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's testkit section: a replayed error is the recorded error, data included. */
class ReplayErrorsReadmeTest {

    @TempDir
    Path dir;

    @Test
    void a_flow_branching_on_an_exit_code_replays_as_it_ran() throws IOException {
        Path file = dir.resolve("deploy.jsonl");
        // README: replay-errors
        Program<String> deploy = Program.perform(ProcessAction.run(Command.shell("exit 3")))
                .map(result -> "deployed")
                .recover(error -> error.getCause() instanceof ProcessFailedException failed
                        && failed.result().exitCode() == 3 ? "nothing to deploy" : "failed: " + error.getCause());
        try (ProcessExecutor processes = ProcessExecutor.create();
                Recorder recorder = Recorder.to(file, Clock.system())) {
            assertThat(Runner.of(processes.with(recorder)).run(deploy)).isEqualTo("nothing to deploy");
        }
        try (Replay replay = Replay.from(file)) { // no process runs; the ProcessFailedException comes back, result and all
            assertThat(Runner.of(replay).run(deploy)).isEqualTo("nothing to deploy");
        }
        // END README
    }
}
