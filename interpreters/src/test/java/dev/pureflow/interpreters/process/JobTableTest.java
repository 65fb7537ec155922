package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The job table alone, with processes that end when the test says: the ids it hands out, what it
 * shows of a job while the job's process is still being spawned, and how many ended jobs it keeps.
 * The real and the fake process executor both serve their job actions from it.
 */
class JobTableTest {

    private static final Instant START = Instant.parse("2026-11-30T00:00:00Z");

    /** A job's process that ends, or records its kills, when told. */
    private static final class Controlled implements JobProcess {
        private final Command command;
        private final CompletableFuture<ProcessResult> ended = new CompletableFuture<>();
        private final List<Duration> kills = new CopyOnWriteArrayList<>();

        Controlled(Command command) {
            this.command = command;
        }

        @Override
        public Command command() {
            return command;
        }

        @Override
        public CompletableFuture<ProcessResult> ended() {
            return ended;
        }

        @Override
        public void kill(Duration grace) {
            kills.add(grace);
            end(143);
        }

        void end(int exitCode) {
            ended.complete(new ProcessResult(command.argv(), 1, exitCode, Optional.empty(), false, new byte[0], new byte[0],
                    false, false, command.charset(), Duration.ZERO, OutputMode.SEPARATE, new byte[0], false));
        }
    }

    @Test
    void jobs_started_without_an_id_are_named_job_1_job_2_and_so_on_per_table() throws Exception {
        JobTable table = new JobTable(10);
        JobTable other = new JobTable(10);

        Job first = table.start(Optional.empty(), START, lines -> spawned("a"));
        Job named = table.start(Optional.of("build"), START, lines -> spawned("b"));
        Job second = table.start(Optional.empty(), START, lines -> spawned("c"));
        Job ofOther = other.start(Optional.empty(), START, lines -> spawned("d"));

        assertThat(List.of(first.id(), named.id(), second.id(), ofOther.id())).containsExactly("job-1", "build", "job-2", "job-1");
    }

    @Test
    void a_job_whose_process_is_still_being_spawned_is_neither_listed_nor_killed_nor_counted_as_running() throws Exception {
        JobTable table = new JobTable(10);
        Controlled earlier = new Controlled(Command.of("earlier"));
        table.start(Optional.of("earlier"), START, lines -> new JobTable.Spawned(earlier, 7));
        List<List<String>> listedDuringSpawn = new ArrayList<>();
        List<Integer> runningDuringSpawn = new ArrayList<>();

        table.start(Optional.of("late"), START, lines -> {
            listedDuringSpawn.add(table.list().stream().map(status -> status.job().id()).toList());
            runningDuringSpawn.add(table.runningProcesses().size());
            table.killAll();
            return spawned("late");
        });

        assertThat(listedDuringSpawn).containsExactly(List.of("earlier"));
        assertThat(runningDuringSpawn).containsExactly(1);
        assertThat(earlier.kills).containsExactly(Duration.ZERO);
        assertThat(table.list()).extracting(status -> status.job().id()).containsExactly("late", "earlier");
        assertThatThrownBy(() -> table.start(Optional.of("late"), START, lines -> spawned("again")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'late' already exists");
    }

    /** However many jobs end, exactly the {@code kept} most recent stay readable, in the order they ended. */
    @Property(tries = 30)
    void the_table_keeps_exactly_the_most_recently_ended_jobs(@ForAll @IntRange(min = 1, max = 5) int kept,
                                                               @ForAll @IntRange(min = 0, max = 12) int jobs) throws Exception {
        JobTable table = new JobTable(kept);
        for (int i = 0; i < jobs; i++) {
            Controlled process = new Controlled(Command.of("job" + i));
            table.start(Optional.of("j" + i), START, lines -> new JobTable.Spawned(process, 1));
            process.end(0);
        }

        List<String> expected = new ArrayList<>();
        for (int i = Math.max(0, jobs - kept); i < jobs; i++) {
            expected.add("j" + i);
        }
        assertThat(table.list()).extracting(status -> status.job().id()).containsExactlyElementsOf(expected);
        assertThat(table.runningProcesses()).isEmpty();
        if (jobs > kept) {
            assertThatThrownBy(() -> table.read("j" + (jobs - kept - 1))).isInstanceOf(NoSuchJobException.class);
        }
    }

    @Test
    void killing_a_job_without_a_grace_uses_its_commands_grace_and_returns_its_result() throws Exception {
        JobTable table = new JobTable(10);
        Controlled process = new Controlled(Command.of("server").withKillGrace(Duration.ofSeconds(7)));
        table.start(Optional.of("server"), START, lines -> new JobTable.Spawned(process, 1));

        ProcessResult result = table.kill("server", Optional.empty(), Clock.system());

        assertThat(process.kills).containsExactly(Duration.ofSeconds(7));
        assertThat(result.exitCode()).isEqualTo(143);
        assertThat(table.read("server").running()).isFalse();
    }

    private static JobTable.Spawned spawned(String program) {
        return new JobTable.Spawned(new Controlled(Command.of(program)), 1);
    }
}
