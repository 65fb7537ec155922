package dev.pureflow.combinators;

import java.time.Duration;
import java.util.Objects;

/** How long to wait before each retry, before jitter. Immutable. */
public sealed interface Backoff {

    /** The same delay before every retry. */
    record Fixed(Duration delay) implements Backoff {
        public Fixed {
            requireNotNegative(delay, "delay");
        }
    }

    /** {@code initial}, then multiplied by {@code multiplier} for each further retry, never above {@code cap}. */
    record Exponential(Duration initial, double multiplier, Duration cap) implements Backoff {
        public Exponential {
            requireNotNegative(initial, "initial");
            requireNotNegative(cap, "cap");
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("multiplier must be a finite number >= 1, was " + multiplier);
            }
            if (cap.compareTo(initial) < 0) {
                throw new IllegalArgumentException("cap " + cap + " is below the initial delay " + initial);
            }
        }
    }

    /** Retry at once. */
    static Backoff none() {
        return new Fixed(Duration.ZERO);
    }

    /** The same {@code delay} before every retry. */
    static Backoff fixed(Duration delay) {
        return new Fixed(delay);
    }

    /** Exponential backoff; see {@link Exponential}. */
    static Backoff exponential(Duration initial, double multiplier, Duration cap) {
        return new Exponential(initial, multiplier, cap);
    }

    /** The delay before retry number {@code retry} (1 for the first retry), before jitter. */
    default Duration delayBefore(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, was " + retry);
        }
        return switch (this) {
            case Fixed fixed -> fixed.delay();
            case Exponential exponential -> {
                double nanos = exponential.initial().toNanos() * Math.pow(exponential.multiplier(), retry - 1);
                long capNanos = exponential.cap().toNanos();
                yield Duration.ofNanos(nanos >= capNanos ? capNanos : (long) nanos);
            }
        };
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
    }
}
