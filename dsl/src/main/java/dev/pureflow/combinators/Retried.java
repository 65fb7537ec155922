package dev.pureflow.combinators;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Retries failed actions of the executor it wraps; see {@link Combinators#retried}. When attempts
 * run out, the last error is thrown with the earlier ones added as suppressed. The jitter of one
 * action's retries comes from {@link RetryPolicy#jitterSource}, made for that call alone, so
 * concurrent calls share no generator.
 */
record Retried(Executor next, RetryPolicy policy, Clock clock) implements Executor {

    @Override
    public Object execute(Action<?> action) throws Exception {
        List<Exception> earlierErrors = new ArrayList<>();
        RandomGenerator jitter = null; // made at the first retry: most actions never need one
        for (int attempt = 1; ; attempt++) {
            try {
                return next.execute(action);
            } catch (Exception failure) {
                if (!policy.shouldRetry(action, attempt, failure)) {
                    // an executor may throw the same instance every time: never suppress an error into itself
                    earlierErrors.stream().filter(earlier -> earlier != failure).forEach(failure::addSuppressed);
                    throw failure;
                }
                if (earlierErrors.stream().noneMatch(earlier -> earlier == failure)) {
                    earlierErrors.add(failure);
                }
                if (jitter == null) {
                    jitter = policy.jitterSource(action);
                }
                clock.sleep(policy.delayBefore(attempt, jitter));
            }
        }
    }

    @Override
    public int parallelism() {
        return next.parallelism();
    }
}
