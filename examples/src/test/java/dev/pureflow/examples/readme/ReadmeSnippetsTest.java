package dev.pureflow.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README and the code it shows from drifting apart: every region of the examples' sources
 * marked {@code // README: name} ... {@code // END README} must appear verbatim (de-indented) in a
 * {@code java} block of the README, and every {@code java} block of the README must be made of such
 * regions only. The regions themselves are compiled and run by the tests around them.
 *
 * <p>Surefire runs with the examples module as working directory, so the README is {@code ../README.md}.
 */
class ReadmeSnippetsTest {

    private static final Path README = Path.of("../README.md");
    private static final Path ROOT_POM = Path.of("../pom.xml");
    private static final List<Path> SOURCE_ROOTS = List.of(Path.of("src/main/java"), Path.of("src/test/java"));
    private static final Pattern START = Pattern.compile("\\s*// README: ([a-z0-9-]+)\\s*");
    private static final Pattern END = Pattern.compile("\\s*// END README\\s*");
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);

    /** A marked region of a source file, de-indented. */
    record Snippet(String name, Path file, String code) {}

    @Test
    void the_sources_mark_snippets_for_every_section_of_the_readme() {
        assertThat(snippets()).extracting(Snippet::name).doesNotHaveDuplicates().contains(
                "actions", "executor", "flow-sequential", "flow-parallel", "flow-direct", "run", "operations",
                "direct-errors", "direct-mixing", "executor-async", "routing", "account", "runner", "runner-cancel",
                "run-deadline", "errors-action-failed", "errors-result-type", "errors-unhandled", "stack-safety",
                "logged", "retried", "timed", "timeout", "order", "stack", "own-combinator", "in-memory",
                "virtual-time", "process-flow", "process-real", "process-fake", "vavr",
                "owner-basics", "owner-timeout", "owner-loop", "owner-inline", "manager-reports", "manager-flow",
                "flower-machine", "flower-run", "flower-wrong", "lifecycle-frame", "lifecycle-main",
                "step-keys", "messages", "messages-virtual-time", "messages-seam",
                "temporal-worker", "temporal-client", "temporal-cluster", "picture-journal");
    }

    @Test
    void every_marked_snippet_appears_verbatim_in_a_java_block_of_the_readme() {
        List<String> blocks = javaBlocks();
        for (Snippet snippet : snippets()) {
            assertThat(blocks)
                    .as("snippet '%s' from %s must appear verbatim in a ```java block of README.md:%n%s",
                            snippet.name(), snippet.file(), snippet.code())
                    .anyMatch(block -> containsLines(block, snippet.code()));
        }
    }

    @Test
    void every_java_block_of_the_readme_is_made_of_marked_snippets() {
        List<Snippet> snippets = snippets();
        for (String block : javaBlocks()) {
            String rest = "\n" + block;
            for (Snippet snippet : snippets) {
                rest = rest.replace("\n" + snippet.code() + "\n", "\n");
            }
            assertThat(rest)
                    .as("this README code is not a marked snippet of a compiled and tested source:%n%s", block)
                    .isBlank();
        }
    }

    @Test
    void the_readme_shows_exactly_what_the_flagship_example_prints() {
        assertThat(readme()).contains("```\nFetching 3 from 'users'\nHi, User0!\nHi, User1!\nHi, User2!\n```\n");
    }

    @Test
    void the_readme_install_coordinates_name_the_version_being_built() throws IOException {
        Matcher version = Pattern.compile("<artifactId>pureflow-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT_POM));
        assertThat(version.find()).as("the root pom's version").isTrue();
        assertThat(readme())
                .contains("<artifactId>pureflow-dsl</artifactId>\n  <version>" + version.group(1) + "</version>")
                .contains("<artifactId>pureflow-interpreters</artifactId>\n  <version>" + version.group(1) + "</version>");
    }

    private static boolean containsLines(String block, String code) {
        return ("\n" + block).contains("\n" + code + "\n");
    }

    private static String readme() {
        try {
            return Files.readString(README).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("README.md not found at " + README.toAbsolutePath(), e);
        }
    }

    private static List<String> javaBlocks() {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(readme());
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        assertThat(blocks).as("```java blocks in README.md").isNotEmpty();
        return blocks;
    }

    static List<Snippet> snippets() {
        List<Snippet> snippets = new ArrayList<>();
        for (Path root : SOURCE_ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                    snippets.addAll(snippetsIn(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return snippets;
    }

    private static List<Snippet> snippetsIn(Path file) throws IOException {
        List<Snippet> found = new ArrayList<>();
        String name = null;
        List<String> region = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Matcher start = START.matcher(line);
            if (start.matches()) {
                assertThat(name).as("%s: snippet '%s' starts inside snippet '%s'", file, start.group(1), name).isNull();
                name = start.group(1);
                region.clear();
            } else if (END.matcher(line).matches()) {
                assertThat(name).as("%s: // END README without a start", file).isNotNull();
                found.add(new Snippet(name, file, deindent(region)));
                name = null;
            } else if (name != null) {
                region.add(line.stripTrailing());
            }
        }
        assertThat(name).as("%s: snippet '%s' is never closed with // END README", file, name).isNull();
        return found;
    }

    private static String deindent(List<String> lines) {
        int indent = lines.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        return String.join("\n", lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList());
    }
}
