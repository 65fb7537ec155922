package dev.pureflow.examples.lifecycle;

import dev.pureflow.Program;
import dev.pureflow.frame.LifecycleFrame;
import java.time.Duration;

/**
 * gpframe's lifecycle, the pureflow way: a routine that polls, again and again, until a request
 * from outside says stop; every hook prints its name, so the run shows the order they run in.
 */
public final class PollerFrame {

    private PollerFrame() {}

    // README: lifecycle-frame
    /** Counts polls in routine_message; on_redo waits up to 500 ms for a "stop" request, then goes on. */
    public static LifecycleFrame<Integer> poller() {
        return LifecycleFrame.<Integer>builder(ctx -> ctx.routineMessage()
                        .apply("polls", Integer.class, n -> n + 1, 0)          // published: the outside sees it
                        .flatMap(polls -> print("  routine: poll #" + polls).map(printed -> polls)))
                .name("poller")
                .onOpen(print("on_open"))
                .onStart(print("  on_start"))
                .onEnd(print("  on_end"))
                .onRedo(ctx -> ctx.awaitRequest("stop", Boolean.class, Duration.ofMillis(500))
                        .map(stop -> stop.getOrElse(false))
                        .flatMap(stop -> print("  on_redo: " + (stop ? "stop requested" : "again")).map(printed -> !stop)))
                .onCancel(print("on_cancel"))
                .onClose(print("on_close"))
                .onTerminated(outcome -> print("on_terminated: " + outcome.end() + " after "
                        + outcome.routineValue().getOrElse(0) + " polls"))
                .build();
    }
    // END README

    static Program<Void> print(String line) {
        return Program.perform(new Print(line));
    }
}
