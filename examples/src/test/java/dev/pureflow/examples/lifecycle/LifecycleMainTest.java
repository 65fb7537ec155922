package dev.pureflow.examples.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.examples.CapturedOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LifecycleMainTest {

    @RegisterExtension
    final CapturedOutput out = new CapturedOutput();

    @Test
    void the_poller_prints_its_hooks_in_gpframe_order_until_the_stop_request_ends_the_loop() throws Exception {
        LifecycleMain.main(new String[0]);

        List<String> lines = out.text().lines().toList();
        // the main sends stop once it has seen the third poll: the loop ends at the on_redo that sees it
        int polls = Integer.parseInt(lines.getLast().replaceAll("the caller got: (\\d+) polls, Completed\\[\\]", "$1"));
        assertThat(polls).isGreaterThanOrEqualTo(3);
        assertThat(lines).containsExactlyElementsOf(expected(polls));
    }

    @Test
    void the_readme_shows_what_a_run_of_three_polls_prints() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));

        assertThat(readme).contains("```\n" + String.join("\n", expected(3)) + "\n```\n");
    }

    static List<String> expected(int polls) {
        List<String> lines = new ArrayList<>(List.of("on_open"));
        for (int poll = 1; poll <= polls; poll++) {
            lines.addAll(List.of("  on_start", "  routine: poll #" + poll, "  on_end",
                    "  on_redo: " + (poll == polls ? "stop requested" : "again")));
        }
        lines.addAll(List.of("on_close", "on_terminated: Completed[] after " + polls + " polls",
                "the caller got: " + polls + " polls, Completed[]"));
        return lines;
    }
}
