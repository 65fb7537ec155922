package dev.pureflow.console;

import dev.pureflow.RunOptions;
import dev.pureflow.StepListener;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the console draws a picture of each run it starts, shown beside the run's live steps: as the
 * console starts a run it asks for a {@link Drawing}, which is told the run's steps as they happen
 * (the real steps: their actions and answers, not text) and, when the page asks, draws the run so far
 * as a self-contained HTML document (an inline SVG timeline, say). The page shows it in a sandboxed
 * frame served from {@code /api/runs/ID/picture}, so the picture may hold no script and reach no URL.
 * Without one configured ({@link #NONE}) that request answers 404 and the page shows the table of
 * steps only. pureflow-observability's {@code RunPicture} is such a drawing: the acons example
 * server's {@code TimelinePictures} plugs it in.
 *
 * <p>Thread-safety: {@link #begin} is called on a request thread; a drawing is told its steps on the
 * run's threads (several at once in parallel blocks) while a request thread may ask for its
 * picture, so drawings must be thread-safe. An exception a drawing throws when asked becomes a 500
 * naming it.
 */
@FunctionalInterface
public interface RunPictureRenderer {

    /** No picture: the page shows the table of steps. */
    RunPictureRenderer NONE = fromRecord(run -> Option.none());

    /**
     * A drawing for a run the console is starting, before its first step.
     *
     * @param options the run's options: its clock (times of its steps) and its redaction (how its actions may be shown)
     */
    Drawing begin(RunOptions options);

    /**
     * A renderer that draws each run from what the console recorded of it alone (its steps as
     * redacted text), listening to nothing itself.
     */
    static RunPictureRenderer fromRecord(Function<? super RunRecord, Option<String>> draw) {
        Objects.requireNonNull(draw, "draw");
        return options -> run -> Objects.requireNonNull(draw.apply(run), "the picture drawn");
    }

    /**
     * The picture of one run in the making: a {@link StepListener} told the run's steps, after the
     * console's own listener. Thread-safe.
     */
    @FunctionalInterface
    interface Drawing extends StepListener {

        /** The picture of the run so far as a self-contained HTML document, or none; {@code run} is what the console recorded. */
        Option<String> html(RunRecord run);
    }
}
