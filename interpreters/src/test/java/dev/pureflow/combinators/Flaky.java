package dev.pureflow.combinators;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.interpreters.fake.VirtualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * An executor that fails the first {@code failures} attempts (with {@code IOException("attempt n")}
 * unless told otherwise), then answers {@code "ok"}; notes the virtual time each attempt began at.
 * Thread-safe.
 */
final class Flaky implements Executor {

    private final VirtualClock clock;
    private final int failures;
    private final IntFunction<Exception> errorOfAttempt;
    private final List<Duration> attemptsAt = new CopyOnWriteArrayList<>();

    private Flaky(VirtualClock clock, int failures, IntFunction<Exception> errorOfAttempt) {
        this.clock = clock;
        this.failures = failures;
        this.errorOfAttempt = errorOfAttempt;
    }

    static Flaky failingFirst(int failures, VirtualClock clock) {
        return new Flaky(clock, failures, attempt -> new IOException("attempt " + attempt));
    }

    static Flaky failingFirst(int failures, VirtualClock clock, IntFunction<Exception> errorOfAttempt) {
        return new Flaky(clock, failures, errorOfAttempt);
    }

    static Flaky alwaysFailing(VirtualClock clock) {
        return failingFirst(Integer.MAX_VALUE, clock);
    }

    @Override
    public Object execute(Action<?> action) throws Exception {
        attemptsAt.add(clock.elapsed());
        int attempt = attemptsAt.size();
        if (attempt <= failures) {
            throw errorOfAttempt.apply(attempt);
        }
        return "ok";
    }

    /** The virtual time at which each attempt began, in order. */
    List<Duration> attemptsAt() {
        return List.copyOf(attemptsAt);
    }

    /** The waits between consecutive attempts. */
    List<Duration> gaps() {
        List<Duration> at = attemptsAt();
        return java.util.stream.IntStream.range(1, at.size()).mapToObj(i -> at.get(i).minus(at.get(i - 1))).toList();
    }

    int attempts() {
        return attemptsAt.size();
    }
}
