package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.FlowTimeoutException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link ProcessAction#scoped} against the fake executor in virtual time: it is a derived program,
 * so the same guarantee holds there — however the use ends, the job is killed by exactly one
 * {@link ProcessAction.Kill}, at the virtual moment the use ended.
 */
class ScopedJobFakeTest {

    /** Lets virtual time pass inside a flow. */
    record Pause(Duration duration) implements Action<Void> {}

    /** How the use of a scoped job ends. */
    enum UseEnd { SUCCEEDS, FAILS, HANGS }

    @Test
    void a_run_deadline_cancels_the_use_and_kills_the_scoped_job_at_that_virtual_time() {
        VirtualClock clock = VirtualClock.start();
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("server"), FakeProcess.exiting(0).printing("listening").pausing(Duration.ofDays(1)))
                .build();
        List<Action<?>> performed = new CopyOnWriteArrayList<>();
        Runner runner = runner(clock, fake, performed).with(options -> options.timeout(Duration.ofMinutes(5)));

        Try<Void> outcome = runner.attempt(ProcessAction.scoped("server", Command.of("server"), server -> pause(Duration.ofHours(1))));

        assertThat(outcome.getCause()).isInstanceOf(FlowTimeoutException.class);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(5));
        assertThat(performed).filteredOn(ProcessAction.Kill.class::isInstance).containsExactly(ProcessAction.kill("server"));
        ProcessResult ended = Runner.of(fake).run(Program.perform(ProcessAction.await("server")));
        assertThat(ended.signal()).contains("TERM");
        assertThat(ended.stdoutLines()).containsExactly("listening");
        assertThat(ended.duration()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void a_scoped_job_that_ignores_term_is_killed_after_its_grace_when_the_use_ends() {
        VirtualClock clock = VirtualClock.start();
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("daemon"), FakeProcess.exiting(0).pausing(Duration.ofDays(1)).ignoringTerm())
                .build();

        String used = runner(clock, fake, new CopyOnWriteArrayList<>()).run(ProcessAction.scoped("daemon",
                Command.of("daemon").withKillGrace(Duration.ofSeconds(7)), daemon -> pause(Duration.ofSeconds(3)).map(done -> "used")));

        assertThat(used).isEqualTo("used");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(10));
        assertThat(Runner.of(fake).run(Program.perform(ProcessAction.await("daemon"))).signal()).contains("KILL");
    }

    @Property(tries = 60)
    void a_scoped_job_is_killed_exactly_once_when_its_use_ends_however_it_ends(
            @ForAll UseEnd end,
            @ForAll @IntRange(min = 1, max = 100) int useSeconds,
            @ForAll @IntRange(min = 1, max = 200) int jobSeconds,
            @ForAll @IntRange(min = 1, max = 100) int deadlineSeconds) {
        VirtualClock clock = VirtualClock.start();
        Duration jobTakes = Duration.ofSeconds(jobSeconds).plusMillis(250); // never ends with the use or the deadline
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("job"), FakeProcess.exiting(0).pausing(jobTakes).printing("done"))
                .build();
        List<Action<?>> performed = new CopyOnWriteArrayList<>();
        Duration deadline = Duration.ofSeconds(deadlineSeconds).plusMillis(500); // never equal to a use's end
        Duration useTakes = end == UseEnd.HANGS ? Duration.ofDays(1) : Duration.ofSeconds(useSeconds);
        Program<String> use = pause(useTakes).flatMap(paused -> end == UseEnd.FAILS
                ? Program.<String>fail(new IllegalStateException("use failed"))
                : Program.pure("used"));

        Try<String> outcome = runner(clock, fake, performed).with(options -> options.timeout(deadline))
                .attempt(ProcessAction.scoped("job", Command.of("job"), job -> use));

        Duration scopeEnded = useTakes.compareTo(deadline) < 0 ? useTakes : deadline;
        assertThat(clock.elapsed()).isEqualTo(scopeEnded);
        if (useTakes.compareTo(deadline) > 0) {
            assertThat(outcome.getCause()).isInstanceOf(FlowTimeoutException.class);
        } else if (end == UseEnd.FAILS) {
            assertThat(outcome.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("use failed");
        } else {
            assertThat(outcome.get()).isEqualTo("used");
        }
        assertThat(performed).filteredOn(ProcessAction.Kill.class::isInstance).containsExactly(ProcessAction.kill("job"));
        List<JobStatus> jobs = Runner.of(fake).run(Program.perform(ProcessAction.listJobs()));
        assertThat(jobs).hasSize(1).allMatch(status -> !status.running());
        ProcessResult ended = jobs.getFirst().result().orElseThrow();
        if (jobTakes.compareTo(scopeEnded) < 0) {
            assertThat(ended.signal()).isEmpty(); // it ended by itself; the kill found nothing to do
            assertThat(ended.stdoutLines()).containsExactly("done");
        } else {
            assertThat(ended.signal()).contains("TERM");
            assertThat(ended.duration()).isEqualTo(scopeEnded);
        }
    }

    private static Runner runner(VirtualClock clock, FakeProcessExecutor fake, List<Action<?>> performed) {
        Executor pauses = Executor.of(Pause.class, pause -> {
            clock.sleep(pause.duration());
            return null;
        });
        Executor routed = Executor.routing().route(ProcessAction.class, fake).route(Pause.class, pauses).build();
        Executor recording = action -> {
            performed.add(action);
            return routed.execute(action);
        };
        return Runner.of(recording).with(options -> options.clock(clock));
    }

    private static Program<Void> pause(Duration duration) {
        return Program.perform(new Pause(duration));
    }
}
