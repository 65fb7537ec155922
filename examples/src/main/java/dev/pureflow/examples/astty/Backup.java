package dev.pureflow.examples.astty;

import dev.pureflow.Program;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessResult;
import java.nio.file.Path;
import java.util.Objects;

/**
 * go-astty's second flow: back up a directory with {@code tar czf backup.tgz data}, run to
 * completion, and yield its exit code.
 *
 * <p>GNU tar exits with 1 when a file changed while it was being read: the archive is
 * written and usable, so the command counts 0 and 1 as success. Any other code (2: a file could not
 * be read, the archive could not be written) fails the flow with a
 * {@link dev.pureflow.interpreters.process.ProcessFailedException} that carries tar's stderr.
 */
public final class Backup {

    private Backup() {}

    /** {@code tar czf backup.tgz data}, run in {@code directory}. */
    public static Command command(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return Command.of("tar", "czf", "backup.tgz", "data")
                .withDirectory(directory)
                .withSuccessCodes(0, 1);
    }

    /** Archives {@code directory/data} into {@code directory/backup.tgz} and yields tar's exit code. */
    public static Program<Integer> flow(Path directory) {
        return Program.perform(ProcessAction.run(command(directory))).map(ProcessResult::exitCode);
    }
}
