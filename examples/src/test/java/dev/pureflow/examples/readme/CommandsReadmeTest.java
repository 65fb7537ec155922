package dev.pureflow.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.OutputMode;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessExecutor;
import dev.pureflow.interpreters.process.ProcessResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's "Commands" section: stdout and stderr merged in the order written. */
class CommandsReadmeTest {

    @Test
    @Timeout(120)
    void a_command_merging_stderr_yields_one_output_in_the_order_written() {
        // README: process-merged
        Command build = Command.shell("echo compiling; echo 'warning: unused' >&2; echo done")
                .mergingStderr(); // stderr into stdout's pipe, as 2>&1 does: one stream, in the order written
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(build)));

            assertThat(result.outputLines()).containsExactly("compiling", "warning: unused", "done");
            assertThat(result.outputMode()).isEqualTo(OutputMode.MERGED); // so stdout() and stderr() are empty
            assertThat(result.stdout()).isEmpty();
        }
        // END README
    }
}
