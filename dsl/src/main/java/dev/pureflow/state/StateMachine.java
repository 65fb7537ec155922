package dev.pureflow.state;

import dev.pureflow.Loop;
import dev.pureflow.Program;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A state machine as a pure program (gevent_async's state machines): typed states (enum values or
 * records, compared with {@code equals}), each with a body that is a {@link Program} ending in its
 * {@link Next} move, and a transition graph declared once and checked when the machine is built.
 *
 * <pre>{@code
 * StateMachine<Light> light = StateMachine.<Light>builder()
 *     .state(RED, args -> Program.perform(new Wait(30)).map(waited -> Next.to(GREEN)))
 *     .state(GREEN, args -> Program.pure(Next.to(RED)))
 *     .transitions(RED, GREEN)
 *     .transitions(GREEN, RED)
 *     .build();
 * Program<Light> cycle = light.startingAt(RED);  // any runner runs it
 * }</pre>
 *
 * <p>Running {@link #startingAt(Object, Object...)} (any declared state may come first) enters states
 * one after another: for each, the transition observer sees {@code (previous, state)} — {@code (none,
 * first)} for the first — then {@code onStart(state, args)} runs, then the body. The body's
 * {@code Next.to(target, args)} ends the state (a tail call) and enters the target; a target not
 * among the state's declared exits — any target, for a terminal state, one with no exits — fails the
 * machine with an {@link IllegalTransitionException} naming both states. {@code Next.end()} ends the
 * machine, whose program then yields the state it ended in. A failing body, observer or
 * {@code onStart} fails the machine with its own error. A machine runs any number of transitions in
 * constant stack and memory; its transitions are a {@link Loop}, so on Temporal a long-running
 * machine continues as a new run every so many transitions, and its states and the arguments of
 * its transitions must then be values the JSON codec writes and reads by their own class.
 *
 * <p>Immutable and thread-safe; its program may be run any number of times, by any interpreter.
 *
 * @param <S> the type of the states
 */
public final class StateMachine<S> {

    /** The name of a machine's loop of transitions (see {@link Loop}). */
    static final String LOOP_NAME = "state machine";

    private final Map<S, StateBody<S>> bodies;
    private final Map<S, Set<S>> exits;
    private final BiFunction<? super S, ? super List<Object>, ? extends Program<?>> onStart;
    private final BiFunction<? super Option<S>, ? super S, ? extends Program<?>> onTransition;

    private StateMachine(Builder<S> builder) {
        this.bodies = builder.bodies;
        this.exits = builder.exits;
        this.onStart = builder.onStart;
        this.onTransition = builder.onTransition;
    }

    /** A builder of a machine over states of type {@code S}. */
    public static <S> Builder<S> builder() {
        return new Builder<>();
    }

    /** The states in the order they were declared. */
    public Set<S> states() {
        return bodies.keySet();
    }

    /** The states {@code state} may move to: empty for a terminal state. */
    public Set<S> exits(S state) {
        Objects.requireNonNull(state, "state");
        requireDeclared(state);
        return exits.get(state).getOrElse(LinkedHashSet.empty());
    }

    /**
     * The machine run from {@code first} entered with {@code args}: a program that yields the state
     * the machine ended in, or fails as described above.
     *
     * @throws IllegalArgumentException if {@code first} is not a declared state
     */
    public Program<S> startingAt(S first, Object... args) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(args, "args");
        requireDeclared(first);
        return Loop.<Entering<S>, S>of(LOOP_NAME, new Entering<>(Option.none(), first, List.of(args)), this::enter)
                .savedAs(Entering::saved, Entering::restored)
                .program();
    }

    /**
     * One state being entered: where from, which, with what. Saved (for an interpreter that resumes
     * a long machine in a fresh run) as the previous state or null, the state, then its arguments.
     */
    private record Entering<S>(Option<S> previous, S state, List<Object> args) {

        List<Object> saved() {
            return List.<Object>of(previous.getOrNull(), state).appendAll(args);
        }

        @SuppressWarnings("unchecked")
        static <S> Entering<S> restored(List<Object> saved) {
            return new Entering<>(Option.of((S) saved.get(0)), (S) saved.get(1), saved.drop(2));
        }
    }

    private Program<Either<Entering<S>, S>> enter(Entering<S> entering) {
        S state = entering.state();
        StateBody<S> body = bodies.get(state).get();
        return Program.<Object>defer(() -> widen(onTransition.apply(entering.previous(), state)))
                .andThen(Program.<Object>defer(() -> widen(onStart.apply(state, entering.args()))))
                .andThen(Program.defer(() -> body.enter(entering.args())))
                .flatMap(next -> move(state, Objects.requireNonNull(next, () -> "state " + state + " yielded no next move")));
    }

    /** A callback's program, whose value nobody reads. */
    @SuppressWarnings("unchecked")
    private static Program<Object> widen(Program<?> program) {
        return (Program<Object>) program;
    }

    private Program<Either<Entering<S>, S>> move(S state, Next<S> next) {
        return switch (next) {
            case Next.End<S> end -> Program.pure(Either.right(state));
            case Next.To<S> to -> {
                Set<S> allowed = exits(state);
                yield allowed.contains(to.target())
                        ? Program.pure(Either.left(new Entering<>(Option.some(state), to.target(), to.args())))
                        : Program.fail(new IllegalTransitionException(state, to.target(), allowed));
            }
        };
    }

    private void requireDeclared(S state) {
        if (!bodies.containsKey(state)) {
            throw new IllegalArgumentException("not a state of this machine: " + state + "; its states are "
                    + bodies.keySet().mkString("[", ", ", "]"));
        }
    }

    @Override
    public String toString() {
        return "StateMachine" + bodies.keySet().map(state -> state + " -> " + exits(state).mkString("[", ", ", "]"))
                .mkString("[", "; ", "]");
    }

    /**
     * Declares a {@link StateMachine}: each state once with its body, each state's exits once.
     * Mutable and not thread-safe; {@link #build()} checks the graph and makes an immutable machine.
     *
     * @param <S> the type of the states
     */
    public static final class Builder<S> {
        private Map<S, StateBody<S>> bodies = LinkedHashMap.empty();
        private Map<S, Set<S>> exits = LinkedHashMap.empty();
        private BiFunction<? super S, ? super List<Object>, ? extends Program<?>> onStart = (state, args) -> Program.pure(null);
        private BiFunction<? super Option<S>, ? super S, ? extends Program<?>> onTransition = (from, to) -> Program.pure(null);

        private Builder() {}

        /** Declares {@code state} with {@code body}, which gets the arguments it was entered with. */
        public Builder<S> state(S state, StateBody<S> body) {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(body, "body");
            if (bodies.containsKey(state)) {
                throw new IllegalArgumentException("state " + state + " is declared twice");
            }
            bodies = bodies.put(state, body);
            return this;
        }

        /** Declares {@code state} with a body that ignores its arguments. */
        public Builder<S> state(S state, Program<Next<S>> body) {
            Objects.requireNonNull(body, "body");
            return state(state, args -> body);
        }

        /**
         * Declares the states {@code from} may move to; a state declared with no transitions is
         * terminal. Each state's exits are declared once.
         */
        @SafeVarargs
        public final Builder<S> transitions(S from, S... to) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (exits.containsKey(from)) {
                throw new IllegalArgumentException("the transitions of state " + from + " are declared twice");
            }
            Set<S> targets = LinkedHashSet.of(to);
            targets.forEach(target -> Objects.requireNonNull(target, "target"));
            exits = exits.put(from, targets);
            return this;
        }

        /**
         * The program to run before each state's body, from the state and the arguments it was entered
         * with (gevent_async's {@code on_start}). None by default.
         */
        public Builder<S> onStart(BiFunction<? super S, ? super List<Object>, ? extends Program<?>> onStart) {
            this.onStart = Objects.requireNonNull(onStart, "onStart");
            return this;
        }

        /**
         * The program to run at each transition, from the state left (none for the first) and the
         * state entered, before the entered state's {@code onStart}. None by default.
         */
        public Builder<S> onTransition(BiFunction<? super Option<S>, ? super S, ? extends Program<?>> onTransition) {
            this.onTransition = Objects.requireNonNull(onTransition, "onTransition");
            return this;
        }

        /**
         * The machine, once its graph is checked.
         *
         * @throws IllegalArgumentException if there is no state, or a transition leaves or targets a
         *     state that was not declared (the message names them)
         */
        public StateMachine<S> build() {
            if (bodies.isEmpty()) {
                throw new IllegalArgumentException("a state machine needs at least one state");
            }
            List<String> unknown = exits.toList().flatMap(exit -> {
                List<String> problems = bodies.containsKey(exit._1)
                        ? List.empty()
                        : List.of("transitions from unknown state " + exit._1);
                return problems.appendAll(exit._2.filter(target -> !bodies.containsKey(target)).toList()
                        .map(target -> "transition " + exit._1 + " -> unknown state " + target));
            });
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(unknown.mkString("; ") + "; the declared states are "
                        + bodies.keySet().mkString("[", ", ", "]"));
            }
            return new StateMachine<>(this);
        }
    }
}
