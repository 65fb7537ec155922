package dev.pureflow.frame;

import dev.pureflow.Program;
import io.vavr.control.Option;
import java.time.Duration;

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
    private final RequestMap request;
    private final MessageMap eventMessage;
    private final WritableMessageMap routineMessage;

    RoutineContext(FrameState frame, MessageMap environment, RequestMap request, MessageMap eventMessage,
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
