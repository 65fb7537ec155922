package dev.pureflow.frame;

/**
 * What the routine of a {@link LifecycleFrame} sees: with gpframe's access rules, it reads
 * {@code environment}, {@code request} and {@code event_message}, and reads and writes
 * {@code routine_message}.
 *
 * <p>Valid while the frame runs; every view fails with {@link FrameTerminatedException} once the
 * frame has terminated. Thread-safe.
 */
public final class RoutineContext {

    private final FrameState frame;
    private final MessageMap environment;
    private final MessageMap request;
    private final MessageMap eventMessage;
    private final WritableMessageMap routineMessage;

    RoutineContext(FrameState frame, MessageMap environment, MessageMap request, MessageMap eventMessage,
            WritableMessageMap routineMessage) {
        this.frame = frame;
        this.environment = environment;
        this.request = request;
        this.eventMessage = eventMessage;
        this.routineMessage = routineMessage;
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
