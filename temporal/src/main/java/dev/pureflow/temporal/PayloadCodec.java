package dev.pureflow.temporal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.pureflow.Action;
import dev.pureflow.interpreters.codec.JsonCodec;
import io.vavr.control.Try;
import java.io.IOException;
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

    /** What {@link #typed} writes as the type of an error (no class name starts with '!'). */
    private static final String ERROR_TYPE = "!error";

    private final JsonCodec codec = JsonCodec.standard();
    private final ObjectMapper values = codec.mapper().registerModule(vavrValues(codec));

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

    /**
     * {@code value} with its class, for a value whose type nobody declares (a loop's saved state):
     * {@code null} as a null type, an error as the codec writes errors, anything else as its JSON.
     */
    RunMailbox.Sent typed(Object value) {
        if (value == null) {
            return new RunMailbox.Sent(null, "null");
        }
        if (value instanceof Throwable error) {
            return new RunMailbox.Sent(ERROR_TYPE, encodeError(error));
        }
        return new RunMailbox.Sent(value.getClass().getName(), encode(value));
    }

    /** The value {@link #typed} wrote, as its own class. */
    Object untyped(RunMailbox.Sent sent) {
        if (sent.type() == null) {
            return null;
        }
        if (ERROR_TYPE.equals(sent.type())) {
            return decodeError(sent.json());
        }
        return decode(sent.json(), load(sent.type()));
    }

    /** The class named {@code name}, not initialised; an unknown name is an {@link IllegalArgumentException}. */
    static Class<?> load(String name) {
        try {
            return JsonCodec.load(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no class " + name + " on this worker's class path", e);
        }
    }

    /**
     * How vavr values and errors inside a published value or a flow's value are written (a frame's
     * {@code FrameOutcome} holds vavr maps, an {@code Option<Try<R>>} and maybe an error): an option
     * as its value or null, a try as {@code {"value": ...}} or {@code {"error": ...}}, an either as
     * {@code {"left": ...}} or {@code {"right": ...}}, a map as an object, other collections as
     * arrays, an error as the codec writes errors. Written only: read back, they are plain JSON
     * (maps and lists), since nothing in the JSON says which vavr type they were.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static SimpleModule vavrValues(JsonCodec codec) {
        SimpleModule module = new SimpleModule("pureflow-temporal-vavr-values");
        module.addSerializer(io.vavr.control.Option.class, new StdSerializer<io.vavr.control.Option>(io.vavr.control.Option.class) {
            @Override
            public void serialize(io.vavr.control.Option value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                provider.defaultSerializeValue(value.getOrNull(), generator);
            }
        });
        module.addSerializer(Try.class, new StdSerializer<Try>(Try.class) {
            @Override
            public void serialize(Try value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeStartObject();
                if (value.isSuccess()) {
                    provider.defaultSerializeField("value", value.get(), generator);
                } else {
                    generator.writeFieldName("error");
                    generator.writeTree(codec.encodeError(value.getCause()));
                }
                generator.writeEndObject();
            }
        });
        module.addSerializer(io.vavr.control.Either.class, new StdSerializer<io.vavr.control.Either>(io.vavr.control.Either.class) {
            @Override
            public void serialize(io.vavr.control.Either value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeStartObject();
                provider.defaultSerializeField(value.isLeft() ? "left" : "right", value.isLeft() ? value.getLeft() : value.get(), generator);
                generator.writeEndObject();
            }
        });
        module.addSerializer(io.vavr.collection.Traversable.class, new StdSerializer<io.vavr.collection.Traversable>(io.vavr.collection.Traversable.class) {
            @Override
            public void serialize(io.vavr.collection.Traversable value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                Object plain = value instanceof io.vavr.collection.Map<?, ?> map ? map.toJavaMap() : value.toJavaList();
                provider.defaultSerializeValue(plain, generator);
            }
        });
        module.addSerializer(Throwable.class, new StdSerializer<Throwable>(Throwable.class) {
            @Override
            public void serialize(Throwable value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeTree(codec.encodeError(value));
            }
        });
        return module;
    }

    /** The size in bytes of {@code json} as it travels (UTF-8). */
    static int sizeOf(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }
}
