package dev.pureflow.testkit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pureflow.Action;
import dev.pureflow.Redaction;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessListener;
import dev.pureflow.interpreters.process.Stdin;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@link RecordedStep}s into JSON lines and back. Actions are stored with their class name and
 * mapped by Jackson; answers are read back as the action's declared result type (generics included,
 * e.g. {@code List<JobStatus>}), or as the recorded answer's class where the declaration says
 * nothing (a type variable); errors as {@link ErrorCodec} writes them (class, message, data, cause),
 * to come back as their own class. Knows the built-in process
 * actions: their {@link ProcessListener}s are not recorded and come back as {@link ProcessListener#NONE}.
 * Secrets are not written: see {@link RecordedInput}. Thread-safe.
 */
final class StepCodec {

    static final StepCodec INSTANCE = new StepCodec();

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .addModule(processActions())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    /** How inputs are written without their secrets, and matched again on replay. */
    private final RecordedInput inputs = new RecordedInput(mapper);
    /** Errors: their class, message and data, made again as their own class where possible. */
    private final ErrorCodec errors = new ErrorCodec(mapper);

    private StepCodec() {}

    /** How inputs are written without their secrets and matched on replay. */
    RecordedInput inputs() {
        return inputs;
    }

    /** The error part, which writes and reads the {@code "error"} of a line. */
    ErrorCodec errors() {
        return errors;
    }

    /**
     * One line of JSON, without the line break. The input is the action with its secrets masked,
     * as {@link RecordedInput} writes it; so are the error messages.
     */
    String encode(RecordedStep step, Redaction redaction) {
        ObjectNode line = mapper.createObjectNode();
        line.put("step", step.number());
        line.put("action", step.action().getClass().getName());
        inputs.write(line, step.action(), actionTree(step.action()), redaction);
        step.outcome().fold(error -> {
            ObjectNode failure = errors.encode(error);
            maskMessages(failure, redaction, step.action());
            line.set("error", failure);
            return null;
        }, value -> {
            line.put("resultType", value == null ? null : value.getClass().getName());
            line.set("result", mapper.valueToTree(value));
            return null;
        });
        line.put("duration", step.duration().toString());
        try {
            return mapper.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot record step " + step.number() + " (" + redaction.render(step.action()) + ") as JSON: "
                    + e.getOriginalMessage(), e);
        }
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
            return mapper.valueToTree(action);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot record " + Redaction.DEFAULT.render(action) + " as JSON; actions to record must be records "
                    + "whose components Jackson can map: " + e.getMessage(), e);
        }
    }

    /** Throws {@link IllegalArgumentException} unless {@code action}, its secrets masked, maps to JSON and back. */
    void requireRecordable(Action<?> action, Redaction redaction) {
        JsonNode tree = inputs.maskedTree(action, redaction);
        try {
            mapper.treeToValue(tree, action.getClass());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + redaction.render(action) + " back from JSON with its secrets masked"
                    + " (as ***, 0, false or empty bytes); actions to record must be records whose components Jackson can map"
                    + " and accept those values: " + e.getMessage(), e);
        }
    }

    /** The step on line {@code lineNumber} (for messages) of a recording. */
    RecordedStep decode(String text, long lineNumber) {
        try {
            JsonNode line = mapper.readTree(text);
            Class<?> actionClass = load(line.get("action").asText());
            Action<?> action = (Action<?>) mapper.treeToValue(line.get("input"), actionClass);
            Try<Object> outcome = line.hasNonNull("error")
                    ? Try.failure(errors.decode(line.get("error")))
                    : Try.success(result(actionClass, line));
            return new RecordedStep(line.get("step").asLong(), action, outcome, Duration.parse(line.get("duration").asText()));
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new IllegalArgumentException("line " + lineNumber + " of the recording cannot be read: " + e.getMessage()
                    + "\n  " + text, e);
        }
    }

    private Object result(Class<?> actionClass, JsonNode line) throws IOException, ClassNotFoundException {
        JsonNode result = line.get("result");
        if (result == null || result.isNull()) {
            return null;
        }
        JavaType[] parameters = mapper.getTypeFactory().findTypeParameters(mapper.getTypeFactory().constructType(actionClass), Action.class);
        JavaType declared = parameters.length == 1 ? parameters[0] : null;
        if (declared == null || declared.getRawClass() == Object.class) {
            declared = mapper.getTypeFactory().constructType(load(line.get("resultType").asText()));
        }
        return mapper.readerFor(declared).readValue(result);
    }

    /** The class named {@code name}, from the context class loader where there is one. */
    static Class<?> load(String name) throws ClassNotFoundException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return Class.forName(name, false, loader != null ? loader : StepCodec.class.getClassLoader());
    }

    // ---------------------------------------------------------------------------------------------
    // The built-in process actions: listeners are not data, stdin is a sealed family, charsets are names.

    @JsonIgnoreProperties({"listener"})
    private abstract static class WithoutListener {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Stdin.None.class, name = "none"),
        @JsonSubTypes.Type(value = Stdin.Bytes.class, name = "bytes"),
        @JsonSubTypes.Type(value = Stdin.Text.class, name = "text"),
        @JsonSubTypes.Type(value = Stdin.FromFile.class, name = "file")
    })
    private abstract static class StdinFamily {}

    private static SimpleModule processActions() {
        SimpleModule module = new SimpleModule("pureflow-process-actions");
        module.setMixInAnnotation(ProcessAction.Run.class, WithoutListener.class);
        module.setMixInAnnotation(ProcessAction.Start.class, WithoutListener.class);
        module.setMixInAnnotation(Stdin.class, StdinFamily.class);
        module.addDeserializer(ProcessAction.Run.class, new StdDeserializer<>(ProcessAction.Run.class) {
            @Override
            public ProcessAction.Run deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                JsonNode node = parser.readValueAsTree();
                return ProcessAction.run(command(parser, node));
            }
        });
        module.addDeserializer(ProcessAction.Start.class, new StdDeserializer<>(ProcessAction.Start.class) {
            @Override
            public ProcessAction.Start deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                JsonNode node = parser.readValueAsTree();
                JsonNode id = node.get("id");
                return new ProcessAction.Start(command(parser, node),
                        id == null || id.isNull() ? Optional.empty() : Optional.of(id.asText()), ProcessListener.NONE);
            }
        });
        module.addSerializer(Charset.class, new StdSerializer<>(Charset.class) {
            @Override
            public void serialize(Charset charset, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(charset.name());
            }
        });
        module.addDeserializer(Charset.class, new StdDeserializer<>(Charset.class) {
            @Override
            public Charset deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return Charset.forName(parser.getValueAsString());
            }
        });
        return module;
    }

    private static Command command(JsonParser parser, JsonNode node) throws IOException {
        JsonNode command = node.get("command");
        if (command == null) {
            throw new UncheckedIOException(new IOException("a process action without a command: " + node));
        }
        return parser.getCodec().treeToValue(command, Command.class);
    }
}
