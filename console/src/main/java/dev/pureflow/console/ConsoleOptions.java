package dev.pureflow.console;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link Console} is set up: where it listens, its token, the commands and flows it may
 * start. An immutable value: each method returns a changed copy, so keep what it returns
 * ({@code options = options.allowing(...)}).
 *
 * <p>{@link #DEFAULT}: {@code 127.0.0.1} on an ephemeral port, a fresh random token per start, no
 * command and no flow allowed, the JVM's working directory, a keep-alive comment every 15 s, up to
 * 100,000 events (lines) kept per job or run, no picture of runs.
 *
 * @param address    the address to bind; loopback unless you mean to expose it
 * @param port       the port; 0 picks a free one
 * @param token      the token every request must carry; a fresh random one per start when none
 * @param commands   the allowlist: the only commands the console starts
 * @param flows      the flows the console may start, by name, each built afresh per run
 * @param runner     the runner flows run on (its executor, clock and listener); when none, a runner
 *                   over the console's own process executor
 * @param directory  where commands run when their allowlist entry names no directory
 * @param heartbeat  how often an idle event stream sends a comment, so a closed tab is noticed
 * @param eventsKept how many events (output lines, steps) each job or run keeps
 * @param picture    how a run's picture is drawn beside its steps
 */
public record ConsoleOptions(
        InetAddress address,
        int port,
        Option<String> token,
        List<AllowedCommand> commands,
        Map<String, Supplier<? extends Program<?>>> flows,
        Option<Runner> runner,
        Path directory,
        Duration heartbeat,
        int eventsKept,
        RunPictureRenderer picture) {

    /** The defaults described above. */
    public static final ConsoleOptions DEFAULT = new ConsoleOptions(InetAddress.getLoopbackAddress(), 0, Option.none(),
            List.empty(), LinkedHashMap.empty(), Option.none(), Path.of("").toAbsolutePath(), Duration.ofSeconds(15),
            100_000, RunPictureRenderer.NONE);

    public ConsoleOptions {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(flows, "flows");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(picture, "picture");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive, was " + heartbeat);
        }
        if (eventsKept < 10) {
            throw new IllegalArgumentException("eventsKept must be at least 10, was " + eventsKept);
        }
        token.forEach(t -> {
            // it travels in a URL, a header and a cookie: keep to characters none of them escapes
            if (!t.matches("[A-Za-z0-9._~-]{16,}")) {
                throw new IllegalArgumentException("a token must have at least 16 characters, each a letter, a digit or one of . _ ~ -");
            }
        });
        if (commands.map(AllowedCommand::name).distinct().size() != commands.size()) {
            throw new IllegalArgumentException("two allowlist entries have the same name: " + commands.map(AllowedCommand::name));
        }
    }

    /** Listens on {@code address}: anything but loopback lets other machines reach the console (with the token). */
    public ConsoleOptions address(InetAddress address) {
        return new ConsoleOptions(address, port, token, commands, flows, runner, directory, heartbeat, eventsKept, picture);
    }

    /** Listens on {@code port} (0: a free one). */
    public ConsoleOptions port(int port) {
        return new ConsoleOptions(address, port, token, commands, flows, runner, directory, heartbeat, eventsKept, picture);
    }

    /** Requires {@code token} (16 or more letters, digits, {@code . _ ~ -}) instead of a fresh random one. */
    public ConsoleOptions token(String token) {
        return new ConsoleOptions(address, port, Option.some(Objects.requireNonNull(token, "token")), commands, flows,
                runner, directory, heartbeat, eventsKept, picture);
    }

    /** Adds {@code allowed} to the allowlist. */
    public ConsoleOptions allowing(AllowedCommand... allowed) {
        return new ConsoleOptions(address, port, token, commands.appendAll(List.of(allowed)), flows, runner, directory,
                heartbeat, eventsKept, picture);
    }

    /** Lets the console start the flow {@code program} builds, under {@code name}. */
    public ConsoleOptions flow(String name, Supplier<? extends Program<?>> program) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(program, "program");
        if (flows.containsKey(name)) {
            throw new IllegalArgumentException("a flow named '" + name + "' is already allowed");
        }
        return new ConsoleOptions(address, port, token, commands, flows.put(name, program), runner, directory, heartbeat,
                eventsKept, picture);
    }

    /** Runs flows on {@code runner}; the console adds its own step listener after the runner's. */
    public ConsoleOptions runner(Runner runner) {
        return new ConsoleOptions(address, port, token, commands, flows, Option.some(Objects.requireNonNull(runner, "runner")),
                directory, heartbeat, eventsKept, picture);
    }

    /** Runs commands whose entry names no directory in {@code directory}. */
    public ConsoleOptions directory(Path directory) {
        return new ConsoleOptions(address, port, token, commands, flows, runner,
                Objects.requireNonNull(directory, "directory").toAbsolutePath(), heartbeat, eventsKept, picture);
    }

    /** Sends a keep-alive comment on idle event streams every {@code heartbeat}. */
    public ConsoleOptions heartbeat(Duration heartbeat) {
        return new ConsoleOptions(address, port, token, commands, flows, runner, directory, heartbeat, eventsKept, picture);
    }

    /** Keeps up to {@code eventsKept} events per job or run. */
    public ConsoleOptions eventsKept(int eventsKept) {
        return new ConsoleOptions(address, port, token, commands, flows, runner, directory, heartbeat, eventsKept, picture);
    }

    /** Draws a picture of each run the console starts with {@code picture} ({@link RunPictureRenderer#NONE}: none). */
    public ConsoleOptions picture(RunPictureRenderer picture) {
        return new ConsoleOptions(address, port, token, commands, flows, runner, directory, heartbeat, eventsKept, picture);
    }
}
