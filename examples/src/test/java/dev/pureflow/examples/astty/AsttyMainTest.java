package dev.pureflow.examples.astty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.examples.CapturedOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

class AsttyMainTest {

    @RegisterExtension
    final CapturedOutput out = new CapturedOutput();

    @Test
    @Timeout(120)
    void prints_the_pings_as_they_come_then_both_exit_codes() throws Exception {
        AsttyMain.main(new String[0]);

        assertThat(out.lines()).containsExactly(
                "64 bytes from localhost: icmp_seq=1",
                "64 bytes from localhost: icmp_seq=2",
                "64 bytes from localhost: icmp_seq=3",
                "ping exited with 0",
                "exit code 0");
    }
}
