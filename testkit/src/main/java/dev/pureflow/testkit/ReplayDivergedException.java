package dev.pureflow.testkit;

import dev.pureflow.Action;
import java.util.Optional;

/**
 * A replayed flow did not perform what the recording says it did: another action at some step, an
 * action after the recording ended, or fewer steps than recorded. An {@link AssertionError}: the
 * flow (or its recording) changed.
 */
public final class ReplayDivergedException extends AssertionError {

    private final long step;
    private final transient Action<?> recorded;
    private final transient Action<?> actual;

    ReplayDivergedException(long step, Action<?> recorded, Action<?> actual, String message) {
        super(message);
        this.step = step;
        this.recorded = recorded;
        this.actual = actual;
    }

    /** The number of the step at which the flow diverged, from 1. */
    public long step() {
        return step;
    }

    /** What the recording has at that step; empty if the recording had ended. */
    public Optional<Action<?>> recorded() {
        return Optional.ofNullable(recorded);
    }

    /** What the flow performed at that step; empty if the flow ended before it. */
    public Optional<Action<?>> actual() {
        return Optional.ofNullable(actual);
    }
}
