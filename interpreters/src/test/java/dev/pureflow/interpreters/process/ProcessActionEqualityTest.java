package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.ScriptMismatchException;
import dev.pureflow.interpreters.fake.ScriptedExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * A process action's listener is how the caller watches the process, not what runs: it takes no
 * part in equality, so scripts, fakes and replays match the action whatever listener the flow passes.
 */
class ProcessActionEqualityTest {

    private static final Command LS = Command.of("ls");

    private static ProcessResult result(Command command) {
        return new ProcessResult(command.argv(), 1, 0, Optional.empty(), false, "a\n".getBytes(StandardCharsets.UTF_8),
                new byte[0], false, false, StandardCharsets.UTF_8, Duration.ZERO);
    }

    @Test
    void runs_of_one_command_are_equal_whatever_their_listeners() {
        ProcessAction.Run watched = ProcessAction.run(LS, ProcessListener.onLine(line -> {}));
        ProcessAction.Run plain = ProcessAction.run(LS);

        assertThat(watched).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(plain).isEqualTo(watched);
        assertThat(watched).isNotEqualTo(ProcessAction.run(Command.of("ls", "-l"), ProcessListener.onLine(line -> {})));
    }

    @Test
    void starts_of_one_command_under_one_id_are_equal_whatever_their_listeners() {
        ProcessAction.Start watched = ProcessAction.start("lister", LS, ProcessListener.onLine(line -> {}));
        ProcessAction.Start plain = ProcessAction.start("lister", LS);

        assertThat(watched).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(watched).isNotEqualTo(ProcessAction.start("other", LS));
        assertThat(watched).isNotEqualTo(ProcessAction.start(LS));
        assertThat(ProcessAction.start(LS)).isEqualTo(new ProcessAction.Start(LS, Optional.empty(), ProcessListener.onLine(line -> {})));
    }

    @Test
    void a_script_answers_a_run_the_flow_watches_with_a_listener_it_did_not_script() {
        List<OutputLine> seen = new CopyOnWriteArrayList<>();
        try (ScriptedExecutor script = ScriptedExecutor.builder().expect(ProcessAction.run(LS), result(LS)).build()) {
            ProcessResult answer = Runner.of(script).run(Program.perform(ProcessAction.run(LS, ProcessListener.onLine(seen::add))));

            assertThat(answer.stdoutText()).isEqualTo("a\n");
        }
    }

    @Test
    void a_script_mismatch_between_runs_names_two_different_command_lines() {
        ScriptedExecutor script = ScriptedExecutor.builder().expect(ProcessAction.run(LS), result(LS)).build();
        Command lsLong = Command.of("ls", "-l");

        ActionFailedException failed = catchThrowableOfType(ActionFailedException.class,
                () -> Runner.of(script).run(Program.perform(ProcessAction.run(lsLong, ProcessListener.onLine(line -> {})))));

        assertThat(failed.getCause()).isInstanceOf(ScriptMismatchException.class).hasMessage("""
                step 1 was expected to be
                    Run[ls]
                  but the flow performed
                    Run[ls -l]
                steps done so far: none""");
    }

    @Property(tries = 100)
    void equality_of_runs_and_starts_follows_their_data_and_ignores_their_listeners(
            @ForAll @Size(min = 1, max = 3) List<@AlphaChars @StringLength(min = 1, max = 3) String> argv,
            @ForAll @Size(min = 1, max = 3) List<@AlphaChars @StringLength(min = 1, max = 3) String> otherArgv,
            @ForAll @AlphaChars @StringLength(min = 1, max = 3) String id) {
        Command command = Command.of(argv);
        Command other = Command.of(otherArgv);
        ProcessListener listener = ProcessListener.onLine(line -> {});

        assertThat(ProcessAction.run(command, listener)).isEqualTo(ProcessAction.run(command))
                .hasSameHashCodeAs(ProcessAction.run(command));
        assertThat(ProcessAction.start(id, command, listener)).isEqualTo(ProcessAction.start(id, command))
                .hasSameHashCodeAs(ProcessAction.start(id, command));
        assertThat(ProcessAction.run(command, listener).equals(ProcessAction.run(other))).isEqualTo(argv.equals(otherArgv));
        assertThat(ProcessAction.start(id, command, listener).equals(ProcessAction.start(id, other)))
                .isEqualTo(argv.equals(otherArgv));
    }
}
