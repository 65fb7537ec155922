package dev.pureflow.examples.greeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.pureflow.examples.CapturedOutput;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GreetingMainTest {

    /** What the README promises the run command prints. */
    static final List<String> FOUR_LINES = List.of("Fetching 3 from 'users'", "Hi, User0!", "Hi, User1!", "Hi, User2!");

    @RegisterExtension
    final CapturedOutput out = new CapturedOutput();

    @Test
    void with_no_arguments_prints_exactly_the_four_lines() {
        GreetingMain.main(new String[0]);

        assertThat(printed()).isEqualTo(String.join(System.lineSeparator(), FOUR_LINES) + System.lineSeparator());
    }

    @Test
    void direct_prints_the_same_four_lines() {
        GreetingMain.main(new String[] {"--direct"});

        assertThat(printed().lines()).containsExactlyElementsOf(FOUR_LINES);
    }

    @Test
    void parallel_prints_the_fetch_first_and_the_greetings_in_any_order() {
        GreetingMain.main(new String[] {"--parallel"});

        List<String> lines = printed().lines().toList();
        assertThat(lines).first().isEqualTo(FOUR_LINES.getFirst());
        assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrderElementsOf(FOUR_LINES.subList(1, 4));
    }

    @Test
    void an_unknown_argument_fails_with_the_usage_and_runs_nothing() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GreetingMain.main(new String[] {"--loud"}))
                .withMessage("usage: GreetingMain [--parallel | --direct]");
        assertThat(printed()).isEmpty();
    }

    private String printed() {
        return out.text();
    }
}
