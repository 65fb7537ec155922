package dev.pureflow.state;

import io.vavr.collection.List;
import java.util.Objects;

/**
 * What a state's body yields as its last word: move to another state (with arguments for it), or end
 * the machine here. Yielding it is a tail call: the state is over, and nothing of its body runs after.
 *
 * @param <S> the type of the machine's states
 */
public sealed interface Next<S> {

    /** Move to {@code target}, whose {@code onStart} and body get {@code args}. */
    record To<S>(S target, List<Object> args) implements Next<S> {
        public To {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(args, "args");
        }
    }

    /** End the machine in the current state: its program yields that state. */
    record End<S>() implements Next<S> {}

    /** Move to {@code target} with {@code args} (none is fine). */
    static <S> Next<S> to(S target, Object... args) {
        Objects.requireNonNull(args, "args");
        return new To<>(target, List.of(args));
    }

    /** End the machine in the current state. */
    static <S> Next<S> end() {
        return new End<>();
    }
}
