package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The public constructors other readers of keyed values (frames, Temporal) throw it with. */
class MessageTypeExceptionProperties {

    @Property
    void the_message_names_the_key_and_both_types_and_the_accessors_return_them(
            @ForAll("keys") String key, @ForAll("types") Class<?> expected, @ForAll("types") Class<?> actual) {
        MessageTypeException error = new MessageTypeException(key, expected, actual);

        assertThat(error).isInstanceOf(ClassCastException.class)
                .hasMessage("the value under key \"" + key + "\" is a " + actual.getName() + ", not the "
                        + expected.getName() + " it was read as");
        assertThat(error.what()).isEqualTo("value");
        assertThat(error.key()).isEqualTo(key);
        assertThat(error.expected()).isEqualTo(expected);
        assertThat(error.actual()).isEqualTo(actual);
    }

    @Example
    void it_is_the_error_the_in_process_mailbox_gives_for_a_message_of_another_type() {
        Runner runner = Runner.of(action -> { throw new UnhandledActionException(action, "built-ins only"); });
        RunHandle<Integer> run = runner.start(Program.awaitMessage("count", Integer.class, java.time.Duration.ofDays(1))
                .map(count -> count.getOrElse(-1)));
        run.send("count", "s3cr3t");

        Throwable cause = run.awaitOutcome().getCause().getCause();
        assertThat(cause).isInstanceOf(MessageTypeException.class)
                .hasMessage("the message under key \"count\" is a java.lang.String, not the java.lang.Integer it was read as")
                .hasMessageNotContaining("s3cr3t");
        MessageTypeException same = new MessageTypeException("message", "count", Integer.class, String.class);
        assertThat(same).hasMessage(cause.getMessage());
    }

    @Example
    void a_missing_part_is_refused_naming_it() {
        assertThatThrownBy(() -> new MessageTypeException(null, Integer.class, String.class))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> new MessageTypeException("k", null, String.class))
                .isInstanceOf(NullPointerException.class).hasMessage("expected");
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().ofMinLength(0).ofMaxLength(20);
    }

    @Provide
    Arbitrary<Class<?>> types() {
        return Arbitraries.of(String.class, Integer.class, Boolean.class, java.util.List.class, int[].class, Thread.State.class);
    }
}
