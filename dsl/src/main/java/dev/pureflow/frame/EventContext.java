package dev.pureflow.frame;

import dev.pureflow.Program;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What a hook of a {@link LifecycleFrame} (and its {@link ErrorHandler}) sees: with gpframe's
 * access rules, it reads {@code environment}, {@code request} and {@code routine_message}, and
 * reads and writes {@code event_message}. Also the routine's latest result.
 *
 * <p>Valid while the frame runs; every view fails with {@link FrameTerminatedException} once the
 * frame has terminated. Thread-safe.
 *
 * @param <R> the type of the routine's value
 */
public final class EventContext<R> {

    private final FrameState frame;
    private final MessageMap environment;
    private final RequestMap request;
    private final WritableMessageMap eventMessage;
    private final MessageMap routineMessage;
    private final Supplier<Option<Try<R>>> routineResult;

    EventContext(FrameState frame, MessageMap environment, RequestMap request, WritableMessageMap eventMessage,
            MessageMap routineMessage, Supplier<Option<Try<R>>> routineResult) {
        this.frame = frame;
        this.environment = environment;
        this.request = request;
        this.eventMessage = eventMessage;
        this.routineMessage = routineMessage;
        this.routineResult = routineResult;
    }

    /** The frame's name. */
    public String frameName() {
        return frame.frameName;
    }

    /** The configuration the frame was built with; read-only. */
    public MessageMap environment() {
        return environment;
    }

    /** What the outside sent into the run ({@link dev.pureflow.RunHandle#send}); read-only inside. */
    public MessageMap request() {
        return request;
    }

    /**
     * Waits for the request {@code key}: yields the latest value at once if the outside has sent
     * one, else as soon as it does, or none once {@code timeout} of the run's clock has passed. It
     * is the built-in {@link dev.pureflow.Program#awaitMessage} action, so every interpreter can
     * answer it (a durable one resumes the wait), and cancelling the run ends the wait at once.
     * A request the builder set does not count: this waits for what the outside sends.
     */
    public <T> Program<Option<T>> awaitRequest(String key, Class<T> type, Duration timeout) {
        return request.await(key, type, timeout);
    }

    /** The hooks' own messages; hooks write them, the routine and the outside read them. */
    public WritableMessageMap eventMessage() {
        return eventMessage;
    }

    /** The routine's messages; read-only for hooks. */
    public MessageMap routineMessage() {
        return routineMessage;
    }

    /**
     * The latest iteration's routine result: none before the routine first ran, its value, or the
     * error it failed with (one the handler consumed, when the frame went on). Nothing resets it
     * between iterations but the next routine.
     *
     * @throws FrameTerminatedException once the frame has terminated
     */
    public Option<Try<R>> routineResult() {
        return routineResult.get();
    }

    @Override
    public String toString() {
        return "EventContext[frame '" + frame.frameName + "']";
    }
}
