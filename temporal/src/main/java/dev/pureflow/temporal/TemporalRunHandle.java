package dev.pureflow.temporal;

import dev.pureflow.FatalErrorException;
import dev.pureflow.FlowFailedException;
import dev.pureflow.MessageTypeException;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A flow running on Temporal, from {@link TemporalRunner#start}: await its value, cancel it, send it
 * messages, read what it published. Shaped
 * like the in-process {@link dev.pureflow.RunHandle}: {@link #await()} returns the value or throws
 * the flow's error (an unchecked one as itself, a checked one in a {@link FlowFailedException}), a
 * cancelled flow throws {@link CancellationException}. The flow's error is made again on this side as
 * its own class where the shared codec can, else it is a
 * {@link dev.pureflow.interpreters.codec.DecodedFailureException} naming its class and message. Thread-safe.
 *
 * @param <A> the type of the flow's value
 */
public final class TemporalRunHandle<A> {

    private final WorkflowStub stub;
    private final WorkflowStub latestRun;
    private final Class<A> resultType;

    /** {@code latestRun}: the same workflow without a run id, so queries reach the run a long loop continued as. */
    TemporalRunHandle(WorkflowStub stub, WorkflowStub latestRun, Class<A> resultType) {
        this.stub = stub;
        this.latestRun = latestRun;
        this.resultType = resultType;
    }

    /** Waits for the flow and returns its value, or throws its error. */
    public A await() {
        return valueOf(awaitOutcome());
    }

    /**
     * Waits at most {@code timeout} (real time) for the flow. The flow goes on if the wait times out.
     *
     * @throws TimeoutException if the flow has not ended within {@code timeout}
     */
    public A await(Duration timeout) throws TimeoutException {
        Objects.requireNonNull(timeout, "timeout");
        try {
            return valueOf(outcome(() -> stub.getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, String.class)));
        } catch (TimeoutRelay relay) {
            throw relay.timeout;
        }
    }

    /**
     * Waits for the flow and returns its outcome as a value. As in-process, an error vavr's
     * {@code Try} refuses to hold (an {@link InterruptedException}) comes in a
     * {@link FatalErrorException}.
     */
    public Try<A> awaitOutcome() {
        return outcome(() -> stub.getResult(String.class));
    }

    /** Asks the flow to stop: its activities are cancelled, brackets release. Returns at once. */
    public void cancel() {
        stub.cancel();
    }

    /**
     * Sends {@code value} into the flow under {@code key} (a Temporal signal), replacing what was sent
     * there before: the flow's {@code readMessage} and {@code awaitMessage} steps see it. Returns false
     * if the flow has ended.
     */
    public boolean send(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        try {
            stub.signal(RunMailbox.MESSAGE_SIGNAL, key, value.getClass().getName(), PayloadCodec.INSTANCE.encode(value));
            return true;
        } catch (WorkflowNotFoundException ended) {
            return false;
        }
    }

    /**
     * The value the flow last published under {@code key} (a Temporal query), read as {@code type},
     * if it published one; works while the flow runs and after it ended.
     *
     * @throws MessageTypeException if the value published is not a {@code type}; the message names both types
     */
    public <T> Option<T> published(String key, Class<T> type) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        String[] published = latestRun.query(RunMailbox.PUBLISHED_QUERY, String[].class, key);
        if (published.length == 0) {
            return Option.none();
        }
        Class<?> actual = PayloadCodec.load(published[0]);
        if (!type.isAssignableFrom(actual)) {
            throw new MessageTypeException("published value", key, type, actual); // as RunHandle.published
        }
        return Option.some(PayloadCodec.INSTANCE.decode(published[1], type));
    }

    /** The workflow id the flow runs under. */
    public String workflowId() {
        return stub.getExecution().getWorkflowId();
    }

    /** The Temporal stub of the workflow, for what this handle does not cover. */
    public WorkflowStub stub() {
        return stub;
    }

    private Try<A> outcome(ResultCall call) {
        try {
            return Try.success(PayloadCodec.INSTANCE.decode(call.get(), resultType));
        } catch (TimeoutException timedOut) {
            throw new TimeoutRelay(timedOut);
        } catch (WorkflowFailedException failed) {
            // a flow may fail with an InterruptedException, which vavr's Try.failure would throw
            return FatalErrorException.failure(errorOf(failed));
        } catch (WorkflowException other) {
            return Try.failure(other);
        }
    }

    private static Throwable errorOf(WorkflowFailedException failed) {
        return switch (failed.getCause()) {
            case CanceledFailure cancelled -> {
                CancellationException cancellation = new CancellationException("the flow was cancelled");
                cancellation.initCause(cancelled);
                yield cancellation;
            }
            case ApplicationFailure application -> RemoteErrors.rebuild(application);
            case null, default -> failed;
        };
    }

    private static <A> A valueOf(Try<A> tried) {
        if (tried.isSuccess()) {
            return tried.get();
        }
        Throwable error = FatalErrorException.unwrapped(tried.getCause());
        if (error instanceof Error fatal) {
            throw fatal;
        }
        throw Unchecked.wrapped(error);
    }

    @FunctionalInterface
    private interface ResultCall {
        String get() throws TimeoutException;
    }

    /** Carries the wait's time-out past {@link #outcome}, which reports only the flow's own end. */
    private static final class TimeoutRelay extends RuntimeException {
        private final transient TimeoutException timeout;

        TimeoutRelay(TimeoutException timeout) {
            super(timeout);
            this.timeout = timeout;
        }
    }
}
