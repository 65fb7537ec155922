package dev.pureflow.console;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a generous deadline: a hang detector, not a speed limit. */
final class Await {

    private Await() {}

    static void until(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(ConsoleClient.PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still waiting, after " + ConsoleClient.PATIENCE + ", until " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
