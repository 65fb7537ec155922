package dev.pureflow.examples.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's testkit section shows exactly what a failing fault property reports. */
class TestkitReadmeTest {

    @Test
    void the_readme_shows_the_failure_report_of_the_planted_bug() throws IOException {
        String readme = Files.readString(Path.of("../README.md")).replace("\r\n", "\n");
        String failure = DeployProperties.plantedBugFailure();

        assertThat(readme).contains("```text\n" + failure.strip() + "\n```\n");
    }
}
