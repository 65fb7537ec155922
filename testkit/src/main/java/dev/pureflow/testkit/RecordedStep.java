package dev.pureflow.testkit;

import dev.pureflow.Action;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.Objects;

/**
 * One step of a recording: one line of a {@link Recorder}'s file.
 *
 * @param number   the step's number, from 1 in the order actions reached the recorder
 * @param action   the action performed
 * @param outcome  its answer, or the error it failed with (as replayed: see {@link Replay})
 * @param duration how long it took, by the recorder's clock
 */
public record RecordedStep(long number, Action<?> action, Try<Object> outcome, Duration duration) {

    public RecordedStep {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
    }
}
