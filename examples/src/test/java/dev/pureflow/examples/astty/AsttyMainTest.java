package dev.pureflow.examples.astty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AsttyMainTest {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureStandardOutput() {
        originalOut = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardOutput() {
        System.setOut(originalOut);
    }

    @Test
    @Timeout(20)
    void prints_the_pings_as_they_come_then_both_exit_codes() throws Exception {
        AsttyMain.main(new String[0]);

        assertThat(captured.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "64 bytes from localhost: icmp_seq=1",
                "64 bytes from localhost: icmp_seq=2",
                "64 bytes from localhost: icmp_seq=3",
                "ping exited with 0",
                "exit code 0");
    }
}
