package dev.pureflow.interpreters.fake;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.FatalErrorException;
import io.vavr.collection.List;
import io.vavr.control.Try;
import java.util.Objects;

/**
 * Wraps an executor and keeps a trace of every action it carried out and how each ended, in the
 * order they ended, for tests to assert on.
 *
 * <pre>{@code
 * RecordingExecutor recording = RecordingExecutor.wrapping(fake);
 * Runner.of(recording).run(flow);
 * assertThat(recording.actions()).containsExactly(new Fetch("users", 3), new Greet("User0"));
 * }</pre>
 *
 * <p>Thread-safe; keeps the wrapped executor's parallelism.
 */
public final class RecordingExecutor implements Executor {

    /**
     * One recorded step.
     *
     * @param action  what was asked
     * @param outcome the answer, or the exception the executor threw
     */
    public record Recorded(Action<?> action, Try<Object> outcome) {}

    private final Executor delegate;
    private List<Recorded> traceReversed = List.empty();

    private RecordingExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    /** Records what {@code delegate} does. */
    public static RecordingExecutor wrapping(Executor delegate) {
        return new RecordingExecutor(Objects.requireNonNull(delegate, "delegate"));
    }

    @Override
    public Object execute(Action<?> action) throws Exception {
        try {
            Object answer = delegate.execute(action);
            record(new Recorded(action, Try.success(answer)));
            return answer;
        } catch (Exception | Error failure) {
            record(new Recorded(action, FatalErrorException.failure(failure))); // an interrupt too, which Try.failure would throw
            throw failure;
        }
    }

    @Override
    public int parallelism() {
        return delegate.parallelism();
    }

    /** Every recorded step so far, in the order they ended. */
    public synchronized List<Recorded> trace() {
        return traceReversed.reverse();
    }

    /** The actions of {@link #trace()}. */
    public List<Action<?>> actions() {
        return trace().map(Recorded::action);
    }

    /** Forgets the trace so far. */
    public synchronized void clear() {
        traceReversed = List.empty();
    }

    private synchronized void record(Recorded recorded) {
        traceReversed = traceReversed.prepend(recorded);
    }
}
