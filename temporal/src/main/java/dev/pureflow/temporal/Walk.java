package dev.pureflow.temporal;

import dev.pureflow.Action;
import dev.pureflow.BuiltIn;
import dev.pureflow.Loop;
import dev.pureflow.MessageTypeException;
import dev.pureflow.Program;
import dev.pureflow.combinators.ActionTimeoutException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Interprets a {@link Program} on a Temporal workflow thread: a loop over an explicit stack of
 * frames, so the Java stack does not grow with the number of binds. Each performed action is an
 * activity named after the action's class, with the step's key as its activity id; a parallel block
 * is one {@link Async#function} per branch; acquisitions and releases of brackets run in detached
 * scopes, so a cancelled flow still releases. The first {@link Loop} of the top level is the run
 * chain's: after so many iterations the run continues as new and the next one resumes the loop
 * (see {@link RunChain}); other loops run as plain loops. Nothing here uses threads, locks, wall time
 * or randomness, so a walk replays to the same commands from the same history.
 *
 * <p>Confined to the workflow thread that created it.
 */
final class Walk {

    /** Whether a walk is the run's top level, where the chain's loop may be (see {@link RunChain}). */
    private enum Level { TOP, INNER }

    private final WalkContext context;
    private final RunMailbox mailbox;
    private final RunChain chain;
    private final StepPath path;
    private final Level level;
    private final PayloadCodec codec = PayloadCodec.INSTANCE;

    private Walk(WalkContext context, RunMailbox mailbox, RunChain chain, StepPath path, Level level) {
        this.context = context;
        this.mailbox = mailbox;
        this.chain = chain;
        this.path = path;
        this.level = level;
    }

    /** The walk of a run's top level, on path {@code main}. */
    static Walk top(WalkContext context, RunMailbox mailbox, RunChain chain) {
        return new Walk(context, mailbox, chain, StepPath.main(), Level.TOP);
    }

    /** A walk inside this one (a branch, a release, a direct body) on {@code path}. */
    private Walk inner(StepPath innerPath) {
        return new Walk(context, mailbox, chain, innerPath, Level.INNER);
    }

    /** What the stack holds between a node and its value. */
    private sealed interface Frame {
        /** A continuation of a bind, waiting for its source's value. */
        record Then(Function<Object, Program<?>> continuation) implements Frame {}

        /** An error handler, waiting for its body's error. */
        record Catch(Function<Throwable, Program<?>> handler) implements Frame {}

        /** An acquired resource, released whatever the use ends with. */
        record Release(Object resource, Function<Object, Program<?>> release) implements Frame {}

        /**
         * A {@link Loop}, waiting for an iteration's next state or value; {@code chained} if it is the
         * run chain's loop, which continues as new after so many iterations.
         */
        record Repeat(Loop<Object, Object> loop, String key, boolean chained) implements Frame {}
    }

    /**
     * The program's value, or its error. A cancellation of the workflow is a {@link CanceledFailure}.
     * An {@code Either}, not vavr's {@code Try}: {@code Try.failure} throws an
     * {@link InterruptedException} instead of holding it, and one thrown out of the workflow method
     * fails its workflow task, which Temporal retries forever.
     */
    @SuppressWarnings("unchecked")
    Either<Throwable, Object> run(Program<?> program) {
        Deque<Frame> frames = new ArrayDeque<>();
        Program<?> current = program;
        Object value = null;
        Throwable error = null;
        while (true) {
            if (current != null) {
                Program<?> node = current;
                current = null;
                try {
                    switch (node) {
                        case Program.Pure<?> pure -> value = pure.value();
                        case Program.Fail<?> fail -> error = fail.error();
                        case Program.Perform<?> perform -> value = perform(perform.action());
                        case Program.FlatMap<?, ?> flatMap -> {
                            frames.push(new Frame.Then((Function<Object, Program<?>>) flatMap.continuation()));
                            current = flatMap.source();
                        }
                        case Program.Recover<?> recover -> {
                            frames.push(new Frame.Catch((Function<Throwable, Program<?>>) recover.handler()));
                            current = recover.body();
                        }
                        case Program.Defer<?> defer -> current = defer.thunk() instanceof Loop<?, ?> loop
                                ? startLoop((Loop<Object, Object>) loop, frames)
                                : requireProgram(defer.thunk().get());
                        case Program.Bracket<?, ?> bracket -> {
                            Object resource = uncancellable(bracket.acquire()).get();
                            frames.push(new Frame.Release(resource, (Function<Object, Program<?>>) bracket.release()));
                            current = requireProgram(((Function<Object, Program<?>>) bracket.use()).apply(resource));
                        }
                        case Program.Parallel<?> parallel -> value = parallel((Program.Parallel<Object>) parallel);
                        case Program.Direct<?> direct -> value = direct(direct.body());
                    }
                } catch (Throwable thrown) {
                    error = userError(thrown);
                }
                if (current != null) {
                    continue;
                }
            }
            // a value or an error: hand it to the frames until one of them builds the next program
            if (frames.isEmpty()) {
                return error == null ? Either.right(value) : Either.left(error);
            }
            Frame frame = frames.pop();
            try {
                switch (frame) {
                    case Frame.Then then -> {
                        if (error == null) {
                            current = requireProgram(then.continuation().apply(value));
                        }
                    }
                    case Frame.Catch handle -> {
                        if (error != null && !isCancellation(error)) {
                            Throwable caught = error;
                            error = null;
                            current = requireProgram(handle.handler().apply(caught));
                        }
                    }
                    case Frame.Repeat repeat -> {
                        if (error == null) {
                            current = repeated(repeat, (Either<Object, Object>) value, frames);
                            if (current == null) {
                                value = ((Either<Object, Object>) value).get();
                            }
                        }
                    }
                    case Frame.Release release -> {
                        Either<Throwable, Object> released = uncancellable(requireProgram(release.release().apply(release.resource())));
                        if (released.isLeft()) {
                            if (error == null) {
                                error = released.getLeft();
                            } else if (error != released.getLeft()) {
                                error.addSuppressed(released.getLeft());
                            }
                        }
                    }
                }
            } catch (Throwable thrown) {
                error = userError(thrown);
            }
        }
    }

    /** Runs {@code program} on this path in a detached scope: the workflow's cancellation does not reach it. */
    Either<Throwable, Object> uncancellable(Program<?> program) {
        List<Either<Throwable, Object>> outcome = new ArrayList<>(1);
        Workflow.newDetachedCancellationScope(() -> outcome.add(inner(path).run(program))).run();
        return outcome.get(0);
    }

    /**
     * The first iteration of {@code loop}, with the loop's frame pushed. The first loop of the top
     * level is the run chain's: it may start from the state a run before this one saved.
     */
    private Program<?> startLoop(Loop<Object, Object> loop, Deque<Frame> frames) {
        String key = path.key(path.peekOrdinal());
        boolean chained = level == Level.TOP && chain.takesLoop();
        Object state = chained ? chain.stateAt(loop, key, path) : loop.initial();
        frames.push(new Frame.Repeat(loop, key, chained));
        return loop.iteration(state);
    }

    /**
     * The next iteration after one yielded {@code next}, with the loop's frame pushed again, or null
     * when the loop is done; the chain's loop continues as new when it is due.
     */
    private Program<?> repeated(Frame.Repeat repeat, Either<Object, Object> next, Deque<Frame> frames) {
        if (next == null) {
            throw new NullPointerException("an iteration of loop '" + repeat.loop().name() + "' yielded null instead of Either");
        }
        if (next.isRight()) {
            return null;
        }
        if (repeat.chained() && chain.dueToContinue()) {
            chain.continueAsNew(repeat.loop(), repeat.key(), next.getLeft(), path, mailbox);
        }
        frames.push(repeat);
        return repeat.loop().iteration(next.getLeft());
    }

    /**
     * The action carried out by the activity named after its class; a built-in action answered by
     * the workflow; in a run that continues another, a step before the chain's loop answered as it
     * was the first time. Before the chain's loop, each outcome is kept for such runs.
     */
    Object perform(Action<?> action) {
        String key = path.key(path.nextOrdinal());
        long number = chain.nextStep();
        if (chain.phase() == RunChain.Phase.REPLAYING) {
            return replayed(key, action);
        }
        try {
            return action instanceof BuiltIn<?> builtIn ? answer(key, builtIn) : carriedOut(key, number, action);
        } catch (Throwable error) {
            if (!(error instanceof Error)) { // Temporal's own thread-ending errors are no outcome
                chain.record(key, new Resumption.Recorded(action.getClass().getName(), null, null, codec.encodeError(error)));
            }
            throw Unchecked.thrown(error);
        }
    }

    private Object carriedOut(String key, long number, Action<?> action) {
        String json = codec.encodeAction(action);
        int size = PayloadCodec.sizeOf(json);
        if (size > PayloadTooLargeException.LIMIT_BYTES) {
            throw new PayloadTooLargeException("step " + key + " " + action.getClass().getName() + " is " + size
                    + " bytes of JSON, over Temporal's payload limit of " + PayloadTooLargeException.LIMIT_BYTES
                    + " bytes; pass large data by reference (a file, a blob key) instead");
        }
        String answer;
        try {
            answer = Workflow.newUntypedActivityStub(context.activityOptions())
                    .execute(action.getClass().getName(), String.class, json, key, number);
        } catch (ActivityFailure failure) {
            throw errorOf(failure, action);
        }
        chain.record(key, new Resumption.Recorded(action.getClass().getName(), answer, null, null));
        return codec.decodeAnswer(action.getClass(), answer);
    }

    /** What step {@code key} gave in the run that performed it; its error thrown again. */
    private Object replayed(String key, Action<?> action) {
        Resumption.Recorded recorded = chain.recorded(key, action);
        if (recorded.error() != null) {
            throw Unchecked.thrown(codec.decodeError(recorded.error()));
        }
        if (!(action instanceof BuiltIn<?> builtIn)) {
            return codec.decodeAnswer(action.getClass(), recorded.answer());
        }
        return switch (builtIn) {
            case BuiltIn.Sleep sleep -> null;
            case BuiltIn.Publish publish -> null; // the published values came over with the run's mailbox
            case BuiltIn.Now now -> codec.decode(recorded.answer(), Instant.class);
            case BuiltIn.ReadMessage<?> read -> message(read.key(), read.type(), Option.of(recorded.message()));
            case BuiltIn.AwaitMessage<?> await -> message(await.key(), await.type(), Option.of(recorded.message()));
        };
    }

    /**
     * A built-in action, answered the Temporal way: a sleep is a durable timer, the time is the
     * workflow's, messages are what signals brought, published values are what queries read.
     */
    private Object answer(String key, BuiltIn<?> builtIn) {
        String type = builtIn.getClass().getName();
        return switch (builtIn) {
            case BuiltIn.Sleep sleep -> {
                Workflow.sleep(sleep.duration());
                chain.record(key, new Resumption.Recorded(type, null, null, null));
                yield null;
            }
            case BuiltIn.Now now -> {
                Instant time = Instant.ofEpochMilli(Workflow.currentTimeMillis());
                chain.record(key, new Resumption.Recorded(type, codec.encode(time), null, null));
                yield time;
            }
            case BuiltIn.ReadMessage<?> read -> read(key, type, read.key(), read.type());
            case BuiltIn.AwaitMessage<?> await -> {
                Workflow.await(await.timeout(), () -> mailbox.hasMessage(await.key()));
                yield read(key, type, await.key(), await.type());
            }
            case BuiltIn.Publish publish -> {
                mailbox.publish(publish.key(), new RunMailbox.Sent(publish.value().getClass().getName(), codec.encode(publish.value())));
                chain.record(key, new Resumption.Recorded(type, null, null, null));
                yield null;
            }
        };
    }

    /** The latest message under {@code messageKey} as a {@code type}, kept as step {@code key} read it. */
    private Option<Object> read(String key, String actionType, String messageKey, Class<?> type) {
        Option<RunMailbox.Sent> sent = mailbox.message(messageKey);
        Option<Object> found = message(messageKey, type, sent);
        chain.record(key, new Resumption.Recorded(actionType, null, sent.getOrNull(), null));
        return found;
    }

    /** The message {@code sent} under {@code key} as a {@code type}; another type fails the step, naming both. */
    private Option<Object> message(String key, Class<?> type, Option<RunMailbox.Sent> sent) {
        if (sent.isEmpty()) {
            return Option.none();
        }
        Class<?> actual = PayloadCodec.load(sent.get().type());
        if (!type.isAssignableFrom(actual)) {
            throw new MessageTypeException("message", key, type, actual); // as the in-process runner's mailbox
        }
        return Option.some(codec.decode(sent.get().json(), type));
    }

    /** The error a failed activity stands for, as the flow sees it. */
    private RuntimeException errorOf(ActivityFailure failure, Action<?> action) {
        return switch (failure.getCause()) {
            case CanceledFailure cancelled -> cancelled;
            case ApplicationFailure application -> Unchecked.thrown(RemoteErrors.rebuild(application));
            case TimeoutFailure timedOut -> Unchecked.thrown(new ActionTimeoutException(action, context.options().actionTimeout()));
            case null, default -> failure;
        };
    }

    /**
     * The branches, one {@link Async#function} each, at most the executor's parallelism at once. The
     * first branch to fail cancels the others; every branch's promise is awaited (never
     * {@code Promise.allOf}, which overlooks a promise that failed before it was called).
     */
    private io.vavr.collection.List<Object> parallel(Program.Parallel<Object> block) {
        int ordinal = path.nextOrdinal();
        io.vavr.collection.List<Program<Object>> branches = block.branches();
        if (branches.isEmpty()) {
            return io.vavr.collection.List.empty();
        }
        int limit = context.parallelism();
        int[] finished = {0};
        List<Throwable> failures = new ArrayList<>();
        List<Promise<Either<Throwable, Object>>> promises = new ArrayList<>(branches.size());
        CancellationScope[] scope = new CancellationScope[1];
        scope[0] = Workflow.newCancellationScope(() -> {
            for (int i = 0; i < branches.size(); i++) {
                int index = i;
                Program<Object> branch = branches.get(i);
                promises.add(Async.function(() -> runBranch(branch, path.branch(ordinal, index), index, limit, finished, failures, scope[0])));
            }
        });
        scope[0].run();
        List<Object> values = new ArrayList<>(branches.size());
        Throwable cancelled = null;
        for (Promise<Either<Throwable, Object>> promise : promises) {
            Either<Throwable, Object> outcome = promise.get();
            if (outcome.isRight()) {
                values.add(outcome.get());
            } else if (isCancellation(outcome.getLeft()) && cancelled == null) {
                cancelled = outcome.getLeft();
            }
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw Unchecked.thrown(first);
        }
        if (cancelled != null) {
            throw Unchecked.thrown(cancelled);
        }
        return io.vavr.collection.List.ofAll(values);
    }

    private Either<Throwable, Object> runBranch(Program<Object> branch, StepPath branchPath, int index, int limit, int[] finished,
            List<Throwable> failures, CancellationScope scope) {
        try {
            // branch i may start once all but limit - 1 of the branches before it have finished
            Workflow.await(() -> index < finished[0] + limit);
        } catch (CanceledFailure cancelled) {
            finished[0]++;
            return Either.left(cancelled);
        }
        Either<Throwable, Object> outcome = inner(branchPath).run(branch);
        finished[0]++;
        if (outcome.isLeft() && !isCancellation(outcome.getLeft())) {
            failures.add(outcome.getLeft());
            scope.cancel();
        }
        return outcome;
    }

    /** A direct-style body, run right here on the workflow thread. */
    private Object direct(dev.pureflow.Flow.Body<?> body) throws Exception {
        WorkflowFlow flow = new WorkflowFlow(this, Thread.currentThread());
        try {
            return body.run(flow);
        } finally {
            flow.end();
        }
    }

    /** A walk of a nested program on this same path: a direct body's steps take ordinals here. */
    Walk nested() {
        return inner(path);
    }

    /** Whether {@code error} is the workflow's (or a scope's) cancellation, which no handler may catch. */
    static boolean isCancellation(Throwable error) {
        return error instanceof CanceledFailure;
    }

    /** {@code thrown} as the flow's error; Temporal's own thread-ending errors go on up. */
    static Throwable userError(Throwable thrown) {
        if (thrown instanceof Error fatal && fatal.getClass().getName().startsWith("io.temporal.")) {
            throw fatal;
        }
        return thrown;
    }

    private static Program<?> requireProgram(Program<?> program) {
        if (program == null) {
            throw new NullPointerException("a function of the flow returned null instead of a program");
        }
        return program;
    }
}
