package dev.pureflow.interpreters.process;

import static dev.pureflow.interpreters.process.ProcWatch.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large volumes through real pipes: both output streams at once, and stdin and stdout at once.
 * Byte-exactness is checked with SHA-256 against {@code sha256sum} of the sources; the figures are
 * printed as {@code [figure] ...}. Tagged {@code stress}: 200 MB written and piped take seconds, too
 * long to run again for each mutant the mutation profile makes (it excludes the tag; the ordinary
 * build runs it). A child that leaves its stdin unread is {@link ProcessStdinTest}'s.
 */
@Tag("stress")
class ProcessThroughputTest {

    private static final int HUNDRED_MB = 100_000_000;

    @TempDir
    static Path files;

    private static Path first;
    private static Path second;

    @BeforeAll
    static void writeTwoDifferentHundredMegabyteFiles() throws IOException {
        first = randomFile("first.bin", 1);
        second = randomFile("second.bin", 2);
    }

    @Test
    void hundred_megabytes_on_stdout_and_on_stderr_at_once_arrive_byte_exact_without_deadlock() throws Exception {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            Command both = Command.of("sh", "-c", "cat \"$1\" & cat \"$2\" >&2; wait", "sh", first.toString(), second.toString());

            long start = System.nanoTime();
            ProcessResult result = runner.run(Program.perform(ProcessAction.run(both)));
            double seconds = (System.nanoTime() - start) / 1e9;

            List<String> expected = sha256sum(runner, first, second);
            byte[] stdout = result.stdout();
            byte[] stderr = result.stderr();
            assertThat(stdout).hasSize(HUNDRED_MB);
            assertThat(stderr).hasSize(HUNDRED_MB);
            assertThat(sha256(stdout)).isEqualTo(expected.get(0));
            assertThat(sha256(stderr)).isEqualTo(expected.get(1));
            assertThat(result.truncated()).isFalse();
            System.out.printf("[figure] test 1: 100 MB stdout + 100 MB stderr at once, byte-exact: %.2f s, %.0f MB/s (both streams together, MB = 10^6 bytes)%n",
                    seconds, 2 * HUNDRED_MB / 1e6 / seconds);
        }
    }

    @Test
    void hundred_megabytes_from_a_file_piped_through_cat_come_back_byte_exact() throws Exception {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            Command cat = Command.of("cat").withStdin(Stdin.file(first));

            long start = System.nanoTime();
            ProcessResult result = runner.run(Program.perform(ProcessAction.run(cat)));
            double seconds = (System.nanoTime() - start) / 1e9;

            byte[] stdout = result.stdout();
            assertThat(stdout).hasSize(HUNDRED_MB);
            assertThat(sha256(stdout)).isEqualTo(sha256sum(runner, first).getFirst());
            System.out.printf("[figure] test 2: 100 MB Stdin.file -> cat -> stdout, byte-exact: %.2f s, %.0f MB/s (MB = 10^6 bytes)%n",
                    seconds, HUNDRED_MB / 1e6 / seconds);
        }
    }

    @Test
    void hundred_megabytes_of_stdin_bytes_piped_through_cat_come_back_byte_exact() throws Exception {
        byte[] fed = Files.readAllBytes(second);
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            Command cat = Command.of("cat").withStdin(Stdin.bytes(fed));

            long start = System.nanoTime();
            ProcessResult result = runner.run(Program.perform(ProcessAction.run(cat)));
            double seconds = (System.nanoTime() - start) / 1e9;

            byte[] stdout = result.stdout();
            assertThat(stdout).hasSize(HUNDRED_MB);
            assertThat(sha256(stdout)).isEqualTo(sha256(fed)).isEqualTo(sha256sum(runner, second).getFirst());
            System.out.printf("[figure] test 2: 100 MB Stdin.bytes -> cat -> stdout, byte-exact: %.2f s, %.0f MB/s (MB = 10^6 bytes)%n",
                    seconds, HUNDRED_MB / 1e6 / seconds);
        }
    }

    /** The checksums {@code sha256sum} prints for {@code paths}, in order. */
    private static List<String> sha256sum(Runner runner, Path... paths) {
        var argv = new java.util.ArrayList<String>(List.of("sha256sum"));
        for (Path path : paths) {
            argv.add(path.toString());
        }
        ProcessResult sums = runner.run(Program.perform(ProcessAction.run(Command.of(argv))));
        return sums.stdoutLines().stream().map(line -> line.substring(0, 64)).toList();
    }

    private static Path randomFile(String name, long seed) throws IOException {
        Path file = files.resolve(name);
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < HUNDRED_MB; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, Math.min(chunk.length, HUNDRED_MB - written));
            }
        }
        return file;
    }
}
