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
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.pureflow.Redaction;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.Environment;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessListener;
import dev.pureflow.interpreters.process.Stdin;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns {@link RecordedStep}s into JSON lines and back. Actions are stored with their class name and
 * mapped by Jackson; answers are read back as the action's declared result type (generics included,
 * e.g. {@code List<JobStatus>}), or as the recorded answer's class where the declaration says
 * nothing (a type variable); errors as their class name and message. Knows the built-in process
 * actions: their {@link ProcessListener}s are not recorded and come back as {@link ProcessListener#NONE}.
 * Secrets are not written: see {@link #encode} and {@link #maskedTree}. Thread-safe.
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

    /** The same mapping with environment values and stdin masked by type: what recordings write. */
    private final ObjectMapper maskingMapper = mapper.copy().registerModule(maskedProcessInputs());

    /** Writes trees with object fields sorted, for comparisons and digests that ignore map order. */
    private final ObjectMapper canonicalMapper = mapper.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private static final java.security.SecureRandom SALTS = new java.security.SecureRandom();

    private StepCodec() {}

    /**
     * One line of JSON, without the line break. The input is the action with its secrets masked
     * ({@link #maskedTree}); when masking changed it, a {@code redacted} object holds the names
     * masked, a salt and a digest of the masked values, so that replay can still tell whether the
     * flow performed the very same action.
     */
    String encode(RecordedStep step, Redaction redaction) {
        ObjectNode line = mapper.createObjectNode();
        line.put("step", step.number());
        line.put("action", step.action().getClass().getName());
        JsonNode full = actionTree(step.action());
        JsonNode masked = maskedTree(step.action(), redaction);
        line.set("input", masked);
        if (!canonical(masked).equals(canonical(full))) {
            byte[] salt = new byte[16];
            SALTS.nextBytes(salt);
            ObjectNode redacted = line.putObject("redacted");
            redaction.names().toSortedSet().forEach(redacted.putArray("names")::add);
            redacted.put("salt", java.util.Base64.getEncoder().encodeToString(salt));
            redacted.put("digest", digest(salt, full, masked));
        }
        step.outcome().fold(error -> {
            ObjectNode failure = line.putObject("error");
            failure.put("type", error.getClass().getName());
            failure.put("message", error.getMessage() == null ? null : redaction.maskIn(error.getMessage(), step.action()));
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
        JsonNode tree = maskedTree(action, redaction);
        try {
            mapper.treeToValue(tree, action.getClass());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + redaction.render(action) + " back from JSON with its secrets masked"
                    + " (as ***, 0, false or empty bytes); actions to record must be records whose components Jackson can map"
                    + " and accept those values: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Secrets in recordings: what Redaction masks for people is masked in the file, by the same rules.

    /**
     * What a recording writes for {@code action}: its JSON with process environment values (except
     * visible ones) and stdin contents masked, every field or map key with one of
     * {@code redaction}'s secret names masked at any depth (text as {@code ***}, numbers as 0,
     * booleans as false, bytes as empty), and every string the action's hand-written
     * {@code toString} hides written as {@code ***} ({@link Redaction#secretsIn}): a file shows no
     * more than people see. The process actions' {@code toString}s abbreviate rather than hide, so
     * for them it is their command's rendering that counts.
     */
    JsonNode maskedTree(Action<?> action, Redaction redaction) {
        JsonNode tree;
        try {
            tree = maskingMapper.valueToTree(action);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot record " + redaction.render(action) + " as JSON; actions to record must be records "
                    + "whose components Jackson can map: " + e.getMessage(), e);
        }
        return maskTexts(maskNamed(tree, redaction), redaction.secretsIn(shownPart(action)));
    }

    private static Object shownPart(Action<?> action) {
        return switch (action) {
            case ProcessAction.Run run -> run.command();
            case ProcessAction.Start start -> start.command();
            default -> action;
        };
    }

    private static JsonNode maskTexts(JsonNode node, java.util.Set<String> hidden) {
        if (hidden.isEmpty()) {
            return node;
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), maskTexts(field.getValue(), hidden)));
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = ((com.fasterxml.jackson.databind.node.ArrayNode) node).arrayNode();
            node.forEach(element -> copy.add(maskTexts(element, hidden)));
            return copy;
        }
        return node.isTextual() && hidden.contains(node.asText()) ? JsonNodeFactory.instance.textNode(Redaction.MASK) : node;
    }

    /**
     * Whether {@code action} is the action recorded under {@code seal}: its masked form is the
     * recorded one and the digest of its masked values matches.
     */
    boolean matches(Seal seal, String recordedMasked, Action<?> action) {
        Redaction redaction = seal.redaction();
        JsonNode masked = maskedTree(action, redaction);
        return canonical(masked).equals(recordedMasked)
                && digest(seal.salt(), actionTree(action), masked).equals(seal.digest());
    }

    /** What a line says about its masked input, if anything was masked. */
    Optional<Seal> seal(String text) {
        try {
            JsonNode redacted = mapper.readTree(text).get("redacted");
            if (redacted == null || redacted.isNull()) {
                return Optional.empty();
            }
            java.util.List<String> names = new java.util.ArrayList<>();
            redacted.path("names").forEach(name -> names.add(name.asText()));
            return Optional.of(new Seal(Redaction.DEFAULT.masking(names.toArray(String[]::new)),
                    java.util.Base64.getDecoder().decode(redacted.get("salt").asText()), redacted.get("digest").asText()));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("the redaction of a recorded step cannot be read: " + e.getMessage() + "\n  " + text, e);
        }
    }

    /** The masking a recorded step went through, and the salted digest of the values masked. */
    record Seal(Redaction redaction, byte[] salt, String digest) {}

    /** A JSON text of {@code tree} with object fields sorted: equal for equal trees whatever the map order. */
    String canonical(JsonNode tree) {
        try {
            return canonicalMapper.writeValueAsString(canonicalMapper.treeToValue(tree, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree: " + e.getMessage(), e);
        }
    }

    private static JsonNode maskNamed(JsonNode node, Redaction redaction) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(),
                    redaction.isSecret(field.getKey()) ? maskAll(field.getValue()) : maskNamed(field.getValue(), redaction)));
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = ((com.fasterxml.jackson.databind.node.ArrayNode) node).arrayNode();
            node.forEach(element -> copy.add(maskNamed(element, redaction)));
            return copy;
        }
        return node;
    }

    private static JsonNode maskAll(JsonNode node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node.isObject()) {
            ObjectNode copy = nodes.objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), maskAll(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = nodes.arrayNode();
            node.forEach(element -> copy.add(maskAll(element)));
            return copy;
        }
        if (node.isTextual()) {
            return nodes.textNode(Redaction.MASK);
        }
        if (node.isBinary()) {
            return nodes.binaryNode(new byte[0]);
        }
        if (node.isIntegralNumber()) {
            return nodes.numberNode(0);
        }
        if (node.isBigDecimal()) {
            return nodes.numberNode(java.math.BigDecimal.ZERO);
        }
        if (node.isNumber()) {
            return nodes.numberNode(0.0);
        }
        if (node.isBoolean()) {
            return nodes.booleanNode(false);
        }
        return node;
    }

    /**
     * A salted SHA-256 of the values masking replaced, each with its path: equal for the same
     * action, different when a masked value differs. Paths name fields, not their order, so map
     * order does not matter.
     */
    private String digest(byte[] salt, JsonNode full, JsonNode masked) {
        java.util.List<String> replaced = new java.util.ArrayList<>();
        collectReplaced(full, masked, "", replaced);
        replaced.sort(null);
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(String.join("\n", replaced).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private void collectReplaced(JsonNode full, JsonNode masked, String path, java.util.List<String> replaced) {
        if (full.isObject() && masked.isObject()) {
            full.properties().forEach(field -> collectReplaced(field.getValue(), masked.path(field.getKey()),
                    path + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), replaced));
        } else if (full.isArray() && masked.isArray() && full.size() == masked.size()) {
            for (int i = 0; i < full.size(); i++) {
                collectReplaced(full.get(i), masked.get(i), path + "/" + i, replaced);
            }
        } else {
            String value = canonical(full);
            if (!value.equals(canonical(masked))) {
                replaced.add(path + "=" + value);
            }
        }
    }

    /** The step on line {@code lineNumber} (for messages) of a recording. */
    RecordedStep decode(String text, long lineNumber) {
        try {
            JsonNode line = mapper.readTree(text);
            Class<?> actionClass = load(line.get("action").asText());
            Action<?> action = (Action<?>) mapper.treeToValue(line.get("input"), actionClass);
            Try<Object> outcome = line.hasNonNull("error")
                    ? Try.failure(recreate(line.get("error").get("type").asText(), line.get("error").path("message").asText(null)))
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

    private static Throwable recreate(String type, String message) {
        try {
            Class<?> errorClass = load(type);
            if (Exception.class.isAssignableFrom(errorClass)) {
                try {
                    return (Throwable) errorClass.getConstructor(String.class).newInstance(message);
                } catch (NoSuchMethodException noMessage) {
                    if (message == null) {
                        return (Throwable) errorClass.getConstructor().newInstance();
                    }
                }
            }
        } catch (ReflectiveOperationException | LinkageError notRecreatable) {
            // fall through to the stand-in
        }
        return new ReplayedFailureException(type, message);
    }

    private static Class<?> load(String name) throws ClassNotFoundException {
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

    /** Environment values (unless visible) and stdin contents written masked, keeping the shape replay decodes. */
    private static SimpleModule maskedProcessInputs() {
        SimpleModule module = new SimpleModule("pureflow-masked-process-inputs");
        module.addSerializer(Environment.class, new StdSerializer<>(Environment.class) {
            @Override
            public void serialize(Environment environment, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeStartObject();
                generator.writeBooleanField("inherits", environment.inherits());
                generator.writeObjectFieldStart("set");
                for (var variable : new java.util.TreeMap<>(environment.set()).entrySet()) {
                    generator.writeStringField(variable.getKey(),
                            environment.isVisible(variable.getKey()) ? variable.getValue() : Redaction.MASK);
                }
                generator.writeEndObject();
                generator.writeArrayFieldStart("unset");
                for (String name : environment.unset()) {
                    generator.writeString(name);
                }
                generator.writeEndArray();
                generator.writeArrayFieldStart("visible");
                for (String name : environment.visible()) {
                    generator.writeString(name);
                }
                generator.writeEndArray();
                generator.writeEndObject();
            }
        });
        module.addSerializer(Stdin.Text.class, new MaskedStdin<>(Stdin.Text.class, generator -> generator.writeStringField("text", Redaction.MASK)));
        module.addSerializer(Stdin.Bytes.class, new MaskedStdin<>(Stdin.Bytes.class, generator -> generator.writeBinaryField("bytes", new byte[0])));
        return module;
    }

    /** Writes a stdin of one kind with its contents masked, with the type id the {@code Stdin} family carries. */
    private static final class MaskedStdin<T extends Stdin> extends StdSerializer<T> {
        private final Contents contents;

        MaskedStdin(Class<T> type, Contents contents) {
            super(type);
            this.contents = contents;
        }

        @Override
        public void serialize(T stdin, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeStartObject();
            contents.write(generator);
            generator.writeEndObject();
        }

        @Override
        public void serializeWithType(T stdin, JsonGenerator generator, SerializerProvider provider,
                com.fasterxml.jackson.databind.jsontype.TypeSerializer types) throws IOException {
            com.fasterxml.jackson.core.type.WritableTypeId id =
                    types.writeTypePrefix(generator, types.typeId(stdin, com.fasterxml.jackson.core.JsonToken.START_OBJECT));
            contents.write(generator);
            types.writeTypeSuffix(generator, id);
        }

        @FunctionalInterface
        interface Contents {
            void write(JsonGenerator generator) throws IOException;
        }
    }

    private static Command command(JsonParser parser, JsonNode node) throws IOException {
        JsonNode command = node.get("command");
        if (command == null) {
            throw new UncheckedIOException(new IOException("a process action without a command: " + node));
        }
        return parser.getCodec().treeToValue(command, Command.class);
    }
}
