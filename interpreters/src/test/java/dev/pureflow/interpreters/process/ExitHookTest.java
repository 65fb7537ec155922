package dev.pureflow.interpreters.process;

import static dev.pureflow.interpreters.process.ProcWatch.processesCarrying;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM's exit ends the jobs (and commands) an executor still runs, unless a command is kept
 * alive: tested with a real child JVM ({@link ExitHookChild}) that exits with {@code System.exit}
 * or is sent SIGTERM, and against SIGKILL, which runs no hook. One hook per executor, removed when
 * it closes.
 */
class ExitHookTest {

    @TempDir
    Path directory;

    @Test
    void system_exit_kills_the_jobs_whole_tree_and_leaves_a_job_kept_alive_running() throws Exception {
        Child child = Child.start("exit", directory);
        try {
            child.proceed();

            assertThat(child.awaitExit()).isZero();
            ProcWatch.eventually("the doomed job's tree to end", () -> processesCarrying(child.doomedSleep), List::isEmpty);
            assertThat(processesCarrying(child.keptSleep)).containsExactly(child.keptPid);
        } finally {
            child.cleanUp();
        }
    }

    @Test
    void sigterm_to_the_jvm_kills_the_jobs_whole_tree_and_leaves_a_job_kept_alive_running() throws Exception {
        Child child = Child.start("wait", directory);
        try {
            child.proceed();
            child.process.destroy(); // SIGTERM on Linux, as `kill -TERM pid` sends

            assertThat(child.awaitExit()).isEqualTo(Signal.TERM.exitCode());
            ProcWatch.eventually("the doomed job's tree to end", () -> processesCarrying(child.doomedSleep), List::isEmpty);
            assertThat(processesCarrying(child.keptSleep)).containsExactly(child.keptPid);
        } finally {
            child.cleanUp();
        }
    }

    @Test
    void sigkill_to_the_jvm_runs_no_hook_so_every_job_is_left_running() throws Exception {
        Child child = Child.start("wait", directory);
        try {
            child.proceed();
            child.process.destroyForcibly(); // kill -9: the JVM gets no chance to run hooks

            assertThat(child.awaitExit()).isEqualTo(Signal.KILL.exitCode());
            assertThat(processesCarrying(child.doomedSleep)).hasSize(3);
            assertThat(processesCarrying(child.keptSleep)).containsExactly(child.keptPid);
        } finally {
            child.cleanUp();
        }
    }

    @Test
    void an_executor_registers_one_exit_hook_whatever_its_jobs_and_close_removes_it() {
        String sleep = ProcWatch.uniqueSleep();
        Thread hook;
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            hook = processes.exitHookThread().orElseThrow();
            Runner runner = Runner.of(processes);
            IntStream.range(0, 5).forEach(i -> runner.run(Program.perform(ProcessAction.start(Command.of("sleep", sleep)))));

            assertThat(processes.exitHookThread()).containsSame(hook);
            assertThat(Runtime.getRuntime().removeShutdownHook(hook)).as("registered while open").isTrue();
            Runtime.getRuntime().addShutdownHook(hook);
        }
        assertThat(Runtime.getRuntime().removeShutdownHook(hook)).as("registered after close").isFalse();
        assertThat(processesCarrying(sleep)).isEmpty();
    }

    @Property(tries = 8)
    void the_exit_hook_kills_exactly_the_commands_not_kept_alive_and_refuses_new_ones(@ForAll @Size(min = 1, max = 4) List<Boolean> keptAlive) {
        List<String> sleeps = keptAlive.stream().map(kept -> ProcWatch.uniqueSleep()).toList();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            for (int i = 0; i < sleeps.size(); i++) {
                Command sleeping = Command.of("sleep", sleeps.get(i));
                runner.run(Program.perform(ProcessAction.start(keptAlive.get(i) ? sleeping.keepAliveOnExit() : sleeping)));
            }

            processes.exitHookThread().orElseThrow().run(); // what the JVM's exit runs, on this thread

            for (int i = 0; i < sleeps.size(); i++) {
                assertThat(processesCarrying(sleeps.get(i))).as("job %d, kept alive: %s", i, keptAlive.get(i))
                        .hasSize(keptAlive.get(i) ? 1 : 0);
            }
            assertThatThrownBy(() -> runner.run(Program.perform(ProcessAction.start(Command.of("true")))))
                    .isInstanceOf(ActionFailedException.class).cause()
                    .isInstanceOf(IllegalStateException.class).hasMessage("the JVM is exiting; cannot start `true`");
        }
        sleeps.forEach(sleep -> assertThat(processesCarrying(sleep)).as("closing kills the ones kept alive").isEmpty());
    }

    @Test
    void the_exit_hook_returns_only_once_a_job_that_ignores_its_kill_signal_is_killed_after_its_grace() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        RecordingListener listener = new RecordingListener();
        // the shell ignores TERM and waits for its sleep, which inherits the ignored TERM: only KILL ends them
        Command stubborn = Command.shell("trap '' TERM; echo ready; sleep " + sleep + "; echo never")
                .withKillGrace(Duration.ofMillis(300));
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            runner.run(Program.perform(ProcessAction.start("stubborn", stubborn, listener)));
            listener.awaitLine("ready");
            ProcWatch.eventually("the sleep to run", () -> processesCarrying(sleep), pids -> pids.size() == 2);

            processes.exitHookThread().orElseThrow().run(); // what the JVM's exit runs, on this thread

            assertThat(processesCarrying(sleep)).as("left running once the hook returned").isEmpty();
            ProcessResult result = runner.run(Program.perform(ProcessAction.await("stubborn")));
            assertThat(result.signal()).contains("KILL");
            assertThat(result.stdoutLines()).containsExactly("ready");
        }
    }

    /** A child JVM running {@link ExitHookChild}, with what it reported. */
    private static final class Child {
        final Process process;
        final String doomedSleep = ProcWatch.uniqueSleep();
        final String keptSleep = ProcWatch.uniqueSleep();
        final Path stderr;
        final BufferedReader stdout;
        long keptPid;

        private Child(String how, Path directory) throws IOException {
            stderr = directory.resolve("child-stderr.txt");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), ExitHookChild.class.getName(), how)
                    .redirectError(stderr.toFile());
            builder.environment().put("DOOMED_SLEEP", doomedSleep);
            builder.environment().put("KEPT_SLEEP", keptSleep);
            process = builder.start();
            stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Starts the child and waits until it reports its jobs and they all run. */
        static Child start(String how, Path directory) throws IOException {
            Child child = new Child(how, directory);
            try {
                child.awaitReady();
            } catch (IOException | RuntimeException | Error failed) {
                child.cleanUp();
                throw failed;
            }
            return child;
        }

        private void awaitReady() throws IOException {
            List<String> seen = new ArrayList<>();
            for (String line = stdout.readLine(); !"ready".equals(line); line = stdout.readLine()) {
                if (line == null) {
                    throw new AssertionError("the child JVM ended before it was ready; stdout " + seen + ", stderr: "
                            + Files.readString(stderr));
                }
                seen.add(line);
                if (line.startsWith("kept ")) {
                    keptPid = Long.parseLong(line.substring("kept ".length()));
                }
            }
            ProcWatch.eventually("the doomed job's shell and both sleeps", () -> processesCarrying(doomedSleep), pids -> pids.size() == 3);
            ProcWatch.eventually("the kept job", () -> processesCarrying(keptSleep), pids -> pids.size() == 1);
        }

        /** Lets the child go on: exit, or wait for a signal. */
        void proceed() throws IOException {
            OutputStream stdin = process.getOutputStream();
            stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        int awaitExit() throws InterruptedException {
            return process.waitFor();
        }

        /** Ends the child and whatever of its jobs is left, by pid: nothing may outlive the test. */
        void cleanUp() {
            process.destroyForcibly();
            List<Long> left = new ArrayList<>(processesCarrying(doomedSleep));
            left.addAll(processesCarrying(keptSleep));
            left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
