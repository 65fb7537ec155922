package dev.pureflow.examples.astty;

import dev.pureflow.Runner;
import dev.pureflow.interpreters.process.ProcessExecutor;
import dev.pureflow.interpreters.process.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs go-astty's two flows against real processes and prints what they do: the ping stand-in's
 * lines as they appear, then its exit code, then the exit code of a {@code tar} backup of a
 * {@code data} directory with two files, made in a fresh temporary directory (deleted afterwards):
 *
 * <pre>
 * 64 bytes from localhost: icmp_seq=1
 * 64 bytes from localhost: icmp_seq=2
 * 64 bytes from localhost: icmp_seq=3
 * ping exited with 0
 * exit code 0
 * </pre>
 *
 * <p>Start it with {@code ./mvnw -q -pl examples -am test-compile exec:java -Dpureflow.example=dev.pureflow.examples.astty.AsttyMain}.
 */
public final class AsttyMain {

    private AsttyMain() {}

    /** Runs both flows; {@code args} are ignored. */
    public static void main(String[] args) throws IOException {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            ProcessResult ping = runner.run(AsyncPing.flow(3, System.out::println));
            System.out.println("ping exited with " + ping.exitCode());
            Path directory = sampleDirectory();
            try {
                int exitCode = runner.run(Backup.flow(directory));
                System.out.println("exit code " + exitCode);
            } finally {
                deleteRecursively(directory);
            }
        }
    }

    /** A temporary directory holding {@code data/} with two small files, as go-astty's example assumes. */
    static Path sampleDirectory() throws IOException {
        Path directory = Files.createTempDirectory("pureflow-astty-");
        Path data = Files.createDirectory(directory.resolve("data"));
        Files.writeString(data.resolve("notes.txt"), "remember the milk\n");
        Files.writeString(data.resolve("todo.txt"), "back up the notes\n");
        return directory;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
