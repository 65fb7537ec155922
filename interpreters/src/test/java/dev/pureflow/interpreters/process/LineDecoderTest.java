package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Bytes arriving in chunks of any size become the same lines: split characters, endings, long lines. */
class LineDecoderTest {

    private final List<String> lines = new ArrayList<>();

    @Test
    void a_utf8_character_split_across_two_feeds_decodes_whole() {
        LineDecoder decoder = decoder(StandardCharsets.UTF_8, 1000);
        byte[] euro = "€\n".getBytes(StandardCharsets.UTF_8); // E2 82 AC 0A

        decoder.feed(Arrays.copyOfRange(euro, 0, 2), 2);
        assertThat(lines).isEmpty();
        decoder.feed(Arrays.copyOfRange(euro, 2, 4), 2);

        assertThat(lines).containsExactly("€");
    }

    @Test
    void a_four_byte_character_split_at_every_position_decodes_whole() {
        byte[] bytes = "a🎉b\n".getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < bytes.length; cut++) {
            lines.clear();
            LineDecoder decoder = decoder(StandardCharsets.UTF_8, 1000);
            decoder.feed(Arrays.copyOfRange(bytes, 0, cut), cut);
            decoder.feed(Arrays.copyOfRange(bytes, cut, bytes.length), bytes.length - cut);
            decoder.finish();

            assertThat(lines).as("cut at byte %d", cut).containsExactly("a🎉b");
        }
    }

    @Test
    void a_utf16_character_split_across_feeds_decodes_whole() {
        byte[] bytes = "zß\n日".getBytes(StandardCharsets.UTF_16BE);
        LineDecoder decoder = decoder(StandardCharsets.UTF_16BE, 1000);
        for (byte single : bytes) {
            decoder.feed(new byte[] {single}, 1);
        }
        decoder.finish();

        assertThat(lines).containsExactly("zß", "日");
    }

    @Test
    void the_last_line_without_a_terminator_is_emitted_at_the_end() {
        LineDecoder decoder = decoder(StandardCharsets.UTF_8, 1000);
        feed(decoder, "a\nb");
        assertThat(lines).containsExactly("a");

        decoder.finish();

        assertThat(lines).containsExactly("a", "b");
    }

    @Test
    void an_incomplete_character_at_the_end_is_replaced_not_lost() {
        LineDecoder decoder = decoder(StandardCharsets.UTF_8, 1000);
        decoder.feed(new byte[] {'o', 'k', (byte) 0xE2, (byte) 0x82}, 4);
        decoder.finish();

        assertThat(lines).containsExactly("ok\uFFFD");
    }

    @Test
    void malformed_bytes_are_replaced_and_decoding_goes_on() {
        LineDecoder decoder = decoder(StandardCharsets.UTF_8, 1000);
        decoder.feed(new byte[] {'a', (byte) 0xFF, 'b', '\n', 'c', '\n'}, 6);

        assertThat(lines).containsExactly("a\uFFFDb", "c");
    }

    @Test
    void empty_lines_count_and_nothing_after_the_last_terminator_makes_no_extra_line() {
        LineDecoder decoder = decoder(StandardCharsets.UTF_8, 1000);
        feed(decoder, "\n\nx\n");
        decoder.finish();

        assertThat(lines).containsExactly("", "", "x");
    }

    @Test
    void an_empty_stream_has_no_lines() {
        decoder(StandardCharsets.UTF_8, 1000).finish();

        assertThat(lines).isEmpty();
    }

    @Test
    void crlf_endings_are_stripped_and_a_lone_carriage_return_is_kept() {
        LineDecoder decoder = decoder(StandardCharsets.UTF_8, 1000);
        feed(decoder, "one\r\ntwo\rstill two\n");

        assertThat(lines).containsExactly("one", "two\rstill two");
    }

    @Test
    void a_line_longer_than_the_maximum_is_emitted_in_pieces() {
        LineDecoder decoder = decoder(StandardCharsets.UTF_8, 4);
        feed(decoder, "abcdefghij\nk");
        decoder.finish();

        assertThat(lines).containsExactly("abcd", "efgh", "ij", "k");
    }

    @Test
    void a_chunk_larger_than_the_decoding_buffer_is_decoded_whole() {
        String big = "é".repeat(100_000) + "\n" + "z".repeat(70_000);
        LineDecoder decoder = decoder(StandardCharsets.UTF_8, Integer.MAX_VALUE - 16);
        feed(decoder, big);
        decoder.finish();

        assertThat(lines).containsExactly("é".repeat(100_000), "z".repeat(70_000));
    }

    @Property(tries = 300)
    void any_text_cut_anywhere_gives_the_lines_of_the_whole_text(
            @ForAll("text") String text, @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 400) Integer> cuts, @ForAll("charsets") Charset charset) {
        lines.clear();
        byte[] bytes = text.getBytes(charset);
        LineDecoder decoder = decoder(charset, Integer.MAX_VALUE - 16);
        int from = 0;
        for (int cut : new TreeSet<>(cuts)) {
            if (cut > from && cut < bytes.length) {
                decoder.feed(Arrays.copyOfRange(bytes, from, cut), cut - from);
                from = cut;
            }
        }
        decoder.feed(Arrays.copyOfRange(bytes, from, bytes.length), bytes.length - from);
        decoder.finish();

        assertThat(lines).isEqualTo(LineDecoder.lines(text));
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<Character> anyChar = Arbitraries.chars().all().filter(c -> !Character.isSurrogate(c));
        Arbitrary<Character> lineBreaks = Arbitraries.of('\n', '\r');
        Arbitrary<String> astral = Arbitraries.of("🎉", "𝄞", "😀");
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, anyChar.map(String::valueOf)),
                        net.jqwik.api.Tuple.of(2, lineBreaks.map(String::valueOf)),
                        net.jqwik.api.Tuple.of(1, astral))
                .list().ofMaxSize(60).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<Charset> charsets() {
        return Arbitraries.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16, StandardCharsets.UTF_16LE);
    }

    private LineDecoder decoder(Charset charset, int maxLineLength) {
        return new LineDecoder(charset, maxLineLength, lines::add);
    }

    private static void feed(LineDecoder decoder, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        decoder.feed(bytes, bytes.length);
    }
}
