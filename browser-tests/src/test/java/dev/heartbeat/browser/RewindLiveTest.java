package dev.heartbeat.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.recording.Timeline;
import dev.heartbeat.protocol.recording.TimelineState;
import dev.heartbeat.server.HeartbeatServer;
import dev.heartbeat.server.config.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * Rewinding a live space in headless Chromium: a real server records the space while a WebSocket
 * member pulses three times a second; the page goes back with ←, shows what the Java Timeline of the
 * same recording says for the moment it reports, plays at 4× until it is live again, is dragged back
 * on the seek bar and returns with End, and stays connected throughout. It never downloads the file.
 */
@ExtendWith(Chromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class RewindLiveTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SPACE = "rewound";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Path recordings;
    private HeartbeatServer server;
    private Browser browser;
    private SocketViewer ann;
    private final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
    private Tab tab;

    @BeforeAll
    void start() throws Exception {
        recordings = Files.createTempDirectory("heartbeat-rewind-");
        server = new HeartbeatServer(ServerConfig.builder().port(0).capacity(5).recordingsFolder(recordings).build()).start();
        ann = SocketViewer.join(server.port(), SPACE, "Ann", WAIT);
        traffic.scheduleAtFixedRate(ann::pulse, 0, 330, TimeUnit.MILLISECONDS);
        browser = Browser.launch(1280, 800, 1);
        tab = browser.open("http://localhost:" + server.port() + "/s/" + SPACE + "?name=Tab");
        tab.awaitStatus("active", WAIT);
        // Enough history that five seconds back is well into Ann's pulses, and the page has found
        // the recording (its bar shows).
        Thread.sleep(8_000);
        tab.await("the rewind bar", WAIT, hb -> browser.focus(tab).findElement(By.id("rewind")).isDisplayed());
    }

    @AfterAll
    void stop() {
        traffic.shutdownNow();
        try {
            if (browser != null) browser.close();
        } finally {
            if (ann != null) ann.close();
            if (server != null) server.close();
            try (var paths = Files.walk(recordings)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a leftover temp folder is untidy, not wrong
            }
        }
    }

    @Test
    @Order(1)
    void liveByDefault_showingThePresent() {
        Map<String, Object> hb = tab.heartbeat();
        assertThat(hb.get("mode")).isEqualTo("live");
        assertThat(hb.get("rewind")).isNull();
        long lag = serverNow() - number(hb, "shownAt");
        assertThat(lag).as("the live page draws the present (ms behind the server)").isBetween(-1_000L, 1_000L);
        assertThat(tab.text("rewind-time")).isEqualTo("Live");
    }

    @Test
    @Order(2)
    void leftArrowGoesBackFiveSeconds_andTheRecordedStateIsTheJavaTimelines() throws Exception {
        long before = serverNow();
        keys(Keys.ARROW_LEFT);
        Map<String, Object> hb = tab.await("rewinding", WAIT, h -> "rewind".equals(h.get("mode")) && h.get("rewind") != null);
        assertThat(before - number(hb, "shownAt")).as("ms behind the present").isBetween(4_000L, 9_000L);
        assertThat(hb.get("status")).as("still connected").isEqualTo("active");

        keys("k"); // pause, so the moment stays put while it is checked
        hb = tab.await("paused", WAIT, h -> h.get("rewind") instanceof Map<?, ?> r && Boolean.FALSE.equals(r.get("playing")));
        Map<?, ?> past = (Map<?, ?>) hb.get("rewind");
        String id = (String) past.get("recording");
        long t = ((Number) past.get("t")).longValue();
        Timeline timeline = Timeline.read(new ByteArrayInputStream(download(id)), id);
        TimelineState want = timeline.stateAt(t);
        long startedAt = timeline.header().startedAt().toEpochMilli();
        assertThat(memberIds(past)).as("members at t=" + t).isEqualTo(want.members().stream().map(Member::id).toList());
        Map<String, Long> lastPulse = new LinkedHashMap<>();
        want.lastPulse().forEach((member, pulse) -> lastPulse.put(member, startedAt + pulse.t()));
        assertThat(lastPulse(past)).as("last pulses at t=" + t).isEqualTo(lastPulse).containsKey(ann.id());
        assertThat(number(hb, "shownAt")).isEqualTo(startedAt + t);
        assertThat(tab.text("rewind-time")).endsWith("ago");
    }

    @Test
    @Order(3)
    void whileLookingBackTheLiveStateGoesOn() {
        try (SocketViewer ben = SocketViewer.join(server.port(), SPACE, "Ben", WAIT)) {
            Map<String, Object> hb = tab.await("Ben in the live members", WAIT, h -> memberIds(h).contains(ben.id()));
            assertThat(hb.get("mode")).isEqualTo("rewind");
            assertThat(memberIds((Map<?, ?>) hb.get("rewind"))).as("the past has no Ben").doesNotContain(ben.id());
        }
    }

    @Test
    @Order(4)
    void atFourTimesTheSpeedItCatchesUpAndIsLiveAgain() {
        keys("+", "+");
        tab.await("4x", WAIT, h -> h.get("rewind") instanceof Map<?, ?> r && ((Number) r.get("speed")).doubleValue() == 4);
        long t0 = ((Number) ((Map<?, ?>) tab.heartbeat().get("rewind")).get("t")).longValue();
        long wall0 = System.nanoTime();
        keys("k");
        Map<String, Object> moving = tab.await("t a second on", WAIT,
                h -> h.get("rewind") instanceof Map<?, ?> r && ((Number) r.get("t")).longValue() > t0 + 2_000);
        double wallMs = (System.nanoTime() - wall0) / 1e6;
        long t1 = ((Number) ((Map<?, ?>) moving.get("rewind")).get("t")).longValue();
        assertThat((t1 - t0) / wallMs).as("recorded ms per real ms").isGreaterThan(1.5);
        Map<String, Object> live = tab.await("live again", Duration.ofSeconds(20), h -> "live".equals(h.get("mode")));
        assertThat(live.get("rewind")).isNull();
        assertThat(serverNow() - number(live, "shownAt")).isBetween(-1_000L, 1_000L);
    }

    @Test
    @Order(5)
    void draggingTheSeekBarGoesBack_andEndGoesLive() {
        var driver = browser.focus(tab);
        // A drag ends with the value set and an input event, as the browser fires it.
        driver.executeScript("const s = document.getElementById('rewind-seek'); s.value = '2000';"
                + "s.dispatchEvent(new Event('input', { bubbles: true }));");
        Map<String, Object> hb = tab.await("two seconds in", WAIT,
                h -> h.get("rewind") instanceof Map<?, ?> r && Math.abs(((Number) r.get("t")).longValue() - 2_000) < 1_500);
        assertThat(hb.get("mode")).isEqualTo("rewind");
        assertThat(memberIds((Map<?, ?>) hb.get("rewind"))).contains(ann.id());

        keys(Keys.END);
        Map<String, Object> live = tab.await("live", WAIT, h -> "live".equals(h.get("mode")));
        assertThat(serverNow() - number(live, "shownAt")).isBetween(-1_000L, 1_000L);
        assertThat(driver.findElement(By.id("go-live")).isEnabled()).isFalse();
    }

    @Test
    @Order(6)
    void questionMarkListsEveryShortcut() {
        var driver = browser.focus(tab);
        keys("?");
        var help = driver.findElement(By.id("help"));
        assertThat(help.isDisplayed()).isTrue();
        assertThat(help.getText()).contains("go live", "go back 5 s", "pulse your line", "faster / slower");
        keys(Keys.ESCAPE);
        assertThat(help.isDisplayed()).isFalse();
    }

    @Test
    @Order(7)
    void thePageAskedForTimeRangesOnly_neverTheWholeFile_andRaisedNoErrors() {
        List<?> asked = (List<?>) tab.script("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
                + ".filter(p => p.startsWith('/api/recordings'));");
        assertThat(asked).isNotEmpty().anySatisfy(path -> assertThat((String) path).endsWith("/events"));
        assertThat(asked).allSatisfy(path -> assertThat((String) path).matches("/api/recordings(/[^/]+/(events|overview))?"));
        assertThat(tab.severeConsoleMessages()).isEmpty();
    }

    // --- helpers

    private long serverNow() {
        return System.currentTimeMillis(); // the server runs in this JVM
    }

    private void keys(CharSequence... keys) {
        var driver = browser.focus(tab);
        driver.executeScript("document.activeElement?.blur();");
        new Actions(driver).sendKeys(keys).perform();
    }

    private byte[] download(String id) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port()
                + "/api/recordings/" + id)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @SuppressWarnings("unchecked")
    private static List<String> memberIds(Map<?, ?> view) {
        List<Map<String, Object>> members = (List<Map<String, Object>>) view.get("members");
        return members == null ? List.of() : members.stream().map(m -> (String) m.get("id")).toList();
    }

    private static Map<String, Long> lastPulse(Map<?, ?> view) {
        Map<String, Long> pulses = new LinkedHashMap<>();
        ((Map<?, ?>) view.get("lastPulse")).forEach((k, v) -> pulses.put((String) k, ((Number) v).longValue()));
        return pulses;
    }

    private static long number(Map<String, Object> hb, String key) {
        Object value = hb.get(key);
        if (!(value instanceof Number n)) throw new AssertionError("window.heartbeat." + key + " is " + value + " in " + hb);
        return n.longValue();
    }
}
