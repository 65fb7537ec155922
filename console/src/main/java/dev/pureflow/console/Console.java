package dev.pureflow.console;

import com.sun.net.httpserver.HttpServer;
import dev.pureflow.Clock;
import dev.pureflow.Runner;
import dev.pureflow.Uninterruptibly;
import dev.pureflow.interpreters.process.ProcessExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable web console: a page, served beside your application, that starts commands from an
 * allowlist and flows you registered, streams their output and steps live, and cancels them.
 *
 * <pre>{@code
 * ConsoleOptions options = ConsoleOptions.DEFAULT
 *         .allowing(AllowedCommand.program("seq"), AllowedCommand.fixed("build", Command.of("make", "all")));
 * try (Console console = Console.start(options)) {
 *     System.out.println("Open " + console.url()); // http://127.0.0.1:PORT/?token=...
 *     ...
 * }
 * }</pre>
 *
 * <p>Security model: the server binds to loopback ({@code 127.0.0.1}) unless told otherwise, and
 * every request must carry the token (random per start unless configured, printed in the URL as
 * Jupyter does); the console starts only commands of its allowlist (words split without a shell,
 * nothing expanded) and flows registered by name, never code named by a request; each job runs in
 * its entry's working directory (never a process-wide {@code chdir}); the page writes output with
 * {@code textContent} only, and all its assets come from this jar under a strict
 * Content-Security-Policy, so it works offline and loads nothing from elsewhere.
 *
 * <p>Output: each job's lines (stdout and stderr apart, or merged as the command says) and each
 * run's steps are events with ids, streamed as Server-Sent Events as soon as they happen; a client
 * that reconnects with {@code Last-Event-ID} gets what it missed, an idle stream sends a comment
 * every heartbeat so a closed tab is noticed. A cancelled job's whole process tree is killed (see
 * {@link ProcessExecutor}); a cancelled run is cancelled as {@link dev.pureflow.RunHandle#cancel()} does.
 *
 * <p>Why the JDK's {@code HttpServer} and not Javalin: the console needs a dozen routes, static
 * files and one long-lived streaming response per client, which the JDK server does with a virtual
 * thread per request and no dependency at all; Javalin would bring Jetty and Kotlin's standard
 * library into every application that embeds a console, for routing this module does in one switch.
 *
 * <p>Lifetime: {@link #close()} stops the server, ends its event streams and waits for their
 * threads, cancels the runs it started and kills the jobs it started (their whole trees), waiting
 * for each. Thread-safe.
 */
public final class Console implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Console.class);

    private final HttpServer server;
    private final ExecutorService requests;
    private final ProcessExecutor processes;
    private final Jobs jobs;
    private final Runs runs;
    private final ConsoleApi api;
    private final String token;
    private final URI address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Console(ConsoleOptions options) throws IOException {
        this.token = options.token().getOrElse(Console::randomToken);
        this.processes = ProcessExecutor.create(Clock.system(), options.directory());
        this.jobs = new Jobs(options.commands(), options.directory(), options.eventsKept(), processes);
        this.runs = new Runs(options.flows(), options.runner().getOrElse(() -> Runner.of(processes)), options.eventsKept(),
                options.picture());
        this.api = new ConsoleApi(new Access(token, options.address().isLoopbackAddress()), jobs, runs, options.heartbeat());
        this.requests = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("pureflow-console-", 0).factory());
        try {
            this.server = HttpServer.create(new InetSocketAddress(options.address(), options.port()), 64);
        } catch (IOException e) {
            processes.close();
            throw e;
        }
        server.createContext("/", api);
        server.setExecutor(requests);
        server.start();
        String host = options.address().isLoopbackAddress() ? "127.0.0.1" : options.address().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        this.address = URI.create("http://" + host + ":" + server.getAddress().getPort() + "/");
    }

    /**
     * Starts a console with {@code options} and logs its URL with the token (at INFO, as Jupyter
     * prints its own).
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static Console start(ConsoleOptions options) {
        Objects.requireNonNull(options, "options");
        try {
            Console console = new Console(options);
            LOG.info("pureflow console at {}", console.url());
            return console;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the console on " + options.address() + ":" + options.port(), e);
        }
    }

    /** The page's URL with the token, to open in a browser: {@code http://127.0.0.1:PORT/?token=...}. */
    public URI url() {
        return address.resolve("/?token=" + token);
    }

    /** The server's address without the token: {@code http://127.0.0.1:PORT/}. */
    public URI address() {
        return address;
    }

    /** The port it listens on. */
    public int port() {
        return address.getPort();
    }

    /** How many event streams are open right now: for tests of closed tabs. */
    int streamsOpen() {
        return api.streamingThreads().size();
    }

    /** The token every request must carry. */
    public String token() {
        return token;
    }

    /**
     * Stops the server and waits for its streams' threads, cancels the runs it started and kills the
     * jobs it started (whole trees, no grace), waiting for each. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        runs.close(); // cancels and awaits the runs first: they may use the console's processes
        jobs.closeLogs(); // wakes every stream, which ends its response cleanly...
        // ...before the server cuts the connections; closing must not leave a stream behind, interrupted or not
        api.streamingThreads().forEach(Uninterruptibly::join);
        server.stop(0);
        processes.close();
        requests.close(); // waits for every request thread, the streaming ones included
        LOG.info("pureflow console at {} closed", address);
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
