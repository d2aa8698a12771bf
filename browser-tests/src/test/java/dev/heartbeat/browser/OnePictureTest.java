package dev.heartbeat.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.recording.LastPulse;
import dev.heartbeat.protocol.recording.Timeline;
import dev.heartbeat.protocol.recording.TimelineState;
import dev.heartbeat.protocol.wave.Palette;
import dev.heartbeat.protocol.wave.Waveform;
import dev.heartbeat.server.HeartbeatServer;
import dev.heartbeat.server.config.ServerConfig;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One picture everywhere: a recorded moment (three members, one mid-pulse) drawn by the web player in
 * Chromium and by the desktop viewer's export (the real main class, headless, a JVM of its own), in
 * the dark and in the light look, the page's chosen by the system preference. Both pictures have the
 * palette's background, and along rays from the centre each member's line is where the shared
 * Waveform puts it, in both, in the same hue.
 */
@ExtendWith(Chromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnePictureTest {
    private static final int WINDOW_WIDTH = 1000;
    private static final int WINDOW_HEIGHT = 700;
    private static final String ID = "picture-20261121T200000Z";
    private static final long T = 2_600;
    private static final String RECORDING = """
            {"format":"heartbeat-recording","version":1,"space":"picture","startedAt":"2026-11-21T20:00:00Z","capacity":5}
            {"t":0,"type":"snapshot","members":[{"id":"a","name":"Ada","hue":212,"phase":0.1}],"waiting":0}
            {"t":300,"type":"join","member":{"id":"b","name":"Bo","hue":20,"phase":0.55}}
            {"t":600,"type":"join","member":{"id":"c","name":"Cy","hue":130,"phase":0.95}}
            {"t":2000,"type":"pulse","id":"b","strength":1,"at":1795377602000}
            {"t":4000,"type":"snapshot","members":[{"id":"a","name":"Ada","hue":212,"phase":0.1},{"id":"b","name":"Bo","hue":20,"phase":0.55},{"id":"c","name":"Cy","hue":130,"phase":0.95}],"waiting":0}
            """;

    private Path recordings;
    private Path pictures;
    private HeartbeatServer server;
    private Browser browser;
    private TimelineState state;
    private long serverTime;
    private Tab tab;

    @BeforeAll
    void start() throws IOException {
        recordings = Files.createTempDirectory("heartbeat-picture-");
        pictures = Files.createTempDirectory("heartbeat-picture-out-");
        Files.writeString(recordings.resolve(ID + ".hbrec"), RECORDING, StandardCharsets.UTF_8);
        Timeline timeline = Timeline.read(new ByteArrayInputStream(RECORDING.getBytes(StandardCharsets.UTF_8)), ID);
        state = timeline.stateAt(T);
        serverTime = timeline.header().startedAt().toEpochMilli() + T;
        assertThat(state.members()).hasSize(3);
        server = new HeartbeatServer(ServerConfig.builder().port(0).recordingsFolder(recordings).build()).start();
        browser = Browser.launch(WINDOW_WIDTH, WINDOW_HEIGHT, 1);
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            if (server != null) server.close();
            for (Path folder : new Path[] {recordings, pictures}) {
                try (Stream<Path> paths = Files.walk(folder)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // a leftover temp folder is untidy, not wrong
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dark", "light"})
    void theWebPlayerAndTheDesktopViewerDrawTheSameLinesInTheSameColours(String theme) throws Exception {
        Palette palette = Palette.valueOf(theme.toUpperCase(java.util.Locale.ROOT));
        BufferedImage web = webPicture(theme);
        // The page's canvas fills the viewport; the desktop draws at the same size.
        int width = web.getWidth();
        int height = web.getHeight();
        BufferedImage desktop = desktopPicture(theme, width, height);
        Screenshots.file("one-picture-" + theme + "-web.png").toFile().getParentFile().mkdirs();
        ImageIO.write(web, "png", Screenshots.file("one-picture-" + theme + "-web.png").toFile());
        ImageIO.write(desktop, "png", Screenshots.file("one-picture-" + theme + "-desktop.png").toFile());
        assertThat(desktop.getWidth()).isEqualTo(width).isGreaterThan(WINDOW_WIDTH / 2);
        assertThat(desktop.getHeight()).isEqualTo(height).isGreaterThan(WINDOW_HEIGHT / 2);

        int background = Integer.parseInt(palette.background().substring(1), 16);
        for (int[] corner : new int[][] {{3, 3}, {width - 4, 3}, {3, height - 4}, {width - 4, height - 4}}) {
            assertThat(distance(web.getRGB(corner[0], corner[1]), background)).as("web background, %s", theme).isLessThanOrEqualTo(3);
            assertThat(distance(desktop.getRGB(corner[0], corner[1]), background)).as("desktop background, %s", theme).isLessThanOrEqualTo(3);
        }

        double scale = Math.min(width, height) / 2.0;
        int compared = 0;
        double webLight = 0;
        double desktopLight = 0;
        for (Member member : state.members()) {
            LastPulse pulse = state.lastPulse().get(member.id());
            double since = pulse == null ? Double.NaN : T - pulse.t();
            double strength = pulse == null ? 0 : pulse.strength();
            for (int k = 0; k < 72; k++) {
                double angle = 2 * Math.PI * k / 72;
                double r = Waveform.radius(member.phase(), serverTime, angle, since, strength) * scale;
                if (crowded(member, angle, r, scale)) continue; // another line within a few pixels
                Hit w = strongest(web, angle, r, background);
                Hit d = strongest(desktop, angle, r, background);
                String where = String.format("%s's line at %d°, %s", member.name(), k * 5, theme);
                assertThat(Math.abs(w.radius - r)).as("web: the line is where the Waveform puts it, %s", where).isLessThanOrEqualTo(2.0);
                assertThat(Math.abs(d.radius - r)).as("desktop: the line is where the Waveform puts it, %s", where).isLessThanOrEqualTo(2.0);
                assertThat(hueGap(w.rgb, d.rgb)).as("the same hue on both, %s", where).isLessThanOrEqualTo(12);
                // A thin line blends with the background at its edges, which pulls its hue a little.
                assertThat(hueGap(w.rgb, hueRgb(member.hue()))).as("the member's own hue, %s", where).isLessThanOrEqualTo(20);
                webLight += lightness(w.rgb);
                desktopLight += lightness(d.rgb);
                compared++;
            }
        }
        assertThat(compared).as("points compared").isGreaterThan(100);
        // A one-pixel line is blended with the background more than a wider one, point by point; on
        // average the lines are as light on both.
        assertThat(Math.abs(webLight - desktopLight) / compared).as("mean lightness gap of the lines, %s", theme).isLessThanOrEqualTo(10);
    }

    /** The replay page's canvas at T, its look chosen by the emulated system preference. */
    private BufferedImage webPicture(String theme) throws IOException {
        if (tab == null) tab = browser.open("about:blank");
        browser.focus(tab).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", theme))));
        browser.focus(tab).get("http://localhost:" + server.port() + "/replay/" + ID + "?t=" + T / 1000.0);
        tab.await("paused at " + T, java.time.Duration.ofSeconds(10), hb -> "paused".equals(hb.get("status"))
                && hb.get("t") instanceof Number n && n.longValue() == T);
        String png = (String) tab.script("""
                return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() =>
                  resolve(document.getElementById('stage').toDataURL('image/png').split(',')[1]))));""");
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png)));
    }

    /** The desktop viewer's one frame at T, exported by its main class without a display. */
    private BufferedImage desktopPicture(String theme, int width, int height) throws Exception {
        Path recording = recordings.resolve(ID + ".hbrec");
        Path out = pictures.resolve(theme + ".png");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.heartbeat.desktop.Launcher",
                "--replay", recording.toString(), "--export", out.toString(), "--from", Double.toString(T / 1000.0),
                "--to", Double.toString((T + 1) / 1000.0), "--fps", "1", "--size", width + "x" + height, "--theme", theme));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DISPLAY");
        Process process = builder.start();
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        process.getInputStream().transferTo(said);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("the export said: %s", said).isZero();
        return ImageIO.read(pictures.resolve(theme + "-0001.png").toFile());
    }

    private record Hit(double radius, int rgb) {}

    /** Along the ray at {@code angle}, within 6 px of {@code r}: the pixel least like the background. */
    private static Hit strongest(BufferedImage image, double angle, double r, int background) {
        double cx = image.getWidth() / 2.0;
        double cy = image.getHeight() / 2.0;
        Hit best = new Hit(Double.NaN, 0);
        int most = -1;
        for (double d = r - 6; d <= r + 6; d += 0.25) {
            int x = (int) Math.floor(cx + d * Math.cos(angle));
            int y = (int) Math.floor(cy + d * Math.sin(angle));
            int rgb = image.getRGB(x, y) & 0xffffff;
            int gap = distance(rgb, background);
            if (gap > most) {
                most = gap;
                best = new Hit(d, rgb);
            }
        }
        assertThat(most).as("a line near radius %.1f at %.2f rad", r, angle).isGreaterThan(40);
        return best;
    }

    private boolean crowded(Member member, double angle, double r, double scale) {
        for (Member other : state.members()) {
            if (other == member) continue;
            LastPulse pulse = state.lastPulse().get(other.id());
            double since = pulse == null ? Double.NaN : T - pulse.t();
            double ro = Waveform.radius(other.phase(), serverTime, angle, since, pulse == null ? 0 : pulse.strength()) * scale;
            if (Math.abs(ro - r) < 10) return true;
        }
        return false;
    }

    private static int hueRgb(int hue) {
        return Color.HSBtoRGB(hue / 360f, 1, 1) & 0xffffff;
    }

    /** HSL lightness in percent. */
    private static int lightness(int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        return Math.round((Math.max(r, Math.max(g, b)) + Math.min(r, Math.min(g, b))) / 5.1f);
    }

    /** Degrees between the hues of two colours. */
    private static int hueGap(int a, int b) {
        float ha = Color.RGBtoHSB(a >> 16 & 0xff, a >> 8 & 0xff, a & 0xff, null)[0] * 360;
        float hb = Color.RGBtoHSB(b >> 16 & 0xff, b >> 8 & 0xff, b & 0xff, null)[0] * 360;
        float gap = Math.abs(ha - hb) % 360;
        return Math.round(Math.min(gap, 360 - gap));
    }

    private static int distance(int a, int b) {
        return Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)) + Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff))
                + Math.abs((a & 0xff) - (b & 0xff));
    }
}
