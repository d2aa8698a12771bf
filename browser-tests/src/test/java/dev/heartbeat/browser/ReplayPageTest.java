package dev.heartbeat.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.recording.Burst;
import dev.heartbeat.protocol.recording.RecordingEntry;
import dev.heartbeat.protocol.recording.TimedEvent;
import dev.heartbeat.protocol.recording.Timeline;
import dev.heartbeat.protocol.recording.TimelineState;
import dev.heartbeat.server.HeartbeatServer;
import dev.heartbeat.server.config.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web replay player in headless Chromium: a real server records a scripted session of real
 * WebSocket clients (joins, a queue and a promotion, sparse pulses around one burst, leaves); the
 * page then loads, plays, pauses, seeks and changes speed, and {@code window.heartbeat} must show
 * what the recording says for the time it reports. The expected states come from
 * shared-protocol's Java {@link Timeline}, read from the same file, and from the script itself.
 */
@ExtendWith(Chromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class ReplayPageTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int BACKGROUND = 0x0b0e14;
    private static final String SPACE = "replayed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A file written by hand: two members, one leaves, and a last line cut short by a "crash". */
    private static final String HANDMADE = """
            {"format":"heartbeat-recording","version":1,"space":"handmade","startedAt":"2026-11-21T20:00:00Z","capacity":2}
            {"t":0,"type":"snapshot","members":[],"waiting":0}
            {"t":0,"type":"join","member":{"id":"h1","name":"Hana","hue":300,"phase":0.2}}
            {"t":400,"type":"join","member":{"id":"h2","name":"Ivo","hue":120,"phase":0.7}}
            {"t":900,"type":"pulse","id":"h1","strength":1,"at":1763755200900}
            {"t":1600,"type":"leave","id":"h2","reason":"closed"}
            {"t":2200,"type":"pulse","id":"h1","strength":0.5,"at":1763755202200}
            {"t":2500,"type":"pul""";
    private static final long HANDMADE_START = Instant.parse("2026-11-21T20:00:00Z").toEpochMilli();

    private Path recordings;
    private Path files;
    private HeartbeatServer server;
    private Browser browser;

    /** What the script did, by member: ids are the server's. */
    private String ann;
    private String ben;
    private String cat;
    private String id;
    private byte[] recorded;
    private Timeline timeline;
    private long startedAt;
    private long benLeftAt;
    private long promotedAt;
    private Tab player;
    /** The player tab has loaded the server's recording; the tests after the first need it. */
    private boolean loaded;

    @BeforeAll
    void recordAScriptedSession() throws Exception {
        recordings = Files.createTempDirectory("heartbeat-recordings-");
        files = Files.createTempDirectory("heartbeat-replay-files-");
        server = new HeartbeatServer(ServerConfig.builder().port(0).capacity(2).recordingsFolder(recordings).build()).start();
        playScript();
        id = awaitFinishedRecording();
        recorded = get("/api/recordings/" + id, HttpResponse.BodyHandlers.ofByteArray()).body();
        timeline = Timeline.read(new ByteArrayInputStream(recorded), id);
        startedAt = timeline.header().startedAt().toEpochMilli();
        benLeftAt = timeOf("Ben's leave", event -> event instanceof Leave leave && leave.id().equals(ben));
        promotedAt = timeOf("Cat's promotion", event -> event instanceof Join join && join.member().id().equals(cat));
        assertThat(timeline.bursts()).as("the script's burst, found in the recording").hasSize(1);
        browser = Browser.launch(1280, 800, 1);
    }

    /**
     * Ann and Ben get lines, Cat waits; sparse pulses, a burst of both, sparse pulses again; Ben
     * leaves and Cat is promoted; Cat pulses; everybody leaves and the space empties.
     */
    private void playScript() throws InterruptedException {
        int port = server.port();
        try (SocketViewer a = SocketViewer.join(port, SPACE, "Ann", WAIT);
             SocketViewer b = SocketViewer.join(port, SPACE, "Ben", WAIT);
             SocketViewer c = SocketViewer.join(port, SPACE, "Cat", WAIT)) {
            ann = a.id();
            ben = b.id();
            cat = c.id();
            assertThat(List.of(a.statusAtWelcome(), b.statusAtWelcome(), c.statusAtWelcome())).containsExactly("active", "active", "waiting");
            // A pulse a second, then one second with many (the burst), then a pulse a second:
            // the burst stands far above the average of the seconds that had pulses.
            for (int i = 0; i < 5; i++) {
                (i % 2 == 0 ? a : b).pulse();
                Thread.sleep(900);
            }
            for (int i = 0; i < 9; i++) {
                a.pulse();
                b.pulse();
                Thread.sleep(25);
            }
            for (int i = 0; i < 3; i++) {
                Thread.sleep(900);
                (i % 2 == 0 ? a : b).pulse();
            }
            b.close();
            c.await("Cat's promotion", WAIT, e -> "status".equals(e.path("type").asText()) && "active".equals(e.path("status").asText()));
            Thread.sleep(400);
            c.pulse();
            Thread.sleep(400);
        }
    }

    private long timeOf(String what, Predicate<ServerEvent> event) {
        return timeline.entries().stream()
                .filter(e -> e instanceof TimedEvent te && event.test(te.event()))
                .mapToLong(RecordingEntry::t).findFirst()
                .orElseThrow(() -> new AssertionError("the recording has no " + what));
    }

    /** Polls the list until the session's file is there and no longer being written. */
    private String awaitFinishedRecording() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode rows = null;
        while (System.nanoTime() < deadline) {
            rows = JSON.readTree(get("/api/recordings", HttpResponse.BodyHandlers.ofString()).body()).path("recordings");
            for (JsonNode row : rows) {
                if (SPACE.equals(row.path("space").asText()) && !row.path("live").asBoolean(true)) return row.path("id").asText();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no finished recording of " + SPACE + " listed; /api/recordings said " + rows);
    }

    private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        HttpResponse<T> response = HTTP.send(HttpRequest.newBuilder(URI.create(page(path))).build(), body);
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response;
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            if (server != null) server.close();
            deleteTree(recordings);
            deleteTree(files);
        }
    }

    private String page(String pathAndQuery) {
        return "http://localhost:" + server.port() + pathAndQuery;
    }

    @Test
    @Order(0)
    void theRecordingDownloadsForABrowser_whichAcceptsCompressedAnswers() throws Exception {
        // Every browser's fetch sends this header, and a page cannot leave it out.
        HttpRequest request = HttpRequest.newBuilder(URI.create(page("/api/recordings/" + id)))
                .header("Accept-Encoding", "gzip, deflate, br, zstd").build();
        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET /api/recordings/%s with Accept-Encoding: gzip", id).isEqualTo(200);
        byte[] body = response.body();
        if (response.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
        }
        assertThat(body).isEqualTo(recorded);
    }

    @Test
    @Order(1)
    void theRecordingLoadsPausedAtTheStart_withItsDurationSpaceAndMembers() {
        player = browser.open(page("/replay/" + id));
        Map<String, Object> hb = player.awaitStatus("paused", WAIT);
        loaded = true;

        assertThat(hb.get("replay")).isEqualTo(true);
        assertThat(hb.get("recording")).isEqualTo(id);
        assertThat(hb.get("space")).isEqualTo(SPACE);
        assertThat(number(hb, "duration")).isEqualTo(timeline.duration()).isGreaterThan(5_000);
        assertThat(number(hb, "t")).isZero();
        assertThat(number(hb, "speed")).isEqualTo(1L);
        assertRecordedState(hb);
        assertThat(player.text("space-name")).isEqualTo(SPACE);
        assertThat(player.text("time")).isEqualTo("0:00 / " + clock(timeline.duration()));
        assertThat(player.text("status")).contains("3 members");
    }

    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void windowHeartbeatIsReadOnly() {
        requirePlayer();
        Object after = player.script("""
                const before = window.heartbeat;
                try { window.heartbeat = { status: 'forged' }; } catch (e) {}
                try { window.heartbeat.t = 12345; } catch (e) {}
                try { window.heartbeat.members.push({ id: 'x' }); } catch (e) {}
                return [window.heartbeat.status, window.heartbeat.t, Object.isFrozen(window.heartbeat),
                        Object.isFrozen(window.heartbeat.members), window.heartbeat === before];
                """);
        assertThat((List<Object>) after).containsExactly("paused", 0L, true, true, true);
    }

    @Test
    @Order(3)
    void playMovesTheTimeOnAndTheStateFollowsIt_pauseStopsIt() throws Exception {
        requirePlayer();
        click("play");
        player.awaitStatus("playing", WAIT);
        Map<String, Object> later = player.await("t past 1.5 s", WAIT, hb -> number(hb, "t") > 1_500);
        assertThat(later.get("status")).isEqualTo("playing");
        assertRecordedStateWhilePlaying(later);
        assertThat(text("play")).isEqualTo("Pause");

        click("play");
        Map<String, Object> paused = player.awaitStatus("paused", WAIT);
        Thread.sleep(600);
        Map<String, Object> stillPaused = player.heartbeat();
        assertThat(number(stillPaused, "t")).as("t 0.6 s after pausing").isEqualTo(number(paused, "t"));
        assertThat(stillPaused.get("status")).isEqualTo("paused");
        assertThat(text("play")).isEqualTo("Play");
        // The address is the moment to share: ?t= in seconds with one decimal.
        String search = (String) player.script("return location.search;");
        assertThat(search).matches("\\?t=\\d+(\\.\\d)?");
        assertThat(Double.parseDouble(search.substring(3)) * 1000).isCloseTo(number(paused, "t"), within(50.0));

        // Space on the focused Play button toggles once: not by the page's key and again by the button's click.
        var button = browser.focus(player).switchTo().activeElement();
        assertThat(button.getAttribute("id")).isEqualTo("play");
        button.sendKeys(Keys.SPACE);
        player.awaitStatus("playing", WAIT);
        Thread.sleep(300);
        assertThat(player.status()).as("300 ms after Space on the Play button").isEqualTo("playing");
        button.sendKeys(Keys.SPACE);
        player.awaitStatus("paused", WAIT);
        Thread.sleep(300);
        assertThat(player.status()).as("300 ms after Space on the Pause button").isEqualTo("paused");
    }

    @Test
    @Order(4)
    void tInTheAddressOpensAtThatMoment_toTheMillisecond() {
        Tab before = browser.open(page("/replay/" + id + "?t=" + seconds(benLeftAt - 1)));
        Map<String, Object> justBefore = before.awaitStatus("paused", WAIT);
        assertThat(number(justBefore, "t")).isEqualTo(benLeftAt - 1);
        assertThat(memberIds(justBefore)).as("one ms before Ben left").containsExactly(ann, ben);
        assertThat(justBefore.get("waiting")).isEqualTo(1L);
        assertRecordedState(justBefore);
        before.close();

        Tab at = browser.open(page("/replay/" + id + "?t=" + seconds(promotedAt)));
        Map<String, Object> promoted = at.awaitStatus("paused", WAIT);
        assertThat(number(promoted, "t")).isEqualTo(promotedAt);
        assertThat(memberIds(promoted)).as("at the promotion").containsExactly(ann, cat);
        // The queue's length may reach the recording a moment after the promotion (the server
        // coalesces it to once a second), so the recording, not the script, says what it was.
        long waiting = timeline.stateAt(promotedAt).waiting();
        assertThat(promoted.get("waiting")).isEqualTo(waiting);
        assertRecordedState(promoted);
        assertThat(at.text("presence-summary")).isEqualTo("2 here · " + (waiting == 0 ? "nobody waiting" : waiting + " waiting"));
        assertThat(at.text("members")).isEqualTo("Ann\nCat");
        List<?> colours = (List<?>) at.script("""
                return window.heartbeat.members.map((m, i) => {
                  const probe = document.createElement('span');
                  probe.style.color = `hsl(${m.hue} 80% 60%)`;
                  document.body.append(probe);
                  const want = getComputedStyle(probe).color;
                  probe.remove();
                  return [getComputedStyle(document.querySelectorAll('#members li')[i]).borderLeftColor, want];
                });""");
        for (Object pair : colours) assertThat(((List<?>) pair).get(0)).as("a member's mark in its own hue").isEqualTo(((List<?>) pair).get(1));
        at.close();
    }

    @Test
    @Order(5)
    void clickingTheSeekBarGoesThereAndTheStateIsTheRecordedOne() {
        requirePlayer();
        WebElement seek = browser.focus(player).findElement(By.id("seek"));
        for (double fraction : new double[] {0.8, 0.3, 0.55}) {
            int x = (int) Math.round((fraction - 0.5) * seek.getSize().getWidth());
            new Actions(browser.driver()).moveToElement(seek, x, 0).click().perform();
            Map<String, Object> hb = player.await("t near " + fraction + " of the recording", WAIT,
                    h -> Math.abs(number(h, "t") - fraction * timeline.duration()) < 0.05 * timeline.duration());
            assertThat(hb.get("status")).isEqualTo("paused");
            assertRecordedState(hb);
            assertThat(seek.getAttribute("value")).isEqualTo(Long.toString(number(hb, "t")));
        }
    }

    @Test
    @Order(6)
    void theSeekBarFollowsThePlaybackEvenWhileItHasTheFocus() throws Exception {
        requirePlayer();
        WebElement seek = browser.focus(player).findElement(By.id("seek"));
        new Actions(browser.driver()).moveToElement(seek, -seek.getSize().getWidth() / 2 + 2, 0).click().perform();
        player.await("t at the start", WAIT, hb -> number(hb, "t") < 0.05 * timeline.duration());
        seek.sendKeys(Keys.SPACE); // the keyboard plays from the focused seek bar
        player.awaitStatus("playing", WAIT);
        Thread.sleep(1_200);
        Map<?, ?> now = (Map<?, ?>) player.script(
                "return { t: window.heartbeat.t, value: Number(document.getElementById('seek').value), focused: document.activeElement.id };");
        assertThat(now.get("focused")).isEqualTo("seek");
        assertThat(((Number) now.get("t")).longValue()).isGreaterThan(800);
        assertThat(((Number) now.get("value")).doubleValue()).as("the seek bar's value while playing")
                .isCloseTo(((Number) now.get("t")).doubleValue(), within(400.0));
        seek.sendKeys(Keys.SPACE);
        player.awaitStatus("paused", WAIT);
    }

    @Test
    @Order(7)
    void speedChangesHowFastTheTimeGoes() throws Exception {
        requirePlayer();
        pause();
        new Select(browser.focus(player).findElement(By.id("speed"))).selectByValue("4");
        keys(Keys.HOME);
        player.await("speed 4 at the start", WAIT, hb -> number(hb, "speed") == 4 && number(hb, "t") == 0);
        click("play");
        double fourTimes = rate();
        assertThat(fourTimes).as("recording ms per wall ms at 4×").isBetween(3.0, 5.0);

        keys("-"); // one step slower: 2×
        assertThat(player.heartbeat().get("speed")).isEqualTo(2L);
        assertThat(new Select(browser.focus(player).findElement(By.id("speed"))).getFirstSelectedOption().getText()).isEqualTo("2×");
        keys(Keys.HOME);
        double twice = rate();
        assertThat(twice).as("recording ms per wall ms at 2×").isBetween(1.4, 2.6);

        new Select(browser.focus(player).findElement(By.id("speed"))).selectByValue("1");
        keys(Keys.HOME);
        double once = rate();
        assertThat(once).as("recording ms per wall ms at 1×").isBetween(0.7, 1.3);
        click("play");
        player.awaitStatus("paused", WAIT);
    }

    /** Recording ms per wall ms over about 0.8 s, both read inside the page. */
    private double rate() throws InterruptedException {
        String probe = "return [window.heartbeat.t, performance.now(), window.heartbeat.status];";
        List<?> first = (List<?>) player.script(probe);
        Thread.sleep(800);
        List<?> second = (List<?>) player.script(probe);
        assertThat(second.get(2)).as("still playing").isEqualTo("playing");
        double recording = ((Number) second.get(0)).doubleValue() - ((Number) first.get(0)).doubleValue();
        double wall = ((Number) second.get(1)).doubleValue() - ((Number) first.get(1)).doubleValue();
        return recording / wall;
    }

    @Test
    @Order(8)
    void nextBurstJumpsForwardToTheBurst_previousBurstBackToIt() {
        requirePlayer();
        Burst burst = timeline.bursts().get(0);
        keys(Keys.HOME);
        player.await("the start", WAIT, hb -> number(hb, "t") == 0);
        click("next-burst");
        Map<String, Object> hb = player.await("the burst", WAIT, h -> number(h, "t") > 0);
        assertThat(number(hb, "t")).isEqualTo(burst.start());
        assertRecordedState(hb);
        assertThat(lastPulse(hb)).as("both active members pulsed by the burst").containsKeys(ann, ben);
        assertThat(browser.focus(player).findElement(By.id("next-burst")).isEnabled()).as("no burst after the only one").isFalse();

        keys(Keys.END);
        player.await("the end", WAIT, h -> number(h, "t") == timeline.duration());
        click("previous-burst");
        assertThat(number(player.await("back at the burst", WAIT, h -> number(h, "t") < timeline.duration()), "t"))
                .isEqualTo(burst.start());
    }

    @Test
    @Order(9)
    @SuppressWarnings("unchecked")
    void exportVideoMakesAWebmThatDecodesToOneFramePerTwentyFifthOfASecond() throws IOException {
        requirePlayer();
        pause();
        long near = timeline.duration() - 1_600;
        browser.focus(player).executeScript("const s = document.getElementById('seek'); s.value = arguments[0];"
                + "s.dispatchEvent(new Event('input', { bubbles: true }));", String.valueOf(near));
        // The seek bar moves in steps of 100 ms.
        long from = number(player.await("near the end", WAIT, h -> Math.abs(number(h, "t") - near) < 100), "t");
        click("export");
        Map<String, Object> hb = player.await("the video", Duration.ofSeconds(30), h -> h.get("exported") != null);
        Map<String, Object> exported = (Map<String, Object>) hb.get("exported");
        long fps = ((Number) exported.get("fps")).longValue();
        long frames = (long) Math.ceil((timeline.duration() - from) * fps / 1000.0);
        assertThat(exported.get("from")).isEqualTo(from);
        assertThat(exported.get("to")).isEqualTo(timeline.duration());
        assertThat(exported.get("frames")).isEqualTo(frames);
        assertThat(browser.focus(player).findElement(By.id("export-link")).isDisplayed()).isTrue();

        // The file itself, downloaded as a user would: a WebM whose video track holds exactly those frames...
        browser.focus(player).findElement(By.id("export-link")).click();
        Path video = awaitDownload(".webm");
        WebmFrames webm = WebmFrames.read(Files.readAllBytes(video));
        assertThat(webm.docType()).isEqualTo("webm");
        assertThat(webm.codec()).isIn("V_VP8", "V_VP9");
        assertThat(webm.width()).isEqualTo(1280);
        assertThat(webm.height()).isEqualTo(720);
        assertThat(webm.frames()).as("blocks in the video track").hasSize((int) frames);
        assertThat(webm.frames().get(0).key()).isTrue();
        long span = webm.frames().get(webm.frames().size() - 1).timeMs() - webm.frames().get(0).timeMs();
        assertThat(span).as("ms from the first frame to the last").isBetween((frames - 1) * 1000 / fps * 7 / 10, (frames - 1) * 1000 / fps * 13 / 10);

        // ...and that the browser's own decoder turns into as many 1280x720 pictures.
        List<Map<String, Object>> chunks = webm.frames().stream().map(f -> Map.<String, Object>of(
                "key", f.key(), "time", f.timeMs(), "data", java.util.Base64.getEncoder().encodeToString(f.data()))).toList();
        Map<String, Object> decoded = (Map<String, Object>) browser.focus(player).executeAsyncScript("""
                const [codec, chunks, done] = arguments;
                let count = 0, width = 0, height = 0, error = null;
                const decoder = new VideoDecoder({
                  output: (frame) => { count++; width = frame.displayWidth; height = frame.displayHeight; frame.close(); },
                  error: (e) => { error = String(e); },
                });
                decoder.configure({ codec: codec === 'V_VP8' ? 'vp8' : 'vp09.00.10.08' });
                for (const c of chunks) {
                  const data = Uint8Array.from(atob(c.data), (ch) => ch.charCodeAt(0));
                  decoder.decode(new EncodedVideoChunk({ type: c.key ? 'key' : 'delta', timestamp: c.time * 1000, data }));
                }
                decoder.flush().then(() => done({ count, width, height, error }), (e) => done({ count, width, height, error: String(e) }));
                """, webm.codec(), chunks);
        assertThat(decoded.get("error")).isNull();
        assertThat(decoded.get("count")).as("frames decoded").isEqualTo(frames);
        assertThat(decoded.get("width")).isEqualTo(1280L);
        assertThat(decoded.get("height")).isEqualTo(720L);

        // Back to the burst, where the next step takes its screenshot.
        keys(Keys.HOME);
        player.await("the start", WAIT, h -> number(h, "t") == 0);
        click("next-burst");
        player.await("the burst", WAIT, h -> number(h, "t") == timeline.bursts().get(0).start());
    }

    @Test
    @Order(10)
    void aScreenshotOfTheReplayIsKept() {
        requirePlayer();
        Map<String, Object> hb = player.heartbeat();
        assertThat(lastPulse(hb)).isNotEmpty(); // at the burst: a lively picture
        Path png = player.screenshot(Screenshots.file("replay.png"));
        Screenshots.Summary summary = Screenshots.summarise(png, BACKGROUND);
        assertThat(summary.width()).isEqualTo(1280);
        assertThat(summary.colours()).as("colours in " + png).isGreaterThan(50);
        assertThat(summary.drawnFraction()).as("share of pixels that are not background in " + png).isGreaterThan(0.005);
    }

    @Test
    @Order(11)
    void aLocalFileOpenedWithTheFileInputPlays_whatWasCompleteBeforeTheCut() throws IOException {
        Path file = Files.writeString(files.resolve("handmade.hbrec"), HANDMADE, StandardCharsets.UTF_8);
        Tab local = browser.open(page("/replay"));
        try {
            var driver = browser.focus(local);
            assertThat(driver.findElement(By.id("open")).isDisplayed()).isTrue();
            local.await("the server's recordings listed", WAIT,
                    hb -> !driver.findElements(By.cssSelector("#recordings a[href='/replay/" + id + "']")).isEmpty());
            driver.findElement(By.id("file")).sendKeys(file.toString());

            Map<String, Object> hb = local.awaitStatus("paused", WAIT);
            assertThat(hb.get("space")).isEqualTo("handmade");
            assertThat(hb.get("recording")).isEqualTo("handmade.hbrec");
            assertThat(number(hb, "duration")).as("the cut last line is dropped").isEqualTo(2200L);
            assertThat(memberIds(hb)).containsExactly("h1");
            assertThat(local.text("status")).contains("ends abruptly");

            driver.findElement(By.id("play")).click();
            local.await("playing through Ivo's visit", WAIT, h -> "playing".equals(h.get("status")) && memberIds(h).size() == 2);
            Map<String, Object> end = local.await("the end", WAIT, h -> "paused".equals(h.get("status")) && number(h, "t") == 2200);
            assertThat(memberIds(end)).containsExactly("h1");
            assertThat(lastPulse(end)).containsExactly(Map.entry("h1", HANDMADE_START + 2200));
        } finally {
            local.close();
        }
    }

    @Test
    @Order(12)
    void aGzipFileOfTheServersRecordingPlaysTheSame() throws IOException {
        Path file = files.resolve(id + ".hbrec.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(recorded);
        }
        Tab local = browser.open(page("/replay?t=" + seconds(promotedAt)));
        try {
            browser.focus(local).findElement(By.id("file")).sendKeys(file.toString());
            Map<String, Object> hb = local.awaitStatus("paused", WAIT);
            assertThat(hb.get("recording")).isEqualTo(id + ".hbrec.gz");
            assertThat(number(hb, "duration")).isEqualTo(timeline.duration());
            assertThat(number(hb, "t")).isEqualTo(promotedAt);
            assertThat(memberIds(hb)).containsExactly(ann, cat);
            assertRecordedState(hb);
        } finally {
            local.close();
        }
    }

    @Test
    @Order(13)
    void anotherFileOpenedOnTopOfARecordingReplacesWhatWindowHeartbeatShows() throws IOException {
        requirePlayer();
        Path file = Files.writeString(files.resolve("handmade.hbrec"), HANDMADE, StandardCharsets.UTF_8);
        keys(Keys.HOME);
        new Select(browser.focus(player).findElement(By.id("speed"))).selectByValue("1");
        player.await("the start at 1×, paused", WAIT,
                hb -> number(hb, "t") == 0 && number(hb, "speed") == 1 && "paused".equals(hb.get("status")));
        // The same t, speed and status as before: only the recording differs. (A drop does the same.)
        browser.focus(player).findElement(By.id("file")).sendKeys(file.toString());
        Map<String, Object> hb = player.await("the handmade recording", WAIT, h -> "handmade".equals(h.get("space")));
        assertThat(hb.get("recording")).isEqualTo("handmade.hbrec");
        assertThat(memberIds(hb)).containsExactly("h1");
        assertThat(number(hb, "duration")).isEqualTo(2200L);
    }

    @Test
    @Order(14)
    void thePlayerRaisesNoErrorsAndAsksNothingOfOtherOrigins() {
        assertThat(player.severeConsoleMessages()).as("console errors (CSP refusals, 404s, exceptions)").isEmpty();
        Object foreign = player.script("return performance.getEntriesByType('resource')"
                + ".map(e => e.name).filter(u => !u.startsWith(location.origin + '/'));");
        assertThat((List<?>) foreign).isEmpty();
        // The server's recording was read by time range (overview, events), never downloaded whole.
        List<String> asked = ((List<?>) player.script("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
                + ".filter(p => p.startsWith('/api/recordings/'));")).stream().map(String::valueOf).toList();
        assertThat(asked).isNotEmpty().doesNotContain("/api/recordings/" + id)
                .allSatisfy(path -> assertThat(path).matches("/api/recordings/[^/]+/(events|overview)"));
    }

    /** The first complete download whose name ends with {@code suffix}. */
    private Path awaitDownload(String suffix) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(browser.downloads())) {
                var done = files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
                if (done.isPresent()) return done.get();
            } catch (IOException notThereYet) {
                // the folder appears with the first download
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no " + suffix + " file downloaded to " + browser.downloads());
    }

    /** The page's members, queue and last pulses are the Java Timeline's for the t the page reports. */
    private void assertRecordedState(Map<String, Object> hb) {
        long t = number(hb, "t");
        TimelineState want = timeline.stateAt(t);
        assertThat(members(hb)).as("members at t=" + t).isEqualTo(want.members().stream().map(ReplayPageTest::asMap).toList());
        assertThat(number(hb, "waiting")).as("waiting at t=" + t).isEqualTo(want.waiting());
        Map<String, Long> pulses = new LinkedHashMap<>();
        want.lastPulse().forEach((member, pulse) -> pulses.put(member, startedAt + pulse.t()));
        assertThat(lastPulse(hb)).as("last pulses at t=" + t).isEqualTo(pulses);
    }

    /**
     * While playing, the page's position has fractions of a ms and {@code t} is it rounded: the state
     * is the recording's at t or at the ms before.
     */
    private void assertRecordedStateWhilePlaying(Map<String, Object> hb) {
        long t = number(hb, "t");
        try {
            assertRecordedState(hb);
        } catch (AssertionError atT) {
            Map<String, Object> before = new LinkedHashMap<>(hb);
            before.put("t", t - 1);
            assertRecordedState(before);
        }
    }

    private static Map<String, Object> asMap(Member m) {
        return Map.of("id", m.id(), "name", m.name(), "hue", (long) m.hue(), "phase", m.phase());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> members(Map<String, Object> hb) {
        // Selenium turns whole numbers into Long and the rest into Double; phase is a fraction.
        return ((List<Map<String, Object>>) hb.get("members")).stream().map(m -> {
            Map<String, Object> copy = new LinkedHashMap<>(m);
            copy.put("phase", ((Number) m.get("phase")).doubleValue());
            return Map.copyOf(copy);
        }).toList();
    }

    private static List<String> memberIds(Map<String, Object> hb) {
        return members(hb).stream().map(m -> (String) m.get("id")).toList();
    }

    private static Map<String, Long> lastPulse(Map<String, Object> hb) {
        Map<String, Long> pulses = new LinkedHashMap<>();
        ((Map<?, ?>) hb.get("lastPulse")).forEach((k, v) -> pulses.put((String) k, ((Number) v).longValue()));
        return pulses;
    }

    private static long number(Map<String, Object> hb, String key) {
        Object value = hb.get(key);
        if (!(value instanceof Number n)) throw new AssertionError("window.heartbeat." + key + " is " + value + " in " + hb);
        return n.longValue();
    }

    /** ms as the seconds of {@code ?t=}, exactly: 5123 -> "5.123". */
    private static String seconds(long ms) {
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format("%d.%03d", ms / 1000, ms % 1000).replaceAll("0+$", "");
    }

    private static String clock(long ms) {
        long s = ms / 1000;
        return s / 60 + ":" + String.format("%02d", s % 60);
    }

    /** One failure to load is reported once, by the first test, not again by every step after it. */
    private void requirePlayer() {
        assumeTrue(loaded, "the player tab did not load the recording; see theRecordingLoadsPausedAtTheStart…");
    }

    private void pause() {
        if ("playing".equals(player.status())) click("play");
        player.awaitStatus("paused", WAIT);
    }

    private void click(String elementId) {
        browser.focus(player).findElement(By.id(elementId)).click();
    }

    private String text(String elementId) {
        return player.text(elementId);
    }

    /** Keys pressed with the page itself focused (not a button, the speed list or the seek bar). */
    private void keys(CharSequence... keys) {
        var driver = browser.focus(player);
        driver.executeScript("document.activeElement?.blur();");
        new Actions(driver).sendKeys(keys).perform();
    }

    private static void deleteTree(Path root) {
        if (root == null) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is untidy, not wrong
        }
    }
}
