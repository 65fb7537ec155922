package dev.pureflow.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Examples of {@link StringConversions} beside its properties: the error a caller sees, and {@code toBool} without sets. */
class StringConversionsTest {

    @Test
    void text_python_rejects_fails_with_pythons_value_error_message_naming_the_text_and_the_rules() {
        assertThatThrownBy(() -> StringConversions.toInt("010")).isInstanceOf(NumberFormatException.class)
                .hasMessage("invalid literal for int(): '010' (Python's int(s, 0) rules)");
        assertThatThrownBy(() -> StringConversions.toFloat("1e")).isInstanceOf(NumberFormatException.class)
                .hasMessage("invalid literal for float(): '1e' (Python's float(s) rules)");
        assertThatThrownBy(() -> StringConversions.toFloat("1_")).isInstanceOf(NumberFormatException.class)
                .hasMessage("invalid literal for float(): '1_' (Python's float(s) rules)");
    }

    @Test
    void to_bool_without_sets_is_true_for_any_non_empty_text() {
        assertThat(StringConversions.toBool("")).isFalse();
        assertThat(StringConversions.toBool("false")).isTrue();
    }
}
