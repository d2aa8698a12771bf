package dev.heartbeat.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/** One headless Chromium with a fresh profile; its tabs are {@link Tab}s. */
final class Browser implements AutoCloseable {
    // The per-version DevTools bindings are left out on purpose (CDP commands go through
    // chromedriver); without this Selenium warns about them on every launch.
    private static final java.util.logging.Logger DEVTOOLS_LOG = quiet("org.openqa.selenium.devtools");

    private final Path profile;
    private final ChromeDriver driver;
    private boolean firstTabUsed;

    private Browser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /** Starts Chromium with a window of {@code width}×{@code height} CSS px at {@code scale} device px each. */
    static Browser launch(int width, int height, double scale) {
        if (!Chromium.installed()) throw new IllegalStateException("Chromium not found; install it with: " + Chromium.INSTALL_HINT);
        Path profile;
        try {
            profile = Files.createTempDirectory("heartbeat-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.browser().toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "--force-device-scale-factor=" + scale,
                // Tabs in the background must keep their timers and sockets going like a real,
                // visible window would; the tests look at three tabs at once.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, Level.ALL.getName()));
        // What a page offers to download (an exported video) lands here, without asking.
        options.setExperimentalOption("prefs", Map.of("download.default_directory", profile.resolve("downloads").toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Chromium.driver().toFile())
                .usingAnyFreePort()
                .build();
        try {
            return new Browser(profile, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    /** Opens {@code url} in a new tab (the first call uses the tab the browser started with). */
    Tab open(String url) {
        if (firstTabUsed) driver.switchTo().newWindow(WindowType.TAB);
        firstTabUsed = true;
        driver.get(url);
        return new Tab(this, driver.getWindowHandle());
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Where downloads land. */
    Path downloads() {
        return profile.resolve("downloads");
    }

    /** Puts {@code tab} in front and returns the driver for it. */
    ChromeDriver focus(Tab tab) {
        if (!tab.handle().equals(driver.getWindowHandle())) driver.switchTo().window(tab.handle());
        return driver;
    }

    void closeTab(Tab tab) {
        focus(tab).close();
        List<String> left = List.copyOf(driver.getWindowHandles());
        if (!left.isEmpty()) driver.switchTo().window(left.get(0));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover profile in /tmp is untidy, not wrong.
        }
    }
}
