package dev.pureflow.examples.readme;

import static dev.pureflow.examples.readme.DurableDeploy.DEPLOY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.examples.readme.DurableDeploy.Build;
import dev.pureflow.examples.readme.DurableDeploy.Release;
import dev.pureflow.examples.readme.DurableDeploy.Restart;
import dev.pureflow.examples.readme.DurableDeploy.Servers;
import dev.pureflow.interpreters.journal.DurableRunner;
import dev.pureflow.observability.picture.RunPicture;
import dev.pureflow.testkit.TracedStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Pictures of a run" snippet that draws a durable run from its journal. */
class JournalPictureReadmeTest {

    @TempDir
    Path dir;

    @Test
    void the_deploy_is_drawn_from_its_journal_step_by_step() throws Exception {
        Path journal = dir.resolve("journal");
        Servers servers = new Servers(dir.resolve("servers"));
        // README: picture-journal
        DurableRunner runner = DurableRunner.builder(journal, servers.executor()).register(DEPLOY).build();
        runner.start("deploy-1.4.2", DEPLOY, new Release("1.4.2", List.of("web-1", "web-2"))).await();

        RunPicture picture = RunPicture.ofJournal(runner, "deploy-1.4.2"); // finished or not: what is journaled
        picture.writeHtml(journal.resolve("deploy-1.4.2.html"));
        // END README

        List<TracedStep> steps = picture.trace().steps();
        assertThat(steps).extracting(TracedStep::branch).containsOnly("main");
        assertThat(steps).hasSize(5);
        assertThat(steps.getFirst().action()).isEqualTo(new Build("1.4.2"));
        assertThat(steps.getLast().action()).isEqualTo(new Restart("web-2"));
        assertThat(Files.readString(journal.resolve("deploy-1.4.2.html")))
                .contains("<h1>deploy-1.4.2</h1>", "5 steps", "Upload[artifact=app-1.4.2.jar, host=web-1]").doesNotContainIgnoringCase("http");
    }
}
