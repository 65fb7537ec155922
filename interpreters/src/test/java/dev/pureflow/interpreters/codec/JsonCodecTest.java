package dev.pureflow.interpreters.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pureflow.Action;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    sealed interface Store<R> extends Action<R> {}

    record Put(String key, List<Integer> values, Optional<Instant> at) implements Store<Map<String, List<Integer>>> {}

    record Holder(Object value) implements Action<Object> {}

    /** An action Jackson writes but cannot read back: no way to construct it from its fields. */
    static final class Opaque implements Action<String> {
        public String getName() {
            return "x";
        }
    }

    private final JsonCodec codec = JsonCodec.standard();

    @Property(tries = 200)
    void an_action_reads_back_equal_from_its_type_name_and_tree(@ForAll String key, @ForAll List<Integer> values, @ForAll boolean dated) {
        Put put = new Put(key, values, dated ? Optional.of(Instant.ofEpochSecond(values.size(), 7)) : Optional.empty());

        JsonNode tree = codec.read(codec.write(codec.actionTree(put)));

        assertThat(codec.readAction(JsonCodec.typeName(put), tree)).isEqualTo(put);
        codec.requireRoundTrip(put);
    }

    @Test
    void an_answer_reads_back_as_the_declared_generic_result_type() {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        codec.writeOutcome(record, Try.success(Map.of("a", List.of(1, 2))));

        Try<Object> read = codec.readOutcome(Put.class, codec.read(codec.write(record)));

        assertThat(read.get()).isEqualTo(Map.of("a", List.of(1, 2)));
        assertThat(record.get("resultType").asText()).startsWith("java.util.");
    }

    @Test
    void an_answer_of_an_undeclared_type_reads_back_as_its_written_class() {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        codec.writeOutcome(record, Try.success(Instant.ofEpochSecond(5)));

        assertThat(codec.readOutcome(Holder.class, record).get()).isEqualTo(Instant.ofEpochSecond(5));
    }

    @Test
    void an_error_comes_back_as_its_own_class_with_message_and_cause() {
        IOException error = new IOException("disk gone", new NoSuchFileException("/a"));
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        codec.writeOutcome(record, Try.failure(error));

        Throwable read = codec.readOutcome(Put.class, codec.read(codec.write(record))).getCause();

        assertThat(read).isExactlyInstanceOf(IOException.class).hasMessage("disk gone")
                .cause().isExactlyInstanceOf(NoSuchFileException.class).hasMessage("/a");
    }

    @Test
    void an_error_whose_class_is_gone_comes_back_as_the_stand_in_naming_it() {
        JsonNode written = codec.read("{\"type\":\"com.example.GoneException\",\"message\":\"went away\"}");

        assertThat(codec.decodeError(written)).isInstanceOfSatisfying(DecodedFailureException.class,
                stand_in -> assertThat(stand_in.recordedType()).isEqualTo("com.example.GoneException"))
                .hasMessage("com.example.GoneException: went away");
        assertThat(codec.withStandIn((type, message) -> new IllegalStateException(type + " said " + message)).decodeError(written))
                .isExactlyInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_action_that_does_not_read_back_is_refused_naming_it() {
        assertThatThrownBy(() -> codec.requireRoundTrip(new Opaque()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Opaque.class.getName());
    }

    @Test
    void an_unknown_action_class_is_refused_naming_it() {
        assertThatThrownBy(() -> codec.readAction("com.example.Gone", codec.read("{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.example.Gone");
    }

    @Test
    void canonical_text_ignores_field_order() {
        assertThat(codec.canonical(codec.read("{\"b\":1,\"a\":{\"d\":2,\"c\":3}}")))
                .isEqualTo(codec.canonical(codec.read("{\"a\":{\"c\":3,\"d\":2},\"b\":1}")));
    }
}
