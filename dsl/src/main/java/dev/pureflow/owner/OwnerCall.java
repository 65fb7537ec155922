package dev.pureflow.owner;

/**
 * One call to a {@link SerialOwner}: the work to do with the owner's state, run on the owner's loop,
 * never at the same time as another call. The state is the owner's: the call may read and change it
 * freely, because nothing else touches it while the call runs.
 *
 * @param <S> the type of the owner's state
 * @param <T> the type of the call's result ({@code Void} and {@code null} for none)
 */
@FunctionalInterface
public interface OwnerCall<S, T> {

    /**
     * Does the call's work with {@code state} and returns its result; whatever it throws is handed
     * to a {@code sync} caller as it is, and logged for a {@code oneway} one.
     */
    T call(S state) throws Exception;
}
