package dev.pureflow;

import java.util.function.Function;

/**
 * What the interpreter still has to do once the program it is evaluating has an outcome. A
 * {@code flatMap} continuation is not one of these: it is pushed as the bare function (see
 * {@link FrameStack}).
 */
sealed interface Frame {

    /** On failure, continue with the program {@code handler} builds from the error (recover). */
    record Handle(Function<Throwable, Program<?>> handler) implements Frame {}

    /** A bracket's acquisition is under way (uncancellable); then use the resource. */
    record Acquired(Program.Bracket<Object, ?> bracket) implements Frame {}

    /** A bracket's use is under way; whatever its outcome, release {@code resource}. */
    record Release(Function<Object, Program<?>> release, Object resource) implements Frame {}

    /** A release is under way (uncancellable); then restore the use's outcome. */
    record Restore(Object value, Throwable error) implements Frame {}

    /**
     * Branches of a parallel block run one after another; {@code index} is the one under way, on
     * path {@code blockPath/index} with ordinals and a trail of its own; the parent's path, next
     * ordinal and trail are restored when it ends.
     */
    record NextBranch(Program<?>[] branches, Object[] values, int index, String blockPath, String parentBranch,
            int parentOrdinal, Trail parentTrail) implements Frame {}
}
