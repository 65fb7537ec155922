package dev.pureflow.examples.astty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.FakeProcess;
import dev.pureflow.interpreters.process.FakeProcessExecutor;
import dev.pureflow.interpreters.process.InvalidCommandException;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessExecutor;
import dev.pureflow.interpreters.process.ProcessFailedException;
import dev.pureflow.interpreters.process.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {

    private static final Path SERVER = Path.of("/srv/app");

    private final VirtualClock clock = VirtualClock.start();

    @Test
    void fake_tar_takes_its_scripted_virtual_time_and_yields_its_exit_code() {
        try (FakeProcessExecutor fake = fakeTar(FakeProcess.exiting(0).pausing(Duration.ofSeconds(2)))) {
            int exitCode = Runner.of(fake).with(options -> options.clock(clock)).run(Backup.flow(SERVER));

            assertThat(exitCode).isZero();
            assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(2));
            assertThat(fake.commands()).singleElement().satisfies(command -> {
                assertThat(command.argv()).containsExactly("tar", "czf", "backup.tgz", "data");
                assertThat(command.directory()).contains(SERVER);
            });
        }
    }

    @Test
    void a_file_changed_while_tar_read_it_still_counts_as_a_backup() {
        try (FakeProcessExecutor fake = fakeTar(FakeProcess.exiting(1).printingErr("tar: data/log: file changed as we read it"))) {
            int exitCode = Runner.of(fake).with(options -> options.clock(clock)).run(Backup.flow(SERVER));

            assertThat(exitCode).isEqualTo(1);
        }
    }

    @Test
    void fake_tar_failing_fails_the_flow_with_its_stderr() {
        try (FakeProcessExecutor fake = fakeTar(FakeProcess.exiting(2).printingErr("tar: data: Cannot stat: No such file or directory"))) {
            assertThatThrownBy(() -> Runner.of(fake).with(options -> options.clock(clock)).run(Backup.flow(SERVER)))
                    .isInstanceOf(ActionFailedException.class)
                    .cause()
                    .isInstanceOf(ProcessFailedException.class)
                    .hasMessageStartingWith("`tar czf backup.tgz data` exited with 2")
                    .hasMessageEndingWith("stderr: tar: data: Cannot stat: No such file or directory");
        }
    }

    @Test
    @Timeout(120)
    void real_tar_writes_an_archive_of_the_data_directory(@TempDir Path directory) throws IOException {
        Path data = Files.createDirectory(directory.resolve("data"));
        Files.writeString(data.resolve("notes.txt"), "remember the milk\n");
        Files.writeString(data.resolve("todo.txt"), "back up the notes\n");

        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            int exitCode = runner.run(Backup.flow(directory));
            ProcessResult listing = runner.run(Program.perform(ProcessAction.run(
                    Command.of("tar", "tzf", "backup.tgz").withDirectory(directory))));

            assertThat(exitCode).isZero();
            assertThat(listing.stdoutLines()).containsExactlyInAnyOrder("data/", "data/notes.txt", "data/todo.txt");
        }
    }

    @Test
    @Timeout(120)
    void real_tar_without_data_fails_the_flow_with_tars_own_complaint(@TempDir Path directory) {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            assertThatThrownBy(() -> Runner.of(processes).run(Backup.flow(directory)))
                    .isInstanceOf(ActionFailedException.class)
                    .cause()
                    .isInstanceOf(ProcessFailedException.class)
                    .hasMessageStartingWith("`tar czf backup.tgz data` exited with 2")
                    .hasMessageContaining("data: Cannot stat")
                    .satisfies(failed -> assertThat(((ProcessFailedException) failed).result().exitCode()).isEqualTo(2));
        }
    }

    @Test
    void real_tar_in_a_missing_directory_is_rejected_before_anything_starts(@TempDir Path directory) {
        Path missing = directory.resolve("missing");
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            assertThatThrownBy(() -> Runner.of(processes).run(Backup.flow(missing)))
                    .isInstanceOf(ActionFailedException.class)
                    .cause()
                    .isInstanceOf(InvalidCommandException.class)
                    .hasMessage("cannot run [tar, czf, backup.tgz, data]: working directory " + missing + " does not exist");
        }
        assertThat(missing).doesNotExist();
    }

    private FakeProcessExecutor fakeTar(FakeProcess tar) {
        return FakeProcessExecutor.builder(clock).on(Backup.command(SERVER).argv(), tar).build();
    }
}
