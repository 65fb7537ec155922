package dev.pureflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.StepKey;
import dev.pureflow.testkit.Ops.Build;
import dev.pureflow.testkit.Ops.Deploy;
import io.vavr.control.Try;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceMermaidTest {

    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    private static Trace parallelBuildsThenAFailedDeploy() {
        return new Trace(ORIGIN, List.of(
                new TracedStep(1, StepKey.parse("main/0/0#0"), new Build("api"), ORIGIN, Duration.ofMillis(100), Try.success("api.jar")),
                new TracedStep(2, StepKey.parse("main/0/1#0"), new Build("web"), ORIGIN, Duration.ofMillis(120), Try.success("web.jar")),
                new TracedStep(3, StepKey.parse("main#1"), new Deploy("api"), ORIGIN.plusMillis(120), Duration.ofMillis(5), Try.failure(new IOException("disk: full; #2 <root>")))));
    }

    @Test
    void a_trace_is_a_sequence_diagram_with_a_par_block_per_parallel_block_and_a_note_per_failure() {
        assertThat(parallelBuildsThenAFailedDeploy().toMermaid()).isEqualTo("""
                sequenceDiagram
                    participant flow
                    participant p1 as Ops
                    par main/0/0
                        flow->>p1: 1 Build[service=api]
                        p1-->>flow: api.jar (100 ms)
                    and main/0/1
                        flow->>p1: 2 Build[service=web]
                        p1-->>flow: web.jar (120 ms)
                    end
                    flow->>p1: 3 Deploy[service=api]
                    p1--xflow: failed after 5 ms
                    Note over p1: IOException#58; disk#58; full#59; #35;2 #lt;root#gt;
                """);
    }

    @Test
    void a_failed_trace_assertion_offers_the_run_as_a_mermaid_sequence_diagram() {
        Trace trace = parallelBuildsThenAFailedDeploy();

        assertThatThrownBy(() -> TraceAssert.assertThat(trace).never(Deploy.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("#3 main")
                .hasMessageContaining("The run as a Mermaid sequence diagram:\nsequenceDiagram\n")
                .hasMessageContaining("Note over p1: IOException#58;");
    }
}
