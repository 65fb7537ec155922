package dev.pureflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pureflow.Action;
import dev.pureflow.Redaction;
import dev.pureflow.interpreters.codec.JsonCodec;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Turns {@link RecordedStep}s into JSON lines and back: the shared {@link JsonCodec}'s action,
 * answer and error forms, with the step number, the duration and the input written masked (see
 * {@link RecordedInput}). Errors that cannot be made again come back as
 * {@link ReplayedFailureException}s. Thread-safe.
 */
final class StepCodec {

    static final StepCodec INSTANCE = new StepCodec();

    private final JsonCodec codec = JsonCodec.standard().withStandIn(ReplayedFailureException::new);

    /** How inputs are written without their secrets, and matched again on replay. */
    private final RecordedInput inputs = new RecordedInput(codec.mapper());

    private StepCodec() {}

    /** How inputs are written without their secrets and matched on replay. */
    RecordedInput inputs() {
        return inputs;
    }

    /** The shared codec, with this recording's stand-in for errors that cannot be made again. */
    JsonCodec codec() {
        return codec;
    }

    /**
     * One line of JSON, without the line break. The input is the action with its secrets masked,
     * as {@link RecordedInput} writes it; so are the error messages.
     */
    String encode(RecordedStep step, Redaction redaction) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("step", step.number());
        line.put("action", JsonCodec.typeName(step.action()));
        inputs.write(line, step.action(), actionTree(step.action()), redaction);
        try {
            codec.writeOutcome(line, step.outcome());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot record step " + step.number() + " (" + redaction.render(step.action()) + ") as JSON: "
                    + e.getMessage(), e);
        }
        if (line.get("error") instanceof ObjectNode failure) {
            maskMessages(failure, redaction, step.action());
        }
        line.put("duration", step.duration().toString());
        return codec.write(line);
    }

    /**
     * Masks the action's secrets in the messages of an encoded error, its causes and suppressed
     * errors: an executor may have put the action's text into them. An error whose message was
     * masked no longer matches its class's constructors and replays as a stand-in.
     */
    private static void maskMessages(ObjectNode error, Redaction redaction, Action<?> action) {
        ArrayDeque<JsonNode> pending = new ArrayDeque<>(List.of(error));
        while (!pending.isEmpty()) {
            if (pending.pop() instanceof ObjectNode node) {
                if (node.hasNonNull("message")) {
                    node.put("message", redaction.maskIn(node.get("message").asText(), action));
                }
                if (node.has("cause")) {
                    pending.push(node.get("cause"));
                }
                node.path("suppressed").forEach(pending::push);
            }
        }
    }

    /** The action as Jackson maps it: what replay compares. */
    JsonNode actionTree(Action<?> action) {
        try {
            return codec.actionTree(action);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot record " + Redaction.DEFAULT.render(action) + " as JSON; actions to record must be records "
                    + "whose components Jackson can map: " + e.getMessage(), e);
        }
    }

    /** Throws {@link IllegalArgumentException} unless {@code action}, its secrets masked, maps to JSON and back. */
    void requireRecordable(Action<?> action, Redaction redaction) {
        JsonNode tree = inputs.maskedTree(action, redaction);
        try {
            codec.readAction(JsonCodec.typeName(action), tree);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + redaction.render(action) + " back from JSON with its secrets masked"
                    + " (as ***, 0, false or empty bytes); actions to record must be records whose components Jackson can map"
                    + " and accept those values: " + e.getMessage(), e);
        }
    }

    /** The step on line {@code lineNumber} (for messages) of a recording. */
    RecordedStep decode(String text, long lineNumber) {
        try {
            JsonNode line = codec.read(text);
            Action<?> action = codec.readAction(line.get("action").asText(), line.get("input"));
            Try<Object> outcome = codec.readOutcome(action.getClass(), line);
            return new RecordedStep(line.get("step").asLong(), action, outcome, Duration.parse(line.get("duration").asText()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("line " + lineNumber + " of the recording cannot be read: " + e.getMessage()
                    + "\n  " + text, e);
        }
    }
}
