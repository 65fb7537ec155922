package dev.pureflow;

import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The actions the interpreter answers itself, all named here: sleeping and reading the time on the
 * run's clock, reading and waiting for messages sent into the run, and publishing values the
 * outside can read while the run goes on.
 *
 * <p>Most actions belong to the world and are answered by the user's {@link Executor}. These few
 * are answered by the interpreter because only it can: the in-process {@link Runner} answers them
 * from the run's {@link Clock} and the run's own maps, which the caller reaches through the
 * {@link RunHandle} ({@link RunHandle#send}, {@link RunHandle#published}); a durable interpreter
 * answers them from its journal (a sleep records its wake-up time, so a resumed sleep waits only
 * for what is left), Temporal with timers, signals and queries. They are still actions: a flow that
 * uses them stays a pure value, and listeners, traces and recordings see them as steps with keys.
 * The {@link Program} shortcuts build them: {@link Program#sleep}, {@link Program#now},
 * {@link Program#readMessage}, {@link Program#awaitMessage}, {@link Program#publish}.
 *
 * <pre>{@code
 * Program<Integer> poll = Program.publish("state", "waiting")
 *     .andThen(Program.awaitMessage("go", Integer.class, Duration.ofMinutes(5)))
 *     .map(go -> go.getOrElse(0));
 * RunHandle<Integer> run = runner.start(poll);
 * run.send("go", 42);                                  // the waiting step wakes with 42
 * }</pre>
 *
 * <p><b>Messages</b> are a map from key to the latest value sent: sending again replaces, and
 * reading does not consume. {@link ReadMessage} answers at once; {@link AwaitMessage} waits until
 * a value is present (at once if one already is) or its timeout of the run's clock passes. A value
 * of another type than the one asked for fails the step with a {@link MessageTypeException} naming
 * the key and both types. Waits ({@link Sleep}, {@link AwaitMessage}) end at once when the run is
 * cancelled. Published values are a second map, written by {@link Publish}, that the handle reads
 * as a snapshot while the run goes on and as a final, immutable one after it ended.
 *
 * <p><b>Answering them elsewhere (the seam).</b> By default the in-process runner answers built-in
 * actions itself, around its executor, so the executor's combinators do not see them. With
 * {@code options.builtIns(BuiltIn.AnsweredBy.EXECUTOR)} the runner hands them to the executor like
 * any other action instead: a fake or scripted executor answers them in a test (a {@code Sleep}
 * that returns at once, a scripted message), and a journaling wrapper records or replays them. Such
 * an executor delegates what it does not answer itself to {@link #runnerAnswers()}, which answers
 * them as the runner would, from the run whose step the calling thread carries out:
 *
 * <pre>{@code
 * Executor noSleeping = FakeExecutor.builder().on(BuiltIn.Sleep.class, sleep -> null).build();
 * Runner runner = Runner.of(noSleeping.orElse(BuiltIn.runnerAnswers()).orElse(world))
 *     .with(options -> options.builtIns(BuiltIn.AnsweredBy.EXECUTOR));
 * }</pre>
 *
 * <p>Records of this family are immutable values; their components are serialisable (a
 * {@link Class} as its name) so that durable interpreters can journal them.
 *
 * @param <R> the type of the value the action yields
 */
public sealed interface BuiltIn<R> extends Action<R> {

    /**
     * Waits {@code duration} of the run's clock; ends at once if the run is cancelled.
     *
     * @param duration how long to wait; zero or more
     */
    record Sleep(Duration duration) implements BuiltIn<Void> {
        public Sleep {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("a sleep's duration must not be negative, was " + duration);
            }
        }
    }

    /** The run's clock's time now. */
    record Now() implements BuiltIn<Instant> {}

    /**
     * The latest message sent into the run under {@code key}, if any, without waiting or consuming
     * it.
     *
     * @param key  the message's key
     * @param type the type the value must have; another fails the step with a {@link MessageTypeException}
     * @param <T>  the type of the value
     */
    record ReadMessage<T>(String key, Class<T> type) implements BuiltIn<Option<T>> {
        public ReadMessage {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * The latest message under {@code key}: at once if there is one, else as soon as one is sent;
     * none once {@code timeout} of the run's clock has passed. Ends at once if the run is
     * cancelled. Does not consume the message.
     *
     * @param key     the message's key
     * @param type    the type the value must have; another fails the step with a {@link MessageTypeException}
     * @param timeout how long to wait at most; zero or more
     * @param <T>     the type of the value
     */
    record AwaitMessage<T>(String key, Class<T> type, Duration timeout) implements BuiltIn<Option<T>> {
        public AwaitMessage {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("an await's timeout must not be negative, was " + timeout);
            }
        }
    }

    /**
     * Publishes {@code value} under {@code key}, replacing what was published there, for the outside
     * to read through the run's handle while the run goes on.
     *
     * @param key   the key to publish under
     * @param value the value; not null
     */
    record Publish(String key, Object value) implements BuiltIn<Void> {
        public Publish {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Who answers the built-in actions of a run; see {@link RunOptions#builtIns(AnsweredBy)}. */
    enum AnsweredBy {
        /** The runner, from the run's clock and maps, without the executor seeing them (the default). */
        RUNNER,
        /**
         * The executor, like any other action; it may hand them on to {@link BuiltIn#runnerAnswers()}.
         * An executor that answers none of them fails their steps as it fails any unhandled action.
         */
        EXECUTOR
    }

    /**
     * An executor that answers built-in actions exactly as the in-process runner does, from the run
     * whose step the calling thread carries out (see {@link Step#current()}): for executors that
     * receive built-in actions ({@link AnsweredBy#EXECUTOR}) and answer only some of them
     * themselves. Any other action is declined with an {@link UnhandledActionException}, so it
     * chains with {@link Executor#orElse}; called on a thread that carries out no step of an
     * in-process run, it fails with an {@link IllegalStateException}. It sets no limit on
     * parallelism. Stateless and thread-safe.
     */
    static Executor runnerAnswers() {
        return RunnerBuiltIns.INSTANCE;
    }
}
