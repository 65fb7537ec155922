package dev.pureflow.examples.acons;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
import java.time.Duration;
import java.util.Objects;

/**
 * Lets time pass inside a flow: what a polling loop does between two reads. An action like any
 * other, so the flow stays a pure value and the executor decides what waiting means: a real sleep
 * on {@link Clock#system()}, an instant jump on a virtual clock in tests.
 *
 * @param duration how long to wait; not negative
 */
public record Pause(Duration duration) implements Action<Void> {

    public Pause {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
    }

    /** An executor for pauses that sleeps on {@code clock}. Stateless and thread-safe. */
    public static Executor on(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return Executor.of(Pause.class, pause -> {
            clock.sleep(pause.duration());
            return null;
        });
    }
}
