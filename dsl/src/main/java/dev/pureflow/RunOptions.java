package dev.pureflow;

import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Runner} runs programs: its clock, its step listener, an optional deadline per run,
 * the {@link Redaction} its error messages show actions with, who answers the
 * {@link BuiltIn built-in actions}, and the {@link MessageGate} messages sent in pass. Immutable;
 * each method returns a changed copy. {@link #DEFAULT}: the system clock, no listener, no deadline,
 * {@link Redaction#DEFAULT}, built-in actions answered by the runner, {@link MessageGate#OPEN}.
 *
 * <pre>{@code
 * Runner runner = Runner.of(executor).with(options -> options.timeout(Duration.ofMinutes(5)).clock(clock));
 * }</pre>
 *
 * @param clock     where time, sleeps and run threads come from
 * @param listener  told about every performed step
 * @param timeout   the deadline of each run, if any
 * @param redaction how the runner's error messages ({@link ActionFailedException} and the runner's
 *                  own errors in its cause) show actions
 * @param builtIns  who answers the built-in actions: the runner (the default) or the executor
 * @param messageGate what sees each message sent into a run before the run does
 */
public record RunOptions(Clock clock, StepListener listener, Option<Duration> timeout, Redaction redaction,
        BuiltIn.AnsweredBy builtIns, MessageGate messageGate) {

    /**
     * The system clock, no listener, no deadline, {@link Redaction#DEFAULT}, built-in actions answered
     * by the runner, messages let through.
     */
    public static final RunOptions DEFAULT = new RunOptions(Clock.system(), StepListener.NONE, Option.none(), Redaction.DEFAULT,
            BuiltIn.AnsweredBy.RUNNER, MessageGate.OPEN);

    public RunOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(redaction, "redaction");
        Objects.requireNonNull(builtIns, "builtIns");
        Objects.requireNonNull(messageGate, "messageGate");
    }

    /** Options letting messages through ({@link MessageGate#OPEN}). */
    public RunOptions(Clock clock, StepListener listener, Option<Duration> timeout, Redaction redaction, BuiltIn.AnsweredBy builtIns) {
        this(clock, listener, timeout, redaction, builtIns, MessageGate.OPEN);
    }

    /** Options with built-in actions answered by the runner. */
    public RunOptions(Clock clock, StepListener listener, Option<Duration> timeout, Redaction redaction) {
        this(clock, listener, timeout, redaction, BuiltIn.AnsweredBy.RUNNER);
    }

    /** These options with {@code clock}. */
    public RunOptions clock(Clock clock) {
        return new RunOptions(clock, listener, timeout, redaction, builtIns, messageGate);
    }

    /** These options showing actions in error messages with {@code redaction}. */
    public RunOptions redaction(Redaction redaction) {
        return new RunOptions(clock, listener, timeout, redaction, builtIns, messageGate);
    }

    /** These options also masking the components named {@code names} in error messages (see {@link Redaction#masking}). */
    public RunOptions redacting(String... names) {
        return redaction(redaction.masking(names));
    }

    /** These options with {@code listener} told about every step after the listeners already set. */
    public RunOptions listener(StepListener listener) {
        Objects.requireNonNull(listener, "listener");
        return new RunOptions(clock, this.listener == StepListener.NONE ? listener : this.listener.andThen(listener), timeout, redaction,
                builtIns, messageGate);
    }

    /**
     * These options with a deadline per run: a run still going after {@code timeout} of the clock's
     * time is cancelled and fails with {@link FlowTimeoutException}.
     */
    public RunOptions timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return new RunOptions(clock, listener, Option.some(timeout), redaction, builtIns, messageGate);
    }

    /**
     * These options with the built-in actions answered by {@code answeredBy}: by the runner (the
     * default), or handed to the executor like any other action, for a fake, a script or a journal
     * to answer them (it may delegate to {@link BuiltIn#runnerAnswers()}); see {@link BuiltIn}.
     */
    public RunOptions builtIns(BuiltIn.AnsweredBy answeredBy) {
        Objects.requireNonNull(answeredBy, "answeredBy");
        return new RunOptions(clock, listener, timeout, redaction, answeredBy, messageGate);
    }

    /**
     * These options with every message sent into a run passing {@code gate} before the run sees it
     * (a durable runner journals it there); see {@link MessageGate}.
     */
    public RunOptions messageGate(MessageGate gate) {
        Objects.requireNonNull(gate, "gate");
        return new RunOptions(clock, listener, timeout, redaction, builtIns, gate);
    }
}
