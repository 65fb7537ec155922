package dev.pureflow;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An immutable description of a flow that yields an {@code A}; nothing happens until a
 * {@link Runner} interprets it with an {@link Executor}.
 *
 * <p>The cases of this sealed interface are public records, so any interpreter can walk a program:
 * the in-process {@link Runner} is one, durable and remote interpreters are others. Everything else
 * ({@link #map}, {@link #zip}, {@link #traverse}, {@link #attempt}, loops, ...) is derived from these
 * few cases. Interpretation is a loop over an explicit stack, so chains of any length or nesting run
 * on the default thread stack.
 *
 * <pre>{@code
 * Program<Void> greetAll = Program.perform(new Fetch("users", 3))
 *     .flatMap(users -> Program.traverse(users, name -> Program.perform(new Greet(name))))
 *     .andThen(Program.pure(null));
 * }</pre>
 *
 * <p>Programs hold no threads, clocks or I/O and may be run any number of times. Functions passed
 * to the combinators must be pure too: they build the next program, the executor does the work.
 *
 * @param <A> the type of the value the flow yields
 */
public sealed interface Program<A> {

    // ---------------------------------------------------------------------------------------------
    // The cases. Keep this set small: interpreters must handle every one of them.

    /** A flow that yields {@code value} without doing anything. */
    record Pure<A>(A value) implements Program<A> {}

    /** A flow that fails with {@code error} without doing anything. */
    record Fail<A>(Throwable error) implements Program<A> {
        public Fail {
            Objects.requireNonNull(error, "error");
        }
    }

    /** A flow that asks the executor to carry out {@code action} and yields its answer. */
    record Perform<A>(Action<A> action) implements Program<A> {
        public Perform {
            Objects.requireNonNull(action, "action");
        }
    }

    /** Runs {@code source}, then the program {@code continuation} builds from its value. */
    record FlatMap<X, A>(Program<X> source, Function<? super X, ? extends Program<A>> continuation)
            implements Program<A> {
        public FlatMap {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(continuation, "continuation");
        }
    }

    /**
     * Runs {@code body}; if it fails, runs the program {@code handler} builds from the error.
     * Cancellation of the run is not an error a handler can catch.
     */
    record Recover<A>(Program<A> body, Function<? super Throwable, ? extends Program<A>> handler)
            implements Program<A> {
        public Recover {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(handler, "handler");
        }
    }

    /**
     * Runs the branches and yields their values in input order. How many run at once is the
     * executor's {@link Executor#parallelism()}; a failing branch cancels the others.
     */
    record Parallel<A>(List<Program<A>> branches) implements Program<List<A>> {
        public Parallel {
            Objects.requireNonNull(branches, "branches");
            branches.forEach(branch -> Objects.requireNonNull(branch, "branch"));
        }
    }

    /**
     * Acquires a resource, uses it, and releases it exactly once, whether the use succeeds, fails or
     * is cancelled. Acquisition and release are not interrupted by cancellation. If release fails
     * after the use failed, the release error is added to the use error as suppressed.
     */
    record Bracket<R, A>(
            Program<R> acquire,
            Function<? super R, ? extends Program<A>> use,
            Function<? super R, ? extends Program<?>> release)
            implements Program<A> {
        public Bracket {
            Objects.requireNonNull(acquire, "acquire");
            Objects.requireNonNull(use, "use");
            Objects.requireNonNull(release, "release");
        }
    }

    /** Builds the program to run only when the interpreter reaches it. */
    record Defer<A>(Supplier<? extends Program<A>> thunk) implements Program<A> {
        public Defer {
            Objects.requireNonNull(thunk, "thunk");
        }
    }

    /** A flow written in direct style; see {@link #direct(Flow.Body)}. */
    record Direct<A>(Flow.Body<A> body) implements Program<A> {
        public Direct {
            Objects.requireNonNull(body, "body");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Constructors

    /** A flow that yields {@code value}. {@code null} is allowed only for {@code Program<Void>}. */
    static <A> Program<A> pure(A value) {
        return new Pure<>(value);
    }

    /** A flow that performs {@code action} through the executor and yields its answer. */
    static <A> Program<A> perform(Action<A> action) {
        return new Perform<>(action);
    }

    /** A flow that fails with {@code error}. */
    static <A> Program<A> fail(Throwable error) {
        return new Fail<>(error);
    }

    /** A flow built from {@code thunk} each time it is interpreted; exceptions become failures. */
    static <A> Program<A> defer(Supplier<? extends Program<A>> thunk) {
        return new Defer<>(thunk);
    }

    /**
     * A flow written in direct style: straight-line code that calls
     * {@link Flow#perform(Action)} and gets the typed answer back.
     *
     * <pre>{@code
     * Program<Integer> greetAll = Program.direct(flow -> {
     *     List<String> users = flow.perform(new Fetch("users", 3));
     *     for (String user : users) flow.perform(new Greet(user));
     *     return users.size();
     * });
     * }</pre>
     *
     * <p>The body runs inline, on the thread that interprets it: each {@code perform} is
     * interpreted right there, with the run's executor, listener, step numbering, branch and
     * cancellation, so every executor, combinator and listener sees the steps as it sees monadic
     * ones, and a step costs about what a monadic step costs. A failed action is thrown at the
     * {@code perform} call. Cancelling the run interrupts the body's thread, even between
     * performs; {@link Flow#uncancellable} lets a {@code finally} still act after it. A body's
     * steps never deepen the Java stack, however many it performs; nested bodies add a few frames
     * each. The one rule: the body talks to the world only through {@code flow}. It may be started
     * again (on retries, on replays), so it must not keep state between runs.
     */
    static <A> Program<A> direct(Flow.Body<A> body) {
        return new Direct<>(body);
    }

    /** Acquires, uses and releases a resource; see {@link Bracket}. */
    static <R, A> Program<A> bracket(
            Program<R> acquire,
            Function<? super R, ? extends Program<A>> use,
            Function<? super R, ? extends Program<?>> release) {
        return new Bracket<>(acquire, use, release);
    }

    /** Runs the programs as one parallel block and yields their values in input order. */
    static <A> Program<List<A>> parallel(Iterable<? extends Program<A>> programs) {
        Objects.requireNonNull(programs, "programs");
        return new Parallel<>(List.ofAll(programs));
    }

    /** Runs the programs as one parallel block and yields their values in input order. */
    @SafeVarargs
    static <A> Program<List<A>> parallel(Program<A>... programs) {
        Objects.requireNonNull(programs, "programs");
        return new Parallel<>(List.of(programs));
    }

    /** Runs both programs as one parallel block and yields both values. */
    @SuppressWarnings("unchecked")
    static <A, B> Program<Tuple2<A, B>> zip(Program<A> first, Program<B> second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Program<List<Object>> both = parallel((Program<Object>) first, (Program<Object>) second);
        return both.map(values -> Tuple.of((A) values.get(0), (B) values.get(1)));
    }

    /** Runs the programs one after another and yields their values in order. */
    static <A> Program<List<A>> sequence(Iterable<? extends Program<A>> programs) {
        Objects.requireNonNull(programs, "programs");
        return traverse(List.<Program<A>>ofAll(programs), Function.identity());
    }

    /** Runs the program {@code f} builds for each item, one after another, yielding values in order. */
    static <T, A> Program<List<A>> traverse(Iterable<? extends T> items, Function<? super T, ? extends Program<A>> f) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(f, "f");
        record Pending<T, A>(List<T> todo, List<A> doneReversed) {}
        return tailRec(new Pending<T, A>(List.ofAll(items), List.empty()), state -> state.todo().isEmpty()
                ? pure(Either.right(state.doneReversed().reverse()))
                : f.apply(state.todo().head()).map(value ->
                        Either.left(new Pending<>(state.todo().tail(), state.doneReversed().prepend(value)))));
    }

    /** Runs the program {@code f} builds for each item as one parallel block, yielding values in order. */
    static <T, A> Program<List<A>> parTraverse(Iterable<? extends T> items, Function<? super T, ? extends Program<A>> f) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(f, "f");
        return defer(() -> parallel(List.<T>ofAll(items).map(f)));
    }

    /**
     * A loop as a step function: runs {@code step} from {@code initial} while it yields
     * {@code Either.left(next state)}, and yields {@code b} once it yields {@code Either.right(b)}.
     * Runs in constant stack and memory whatever the number of iterations.
     */
    static <S, B> Program<B> tailRec(S initial, Function<? super S, ? extends Program<Either<S, B>>> step) {
        Objects.requireNonNull(step, "step");
        return defer(() -> step.apply(initial)).flatMap(next -> next.fold(
                state -> tailRec(state, step),
                Program::pure));
    }

    // ---------------------------------------------------------------------------------------------
    // Built-in actions: answered by the interpreter, not the executor (see BuiltIn)

    /** A flow that waits {@code duration} of the run's clock; see {@link BuiltIn.Sleep}. */
    static Program<Void> sleep(Duration duration) {
        return perform(new BuiltIn.Sleep(duration));
    }

    /** A flow that yields the run's clock's time; see {@link BuiltIn.Now}. */
    static Program<Instant> now() {
        return perform(new BuiltIn.Now());
    }

    /**
     * A flow that yields the latest message sent into the run under {@code key}, if any, as a
     * {@code type}; see {@link BuiltIn.ReadMessage}.
     */
    static <T> Program<Option<T>> readMessage(String key, Class<T> type) {
        return perform(new BuiltIn.ReadMessage<>(key, type));
    }

    /**
     * A flow that yields the latest message under {@code key}, waiting for one at most
     * {@code timeout} of the run's clock (none if none came); see {@link BuiltIn.AwaitMessage}.
     */
    static <T> Program<Option<T>> awaitMessage(String key, Class<T> type, Duration timeout) {
        return perform(new BuiltIn.AwaitMessage<>(key, type, timeout));
    }

    /** A flow that publishes {@code value} under {@code key} for the run's handle to read; see {@link BuiltIn.Publish}. */
    static Program<Void> publish(String key, Object value) {
        return perform(new BuiltIn.Publish(key, value));
    }

    // ---------------------------------------------------------------------------------------------
    // Derived operations

    /** This flow, then {@code f} applied to its value. */
    default <B> Program<B> map(Function<? super A, ? extends B> f) {
        Objects.requireNonNull(f, "f");
        return new FlatMap<>(this, value -> pure(f.apply(value)));
    }

    /** This flow, then the flow {@code f} builds from its value. */
    default <B> Program<B> flatMap(Function<? super A, ? extends Program<B>> f) {
        return new FlatMap<>(this, f);
    }

    /** This flow, then {@code next}; the value of this flow is discarded. */
    default <B> Program<B> andThen(Program<B> next) {
        Objects.requireNonNull(next, "next");
        return new FlatMap<>(this, ignored -> next);
    }

    /** This flow and {@code other} as one parallel block, their values combined by {@code f}. */
    default <B, C> Program<C> zipWith(Program<B> other, BiFunction<? super A, ? super B, ? extends C> f) {
        Objects.requireNonNull(f, "f");
        return zip(this, other).map(pair -> f.apply(pair._1, pair._2));
    }

    /** This flow; if it fails, the value {@code handler} makes of the error. */
    default Program<A> recover(Function<? super Throwable, ? extends A> handler) {
        Objects.requireNonNull(handler, "handler");
        return new Recover<>(this, error -> pure(handler.apply(error)));
    }

    /** This flow; if it fails, the flow {@code handler} builds from the error. */
    default Program<A> recoverWith(Function<? super Throwable, ? extends Program<A>> handler) {
        return new Recover<>(this, handler);
    }

    /**
     * This flow; if it fails with an error of {@code type}, the value {@code handler} makes of it.
     * The error matches if it is an instance of {@code type} itself or, since every failed action
     * arrives as an {@link ActionFailedException}, if it is one whose cause is; the handler gets the
     * matching one (the wrapper itself for {@code ActionFailedException.class} or a supertype of it,
     * else the cause). Any other error passes through unchanged, and a
     * {@link java.util.concurrent.CancellationException} (the run's cancellation, its deadline) is
     * never handed to the handler.
     *
     * <pre>{@code
     * Program<String> page = Program.perform(new Download(url)).recover(IOException.class, failed -> "offline");
     * }</pre>
     */
    default <E extends Throwable> Program<A> recover(Class<E> type, Function<? super E, ? extends A> handler) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        return recoverWith(type, error -> pure(handler.apply(error)));
    }

    /**
     * This flow; if it fails with an error of {@code type}, the flow {@code handler} builds from it.
     * Errors match as for {@link #recover(Class, Function)}.
     */
    default <E extends Throwable> Program<A> recoverWith(Class<E> type, Function<? super E, ? extends Program<A>> handler) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        return new Recover<>(this, error -> {
            Option<E> matching = matching(type, error);
            return matching.isDefined() ? handler.apply(matching.get()) : fail(error);
        });
    }

    /** The error or, for a failed action, its cause, if it is a {@code type}; never a cancellation. */
    private static <E extends Throwable> Option<E> matching(Class<E> type, Throwable error) {
        if (error instanceof CancellationException) {
            return Option.none();
        }
        if (type.isInstance(error)) {
            return Option.some(type.cast(error));
        }
        if (error instanceof ActionFailedException failed
                && type.isInstance(failed.getCause())
                && !(failed.getCause() instanceof CancellationException)) {
            return Option.some(type.cast(failed.getCause()));
        }
        return Option.none();
    }

    /**
     * This flow with its failure turned into a value the flow can inspect; a fatal error, which
     * vavr's {@code Try} will not hold, in a {@link FatalErrorException}.
     */
    default Program<Try<A>> attempt() {
        return new Recover<>(map(Try::success), error -> pure(FatalErrorException.failure(error)));
    }

    /** This flow, then {@code finalizer} exactly once, on success, failure and cancellation. */
    default Program<A> ensuring(Program<?> finalizer) {
        Objects.requireNonNull(finalizer, "finalizer");
        return new Bracket<>(pure(null), ignored -> this, ignored -> finalizer);
    }

    /** Runs this flow again while {@code condition} holds for its value; yields the last value. */
    default Program<A> repeatWhile(Predicate<? super A> condition) {
        Objects.requireNonNull(condition, "condition");
        return tailRec(this, self -> self.map(value -> condition.test(value) ? Either.left(self) : Either.right(value)));
    }

    /** Runs this flow again until {@code condition} holds for its value; yields that value. */
    default Program<A> repeatUntil(Predicate<? super A> condition) {
        Objects.requireNonNull(condition, "condition");
        return repeatWhile(condition.negate());
    }
}
