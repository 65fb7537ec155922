package dev.pureflow.frame;

import io.vavr.control.Option;
import io.vavr.control.Try;
import java.util.function.Supplier;

/**
 * What a hook of a {@link LifecycleFrame} (and its {@link ErrorHandler}) sees: with gpframe's
 * access rules, it reads {@code environment}, {@code request} and {@code routine_message}, and
 * reads and writes {@code event_message}. Also the routine's latest result.
 *
 * <p>The frame's name, environment and requests come from {@link FrameContext}. Valid while the
 * frame runs; every view fails with {@link FrameTerminatedException} once the
 * frame has terminated. Thread-safe.
 *
 * @param <R> the type of the routine's value
 */
public final class EventContext<R> extends FrameContext {

    private final WritableMessageMap eventMessage;
    private final MessageMap routineMessage;
    private final Supplier<Option<Try<R>>> routineResult;

    EventContext(FrameState frame, MessageMap environment, RequestMap request, WritableMessageMap eventMessage,
            MessageMap routineMessage, Supplier<Option<Try<R>>> routineResult) {
        super(frame, environment, request);
        this.eventMessage = eventMessage;
        this.routineMessage = routineMessage;
        this.routineResult = routineResult;
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
