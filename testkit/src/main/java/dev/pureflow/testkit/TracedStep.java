package dev.pureflow.testkit;

import dev.pureflow.Action;
import dev.pureflow.Redaction;
import dev.pureflow.StepKey;
import io.vavr.control.Try;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One performed step of a recorded run, as a {@link Trace} holds it.
 *
 * @param number    the step's number in its run, from 1 in the order steps started (an order of
 *                  arrival, which varies between runs inside concurrent parallel blocks)
 * @param key       which step of the flow it is, independent of scheduling ({@code main/2/0#3}: its
 *                  branch path and its ordinal there; see {@link StepKey})
 * @param action    the action performed
 * @param startedAt when it started, by the run's clock
 * @param duration  how long it took, by the run's clock
 * @param outcome   the executor's answer, or the exception it threw
 */
public record TracedStep(long number, StepKey key, Action<?> action, Instant startedAt, Duration duration, Try<Object> outcome) {

    public TracedStep {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Where in the flow it ran: {@code main}, or {@code main/2/0} inside parallel blocks; the key's path. */
    public String branch() {
        return key.path();
    }

    /** When it ended, by the run's clock. */
    public Instant endedAt() {
        return startedAt.plus(duration);
    }

    /** Whether the executor threw. */
    public boolean failed() {
        return outcome.isFailure();
    }

    /** Whether this step's time span and {@code other}'s overlap (share more than an instant). */
    public boolean overlaps(TracedStep other) {
        return startedAt.isBefore(other.endedAt()) && other.startedAt().isBefore(endedAt());
    }

    /**
     * One line of a trace report, with times since {@code origin}, shown with {@code redaction}:
     * the step's number, its key (which names it whatever the scheduling), its start, action,
     * outcome and duration.
     */
    String describe(Instant origin, Redaction redaction) {
        String result = outcome.fold(
                error -> "failed: " + error.getClass().getSimpleName()
                        + (error.getMessage() == null ? "" : ": " + redaction.maskIn(error.getMessage(), action)),
                value -> "-> " + redaction.render(value));
        return String.format("#%d %-10s +%-6s %s %s (%s)", number, key,
                Durations.human(Duration.between(origin, startedAt)), redaction.render(action), result, Durations.human(duration));
    }
}
