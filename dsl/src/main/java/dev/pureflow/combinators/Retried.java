package dev.pureflow.combinators;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries failed actions of the executor it wraps; see {@link Combinators#retried}. When attempts
 * run out, the last error is thrown with the earlier ones added as suppressed.
 */
record Retried(Executor next, RetryPolicy policy, Clock clock) implements Executor {

    @Override
    public Object execute(Action<?> action) throws Exception {
        java.util.List<Exception> earlierErrors = new java.util.ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                return next.execute(action);
            } catch (Exception failure) {
                if (!policy.shouldRetry(action, attempt, failure)) {
                    for (Exception earlier : earlierErrors) {
                        if (earlier != failure) {
                            failure.addSuppressed(earlier);
                        }
                    }
                    throw failure;
                }
                if (earlierErrors.stream().noneMatch(seen -> seen == failure)) {
                    earlierErrors.add(failure);
                }
                clock.sleep(policy.delayBefore(attempt, ThreadLocalRandom.current()));
            }
        }
    }

    @Override
    public int parallelism() {
        return next.parallelism();
    }
}
