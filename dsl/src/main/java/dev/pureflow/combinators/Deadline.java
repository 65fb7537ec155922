package dev.pureflow.combinators;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
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
            joinUninterruptibly(worker);
            throw cancelled;
        }
        if (!inTime) {
            worker.interrupt();
            joinUninterruptibly(worker);
            throw new ActionTimeoutException(action, limit);
        }
        joinUninterruptibly(worker); // it has answered and is ending: let no thread outlive the call
        try {
            return answer.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Error fatal) {
                throw fatal;
            }
            throw (Exception) failed.getCause();
        }
    }

    private static void joinUninterruptibly(Thread worker) {
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int parallelism() {
        return next.parallelism();
    }
}
