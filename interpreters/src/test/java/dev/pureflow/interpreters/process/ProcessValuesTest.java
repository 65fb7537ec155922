package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process package's values and checks that need no process: a command's refusals, the
 * failure message's tail, results' equality and text, actions' hash codes, and the fake's clock
 * arithmetic and close. Each pins a change mutation testing showed no other test noticed.
 */
class ProcessValuesTest {

    @TempDir
    Path directory;

    @Test
    void a_timeout_must_be_positive() {
        assertThatThrownBy(() -> Command.of("true").withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, was PT0S");
        assertThatThrownBy(() -> Command.of("true").withTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, was PT-1S");
        assertThat(Command.of("true").withTimeout(Duration.ofNanos(1)).timeout()).contains(Duration.ofNanos(1));
    }

    @Test
    void a_nul_as_the_first_character_of_an_argument_or_variable_and_an_equals_sign_starting_a_name_are_refused() {
        assertRefused(Command.of("true", "\0rest"), "argument 1 contains a NUL character, which no program can receive");
        assertRefused(Command.of("true").withEnv("=X", "v"), "environment variable name '=X' is empty or contains '=' or NUL");
        assertRefused(Command.of("true").withEnv("\0X", "v"), "environment variable name '\\0X' is empty or contains '=' or NUL");
        assertRefused(Command.of("true").withEnv("X", "\0v"), "environment variable X contains a NUL character");
    }

    @Test
    void a_stdin_file_that_is_a_directory_is_refused_before_anything_starts() {
        assertRefused(Command.of("cat").withStdin(Stdin.file(directory)), "stdin file " + directory + " is a directory");
    }

    /** A failure's message shows at most the last 500 characters of the output, marked as cut when it was. */
    @Property(tries = 50)
    void a_failure_message_shows_the_whole_output_up_to_500_characters_and_else_its_last_497(
            @ForAll @IntRange(min = 490, max = 510) int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + i % 26));
        }

        String tail = ProcessException.tail(text.toString());

        if (length <= 500) {
            assertThat(tail).isEqualTo(text.toString());
        } else {
            assertThat(tail).hasSize(500).startsWith("...").isEqualTo("..." + text.substring(length - 497));
        }
    }

    @Test
    void results_that_differ_in_any_one_field_are_not_equal_and_their_text_says_what_they_hold() {
        ProcessResult separate = result(OutputMode.SEPARATE, true, false, false);
        ProcessResult merged = result(OutputMode.MERGED, false, false, true);

        assertThat(separate).isEqualTo(result(OutputMode.SEPARATE, true, false, false))
                .hasSameHashCodeAs(result(OutputMode.SEPARATE, true, false, false))
                .isNotEqualTo(result(OutputMode.SEPARATE, false, false, false))
                .isNotEqualTo(result(OutputMode.SEPARATE, true, true, false))
                .isNotEqualTo(result(OutputMode.SEPARATE, true, false, true));
        assertThat(merged).isNotEqualTo(result(OutputMode.MERGED, false, false, false));
        assertThat(separate.hashCode()).isNotEqualTo(merged.hashCode());
        assertThat(separate).hasToString("ProcessResult[tool run, pid=42, exit=3, signal=TERM, timed out, stdout=2 bytes (truncated), stderr=1 bytes, PT1.5S]");
        assertThat(result(OutputMode.SEPARATE, false, true, false))
                .hasToString("ProcessResult[tool run, pid=42, exit=3, signal=TERM, timed out, stdout=2 bytes, stderr=1 bytes (truncated), PT1.5S]");
        assertThat(merged).hasToString("ProcessResult[tool run, pid=42, exit=3, signal=TERM, timed out, output=4 bytes (truncated) (stdout and stderr merged), PT1.5S]");
        assertThat(result(OutputMode.MERGED, false, false, false))
                .hasToString("ProcessResult[tool run, pid=42, exit=3, signal=TERM, timed out, output=4 bytes (stdout and stderr merged), PT1.5S]");
    }

    @Test
    void run_and_start_actions_of_different_commands_have_different_hash_codes() {
        assertThat(ProcessAction.run(Command.of("a")).hashCode()).isNotEqualTo(ProcessAction.run(Command.of("b")).hashCode());
        assertThat(ProcessAction.start("x", Command.of("a")).hashCode()).isNotEqualTo(ProcessAction.start("y", Command.of("a")).hashCode());
    }

    @Test
    void stdin_bytes_are_equal_by_content_not_by_array() {
        assertThat(Stdin.bytes(new byte[] {1, 2})).isEqualTo(Stdin.bytes(new byte[] {1, 2}))
                .hasSameHashCodeAs(Stdin.bytes(new byte[] {1, 2}))
                .isNotEqualTo(Stdin.bytes(new byte[] {1, 3}))
                .isNotEqualTo(Stdin.text("\u0001\u0002"));
        assertThat(Stdin.bytes(new byte[] {1, 2}).hashCode()).isNotEqualTo(Stdin.bytes(new byte[] {9}).hashCode());
    }

    /** On a clock that is not at zero, a fake run's duration and its timeout count from the run's own start. */
    @Test
    void a_fake_run_measures_its_duration_and_timeout_from_its_own_start_on_a_clock_already_past_zero() {
        VirtualClock clock = VirtualClock.start();
        clock.advance(Duration.ofHours(5));
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("quick"), FakeProcess.exiting(0).pausing(Duration.ofSeconds(9)).printing("ok"))
                .build();
        Runner runner = Runner.of(fake).with(options -> options.clock(clock));

        ProcessResult within = runner.run(Program.perform(ProcessAction.run(Command.of("quick").withTimeout(Duration.ofSeconds(10)))));

        assertThat(within.timedOut()).isFalse();
        assertThat(within.duration()).isEqualTo(Duration.ofSeconds(9));
        assertThat(within.stdoutText()).isEqualTo("ok\n");
    }

    @Test
    void closing_the_fake_kills_its_running_jobs() {
        VirtualClock clock = VirtualClock.start();
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("server"), FakeProcess.exiting(0).pausing(Duration.ofHours(1)).printing("served"))
                .build();
        Runner runner = Runner.of(fake).with(options -> options.clock(clock));

        // all in one flow: between two runs no thread of the test's is running on the virtual
        // clock, which may then move on by the script's hour and let the job end by itself
        ProcessResult result = runner.run(Program.perform(ProcessAction.start("server", Command.of("server")))
                .andThen(Program.defer(() -> {
                    fake.close();
                    return Program.perform(ProcessAction.await("server"));
                })));

        assertThat(result.signal()).contains("TERM");
        assertThat(result.stdoutText()).isEmpty();
        assertThat(clock.elapsed()).isEqualTo(Duration.ZERO);
    }

    private void assertRefused(Command command, String reason) {
        assertThatThrownBy(() -> CommandValidator.validate(command, Map.of("PATH", "/usr/bin:/bin"), directory))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining(reason);
    }

    private static ProcessResult result(OutputMode mode, boolean stdoutCut, boolean stderrCut, boolean outputCut) {
        boolean merged = mode == OutputMode.MERGED;
        return new ProcessResult(List.of("tool", "run"), 42, 3, Optional.of("TERM"), true,
                merged ? new byte[0] : new byte[] {1, 2}, new byte[] {3}, stdoutCut, stderrCut, StandardCharsets.UTF_8,
                Duration.ofMillis(1500), mode, merged ? new byte[] {1, 2, 3, 4} : new byte[0], outputCut);
    }
}
