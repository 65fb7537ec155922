package dev.pureflow.frame;


/**
 * What the routine of a {@link LifecycleFrame} sees: with gpframe's access rules, it reads
 * {@code environment}, {@code request} and {@code event_message}, and reads and writes
 * {@code routine_message}.
 *
 * <p>The frame's name, environment and requests come from {@link FrameContext}. Valid while the
 * frame runs; every view fails with {@link FrameTerminatedException} once the
 * frame has terminated. Thread-safe.
 */
public final class RoutineContext extends FrameContext {

    private final MessageMap eventMessage;
    private final WritableMessageMap routineMessage;

    RoutineContext(FrameState frame, MessageMap environment, RequestMap request, MessageMap eventMessage,
            WritableMessageMap routineMessage) {
        super(frame, environment, request);
        this.eventMessage = eventMessage;
        this.routineMessage = routineMessage;
    }

    /** The hooks' messages; read-only for the routine. */
    public MessageMap eventMessage() {
        return eventMessage;
    }

    /** The routine's own messages; the routine writes them, the hooks and the outside read them. */
    public WritableMessageMap routineMessage() {
        return routineMessage;
    }

    @Override
    public String toString() {
        return "RoutineContext[frame '" + frame.frameName + "']";
    }
}
