package dev.pureflow.console;

import io.vavr.control.Option;

/**
 * The seam through which the console shows a picture of a run beside its live steps: given what the
 * console recorded of a run, a self-contained HTML document (an inline SVG timeline, say) or none.
 * The page shows it in a sandboxed frame served from {@code /api/runs/ID/picture}, so the picture
 * may hold no script and reach no URL. Without one configured ({@link #NONE}) the page shows the
 * steps as a table only.
 *
 * <p>Called on a request thread, possibly for several runs at once, while the run may still be
 * going: implementations must be thread-safe. An exception it throws becomes a 500 naming it.
 */
@FunctionalInterface
public interface RunPicture {

    /** No picture: the page shows the table of steps. */
    RunPicture NONE = run -> Option.none();

    /** The picture of {@code run} as a self-contained HTML document, or none. */
    Option<String> html(RunRecord run);
}
