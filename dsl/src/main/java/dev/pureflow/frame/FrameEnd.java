package dev.pureflow.frame;

import java.util.Objects;

/** How a {@link LifecycleFrame} ended, as its {@link FrameOutcome} reports it. */
public sealed interface FrameEnd {

    /** The loop ended because {@code on_redo} said no more, and every hook succeeded or had its error consumed. */
    record Completed() implements FrameEnd {}

    /** An error the handler did not consume ended the frame; the run failed with {@code error}. */
    record Failed(Throwable error) implements FrameEnd {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }

    /** The frame was cancelled (the run was cancelled, or its deadline passed); the run reports the cancellation. */
    record Cancelled() implements FrameEnd {}
}
