package dev.pureflow.observability;

import dev.pureflow.Action;
import dev.pureflow.Executor;

/** Inside the retry loop: counts each attempt and reports the failed ones. */
record ObservedAttempt(Executor next, RetryObserver observer) implements Executor {
    @Override
    public Object execute(Action<?> action) throws Exception {
        int[] count = Attempts.CURRENT.get();
        int attempt = count == null ? 1 : ++count[0];
        try {
            return next.execute(action);
        } catch (Exception failed) {
            observer.attemptFailed(action, attempt, failed);
            throw failed;
        }
    }

    @Override
    public int parallelism() {
        return next.parallelism();
    }
}
