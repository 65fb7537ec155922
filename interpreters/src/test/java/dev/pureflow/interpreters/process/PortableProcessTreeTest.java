package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The process tree where there is no procfs: the root and its live descendants as the JDK sees
 * them. Measured here on Linux with real processes, since it is what a kill walks on other systems.
 */
class PortableProcessTreeTest {

    private final PortableProcessTree tree = new PortableProcessTree();

    @Test
    @Timeout(120) // a hang detector
    void the_tree_of_a_running_shell_is_the_shell_and_its_child_and_nothing_once_both_are_gone() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "sleep 300 & echo $!; wait").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8))) {
            long sleepPid = Long.parseLong(out.readLine().trim());
            ProcessHandle sleep = ProcessHandle.of(sleepPid).orElseThrow();

            assertThat(tree.running(shell.toHandle())).isTrue();
            assertThat(tree.members(shell.toHandle(), "unused-marker")).containsExactlyInAnyOrder(shell.toHandle(), sleep);

            sleep.destroyForcibly();
            sleep.onExit().get(60, TimeUnit.SECONDS);
            assertThat(shell.waitFor(60, TimeUnit.SECONDS)).as("the shell ended once its child did").isTrue();

            assertThat(tree.running(shell.toHandle())).isFalse();
            assertThat(tree.running(sleep)).isFalse();
            assertThat(tree.members(shell.toHandle(), "unused-marker")).isEmpty();
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }

    @Test
    void the_portable_tree_serves_every_spawn_as_it_is() {
        assertThat(tree.forNextSpawn()).isSameAs(tree);
    }
}
