package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.interpreters.process.OutputLine.Stream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * stdout and stderr merged into one stream in the order written ({@link OutputMode#MERGED}), with
 * real processes and with the fake: exact bytes, exact order of interleaved writes, the listener's
 * lines, large output and its limit, and the separate streams where they were asked for.
 */
class ProcessMergedOutputTest {

    @TempDir
    Path directory;

    private static final Command INTERLEAVED = Command.of("sh", ProcWatch.script("interleaved.sh").toString(), "1000");

    private static String interleaved(int pairs) {
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= pairs; i++) {
            expected.append("out ").append(i).append('\n').append("err ").append(i).append('\n');
        }
        return expected.toString();
    }

    @Test
    void merged_output_has_stdout_and_stderr_lines_in_the_order_they_were_written() {
        RecordingListener listener = new RecordingListener();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(INTERLEAVED.mergingStderr(), listener)));

            assertThat(result.outputMode()).isEqualTo(OutputMode.MERGED);
            assertThat(result.outputText()).isEqualTo(interleaved(1000));
            assertThat(result.outputLines()).hasSize(2000).startsWith("out 1", "err 1", "out 2", "err 2");
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).isEmpty();
            assertThat(result.truncated()).isFalse();
            assertThat(listener.lines()).extracting(OutputLine::stream).containsOnly(Stream.OUTPUT);
            assertThat(listener.texts()).isEqualTo(result.outputLines());
            assertThat(result.toString()).contains("output=" + interleaved(1000).length() + " bytes (stdout and stderr merged)");
        }
    }

    @Test
    void separate_output_keeps_the_streams_apart_and_has_no_merged_output() {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(INTERLEAVED)));

            assertThat(INTERLEAVED.outputMode()).isEqualTo(OutputMode.SEPARATE);
            assertThat(result.outputMode()).isEqualTo(OutputMode.SEPARATE);
            assertThat(result.stdoutLines()).hasSize(1000).startsWith("out 1", "out 2");
            assertThat(result.stderrLines()).hasSize(1000).startsWith("err 1", "err 2");
            assertThat(result.output()).isEmpty();
            assertThat(result.outputText()).isEmpty();
        }
    }

    @Test
    void large_merged_output_arrives_byte_exact_and_past_the_limit_keeps_an_exact_prefix() throws IOException {
        Path first = randomFile("first.bin", 1, 3_000_000);
        Path second = randomFile("second.bin", 2, 2_000_000);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        written.writeBytes(Files.readAllBytes(first));
        written.writeBytes(Files.readAllBytes(second));
        written.writeBytes(Files.readAllBytes(first));
        byte[] expected = written.toByteArray();
        Command catThree = Command.of("sh", "-c", "cat \"$1\"; cat \"$2\" >&2; cat \"$1\"", "sh", first.toString(), second.toString())
                .mergingStderr();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);

            ProcessResult whole = runner.run(Program.perform(ProcessAction.run(catThree)));
            ProcessResult capped = runner.run(Program.perform(ProcessAction.run(catThree.withOutputLimit(4_000_000))));

            assertThat(whole.output()).hasSize(expected.length);
            assertThat(ProcWatch.sha256(whole.output())).isEqualTo(ProcWatch.sha256(expected));
            assertThat(whole.truncated()).isFalse();
            assertThat(capped.output()).isEqualTo(Arrays.copyOf(expected, 4_000_000));
            assertThat(capped.outputTruncated()).isTrue();
            assertThat(capped.truncated()).isTrue();
            assertThat(capped.stdoutTruncated()).isFalse();
        }
    }

    @Test
    void a_merged_job_streams_its_lines_as_output_and_ends_with_them() {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            runner.run(Program.perform(ProcessAction.start("merged", Command.shell("echo one; echo two >&2; echo three").mergingStderr())));

            ProcessResult result = runner.run(Program.perform(ProcessAction.await("merged")));
            JobStatus status = runner.run(Program.perform(ProcessAction.readOutput("merged")));

            assertThat(result.outputLines()).containsExactly("one", "two", "three");
            assertThat(status.newLines()).containsExactly(
                    new OutputLine(Stream.OUTPUT, "one"), new OutputLine(Stream.OUTPUT, "two"), new OutputLine(Stream.OUTPUT, "three"));
        }
    }

    @Test
    void a_failing_merged_command_names_the_tail_of_its_output() {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Command failing = Command.shell("echo checking; echo 'no such file' >&2; exit 3").mergingStderr();

            assertThatThrownBy(() -> Runner.of(processes).run(Program.perform(ProcessAction.run(failing))))
                    .isInstanceOf(ActionFailedException.class)
                    .cause().isInstanceOf(ProcessFailedException.class)
                    .hasMessageEndingWith("exited with 3 (success: [0]); output: checking\nno such file");
        }
    }

    @Test
    void an_output_mode_is_required() {
        assertThatNullPointerException().isThrownBy(() -> Command.of("ls").withOutputMode(null)).withMessage("mode");
    }

    @Test
    void the_fake_merges_a_scripts_lines_in_the_order_it_prints_them() {
        VirtualClock clock = VirtualClock.start();
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("build"), FakeProcess.exiting(0).printing("compiling").printingErr("warning: unused").printing("done"))
                .build();
        RecordingListener listener = new RecordingListener();
        Runner runner = Runner.of(fake).with(options -> options.clock(clock));

        ProcessResult merged = runner.run(Program.perform(ProcessAction.run(Command.of("build").mergingStderr(), listener)));
        ProcessResult separate = runner.run(Program.perform(ProcessAction.run(Command.of("build"))));

        assertThat(merged.outputText()).isEqualTo("compiling\nwarning: unused\ndone\n");
        assertThat(merged.stdout()).isEmpty();
        assertThat(merged.stderr()).isEmpty();
        assertThat(merged.outputMode()).isEqualTo(OutputMode.MERGED);
        assertThat(listener.lines()).containsExactly(new OutputLine(Stream.OUTPUT, "compiling"),
                new OutputLine(Stream.OUTPUT, "warning: unused"), new OutputLine(Stream.OUTPUT, "done"));
        assertThat(separate.stdoutLines()).containsExactly("compiling", "done");
        assertThat(separate.stderrLines()).containsExactly("warning: unused");
        assertThat(separate.output()).isEmpty();
    }

    /** One write of a line to stdout or stderr. */
    record Write(boolean toStderr, String text) {}

    /** Whatever a command writes to stdout and stderr, one line per write, merged output is every line in the order written. */
    @Property(tries = 30)
    void merged_output_is_every_write_in_the_order_written(@ForAll("writes") List<Write> writes) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c",
                "for w in \"$@\"; do case $w in E*) printf '%s\\n' \"${w#E}\" >&2;; *) printf '%s\\n' \"${w#O}\";; esac; done", "sh"));
        writes.forEach(write -> argv.add((write.toStderr() ? "E" : "O") + write.text()));
        String expected = String.join("", writes.stream().map(write -> write.text() + "\n").toList());
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(Command.of(argv).mergingStderr())));

            assertThat(result.outputText()).isEqualTo(expected);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).isEmpty();
        }
    }

    @Provide
    Arbitrary<List<Write>> writes() {
        Arbitrary<Write> write = Combinators.combine(Arbitraries.of(true, false), Arbitraries.strings().alpha().numeric().ofMaxLength(20))
                .as(Write::new);
        return write.list().ofMaxSize(60);
    }

    private Path randomFile(String name, long seed, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(directory.resolve(name), bytes);
    }
}
