package dev.pureflow.temporal;

import dev.pureflow.Action;
import dev.pureflow.BuiltIn;
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
import io.vavr.control.Option;
import io.vavr.control.Try;
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
 * scopes, so a cancelled flow still releases. Nothing here uses threads, locks, wall time or
 * randomness, so a walk replays to the same commands from the same history.
 *
 * <p>Confined to the workflow thread that created it.
 */
final class Walk {

    private final WalkContext context;
    private final RunMailbox mailbox;
    private final StepPath path;
    private final PayloadCodec codec = PayloadCodec.INSTANCE;

    Walk(WalkContext context, RunMailbox mailbox, StepPath path) {
        this.context = context;
        this.mailbox = mailbox;
        this.path = path;
    }

    /** What the stack holds between a node and its value. */
    private sealed interface Frame {
        /** A continuation of a bind, waiting for its source's value. */
        record Then(Function<Object, Program<?>> continuation) implements Frame {}

        /** An error handler, waiting for its body's error. */
        record Catch(Function<Throwable, Program<?>> handler) implements Frame {}

        /** An acquired resource, released whatever the use ends with. */
        record Release(Object resource, Function<Object, Program<?>> release) implements Frame {}
    }

    /** The program's value, or its error. A cancellation of the workflow is a {@link CanceledFailure}. */
    @SuppressWarnings("unchecked")
    Try<Object> run(Program<?> program) {
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
                        case Program.Defer<?> defer -> current = requireProgram(defer.thunk().get());
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
                return error == null ? Try.success(value) : Try.failure(error);
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
                    case Frame.Release release -> {
                        Try<Object> released = uncancellable(requireProgram(release.release().apply(release.resource())));
                        if (released.isFailure()) {
                            if (error == null) {
                                error = released.getCause();
                            } else if (error != released.getCause()) {
                                error.addSuppressed(released.getCause());
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
    Try<Object> uncancellable(Program<?> program) {
        List<Try<Object>> outcome = new ArrayList<>(1);
        Workflow.newDetachedCancellationScope(() -> outcome.add(new Walk(context, mailbox, path).run(program))).run();
        return outcome.get(0);
    }

    /** The action carried out by the activity named after its class; a built-in action answered by the workflow. */
    Object perform(Action<?> action) {
        String key = path.key(path.nextOrdinal());
        if (action instanceof BuiltIn<?> builtIn) {
            return answer(builtIn);
        }
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
                    .execute(action.getClass().getName(), String.class, json, key);
        } catch (ActivityFailure failure) {
            throw errorOf(failure, action);
        }
        return codec.decodeAnswer(action.getClass(), answer);
    }

    /**
     * A built-in action, answered the Temporal way: a sleep is a durable timer, the time is the
     * workflow's, messages are what signals brought, published values are what queries read.
     */
    private Object answer(BuiltIn<?> builtIn) {
        return switch (builtIn) {
            case BuiltIn.Sleep sleep -> {
                Workflow.sleep(sleep.duration());
                yield null;
            }
            case BuiltIn.Now now -> Instant.ofEpochMilli(Workflow.currentTimeMillis());
            case BuiltIn.ReadMessage<?> read -> message(read.key(), read.type());
            case BuiltIn.AwaitMessage<?> await -> {
                Workflow.await(await.timeout(), () -> mailbox.hasMessage(await.key()));
                yield message(await.key(), await.type());
            }
            case BuiltIn.Publish publish -> {
                mailbox.publish(publish.key(), new RunMailbox.Sent(publish.value().getClass().getName(), codec.encode(publish.value())));
                yield null;
            }
        };
    }

    /** The latest message under {@code key} as a {@code type}; another type fails the step, naming both. */
    private Option<Object> message(String key, Class<?> type) {
        Option<RunMailbox.Sent> sent = mailbox.message(key);
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
        List<Promise<Try<Object>>> promises = new ArrayList<>(branches.size());
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
        for (Promise<Try<Object>> promise : promises) {
            Try<Object> outcome = promise.get();
            if (outcome.isSuccess()) {
                values.add(outcome.get());
            } else if (isCancellation(outcome.getCause()) && cancelled == null) {
                cancelled = outcome.getCause();
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

    private Try<Object> runBranch(Program<Object> branch, StepPath branchPath, int index, int limit, int[] finished,
            List<Throwable> failures, CancellationScope scope) {
        try {
            // branch i may start once all but limit - 1 of the branches before it have finished
            Workflow.await(() -> index < finished[0] + limit);
        } catch (CanceledFailure cancelled) {
            finished[0]++;
            return Try.failure(cancelled);
        }
        Try<Object> outcome = new Walk(context, mailbox, branchPath).run(branch);
        finished[0]++;
        if (outcome.isFailure() && !isCancellation(outcome.getCause())) {
            failures.add(outcome.getCause());
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
        return new Walk(context, mailbox, path);
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
