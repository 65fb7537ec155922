package dev.pureflow.frame;

import io.vavr.collection.Map;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.util.Objects;

/**
 * The immutable snapshot a {@link LifecycleFrame} leaves when it terminates: what its four maps
 * held, the routine's last result and how the frame ended. {@code on_terminated} receives it, the
 * frame's program yields it when the frame completed, and the caller reads it from the run's
 * handle however the frame ended ({@link LifecycleFrame#outcome}).
 *
 * @param frameName      the frame's name
 * @param environment    the environment it was built with
 * @param request        the requests it was built with, overlaid with every request value it read
 *                       (a frame reads requests by key: keys it never read are in
 *                       {@link dev.pureflow.RunHandle#messages()})
 * @param eventMessage   what the hooks wrote
 * @param routineMessage what the routine wrote
 * @param routineResult  the last routine result: none if the routine never ran, else its value or error
 * @param end            how the frame ended
 * @param <R>            the type of the routine's value
 */
public record FrameOutcome<R>(
        String frameName,
        Map<String, Object> environment,
        Map<String, Object> request,
        Map<String, Object> eventMessage,
        Map<String, Object> routineMessage,
        Option<Try<R>> routineResult,
        FrameEnd end) {

    public FrameOutcome {
        Objects.requireNonNull(frameName, "frameName");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(eventMessage, "eventMessage");
        Objects.requireNonNull(routineMessage, "routineMessage");
        Objects.requireNonNull(routineResult, "routineResult");
        Objects.requireNonNull(end, "end");
    }

    /** The last value the routine yielded, if its last run succeeded. */
    public Option<R> routineValue() {
        return routineResult.flatMap(Try::toOption);
    }
}
