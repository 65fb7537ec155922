package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * A kill signals parents before their children: a shell that saw its child die first would react
 * to it, printing {@code Terminated} and running its next command, before its own TERM ended it.
 */
class KillOrderTest {

    @RepeatedTest(20)
    @Timeout(120)
    void a_killed_shell_does_not_outlive_its_child_to_report_it_or_go_on() throws InterruptedException {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            CountDownLatch looping = new CountDownLatch(1);
            // some short-lived children first, so the sleep's pid is not the shell's plus one: a kill
            // that signals in pid or hash order would then signal the sleep first about half the time
            Command loop = Command.shell("for i in 1 2 3 4 5 6 7 8; do /bin/true; done;"
                    + " while true; do echo tick; sleep 1000; echo after; done");
            runner.run(Program.perform(ProcessAction.start("loop", loop, ProcessListener.onLine(line -> looping.countDown()))));
            looping.await(); // the shell waits for its sleep

            ProcessResult killed = runner.run(Program.perform(ProcessAction.kill("loop")));

            assertThat(killed.stdoutLines()).containsExactly("tick");
            assertThat(killed.stderrText()).isEmpty();
            assertThat(killed.signal()).contains("TERM");
        }
    }
}
