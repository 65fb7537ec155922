package dev.pureflow.interpreters.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pureflow.Action;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessListener;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** A fresh codec per test, so that no test leans on the declared result types another test's codec cached. */
    private final JsonCodec codec = JsonCodec.standard().withStandIn(DecodedFailureException::new);

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
    @Test
    void a_run_action_reads_back_with_its_command_and_no_listener() {
        ProcessAction.Run run = ProcessAction.run(Command.of("git", "status", "--short"), ProcessListener.NONE);

        Action<?> read = codec.readAction(JsonCodec.typeName(run), codec.read(codec.write(codec.actionTree(run))));

        assertThat(read).isEqualTo(run);
        assertThat(codec.actionTree(run).has("listener")).isFalse();
    }

    @Test
    void a_start_action_reads_back_with_its_job_id_or_without_one() {
        ProcessAction.Start named = ProcessAction.start("build", Command.shell("make all"));
        ProcessAction.Start unnamed = ProcessAction.start(Command.of("sleep", "5"));

        assertThat(codec.readAction(JsonCodec.typeName(named), codec.read(codec.write(codec.actionTree(named))))).isEqualTo(named);
        assertThat(codec.readAction(JsonCodec.typeName(unnamed), codec.read(codec.write(codec.actionTree(unnamed))))).isEqualTo(unnamed);
        assertThat(codec.readAction(JsonCodec.typeName(unnamed), codec.read("{\"command\":" + codec.write(codec.actionTree(unnamed).get("command"))
                + ",\"id\":null}"))).isEqualTo(unnamed);
    }

    @Test
    void a_process_action_without_a_command_is_refused() {
        assertThatThrownBy(() -> codec.readAction(ProcessAction.Run.class.getName(), codec.read("{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a command");
    }

    /** An action without a structural equals that Jackson reads back field by field. */
    static final class Bag implements Action<String> {
        public String name = "";
    }

    /** An action that reads back as another: its constructor adds to what was written. */
    record Shouted(String name) implements Action<String> {
        Shouted {
            name = name + "!";
        }
    }

    @Test
    void round_trip_checking_gives_the_tree_and_accepts_an_action_that_maps_to_the_same_json_without_an_equals() {
        Bag bag = new Bag();
        bag.name = "tools";

        assertThat(codec.requireRoundTrip(bag)).isEqualTo(codec.actionTree(bag));
        assertThat(codec.actionTree(bag).get("name").asText()).isEqualTo("tools");
    }

    @Test
    void round_trip_checking_refuses_an_action_that_reads_back_as_another() {
        assertThatThrownBy(() -> codec.requireRoundTrip(new Shouted("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads back as");
    }

    @Test
    void trees_are_the_same_when_equal_in_any_field_order_or_as_numbers_of_another_width() {
        JsonNode fromValues = codec.mapper().valueToTree(Map.of("n", 5L));

        assertThat(codec.sameTree(codec.read("{\"a\":1,\"b\":[2]}"), codec.read("{\"b\":[2],\"a\":1}"))).isTrue();
        assertThat(codec.sameTree(fromValues, codec.read("{\"n\":5}"))).isTrue();
        assertThat(codec.sameTree(codec.read("{\"n\":5}"), codec.read("{\"n\":6}"))).isFalse();
        assertThat(codec.canonical(codec.read("{\"b\":1,\"a\":{\"d\":2,\"c\":3}}"))).isEqualTo("{\"a\":{\"c\":3,\"d\":2},\"b\":1}");
    }

    @Test
    void an_answer_reads_straight_from_its_bytes_as_the_declared_type_or_the_written_class() {
        byte[] line = "xx{\"a\":[1,2]}yy".getBytes(StandardCharsets.UTF_8);
        byte[] instant = "\"1970-01-01T00:00:05Z\"".getBytes(StandardCharsets.UTF_8);

        assertThat(codec.readAnswer(Put.class, "java.util.HashMap", line, 2, line.length - 4)).isEqualTo(Map.of("a", List.of(1, 2)));
        assertThat(codec.readAnswer(Holder.class, Instant.class.getName(), instant, 0, instant.length)).isEqualTo(Instant.ofEpochSecond(5));
        assertThat(codec.readAnswer(Holder.class, null, "null".getBytes(StandardCharsets.UTF_8), 0, 4)).isNull();
        assertThatThrownBy(() -> codec.readAnswer(Put.class, null, line, 0, line.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Put.class.getName());
    }

    @Test
    void json_goes_to_bytes_and_back() {
        JsonNode tree = codec.read("{\"name\":\"Zoë\",\"n\":[1,2]}");

        byte[] bytes = codec.writeBytes(tree);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"Zoë\",\"n\":[1,2]}");
        assertThat(codec.read(bytes)).isEqualTo(tree);
        assertThatThrownBy(() -> codec.read("{".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
    }
}
