package dev.pureflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pureflow.interpreters.process.Command;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's page in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs): Selenium is pointed at both binaries,
 * so it downloads nothing. Without them the test is skipped, saying so, except under CI
 * ({@code CI} set), where their absence fails it.
 */
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target/console-screenshot.png");
    /** A job with a tree to kill, whose output holds markup that must show as text. */
    static final Command SPIN = Command.shell(
            "echo 'first line'; echo 'a <b>bold</b> &amp; <script>alert(1)</script> line'; echo 'to stderr' >&2;"
                    + " sleep 300 & sleep 300 & wait");

    static WebDriver chromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") == null) {
            assumeTrue(present, "Chromium is absent (" + CHROMIUM + ", " + CHROMEDRIVER + "): skipping the browser test;"
                    + " install it with `apt-get install -y chromium chromium-driver`, as .ci/run does");
        } else {
            assertThat(present).as("under CI the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER).isTrue();
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())) // with the binary set too: no Selenium Manager
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    @Test
    void a_typed_command_streams_live_cancel_kills_its_tree_and_a_reload_shows_its_whole_output() throws IOException {
        try (Console console = Console.start(ConsoleOptions.DEFAULT.allowing(
                AllowedCommand.program("seq"), AllowedCommand.program("sleep"), AllowedCommand.fixed("spin", SPIN)))) {
            ConsoleClient client = new ConsoleClient(console);
            WebDriver driver = chromium();
            try {
                WebDriverWait wait = new WebDriverWait(driver, ConsoleClient.PATIENCE, Duration.ofMillis(20));
                wait.ignoring(StaleElementReferenceException.class);
                driver.get(console.url().toString());
                wait.until(d -> d.findElement(By.id("allowed-commands")).getText().contains("spin"));

                typeAndStart(driver, "seq 1 12");
                wait.until(d -> status(d).equals("exited with 0"));
                typeAndStart(driver, "spin");
                wait.until(d -> outputTexts(d).contains("first line"));

                JsonNode spin = ConsoleClient.json(client.get("/api/jobs/job-2"));
                ProcessHandle root = ProcessHandle.of(spin.get("pid").asLong()).orElseThrow();
                Await.until(() -> root.descendants().count() >= 2, "the shell has started both sleeps");
                List<ProcessHandle> tree = new ArrayList<>(List.of(root));
                root.descendants().forEach(tree::add);
                wait.until(d -> outputTexts(d).size() == 3);
                assertThat(outputTexts(driver)).contains("a <b>bold</b> &amp; <script>alert(1)</script> line");
                assertThat(driver.findElements(By.cssSelector("#output b, #output script"))).isEmpty();
                assertThat(driver.findElements(By.cssSelector("#output .line.stderr")))
                        .extracting(WebElement::getText).containsExactly("to stderr");

                driver.findElement(By.id("cancel")).click();
                wait.until(d -> status(d).equals("cancelled: killed by TERM (exit code 143)"));
                assertThat(driver.findElement(By.id("detail-status")).getAttribute("data-state")).isEqualTo("killed");
                Await.until(() -> tree.stream().noneMatch(Processes::running), "no process of the job's tree runs");

                driver.navigate().refresh();
                wait.until(d -> status(d).equals("cancelled: killed by TERM (exit code 143)") && outputTexts(d).size() == 3);
                assertThat(outputTexts(driver)).containsExactlyInAnyOrder("first line",
                        "a <b>bold</b> &amp; <script>alert(1)</script> line", "to stderr");
                assertThat(driver.findElements(By.cssSelector("#jobs li"))).hasSize(2);

                byte[] png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
                Files.createDirectories(SCREENSHOT.getParent());
                Files.write(SCREENSHOT, png);
                assertThat(png).hasSizeGreaterThan(10_000).startsWith(0x89, 'P', 'N', 'G');
            } finally {
                driver.quit();
            }
        }
    }

    private static void typeAndStart(WebDriver driver, String command) {
        WebElement input = driver.findElement(By.id("command"));
        input.clear();
        input.sendKeys(command);
        driver.findElement(By.id("start-button")).click();
    }

    private static String status(WebDriver driver) {
        return (String) ((JavascriptExecutor) driver).executeScript("return document.getElementById('detail-status').textContent");
    }

    /** The output's lines as the page holds them, read in one go: the page may replace them meanwhile. */
    @SuppressWarnings("unchecked")
    private static List<String> outputTexts(WebDriver driver) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll('#output .line'), line => line.textContent)");
    }
}
