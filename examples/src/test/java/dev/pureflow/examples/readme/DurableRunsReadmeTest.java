package dev.pureflow.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Durable runs" section: the deploy is killed with SIGKILL halfway, run again, and resumes. */
class DurableRunsReadmeTest {

    private static final long HANG_SECONDS = 120;

    @Test
    @org.junit.jupiter.api.Timeout(300) // a hang detector only: two JVMs on a machine several times slower
    void the_deploy_survives_kill_minus_9_and_resumes_doing_each_effect_once(@TempDir Path directory) throws Exception {
        Path journal = directory.resolve("journal");
        Path servers = directory.resolve("servers");

        Process first = deploy(journal, servers, directory.resolve("first.err"), "uploaded app-1.4.2.jar to web-2");
        List<String> before = readUntil(first, "uploaded app-1.4.2.jar to web-2");
        first.destroyForcibly(); // kill -9
        assertThat(first.waitFor(HANG_SECONDS, TimeUnit.SECONDS)).isTrue();

        Process second = deploy(journal, servers, directory.resolve("second.err"), "");
        List<String> after = readUntil(second, null);
        assertThat(second.waitFor(HANG_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(before).startsWith("built app-1.4.2.jar", "uploaded app-1.4.2.jar to web-1", "restarted web-1");
        // journaled steps are not carried out again; the upload in flight at the kill is, and its key keeps the effect single
        assertThat(after).containsExactly("uploaded app-1.4.2.jar to web-2", "restarted web-2",
                "uploaded app-1.4.2.jar to web-3", "restarted web-3", "deploy-1.4.2 resumed: deployed app-1.4.2.jar to 3 hosts");
        assertThat(Files.readAllLines(servers.resolve("effects.log"))).extracting(line -> line.substring(line.indexOf(' ') + 1))
                .containsExactly("built app-1.4.2.jar",
                        "uploaded app-1.4.2.jar to web-1", "restarted web-1",
                        "uploaded app-1.4.2.jar to web-2", "restarted web-2",
                        "uploaded app-1.4.2.jar to web-3", "restarted web-3");
        assertThat(Files.readAllLines(servers.resolve("effects.log"))).first().asString().startsWith("deploy-1.4.2/main#0 ");
    }

    /** The deploy in a child JVM; the step whose effect is {@code hangAfter} stays in flight until the child is killed. */
    private static Process deploy(Path journal, Path servers, Path stderr, String hangAfter) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DurableDeploy.class.getName(), journal.toString(), servers.toString())
                .redirectError(stderr.toFile());
        builder.environment().put("DEPLOY_HANG_AFTER", hangAfter);
        return builder.start();
    }

    /** The child's lines up to and including {@code last} (or to its end if null). */
    private static List<String> readUntil(Process process, String last) throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            if (line.equals(last)) {
                return lines;
            }
        }
        assertThat(last).as("the deploy ended before printing it; it printed %s", lines).isNull();
        return lines;
    }
}
