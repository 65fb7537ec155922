package dev.pureflow.examples.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Redaction;
import dev.pureflow.examples.redaction.vault.Vault.Node;
import dev.pureflow.examples.redaction.vault.Vault.Secretive;
import dev.pureflow.examples.redaction.vault.Vault.Tree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For random nested records holding a secret under a secret name, no rendering contains the secret. */
class RedactionProperties {

    private static final Redaction NAMED = Redaction.DEFAULT.masking("password", "token");

    /** A tree and the secret hidden somewhere in it. */
    record Hidden(Tree tree, String secret) {
        @Override
        public String toString() {
            return "secret " + secret + " in " + tree;
        }
    }

    @Property(tries = 40)
    void no_rendering_of_a_random_nested_action_contains_its_secret(@ForAll("hiddenSecrets") Hidden hidden) throws IOException {
        assertThat(String.valueOf(hidden.tree())).as("the raw toString shows it: the property has something to hide")
                .contains(hidden.secret());
        Path directory = Files.createTempDirectory("redaction-property");
        try {
            Map<String, String> cells = new Renderings(directory).of(hidden.tree(), NAMED);
            cells.put("render", NAMED.render(hidden.tree()));
            cells.forEach((column, text) -> assertThat(text).as(column).contains("Tree").doesNotContain(hidden.secret()));
        } finally {
            deleteTree(directory);
        }
    }

    @Provide
    Arbitrary<Hidden> hiddenSecrets() {
        Arbitrary<String> secrets = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(8).ofMaxLength(16).map(s -> "zq" + s);
        return secrets.flatMap(secret -> Arbitraries.integers().between(0, 3)
                .flatMap(depth -> node(depth, secret))
                .map(root -> new Hidden(new Tree(withSecretSomewhere(root, secret)), secret)));
    }

    private Arbitrary<Node> node(int depth, String secret) {
        Arbitrary<List<Node>> children = depth == 0 ? Arbitraries.just(List.of()) : node(depth - 1, secret).list().ofMaxSize(3);
        Arbitrary<String> words = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
        Arbitrary<Map<String, String>> attributes = Combinators.combine(
                        Arbitraries.maps(words, words).ofMaxSize(3),
                        Arbitraries.of("none", "token", "Password"))
                .as((plain, secretKey) -> {
                    Map<String, String> all = new HashMap<>(plain);
                    all.keySet().removeIf(key -> NAMED.isSecret(key));
                    if (!secretKey.equals("none")) {
                        all.put(secretKey, secret);
                    }
                    return Map.copyOf(all);
                });
        Arbitrary<Optional<Secretive>> extras = Combinators.combine(words, Arbitraries.of(true, false))
                .as((owner, carries) -> carries ? Optional.of(new Secretive(owner, secret)) : Optional.<Secretive>empty());
        return Combinators.combine(words, children, attributes, extras).as(Node::new);
    }

    /** The node, with the secret put under "token" at the root if no node of it carries it. */
    private static Node withSecretSomewhere(Node root, String secret) {
        if (String.valueOf(root).contains(secret)) {
            return root;
        }
        Map<String, String> attributes = new HashMap<>(root.attributes());
        attributes.put("token", secret);
        return new Node(root.label(), root.children(), attributes, root.extra());
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path file : all) {
                Files.delete(file);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
