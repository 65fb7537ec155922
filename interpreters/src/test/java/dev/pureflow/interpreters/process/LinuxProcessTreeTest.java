package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.interpreters.process.LinuxProcessTree.Epoch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * When the tree of one spawn may read only the process ids handed out since the spawn: the
 * process-id counter is read right, and the proof that no id wrapped around holds exactly when
 * the counts allow it (see {@link LinuxProcessTree#newIdsLieBetween}). A wrong "yes" would miss a
 * leftover process; a wrong "no" only reads every process.
 */
class LinuxProcessTreeTest {

    /** The kernel's largest pid_max (2^22): room enough that only the counts decide. */
    private static final long ROOMY_PID_MAX = 4_194_304;


    @Test
    void the_counter_read_around_a_spawn_proves_where_the_spawned_process_id_lies() throws Exception {
        Epoch before = LinuxProcessTree.readEpoch();
        Process spawned = new ProcessBuilder("true").start();
        spawned.waitFor();
        Epoch after = LinuxProcessTree.readEpoch();

        assertThat(before.known()).isTrue();
        assertThat(after.known()).isTrue();
        assertThat(after.created()).as("processes created since boot, this spawn among them").isGreaterThan(before.created());
        assertThat(after.existing()).as("processes existing now, this JVM among them").isPositive();
        // the proof holds unless the ids may have wrapped around since: pid_max is often only 32768
        boolean proved = LinuxProcessTree.newIdsLieBetween(spawned.pid(), before, after, pidMax());
        long span = 2 * (after.created() - before.created()) + before.existing() + after.existing();
        if (after.lastId() >= spawned.pid()) {
            assertThat(proved).as("proved, with %d ids to spare", pidMax() - spawned.pid() - span).isEqualTo(spawned.pid() + span < pidMax());
        } else {
            assertThat(proved).as("the ids wrapped around since the spawn").isFalse();
        }
    }

    @Test
    void an_unknown_reading_of_the_counter_proves_nothing() {
        Epoch known = new Epoch(100, 50, 1_000);

        assertThat(Epoch.UNKNOWN.known()).isFalse();
        assertThat(new Epoch(-1, 50, 1_000).known()).isFalse();
        assertThat(new Epoch(100, -1, 1_000).known()).isFalse();
        assertThat(new Epoch(100, 50, -1).known()).isFalse();
        assertThat(new Epoch(0, 0, 0).known()).isTrue();
        assertThat(LinuxProcessTree.newIdsLieBetween(1_000, Epoch.UNKNOWN, known, ROOMY_PID_MAX)).isFalse();
        assertThat(LinuxProcessTree.newIdsLieBetween(1_000, known, Epoch.UNKNOWN, ROOMY_PID_MAX)).isFalse();
        assertThat(LinuxProcessTree.newIdsLieBetween(1_000, known, known, ROOMY_PID_MAX)).isTrue();
    }

    @Test
    void a_last_id_below_the_root_or_a_counter_that_went_back_proves_nothing() {
        Epoch before = new Epoch(100, 50, 990);

        assertThat(LinuxProcessTree.newIdsLieBetween(1_000, before, new Epoch(110, 50, 999), ROOMY_PID_MAX)).as("last id below the root").isFalse();
        assertThat(LinuxProcessTree.newIdsLieBetween(1_000, before, new Epoch(110, 50, 1_000), ROOMY_PID_MAX)).as("the root is the last id").isTrue();
        assertThat(LinuxProcessTree.newIdsLieBetween(1_000, before, new Epoch(99, 50, 1_005), ROOMY_PID_MAX)).as("fewer created than before").isFalse();
        assertThat(LinuxProcessTree.newIdsLieBetween(1_000, before, new Epoch(100, 50, 1_005), ROOMY_PID_MAX)).as("none created since").isTrue();
    }

    /**
     * The ids cannot have wrapped while root + 2 * created + existing before + existing now stays
     * below pid_max: true one below it, false at it, whatever the counts.
     */
    @Property(tries = 50)
    void the_ids_are_proved_in_order_exactly_while_they_cannot_have_wrapped_around(
            @ForAll @IntRange(min = 0, max = 5_000) int created,
            @ForAll @IntRange(min = 0, max = 5_000) int existingBefore,
            @ForAll @IntRange(min = 1, max = 5_000) int existingNow) throws IOException {
        long pidMax = pidMax();
        long span = 2L * created + existingBefore + existingNow;
        long highestProvable = pidMax - 1 - span;
        Epoch before = new Epoch(1_000, existingBefore, highestProvable - 3);
        Epoch now = new Epoch(1_000 + created, existingNow, highestProvable + 2);

        assertThat(LinuxProcessTree.newIdsLieBetween(highestProvable, before, now, pidMax)).as("root %d", highestProvable).isTrue();
        assertThat(LinuxProcessTree.newIdsLieBetween(highestProvable + 1, before, now, pidMax)).as("root %d", highestProvable + 1).isFalse();
    }

    private static long pidMax() throws IOException {
        return Long.parseLong(Files.readAllLines(Path.of("/proc/sys/kernel/pid_max"), StandardCharsets.US_ASCII).getFirst().trim());
    }
}
