package dev.pureflow.interpreters.fake;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What the clock tests need around a {@link VirtualClock}: running a scenario on a participant
 * thread, and waiting (with a real-time deadline, never a fixed sleep) for another thread to park.
 */
final class Participants {

    /**
     * Generous: only reached when a test is broken, never by a passing one, on a machine several
     * times slower than ours with busy cores (a quarter of it is still a hang detector).
     */
    static final Duration DEADLINE = Duration.ofSeconds(120);

    private Participants() {}

    /**
     * Runs {@code scenario} on a participant of {@code clock} and returns its value. A scenario that
     * starts several threads from there has them all counted before any of them can let time move,
     * which is what the runner does too; started one by one from the test thread, the first could
     * sleep through its whole wait before the second exists.
     */
    static <T> T onParticipant(VirtualClock clock, Callable<T> scenario) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        clock.startThread("scenario", () -> {
            try {
                result.complete(scenario.call());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        return result.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until {@code thread} is parked or blocked (WAITING, TIMED_WAITING or BLOCKED). */
    static void awaitParked(Thread thread) {
        awaitCondition(() -> switch (thread.getState()) {
            case WAITING, TIMED_WAITING, BLOCKED -> true;
            default -> false;
        }, thread + " to park");
    }

    /** Spins (yielding) until {@code condition} holds, failing after {@link #DEADLINE} of real time. */
    static void awaitCondition(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up waiting for " + what + " after " + DEADLINE);
            }
            Thread.yield();
        }
    }
}
