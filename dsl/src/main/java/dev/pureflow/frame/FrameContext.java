package dev.pureflow.frame;

import dev.pureflow.Program;
import io.vavr.control.Option;
import java.time.Duration;

/**
 * What every part of a running {@link LifecycleFrame} sees alike: the frame's name, its read-only
 * {@code environment} and the {@code request} map the outside writes. The hooks see an
 * {@link EventContext} and the routine a {@link RoutineContext}, which add the message maps each
 * may read or write by gpframe's access rules.
 *
 * <p>Valid while the frame runs; every view fails with {@link FrameTerminatedException} once the
 * frame has terminated. Thread-safe.
 */
public abstract sealed class FrameContext permits EventContext, RoutineContext {

    final FrameState frame;
    private final MessageMap environment;
    private final RequestMap request;

    FrameContext(FrameState frame, MessageMap environment, RequestMap request) {
        this.frame = frame;
        this.environment = environment;
        this.request = request;
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
}
