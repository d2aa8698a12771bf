package dev.heartbeat.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where Debian's Chromium and its driver live. Both paths are given to Selenium explicitly so that
 * Selenium Manager never looks for (or downloads) a browser of its own.
 *
 * <p>As a JUnit condition ({@code @ExtendWith(Chromium.class)}): without Chromium the tests are
 * skipped, saying how to install it; with {@code CI=true} they fail instead, since CI must run them.
 */
final class Chromium implements ExecutionCondition {
    static final String INSTALL_HINT = "apt-get install chromium chromium-driver";
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    static Path browser() {
        return Path.of(System.getProperty("heartbeat.chromium", "/usr/bin/chromium"));
    }

    static Path driver() {
        return Path.of(System.getProperty("heartbeat.chromedriver", "/usr/bin/chromedriver"));
    }

    static boolean installed() {
        return Files.isExecutable(browser()) && Files.isExecutable(driver());
    }

    private static String missing() {
        return "Chromium or chromedriver not found at " + browser() + " / " + driver()
                + "; install them with: " + INSTALL_HINT;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (installed()) return ConditionEvaluationResult.enabled("Chromium at " + browser());
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("browser tests are required in CI (CI=true): " + missing());
        }
        // Surefire does not print skip reasons; this line is what a developer sees in the build log.
        if (TOLD.compareAndSet(false, true)) System.err.println("[browser-tests] SKIPPED: " + missing());
        return ConditionEvaluationResult.disabled("browser tests skipped: " + missing());
    }
}
