package dev.pureflow.combinators;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
import dev.pureflow.Uninterruptibly;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Gives each action of the executor it wraps a time limit; see {@link Combinators#timeout}. The
 * action runs on its own thread so the caller can stop waiting; on expiry (or cancellation of the
 * caller) that thread is interrupted and joined before this returns, so no work outlives the call.
 */
record Deadline(Executor next, Duration limit, Clock clock) implements Executor {

    @Override
    public Object execute(Action<?> action) throws Exception {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        Thread worker = clock.startThread("pureflow-timeout-" + action.getClass().getSimpleName(), () -> {
            try {
                answer.complete(next.execute(action));
            } catch (Throwable failure) {
                answer.completeExceptionally(failure);
            }
        });
        boolean inTime;
        try {
            inTime = clock.await(answer, limit);
        } catch (InterruptedException cancelled) {
            worker.interrupt();
            Uninterruptibly.join(worker);
            throw cancelled;
        }
        if (!inTime) {
            worker.interrupt();
            Uninterruptibly.join(worker);
            throw new ActionTimeoutException(action, limit);
        }
        Uninterruptibly.join(worker); // it has answered and is ending: let no thread outlive the call
        try {
            return answer.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Error fatal) {
                throw fatal;
            }
            throw (Exception) failed.getCause();
        }
    }

    @Override
    public int parallelism() {
        return next.parallelism();
    }
}
