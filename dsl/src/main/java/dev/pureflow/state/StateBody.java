package dev.pureflow.state;

import dev.pureflow.Program;
import io.vavr.collection.List;

/**
 * The body of one state: the program to run on entering it with the transition's arguments, ending
 * with the {@link Next} move. Building the program must do nothing; running it does the work.
 *
 * @param <S> the type of the machine's states
 */
@FunctionalInterface
public interface StateBody<S> {

    /** The program this state runs when entered with {@code args}. */
    Program<Next<S>> enter(List<Object> args);
}
