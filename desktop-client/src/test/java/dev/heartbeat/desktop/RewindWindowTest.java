package dev.heartbeat.desktop;

import static dev.heartbeat.desktop.support.Fx.fx;
import static dev.heartbeat.desktop.support.Fx.waitUntil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.desktop.connection.SpaceAddress;
import dev.heartbeat.desktop.state.ConnectionPhase;
import dev.heartbeat.desktop.state.ReplayProgress;
import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.desktop.support.ShownMoment;
import dev.heartbeat.desktop.support.TestClient;
import dev.heartbeat.desktop.support.TestServer;
import dev.heartbeat.desktop.view.Theme;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.recording.Timeline;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Rewinding a live space in the viewer, headless: a real server records the space while another
 * member pulses three times a second; ← goes back in its recording (read by time range), the
 * shown moment is the Java Timeline's, the connection and its live state go on, 4× catches up
 * with the present, the slider goes back and End goes live.
 */
class RewindWindowTest {
    @TempDir
    Path recordings;
    private final FxRobot robot = new FxRobot();
    private final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
    private TestServer server;
    private TestClient bo;
    private ViewerApp app;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void aSpaceWithTraffic() throws Exception {
        server = TestServer.recording(5, recordings);
        bo = TestClient.join(server, "lobby", "Bo");
        traffic.scheduleAtFixedRate(bo::pulse, 0, 330, TimeUnit.MILLISECONDS);
        Preferences node = Preferences.userRoot().node("dev/heartbeat/desktop-rewind-test");
        node.clear();
        ViewerOptions options = new ViewerOptions(Optional.of(server.url()), Optional.of("lobby"), Optional.of("Ada"),
                Optional.empty(), Optional.of(Theme.DARK));
        app = (ViewerApp) FxToolkit.setupApplication(() -> new ViewerApp(options, new ViewerPreferences(node)));
        waitUntil(() -> live().phase() == ConnectionPhase.ONLINE);
        waitUntil(() -> fx(() -> app.rewinder().map(r -> r.available()).orElse(false)));
        waitUntil(() -> fx(() -> robot.lookup("#replay-bar").query().isVisible() && "Live".equals(text("#replay-time"))));
        // Enough history that five seconds back is well into the other member's pulses.
        Thread.sleep(8_000);
    }

    @AfterEach
    void tearDown() throws Exception {
        traffic.shutdownNow();
        if (app != null) FxToolkit.cleanupApplication(app);
        if (bo != null) bo.closeBlocking();
        if (server != null) server.close();
    }

    @Test
    void leftArrowGoesBack_theMomentIsTheRecordings_theConnectionGoesOn_theSliderGoesBackAndEndGoesLive() throws Exception {
        long before = System.currentTimeMillis();
        robot.press(KeyCode.LEFT).release(KeyCode.LEFT);
        waitUntil(() -> app.store().rewinding() && shown().replay().isPresent());
        long behind = before - shown().serverTimeAt(System.currentTimeMillis());
        assertThat(behind).as("ms behind the present").isBetween(3_000L, 10_000L);
        assertThat(fx(() -> text("#status"))).startsWith("Looking back in lobby").contains("still connected");

        robot.press(KeyCode.K).release(KeyCode.K);
        waitUntil(() -> !progress().playing());
        String id = fx(() -> app.rewinder().orElseThrow().recording().orElseThrow().id());
        Timeline recorded = Timeline.read(new ByteArrayInputStream(download(id)), id);
        ViewerState past = fx(() -> app.store().shown());
        long position = past.replay().orElseThrow().position();
        assertThat(ShownMoment.of(past)).as("at %d ms", position).isEqualTo(ShownMoment.of(recorded, position));
        assertThat(past.lastPulseOf(bo.id())).isPresent();
        assertThat(fx(() -> text("#replay-time"))).endsWith("ago");

        TestClient cy = TestClient.join(server, "lobby", "Cy");
        try {
            waitUntil(() -> live().members().stream().anyMatch(m -> m.id().equals(cy.id())));
            assertThat(live().phase()).isEqualTo(ConnectionPhase.ONLINE);
            assertThat(shown().members()).extracting(Member::id).doesNotContain(cy.id());
        } finally {
            cy.closeBlocking();
        }

        // The slider goes anywhere in the recording; End goes live.
        robot.interact(() -> robot.lookup("#replay-seek").queryAs(Slider.class).setValue(2_000));
        waitUntil(() -> app.store().rewinding() && shown().replay().map(r -> r.position() >= 2_000 && r.position() < 3_000).orElse(false));
        assertThat(shown().members()).extracting(Member::id).contains(bo.id());
        robot.press(KeyCode.END).release(KeyCode.END);
        waitUntil(() -> !app.store().rewinding());
        Thread.sleep(500);
        assertThat(app.store().rewinding()).as("still live: no part loaded late takes it back").isFalse();
        assertThat(fx(() -> robot.lookup("#replay-go-live").query().isDisabled())).isTrue();
        // Space pulses the live line again.
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        waitUntil(() -> live().lastPulseOf(live().you().orElseThrow().id()).isPresent());
    }

    @Test
    void atFourTimesTheSpeedItCatchesUpWithThePresent_andHelpListsEveryShortcut() throws Exception {
        robot.press(KeyCode.LEFT).release(KeyCode.LEFT);
        waitUntil(() -> app.store().rewinding() && shown().replay().isPresent());
        robot.press(KeyCode.ADD).release(KeyCode.ADD);
        robot.press(KeyCode.ADD).release(KeyCode.ADD);
        waitUntil(() -> progress().speed() == 4.0);
        long t0 = progress().position();
        long wall0 = System.nanoTime();
        waitUntil(() -> progress().position() > t0 + 2_000);
        double perMs = (progress().position() - t0) / ((System.nanoTime() - wall0) / 1e6);
        assertThat(perMs).as("recorded ms per real ms").isGreaterThan(1.5);
        waitUntil(() -> !app.store().rewinding());
        assertThat(fx(() -> text("#replay-time"))).isEqualTo("Live");
        assertThat(fx(() -> text("#status"))).startsWith("Active in lobby as Ada");

        // Help → Keyboard shortcuts (F1) lists every key.
        robot.press(KeyCode.F1).release(KeyCode.F1);
        waitUntil(() -> fx(() -> robot.lookup("#shortcuts").tryQuery().isPresent()));
        String listed = fx(() -> robot.lookup("#shortcuts").queryAll().iterator().next().lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + "\n" + b));
        assertThat(listed).contains("go live: back to the present", "go back 5 s in this space", "pulse your line", "this list");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> fx(() -> robot.lookup("#shortcuts").tryQuery().isEmpty()));
    }

    private byte[] download(String id) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.http("/api/recordings/" + id))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private ViewerState live() {
        return app.store().state();
    }

    private ViewerState shown() {
        return app.store().shown();
    }

    private ReplayProgress progress() {
        return shown().replay().orElseThrow();
    }

    private String text(String id) {
        return ((Label) robot.lookup(id).query()).getText();
    }
}
