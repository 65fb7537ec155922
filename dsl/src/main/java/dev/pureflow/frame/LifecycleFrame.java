package dev.pureflow.frame;

import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * gpframe's frame as a pure program: a routine run inside lifecycle hooks, in this order:
 *
 * <pre>
 * on_open → loop [on_start → routine → on_end → on_redo] → on_cancel (only if cancelled) → on_close → on_terminated
 * </pre>
 *
 * <p>Build one with {@link #builder}, run its {@link #program()} with any runner (or any other
 * interpreter: it is made of ordinary program cases and built-in actions only):
 *
 * <pre>{@code
 * LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(ctx -> ctx.routineMessage()
 *             .apply("count", Integer.class, n -> n + 1, 0))
 *         .onRedo(ctx -> ctx.request().getOrDefault("stop", Boolean.class, false).map(stop -> !stop))
 *         .build();
 * RunHandle<FrameOutcome<Integer>> run = runner.start(frame.program());
 * run.send("stop", true);                          // the loop ends at the next on_redo
 * }</pre>
 *
 * <p><b>The loop.</b> {@code on_redo} sees this iteration's routine result and the latest
 * requests (nothing resets between iterations) and yields whether to go round again; without one
 * the routine runs once. Long loops run in constant stack and memory.
 *
 * <p><b>Errors.</b> The one {@link ErrorHandler} gets every error of a hook (as a
 * {@link HookFailedException} naming the hook) and of the routine (its own error, unwrapped), and
 * says whether it is consumed: consumed, the frame goes on with the next step (a consumed
 * {@code on_redo} error ends the loop); not consumed, the rest of the loop is skipped,
 * {@code on_close} and {@code on_terminated} still run, and the program fails with the original
 * error. {@code on_close} and {@code on_terminated} run however the frame ends, each even if the
 * one before failed; their failures fail the program too (added as suppressed to an error it
 * already has).
 *
 * <p><b>Cancellation.</b> Cancelling the run runs {@code on_cancel}, {@code on_close} and
 * {@code on_terminated} (uncancellable, as a bracket's release), and the run still reports
 * cancelled: no hook can swallow it. A {@link Builder#routineTimeout routine timeout} cancels the
 * routine's work when it passes.
 *
 * <p><b>The maps</b>, with gpframe's access rules: {@code environment} (set by the builder; read
 * by all), {@code request} (sent by the outside with {@link RunHandle#send}, under the bare key;
 * read inside with the built-in {@link Program#readMessage}), {@code event_message} (written by
 * the hooks) and {@code routine_message} (written by the routine). A write to the last two is
 * also published under {@link #eventMessageKey}/{@link #routineMessageKey}, which the outside reads
 * while the frame runs ({@link #eventMessage}, {@link #routineMessage}). When the frame terminates
 * the maps are closed (every view fails with {@link FrameTerminatedException}) and an immutable
 * {@link FrameOutcome} is handed to {@code on_terminated}, yielded by the program when the frame
 * completed, and published under {@link #outcomeKey()} for the caller however it ended
 * ({@link #outcome}).
 *
 * <p>Immutable and thread-safe; each run of its program is a new frame with fresh maps.
 *
 * @param <R> the type of the routine's value
 */
public final class LifecycleFrame<R> {

    /** An unset hook: does nothing, and the loop skips it without building a step for it. */
    static final Function<Object, Program<?>> NOTHING = context -> Program.pure(null);

    private final String name;
    private final Function<? super RoutineContext, ? extends Program<R>> routine;
    private final Map<String, Object> environment;
    private final Map<String, Object> requests;
    private final Function<? super EventContext<R>, ? extends Program<?>> onOpen;
    private final Function<? super EventContext<R>, ? extends Program<?>> onStart;
    private final Function<? super EventContext<R>, ? extends Program<?>> onEnd;
    private final Function<? super EventContext<R>, ? extends Program<Boolean>> onRedo;
    private final Function<? super EventContext<R>, ? extends Program<?>> onCancel;
    private final Function<? super EventContext<R>, ? extends Program<?>> onClose;
    private final Function<? super FrameOutcome<R>, ? extends Program<?>> onTerminated;
    private final ErrorHandler<R> onException;
    private final Option<Duration> routineTimeout;

    private LifecycleFrame(Builder<R> builder) {
        this.name = builder.name;
        this.routine = builder.routine;
        this.environment = Map.copyOf(builder.environment);
        this.requests = Map.copyOf(builder.requests);
        this.onOpen = builder.onOpen;
        this.onStart = builder.onStart;
        this.onEnd = builder.onEnd;
        this.onRedo = builder.onRedo;
        this.onCancel = builder.onCancel;
        this.onClose = builder.onClose;
        this.onTerminated = builder.onTerminated;
        this.onException = builder.onException;
        this.routineTimeout = builder.routineTimeout;
    }

    /** A builder of a frame around {@code routine}, a program that reads and writes nothing of the frame's maps. */
    public static <R> Builder<R> builder(Program<R> routine) {
        Objects.requireNonNull(routine, "routine");
        return new Builder<>(context -> routine);
    }

    /** A builder of a frame around the routine {@code routine} builds from its context, once per iteration. */
    public static <R> Builder<R> builder(Function<? super RoutineContext, ? extends Program<R>> routine) {
        return new Builder<>(Objects.requireNonNull(routine, "routine"));
    }

    /**
     * The frame as a program: each run of it is a new frame instance, with fresh maps, that starts
     * once and yields its {@link FrameOutcome} when it completed.
     */
    public Program<FrameOutcome<R>> program() {
        return Program.defer(() -> new FrameRun<>(this).program());
    }

    /** The frame's name ({@code "frame"} unless the builder set one). */
    public String name() {
        return name;
    }

    /** The key the routine's message {@code key} is published under: {@code <name>/routine_message/<key>}. */
    public String routineMessageKey(String key) {
        return name + "/routine_message/" + Objects.requireNonNull(key, "key");
    }

    /** The key the hooks' message {@code key} is published under: {@code <name>/event_message/<key>}. */
    public String eventMessageKey(String key) {
        return name + "/event_message/" + Objects.requireNonNull(key, "key");
    }

    /** The key the frame's {@link FrameOutcome} is published under when it terminates: {@code <name>/outcome}. */
    public String outcomeKey() {
        return name + "/outcome";
    }

    /** The latest value the routine wrote under {@code key}, read from outside through the run's handle. */
    public <T> Option<T> routineMessage(RunHandle<?> run, String key, Class<T> type) {
        return Objects.requireNonNull(run, "run").published(routineMessageKey(key), type);
    }

    /** The latest value the hooks wrote under {@code key}, read from outside through the run's handle. */
    public <T> Option<T> eventMessage(RunHandle<?> run, String key, Class<T> type) {
        return Objects.requireNonNull(run, "run").published(eventMessageKey(key), type);
    }

    /** The frame's outcome, once it has terminated in {@code run}: completed, failed or cancelled alike. */
    @SuppressWarnings("unchecked")
    public Option<FrameOutcome<R>> outcome(RunHandle<?> run) {
        return Objects.requireNonNull(run, "run").published(outcomeKey(), FrameOutcome.class).map(found -> (FrameOutcome<R>) found);
    }

    Function<? super RoutineContext, ? extends Program<R>> routine() {
        return routine;
    }

    Map<String, Object> environment() {
        return environment;
    }

    Map<String, Object> requests() {
        return requests;
    }

    Function<? super EventContext<R>, ? extends Program<?>> onOpen() {
        return onOpen;
    }

    Function<? super EventContext<R>, ? extends Program<?>> onStart() {
        return onStart;
    }

    Function<? super EventContext<R>, ? extends Program<?>> onEnd() {
        return onEnd;
    }

    Function<? super EventContext<R>, ? extends Program<Boolean>> onRedo() {
        return onRedo;
    }

    Function<? super EventContext<R>, ? extends Program<?>> onCancel() {
        return onCancel;
    }

    Function<? super EventContext<R>, ? extends Program<?>> onClose() {
        return onClose;
    }

    Function<? super FrameOutcome<R>, ? extends Program<?>> onTerminated() {
        return onTerminated;
    }

    ErrorHandler<R> onException() {
        return onException;
    }

    Option<Duration> routineTimeout() {
        return routineTimeout;
    }

    @Override
    public String toString() {
        return "LifecycleFrame[" + name + "]";
    }

    /**
     * Collects a frame's settings; {@link #build()} makes the frame. Settings go before
     * {@code build()} only, and a builder builds once: a setting or a second {@code build()}
     * afterwards is an {@link IllegalStateException} (gpframe: settings only before start, a frame
     * starts once). A hook left unset does nothing; {@code on_redo} unset runs the routine once;
     * the error handler unset consumes nothing. Each hook is a program, or a function of the
     * hook's context to one, called when the hook is reached. Mutable, not thread-safe.
     *
     * @param <R> the type of the routine's value
     */
    public static final class Builder<R> {

        private final Function<? super RoutineContext, ? extends Program<R>> routine;
        private String name = "frame";
        private final Map<String, Object> environment = new LinkedHashMap<>();
        private final Map<String, Object> requests = new LinkedHashMap<>();
        private Function<? super EventContext<R>, ? extends Program<?>> onOpen = NOTHING;
        private Function<? super EventContext<R>, ? extends Program<?>> onStart = NOTHING;
        private Function<? super EventContext<R>, ? extends Program<?>> onEnd = NOTHING;
        private Function<? super EventContext<R>, ? extends Program<Boolean>> onRedo = context -> Program.pure(false);
        private Function<? super EventContext<R>, ? extends Program<?>> onCancel = NOTHING;
        private Function<? super EventContext<R>, ? extends Program<?>> onClose = NOTHING;
        private Function<? super FrameOutcome<R>, ? extends Program<?>> onTerminated = NOTHING;
        private ErrorHandler<R> onException = ErrorHandler.consumeNothing();
        private Option<Duration> routineTimeout = Option.none();
        private boolean built;

        private Builder(Function<? super RoutineContext, ? extends Program<R>> routine) {
            this.routine = routine;
        }

        /** The frame's name, shown in its errors and in the keys it publishes under. */
        public Builder<R> name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.contains("/")) {
                throw new IllegalArgumentException("a frame's name must be non-blank without '/', was '" + name + "'");
            }
            unbuilt("name");
            this.name = name;
            return this;
        }

        /** Puts {@code value} under {@code key} in the frame's environment, its read-only configuration. */
        public Builder<R> environment(String key, Object value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            unbuilt("environment");
            environment.put(key, value);
            return this;
        }

        /** Puts every entry of {@code values} in the frame's environment. */
        public Builder<R> environment(Map<String, ?> values) {
            Objects.requireNonNull(values, "values");
            unbuilt("environment");
            values.forEach(this::environment);
            return this;
        }

        /** A request the frame reads under {@code key} until the outside sends one itself. */
        public Builder<R> request(String key, Object value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            unbuilt("request");
            requests.put(key, value);
            return this;
        }

        /** {@code on_open}: once, before the loop. */
        public Builder<R> onOpen(Program<?> hook) {
            return onOpen(constant(hook));
        }

        /** {@code on_open}: once, before the loop. */
        public Builder<R> onOpen(Function<? super EventContext<R>, ? extends Program<?>> hook) {
            onOpen = set("onOpen", hook);
            return this;
        }

        /** {@code on_start}: at the start of each iteration. */
        public Builder<R> onStart(Program<?> hook) {
            return onStart(constant(hook));
        }

        /** {@code on_start}: at the start of each iteration. */
        public Builder<R> onStart(Function<? super EventContext<R>, ? extends Program<?>> hook) {
            onStart = set("onStart", hook);
            return this;
        }

        /** {@code on_end}: after the routine of each iteration. */
        public Builder<R> onEnd(Program<?> hook) {
            return onEnd(constant(hook));
        }

        /** {@code on_end}: after the routine of each iteration. */
        public Builder<R> onEnd(Function<? super EventContext<R>, ? extends Program<?>> hook) {
            onEnd = set("onEnd", hook);
            return this;
        }

        /** {@code on_redo}: last in each iteration; yields whether to run another. */
        public Builder<R> onRedo(Program<Boolean> hook) {
            Objects.requireNonNull(hook, "hook");
            return onRedo(context -> hook);
        }

        /** {@code on_redo}: last in each iteration; yields whether to run another. */
        public Builder<R> onRedo(Function<? super EventContext<R>, ? extends Program<Boolean>> hook) {
            onRedo = set("onRedo", hook);
            return this;
        }

        /** {@code on_cancel}: only when the frame is cancelled, before {@code on_close}. */
        public Builder<R> onCancel(Program<?> hook) {
            return onCancel(constant(hook));
        }

        /** {@code on_cancel}: only when the frame is cancelled, before {@code on_close}. */
        public Builder<R> onCancel(Function<? super EventContext<R>, ? extends Program<?>> hook) {
            onCancel = set("onCancel", hook);
            return this;
        }

        /** {@code on_close}: once, however the frame ends. */
        public Builder<R> onClose(Program<?> hook) {
            return onClose(constant(hook));
        }

        /** {@code on_close}: once, however the frame ends. */
        public Builder<R> onClose(Function<? super EventContext<R>, ? extends Program<?>> hook) {
            onClose = set("onClose", hook);
            return this;
        }

        /** {@code on_terminated}: last of all, with the frame's outcome (the maps are closed by then). */
        public Builder<R> onTerminated(Function<? super FrameOutcome<R>, ? extends Program<?>> hook) {
            onTerminated = set("onTerminated", hook);
            return this;
        }

        /** The one exception handler; see {@link ErrorHandler}. */
        public Builder<R> onException(ErrorHandler<R> handler) {
            onException = set("onException", handler);
            return this;
        }

        /**
         * Gives each run of the routine {@code timeout} of the run's clock: when it passes, the
         * routine's work is cancelled and the routine fails with {@link RoutineTimeoutException}
         * (which the handler may consume). The routine races a timer in a parallel block, so the
         * executor must run two branches at once ({@code parallelize(2)} or more); with one at a
         * time the routine never starts and the error says so.
         */
        public Builder<R> routineTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a routine timeout must be positive, was " + timeout);
            }
            unbuilt("routineTimeout");
            routineTimeout = Option.some(timeout);
            return this;
        }

        /** The frame; this builder takes no more settings afterwards. */
        public LifecycleFrame<R> build() {
            if (built) {
                throw new IllegalStateException("this builder already built frame '" + name + "': a builder builds once");
            }
            built = true;
            return new LifecycleFrame<>(this);
        }

        private <T> T set(String setting, T value) {
            Objects.requireNonNull(value, setting);
            unbuilt(setting);
            return value;
        }

        private void unbuilt(String setting) {
            if (built) {
                throw new IllegalStateException("frame '" + name + "' is already built: " + setting
                        + " must be set before build(), settings cannot change a built frame");
            }
        }

        private static <C> Function<C, Program<?>> constant(Program<?> hook) {
            Objects.requireNonNull(hook, "hook");
            return context -> hook;
        }
    }
}
