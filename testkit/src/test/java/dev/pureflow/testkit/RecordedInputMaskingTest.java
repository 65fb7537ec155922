package dev.pureflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Redaction;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a recording writes for a secret of any JSON type, and the salted digest that lets replay
 * tell a changed secret from the recorded one (issue 15: the masking and digest survivors).
 */
class RecordedInputMaskingTest {

    @TempDir
    Path dir;

    record Secret(String text, byte[] bytes, int small, long large, BigDecimal exact, double ratio, boolean flag,
            List<String> items, Map<String, Integer> nested, String absent) {}

    record Vault(String name, Secret secret) implements Action<String> {}

    record Headers(String service, Map<String, String> headers) implements Action<String> {}

    private static final Redaction SECRET = Redaction.DEFAULT.masking("secret");

    private static Secret secret() {
        return new Secret("pw", new byte[] {1, 2, 3}, 4711, 9_000_000_000L, new BigDecimal("12.50"), 0.75, true,
                List.of("a", "b"), Map.of("pin", 1234), null);
    }

    @Test
    void a_masked_secret_keeps_its_shape_with_every_value_replaced_by_the_empty_value_of_its_type() {
        JsonNode masked = StepCodec.INSTANCE.inputs().maskedTree(new Vault("db", secret()), SECRET);

        assertThat(masked.get("name").asText()).isEqualTo("db");
        JsonNode secret = masked.get("secret");
        assertThat(secret.get("text").isTextual()).isTrue();
        assertThat(secret.get("text").asText()).isEqualTo("***");
        assertThat(secret.get("bytes").isBinary()).isTrue();
        assertThat(secret.get("bytes").asText()).isEmpty();
        assertThat(secret.get("small").isIntegralNumber()).isTrue();
        assertThat(secret.get("small").asLong()).isZero();
        assertThat(secret.get("large").isIntegralNumber()).isTrue();
        assertThat(secret.get("large").asLong()).isZero();
        assertThat(secret.get("ratio").isFloatingPointNumber()).isTrue();
        assertThat(secret.get("ratio").isBigDecimal()).isFalse();
        assertThat(secret.get("ratio").asDouble()).isZero();
        assertThat(secret.get("flag").isBoolean()).isTrue();
        assertThat(secret.get("flag").asBoolean()).isFalse();
        assertThat(secret.get("items").isArray()).isTrue();
        assertThat(secret.get("items")).hasSize(2);
        assertThat(secret.get("items").get(0).asText()).isEqualTo("***");
        assertThat(secret.get("items").get(1).asText()).isEqualTo("***");
        assertThat(secret.get("nested").isObject()).isTrue();
        assertThat(secret.get("nested").get("pin").isIntegralNumber()).isTrue();
        assertThat(secret.get("nested").get("pin").asInt()).isZero();
        assertThat(secret.get("absent").isNull()).isTrue();
    }

    @Test
    void a_masked_big_decimal_is_written_as_a_decimal_zero() {
        JsonNode masked = StepCodec.INSTANCE.inputs().maskedTree(new Vault("db", secret()), SECRET).get("secret").get("exact");

        assertThat(masked.isBigDecimal()).isTrue();
        assertThat(masked.decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void the_digest_is_the_sha256_of_the_salt_and_the_sorted_paths_and_values_masking_replaced() throws Exception {
        Path file = record(new Vault("db", new Secret("pw", new byte[] {1}, 7, 8L, BigDecimal.ONE, 0.5, true, List.of("x"),
                Map.of("k", 9), null)), SECRET);
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(file).get(0));

        JsonNode redacted = line.get("redacted");
        assertThat(redacted.get("names").toString()).isEqualTo("[\"secret\"]");
        byte[] salt = Base64.getDecoder().decode(redacted.get("salt").asText());
        assertThat(salt).hasSize(16);
        List<String> replaced = new ArrayList<>(List.of(
                "/secret/text=\"pw\"", "/secret/bytes=\"AQ==\"", "/secret/small=7", "/secret/large=8",
                "/secret/exact=" + StepCodec.INSTANCE.inputs().canonical(
                        StepCodec.INSTANCE.codec().mapper().valueToTree(BigDecimal.ONE)),
                "/secret/ratio=0.5", "/secret/flag=true", "/secret/items/0=\"x\"", "/secret/nested/k=9"));
        replaced.sort(null);
        assertThat(redacted.get("digest").asText()).isEqualTo(expectedDigest(salt, replaced));
    }

    @Test
    void digest_paths_escape_slashes_and_tildes_in_keys_and_do_not_depend_on_map_order() throws Exception {
        Redaction masking = Redaction.DEFAULT.masking("a/b", "c~d");
        Map<String, String> first = new LinkedHashMap<>();
        first.put("a/b", "one");
        first.put("c~d", "two");
        first.put("plain", "three");
        Path file = record(new Headers("svc", first), masking);
        JsonNode redacted = new ObjectMapper().readTree(Files.readAllLines(file).get(0)).get("redacted");
        byte[] salt = Base64.getDecoder().decode(redacted.get("salt").asText());
        assertThat(redacted.get("digest").asText())
                .isEqualTo(expectedDigest(salt, List.of("/headers/a~1b=\"one\"", "/headers/c~0d=\"two\"")));

        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("plain", "three");
        reversed.put("c~d", "two");
        reversed.put("a/b", "one");
        try (Replay replay = Replay.from(file)) {
            assertThat(Runner.of(replay).run(Program.perform(new Headers("svc", reversed)))).isEqualTo("ok svc");
        }
    }

    @Test
    void every_recording_of_a_secret_gets_its_own_random_salt_and_so_its_own_digest() throws Exception {
        Vault vault = new Vault("db", secret());
        JsonNode one = new ObjectMapper().readTree(Files.readAllLines(record(vault, SECRET)).get(0)).get("redacted");
        JsonNode two = new ObjectMapper().readTree(Files.readAllLines(record(vault, SECRET)).get(0)).get("redacted");

        assertThat(Base64.getDecoder().decode(one.get("salt").asText())).isNotEqualTo(new byte[16]);
        assertThat(one.get("salt").asText()).isNotEqualTo(two.get("salt").asText());
        assertThat(one.get("digest").asText()).isNotEqualTo(two.get("digest").asText());
    }

    @Test
    void a_changed_secret_inside_a_list_or_nested_map_is_a_divergence() throws Exception {
        Path file = record(new Vault("db", secret()), SECRET);
        Secret s = secret();
        Secret otherItem = new Secret(s.text(), s.bytes(), s.small(), s.large(), s.exact(), s.ratio(), s.flag(),
                List.of("a", "c"), s.nested(), null);
        Secret otherPin = new Secret(s.text(), s.bytes(), s.small(), s.large(), s.exact(), s.ratio(), s.flag(),
                s.items(), Map.of("pin", 4321), null);
        Secret otherBytes = new Secret(s.text(), new byte[] {9}, s.small(), s.large(), s.exact(), s.ratio(), s.flag(),
                s.items(), s.nested(), null);

        for (Secret changed : List.of(otherItem, otherPin, otherBytes)) {
            Replay replay = Replay.from(file);
            assertThat(Runner.of(replay).attempt(Program.perform(new Vault("db", changed))).isFailure()).isTrue();
            org.assertj.core.api.Assertions.assertThatThrownBy(replay::verify).isInstanceOf(ReplayDivergedException.class);
        }
        try (Replay replay = Replay.from(file)) {
            assertThat(Runner.of(replay).run(Program.perform(new Vault("db", secret())))).isEqualTo("opened db");
        }
    }

    record Account(String user, String password) implements Action<String> {}

    @Test
    void a_secret_in_the_message_of_an_errors_cause_or_suppressed_error_is_recorded_masked() throws Exception {
        Path file = dir.resolve("errors.jsonl");
        Executor refusing = Executor.of(Account.class, account -> {
            IOException failure = new IOException("refused " + account.user(),
                    new IllegalStateException("cause saw hunter2-secret"));
            failure.addSuppressed(new IllegalArgumentException("suppressed saw hunter2-secret"));
            throw failure;
        });
        try (Recorder recorder = Recorder.to(file, VirtualClock.start(), Redaction.DEFAULT.masking("password"))) {
            Runner.of(refusing.with(recorder)).attempt(Program.perform(new Account("ci", "hunter2-secret")));
        }

        assertThat(Files.readString(file)).doesNotContain("hunter2-secret")
                .contains("refused ci", "cause saw ***", "suppressed saw ***");
    }

    record Endpoint(String host, String apiKey) {}

    /** Its hand-written toString shows only the service: the key and the endpoint's key are hidden. */
    record Call(String service, Endpoint endpoint, List<String> keys) implements Action<String> {
        @Override
        public String toString() {
            return "Call[" + service + " at " + endpoint.host() + "]";
        }
    }

    @Test
    void texts_a_hand_written_to_string_hides_are_recorded_masked_at_any_depth() {
        JsonNode masked = StepCodec.INSTANCE.inputs().maskedTree(
                new Call("billing", new Endpoint("api.example", "key-0123456789"), List.of("spare-key-987654")), Redaction.DEFAULT);

        assertThat(masked.get("service").asText()).isEqualTo("billing");
        assertThat(masked.get("endpoint").get("host").asText()).isEqualTo("api.example");
        assertThat(masked.get("endpoint").get("apiKey").asText()).isEqualTo("***");
        assertThat(masked.get("keys").get(0).asText()).isEqualTo("***");
    }

    private int recordings;

    private Path record(Action<String> action, Redaction redaction) throws IOException {
        Path file = dir.resolve("run" + (recordings++) + ".jsonl");
        Executor world = Executor.of(Vault.class, vault -> "opened " + vault.name())
                .orElse(Executor.of(Headers.class, headers -> "ok " + headers.service()));
        try (Recorder recorder = Recorder.to(file, VirtualClock.start(), redaction)) {
            Runner.of(world.with(recorder)).run(Program.perform(action));
        }
        return file;
    }

    private static String expectedDigest(byte[] salt, List<String> replaced) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(salt);
        sha.update(String.join("\n", replaced).getBytes(StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
