package dev.pureflow.frame;

/**
 * A view of a {@link LifecycleFrame}'s maps, or its context, was used after the frame terminated.
 * The maps are gone by then; what they held is in the frame's {@link FrameOutcome}.
 */
public final class FrameTerminatedException extends IllegalStateException {

    /** The frame {@code frameName} has terminated; {@code what} was used after it. */
    public FrameTerminatedException(String frameName, String what) {
        super("frame '" + frameName + "' has terminated: its " + what + " can no longer be used;"
                + " read what it held from the FrameOutcome handed to on_terminated and returned to the caller");
    }
}
