package dev.pureflow.observability.tracing;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Combinator;
import dev.pureflow.Program;
import dev.pureflow.Redaction;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.Step;
import dev.pureflow.StepListener;
import dev.pureflow.combinators.RetryPolicy;
import dev.pureflow.observability.Outcome;
import dev.pureflow.observability.RetryObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Traces runs with OpenTelemetry: a span per run, a child span per step named after the action's
 * type ({@code Fetch}), a {@code parallel} span per parallel block with a {@code branch} span per
 * branch under it, so the branches' steps are siblings under their block.
 *
 * <pre>{@code
 * PureflowTracing tracing = PureflowTracing.of(openTelemetry);
 * Executor executor = base.with(tracing.retried(RetryPolicy.DEFAULT, Clock.system()));
 * tracing.start(Runner.of(executor), "greeting", flow).await();
 * }</pre>
 *
 * <p>Attributes: {@code pureflow.run.id} on every span; on a step's, {@code pureflow.step.key}
 * (branch path and step), {@code pureflow.branch}, {@code pureflow.action} (the action as the
 * {@link Redaction} shows it), {@code pureflow.outcome}, and on failure {@code error.type} (the
 * error's class) with an error status whose description is the message, redacted.
 *
 * <p>Retries are span events ({@code retry}: attempt number and error type) on the step's span,
 * with {@code pureflow.attempts} set when the step ends, not a span per attempt: a step's span then
 * stands for exactly one step of the run, as recordings and the journal count them, and covers its
 * back-off waits too. Use {@link #retried} where {@code retried} would go.
 *
 * <p>Context: while the executor carries out a step, the step's span is current on its thread, so a
 * span the executor starts (an HTTP client call) is the step span's child. The run's context reaches
 * its threads through the run's clock ({@link #start} wraps it). Thread-safe.
 */
public final class PureflowTracing implements StepListener {

    /** The run's id (made by {@link #start}). */
    public static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("pureflow.run.id");
    /** The step's key: its branch path and its place there. */
    public static final AttributeKey<String> STEP_KEY = AttributeKey.stringKey("pureflow.step.key");
    /** The branch the step ran in ({@code main}, {@code main/2/0}, ...). */
    public static final AttributeKey<String> BRANCH = AttributeKey.stringKey("pureflow.branch");
    /** The action, as the redaction shows it. */
    public static final AttributeKey<String> ACTION = AttributeKey.stringKey("pureflow.action");
    /** {@code success}, {@code failure}, {@code timeout} or {@code cancelled}. */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("pureflow.outcome");
    /** The failure's class name (OpenTelemetry's semantic convention). */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    /** The flow's name, on the run's span. */
    public static final AttributeKey<String> FLOW = AttributeKey.stringKey("pureflow.flow");
    /** How many attempts a retried step took. */
    public static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("pureflow.attempts");
    /** A retry event's attempt number (the attempt that failed). */
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("pureflow.attempt");

    private final Tracer tracer;
    private final Redaction redaction;
    /** The steps open on this thread, innermost first: started and finished run on the executor's thread. */
    private final ThreadLocal<OpenStep> open = new ThreadLocal<>();

    private record OpenStep(Step step, Span span, Scope scope, TracedRun run, OpenStep outer) {}

    private PureflowTracing(Tracer tracer, Redaction redaction) {
        this.tracer = tracer;
        this.redaction = redaction;
    }

    /** Tracing with {@code openTelemetry}'s tracer {@code dev.pureflow}, actions shown with {@link Redaction#DEFAULT}. */
    public static PureflowTracing of(OpenTelemetry openTelemetry) {
        return of(Objects.requireNonNull(openTelemetry, "openTelemetry").getTracer("dev.pureflow"));
    }

    /** Tracing with {@code tracer}, actions shown with {@link Redaction#DEFAULT}. */
    public static PureflowTracing of(Tracer tracer) {
        return new PureflowTracing(Objects.requireNonNull(tracer, "tracer"), Redaction.DEFAULT);
    }

    /** This tracing showing actions and error messages with {@code redaction}. */
    public PureflowTracing redaction(Redaction redaction) {
        return new PureflowTracing(tracer, Objects.requireNonNull(redaction, "redaction"));
    }

    /**
     * Starts {@code program} on {@code runner} under a new span named {@code flowName} (a child of
     * the calling thread's current span, if any), with a child span per step. A run that returns or
     * fails ends its span before its handle completes; a cancelled or timed-out one as its handle
     * completes.
     */
    public <A> RunHandle<A> start(Runner runner, String flowName, Program<A> program) {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(flowName, "flowName");
        Objects.requireNonNull(program, "program");
        String id = UUID.randomUUID().toString();
        Span span = tracer.spanBuilder(flowName).setAttribute(FLOW, flowName).setAttribute(RUN_ID, id).startSpan();
        TracedRun run = new TracedRun(id, span, tracer);
        AtomicBoolean ended = new AtomicBoolean();
        Program<A> traced = program.attempt().flatMap(result -> {
            endRun(run, ended, result);
            return result.isSuccess() ? Program.pure(result.get()) : Program.fail(result.getCause());
        });
        Runner tracedRunner = runner.with(options -> options.clock(new PropagatingClock(options.clock())).listener(this));
        RunHandle<A> handle;
        try (Scope scope = Context.current().with(span).with(TracedRun.KEY, run).makeCurrent()) {
            handle = tracedRunner.start(traced);
        }
        handle.onComplete(result -> endRun(run, ended, result));
        return handle;
    }

    private void endRun(TracedRun run, AtomicBoolean ended, Try<?> result) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        run.endPaths();
        Outcome outcome = Outcome.of(result);
        run.span.setAttribute(OUTCOME, outcome.tag());
        if (result.isFailure()) {
            run.span.setAttribute(ERROR_TYPE, result.getCause().getClass().getName());
            run.span.setStatus(StatusCode.ERROR, String.valueOf(result.getCause().getMessage()));
        }
        run.span.end();
    }

    /**
     * A combinator that retries as {@link dev.pureflow.combinators.Combinators#retried(RetryPolicy, Clock)}
     * does and adds a {@code retry} event to the step's span for each failed attempt.
     */
    public Combinator retried(RetryPolicy policy, Clock clock) {
        return RetryObserver.retried(policy, clock, new RetryObserver() {
            @Override
            public void attemptFailed(Action<?> action, int attempt, Exception error) {
                Span.current().addEvent("retry", Attributes.of(ATTEMPT, (long) attempt, ERROR_TYPE, error.getClass().getName()));
            }

            @Override
            public void finished(Action<?> action, int attempts, boolean succeeded) {
                Span.current().setAttribute(ATTEMPTS, (long) attempts);
            }
        });
    }

    @Override
    public void started(Step step) {
        Context current = Context.current();
        TracedRun run = current.get(TracedRun.KEY);
        Context parent = run == null ? current : run.contextFor(step.branch(), current);
        Span span = tracer.spanBuilder(typeName(step.action()))
                .setParent(parent)
                .setAttribute(STEP_KEY, keyOf(step))
                .setAttribute(BRANCH, step.branch())
                .setAttribute(ACTION, redaction.render(step.action()))
                .startSpan();
        if (run != null) {
            span.setAttribute(RUN_ID, run.id);
        }
        open.set(new OpenStep(step, span, parent.with(span).makeCurrent(), run, open.get()));
    }

    @Override
    public void finished(Step step, Try<Object> outcome, Duration duration) {
        OpenStep opened = open.get();
        if (opened == null || opened.step != step) {
            return; // started was not told of it (a listener before this one threw): nothing to end
        }
        open.set(opened.outer);
        opened.scope.close();
        Span span = opened.span;
        span.setAttribute(OUTCOME, Outcome.of(outcome).tag());
        if (outcome.isFailure()) {
            Throwable error = outcome.getCause();
            span.setAttribute(ERROR_TYPE, error.getClass().getName());
            span.setStatus(StatusCode.ERROR, error.getMessage() == null ? "" : redaction.maskIn(error.getMessage(), step.action()));
        }
        span.end();
        if (opened.run != null) {
            opened.run.stepEnded(step.branch(), TracedRun.epochNanos());
        }
    }

    /** The step's key ({@code main/2/0#3}): the same whatever the scheduling, as the journal and Temporal name it. */
    static String keyOf(Step step) {
        return step.key().toString();
    }

    static String typeName(Action<?> action) {
        String simple = action.getClass().getSimpleName();
        return simple.isEmpty() ? action.getClass().getName() : simple;
    }

    @Override
    public String toString() {
        return "PureflowTracing[" + tracer + "]";
    }
}
