package dev.pureflow.examples.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.Redaction;
import dev.pureflow.examples.redaction.vault.Vault;
import dev.pureflow.examples.redaction.vault.Vault.Credentials;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.Stdin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of issue 8: actions that carry secrets × every rendering pureflow writes (log line,
 * error message, timing, recording, replay divergence, trace, trace assertion). No secret may appear
 * in any cell, and every cell must show the action (so no cell passes by being empty).
 */
class RedactionTableTest {

    /** Every secret in this table contains it. */
    private static final String SECRET = "s3cret";

    private static final Redaction NAMED = Redaction.DEFAULT.masking("password", "token");

    private static final Command SECRETIVE = Command.of("deploy", "--to", "prod")
            .withEnv("API_TOKEN", "s3cret-env-token")
            .withStdin(Stdin.text("s3cret-stdin-text"));

    @TempDir
    Path directory;

    static Stream<Arguments> rows() {
        return Stream.of(
                row("secret component", new Vault.Unlock("ada", "s3cret-top"), NAMED, "Unlock"),
                row("secret in a nested record", new Vault.Connect("db", new Credentials("ci", "s3cret-nested")), NAMED, "Connect"),
                row("secret under a map key", new Vault.Call("https://api", Map.of("accept", "json", "token", "s3cret-header")),
                        NAMED, "Call"),
                row("secrets in a list", new Vault.Rotate(List.of(new Credentials("a", "s3cret-a"), new Credentials("b", "s3cret-b"))),
                        NAMED, "Rotate"),
                row("secret in an optional", new Vault.Reconnect("db", Optional.of(new Credentials("ci", "s3cret-opt"))),
                        NAMED, "Reconnect"),
                row("hand-written toString hiding a password, default policy", new Vault.Signup("ada", "s3cret-hidden"),
                        Redaction.DEFAULT, "Signup"),
                row("hand-written toString hiding a password, names given", new Vault.Signup("ada", "s3cret-hidden"),
                        NAMED, "Signup"),
                row("process run with env and stdin, default policy", ProcessAction.run(SECRETIVE), Redaction.DEFAULT, "Run"),
                row("process run with env and stdin, names given", ProcessAction.run(SECRETIVE), NAMED, "Run"),
                row("process start with env and stdin, default policy", ProcessAction.start("deployer", SECRETIVE),
                        Redaction.DEFAULT, "Start"),
                row("process start with env and stdin, names given", ProcessAction.start("deployer", SECRETIVE), NAMED, "Start"));
    }

    private static Arguments row(String name, Action<?> action, Redaction policy, String shownAs) {
        return Arguments.of(name, action, policy, shownAs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void no_rendering_of_the_action_contains_a_secret(String row, Action<?> action, Redaction policy, String shownAs) {
        Map<String, String> cells = new Renderings(directory).of(action, policy);

        SoftAssertions softly = new SoftAssertions();
        cells.forEach((column, text) -> softly.assertThat(text)
                .as("%s × %s", row, column)
                .contains(shownAs)
                .doesNotContain(SECRET));
        softly.assertAll();
        assertThat(cells).hasSize(8);
    }
}
