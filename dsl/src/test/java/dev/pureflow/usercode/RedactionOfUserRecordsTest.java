package dev.pureflow.usercode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.Redaction;
import org.junit.jupiter.api.Test;

/**
 * {@link Redaction} on records declared where users declare theirs: in their own package, often
 * not public. Their accessors cannot be called from {@code dev.pureflow} as they are; on the class
 * path (an unnamed module, open to all) redaction makes them accessible and still masks by name.
 */
class RedactionOfUserRecordsTest {

    private record Login(String user, String password) implements Action<String> {}

    record Deploy(String service, Login login) implements Action<Void> {}

    private final Redaction secrets = Redaction.DEFAULT.masking("password");

    @Test
    void a_private_record_of_another_package_is_rebuilt_with_its_secret_masked() {
        assertThat(secrets.render(new Login("ada", "s3cret"))).isEqualTo("Login[user=ada, password=***]");
    }

    @Test
    void a_package_private_record_of_another_package_nesting_a_private_one_is_masked_at_depth() {
        assertThat(secrets.render(new Deploy("api", new Login("ada", "s3cret"))))
                .isEqualTo("Deploy[service=api, login=Login[user=ada, password=***]]");
    }

    @Test
    void the_secret_of_a_private_record_of_another_package_is_masked_in_error_text() {
        assertThat(secrets.maskIn("login failed for Login[user=ada, password=s3cret]", new Login("ada", "s3cret")))
                .isEqualTo("login failed for Login[user=ada, password=***]");
        assertThat(secrets.secretsIn(new Login("ada", "s3cret"))).containsExactly("s3cret");
    }
}
