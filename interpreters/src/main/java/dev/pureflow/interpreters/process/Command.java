package dev.pureflow.interpreters.process;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A program to run and how: its argv, working directory, environment, stdin, deadline, charset,
 * which exit codes count as success, how much output to keep, how a kill begins (which signal, and
 * how long it waits before KILL), whether the JVM's exit ends it, and
 * whether stderr is merged into stdout. Immutable; each
 * {@code with...} method returns a changed copy.
 *
 * <pre>{@code
 * Command backup = Command.of("tar", "czf", "/tmp/backup.tgz", "data")
 *     .withDirectory(Path.of("/srv"))
 *     .withTimeout(Duration.ofMinutes(5))
 *     .withEnv("GZIP", "-9");
 * }</pre>
 *
 * <p>Where a command is shown (its {@code toString}, and so logs, error messages, traces and
 * recordings), environment values are {@code ***} unless set with {@link #withVisibleEnv}, and
 * stdin contents are never written; the argv is shown as it is.
 *
 * <p>The argv reaches the program verbatim: no shell is involved unless asked for with
 * {@link #shell(String)}. Uses JDK collections and {@link Optional} so that it serialises with plain
 * Jackson for journals and remote interpreters.
 *
 * @param argv             the program (a name looked up on the spawn's PATH, or a path) and its arguments
 * @param directory        the working directory; the executor's own when empty
 * @param environment      the child's environment
 * @param stdin            what the child reads on standard input
 * @param timeout          how long it may run before its process tree is killed
 * @param charset          how output is decoded into text and lines, and text stdin encoded
 * @param successCodes     exit codes that count as success
 * @param outputLimitBytes how many bytes of each of stdout and stderr (or of the merged output) are kept; the rest is drained and counted
 * @param killGrace        how long a kill waits after the kill signal before sending KILL
 * @param killSignal       the signal a kill sends first (timeouts, kills, cancellation, close, the JVM's exit)
 * @param destroyOnExit    whether the JVM's orderly exit kills it if it is still running
 * @param outputMode       whether stdout and stderr are kept apart or merged in the order written
 */
public record Command(
        List<String> argv,
        Optional<Path> directory,
        Environment environment,
        Stdin stdin,
        Optional<Duration> timeout,
        Charset charset,
        Set<Integer> successCodes,
        long outputLimitBytes,
        Duration killGrace,
        Signal killSignal,
        boolean destroyOnExit,
        OutputMode outputMode) {

    /** Output kept per stream unless changed: 128 MiB. */
    public static final long DEFAULT_OUTPUT_LIMIT = 128L << 20;

    /** Time between the kill signal and KILL unless changed: 2 seconds. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);

    /** The signal a kill begins with unless changed: {@link Signal#TERM}. */
    public static final Signal DEFAULT_KILL_SIGNAL = Signal.TERM;

    public Command {
        Objects.requireNonNull(argv, "argv");
        for (int i = 0; i < argv.size(); i++) {
            Objects.requireNonNull(argv.get(i), "argv[" + i + "]");
        }
        argv = List.copyOf(argv); // emptiness and NUL characters are reported when the command is validated
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(timeout, "timeout");
        timeout.ifPresent(limit -> requirePositive(limit, "timeout"));
        Objects.requireNonNull(charset, "charset");
        successCodes = Set.copyOf(successCodes);
        if (outputLimitBytes < 0) {
            throw new IllegalArgumentException("outputLimitBytes must not be negative, was " + outputLimitBytes);
        }
        Objects.requireNonNull(killGrace, "killGrace");
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("killGrace must not be negative, was " + killGrace);
        }
        Objects.requireNonNull(killSignal, "killSignal");
        Objects.requireNonNull(outputMode, "outputMode");
    }

    /** {@code program} with {@code arguments}, passed verbatim; everything else default. */
    public static Command of(String program, String... arguments) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(arguments, "arguments");
        var argv = new java.util.ArrayList<String>(arguments.length + 1);
        argv.add(program);
        argv.addAll(List.of(arguments));
        return of(argv);
    }

    /**
     * The given argv; everything else default: the executor's working directory, the inherited
     * environment, no stdin, no timeout, UTF-8, success on exit code 0, {@link #DEFAULT_OUTPUT_LIMIT},
     * {@link #DEFAULT_KILL_GRACE}, {@link #DEFAULT_KILL_SIGNAL}, killed when the JVM exits, stdout and stderr kept apart
     * ({@link OutputMode#SEPARATE}).
     */
    public static Command of(List<String> argv) {
        return new Command(argv, Optional.empty(), Environment.inherit(), Stdin.none(), Optional.empty(),
                StandardCharsets.UTF_8, Set.of(0), DEFAULT_OUTPUT_LIMIT, DEFAULT_KILL_GRACE,
                DEFAULT_KILL_SIGNAL, true, OutputMode.SEPARATE);
    }

    /** {@code script} run by {@code /bin/sh -c}: the only way a shell gets involved. */
    public static Command shell(String script) {
        Objects.requireNonNull(script, "script");
        return of("/bin/sh", "-c", script);
    }

    /** The program: the first element of argv. */
    public String program() {
        if (argv.isEmpty()) {
            throw new IllegalStateException("the command has an empty argv");
        }
        return argv.getFirst();
    }

    /** This command run in {@code directory}. */
    public Command withDirectory(Path directory) {
        return new Command(argv, Optional.of(directory), environment, stdin, timeout, charset, successCodes, outputLimitBytes, killGrace, killSignal, destroyOnExit, outputMode);
    }

    /** This command with {@code environment}. */
    public Command withEnvironment(Environment environment) {
        return new Command(argv, directory, environment, stdin, timeout, charset, successCodes, outputLimitBytes, killGrace, killSignal, destroyOnExit, outputMode);
    }

    /**
     * This command with {@code name=value} added to (or replacing in) its environment. The value is
     * shown as {@code ***} wherever pureflow shows the command (logs, errors, traces, recordings).
     */
    public Command withEnv(String name, String value) {
        return withEnvironment(environment.with(name, value));
    }

    /** As {@link #withEnv}, but the value is shown where the command is: for values that are no secret. */
    public Command withVisibleEnv(String name, String value) {
        return withEnvironment(environment.withVisible(name, value));
    }

    /** This command with {@code name} removed from its environment. */
    public Command withoutEnv(String name) {
        return withEnvironment(environment.without(name));
    }

    /** This command reading {@code stdin}. */
    public Command withStdin(Stdin stdin) {
        return new Command(argv, directory, environment, stdin, timeout, charset, successCodes, outputLimitBytes, killGrace, killSignal, destroyOnExit, outputMode);
    }

    /** This command killed (with its process tree) if still running after {@code timeout}. */
    public Command withTimeout(Duration timeout) {
        return new Command(argv, directory, environment, stdin, Optional.of(timeout), charset, successCodes, outputLimitBytes, killGrace, killSignal, destroyOnExit, outputMode);
    }

    /** This command decoding output (and encoding text stdin) with {@code charset}. */
    public Command withCharset(Charset charset) {
        return new Command(argv, directory, environment, stdin, timeout, charset, successCodes, outputLimitBytes, killGrace, killSignal, destroyOnExit, outputMode);
    }

    /** This command succeeding on exactly the given exit codes. */
    public Command withSuccessCodes(Integer... codes) {
        return new Command(argv, directory, environment, stdin, timeout, charset, Set.of(codes), outputLimitBytes, killGrace, killSignal, destroyOnExit, outputMode);
    }

    /** This command keeping at most {@code bytes} of each output stream. */
    public Command withOutputLimit(long bytes) {
        return new Command(argv, directory, environment, stdin, timeout, charset, successCodes, bytes, killGrace, killSignal, destroyOnExit, outputMode);
    }

    /** This command waiting {@code grace} between its kill signal and KILL when it is killed. */
    public Command withKillGrace(Duration grace) {
        return new Command(argv, directory, environment, stdin, timeout, charset, successCodes, outputLimitBytes, grace, killSignal, destroyOnExit, outputMode);
    }

    /**
     * This command killed by sending {@code signal} first (to each process of its tree, parents
     * first), then KILL to whatever is left after the kill grace: for timeouts, {@link ProcessAction.Kill},
     * cancelled runs, closing the executor and the JVM's exit alike. For tools that stop cleanly
     * on {@link Signal#INT} or {@link Signal#HUP} rather than {@link Signal#TERM}.
     */
    public Command withKillSignal(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        return new Command(argv, directory, environment, stdin, timeout, charset, successCodes, outputLimitBytes, killGrace, signal, destroyOnExit, outputMode);
    }

    /**
     * This command left running when the JVM exits. By default the process executor kills a
     * command still running (with its kill signal, then KILL after its grace) from a shutdown hook
     * when the JVM exits in order ({@code System.exit}, the end of {@code main}, SIGTERM, SIGINT).
     * A command kept alive outlives the JVM; its output pipes close with the JVM, so it should write
     * to a file ({@code Command.shell("exec tool >tool.log 2>&1")}) rather than to them: a write to
     * a closed pipe ends a process with SIGPIPE. No hook runs when the JVM is killed with SIGKILL
     * ({@code kill -9}) or crashes: then every command is left running.
     */
    public Command keepAliveOnExit() {
        return new Command(argv, directory, environment, stdin, timeout, charset, successCodes, outputLimitBytes, killGrace, killSignal, false, outputMode);
    }

    /**
     * This command with its stdout and stderr captured as {@code mode} says: apart (the default), or
     * merged into one stream in the order written ({@link OutputMode#MERGED}).
     */
    public Command withOutputMode(OutputMode mode) {
        Objects.requireNonNull(mode, "mode");
        return new Command(argv, directory, environment, stdin, timeout, charset, successCodes, outputLimitBytes, killGrace, killSignal, destroyOnExit, mode);
    }

    /**
     * This command with stderr merged into stdout, in the order written, as {@code 2>&1} does:
     * {@code withOutputMode(OutputMode.MERGED)}. The result's {@link ProcessResult#output()} holds
     * both; its stdout and stderr are empty.
     */
    public Command mergingStderr() {
        return withOutputMode(OutputMode.MERGED);
    }

    /** The command line as a person would type it, for messages (quoting where needed). */
    public String commandLine() {
        return String.join(" ", argv.stream().map(Command::quote).toList());
    }

    private static String quote(String argument) {
        if (!argument.isEmpty() && argument.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,+@%".indexOf(c) >= 0)) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
