package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.process.OutputLine.Stream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a process writes reaches the result and the listener whole: the last line without a
 * terminator, characters split across reads, other charsets, very long lines, capped output, and
 * lines while the process still runs.
 */
class ProcessOutputTest {

    private static final int ONE_MB = 1 << 20;

    @TempDir
    Path directory;

    @Test
    void a_last_line_without_a_newline_reaches_the_listener_and_the_result() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(Command.of("printf", "a\\nb"), listener)));

            assertThat(result.stdout()).isEqualTo("a\nb".getBytes(StandardCharsets.US_ASCII));
            assertThat(result.stdoutLines()).containsExactly("a", "b");
            assertThat(listener.lines()).containsExactly(new OutputLine(Stream.STDOUT, "a"), new OutputLine(Stream.STDOUT, "b"));
        }
    }

    @Test
    void a_last_line_without_a_newline_on_stderr_reaches_the_listener_and_the_result() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(Command.shell("printf 'x\\ny' >&2"), listener)));

            assertThat(result.stderrLines()).containsExactly("x", "y");
            assertThat(listener.lines()).containsExactly(new OutputLine(Stream.STDERR, "x"), new OutputLine(Stream.STDERR, "y"));
        }
    }

    @Test
    void crlf_line_ends_are_stripped_from_lines_but_kept_in_the_bytes() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(Command.of("printf", "one\\r\\ntwo\\r\\n"), listener)));

            assertThat(result.stdoutText()).isEqualTo("one\r\ntwo\r\n");
            assertThat(result.stdoutLines()).containsExactly("one", "two");
            assertThat(listener.texts()).containsExactly("one", "two");
        }
    }

    @Test
    void a_utf8_character_written_in_two_halves_with_a_pause_between_decodes_whole() throws Exception {
        RecordingListener listener = new RecordingListener();
        // the euro sign is E2 82 AC: the reader gets the first two bytes, then, after the pause, the third
        Command halves = Command.shell("printf 'price: \\342\\202'; sleep 0.2; printf '\\254\\n'");
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(halves, listener)));

            assertThat(listener.texts()).containsExactly("price: €");
            assertThat(result.stdoutText()).isEqualTo("price: €\n");
        }
    }

    @Test
    void iso_8859_1_text_round_trips_through_stdin_cat_and_stdout() throws Exception {
        String text = "Grüße, café, ½ ÿ";
        RecordingListener listener = new RecordingListener();
        Command cat = Command.of("cat").withCharset(StandardCharsets.ISO_8859_1).withStdin(Stdin.text(text + "\n"));
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(cat, listener)));

            assertThat(result.stdout()).isEqualTo((text + "\n").getBytes(StandardCharsets.ISO_8859_1)).hasSize(text.length() + 1);
            assertThat(result.stdoutText()).isEqualTo(text + "\n");
            assertThat(listener.texts()).containsExactly(text);
        }
    }

    @Test
    void utf_16_text_round_trips_through_stdin_cat_and_stdout_in_lines_too() throws Exception {
        String text = "zażółć 日本語 🎉\nsecond line";
        RecordingListener listener = new RecordingListener();
        Command cat = Command.of("cat").withCharset(StandardCharsets.UTF_16).withStdin(Stdin.text(text));
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(cat, listener)));

            assertThat(result.stdout()).isEqualTo(text.getBytes(StandardCharsets.UTF_16));
            assertThat(result.stdoutText()).isEqualTo(text);
            assertThat(result.stdoutLines()).containsExactly("zażółć 日本語 🎉", "second line");
            assertThat(listener.texts()).containsExactly("zażółć 日本語 🎉", "second line");
        }
    }

    @Test
    void a_one_megabyte_line_arrives_whole_in_the_listener_and_the_result() throws Exception {
        RecordingListener listener = new RecordingListener();
        Command longLine = Command.shell("head -c " + ONE_MB + " /dev/zero | tr '\\0' x; echo; echo after");
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(longLine, listener)));

            String expected = "x".repeat(ONE_MB);
            assertThat(result.truncated()).isFalse();
            assertThat(result.stdoutLines()).containsExactly(expected, "after");
            assertThat(listener.texts()).hasSize(2);
            assertThat(listener.texts().get(0)).hasSize(ONE_MB).isEqualTo(expected);
            assertThat(listener.texts().get(1)).isEqualTo("after");
        }
    }

    @Test
    void output_past_the_cap_is_drained_and_flagged_keeping_an_exact_prefix() throws Exception {
        // 1 MiB line on stdout, 3 MiB of bytes on stderr: both far over a 100 kB cap, neither may block the child
        Command noisy = Command.shell("head -c " + ONE_MB + " /dev/zero | tr '\\0' x; echo; seq 1 500000 >&2; echo end")
                .withOutputLimit(100_000)
                .withTimeout(Duration.ofSeconds(120)); // a hang detector: a child blocked on a full pipe times out
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(noisy)));

            assertThat(result.timedOut()).isFalse();
            assertThat(result.stdoutTruncated()).isTrue();
            assertThat(result.stderrTruncated()).isTrue();
            assertThat(result.truncated()).isTrue();
            assertThat(result.stdout()).isEqualTo("x".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
            byte[] stderrPrefix = Arrays.copyOf(seq(1, 500_000).getBytes(StandardCharsets.US_ASCII), 100_000);
            assertThat(result.stderr()).isEqualTo(stderrPrefix);
        }
    }

    @Test
    void output_exactly_at_the_cap_is_not_flagged() throws Exception {
        Command exact = Command.of("printf", "12345").withOutputLimit(5);
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(exact)));

            assertThat(result.stdoutText()).isEqualTo("12345");
            assertThat(result.truncated()).isFalse();
        }
    }

    @Test
    void lines_reach_the_listener_while_the_process_still_runs() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        RecordingListener listener = new RecordingListener();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            runner.run(Program.perform(ProcessAction.start("streamer", Command.shell("echo first; exec sleep " + sleep), listener)));

            listener.awaitLine("first");
            JobStatus status = runner.run(Program.perform(ProcessAction.readOutput("streamer")));
            assertThat(status.running()).isTrue();
            assertThat(status.newLines()).containsExactly(new OutputLine(Stream.STDOUT, "first"));
            // the shell printed "first" before its exec: until the exec is over, /proc shows no command line
            ProcWatch.eventually("the sleep the shell exec'd", () -> ProcWatch.processesCarrying(sleep), pids -> pids.size() == 1);

            ProcessResult killed = runner.run(Program.perform(ProcessAction.kill("streamer")));
            assertThat(killed.stdoutText()).isEqualTo("first\n");
            assertThat(killed.signal()).contains("TERM");
            assertThat(ProcWatch.processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    void lines_of_a_run_reach_the_listener_before_the_run_returns() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            Path fifo = ProcWatch.fifo(directory.resolve("stdin"));
            var handle = runner.start(Program.perform(ProcessAction.run(Command.shell("echo early; read line; echo late")
                    .withStdin(Stdin.file(fifo)), listener)));

            listener.awaitLine("early");
            assertThat(handle.isDone()).isFalse();
            Files.write(fifo, "go\n".getBytes(StandardCharsets.US_ASCII)); // the child's stdin: a line, then its end
            assertThat(handle.await().stdoutLines()).containsExactly("early", "late");
        }
    }


    private static String seq(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i <= to; i++) {
            text.append(i).append('\n');
        }
        return text.toString();
    }
}
