package dev.pureflow.console;

import dev.pureflow.interpreters.process.Command;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the console's allowlist: the only commands a console starts. A typed command line is
 * split into words (no shell: quotes group words, nothing is expanded) and its first word is looked
 * up by {@link #name()}; a line whose first word names no entry is refused.
 *
 * <ul>
 *   <li>{@link #program(String)}: that program with whatever arguments were typed, passed verbatim;
 *   <li>{@link #fixed(String, Command)}: the name alone runs exactly the command the application
 *       wrote (a script of its own, say); typed arguments are refused.
 * </ul>
 *
 * <p>Each job runs in its entry's working directory (a per-command {@code withDirectory}, never a
 * process-wide {@code chdir}), or the console's when the entry names none. Immutable and thread-safe.
 */
public sealed interface AllowedCommand {

    /** The first word of a command line that selects this entry. */
    String name();

    /** A program started with the typed arguments: {@code program("seq")} allows {@code seq 1 5}. */
    static WithArguments program(String program) {
        return new WithArguments(program, Option.none());
    }

    /** A command started, exactly as given, when its name alone is typed. */
    static Fixed fixed(String name, Command command) {
        return new Fixed(name, command);
    }

    /**
     * A program started with the arguments typed after its name.
     *
     * @param program   the program: a name looked up on the PATH, or a path
     * @param directory where it runs; the console's directory when none
     */
    record WithArguments(String program, Option<Path> directory) implements AllowedCommand {

        public WithArguments {
            Objects.requireNonNull(program, "program");
            Objects.requireNonNull(directory, "directory");
            if (program.isBlank() || program.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a program name must be one word, was '" + program + "'");
            }
        }

        /** This program, run in {@code directory}. */
        public WithArguments in(Path directory) {
            return new WithArguments(program, Option.some(Objects.requireNonNull(directory, "directory")));
        }

        @Override
        public String name() {
            return program;
        }
    }

    /**
     * A command the application wrote, started by name and only without arguments.
     *
     * @param name    what to type
     * @param command what runs, with its own directory, environment and timeout
     */
    record Fixed(String name, Command command) implements AllowedCommand {

        public Fixed {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(command, "command");
            if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a command name must be one word, was '" + name + "'");
            }
        }
    }

    /** The command this entry starts for {@code words} (its name first), or why it refuses them. */
    default io.vavr.control.Either<String, Command> commandFor(List<String> words, Path consoleDirectory) {
        return switch (this) {
            case WithArguments program -> io.vavr.control.Either.right(
                    Command.of(List.copyOf(words)).withDirectory(program.directory().getOrElse(consoleDirectory)));
            case Fixed fixed -> words.size() == 1
                    ? io.vavr.control.Either.right(fixed.command().directory().isPresent()
                            ? fixed.command() : fixed.command().withDirectory(consoleDirectory))
                    : io.vavr.control.Either.left("`" + fixed.name() + "` takes no arguments");
        };
    }
}
