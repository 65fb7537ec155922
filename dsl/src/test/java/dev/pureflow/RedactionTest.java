package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Redaction}: never more than an action's own toString, named secrets masked at any depth. */
class RedactionTest {

    private final Redaction secrets = Redaction.DEFAULT.masking("password", "token");

    record Login(String user, String password) implements Action<String> {}

    /** Hides its password the way the README advises. */
    record Signup(String user, String password) implements Action<String> {
        @Override
        public String toString() {
            return "Signup[user=" + user + "]";
        }
    }

    /** Writes its own toString that shows a secret: the ceiling, with the secret's text masked in it. */
    record Careless(String user, String token) implements Action<String> {
        @Override
        public String toString() {
            return "Careless(" + user + " with " + token + ")";
        }
    }

    record Credentials(String user, String password) {}

    record Deploy(String service, Credentials credentials, Map<String, String> headers, List<Credentials> mirrors,
            Optional<Credentials> fallback) implements Action<Void> {}

    record Wrapper(Signup signup, int attempt) implements Action<Void> {}

    record Chain(String name, Optional<Chain> next, String token) {}

    /** Keeps its default toString, but one accessor refuses to be called: its values cannot be read one by one. */
    record Guarded(String user, String password) implements Action<String> {
        @Override
        public String user() {
            throw new IllegalStateException("ask the vault");
        }
    }

    @Test
    void a_record_whose_components_cannot_be_read_is_shown_with_secrets_masked_and_the_rest_unknown() {
        // its default toString would show the password: what cannot be rebuilt is not shown at all
        assertThat(secrets.render(new Guarded("ada", "s3cret"))).isEqualTo("Guarded[user=?, password=***]");
    }

    @Test
    void the_default_policy_shows_an_action_exactly_as_its_toString() {
        assertThat(Redaction.DEFAULT.render(new Login("ada", "s3cret"))).isEqualTo("Login[user=ada, password=s3cret]");
        assertThat(Redaction.DEFAULT.render(new Signup("ada", "s3cret"))).isEqualTo("Signup[user=ada]");
        assertThat(Redaction.DEFAULT.render(null)).isEqualTo("null");
    }

    @Test
    void named_components_of_a_record_with_the_default_toString_are_masked() {
        assertThat(secrets.render(new Login("ada", "s3cret"))).isEqualTo("Login[user=ada, password=***]");
    }

    @Test
    void names_are_compared_ignoring_case() {
        assertThat(Redaction.DEFAULT.masking("PASSWORD").render(new Login("ada", "s3cret"))).isEqualTo("Login[user=ada, password=***]");
    }

    @Test
    void an_action_whose_toString_hides_a_component_keeps_it_hidden_under_any_policy() {
        assertThat(secrets.render(new Signup("ada", "s3cret"))).isEqualTo("Signup[user=ada]");
        assertThat(Redaction.DEFAULT.masking("user").render(new Signup("ada", "s3cret"))).isEqualTo("Signup[user=***]");
        assertThat(secrets.render(new Wrapper(new Signup("ada", "s3cret"), 2))).isEqualTo("Wrapper[signup=Signup[user=ada], attempt=2]");
    }

    @Test
    void a_hand_written_toString_that_shows_a_named_secret_gets_the_secret_masked_in_its_text() {
        assertThat(secrets.render(new Careless("ada", "tok-123"))).isEqualTo("Careless(ada with ***)");
    }

    @Test
    void named_secrets_are_masked_in_nested_records_maps_lists_and_optionals() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "json");
        headers.put("Token", "hdr-secret");
        Deploy deploy = new Deploy("api", new Credentials("ci", "pw-1"), headers,
                List.of(new Credentials("m1", "pw-2")), Optional.of(new Credentials("fb", "pw-3")));

        String shown = secrets.render(deploy);

        assertThat(shown).isEqualTo("Deploy[service=api, credentials=Credentials[user=ci, password=***],"
                + " headers={accept=json, Token=***}, mirrors=[Credentials[user=m1, password=***]],"
                + " fallback=Optional[Credentials[user=fb, password=***]]]");
        assertThat(shown).doesNotContain("pw-1", "pw-2", "pw-3", "hdr-secret");
    }

    @Test
    void a_secret_name_masks_the_whole_component_whatever_its_type() {
        Redaction credentialsSecret = Redaction.DEFAULT.masking("credentials");
        Deploy deploy = new Deploy("api", new Credentials("ci", "pw-1"), Map.of(), List.of(), Optional.empty());

        assertThat(credentialsSecret.render(deploy))
                .isEqualTo("Deploy[service=api, credentials=***, headers={}, mirrors=[], fallback=Optional.empty]");
    }

    @Test
    void vavr_maps_and_sequences_are_rebuilt_with_secrets_masked() {
        record Config(io.vavr.collection.Map<String, String> values, io.vavr.collection.List<Credentials> users) {}

        String shown = secrets.render(new Config(HashMap.of("token", "t-9"), io.vavr.collection.List.of(new Credentials("u", "pw"))));

        assertThat(shown).isEqualTo("Config[values=HashMap((token, ***)), users=List(Credentials[user=u, password=***])]");
    }

    @Test
    void a_chain_deeper_than_the_rebuilding_depth_still_masks_every_secret() {
        Chain chain = new Chain("last", Optional.empty(), "deep-secret-0");
        for (int i = 1; i < 60; i++) {
            chain = new Chain("n" + i, Optional.of(chain), "deep-secret-" + i);
        }

        String shown = secrets.render(chain);

        assertThat(shown).doesNotContain("deep-secret").contains("name=n59", "name=last");
    }

    @Test
    void maskIn_replaces_the_secrets_of_a_source_in_any_text() {
        String message = "server refused Login[user=ada, password=s3cret] because s3cret expired";

        assertThat(secrets.maskIn(message, new Login("ada", "s3cret")))
                .isEqualTo("server refused Login[user=ada, password=***] because *** expired");
        assertThat(Redaction.DEFAULT.maskIn(message, new Login("ada", "s3cret"))).isEqualTo(message);
    }

    @Test
    void maskIn_also_masks_what_a_hand_written_toString_hides_even_without_names() {
        String message = "signup of ada failed: password s3cret-pw is too weak";

        assertThat(Redaction.DEFAULT.maskIn(message, new Signup("ada", "s3cret-pw")))
                .isEqualTo("signup of ada failed: password *** is too weak");
        assertThat(Redaction.DEFAULT.maskIn("pw x is short", new Signup("ada", "x")))
                .as("texts shorter than 4 characters are left: masking them would mask every such letter")
                .isEqualTo("pw x is short");
    }

    @Test
    void secretsIn_lists_named_values_and_strings_hidden_by_a_hand_written_toString() {
        assertThat(Redaction.DEFAULT.secretsIn(new Signup("ada", "s3cret-pw"))).containsExactly("s3cret-pw");
        assertThat(Redaction.DEFAULT.secretsIn(new Login("ada", "s3cret-pw"))).isEmpty();
        assertThat(secrets.secretsIn(new Login("ada", "s3cret-pw"))).containsExactly("s3cret-pw");
        assertThat(secrets.secretsIn(new Wrapper(new Signup("ada", "x"), 1))).containsExactly("x");
    }

    @Test
    void masking_adds_names_and_keeps_the_earlier_ones() {
        Redaction both = Redaction.DEFAULT.masking("password").masking("user");

        assertThat(both.isSecret("password")).isTrue();
        assertThat(both.isSecret("User")).isTrue();
        assertThat(both.isSecret("token")).isFalse();
        assertThat(both.render(new Login("ada", "s3cret"))).isEqualTo("Login[user=***, password=***]");
    }

    @Test
    void null_names_are_rejected() {
        assertThatThrownBy(() -> Redaction.DEFAULT.masking((String) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Redaction.DEFAULT.masking((String[]) null)).isInstanceOf(NullPointerException.class);
    }

    // ---------------------------------------------------------------------------------------------
    // The runner's error messages use the run's policy.

    private final Executor refusing = Executor.of(Login.class, login -> {
        throw new IllegalStateException("refused " + login);
    });

    @Test
    void an_action_failure_shows_the_action_and_its_cause_with_the_runs_policy() {
        Runner runner = Runner.of(refusing).with(options -> options.redacting("password"));

        Throwable failure = runner.attempt(Program.perform(new Login("ada", "s3cret"))).getCause();

        assertThat(failure).isInstanceOf(ActionFailedException.class).hasMessage(
                "step 1 Login[user=ada, password=***] failed on branch main (the first step of its branch):"
                        + " java.lang.IllegalStateException: refused Login[user=ada, password=***]");
    }

    @Test
    void the_actions_before_a_failure_are_shown_with_the_runs_policy() {
        Executor world = Executor.of(Action.class, action -> {
            if (action instanceof Login) {
                return "ok";
            }
            throw new IllegalStateException("no");
        });
        Runner runner = Runner.of(world).with(options -> options.redacting("password"));

        Throwable failure = runner.attempt(Program.perform(new Login("ada", "s3cret"))
                .flatMap(ok -> Program.perform(new Credentials2("x")))).getCause();

        assertThat(failure.getMessage()).contains("after Login[user=ada, password=***]").doesNotContain("s3cret");
    }

    record Credentials2(String name) implements Action<Void> {}

    @Test
    void an_unhandled_action_reported_by_the_runner_shows_the_action_with_the_runs_policy() {
        Executor onlyCmd = Executor.of(Cmd.class, cmd -> 1);
        Runner runner = Runner.of(onlyCmd).with(options -> options.redacting("password"));

        Throwable failure = runner.attempt(Program.perform(new Login("ada", "s3cret"))).getCause();

        assertThat(failure.getCause()).isInstanceOf(UnhandledActionException.class)
                .hasMessageStartingWith("no handler for action Login[user=ada, password=***]");
        assertThat(failure.getMessage()).doesNotContain("s3cret");
    }

    @Test
    void an_answer_of_the_wrong_type_is_reported_with_the_runs_policy() {
        Executor confused = Executor.of(Login.class, login -> new Credentials("ada", "answer-secret"));
        Runner runner = Runner.of(confused).with(options -> options.redacting("password"));

        Throwable failure = runner.attempt(Program.perform(new Login("ada", "s3cret"))).getCause();

        assertThat(failure.getCause()).isInstanceOf(ResultTypeException.class);
        assertThat(failure.getCause().getMessage()).isEqualTo("executor answered Login[user=ada, password=***] with "
                + Credentials.class.getName() + " (Credentials[user=ada, password=***]),"
                + " but the action declares a result of type java.lang.String");
        assertThat(failure.getMessage()).doesNotContain("s3cret", "answer-secret");
    }

    @Test
    void without_names_the_runner_shows_actions_as_before() {
        Throwable failure = Runner.of(refusing).attempt(Program.perform(new Login("ada", "s3cret"))).getCause();

        assertThat(failure.getMessage()).startsWith("step 1 Login[user=ada, password=s3cret] failed");
    }
}
