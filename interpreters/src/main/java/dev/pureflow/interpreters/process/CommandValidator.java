package dev.pureflow.interpreters.process;

import java.io.File;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The gate before a spawn: everything that can be known wrong about a command is reported here,
 * by name, before any process starts or any file descriptor is opened.
 */
final class CommandValidator {

    /** POSIX's default search path, for an environment without PATH. */
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    /** A command that passed: the program's path and the child's full environment. */
    record Validated(Path executable, Map<String, String> environment, Optional<Path> directory) {}

    /**
     * How this JVM encodes argv and environment for the OS: {@code sun.jnu.encoding}, fixed by the
     * locale it started in. Under the POSIX locale it is ASCII, and the JDK silently turns every
     * other character into '?'.
     */
    private static final Charset PLATFORM_ENCODING = platformEncoding();

    private CommandValidator() {}

    static Validated validate(Command command, Map<String, String> parentEnvironment, Path executorDirectory) {
        return validate(command, parentEnvironment, executorDirectory, PLATFORM_ENCODING);
    }

    /** Validates as a JVM whose platform encoding is {@code platformEncoding} would. */
    static Validated validate(Command command, Map<String, String> parentEnvironment, Path executorDirectory, Charset platformEncoding) {
        var argv = command.argv();
        if (argv.isEmpty()) {
            throw new InvalidCommandException(argv, "argv is empty: there is no program to run");
        }
        if (argv.getFirst().isEmpty()) {
            throw new InvalidCommandException(argv, "the program name is the empty string");
        }
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).indexOf('\0') >= 0) {
                throw new InvalidCommandException(argv, "argument " + i + " contains a NUL character, which no program can receive");
            }
            if (!platformEncoding.newEncoder().canEncode(argv.get(i))) {
                throw new InvalidCommandException(argv, "argument " + i + unencodable(platformEncoding));
            }
        }
        Map<String, String> environment = command.environment().resolve(parentEnvironment);
        environment.forEach((name, value) -> {
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new InvalidCommandException(argv, "environment variable name '" + name.replace("\0", "\\0") + "' is empty or contains '=' or NUL");
            }
            if (value.indexOf('\0') >= 0) {
                throw new InvalidCommandException(argv, "environment variable " + name + " contains a NUL character");
            }
            if (!platformEncoding.newEncoder().canEncode(name) || !platformEncoding.newEncoder().canEncode(value)) {
                throw new InvalidCommandException(argv, "environment variable " + name + unencodable(platformEncoding));
            }
        });
        Path directory = command.directory().orElse(executorDirectory);
        if (!Files.isDirectory(directory)) {
            throw new InvalidCommandException(argv, "working directory " + directory + (Files.exists(directory) ? " is not a directory" : " does not exist"));
        }
        if (command.stdin() instanceof Stdin.FromFile(Path file)) {
            requireReadable(command, file);
        }
        Path executable = resolve(command, environment.getOrDefault("PATH", DEFAULT_PATH), directory);
        return new Validated(executable, environment, Optional.of(directory));
    }

    private static String unencodable(Charset platformEncoding) {
        return " cannot be passed verbatim: this JVM encodes command lines and environments in " + platformEncoding
                + " (sun.jnu.encoding, from the locale it started in); start it with a UTF-8 locale, e.g. LANG=C.UTF-8";
    }

    private static Charset platformEncoding() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
        } catch (RuntimeException unknown) {
            return Charset.defaultCharset();
        }
    }

    /** The stdin file is opened only once the child runs, where a failure could no longer be reported. */
    private static void requireReadable(Command command, Path file) {
        if (!Files.exists(file)) {
            throw new InvalidCommandException(command.argv(), "stdin file " + file + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidCommandException(command.argv(), "stdin file " + file + " is a directory");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidCommandException(command.argv(), "stdin file " + file + " is not readable");
        }
    }

    private static Path resolve(Command command, String searchPath, Path directory) {
        String program = command.program();
        if (program.contains("/")) {
            Path path = directory.resolve(program).normalize();
            if (!Files.isRegularFile(path)) {
                throw new InvalidCommandException(command.argv(), "program " + program + " does not exist (resolved to " + path + ")");
            }
            if (!Files.isExecutable(path)) {
                throw new InvalidCommandException(command.argv(), "program " + path + " is not executable");
            }
            return path;
        }
        for (String entry : searchPath.split(File.pathSeparator, -1)) {
            Path candidate = (entry.isEmpty() ? directory : directory.resolve(entry)).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new InvalidCommandException(command.argv(), "program '" + program + "' was not found on the PATH the process would get: " + searchPath);
    }
}
