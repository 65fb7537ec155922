package dev.pureflow;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Waiting for a condition with a generous deadline instead of sleeping, for the tests of this package. */
final class Awaiting {

    private Awaiting() {}

    /** Spins until {@code condition} holds; false if it still does not after {@link World#PATIENCE_SECONDS}. */
    static boolean until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(World.PATIENCE_SECONDS).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    /** Until {@code thread} waits (parked in a join or a lock), or {@code other} holds. */
    static boolean untilWaitingOr(Thread thread, BooleanSupplier other) {
        return until(() -> other.getAsBoolean() || thread.getState() == Thread.State.WAITING);
    }

    /** Asks for garbage collection until every referent is gone; fails after a generous deadline. */
    static void collected(List<? extends WeakReference<?>> references) {
        long deadline = System.nanoTime() + Duration.ofSeconds(World.PATIENCE_SECONDS).toNanos();
        while (references.stream().anyMatch(reference -> reference.get() != null)) {
            if (System.nanoTime() > deadline) {
                long kept = references.stream().filter(reference -> reference.get() != null).count();
                throw new AssertionError(kept + " of " + references.size() + " referents are still reachable");
            }
            System.gc();
        }
    }
}
