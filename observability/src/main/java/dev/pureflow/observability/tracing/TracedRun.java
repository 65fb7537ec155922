package dev.pureflow.observability.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tracing state of one run, carried in the OpenTelemetry context of its threads: its id, its
 * span, and a span per parallel block and per branch, made when a step first runs in them. Thread-safe.
 */
final class TracedRun {

    static final ContextKey<TracedRun> KEY = ContextKey.named("pureflow-run");

    final String id;
    final Span span;
    private final Tracer tracer;
    /** Block and branch spans by path ({@code main/2} a block, {@code main/2/0} a branch), with the end of their last step. */
    private final Map<String, Open> paths = new HashMap<>();

    private record Open(Span span, long[] lastEndNanos) {}

    TracedRun(String id, Span span, Tracer tracer) {
        this.id = id;
        this.span = span;
        this.tracer = tracer;
    }

    /**
     * The context a step of {@code branch} starts in: under its branch's span, or the run's for
     * {@code main}. Branch {@code i} of the block at ordinal {@code k} of path {@code P} is
     * {@code P/k/i} (step keys): {@code P/k} names the block.
     */
    synchronized Context contextFor(String branch, Context current) {
        return current.with(spanOf(branch));
    }

    private Span spanOf(String path) {
        int cut = path.lastIndexOf('/');
        if (cut < 0) {
            return span;
        }
        Open open = paths.get(path);
        if (open == null) {
            Span parent = spanOf(path.substring(0, cut));
            boolean block = path.split("/").length % 2 == 0; // main/2 is a block, main/2/0 its branch 0
            Span made = tracer.spanBuilder(block ? "parallel" : "branch")
                    .setParent(Context.root().with(parent).with(KEY, this))
                    .setAttribute(PureflowTracing.RUN_ID, id)
                    .setAttribute(PureflowTracing.BRANCH, path)
                    .startSpan();
            open = new Open(made, new long[] {0});
            paths.put(path, open);
        }
        return open.span;
    }

    /** A step of {@code branch} ended at {@code endNanos} (epoch): its branch and blocks end no earlier. */
    synchronized void stepEnded(String branch, long endNanos) {
        for (String path = branch; path.indexOf('/') >= 0; path = path.substring(0, path.lastIndexOf('/'))) {
            Open open = paths.get(path);
            if (open != null) {
                open.lastEndNanos[0] = Math.max(open.lastEndNanos[0], endNanos);
            }
        }
    }

    /** Ends the block and branch spans, each when its last step ended. */
    synchronized void endPaths() {
        paths.values().forEach(open -> {
            if (open.lastEndNanos[0] > 0) {
                open.span.end(open.lastEndNanos[0], TimeUnit.NANOSECONDS);
            } else {
                open.span.end();
            }
        });
        paths.clear();
    }

    static long epochNanos() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }
}
