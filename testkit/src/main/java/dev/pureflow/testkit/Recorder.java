package dev.pureflow.testkit;

import dev.pureflow.Clock;
import dev.pureflow.Combinator;
import dev.pureflow.Executor;
import dev.pureflow.FatalErrorException;
import dev.pureflow.Redaction;
import io.vavr.control.Try;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records every action of the executor it wraps, with its answer or error and its duration, to a
 * file of JSON lines, one step per line, for {@link Replay} to play back in a test. Works on any
 * executor, the real process executor included.
 *
 * <pre>{@code
 * try (Recorder recorder = Recorder.to(Path.of("deploy.jsonl"), clock)) {
 *     Runner.of(processes.with(recorder)).run(deploy);     // apply it last: it records what the flow asked
 * }
 * // deploy.jsonl:
 * // {"step":1,"action":"dev.pureflow.interpreters.process.ProcessAction$Run","input":{"command":{...}},
 * //  "resultType":"dev.pureflow.interpreters.process.ProcessResult","result":{...},"duration":"PT0.012S"}
 * }</pre>
 *
 * <p>What can be recorded: actions that are records (or other classes) Jackson maps both ways, with
 * answers Jackson maps both ways as the action's declared result type; {@code Optional}s and
 * {@code java.time} values are understood; the built-in process actions and their results are
 * (their {@code ProcessListener}s are not recorded). Errors are recorded as class name, message,
 * data and cause: the record-like properties of the exception (public methods named after its
 * fields, such as {@code ProcessFailedException.result()}, and its getters), to be made again by a
 * public constructor that gives the same message and data. Lines are written as steps end, so a parallel block's steps may come out of order; each
 * carries its number. Thread-safe; closing it closes the file.
 *
 * <p>Secrets are not written, by the rules of the recorder's {@link Redaction}
 * ({@link Redaction#DEFAULT} unless given): process environment values (except those set with
 * {@code withVisibleEnv}) and stdin contents always, and every field or map key with one of the
 * policy's secret names, at any depth, are written masked ({@code ***}, 0, false, empty bytes), and
 * an error's message with the action's secrets masked. A step whose action had anything masked
 * also carries a {@code redacted} object: the names masked, a random salt and a SHA-256 digest of
 * the salted masked values, with which {@link Replay} checks that a replayed action is the very
 * same (a low-entropy secret could be guessed from it by trying candidates: keep recordings with
 * real secrets as private as the secrets). Actions are read back from a recording with their
 * secrets masked.
 */
public final class Recorder implements Combinator, AutoCloseable {

    private final BufferedWriter out;
    private final Clock clock;
    private final Redaction redaction;
    private final AtomicLong steps = new AtomicLong();

    private Recorder(BufferedWriter out, Clock clock, Redaction redaction) {
        this.out = out;
        this.clock = clock;
        this.redaction = redaction;
    }

    /**
     * A recorder writing to {@code file} (created or replaced), measuring durations on {@code clock},
     * masking secrets as {@link Redaction#DEFAULT} does: process environment values and stdin.
     */
    public static Recorder to(Path file, Clock clock) throws IOException {
        return to(file, clock, Redaction.DEFAULT);
    }

    /** As {@link #to(Path, Clock)}, also masking the components and map keys {@code redaction} names. */
    public static Recorder to(Path file, Clock clock, Redaction redaction) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(redaction, "redaction");
        return new Recorder(Files.newBufferedWriter(file, StandardCharsets.UTF_8), clock, redaction);
    }

    @Override
    public Executor apply(Executor next) {
        Objects.requireNonNull(next, "next");
        return Combinator.around((action, inner) -> {
            long number = steps.incrementAndGet();
            StepCodec.INSTANCE.requireRecordable(action, redaction); // fail before the action runs if it cannot be recorded
            long start = clock.nanoTime();
            try {
                Object answer = inner.execute(action);
                write(new RecordedStep(number, action, Try.success(answer), since(start)));
                return answer;
            } catch (Exception failure) {
                write(new RecordedStep(number, action, FatalErrorException.failure(failure), since(start))); // an interrupt too, which Try.failure would throw
                throw failure;
            }
        }).apply(next);
    }

    /** How many steps were recorded so far. */
    public long steps() {
        return steps.get();
    }

    private Duration since(long start) {
        return Duration.ofNanos(clock.nanoTime() - start);
    }

    private synchronized void write(RecordedStep step) {
        try {
            out.write(StepCodec.INSTANCE.encode(step, redaction));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write step " + step.number() + " of the recording", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
