package dev.pureflow.interpreters.process;

import dev.pureflow.Action;
import dev.pureflow.Program;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Actions that run OS processes. The same flow runs against the real {@link ProcessExecutor} and
 * the scripted {@link FakeProcessExecutor}.
 *
 * <pre>{@code
 * Program<ProcessResult> backup = Program.perform(ProcessAction.run(Command.of("tar", "czf", "b.tgz", "data")));
 * Program<Job> pinger = Program.perform(ProcessAction.start("pinger", Command.of("ping", "-c", "5", "localhost")));
 * }</pre>
 *
 * @param <R> what the action yields
 */
public sealed interface ProcessAction<R> extends Action<R> {

    /**
     * Runs a command to completion. Fails with {@link ProcessFailedException} if its exit code is
     * not a success code, and with {@link ProcessTimeoutException} if it ran past its timeout; both
     * carry the result with the output captured until then.
     *
     * <p>Equality and hash code depend on the command only: the listener is how the caller watches
     * the run, not what is run. So a fake or a script answers {@code run(command)} whatever listener
     * the flow passes, a replay matches it, and a mismatch message (which shows the command line, as
     * {@link #toString()} does) never reads "expected Run[ls] but the flow performed Run[ls]".
     *
     * @param command  what to run
     * @param listener sees lines as they are written; not part of equality
     */
    record Run(Command command, ProcessListener listener) implements ProcessAction<ProcessResult> {
        public Run {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(listener, "listener");
        }

        /** Whether {@code other} is a {@code Run} of an equal command, whatever the listeners. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Run that && command.equals(that.command);
        }

        @Override
        public int hashCode() {
            return command.hashCode();
        }

        @Override
        public String toString() {
            return "Run[" + command.commandLine() + "]";
        }
    }

    /**
     * Starts a command in the background as a job with the given id (or a generated one). The job
     * belongs to the executor, not to the run: it keeps running when the run that started it ends
     * or is cancelled, so a later run can read, await or kill it by id. Closing the executor or the
     * JVM's exit ends it. To tie a job to a run, use {@link #scoped(Start, Function)}.
     *
     * <p>Equality and hash code depend on the command and the id only, not on the listener, for the
     * reasons given on {@link Run}.
     *
     * @param command  what to start
     * @param id       the job's id; empty for a generated one
     * @param listener sees lines as they are written; not part of equality
     */
    record Start(Command command, Optional<String> id, ProcessListener listener) implements ProcessAction<Job> {
        public Start {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(id, "id");
            id.ifPresent(given -> {
                if (given.isBlank()) {
                    throw new IllegalArgumentException("a job id must not be blank");
                }
            });
            Objects.requireNonNull(listener, "listener");
        }

        /** Whether {@code other} is a {@code Start} of an equal command under the same id, whatever the listeners. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Start that && command.equals(that.command) && id.equals(that.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(command, id);
        }

        @Override
        public String toString() {
            return "Start[" + id.map(given -> given + ": ").orElse("") + command.commandLine() + "]";
        }
    }

    /** The lines a job wrote since the previous read, and whether it has ended. Works on ended jobs too. */
    record ReadOutput(String id) implements ProcessAction<JobStatus> {
        public ReadOutput {
            Objects.requireNonNull(id, "id");
        }
    }

    /** Waits for a job to end and yields its result (whatever its exit code). */
    record Await(String id) implements ProcessAction<ProcessResult> {
        public Await {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * Kills a job's whole process tree: the command's kill signal (TERM unless changed with
     * {@link Command#withKillSignal}), then KILL after {@code grace} (the command's kill
     * grace when empty). Yields the job's result; killing an ended job does nothing.
     */
    record Kill(String id, Optional<Duration> grace) implements ProcessAction<ProcessResult> {
        public Kill {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(grace, "grace");
        }
    }

    /** The executor's jobs: running ones and the most recently ended ones it keeps. */
    record ListJobs() implements ProcessAction<List<JobStatus>> {}

    /** Runs {@code command} to completion. */
    static Run run(Command command) {
        return new Run(command, ProcessListener.NONE);
    }

    /** Runs {@code command} to completion, streaming to {@code listener}. */
    static Run run(Command command, ProcessListener listener) {
        return new Run(command, listener);
    }

    /** Starts {@code command} as a job with a generated id. */
    static Start start(Command command) {
        return new Start(command, Optional.empty(), ProcessListener.NONE);
    }

    /** Starts {@code command} as the job {@code id}. */
    static Start start(String id, Command command) {
        return new Start(command, Optional.of(id), ProcessListener.NONE);
    }

    /** Starts {@code command} as the job {@code id}, streaming to {@code listener}. */
    static Start start(String id, Command command, ProcessListener listener) {
        return new Start(command, Optional.of(id), listener);
    }

    /** Reads job {@code id}'s new output. */
    static ReadOutput readOutput(String id) {
        return new ReadOutput(id);
    }

    /** Waits for job {@code id}. */
    static Await await(String id) {
        return new Await(id);
    }

    /** Kills job {@code id} with its command's grace. */
    static Kill kill(String id) {
        return new Kill(id, Optional.empty());
    }

    /** Lists the jobs. */
    static ListJobs listJobs() {
        return new ListJobs();
    }

    /**
     * A flow that starts {@code command} as the job {@code id}, runs {@code use} with it, and kills
     * the job when {@code use} ends; see {@link #scoped(Start, Function)}.
     */
    static <A> Program<A> scoped(String id, Command command, Function<? super Job, ? extends Program<A>> use) {
        return scoped(start(id, command), use);
    }

    /**
     * A flow that starts a job with {@code start}, runs {@code use} with it, and then kills the job
     * (a {@link Kill} with the command's grace), whether {@code use} succeeds, fails or the run is
     * cancelled: the job is tied to the run. Exactly one kill is performed, after {@code use} and
     * not interrupted by cancellation; killing a job that has ended already does nothing. The flow
     * yields what {@code use} yields, or fails as it fails.
     *
     * <pre>{@code
     * Program<ProcessResult> test = ProcessAction.scoped(ProcessAction.start("server", Command.of("./serve", "--port", "8080")),
     *         server -> Program.perform(ProcessAction.run(Command.of("./integration-test", "localhost:8080"))));
     * }</pre>
     *
     * <p>It is a derived program, {@code Program.bracket(perform(start), use, job -> perform(kill(job.id())))},
     * not an action: it runs on any interpreter, and against {@link FakeProcessExecutor} too.
     */
    static <A> Program<A> scoped(Start start, Function<? super Job, ? extends Program<A>> use) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(use, "use");
        return Program.bracket(Program.perform(start), use, job -> Program.perform(kill(job.id()))
                .recoverWith(failure -> failure.getCause() instanceof NoSuchJobException
                        ? Program.pure(null) // it ended and was forgotten among older ended jobs: nothing to kill
                        : Program.fail(failure)));
    }
}
