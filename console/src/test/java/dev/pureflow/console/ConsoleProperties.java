package dev.pureflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.interpreters.process.Command;
import io.vavr.collection.List;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The console's invariants: what a typed line means, what a reconnect gets, what the allowlist lets through. */
class ConsoleProperties {

    @Property
    void a_quoted_word_comes_back_exactly_whatever_it_holds(
            @ForAll @NotEmpty @Size(max = 6) java.util.List<@StringLength(max = 12) String> words) {
        String line = words.stream().map(CommandLine::quote).collect(Collectors.joining(" "));

        assertThat(CommandLine.split(line).get()).isEqualTo(words);
    }

    @Property
    void shell_syntax_is_never_interpreted_only_split_on_whitespace(
            @ForAll("plainWords") @NotEmpty @Size(max = 8) java.util.List<String> words) {
        assertThat(CommandLine.split(String.join("  ", words)).get()).isEqualTo(words);
    }

    @Provide
    Arbitrary<java.util.List<String>> plainWords() {
        return Arbitraries.strings().withChars("abc019;|&$()<>*?~`!{}=-./").ofMinLength(1).ofMaxLength(8).list();
    }

    @Property
    void a_stream_resumed_after_any_event_gets_exactly_the_events_after_it(
            @ForAll @IntRange(max = 60) int lines, @ForAll @IntRange(max = 70) int lastSeen) {
        EventLog log = new EventLog(100);
        for (int i = 0; i < lines; i++) {
            log.append("line", "{\"n\":" + i + "}");
        }
        log.end("ended", "{}");
        java.util.List<EventLog.Event> all = log.after(0);

        java.util.List<EventLog.Event> resumed = log.after(lastSeen);

        java.util.List<EventLog.Event> seenThenResumed = new ArrayList<>(all.subList(0, Math.min(lastSeen, all.size())));
        seenThenResumed.addAll(resumed);
        assertThat(seenThenResumed).isEqualTo(all);
        assertThat(resumed).extracting(EventLog.Event::id)
                .isEqualTo(LongStream.rangeClosed(lastSeen + 1L, lines + 1L).boxed().toList());
        assertThat(log.exhausted(lastSeen)).isEqualTo(lastSeen >= lines + 1);
    }

    @Property
    void a_log_keeps_at_most_its_limit_and_always_its_end(@ForAll @IntRange(max = 300) int lines) {
        EventLog log = new EventLog(50);
        for (int i = 0; i < lines; i++) {
            log.append("line", "{}");
        }
        log.end("ended", "{}");

        java.util.List<EventLog.Event> events = log.after(0);

        assertThat(events).hasSizeLessThanOrEqualTo(50);
        assertThat(events.getLast().type()).isEqualTo("ended");
        assertThat(events.stream().filter(e -> e.type().equals("truncated")).count()).isEqualTo(lines > 48 ? 1 : 0);
    }

    @Property
    void a_program_that_is_not_on_the_allowlist_is_refused_whatever_its_arguments(
            @ForAll("programs") String program, @ForAll @Size(max = 3) java.util.List<@StringLength(max = 5) String> arguments) {
        List<AllowedCommand> allowlist = List.of(AllowedCommand.program("seq"),
                AllowedCommand.fixed("build", Command.of("make", "all")));
        String line = program + " " + arguments.stream().map(CommandLine::quote).collect(Collectors.joining(" "));

        if (program.equals("seq")) {
            assertThat(Jobs.commandFor(allowlist, Path.of("/"), line).argv()).startsWith("seq").hasSize(1 + arguments.size());
        } else if (program.equals("build")) {
            Command fixed = Jobs.commandFor(allowlist, Path.of("/"), "build");
            assertThat(fixed.argv()).containsExactly("make", "all");
        } else {
            assertThatThrownBy(() -> Jobs.commandFor(allowlist, Path.of("/"), line))
                    .isInstanceOf(HttpError.class)
                    .hasMessage("`" + program + "` is not on the console's allowlist; it starts only: seq, build")
                    .satisfies(e -> assertThat(((HttpError) e).status()).isEqualTo(403));
        }
    }

    @Provide
    Arbitrary<String> programs() {
        return Arbitraries.oneOf(Arbitraries.of("seq", "build", "sh", "/bin/sh", "bash", "rm", "seq2", "./seq", "SEQ"),
                Arbitraries.strings().alpha().numeric().withChars("/._-").ofMinLength(1).ofMaxLength(10));
    }
}
