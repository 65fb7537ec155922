package dev.pureflow.frame;

import dev.pureflow.Loop;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Simulates Temporal's continue-as-new for tests, in-process with the real {@link Runner}: a chain
 * of runs of one program, each of which stops the first {@link Loop} it reaches after so many
 * iterations, saves the loop's state ({@link Loop#saved}) and ends there; the next run interprets
 * the program again (so a frame's program makes a fresh frame) and resumes its first loop from
 * that state ({@link Loop#restored}), read back through a copy of the list as a codec would.
 *
 * <p>As in Temporal, a stopped run ends at once: no error handler sees the stop and no bracket
 * releases (a frame's {@code on_close} runs once, in the last run), and the first loop of the top
 * level is the chain's, while loops in parallel branches, direct-style bodies, acquisitions and
 * releases run as plain loops. Unlike Temporal, which answers the steps before the loop from what
 * the first run kept, the next run carries them out again: a frame's {@code on_open} runs in every
 * run, and what it writes before the loop is then replaced by the restored state.
 *
 * <p>Stateless: each call's runs share nothing but the runner and the program.
 */
final class ContinueAsNew {

    private ContinueAsNew() {}

    /**
     * What a chain did: the state each stopped run saved, in order, and the last run's outcome.
     *
     * @param saves   the loop's state as each stopped run saved it
     * @param outcome how the last run ended
     * @param <A>     the type of the program's value
     */
    record Chain<A>(List<List<Object>> saves, Try<A> outcome) {}

    /**
     * Runs {@code program} as a chain: the first run stops its first loop after {@code stops[0]}
     * iterations (0: as the loop is reached), each next run resumes it and stops after the next
     * count, and the last runs to the end. A run that ends before its stop (the loop is done, or
     * something failed) ends the chain.
     */
    static <A> Chain<A> run(Runner runner, Program<A> program, int... stops) {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(program, "program");
        List<List<Object>> saves = List.empty();
        Option<List<Object>> from = Option.none();
        for (int stop : stops) {
            Try<A> outcome = runner.attempt(new Rewrite(from, Option.some(stop)).apply(program));
            if (!(outcome.isFailure() && outcome.getCause() instanceof Stopped stopped)) {
                return new Chain<>(saves, outcome);
            }
            saves = saves.append(stopped.saved);
            from = Option.some(List.ofAll(stopped.saved)); // a copy: nothing shared beyond what a codec carries
        }
        return new Chain<>(saves, runner.attempt(new Rewrite(from, Option.none()).apply(program)));
    }

    /** Ends a stopped run, carrying the loop's saved state out of it; never seen by the program's handlers. */
    private static final class Stopped extends RuntimeException {
        private final transient List<Object> saved;

        Stopped(List<Object> saved) {
            super("continued as new", null, false, false);
            this.saved = saved;
        }
    }

    /**
     * One run's program: the tree rewritten lazily, as it is built, so that the first loop reached
     * starts from {@code from} (else its initial state) and stops after {@code stopAfter} iterations.
     */
    private static final class Rewrite {

        private final Option<List<Object>> from;
        private final Option<Integer> stopAfter;
        private final AtomicBoolean loopTaken = new AtomicBoolean();
        private final AtomicBoolean stopped = new AtomicBoolean();

        Rewrite(Option<List<Object>> from, Option<Integer> stopAfter) {
            this.from = from;
            this.stopAfter = stopAfter;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        <A> Program<A> apply(Program<A> program) {
            return switch (program) {
                case Program.Pure<A> pure -> pure;
                case Program.Fail<A> fail -> fail;
                case Program.Perform<A> perform -> perform;
                case Program.Parallel<?> parallel -> program; // a loop in a branch is a plain loop
                case Program.Direct<A> direct -> direct;
                case Program.FlatMap<?, A> flatMap -> new Program.FlatMap<>(apply(flatMap.source()),
                        value -> apply(((Function<Object, Program<A>>) flatMap.continuation()).apply(value)));
                case Program.Recover<A> recover -> new Program.Recover<>(apply(recover.body()),
                        error -> error instanceof Stopped ? Program.fail(error) : apply(recover.handler().apply(error)));
                case Program.Bracket<?, A> bracket -> new Program.Bracket<>(bracket.acquire(),
                        resource -> apply(((Function<Object, Program<A>>) bracket.use()).apply(resource)),
                        resource -> stopped.get() ? Program.pure(null) : ((Function<Object, Program<?>>) bracket.release()).apply(resource));
                case Program.Defer<A> defer -> new Program.Defer<>(() -> defer.thunk() instanceof Loop loop && loopTaken.compareAndSet(false, true)
                        ? taken((Loop<Object, A>) loop)
                        : apply(defer.thunk().get()));
            };
        }

        /** The chain's loop: resumed from the saved state, stopped after so many iterations, or run to its end. */
        private <S, B> Program<B> taken(Loop<S, B> loop) {
            S state = from.isDefined() ? loop.restored(from.get()) : loop.initial();
            return stopAfter.isDefined() ? iterate(loop, state, stopAfter.get()) : loop.from(state).program();
        }

        private <S, B> Program<B> iterate(Loop<S, B> loop, S state, int left) {
            if (left == 0) {
                List<Object> saved = loop.saved(state);
                stopped.set(true);
                return Program.fail(new Stopped(saved));
            }
            return loop.iteration(state).flatMap(next -> next.fold(again -> iterate(loop, again, left - 1), Program::pure));
        }
    }
}
