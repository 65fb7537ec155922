package dev.pureflow.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pureflow.Action;
import dev.pureflow.interpreters.codec.JsonCodec;
import io.vavr.control.Try;
import java.nio.charset.StandardCharsets;

/**
 * The JSON text that travels in Temporal payloads, written and read with the project's one codec
 * ({@link JsonCodec}), so an action, an answer or an error reads the same here as in a recording or
 * the journal. Actions travel with their class name (the activity's type); answers are read back as
 * the action's declared generic result type ({@code List<JobStatus>}, not a list of maps); errors
 * come back as their own class where it can be made again, else as a
 * {@link dev.pureflow.interpreters.codec.DecodedFailureException} naming it. Thread-safe.
 */
final class PayloadCodec {

    static final PayloadCodec INSTANCE = new PayloadCodec();

    private final JsonCodec codec = JsonCodec.standard();
    private final ObjectMapper values = codec.mapper();

    private PayloadCodec() {}

    /** The action's fields as JSON text; its type travels as the activity's type. */
    String encodeAction(Action<?> action) {
        return codec.write(codec.actionTree(action));
    }

    /** The action of class {@code typeName} written as {@code json}; only {@link Action} classes are loaded. */
    Action<?> decodeAction(String typeName, String json) {
        return codec.readAction(typeName, codec.read(json));
    }

    /** An answer as JSON text, with its class for actions whose declared result type says nothing. */
    String encodeAnswer(Object answer) {
        ObjectNode record = values.createObjectNode();
        codec.writeOutcome(record, Try.success(answer));
        return codec.write(record);
    }

    /** The answer {@link #encodeAnswer} wrote for an action of {@code actionClass}, read as its declared result type. */
    Object decodeAnswer(Class<?> actionClass, String json) {
        return codec.readOutcome(actionClass, codec.read(json)).get();
    }

    /** An error as JSON text: its class, message, data, cause and suppressed errors. */
    String encodeError(Throwable error) {
        return codec.write(codec.encodeError(error));
    }

    /** The error {@link #encodeError} wrote, as its own class where possible. */
    Throwable decodeError(String json) {
        return codec.decodeError(codec.read(json));
    }

    /** The JSON of a plain value (a flow's arguments, its value). */
    String encode(Object value) {
        try {
            return values.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + (value == null ? "null" : value.getClass().getName())
                    + " as JSON for Temporal: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code json} read as {@code type}. */
    <T> T decode(String json, Class<T> type) {
        try {
            return values.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + type.getName() + " from the JSON Temporal carried: " + e.getOriginalMessage(), e);
        }
    }

    /** The class named {@code name}, not initialised; an unknown name is an {@link IllegalArgumentException}. */
    static Class<?> load(String name) {
        try {
            return JsonCodec.load(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no class " + name + " on this worker's class path", e);
        }
    }

    /** The size in bytes of {@code json} as it travels (UTF-8). */
    static int sizeOf(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }
}
