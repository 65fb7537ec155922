package dev.pureflow.observability.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Takes a screenshot of a run's HTML page in headless Chromium (Debian's {@code chromium}, which
 * {@code .ci/run} installs) and checks that something was drawn. The screenshot stays under
 * {@code target/pictures/} to look at. Skipped, saying so, only where Chromium is not installed.
 */
@Timeout(300) // a hang detector: a cold Chromium on a loaded machine takes its time
class HtmlScreenshotTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void a_headless_browser_draws_the_timeline_of_a_parallel_run_with_a_failure() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is not installed (apt-get install -y chromium chromium-driver)");
        Path dir = Files.createDirectories(Path.of("target", "pictures")).toAbsolutePath();
        Path html = RunPicture.of(RunPictureTest.checkout(), "checkout").writeHtml(dir.resolve("checkout.html"));
        Path png = dir.resolve("checkout.png");
        Files.deleteIfExists(png);

        Path log = dir.resolve("chromium.log");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("chromium-profile"),
                "--screenshot=" + png, "--window-size=1200,800", html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = chromium.waitFor(240, TimeUnit.SECONDS);
        if (!ended) {
            chromium.destroyForcibly().waitFor();
        }

        assertThat(ended).as("chromium ended; its log: %s", log).isTrue();
        assertThat(png).as("the screenshot; chromium's log: %s", log).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours).as("distinct colours in the screenshot").hasSizeGreaterThan(3);
        // the bars' colours are on the page: a success bar and a failure bar
        assertThat(colours).anyMatch(rgb -> near(rgb, 0x2e7d32)).anyMatch(rgb -> near(rgb, 0xc62828));
    }

    private static boolean near(int rgb, int expected) {
        int dr = ((rgb >> 16) & 0xff) - ((expected >> 16) & 0xff);
        int dg = ((rgb >> 8) & 0xff) - ((expected >> 8) & 0xff);
        int db = (rgb & 0xff) - (expected & 0xff);
        return Math.abs(dr) + Math.abs(dg) + Math.abs(db) < 24;
    }
}
