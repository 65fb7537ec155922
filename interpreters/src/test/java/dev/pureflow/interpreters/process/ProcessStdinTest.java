package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a child reads on stdin: given bytes and a file's contents arrive byte-exact, however many
 * pipe buffers they fill, and a child that leaves its stdin unread is no failure. The 100 MB
 * versions are {@link ProcessThroughputTest}'s, tagged {@code stress}.
 */
class ProcessStdinTest {

    /** Sixteen pipe buffers of 64 KiB: the writer must wait for the child to read, many times over. */
    private static final int ONE_MB = 1 << 20;

    @TempDir
    Path directory;

    /** Whatever the bytes, and whether they come from memory or a file, cat gives back exactly them. */
    @Property(tries = 15)
    void stdin_bytes_and_a_stdin_file_reach_the_child_byte_exact(@ForAll @IntRange(min = 0, max = 300_000) int length,
                                                                   @ForAll long seed) throws IOException {
        byte[] fed = randomBytes(length, seed);
        Path file = Files.write(Files.createTempFile("pureflow-stdin", ".bin"), fed); // jqwik fills no @TempDir
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);

            ProcessResult fromBytes = runner.run(Program.perform(ProcessAction.run(Command.of("cat").withStdin(Stdin.bytes(fed)))));
            ProcessResult fromFile = runner.run(Program.perform(ProcessAction.run(Command.of("cat").withStdin(Stdin.file(file)))));

            assertThat(fromBytes.stdout()).isEqualTo(fed);
            assertThat(fromFile.stdout()).isEqualTo(fed);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void a_megabyte_of_stdin_counted_by_wc_arrives_whole() throws Exception {
        byte[] fed = randomBytes(ONE_MB + 17, 7);
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult counted = Runner.of(processes).run(Program.perform(ProcessAction.run(Command.of("wc", "-c").withStdin(Stdin.bytes(fed)))));

            assertThat(counted.stdoutText().strip()).isEqualTo(Integer.toString(ONE_MB + 17));
        }
    }

    /**
     * A command given no stdin reads end of file at once, as from {@code /dev/null}: a pipe left
     * open would make {@code wc} wait forever (the timeout is a hang detector only).
     */
    @Test
    void a_command_given_no_stdin_reads_end_of_file_at_once() throws Exception {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            Command countStdin = Command.of("wc", "-c").withTimeout(Duration.ofMinutes(2));

            ProcessResult run = runner.run(Program.perform(ProcessAction.run(countStdin)));
            runner.run(Program.perform(ProcessAction.start("counter", countStdin)));
            ProcessResult job = runner.run(Program.perform(ProcessAction.await("counter")));

            for (ProcessResult result : List.of(run, job)) {
                assertThat(result.timedOut()).isFalse();
                assertThat(result.exitCode()).isZero();
                assertThat(result.stdoutText().strip()).isEqualTo("0");
            }
        }
    }

    @Test
    void a_child_that_exits_without_reading_its_stdin_is_no_failure() throws Exception {
        byte[] tenMegabytes = new byte[10_000_000];
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);

            ProcessResult result = runner.run(Program.perform(ProcessAction.run(Command.of("true").withStdin(Stdin.bytes(tenMegabytes)))));

            assertThat(result.exitCode()).isZero();
            assertThat(result.signal()).isEmpty();
            assertThat(result.stderr()).isEmpty();
        }
    }

    @Test
    void a_child_that_reads_part_of_its_stdin_and_exits_is_no_failure() throws Exception {
        byte[] contents = randomBytes(4 * ONE_MB, 1);
        Path file = Files.write(directory.resolve("four-megabytes.bin"), contents);
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            Command firstKilobyte = Command.of("head", "-c", "1000").withStdin(Stdin.file(file));

            ProcessResult result = runner.run(Program.perform(ProcessAction.run(firstKilobyte)));

            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout()).isEqualTo(Arrays.copyOf(contents, 1000));
        }
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
