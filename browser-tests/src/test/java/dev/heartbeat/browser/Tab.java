package dev.heartbeat.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/** One browser tab showing the Heartbeat page; every method brings the tab to the front first. */
record Tab(Browser browser, String handle) {
    private static final Duration POLL = Duration.ofMillis(100);

    /** The page's {@code window.heartbeat}, as Selenium converts it (maps, lists, Long/Double). */
    @SuppressWarnings("unchecked")
    Map<String, Object> heartbeat() {
        Object value = browser.focus(this).executeScript("return window.heartbeat;");
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    String status() {
        return (String) heartbeat().get("status");
    }

    @SuppressWarnings("unchecked")
    String youId() {
        Map<String, Object> you = (Map<String, Object>) heartbeat().get("you");
        return you == null ? null : (String) you.get("id");
    }

    @SuppressWarnings("unchecked")
    List<String> memberIds() {
        List<Map<String, Object>> members = (List<Map<String, Object>>) heartbeat().get("members");
        return members == null ? List.of() : members.stream().map(m -> (String) m.get("id")).toList();
    }

    /** The server time of {@code memberId}'s last pulse as this tab knows it, or null. */
    @SuppressWarnings("unchecked")
    Number lastPulseOf(String memberId) {
        Map<String, Object> lastPulse = (Map<String, Object>) heartbeat().get("lastPulse");
        return lastPulse == null ? null : (Number) lastPulse.get(memberId);
    }

    String text(String elementId) {
        return browser.focus(this).findElement(By.id(elementId)).getText();
    }

    Object script(String script, Object... args) {
        return browser.focus(this).executeScript(script, args);
    }

    /** A click on the canvas, where a real user would click to pulse. */
    void clickCanvas() {
        browser.focus(this).findElement(By.id("stage")).click();
    }

    /** Space pressed with the page (not a form field) focused. */
    void pressSpace() {
        var driver = browser.focus(this);
        driver.findElement(By.id("stage")).sendKeys(Keys.SPACE);
    }

    void hover(int x, int y) {
        var driver = browser.focus(this);
        new Actions(driver).moveToLocation(x, y).perform();
    }

    void close() {
        browser.closeTab(this);
    }

    /** Saves a PNG of what the tab shows and returns its path. */
    Path screenshot(Path file) {
        byte[] png = browser.focus(this).getScreenshotAs(OutputType.BYTES);
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Console messages at SEVERE level since the last call (JavaScript errors, CSP refusals, 404s). */
    List<String> severeConsoleMessages() {
        return browser.focus(this).manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Waits until {@code condition} holds for the tab's {@code window.heartbeat}, or fails saying what it saw. */
    Map<String, Object> await(String what, Duration timeout, Predicate<Map<String, Object>> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> seen = Map.of();
        while (true) {
            seen = heartbeat();
            if (condition.test(seen)) return seen;
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what
                        + "; window.heartbeat = " + seen + "; status line = \"" + text("status") + "\"");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    Map<String, Object> awaitStatus(String status, Duration timeout) {
        return await("status " + status, timeout, hb -> status.equals(hb.get("status")));
    }
}
