package dev.pureflow.temporal;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Step;
import dev.pureflow.StepKey;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.DynamicActivity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityWorkerShutdownException;
import io.temporal.common.converter.EncodedValues;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one activity implementation: carries out the action named by the activity type with the
 * worker's executor. The executor works on a virtual thread of its own while this activity's thread
 * heartbeats, since an activity learns of a cancel only through a heartbeat; on a cancel the
 * executor's thread is interrupted (a process action kills its process tree) and awaited before the
 * activity reports the cancel. The executor's thread has the step (its key, action, number and
 * Temporal's attempt) as its {@link Step#current()}. Thread-safe: Temporal calls it from many
 * activity threads.
 */
final class ActionActivity implements DynamicActivity {

    /** How often the activity thread wakes to heartbeat; the SDK throttles what it sends. */
    private static final long HEARTBEAT_POLL_MILLIS = 100;

    private final Executor executor;
    private final TemporalOptions options;
    private final PayloadCodec codec = PayloadCodec.INSTANCE;

    ActionActivity(Executor executor, TemporalOptions options) {
        this.executor = executor;
        this.options = options;
    }

    @Override
    public Object execute(EncodedValues args) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        Action<?> action = codec.decodeAction(context.getInfo().getActivityType(), args.get(0, String.class));
        Step step = new Step(args.get(2, Long.class), StepKey.parse(args.get(1, String.class)), action,
                Instant.ofEpochMilli(context.getInfo().getCurrentAttemptScheduledTimestamp()), context.getInfo().getAttempt());
        Object answer;
        try {
            answer = carryOut(step, context);
        } catch (ActivityCompletionException cancelledOrGone) {
            throw cancelledOrGone;
        } catch (Exception failure) {
            throw RemoteErrors.toFailure(failure, retryable(action, context.getInfo().getAttempt(), failure));
        }
        String json = codec.encodeAnswer(answer);
        int size = PayloadCodec.sizeOf(json);
        if (size > PayloadTooLargeException.LIMIT_BYTES) {
            throw RemoteErrors.toFailure(new PayloadTooLargeException("the answer of " + action + " is " + size
                    + " bytes of JSON, over Temporal's payload limit of " + PayloadTooLargeException.LIMIT_BYTES
                    + " bytes; answer with a reference (a file, a blob key) instead"), RemoteErrors.Retry.NOT_RETRYABLE);
        }
        return json;
    }

    /** Whether Temporal may make another attempt: only under a Temporal retry policy that says so. */
    private RemoteErrors.Retry retryable(Action<?> action, int attempt, Exception failure) {
        boolean again = options.retries().exists(policy -> policy.shouldRetry(action, attempt, failure));
        return again ? RemoteErrors.Retry.RETRYABLE : RemoteErrors.Retry.NOT_RETRYABLE;
    }

    /**
     * The executor's answer, heartbeating while it works; a cancel, or the worker's shutdown,
     * interrupts it and waits for it.
     * The executor's thread has the step as its {@link Step#current()}, as in-process.
     */
    private Object carryOut(Step step, ActivityExecutionContext context) throws Exception {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("pureflow-activity " + step.key()).start(() -> {
            try {
                answer.complete(Step.runAs(step, () -> executor.execute(step.action())));
            } catch (Throwable failure) {
                answer.completeExceptionally(failure);
            }
        });
        try {
            while (true) {
                try {
                    return answer.get(HEARTBEAT_POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillWorking) {
                    context.heartbeat(null);
                }
            }
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof Exception cause ? cause : failed;
        } catch (ActivityCompletionException | InterruptedException stop) {
            worker.interrupt();
            joinUninterruptibly(worker);
            if (stop instanceof InterruptedException) {
                // Temporal interrupts an activity's thread only when its worker shuts down (a cancel
                // comes through a heartbeat): no failure of the action, whatever the retry policy says
                // of an interrupt. Reported as the SDK reports a heartbeat during shutdown, a retryable
                // failure, so that another worker may carry the action out while Temporal's attempts last.
                Thread.currentThread().interrupt();
                throw new ActivityWorkerShutdownException(context.getInfo());
            }
            throw stop;
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

}
