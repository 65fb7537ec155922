package dev.pureflow;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A named loop whose state can be saved between two iterations and the loop resumed from it: what
 * {@link Program#loop} builds, and what the redo loop of a {@link dev.pureflow.frame.LifecycleFrame}
 * and the transitions of a {@link dev.pureflow.state.StateMachine} are made of.
 *
 * <p>As a program ({@link #program()}) it is an ordinary {@link Program.Defer} whose thunk is this
 * loop, which builds {@link Program#tailRec}: every interpreter runs it as a plain loop, in constant
 * stack and memory. An interpreter whose history grows with every step (Temporal) may instead
 * recognise the loop, count its iterations, and after many of them save its state with
 * {@link #saved} and go on in a fresh run that rebuilds the program and resumes the loop from
 * {@link #restored} (Temporal's continue-as-new), so a loop that runs for months keeps a bounded
 * history. For that the state must say everything the loop has changed: what an iteration leaves
 * elsewhere (in a variable its step closes over) is lost at such a resumption.
 *
 * <pre>{@code
 * record Polled(int round, String lastSeen) {}
 * Program<String> watch = Program.loop("watch", new Polled(0, ""), state -> Program.perform(new Poll())
 *     .map(seen -> seen.equals("done") ? Either.right(state.lastSeen()) : Either.left(new Polled(state.round() + 1, seen))));
 * }</pre>
 *
 * <p>The saved form is a list of values, each written by an interpreter as its own class (the
 * shared JSON codec; errors as the codec writes errors; {@code null} allowed): records, strings,
 * numbers, enums and {@code java.time} values come back as they were, while a generic collection
 * inside a value comes back with its elements as the codec reads untyped JSON. By default the state
 * is saved as itself, a list of one; {@link #savedAs} flattens a state that is not one such value.
 *
 * <p>Immutable and thread-safe if its functions are.
 *
 * @param name    what the loop is called, in errors and by interpreters that check that a resumed
 *                run meets the same loop where the last one left it
 * @param initial the state of the first iteration
 * @param step    one iteration: the next state ({@code Either.left}) or the loop's value ({@code Either.right})
 * @param save    the state as values to write
 * @param restore the state again from the values {@code save} made (read back)
 * @param <S>     the type of the loop's state
 * @param <B>     the type of the loop's value
 */
public record Loop<S, B>(
        String name,
        S initial,
        Function<? super S, ? extends Program<Either<S, B>>> step,
        Function<? super S, ? extends List<Object>> save,
        Function<? super List<Object>, ? extends S> restore)
        implements Supplier<Program<B>> {

    public Loop {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(save, "save");
        Objects.requireNonNull(restore, "restore");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a loop's name must not be blank");
        }
    }

    /** The loop {@code name} from {@code initial}, its state saved as itself (a list of one value). */
    @SuppressWarnings("unchecked")
    public static <S, B> Loop<S, B> of(String name, S initial, Function<? super S, ? extends Program<Either<S, B>>> step) {
        return new Loop<>(name, initial, step, state -> List.<Object>of(state), saved -> (S) saved.head());
    }

    /** This loop with its state saved as the values {@code save} makes and restored by {@code restore}. */
    public Loop<S, B> savedAs(Function<? super S, ? extends List<Object>> save, Function<? super List<Object>, ? extends S> restore) {
        return new Loop<>(name, initial, step, save, restore);
    }

    /** This loop started from {@code state} instead of its initial state. */
    public Loop<S, B> from(S state) {
        return new Loop<>(name, state, step, save, restore);
    }

    /** The loop as a program: a {@link Program.Defer} of this loop, which any interpreter runs. */
    public Program<B> program() {
        return new Program.Defer<>(this);
    }

    /** The loop as {@link Program#tailRec} from its initial state: what an interpreter runs. */
    @Override
    public Program<B> get() {
        return Program.tailRec(initial, step);
    }

    /** {@code state} as the values to write, for a resumption. */
    public List<Object> saved(S state) {
        return Objects.requireNonNull(save.apply(state), () -> "loop " + name + " saved its state as null instead of a list");
    }

    /** The state {@link #saved} made {@code values} of, read back. */
    public S restored(List<Object> values) {
        Objects.requireNonNull(values, "values");
        return restore.apply(values);
    }

    /** The next state or the value one iteration from {@code state} yields. */
    @SuppressWarnings("unchecked")
    public Program<Either<S, B>> iteration(S state) {
        return (Program<Either<S, B>>) Objects.requireNonNull(step.apply(state),
                () -> "loop " + name + "'s step returned null instead of a program");
    }

    @Override
    public String toString() {
        return "Loop[" + name + "]";
    }
}
