package dev.pureflow;

import io.vavr.control.Try;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The in-process interpreter: runs programs with an executor, on virtual threads, in constant
 * stack.
 *
 * <pre>{@code
 * Runner runner = Runner.of(executor.with(parallelize(4)));
 * List<String> users = runner.run(Program.perform(new Fetch("users", 3)));
 *
 * RunHandle<Void> handle = runner.start(deploy);   // or: start, then await / cancel / observe
 * handle.cancel();
 * }</pre>
 *
 * <p>Each run gets its own thread; parallel blocks get one per running branch; direct-style bodies
 * none (a body runs on the thread interpreting it, and its steps are interpreted right there). All
 * of them have ended when the run's handle completes, except the run's own thread, whose last acts
 * are to complete the handle and call its {@link RunHandle#onComplete} callbacks. Immutable and
 * thread-safe: one runner may run many programs at once.
 */
public final class Runner {

    private static final AtomicLong RUNS = new AtomicLong();

    private final Executor executor;
    private final RunOptions options;

    private Runner(Executor executor, RunOptions options) {
        this.executor = executor;
        this.options = options;
    }

    /** A runner that carries out actions with {@code executor}, with {@link RunOptions#DEFAULT}. */
    public static Runner of(Executor executor) {
        return new Runner(Objects.requireNonNull(executor, "executor"), RunOptions.DEFAULT);
    }

    /** This runner with its options changed by {@code configure}. */
    public Runner with(UnaryOperator<RunOptions> configure) {
        Objects.requireNonNull(configure, "configure");
        return new Runner(executor, Objects.requireNonNull(configure.apply(options), "configure returned null"));
    }

    /** The options this runner runs with. */
    public RunOptions options() {
        return options;
    }

    /**
     * Runs {@code program} and returns its value. An unchecked error the flow failed with is thrown
     * as it is ({@link ActionFailedException} for a failed action); a checked one wrapped in
     * {@link FlowFailedException}. A fatal error (a {@link StackOverflowError} or a
     * {@link LinkageError} thrown by a continuation, say) ends the run as any failure does, its
     * finalizers run, and it is thrown as it is too. If the calling thread is interrupted, the run
     * is cancelled, its finalizers run, and {@link CancellationException} is thrown with the
     * interrupt flag kept.
     */
    public <A> A run(Program<A> program) {
        return start(program).await();
    }

    /**
     * Runs {@code program} and returns its outcome as a value: its result or the error it failed
     * with (a fatal error, which vavr's {@code Try} will not hold, in a {@link FatalErrorException}).
     * Interruption of the calling thread is handled as in {@link #run}.
     */
    public <A> Try<A> attempt(Program<A> program) {
        return start(program).awaitOutcome();
    }

    /** Starts running {@code program} on a new virtual thread and returns its handle at once. */
    public <A> RunHandle<A> start(Program<A> program) {
        Objects.requireNonNull(program, "program");
        RunContext context = new RunContext(executor, options);
        Fiber root = Fiber.root(context, program);
        RunHandle<A> handle = new RunHandle<>(root);
        long id = RUNS.incrementAndGet();
        options.clock().startThread("pureflow-run-" + id, () -> runToEnd(root, handle, id));
        return handle;
    }

    @SuppressWarnings("unchecked")
    private <A> void runToEnd(Fiber root, RunHandle<A> handle, long id) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Thread deadline = options.timeout()
                .map(timeout -> options.clock().startThread("pureflow-run-" + id + "-deadline", () -> {
                    try {
                        if (!options.clock().await(ended, timeout)) {
                            root.cancel(new FlowTimeoutException(timeout));
                        }
                    } catch (InterruptedException stopped) {
                        // the run ended: nothing to enforce
                    }
                }))
                .getOrNull();
        Try<Object> outcome;
        try {
            outcome = root.runRoot();
        } catch (Throwable bug) {
            outcome = FatalErrorException.failure(bug); // a Try.failure of a fatal error would throw it, and the handle never complete
        }
        root.context().mailbox.end(); // before the handle completes: whoever sees the end sees send refused
        ended.complete(null);
        if (deadline != null) {
            Uninterruptibly.join(deadline);
            Thread.interrupted(); // nothing but this run's own cancellation interrupts its thread, and it is over
        }
        handle.complete((Try<A>) outcome);
    }

    @Override
    public String toString() {
        return "Runner[" + executor + ", " + options + "]";
    }
}
