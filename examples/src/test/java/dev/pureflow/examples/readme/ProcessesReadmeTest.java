package dev.pureflow.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.examples.astty.AsyncPing;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.FakeProcess;
import dev.pureflow.interpreters.process.FakeProcessExecutor;
import dev.pureflow.interpreters.process.InvalidCommandException;
import dev.pureflow.interpreters.process.JobStatus;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessExecutor;
import dev.pureflow.interpreters.process.ProcessFailedException;
import dev.pureflow.interpreters.process.ProcessResult;
import dev.pureflow.interpreters.process.Signal;
import dev.pureflow.interpreters.process.Stdin;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's "Running processes" section: the same ping flow against real processes and a fake,
 * and a job tied to its run with {@code scoped}, stopped by its kill signal.
 */
class ProcessesReadmeTest {

    private static final List<String> PINGS = List.of(
            "64 bytes from localhost: icmp_seq=1",
            "64 bytes from localhost: icmp_seq=2",
            "64 bytes from localhost: icmp_seq=3");

    @Test
    @Timeout(120)
    void real_processes_run_to_completion_as_jobs_and_fail_with_their_stderr() {
        // README: process-real
        Command shout = Command.of("tr", "a-z", "A-Z") // argv reaches tr verbatim: no shell
                .withStdin(Stdin.text("hello, world\n"))
                .withTimeout(Duration.ofSeconds(10)); // past it, its whole process tree is killed
        List<String> pings = new CopyOnWriteArrayList<>();
        try (ProcessExecutor processes = ProcessExecutor.create()) { // closing it kills jobs still running
            Runner runner = Runner.of(processes);
            ProcessResult shouted = runner.run(Program.perform(ProcessAction.run(shout)));
            ProcessResult ping = runner.run(AsyncPing.flow(3, pings::add)); // each line as it is printed

            assertThat(shouted.stdoutText()).isEqualTo("HELLO, WORLD\n");
            assertThat(ping.exitCode()).isZero();
            assertThat(pings).containsExactly("64 bytes from localhost: icmp_seq=1",
                    "64 bytes from localhost: icmp_seq=2", "64 bytes from localhost: icmp_seq=3");
            assertThatThrownBy(() -> runner.run(Program.perform(ProcessAction.run(Command.of("ls", "/nowhere")))))
                    .isInstanceOf(ActionFailedException.class)
                    .cause()
                    .isInstanceOf(ProcessFailedException.class) // its result() has the exit code and output
                    .hasMessageStartingWith("`ls /nowhere` exited with 2 (success: [0]); stderr: ")
                    .hasMessageEndingWith("cannot access '/nowhere': No such file or directory");
        }
        // END README
    }

    @Test
    @Timeout(120)
    void the_same_flow_runs_against_scripted_commands_in_virtual_time() {
        // README: process-fake
        VirtualClock clock = VirtualClock.start();
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(AsyncPing.command(3).argv(), FakeProcess.exiting(0).printingEvery(Duration.ofSeconds(1),
                        "64 bytes from localhost: icmp_seq=1", "64 bytes from localhost: icmp_seq=2",
                        "64 bytes from localhost: icmp_seq=3")) // a line a second, like a real ping
                .build();
        Runner runner = Runner.of(fake).with(options -> options.clock(clock));
        List<String> pings = new CopyOnWriteArrayList<>();

        ProcessResult ping = runner.run(AsyncPing.flow(3, pings::add)); // the same flow; no process starts
        assertThat(pings).hasSize(3);
        assertThat(ping.stdoutLines()).isEqualTo(pings);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(3)); // of virtual time, in no real time
        assertThat(fake.commands()).containsExactly(AsyncPing.command(3)); // what ran
        assertThatThrownBy(() -> runner.run(Program.perform(ProcessAction.run(Command.of("rm", "-rf", "/")))))
                .isInstanceOf(ActionFailedException.class)
                .cause()
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("the fake has no script for `rm -rf /`");
        // END README
        assertThat(pings).isEqualTo(PINGS);
    }

    @Test
    @Timeout(30)
    void a_scoped_job_is_killed_with_its_kill_signal_when_the_flow_that_started_it_ends() {
        // README: process-scoped
        VirtualClock clock = VirtualClock.start();
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("./serve"), FakeProcess.exiting(0).printing("listening").pausing(Duration.ofDays(1))
                        .stoppingOnlyOn(Signal.INT)) // like a server that shuts down cleanly on Ctrl-C only
                .on(List.of("./smoke-test"), FakeProcess.exiting(0).pausing(Duration.ofSeconds(3)).printing("ok"))
                .build();
        Command serve = Command.of("./serve").withKillSignal(Signal.INT); // a kill sends INT, then KILL after the grace
        Program<String> smoke = ProcessAction.scoped("server", serve, // killed when the flow ends, however it ends
                server -> Program.perform(ProcessAction.run(Command.of("./smoke-test"))).map(ProcessResult::stdoutText));
        Runner runner = Runner.of(fake).with(options -> options.clock(clock));

        assertThat(runner.run(smoke)).isEqualTo("ok\n");
        ProcessResult served = runner.run(Program.perform(ProcessAction.await("server")));
        assertThat(served.signal()).contains("INT"); // stopped by its kill signal once the smoke test was done
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(3));
        // END README
    }

    @Test
    @Timeout(30)
    void a_scoped_real_job_is_gone_once_the_flow_ends_while_a_started_one_keeps_running() {
        // README: process-owned
        try (ProcessExecutor processes = ProcessExecutor.create()) { // closing it kills jobs still running
            Runner runner = Runner.of(processes);
            runner.run(ProcessAction.scoped("scoped", Command.of("sleep", "300"), job -> Program.pure(job.pid())));
            runner.run(Program.perform(ProcessAction.start("owned", Command.of("sleep", "300"))));

            JobStatus scoped = runner.run(Program.perform(ProcessAction.readOutput("scoped")));
            JobStatus owned = runner.run(Program.perform(ProcessAction.readOutput("owned"))); // from a later run
            assertThat(scoped.running()).isFalse(); // killed as the flow that started it ended
            assertThat(owned.running()).isTrue(); // belongs to the executor until killed, closed or the JVM exits
        }
        // END README
    }
}
