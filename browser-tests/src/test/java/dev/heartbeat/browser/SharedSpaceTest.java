package dev.heartbeat.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.server.HeartbeatServer;
import dev.heartbeat.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;

/**
 * Three tabs on one space of capacity 2, in a real headless Chromium against a real server: the
 * story of the issue, step by step, each step building on the one before.
 */
@ExtendWith(Chromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class SharedSpaceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int BACKGROUND = 0x0b0e14;
    private static final String ADMIN_TOKEN = "browser-test-admin";

    private HeartbeatServer server;
    private Browser browser;
    private Tab one;
    private Tab two;
    private Tab three;

    @BeforeAll
    void start() {
        server = new HeartbeatServer(ServerConfig.builder().port(0).capacity(2).adminToken(ADMIN_TOKEN).build()).start();
        browser = Browser.launch(1280, 800, 1);
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            if (server != null) server.close();
        }
    }

    private String page(String pathAndQuery) {
        return "http://localhost:" + server.port() + pathAndQuery;
    }

    @Test
    @Order(1)
    void threeTabsOnASpaceOfTwo_twoGetLinesAndTheThirdWaitsFirstInLine() {
        one = browser.open(page("/s/trio?name=One"));
        one.awaitStatus("active", WAIT);
        two = browser.open(page("/s/trio?name=Two"));
        two.awaitStatus("active", WAIT);
        three = browser.open(page("/s/trio?name=Three"));
        Map<String, Object> waiting = three.awaitStatus("waiting", WAIT);

        assertThat(waiting.get("position")).isEqualTo(1L);
        assertThat(three.memberIds()).containsExactlyInAnyOrder(one.youId(), two.youId());
        assertThat(three.text("status")).isEqualTo("#1 in line — watching");
        assertThat(three.text("status-live")).as("what a screen reader hears").isEqualTo("#1 in line — watching");
        three.screenshot(Screenshots.file("waiting.png"));
        one.await("the queue of one", WAIT, hb -> Long.valueOf(1).equals(hb.get("waiting")));
        assertThat(one.text("presence-summary")).isEqualTo("2 here · 1 waiting");
        assertThat(one.text("status")).startsWith("Active");
    }

    @Test
    @Order(2)
    void hoveringALineHighlightsItsMember() {
        String target = one.youId();
        // Half a turn from its heartbeat mark a line is at rest on its circle (waveform.md); the
        // mark turns once a minute from the member's phase, so the point is known from the clock.
        Map<?, ?> point = (Map<?, ?>) two.script("""
                const m = window.heartbeat.members.find((x) => x.id === arguments[0]);
                const w = document.documentElement.clientWidth, h = document.documentElement.clientHeight;
                const scale = Math.min(w, h) / 2;
                const turns = m.phase + (Date.now() % 60000) / 60000 + 0.5;
                const r = (0.45 + 0.4 * m.phase) * scale;
                return { x: Math.round(w / 2 + r * Math.cos(2 * Math.PI * turns)), y: Math.round(h / 2 + r * Math.sin(2 * Math.PI * turns)) };
                """, target);
        two.hover(((Number) point.get("x")).intValue(), ((Number) point.get("y")).intValue());
        var item = browser.focus(two).findElement(By.cssSelector("#members li[data-id='" + target + "']"));
        assertThat(item.getAttribute("class")).contains("highlight");
        two.hover(5, 400); // off every line
        assertThat(item.getAttribute("class")).doesNotContain("highlight");
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void windowHeartbeatCannotBeWrittenByThePage() {
        Object after = two.script("""
                const before = window.heartbeat;
                try { window.heartbeat = { status: 'forged' }; } catch (e) {}
                try { window.heartbeat.status = 'forged'; } catch (e) {}
                try { window.heartbeat.lastPulse.x = 1; } catch (e) {}
                try { delete window.heartbeat; } catch (e) {}
                return [window.heartbeat.status, 'x' in window.heartbeat.lastPulse, Object.isFrozen(window.heartbeat), window.heartbeat === before];
                """);
        assertThat((List<Object>) after).containsExactly("active", false, true, true);
    }

    @Test
    @Order(4)
    void aClickInTabOneShowsAtOnceThereAndSoonInTabsTwoAndThree() {
        String pulser = one.youId();
        assertThat(one.lastPulseOf(pulser)).isNull();
        one.clickCanvas();
        Number local = one.lastPulseOf(pulser);
        assertThat(local).as("the viewer's own pulse shows at once").isNotNull();

        for (Tab other : List.of(two, three)) {
            other.await("tab one's pulse", WAIT, hb -> ((Map<?, ?>) hb.get("lastPulse")).containsKey(pulser));
            // Server time there, the local estimate of server time here: the same moment within a second.
            assertThat(other.lastPulseOf(pulser).doubleValue()).isCloseTo(local.doubleValue(), org.assertj.core.data.Offset.offset(1000.0));
        }
    }

    @Test
    @Order(5)
    void spaceOnTheKeyboardPulsesToo() {
        String pulser = two.youId();
        two.pressSpace();
        assertThat(two.lastPulseOf(pulser)).isNotNull();
        one.await("tab two's pulse", WAIT, hb -> ((Map<?, ?>) hb.get("lastPulse")).containsKey(pulser));
    }

    @Test
    @Order(6)
    void keyboardAlone_reachesTheMembers_walksThemWithArrows_andGoesOnToTheForm() {
        var driver = browser.focus(two);
        driver.findElement(By.id("stage")).sendKeys(Keys.TAB);
        for (int i = 0; i < 5 && !"LI".equals(activeTag(two)); i++) driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(activeTag(two)).as("Tab reaches the member list").isEqualTo("LI");
        var first = driver.switchTo().activeElement();
        assertThat(first.getAttribute("class")).contains("highlight");

        first.sendKeys(Keys.ARROW_DOWN);
        var second = driver.switchTo().activeElement();
        assertThat(second).isNotEqualTo(first);
        assertThat(second.getAttribute("class")).contains("highlight");
        assertThat(first.getAttribute("class")).doesNotContain("highlight");

        second.sendKeys(Keys.TAB);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).as("one Tab past the list").isEqualTo("space-input");
        driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
        driver.executeScript("document.activeElement.blur();");
    }

    private static String activeTag(Tab tab) {
        return (String) tab.script("return document.activeElement.tagName;");
    }

    @Test
    @Order(7)
    void closingTabOnePromotesTabThree() {
        String leaving = one.youId();
        String promoted = three.youId();
        one.close();

        Map<String, Object> after = three.awaitStatus("active", WAIT);
        assertThat(after.get("position")).isEqualTo(0L);
        assertThat(three.memberIds()).containsExactlyInAnyOrder(two.youId(), promoted);
        assertThat(three.text("status")).startsWith("Promoted");
        assertThat(three.text("status-live")).startsWith("Promoted");
        two.await("tab three's line instead of tab one's", WAIT,
                hb -> two.memberIds().contains(promoted) && !two.memberIds().contains(leaving)
                        && Long.valueOf(0).equals(hb.get("waiting")));
    }

    @Test
    @Order(8)
    void namesAreShownAsTextNeverAsHtml() {
        String name = "<b>bold</b><img src=x>";
        Tab odd = browser.open(page("/s/names?name=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)));
        try {
            odd.awaitStatus("active", WAIT);
            assertThat(odd.text("members")).isEqualTo(name + " (you)");
            assertThat(odd.script("return document.querySelectorAll('#members b, #members img').length;")).isEqualTo(0L);
        } finally {
            odd.close();
        }
    }

    @Test
    @Order(9)
    void renamingInTheFormKeepsTheLineAndTellsTheOthers() {
        String id = two.youId();
        var driver = browser.focus(two);
        var nameInput = driver.findElement(By.id("name-input"));
        nameInput.clear();
        nameInput.sendKeys("Deux", Keys.ENTER);
        assertThat(driver.getCurrentUrl()).endsWith("/s/trio?name=Deux");
        three.await("the new name in tab three", WAIT, hb -> ((List<?>) hb.get("members")).stream()
                .map(m -> (Map<?, ?>) m).anyMatch(m -> id.equals(m.get("id")) && "Deux".equals(m.get("name"))));
        assertThat(two.youId()).isEqualTo(id);
        assertThat(two.status()).isEqualTo("active");
    }

    @Test
    @Order(10)
    void anAddressThatNamesNoSpaceSaysSoInsteadOfConnecting() {
        Tab lost = browser.open(page("/s/Not_A_Space"));
        try {
            lost.awaitStatus("disconnected", WAIT);
            assertThat(lost.text("status")).contains("is not a space");
            assertThat(lost.script("return performance.getEntriesByType('resource').filter(e => e.name.startsWith('ws')).length;"))
                    .isEqualTo(0L);
        } finally {
            lost.close();
        }
    }

    @Test
    @Order(11)
    void thePageRaisesNoErrorsAndAsksNothingOfOtherOrigins() {
        for (Tab tab : List.of(two, three)) {
            assertThat(tab.severeConsoleMessages()).as("console errors (CSP refusals, 404s, exceptions)").isEmpty();
            Object foreign = tab.script("return performance.getEntriesByType('resource')"
                    + ".map(e => e.name).filter(u => !u.startsWith(location.origin + '/'));");
            assertThat((List<?>) foreign).isEmpty();
        }
    }

    @Test
    @Order(12)
    void anAnnouncementShowsAsABannerInEveryTabUntilDismissed() throws Exception {
        String text = "The space closes at <midnight> & not a minute later";
        HttpRequest request = HttpRequest.newBuilder(URI.create(page("/api/spaces/trio/announce")))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);

        for (Tab tab : List.of(two, three)) {
            tab.await("the banner", WAIT, hb -> text.equals(tab.text("banner-text")));
            assertThat(tab.script("return document.querySelectorAll('#banner-text *').length;")).isEqualTo(0L);
        }
        browser.focus(three).findElement(By.id("stage")).sendKeys(Keys.ESCAPE);
        assertThat(browser.focus(three).findElement(By.id("banner")).isDisplayed()).isFalse();
    }

    @Test
    @Order(13)
    void withReducedMotionTheLinesStandStillWithoutIt_theyTurn() throws Exception {
        Tab still = browser.open(page("/s/still?name=Still"));
        try {
            still.awaitStatus("active", WAIT);
            var driver = browser.focus(still);
            driver.executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
            Thread.sleep(300);
            String first = canvasPixels(still);
            Thread.sleep(1500);
            assertThat(canvasPixels(still)).as("the picture 1.5 s later, reduced motion").isEqualTo(first);

            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
            Thread.sleep(300);
            String moving = canvasPixels(still);
            Thread.sleep(1500);
            assertThat(canvasPixels(still)).as("the picture 1.5 s later, full motion").isNotEqualTo(moving);
        } finally {
            still.close();
        }
    }

    private static String canvasPixels(Tab tab) {
        return (String) tab.script("return document.getElementById('stage').toDataURL();");
    }

    @Test
    @Order(14)
    void theFormJoinsAnotherSpaceWithAName() {
        Tab traveller = browser.open(page("/"));
        try {
            traveller.awaitStatus("active", WAIT);
            var driver = browser.focus(traveller);
            assertThat(driver.findElement(By.id("space-name")).getText()).isEqualTo("lobby");
            var spaceInput = driver.findElement(By.id("space-input"));
            spaceInput.clear();
            spaceInput.sendKeys("elsewhere");
            var nameInput = driver.findElement(By.id("name-input"));
            nameInput.clear();
            nameInput.sendKeys("Wanderer", Keys.ENTER);
            traveller.await("a line in the other space", WAIT, hb -> "active".equals(hb.get("status"))
                    && driver.getCurrentUrl().endsWith("/s/elsewhere?name=Wanderer"));
            assertThat(traveller.text("members")).isEqualTo("Wanderer (you)");
        } finally {
            traveller.close();
        }
    }

    @Test
    @Order(15)
    void screenshotsOfTheLivePageAreKept() {
        two.pressSpace(); // a pulse on the way makes a livelier picture
        Path wide = two.screenshot(Screenshots.file("shared-space.png"));
        Screenshots.Summary summary = Screenshots.summarise(wide, BACKGROUND);
        assertThat(summary.width()).isEqualTo(1280);
        assertThat(summary.colours()).as("colours in " + wide).isGreaterThan(50);
        assertThat(summary.drawnFraction()).as("share of pixels that are not background in " + wide).isGreaterThan(0.005);

        var driver = browser.focus(two);
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(390, 844));
        // A page loaded on a phone-sized window: the member list starts folded, nothing sticks out.
        Tab phone = browser.open(page("/s/trio?name=Phone"));
        try {
            phone.awaitStatus("waiting", WAIT);
            assertThat(phone.script("return document.getElementById('presence').open;")).isEqualTo(false);
            Number overflow = (Number) phone.script(
                    "return Math.max(...[...document.querySelectorAll('.panel')].map(p => p.getBoundingClientRect().right))"
                            + " - document.documentElement.clientWidth;");
            assertThat(overflow.doubleValue()).as("panels stick out of a phone's width by").isLessThanOrEqualTo(0);
            Path narrow = phone.screenshot(Screenshots.file("shared-space-phone.png"));
            assertThat(Screenshots.summarise(narrow, BACKGROUND).drawnFraction()).isGreaterThan(0.005);
        } finally {
            phone.close();
            browser.focus(two).manage().window().setSize(before);
        }
    }
}
