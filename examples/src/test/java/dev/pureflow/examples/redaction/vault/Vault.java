package dev.pureflow.examples.redaction.vault;

import dev.pureflow.Action;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Public actions that carry secrets, in a package of their own: the redaction policy must read
 * records of any package. Each is answered with a string.
 *
 * @param <R> what the action yields
 */
public sealed interface Vault<R> extends Action<R> {

    /** A secret at the top level. */
    record Unlock(String user, String password) implements Vault<String> {}

    /** A secret inside a nested record. */
    record Connect(String host, Credentials credentials) implements Vault<String> {}

    /** A secret under a map key. */
    record Call(String url, Map<String, String> headers) implements Vault<String> {}

    /** Secrets inside records inside a list. */
    record Rotate(List<Credentials> accounts) implements Vault<String> {}

    /** A secret inside a record inside an optional. */
    record Reconnect(String host, Optional<Credentials> credentials) implements Vault<String> {}

    /** Hides its password in a hand-written toString, as the README advises. */
    record Signup(String user, String password) implements Vault<String> {
        @Override
        public String toString() {
            return "Signup[user=" + user + "]";
        }
    }

    /** A tree of nodes, for properties over random nesting. */
    record Tree(Node root) implements Vault<String> {}

    /** A node of a {@link Tree}: children, attributes (a secret may sit under a secret key), maybe a secretive extra. */
    record Node(String label, List<Node> children, Map<String, String> attributes, Optional<Secretive> extra) {}

    /** Something with a password. */
    record Secretive(String owner, String password) {}

    /** Carries nothing secret: what a diverging replay performs instead. */
    record Probe() implements Vault<String> {}

    /** A user and a password. */
    record Credentials(String user, String password) {}
}
