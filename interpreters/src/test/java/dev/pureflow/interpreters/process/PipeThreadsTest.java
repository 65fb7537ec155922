package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The executor's pipe threads: reused by commands that follow one another, two per live job, and
 * every one of them ended when {@link ProcessExecutor#close()} returns, but one stranded on a pipe
 * that a process outside the executor's reach holds open, which ends with that process.
 */
class PipeThreadsTest {

    @Test
    void close_ends_the_idle_pipe_threads_left_by_finished_commands_before_it_returns() {
        Set<Thread> seen = new HashSet<>();
        ProcessExecutor processes = ProcessExecutor.create();
        try {
            Runner runner = Runner.of(processes);
            for (int i = 0; i < 3; i++) {
                ProcessResult result = runner.run(Program.perform(ProcessAction.run(Command.of("echo", "run-" + i))));
                assertThat(result.stdoutText()).isEqualTo("run-" + i + "\n");
                seen.addAll(processes.pipeThreads());
            }
        } finally {
            processes.close();
        }

        // each command reads two pipes; one after another, they need at most two threads at a time
        assertThat(seen).isNotEmpty();
        assertThat(seen).noneMatch(Thread::isAlive);
        assertThat(processes.pipeThreads()).isEmpty();
    }

    @Test
    void a_pipe_thread_carries_the_name_of_the_process_it_serves_only_while_it_serves_it() {
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            Job job = runner.run(Program.perform(ProcessAction.start("named", Command.of("sleep", sleep))));
            String serving = "pureflow-process-" + job.pid() + "-";

            List<String> during = ProcWatch.eventually("both readers to serve the job", () -> names(processes), names -> names.stream().filter(name -> name.startsWith(serving)).count() == 2);
            runner.run(Program.perform(ProcessAction.kill("named")));

            assertThat(during).containsExactlyInAnyOrder(serving + "stdout", serving + "stderr");
            assertThat(names(processes)).as("once the job has ended, a thread dump names it no more")
                    .allMatch(name -> name.startsWith("pureflow-pipe-idle-"));
        }
    }

    private static List<String> names(ProcessExecutor processes) {
        return processes.pipeThreads().stream().map(Thread::getName).sorted().toList();
    }

    @Test
    void a_live_job_holds_two_pipe_threads_and_close_ends_both_before_it_returns() {
        String sleep = ProcWatch.uniqueSleep();
        ProcessExecutor processes = ProcessExecutor.create();
        Set<Thread> during;
        try {
            Runner runner = Runner.of(processes);
            runner.run(Program.perform(ProcessAction.start("sleeper", Command.of("sleep", sleep))));
            ProcWatch.eventually("the job to run", () -> ProcWatch.processesCarrying(sleep), pids -> pids.size() == 1);
            during = processes.pipeThreads();
        } finally {
            processes.close();
        }

        assertThat(during).hasSize(2);
        assertThat(during).noneMatch(Thread::isAlive);
        assertThat(ProcWatch.processesCarrying(sleep)).isEmpty();
    }

    /** However many commands ran before and jobs still run at the close, no pipe thread outlives it. */
    @Property(tries = 6)
    void no_pipe_thread_outlives_the_close_of_its_executor(@ForAll @IntRange(min = 0, max = 3) int finished,
                                                           @ForAll @IntRange(min = 0, max = 3) int live) {
        String sleep = ProcWatch.uniqueSleep();
        List<Thread> seen = new ArrayList<>();
        ProcessExecutor processes = ProcessExecutor.create();
        try {
            Runner runner = Runner.of(processes);
            for (int i = 0; i < finished; i++) {
                runner.run(Program.perform(ProcessAction.run(Command.of("true"))));
            }
            for (int i = 0; i < live; i++) {
                runner.run(Program.perform(ProcessAction.start("live-" + i, Command.of("sleep", sleep))));
            }
            ProcWatch.eventually(live + " live jobs", () -> ProcWatch.processesCarrying(sleep), pids -> pids.size() == live);
            seen.addAll(processes.pipeThreads());
        } finally {
            processes.close();
        }

        assertThat(seen).hasSizeGreaterThanOrEqualTo(2 * live);
        assertThat(seen).as("pipe threads alive after close").noneMatch(Thread::isAlive);
        assertThat(ProcWatch.processesCarrying(sleep)).isEmpty();
    }

    @Test
    void close_returns_although_a_process_outside_the_tree_holds_a_pipe_and_its_thread_ends_with_that_process() {
        String sleep = ProcWatch.uniqueSleep();
        // without the marker and in a session of its own, the holder cannot be found: the run abandons
        // its output, and the threads blocked reading it can end only when the holder does; the pause
        // lets them block in their reads before the shell exits
        Command hidden = Command.shell("(env -u " + ProcessTree.MARKER + " setsid sleep " + sleep + " &); echo done; sleep 1");
        ProcessExecutor processes = ProcessExecutor.create();
        Set<Thread> left;
        try {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(hidden)));
            assertThat(result.stdoutText()).isEqualTo("done\n");
            processes.close();
            left = processes.pipeThreads();

            assertThat(left).as("the thread still reading the held pipe").isNotEmpty().allMatch(Thread::isAlive);
        } finally {
            ProcWatch.processesCarrying(sleep).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            processes.close();
        }

        ProcWatch.eventually("the stranded pipe thread to end with the holder", processes::pipeThreads, Set::isEmpty);
        assertThat(left).noneMatch(Thread::isAlive);
    }
}
