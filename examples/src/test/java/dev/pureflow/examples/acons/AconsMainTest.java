package dev.pureflow.examples.acons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.examples.CapturedOutput;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

class AconsMainTest {

    @RegisterExtension
    final CapturedOutput out = new CapturedOutput();

    @Test
    @Timeout(120)
    void prints_the_job_what_was_read_before_and_after_the_kill_and_how_it_ended() {
        AconsMain.main(new String[0]);

        List<String> lines = out.lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches("started job ticker \\(pid \\d+\\)");
        assertThat(lines.get(1)).startsWith("read while running: [tick 1");
        assertThat(lines.get(2)).isEqualTo("killed: exit code 143, signal TERM");
        assertThat(lines.get(3)).startsWith("read after it ended: [");
    }
}
