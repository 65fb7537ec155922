package dev.pureflow.testkit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.pureflow.Action;
import dev.pureflow.Redaction;
import dev.pureflow.interpreters.process.Environment;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.Stdin;
import java.io.IOException;
import java.util.Optional;

/**
 * How a recording writes an action without its secrets, by the rules of the one {@link Redaction}:
 * the action's JSON with secrets masked, and, where masking changed anything, a {@code redacted}
 * object with the names masked, a random salt and a SHA-256 of the salted masked values. Replay
 * matches an action against a masked step by its masked JSON and that digest, so a changed secret
 * is still a divergence. Thread-safe.
 */
final class RecordedInput {

    private static final java.security.SecureRandom SALTS = new java.security.SecureRandom();

    /** The codec's mapping: the whole action, for digests. */
    private final ObjectMapper full;
    /** The same mapping with environment values and stdin masked by type: what recordings write. */
    private final ObjectMapper masking;
    /** Writes trees with object fields sorted, for comparisons and digests that ignore map order. */
    private final ObjectMapper canonicalMapper;

    RecordedInput(ObjectMapper mapper) {
        this.full = mapper;
        this.masking = mapper.copy().registerModule(maskedProcessInputs());
        this.canonicalMapper = mapper.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /**
     * Writes {@code action}, whose whole JSON is {@code fullTree}, into {@code line} as its
     * {@code input}, masked, with the {@code redacted} seal if masking changed it.
     */
    void write(ObjectNode line, Action<?> action, JsonNode fullTree, Redaction redaction) {
        JsonNode masked = maskedTree(action, redaction);
        line.set("input", masked);
        if (!canonical(masked).equals(canonical(fullTree))) {
            byte[] salt = new byte[16];
            SALTS.nextBytes(salt);
            ObjectNode redacted = line.putObject("redacted");
            redaction.names().toSortedSet().forEach(redacted.putArray("names")::add);
            redacted.put("salt", java.util.Base64.getEncoder().encodeToString(salt));
            redacted.put("digest", digest(salt, fullTree, masked));
        }
    }

    private JsonNode fullTree(Action<?> action) {
        return full.valueToTree(action);
    }

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
            tree = masking.valueToTree(action);
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
                && digest(seal.salt(), fullTree(action), masked).equals(seal.digest());
    }

    /** What a recorded line says about its masked input, if anything was masked. */
    Optional<Seal> seal(String text) {
        try {
            JsonNode redacted = full.readTree(text).get("redacted");
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
}
