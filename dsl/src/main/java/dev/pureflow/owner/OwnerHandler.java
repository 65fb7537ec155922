package dev.pureflow.owner;

/**
 * Answers one action of a family with the state of a {@link SerialOwner}, on the owner's loop:
 * the body of {@link SerialOwner#executor}, typically an exhaustive {@code switch} over the family.
 *
 * @param <S> the type of the owner's state
 * @param <F> the family of actions answered
 */
@FunctionalInterface
public interface OwnerHandler<S, F> {

    /** Carries out {@code action} with the owner's {@code state} and returns its answer. */
    Object handle(S state, F action) throws Exception;
}
