package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The marker lookup finds a process of the tree at every moment of its life, the middle of an
 * {@code execve} included, when procfs shows it with an empty environment and command line for a
 * while: a background child caught exec'ing when its command exited must be killed like any other.
 */
class ProcessTreeExecTest {

    /** Tagged {@code stress}: 300 lookups take many seconds, out of the mutation profile's runs (the ordinary build runs it). */
    @Test
    @Tag("stress")
    @Timeout(600) // a hang detector: a few seconds here
    void an_orphan_that_keeps_exec_ing_is_found_by_its_marker_in_every_one_of_300_lookups() throws Exception {
        assertThat(lookupsMissingAnExecingOrphan(300)).as("lookups that missed the exec'ing orphan").isEmpty();
    }

    /**
     * The same in few lookups, for the mutation profile: a lookup that took an exec's empty
     * environment for the process's own misses the orphan in about one lookup of four.
     */
    @Test
    @Timeout(600) // a hang detector: a second here
    void an_orphan_that_keeps_exec_ing_is_found_by_its_marker_in_every_one_of_40_lookups() throws Exception {
        assertThat(lookupsMissingAnExecingOrphan(40)).as("lookups that missed the exec'ing orphan").isEmpty();
    }

    /** Starts an orphan that execs forever, looks for it {@code lookups} times, and returns the lookups that missed it. */
    private static List<Integer> lookupsMissingAnExecingOrphan(int lookups) throws Exception {
        String marker = UUID.randomUUID().toString();
        ProcessTree tree = ProcessTree.forThisPlatform().forNextSpawn();
        // the child replaces itself with a new shell, forever: a good part of its time is spent in execve
        String forever = "exec sh -c \"$0\" \"$0\"";
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "sh -c '" + forever + "' '" + forever + "' >/dev/null 2>&1 </dev/null & echo $!");
        builder.environment().put(ProcessTree.MARKER, marker);
        Process root = builder.start();
        long child = Long.parseLong(new String(root.getInputStream().readAllBytes()).strip());
        root.waitFor();
        try {
            List<Integer> missed = new ArrayList<>();
            for (int lookup = 0; lookup < lookups; lookup++) {
                if (tree.members(root.toHandle(), marker).stream().noneMatch(member -> member.pid() == child)) {
                    missed.add(lookup);
                }
            }
            return missed;
        } finally {
            ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
