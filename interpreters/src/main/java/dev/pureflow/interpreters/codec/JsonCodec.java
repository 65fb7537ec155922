package dev.pureflow.interpreters.codec;

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
import dev.pureflow.FatalErrorException;
import dev.pureflow.Redaction;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessListener;
import dev.pureflow.interpreters.process.Stdin;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The one JSON codec for actions, answers and errors, shared by the testkit's recordings, the
 * durable journal and workflow payloads, so that what one writes the others read.
 *
 * <ul>
 *   <li>An <b>action</b> is its class name ({@link #typeName}) and its fields as Jackson maps them
 *       ({@link #actionTree}); it is read back with {@link #readAction}. Records whose components
 *       Jackson maps both ways work; {@code Optional}s and {@code java.time} values are understood;
 *       the built-in process actions are, without their {@link ProcessListener}s (they come back as
 *       {@link ProcessListener#NONE}).</li>
 *   <li>An <b>outcome</b> is written into a record as {@code "resultType"} (the answer's class) and
 *       {@code "result"}, or as {@code "error"} ({@link #writeOutcome}). An answer is read back as
 *       the action's declared result type, generics included ({@code List<JobStatus>}), or as the
 *       written class where the declaration says nothing (a type variable).</li>
 *   <li>An <b>error</b> is its class, message, data (its record-like properties), cause and
 *       suppressed errors, made again as its own class where a public constructor gives the same
 *       message and data, else as a stand-in naming it ({@link DecodedFailureException}, or what
 *       {@link #withStandIn} says).</li>
 * </ul>
 *
 * <p>The codec writes actions whole; where records are written for people, mask them first (the
 * testkit's recorder does, by the one {@link Redaction}). Immutable and thread-safe.
 */
public final class JsonCodec {

    private static final JsonCodec STANDARD = new JsonCodec(standardMapper(), DecodedFailureException::new);

    private final ObjectMapper mapper;
    /** Writes trees with object fields sorted: comparisons that ignore map order. */
    private final ObjectMapper canonical;
    private final ErrorCodec errors;
    /** Each action class's declared result type: looking it up walks the class's generic supertypes. */
    private final java.util.Map<Class<?>, JavaType> declaredResults = new java.util.concurrent.ConcurrentHashMap<>();

    private JsonCodec(ObjectMapper mapper, BiFunction<String, String, ? extends Throwable> standIn) {
        this.mapper = mapper;
        this.canonical = mapper.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        this.errors = new ErrorCodec(mapper, standIn);
    }

    /** The codec: its errors that cannot be made again come back as {@link DecodedFailureException}s. */
    public static JsonCodec standard() {
        return STANDARD;
    }

    /**
     * This codec, with errors that cannot be made again coming back as what {@code standIn} makes
     * of their class name and message (the testkit's replay makes its {@code ReplayedFailureException}).
     */
    public JsonCodec withStandIn(BiFunction<String, String, ? extends Throwable> standIn) {
        return new JsonCodec(mapper, Objects.requireNonNull(standIn, "standIn"));
    }

    /**
     * A copy of the Jackson mapper the codec writes with, for code that writes its own records
     * around the codec's parts (masking, say); changing the copy does not change the codec.
     */
    public ObjectMapper mapper() {
        return mapper.copy();
    }

    /** The name an action's type is written under: its class name, which {@link #readAction} loads. */
    public static String typeName(Action<?> action) {
        return Objects.requireNonNull(action, "action").getClass().getName();
    }

    /**
     * The action's fields as JSON.
     *
     * @throws IllegalArgumentException if Jackson cannot map the action
     */
    public JsonNode actionTree(Action<?> action) {
        Objects.requireNonNull(action, "action");
        try {
            return mapper.valueToTree(action);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot write " + Redaction.DEFAULT.render(action) + " as JSON; actions to write must be records "
                    + "whose components Jackson can map: " + e.getMessage(), e);
        }
    }

    /**
     * The action of type {@code type} (a class name, as {@link #typeName} writes it) whose fields are {@code input}.
     *
     * @throws IllegalArgumentException if the class is gone, is not an action, or the fields do not map to it
     */
    public Action<?> readAction(String type, JsonNode input) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(input, "input");
        try {
            Class<?> actionClass = load(type);
            if (!Action.class.isAssignableFrom(actionClass)) {
                throw new IllegalArgumentException(type + " is not an action");
            }
            return (Action<?>) mapper.treeToValue(input, actionClass);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("the action class " + type + " is not on the class path", e);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read an action " + type + " from " + input + ": " + e.getMessage(), e);
        }
    }

    /**
     * The action's fields as JSON ({@link #actionTree}), after checking that they map back to an
     * action equal to it (or, for an action without a structural {@code equals}, one that maps to
     * the same JSON): what must hold for an action to be written and read.
     *
     * @throws IllegalArgumentException if it does not map to JSON and back
     */
    public JsonNode requireRoundTrip(Action<?> action) {
        JsonNode tree = actionTree(action);
        Action<?> back = readAction(typeName(action), tree);
        if (!back.equals(action) && !sameTree(actionTree(back), tree)) {
            throw new IllegalArgumentException("cannot write " + Redaction.DEFAULT.render(action) + " as JSON: it reads back as "
                    + Redaction.DEFAULT.render(back) + "; actions to write must be records whose components Jackson maps both ways");
        }
        return tree;
    }

    /**
     * Whether two trees hold the same JSON: equal, or equal as text with fields sorted (a tree made
     * from values holds long and binary nodes where the same data read from text hold int and text nodes).
     */
    public boolean sameTree(JsonNode first, JsonNode second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        return first.equals(second) || canonical(first).equals(canonical(second));
    }

    /** {@code node} as text with object fields sorted by name: equal for equal trees, whatever their map order. */
    public String canonical(JsonNode node) {
        Objects.requireNonNull(node, "node");
        try {
            return canonical.writeValueAsString(canonical.treeToValue(node, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a JSON tree did not write as text: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@code outcome} into {@code record}: {@code resultType} and {@code result}, or {@code error}. */
    public void writeOutcome(ObjectNode record, Try<?> outcome) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome.isFailure()) {
            // a Try holds an interrupt or a JVM error only inside a FatalErrorException: write what it carries
            record.set("error", encodeError(FatalErrorException.unwrapped(outcome.getCause())));
        } else {
            Object value = outcome.get();
            record.put("resultType", value == null ? null : value.getClass().getName());
            try {
                record.set("result", mapper.valueToTree(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot write the answer " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The outcome {@link #writeOutcome} wrote into {@code record}, for an action of class
     * {@code actionClass}: an answer of its declared result type, or the error made again.
     *
     * @throws IllegalArgumentException if the answer cannot be read as that type
     */
    public Try<Object> readOutcome(Class<?> actionClass, JsonNode record) {
        Objects.requireNonNull(actionClass, "actionClass");
        Objects.requireNonNull(record, "record");
        if (record.hasNonNull("error")) {
            return FatalErrorException.failure(decodeError(record.get("error"))); // a recorded interrupt too, which Try.failure would throw
        }
        try {
            return Try.success(answer(actionClass, record));
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the answer of " + actionClass.getName() + " from " + record.path("result")
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The answer {@link #writeOutcome} wrote as {@code result} (with {@code resultType}), read
     * straight from the {@code length} UTF-8 bytes of the result's JSON at {@code offset}, without a
     * tree: what a journal's recovery does for each of many steps.
     *
     * @throws IllegalArgumentException if the answer cannot be read as the action's result type
     */
    public Object readAnswer(Class<?> actionClass, String resultType, byte[] bytes, int offset, int length) {
        Objects.requireNonNull(actionClass, "actionClass");
        Objects.requireNonNull(bytes, "bytes");
        try {
            JavaType declared = declaredResults.computeIfAbsent(actionClass, this::declaredResult);
            if (declared.getRawClass() == Object.class) {
                if (resultType == null) {
                    return null;
                }
                declared = mapper.getTypeFactory().constructType(load(resultType));
            }
            return mapper.readerFor(declared).readValue(bytes, offset, length);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the answer of " + actionClass.getName() + " from "
                    + new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8) + ": " + e.getMessage(), e);
        }
    }

    private Object answer(Class<?> actionClass, JsonNode record) throws IOException, ClassNotFoundException {
        JsonNode result = record.get("result");
        if (result == null || result.isNull()) {
            return null;
        }
        JavaType declared = declaredResults.computeIfAbsent(actionClass, this::declaredResult);
        if (declared.getRawClass() == Object.class) {
            declared = mapper.getTypeFactory().constructType(load(record.get("resultType").asText()));
        }
        return mapper.readerFor(declared).readValue(result);
    }

    /** The result type {@code actionClass} declares for {@code Action<R>}, or {@code Object} where it says nothing. */
    private JavaType declaredResult(Class<?> actionClass) {
        JavaType[] parameters = mapper.getTypeFactory().findTypeParameters(mapper.getTypeFactory().constructType(actionClass), Action.class);
        return parameters.length == 1 && parameters[0] != null ? parameters[0] : mapper.getTypeFactory().constructType(Object.class);
    }

    /**
     * {@code error} as {@code {"type", "message", "data", "cause", "suppressed"}}; see the class
     * comment for what its data are. Stack traces are not written.
     */
    public ObjectNode encodeError(Throwable error) {
        return errors.encode(error);
    }

    /** The error {@link #encodeError} wrote: its own class where it can be made again, else the stand-in. */
    public Throwable decodeError(JsonNode node) {
        return errors.decode(node);
    }

    /** {@code node} as one line of JSON text. */
    public String write(JsonNode node) {
        Objects.requireNonNull(node, "node");
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The JSON tree of {@code text}.
     *
     * @throws IllegalArgumentException if it is not JSON
     */
    public JsonNode read(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The JSON tree of the UTF-8 {@code bytes}.
     *
     * @throws IllegalArgumentException if they are not JSON
     */
    public JsonNode read(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        try {
            return mapper.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /** The JSON of {@code node} as UTF-8 bytes. */
    public byte[] writeBytes(JsonNode node) {
        Objects.requireNonNull(node, "node");
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The class named {@code name}, from the context class loader where there is one. */
    public static Class<?> load(String name) throws ClassNotFoundException {
        Objects.requireNonNull(name, "name");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return Class.forName(name, false, loader != null ? loader : JsonCodec.class.getClassLoader());
    }

    // ---------------------------------------------------------------------------------------------
    // The mapper: Optional and java.time understood, dates as text; the built-in process actions.

    private static ObjectMapper standardMapper() {
        return JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(processActions())
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    // Listeners are not data, stdin is a sealed family, charsets are names.

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
