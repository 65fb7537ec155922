package dev.pureflow.observability;

import dev.pureflow.Action;
import dev.pureflow.Executor;

/** Outside the retry loop: opens the count for one call and reports how it ended. */
record ObservedCall(Executor next, RetryObserver observer) implements Executor {
    @Override
    public Object execute(Action<?> action) throws Exception {
        int[] outer = Attempts.CURRENT.get();
        int[] count = new int[1];
        Attempts.CURRENT.set(count);
        boolean succeeded = false;
        try {
            Object answer = next.execute(action);
            succeeded = true;
            return answer;
        } finally {
            Attempts.CURRENT.set(outer);
            observer.finished(action, Math.max(1, count[0]), succeeded);
        }
    }

    @Override
    public int parallelism() {
        return next.parallelism();
    }
}
