package dev.pureflow.observability.picture;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line that draws a recorded run:
 *
 * <pre>
 * render run.jsonl [--html out.html] [--mermaid out.mmd] [--gantt out.mmd]
 * render --journal DIR RUNID [--html out.html] [--mermaid out.mmd] [--gantt out.mmd]
 * </pre>
 *
 * <p>{@code run.jsonl} is a {@link dev.pureflow.testkit.Recorder}'s file; {@code --journal DIR RUNID}
 * names a durable run in a {@link dev.pureflow.interpreters.journal.DurableRunner}'s directory (in
 * both cases the action classes must be on the class path). With no option it prints the Mermaid sequence diagram; each option writes one
 * picture to a file. Exits with 2 on bad arguments, 1 if the recording cannot be read.
 */
public final class Render {

    private static final String USAGE = "usage: render run.jsonl [--html out.html] [--mermaid out.mmd] [--gantt out.mmd]\n"
            + "       render --journal DIR RUNID [--html out.html] [--mermaid out.mmd] [--gantt out.mmd]";

    private Render() {}

    /** Draws the recording {@code args} name; see the class comment. */
    public static void main(String[] args) {
        int status = run(List.of(args), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** What {@link #main} does, with its output streams given: returns the exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean journal = !args.isEmpty() && args.get(0).equals("--journal");
        int first = journal ? 3 : 1; // where the options begin
        if (args.size() < first || (args.size() - first) % 2 != 0) {
            err.println(USAGE);
            return 2;
        }
        Path input = Path.of(args.get(journal ? 1 : 0));
        String source = journal ? "run " + args.get(2) + " of " + input : input.toString();
        for (int i = first; i < args.size(); i += 2) {
            if (!List.of("--html", "--mermaid", "--gantt").contains(args.get(i))) {
                err.println("unknown option " + args.get(i) + "\n" + USAGE);
                return 2;
            }
        }
        try {
            RunPicture picture = journal ? RunPicture.ofJournal(input, args.get(2)) : RunPicture.ofRecording(input);
            if (args.size() == first) {
                out.print(picture.mermaidSequence());
                return 0;
            }
            for (int i = first; i < args.size(); i += 2) {
                Path target = Path.of(args.get(i + 1));
                String text = switch (args.get(i)) {
                    case "--html" -> picture.html();
                    case "--mermaid" -> picture.mermaidSequence();
                    default -> picture.mermaidGantt();
                };
                Files.writeString(target, text, StandardCharsets.UTF_8);
                out.println("wrote " + target);
            }
            return 0;
        } catch (IOException | RuntimeException unreadable) {
            err.println("cannot draw " + source + ": " + unreadable);
            return 1;
        }
    }
}
