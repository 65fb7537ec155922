package dev.pureflow.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pureflow.Action;
import java.nio.charset.StandardCharsets;

/**
 * Turns actions, answers and flow arguments into the JSON text that travels in Temporal payloads, and
 * back. Actions travel with their class name (the activity's type); answers are read back as the
 * action's declared generic result type ({@code List<JobStatus>}, not a list of maps), or as the
 * answer's own class where the declaration says nothing (a type variable). Thread-safe.
 */
final class PayloadCodec {

    static final PayloadCodec INSTANCE = new PayloadCodec();

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private PayloadCodec() {}

    /** The JSON of {@code value} (an action, an answer, flow arguments). */
    String encode(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + describe(value) + " as JSON for Temporal: " + e.getOriginalMessage(), e);
        }
    }

    /** The size in bytes of {@code json} as it travels (UTF-8). */
    static int sizeOf(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The action of class {@code typeName} written as {@code json}; only {@link Action} classes are loaded. */
    Action<?> decodeAction(String typeName, String json) {
        Class<?> type = load(typeName);
        if (!Action.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(typeName + " is not an action class");
        }
        return (Action<?>) decode(json, mapper.constructType(type));
    }

    /** The answer of an action of {@code actionClass}, read as its declared result type, else as {@code answerType}. */
    Object decodeAnswer(Class<?> actionClass, String answerType, String json) {
        JavaType[] declared = mapper.getTypeFactory().findTypeParameters(mapper.constructType(actionClass), Action.class);
        JavaType type = declared.length == 1 && declared[0].getRawClass() != Object.class
                ? declared[0]
                : mapper.constructType(answerType.isEmpty() ? Object.class : load(answerType));
        return decode(json, type);
    }

    /** {@code json} read as {@code type}. */
    <T> T decode(String json, Class<T> type) {
        return decode(json, mapper.constructType(type));
    }

    private <T> T decode(String json, JavaType type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + type + " from the JSON Temporal carried: " + e.getOriginalMessage(), e);
        }
    }

    /** The class named {@code name}, not initialised, from the context class loader where there is one. */
    static Class<?> load(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(name, false, loader != null ? loader : PayloadCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no class " + name + " on this worker's class path", e);
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
