package dev.pureflow.examples.astty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.interpreters.process.FakeProcess;
import dev.pureflow.interpreters.process.FakeProcessExecutor;
import dev.pureflow.interpreters.process.ProcessExecutor;
import dev.pureflow.interpreters.process.ProcessResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AsyncPingTest {

    private static final List<String> THREE_PINGS = List.of(
            "64 bytes from localhost: icmp_seq=1",
            "64 bytes from localhost: icmp_seq=2",
            "64 bytes from localhost: icmp_seq=3");

    private static final Duration TENTH = Duration.ofMillis(100);

    /** What the stand-in does, scripted: a line, then a tenth of a second, three times. */
    private static final FakeProcess SCRIPTED_PING = FakeProcess.exiting(0)
            .printing(THREE_PINGS.get(0)).pausing(TENTH)
            .printing(THREE_PINGS.get(1)).pausing(TENTH)
            .printing(THREE_PINGS.get(2)).pausing(TENTH);

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    @Timeout(120)
    void fake_streams_each_line_when_it_is_printed_in_virtual_time_then_yields_the_result() {
        VirtualClock clock = VirtualClock.start();
        List<Duration> printedAt = new CopyOnWriteArrayList<>();
        try (FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(AsyncPing.command(3).argv(), SCRIPTED_PING)
                .build()) {
            Runner runner = Runner.of(fake).with(options -> options.clock(clock));

            ProcessResult result = runner.run(AsyncPing.flow(3, line -> {
                lines.add(line);
                printedAt.add(clock.elapsed());
            }));

            assertThat(lines).containsExactlyElementsOf(THREE_PINGS);
            assertThat(printedAt).containsExactly(Duration.ZERO, TENTH, TENTH.multipliedBy(2));
            assertThat(result.exitCode()).isZero();
            assertThat(result.stdoutLines()).containsExactlyElementsOf(THREE_PINGS);
            assertThat(result.duration()).isEqualTo(Duration.ofMillis(300));
            assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(300));
            assertThat(fake.commands()).containsExactly(AsyncPing.command(3));
        }
    }

    @Test
    @Timeout(120)
    void real_streams_each_line_while_the_command_still_runs_then_yields_the_result() {
        // twenty pings, a tenth of a second apart: when the first line arrives the stand-in still has
        // about two seconds to run, so a line held back until its end shows as a dead child here
        int count = 20;
        List<String> expected = java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(i -> "64 bytes from localhost: icmp_seq=" + i).toList();
        java.util.concurrent.atomic.AtomicReference<Boolean> runningAtFirstLine = new java.util.concurrent.atomic.AtomicReference<>();
        ProcessResult result;
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            result = Runner.of(processes).run(AsyncPing.flow(count, line -> {
                runningAtFirstLine.compareAndSet(null, ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive));
                lines.add(line);
            }));
        }

        assertThat(lines).containsExactlyElementsOf(expected);
        assertThat(runningAtFirstLine.get()).as("the stand-in ran on when its first line arrived").isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutLines()).containsExactlyElementsOf(expected);
    }

    @Test
    void the_stand_in_needs_a_positive_count_and_a_line_consumer() {
        assertThatIllegalArgumentException().isThrownBy(() -> AsyncPing.command(0))
                .withMessage("count must be at least 1, was 0");
        assertThatNullPointerException().isThrownBy(() -> AsyncPing.flow(3, null)).withMessage("lines");
    }
}
