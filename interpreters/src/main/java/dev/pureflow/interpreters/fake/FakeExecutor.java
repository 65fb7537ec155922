package dev.pureflow.interpreters.fake;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
import dev.pureflow.Redaction;
import dev.pureflow.UnhandledActionException;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * An in-memory stand-in for a world: answers actions from fixed answers (by equal action) or from
 * handlers (by action class), optionally after a latency on a (virtual) clock. An action it knows
 * nothing about fails with {@link UnhandledActionException} listing what it does know.
 *
 * <pre>{@code
 * Executor world = FakeExecutor.builder()
 *     .answer(new Fetch("users", 3), List.of("User0", "User1", "User2"))
 *     .on(Greet.class, greet -> null)
 *     .fail(new Fetch("orders", 1), new IOException("connection reset"))
 *     .latency(Duration.ofMillis(20), clock)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe if its handlers are; declares the parallelism it was built with
 * (1 by default), so parallel blocks can run on it concurrently.
 */
public final class FakeExecutor implements Executor {

    private final Map<Action<?>, Answer> answers;
    private final Map<Class<?>, Executor> handlers;
    private final Option<Latency> latency;
    private final int parallelism;

    private FakeExecutor(Builder builder) {
        this.answers = builder.answers;
        this.handlers = builder.handlers;
        this.latency = builder.latency;
        this.parallelism = builder.parallelism;
    }

    /** An empty builder: a fake that knows no action yet. */
    public static Builder builder() {
        return new Builder(LinkedHashMap.empty(), LinkedHashMap.empty(), Option.none(), 1);
    }

    /** A fake that answers each action in {@code answers} with its value. */
    public static FakeExecutor of(java.util.Map<? extends Action<?>, ?> answers) {
        Objects.requireNonNull(answers, "answers");
        Builder builder = builder();
        for (var entry : answers.entrySet()) {
            builder = builder.withAnswer(entry.getKey(), new Answer(entry.getValue(), null));
        }
        return builder.build();
    }

    @Override
    public Object execute(Action<?> action) throws Exception {
        if (latency.isDefined()) {
            latency.get().clock().sleep(latency.get().duration());
        }
        Option<Answer> fixed = answers.get(action);
        if (fixed.isDefined()) {
            return fixed.get().give();
        }
        for (var handler : handlers) {
            if (handler._1.isInstance(action)) {
                return handler._2.execute(action);
            }
        }
        throw new UnhandledActionException(action, "the fake knows "
                + (answers.isEmpty() && handlers.isEmpty() ? "no action at all"
                        : answers.keySet().toList().map(Redaction.DEFAULT::render)
                                .appendAll(handlers.keySet().map(type -> "any " + type.getSimpleName()))
                                .mkString(", ")));
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public String toString() {
        return "FakeExecutor[" + answers.size() + " answers, " + handlers.size() + " handlers]";
    }

    private record Latency(Duration duration, Clock clock) {}

    /** A fixed outcome: a value, or an exception to throw. */
    private record Answer(Object value, Exception error) {
        Object give() throws Exception {
            if (error != null) {
                error.fillInStackTrace();
                throw error;
            }
            return value;
        }
    }

    /** Collects what the fake knows; immutable, each call returns a new builder. */
    public static final class Builder {
        private final Map<Action<?>, Answer> answers;
        private final Map<Class<?>, Executor> handlers;
        private final Option<Latency> latency;
        private final int parallelism;

        private Builder(Map<Action<?>, Answer> answers, Map<Class<?>, Executor> handlers, Option<Latency> latency, int parallelism) {
            this.answers = answers;
            this.handlers = handlers;
            this.latency = latency;
            this.parallelism = parallelism;
        }

        /** Answers {@code action} (and any equal action) with {@code value}. */
        public <R> Builder answer(Action<R> action, R value) {
            Objects.requireNonNull(action, "action");
            return withAnswer(action, new Answer(value, null));
        }

        /** Fails {@code action} (and any equal action) with {@code error}, every time. */
        public Builder fail(Action<?> action, Exception error) {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(error, "error");
            return withAnswer(action, new Answer(null, error));
        }

        private Builder withAnswer(Action<?> action, Answer answer) {
            return new Builder(answers.put(action, answer), handlers, latency, parallelism);
        }

        /** Answers every action of {@code type} without a fixed answer with what {@code handler} returns. */
        public <A extends Action<?>> Builder on(Class<A> type, Executor.Handler<? super A> handler) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(handler, "handler");
            Executor typed = action -> handler.handle(type.cast(action));
            return new Builder(answers, handlers.put(type, typed), latency, parallelism);
        }

        /** Makes every action take {@code duration} of {@code clock}'s time before it answers. */
        public Builder latency(Duration duration, Clock clock) {
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(clock, "clock");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative, was " + duration);
            }
            return new Builder(answers, handlers, Option.some(new Latency(duration, clock)), parallelism);
        }

        /** Declares {@code parallelism} for the fake (as {@code parallelize} would). */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
            }
            return new Builder(answers, handlers, latency, parallelism);
        }

        /** The fake. */
        public FakeExecutor build() {
            return new FakeExecutor(this);
        }
    }
}
