package dev.pureflow.testkit;

import dev.pureflow.Action;
import dev.pureflow.Redaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link Trace} as a Mermaid sequence diagram: the flow and each executor family (the sealed
 * interface an action record implements) are participants, each step a request and its answer,
 * each parallel block a {@code par} block with a section per branch, each failure a note. Labels
 * are escaped with Mermaid's entity codes ({@code :} {@code ;} {@code #} {@code <} {@code >}), so
 * no action or message can break the diagram.
 */
final class MermaidSequence {

    private static final int LONGEST_ANSWER = 60;

    private final Trace trace;
    private final Map<String, String> participants = new LinkedHashMap<>();
    private final StringBuilder out = new StringBuilder();

    private MermaidSequence(Trace trace) {
        this.trace = trace;
    }

    static String of(Trace trace) {
        return new MermaidSequence(trace).render();
    }

    private String render() {
        for (TracedStep step : trace.steps()) {
            participants.computeIfAbsent(family(step.action().getClass()), name -> "p" + (participants.size() + 1));
        }
        out.append("sequenceDiagram\n");
        out.append("    participant flow\n");
        participants.forEach((name, id) -> out.append("    participant ").append(id).append(" as ").append(MermaidLabel.escape(name)).append('\n'));
        List<TracedStep> all = trace.steps();
        if (!all.isEmpty()) {
            renderPath(rootOf(all), all, "    ");
        }
        return out.toString();
    }

    /** The steps of {@code path} and of the blocks inside it, in step order. */
    private void renderPath(String path, List<TracedStep> steps, String indent) {
        List<String> blocksDone = new ArrayList<>();
        for (TracedStep step : steps) {
            String stepPath = step.branch();
            if (stepPath.equals(path)) {
                renderStep(step, indent);
                continue;
            }
            String rest = stepPath.substring(path.length() + 1);
            String block = path + "/" + rest.split("/")[0];
            if (blocksDone.contains(block)) {
                continue;
            }
            blocksDone.add(block);
            // branches by index: branch i of block P/k is P/k/i
            Map<Integer, List<TracedStep>> branches = new TreeMap<>();
            for (TracedStep inner : steps) {
                if (inner.branch().startsWith(block + "/")) {
                    String index = inner.branch().substring(block.length() + 1).split("/")[0];
                    branches.computeIfAbsent(Integer.parseInt(index), i -> new ArrayList<>()).add(inner);
                }
            }
            String word = "par";
            for (Map.Entry<Integer, List<TracedStep>> branch : branches.entrySet()) {
                String branchPath = block + "/" + branch.getKey();
                out.append(indent).append(word).append(' ').append(MermaidLabel.escape(branchPath)).append('\n');
                renderPath(branchPath, branch.getValue(), indent + "    ");
                word = "and";
            }
            out.append(indent).append("end\n");
        }
    }

    private void renderStep(TracedStep step, String indent) {
        Redaction redaction = trace.redaction();
        String id = participants.get(family(step.action().getClass()));
        String millis = step.duration().toMillis() + " ms";
        out.append(indent).append("flow->>").append(id).append(": ")
                .append(MermaidLabel.escape(step.number() + " " + redaction.render(step.action()))).append('\n');
        if (step.failed()) {
            Throwable error = step.outcome().getCause();
            out.append(indent).append(id).append("--xflow: ").append(MermaidLabel.escape("failed after " + millis)).append('\n');
            String message = error.getMessage() == null ? "" : ": " + redaction.maskIn(error.getMessage(), step.action());
            out.append(indent).append("Note over ").append(id).append(": ")
                    .append(MermaidLabel.escape(cut(error.getClass().getSimpleName() + message))).append('\n');
        } else {
            out.append(indent).append(id).append("-->>flow: ")
                    .append(MermaidLabel.escape(cut(redaction.render(step.outcome().get())) + " (" + millis + ")")).append('\n');
        }
    }


    /** The path the steps hang from: the first segment of their branches ({@code main}). */
    private static String rootOf(List<TracedStep> steps) {
        return steps.get(0).branch().split("/")[0];
    }

    private static String cut(String text) {
        return text.length() <= LONGEST_ANSWER ? text : text.substring(0, LONGEST_ANSWER - 3) + "...";
    }

    /**
     * The family an action belongs to: the sealed interface its class implements, else the class it
     * is nested in, else its own class.
     */
    static String family(Class<?> type) {
        for (Class<?> implemented : type.getInterfaces()) {
            if (implemented.isSealed() && Action.class.isAssignableFrom(implemented)) {
                return simpleName(implemented);
            }
        }
        Class<?> enclosing = type.getEnclosingClass();
        return simpleName(enclosing == null ? type : enclosing);
    }

    private static String simpleName(Class<?> type) {
        return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
    }

}
