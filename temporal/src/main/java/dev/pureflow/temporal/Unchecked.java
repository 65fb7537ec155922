package dev.pureflow.temporal;

import dev.pureflow.FlowFailedException;

/** Carries a flow's error where only unchecked ones may be thrown. Stateless. */
final class Unchecked {

    private Unchecked() {}

    /** {@code error} itself if unchecked, else wrapped in a {@link FlowFailedException}: for a direct body's calls. */
    static RuntimeException wrapped(Throwable error) {
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return error instanceof RuntimeException runtime ? runtime : new FlowFailedException(error);
    }

    /**
     * Throws {@code error} itself, checked or not, out of a method that declares none: inside the walk,
     * where it is caught again as the flow's error, unchanged. Declared to return so callers can
     * write {@code throw Unchecked.thrown(e)}.
     */
    static RuntimeException thrown(Throwable error) {
        return Unchecked.<RuntimeException>sneak(error);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneak(Throwable error) throws E {
        throw (E) error;
    }
}
