package dev.pureflow.observability.picture;

import dev.pureflow.testkit.MermaidLabel;
import dev.pureflow.observability.Outcome;
import dev.pureflow.testkit.Trace;
import dev.pureflow.testkit.TracedStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace as a Mermaid gantt chart: a section per branch (in the order branches first ran), a
 * task per step from its start to its end in milliseconds since the trace's origin
 * ({@code dateFormat x}); succeeded steps are {@code done}, failed and timed-out ones {@code crit},
 * cancelled ones {@code active}. Labels use Mermaid's entity codes for {@code : ; # < >}.
 */
final class MermaidGantt {

    private MermaidGantt() {}

    static String of(Trace trace, String title) {
        Map<String, List<TracedStep>> lanes = new LinkedHashMap<>();
        for (TracedStep step : trace.steps()) {
            lanes.computeIfAbsent(step.branch(), branch -> new ArrayList<>()).add(step);
        }
        StringBuilder out = new StringBuilder("gantt\n");
        out.append("    title ").append(MermaidLabel.escape(title)).append('\n');
        out.append("    dateFormat x\n");
        out.append("    axisFormat %S.%L s\n");
        lanes.forEach((branch, steps) -> {
            out.append("    section ").append(MermaidLabel.escape(branch)).append('\n');
            for (TracedStep step : steps) {
                long start = Duration.between(trace.origin(), step.startedAt()).toMillis();
                long end = Duration.between(trace.origin(), step.endedAt()).toMillis();
                out.append("    ").append(MermaidLabel.escape(step.number() + " " + typeName(step)))
                        .append(" :").append(tag(Outcome.of(step.outcome())))
                        .append("s").append(step.number()).append(", ").append(start).append(", ").append(end).append('\n');
            }
        });
        return out.toString();
    }

    private static String tag(Outcome outcome) {
        return switch (outcome) {
            case SUCCESS -> "done, ";
            case FAILURE, TIMEOUT -> "crit, ";
            case CANCELLED -> "active, ";
        };
    }

    static String typeName(TracedStep step) {
        String simple = step.action().getClass().getSimpleName();
        return simple.isEmpty() ? step.action().getClass().getName() : simple;
    }

}
