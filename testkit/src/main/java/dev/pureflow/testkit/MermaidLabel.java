package dev.pureflow.testkit;

import java.util.Objects;

/**
 * Text made safe for a Mermaid label: the characters that would end or break a label ({@code #}
 * {@code :} {@code ;} {@code <} {@code >}) become Mermaid's entity codes and line breaks become
 * spaces. The sequence diagram of {@link Trace#toMermaid()} and every other Mermaid text pureflow
 * writes escape through here, so a diagram never breaks on an action's text. Stateless; thread-safe.
 */
public final class MermaidLabel {

    private MermaidLabel() {}

    /** {@code text} on one line, with Mermaid's entity codes for the characters that would break a label. */
    public static String escape(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '#' -> escaped.append("#35;");
                case ':' -> escaped.append("#58;");
                case ';' -> escaped.append("#59;");
                case '<' -> escaped.append("#lt;");
                case '>' -> escaped.append("#gt;");
                case '\n', '\r', '\t' -> escaped.append(' ');
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
