package dev.pureflow.examples.lifecycle;

import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.frame.FrameOutcome;
import dev.pureflow.frame.LifecycleFrame;
import java.time.Duration;

/** Runs the {@link PollerFrame}: waits until it has polled three times, then asks it to stop. */
public final class LifecycleMain {

    private LifecycleMain() {}

    // README: lifecycle-main
    public static void main(String[] args) throws InterruptedException {
        LifecycleFrame<Integer> frame = PollerFrame.poller();
        RunHandle<FrameOutcome<Integer>> run = Runner.of(Print.printingTo(System.out::println)).start(frame.program());
        while (frame.routineMessage(run, "polls", Integer.class).getOrElse(0) < 3) {   // read while it runs
            Thread.sleep(Duration.ofMillis(5));
        }
        run.send("stop", true);                       // the frame's request map: on_redo sees it
        FrameOutcome<Integer> outcome = run.await();
        System.out.println("the caller got: " + outcome.routineMessage().get("polls").get() + " polls, " + outcome.end());
    }
    // END README
}
