package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Commands run one after another through one executor reuse its last reading of the process-id
 * counter as where the counter stood before their spawn, and do not look at their reaped root
 * (issue 9: procfs reads cost tens of microseconds each on some machines). What a command leaves
 * behind must be found and ended all the same, whichever reading its lookup started from.
 */
class ProcessTreeReadingsTest {

    private static ProcessResult leaveBehind(Runner runner, String sleep) {
        return runner.run(Program.perform(ProcessAction.run(Command.shell("sleep " + sleep + " >/dev/null 2>&1 </dev/null & echo $!"))));
    }

    @Test
    void each_of_several_commands_run_one_after_another_has_its_redirected_background_child_ended() {
        List<String> sleeps = new ArrayList<>();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            for (int i = 0; i < 4; i++) {
                String sleep = ProcWatch.uniqueSleep();
                sleeps.add(sleep);

                ProcessResult result = leaveBehind(runner, sleep);

                assertThat(result.exitCode()).isZero();
                assertThat(result.stdoutText()).matches("\\d+\\n");
                assertThat(ProcWatch.processesCarrying(sleep)).as("left running by command %d", i).isEmpty();
            }
        } finally {
            sleeps.forEach(sleep -> ProcWatch.processesCarrying(sleep).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly)));
        }
    }

    @Test
    void a_quick_command_between_two_that_leave_children_behind_changes_nothing_for_the_next_lookup() {
        String first = ProcWatch.uniqueSleep();
        String second = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            leaveBehind(runner, first);
            ProcessResult quick = runner.run(Program.perform(ProcessAction.run(Command.of("true"))));
            leaveBehind(runner, second);

            assertThat(quick.exitCode()).isZero();
            assertThat(ProcWatch.processesCarrying(first)).isEmpty();
            assertThat(ProcWatch.processesCarrying(second)).isEmpty();
        } finally {
            List.of(first, second).forEach(sleep -> ProcWatch.processesCarrying(sleep).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly)));
        }
    }

    /** However many commands one executor runs in a row, none leaves anything running once its run has returned. */
    @Property(tries = 4)
    void no_command_of_a_sequence_leaves_a_process_running(@ForAll @IntRange(min = 1, max = 3) int commands,
                                                          @ForAll @IntRange(min = 1, max = 2) int childrenEach) {
        List<String> sleeps = new ArrayList<>();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            for (int i = 0; i < commands; i++) {
                String sleep = ProcWatch.uniqueSleep();
                sleeps.add(sleep);
                String script = ("sleep " + sleep + " >/dev/null 2>&1 </dev/null & ").repeat(childrenEach) + "echo done";

                ProcessResult result = runner.run(Program.perform(ProcessAction.run(Command.shell(script))));

                assertThat(result.stdoutText()).isEqualTo("done\n");
                assertThat(ProcWatch.processesCarrying(sleep)).as("left running by `%s`", script).isEmpty();
            }
        } finally {
            sleeps.forEach(sleep -> ProcWatch.processesCarrying(sleep).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly)));
        }
    }
}
