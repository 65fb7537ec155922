package dev.pureflow.frame;

/**
 * The hooks of a {@link LifecycleFrame}, in the order they run:
 * {@code on_open → loop [on_start → routine → on_end → on_redo] → on_cancel → on_close → on_terminated}.
 * A {@link HookFailedException} names the hook that failed with one of these.
 */
public enum Hook {
    /** Once, before the first iteration. */
    ON_OPEN("on_open"),
    /** At the start of each iteration, before the routine. */
    ON_START("on_start"),
    /** After the routine of each iteration. */
    ON_END("on_end"),
    /** Last in each iteration: decides whether to run another one. */
    ON_REDO("on_redo"),
    /** Only when the frame is cancelled, before {@link #ON_CLOSE}. */
    ON_CANCEL("on_cancel"),
    /** Once, however the frame ends. */
    ON_CLOSE("on_close"),
    /** Once, last of all, with the frame's outcome; the maps are gone by then. */
    ON_TERMINATED("on_terminated");

    private final String gpframeName;

    Hook(String gpframeName) {
        this.gpframeName = gpframeName;
    }

    /** The hook's name as gpframe spells it ({@code on_open}, ...), as error messages show it. */
    @Override
    public String toString() {
        return gpframeName;
    }
}
