package dev.heartbeat.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where Debian's Chromium and its driver live. Both paths are given to Selenium explicitly so that
 * Selenium Manager never looks for (or downloads) a browser of its own.
 */
final class Chromium {
    static final String INSTALL_HINT = "apt-get install chromium chromium-driver";

    private Chromium() {}

    static Path browser() {
        return Path.of(System.getProperty("heartbeat.chromium", "/usr/bin/chromium"));
    }

    static Path driver() {
        return Path.of(System.getProperty("heartbeat.chromedriver", "/usr/bin/chromedriver"));
    }

    static boolean installed() {
        return Files.isExecutable(browser()) && Files.isExecutable(driver());
    }

    /** Skips the calling test when Chromium is missing, except in CI (CI=true), where that is a failure. */
    static void assumeInstalled() {
        if (installed()) return;
        String message = "Chromium or chromedriver not found at " + browser() + " / " + driver()
                + "; install them with: " + INSTALL_HINT;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("browser tests are required in CI: " + message);
        Assumptions.abort("browser tests skipped: " + message);
    }
}
