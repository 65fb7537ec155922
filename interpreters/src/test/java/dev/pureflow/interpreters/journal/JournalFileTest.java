package dev.pureflow.interpreters.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import org.junit.jupiter.api.Test;

class JournalFileTest {

    private final Path directory;

    JournalFileTest() throws IOException {
        directory = Files.createTempDirectory("journal-file-test");
    }

    @AfterProperty
    void removeFiles() throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    private static JournalEntry.Performed step(int ordinal, String answer) {
        ObjectNode outcome = JsonNodeFactory.instance.objectNode();
        outcome.put("resultType", String.class.getName());
        outcome.put("result", answer);
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("name", "step " + ordinal);
        return new JournalEntry.Performed("main#" + ordinal, "com.example.Act", input, outcome, Instant.ofEpochSecond(ordinal));
    }

    @Provide
    Arbitrary<List<String>> answers() {
        return Arbitraries.strings().ofMaxLength(40).list().ofMinSize(2).ofMaxSize(6);
    }

    /** The journal of one step per answer, and the byte offsets at which each record starts. */
    private record Written(Path file, byte[] bytes, List<Integer> starts, List<JournalEntry> entries) {}

    private Written write(List<String> answers) throws IOException {
        Path file = Files.createTempFile(directory, "run", ".journal");
        Files.delete(file);
        List<Integer> starts = new ArrayList<>();
        List<JournalEntry> entries = new ArrayList<>();
        // group commit: close() forces once, which keeps hundreds of tries quick
        try (RunJournal journal = RunJournal.open(file, Durability.groupCommit(Duration.ofSeconds(30)))) {
            for (int i = 0; i < answers.size(); i++) {
                starts.add((int) journal.size());
                JournalEntry entry = step(i, answers.get(i));
                journal.append(entry);
                entries.add(entry);
            }
        }
        return new Written(file, Files.readAllBytes(file), starts, entries);
    }

    @Property(tries = 30)
    void truncating_the_last_record_at_any_byte_recovers_every_complete_step_and_appends_after_it(
            @ForAll("answers") List<String> answers, @ForAll @IntRange(min = 0, max = 10_000) int reopenAt) throws IOException {
        Written written = write(answers);
        int last = written.starts().getLast();
        List<byte[]> complete = JournalFile.parse(written.file(), Arrays.copyOf(written.bytes(), last)).records();
        assertThat(complete).hasSize(answers.size() - 1);

        for (int cut = last; cut < written.bytes().length; cut++) {
            JournalFile.Contents contents = JournalFile.parse(written.file(), Arrays.copyOf(written.bytes(), cut));
            assertThat(contents.records()).as("cut at %d", cut).hasSize(answers.size() - 1);
            assertThat(contents.intactBytes()).isEqualTo(last);
            assertThat(contents.tornTail()).isEqualTo(cut > last);
        }

        // and on disk, at one of those cuts: the tail is cut off and the next append follows the last intact record
        int cut = last + reopenAt % (written.bytes().length - last);
        Files.write(written.file(), Arrays.copyOf(written.bytes(), cut));
        try (RunJournal reopened = RunJournal.open(written.file(), Durability.everyStep())) {
            assertThat(reopened.recovered()).isEqualTo(written.entries().subList(0, answers.size() - 1));
            assertThat(Files.size(written.file())).isEqualTo(last);
            reopened.append(step(99, "after"));
        }
        assertThat(RunJournal.read(written.file())).hasSize(answers.size()).last().isEqualTo(step(99, "after"));
    }

    @Property(tries = 30)
    void flipping_any_bit_of_the_last_record_drops_that_record_only(@ForAll("answers") List<String> answers) throws IOException {
        Written written = write(answers);
        int last = written.starts().getLast();

        for (int bit = last * 8; bit < written.bytes().length * 8; bit++) {
            byte[] flipped = written.bytes().clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            JournalFile.Contents contents = JournalFile.parse(written.file(), flipped);
            assertThat(contents.records()).as("bit %d flipped", bit).hasSize(answers.size() - 1);
            assertThat(contents.intactBytes()).isEqualTo(last);
        }
    }

    @Property(tries = 100)
    void flipping_a_bit_in_an_earlier_record_fails_naming_the_file_and_the_records_offset(
            @ForAll("answers") List<String> answers, @ForAll @IntRange(min = 0, max = 10_000) int record, @ForAll @IntRange(min = 0, max = 1 << 20) int bit)
            throws IOException {
        Written written = write(answers);
        int damaged = record % (answers.size() - 1);
        int start = written.starts().get(damaged);
        int length = written.starts().get(damaged + 1) - start;
        int flippedBit = start * 8 + bit % (length * 8);
        byte[] flipped = written.bytes().clone();
        flipped[flippedBit / 8] ^= (byte) (1 << (flippedBit % 8));
        Files.write(written.file(), flipped);

        JournalCorruptedException corrupt = catchThrowableOfType(JournalCorruptedException.class,
                () -> RunJournal.open(written.file(), Durability.everyStep()));

        assertThat(corrupt.offset()).isEqualTo(start);
        assertThat(corrupt.file()).isEqualTo(written.file());
        assertThat(corrupt).hasMessageContaining(written.file().toString()).hasMessageContaining("offset " + start);
        assertThat(Files.readAllBytes(written.file())).as("a corrupt journal is left as it is").isEqualTo(flipped);
    }

    @Test
    void an_empty_or_zero_filled_tail_is_a_torn_write_not_corruption() throws IOException {
        Written written = write(List.of("a", "b"));
        byte[] padded = Arrays.copyOf(written.bytes(), written.bytes().length + 4096);
        Files.write(written.file(), padded);

        try (RunJournal reopened = RunJournal.open(written.file(), Durability.everyStep())) {
            assertThat(reopened.recovered()).isEqualTo(written.entries());
        }
        assertThat(Files.size(written.file())).isEqualTo(written.bytes().length);
    }

    @Test
    void group_committed_records_are_in_the_file_as_soon_as_appended() throws IOException {
        Path file = directory.resolve("group.journal");
        try (RunJournal journal = RunJournal.open(file, Durability.groupCommit(Duration.ofSeconds(30)))) {
            journal.append(step(0, "a"));
            journal.append(step(1, "b"));
            // another reader (a JVM started after this one is killed) sees them before any force
            assertThat(RunJournal.read(file)).containsExactly(step(0, "a"), step(1, "b"));
        }
    }

    @Test
    void a_group_commit_window_must_be_positive() {
        assertThatThrownBy(() -> Durability.groupCommit(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void an_empty_record_is_refused() throws IOException {
        try (JournalFile file = JournalFile.open(directory.resolve("empty.journal"), Durability.everyStep())) {
            assertThatThrownBy(() -> file.append(new byte[0])).isInstanceOf(IllegalArgumentException.class);
            assertThat(file.size()).isZero();
        }
    }

    @Test
    void every_entry_kind_reads_back_equal() throws IOException {
        Path file = directory.resolve("kinds.journal");
        ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("version", "1.2");
        List<JournalEntry> entries = List.of(
                new JournalEntry.Started("deploy-1", "deploy", arguments, Instant.EPOCH),
                step(0, "ok"),
                new JournalEntry.Sleeping("main#1", Instant.ofEpochSecond(100), Instant.ofEpochSecond(40)),
                new JournalEntry.Message("go", Integer.class.getName(), JsonNodeFactory.instance.numberNode(42), Instant.ofEpochSecond(41)),
                new JournalEntry.Ended(JsonNodeFactory.instance.objectNode().put("result", 3), Instant.ofEpochSecond(9)));
        try (RunJournal journal = RunJournal.open(file, Durability.everyStep())) {
            for (JournalEntry entry : entries) {
                journal.append(entry);
            }
        }
        assertThat(RunJournal.read(file)).isEqualTo(entries);
    }
}
