package dev.pureflow.interpreters.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

/**
 * Real crashes: a child JVM runs the 200-step {@link CrashFlow} and is killed with SIGKILL
 * ({@code kill -9}) after a step jqwik chooses; a new runner (in the test's JVM) resumes the run from its journal.
 * Tagged {@code stress}: twenty child JVMs take many seconds, too long to run again for each mutant
 * the mutation profile makes (it excludes the tag; the ordinary build runs it).
 */
@Tag("stress")
class JournalCrashTest {

    /** Generous: only reached when a child hangs, on a machine several times slower than ours. */
    private static final long HANG_SECONDS = 120;

    @Property(tries = 20)
    void a_run_killed_after_any_step_resumes_to_the_crash_free_value_running_each_journaled_step_once(
            @ForAll @IntRange(min = 1, max = CrashFlow.STEPS) int killAfter, @ForAll boolean sync) throws Exception {
        Path root = Files.createTempDirectory("journal-crash");
        Path journals = root.resolve("journals");
        Path side = root.resolve("side.txt");
        Path journal = journals.resolve(CrashChild.RUN + ".journal");

        Child first = new Child(journals, side, sync, root.resolve("first-stderr.txt"));
        Integer firstResult = first.readUntilStep(killAfter);
        first.kill();

        Set<Integer> journaledBeforeKill = journaledSteps(journal);
        Map<Integer, Integer> ranBeforeKill = counts(side);
        boolean endedBeforeKill = RunJournal.read(journal).getLast() instanceof JournalEntry.Ended;
        // the restart: a new runner on the same directory and side file (in this JVM, which keeps the suite quick)
        DurableRunner restarted = DurableRunner.builder(journals, CrashFlow.executor(side, step -> {}))
                .register(CrashFlow.FLOW)
                .durability(sync ? Durability.everyStep() : Durability.groupCommit(java.time.Duration.ofMillis(5)))
                .build();
        Map<String, dev.pureflow.RunHandle<Object>> resumed = restarted.resumeUnfinished();
        Object result;
        if (endedBeforeKill) {
            assertThat(resumed).isEmpty();
            result = firstResult != null ? firstResult : restarted.outcome(CrashChild.RUN).get().get();
        } else {
            assertThat(resumed).containsOnlyKeys(CrashChild.RUN);
            result = resumed.get(CrashChild.RUN).await();
        }

        assertThat(result).isEqualTo(CrashFlow.expected());
        Map<Integer, Integer> ran = counts(side);
        List<Integer> twice = ran.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        for (int step = 0; step < CrashFlow.STEPS; step++) {
            assertThat(ran.getOrDefault(step, 0)).as("runs of step %d (journaled before the kill: %s)", step, journaledBeforeKill.contains(step))
                    .isBetween(1, journaledBeforeKill.contains(step) ? 1 : 2);
        }
        // in flight at the kill: one step, or one per parallel branch (4) inside the parallel block
        assertThat(twice).as("steps that ran twice").allSatisfy(step -> assertThat(ranBeforeKill).containsKey(step));
        assertThat(twice.size()).as("steps that ran twice: %s", twice).isLessThanOrEqualTo(twice.stream().allMatch(s -> s >= 160) ? 4 : 1);
        assertThat(restarted.runs()).allSatisfy(run -> assertThat(run.finished()).isTrue()).hasSize(1);
        assertThat(restarted.unfinished()).isEmpty();
        DurableRunnerTest.deleteTree(root);
    }

    /** The flow's work steps whose outcome the journal holds, by the step number in their action (built-in steps have none). */
    private static Set<Integer> journaledSteps(Path journal) throws IOException {
        Set<Integer> steps = new HashSet<>();
        for (JournalEntry entry : RunJournal.read(journal)) {
            if (entry instanceof JournalEntry.Performed performed && !performed.failed() && performed.action().has("step")) {
                steps.add(performed.action().get("step").asInt());
            }
        }
        return steps;
    }

    /** How many times each step ran, by the side file. */
    private static Map<Integer, Integer> counts(Path side) throws IOException {
        Map<Integer, Integer> counts = new HashMap<>();
        if (Files.exists(side)) {
            for (String line : Files.readAllLines(side, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    counts.merge(Integer.parseInt(line.trim()), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** A child JVM running {@link CrashChild}. */
    private static final class Child {
        final Process process;
        final BufferedReader stdout;
        final Path stderr;

        Child(Path journals, Path side, boolean sync, Path stderr) throws IOException {
            this.stderr = stderr;
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                    journals.toString(), side.toString(), sync ? "sync" : "group")
                    .redirectError(stderr.toFile())
                    .start();
            stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Reads the child's report until it has carried out {@code steps} steps; its result if it printed one first. */
        Integer readUntilStep(int steps) throws IOException {
            int seen = 0;
            for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                if (line.startsWith("result ")) {
                    return Integer.valueOf(line.substring("result ".length()));
                }
                if (line.startsWith("step ") && ++seen >= steps) {
                    return null;
                }
            }
            throw new AssertionError("the child JVM ended without a result; stderr:\n" + Files.readString(stderr));
        }

        /** {@code kill -9}: SIGKILL, which the JVM cannot catch, so nothing is flushed or closed. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(HANG_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }
}
