package dev.pureflow.examples.acons;

import dev.pureflow.Step;
import dev.pureflow.console.RunPictureRenderer;
import dev.pureflow.console.RunRecord;
import dev.pureflow.observability.picture.RunPicture;
import dev.pureflow.testkit.Trace;
import dev.pureflow.testkit.TraceRecorder;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;

/**
 * The console's pictures of runs, drawn by pureflow-observability's {@link RunPicture}: each run
 * the console starts is recorded as a testkit {@link Trace} (on the run's clock, shown with the
 * run's redaction) and drawn as its self-contained HTML page with the SVG timeline (a lane per
 * branch, a bar per finished step), titled with the flow's name and the run's id. A step still
 * running is not drawn yet. Stateless; each run's drawing is thread-safe (its recorder is).
 */
public final class TimelinePictures {

    private TimelinePictures() {}

    /** The renderer to give {@link dev.pureflow.console.ConsoleOptions#picture}. */
    // README: console-pictures
    public static RunPictureRenderer renderer() {
        return options -> {
            TraceRecorder recorder = Trace.recorder(options.clock(), options.redaction());
            return new RunPictureRenderer.Drawing() {
                @Override
                public void finished(Step step, Try<Object> outcome, Duration duration) {
                    recorder.finished(step, outcome, duration);
                }

                @Override
                public Option<String> html(RunRecord run) {
                    return Option.some(RunPicture.of(recorder.trace(), run.flow() + " (" + run.id() + ")").html());
                }
            };
        };
    }
    // END README
}
