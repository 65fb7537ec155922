package dev.pureflow.observability.picture;

import dev.pureflow.Redaction;
import dev.pureflow.observability.Outcome;
import dev.pureflow.testkit.Trace;
import dev.pureflow.testkit.TracedStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace as an SVG timeline: a lane per branch (in the order branches first ran), a bar per step
 * from its start to its end, coloured by outcome, with a {@code <title>} (the browser's hover
 * text) naming the step, its action, its answer or error and its duration. All text is escaped
 * for XML; the element carries no namespace URL so the page it sits in holds no link at all.
 */
final class SvgTimeline {

    private static final int LABEL_WIDTH = 170;
    private static final int PLOT_WIDTH = 900;
    private static final int LANE_HEIGHT = 30;
    private static final int TOP = 30;
    private static final int LEGEND_HEIGHT = 40;
    private static final int TICKS = 5;
    private static final int LONGEST_TEXT = 200;

    private SvgTimeline() {}

    static String of(Trace trace, String title) {
        Map<String, List<TracedStep>> lanes = new LinkedHashMap<>();
        for (TracedStep step : trace.steps()) {
            lanes.computeIfAbsent(step.branch(), branch -> new ArrayList<>()).add(step);
        }
        long totalNanos = Math.max(1, trace.span().toNanos());
        int width = LABEL_WIDTH + PLOT_WIDTH + 50; // room for the last tick's label
        int height = TOP + Math.max(1, lanes.size()) * LANE_HEIGHT + LEGEND_HEIGHT;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(xml("timeline of " + title)).append("\">\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height).append("\" fill=\"#fafafa\"/>\n");
        axis(svg, totalNanos, height - LEGEND_HEIGHT);
        int lane = 0;
        for (Map.Entry<String, List<TracedStep>> entry : lanes.entrySet()) {
            int y = TOP + lane * LANE_HEIGHT;
            svg.append("<text x=\"8\" y=\"").append(y + 19).append("\">").append(xml(entry.getKey())).append("</text>\n");
            svg.append("<line x1=\"").append(LABEL_WIDTH).append("\" y1=\"").append(y + LANE_HEIGHT)
                    .append("\" x2=\"").append(LABEL_WIDTH + PLOT_WIDTH).append("\" y2=\"").append(y + LANE_HEIGHT)
                    .append("\" stroke=\"#dddddd\"/>\n");
            for (TracedStep step : entry.getValue()) {
                bar(svg, trace, step, totalNanos, y);
            }
            lane++;
        }
        legend(svg, height - LEGEND_HEIGHT + 20);
        svg.append("</svg>");
        return svg.toString();
    }

    private static void axis(StringBuilder svg, long totalNanos, int bottom) {
        for (int tick = 0; tick <= TICKS; tick++) {
            int x = LABEL_WIDTH + PLOT_WIDTH * tick / TICKS;
            svg.append("<line x1=\"").append(x).append("\" y1=\"").append(TOP - 6).append("\" x2=\"").append(x)
                    .append("\" y2=\"").append(bottom).append("\" stroke=\"#e4e4e4\"/>\n");
            svg.append("<text x=\"").append(x).append("\" y=\"").append(TOP - 10).append("\" text-anchor=\"middle\">")
                    .append(RunPicture.millis(Duration.ofNanos(totalNanos * tick / TICKS))).append(" ms</text>\n");
        }
    }

    private static void bar(StringBuilder svg, Trace trace, TracedStep step, long totalNanos, int y) {
        long startNanos = Duration.between(trace.origin(), step.startedAt()).toNanos();
        double x = LABEL_WIDTH + PLOT_WIDTH * (double) startNanos / totalNanos;
        double barWidth = Math.max(2, PLOT_WIDTH * (double) step.duration().toNanos() / totalNanos);
        Outcome outcome = Outcome.of(step.outcome());
        svg.append("<g><title>").append(xml(hover(trace, step, startNanos))).append("</title>");
        svg.append(String.format(java.util.Locale.ROOT, "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" rx=\"3\" fill=\"%s\"/>",
                x, y + 5, barWidth, LANE_HEIGHT - 10, colour(outcome)));
        if (barWidth > 60) {
            svg.append(String.format(java.util.Locale.ROOT, "<text x=\"%.2f\" y=\"%d\" fill=\"#ffffff\">", x + 4, y + 19))
                    .append(xml(MermaidGantt.typeName(step))).append("</text>");
        }
        svg.append("</g>\n");
    }

    /** The hover text: step and branch, action, answer or error, start and duration. */
    private static String hover(Trace trace, TracedStep step, long startNanos) {
        Redaction redaction = trace.redaction();
        String result = step.outcome().fold(
                error -> "failed: " + error.getClass().getSimpleName()
                        + (error.getMessage() == null ? "" : ": " + redaction.maskIn(error.getMessage(), step.action())),
                answer -> "-> " + redaction.render(answer));
        return "step " + step.number() + " in " + step.branch() + "\n"
                + cut(redaction.render(step.action())) + "\n"
                + cut(result) + "\n"
                + "at +" + RunPicture.millis(Duration.ofNanos(startNanos)) + " ms, took " + RunPicture.millis(step.duration()) + " ms";
    }

    private static void legend(StringBuilder svg, int y) {
        int x = LABEL_WIDTH;
        for (Outcome outcome : Outcome.values()) {
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 11).append("\" width=\"14\" height=\"14\" fill=\"")
                    .append(colour(outcome)).append("\"/>");
            svg.append("<text x=\"").append(x + 20).append("\" y=\"").append(y).append("\">").append(outcome.tag()).append("</text>\n");
            x += 120;
        }
    }

    static String colour(Outcome outcome) {
        return switch (outcome) {
            case SUCCESS -> "#2e7d32";
            case FAILURE -> "#c62828";
            case TIMEOUT -> "#ef6c00";
            case CANCELLED -> "#757575";
        };
    }

    private static String cut(String text) {
        return text.length() <= LONGEST_TEXT ? text : text.substring(0, LONGEST_TEXT - 3) + "...";
    }

    /** {@code text} escaped for XML text and attribute values. */
    static String xml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    // characters XML 1.0 forbids (controls other than tab and line ends) are dropped
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
