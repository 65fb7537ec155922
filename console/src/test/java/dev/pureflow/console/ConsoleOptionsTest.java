package dev.pureflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Program;
import dev.pureflow.interpreters.process.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Setting a console up: its defaults, a chosen port and token, and the setups it refuses. */
class ConsoleOptionsTest {

    @Test
    void by_default_a_console_listens_on_loopback_on_a_free_port_with_a_fresh_token() {
        try (Console first = Console.start(ConsoleOptions.DEFAULT); Console second = Console.start(ConsoleOptions.DEFAULT)) {
            assertThat(first.address().getHost()).isEqualTo("127.0.0.1");
            assertThat(first.port()).isNotEqualTo(second.port()).isPositive();
            assertThat(first.token()).matches("[0-9a-f]{48}").isNotEqualTo(second.token());
            assertThat(first.url()).hasToString(first.address() + "?token=" + first.token());
        }
    }

    @Test
    void a_chosen_port_and_token_are_used() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (Console console = Console.start(ConsoleOptions.DEFAULT.port(port).token("a-token-of-my-own"))) {
            ConsoleClient client = new ConsoleClient(console);

            assertThat(console.port()).isEqualTo(port);
            assertThat(client.get("/api/jobs").statusCode()).isEqualTo(200);
            assertThat(client.send(HttpRequest.newBuilder(console.address().resolve("/api/jobs?token=a-token-of-my-own"))
                    .build()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_port_in_use_fails_the_start_naming_it() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Console.start(ConsoleOptions.DEFAULT.port(taken.getLocalPort())))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot start the console on").hasMessageContaining(":" + taken.getLocalPort());
        }
    }

    @Test
    void options_that_cannot_work_are_refused_when_built() {
        assertThatThrownBy(() -> ConsoleOptions.DEFAULT.token("short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("a token must have at least 16 characters");
        assertThatThrownBy(() -> ConsoleOptions.DEFAULT.token("sixteen chars; with=a cookie"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsoleOptions.DEFAULT.port(70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be in 0..65535, was 70000");
        assertThatThrownBy(() -> ConsoleOptions.DEFAULT.allowing(AllowedCommand.program("seq"),
                AllowedCommand.fixed("seq", Command.of("seq", "10"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("two allowlist entries have the same name: List(seq, seq)");
        assertThatThrownBy(() -> ConsoleOptions.DEFAULT.flow("f", () -> Program.pure(1)).flow("f", () -> Program.pure(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a flow named 'f' is already allowed");
        assertThatThrownBy(() -> AllowedCommand.program("rm -rf"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a program name must be one word, was 'rm -rf'");
    }
}
