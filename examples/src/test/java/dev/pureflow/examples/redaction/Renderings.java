package dev.pureflow.examples.redaction;

import static dev.pureflow.combinators.Combinators.logged;
import static dev.pureflow.combinators.Combinators.timed;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Redaction;
import dev.pureflow.Runner;
import dev.pureflow.combinators.Timing;
import dev.pureflow.examples.redaction.vault.Vault;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.interpreters.process.FakeProcess;
import dev.pureflow.interpreters.process.FakeProcessExecutor;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.testkit.Recorder;
import dev.pureflow.testkit.Replay;
import dev.pureflow.testkit.Trace;
import dev.pureflow.testkit.TraceAssert;
import dev.pureflow.testkit.TraceRecorder;
import dev.pureflow.watch.RecordingLogger;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every way pureflow shows an action to people or writes it to a file, for one action and one
 * {@link Redaction}: log lines, error messages, timings, recordings, replay divergences, traces and
 * trace assertions, each from a run that succeeds and one that fails. Not thread-safe: one per test.
 */
final class Renderings {

    private final Path directory;
    private final VirtualClock clock = VirtualClock.start();

    Renderings(Path directory) {
        this.directory = directory;
    }

    /** An executor that answers every action: vault actions with "ok", processes from a script. */
    private Executor succeeding() {
        FakeProcessExecutor processes = FakeProcessExecutor.builder(clock)
                .on(command -> true, FakeProcess.exiting(0).printing("done"))
                .build();
        return Executor.routing()
                .route(Vault.class, Executor.of(Vault.class, vault -> "ok"))
                .route(ProcessAction.class, processes)
                .build();
    }

    /** An executor whose error repeats the action's raw toString, as careless code does. */
    private static Executor failing() {
        return action -> {
            throw new IOException("refused " + action);
        };
    }

    /** An executor that knows neither family: the runner reports an unhandled action. */
    private static Executor knowingNothing() {
        return Executor.routing().route(Other.class, Executor.of(Other.class, other -> null)).build();
    }

    /** A family nobody performs here. */
    private record Other() implements Action<Void> {}

    /** Column name to everything that column's rendering wrote for {@code action}. */
    Map<String, String> of(Action<?> action, Redaction policy) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("log line", logLines(action, policy));
        columns.put("error message", errorMessage(action, policy, failing()));
        columns.put("unhandled error, whole stack trace", stackTrace(action, policy, knowingNothing()));
        columns.put("timing", timings(action, policy));
        columns.put("recording", recordings(action, policy));
        columns.put("replay divergence", divergence(action, policy));
        columns.put("trace", traces(action, policy));
        columns.put("trace assertion", traceAssertion(action, policy));
        return columns;
    }

    private String logLines(Action<?> action, Redaction policy) {
        RecordingLogger log = new RecordingLogger();
        for (Executor world : List.of(succeeding(), failing())) {
            Runner.of(world.with(logged(options -> options.logger(log).clock(clock).redaction(policy))))
                    .with(options -> options.clock(clock)).attempt(Program.perform(action));
        }
        return String.join("\n", log.lines());
    }

    private String errorMessage(Action<?> action, Redaction policy, Executor world) {
        Throwable failure = Runner.of(world).with(options -> options.clock(clock).redaction(policy))
                .attempt(Program.perform(action)).getCause();
        return failure.getMessage();
    }

    private String stackTrace(Action<?> action, Redaction policy, Executor world) {
        Throwable failure = Runner.of(world).with(options -> options.clock(clock).redaction(policy))
                .attempt(Program.perform(action)).getCause();
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private String timings(Action<?> action, Redaction policy) {
        List<Timing> timings = new CopyOnWriteArrayList<>();
        for (Executor world : List.of(succeeding(), failing())) {
            Runner.of(world.with(timed(timings::add, clock, policy))).with(options -> options.clock(clock))
                    .attempt(Program.perform(action));
        }
        return timings.toString();
    }

    private Path record(Action<?> action, Redaction policy, Executor world, String name) {
        Path file = directory.resolve(name + ".jsonl");
        try (Recorder recorder = Recorder.to(file, clock, policy)) {
            Runner.of(world.with(recorder)).with(options -> options.clock(clock)).attempt(Program.perform(action));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private String recordings(Action<?> action, Redaction policy) {
        try {
            Path succeeded = record(action, policy, succeeding(), "succeeded");
            String answered;
            try (Replay replay = Replay.from(succeeded)) { // a masked recording still replays
                answered = String.valueOf(Runner.of(replay).run(Program.perform(action)));
            }
            return Files.readString(succeeded) + Files.readString(record(action, policy, failing(), "failed"))
                    + "replayed: " + answered;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String divergence(Action<?> action, Redaction policy) {
        try {
            Replay replay = Replay.from(record(action, policy, succeeding(), "diverging"));
            Throwable failure = Runner.of(replay).attempt(Program.perform(new Vault.Probe())).getCause();
            return failure.getMessage() + "\n" + failure.getCause().getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Trace trace(Action<?> action, Redaction policy, Executor world) {
        TraceRecorder recorder = Trace.recorder(clock, policy);
        Runner.of(world).with(options -> options.clock(clock).listener(recorder)).attempt(Program.perform(action));
        return recorder.trace();
    }

    private String traces(Action<?> action, Redaction policy) {
        return trace(action, policy, succeeding()) + "\n" + trace(action, policy, failing());
    }

    private String traceAssertion(Action<?> action, Redaction policy) {
        Trace trace = trace(action, policy, failing());
        try {
            TraceAssert.assertThat(trace).never(action);
            throw new IllegalStateException("the trace performed the action: never(...) must fail");
        } catch (AssertionError expected) {
            return expected.getMessage();
        }
    }
}
