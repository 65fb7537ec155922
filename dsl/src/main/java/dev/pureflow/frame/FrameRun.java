package dev.pureflow.frame;

import dev.pureflow.FatalErrorException;
import dev.pureflow.Program;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One run of a {@link LifecycleFrame}: its maps, its contexts, and the program that walks the
 * hooks in gpframe's order. A new one is made each time the frame's program is interpreted, so a
 * frame is a value that may run any number of times, each run with fresh maps.
 *
 * <p>The shape: a bracket whose use is {@code on_open} and the redo loop, and whose release
 * (which runs on success, failure and cancellation, with cancellation masked) is {@code on_cancel}
 * if the use was cancelled, {@code on_close}, termination of the maps, and {@code on_terminated}.
 * Each step of the use fails into the one error handler. Thread-safe where it is shared (the maps,
 * under the frame's lock); the loop's own fields are touched only by the thread interpreting it.
 *
 * @param <R> the type of the routine's value
 */
final class FrameRun<R> {

    private final LifecycleFrame<R> frame;
    private final FrameState state;
    private final LocalMessageMap environment;
    private final RequestMap request;
    private final LocalMessageMap eventMessage;
    private final LocalMessageMap routineMessage;
    private final EventContext<R> eventContext;
    private final RoutineContext routineContext;
    // written by the interpreting thread; read by contexts under the frame's lock
    private Option<Try<R>> routineResult = Option.none();
    // how the use part ended; null after the use means it was cancelled
    private FrameEnd end;
    private FrameOutcome<R> outcome;
    private final List<Throwable> finalErrors = new ArrayList<>();

    FrameRun(LifecycleFrame<R> frame) {
        this.frame = frame;
        this.state = new FrameState(frame.name());
        this.environment = new LocalMessageMap("environment", state, frame.environment(), (key, value) -> Program.pure(null));
        this.request = new RequestMap(state, frame.requests());
        this.eventMessage = new LocalMessageMap("event_message", state, java.util.Map.of(),
                (key, value) -> Program.publish(frame.eventMessageKey(key), value));
        this.routineMessage = new LocalMessageMap("routine_message", state, java.util.Map.of(),
                (key, value) -> Program.publish(frame.routineMessageKey(key), value));
        this.eventContext = new EventContext<>(state, environment.readOnly(), request, eventMessage, routineMessage.readOnly(),
                () -> state.whileOpen("context", () -> routineResult));
        this.routineContext = new RoutineContext(state, environment.readOnly(), request, eventMessage.readOnly(), routineMessage);
    }

    Program<FrameOutcome<R>> program() {
        return Program.bracket(Program.pure(this), self -> lifecycle(), self -> finish()).map(done -> outcome);
    }

    // ---------------------------------------------------------------------------------------------
    // The use: on_open, then the loop

    private Program<Void> lifecycle() {
        return guarded(Hook.ON_OPEN, frame.onOpen())
                .andThen(loop())
                .map(done -> {
                    end = new FrameEnd.Completed();
                    return done;
                })
                .recoverWith(error -> {
                    end = new FrameEnd.Failed(error); // never the run's cancellation: no handler sees that
                    return Program.fail(error);
                });
    }

    /** The redo loop, in constant stack and memory however many times it goes round. */
    private Program<Void> loop() {
        return Program.tailRec(0L, iteration -> iteration()
                .map(again -> again ? Either.<Long, Void>left(iteration + 1) : Either.<Long, Void>right(null)));
    }

    private Program<Boolean> iteration() {
        return guarded(Hook.ON_START, frame.onStart())
                .andThen(routine())
                .andThen(guarded(Hook.ON_END, frame.onEnd()))
                .andThen(redo());
    }

    /** The routine: its own errors go to the handler unwrapped; its result (value or error) is kept. */
    private Program<Void> routine() {
        Program<R> routine = withTimeout(Program.defer(() -> frame.routine().apply(routineContext)));
        return routine.attempt().flatMap(result -> {
            state.whileOpen("context", () -> routineResult = Option.some(result));
            return result.isSuccess() ? Program.<Void>pure(null) : handled(FatalErrorException.unwrapped(result.getCause()));
        });
    }

    /**
     * {@code on_redo}'s decision. A failure the handler consumes ends the loop: there is no
     * decision to go on with, and reusing an earlier one can loop forever (gpframe 0.0.13 does).
     */
    private Program<Boolean> redo() {
        return Program.defer(() -> frame.onRedo().apply(eventContext))
                .map(again -> Objects.requireNonNull(again, "on_redo yielded null instead of true or false"))
                .recoverWith(error -> handled(new HookFailedException(Hook.ON_REDO, frame.name(), error)).map(consumed -> false));
    }

    /** Runs {@code hook}; its failure, named after the hook, goes to the handler. */
    private Program<Void> guarded(Hook hook, Function<? super EventContext<R>, ? extends Program<?>> body) {
        if (body == LifecycleFrame.NOTHING) {
            return Program.pure(null); // an unset hook: a long loop need not pay for it
        }
        return Program.<Object>defer(() -> widen(body.apply(eventContext)))
                .<Void>map(value -> null)
                .recoverWith(error -> handled(new HookFailedException(hook, frame.name(), error)));
    }

    /**
     * Hands {@code error} to the handler: consumed, the frame goes on; not consumed, the frame
     * fails with {@code error} itself. A failing handler does not consume, its error is suppressed
     * in {@code error}, and it is never handed to the handler again.
     */
    private Program<Void> handled(Throwable error) {
        return Program.defer(() -> frame.onException().handle(eventContext, error))
                .attempt()
                .flatMap(decision -> {
                    if (decision.isSuccess() && Boolean.TRUE.equals(decision.get())) {
                        return Program.pure(null);
                    }
                    if (decision.isFailure() && FatalErrorException.unwrapped(decision.getCause()) != error) {
                        error.addSuppressed(FatalErrorException.unwrapped(decision.getCause()));
                    }
                    return Program.fail(error);
                });
    }

    /**
     * The routine raced against a sleep of the routine timeout on the run's clock, as one parallel
     * block: whichever fails first cancels the other, so a routine that runs too long has its work
     * cancelled. The routine's value leaves the block as a {@link Finished} failure, which is
     * what ends the block (and the timer) at once.
     */
    private Program<R> withTimeout(Program<R> routine) {
        if (frame.routineTimeout().isEmpty()) {
            return routine;
        }
        Duration timeout = frame.routineTimeout().get();
        AtomicBoolean started = new AtomicBoolean();
        Program<R> timer = Program.sleep(timeout).andThen(Program.defer(() -> Program.fail(new RoutineTimeoutException(
                frame.name(), timeout, started.get() ? "" : " (it never started: the executor runs parallel branches"
                        + " one at a time, and a routine timeout races the routine against a timer: add parallelize(2))"))));
        Program<R> work = Program.defer(() -> {
            started.set(true);
            return routine;
        }).flatMap(value -> Program.fail(new Finished(value)));
        return Program.parallel(timer, work)
                .<R>map(impossible -> {
                    throw new IllegalStateException("a routine's race ended without a winner");
                })
                .recoverWith(error -> error instanceof Finished finished ? Program.pure(finished.<R>value()) : Program.fail(error));
    }

    /** Carries the routine's value out of its race with the timer; never seen outside. */
    private static final class Finished extends RuntimeException {
        private final transient Object value;

        Finished(Object value) {
            super("the routine finished", null, false, false);
            this.value = value;
        }

        @SuppressWarnings("unchecked")
        <R> R value() {
            return (R) value;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The release: on_cancel (if cancelled), on_close, termination, on_terminated; all of them run

    private Program<Void> finish() {
        return Program.defer(() -> end == null ? collected(guarded(Hook.ON_CANCEL, frame.onCancel())) : Program.<Void>pure(null))
                .andThen(collected(guarded(Hook.ON_CLOSE, frame.onClose())))
                .andThen(Program.defer(this::terminate))
                .andThen(collected(Program.<Object>defer(() -> widen(frame.onTerminated().apply(outcome)))
                        .recoverWith(error -> Program.fail(new HookFailedException(Hook.ON_TERMINATED, frame.name(), error)))))
                .andThen(Program.defer(this::finalErrors));
    }

    /** {@code step}, with a failure kept for the end rather than stopping what must still run. */
    private Program<Void> collected(Program<?> step) {
        return step.attempt().map(tried -> {
            tried.onFailure(error -> finalErrors.add(FatalErrorException.unwrapped(error)));
            return null;
        });
    }

    /** Takes the snapshot, closes every view, and publishes the outcome for the caller. */
    private Program<Void> terminate() {
        FrameEnd ending = end == null
                ? new FrameEnd.Cancelled()
                : end instanceof FrameEnd.Completed && !finalErrors.isEmpty() ? new FrameEnd.Failed(finalErrors.get(0)) : end;
        outcome = state.terminate(() -> new FrameOutcome<>(frame.name(), environment.snapshotUnderLock(),
                request.snapshotUnderLock(), eventMessage.snapshotUnderLock(), routineMessage.snapshotUnderLock(),
                routineResult, ending));
        return Program.publish(frame.outcomeKey(), outcome);
    }

    /** A hook's program as one of objects: a hook's value is never used, only its outcome. */
    @SuppressWarnings("unchecked")
    private static Program<Object> widen(Program<?> program) {
        return (Program<Object>) program;
    }

    /** Fails with the first error of the hooks run at the end, if any, the others suppressed in it. */
    private Program<Void> finalErrors() {
        if (finalErrors.isEmpty()) {
            return Program.pure(null);
        }
        Throwable first = finalErrors.get(0);
        finalErrors.subList(1, finalErrors.size()).forEach(first::addSuppressed);
        return Program.fail(first);
    }
}
