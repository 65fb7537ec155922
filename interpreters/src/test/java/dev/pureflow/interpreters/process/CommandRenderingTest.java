package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.Redaction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** How a command shows itself: environment values masked unless asked for, stdin contents never. */
class CommandRenderingTest {

    /** A user's action that carries a whole command, rendered through the record's default toString. */
    record Deploy(String service, Command command) implements Action<Void> {}

    private final Command secretive = Command.of("deploy", "--to", "prod")
            .withEnv("API_TOKEN", "s3cret-env")
            .withVisibleEnv("LANG", "C")
            .withStdin(Stdin.text("s3cret-stdin"));

    @Test
    void an_environment_shows_names_sorted_and_values_masked_unless_visible() {
        assertThat(secretive.environment().toString())
                .isEqualTo("Environment[inherits=true, set={API_TOKEN=***, LANG=C}, unset=[]]");
        assertThat(Environment.exactly(Map.of("B", "2", "A", "1")).without("C").toString())
                .isEqualTo("Environment[inherits=false, set={A=***, B=***}, unset=[C]]");
    }

    @Test
    void stdin_says_how_much_it_holds_but_never_what() {
        assertThat(Stdin.text("s3cret-stdin").toString()).isEqualTo("Text[12 chars]");
        assertThat(Stdin.bytes("s3cret".getBytes(StandardCharsets.UTF_8)).toString()).isEqualTo("Bytes[6 bytes]");
    }

    @Test
    void a_command_and_an_action_holding_it_show_neither_secret_by_any_policy() {
        Deploy deploy = new Deploy("api", secretive);

        for (Redaction policy : new Redaction[] {Redaction.DEFAULT, Redaction.DEFAULT.masking("token", "password")}) {
            assertThat(policy.render(secretive)).contains("API_TOKEN=***", "LANG=C", "Text[12 chars]").doesNotContain("s3cret");
            assertThat(policy.render(deploy)).startsWith("Deploy[service=api, command=Command[argv=[deploy, --to, prod]")
                    .doesNotContain("s3cret");
            assertThat(policy.render(ProcessAction.run(secretive))).isEqualTo("Run[deploy --to prod]");
            assertThat(policy.render(ProcessAction.start("d", secretive))).isEqualTo("Start[d: deploy --to prod]");
        }
        assertThat(String.valueOf(deploy)).doesNotContain("s3cret");
    }

    @Test
    void setting_a_visible_variable_again_with_withEnv_masks_it_again() {
        Command masked = secretive.withEnv("LANG", "de_DE");

        assertThat(masked.environment().isVisible("LANG")).isFalse();
        assertThat(masked.environment().toString()).contains("LANG=***").doesNotContain("de_DE");
        assertThat(secretive.withoutEnv("LANG").environment().visible()).isEmpty();
    }

    @Test
    void the_child_gets_the_real_values_whatever_is_shown() {
        assertThat(secretive.environment().resolve(Map.of())).isEqualTo(Map.of("API_TOKEN", "s3cret-env", "LANG", "C"));
    }

    @Property(tries = 200)
    void no_environment_value_or_stdin_text_set_without_asking_is_ever_shown(
            @ForAll @AlphaChars @StringLength(min = 1, max = 12) String name,
            @ForAll @AlphaChars @StringLength(min = 4, max = 30) String secret) {
        Command command = Command.of("tool").withEnv(name, "v-" + secret).withStdin(Stdin.text("in-" + secret));

        assertThat(command.toString()).doesNotContain("v-" + secret, "in-" + secret);
        assertThat(new Deploy("x", command).toString()).doesNotContain("v-" + secret, "in-" + secret);
        assertThat(Redaction.DEFAULT.masking(name).render(new Deploy("x", command))).doesNotContain("v-" + secret, "in-" + secret);
    }
}
