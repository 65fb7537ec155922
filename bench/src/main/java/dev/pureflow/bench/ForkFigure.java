package dev.pureflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One benchmark's figure from one JMH fork (one JVM), as {@link AlternatingForks} records it in
 * {@code forks.json} and {@link ResultsReport} reads it back.
 *
 * @param segment    the {@link Segment} it ran in
 * @param round      the round, from 0; odd rounds run the segment's order reversed
 * @param benchmark  {@code Class.method}
 * @param score      JMH's figure for the fork: the mean of its measurement iterations
 * @param unit       JMH's unit for it, e.g. {@code ns/op}
 * @param bytesPerOp {@code gc.alloc.rate.norm} under {@code -prof gc}; NaN where the profiler did not run
 * @param loadBefore the 1-minute load average ({@code /proc/loadavg}) as the fork started
 * @param loadAfter  the same as it ended
 */
record ForkFigure(String segment, int round, String benchmark, double score, String unit, double bytesPerOp,
                  double loadBefore, double loadAfter) {

    void writeTo(ObjectNode json) {
        json.put("segment", segment).put("round", round).put("benchmark", benchmark).put("score", score).put("unit", unit);
        if (!Double.isNaN(bytesPerOp)) {
            json.put("bytesPerOp", bytesPerOp);
        }
        json.put("loadBefore", loadBefore).put("loadAfter", loadAfter);
    }

    static ForkFigure readFrom(JsonNode json) {
        return new ForkFigure(json.get("segment").asText(), json.get("round").asInt(), json.get("benchmark").asText(),
                json.get("score").asDouble(), json.get("unit").asText(),
                json.has("bytesPerOp") ? json.get("bytesPerOp").asDouble() : Double.NaN,
                json.get("loadBefore").asDouble(), json.get("loadAfter").asDouble());
    }
}
